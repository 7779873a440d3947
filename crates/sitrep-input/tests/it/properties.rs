//! Properties over arbitrary input: nothing panics, and what comes out is consistent.

use proptest::prelude::*;
use sitrep_input::{ReadOptions, parse_text_article, read_inputs};

use crate::Scratch;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic(
        bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..3000),
            "[ -~\\n{}\":,\\[\\]éà]{0,400}".prop_map(String::into_bytes),
            "(date [0-9]{4}(-[0-9]{2}){0,2}[ \\n])?[a-z \\n]{0,40}".prop_map(String::into_bytes),
        ],
        name in prop_oneof![Just("a.txt"), Just("a.jsonl"), Just("a.ndjson"), Just("a")],
        max in prop_oneof![Just(64usize), Just(ReadOptions::DEFAULT_MAX_ARTICLE_BYTES)],
    ) {
        let scratch = Scratch::new();
        let path = scratch.write(name, &bytes);
        let options = ReadOptions { max_article_bytes: max, ..ReadOptions::default() };
        for item in read_inputs(std::slice::from_ref(&path), &options) {
            match item {
                Ok(article) => {
                    prop_assert!(!article.text.trim().is_empty());
                    prop_assert!(article.text.len() <= max);
                    prop_assert!(article.source.starts_with(&path.display().to_string()));
                }
                Err(error) => {
                    prop_assert_eq!(error.path(), path.as_path());
                    let location = format!("`{}`", path.display());
                    prop_assert!(error.to_string().starts_with(&location), "{}", error);
                }
            }
        }
    }

    #[test]
    fn text_is_always_a_suffix(content in "\\PC{0,80}|( *date [0-9]{4}(-[0-9]{2}){0,2}[ \\t\\n]*\\PC{0,20})") {
        let article = parse_text_article("id", "src", &content, &ReadOptions::default());
        prop_assert!(content.ends_with(&article.text));
        if article.published.is_some() {
            prop_assert!(content.trim_start().starts_with("date"));
        } else {
            prop_assert_eq!(article.text, content);
        }
    }
}
