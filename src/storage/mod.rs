//! The SQLite database: the only module that talks to rusqlite.
//!
//! Every write is one transaction. The schema evolves through the append-only list in
//! [`migrations`]; a copy of the database is taken before each migration and each import.

pub mod backup;
mod load;
pub mod merge;
pub mod migrations;
pub mod programmes;
mod save;
pub mod texts;

pub use load::CampaignRow;
pub use merge::{
    FieldConflict, ImportRecord, MergeChoices, MergePlan, MergeSummary, Outcome, ResponsePlan, Side, sha256_hex,
};
pub use programmes::{ProgrammeImport, ProgrammeRow};
pub use save::{ChangeEntry, ImportSummary, SaveOutcome};

use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};

/// What can go wrong with the database, in words an analyst can act on.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{}: файл не является базой данных mms-monitor (SQLite) — откройте другой файл или создайте новую базу", path.display())]
    NotADatabase { path: PathBuf },
    #[error("{}: база данных создана более новой версией программы (схема {found}, эта версия знает до {known}) — обновите программу", path.display())]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("{}: база данных занята другой копией программы — закройте её и повторите", path.display())]
    Locked { path: PathBuf },
    #[error("{}: не удалось открыть базу данных: {error}", path.display())]
    Open { path: PathBuf, error: std::io::Error },
    #[error("{}: не удалось сделать резервную копию: {error}", path.display())]
    Backup { path: PathBuf, error: std::io::Error },
    #[error("кампания «{0}» не найдена — список кампаний выводит команда `mms-monitor campaigns`")]
    CampaignNotFound(String),
    #[error("программа «{0}» не найдена — список программ выводит команда `mms-monitor programme list`")]
    ProgrammeNotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("муниципалитета «{0}» нет среди анкет кампании")]
    NotInCampaign(String),
    #[error("в базе данных повреждена запись: {0}")]
    Corrupt(String),
    /// The SQLite message is part of the text, not a `source`, so `{:#}` prints it once.
    #[error("ошибка базы данных: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StorageError {
    fn from(e: rusqlite::Error) -> Self {
        StorageError::Sqlite(e)
    }
}

/// An open database.
pub struct Db {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).finish()
    }
}

/// The header every SQLite 3 file starts with.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

impl Db {
    /// Opens (or creates) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Db, StorageError> {
        let existed = path.exists() && std::fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false);
        if existed {
            check_header(path)?;
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|error| StorageError::Open { path: path.to_path_buf(), error })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(e, path))?;
        let mut db = Db { conn, path: path.to_path_buf() };
        db.configure().map_err(|e| db.explain(e))?;
        db.migrate(existed).map_err(|e| db.explain(e))?;
        Ok(db)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&self) -> Result<(), StorageError> {
        self.conn.busy_timeout(std::time::Duration::from_secs(3))?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        let _: String = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        Ok(())
    }

    /// The schema version stored in the file.
    pub fn schema_version(&self) -> Result<i64, StorageError> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn migrate(&mut self, existed: bool) -> Result<(), StorageError> {
        let found = self.schema_version()?;
        let known = migrations::latest();
        if found > known {
            return Err(StorageError::TooNew { path: self.path.clone(), found, known });
        }
        if found == known {
            return Ok(());
        }
        if existed && found > 0 {
            backup::backup(&self.conn, &self.path, &format!("before-migration-{}", found + 1))?;
        }
        let tx = self.conn.transaction()?;
        for (index, sql) in migrations::MIGRATIONS.iter().enumerate().skip(found as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Takes a backup copy now (the «Резервная копия…» command).
    pub fn backup(&self, reason: &str) -> Result<PathBuf, StorageError> {
        backup::backup(&self.conn, &self.path, reason)
    }

    /// Turns low-level "busy" and "not a database" errors into their plain-language variants.
    pub(crate) fn explain(&self, e: StorageError) -> StorageError {
        match e {
            StorageError::Sqlite(inner) => classify(inner, &self.path),
            other => other,
        }
    }
}

fn classify(e: rusqlite::Error, path: &Path) -> StorageError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StorageError::Locked { path: path.to_path_buf() },
        Some(ErrorCode::NotADatabase) => StorageError::NotADatabase { path: path.to_path_buf() },
        _ => StorageError::Sqlite(e),
    }
}

fn check_header(path: &Path) -> Result<(), StorageError> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|error| StorageError::Open { path: path.to_path_buf(), error })?;
    match file.read_exact(&mut header) {
        Ok(()) if &header == SQLITE_HEADER => Ok(()),
        _ => Err(StorageError::NotADatabase { path: path.to_path_buf() }),
    }
}

/// Current time for the change log, UTC, RFC 3339.
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests;
