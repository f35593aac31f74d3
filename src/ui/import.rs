//! Importing a file without stopping the window: reading, validating, merging and writing the
//! database all run in a worker thread on its own connection to the open database, which also
//! reads back the campaign to show. The window shows the stage and the seconds so far, refuses a
//! second import and any change to the database while one runs, and takes the result over when
//! the worker is done. A field package with conflicts comes back as a plan for the merge dialog;
//! «Применить» writes it in the background too.

use super::app::App;
use super::session::Loaded;
use super::views::dialogs::{Dialog, MergeDialog};
use crate::storage::{CampaignRow, Db, ImportSummary, MergeChoices, MergePlan, MergeSummary};
use crate::workspace::{ImportFile, read_import_file};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

/// What the worker is doing, shown in the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Stage {
    /// Reading and checking the file.
    Reading = 0,
    /// Comparing a field package with the database.
    Comparing = 1,
    /// Writing the database (the backup copy first).
    Writing = 2,
    /// Reading back the campaign to show.
    Showing = 3,
}

impl Stage {
    fn from_u8(value: u8) -> Stage {
        match value {
            1 => Stage::Comparing,
            2 => Stage::Writing,
            3 => Stage::Showing,
            _ => Stage::Reading,
        }
    }

    /// The words after «Импорт:» in the progress line.
    pub fn text(self) -> &'static str {
        match self {
            Stage::Reading => "читается файл",
            Stage::Comparing => "пакет сравнивается с базой, файл",
            Stage::Writing => "запись в базу данных из файла",
            Stage::Showing => "загружается импортированная кампания из файла",
        }
    }
}

/// An import running in the background.
pub(super) struct ImportJob {
    pub path: PathBuf,
    pub started: std::time::Instant,
    stage: Arc<AtomicU8>,
    done: Receiver<Finished>,
}

impl ImportJob {
    pub fn stage(&self) -> Stage {
        Stage::from_u8(self.stage.load(Ordering::Relaxed))
    }
}

/// The campaign list and the campaign to show after the import, read back by the worker;
/// `Err` when they could not be read.
type Shown = Result<(Vec<CampaignRow>, Option<Loaded>), String>;

/// What the worker hands back.
enum Finished {
    Imported {
        title: String,
        summary: ImportSummary,
        shown: Shown,
    },
    /// A package imported completely before: nothing done.
    AlreadyImported(String),
    /// A package with conflicts: nothing written until the analyst chooses.
    Conflicts(Box<MergePlan>),
    Merged {
        summary: MergeSummary,
        shown: Shown,
    },
    /// Nothing written; the whole message.
    Failed(String),
}

impl App {
    /// Whether an import (reading, merging or writing) is running.
    pub fn importing(&self) -> bool {
        self.import_job.is_some()
    }

    /// Imports the file in a background thread; [`App::poll_import`] takes the result over.
    pub(super) fn import(&mut self, path: &Path, ctx: &egui::Context) {
        if self.refused_while_importing() {
            return;
        }
        let Some(session) = &self.session else {
            self.error("Сначала откройте или создайте базу данных");
            return;
        };
        let db_path = session.db.path().to_path_buf();
        let showing = session.current.as_ref().map(|l| l.id);
        let file = path.to_path_buf();
        self.start_job(path, ctx, move |stage| import_file(&file, &db_path, showing, stage));
    }

    /// «Применить» in the merge dialog: merges the package with the analyst's choices in the background.
    pub(super) fn apply_merge_choices(&mut self, choices: &MergeChoices, ctx: &egui::Context) {
        if self.refused_while_importing() {
            return;
        }
        let Some(Dialog::Merge(dialog)) = self.dialog.take() else { return };
        let Some(session) = &self.session else { return };
        let db_path = session.db.path().to_path_buf();
        let showing = session.current.as_ref().map(|l| l.id);
        let choices = choices.clone();
        let path = dialog.path.clone();
        self.start_job(&path, ctx, move |stage| {
            stage.store(Stage::Writing as u8, Ordering::Relaxed);
            let merged = Db::open(&db_path).and_then(|mut db| {
                let summary = db.apply_merge(&dialog.plan, &choices)?;
                Ok((db, summary))
            });
            match merged {
                Ok((db, summary)) => {
                    stage.store(Stage::Showing as u8, Ordering::Relaxed);
                    let shown = shown(&db, showing.or(summary.campaign_id));
                    Finished::Merged { summary, shown }
                }
                Err(e) => Finished::Failed(merge_failed(&dialog.path, &e)),
            }
        });
    }

    /// Says so and returns true when an import is already running.
    pub(super) fn refused_while_importing(&mut self) -> bool {
        let Some(job) = &self.import_job else { return false };
        let message = format!("Идёт импорт файла {} — дождитесь окончания", job.path.display());
        self.error(message);
        true
    }

    fn start_job(
        &mut self,
        path: &Path,
        ctx: &egui::Context,
        work: impl FnOnce(&AtomicU8) -> Finished + Send + 'static,
    ) {
        let (tx, rx) = std::sync::mpsc::channel();
        let stage = Arc::new(AtomicU8::new(Stage::Reading as u8));
        let shared = Arc::clone(&stage);
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            let _ = tx.send(work(&shared));
            repaint.request_repaint();
        });
        self.import_job =
            Some(ImportJob { path: path.to_path_buf(), started: std::time::Instant::now(), stage, done: rx });
        ctx.request_repaint();
    }

    /// Takes over a finished import; keeps repainting meanwhile (the seconds count).
    pub(super) fn poll_import(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.import_job else { return };
        let finished = match job.done.try_recv() {
            Ok(finished) => finished,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            Err(TryRecvError::Disconnected) => {
                Finished::Failed(format!("{}: импорт прервался, в базу ничего не записано", job.path.display()))
            }
        };
        let path = job.path.clone();
        self.import_job = None;
        self.finish_import(&path, finished);
    }

    fn finish_import(&mut self, path: &Path, finished: Finished) {
        let keep = self.remembered().municipality;
        match finished {
            Finished::Failed(message) => self.error(message),
            Finished::AlreadyImported(at) => {
                self.info(format!("{}: этот пакет уже импортирован ({at}); ничего не изменено", path.display()));
            }
            Finished::Conflicts(plan) => {
                self.dialog = Some(Dialog::Merge(Box::new(MergeDialog::new(path.to_path_buf(), *plan))));
            }
            Finished::Imported { title, summary, shown } => {
                if !self.show(shown, keep) {
                    return;
                }
                let backup = backup_note(summary.backup.as_deref());
                self.info(format!(
                    "Импортирован файл {}: кампания «{title}», добавлено анкет {}, изменено {}, без изменений {}{backup}",
                    path.display(),
                    summary.added,
                    summary.updated,
                    summary.unchanged
                ));
            }
            Finished::Merged { summary, shown } => {
                if !self.show(shown, keep) {
                    return;
                }
                let backup = backup_note(summary.backup.as_deref());
                let left = if summary.conflicts_left > 0 {
                    format!("; не записано анкет с нерешёнными конфликтами: {}", summary.conflicts_left)
                } else {
                    String::new()
                };
                self.info(format!(
                    "Импортирован пакет с выезда {}: анкет добавлено {}, обновлено {}, без изменений {}, оставлено как здесь {}{left}{backup}",
                    path.display(),
                    summary.added,
                    summary.updated,
                    summary.unchanged,
                    summary.kept
                ));
            }
        }
    }

    /// Puts the campaign the worker read back on screen; false (with the error shown) when it
    /// could not be read.
    fn show(&mut self, shown: Shown, keep: Option<String>) -> bool {
        let Some(session) = &mut self.session else { return false };
        match shown {
            Ok((campaigns, loaded)) => {
                session.campaigns = campaigns;
                if let Some(loaded) = loaded {
                    session.current = Some(loaded);
                }
            }
            Err(e) => {
                self.error(format!("Импорт выполнен, но кампанию не удалось показать: {e}"));
                return false;
            }
        }
        let loaded = session.current.as_ref();
        self.selected = loaded.and_then(|l| {
            keep.as_deref().and_then(|m| l.position(m)).or((!l.campaign.responses.is_empty()).then_some(0))
        });
        self.sidebar.reveal = self.selected;
        self.form.reset();
        self.history.clear();
        true
    }
}

/// The worker's whole import of a file: read and check it, then either write its questionnaires
/// or plan the merge of a field package (and write it at once when nothing conflicts).
fn import_file(file: &Path, db_path: &Path, showing: Option<i64>, stage: &AtomicU8) -> Finished {
    let (contents, sha256) = match read_import_file(file) {
        Ok(read) => read,
        Err(e) => return Finished::Failed(format!("Импорт не выполнен, в базу ничего не записано.\n{e:#}")),
    };
    let mut db = match Db::open(db_path) {
        Ok(db) => db,
        Err(e) => return Finished::Failed(format!("{}: импорт не выполнен: {e:#}", file.display())),
    };
    match contents {
        ImportFile::Questionnaires(campaign) => {
            stage.store(Stage::Writing as u8, Ordering::Relaxed);
            let source = format!("импорт {}", file.display());
            match db.import_campaign_file(&campaign, &source, Some(&sha256)) {
                Ok(summary) => {
                    stage.store(Stage::Showing as u8, Ordering::Relaxed);
                    // The imported campaign is shown, whichever was on screen.
                    let shown = shown(&db, Some(summary.campaign_id));
                    Finished::Imported { title: campaign.title, summary, shown }
                }
                Err(e) => Finished::Failed(format!("{}: импорт не выполнен: {e:#}", file.display())),
            }
        }
        ImportFile::Package(package) => {
            stage.store(Stage::Comparing as u8, Ordering::Relaxed);
            let source = format!("пакет с выезда {}", file.display());
            let plan = match db.plan_merge(&package, &sha256, &source) {
                Ok(plan) => plan,
                Err(e) => {
                    return Finished::Failed(format!(
                        "Пакет с выезда не импортирован, в базу ничего не записано.\n{e:#}"
                    ));
                }
            };
            if let Some(at) = plan.already_imported.clone() {
                return Finished::AlreadyImported(at);
            }
            if plan.conflicts().next().is_some() {
                return Finished::Conflicts(Box::new(plan));
            }
            stage.store(Stage::Writing as u8, Ordering::Relaxed);
            match db.apply_merge(&plan, &MergeChoices::default()) {
                Ok(summary) => {
                    stage.store(Stage::Showing as u8, Ordering::Relaxed);
                    let shown = shown(&db, showing.or(summary.campaign_id));
                    Finished::Merged { summary, shown }
                }
                Err(e) => Finished::Failed(merge_failed(file, &e)),
            }
        }
    }
}

/// The campaign list and campaign `id` read back (with its assessment) for the window.
fn shown(db: &Db, id: Option<i64>) -> Shown {
    let campaigns = db.campaigns().map_err(|e| format!("{e:#}"))?;
    let loaded = id.map(|id| Loaded::new(db, id)).transpose().map_err(|e| format!("{e:#}"))?;
    Ok((campaigns, loaded))
}

fn merge_failed(file: &Path, e: &crate::storage::StorageError) -> String {
    format!("{}: пакет с выезда не импортирован, в базу ничего не записано: {e:#}", file.display())
}

fn backup_note(backup: Option<&Path>) -> String {
    backup.map(|b| format!("; копия базы до импорта: {}", b.display())).unwrap_or_default()
}
