//! A region's programme at federal scale: 20 indicators × 2,500 municipalities × 8 half-years,
//! every value filled in (400,000 results). Aim: `assess` under 0.5 s.
//! Run: `cargo bench --bench programmes`.
#![allow(clippy::expect_used)] // a benchmark stops loudly on a broken setup

use mms_monitor::programme::{self, synthetic};

#[path = "common/timing.rs"]
mod timing;

fn main() {
    let (indicators, municipalities, periods) = (20, 2500, 8);
    let p = synthetic::generate(indicators, municipalities, periods);
    let date = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date");
    println!("programme: {indicators} indicators × {municipalities} municipalities × {periods} periods");
    let assess_time = timing::measure(5, || {
        std::hint::black_box(programme::assess(&p, None, date));
    });
    println!("assess:          {:>8.1} ms (median of 5; aim 500 ms)", assess_time.as_secs_f64() * 1e3);
    let text = programme::to_json_string(&p);
    let read_time = timing::measure(3, || {
        std::hint::black_box(programme::parse(&text).map_err(|e| e.len()).expect("valid"));
    });
    println!(
        "read JSON:       {:>8.1} ms (median of 3, {:.1} MB)",
        read_time.as_secs_f64() * 1e3,
        text.len() as f64 / 1e6
    );
}
