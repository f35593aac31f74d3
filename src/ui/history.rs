//! Undo and redo of questionnaire edits. Each entry holds a whole response before and after
//! the edit, so undoing is saving the earlier response again — the same path as any edit.
//! Consecutive edits of the same field (typing a name letter by letter) make one entry.

use crate::model::Response;

/// How many edits can be undone.
const CAPACITY: usize = 200;

/// One edit of one response.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub campaign_id: i64,
    pub index: usize,
    pub before: Response,
    pub after: Response,
    /// The field typed into; consecutive edits of the same field are merged.
    pub field: Option<String>,
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl History {
    /// Records an edit that has been saved; forgets what could be redone.
    pub fn record(&mut self, edit: Edit) {
        self.redo.clear();
        if let Some(last) = self.undo.last_mut() {
            let same_field = edit.field.is_some()
                && last.field == edit.field
                && last.index == edit.index
                && last.campaign_id == edit.campaign_id;
            if same_field {
                last.after = edit.after;
                return;
            }
        }
        self.undo.push(edit);
        if self.undo.len() > CAPACITY {
            self.undo.remove(0);
        }
    }

    /// The edit to revert (save its `before`); it moves to the redo list.
    pub fn undo(&mut self) -> Option<Edit> {
        let edit = self.undo.pop()?;
        self.redo.push(edit.clone());
        Some(edit)
    }

    /// The edit to repeat (save its `after`); it moves back to the undo list.
    pub fn redo(&mut self) -> Option<Edit> {
        let edit = self.redo.pop()?;
        self.undo.push(edit.clone());
        Some(edit)
    }

    /// Stops merging: the next edit of the same field becomes its own entry.
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.field = None;
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (another database or campaign was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Service, ServiceForm};

    fn response(notes: &str) -> Response {
        Response {
            id: None,
            municipality: crate::model::values::name("А"),
            service: Service { form: ServiceForm::SeparateOrg, name: None, started: None },
            staff: None,
            duties: None,
            associations: None,
            notes: Some(notes.into()),
        }
    }

    fn edit(before: &str, after: &str, field: Option<&str>) -> Edit {
        Edit {
            campaign_id: 1,
            index: 0,
            before: response(before),
            after: response(after),
            field: field.map(Into::into),
        }
    }

    #[test]
    fn undo_then_redo_walks_back_and_forth() {
        let mut h = History::default();
        h.record(edit("a", "b", None));
        h.record(edit("b", "c", None));
        assert_eq!(h.undo().unwrap().before, response("b"));
        assert_eq!(h.undo().unwrap().before, response("a"));
        assert!(h.undo().is_none());
        assert_eq!(h.redo().unwrap().after, response("b"));
        assert!(h.can_undo() && h.can_redo());
    }

    #[test]
    fn typing_in_one_field_is_one_step() {
        let mut h = History::default();
        h.record(edit("", "И", Some("name")));
        h.record(edit("И", "Ив", Some("name")));
        h.record(edit("Ив", "Ива", Some("name")));
        let e = h.undo().unwrap();
        assert_eq!((e.before, e.after), (response(""), response("Ива")));
        assert!(!h.can_undo());
    }

    #[test]
    fn a_new_edit_forgets_redo_and_seal_splits_steps() {
        let mut h = History::default();
        h.record(edit("a", "b", Some("x")));
        h.seal();
        h.record(edit("b", "c", Some("x")));
        h.undo();
        assert!(h.can_redo());
        h.record(edit("b", "d", None));
        assert!(!h.can_redo());
        assert_eq!(h.undo().unwrap().after, response("d"));
        assert_eq!(h.undo().unwrap().after, response("b"));
    }
}
