//! The application state and the frame: menu, left panel, tabs, dialogs, notices.
//! Commands the views emit are applied in [`App::apply`] (`logic.rs`, file work in `files.rs`)
//! after the frame.

use super::command::{Command, FilePurpose, Tab};
use super::history::History;
use super::session::Session;
use super::views::{self, dialogs::Dialog};
use crate::storage::Db;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// Key of the remembered state in eframe's storage.
pub const STORAGE_KEY: &str = "mms-monitor";

/// How the app talks to the desktop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppOptions {
    /// Use the native file dialogs; tests and machines without them get the path field only.
    pub native_dialogs: bool,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions { native_dialogs: true }
    }
}

/// What the window remembers between runs (window size and position are eframe's own).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// The database opened last through «Открыть базу…»; `None` = the default one.
    pub db_path: Option<PathBuf>,
    /// UUID of the campaign on screen.
    pub campaign: Option<String>,
    pub municipality: Option<String>,
    pub tab: Tab,
    /// The folder of the file chosen last, where the path field starts next time.
    pub folder: Option<PathBuf>,
}

/// A message in the window: what happened and, for errors, what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

/// The desktop application.
pub struct App {
    pub(super) session: Option<Session>,
    /// Why no database is open (shown with the ways out).
    pub(super) db_problem: Option<String>,
    pub(super) selected: Option<usize>,
    pub(super) tab: Tab,
    pub(super) sidebar: views::sidebar::SidebarState,
    pub(super) form: views::questionnaire::FormState,
    pub(super) results: views::results::ResultsState,
    pub(super) report: views::report::ReportState,
    pub(super) programmes: views::programmes::ProgrammesState,
    pub(super) methodology: views::methodology::MethodologyState,
    pub(super) dynamics: views::dynamics::DynamicsState,
    pub(super) log: views::log::LogState,
    pub(super) review: views::review::ReviewState,
    pub(super) registry: views::registry::RegistryState,
    pub(super) municipalities: views::municipalities::MunicipalitiesState,
    pub(super) dialog: Option<Dialog>,
    pub(super) notices: Vec<Notice>,
    pub(super) history: History,
    pub(super) commands: Vec<Command>,
    pub(super) options: AppOptions,
    /// The database path to remember (`None` = the default database).
    pub(super) db_path: Option<PathBuf>,
    /// The database last tried (`None` = the default one), for «Повторить».
    pub(super) attempted: Option<PathBuf>,
    /// The folder of the file chosen last.
    pub(super) folder: Option<PathBuf>,
    /// The program opening a saved file, to report its failure.
    pub(super) opener: Option<std::sync::mpsc::Receiver<String>>,
    /// The import running in the background.
    pub(super) import_job: Option<super::import::ImportJob>,
    /// «Только проверенные анкеты»: the exports and the note leave out questionnaires not checked.
    pub(super) checked_only: bool,
    /// What the note being written left out, said when it is saved.
    pub(super) note_scope: Option<String>,
    /// The theme preference was given to egui (on the first frame).
    themed: bool,
}

impl App {
    /// The app on an opened (or failed) database, restoring what `remembered` names.
    pub fn new(db: anyhow::Result<Db>, db_path: Option<PathBuf>, remembered: &Remembered, options: AppOptions) -> App {
        let mut app = App {
            session: None,
            db_problem: None,
            selected: None,
            tab: remembered.tab,
            sidebar: Default::default(),
            form: Default::default(),
            results: Default::default(),
            report: Default::default(),
            programmes: Default::default(),
            methodology: Default::default(),
            dynamics: Default::default(),
            log: Default::default(),
            review: Default::default(),
            registry: Default::default(),
            municipalities: Default::default(),
            dialog: None,
            notices: Vec::new(),
            history: History::default(),
            commands: Vec::new(),
            options,
            attempted: db_path.clone(),
            db_path,
            themed: false,
            folder: remembered.folder.clone(),
            opener: None,
            import_job: None,
            checked_only: false,
            note_scope: None,
        };
        app.use_database(db, remembered);
        app
    }

    /// Opens the database at `path` (or the default one, seeded with the sample on first use).
    /// A database path that did not exist is created, and the window says so.
    pub fn open(path: Option<PathBuf>, remembered: &Remembered, options: AppOptions) -> App {
        let opened = crate::workspace::open_db(path.as_deref(), crate::workspace::Access::Write);
        let created = opened.as_ref().ok().and_then(|o| o.created_message()).filter(|_| path.is_some());
        let mut app = App::new(opened.map(|o| o.db), path, remembered, options);
        if let Some(message) = created {
            app.info(message);
        }
        app
    }

    /// Switches to a database, or shows why it cannot be used.
    pub(super) fn use_database(&mut self, db: anyhow::Result<Db>, remembered: &Remembered) {
        self.history.clear();
        self.form.reset();
        self.programmes.invalidate();
        self.selected = None;
        let session = db.and_then(|db| Ok(Session::new(db)?));
        match session {
            Ok(mut session) => {
                let wanted = remembered.campaign.as_deref();
                let campaign = session
                    .campaigns
                    .iter()
                    .find(|c| Some(c.uuid.to_string().as_str()) == wanted)
                    .or(session.campaigns.first())
                    .map(|c| c.id);
                if let Some(id) = campaign
                    && let Err(e) = session.load(id)
                {
                    self.error(format!("Кампанию не удалось открыть: {e:#}"));
                }
                let loaded = session.current.as_ref();
                self.selected = loaded
                    .and_then(|l| remembered.municipality.as_deref().and_then(|m| l.position(m)))
                    .or_else(|| loaded.filter(|l| !l.campaign.responses.is_empty()).map(|_| 0));
                self.sidebar.reveal = self.selected;
                self.session = Some(session);
                self.db_problem = None;
            }
            Err(e) => {
                self.session = None;
                self.db_problem = Some(format!("{e:#}"));
            }
        }
    }

    /// What to remember of this run.
    pub fn remembered(&self) -> Remembered {
        let loaded = self.session.as_ref().and_then(|s| s.current.as_ref());
        Remembered {
            db_path: self.db_path.clone(),
            campaign: loaded.and_then(|l| l.campaign.id).map(|u| u.to_string()),
            municipality: loaded
                .zip(self.selected)
                .and_then(|(l, i)| l.campaign.responses.get(i))
                .map(|r| r.municipality.to_string()),
            tab: self.tab,
            folder: self.folder.clone(),
        }
    }

    /// Which database the next start without `--db` opens (`None` = the default one).
    pub fn set_remembered_database(&mut self, path: Option<PathBuf>) {
        self.db_path = path;
    }

    /// The last PDF the «Отчёт» tab wrote.
    pub fn written_pdf(&self) -> Option<&PathBuf> {
        self.report.written()
    }

    /// Whether a PDF is being written in the background.
    pub fn writing_pdf(&self) -> bool {
        self.report.busy()
    }

    /// The open session, for tests and benchmarks.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The messages shown in the window.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Shows an error; the same error twice shows once.
    pub(super) fn error(&mut self, text: impl Into<String>) {
        let notice = Notice { error: true, text: text.into() };
        self.notices.retain(|n| *n != notice);
        self.notices.push(notice);
    }

    /// Shows what happened; it replaces the previous information (errors stay until closed).
    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.notices.retain(|n| n.error);
        self.notices.push(Notice { error: false, text: text.into() });
    }

    /// Draws one frame into `ui` and applies what it asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        if !std::mem::replace(&mut self.themed, true) {
            super::theme::follow_system(ui.ctx());
        }
        self.take_dropped_files(ui.ctx());
        self.shortcuts(ui.ctx());
        egui::Panel::top("menu").show(ui, |ui| {
            views::menu::ui(ui, self.session.is_some(), &self.history, &mut self.checked_only, &mut self.commands);
        });
        if let Some(session) = &self.session {
            egui::Panel::left("municipalities").default_size(super::theme::SIDE_PANEL_WIDTH).resizable(true).show(
                ui,
                |ui| {
                    self.sidebar.ui(ui, session, self.selected, &mut self.commands);
                },
            );
        }
        egui::CentralPanel::default().show(ui, |ui| {
            views::notices::ui(ui, &self.notices, &mut self.commands);
            if let Some(job) = &self.import_job {
                views::notices::progress(ui, job.stage().text(), &job.path, job.started);
            }
            match &self.session {
                Some(session) => {
                    tab_bar(ui, self.tab, &mut self.commands);
                    if self.tab == Tab::Programmes {
                        self.programmes.ui(ui, &session.db, &mut self.commands);
                        return;
                    }
                    let Some(loaded) = &session.current else {
                        ui.label("В базе нет кампаний. Импортируйте файл анкет (меню «Файл», «Импорт…») или создайте кампанию.");
                        return;
                    };
                    match self.tab {
                        Tab::Questionnaire => {
                            // Nothing is typed into a form that could not be saved until the import ends.
                            ui.add_enabled_ui(self.import_job.is_none(), |ui| {
                                self.review.ui(ui, loaded, self.selected, &mut self.commands);
                                self.form.ui(ui, loaded, self.selected, &mut self.commands)
                            });
                        }
                        Tab::Results => self.results.ui(ui, loaded, &mut self.commands),
                        Tab::Summary => views::summary::ui(ui, loaded),
                        Tab::Report => self.report.ui(ui, loaded, &mut self.checked_only, &mut self.commands),
                        Tab::Methodology => self.methodology.ui(ui, loaded, &mut self.commands),
                        Tab::Dynamics => self.dynamics.ui(ui, session, loaded),
                        Tab::Log => self.log.ui(ui, session, loaded, self.selected),
                        Tab::Registry => self.registry.ui(ui, session, loaded, &mut self.commands),
                        Tab::Municipalities => self.municipalities.ui(ui, session, loaded, &mut self.commands),
                        Tab::Programmes => {}
                    }
                }
                None => views::dialogs::no_database(ui, self.db_problem.as_deref(), &mut self.commands),
            }
        });
        if let Some(dialog) = &mut self.dialog {
            let campaigns = self.session.as_ref().map(|s| s.campaigns.as_slice()).unwrap_or_default();
            dialog.ui(ui.ctx(), campaigns, &mut self.commands);
        }
        self.poll_report(ui.ctx());
        self.poll_opener(ui.ctx());
        self.poll_import(ui.ctx());
        self.apply_commands(ui.ctx());
    }

    /// Ctrl+Q closes the window. Ctrl+Z / Ctrl+Shift+Z undo and redo (inside a text field, the field's own undo runs
    /// first and saves its result like any edit); Ctrl+F goes to the search box; Ctrl+Tab / Ctrl+PgDn and
    /// Ctrl+Shift+Tab / Ctrl+PgUp switch tabs.
    fn shortcuts(&mut self, ctx: &egui::Context) {
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let find = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
        let quit = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
        if ctx.input_mut(|i| i.consume_shortcut(&quit)) {
            // Closing runs eframe's save, so the window state and selection are remembered.
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|i| {
            if i.consume_shortcut(&find) {
                self.sidebar.focus_search = true;
            }
            // Ctrl+Tab / Ctrl+PgDn: the next tab; with Shift, or Ctrl+PgUp: the previous one.
            let step = if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Tab))
                || i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::PageUp))
            {
                Some(Tab::ALL.len() - 1)
            } else if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Tab))
                || i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::PageDown))
            {
                Some(1)
            } else {
                None
            };
            if let Some(step) = step {
                let position = Tab::ALL.iter().position(|t| *t == self.tab).unwrap_or(0);
                let next = Tab::ALL.get((position + step) % Tab::ALL.len()).copied().unwrap_or_default();
                self.commands.push(Command::SelectTab(next));
            }
            if typing {
                return;
            }
            if i.consume_shortcut(&redo) {
                self.commands.push(Command::Redo);
            } else if i.consume_shortcut(&undo) {
                self.commands.push(Command::Undo);
            }
        });
    }

    /// A file dropped on the window is imported.
    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect::<Vec<_>>());
        for path in dropped {
            self.commands.push(Command::FileChosen { purpose: FilePurpose::Import, path, with_names: true });
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.remembered());
    }
}

/// Wrapped, so that more tabs than fit take a second line instead of widening the window's content.
fn tab_bar(ui: &mut egui::Ui, current: Tab, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        for tab in Tab::ALL {
            if ui.selectable_label(current == tab, tab.title()).clicked() {
                commands.push(Command::SelectTab(tab));
            }
        }
    });
    ui.separator();
}
