//! The short report of a programme for a period: the results with their reasons, the
//! dynamics over the periods, the overdue activities and conclusions counted from the
//! assessment. Laid out by the note's engine, so it looks like the note.

use super::layout::{
    self, Align, BODY, Block, Cell, HEADING, Heading, PageGeometry, Paragraph, Table, TextStyle, Weight,
};
use super::{ReportError, pdf};
use crate::methodology::text::{date, percent};
use crate::palette;
use crate::programme::{ActivityStatus, Outcome, Programme, ProgrammeAssessment, assess};

const SMALL: TextStyle = TextStyle::new(Weight::Regular, 11.0);
const INDENT: f32 = 35.4;

fn para(text: impl Into<String>) -> Block {
    let mut p = Paragraph::plain(text, BODY, Align::Justify);
    p.first_indent = INDENT;
    p.space_after = 2.0;
    Block::Paragraph(p)
}

fn item(text: impl Into<String>) -> Block {
    let mut p = Paragraph::plain(text, BODY, Align::Justify);
    p.left = INDENT;
    p.marker = Some("–".into());
    p.space_after = 1.0;
    Block::Paragraph(p)
}

fn heading(text: impl Into<String>) -> Block {
    Block::Heading(Heading { text: text.into(), level: 1, in_contents: false })
}

fn header(cells: &[&str]) -> Vec<Cell> {
    cells.iter().map(|t| Cell { weight: Weight::Bold, fill: Some(palette::HEADER), ..Cell::centred(*t) }).collect()
}

/// The blocks of the report; `a` is the assessment of the reported period(s).
pub fn build(p: &Programme, a: &ProgrammeAssessment) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut title =
        Paragraph::plain(format!("Отчёт о достижении целевых показателей: {}", a.title), HEADING, Align::Centre);
    title.space_after = 6.0;
    blocks.push(Block::Paragraph(title));
    let periods: Vec<String> = a.periods.iter().map(|x| x.label()).collect();
    let periods = match periods.as_slice() {
        [one] => format!("отчётный период — {one}"),
        _ => format!("отчётные периоды — {}", periods.join(", ")),
    };
    blocks.push(para(format!(
        "{} ({}); {periods}; выполнение плана мероприятий — на {}.",
        a.owner,
        a.span,
        date(a.date)
    )));
    if let Some(source) = &p.source {
        blocks.push(para(format!("Основание: {source}.")));
    }
    for unit in &a.units {
        if a.units.len() > 1 {
            blocks.push(heading(unit.clone()));
        }
        for s in a.summaries.iter().filter(|s| s.municipality == *unit) {
            blocks.push(heading(format!("Результаты за {}", s.period.label())));
            blocks.push(para(format!("Итог: {}.", s.reason)));
            let rows = a
                .results
                .iter()
                .filter(|r| r.period == s.period && *r.municipality == **unit)
                .map(|r| {
                    vec![
                        Cell::centred(&*r.code),
                        Cell::text(&*r.title),
                        Cell::text(r.target.as_deref().unwrap_or("—")),
                        Cell::text(r.value.clone().unwrap_or_else(|| "—".into())),
                        Cell {
                            align: Align::Left,
                            ..Cell::filled(
                                format!("{}: {}", r.outcome.label(), r.reason),
                                palette::level_fill(r.outcome.colour()),
                            )
                        },
                    ]
                })
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![0.6, 3.4, 1.6, 1.4, 3.0],
                header: header(&["№", "Показатель", "Целевое значение", "Значение", "Результат"]),
                rows,
                size: SMALL.size,
                space_after: 8.0,
                keep_together: false,
                continued: None,
            }));
        }
        dynamics(p, a, unit, &mut blocks);
    }
    plan(a, &mut blocks);
    conclusions(a, &mut blocks);
    blocks
}

/// Values over every period up to the last reported one, with the baseline where there is one.
fn dynamics(p: &Programme, a: &ProgrammeAssessment, unit: &str, blocks: &mut Vec<Block>) {
    let Some(last) = a.periods.last() else { return };
    let all = assess(p, None, a.date);
    let periods: Vec<_> = p.periods.iter().filter(|x| *x <= last).copied().collect();
    if periods.len() < 2 && a.baselines.is_empty() {
        return;
    }
    blocks.push(heading("Динамика показателей"));
    let mut head = vec!["№".to_string(), "Исходное".to_string()];
    head.extend(periods.iter().map(|x| x.code()));
    let rows = p
        .indicators
        .iter()
        .map(|i| {
            let mut row = vec![Cell::centred(i.code.clone())];
            let baseline = a.baselines.iter().find(|(c, _)| *c == i.code).map(|(_, v)| v.clone());
            row.push(Cell::centred(baseline.unwrap_or_else(|| "—".into())));
            for period in &periods {
                let cell = match all.result(&i.code, *period, unit) {
                    Some(r) => Cell::filled(
                        r.value.clone().unwrap_or_else(|| "—".into()),
                        palette::level_fill(r.outcome.colour()),
                    ),
                    None => Cell::centred("—"),
                };
                row.push(cell);
            }
            row
        })
        .collect();
    let mut columns = vec![0.6, 1.4];
    columns.extend(periods.iter().map(|_| 1.4));
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    blocks.push(Block::Table(Table {
        columns,
        header: header(&head),
        rows,
        size: SMALL.size,
        space_after: 8.0,
        keep_together: false,
        continued: None,
    }));
}

fn plan(a: &ProgrammeAssessment, blocks: &mut Vec<Block>) {
    if a.plan.is_empty() {
        return;
    }
    let count = |s| a.plan.iter().filter(|x| x.status == s).count();
    blocks.push(heading(format!("План мероприятий на {}", date(a.date))));
    blocks.push(para(format!(
        "Мероприятий в плане: {}; выполнено — {}, выполняется — {}, просрочено — {}.",
        a.plan.len(),
        count(ActivityStatus::Done),
        count(ActivityStatus::InProgress),
        count(ActivityStatus::Overdue)
    )));
    let rows: Vec<Vec<Cell>> = a
        .overdue()
        .map(|x| {
            vec![
                Cell::centred(x.number.clone()),
                Cell::text(x.title.clone()),
                Cell::text(x.responsible.clone().unwrap_or_default()),
                Cell { align: Align::Left, ..Cell::filled(x.reason.clone(), palette::level_fill(x.status.colour())) },
            ]
        })
        .collect();
    if !rows.is_empty() {
        blocks.push(para("Просроченные мероприятия:"));
        blocks.push(Block::Table(Table {
            columns: vec![0.7, 3.8, 2.0, 2.5],
            header: header(&["№", "Мероприятие", "Ответственные", "Срок"]),
            rows,
            size: SMALL.size,
            space_after: 8.0,
            keep_together: false,
            continued: None,
        }));
    }
}

fn conclusions(a: &ProgrammeAssessment, blocks: &mut Vec<Block>) {
    blocks.push(heading("Выводы"));
    for s in &a.summaries {
        let unit = if a.units.len() > 1 { format!("{}, ", s.municipality) } else { String::new() };
        let pick = |o: Outcome| -> Vec<String> {
            a.results
                .iter()
                .filter(|r| {
                    r.period == s.period && *r.municipality == *s.municipality && r.outcome == o && r.target.is_some()
                })
                .map(|r| r.code.to_string())
                .collect()
        };
        let (missed, unknown) = (pick(Outcome::NotAchieved), pick(Outcome::NoData));
        let mut text = format!(
            "{unit}{}: достигнуто {} из {} показателей с целевым значением ({})",
            s.period.label(),
            s.achieved,
            s.with_target,
            percent(s.achieved, s.with_target)
        );
        if !missed.is_empty() {
            text.push_str(&format!("; не достигнуты — {}", missed.join(", ")));
        }
        if !unknown.is_empty() {
            text.push_str(&format!("; нет данных — {}", unknown.join(", ")));
        }
        text.push(';');
        blocks.push(item(text));
    }
    let overdue = a.overdue().count();
    if !a.plan.is_empty() {
        blocks.push(item(if overdue == 0 {
            "просроченных мероприятий плана нет.".to_string()
        } else {
            format!("просрочено мероприятий плана: {overdue} — требуется принять меры или перенести сроки.")
        }));
    }
}

/// The report in a format (PDF or DOCX, from the same blocks).
pub fn render(
    format: super::Format,
    p: &Programme,
    a: &ProgrammeAssessment,
    created_unix: Option<i64>,
) -> Result<Vec<u8>, ReportError> {
    match format {
        super::Format::Pdf => render_pdf(p, a, created_unix),
        super::Format::Docx => {
            let title = format!("Отчёт по программе «{}»", a.title);
            let meta = super::docx::DocxMeta {
                title: &title,
                author: &a.owner,
                created_unix: created_unix.unwrap_or_else(|| chrono::Utc::now().timestamp()),
            };
            super::docx::write(&build(p, a), &meta)
        }
    }
}

/// The report as PDF bytes; `created_unix` pins the creation date (tests), `None` = now.
pub fn render_pdf(p: &Programme, a: &ProgrammeAssessment, created_unix: Option<i64>) -> Result<Vec<u8>, ReportError> {
    let fonts = pdf::Fonts::get()?;
    let geometry = PageGeometry::a4_gost();
    let pages = layout::layout(fonts, geometry, &build(p, a));
    let title = format!("Отчёт по программе «{}»", a.title);
    let meta = pdf::Metadata {
        title: &title,
        author: &a.owner,
        created_unix: created_unix.unwrap_or_else(|| chrono::Utc::now().timestamp()),
    };
    Ok(pdf::write(&pages, geometry, &meta, fonts))
}
