//! The fields of work a body's name states (`rules/fields.toml`), in Chinese and in
//! English, so that a source written in one language can be told apart from a source
//! written in the other: 据市公安局统计 and "according to the Fengxi Municipal Sports
//! Bureau" name bodies of two fields, 市文化广电旅游局 and "the Bureau of Culture and
//! Tourism" one. Names in two scripts are otherwise never compared: a translated or
//! transliterated name shares no letters with its original.

use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Deserialize)]
struct Field {
    zh: Vec<String>,
    en: Vec<String>,
}

#[derive(Deserialize)]
struct FieldFile {
    field: Vec<Field>,
}

static FIELDS: LazyLock<Vec<Field>> = LazyLock::new(|| {
    let file: FieldFile =
        toml::from_str(include_str!("../rules/fields.toml")).expect("rules/fields.toml parses");
    file.field
});

/// The fields (indices into `rules/fields.toml`) that `text` names: a Chinese word
/// anywhere in it, an English word or phrase as whole words in any case.
fn fields_of(text: &str) -> Vec<usize> {
    let lower = text.to_lowercase();
    FIELDS
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            f.zh.iter().any(|w| text.contains(w.as_str()))
                || f.en.iter().any(|w| has_words(&lower, w))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Whether `phrase` stands in `lower` as whole words ([`crate::lexicon::on_word_boundary`]).
fn has_words(lower: &str, phrase: &str) -> bool {
    lower
        .match_indices(phrase)
        .any(|(at, _)| crate::lexicon::on_word_boundary(lower, at, at + phrase.len()))
}

/// Whether two sources plainly name bodies of different fields: both name fields and
/// share none (体育 against "culture and tourism"). A side that names no field says
/// nothing (公安局 against "the bureau"), and one field in common is enough to be one
/// body or a list that holds it (市文化广电旅游局 against "the Bureau of Culture and
/// Tourism"; 据雁江海关统计 against "Source: rail operations centre; Yanjiang Customs").
pub fn plainly_differ(a: &str, b: &str) -> bool {
    let (fa, fb) = (fields_of(a), fields_of(b));
    !fa.is_empty() && !fb.is_empty() && !fa.iter().any(|f| fb.contains(f))
}

#[cfg(test)]
mod tests {
    use super::plainly_differ;

    #[test]
    fn bodies_of_two_fields_differ() {
        assert!(plainly_differ(
            "据市公安局统计",
            "according to the Fengxi Municipal Sports Bureau"
        ));
        assert!(plainly_differ(
            "据雁江海关统计",
            "according to the Yanjiang Municipal Bureau of Commerce"
        ));
        assert!(plainly_differ("中央氣象署地震測報中心", "Sports Bureau"));
    }

    #[test]
    fn one_field_or_none_says_nothing() {
        assert!(!plainly_differ(
            "市文化广电旅游局",
            "the Fengxi Municipal Bureau of Culture and Tourism"
        ));
        assert!(!plainly_differ(
            "据市体育局统计",
            "the city's sports bureau"
        ));
        assert!(!plainly_differ("据挪威统计局", "Statistics Norway"));
        assert!(!plainly_differ("中信期货", "Huatai Futures"));
        assert!(!plainly_differ(
            "据雁江海关统计",
            "Source: Group rail operations dispatch centre; Yanjiang Customs."
        ));
        // "sportswear" is not "sports"; a side without a field says nothing.
        assert!(!plainly_differ("市公安局", "Sportswear Ltd"));
    }
}
