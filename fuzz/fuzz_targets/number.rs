//! The number normaliser: Arabic (separators, full-width, zero-width marks) and Chinese
//! numerals. A value is finite or refused; printing it back never panics; a printed
//! plain value reads back as the same value.
#![no_main]

use claimlint::claim::number::{format_value, parse_arabic, parse_chinese, same_value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    for v in [parse_arabic(s), parse_chinese(s)].into_iter().flatten() {
        assert!(v.is_finite(), "{s:?} gave {v}");
        assert!(same_value(v, v));
        let shown = format_value(v);
        assert!(!shown.is_empty());
    }
    // Arabic values read back from their own decimal form.
    if let Some(v) = parse_arabic(s) {
        let back = parse_arabic(&format!("{v}")).expect("a finite value prints as digits");
        assert!(same_value(v, back), "{s:?}: {v} read back as {back}");
    }
});
