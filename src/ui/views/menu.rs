//! The menu bar: «Файл» and «Правка».

use crate::ui::command::{Command, FilePurpose};
use crate::ui::history::History;

/// The choice the exports and the note follow, like `--checked-only` on the command line.
pub const CHECKED_ONLY: &str = "Только проверенные анкеты";
pub const CHECKED_ONLY_HINT: &str =
    "Экспорт и справка включают только анкеты со статусом «проверена»; сообщение скажет, сколько не включено";

pub fn ui(
    ui: &mut egui::Ui,
    has_database: bool,
    history: &History,
    checked_only: &mut bool,
    commands: &mut Vec<Command>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("Файл", |ui| {
            let mut item = |ui: &mut egui::Ui, enabled: bool, text: &str, command: Command| {
                if ui.add_enabled(enabled, egui::Button::new(text)).clicked() {
                    commands.push(command);
                    ui.close();
                }
            };
            item(ui, has_database, "Новая кампания…", Command::ShowNewCampaignDialog);
            ui.separator();
            item(ui, true, "Открыть базу…", Command::ChooseFile(FilePurpose::OpenDatabase));
            item(ui, true, "Создать базу…", Command::ChooseFile(FilePurpose::NewDatabase));
            ui.separator();
            item(ui, has_database, "Импорт…", Command::ChooseFile(FilePurpose::Import));
            item(ui, has_database, "Импорт программы…", Command::ChooseFile(FilePurpose::ImportProgramme));
            item(ui, has_database, "Экспорт…", Command::ChooseFile(FilePurpose::Export));
            ui.checkbox(checked_only, CHECKED_ONLY).on_hover_text(CHECKED_ONLY_HINT);
            item(ui, has_database, "Шаблон для заполнения…", Command::ChooseFile(FilePurpose::Template));
            item(ui, has_database, "Резервная копия…", Command::Backup);
            ui.separator();
            if ui.add(egui::Button::new("Выход").shortcut_text("Ctrl+Q")).clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button("Правка", |ui| {
            let undo = egui::Button::new("Отменить").shortcut_text("Ctrl+Z");
            if ui.add_enabled(history.can_undo(), undo).clicked() {
                commands.push(Command::Undo);
                ui.close();
            }
            let redo = egui::Button::new("Вернуть").shortcut_text("Ctrl+Shift+Z");
            if ui.add_enabled(history.can_redo(), redo).clicked() {
                commands.push(Command::Redo);
                ui.close();
            }
        });
    });
}
