//! Municipalities with history: renames, transformations (many municipal districts became
//! municipal okrugs in 2023–2025: МР → МО) and merges (several into one), each with its date.
//! The dynamics follow a municipality through them.

use super::enums::coded_enum;
use chrono::NaiveDate;

coded_enum! {
    /// What happened to a municipality.
    ChangeKind {
        Rename => "rename", "переименование";
        Transformation => "transformation", "преобразование (МР → МО)";
        Merge => "merge", "объединение";
    }
}

/// One recorded change: `old_name` became (or, for a merge, became part of) `new_name`.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub region: String,
    pub kind: ChangeKind,
    pub changed_on: NaiveDate,
    pub old_name: String,
    pub new_name: String,
    /// The act it rests on (a law, a decision), when known.
    pub basis: Option<String>,
}

impl HistoryEntry {
    /// A change as typed; the names are trimmed and must differ.
    pub fn new(
        region: &str,
        kind: ChangeKind,
        changed_on: NaiveDate,
        old_name: &str,
        new_name: &str,
        basis: Option<&str>,
    ) -> Result<HistoryEntry, String> {
        let (old_name, new_name) = (old_name.trim(), new_name.trim());
        if old_name.is_empty() || new_name.is_empty() {
            return Err("укажите прежнее и новое название муниципалитета".into());
        }
        if old_name == new_name {
            return Err(format!("прежнее и новое название совпадают: «{old_name}»"));
        }
        if region.trim().is_empty() {
            return Err("укажите регион".into());
        }
        Ok(HistoryEntry {
            region: region.trim().to_string(),
            kind,
            changed_on,
            old_name: old_name.to_string(),
            new_name: new_name.to_string(),
            basis: basis.map(str::trim).filter(|b| !b.is_empty()).map(str::to_string),
        })
    }
}

/// A change as the analyst gives it (command line or window): a merge names every former
/// municipality (at least two) and becomes one entry per former name; a rename or a
/// transformation names exactly one.
pub fn entries(
    region: &str,
    kind: ChangeKind,
    changed_on: NaiveDate,
    old_names: &[&str],
    new_name: &str,
    basis: Option<&str>,
) -> Result<Vec<HistoryEntry>, String> {
    let old_names: Vec<&str> = old_names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()).collect();
    if kind == ChangeKind::Merge && old_names.len() < 2 {
        return Err("для объединения укажите каждый из объединённых муниципалитетов (не меньше двух)".into());
    }
    if kind != ChangeKind::Merge && old_names.len() != 1 {
        return Err(format!("для «{}» укажите одно прежнее название", kind.label()));
    }
    old_names
        .iter()
        .map(|old| {
            HistoryEntry::new(region, kind, changed_on, old, new_name, basis)
                .map_err(|message| format!("«{old}» → «{}»: {message}", new_name.trim()))
        })
        .collect()
}

/// «Записано: преобразование (МР → МО) «Южный МР» → «Южный МО» с 01.01.2023».
pub fn recorded(e: &HistoryEntry) -> String {
    format!("Записано: {} «{}» → «{}» с {}", e.kind.label(), e.old_name, e.new_name, e.changed_on.format("%d.%m.%Y"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_needs_two_different_names() {
        let d = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        assert!(HistoryEntry::new("Край", ChangeKind::Transformation, d, " Южный МР ", "Южный МО", None).is_ok());
        assert!(HistoryEntry::new("Край", ChangeKind::Rename, d, "А", "А", None).unwrap_err().contains("совпадают"));
        assert!(HistoryEntry::new("Край", ChangeKind::Rename, d, "", "А", None).is_err());
        assert_eq!(ChangeKind::from_code("merge"), Some(ChangeKind::Merge));
    }

    #[test]
    fn a_merge_needs_two_former_names_and_the_rest_one() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let merged = entries("Край", ChangeKind::Merge, d, &["А МО", " Б МО "], "АБ МО", Some("Закон")).unwrap();
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[1].old_name, "Б МО");
        assert!(
            entries("Край", ChangeKind::Merge, d, &["А МО", ""], "АБ МО", None).unwrap_err().contains("не меньше двух")
        );
        let two = entries("Край", ChangeKind::Rename, d, &["А", "Б"], "В", None).unwrap_err();
        assert_eq!(two, "для «переименование» укажите одно прежнее название");
        assert_eq!(recorded(&merged[0]), "Записано: объединение «А МО» → «АБ МО» с 01.01.2024");
    }
}
