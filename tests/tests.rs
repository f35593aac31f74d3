//! The one integration test binary: the sample against the published levels, the real CLI in
//! temporary directories, and the store.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::new_without_default, dead_code)]
mod util;

mod cli;
#[cfg(unix)]
mod conditions;
mod form;
mod limits;
mod methodology;
mod packages;
mod programmes;
mod registry;
mod report;
mod safety;
mod sample;
mod sheets;
mod ui;
mod values;
mod window;
mod years;
