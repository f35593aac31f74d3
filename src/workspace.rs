//! The core shared by the command line and the app: where the database lives, opening it
//! (the default one created and seeded with the sample on first use), reading a file to import
//! and writing an export by its extension. Neither `cli` nor `ui` does these any other way.

use crate::interchange::{self, FieldPackage, InterchangeError};
use crate::methodology::Assessment;
use crate::model::Campaign;
use crate::sheets::{self, FileKind};
use crate::storage::{Db, sha256_hex};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The sample campaign every new default database starts with.
pub const SAMPLE_JSON: &str = include_str!("../sample_data/primorye-2022.json");

/// Environment variable that overrides the location of the default database.
pub const DB_ENV: &str = "MMS_MONITOR_DB";

/// Where the default database lives: `$MMS_MONITOR_DB`, else the user's data directory
/// (`%APPDATA%\pkiro\mms-monitor\data` on Windows, `~/.local/share/mms-monitor` on Linux).
pub fn default_db_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dirs = directories::ProjectDirs::from("ru", "pkiro", "mms-monitor")
        .context("не удалось определить каталог данных пользователя; укажите базу явно: --db ПУТЬ")?;
    Ok(dirs.data_dir().join("mms-monitor.db"))
}

/// What the caller is going to do with a database given by path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Only reading (`campaigns`, `assess`, `export`, `report`): a file that does not exist is
    /// a mistyped path, never a reason to create one.
    Read,
    /// Writing (`import`, the app): a missing file — and its folders — are created, and the
    /// caller is told so.
    Write,
}

/// An open database and what opening it created.
#[derive(Debug)]
pub struct Opened {
    pub db: Db,
    /// Folders and the database file made by this opening, outermost first; empty when the
    /// database already existed.
    pub created: Vec<PathBuf>,
}

impl Opened {
    /// One Russian sentence naming what was created, for the user to see; `None` when nothing was.
    pub fn created_message(&self) -> Option<String> {
        let (file, folders) = self.created.split_last()?;
        let mut message = format!("Создана новая база данных {}", file.display());
        if !folders.is_empty() {
            let names: Vec<String> = folders.iter().map(|f| f.display().to_string()).collect();
            message.push_str(&format!(" (созданы каталоги: {})", names.join(", ")));
        }
        Some(message)
    }
}

/// Opens the database at `path`, or the default one — created and seeded with the sample
/// campaign on first use, whatever the access.
pub fn open_db(path: Option<&Path>, access: Access) -> Result<Opened> {
    if let Some(path) = path {
        let created = to_create(path);
        if access == Access::Read && !created.is_empty() {
            anyhow::bail!("{}", missing_database(path, &created));
        }
        return Ok(Opened { db: Db::open(path)?, created });
    }
    let path = default_db_path()?;
    let created = to_create(&path);
    let mut db = Db::open(&path)?;
    if !created.is_empty() && !db.has_data()? {
        let sample = interchange::parse(SAMPLE_JSON)
            .map_err(|problems| InterchangeError::Invalid {
                file: "встроенный пример".into(), problems
            })?;
        db.import_campaign(&sample, "встроенный пример Приморье 2022")?;
    }
    Ok(Opened { db, created })
}

/// The folders (outermost first) and the file that opening `path` would create.
fn to_create(path: &Path) -> Vec<PathBuf> {
    if path.exists() {
        return Vec::new();
    }
    let mut created: Vec<PathBuf> = path
        .ancestors()
        .skip(1)
        .filter(|dir| !dir.as_os_str().is_empty())
        .take_while(|dir| !dir.exists())
        .map(Path::to_path_buf)
        .collect();
    created.reverse();
    created.push(path.to_path_buf());
    created
}

/// Why a database for reading is not there, naming the outermost folder that is missing.
fn missing_database(path: &Path, missing: &[PathBuf]) -> String {
    match missing.split_last() {
        Some((_, [outermost, ..])) => format!(
            "{}: базы данных нет — каталога {} не существует; проверьте путь в --db (создаёт базу только импорт)",
            path.display(),
            outermost.display()
        ),
        _ => format!(
            "{}: базы данных нет — проверьте путь в --db (новую базу создаёт импорт: mms-monitor import ФАЙЛ --db ПУТЬ)",
            path.display()
        ),
    }
}

/// What an import file holds.
#[derive(Debug)]
pub enum ImportFile {
    /// Questionnaires (JSON or a workbook): imported as they are.
    Questionnaires(Campaign),
    /// A field package («Экспорт для выезда»): merged against its bases.
    Package(FieldPackage),
}

/// Reads a file to import once — its bytes for the SHA-256 the import is recorded with, one
/// parse for its contents — for the command line and the app alike.
pub fn read_import_file(file: &Path) -> Result<(ImportFile, String)> {
    // Each reader refuses a file beyond its size limit before reading it.
    let bytes = match FileKind::of(file) {
        Some(FileKind::Xlsx | FileKind::Ods | FileKind::Csv) => sheets::read_bytes(file)?,
        Some(FileKind::Json) | None => interchange::read_bytes(file)?,
    };
    let sha256 = sha256_hex(&bytes);
    let contents = match FileKind::of(file) {
        Some(FileKind::Xlsx | FileKind::Ods | FileKind::Csv) => {
            ImportFile::Questionnaires(sheets::parse_file(file, &bytes)?)
        }
        Some(FileKind::Json) | None => {
            let package = interchange::parse_package(&bytes)
                .map_err(|problems| InterchangeError::Invalid { file: file.display().to_string(), problems })?;
            match package.head {
                Some(_) => ImportFile::Package(package),
                None => ImportFile::Questionnaires(package.campaign),
            }
        }
    };
    Ok((contents, sha256))
}

/// Reads a programme file to import: the programme's JSON (`docs/programmes.md`), or its XLSX
/// template filled in (saved as `.xlsx` or `.ods`), whose programme must already be in `db`
/// (the template carries only the values). The command line's `programme import` and the app's
/// «Импорт программы…» both read through this.
pub fn read_programme_file(db: &Db, file: &Path) -> Result<crate::programme::Programme> {
    if !matches!(FileKind::of(file), Some(FileKind::Xlsx | FileKind::Ods)) {
        return Ok(crate::programme::read_file(file)?);
    }
    let code = sheets::programme::template_programme_code(file)?;
    let mut p = db.load_programme(&code).with_context(|| {
        format!(
            "{}: шаблон относится к программе «{code}», которой нет в базе — сначала импортируйте её файл .json",
            file.display()
        )
    })?;
    p.values = sheets::programme::read_values_for(file, &p)?;
    Ok(p)
}

/// What a programme import did, in one sentence (the command line prints it, the app shows it).
pub fn programme_import_summary(p: &crate::programme::Programme, summary: &crate::storage::ProgrammeImport) -> String {
    let what = if summary.created {
        "добавлена"
    } else if summary.definition_changed {
        "обновлена"
    } else {
        "уже была в базе"
    };
    format!(
        "Программа «{}» {what}; значений: новых {}, изменённых {}, без изменений {}",
        p.title, summary.added, summary.updated, summary.unchanged
    )
}

/// Reads questionnaires of any supported kind, by the file's extension (no database involved).
pub fn read_questionnaires(file: &Path) -> Result<Campaign> {
    Ok(match FileKind::of(file) {
        Some(FileKind::Xlsx | FileKind::Ods | FileKind::Csv) => sheets::read_file(file)?,
        Some(FileKind::Json) | None => interchange::read_file(file)?,
    })
}

/// Writes a campaign to `path` in the format its extension names: `.json` (questionnaires,
/// also for no extension), `.xlsx` (colour tables with reasons and every answer) or `.csv` (the
/// answers); `.ods` is refused with what to use instead.
pub fn export_file(
    path: &Path,
    campaign: &Campaign,
    assessment: &Assessment,
    dynamics: Option<&crate::dynamics::Dynamics>,
) -> Result<()> {
    match FileKind::of(path) {
        Some(FileKind::Xlsx | FileKind::Csv) => sheets::write_export_with(path, campaign, assessment, dynamics)?,
        Some(FileKind::Json) | None => interchange::write_file(campaign, path)?,
        Some(FileKind::Ods) => anyhow::bail!(
            "{}: выгрузка в ODS не поддерживается — укажите файл .xlsx (LibreOffice его открывает), .json или .csv",
            path.display()
        ),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_database_is_refused_for_reading_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("нет").join("такого").join("база.db");
        let err = open_db(Some(&path), Access::Read).unwrap_err().to_string();
        assert!(err.contains("базы данных нет") && err.contains("нет"), "{err}");
        assert!(!dir.path().join("нет").exists(), "nothing created for reading");
        let err = open_db(Some(&dir.path().join("база.db")), Access::Read).unwrap_err().to_string();
        assert!(err.contains("проверьте путь"), "{err}");
    }

    #[test]
    fn an_export_is_written_by_its_extension_and_ods_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let campaign = interchange::parse(SAMPLE_JSON).unwrap();
        let assessment = crate::methodology::assess(&campaign, &crate::methodology::Methodology::default());
        for name in ["выгрузка.json", "таблицы.xlsx", "ответы.csv"] {
            export_file(&dir.path().join(name), &campaign, &assessment, None).unwrap();
        }
        let json = dir.path().join("выгрузка.json");
        assert_eq!(interchange::read_file(&json).unwrap().responses.len(), 34);
        let ods = dir.path().join("таблицы.ods");
        let err = export_file(&ods, &campaign, &assessment, None).unwrap_err().to_string();
        assert!(err.contains("ODS не поддерживается") && err.contains(".xlsx"), "{err}");
        assert!(!ods.exists());
    }

    #[test]
    fn writing_creates_the_database_and_says_what_was_made() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("новая").join("база.db");
        let opened = open_db(Some(&path), Access::Write).unwrap();
        let message = opened.created_message().unwrap();
        assert!(message.contains("Создана новая база данных") && message.contains("новая"), "{message}");
        assert!(path.exists());
        let again = open_db(Some(&path), Access::Read).unwrap();
        assert!(again.created.is_empty() && again.created_message().is_none());
    }
}
