//! What the views ask the app to do. Views push commands while drawing; the app applies them
//! after the frame, so no widget writes to the database and a frame draws one consistent state.

use super::session::NewCampaign;
use crate::model::Response;
use crate::storage::MergeChoices;
use std::path::PathBuf;

/// What a path typed into the fallback dialog (or picked natively) is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePurpose {
    Import,
    /// «Импорт программы…»: a target-indicator programme (JSON, or its XLSX template filled in).
    ImportProgramme,
    Export,
    /// «Шаблон для заполнения…»: the workbook municipalities fill in.
    Template,
    OpenDatabase,
    NewDatabase,
    SavePdf,
    SaveDocx,
}

impl FilePurpose {
    /// Title of the dialog.
    pub fn title(self) -> &'static str {
        match self {
            FilePurpose::Import => "Импорт анкет",
            FilePurpose::ImportProgramme => "Импорт программы",
            FilePurpose::Export => "Экспорт анкет",
            FilePurpose::Template => "Шаблон для заполнения",
            FilePurpose::OpenDatabase => "Открыть базу данных",
            FilePurpose::NewDatabase => "Создать базу данных",
            FilePurpose::SavePdf => "Сохранить справку в PDF",
            FilePurpose::SaveDocx => "Сохранить справку в DOCX",
        }
    }

    /// Whether the file is written (a save dialog) rather than read.
    pub fn writes(self) -> bool {
        matches!(
            self,
            FilePurpose::Export
                | FilePurpose::Template
                | FilePurpose::NewDatabase
                | FilePurpose::SavePdf
                | FilePurpose::SaveDocx
        )
    }

    /// The extensions the dialog filters on, with their description.
    pub fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            FilePurpose::Import => ("Анкеты (JSON, XLSX, ODS, CSV)", &["json", "xlsx", "xlsm", "ods", "csv"]),
            FilePurpose::ImportProgramme => ("Программа (JSON) или её шаблон (XLSX, ODS)", &["json", "xlsx", "ods"]),
            FilePurpose::Export => ("Анкеты JSON, таблицы XLSX, ответы CSV", &["json", "xlsx", "csv"]),
            FilePurpose::Template => ("Таблица XLSX или CSV", &["xlsx", "csv"]),
            FilePurpose::OpenDatabase | FilePurpose::NewDatabase => ("База данных", &["db", "sqlite"]),
            FilePurpose::SavePdf => ("PDF", &["pdf"]),
            FilePurpose::SaveDocx => ("Документ Word (DOCX)", &["docx"]),
        }
    }
}

/// The tabs of the central area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Tab {
    #[default]
    Questionnaire,
    Results,
    Summary,
    Report,
    Dynamics,
    Registry,
    /// «Муниципалитеты»: the recorded renames, transformations and merges.
    Municipalities,
    Log,
    Methodology,
    /// «Программы»: target-indicator programmes (not tied to the campaign on screen).
    Programmes,
}

impl Tab {
    pub const ALL: [Tab; 10] = [
        Tab::Questionnaire,
        Tab::Results,
        Tab::Summary,
        Tab::Report,
        Tab::Dynamics,
        Tab::Registry,
        Tab::Municipalities,
        Tab::Log,
        Tab::Methodology,
        Tab::Programmes,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Questionnaire => "Анкета",
            Tab::Results => "Результаты",
            Tab::Summary => "Сводка",
            Tab::Report => "Отчёт",
            Tab::Dynamics => "Динамика",
            Tab::Log => "Журнал изменений",
            Tab::Registry => "Реестр работников",
            Tab::Municipalities => "Муниципалитеты",
            Tab::Methodology => "Методика",
            Tab::Programmes => "Программы",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    SelectCampaign(i64),
    SelectMunicipality(usize),
    /// Scroll the municipality list to this one.
    RevealMunicipality(usize),
    SelectTab(Tab),
    /// Save an edited response; `field` names the field typed into (undo merges its keystrokes).
    SaveResponse {
        index: usize,
        response: Box<Response>,
        field: Option<String>,
    },
    /// The user moved on to another field: the next keystrokes are a new undo step.
    SealUndo,
    Undo,
    Redo,
    /// Store this methodology for the campaign on screen and re-assess it.
    SetMethodology(Box<crate::methodology::Methodology>),
    /// Store one value of a target-indicator programme (validated by the programme reader).
    SetProgrammeValue {
        programme: String,
        entry: Box<crate::programme::Entry>,
    },
    SetText {
        key: String,
        value: Option<String>,
    },
    AddMunicipality(String),
    /// Set the review status (and comment) of a questionnaire of the campaign on screen.
    SetReview {
        municipality: String,
        review: crate::model::review::Review,
    },
    NewCampaign(NewCampaign),
    /// «Тот же человек»: staff record `staff` is person `person` (`what` describes it for the notice).
    ConfirmPerson {
        staff: uuid::Uuid,
        person: uuid::Uuid,
        what: String,
    },
    /// «Разные люди»: never propose this match again.
    RejectPerson {
        staff: uuid::Uuid,
        person: uuid::Uuid,
        what: String,
    },
    /// Record changes of municipalities (one per former name of a merge).
    AddMunicipalityChanges(Vec<crate::model::history::HistoryEntry>),
    /// Ask for a file (native dialog, else the path field) for this purpose.
    ChooseFile(FilePurpose),
    /// A file was chosen.
    FileChosen {
        purpose: FilePurpose,
        path: PathBuf,
        with_names: bool,
    },
    Backup,
    /// Try the database that failed to open again (another copy may have closed it).
    RetryDatabase,
    OpenPath(PathBuf),
    ShowNewCampaignDialog,
    /// «Применить» in the merge dialog: merge the package with these choices.
    ApplyMerge(MergeChoices),
    CloseDialog,
    DismissNotice(usize),
}

impl Command {
    /// Whether applying the command writes the database or replaces it (refused while an import
    /// runs in the background: its worker holds the database). A new command that writes
    /// belongs here too.
    pub fn writes_database(&self) -> bool {
        let replaces = |purpose: &FilePurpose| {
            matches!(
                purpose,
                FilePurpose::Import
                    | FilePurpose::ImportProgramme
                    | FilePurpose::OpenDatabase
                    | FilePurpose::NewDatabase
            )
        };
        match self {
            Command::ChooseFile(purpose) | Command::FileChosen { purpose, .. } => replaces(purpose),
            _ => matches!(
                self,
                Command::SaveResponse { .. }
                    | Command::Undo
                    | Command::Redo
                    | Command::SetMethodology(_)
                    | Command::SetText { .. }
                    | Command::AddMunicipality(_)
                    | Command::SetReview { .. }
                    | Command::NewCampaign(_)
                    | Command::Backup
                    | Command::RetryDatabase
                    | Command::ApplyMerge(_)
                    | Command::ConfirmPerson { .. }
                    | Command::RejectPerson { .. }
                    | Command::AddMunicipalityChanges(_)
                    | Command::SetProgrammeValue { .. }
            ),
        }
    }
}
