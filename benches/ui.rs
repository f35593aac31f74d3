//! The app's speed with a generated campaign of 2,500 municipalities (10 staff, 3 courses
//! each): time from start to the first frame, and the build time of one «Результаты» frame.
//! Aims: first frame under 0.5 s, a frame under 4 ms. Headless (egui_kittest), so it measures
//! what egui builds, not what the GPU draws.
//!
//! Run: `cargo bench --bench ui`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use mms_monitor::model::synthetic;
use mms_monitor::storage::Db;
use mms_monitor::ui::command::Tab;
use mms_monitor::ui::{App, AppOptions, Remembered};
use std::path::Path;
use std::time::{Duration, Instant};

const FRAMES: u32 = 200;

fn first_frame(db: &Path, tab: Tab) -> (Duration, Harness<'static, App>) {
    let start = Instant::now();
    let remembered = Remembered { tab, ..Remembered::default() };
    let app = App::open(Some(db.to_path_buf()), &remembered, AppOptions { native_dialogs: false });
    let mut h = Harness::builder().with_size([1400.0, 1000.0]).build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.step();
    (start.elapsed(), h)
}

fn frame_time(h: &mut Harness<'_, App>) -> Duration {
    for _ in 0..20 {
        h.step();
    }
    let start = Instant::now();
    for _ in 0..FRAMES {
        h.step();
    }
    start.elapsed() / FRAMES
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("bench.db");
    let campaign = synthetic::generate(2500, 10, 3);
    let start = Instant::now();
    Db::open(&db_path).unwrap().import_campaign(&campaign, "bench").unwrap();
    println!("import of 2 500 municipalities: {:.0} ms", start.elapsed().as_secs_f64() * 1e3);

    let (first, mut h) = first_frame(&db_path, Tab::Results);
    println!("start to first frame (Результаты, 2 500): {:.0} ms (aim < 500 ms)", first.as_secs_f64() * 1e3);
    for table in [
        "Таблица 1. Наличие и численность ММС",
        "Таблица 2. Квалификация сотрудников",
        "Таблица 3. Функционал и объединения педагогов",
    ] {
        h.get_by_label(table).click();
        h.run();
        let per = frame_time(&mut h);
        println!("frame «Результаты», {table}: {:.2} ms (aim < 4 ms)", per.as_secs_f64() * 1e3);
    }
    let (_, mut h) = first_frame(&db_path, Tab::Questionnaire);
    println!("frame «Анкета» (10 staff): {:.2} ms", frame_time(&mut h).as_secs_f64() * 1e3);
    let (_, mut h) = first_frame(&db_path, Tab::Summary);
    println!("frame «Сводка» (2 500): {:.2} ms", frame_time(&mut h).as_secs_f64() * 1e3);
}
