//! A plain list as a workbook or CSV: one sheet, a header row, text cells. The staff registry
//! and its «обучение истекает» list are exported this way.

use super::SheetError;
use super::write::header_format;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use std::path::Path;

/// Writes `rows` under `headers` to `path`: `.csv` (the program's CSV form, `;`, BOM) or XLSX.
/// `names`: the rows hold staff names (the file is then private to its owner on Unix).
pub fn write_list(
    path: &Path,
    sheet: &str,
    headers: &[&str],
    rows: &[Vec<String>],
    names: bool,
) -> Result<(), SheetError> {
    let write_err = |detail: String| SheetError::Write { path: path.to_path_buf(), detail };
    let bytes = match super::FileKind::of(path) {
        Some(super::FileKind::Csv) => {
            let mut all = vec![headers.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
            all.extend(rows.iter().cloned());
            super::csv::write(&[(sheet, all)]).into_bytes()
        }
        _ => list_xlsx(sheet, headers, rows).map_err(|e| write_err(e.to_string()))?,
    };
    crate::files::write_atomic(path, &bytes, crate::files::Access::for_names(names))
        .map_err(|e| write_err(crate::files::describe(&e)))
}

fn list_xlsx(sheet_name: &str, headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name)?;
    let header = header_format();
    let plain = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top);
    for (c, title) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *title, &header)?;
        sheet.set_column_width(c as u16, if c == 0 { 28 } else { 22 })?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string_with_format(r as u32 + 1, c as u16, text, &plain)?;
        }
    }
    if !headers.is_empty() {
        sheet.autofilter(0, 0, rows.len() as u32, headers.len() as u16 - 1)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}
