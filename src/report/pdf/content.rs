//! A laid-out page as the bytes of its PDF content stream: rectangles first (fills never cover
//! text), then the text, each line one `Tm` and one `Tj` (or `TJ` when it is justified).
//! Numbers are written with two decimals at most (whole parts by `itoa`) and glyph ids as their
//! two bytes in literal strings, without `core::fmt`: a note writes some hundred thousand of each.

use super::super::layout::{Item, PageGeometry, Weight};
use crate::palette::{self, Rgb};

/// The glyph ids a face gives to characters, after subsetting.
pub trait Glyphs {
    fn glyph(&self, weight: Weight, c: char) -> u16;
}

/// PDF resource name of each face.
pub fn font_resource(weight: Weight) -> &'static str {
    match weight {
        Weight::Regular => "F1",
        Weight::Bold => "F2",
    }
}

/// The content stream of one page.
pub fn page(items: &[Item], g: PageGeometry, glyphs: &impl Glyphs) -> Vec<u8> {
    let mut out = Vec::with_capacity(items.len() * 48);
    colour(&mut out, palette::INK, b"RG");
    let mut fill = None;
    let mut line_width = None;
    let mut shapes = items.iter().peekable();
    while let Some(item) = shapes.next() {
        match item {
            Item::Fill { x, y, width, height, colour: rgb } => {
                if fill != Some(*rgb) {
                    colour(&mut out, *rgb, b"rg");
                    fill = Some(*rgb);
                }
                // A cell filled and then framed: one rectangle, filled then stroked (`B`).
                let framed = match shapes.peek() {
                    Some(Item::Frame { x: fx, y: fy, width: fw, height: fh, line })
                        if (fx, fy, fw, fh) == (x, y, width, height) =>
                    {
                        Some(*line)
                    }
                    _ => None,
                };
                if let Some(line) = framed {
                    shapes.next();
                    set_line_width(&mut out, &mut line_width, line);
                }
                rectangle(&mut out, [*x, g.height - y - height, *width, *height]);
                out.extend_from_slice(if framed.is_some() { b"B\n" } else { b"f\n" });
            }
            Item::Frame { x, y, width, height, line } => {
                set_line_width(&mut out, &mut line_width, *line);
                rectangle(&mut out, [*x, g.height - y - height, *width, *height]);
                out.extend_from_slice(b"S\n");
            }
            Item::Link { .. } | Item::Text(_) => {}
        }
    }
    if fill != Some(palette::INK) {
        colour(&mut out, palette::INK, b"rg");
    }
    out.extend_from_slice(b"BT\n");
    let mut current: Option<(Weight, f32)> = None;
    for item in items {
        let Item::Text(run) = item else { continue };
        if current != Some((run.weight, run.size)) {
            out.push(b'/');
            out.extend_from_slice(font_resource(run.weight).as_bytes());
            out.push(b' ');
            number(&mut out, run.size);
            out.extend_from_slice(b" Tf\n");
            current = Some((run.weight, run.size));
        }
        out.extend_from_slice(b"1 0 0 1 ");
        number(&mut out, run.x);
        out.push(b' ');
        number(&mut out, g.height - run.y);
        out.extend_from_slice(b" Tm\n");
        text(&mut out, &run.text, run.weight, run.word_extra, run.size, glyphs);
    }
    out.extend_from_slice(b"ET\n");
    out
}

/// A line of text, its glyph ids as two-byte codes in literal strings (half the bytes of hex
/// strings to write and compress). Justification adds `word_extra` after every space as a
/// glyph offset (word spacing `Tw` does not apply to the two-byte codes of an embedded font).
fn text(out: &mut Vec<u8>, text: &str, weight: Weight, word_extra: f32, size: f32, glyphs: &impl Glyphs) {
    let justified = word_extra.abs() >= 0.001;
    if !justified {
        out.push(b'(');
        for c in text.chars() {
            code(out, glyphs.glyph(weight, c));
        }
        out.extend_from_slice(b") Tj\n");
        return;
    }
    let offset = -word_extra * 1000.0 / size;
    out.extend_from_slice(b"[(");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        code(out, glyphs.glyph(weight, c));
        if c == ' ' && chars.peek().is_some() {
            out.extend_from_slice(b") ");
            number(out, offset);
            out.extend_from_slice(b" (");
        }
    }
    out.extend_from_slice(b")] TJ\n");
}

/// A glyph id as its two bytes (high first) inside a literal string: the string's delimiters
/// and the backslash are escaped, and so are the line ends, which a reader would otherwise
/// read as a line feed whatever they are.
fn code(out: &mut Vec<u8>, glyph: u16) {
    let bytes = glyph.to_be_bytes();
    // Nearly every code has neither byte escaped: both go at once.
    if bytes.iter().all(|b| escape(*b).is_none()) {
        out.extend_from_slice(&bytes);
        return;
    }
    for byte in bytes {
        match escape(byte) {
            Some(escaped) => out.extend_from_slice(escaped),
            None => out.push(byte),
        }
    }
}

/// How `byte` is written inside a literal string, when not as itself.
fn escape(byte: u8) -> Option<&'static [u8; 2]> {
    match byte {
        b'(' => Some(b"\\("),
        b')' => Some(b"\\)"),
        b'\\' => Some(b"\\\\"),
        b'\r' => Some(b"\\r"),
        b'\n' => Some(b"\\n"),
        _ => None,
    }
}

/// `w`, when the line width changes.
fn set_line_width(out: &mut Vec<u8>, current: &mut Option<f32>, line: f32) {
    if *current != Some(line) {
        number(out, line);
        out.extend_from_slice(b" w\n");
        *current = Some(line);
    }
}

fn rectangle(out: &mut Vec<u8>, [x, y, width, height]: [f32; 4]) {
    for v in [x, y, width, height] {
        number(out, v);
        out.push(b' ');
    }
    out.extend_from_slice(b"re ");
}

/// `r g b rg` (fill) or `RG` (stroke), each channel with three decimals.
fn colour(out: &mut Vec<u8>, rgb: Rgb, operator: &[u8]) {
    for channel in [rgb.r, rgb.g, rgb.b] {
        fixed(out, f64::from(channel) / 255.0, 1000);
        out.push(b' ');
    }
    out.extend_from_slice(operator);
    out.push(b'\n');
}

/// A number with at most two decimals (a hundredth of a point is far below what prints).
pub fn number(out: &mut Vec<u8>, v: f32) {
    fixed(out, f64::from(v), 100);
}

/// `v` rounded to `1 / scale` (10, 100 or 1000), without trailing zeros; non-finite values
/// are written as 0.
fn fixed(out: &mut Vec<u8>, v: f64, scale: u32) {
    let scaled = (v * f64::from(scale)).round();
    if !scaled.is_finite() || scaled.abs() >= 1e15 {
        out.push(b'0');
        return;
    }
    let scaled = scaled as i64;
    if scaled < 0 {
        out.push(b'-');
    }
    let magnitude = scaled.unsigned_abs();
    let scale = u64::from(scale);
    out.extend_from_slice(itoa::Buffer::new().format(magnitude / scale).as_bytes());
    let mut fraction = magnitude % scale;
    if fraction == 0 {
        return;
    }
    out.push(b'.');
    let mut unit = scale / 10;
    while fraction > 0 && unit > 0 {
        out.push(b'0' + (fraction / unit) as u8);
        fraction %= unit;
        unit /= 10;
    }
}

/// A glyph id as four upper-case hex digits.
pub fn hex(out: &mut Vec<u8>, glyph: u16) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(DIGITS[usize::from((glyph >> shift) & 0xF)]);
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::layout::TextRun;
    use super::*;

    fn written(f: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_have_at_most_two_decimals_and_no_trailing_zeros() {
        for (v, text) in [
            (0.0, "0"),
            (14.0, "14"),
            (595.276, "595.28"),
            (0.5, "0.5"),
            (-100.0, "-100"),
            (-0.004, "0"),
            (-12.345, "-12.35"),
            (0.05, "0.05"),
            (1e9, "1000000000"),
        ] {
            assert_eq!(written(|o| number(o, v)), text, "{v}");
        }
        assert_eq!(written(|o| number(o, f32::NAN)), "0");
        assert_eq!(written(|o| fixed(o, 146.0 / 255.0, 1000)), "0.573");
    }

    #[test]
    fn glyph_codes_are_two_bytes_with_the_string_delimiters_escaped() {
        let written = |glyph| {
            let mut out = Vec::new();
            code(&mut out, glyph);
            out
        };
        assert_eq!(written(0x0041), b"\0A");
        assert_eq!(written(0x0128), b"\x01\\(");
        assert_eq!(written(0x2900), b"\\)\0");
        assert_eq!(written(0x5C0D), b"\\\\\\r");
        assert_eq!(written(0x0A0A), b"\\n\\n");
        assert_eq!(written(0xFFFF), b"\xFF\xFF");
    }

    #[test]
    fn glyphs_are_four_hex_digits() {
        assert_eq!(written(|o| hex(o, 0)), "0000");
        assert_eq!(written(|o| hex(o, 0x2A1F)), "2A1F");
        assert_eq!(written(|o| hex(o, u16::MAX)), "FFFF");
    }

    /// Glyph = the character's code, for reading the stream in the tests.
    struct Codes;
    impl Glyphs for Codes {
        fn glyph(&self, _: Weight, c: char) -> u16 {
            c as u16
        }
    }

    fn run(text: &str, word_extra: f32) -> Item {
        Item::Text(TextRun { x: 10.0, y: 20.0, text: text.into(), weight: Weight::Regular, size: 14.0, word_extra })
    }

    #[test]
    fn justified_text_gets_an_offset_after_each_inner_space() {
        let g = PageGeometry { width: 100.0, height: 200.0, left: 0.0, right: 0.0, top: 0.0, bottom: 0.0 };
        let stream = String::from_utf8(page(&[run("a b c", 1.4)], g, &Codes)).unwrap();
        assert!(
            stream.contains("/F1 14 Tf\n1 0 0 1 10 180 Tm\n[(\0a\0 ) -100 (\0b\0 ) -100 (\0c)] TJ\n"),
            "{stream:?}"
        );
        let plain = String::from_utf8(page(&[run("a b", 0.0)], g, &Codes)).unwrap();
        assert!(plain.contains("(\0a\0 \0b) Tj\n"), "{plain:?}");
    }

    #[test]
    fn shapes_come_before_the_text_with_their_colours() {
        let g = PageGeometry { width: 100.0, height: 200.0, left: 0.0, right: 0.0, top: 0.0, bottom: 0.0 };
        let items = [
            run("a", 0.0),
            Item::Fill { x: 1.0, y: 2.0, width: 3.0, height: 4.0, colour: palette::GREEN },
            Item::Frame { x: 1.0, y: 2.0, width: 3.0, height: 4.0, line: 0.5 },
            Item::Frame { x: 5.0, y: 2.0, width: 3.0, height: 4.0, line: 0.5 },
            Item::Fill { x: 9.0, y: 2.0, width: 3.0, height: 4.0, colour: palette::GREEN },
            Item::Frame { x: 9.0, y: 3.0, width: 3.0, height: 4.0, line: 0.3 },
        ];
        let stream = String::from_utf8(page(&items, g, &Codes)).unwrap();
        // A cell filled and framed is one rectangle, filled then stroked; a frame alone is
        // stroked, a fill alone (its frame elsewhere) filled.
        let cell = stream.find("0.573 0.816 0.314 rg\n0.5 w\n1 194 3 4 re B\n").unwrap();
        let frame = stream.find("5 194 3 4 re S\n").unwrap();
        let fill = stream.find("9 194 3 4 re f\n0.3 w\n9 193 3 4 re S\n").unwrap();
        let text = stream.find("BT").unwrap();
        assert!(cell < frame && frame < fill && fill < text, "{stream}");
        assert_eq!(stream.matches(" re ").count(), 4, "{stream}");
        assert_eq!(stream.matches(" w\n").count(), 2, "{stream}");
        assert!(stream.starts_with("0 0 0 RG\n"), "{stream}");
    }
}
