//! Monitoring over the years at federal scale: three campaigns of 2,500 municipalities × 10 staff
//! × 3 courses, the third carried forward from the second (people linked). Measures the dynamics
//! (both campaigns read and assessed, then compared), the comparison alone, and the staff
//! registry with its training-due list. Aim: each under 1 s. Run: `cargo bench --bench years`.
#![allow(clippy::expect_used)] // a benchmark stops loudly on a broken setup

use chrono::NaiveDate;
use mms_monitor::dynamics::load::{Compared, assessed, campaigns, for_campaign};
use mms_monitor::dynamics::{Lineage, compare};
use mms_monitor::methodology::Methodology;
use mms_monitor::model::{Date, synthetic};
use mms_monitor::people::{build, training_due};
use mms_monitor::storage::{Db, NextCampaign};

#[path = "common/timing.rs"]
mod timing;

fn main() {
    let (municipalities, staff, courses) = (2500, 10, 3);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut db = Db::open(&dir.path().join("years.db")).expect("db");
    for year in [2022, 2023] {
        let mut c = synthetic::generate(municipalities, staff, courses);
        c.title = format!("Сгенерированная кампания {year}");
        c.reference_date = NaiveDate::from_ymd_opt(year, 12, 31).and_then(|d| Date::new(d).ok()).expect("date");
        db.import_campaign(&c, "bench").expect("import");
    }
    let second = campaigns(&db).expect("campaigns").iter().map(|c| c.number).max().expect("a campaign");
    let next = NextCampaign {
        title: "Сгенерированная кампания 2024".into(),
        reference_date: Date::ymd::<2024, 12, 31>(),
        add_elapsed_years: true,
    };
    let third = db.new_campaign_from(second, &next).expect("new campaign");
    println!("3 campaigns: {municipalities} municipalities × {staff} staff × {courses} courses");

    let whole = timing::measure(5, || {
        let d = for_campaign(&db, third, None).expect("dynamics");
        assert!(matches!(d, Compared::Dynamics(_)));
        std::hint::black_box(d);
    });
    println!("dynamics (read, assess, compare): {:>8.1} ms (median of 5)", whole.as_secs_f64() * 1e3);

    let all = campaigns(&db).expect("campaigns");
    let (after, before) = (assessed(&db, third).expect("assess"), assessed(&db, second).expect("assess"));
    let info = |n: i64| all.iter().find(|c| c.number == n).cloned().expect("campaign");
    let compare_time = timing::measure(20, || {
        std::hint::black_box(compare(info(third), &after, info(second), &before, &Lineage::default()));
    });
    println!("dynamics (compare only):          {:>8.1} ms (median of 20)", compare_time.as_secs_f64() * 1e3);

    let read_time = timing::measure(3, || {
        std::hint::black_box(db.staff_records().expect("records").len());
    });
    println!("registry (read the staff records):{:>8.1} ms (median of 3)", read_time.as_secs_f64() * 1e3);
    let m = Methodology::default();
    let registry_time = timing::measure(5, || {
        let registry = build(db.staff_records().expect("records"), &db.person_rejections().expect("rejections"));
        std::hint::black_box(training_due(&registry, &m, None).len());
    });
    println!("registry + training due:          {:>8.1} ms (median of 5)", registry_time.as_secs_f64() * 1e3);
}
