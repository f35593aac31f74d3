//! The app's work on target-indicator programmes: «Файл» → «Импорт программы…» and a value
//! saved from the «Программы» tab. Both go through the same core as `mms-monitor programme
//! import` (`workspace::read_programme_file`, `Db::import_programme`): a refused file writes
//! nothing, and every value written is in the change log.

use super::app::App;
use super::command::Tab;
use crate::programme::Entry;
use std::path::Path;

impl App {
    /// Imports a programme file (JSON, or its XLSX template filled in) all or nothing, then
    /// shows it on «Программы».
    pub(super) fn import_programme(&mut self, path: &Path) {
        let Some(session) = &mut self.session else {
            self.error("Сначала откройте или создайте базу данных");
            return;
        };
        let read = crate::workspace::read_programme_file(&session.db, path);
        let p = match read {
            Ok(p) => p,
            Err(e) => {
                self.error(format!("Программа не импортирована, в базу ничего не записано.\n{e:#}"));
                return;
            }
        };
        let source = format!("импорт {}", path.display());
        match session.db.import_programme(&p, &source) {
            Ok(summary) => {
                self.programmes.refresh(Some(&p.code));
                self.tab = Tab::Programmes;
                self.info(format!("{}: {}", path.display(), crate::workspace::programme_import_summary(&p, &summary)));
            }
            Err(e) => self.error(format!("{}: программа не импортирована: {e:#}", path.display())),
        }
    }

    /// Stores one value typed on «Программы» (already validated by the programme reader).
    pub(super) fn set_programme_value(&mut self, code: &str, entry: &Entry) {
        let Some(session) = &mut self.session else { return };
        match session.db.set_programme_value(code, entry, super::session::EDIT_SOURCE) {
            Ok(changed) => {
                self.programmes.refresh(None);
                if changed {
                    self.info(format!("Значение показателя {} за {} сохранено", entry.indicator, entry.period.label()));
                }
            }
            Err(e) => self.error(format!("Значение не сохранено: {e:#}")),
        }
    }
}
