//! Integration tests: gold files on disk, scored against hand-built system output.

#![allow(
    clippy::float_cmp,
    reason = "rates of equal counts are exactly 1.0; the tests pin exact values"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use sitrep_eval::{ArticleExtraction, Error, GoldFile, Score, score};
use sitrep_model::{Count, DateRange, EventType, Incident, Place, Precision};

/// A gold incident with the defaults of the tests: an air strike on 2021-03-03 in Erbil
/// town, news, 2 killed; `extra` overrides any field.
fn incident(key: &str, extra: &Value) -> Value {
    let mut base = json!({
        "key": key, "incident": format!("real-{key}"), "type": "Air/drone strike",
        "type_also": [], "background": false,
        "date": {"start": "2021-03-01", "end": "2021-03-04", "true": "2021-03-03"},
        "location": {"name": "Erbil", "country": "IQ", "admin1": "Erbil",
                     "lat": 36.19, "lon": 44.01, "precision": "town"},
        "perpetrator": {"name": "X", "status": "stated"}, "target": null, "weapon": "drone",
        "quantity": null, "killed": {"min": 2, "max": 2}, "wounded": null, "claimed": null,
    });
    if let (Some(base), Some(extra)) = (base.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            base.insert(k.clone(), v.clone());
        }
    }
    base
}

fn article(id: &str, incidents: &[Value]) -> Value {
    json!({"id": id, "text": format!("text of {id}"), "lang": "en",
           "published": "2021-03-04", "incidents": incidents})
}

/// Writes the articles as a gold file in a fresh folder and loads it.
fn gold_of(articles: &[Value]) -> (tempfile::TempDir, GoldFile) {
    let dir = tempfile::tempdir().expect("a temp folder can be made");
    let path = dir.path().join("gold.jsonl");
    let lines: Vec<String> = articles.iter().map(Value::to_string).collect();
    std::fs::write(&path, lines.join("\n")).expect("the temp folder is writable");
    let gold = GoldFile::load(&path).expect("the test gold is valid");
    (dir, gold)
}

/// The perfect system output for `gold`, for a test to spoil.
fn perfect(gold: &GoldFile) -> (Vec<ArticleExtraction>, BTreeMap<String, String>) {
    gold.perfect_output()
}

fn incident_mut<'a>(output: &'a mut [ArticleExtraction], key: &str) -> &'a mut Incident {
    output
        .iter_mut()
        .flat_map(|a| a.incidents.iter_mut())
        .find(|i| i.id == key)
        .expect("the key is in the output")
}

fn assert_perfect(score: &Score) {
    let i = &score.incidents;
    assert_eq!((i.matched, i.system), (i.gold, i.gold), "{score}");
    assert!(i.gold == 0 || (i.precision, i.recall, i.f1) == (1.0, 1.0, 1.0), "{score}");
    for name in [
        "date",
        "location",
        "killed",
        "wounded",
        "claimed",
        "background",
        "weapon",
        "perpetrator_status",
    ] {
        let field = score.field(name).expect("a scored field");
        assert!(field.accuracy.is_none_or(|a| a == 1.0), "{name}: {score}");
        assert_eq!(field.scored, field.correct, "{name}: {score}");
    }
    if i.matched > 0 {
        assert_eq!((score.merge.precision, score.merge.recall, score.merge.f1), (1.0, 1.0, 1.0));
    }
    for report in &score.per_article {
        assert!(report.missed.is_empty() && report.false_alarms.is_empty(), "{score}");
        assert!(report.mismatches.is_empty(), "{score}");
    }
}

#[test]
fn perfect_output_scores_one_on_the_shared_gold_files() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold");
    if !folder.is_dir() {
        eprintln!(
            "skipped: `{}` is absent (the shared gold lives beside the repository)",
            folder.display()
        );
        return;
    }
    for name in ["seeds.jsonl", "dev.jsonl"] {
        let path = folder.join(name);
        if !path.is_file() {
            eprintln!("skipped: `{}` is absent", path.display());
            continue;
        }
        let gold = match GoldFile::load(&path) {
            Ok(gold) => gold,
            Err(e) => panic!("{e}"),
        };
        assert!(gold.articles.iter().all(|a| !a.text.is_empty()), "{name}: texts are read");
        let (output, clusters) = perfect(&gold);
        let result = score(&gold, &output, &clusters);
        assert_perfect(&result);
        assert!(result.incidents.gold > 0, "{name}");
        // Every field the spec names is exercised by the shared gold.
        for field in sitrep_eval::ScoredField::ALL {
            assert!(
                result.fields.get(field).scored > 0 || name == "seeds.jsonl",
                "{name}: {field:?}"
            );
        }
    }
}

#[test]
fn a_small_gold_file_with_an_article_file_loads_and_scores_one() {
    let dir = tempfile::tempdir().expect("a temp folder can be made");
    std::fs::create_dir(dir.path().join("articles")).expect("writable");
    std::fs::write(dir.path().join("articles/b.txt"), "Texte de l'article b.").expect("writable");
    let optional = incident("b2", &json!({"optional": true, "incident": "real-a1"}));
    let lines = [
        article("a", &[incident("a1", &json!({}))]).to_string(),
        String::new(),
        json!({"id": "b", "file": "articles/b.txt", "lang": "fr", "published": null,
               "incidents": [incident("b1", &json!({"background": true, "date": {"start": null, "end": null}})), optional],
               "non_events": ["a threat"]})
        .to_string(),
    ];
    let path = dir.path().join("gold.jsonl");
    std::fs::write(&path, lines.join("\n")).expect("writable");
    let gold = GoldFile::load(&path).expect("valid gold");
    assert_eq!(gold.articles.len(), 2);
    let b = &gold.articles[1];
    assert_eq!((b.line, b.text.as_str()), (3, "Texte de l'article b."));
    assert_eq!(b.file.as_deref(), Some(dir.path().join("articles/b.txt").as_path()));
    assert_eq!(b.non_events, ["a threat"]);
    assert_eq!(b.to_article(&gold.path).source, format!("{}:3", path.display()));
    let (output, clusters) = perfect(&gold);
    let result = score(&gold, &output, &clusters);
    assert_perfect(&result);
    assert_eq!((result.incidents.gold, result.incidents.system), (2, 2));
}

#[test]
fn a_missed_incident_and_a_false_alarm() {
    let (_dir, gold) = gold_of(&[article(
        "a",
        &[incident("a1", &json!({})), incident("a2", &json!({"type": "Armed clash"}))],
    )]);
    let (mut output, clusters) = perfect(&gold);
    // The clash is missed; an abduction nobody reported is found instead.
    let clash = incident_mut(&mut output, "a2");
    clash.event_type = EventType::Abduction;
    clash.id = "sys-9".into();
    let result = score(&gold, &output, &clusters);
    let i = &result.incidents;
    assert_eq!((i.gold, i.system, i.matched), (2, 2, 1));
    assert_eq!((i.precision, i.recall, i.f1), (0.5, 0.5, 0.5));
    let report = &result.per_article[0];
    assert_eq!(report.missed, ["a2"]);
    assert_eq!(report.false_alarms.len(), 1);
    assert!(
        report.false_alarms[0]
            .starts_with("Abduction/forced disappearance (news), 2021-03-01..2021-03-04, Erbil")
    );
    assert!(report.false_alarms[0].ends_with("[sys-9]"));
    let shown = result.to_string();
    assert!(shown.contains("missed: a2") && shown.contains("false alarm: Abduction"), "{shown}");
}

#[test]
fn optional_incidents_are_neither_hits_nor_misses() {
    let (_dir, gold) = gold_of(&[article(
        "a",
        &[incident("a1", &json!({})), incident("a2", &json!({"optional": true, "type": "Attack"}))],
    )]);
    let (output, clusters) = perfect(&gold);
    let found = score(&gold, &output, &clusters);
    assert_eq!((found.incidents.gold, found.incidents.system, found.incidents.matched), (1, 1, 1));
    assert_eq!(found.fields.background.scored, 1, "optional pairs are not field-scored");

    let mut without = output.clone();
    without[0].incidents.retain(|i| i.id != "a2");
    let not_found = score(&gold, &without, &clusters);
    assert_eq!((not_found.incidents.gold, not_found.incidents.system), (1, 1));
    assert!(not_found.per_article[0].missed.is_empty());

    // Required gold pairs first: a lone system strike goes to the required incident even
    // when an optional one of the same type comes first in the article.
    let (_dir, gold) = gold_of(&[article(
        "b",
        &[incident("b0", &json!({"optional": true})), incident("b1", &json!({}))],
    )]);
    let (mut output, clusters) = perfect(&gold);
    output[0].incidents.retain(|i| i.id == "b0");
    let result = score(&gold, &output, &clusters);
    assert_eq!(
        (result.incidents.gold, result.incidents.system, result.incidents.matched),
        (1, 1, 1)
    );
}

/// Spec rule 1 pairs greedily by score in one pass: an optional gold incident that fits a
/// system incident better than a required one takes it, and the required one is missed.
#[test]
fn optional_incidents_pair_in_the_same_greedy_pass() {
    let (_dir, gold) = gold_of(&[article(
        "a",
        &[
            incident("a0", &json!({"type_also": ["Attack"]})),
            incident("a1", &json!({"type": "Attack", "optional": true})),
        ],
    )]);
    let (mut output, clusters) = perfect(&gold);
    // One system attack: exactly the optional incident's type, only `type_also` of the
    // required one.
    output[0].incidents.retain(|i| i.id == "a1");
    let result = score(&gold, &output, &clusters);
    let i = &result.incidents;
    assert_eq!((i.gold, i.system, i.matched), (1, 0, 0), "{result}");
    assert_eq!(result.per_article[0].missed, ["a0"]);
    assert!(result.per_article[0].false_alarms.is_empty(), "{result}");
}

/// Spec rule 1: "the date ranges overlap (or both are unknown)". A system incident with no
/// date does not pair with a dated gold incident; it does with an undated one, and a
/// dated system incident pairs with an undated gold incident (rule 3 judges its date).
#[test]
fn an_undated_system_incident_pairs_only_with_undated_gold() {
    let undated = json!({"type": "Attack", "date": {"start": null, "end": null}});
    let (_dir, gold) =
        gold_of(&[article("a", &[incident("dated", &json!({})), incident("undated", &undated)])]);
    let (mut output, clusters) = perfect(&gold);
    incident_mut(&mut output, "dated").date = DateRange::unknown();
    let result = score(&gold, &output, &clusters);
    assert_eq!((result.incidents.matched, result.incidents.system), (1, 2), "{result}");
    assert_eq!(result.per_article[0].missed, ["dated"]);
    assert_eq!(result.per_article[0].false_alarms.len(), 1, "{result}");
    assert_eq!((result.fields.date.scored, result.fields.date.correct), (1, 1));

    // Dated system incidents: both pair; only the dated gold incident's date is right.
    let day = "2021-03-03".parse().expect("a valid date");
    incident_mut(&mut output, "dated").date = DateRange::day(day);
    incident_mut(&mut output, "undated").date = DateRange::day(day);
    let result = score(&gold, &output, &clusters);
    assert_eq!(result.incidents.matched, 2, "{result}");
    assert_eq!((result.fields.date.scored, result.fields.date.correct), (2, 1));
    let mismatch = &result.per_article[0].mismatches[0];
    assert_eq!((mismatch.key.as_str(), mismatch.gold.as_str()), ("undated", "unknown"));
}

#[test]
fn type_also_is_accepted_and_other_types_are_not() {
    let (_dir, gold) =
        gold_of(&[article("a", &[incident("a1", &json!({"type_also": ["Attack"]}))])]);
    let (mut output, clusters) = perfect(&gold);
    incident_mut(&mut output, "a1").event_type = EventType::Attack;
    assert_eq!(score(&gold, &output, &clusters).incidents.matched, 1);
    incident_mut(&mut output, "a1").event_type = EventType::ArmedClash;
    let result = score(&gold, &output, &clusters);
    assert_eq!((result.incidents.matched, result.per_article[0].missed.len()), (0, 1));
}

#[test]
fn exact_type_is_preferred_over_type_also() {
    let (_dir, gold) = gold_of(&[article(
        "a",
        &[
            incident("a1", &json!({"type": "Attack", "type_also": ["Air/drone strike"]})),
            incident("a2", &json!({})),
        ],
    )]);
    let (mut output, clusters) = perfect(&gold);
    // Only the air strike is output: it pairs with the gold air strike, not the attack.
    output[0].incidents.retain(|i| i.id == "a2");
    let result = score(&gold, &output, &clusters);
    assert_eq!(result.per_article[0].missed, ["a1"]);
}

#[test]
fn date_rules_on_matched_pairs() {
    let (_dir, gold) = gold_of(&[article(
        "a",
        &[
            incident(
                "month",
                &json!({"date": {"start": "2021-02-23", "end": "2021-03-31", "true": "2021-03-03"}}),
            ),
            incident(
                "null",
                &json!({"type": "Attack", "date": {"start": null, "end": null, "true": "2021-02-25"}}),
            ),
            incident(
                "null2",
                &json!({"type": "Armed clash", "date": {"start": null, "end": null, "true": "2021-02-25"}}),
            ),
        ],
    )]);
    let d = |s: &str| s.parse().ok();
    let (mut output, clusters) = perfect(&gold);
    // Contains `true`, as wide as the gold range: right.
    incident_mut(&mut output, "month").date =
        DateRange { start: d("2021-03-02"), end: d("2021-03-03") };
    // A null gold range: a range containing `true` is right, one that does not is wrong.
    incident_mut(&mut output, "null").date =
        DateRange { start: d("2021-02-20"), end: d("2021-02-28") };
    incident_mut(&mut output, "null2").date = DateRange::day(d("2021-02-26").expect("a date"));
    let result = score(&gold, &output, &clusters);
    assert_eq!(result.incidents.matched, 3, "{result}");
    assert_eq!((result.fields.date.scored, result.fields.date.correct), (3, 2));
    let mismatch = &result.per_article[0].mismatches[0];
    assert_eq!(
        (mismatch.key.as_str(), mismatch.gold.as_str(), mismatch.system.as_str()),
        ("null2", "unknown (true 2021-02-25)", "2021-02-26")
    );

    // Too wide: three days wider than the gold month.
    incident_mut(&mut output, "month").date =
        DateRange { start: d("2021-02-20"), end: d("2021-03-31") };
    incident_mut(&mut output, "null").date = DateRange::unknown();
    let result = score(&gold, &output, &clusters);
    assert_eq!((result.fields.date.scored, result.fields.date.correct), (3, 1));
    assert!(result.to_string().contains(
        "month date: gold 2021-02-23..2021-03-31 (true 2021-03-03), system 2021-02-20..2021-03-31"
    ));
}

#[test]
fn places_pair_within_50_km_but_are_right_within_25_km() {
    let (_dir, gold) = gold_of(&[article("a", &[incident("a1", &json!({}))])]);
    let (mut output, clusters) = perfect(&gold);
    let place = |lon: f64| Place {
        name: "somewhere".into(),
        lat: Some(36.19),
        lon: Some(lon),
        country: Some("IQ".into()),
        admin1: Some("Erbil".into()),
        precision: Precision::Town,
    };
    // About 17 km east: paired and right.
    incident_mut(&mut output, "a1").location = Some(place(44.2));
    let near = score(&gold, &output, &clusters);
    assert_eq!((near.incidents.matched, near.fields.location.correct), (1, 1));
    // About 40 km east: paired, location wrong.
    incident_mut(&mut output, "a1").location = Some(place(44.46));
    let mid = score(&gold, &output, &clusters);
    assert_eq!(
        (mid.incidents.matched, mid.fields.location.scored, mid.fields.location.correct),
        (1, 1, 0)
    );
    assert!(mid.per_article[0].mismatches[0].system.ends_with("40 km away"), "{mid}");
    // About 60 km east: not paired at all (same admin1 does not help two towns).
    incident_mut(&mut output, "a1").location = Some(place(44.68));
    let far = score(&gold, &output, &clusters);
    assert_eq!(
        (
            far.incidents.matched,
            far.per_article[0].missed.len(),
            far.per_article[0].false_alarms.len()
        ),
        (0, 1, 1)
    );
    // A coarser system place in the same region pairs, but is not precise enough.
    incident_mut(&mut output, "a1").location =
        Some(Place { lat: None, lon: None, precision: Precision::Admin1, ..place(0.0) });
    let coarse = score(&gold, &output, &clusters);
    assert_eq!((coarse.incidents.matched, coarse.fields.location.correct), (1, 0));
}

#[test]
fn figures_by_source_are_judged_on_their_span() {
    let killed = json!({"min": 1, "max": 22, "by_source": {"SOHR": 22, "Pentagon": 1}});
    let floor = json!({"min": 6, "max": null, "by_source": {"police": 7, "ministry": 6}});
    let (_dir, gold) = gold_of(&[article(
        "a",
        &[
            incident("a1", &json!({"killed": killed})),
            incident("a2", &json!({"type": "Attack", "killed": floor})),
        ],
    )]);
    let (mut output, clusters) = perfect(&gold);
    for (a1, a2, right) in [
        (Count::exactly(22), Count::exactly(7), 2),
        (Count::exactly(1), Count::at_least(100), 2),
        (Count::between(10, 12), Count::exactly(5), 1),
        (Count::exactly(30), Count::between(2, 5), 0),
    ] {
        incident_mut(&mut output, "a1").killed = Some(a1);
        incident_mut(&mut output, "a2").killed = Some(a2);
        let result = score(&gold, &output, &clusters);
        assert_eq!((result.fields.killed.scored, result.fields.killed.correct), (2, right));
    }
    // A system that says nothing where the gold has a figure is wrong.
    incident_mut(&mut output, "a1").killed = None;
    let result = score(&gold, &output, &clusters);
    let mismatch =
        result.per_article[0].mismatches.iter().find(|m| m.key == "a1").expect("a mismatch");
    assert_eq!(
        (mismatch.gold.as_str(), mismatch.system.as_str()),
        ("1..22 (Pentagon: 1, SOHR: 22)", "none")
    );
}

#[test]
fn b_cubed_scores_a_wrong_merge_and_a_missed_merge() {
    // Two reports of one real incident (in articles a and b) and one other (in c).
    let same = json!({"incident": "R"});
    let (_dir, gold) = gold_of(&[
        article("a", &[incident("a1", &same)]),
        article("b", &[incident("b1", &same)]),
        article("c", &[incident("c1", &json!({"incident": "S"}))]),
    ]);
    let (output, clusters) = perfect(&gold);
    assert_eq!(score(&gold, &output, &clusters).merge.f1, 1.0);

    // Everything merged into one cluster: precision (2/3 + 2/3 + 1/3) / 3 = 5/9.
    let all: BTreeMap<String, String> =
        ["a1", "b1", "c1"].iter().map(|k| (k.to_string(), "one".to_string())).collect();
    let merged = score(&gold, &output, &all).merge;
    assert!((merged.precision - 5.0 / 9.0).abs() < 1e-9);
    assert_eq!(merged.recall, 1.0);
    assert!((merged.f1 - 10.0 / 14.0).abs() < 1e-9);

    // Nothing merged (no map: each incident alone): recall (1/2 + 1/2 + 1) / 3 = 2/3.
    let split = score(&gold, &output, &BTreeMap::new()).merge;
    assert_eq!(split.precision, 1.0);
    assert!((split.recall - 2.0 / 3.0).abs() < 1e-9);
    let json = serde_json::to_value(score(&gold, &output, &BTreeMap::new())).expect("serialisable");
    assert_eq!(json["merge"], json!({"precision": 1.0, "recall": 0.667, "f1": 0.8}));
}

#[test]
fn an_article_without_system_output_misses_everything() {
    let (_dir, gold) = gold_of(&[
        article("a", &[incident("a1", &json!({}))]),
        article("b", &[incident("b1", &json!({})), incident("b2", &json!({"optional": true}))]),
    ]);
    let (mut output, clusters) = perfect(&gold);
    output.retain(|a| a.id == "a");
    // An article the gold does not have is not scored.
    let mut stray = output[0].clone();
    stray.id = "zz".into();
    output.push(stray);
    let result = score(&gold, &output, &clusters);
    let i = &result.incidents;
    assert_eq!((i.gold, i.system, i.matched), (2, 1, 1));
    assert_eq!(result.per_article[1].missed, ["b1"]);
    assert_eq!(result.ignored_articles, ["zz"]);
    let shown = result.to_string();
    assert!(shown.contains("article b\n  no system output\n  missed: b1\n"), "{shown}");
    assert!(shown.contains("not scored (no gold article, or a repeated id): zz"), "{shown}");
}

#[test]
fn the_json_has_the_spec_shape() {
    let (_dir, gold) = gold_of(&[article(
        "a",
        &[incident("a1", &json!({})), incident("a2", &json!({"type": "Attack"}))],
    )]);
    let (mut output, clusters) = perfect(&gold);
    output[0].incidents.truncate(1);
    incident_mut(&mut output, "a1").perpetrator = None;
    let json = serde_json::to_value(score(&gold, &output, &clusters)).expect("serialisable");
    let keys: Vec<&str> = json.as_object().expect("an object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["articles", "incidents", "fields", "merge", "per_article"]);
    assert_eq!(
        json["incidents"],
        json!({"gold": 2, "system": 1, "matched": 1, "precision": 1.0, "recall": 0.5, "f1": 0.667})
    );
    assert_eq!(json["fields"]["claimed"], json!({"scored": 0, "correct": 0, "accuracy": null}));
    assert_eq!(
        json["fields"]["perpetrator_status"],
        json!({"scored": 1, "correct": 0, "accuracy": 0.0})
    );
    assert_eq!(
        json["per_article"][0],
        json!({"id": "a", "missed": ["a2"], "false_alarms": [], "mismatches": [
            {"key": "a1", "field": "perpetrator_status", "gold": "stated (X)", "system": "unknown"}
        ]})
    );
}

fn load_error(lines: &[&str]) -> (tempfile::TempDir, PathBuf, Error) {
    let dir = tempfile::tempdir().expect("a temp folder can be made");
    let path = dir.path().join("bad.jsonl");
    std::fs::write(&path, lines.join("\n")).expect("writable");
    let err = GoldFile::load(&path).expect_err("the gold is broken");
    (dir, path, err)
}

#[test]
fn broken_gold_lines_are_named() {
    let good = article("a", &[incident("a1", &json!({}))]).to_string();
    let (_dir, path, err) = load_error(&[&good, "{\"id\": \"b\", "]);
    assert_eq!(err.line(), Some(2));
    assert!(
        err.to_string().starts_with(&format!("broken gold line in `{}`, line 2: ", path.display())),
        "{err}"
    );

    let unknown_type =
        article("b", &[incident("b1", &json!({"type": "Drone attack"}))]).to_string();
    let (_dir, path, err) = load_error(&[&good, "", &unknown_type]);
    assert_eq!(
        err.to_string(),
        format!(
            "invalid gold line in `{}`, line 3: unknown event type `Drone attack` in `type` of incident `b1`",
            path.display()
        )
    );

    let missing_file = json!({"id": "c", "file": "nowhere.txt", "incidents": []}).to_string();
    let (dir, _path, err) = load_error(&[&missing_file]);
    let message = err.to_string();
    let expected =
        format!("cannot read article text `{}` named in", dir.path().join("nowhere.txt").display());
    assert!(message.starts_with(&expected) && message.contains(", line 1: "), "{message}");

    let err = GoldFile::load(Path::new("/nonexistent/gold.jsonl")).expect_err("no such file");
    assert!(
        err.to_string().starts_with("cannot read gold file `/nonexistent/gold.jsonl`: "),
        "{err}"
    );
    assert_eq!(err.line(), None);
}
