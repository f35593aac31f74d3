//! The «Файл» menu's work: choosing files (native dialog or the path field), import,
//! export, opening and creating databases, and the PDF of the note in the background
//! (the import itself is in `import.rs`).

use super::app::{App, Remembered};
use super::command::{Command, FilePurpose};
use super::views::dialogs::{Dialog, PathPrompt};
use crate::report;
use crate::storage::Db;
use std::path::{Path, PathBuf};

/// What an export or the note is made of (see [`App::for_export`]).
struct Exported {
    campaign: crate::model::Campaign,
    assessment: crate::methodology::Assessment,
    dynamics: Option<Box<crate::dynamics::Dynamics>>,
    /// «Только проверенные анкеты: …» when limited.
    scope: Option<String>,
}

impl App {
    /// The native dialog when there is one; otherwise (or when it gives nothing back, which
    /// is also what it does where no dialog is available) the path field in the window.
    pub(super) fn choose_file(&mut self, purpose: FilePurpose) {
        let needs_campaign = matches!(purpose, FilePurpose::Export | FilePurpose::Template);
        if needs_campaign && self.session.as_ref().and_then(|s| s.current.as_ref()).is_none() {
            self.error("Нечего выгружать: в базе нет кампаний");
            return;
        }
        let suggested = self.suggested_name(purpose);
        if self.options.native_dialogs {
            let (name, extensions) = purpose.filter();
            let dialog = rfd::FileDialog::new().set_title(purpose.title()).add_filter(name, extensions);
            let picked =
                if purpose.writes() { dialog.set_file_name(&suggested).save_file() } else { dialog.pick_file() };
            if let Some(path) = picked {
                self.commands.push(Command::FileChosen { purpose, path, with_names: false });
                return;
            }
        }
        let folder = self.default_folder();
        self.dialog = Some(Dialog::Path(PathPrompt::new(purpose, &folder, &suggested, self.options.native_dialogs)));
    }

    fn suggested_name(&self, purpose: FilePurpose) -> String {
        // The year the note is written: the one after the reference date (31.12.2021 → 2022).
        let year = self
            .session
            .as_ref()
            .and_then(|s| s.current.as_ref())
            .map(|l| l.campaign.reference_date.get())
            .and_then(|d| d.checked_add_days(chrono::Days::new(1)))
            .map(|d| d.format("%Y").to_string())
            .unwrap_or_default();
        match purpose {
            FilePurpose::Import | FilePurpose::ImportProgramme => String::new(),
            FilePurpose::Export => format!("анкеты-{year}.json"),
            FilePurpose::Template => format!("шаблон-ммс-{year}.xlsx"),
            FilePurpose::OpenDatabase => String::new(),
            FilePurpose::NewDatabase => "mms-monitor.db".into(),
            FilePurpose::SavePdf => format!("справка-ммс-{year}.pdf"),
            FilePurpose::SaveDocx => format!("справка-ммс-{year}.docx"),
        }
    }

    /// Where the path field starts: the folder of the file chosen last, else the user's documents,
    /// else home, else here.
    pub(super) fn default_folder(&self) -> PathBuf {
        if let Some(folder) = self.folder.as_ref().filter(|f| f.is_dir()) {
            return folder.clone();
        }
        directories::UserDirs::new()
            .and_then(|d| d.document_dir().map(Path::to_path_buf).or_else(|| Some(d.home_dir().to_path_buf())))
            .unwrap_or_else(|| PathBuf::from("."))
    }

    pub(super) fn file_chosen(&mut self, purpose: FilePurpose, path: PathBuf, with_names: bool, ctx: &egui::Context) {
        match purpose {
            FilePurpose::Import => self.import(&path, ctx),
            FilePurpose::ImportProgramme => self.import_programme(&path),
            FilePurpose::Export => self.export(&path, with_names),
            FilePurpose::Template => self.write_template(&path),
            FilePurpose::OpenDatabase => self.open_database(path, false),
            FilePurpose::NewDatabase => self.open_database(path, true),
            FilePurpose::SavePdf => self.save_note(report::Format::Pdf, path, ctx),
            FilePurpose::SaveDocx => self.save_note(report::Format::Docx, path, ctx),
        }
    }

    /// The campaign on screen as the exports and the note take it: all of it, or with
    /// «Только проверенные анкеты» only the checked questionnaires (`model::review::keep_checked`,
    /// as `--checked-only` does), re-assessed, with the dynamics limited the same way on both
    /// sides, and the sentence saying how many were left out.
    fn for_export(&self) -> Option<Exported> {
        let session = self.session.as_ref()?;
        let loaded = session.current.as_ref()?;
        let mut campaign = loaded.campaign.clone();
        if !self.checked_only {
            // The «Динамика» compares with the previous campaign, when there is one.
            let dynamics = loaded.dynamics(&session.db, &session.campaigns, None).unwrap_or(None).map(Box::new);
            return Some(Exported { campaign, assessment: loaded.assessment.clone(), dynamics, scope: None });
        }
        let kept = crate::model::review::keep_checked(&mut campaign, &loaded.reviews);
        let assessment = crate::methodology::assess(&campaign, &loaded.assessment.methodology);
        let dynamics = crate::dynamics::load::for_note(&session.db, loaded.id, true).unwrap_or(None);
        Some(Exported { campaign, assessment, dynamics, scope: Some(kept.sentence()) })
    }

    /// Writes the campaign on screen: JSON questionnaires, or by extension an XLSX workbook
    /// (the colour tables and the answers) or CSV answers.
    fn export(&mut self, path: &Path, with_names: bool) {
        let Some(Exported { mut campaign, assessment, dynamics, scope }) = self.for_export() else { return };
        if !with_names {
            campaign.withhold_names();
        }
        let result = crate::workspace::export_file(path, &campaign, &assessment, dynamics.as_deref());
        match result {
            Ok(()) => {
                let names = if with_names {
                    "с ФИО сотрудников"
                } else {
                    "без ФИО сотрудников"
                };
                let scope = scope.map(|s| format!(". {s}")).unwrap_or_default();
                self.info(format!("Анкеты выгружены ({names}) в файл {}{scope}", path.display()));
            }
            Err(e) => self.error(format!("Экспорт не выполнен: {e:#}")),
        }
    }

    /// «Шаблон для заполнения…»: the workbook for the campaign on screen (its region, title and
    /// reference date), like `mms-monitor template`.
    fn write_template(&mut self, path: &Path) {
        let Some(loaded) = self.session.as_ref().and_then(|s| s.current.as_ref()) else { return };
        let campaign = &loaded.campaign;
        let mut head = crate::sheets::TemplateHead::for_region(&campaign.region);
        head.title = Some(campaign.title.clone());
        head.reference_date = Some(campaign.reference_date.get());
        match crate::sheets::write_template(path, &head) {
            Ok(()) => self.info(format!(
                "Шаблон для заполнения записан в файл {}; заполненный файл загрузите через «Импорт…»",
                path.display()
            )),
            Err(e) => self.error(format!("Шаблон не записан: {e:#}")),
        }
    }

    fn open_database(&mut self, path: PathBuf, create: bool) {
        if create && path.exists() {
            self.error(format!("{}: файл уже существует — выберите другое имя", path.display()));
            return;
        }
        match Db::open(&path) {
            Ok(db) => {
                self.attempted = Some(path.clone());
                self.use_database(Ok(db), &Remembered::default());
                self.db_path = Some(path.clone());
                let verb = if create { "Создана" } else { "Открыта" };
                self.info(format!("{verb} база данных {}", path.display()));
            }
            // The open database stays on screen; the message says what is wrong with the other.
            Err(e) if self.session.is_some() => self.error(format!("{e:#}")),
            Err(e) => {
                self.attempted = Some(path.clone());
                self.use_database(Err(e.into()), &Remembered::default());
            }
        }
    }
}

/// Opens a file with the program the system associates with it. The opener runs in the
/// background; the receiver gets its failure (it exits with an error when no program is
/// associated, or the file is gone).
pub(super) fn open_with_system(path: &Path) -> Result<std::sync::mpsc::Receiver<String>, String> {
    #[cfg(windows)]
    let mut command = {
        let mut c = std::process::Command::new("explorer");
        c.arg(path);
        c
    };
    #[cfg(target_os = "macos")]
    let mut command = {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    };
    #[cfg(not(any(windows, target_os = "macos")))]
    let mut command = {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    };
    let failed = |detail: String| format!("{}: не удалось открыть файл: {detail}", path.display());
    if !path.exists() {
        return Err(failed("файла нет — возможно, его переместили или удалили".into()));
    }
    let mut child = command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| failed(format!("нет программы для открытия файлов ({})", crate::files::describe(&e))))?;
    let (tx, rx) = std::sync::mpsc::channel();
    let message = failed("для файлов этого типа не назначена программа".into());
    // Explorer reports failure with its exit code unreliably; only the other openers are checked.
    let checked = !cfg!(windows);
    std::thread::spawn(move || {
        if let Ok(status) = child.wait()
            && checked
            && !status.success()
        {
            let _ = tx.send(message);
        }
    });
    Ok(rx)
}

impl App {
    /// Shows a failure of the program that opens a saved file.
    pub(super) fn poll_opener(&mut self, ctx: &egui::Context) {
        let Some(rx) = &self.opener else { return };
        match rx.try_recv() {
            Ok(message) => {
                self.opener = None;
                self.error(message);
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(200));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.opener = None,
        }
    }
}

impl App {
    /// Writes the analytical note as PDF or DOCX in a background thread; the «Отчёт» tab shows
    /// the progress, and the window says where the file went.
    fn save_note(&mut self, format: report::Format, path: PathBuf, ctx: &egui::Context) {
        if self.report.busy() {
            self.error("Справка уже формируется — дождитесь окончания");
            return;
        }
        let Some(Exported { campaign, assessment, dynamics, scope }) = self.for_export() else { return };
        let Some(loaded) = self.session.as_ref().and_then(|s| s.current.as_ref()) else { return };
        let texts = report::NoteTexts::defaults_for(&campaign).with_texts(&loaded.texts);
        self.note_scope = scope;
        let options = report::ReportOptions {
            show_staff_names: self.report.show_staff_names,
            dynamics: dynamics.as_deref().map(report::dynamics::section),
            ..Default::default()
        };
        self.report.start(path, move || {
            report::render(format, &campaign, &assessment, &texts, &options).map_err(|e| format!("{e:#}"))
        });
        self.tab = super::command::Tab::Report;
        ctx.request_repaint();
    }

    /// Reports a finished PDF in the window.
    pub(super) fn poll_report(&mut self, ctx: &egui::Context) {
        match self.report.poll(ctx) {
            Some(Ok(path)) => {
                let scope = self.note_scope.take().map(|s| format!(". {s}")).unwrap_or_default();
                self.info(format!("Справка сохранена в файл {}{scope}", path.display()));
            }
            Some(Err(message)) => self.error(format!("Справка не сохранена: {message}")),
            None => {}
        }
    }
}
