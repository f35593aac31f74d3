use super::*;
use chrono::NaiveDate;
use serde_json::{Value, json};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn base() -> Value {
    json!({
        "format": "mms-monitor.programme",
        "version": 1,
        "programme": {
            "code": "test",
            "title": "Тестовая программа",
            "owner": {"kind": "municipality", "name": "Комсомольский муниципальный район"},
            "reporting": "year",
            "periods": ["2021", "2022"]
        },
        "indicators": [
            {"code": "1", "title": "Доля педагогов", "kind": "share",
             "targets": [{"period": "2021", "value": 70}, {"period": "2022", "value": 80}]},
            {"code": "2", "title": "Количество объединений", "kind": "count", "unit": "объединений",
             "targets": [{"value": 23}]},
            {"code": "3", "title": "Доля опоздавших отчётов", "kind": "share", "direction": "at_most",
             "targets": [{"value": 10}]},
            {"code": "4", "title": "Положение утверждено", "kind": "yes_no", "targets": [{"value": true}]},
            {"code": "5", "title": "Описание практики", "kind": "text", "targets": [{"value": "опубликовано"}]},
            {"code": "6", "title": "Педагоги от каждой ОО", "kind": "count", "per_organisation": true,
             "targets": [{"value": 1}]}
        ],
        "values": [],
        "plan": []
    })
}

fn with_values(values: Value) -> Programme {
    let mut doc = base();
    doc["values"] = values;
    parse(&doc.to_string()).unwrap()
}

fn result(p: &Programme, code: &str, period: &str) -> (Outcome, String) {
    let period = Period::parse(period).unwrap();
    let a = assess(p, None, day(2023, 1, 1));
    let r = a.result(code, period, &p.owner.name).unwrap();
    (r.outcome, r.reason.clone())
}

#[test]
fn share_below_the_target_is_not_achieved_with_the_reason_of_the_issue() {
    let p = with_values(json!([{"indicator": "1", "period": "2021", "percent": 61}]));
    assert_eq!(
        result(&p, "1", "2021"),
        (Outcome::NotAchieved, "61 % при целевом значении не менее 70 % — не достигнуто".into())
    );
}

#[test]
fn share_exactly_on_the_target_is_achieved_and_just_below_is_not() {
    let p = with_values(json!([
        {"indicator": "1", "period": "2021", "numerator": 7, "denominator": 10},
        {"indicator": "1", "period": "2022", "numerator": 799, "denominator": 1000}
    ]));
    assert_eq!(
        result(&p, "1", "2021"),
        (Outcome::Achieved, "70 % (7 из 10) при целевом значении не менее 70 % — достигнуто".into())
    );
    assert_eq!(result(&p, "1", "2022").0, Outcome::NotAchieved);
}

#[test]
fn denominator_zero_is_no_data_with_the_reason() {
    let p = with_values(json!([{"indicator": "1", "period": "2021", "numerator": 0, "denominator": 0}]));
    assert_eq!(
        result(&p, "1", "2021"),
        (Outcome::NoData, "знаменатель равен 0 (0 из 0) — долю вычислить нельзя".into())
    );
}

#[test]
fn missing_value_is_no_data_naming_the_period_and_target() {
    let p = with_values(json!([]));
    assert_eq!(
        result(&p, "2", "2022"),
        (Outcome::NoData, "нет значения за 2022 г. при целевом значении не менее 23 объединений".into())
    );
}

#[test]
fn at_most_indicators_are_met_at_and_below_the_target() {
    let p = with_values(json!([
        {"indicator": "3", "period": "2021", "numerator": 1, "denominator": 10},
        {"indicator": "3", "period": "2022", "numerator": 11, "denominator": 100}
    ]));
    assert_eq!(
        result(&p, "3", "2021"),
        (Outcome::Achieved, "10 % (1 из 10) при целевом значении не более 10 % — достигнуто".into())
    );
    assert_eq!(result(&p, "3", "2022").0, Outcome::NotAchieved);
    // Lower is better for «at most»: 10 % → 11 % is a worsening.
    let a = assess(&p, None, day(2023, 1, 1));
    let r = a.result("3", Period::parse("2022").unwrap(), &p.owner.name).unwrap();
    assert_eq!(r.change, Some(Change::Worse));
}

#[test]
fn counts_yes_no_and_text() {
    let p = with_values(json!([
        {"indicator": "2", "period": "2021", "value": 23, "source": "отчёт УО"},
        {"indicator": "2", "period": "2022", "value": 22},
        {"indicator": "4", "period": "2021", "value": false},
        {"indicator": "5", "period": "2021", "text": "опубликовано на сайте", "achieved": true},
        {"indicator": "5", "period": "2022", "text": "в работе"}
    ]));
    assert_eq!(
        result(&p, "2", "2021"),
        (Outcome::Achieved, "23 объединений при целевом значении не менее 23 объединений — достигнуто".into())
    );
    assert_eq!(result(&p, "2", "2022").0, Outcome::NotAchieved);
    assert_eq!(
        result(&p, "4", "2021"),
        (Outcome::NotAchieved, "«нет» при целевом значении «да» — не достигнуто".into())
    );
    assert_eq!(result(&p, "5", "2021").0, Outcome::Achieved);
    assert_eq!(result(&p, "5", "2022"), (Outcome::NoData, "«в работе» — оценка достижения не указана".into()));
    let a = assess(&p, None, day(2023, 1, 1));
    let r = a.result("2", Period::parse("2022").unwrap(), &p.owner.name).unwrap();
    assert_eq!(r.change, Some(Change::Worse));
    assert_eq!(
        a.result("2", Period::parse("2021").unwrap(), &p.owner.name).unwrap().source.as_deref(),
        Some("отчёт УО")
    );
}

#[test]
fn per_organisation_indicator_is_met_where_every_organisation_meets_it() {
    let p = with_values(json!([
        {"indicator": "6", "period": "2021", "organisation": "СОШ № 1", "value": 2},
        {"indicator": "6", "period": "2021", "organisation": "СОШ № 2", "value": 1},
        {"indicator": "6", "period": "2022", "organisation": "СОШ № 1", "value": 1},
        {"indicator": "6", "period": "2022", "organisation": "СОШ № 2", "value": 0}
    ]));
    assert_eq!(
        result(&p, "6", "2021"),
        (Outcome::Achieved, "не менее 1 в каждой организации: выполнено во всех 2 — достигнуто".into())
    );
    assert_eq!(
        result(&p, "6", "2022"),
        (
            Outcome::NotAchieved,
            "не менее 1 в каждой организации: не выполнено в 1 из 2 (СОШ № 2) — не достигнуто".into()
        )
    );
}

#[test]
fn the_programme_share_counts_indicators_with_a_target() {
    let p = with_values(json!([
        {"indicator": "1", "period": "2021", "percent": 75},
        {"indicator": "2", "period": "2021", "value": 20}
    ]));
    let a = assess(&p, Period::parse("2021"), day(2022, 1, 1));
    assert_eq!(a.periods, vec![Period::parse("2021").unwrap()]);
    let s = &a.summaries[0];
    assert_eq!((s.achieved, s.not_achieved, s.no_data, s.with_target), (1, 1, 4, 6));
    assert_eq!(s.reason, "достигнуто 1 из 6 показателей с целевым значением (16,7 %); нет данных — 4");
}

#[test]
fn plan_statuses_on_the_reporting_date() {
    let mut doc = base();
    doc["plan"] = json!([
        {"number": "1", "title": "Разработка концепции", "term": "май 2022", "deadline": "2022-05-31", "done_on": "2022-05-20"},
        {"number": "2", "title": "Пакет актов", "term": "Июнь-август 2022", "deadline": "2022-08-31"},
        {"number": "3", "title": "План РПО", "term": "Октябрь-май (ежегодно)"}
    ]);
    let p = parse(&doc.to_string()).unwrap();
    let statuses = |date| assess(&p, None, date).plan.iter().map(|a| a.status).collect::<Vec<_>>();
    use ActivityStatus::*;
    // The day of the deadline is still in time; the day after it is overdue.
    assert_eq!(statuses(day(2022, 8, 31)), [Done, InProgress, InProgress]);
    assert_eq!(statuses(day(2022, 9, 1)), [Done, Overdue, InProgress]);
    // Before it was done, the first activity was in progress.
    assert_eq!(statuses(day(2022, 5, 19)), [InProgress, InProgress, InProgress]);
    let a = assess(&p, None, day(2022, 9, 1));
    assert_eq!(a.plan[1].reason, "срок — до 31.08.2022 истёк на 01.09.2022, отметки о выполнении нет");
    assert_eq!(a.plan[2].reason, "срок: Октябрь-май (ежегодно)");
    assert_eq!(a.overdue().count(), 1);
}

fn problems(doc: &Value) -> Vec<String> {
    parse(&doc.to_string()).unwrap_err().iter().map(|p| p.to_string()).collect()
}

#[test]
fn invalid_files_are_refused_with_located_problems() {
    let mut doc = base();
    doc["programme"]["periods"] = json!(["2021", "2021-1", "2020"]);
    doc["indicators"][0]["kind"] = json!("ratio");
    doc["indicators"][1]["targett"] = json!([]);
    doc["indicators"][4]["code"] = json!("4");
    doc["values"] = json!([
        {"indicator": "9", "period": "2021", "value": 1},
        {"indicator": "2", "period": "2025", "value": 1},
        {"indicator": "3", "period": "2021", "numerator": 5, "denominator": 4},
        {"indicator": "4", "period": "2021", "percent": 4},
        {"indicator": "6", "period": "2021", "value": 1}
    ]);
    doc["plan"] = json!([{"title": "x", "deadline": "31.05.2022"}]);
    let got = problems(&doc);
    let expected = [
        "$.programme.periods[1]: «2021-1» — период не того вида: программа отчитывается «ежегодно»",
        "$.programme.periods[2]: «2020» — периоды должны идти по порядку и не повторяться",
        "$.indicators[0].kind: неизвестное значение «ratio»; допустимые: share, count, yes_no, text",
        "$.indicators[1].targett: неизвестный ключ «targett» — возможно, имелся в виду «targets»; допустимые ключи: code, title, kind, unit, direction, per_organisation, targets, baseline, collection_method, evidence, responsible",
        "$.indicators[4].code: код показателя «4» встречается повторно",
        "$.values[0].indicator: показателя с кодом «9» в программе нет",
        "$.values[1].period: период «2025» не объявлен в programme.periods (2021)",
        "$.values[2].numerator: числитель 5 больше знаменателя 4",
        "$.values[3].percent: ключ «percent» не относится к показателю вида «yes_no»: укажите value — true или false",
        "$.values[4].organisation: показатель «6» заполняется по каждой организации: укажите организацию",
        "$.plan[0].deadline: «31.05.2022» — не дата в формате ГГГГ-ММ-ДД",
    ];
    for e in expected {
        assert!(got.iter().any(|g| g == e), "missing «{e}» in {got:#?}");
    }
    insta::assert_snapshot!("invalid_programme_file", got.join("\n"));
}

#[test]
fn plan_dates_follow_the_questionnaire_date_rule() {
    let mut doc = base();
    doc["plan"] = json!([
        {"title": "x", "deadline": "0002-09-01"},
        {"title": "y", "deadline": "2022-02-30"},
        {"title": "z", "deadline": "2022-05-31", "done_on": "2022-05-20"}
    ]);
    let got = problems(&doc);
    assert_eq!(
        got,
        [
            "$.plan[0].deadline: «0002-09-01» — дата должна быть не раньше 01.01.1900 и не позже 31.12.2100",
            "$.plan[1].deadline: «2022-02-30» — такой даты не существует: в феврале 2022 года 28 дней",
        ]
    );
}

#[test]
fn syntax_errors_name_line_and_column() {
    let got = parse("{\n  \"format\": \n}").unwrap_err();
    assert_eq!(got[0].line_column, Some((3, 1)));
    assert!(parse("").unwrap_err()[0].message.contains("файл пуст"));
}

#[test]
fn json_round_trip_is_identity() {
    let mut doc = base();
    doc["values"] = json!([
        {"indicator": "1", "period": "2021", "numerator": 7, "denominator": 10, "source": "отчёт"},
        {"indicator": "2", "period": "2022", "value": 22.5},
        {"indicator": "5", "period": "2021", "text": "да", "achieved": false},
        {"indicator": "6", "period": "2021", "organisation": "СОШ № 1", "value": 2}
    ]);
    doc["indicators"][0]["baseline"] = json!({"percent": 61});
    doc["plan"] = json!([{"number": "1", "title": "А", "deadline": "2022-05-31", "done_on": "2022-05-01"}]);
    let p = parse(&doc.to_string()).unwrap();
    let again = parse(&to_json_string(&p)).unwrap();
    assert_eq!(p, again);
    assert_eq!(to_json_string(&again), to_json_string(&p));
}

#[test]
fn periods_parse_and_order() {
    assert_eq!(Period::parse("2022-2").unwrap().label(), "II полугодие 2022 г.");
    assert!(Period::parse("2022-1").unwrap() < Period::parse("2022-2").unwrap());
    assert_eq!(Period::parse("2022-1").unwrap().end(), day(2022, 6, 30));
    for bad in ["22", "2022-3", "2022-", "1999", "２０２２"] {
        assert_eq!(Period::parse(bad), None, "{bad}");
    }
}

#[test]
fn a_key_given_twice_is_refused_with_its_path_and_syntax_errors_are_russian() {
    let text = base().to_string().replacen(r#""code":"test""#, r#""code":"test","code":"другой""#, 1);
    assert!(text.contains("другой"), "the duplicate was written: {text}");
    let problems = read::parse(&text).unwrap_err();
    assert!(problems.iter().any(|p| p.path == "$.programme.code" && p.message.contains("повторяется")), "{problems:?}");
    let listed: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    insta::assert_snapshot!("repeated_key", listed.join("\n"));
    let problems = read::parse("{\"format\": ").unwrap_err();
    let message = problems[0].to_string();
    assert!(!message.contains("EOF") && !message.contains("expected"), "{message}");
    insta::assert_snapshot!("syntax_error", message);
}

#[test]
fn one_value_is_validated_by_the_rules_of_a_file() {
    let p = parse(&base().to_string()).unwrap();
    let entry = crate::programme::parse_entry(
        &p,
        &json!({"indicator": "1", "period": "2021", "numerator": 7, "denominator": 10, "source": "отчёт"}),
    )
    .unwrap();
    assert_eq!(entry.value, EntryValue::Share { numerator: 7.0, denominator: 10.0 });
    assert_eq!(entry.source.as_deref(), Some("отчёт"));
    let refused = crate::programme::parse_entry(
        &p,
        &json!({"indicator": "1", "period": "2030", "numerator": 12, "denominator": 10}),
    )
    .unwrap_err();
    let listed: Vec<String> = refused.iter().map(|x| x.to_string()).collect();
    assert_eq!(
        listed,
        [
            "$.period: период «2030» не объявлен в programme.periods (2021, 2022)",
            "$.numerator: числитель 12 больше знаменателя 10"
        ]
    );
}
