//! The XLSX export of a campaign: the note's three colour tables (cells filled with the level
//! colours, each level's reason as a cell comment) followed by the raw answers in the template's
//! layout — so an exported workbook can be imported back.

use super::SheetError;
use super::layout::SheetName;
use super::write::{TemplateHead, add_table, header_format, tables};
use crate::dynamics::Dynamics;
use crate::methodology::{Assessment, Colour, Indicator, MunicipalityAssessment};
use crate::model::Campaign;
use crate::palette;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Note, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// One coloured cell of a table: text, colour role, reason.
struct Level<'a> {
    text: String,
    colour: Colour,
    reason: &'a str,
}

/// A colour table: its sheet name, title, column headers and one row of levels per municipality.
struct ColourTable<'a> {
    name: &'static str,
    title: &'static str,
    headers: Vec<String>,
    rows: Vec<(&'a str, Vec<Level<'a>>)>,
}

fn table_1(a: &Assessment) -> ColourTable<'_> {
    let rows = a
        .municipalities
        .iter()
        .map(|m| {
            let count = match m.staff_count {
                Some(n) => format!("{n} — {}", a.methodology.text(m.staff_count_level.level)),
                None => a.methodology.text(m.staff_count_level.level).to_string(),
            };
            let service = Level {
                text: m.service_form.label().to_string(),
                colour: m.service.level.colour(),
                reason: &m.service.reason,
            };
            let staff =
                Level { text: count, colour: m.staff_count_level.level.colour(), reason: &m.staff_count_level.reason };
            (m.municipality.as_str(), vec![service, staff])
        })
        .collect();
    ColourTable {
        name: "Таблица 1",
        title: "Наличие ММС и численность сотрудников",
        headers: vec!["Форма ММС".into(), "Численность сотрудников".into()],
        rows,
    }
}

fn table_2(a: &Assessment) -> ColourTable<'_> {
    let mut headers: Vec<String> = Indicator::ALL.iter().map(|i| i.title(&a.methodology)).collect();
    headers.push("Кадровый потенциал".into());
    let rows = a
        .municipalities
        .iter()
        .map(|m: &MunicipalityAssessment| {
            let mut levels: Vec<Level> = Indicator::ALL
                .iter()
                .map(|i| {
                    let x = m.indicator(*i);
                    Level { text: a.methodology.text(x.level).to_string(), colour: x.level.colour(), reason: &x.reason }
                })
                .collect();
            levels.push(Level {
                text: a.methodology.text(m.potential.level).to_string(),
                colour: m.potential.level.colour(),
                reason: &m.potential.reason,
            });
            (m.municipality.as_str(), levels)
        })
        .collect();
    ColourTable {
        name: "Таблица 2", title: "Квалификация сотрудников ММС и кадровый потенциал", headers, rows
    }
}

fn table_3(a: &Assessment) -> ColourTable<'_> {
    let rows = a
        .municipalities
        .iter()
        .map(|m| {
            let mut duties = a.methodology.text(m.duties.level).to_string();
            if let (true, Some(year)) = (m.duties_outdated, m.duties_approved_year) {
                duties.push_str(&format!(" (утверждены в {year} г.)"));
            }
            let duties = Level { text: duties, colour: m.duties.level.colour(), reason: &m.duties.reason };
            let associations = Level {
                text: a.methodology.text(m.associations.level).to_string(),
                colour: m.associations.level.colour(),
                reason: &m.associations.reason,
            };
            (m.municipality.as_str(), vec![duties, associations])
        })
        .collect();
    ColourTable {
        name: "Таблица 3",
        title: "Должностные обязанности и объединения педагогов",
        headers: vec!["Соответствие должностных обязанностей РСНМС".into(), "Объединения педагогов".into()],
        rows,
    }
}

fn fill_format(colour: Colour) -> Format {
    Format::new()
        .set_background_color(Color::RGB(palette::level_fill(colour).hex()))
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

fn add_colour_table(workbook: &mut Workbook, table: &ColourTable) -> Result<(), XlsxError> {
    let sheet: &mut Worksheet = workbook.add_worksheet();
    sheet.set_name(table.name)?;
    sheet.write_string_with_format(0, 0, table.title, &Format::new().set_bold().set_font_size(13))?;
    let header = header_format();
    let plain = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
    sheet.write_string_with_format(1, 0, "№", &header)?;
    sheet.write_string_with_format(1, 1, "Муниципалитет", &header)?;
    sheet.set_column_width(0, 4)?;
    sheet.set_column_width(1, 24)?;
    sheet.set_row_height(1, 45)?;
    for (c, title) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16 + 2, title, &header)?;
        sheet.set_column_width(c as u16 + 2, 26)?;
    }
    for (r, (municipality, levels)) in table.rows.iter().enumerate() {
        let row = r as u32 + 2;
        sheet.write_number_with_format(row, 0, r as f64 + 1.0, &plain)?;
        sheet.write_string_with_format(row, 1, *municipality, &plain)?;
        for (c, level) in levels.iter().enumerate() {
            let col = c as u16 + 2;
            sheet.write_string_with_format(row, col, &level.text, &fill_format(level.colour))?;
            let note = Note::new(level.reason).add_author_prefix(false).set_width(320).set_height(120);
            sheet.insert_note(row, col, &note)?;
        }
    }
    sheet.set_freeze_panes(2, 2)?;
    Ok(())
}

/// The export workbook as bytes: the three colour tables, then the answers.
pub fn export_xlsx(campaign: &Campaign, assessment: &Assessment) -> Result<Vec<u8>, XlsxError> {
    export_xlsx_with(campaign, assessment, None)
}

/// [`export_xlsx`] with a «Динамика» sheet after the colour tables, when there is an earlier
/// campaign to compare with.
pub fn export_xlsx_with(
    campaign: &Campaign,
    assessment: &Assessment,
    dynamics: Option<&Dynamics>,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    for table in [table_1(assessment), table_2(assessment), table_3(assessment)] {
        add_colour_table(&mut workbook, &table)?;
    }
    if let Some(d) = dynamics {
        super::dynamics::add_sheet(&mut workbook, d)?;
    }
    let head = TemplateHead {
        title: Some(campaign.title.clone()),
        region: campaign.region.clone(),
        reference_date: Some(campaign.reference_date.get()),
    };
    for table in tables(&head, &campaign.responses, None) {
        add_table(&mut workbook, &table)?;
    }
    if let Ok(first) = workbook.worksheet_from_index(0) {
        first.set_active(true);
    }
    workbook.save_to_buffer()
}

/// Writes the export to `path` (`.xlsx`; `.csv` gets the answers only, in the CSV form).
pub fn write_export(path: &Path, campaign: &Campaign, assessment: &Assessment) -> Result<(), SheetError> {
    write_export_with(path, campaign, assessment, None)
}

/// [`write_export`] with the «Динамика» sheet (XLSX only) when `dynamics` is given.
pub fn write_export_with(
    path: &Path,
    campaign: &Campaign,
    assessment: &Assessment,
    dynamics: Option<&Dynamics>,
) -> Result<(), SheetError> {
    let write_err = |detail: String| SheetError::Write { path: path.to_path_buf(), detail };
    let bytes = match super::FileKind::of(path) {
        Some(super::FileKind::Csv) => {
            let head = TemplateHead {
                title: Some(campaign.title.clone()),
                region: campaign.region.clone(),
                reference_date: Some(campaign.reference_date.get()),
            };
            super::write::tables_csv(&tables(&head, &campaign.responses, None)).into_bytes()
        }
        _ => export_xlsx_with(campaign, assessment, dynamics).map_err(|e| write_err(e.to_string()))?,
    };
    let access = crate::files::Access::for_names(campaign.has_names());
    crate::files::write_atomic(path, &bytes, access).map_err(|e| write_err(crate::files::describe(&e)))
}

/// The names of the sheets an export holds, in order (for users' docs and tests).
pub fn export_sheet_names() -> Vec<&'static str> {
    let mut names = vec!["Таблица 1", "Таблица 2", "Таблица 3"];
    names.extend(SheetName::DATA.iter().map(|s| s.title()));
    names
}
