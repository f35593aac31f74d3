//! «Предложенные совпадения» of the «Реестр работников» tab: staff records that look like a person
//! of the previous campaign (same name, municipality and position) but were never joined. The
//! analyst says «Тот же человек» (joined, as `registry --confirm` does) or «Разные люди» (never
//! proposed again, as `registry --reject`); nothing is joined without that click. Names are shown
//! only with «Показать ФИО», as in the rest of the tab.

use crate::methodology::text::years;
use crate::people::{Person, Proposal, Registry, StaffRecord};
use crate::ui::command::Command;

/// The proposals block, above the registry's table: `proposals` are those the tab's
/// municipality filter keeps.
pub fn ui(ui: &mut egui::Ui, registry: &Registry, proposals: &[&Proposal], names: bool, commands: &mut Vec<Command>) {
    if proposals.is_empty() {
        return;
    }
    let title = format!("Предложенные совпадения: {}", proposals.len());
    egui::CollapsingHeader::new(title).id_salt("registry_proposals").default_open(true).show(ui, |ui| {
        ui.label(
            "Эти записи похожи на человека из предыдущей кампании (совпадают ФИО, муниципалитет и должность), \
             но не объединены. «Тот же человек» объединяет их в одну запись реестра; «Разные люди» — больше не предлагать.",
        );
        egui::ScrollArea::vertical().id_salt("registry_proposals_list").max_height(220.0).show(ui, |ui| {
            for p in proposals {
                row(ui, registry, p, names, commands);
            }
        });
    });
    ui.separator();
}

fn row(ui: &mut egui::Ui, registry: &Registry, p: &Proposal, names: bool, commands: &mut Vec<Command>) {
    let later = record(registry, p.staff);
    let earlier = registry.people.iter().find(|x| x.id == p.person).and_then(Person::latest);
    let what = describe(p, names);
    ui.horizontal_wrapped(|ui| {
        ui.label(&what);
        if let (Some(then), Some(now)) = (earlier, later) {
            ui.weak(comparison(then, now));
        }
        let same = ui.button("Тот же человек").on_hover_text("Объединить: одна запись реестра с общей историей курсов");
        if same.clicked() {
            commands.push(Command::ConfirmPerson { staff: p.staff, person: p.person, what: what.clone() });
        }
        let different = ui.button("Разные люди").on_hover_text("Не объединять и больше не предлагать");
        if different.clicked() {
            commands.push(Command::RejectPerson { staff: p.staff, person: p.person, what: what.clone() });
        }
    });
}

/// The staff record `staff` among the registry's people.
fn record(registry: &Registry, staff: uuid::Uuid) -> Option<&StaffRecord> {
    registry.people.iter().flat_map(|x| &x.records).find(|r| r.staff == staff)
}

/// «Северный МО · Иванова А. П. · методист · кампании 1 и 2»; without names «ФИО совпадает».
pub fn describe(p: &Proposal, names: bool) -> String {
    let name = if names { p.name.clone() } else { "ФИО совпадает".into() };
    let position = p.position.as_deref().unwrap_or("должность не указана");
    format!("{} · {name} · {position} · кампании {} и {}", p.municipality, p.earlier_campaign, p.campaign)
}

/// What the two records say, then and now (the window's font has no arrow).
fn comparison(then: &StaffRecord, now: &StaffRecord) -> String {
    let one = |r: &StaffRecord| {
        format!("{}: {}, стаж в ММС {}", r.reference_date.format("%Y"), r.education.label(), years(r.service_years))
    };
    format!("({}; {})", one(then), one(now))
}
