//! Extraction never fails on text: any input gives incidents whose evidence spans lie
//! on char boundaries of the text and slice to their excerpts.

use proptest::prelude::*;
use sitrep_extract::Extractor;
use sitrep_model::Article;

fn article(text: String, published: Option<&str>) -> Article {
    Article {
        id: "prop".into(),
        source: "prop".into(),
        url: None,
        title: None,
        published: published.map(|p| p.parse().expect("test dates parse")),
        lang: None,
        text,
        metadata: Default::default(),
    }
}

fn assert_well_formed(text: &str, published: Option<&str>) {
    let out = Extractor::builtin().extract(&article(text.to_string(), published));
    for incident in &out.incidents {
        if let (Some(s), Some(e)) = (incident.date.start, incident.date.end) {
            assert!(s <= e, "date range in order");
        }
        for count in [&incident.killed, &incident.wounded, &incident.quantity].into_iter().flatten()
        {
            assert!(count.max.is_none_or(|m| count.min <= m), "count range in order");
        }
        for e in &incident.evidence {
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            assert_eq!(&text[e.span.range()], e.excerpt);
            assert!(e.sentence.contains(e.span), "evidence lies in its sentence");
        }
        for link in &incident.related {
            assert!(
                out.incidents.iter().any(|i| i.id == link.key),
                "links point inside the article"
            );
        }
    }
}

/// Words the rules react to, so random texts exercise them.
const WORDS: &[&str] = &[
    "roquettes",
    "hier",
    "mercredi",
    "tués",
    "blessés",
    "deux",
    "vingt-deux",
    "au moins",
    "killed",
    "wounded",
    "rockets",
    "drone",
    "Bagdad",
    "Erbil",
    "près de",
    "base aérienne de",
    "Balad",
    "en représailles à",
    "six jours après",
    "selon",
    "l'OSDH",
    "a revendiqué",
    "EI",
    "no casualties",
    "2.500",
    "the attack",
    "In January 2020,",
    "had",
    "avait",
    "Washington accuse",
    "dozens of",
    ",",
    ".",
    "«",
    "»",
    "\n",
    "après",
    "after",
    "1er",
    "29/03/2020",
    "fin février",
    "il y a",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_text_never_breaks_extraction(text in "\\PC{0,300}") {
        assert_well_formed(&text, Some("2021-03-10"));
    }

    #[test]
    fn sentences_of_rule_words_stay_well_formed(
        picks in proptest::collection::vec(0..WORDS.len(), 0..60),
        dated in any::<bool>(),
    ) {
        let text: Vec<&str> = picks.iter().map(|&i| WORDS[i]).collect();
        assert_well_formed(&text.join(" "), dated.then_some("2021-03"));
    }
}

#[test]
fn empty_and_unsupported_texts_give_diagnostics_not_errors() {
    let extractor = Extractor::builtin();
    let empty = extractor.extract(&article("   \n ".into(), None));
    assert!(empty.incidents.is_empty());
    assert_eq!(empty.diagnostics[0].code, sitrep_model::DiagnosticCode::EmptyText);
    let german = extractor.extract(&article(
        "Zwei Raketen schlugen am Mittwoch in der Nähe des Flughafens ein, sagte die Polizei."
            .into(),
        None,
    ));
    assert_eq!(german.lang, None);
    assert!(german.incidents.is_empty());
    assert_eq!(german.diagnostics[0].code, sitrep_model::DiagnosticCode::UnsupportedLanguage);
}

#[test]
fn the_same_article_gives_byte_identical_output() {
    let text = "Deux roquettes se sont abattues hier sur la base aérienne de Balad. Selon l'OSDH, 3 civils ont été tués.";
    let a = serde_json::to_string(
        &Extractor::builtin().extract(&article(text.into(), Some("2021-04-05"))),
    )
    .unwrap();
    let b = serde_json::to_string(
        &Extractor::builtin().extract(&article(text.into(), Some("2021-04-05"))),
    )
    .unwrap();
    assert_eq!(a, b);
}
