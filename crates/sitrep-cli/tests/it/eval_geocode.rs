//! `sitrep eval` on the sample gold file, and `sitrep geocode`.

use serde_json::Value;

use crate::support::{code, gold_path, json, sitrep, stderr, stdout};

#[test]
fn eval_prints_a_report_and_json_with_the_spec_keys() {
    let gold = std::fs::read_to_string(gold_path()).expect("samples/gold.jsonl is readable");
    let gold_articles: Vec<Value> = crate::support::json_lines(&gold);
    // Incidents marked `optional` are neither found nor missed (spec/gold-format.md).
    let gold_incidents = gold_articles
        .iter()
        .flat_map(|a| a["incidents"].as_array().into_iter().flatten())
        .filter(|i| i["optional"] != true)
        .count();

    let report = sitrep().arg("eval").arg(gold_path()).output().expect("sitrep runs");
    assert_eq!(code(&report), 0, "{}", stderr(&report));
    let text = stdout(&report);
    assert!(text.contains(&format!("articles: {}", gold_articles.len())), "{text}");
    for word in ["incidents", "precision", "recall", "f1"] {
        assert!(text.contains(word), "the report lacks `{word}`:\n{text}");
    }

    let output = sitrep().arg("eval").arg(gold_path()).arg("--json").output().expect("runs");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let score = json(&stdout(&output));
    for key in ["articles", "incidents", "fields", "merge", "per_article"] {
        assert!(score.get(key).is_some(), "no `{key}` in {score}");
    }
    assert_eq!(score["articles"].as_u64(), Some(gold_articles.len() as u64));
    let incidents = &score["incidents"];
    assert_eq!(incidents["gold"].as_u64(), Some(gold_incidents as u64));
    let system = incidents["system"].as_u64().expect("incidents.system is a count");
    let matched = incidents["matched"].as_u64().expect("incidents.matched is a count");
    assert!(matched <= system && matched <= gold_incidents as u64, "{incidents}");
    for key in ["precision", "recall", "f1"] {
        let value = incidents[key].as_f64().unwrap_or_else(|| panic!("no incidents.{key}"));
        assert!((0.0..=1.0).contains(&value), "incidents.{key} = {value}");
    }
    assert!(score["fields"].is_object(), "fields is not an object: {}", score["fields"]);
    assert!(score["merge"].is_object(), "merge is not an object: {}", score["merge"]);
    assert_eq!(score["per_article"].as_array().map(Vec::len), Some(gold_articles.len()));
}

fn geocode(args: &[&str]) -> Vec<Value> {
    let output = sitrep().arg("geocode").args(args).arg("--json").output().expect("sitrep runs");
    assert_eq!(code(&output), 0, "geocode {args:?}: {}", stderr(&output));
    match json(&stdout(&output)) {
        Value::Array(list) if !list.is_empty() => list,
        other => panic!("geocode {args:?} gives no candidates: {other}"),
    }
}

#[test]
fn geocode_finds_towns_and_sites_and_refuses_unknown_names() {
    let bagdad = geocode(&["Bagdad"]);
    assert_eq!(bagdad[0]["country"], "IQ", "{}", bagdad[0]);
    assert_eq!(bagdad[0]["name"], "Baghdad", "{}", bagdad[0]);
    assert_eq!(bagdad[0]["precision"], "town", "{}", bagdad[0]);
    assert!(bagdad[0]["lat"].is_number() && bagdad[0]["lon"].is_number(), "{}", bagdad[0]);

    let base = geocode(&["base aérienne d'al-Asad"]);
    assert_eq!(base[0]["country"], "IQ", "{}", base[0]);
    assert_eq!(base[0]["precision"], "site", "{}", base[0]);

    let unknown = "Qqxwzvillé-sur-Nulle";
    let output = sitrep().args(["geocode", unknown]).output().expect("sitrep runs");
    assert_ne!(code(&output), 0, "an unknown place succeeds");
    let said = format!("{}{}", stdout(&output), stderr(&output));
    assert!(said.contains(&format!("`{unknown}`")), "the message does not name it: {said}");
}

#[test]
fn geocode_reads_relative_and_descriptive_phrases() {
    let north = geocode(&["au nord de Bagdad"]);
    assert_eq!(north[0]["name"], "north of Baghdad", "{}", north[0]);
    assert_eq!(north[0]["relation"], "north of", "{}", north[0]);
    assert_eq!(north[0]["anchor"], "Baghdad", "{}", north[0]);
    assert_eq!(north[0]["precision"], "admin1", "{}", north[0]);
    assert_eq!(north[0]["admin1"], "Baghdad", "{}", north[0]);
    assert!(north[0]["lat"].is_number() && north[0]["score"].is_number(), "{}", north[0]);

    let far = geocode(&["85 km south of Gao"]);
    assert_eq!(far[0]["distance_km"], 85.0, "{}", far[0]);

    let province = geocode(&["la province d'Anbar"]);
    assert_eq!(province[0]["precision"], "admin1", "{}", province[0]);
    assert_eq!(province[0]["relation"], serde_json::Value::Null, "{}", province[0]);

    let base = geocode(&["al-Asad", "--country", "IQ"]);
    assert_eq!(base[0]["name"], "Al Asad Air Base", "{}", base[0]);
    let k1 = geocode(&["K1"]);
    assert_eq!(k1[0]["name"], "K1 Air Base", "{}", k1[0]);
    // Best first.
    let scores: Vec<f64> = north.iter().filter_map(|c| c["score"].as_f64()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    let text = sitrep().args(["geocode", "près de Kirkouk"]).output().expect("sitrep runs");
    assert_eq!(code(&text), 0, "{}", stderr(&text));
    let shown = stdout(&text);
    assert!(shown.contains("near Kirkuk") && shown.contains("chosen"), "{shown}");
}

/// A gold line's relative `file` resolves against the gold file's folder, wherever
/// `sitrep eval` runs from and however the gold file is named.
#[test]
fn eval_resolves_article_files_against_the_gold_folder() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let root = dir.path();
    for folder in ["gold", "articles", "elsewhere"] {
        std::fs::create_dir(root.join(folder)).expect("the temp folder is writable");
    }
    std::fs::write(
        root.join("articles/kidal.txt"),
        "Two soldiers were killed on Monday in a roadside bomb attack near Kidal, the army said.",
    )
    .expect("the temp folder is writable");
    let line = serde_json::json!({
        "id": "kidal", "file": "../articles/kidal.txt", "lang": "en", "published": "2023-05-02",
        "incidents": [{
            "key": "kidal-ied", "incident": "kidal-ied", "type": "Remote explosive/landmine/IED",
            "type_also": [], "background": false,
            "date": {"start": "2023-05-01", "end": "2023-05-01"},
            "location": null, "perpetrator": null, "target": null, "weapon": null,
            "quantity": null, "killed": {"min": 2, "max": 2}, "wounded": null, "claimed": null
        }]
    });
    std::fs::write(root.join("gold/gold.jsonl"), format!("{line}\n"))
        .expect("the temp folder is writable");

    let runs = [
        (root.to_path_buf(), std::path::PathBuf::from("gold/gold.jsonl")),
        (root.join("elsewhere"), root.join("gold/gold.jsonl")),
        (root.join("gold"), std::path::PathBuf::from("gold.jsonl")),
    ];
    for (cwd, gold) in runs {
        let output = sitrep()
            .current_dir(&cwd)
            .arg("eval")
            .arg(&gold)
            .arg("--json")
            .output()
            .expect("sitrep runs");
        assert_eq!(code(&output), 0, "from `{}`: {}", cwd.display(), stderr(&output));
        let score = json(&stdout(&output));
        assert_eq!(score["articles"], 1, "{score}");
        assert_eq!(score["incidents"]["gold"], 1, "{score}");
    }

    let missing = root.join("gold/missing.jsonl");
    std::fs::write(&missing, format!("{}\n", line.to_string().replace("kidal.txt", "nope.txt")))
        .expect("the temp folder is writable");
    let output = sitrep().arg("eval").arg(&missing).output().expect("sitrep runs");
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(err.contains("articles/nope.txt") && err.contains("line 1"), "{err}");
}
