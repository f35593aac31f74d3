//! Layout primitives on made-up sizes: a fixed-width measure and a 100 × 100 pt body.

use super::*;

/// Every character is half the size wide; a space too.
struct Mono;

impl Measure for Mono {
    fn width(&self, text: &str, _weight: Weight, size: f32) -> f32 {
        text.chars().count() as f32 * size * 0.5
    }
}

/// A small page: body 100 × 100 pt.
fn page() -> PageGeometry {
    PageGeometry { width: 120.0, height: 120.0, left: 10.0, right: 10.0, top: 10.0, bottom: 10.0 }
}

const TEN: TextStyle = TextStyle { weight: Weight::Regular, size: 10.0, leading: 1.0 };

fn para(text: &str) -> Paragraph {
    Paragraph::plain(text, TEN, Align::Justify)
}

fn texts(page: &Page) -> Vec<&str> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn wrap_fills_lines_greedily() {
    // 5 pt a character: 20 characters a line.
    let lines = wrap(&Mono, "aaaa bbbb cccc dddd eeee", TEN, 100.0, 100.0);
    let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(got, ["aaaa bbbb cccc dddd", "eeee"]);
    assert_eq!(lines[0].width, 95.0);
    assert_eq!(lines[0].gaps, 3);
}

#[test]
fn wrap_respects_a_narrower_first_line_and_hard_breaks() {
    let lines = wrap(&Mono, "aaaa bbbb cccc\nz", TEN, 40.0, 100.0);
    let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(got, ["aaaa", "bbbb cccc", "z"]);
}

#[test]
fn wrap_glues_percent_and_dashes_to_the_word_before() {
    // "35,3 %" would fit only with the percent sign on the next line.
    let lines = wrap(&Mono, "aaaaaaaaaaaaaa 35,3 % — x", TEN, 100.0, 100.0);
    let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(got, ["aaaaaaaaaaaaaa", "35,3\u{a0}%\u{a0}— x"]);
    let lines = wrap(&Mono, "aaaaaaaaaaaaaa (26,5 %);", TEN, 100.0, 100.0);
    assert_eq!(lines[1].text, "(26,5\u{a0}%);");
}

#[test]
fn wrap_breaks_words_longer_than_the_line() {
    let lines = wrap(&Mono, "abcdefghij", TEN, 30.0, 30.0);
    let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(got, ["abcdef", "ghij"]);
    assert!(lines.iter().all(|l| l.width <= 30.0));
}

#[test]
fn justified_lines_reach_the_right_margin_except_the_last() {
    let result = layout(&Mono, page(), &[Block::Paragraph(para("aaaa bbbb cccc ddd eeee"))]);
    let runs: Vec<&TextRun> =
        result.pages[0].items.iter().filter_map(|i| if let Item::Text(t) = i { Some(t) } else { None }).collect();
    assert_eq!(runs.len(), 2);
    // "aaaa bbbb cccc ddd" is 90 pt with 3 gaps: 10 pt spread over them.
    assert!((runs[0].word_extra - 10.0 / 3.0).abs() < 1e-4);
    assert_eq!(runs[1].word_extra, 0.0);
    assert_eq!(runs[0].x, 10.0);
}

#[test]
fn first_line_indent_and_centring() {
    let mut p = para("ab");
    p.first_indent = 20.0;
    p.align = Align::Left;
    let mut c = para("ab");
    c.align = Align::Centre;
    let result = layout(&Mono, page(), &[Block::Paragraph(p), Block::Paragraph(c)]);
    let xs: Vec<f32> =
        result.pages[0].items.iter().filter_map(|i| if let Item::Text(t) = i { Some(t.x) } else { None }).collect();
    // "ab" is 10 pt wide on a 100 pt line: centred at 10 + 45.
    assert_eq!(xs, [30.0, 55.0]);
}

#[test]
fn paragraphs_break_across_pages_with_two_lines_at_least_on_each() {
    // 10 lines a page; 9 one-line paragraphs leave one line for a 4-line paragraph.
    let mut blocks: Vec<Block> = (0..9).map(|i| Block::Paragraph(para(&format!("p{i}")))).collect();
    blocks.push(Block::Paragraph(para("aaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbb ccccccccccccccccccc ddd")));
    let result = layout(&Mono, page(), &blocks);
    assert_eq!(result.pages.len(), 2);
    assert_eq!(texts(&result.pages[0]).len(), 9, "a single line is not left at the foot");
    // Page 2 starts with the whole paragraph (and carries a page number).
    assert_eq!(texts(&result.pages[1])[0], "aaaaaaaaaaaaaaaaaaa");
    assert_eq!(texts(&result.pages[1]).last().copied(), Some("2"));
}

#[test]
fn no_orphan_heading_at_the_foot_of_a_page() {
    let mut blocks: Vec<Block> = (0..7).map(|i| Block::Paragraph(para(&format!("p{i}")))).collect();
    blocks.push(Block::Heading(Heading { text: "Head".into(), level: 1, in_contents: true }));
    blocks.push(Block::Paragraph(para("aaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbb ccccccccccccccccccc")));
    // The heading takes 16.8 pt + 18 pt of spacing; with its first two lines it no longer fits.
    let result = layout(&Mono, page(), &blocks);
    assert!(!texts(&result.pages[0]).contains(&"Head"));
    assert_eq!(texts(&result.pages[1])[0], "Head");
    assert_eq!(result.headings[0].page, 2);
}

fn table(rows: usize) -> Table {
    Table {
        columns: vec![1.0, 1.0],
        header: vec![Cell::text("H1"), Cell::text("H2")],
        rows: (0..rows).map(|i| vec![Cell::text(format!("r{i}")), Cell::filled("x", palette::GREEN)]).collect(),
        size: 10.0,
        space_after: 0.0,
        keep_together: false,
        continued: None,
    }
}

#[test]
fn tables_split_with_the_header_repeated() {
    // Row height: 11.5 + 4 = 15.5 pt; a 100 pt body holds the header and 5 rows.
    let result = layout(&Mono, page(), &[Block::Table(table(8))]);
    assert_eq!(result.pages.len(), 2);
    let first = texts(&result.pages[0]);
    let second = texts(&result.pages[1]);
    assert_eq!(first[..2], ["H1", "H2"]);
    assert_eq!(second[..2], ["H1", "H2"]);
    assert!(first.contains(&"r4") && !first.contains(&"r5"));
    assert_eq!(second[2], "r5");
    assert!(second.contains(&"r7"));
    let fills = result.pages[0]
        .items
        .iter()
        .filter(|i| matches!(i, Item::Fill { colour, .. } if *colour == palette::GREEN))
        .count();
    assert_eq!(fills, 5);
}

#[test]
fn tables_kept_together_move_whole_with_their_lead() {
    let mut blocks: Vec<Block> = (0..5).map(|i| Block::Paragraph(para(&format!("p{i}")))).collect();
    let mut lead = para("Legend:");
    lead.keep_with_next = true;
    blocks.push(Block::Paragraph(lead));
    let mut legend = table(3);
    legend.keep_together = true;
    blocks.push(Block::Table(legend));
    // 60 pt used; the legend needs 4 × 15.5 = 62 pt: lead and legend go to page 2.
    let result = layout(&Mono, page(), &blocks);
    assert_eq!(texts(&result.pages[0]).len(), 5);
    assert_eq!(texts(&result.pages[1])[..3], ["Legend:", "H1", "H2"]);
    assert!(texts(&result.pages[1]).contains(&"r2"));
}

#[test]
fn a_header_taller_than_the_page_does_not_hang_the_layout() {
    let mut t = table(2);
    t.header[0] = Cell::text("h ".repeat(120));
    let result = layout(&Mono, page(), &[Block::Table(t)]);
    assert!(texts(&result.pages[result.pages.len() - 1]).contains(&"r1"));
}

#[test]
fn no_text_leaves_its_cell_or_the_page() {
    let mut t = table(3);
    t.rows[1][0] = Cell::text("a very long municipality name that wraps in its narrow cell ".repeat(6));
    let result = layout(&Mono, page(), &[Block::Table(t)]);
    assert!(result.pages.len() >= 2, "a row taller than a page is split");
    for page in &result.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                let right = run.x + Mono.width(&run.text, run.weight, run.size);
                assert!(run.x >= 10.0 - 1e-3 && right <= 110.0 + 1e-3, "{run:?}");
                assert!(run.y <= 110.0, "{run:?}");
            }
        }
    }
}

#[test]
fn contents_get_the_page_numbers_of_the_headings() {
    let blocks = vec![
        Block::Contents(vec![
            ContentsEntry { text: "One".into(), level: 1, page: None },
            ContentsEntry { text: "Two".into(), level: 1, page: None },
        ]),
        Block::PageBreak,
        Block::Heading(Heading { text: "One".into(), level: 1, in_contents: true }),
        Block::PageBreak,
        Block::Heading(Heading { text: "Two".into(), level: 1, in_contents: true }),
    ];
    let result = layout(&Mono, page(), &blocks);
    let first = texts(&result.pages[0]);
    assert_eq!(first[0], "One");
    assert_eq!(first[2], "2");
    assert_eq!(first[3], "Two");
    assert_eq!(first[5], "3");
    assert!(first[1].chars().all(|c| c == '.'));
    let links: Vec<usize> = result.pages[0]
        .items
        .iter()
        .filter_map(|i| if let Item::Link { page, .. } = i { Some(*page) } else { None })
        .collect();
    assert_eq!(links, [2, 3], "each contents line links to its page");
}

#[test]
fn charts_are_bars_scaled_to_the_total() {
    let chart = BarChart {
        title: "T".into(),
        bars: vec![
            Bar { label: "a".into(), count: 3, value: "3".into(), fill: palette::GREEN },
            Bar { label: "b".into(), count: 0, value: "0".into(), fill: palette::RED },
        ],
        total: 6,
    };
    let geometry = PageGeometry { width: 420.0, height: 400.0, ..page() };
    let result = layout(&Mono, geometry, &[Block::Chart(chart)]);
    let bars: Vec<f32> = result.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Fill { width, colour, .. } if *colour != palette::INK => Some(*width),
            _ => None,
        })
        .collect();
    assert_eq!(bars.len(), 1, "an empty bar is not drawn");
    let area = 400.0 * 0.58 - (Mono.width("0000 (100,0 %)", Weight::Regular, 11.0) + 6.0);
    assert!((bars[0] - area / 2.0).abs() < 1e-3);
}

#[test]
fn page_numbers_start_on_page_two() {
    let result = layout(&Mono, page(), &[Block::Paragraph(para("a")), Block::PageBreak, Block::Paragraph(para("b"))]);
    assert_eq!(texts(&result.pages[0]), ["a"]);
    assert_eq!(texts(&result.pages[1]), ["b", "2"]);
}

#[test]
fn a4_gost_margins() {
    let g = PageGeometry::a4_gost();
    assert!((g.width - 595.28).abs() < 0.01 && (g.height - 841.89).abs() < 0.01);
    assert!((g.left - 85.04).abs() < 0.01 && (g.right - 28.35).abs() < 0.01);
    assert!((g.body_width() - 481.89).abs() < 0.01);
}

#[test]
fn a_heading_moves_when_its_short_paragraph_would_not_follow_it() {
    // After four paragraphs 25.2 pt remain under the heading: two lines fit, three do not,
    // and a paragraph of three lines is never split.
    let mut blocks: Vec<Block> = (0..4).map(|i| Block::Paragraph(para(&format!("p{i}")))).collect();
    blocks.push(Block::Heading(Heading { text: "Head".into(), level: 1, in_contents: true }));
    blocks.push(Block::Paragraph(para("aaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbb ccccccccccccccccccc")));
    let result = layout(&Mono, page(), &blocks);
    assert!(!texts(&result.pages[0]).contains(&"Head"));
    assert_eq!(texts(&result.pages[1])[..2], ["Head", "aaaaaaaaaaaaaaaaaaa"]);
}

#[test]
fn a_continued_table_says_so_above_its_repeated_header() {
    let t = Table { continued: Some("Продолжение таблицы 1".into()), ..table(8) };
    let result = layout(&Mono, page(), &[Block::Table(t)]);
    assert_eq!(result.pages.len(), 2);
    assert!(!texts(&result.pages[0]).contains(&"Продолжение таблицы 1"));
    assert_eq!(texts(&result.pages[1])[..3], ["Продолжение таблицы 1", "H1", "H2"]);
}

#[test]
fn justified_text_hyphenates_a_word_that_does_not_fit() {
    // 20 characters a line: «в муниципалитетах» needs 17, the line has 14 after «ааааа».
    let lines = wrap_hyphenated(&Mono, "ааааа в муниципалитетах", TEN, 100.0, 100.0);
    let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].ends_with('-') && got[0].starts_with("ааааа в муници"), "{got:?}");
    assert_eq!(got[0].trim_end_matches('-').to_string() + got[1], "ааааа в муниципалитетах");
    // Without hyphenation the word moves whole.
    assert_eq!(wrap(&Mono, "ааааа в муниципалитетах", TEN, 100.0, 100.0)[1].text, "муниципалитетах");
}
