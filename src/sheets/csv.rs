//! The CSV form of the workbook: one file, the sheets one under another as sections.
//!
//! A section starts with a row whose first cell is the sheet name in square brackets
//! («[Сотрудники]»); its next row holds the headers. Rows are numbered as a spreadsheet shows
//! them when it opens the file, so «Сотрудники!D57» is cell D57 of the opened CSV. The separator
//! is detected (`;` as Russian Excel writes it, `,` or tab); text is UTF-8, with or without BOM,
//! or Windows-1251 as older Russian Excel saves it.

use super::grid::{Book, Cell, Row};

/// Splits CSV text into records (RFC 4180 quoting; a quoted field may span lines).
fn records(text: &str, separator: char) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                out.push(std::mem::take(&mut record));
            }
            c if c == separator => record.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        out.push(record);
    }
    out
}

/// The separator: whichever of `;`, tab and `,` occurs most (outside quotes) in the first line
/// that has any of them — a section line such as «[Кампания]» may have none.
fn detect_separator(text: &str) -> char {
    for line in text.lines().take(20) {
        let mut quoted = false;
        let mut counts = [(';', 0usize), ('\t', 0), (',', 0)];
        for c in line.chars() {
            if c == '"' {
                quoted = !quoted;
            } else if !quoted {
                for (sep, n) in &mut counts {
                    if c == *sep {
                        *n += 1;
                    }
                }
            }
        }
        if let Some((sep, _)) = counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0) {
            return *sep;
        }
    }
    ';'
}

/// Decodes the bytes: UTF-8 (BOM stripped), else Windows-1251.
pub(crate) fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1251(b)).collect(),
    }
}

/// One byte of Windows-1251: ASCII, the Cyrillic alphabet and the punctuation Russian text uses.
fn windows_1251(b: u8) -> char {
    match b {
        0x00..=0x7F => char::from(b),
        0xC0..=0xFF => char::from_u32(0x0410 + u32::from(b - 0xC0)).unwrap_or('\u{FFFD}'),
        0xA8 => 'Ё',
        0xB8 => 'ё',
        0xA0 => '\u{A0}',
        0xAB => '«',
        0xBB => '»',
        0xB9 => '№',
        0x96 => '–',
        0x97 => '—',
        0x93 => '“',
        0x94 => '”',
        0x85 => '…',
        _ => '\u{FFFD}',
    }
}

/// The section name of a row «[Name]», if it is one.
fn section_name(record: &[String]) -> Option<&str> {
    let first = record.first()?.trim();
    let name = first.strip_prefix('[')?.strip_suffix(']')?;
    record.iter().skip(1).all(|f| f.trim().is_empty()).then_some(name.trim())
}

/// Parses the sectioned CSV into named sheets. Rows before the first section are returned
/// under the empty name, so the reader can report them.
pub(crate) fn parse(text: &str) -> Book {
    let separator = detect_separator(text);
    let mut book = Book::new();
    let mut current = String::new();
    for (index, record) in records(text, separator).into_iter().enumerate() {
        let number = index as u32 + 1;
        if let Some(name) = section_name(&record) {
            current = name.to_string();
            book.entry(current.clone()).or_default();
            continue;
        }
        let cells: Vec<Cell> = record
            .into_iter()
            .map(|f| if f.trim().is_empty() { Cell::Empty } else { Cell::Text(unprotect(f)) })
            .collect();
        let row = Row { number, cells };
        if !row.is_empty() {
            book.entry(current.clone()).or_default().rows.push(row);
        }
    }
    book
}

/// The characters that make a spreadsheet read a CSV cell as a formula (OWASP, «CSV injection»).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One field, quoted when it holds the separator, a quote or a line break. Text a spreadsheet
/// would run as a formula (`=HYPERLINK(…)`, `+1+2`) gets a leading `'`, which spreadsheets
/// take as "this is text"; [`parse`] removes it again.
fn field(text: &str) -> String {
    let text = if protected(text) { format!("'{text}") } else { text.to_string() };
    if text.contains([';', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

/// Text that gets the `'`: it starts with a formula character, or is `'` before such text
/// (so that text which itself starts with `'=` also reads back unchanged).
fn protected(text: &str) -> bool {
    let quotes = text.len() - text.trim_start_matches('\'').len();
    text.get(quotes..).is_some_and(|rest| rest.starts_with(FORMULA_STARTS))
}

/// A field as written by [`field`]: the added `'` removed.
fn unprotect(text: String) -> String {
    match text.strip_prefix('\'') {
        Some(rest) if protected(rest) => rest.to_string(),
        _ => text,
    }
}

/// Writes sections as CSV with `;` (what Russian Excel expects) and a BOM (so it reads UTF-8).
pub(crate) fn write(sections: &[(&str, Vec<Vec<String>>)]) -> String {
    let mut out = String::from("\u{FEFF}");
    for (i, (name, rows)) in sections.iter().enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        out.push_str(&format!("[{name}]\r\n"));
        for row in rows {
            out.push_str(&row.iter().map(|f| field(f)).collect::<Vec<_>>().join(";"));
            out.push_str("\r\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_separators_quotes_and_line_breaks() {
        let text = "a;\"b;c\";\"say \"\"hi\"\"\"\r\n\"two\nlines\";x\n";
        assert_eq!(
            records(text, ';'),
            vec![vec!["a".to_string(), "b;c".into(), "say \"hi\"".into()], vec!["two\nlines".into(), "x".into()]]
        );
    }

    #[test]
    fn separator_is_detected() {
        assert_eq!(detect_separator("a;b;c\n"), ';');
        assert_eq!(detect_separator("a,b,c\n"), ',');
        assert_eq!(detect_separator("a\tb\n"), '\t');
        assert_eq!(detect_separator("\"a,b\";c\n"), ';');
        assert_eq!(detect_separator("[Кампания]\nПараметр,Значение\n"), ',');
    }

    #[test]
    fn windows_1251_is_decoded() {
        // «Да» in Windows-1251 is C4 E0; invalid as UTF-8.
        assert_eq!(decode(&[0xC4, 0xE0, b';', 0xA8, 0xB8]), "Да;Ёё");
        assert_eq!(decode("\u{FEFF}Да".as_bytes()), "Да");
    }

    #[test]
    fn sections_keep_spreadsheet_row_numbers() {
        let text = "[Кампания]\nПараметр;Значение\n\n[Службы]\nМуниципалитет;Форма ММС\nX;Y\n";
        let book = parse(text);
        let services = &book["Службы"];
        assert_eq!(services.rows.len(), 2);
        assert_eq!(services.rows[1].number, 6);
        assert_eq!(services.rows[1].cells[1], Cell::Text("Y".into()));
    }

    #[test]
    fn formula_text_is_written_inert_and_read_back_as_it_was() {
        let texts = [
            "=HYPERLINK(\"http://x\";\"y\")",
            "=cmd|' /C calc'!A0",
            "+1+2",
            "-5",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "'=a",
            "''+b",
            "it's",
            "обычный",
        ];
        let row: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
        let text = write(&[("Курсы", vec![row])]);
        for line in text.lines().skip(1) {
            for written in line.split(';') {
                assert!(!written.trim_start_matches('"').starts_with(FORMULA_STARTS), "{written}");
            }
        }
        let book = parse(&decode(text.as_bytes()));
        let cells = &book["Курсы"].rows[0].cells;
        let read: Vec<String> = cells
            .iter()
            .map(|c| match c {
                Cell::Text(t) => t.clone(),
                _ => String::new(),
            })
            .collect();
        // «\tx» and «\rx» lose nothing either: the reader keeps quoted text whole.
        assert_eq!(read, texts.map(str::to_string));
    }

    #[test]
    fn written_csv_reads_back() {
        let text = write(&[("Курсы", vec![vec!["a;b".into(), "c\"d".into(), "e".into()]])]);
        let book = parse(&decode(text.as_bytes()));
        let row = &book["Курсы"].rows[0];
        assert_eq!(row.number, 2);
        assert_eq!(row.cells, vec![Cell::Text("a;b".into()), Cell::Text("c\"d".into()), Cell::Text("e".into())]);
    }
}
