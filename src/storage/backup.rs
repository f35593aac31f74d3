//! Copies of the database taken before a migration or an import; the newest good ones kept.
//!
//! A copy is taken while the write lock is held, so a locked database is refused before any
//! copy is made. It is written under a temporary name (owner-only on Unix), flushed to disk,
//! checked with `PRAGMA quick_check`, and only then renamed into place. Only checked copies
//! count towards [`KEEP`]: failed copies never push out good ones, and a copy identical to the
//! newest one kept is not stored twice.

use super::StorageError;
use crate::files::{self, Access};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// How many backups of one database are kept.
pub const KEEP: usize = 10;

/// What a copy in progress is called; the final name drops it.
const TEMP_SUFFIX: &str = ".tmp";

/// Folder of the backups of the database at `db_path`.
pub fn folder(db_path: &Path) -> PathBuf {
    files::folder(db_path).join("backups")
}

fn stem(db_path: &Path) -> &str {
    db_path.file_stem().and_then(|s| s.to_str()).unwrap_or("database")
}

/// Takes the database's write lock (an immediate transaction), or says it is busy.
/// Dropping the transaction without committing releases the lock and changes nothing.
pub(crate) fn lock<'c>(conn: &'c Connection, db_path: &Path) -> Result<Transaction<'c>, StorageError> {
    Transaction::new_unchecked(conn, TransactionBehavior::Immediate).map_err(|e| super::classify(e, db_path))
}

/// Writes a checked copy of the database while `_lock` holds its write lock, and prunes old
/// copies. Returns the copy's path (an identical newest copy is returned instead of a new one).
pub(crate) fn copy_locked(_lock: &Transaction<'_>, db_path: &Path, reason: &str) -> Result<PathBuf, StorageError> {
    let dir = folder(db_path);
    let backup_error = |path: &Path, error: std::io::Error| StorageError::Backup { path: path.to_path_buf(), error };
    files::create_folder(&dir, Access::Private).map_err(|e| backup_error(&dir, e))?;
    let stem = stem(db_path);
    // Under the write lock no other copy of the program is taking a backup: whatever
    // temporary is there was left by a killed process.
    remove_orphans(&dir, stem);
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%.3f");
    let mut target = dir.join(format!("{stem}-{stamp}-{reason}.db"));
    let mut n = 1;
    while target.exists() {
        target = dir.join(format!("{stem}-{stamp}-{reason}-{n}.db"));
        n += 1;
    }
    let mut tmp = target.clone().into_os_string();
    tmp.push(TEMP_SUFFIX);
    let tmp = PathBuf::from(tmp);
    let result = write_checked(db_path, &tmp, &target);
    let result = result.and_then(|()| match newest_in(&dir, stem) {
        Some(newest) if same_contents(&newest, &tmp) => {
            remove_with_journals(&tmp);
            Ok(newest)
        }
        _ => {
            std::fs::rename(&tmp, &target).map_err(|e| backup_error(&target, e))?;
            files::sync_folder(&dir);
            Ok(target)
        }
    });
    if result.is_err() {
        remove_with_journals(&tmp);
    } else {
        prune(&dir, stem);
    }
    result
}

/// `VACUUM INTO` a new owner-only file through a second, read-only connection (a connection
/// inside a transaction cannot vacuum; the lock keeps the data still meanwhile), then flushes
/// and checks it.
fn write_checked(db_path: &Path, tmp: &Path, target: &Path) -> Result<(), StorageError> {
    let backup_error = |error: std::io::Error| StorageError::Backup { path: target.to_path_buf(), error };
    drop(files::create_new(tmp, Access::Private).map_err(backup_error)?);
    let Some(tmp_text) = tmp.to_str() else {
        return Err(backup_error(std::io::Error::other("путь к копии не является текстом Unicode")));
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let source = Connection::open_with_flags(db_path, flags).map_err(|e| super::classify(e, db_path))?;
    source.execute("VACUUM INTO ?1", [tmp_text]).map_err(|e| copy_failed(e, db_path, target))?;
    drop(source);
    std::fs::File::open(tmp).and_then(|f| f.sync_all()).map_err(backup_error)?;
    let check = Connection::open_with_flags(tmp, flags).map_err(|e| copy_failed(e, db_path, target))?;
    let verdict: String =
        check.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|e| copy_failed(e, db_path, target))?;
    if verdict != "ok" {
        return Err(backup_error(std::io::Error::other("копия не прошла проверку целостности")));
    }
    Ok(())
}

/// A failure while writing or checking the copy: a damaged database is named as such (with
/// the backup to restore), anything else (disk full, I/O error) is a failed copy.
fn copy_failed(e: rusqlite::Error, db_path: &Path, target: &Path) -> StorageError {
    let io = match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
            return super::classify(e, db_path);
        }
        Some(rusqlite::ErrorCode::DiskFull) => std::io::Error::from(std::io::ErrorKind::StorageFull),
        _ => std::io::Error::other(super::describe_sqlite(&e)),
    };
    StorageError::Backup { path: target.to_path_buf(), error: io }
}

fn same_contents(a: &Path, b: &Path) -> bool {
    let (Ok(meta_a), Ok(meta_b)) = (std::fs::metadata(a), std::fs::metadata(b)) else { return false };
    if meta_a.len() != meta_b.len() {
        return false;
    }
    // Chunk by chunk: a federal database need not be held in memory twice.
    let (Ok(file_a), Ok(file_b)) = (std::fs::File::open(a), std::fs::File::open(b)) else { return false };
    let (mut reader_a, mut reader_b) = (std::io::BufReader::new(file_a), std::io::BufReader::new(file_b));
    let (mut chunk_a, mut chunk_b) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        use std::io::Read;
        let n = match reader_a.read(&mut chunk_a) {
            Ok(0) => return true,
            Ok(n) => n,
            Err(_) => return false,
        };
        if reader_b.read_exact(&mut chunk_b[..n]).is_err() || chunk_a[..n] != chunk_b[..n] {
            return false;
        }
    }
}

fn remove_with_journals(tmp: &Path) {
    let _ = std::fs::remove_file(tmp);
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut side = tmp.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
}

/// Whether `name` is a copy of the database `stem`: `STEM-YYYYMMDD-…` — so the copies of
/// `t.db` are not confused with those of `t-2.db` in the same folder.
fn is_copy_of(name: &str, stem: &str) -> bool {
    let Some(rest) = name.strip_prefix(stem).and_then(|r| r.strip_prefix('-')) else { return false };
    let bytes = rest.as_bytes();
    bytes.len() > 9 && bytes[..8].iter().all(u8::is_ascii_digit) && bytes[8] == b'-'
}

/// Copies in progress left by a killed process, their journals, and empty copies.
fn remove_orphans(dir: &Path, stem: &str) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        if !is_copy_of(name, stem) {
            continue;
        }
        let temporary = [".db.tmp", ".db.tmp-journal", ".db.tmp-wal", ".db.tmp-shm"].iter().any(|s| name.ends_with(s));
        let empty = name.ends_with(".db") && entry.metadata().is_ok_and(|m| m.len() == 0);
        if temporary || empty {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The good backups of the database at `db_path`, oldest first.
pub fn list(db_path: &Path) -> Vec<PathBuf> {
    list_in(&folder(db_path), stem(db_path))
}

/// The newest good backup of the database at `db_path`, to restore from.
pub fn newest(db_path: &Path) -> Option<PathBuf> {
    newest_in(&folder(db_path), stem(db_path))
}

fn newest_in(dir: &Path, stem: &str) -> Option<PathBuf> {
    list_in(dir, stem).pop()
}

fn list_in(dir: &Path, stem: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "db")
                && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| is_copy_of(n, stem))
                && super::check_header(p).is_ok()
        })
        .collect();
    found.sort();
    found
}

/// Removes all but the newest [`KEEP`] good backups; failures to delete are harmless.
fn prune(dir: &Path, stem: &str) {
    let found = list_in(dir, stem);
    let excess = found.len().saturating_sub(KEEP);
    for old in found.into_iter().take(excess) {
        let _ = std::fs::remove_file(old);
    }
}

#[cfg(test)]
mod tests {
    use super::is_copy_of;

    #[test]
    fn copies_are_told_apart_by_their_database() {
        assert!(is_copy_of("t-20261201-094437.193-before-import.db", "t"));
        assert!(is_copy_of("t-20261201-094437.193-manual.db.tmp", "t"));
        assert!(!is_copy_of("t-2-20261201-094437.193-manual.db", "t"));
        assert!(is_copy_of("t-2-20261201-094437.193-manual.db", "t-2"));
        assert!(!is_copy_of("t-notes.db", "t"));
    }
}
