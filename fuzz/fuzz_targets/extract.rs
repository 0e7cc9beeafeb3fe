//! The claim extractor on any text: Markdown parse, then every extractor (figures, dates,
//! quotes, citations, names). Claims must point inside the text on character boundaries.
#![no_main]

use claimlint::lexicon::Lexicon;
use claimlint::{claim, markdown};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let doc = markdown::parse(text, bom);
    let lex = Lexicon::builtin().expect("built-in rule data");
    let extraction = claim::extract(&doc, lex);
    for c in &extraction.claims {
        let span = c.span();
        assert!(span.start <= span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
});
