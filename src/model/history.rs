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
}
