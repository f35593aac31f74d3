//! Copies of the database taken before a migration or an import, newest few kept.

use super::StorageError;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// How many backups of one database are kept.
pub const KEEP: usize = 10;

/// Folder of the backups of the database at `db_path`.
pub fn folder(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("backups")
}

/// Writes a consistent copy (`VACUUM INTO`, safe with WAL) and prunes old copies.
pub fn backup(conn: &Connection, db_path: &Path, reason: &str) -> Result<PathBuf, StorageError> {
    let dir = folder(db_path);
    std::fs::create_dir_all(&dir).map_err(|error| StorageError::Backup { path: dir.clone(), error })?;
    let stem = db_path.file_stem().and_then(|s| s.to_str()).unwrap_or("database");
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%.3f");
    let mut target = dir.join(format!("{stem}-{stamp}-{reason}.db"));
    let mut n = 1;
    while target.exists() {
        target = dir.join(format!("{stem}-{stamp}-{reason}-{n}.db"));
        n += 1;
    }
    let Some(target_text) = target.to_str() else {
        return Err(StorageError::Backup {
            path: target,
            error: std::io::Error::other("путь к копии не является текстом Unicode"),
        });
    };
    conn.execute("VACUUM INTO ?1", [target_text])?;
    prune(&dir, stem);
    Ok(target)
}

/// The backups of the database at `db_path`, oldest first.
pub fn list(db_path: &Path) -> Vec<PathBuf> {
    let stem = db_path.file_stem().and_then(|s| s.to_str()).unwrap_or("database");
    list_in(&folder(db_path), stem)
}

fn list_in(dir: &Path, stem: &str) -> Vec<PathBuf> {
    let prefix = format!("{stem}-");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "db")
                && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&prefix))
        })
        .collect();
    found.sort();
    found
}

/// Removes all but the newest [`KEEP`] backups; failures to delete are harmless.
fn prune(dir: &Path, stem: &str) {
    let found = list_in(dir, stem);
    let excess = found.len().saturating_sub(KEEP);
    for old in found.into_iter().take(excess) {
        let _ = std::fs::remove_file(old);
    }
}
