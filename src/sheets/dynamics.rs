//! The «Динамика» sheet of the XLSX export: the region's counts and shares then → now, and
//! every level of every municipality then → now with its change (a filterable table). Only
//! written when the campaign has an earlier one to compare with.

use super::write::header_format;
use crate::dynamics::{Dynamics, LevelValue};
use crate::methodology::text::date;
use crate::palette;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};

/// The sheet's name.
pub const SHEET: &str = "Динамика";

fn level_format(value: Option<LevelValue>) -> Format {
    let base = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    match value {
        Some(v) => base.set_background_color(Color::RGB(palette::level_fill(v.colour).hex())),
        None => base,
    }
}

/// Adds the sheet to `workbook`.
pub fn add_sheet(workbook: &mut Workbook, d: &Dynamics) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    let bold = Format::new().set_bold().set_font_size(13);
    let header = header_format();
    let plain = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let percent = Format::new().set_border(FormatBorder::Thin).set_num_format("0.0");
    let name = |c: &crate::dynamics::CampaignInfo| format!("«{}» ({})", c.title, date(c.reference_date));
    sheet.write_string_with_format(0, 0, format!("Динамика: {}", name(&d.campaign)), &bold)?;
    sheet.write_string(1, 0, format!("в сравнении с {}", name(&d.against)))?;
    if let Some(scope) = crate::dynamics::text::checked_only(d) {
        sheet.write_string(2, 0, scope)?;
    }
    for (col, width) in [(0u16, 30.0), (1, 40.0), (2, 30.0), (3, 30.0), (4, 12.0), (5, 12.0)] {
        sheet.set_column_width(col, width)?;
    }

    let mut row = 3u32;
    sheet.write_string_with_format(row, 0, "Регион", &bold)?;
    row += 1;
    for (col, title) in
        ["Показатель", "Уровень", "Было, муниципалитетов", "Было, %", "Стало, муниципалитетов", "Стало, %"]
            .iter()
            .enumerate()
    {
        sheet.write_string_with_format(row, col as u16, *title, &header)?;
    }
    for f in &d.region {
        row += 1;
        sheet.write_string_with_format(row, 0, f.key.title(&d.methodology), &plain)?;
        sheet.write_string_with_format(row, 1, f.level.text(&d.methodology), &level_format(Some(f.level)))?;
        sheet.write_number_with_format(row, 2, f.before.count as f64, &plain)?;
        sheet.write_number_with_format(row, 3, f.before.tenths() as f64 / 10.0, &percent)?;
        sheet.write_number_with_format(row, 4, f.after.count as f64, &plain)?;
        sheet.write_number_with_format(row, 5, f.after.tenths() as f64 / 10.0, &percent)?;
    }

    row += 2;
    sheet.write_string_with_format(row, 0, "Муниципалитеты", &bold)?;
    row += 1;
    let first = row;
    for (col, title) in
        ["Муниципалитет", "Показатель", "Было", "Стало", "Изменение", "В сравнении с"].iter().enumerate()
    {
        sheet.write_string_with_format(row, col as u16, *title, &header)?;
    }
    for m in &d.municipalities {
        for l in &m.levels {
            row += 1;
            sheet.write_string_with_format(row, 0, &m.municipality, &plain)?;
            sheet.write_string_with_format(row, 1, l.key.title(&d.methodology), &plain)?;
            sheet.write_string_with_format(row, 2, d.level_text(l.before), &level_format(l.before))?;
            sheet.write_string_with_format(row, 3, d.level_text(l.after), &level_format(l.after))?;
            sheet.write_string_with_format(row, 4, l.change.label(), &plain)?;
            sheet.write_string_with_format(row, 5, m.compared_with.join(", "), &plain)?;
        }
    }
    sheet.autofilter(first, 0, row, 5)?;
    Ok(())
}
