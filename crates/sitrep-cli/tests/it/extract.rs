//! `sitrep extract`: the record schema, evidence spans, determinism, languages and dates.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

use crate::support::{
    check_extraction_shape, check_spans, code, count_of, diagnostic_codes, json_lines, samples_dir,
    sitrep, stderr, stdout, strip_date_token, summary_counts,
};

/// Articles written for this test, with multi-byte characters before and inside the
/// evidence so that a span counted in chars instead of bytes shows.
const OWN_ARTICLES: [(&str, &str, &str); 3] = [
    (
        "own-fr",
        "2024-04-18",
        "Mali : « Trois soldats tués » près de Ménaka — l'armée accuse l'État islamique.\n\n\
         Trois soldats maliens ont été tués mercredi dans l'explosion d'un engin explosif \
         improvisé au passage de leur véhicule près de Ménaka, a annoncé l'état-major. \
         Deux autres ont été blessés.",
    ),
    (
        "own-en",
        "2024-04-18",
        "Kharkiv — “Two killed” in a Russian missile strike, officials say\n\n\
         Two civilians were killed and five wounded on Wednesday when a missile hit a \
         residential building in Kharkiv, the regional governor said.",
    ),
    (
        "own-quiet",
        "2024-04-18",
        "Les pourparlers de paix reprendront à Doha la semaine prochaine, selon le médiateur.",
    ),
];

fn write_own_articles(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("own.jsonl");
    let mut lines = String::new();
    for (id, published, text) in OWN_ARTICLES {
        let line = json!({"id": id, "published": published, "text": text});
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    std::fs::write(&path, lines).expect("the temp folder is writable");
    path
}

#[test]
fn samples_give_one_record_each_with_exact_spans_and_identical_reruns() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let own = write_own_articles(dir.path());
    let samples = samples_dir();
    let run = || sitrep().arg("extract").arg(&samples).arg(&own).output().expect("sitrep runs");
    let first = run();
    let second = run();

    assert_eq!(code(&first), 0, "all inputs are good: {}", stderr(&first));
    assert_eq!(first.stdout, second.stdout, "two runs on the same input differ");

    let sample_files: Vec<_> = std::fs::read_dir(&samples)
        .expect("samples/articles exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    let records = json_lines(&stdout(&first));
    assert_eq!(records.len(), sample_files.len() + OWN_ARTICLES.len());
    let counts = summary_counts(&stderr(&first));
    assert_eq!(count_of(&counts, "articles read"), records.len() as u64);
    assert_eq!(count_of(&counts, "errors"), 0);

    let own_texts: BTreeMap<&str, &str> = OWN_ARTICLES.iter().map(|(i, _, t)| (*i, *t)).collect();
    let mut incidents = 0;
    let mut evidence = 0;
    for record in &records {
        check_extraction_shape(record);
        let id = record["id"].as_str().expect("id is a string");
        let text = if let Some(text) = own_texts.get(id) {
            (*text).to_string()
        } else {
            let source = record["source"].as_str().expect("source is a string");
            let content = std::fs::read_to_string(source).expect("the source path is readable");
            strip_date_token(&content).to_string()
        };
        evidence += check_spans(record, &text);
        incidents += record["incidents"].as_array().map_or(0, Vec::len);
    }
    assert!(incidents >= sample_files.len(), "only {incidents} incidents in the samples");
    assert!(evidence > incidents, "only {evidence} evidence items for {incidents} incidents");
    assert_eq!(count_of(&counts, "incidents extracted"), incidents as u64);

    let by_id: BTreeMap<&str, &Value> =
        records.iter().filter_map(|r| Some((r["id"].as_str()?, r))).collect();
    // The sample files are read in name order, after their `date` token.
    let first_sample = &records[0];
    assert_eq!(first_sample["id"], "01_fr_ain_al_asad_roquettes");
    assert_eq!(first_sample["published"], "2023-11-23");
    assert_eq!(first_sample["lang"], "fr");
    assert_eq!(by_id["13_en_kabul_suicide_bombing"]["lang"], "en");
    assert!(by_id["15_en_idlib_drone_strike"]["published"].is_null());
    assert_eq!(by_id["06_fr_kivu_sake_obus"]["published"], "2024-03");
    assert_eq!(by_id["own-fr"]["lang"], "fr");
    assert_eq!(by_id["own-en"]["lang"], "en");
    assert!(
        !by_id["own-en"]["incidents"].as_array().expect("a list").is_empty(),
        "the Kharkiv missile strike gives no incident"
    );
}

#[test]
fn unsupported_language_is_counted_listed_and_not_extracted() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let german = dir.path().join("de_anschlag.txt");
    std::fs::write(
        &german,
        "date 2023-05-02\nBei einem Anschlag in der Stadt Kabul sind am Montag mindestens \
         zehn Menschen getötet worden. Die Polizei teilte mit, dass sich ein Attentäter vor \
         einem Regierungsgebäude in die Luft gesprengt habe. Weitere zwanzig Menschen wurden \
         verletzt, als das Dach des Gebäudes einstürzte.\n",
    )
    .expect("the temp folder is writable");
    let french = dir.path().join("fr_embuscade.txt");
    std::fs::write(
        &french,
        "date 2023-05-02\nDeux soldats ont été tués lundi dans une embuscade près de Kidal, \
         a indiqué l'armée malienne.\n",
    )
    .expect("the temp folder is writable");

    let output = sitrep().arg("extract").arg(&german).arg(&french).output().expect("sitrep runs");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let err = stderr(&output);
    assert_eq!(count_of(&summary_counts(&err), "in an unsupported language"), 1, "{err}");
    assert!(
        err.contains(&format!("unsupported language: `{}`", german.display())),
        "the German file is not listed:\n{err}"
    );
    assert!(!err.contains(&format!("`{}`", french.display())), "the French file is listed:\n{err}");

    let records = json_lines(&stdout(&output));
    assert_eq!(records.len(), 2);
    let de = &records[0];
    check_extraction_shape(de);
    assert!(de["lang"].is_null(), "German read as {}", de["lang"]);
    assert_eq!(de["incidents"], json!([]));
    assert_eq!(diagnostic_codes(de), ["unsupported_language"]);
    assert_eq!(records[1]["lang"], "fr");
}

/// Spanish shares many short words with French (`de`, `la`, `en`, `un`, `a`), and the
/// stopword count of `sitrep_lang::Registry::identify` reads this article as French.
#[test]
fn spanish_is_an_unsupported_language() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let spanish = dir.path().join("es_coche_bomba.txt");
    std::fs::write(
        &spanish,
        "date 2023-05-01\nAl menos doce personas murieron el lunes en un atentado con coche \
         bomba cerca de un mercado en la ciudad de Mogadiscio, informaron fuentes policiales. \
         Otras treinta personas resultaron heridas y fueron trasladadas a hospitales.\n",
    )
    .expect("the temp folder is writable");
    let output = sitrep().arg("extract").arg(&spanish).output().expect("sitrep runs");
    let records = json_lines(&stdout(&output));
    assert_eq!(records.len(), 1);
    assert!(records[0]["lang"].is_null(), "Spanish read as {}", records[0]["lang"]);
    assert_eq!(diagnostic_codes(&records[0]), ["unsupported_language"]);
    assert_eq!(count_of(&summary_counts(&stderr(&output)), "in an unsupported language"), 1);
}

#[test]
fn published_flag_dates_undated_inputs_and_relative_dates_need_one() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let body = "Trois personnes ont été tuées hier dans une attaque contre un village près de \
                Gao, selon des sources locales.\n";
    let undated = dir.path().join("undated.txt");
    std::fs::write(&undated, body).expect("the temp folder is writable");
    let dated = dir.path().join("dated.txt");
    std::fs::write(&dated, format!("date 2023-02-10\n{body}"))
        .expect("the temp folder is writable");

    let bare = sitrep().arg("extract").arg(&undated).arg(&dated).output().expect("sitrep runs");
    assert_eq!(code(&bare), 0, "{}", stderr(&bare));
    let records = json_lines(&stdout(&bare));
    assert_eq!(records.len(), 2);
    let (open, anchored) = (&records[0], &records[1]);
    check_spans(open, body);
    assert!(open["published"].is_null());
    let diagnostic = open["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["code"] == "unresolved_date")
        .unwrap_or_else(|| panic!("no unresolved_date diagnostic: {open}"));
    let span = &diagnostic["span"];
    let at = |key: &str| span[key].as_u64().and_then(|n| usize::try_from(n).ok());
    assert_eq!(at("start").zip(at("end")).and_then(|(a, b)| body.get(a..b)), Some("hier"));
    let incidents = open["incidents"].as_array().expect("a list");
    assert!(!incidents.is_empty(), "the attack gives no incident: {open}");
    for incident in incidents {
        assert_eq!(incident["date"], json!({"start": null, "end": null}), "{incident}");
    }
    assert_eq!(anchored["published"], "2023-02-10");
    assert!(!diagnostic_codes(anchored).contains(&"unresolved_date".to_string()));
    assert_eq!(
        anchored["incidents"][0]["date"],
        json!({"start": "2023-02-09", "end": "2023-02-09"})
    );

    let with_flag = sitrep()
        .args(["extract", "--published", "2023-06-15"])
        .arg(&undated)
        .arg(&dated)
        .output()
        .expect("sitrep runs");
    assert_eq!(code(&with_flag), 0, "{}", stderr(&with_flag));
    let records = json_lines(&stdout(&with_flag));
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["published"], "2023-06-15", "--published is not used");
    assert!(!diagnostic_codes(&records[0]).contains(&"unresolved_date".to_string()));
    assert_eq!(
        records[0]["incidents"][0]["date"],
        json!({"start": "2023-06-14", "end": "2023-06-14"}),
        "`hier` is not the day before --published"
    );
    assert_eq!(records[1]["published"], "2023-02-10", "--published overrode a date token");
    assert_eq!(records[1], anchored.clone(), "--published changed a dated article's record");
}

/// `explain` shows the article with each incident's evidence marked, then every field of
/// every incident and the rule behind each value: plain marks off a terminal, colours
/// when asked.
#[test]
fn explain_marks_evidence_and_lists_every_field() {
    let sample = samples_dir().join("10_en_baidoa_grenade.txt");
    let plain = sitrep().arg("explain").arg(&sample).output().expect("sitrep runs");
    assert_eq!(code(&plain), 0, "{}", stderr(&plain));
    let text = stdout(&plain);
    assert!(text.starts_with("== 10_en_baidoa_grenade (en, published 2022-09-06)"), "{text}");
    assert!(!text.contains('\x1b'), "colours off a terminal:\n{text}");
    assert!(text.contains("[1:"), "no evidence marked:\n{text}");
    let incident = text.find("\nincident 1 (").expect("an incident is listed");
    let fields = &text[incident..];
    for label in [
        "date",
        "place",
        "perpetrator",
        "target",
        "weapon",
        "quantity",
        "killed",
        "wounded",
        "claimed",
        "related",
        "evidence:",
    ] {
        assert!(fields.contains(&format!("\n  {label}")), "no `{label}`:\n{fields}");
    }
    assert!(fields.contains(" because "), "no rule named:\n{fields}");
    // The article text is all there once the marks are taken out.
    let content = std::fs::read_to_string(&sample).expect("the sample is readable");
    let body = strip_date_token(&content).trim_end();
    let article = &text[text.find("\n\n").expect("a heading") + 2..incident];
    let mut unmarked = String::new();
    let mut rest = article;
    while let Some(open) = rest.find('[') {
        unmarked.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.split_once(':').filter(|(n, _)| n.bytes().all(|b| b.is_ascii_digit())) {
            Some((_, marked)) => {
                let close = marked.find(']').expect("a closed mark");
                unmarked.push_str(&marked[..close]);
                rest = &marked[close + 1..];
            }
            None => {
                unmarked.push('[');
                rest = after;
            }
        }
    }
    unmarked.push_str(rest);
    assert_eq!(unmarked.trim_end(), body, "the marked text is not the article");

    let coloured =
        sitrep().args(["explain", "--color", "always"]).arg(&sample).output().expect("sitrep runs");
    assert_eq!(code(&coloured), 0, "{}", stderr(&coloured));
    let text = stdout(&coloured);
    assert!(text.contains("\x1b[1;31m") && text.contains("\x1b[0m"), "no colours:\n{text}");
    assert!(!text.contains("[1:"), "plain marks beside colours:\n{text}");
}

/// A JSON line's fields reach the record: `url`, `title`, a datetime `published` read as
/// its day, a declared `lang`, and every other field as `metadata`; `--lang` overrides
/// the declared language.
#[test]
fn json_lines_fields_reach_the_record() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let feed = dir.path().join("feed.jsonl");
    let line = json!({
        "id": "r1", "url": "https://example.org/r1", "title": "Kidal",
        "published": "2023-05-02T06:30:00+00:00", "lang": "en", "outlet": "Wire",
        "tags": ["mali"],
        "text": "Two soldiers were killed on Monday in a roadside bomb attack near Kidal.",
    });
    let undated = json!({"id": "r2", "text": "Trois soldats ont été tués hier près de Gao."});
    std::fs::write(&feed, format!("{line}\n{undated}\n")).expect("the temp folder is writable");
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "date 2023-05 Trois soldats ont été tués près de Gao.\n")
        .expect("the temp folder is writable");

    let output = sitrep()
        .args(["extract", "--published", "2023-06-01"])
        .arg(&feed)
        .arg(&plain)
        .output()
        .expect("sitrep runs");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let records = json_lines(&stdout(&output));
    assert_eq!(records.len(), 3);
    let r1 = &records[0];
    check_extraction_shape(r1);
    assert_eq!(r1["id"], "r1");
    assert_eq!(r1["source"], format!("{}:1", feed.display()));
    assert_eq!(r1["url"], "https://example.org/r1");
    assert_eq!(r1["title"], "Kidal");
    assert_eq!(r1["published"], "2023-05-02");
    assert_eq!(r1["lang"], "en");
    assert_eq!(r1["metadata"], json!({"outlet": "Wire", "tags": ["mali"]}));
    assert_eq!(records[1]["published"], "2023-06-01", "--published dates an undated line");
    assert_eq!(records[1]["lang"], "fr");
    assert!(records[1].get("metadata").is_none(), "{}", records[1]);
    assert_eq!(records[2]["published"], "2023-05", "the date token's month is kept");

    // `--lang` forces the language over the declared one.
    let forced =
        sitrep().args(["extract", "--lang", "fr"]).arg(&feed).output().expect("sitrep runs");
    let records = json_lines(&stdout(&forced));
    assert_eq!(records[0]["lang"], "fr", "--lang did not override the line's `lang`");
}

/// `-` reads standard input, as JSON Lines or as one text article, among other paths and
/// in their order.
#[test]
fn standard_input_is_read_where_a_dash_is_given() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let nested = dir.path().join("b/c");
    std::fs::create_dir_all(&nested).expect("the temp folder is writable");
    std::fs::write(nested.join("deep.txt"), "date 2023-05-02\nTrois soldats tués à Gao.\n")
        .expect("the temp folder is writable");
    std::fs::write(dir.path().join("a.txt"), "date 2023-05-02\nTwo killed in Kidal.\n")
        .expect("the temp folder is writable");
    let lines = "{\"id\": \"s1\", \"text\": \"Two soldiers were killed near Kidal.\"}\n\
                 {\"id\": \"s2\", \"text\": \"Trois soldats ont été tués près de Gao.\"}\n";
    let output = sitrep()
        .arg("extract")
        .arg(dir.path().join("a.txt"))
        .arg("-")
        .arg(dir.path().join("b"))
        .write_stdin(lines)
        .output()
        .expect("sitrep runs");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let records = json_lines(&stdout(&output));
    let ids: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["a", "s1", "s2", "deep"]);
    assert_eq!(records[1]["source"], "-:1");

    let text = sitrep()
        .args(["extract", "-"])
        .write_stdin("date 2023-05-02 Two soldiers were killed on Monday near Kidal.")
        .output()
        .expect("sitrep runs");
    assert_eq!(code(&text), 0, "{}", stderr(&text));
    let records = json_lines(&stdout(&text));
    assert_eq!(records.len(), 1);
    assert_eq!(
        (records[0]["id"].as_str(), records[0]["source"].as_str()),
        (Some("stdin"), Some("-"))
    );
    assert_eq!(records[0]["published"], "2023-05-02");
}
