//! Federal-scale benchmark: 2,500 municipalities × 10 staff × 3 courses.
//! Measures `assess`, reading the interchange file, and `import` into a fresh database.
//! Run: `cargo bench --bench assess_import`.
#![allow(clippy::expect_used)] // a benchmark stops loudly on a broken setup

use mms_monitor::interchange;
use mms_monitor::methodology::{Methodology, assess};
use mms_monitor::model::synthetic;
use mms_monitor::storage::Db;

#[path = "common/timing.rs"]
mod timing;

/// Peak resident memory of this process in bytes (Linux; `None` elsewhere).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kb| kb * 1024)
}

/// A process that only reads the file (the bench runs itself with `READ_ONLY` set): prints its
/// peak memory, so that the figure is the reader's and not the generator's.
const READ_ONLY: &str = "MMS_MONITOR_BENCH_READ_ONLY";

fn main() {
    if let Some(path) = std::env::var_os(READ_ONLY) {
        let campaign = interchange::read_file(path.as_ref()).map_err(|e| e.to_string()).expect("valid");
        std::hint::black_box(&campaign);
        println!("{}", peak_memory().unwrap_or(0));
        return;
    }
    let (municipalities, staff, courses) = (2500, 10, 3);
    let campaign = synthetic::generate(municipalities, staff, courses);
    let methodology = Methodology::default();
    println!("campaign: {municipalities} municipalities × {staff} staff × {courses} courses");

    let assess_time = timing::measure(20, || {
        std::hint::black_box(assess(&campaign, &methodology));
    });
    println!("assess:          {:>8.1} ms (median of 20)", assess_time.as_secs_f64() * 1e3);

    let text = interchange::to_json_string(&campaign);
    let read_time = timing::measure(5, || {
        std::hint::black_box(interchange::parse(&text).map_err(|p| p.len()).expect("valid"));
    });
    println!(
        "read JSON:       {:>8.1} ms (median of 5, {:.1} MB)",
        read_time.as_secs_f64() * 1e3,
        text.len() as f64 / 1e6
    );
    // The same file for measuring whole processes, e.g.
    // `/usr/bin/time -v mms-monitor assess --input FILE --json > /dev/null` (README, «Benchmarks»).
    let file = std::env::temp_dir().join("mms-monitor-federal.json");
    std::fs::write(&file, &text).expect("write the federal file");
    println!("federal file:    {}", file.display());
    let exe = std::env::current_exe().expect("own path");
    let mut peak = 0;
    let process_time = timing::measure(5, || {
        let out = std::process::Command::new(&exe).env(READ_ONLY, &file).output().expect("run");
        peak = String::from_utf8_lossy(&out.stdout).trim().parse::<u64>().unwrap_or(0);
    });
    println!(
        "read JSON, whole process: {:>5.1} ms (median of 5), peak memory {:.1} MB = {:.2}× the file",
        process_time.as_secs_f64() * 1e3,
        peak as f64 / 1e6,
        peak as f64 / text.len() as f64
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let mut n = 0;
    let import_time = timing::measure(5, || {
        n += 1;
        let mut db = Db::open(&dir.path().join(format!("bench-{n}.db"))).expect("db");
        std::hint::black_box(db.import_campaign(&campaign, "bench").expect("import"));
    });
    println!("import (fresh):  {:>8.1} ms (median of 5)", import_time.as_secs_f64() * 1e3);

    let mut db = Db::open(&dir.path().join("again.db")).expect("db");
    let id = db.import_campaign(&campaign, "bench").expect("import").campaign_id;
    let reimport_time = timing::measure(5, || {
        std::hint::black_box(db.import_campaign(&campaign, "bench").expect("import"));
    });
    println!("re-import (no-op):{:>7.1} ms (median of 5)", reimport_time.as_secs_f64() * 1e3);
    let load_time = timing::measure(5, || {
        std::hint::black_box(db.load_campaign(id).expect("load"));
    });
    println!("load campaign:   {:>8.1} ms (median of 5)", load_time.as_secs_f64() * 1e3);
}
