//! The questionnaire JSON reader (with the field-package keys): any bytes give a campaign or
//! located problems, never a panic, an abort or an allocation the size of a number in the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problems) = mms_monitor::interchange::parse_package(data) {
        assert!(!problems.is_empty());
    }
});
