//! One module per screen. Each view reads the session and pushes [`super::command::Command`]s;
//! none writes to the database.

pub mod dialogs;
pub mod dynamics;
pub mod log;
pub mod menu;
pub mod methodology;
pub mod municipalities;
pub mod notices;
pub mod programme_value;
pub mod programmes;
pub mod proposals;
pub mod questionnaire;
pub mod registry;
pub mod report;
pub mod results;
pub mod review;
pub mod sidebar;
pub mod staff;
pub mod summary;
mod widgets;
