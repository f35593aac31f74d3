use super::*;
use crate::methodology::assess_default;
use crate::model::synthetic::three_years;

fn info(number: i64, a: &Assessment) -> CampaignInfo {
    CampaignInfo { number, title: a.title.clone(), region: a.region.clone(), reference_date: a.reference_date }
}

fn assessed() -> [Assessment; 3] {
    three_years().map(|c| assess_default(&c))
}

fn lineage() -> Lineage {
    Lineage {
        predecessors: BTreeMap::from([
            ("Южный МО".to_string(), vec!["Южный МР".to_string()]),
            ("Речно-Лесной МО".to_string(), vec!["Речной МО".to_string(), "Лесной МО".to_string()]),
        ]),
    }
}

fn between(a: &[Assessment; 3], after: usize, before: usize) -> Dynamics {
    compare(info(after as i64 + 1, &a[after]), &a[after], info(before as i64 + 1, &a[before]), &a[before], &lineage())
}

fn change(d: &Dynamics, municipality: &str, key: LevelKey) -> (Option<&'static str>, Option<&'static str>, Change) {
    let l = d.municipality(municipality).and_then(|m| m.level(key)).expect(municipality);
    (l.before.map(|v| v.code), l.after.map(|v| v.code), l.change)
}

const TRAINING: LevelKey = LevelKey::Indicator(IndicatorKey(3));

#[test]
fn every_key_is_an_assess_json_key_and_lists_its_levels() {
    let codes: Vec<&str> = LevelKey::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(
        codes,
        [
            "service_level",
            "staff_count_level",
            "higher_ped_education",
            "service_experience_over_5y",
            "school_experience",
            "training_within_3y",
            "staffing_potential",
            "duties",
            "associations"
        ]
    );
    assert_eq!(IndicatorKey(3).indicator(), Indicator::Training);
    assert_eq!(LevelKey::StaffCount.levels().len(), StaffCountLevel::ALL.len());
    assert_eq!(LevelKey::ALL.iter().map(|k| k.block()).collect::<Vec<_>>(), [1, 1, 2, 2, 2, 2, 2, 3, 3]);
}

#[test]
fn changes_follow_the_colours_and_grey_has_no_direction() {
    let v = |l: StaffCountLevel| Some(value!(l));
    use StaffCountLevel::{Admissible, Insufficient, NoInfo, NotAssessed, Optimal};
    assert_eq!(Change::between(v(Insufficient), v(Optimal)), Change::Improved);
    assert_eq!(Change::between(v(Optimal), v(Admissible)), Change::Worsened);
    assert_eq!(Change::between(v(Optimal), v(Optimal)), Change::Same);
    assert_eq!(Change::between(v(NoInfo), v(Optimal)), Change::NoData);
    assert_eq!(Change::between(v(Optimal), v(NotAssessed)), Change::NoData);
    assert_eq!(Change::between(v(NoInfo), v(NoInfo)), Change::Same);
    assert_eq!(Change::between(None, v(Optimal)), Change::New);
    assert_eq!(Change::between(v(Optimal), None), Change::NoData);
    let i = |l: IndicatorLevel| Some(value!(l));
    assert_eq!(Change::between(i(IndicatorLevel::Red), i(IndicatorLevel::Blue)), Change::Worsened);
    // Two yellow levels of associations: the colour did not move.
    let a = |l: AssociationsLevel| Some(value!(l));
    assert_eq!(Change::between(a(AssociationsLevel::MmoOnly), a(AssociationsLevel::OtherOnly)), Change::Same);
    assert_eq!(Change::ALL.map(Change::code), ["improved", "worsened", "same", "new", "no_data"]);
}

#[test]
fn the_previous_campaign_is_the_nearest_earlier_one_of_the_region() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let c = |number, region: &str, date| CampaignInfo {
        number,
        title: String::new(),
        region: region.into(),
        reference_date: date,
    };
    let campaigns = [
        c(1, "А", d(2021, 12, 31)),
        c(2, "А", d(2022, 12, 31)),
        c(3, "Б", d(2023, 6, 1)),
        c(4, "А", d(2023, 12, 31)),
        c(5, "А", d(2023, 12, 31)),
    ];
    assert_eq!(previous(&campaigns, 4).map(|c| c.number), Some(2));
    assert_eq!(previous(&campaigns, 5).map(|c| c.number), Some(4), "same date: the one made first");
    assert_eq!(previous(&campaigns, 2).map(|c| c.number), Some(1));
    assert_eq!(previous(&campaigns, 1), None);
    assert_eq!(previous(&campaigns, 3), None, "another region does not count");
    assert_eq!(previous(&campaigns, 9), None);
}

#[test]
fn from_2021_to_2022_every_municipality() {
    let a = assessed();
    let d = between(&a, 1, 0);
    assert_eq!((d.campaign.number, d.against.number), (2, 1));
    let names: Vec<&str> = d.municipalities.iter().map(|m| m.municipality.as_str()).collect();
    assert_eq!(names, ["Южный МР", "Северный МО", "Восточный ГО", "Западный МО", "Речной МО", "Лесной МО"]);
    // Северный: 2 → 5 staff, 3 → 8 functions, ММО → ММО and other structures.
    assert_eq!(
        change(&d, "Северный МО", LevelKey::StaffCount),
        (Some("insufficient"), Some("optimal"), Change::Improved)
    );
    assert_eq!(change(&d, "Северный МО", LevelKey::Duties), (Some("not"), Some("complies"), Change::Improved));
    assert_eq!(
        change(&d, "Северный МО", LevelKey::Associations),
        (Some("mmo_only"), Some("mmo_and_other"), Change::Improved)
    );
    assert_eq!(change(&d, "Северный МО", LevelKey::Service), (Some("green"), Some("green"), Change::Same));
    // Восточный: no service, then a separate organisation with 5 staff.
    assert_eq!(change(&d, "Восточный ГО", LevelKey::Service), (Some("red"), Some("green"), Change::Improved));
    assert_eq!(change(&d, "Восточный ГО", LevelKey::StaffCount).2, Change::NoData);
    assert_eq!(
        change(&d, "Восточный ГО", LevelKey::Associations),
        (Some("none"), Some("mmo_and_other"), Change::Improved)
    );
    // Западный gave no staff data in 2022.
    assert_eq!(change(&d, "Западный МО", LevelKey::StaffCount), (Some("admissible"), Some("no_info"), Change::NoData));
    assert_eq!(change(&d, "Западный МО", TRAINING), (Some("green"), Some("no_info"), Change::NoData));
    // Nothing changed in Южный, Речной and Лесной.
    for name in ["Южный МР", "Речной МО", "Лесной МО"] {
        let m = d.municipality(name).unwrap();
        assert!(m.levels.iter().all(|l| l.change == Change::Same), "{name}");
        assert!(m.compared_with.is_empty());
    }
}

#[test]
fn from_2022_to_2023_a_rename_and_a_merge_are_followed() {
    let a = assessed();
    let d = between(&a, 2, 1);
    let names: Vec<&str> = d.municipalities.iter().map(|m| m.municipality.as_str()).collect();
    assert_eq!(names, ["Южный МО", "Северный МО", "Восточный ГО", "Западный МО", "Речно-Лесной МО"]);
    // The merge is compared with both parts, and with the worse of their levels.
    let merged = d.municipality("Речно-Лесной МО").unwrap();
    assert_eq!(merged.compared_with, ["Речной МО", "Лесной МО"]);
    assert_eq!(
        change(&d, "Речно-Лесной МО", LevelKey::StaffCount),
        (Some("insufficient"), Some("optimal"), Change::Improved)
    );
    assert_eq!(change(&d, "Речно-Лесной МО", LevelKey::Service), (Some("yellow"), Some("green"), Change::Improved));
    assert_eq!(change(&d, "Речно-Лесной МО", LevelKey::Duties), (Some("partial"), Some("complies"), Change::Improved));
    let south = d.municipality("Южный МО").unwrap();
    assert_eq!(south.compared_with, ["Южный МР"]);
    assert_eq!(change(&d, "Южный МО", LevelKey::Service), (Some("yellow"), Some("green"), Change::Improved));
    assert_eq!(
        change(&d, "Северный МО", LevelKey::StaffCount),
        (Some("optimal"), Some("admissible"), Change::Worsened)
    );
    assert_eq!(change(&d, "Западный МО", LevelKey::StaffCount), (Some("no_info"), Some("admissible"), Change::NoData));
    // Without the history, Южный МО and the merge are new, their predecessors gone.
    let plain = compare(info(3, &a[2]), &a[2], info(2, &a[1]), &a[1], &Lineage::default());
    assert_eq!(change(&plain, "Южный МО", LevelKey::Service).2, Change::New);
    assert_eq!(change(&plain, "Южный МР", LevelKey::Service).2, Change::NoData);
    assert_eq!(change(&plain, "Речно-Лесной МО", LevelKey::StaffCount), (None, Some("optimal"), Change::New));
    assert_eq!(change(&plain, "Речной МО", LevelKey::StaffCount), (Some("insufficient"), None, Change::NoData));
    // From 2021 the rename is followed through 2022's name too.
    let two = compare(info(3, &a[2]), &a[2], info(1, &a[0]), &a[0], &lineage());
    assert_eq!(two.municipality("Южный МО").unwrap().compared_with, ["Южный МР"]);
}

#[test]
fn regional_counts_and_shares() {
    let a = assessed();
    let d = between(&a, 1, 0);
    let figure = |key, code| {
        let f = d.figure(key, code).unwrap();
        (f.before.count, f.before.total, f.after.count, f.after.total, f.before.percent(), f.after.percent())
    };
    assert_eq!(figure(LevelKey::StaffCount, "optimal"), (1, 6, 3, 6, "16,7 %".into(), "50,0 %".into()));
    assert_eq!(figure(LevelKey::StaffCount, "insufficient"), (2, 6, 1, 6, "33,3 %".into(), "16,7 %".into()));
    // Восточный (no service, no staff data) in 2021, Западный in 2022.
    assert_eq!(figure(LevelKey::StaffCount, "no_info"), (1, 6, 1, 6, "16,7 %".into(), "16,7 %".into()));
    assert_eq!(figure(LevelKey::Service, "green"), (2, 6, 3, 6, "33,3 %".into(), "50,0 %".into()));
    assert_eq!(figure(LevelKey::Service, "red"), (1, 6, 0, 6, "16,7 %".into(), "0,0 %".into()));
    assert_eq!(figure(LevelKey::Duties, "complies"), (2, 6, 4, 6, "33,3 %".into(), "66,7 %".into()));
    // Every level of every kind is listed, and the counts of a kind add up to all municipalities.
    for key in LevelKey::ALL {
        let of_key: Vec<&RegionFigure> = d.region.iter().filter(|f| f.key == key).collect();
        assert_eq!(of_key.len(), key.levels().len());
        assert_eq!(of_key.iter().map(|f| f.before.count).sum::<usize>(), 6, "{}", key.code());
        assert_eq!(of_key.iter().map(|f| f.after.count).sum::<usize>(), 6, "{}", key.code());
    }
    let later = between(&a, 2, 1);
    let f = later.figure(LevelKey::StaffCount, "optimal").unwrap();
    assert_eq!((f.before.percent(), f.after.percent()), ("50,0 %".into(), "40,0 %".into()));
}

#[test]
fn the_sentences_of_the_note() {
    let a = assessed();
    let d = between(&a, 1, 0);
    assert_eq!(text::heading(&d), "Динамика по сравнению с 2021 годом");
    let p = text::paragraphs(&d);
    assert_eq!(
        p[0],
        "По сравнению с кампанией «Мониторинг ММС Синтетического края, 2021» (дата мониторинга 31.12.2021):"
    );
    assert!(p.contains(&"Доля ММС с оптимальной численностью выросла с 16,7 % до 50,0 %;".to_string()), "{p:#?}");
    assert!(p.contains(&"Доля ММС с недостаточной численностью снизилась с 33,3 % до 16,7 %;".to_string()), "{p:#?}");
    assert!(p.iter().any(|s| s.ends_with('.') && s.starts_with("Доля")), "the list ends with a full stop: {p:#?}");
    assert!(
        p.contains(
            &"Из «красной» зоны по показателю «Численность сотрудников» вышел 1 муниципалитет: Северный МО."
                .to_string()
        ),
        "{p:#?}"
    );
    assert!(
        p.contains(&"Из «красной» зоны по показателю «Форма ММС» вышел 1 муниципалитет: Восточный ГО.".to_string()),
        "{p:#?}"
    );
    let later = text::paragraphs(&between(&a, 2, 1));
    assert!(
        later.contains(&"Доля ММС с оптимальной численностью снизилась с 50,0 % до 40,0 %;".to_string()),
        "{later:#?}"
    );
    assert!(!later.iter().any(|s| s.starts_with("В «красную»")), "{later:#?}");
}

#[test]
fn a_move_into_the_red_has_its_own_sentence() {
    // Read backwards (2021 judged against 2022), the municipalities that left the red enter it.
    let a = assessed();
    let p = text::paragraphs(&between(&a, 0, 1));
    assert!(
        p.contains(
            &"В «красную» зону по показателю «Численность сотрудников» перешёл 1 муниципалитет: Северный МО."
                .to_string()
        ),
        "{p:#?}"
    );
    assert!(
        p.contains(&"В «красную» зону по показателю «Форма ММС» перешёл 1 муниципалитет: Восточный ГО.".to_string()),
        "{p:#?}"
    );
    assert!(!p.iter().any(|s| s.starts_with("Из «красной»")), "{p:#?}");
}

#[test]
fn the_chart_has_one_point_per_campaign_oldest_first() {
    let a = assessed();
    let history: Vec<(CampaignInfo, &Assessment)> =
        [2, 0, 1].iter().map(|&i| (info(i as i64 + 1, &a[i]), &a[i])).collect();
    let series = series::headline_series(&history);
    let optimal = series.iter().find(|s| s.key == LevelKey::StaffCount && s.code == "optimal").unwrap();
    assert_eq!(optimal.label, "ММС с оптимальной численностью");
    let shares: Vec<f64> = optimal.points.iter().map(|p| p.1).collect();
    assert_eq!(shares, [16.7, 50.0, 40.0]);
    let years: Vec<f64> = optimal.points.iter().map(|p| p.0).collect();
    assert_eq!(years, [2021.0, 2022.0, 2023.0], "a campaign on 31 December sits on its year");
}
