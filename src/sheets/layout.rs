//! The workbook layout: sheet names, column headers, value kinds and the Russian labels of every
//! enumeration. The template writer, the reader, the CSV form and the export all use this.

use crate::model::{Education, Function, ServiceForm};

/// A sheet of the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SheetName {
    Instructions,
    Campaign,
    Services,
    Staff,
    Courses,
    Duties,
    Associations,
}

impl SheetName {
    /// The sheets that carry data, in workbook order.
    pub const DATA: [SheetName; 6] = [
        SheetName::Campaign,
        SheetName::Services,
        SheetName::Staff,
        SheetName::Courses,
        SheetName::Duties,
        SheetName::Associations,
    ];

    /// The sheet's name in the workbook (and the section name in CSV).
    pub fn title(self) -> &'static str {
        match self {
            SheetName::Instructions => "Инструкция",
            SheetName::Campaign => "Кампания",
            SheetName::Services => "Службы",
            SheetName::Staff => "Сотрудники",
            SheetName::Courses => "Курсы",
            SheetName::Duties => "Обязанности",
            SheetName::Associations => "Объединения",
        }
    }
}

/// What a column holds; decides the reader's parsing and the template's drop-down or format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    /// Several names separated by «;» or line breaks.
    List,
    Municipality,
    /// The person key that links courses to staff.
    Key,
    Years,
    Hours,
    Year,
    Date,
    YesNo,
    ServiceForm,
    Education,
}

/// One column of a data sheet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    /// Internal name the reader looks columns up by.
    pub key: &'static str,
    pub header: &'static str,
    pub kind: Kind,
    /// Width in Excel character units.
    pub width: f64,
}

const fn col(key: &'static str, header: &'static str, kind: Kind, width: f64) -> Column {
    Column { key, header, kind, width }
}

pub(crate) const YES: &str = "да";
pub(crate) const NO: &str = "нет";

/// Rows of the campaign sheet: (key, label in column A, kind of the value in column B).
pub(crate) const CAMPAIGN_ROWS: [(&str, &str, Kind); 3] = [
    ("title", "Название мониторинга", Kind::Text),
    ("region", "Регион", Kind::Text),
    ("reference_date", "Дата мониторинга", Kind::Date),
];
pub(crate) const CAMPAIGN_HEADERS: [&str; 2] = ["Параметр", "Значение"];

pub(crate) const SERVICES: [Column; 6] = [
    col("municipality", "Муниципалитет", Kind::Municipality, 24.0),
    col("form", "Форма ММС", Kind::ServiceForm, 38.0),
    col("name", "Наименование службы", Kind::Text, 40.0),
    col("started", "Дата создания службы", Kind::Date, 14.0),
    col("staff_provided", "Сведения о сотрудниках представлены", Kind::YesNo, 16.0),
    col("notes", "Примечания", Kind::Text, 40.0),
];

pub(crate) const STAFF: [Column; 7] = [
    col("municipality", "Муниципалитет", Kind::Municipality, 24.0),
    col("key", "№ сотрудника", Kind::Key, 11.0),
    col("name", "ФИО", Kind::Text, 32.0),
    col("position", "Должность", Kind::Text, 24.0),
    col("education", "Образование", Kind::Education, 28.0),
    col("service_years", "Стаж работы в ММС, лет", Kind::Years, 12.0),
    col("school_years", "Стаж работы в ОО, лет", Kind::Years, 12.0),
];

pub(crate) const COURSES: [Column; 6] = [
    col("municipality", "Муниципалитет", Kind::Municipality, 24.0),
    col("key", "№ сотрудника", Kind::Key, 11.0),
    col("title", "Название программы повышения квалификации", Kind::Text, 48.0),
    col("hours", "Объём, часов", Kind::Hours, 10.0),
    col("completed", "Дата окончания", Kind::Date, 14.0),
    col("relevant", "Засчитывается (не только ГИА)", Kind::YesNo, 14.0),
];

pub(crate) const ASSOCIATIONS: [Column; 3] = [
    col("municipality", "Муниципалитет", Kind::Municipality, 24.0),
    col("mmo", "ММО организованы", Kind::YesNo, 12.0),
    col("other", "Другие структуры (через «;» или с новой строки)", Kind::List, 60.0),
];

/// The duties sheet: municipality, documents provided, approval year, then one yes/no column
/// per function of [`Function::ALL`] headed by its Russian label.
pub(crate) fn duties_columns() -> Vec<Column> {
    let mut columns = vec![
        col("municipality", "Муниципалитет", Kind::Municipality, 24.0),
        col("provided", "Документы представлены", Kind::YesNo, 14.0),
        col("approved_year", "Год утверждения должностных инструкций", Kind::Year, 14.0),
    ];
    columns.extend(Function::ALL.iter().map(|f| col(f.code(), f.label(), Kind::YesNo, 22.0)));
    columns
}

/// The columns of a data sheet (the campaign sheet has its own two-column form).
pub(crate) fn columns(sheet: SheetName) -> Vec<Column> {
    match sheet {
        SheetName::Services => SERVICES.to_vec(),
        SheetName::Staff => STAFF.to_vec(),
        SheetName::Courses => COURSES.to_vec(),
        SheetName::Duties => duties_columns(),
        SheetName::Associations => ASSOCIATIONS.to_vec(),
        SheetName::Campaign | SheetName::Instructions => Vec::new(),
    }
}

/// The drop-down list of a column, if it has one.
pub(crate) fn choices(kind: Kind) -> Option<Vec<&'static str>> {
    match kind {
        Kind::YesNo => Some(vec![YES, NO]),
        Kind::ServiceForm => Some(ServiceForm::ALL.iter().map(|f| f.label()).collect()),
        Kind::Education => Some(Education::ALL.iter().map(|e| e.label()).collect()),
        _ => None,
    }
}

/// Lower case, ё→е, runs of whitespace as one space: how labels and headers are compared.
pub(crate) fn normalize(text: &str) -> String {
    let lowered: String =
        text.chars().map(|c| if c == 'ё' || c == 'Ё' { 'е' } else { c }).flat_map(char::to_lowercase).collect();
    lowered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses a Russian label (or the interchange code) of an enumeration.
pub(crate) fn parse_label<T: Copy>(
    text: &str,
    all: &[T],
    label: fn(T) -> &'static str,
    code: fn(T) -> &'static str,
) -> Option<T> {
    let wanted = normalize(text);
    all.iter().copied().find(|v| normalize(label(*v)) == wanted || code(*v) == wanted)
}

/// Parses да/нет (also yes/no, true/false, 1/0).
pub(crate) fn parse_yes_no(text: &str) -> Option<bool> {
    match normalize(text).as_str() {
        "да" | "д" | "yes" | "true" | "1" | "+" | "истина" => Some(true),
        "нет" | "н" | "no" | "false" | "0" | "-" | "ложь" => Some(false),
        _ => None,
    }
}

pub(crate) fn yes_no(value: bool) -> &'static str {
    if value { YES } else { NO }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_parse_back_to_their_values() {
        for f in ServiceForm::ALL {
            assert_eq!(parse_label(f.label(), ServiceForm::ALL, ServiceForm::label, ServiceForm::code), Some(*f));
            assert_eq!(parse_label(f.code(), ServiceForm::ALL, ServiceForm::label, ServiceForm::code), Some(*f));
        }
        let upper = Education::HigherPedagogical.label().to_uppercase();
        assert_eq!(
            parse_label(&upper, Education::ALL, Education::label, Education::code),
            Some(Education::HigherPedagogical)
        );
        assert_eq!(parse_label("высшее", Education::ALL, Education::label, Education::code), None);
    }

    #[test]
    fn yes_no_words() {
        assert_eq!(parse_yes_no(" Да "), Some(true));
        assert_eq!(parse_yes_no("НЕТ"), Some(false));
        assert_eq!(parse_yes_no("может быть"), None);
    }

    #[test]
    fn drop_down_lists_fit_excel_limit() {
        for kind in [Kind::YesNo, Kind::ServiceForm, Kind::Education] {
            let list = choices(kind).unwrap();
            let joined = list.join(",");
            assert!(joined.encode_utf16().count() <= 255, "{joined}");
            assert!(list.iter().all(|l| !l.contains(',')), "a comma would split the Excel list: {list:?}");
        }
    }

    #[test]
    fn duties_have_a_column_per_function() {
        let columns = duties_columns();
        assert_eq!(columns.len(), 3 + Function::ALL.len());
        assert!(Function::ALL.iter().all(|f| columns.iter().any(|c| c.key == f.code() && c.header == f.label())));
    }

    #[test]
    fn headers_are_unique_within_a_sheet() {
        for sheet in SheetName::DATA {
            let columns = columns(sheet);
            let mut seen = std::collections::HashSet::new();
            assert!(columns.iter().all(|c| seen.insert(normalize(c.header))), "{sheet:?}");
        }
    }
}
