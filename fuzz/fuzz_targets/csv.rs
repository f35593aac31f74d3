//! The csv reader: any bytes give a campaign, a Russian refusal or cell-located problems —
//! never a panic, an abort or an allocation the file's stated sizes ask for.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mms_monitor::sheets::{FileKind, WorkbookFailure, parse_workbook};

fuzz_target!(|data: &[u8]| {
    match parse_workbook(data, FileKind::Csv) {
        Ok(_) => {}
        Err(WorkbookFailure::Unreadable(message)) => assert!(!message.is_empty()),
        Err(WorkbookFailure::Invalid(problems)) => assert!(!problems.is_empty()),
    }
});
