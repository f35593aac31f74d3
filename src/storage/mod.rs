//! The SQLite database: the only module that talks to rusqlite.
//!
//! Every write is one transaction. The schema evolves through the append-only list in
//! [`migrations`]; a checked copy of the database is taken before each migration and each
//! import ([`backup`]). SQLite's conditions become Russian messages in one place, [`classify`].

pub mod backup;
mod bounds;
mod history;
mod load;
pub mod merge;
mod methodology;
pub mod migrations;
mod persons;
pub mod programmes;
mod review;
mod save;
pub mod texts;

pub use load::CampaignRow;
pub use merge::{
    FieldConflict, ImportRecord, MergeChoices, MergePlan, MergeSummary, Outcome, ResponsePlan, Side, UnknownChoice,
    sha256_hex,
};
pub use persons::NextCampaign;
pub use programmes::{ProgrammeImport, ProgrammeRow};
pub use save::{ChangeEntry, ImportSummary, SaveOutcome};

use crate::files::{self, Access};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};

/// What can go wrong with the database, in words an analyst can act on.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{}: файл не является базой данных mms-monitor (SQLite) — откройте другой файл или создайте новую базу{}", path.display(), if_ours_restore(backup.as_deref()))]
    NotADatabase { path: PathBuf, backup: Option<PathBuf> },
    #[error("{}: база данных создана более новой версией программы (схема {found}, эта версия знает до {known}) — обновите программу", path.display())]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("{}: база данных занята другой копией программы — закройте её и повторите", path.display())]
    Locked { path: PathBuf },
    #[error("{}: не удалось открыть базу данных: {}", path.display(), crate::files::describe(error))]
    Open { path: PathBuf, error: std::io::Error },
    #[error("{}: не удалось сделать резервную копию, база данных не изменена: {}", path.display(), crate::files::describe(error))]
    Backup { path: PathBuf, error: std::io::Error },
    #[error("{}: база данных повреждена (файл испорчен) — {}", path.display(), restore_advice(path, backup.as_deref()))]
    Damaged { path: PathBuf, backup: Option<PathBuf> },
    #[error("{}: ошибка чтения или записи диска при работе с базой данных — проверьте диск и повторите; если ошибка не проходит, {}", path.display(), restore_advice(path, backup.as_deref()))]
    DiskIo { path: PathBuf, backup: Option<PathBuf> },
    #[error("{}: на диске нет места — база данных не изменена; освободите место и повторите", path.display())]
    DiskFull { path: PathBuf },
    #[error("{}: запись в базу данных невозможна — файл или его каталог доступен только для чтения; проверьте права доступа или укажите другую базу: --db ПУТЬ", path.display())]
    ReadOnly { path: PathBuf },
    #[error("{}: не удалось открыть файл базы данных — путь должен указывать на файл в существующем доступном каталоге", path.display())]
    CannotOpen { path: PathBuf },
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
    /// An SQLite error not tied to a file yet; [`Db::explain`] turns the known conditions into
    /// the variants above. Shown by its code, in Russian (SQLite's own text is English).
    #[error("{}", describe_sqlite(.0))]
    Sqlite(rusqlite::Error),
}

/// What to do with a damaged database: the newest good backup, or where backups would be.
fn restore_advice(path: &Path, backup: Option<&Path>) -> String {
    match backup {
        Some(copy) => {
            format!("закройте программу и замените файл базы последней исправной резервной копией: {}", copy.display())
        }
        None => {
            format!("резервных копий в {} нет; восстановите файл базы из своего архива", backup::folder(path).display())
        }
    }
}

/// For a file that is not a database: if backups of a database of this name exist, it may have
/// been ours, damaged — name the copy to restore.
fn if_ours_restore(backup: Option<&Path>) -> String {
    backup
        .map(|copy| {
            format!(
                "; если это была база программы, восстановите её из последней исправной резервной копии: {}",
                copy.display()
            )
        })
        .unwrap_or_default()
}

/// An SQLite error in Russian, without a file name (see [`classify`] for the full message).
pub(crate) fn describe_sqlite(e: &rusqlite::Error) -> String {
    use rusqlite::Error as E;
    let code = match e {
        E::SqliteFailure(failure, _) => failure.code,
        E::QueryReturnedNoRows => return "в базе данных не найдена ожидаемая запись".into(),
        E::FromSqlConversionFailure(..) | E::IntegralValueOutOfRange(..) | E::InvalidColumnType(..) => {
            return "в базе данных повреждена запись (значение не того типа)".into();
        }
        _ => return "внутренняя ошибка при работе с базой данных".into(),
    };
    let text = match code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => "база данных занята другой копией программы",
        ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => "база данных повреждена",
        ErrorCode::ReadOnly => "база данных доступна только для чтения",
        ErrorCode::CannotOpen => "не удалось открыть файл базы данных",
        ErrorCode::DiskFull => "на диске нет места",
        ErrorCode::SystemIoFailure => "ошибка чтения или записи диска",
        ErrorCode::ConstraintViolation => "данные нарушают ограничение базы данных",
        ErrorCode::OutOfMemory => "недостаточно памяти",
        ErrorCode::PermissionDenied => "нет прав доступа к базе данных",
        ErrorCode::TooBig => "значение слишком велико для базы данных",
        _ => "внутренняя ошибка базы данных",
    };
    match e {
        E::SqliteFailure(failure, _) => format!("{text} (код SQLite {})", failure.extended_code),
        _ => text.to_string(),
    }
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
        if path.is_dir() {
            let error = std::io::Error::from(std::io::ErrorKind::IsADirectory);
            return Err(StorageError::Open { path: path.to_path_buf(), error });
        }
        let existed = path.exists() && std::fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false);
        if existed {
            check_header(path)?;
        } else {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|error| {
                    // A file where a folder of the path should be: say that, not «already exists».
                    let error = match error.kind() {
                        std::io::ErrorKind::AlreadyExists => std::io::Error::from(std::io::ErrorKind::NotADirectory),
                        _ => error,
                    };
                    StorageError::Open { path: path.to_path_buf(), error }
                })?;
            }
            // Created by us, owner-only, before SQLite creates it 0644; its journals inherit the mode.
            if !path.exists() {
                files::create_new(path, Access::Private)
                    .map_err(|error| StorageError::Open { path: path.to_path_buf(), error })?;
            }
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
        // Room for every statement an import repeats per questionnaire (about 20): with
        // rusqlite's default of 16 they pushed each other out and were prepared again each time.
        self.conn.set_prepared_statement_cache_capacity(64);
        self.conn.pragma_update(None, "foreign_keys", true)?;
        // 64 MB of page cache instead of SQLite's 2 MB: a federal import's pages stay in memory
        // until the commit instead of being spilled to the WAL and read back mid-transaction.
        self.conn.pragma_update(None, "cache_size", -65_536)?;
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
        let tx = backup::lock(&self.conn, &self.path)?;
        // Another copy of the program may have migrated while we waited for the lock.
        let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found >= known {
            return Ok(());
        }
        if existed && found > 0 {
            backup::copy_locked(&tx, &self.path, &format!("before-migration-{}", found + 1))?;
        }
        for (index, sql) in migrations::MIGRATIONS.iter().enumerate().skip(found as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Takes a backup copy now (the «Резервная копия…» command); refused while the database
    /// is locked.
    pub fn backup(&self, reason: &str) -> Result<PathBuf, StorageError> {
        let lock = backup::lock(&self.conn, &self.path)?;
        backup::copy_locked(&lock, &self.path, reason).map_err(|e| self.explain(e))
    }

    /// Starts an import's transaction: the write lock first (a locked database is refused
    /// before any copy is made), then a backup copy if the database holds data.
    pub(crate) fn begin_import(&self) -> Result<(rusqlite::Transaction<'_>, Option<PathBuf>), StorageError> {
        // A read-only file takes SQLite's write lock all the same: refuse it before a copy is
        // made, so refused imports never push real restore points out.
        if self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(StorageError::ReadOnly { path: self.path.clone() });
        }
        let tx = backup::lock(&self.conn, &self.path)?;
        let copy = if self.has_data()? { Some(backup::copy_locked(&tx, &self.path, "before-import")?) } else { None };
        Ok((tx, copy))
    }

    /// Turns a low-level SQLite error into its plain-language variant naming this file.
    /// Every public method passes its errors through this once, at its boundary, so an error
    /// means the same whichever command met it.
    pub(crate) fn explain(&self, e: StorageError) -> StorageError {
        match e {
            StorageError::Sqlite(inner) => classify(inner, &self.path),
            other => other,
        }
    }
}

/// The one place an SQLite condition becomes a message naming the file and what to do.
fn classify(e: rusqlite::Error, path: &Path) -> StorageError {
    let path = path.to_path_buf();
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StorageError::Locked { path },
        Some(ErrorCode::NotADatabase) => StorageError::NotADatabase { backup: backup::newest(&path), path },
        Some(ErrorCode::DatabaseCorrupt) => StorageError::Damaged { backup: backup::newest(&path), path },
        Some(ErrorCode::SystemIoFailure) => StorageError::DiskIo { backup: backup::newest(&path), path },
        Some(ErrorCode::DiskFull) => StorageError::DiskFull { path },
        Some(ErrorCode::ReadOnly) => StorageError::ReadOnly { path },
        Some(ErrorCode::CannotOpen) => StorageError::CannotOpen { path },
        _ => StorageError::Sqlite(e),
    }
}

fn check_header(path: &Path) -> Result<(), StorageError> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|error| StorageError::Open { path: path.to_path_buf(), error })?;
    match file.read_exact(&mut header) {
        Ok(()) if &header == SQLITE_HEADER => Ok(()),
        _ => Err(StorageError::NotADatabase { path: path.to_path_buf(), backup: backup::newest(path) }),
    }
}

/// A date as the database stores it (`YYYY-MM-DD`, chrono's `%Y-%m-%d`). The plain ten-character
/// form is read without chrono's format parser (the registry reads 675,000 course dates);
/// anything else goes through the parser, so both accept the same texts.
fn iso_date(text: &str) -> Option<chrono::NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
    {
        return chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Current time for the change log, UTC, RFC 3339.
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests;
