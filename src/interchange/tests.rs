use super::*;
use crate::model::ServiceForm;

const SAMPLE: &str = include_str!("../../sample_data/primorye-2022.json");

fn minimal(responses: &str) -> String {
    format!(
        r#"{{"format":"mms-monitor.questionnaire","version":1,
"campaign":{{"title":"T","region":"Приморский край","reference_date":"2021-12-31"}},
"responses":[{responses}]}}"#
    )
}

fn problems(text: &str) -> Vec<Problem> {
    parse(text).expect_err("the file must be rejected")
}

fn only_problem(text: &str) -> Problem {
    let p = problems(text);
    assert_eq!(p.len(), 1, "{p:#?}");
    p.into_iter().next().unwrap()
}

#[test]
fn sample_parses() {
    let c = parse(SAMPLE).unwrap();
    assert_eq!(c.responses.len(), 34);
    assert_eq!(c.region, "Приморский край");
    assert!(c.document.is_some());
}

#[test]
fn round_trip_is_lossless() {
    let mut c = parse(SAMPLE).unwrap();
    assert_eq!(parse(&to_json_string(&c)).unwrap(), c);
    c.assign_ids();
    let text = to_json_string(&c);
    assert_eq!(parse(&text).unwrap(), c, "ids survive the round trip");
    assert_eq!(to_json_string(&parse(&text).unwrap()), text, "writing is stable");
}

#[test]
fn person_links_survive_the_round_trip_and_a_self_link_is_none() {
    let mut c = parse(SAMPLE).unwrap();
    c.assign_ids();
    let staff = c.responses.iter_mut().find_map(|r| r.staff.as_mut().filter(|s| s.len() >= 2)).unwrap();
    let (first, second) = (staff[0].id.unwrap(), staff[1].id.unwrap());
    staff[0].person = Some(uuid::Uuid::from_u128(7));
    staff[1].person = Some(second);
    let text = to_json_string(&c);
    assert!(text.contains(r#""person": "00000000-0000-0000-0000-000000000007""#), "{text}");
    let back = parse(&text).unwrap();
    let staff = back.responses.iter().find_map(|r| r.staff.as_ref().filter(|s| s.len() >= 2)).unwrap();
    assert_eq!((staff[0].id, staff[0].person), (Some(first), Some(uuid::Uuid::from_u128(7))));
    assert_eq!(staff[1].person, None, "a link to the record itself is no link");
}

#[test]
fn syntax_error_has_line_and_column() {
    let p = only_problem("{\n  \"format\": \"mms-monitor.questionnaire\",\n  \"version\" 1\n}");
    assert_eq!(p.line_column, Some((3, 13)));
    assert!(p.message.contains("синтаксическая ошибка JSON"), "{}", p.message);
    assert!(p.to_string().starts_with("строка 3, столбец 13"));
}

#[test]
fn empty_file() {
    assert!(only_problem("  \n").message.contains("файл пуст"));
    assert!(only_problem("").message.contains("файл пуст"));
}

#[test]
fn binary_garbage() {
    let p = parse_bytes_for_test(&[0x00, 0xFF, 0xFE, 0x12, 0x80]);
    assert!(p.message.contains("UTF-8"), "{}", p.message);
    let p = only_problem("\u{1}\u{2}garbage");
    assert!(p.line_column.is_some());
}

fn parse_bytes_for_test(bytes: &[u8]) -> Problem {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, bytes).unwrap();
    let err = read_file(&path).unwrap_err();
    assert!(err.to_string().contains("bad.json"), "the error names the file: {err}");
    err.problems()[0].clone()
}

#[test]
fn wrong_version_and_format() {
    let text = minimal("").replace("\"version\":1", "\"version\":2");
    let p = only_problem(&text);
    assert_eq!(p.path, "$.version");
    assert!(p.message.contains("версия 2 не поддерживается"));
    let p = only_problem(&minimal("").replace("mms-monitor.questionnaire", "other"));
    assert_eq!(p.path, "$.format");
}

#[test]
fn root_must_be_an_object() {
    assert!(only_problem("[1,2]").message.contains("ожидался объект"));
}

const GOOD_STAFF: &str = r#"{"education":"higher_pedagogical","service_years":6,"school_years":2,"courses":[{"title":"К","hours":36,"completed":"2021-01-01"}]}"#;

fn one_response(staff: &str) -> String {
    minimal(&format!(r#"{{"municipality":"Артемовский ГО","service":{{"form":"separate_org"}},"staff":[{staff}]}}"#))
}

#[test]
fn good_minimal_file() {
    let c = parse(&one_response(GOOD_STAFF)).unwrap();
    let staff = c.responses[0].staff.as_ref().unwrap();
    assert!(staff[0].courses[0].relevant, "relevant defaults to true");
    assert_eq!(c.responses[0].duties, None);
}

#[test]
fn wrong_type() {
    let p = only_problem(&one_response(&GOOD_STAFF.replace("\"service_years\":6", "\"service_years\":\"шесть\"")));
    assert_eq!(p.path, "$.responses[0].staff[0].service_years");
    assert!(p.message.contains("ожидалось число"), "{}", p.message);
}

#[test]
fn unknown_enum_value() {
    let p = only_problem(&one_response(&GOOD_STAFF.replace("higher_pedagogical", "higher")));
    assert_eq!(p.path, "$.responses[0].staff[0].education");
    assert!(p.message.contains("неизвестное значение «higher»"));
    assert!(p.message.contains("higher_pedagogical"), "lists the accepted values");
}

#[test]
fn negative_years() {
    let p = only_problem(&one_response(&GOOD_STAFF.replace("\"school_years\":2", "\"school_years\":-1")));
    assert_eq!(p.path, "$.responses[0].staff[0].school_years");
    assert_eq!(p.message, "-1 — стаж должен быть от 0 до 80 лет");
    let p = only_problem(&one_response(&GOOD_STAFF.replace("\"school_years\":2", "\"school_years\":85")));
    assert_eq!(p.message, "85 — стаж должен быть от 0 до 80 лет");
}

#[test]
fn impossible_date() {
    let p = only_problem(&one_response(&GOOD_STAFF.replace("2021-01-01", "2021-02-30")));
    assert_eq!(p.path, "$.responses[0].staff[0].courses[0].completed");
    assert!(p.message.contains("такой даты не существует"));
    let p = only_problem(&one_response(&GOOD_STAFF.replace("2021-01-01", "01.01.2021")));
    assert!(p.message.contains("ГГГГ-ММ-ДД"));
}

#[test]
fn hours_must_be_whole_and_positive() {
    let p = only_problem(&one_response(&GOOD_STAFF.replace("\"hours\":36", "\"hours\":0")));
    assert_eq!(p.path, "$.responses[0].staff[0].courses[0].hours");
    let p = only_problem(&one_response(&GOOD_STAFF.replace("\"hours\":36", "\"hours\":16.5")));
    assert!(p.message.contains("целым"));
    let p = only_problem(&one_response(&GOOD_STAFF.replace("\"hours\":36", "\"hours\":20000")));
    assert_eq!(p.message, "20000 — число часов должно быть от 1 до 10000");
}

#[test]
fn dates_and_years_keep_to_the_model_range() {
    let p = only_problem(&one_response(&GOOD_STAFF.replace("2021-01-01", "0002-09-01")));
    assert!(p.message.contains("не раньше 01.01.1900"), "{}", p.message);
    let p = only_problem(&one_response(&GOOD_STAFF.replace("2021-01-01", "2021-9-1")));
    assert!(p.message.contains("ГГГГ-ММ-ДД"), "{}", p.message);
    let duties = r#"{"municipality":"Хасанский МР","service":{"form":"separate_org"},"duties":{"approved_year":2202,"functions":[]}}"#;
    let p = only_problem(&minimal(duties));
    assert_eq!(p.path, "$.responses[0].duties.approved_year");
    assert_eq!(p.message, "2202 — год должен быть от 1900 до 2100");
}

#[test]
fn unknown_key_is_an_error_with_a_suggestion() {
    let p = only_problem(&one_response(&GOOD_STAFF.replace("\"completed\"", "\"relevent\":true,\"completed\"")));
    assert_eq!(p.path, "$.responses[0].staff[0].courses[0].relevent");
    assert!(p.message.contains("возможно, имелся в виду «relevant»"), "{}", p.message);
}

#[test]
fn duplicate_municipality_even_as_a_variant() {
    let r = |name: &str| format!(r#"{{"municipality":"{name}","service":{{"form":"separate_org"}}}}"#);
    let p = only_problem(&minimal(&format!("{},{}", r("Лазовский МО"), r("Лазовский МР"))));
    assert_eq!(p.path, "$.responses[1].municipality");
    assert!(p.message.contains("повторно"));
}

#[test]
fn unknown_municipality_gets_suggestions() {
    let text = minimal(r#"{"municipality":"Артёмовскй ГО","service":{"form":"separate_org"}}"#);
    let p = only_problem(&text);
    assert!(p.message.contains("ближайшие: Артемовский ГО"), "{}", p.message);
}

#[test]
fn seed_variants_become_canonical_names() {
    let text = minimal(r#"{"municipality":"ГО Спасск - Дальний","service":{"form":"moouo_specialists"}}"#);
    let c = parse(&text).unwrap();
    assert_eq!(c.responses[0].municipality, "ГО Спасск-Дальний");
    assert_eq!(c.responses[0].service.form, ServiceForm::MoouoSpecialists);
}

#[test]
fn other_regions_keep_their_names() {
    let text = minimal(r#"{"municipality":"Городской округ Дубна","service":{"form":"separate_org"}}"#)
        .replace("Приморский край", "Московская область");
    assert_eq!(parse(&text).unwrap().responses[0].municipality, "Городской округ Дубна");
}

#[test]
fn every_problem_is_collected() {
    let staff = GOOD_STAFF.replace("higher_pedagogical", "x").replace("\"school_years\":2", "\"school_years\":-3");
    let text = one_response(&staff).replace("2021-12-31", "2021-13-01");
    let p = problems(&text);
    let paths: Vec<&str> = p.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["$.campaign.reference_date", "$.responses[0].staff[0].education", "$.responses[0].staff[0].school_years"]
    );
}

#[test]
fn staff_null_absent_and_empty_differ() {
    let r = |staff: &str| {
        let text =
            minimal(&format!(r#"{{"municipality":"Артемовский ГО","service":{{"form":"separate_org"}}{staff}}}"#));
        parse(&text).unwrap().responses[0].staff.clone()
    };
    assert_eq!(r(""), None);
    assert_eq!(r(r#","staff":null"#), None);
    assert_eq!(r(r#","staff":[]"#), Some(vec![]));
}

#[test]
fn duplicate_functions_and_unknown_codes() {
    let text = minimal(
        r#"{"municipality":"Артемовский ГО","service":{"form":"separate_org"},
            "duties":{"approved_year":2020,"functions":["mentoring","mentoring","telepathy"]}}"#,
    );
    let p = problems(&text);
    assert_eq!(p.len(), 2);
    assert!(p[0].message.contains("повторно"));
    assert!(p[1].message.contains("telepathy"));
}

#[test]
fn duplicate_ids_are_rejected() {
    let id = "5f0c1d2e-0000-4000-8000-000000000001";
    let staff = format!(r#"{{"id":"{id}","education":"other","service_years":1,"school_years":1}}"#);
    let p = only_problem(&one_response(&format!("{staff},{staff}")));
    assert!(p.message.contains("повторно"));
    let p = only_problem(&one_response(&GOOD_STAFF.replace("{\"education\"", "{\"id\":\"nope\",\"education\"")));
    assert_eq!(p.path, "$.responses[0].staff[0].id");
}

#[test]
fn error_display_names_file_and_places() {
    let err = InterchangeError::Invalid {
        file: "a.json".into(),
        problems: problems(&one_response(
            &GOOD_STAFF.replace("higher_pedagogical", "x").replace("\"hours\":36", "\"hours\":0"),
        )),
    };
    let text = err.to_string();
    assert!(text.starts_with("a.json: файл не принят, ошибок: 2"), "{text}");
    assert!(text.contains("$.responses[0].staff[0].education"));
}

#[test]
fn duplicate_keys_are_errors_with_their_path() {
    let text = one_response(
        r#"{"education":"higher_pedagogical","service_years":1,"school_years":1,
        "courses":[{"title":"К","hours":144,"completed":"2021-01-01","hours":1}]}"#,
    );
    let p = only_problem(&text);
    assert_eq!(p.path, "$.responses[0].staff[0].courses[0].hours");
    assert!(p.message.contains("«hours» повторяется"), "{}", p.message);
    let twice = minimal("").replace(r#""version":1,"#, r#""version":1,"version":1,"#);
    assert_eq!(only_problem(&twice).path, "$.version");
    let responses_twice = minimal("").replace(r#""responses":[]"#, r#""responses":[],"responses":[]"#);
    assert_eq!(only_problem(&responses_twice).path, "$.responses");
}

#[test]
fn responses_before_the_head_read_the_same() {
    let c = parse(SAMPLE).unwrap();
    let text = to_json_string(&c);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let reordered = format!(
        r#"{{"responses": {}, "campaign": {}, "version": 1, "format": "mms-monitor.questionnaire"}}"#,
        value["responses"], value["campaign"]
    );
    assert_eq!(parse(&reordered).unwrap(), c);
    let broken = reordered.replacen(r#""service_years":"#, r#""service_years":-"#, 1);
    let streamed = text.replacen(r#""service_years": "#, r#""service_years": -"#, 1);
    let paths = |t: &str| problems(t).into_iter().map(|p| p.path).collect::<Vec<_>>();
    assert_eq!(paths(&broken), paths(&streamed));
}

#[test]
fn a_malformed_base_is_refused_by_every_reader() {
    let text = minimal(r#"{"municipality":"Артемовский ГО","service":{"form":"separate_org"},"base":"md5:1"}"#);
    let p = only_problem(&text);
    assert_eq!(p.path, "$.responses[0].base");
    assert_eq!(parse_package(text.as_bytes()).unwrap_err(), vec![p]);
}

#[test]
fn syntax_errors_are_russian_with_line_and_column() {
    let cut = &SAMPLE[..SAMPLE.len() / 2];
    let p = only_problem(cut);
    assert!(p.line_column.is_some());
    assert!(p.message.contains("файл оборвался"), "{}", p.message);
    let p = only_problem("{\"format\": }");
    assert_eq!(p.line_column, Some((1, 12)));
    assert!(p.message.contains("ожидалось значение"), "{}", p.message);
    for text in [cut, "{\"format\": }", "[1,,2]", "{\"a\":1}}"] {
        let shown = only_problem(text).to_string();
        assert!(!shown.contains("expected") && !shown.contains("EOF") && !shown.contains("trailing"), "{shown}");
    }
}

#[test]
fn long_values_are_quoted_cut() {
    let long = "Ж".repeat(1 << 20);
    let text = minimal(&format!(r#"{{"municipality":"{long}","service":{{"form":"{long}"}}}}"#));
    let started = std::time::Instant::now();
    let shown: Vec<String> = problems(&text).iter().map(|p| p.to_string()).collect();
    assert!(started.elapsed() < std::time::Duration::from_millis(500), "{:?}", started.elapsed());
    assert_eq!(shown.len(), 2, "{shown:?}");
    for line in &shown {
        assert!(line.chars().count() < 400, "{} chars", line.chars().count());
        assert!(line.contains("ЖЖЖ…"), "{}", &line[..200]);
    }
    let key = format!(r#"{{"municipality":"Артемовский ГО","service":{{"form":"separate_org"}},"{long}":1}}"#);
    assert!(only_problem(&minimal(&key)).to_string().chars().count() < 400);
}

#[test]
fn merge_reads_responses_from_serde_values() {
    let c = parse(SAMPLE).unwrap();
    let value = response_value(&c.responses[3]);
    assert_eq!(response_from_value(&value, &c.region).unwrap(), c.responses[3]);
}
