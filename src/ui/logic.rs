//! Applying the commands of a frame: the only place the app changes the database.

use super::app::App;
use super::command::Command;
use super::history::Edit;
use super::views::dialogs::Dialog;
use crate::model::MunicipalityName;

impl App {
    pub(super) fn apply_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.apply(command, ctx);
        }
    }

    /// Applies one command; failures become notices in the window.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        // The import's worker holds the database: a change now would wait for it with the window frozen.
        if command.writes_database() && self.refused_while_importing() {
            return;
        }
        match command {
            Command::SelectCampaign(id) => self.select_campaign(id),
            Command::SelectMunicipality(index) => {
                self.selected = Some(index);
                self.form.reset();
                self.history.seal();
            }
            Command::RevealMunicipality(index) => self.sidebar.reveal = Some(index),
            Command::SelectTab(tab) => self.tab = tab,
            Command::SaveResponse { index, response, field } => self.save_response(index, *response, field),
            Command::SealUndo => self.history.seal(),
            Command::Undo => {
                if let Some(edit) = self.history.undo() {
                    self.restore(edit.campaign_id, edit.index, edit.before);
                }
            }
            Command::Redo => {
                if let Some(edit) = self.history.redo() {
                    self.restore(edit.campaign_id, edit.index, edit.after);
                }
            }
            Command::SetMethodology(m) => {
                let Some(session) = &mut self.session else { return };
                match session.set_methodology(&m) {
                    Ok(changed) => self.info(format!("Методика кампании сохранена; уровней изменилось: {changed}")),
                    Err(e) => self.error(format!("Методика не сохранена: {e:#}")),
                }
            }
            Command::SetProgrammeValue { programme, entry } => self.set_programme_value(&programme, &entry),
            Command::SetText { key, value } => {
                if let Some(session) = &mut self.session
                    && let Err(e) = session.set_text(&key, value.as_deref())
                {
                    self.error(format!("Текст не сохранён: {e:#}"));
                }
            }
            Command::AddMunicipality(name) => self.add_municipality(name.trim()),
            Command::SetReview { municipality, review } => {
                if let Some(session) = &mut self.session
                    && let Err(e) = session.set_review(&municipality, &review)
                {
                    self.error(format!("Статус анкеты не сохранён: {e:#}"));
                }
            }
            Command::NewCampaign(draft) => {
                let Some(session) = &mut self.session else { return };
                match session.new_campaign(&draft) {
                    Ok(_) => {
                        self.dialog = None;
                        self.history.clear();
                        self.form.reset();
                        self.selected =
                            session.current.as_ref().filter(|l| !l.campaign.responses.is_empty()).map(|_| 0);
                        self.info(format!("Создана кампания «{}»", draft.title));
                    }
                    Err(e) => self.error(format!("Кампания не создана: {e:#}")),
                }
            }
            Command::ConfirmPerson { staff, person, what } => {
                let Some(session) = &mut self.session else { return };
                match session.db.confirm_person(staff, person) {
                    Ok(()) => {
                        self.registry.invalidate();
                        self.info(format!("Совпадение подтверждено — один человек реестра: {what}"));
                    }
                    Err(e) => self.error(format!("Совпадение не подтверждено: {e:#}")),
                }
            }
            Command::RejectPerson { staff, person, what } => {
                let Some(session) = &mut self.session else { return };
                match session.db.reject_person(staff, person) {
                    Ok(()) => {
                        self.registry.invalidate();
                        self.info(format!("Совпадение отклонено, больше не предлагается: {what}"));
                    }
                    Err(e) => self.error(format!("Совпадение не отклонено: {e:#}")),
                }
            }
            Command::AddMunicipalityChanges(entries) => self.add_municipality_changes(&entries),
            Command::ChooseFile(purpose) => self.choose_file(purpose),
            Command::FileChosen { purpose, path, with_names } => {
                self.dialog = None;
                self.folder =
                    path.parent().filter(|p| p.is_dir()).map(std::path::Path::to_path_buf).or(self.folder.take());
                self.file_chosen(purpose, path, with_names, ctx);
            }
            Command::Backup => {
                let Some(session) = &self.session else { return };
                match session.db.backup("manual") {
                    Ok(path) => self.info(format!("Резервная копия базы сохранена: {}", path.display())),
                    Err(e) => self.error(format!("Резервная копия не сделана: {e:#}")),
                }
            }
            Command::OpenPath(path) => match super::files::open_with_system(&path) {
                Ok(opener) => self.opener = Some(opener),
                Err(e) => self.error(e),
            },
            Command::ShowNewCampaignDialog => {
                self.dialog = Some(Dialog::new_campaign(self.session.as_ref().and_then(|s| s.current.as_ref())));
            }
            Command::RetryDatabase => {
                let db = crate::workspace::open_db(self.attempted.as_deref(), crate::workspace::Access::Write)
                    .map(|opened| opened.db);
                self.use_database(db, &super::app::Remembered::default());
            }
            Command::ApplyMerge(choices) => self.apply_merge_choices(&choices, ctx),
            Command::CloseDialog => {
                if let Some(Dialog::Merge(merge)) = self.dialog.take() {
                    self.info(format!("Импорт пакета {} отменён: в базу ничего не записано", merge.path.display()));
                }
            }
            Command::DismissNotice(index) => {
                if index < self.notices.len() {
                    self.notices.remove(index);
                }
            }
        }
    }

    fn select_campaign(&mut self, id: i64) {
        let Some(session) = &mut self.session else { return };
        match session.load(id) {
            Ok(()) => {
                self.selected = session.current.as_ref().filter(|l| !l.campaign.responses.is_empty()).map(|_| 0);
                self.form.reset();
                self.history.clear();
            }
            Err(e) => self.error(format!("Кампанию не удалось открыть: {e:#}")),
        }
    }

    fn save_response(&mut self, index: usize, response: crate::model::Response, field: Option<String>) {
        let Some(session) = &mut self.session else { return };
        let Some(loaded) = &session.current else { return };
        let Some(before) = loaded.campaign.responses.get(index).cloned() else { return };
        if before == response {
            return;
        }
        let campaign_id = loaded.id;
        match session.save_response(index, &response) {
            Ok(()) => self.history.record(Edit { campaign_id, index, before, after: response, field }),
            Err(e) => self.error(format!("Изменение не сохранено: {e:#}")),
        }
    }

    /// Saves a response from the undo history, switching back to its campaign if needed.
    fn restore(&mut self, campaign_id: i64, index: usize, response: crate::model::Response) {
        let Some(session) = &mut self.session else { return };
        if session.current.as_ref().map(|l| l.id) != Some(campaign_id)
            && let Err(e) = session.load(campaign_id)
        {
            self.error(format!("Отмена не выполнена: {e:#}"));
            return;
        }
        match session.save_response(index, &response) {
            Ok(()) => {
                self.selected = Some(index);
                self.sidebar.reveal = Some(index);
                self.form.reset();
            }
            Err(e) => self.error(format!("Отмена не выполнена: {e:#}")),
        }
    }

    /// Records changes of municipalities (all of a merge, or none); the dynamics follow them.
    fn add_municipality_changes(&mut self, entries: &[crate::model::history::HistoryEntry]) {
        let Some(session) = &mut self.session else { return };
        let written = session.db.add_municipality_changes(entries);
        match written {
            Ok(()) => {
                // «Динамика» reads the history as it draws, so it follows the new record at once.
                self.municipalities.recorded();
                let said: Vec<String> = entries.iter().map(super::views::municipalities::recorded).collect();
                self.info(said.join("; "));
            }
            Err(e) => {
                self.municipalities.invalidate();
                self.error(format!("Изменение не записано: {e:#}"));
            }
        }
    }

    fn add_municipality(&mut self, name: &str) {
        if name.is_empty() {
            return;
        }
        let Some(session) = &mut self.session else { return };
        let name = match MunicipalityName::new(name) {
            Ok(name) => name,
            Err(message) => {
                self.error(format!("Анкета не добавлена: {message}"));
                return;
            }
        };
        if session.current.as_ref().and_then(|l| l.position(&name)).is_some() {
            self.error(format!("Анкета «{name}» уже есть в кампании"));
            return;
        }
        match session.add_municipality(name) {
            Ok(index) => {
                self.selected = Some(index);
                self.sidebar.reveal = Some(index);
                self.form.reset();
            }
            Err(e) => self.error(format!("Анкета не добавлена: {e:#}")),
        }
    }
}
