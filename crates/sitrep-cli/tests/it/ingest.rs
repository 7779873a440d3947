//! `sitrep ingest`, `incidents` and `show` on the sample articles.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::support::{code, count_of, json, samples_dir, sitrep, stderr, stdout, summary_counts};

/// Runs `sitrep ingest samples/articles --db DB` and returns the summary counts.
fn ingest_samples(db: &Path) -> std::collections::BTreeMap<String, u64> {
    let output = sitrep()
        .arg("ingest")
        .arg(samples_dir())
        .arg("--db")
        .arg(db)
        .output()
        .expect("sitrep runs");
    let err = stderr(&output);
    assert_eq!(code(&output), 0, "{err}");
    summary_counts(&err)
}

/// Runs `sitrep incidents --db DB --json ARGS…` and returns the listed incidents.
fn incidents(db: &Path, args: &[&str]) -> Vec<Value> {
    let output = sitrep()
        .arg("incidents")
        .arg("--db")
        .arg(db)
        .arg("--json")
        .args(args)
        .output()
        .expect("sitrep runs");
    assert_eq!(code(&output), 0, "incidents {args:?}: {}", stderr(&output));
    match json(&stdout(&output)) {
        Value::Array(list) => list,
        other => panic!("incidents {args:?} is not a JSON list: {other}"),
    }
}

fn incident_id(stored: &Value) -> &str {
    stored["incident"]["id"].as_str().unwrap_or_else(|| panic!("no incident id in {stored}"))
}

fn ids(list: &[Value]) -> BTreeSet<&str> {
    list.iter().map(incident_id).collect()
}

#[test]
fn a_second_ingest_stores_nothing_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let db = dir.path().join("store.db");

    let first = ingest_samples(&db);
    let articles = count_of(&first, "articles read");
    assert_eq!(articles, 16);
    assert_eq!(count_of(&first, "articles stored"), articles);
    assert_eq!(count_of(&first, "skipped as duplicates"), 0);
    assert_eq!(count_of(&first, "errors"), 0);
    let before = sitrep()
        .args(["incidents", "--json", "--background", "--db"])
        .arg(&db)
        .output()
        .expect("sitrep runs");
    assert_eq!(code(&before), 0, "{}", stderr(&before));

    // Texts already stored are recognised by their hash before extraction: nothing is
    // extracted again.
    let second = ingest_samples(&db);
    assert_eq!(count_of(&second, "articles read"), articles);
    assert_eq!(count_of(&second, "incidents extracted"), 0, "{second:?}");
    assert_eq!(count_of(&second, "articles stored"), 0, "{second:?}");
    assert_eq!(count_of(&second, "skipped as duplicates"), articles, "{second:?}");

    let after = sitrep()
        .args(["incidents", "--json", "--background", "--db"])
        .arg(&db)
        .output()
        .expect("sitrep runs");
    assert_eq!(
        stdout(&before),
        stdout(&after),
        "the stored incidents changed on a duplicate ingest"
    );
    let listed = json(&stdout(&after));
    assert_eq!(
        listed.as_array().map(Vec::len),
        usize::try_from(count_of(&first, "incidents extracted")).ok(),
        "the store does not list every extracted incident"
    );
}

#[test]
fn incidents_filters_and_show() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let db = dir.path().join("store.db");
    ingest_samples(&db);

    let news = incidents(&db, &[]);
    let all = incidents(&db, &["--background"]);
    assert!(!news.is_empty(), "no news incidents listed");
    for stored in &news {
        assert_eq!(stored["incident"]["background"], false, "a background incident: {stored}");
        for key in ["article_id", "article_source", "published"] {
            assert!(stored.get(key).is_some(), "no `{key}` in {stored}");
        }
    }
    assert!(ids(&news).is_subset(&ids(&all)));
    assert!(
        all.iter().any(|s| s["incident"]["background"] == true),
        "--background adds no background incident"
    );

    // Each filter keeps exactly the news incidents that match it.
    let filtered = |args: &[&str], keep: &dyn Fn(&Value) -> bool| {
        let got = incidents(&db, args);
        let want: BTreeSet<&str> =
            news.iter().filter(|s| keep(&s["incident"])).map(incident_id).collect();
        assert!(!want.is_empty(), "the samples have nothing for {args:?}");
        assert_eq!(ids(&got), want, "incidents {args:?}");
    };
    filtered(&["--country", "IQ"], &|i| i["location"]["country"] == "IQ");
    filtered(&["--country", "ml"], &|i| i["location"]["country"] == "ML");
    filtered(&["--type", "Suicide bomb"], &|i| i["type"] == "Suicide bomb");
    // An incident is kept when its date range reaches into the window; one with no date
    // at all is left out, and a missing end is open.
    filtered(&["--since", "2024-03-01", "--until", "2024-03-31"], &|i| {
        let start = i["date"]["start"].as_str();
        let end = i["date"]["end"].as_str();
        (start.is_some() || end.is_some())
            && end.is_none_or(|e| e >= "2024-03-01")
            && start.is_none_or(|s| s <= "2024-03-31")
    });

    let kabul = incidents(&db, &["--text", "Kabul"]);
    assert!(!kabul.is_empty(), "--text Kabul finds nothing");
    assert!(ids(&kabul).is_subset(&ids(&news)));
    for stored in &kabul {
        let source = stored["article_source"].as_str().expect("a source path");
        let text = std::fs::read_to_string(source).expect("the source is readable");
        assert!(text.contains("Kabul"), "--text Kabul lists an article without it: {source}");
    }
    assert!(incidents(&db, &["--text", "zzyzx"]).is_empty());
    assert_eq!(incidents(&db, &["--limit", "2"]).len(), 2);

    // Without `--json`, a table: a header, then one line per incident, in the same order.
    let table = sitrep().args(["incidents", "--db"]).arg(&db).output().expect("sitrep runs");
    assert_eq!(code(&table), 0, "{}", stderr(&table));
    let text = stdout(&table);
    let lines: Vec<&str> = text.lines().collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(header, ["id", "date", "type", "place", "killed", "wounded", "perpetrator"]);
    assert_eq!(lines.len(), news.len() + 1, "{text}");
    for (line, stored) in lines[1..].iter().zip(&news) {
        assert!(line.starts_with(incident_id(stored)), "`{line}` is not {}", incident_id(stored));
    }
    assert!(stderr(&table).contains(&format!("{} incidents", news.len())), "{}", stderr(&table));

    // `show` prints the incident with its evidence.
    let first = &news[0]["incident"];
    let id = incident_id(&news[0]);
    let shown = sitrep().args(["show", id, "--db"]).arg(&db).output().expect("sitrep runs");
    assert_eq!(code(&shown), 0, "{}", stderr(&shown));
    let text = stdout(&shown);
    assert!(text.starts_with(id), "show does not start with the id:\n{text}");
    assert!(text.contains("evidence:"), "show has no evidence:\n{text}");
    for evidence in first["evidence"].as_array().expect("a list") {
        let excerpt = evidence["excerpt"].as_str().expect("an excerpt");
        assert!(text.contains(&format!("«{excerpt}»")), "show lacks «{excerpt}»:\n{text}");
    }
    let shown =
        sitrep().args(["show", id, "--json", "--db"]).arg(&db).output().expect("sitrep runs");
    assert_eq!(code(&shown), 0, "{}", stderr(&shown));
    let detail = json(&stdout(&shown));
    assert_eq!(&detail["incident"], first, "show --json differs from incidents --json");
    assert!(
        detail["sources"].as_array().is_some_and(|s| !s.is_empty()),
        "show --json has no sources: {detail}"
    );
}

#[test]
fn unknown_ids_and_missing_stores_fail_with_a_message() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let db = dir.path().join("store.db");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "date 2023-01-01\nNothing happened.\n").expect("writable");
    let made = sitrep().arg("ingest").arg(&empty).arg("--db").arg(&db).output().expect("runs");
    assert_eq!(code(&made), 0, "{}", stderr(&made));

    let unknown =
        sitrep().args(["show", "0000000000000000-9", "--db"]).arg(&db).output().expect("runs");
    assert_ne!(code(&unknown), 0);
    let err = stderr(&unknown);
    assert!(err.contains("no incident `0000000000000000-9`"), "unclear message:\n{err}");
    assert!(stdout(&unknown).is_empty());

    let missing = dir.path().join("nowhere.db");
    for command in [&["incidents"][..], &["show", "0000000000000000-9"]] {
        let output = sitrep().args(command).arg("--db").arg(&missing).output().expect("runs");
        assert_ne!(code(&output), 0, "{command:?} on a missing store succeeds");
        let err = stderr(&output);
        assert!(
            err.contains(&format!("`{}`", missing.display())),
            "{command:?}: the message does not name the store:\n{err}"
        );
        assert!(!missing.exists(), "{command:?} created the missing store");
    }
}

/// The closing summary of an ingest counts every outcome: articles read, stored, skipped as
/// duplicates (of the store, and within the run), in an unsupported language, and errors
/// with their reasons. A bad input never costs what was stored before it.
#[test]
fn ingest_summary_counts_every_outcome_and_keeps_what_was_stored() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let db = dir.path().join("store.db");
    let write = |name: &str, content: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, content).expect("the temp folder is writable");
        path
    };
    let kidal = "date 2023-05-02\nTwo soldiers were killed on Monday in a roadside bomb attack \
                 near Kidal, the army said.\n";
    let first = write("first.txt", kidal);
    let run = |paths: &[&Path]| {
        let output =
            sitrep().arg("ingest").args(paths).arg("--db").arg(&db).output().expect("runs");
        (code(&output), stderr(&output))
    };
    let (status, err) = run(&[&first]);
    assert_eq!(status, 0, "{err}");
    let before = incidents(&db, &["--background"]);
    assert!(!before.is_empty(), "the Kidal attack gives no incident");

    let again = write("again.txt", kidal);
    let gao = "Gunmen killed three civilians on Tuesday in an attack on a market in Gao, \
               witnesses said.";
    let lines = write(
        "feed.jsonl",
        &format!(
            "{}\n{{\"id\": \"cut\", \"text\": \"unterminated\n{}\n{{\"id\": \"no-text\"}}\n",
            serde_json::json!({"id": "gao", "published": "2023-05-03", "text": gao}),
            serde_json::json!({"id": "gao-again", "published": "2023-05-03", "text": gao}),
        ),
    );
    let german = write(
        "de.txt",
        "date 2023-05-02\nBei einem Anschlag in der Stadt Kabul sind am Montag mindestens zehn \
         Menschen getötet worden, teilte die Polizei mit. Weitere zwanzig Menschen wurden \
         verletzt.\n",
    );
    let empty = write("empty.txt", "");
    let (status, err) = run(&[&again, &lines, &german, &empty]);
    assert_eq!(status, 1, "some inputs failed:\n{err}");
    let counts = summary_counts(&err);
    // again.txt, gao, gao-again and de.txt are read; the cut line, the line without
    // text and the empty file are errors.
    assert_eq!(count_of(&counts, "articles read"), 4, "{err}");
    assert_eq!(count_of(&counts, "articles stored"), 2, "gao and de.txt:\n{err}");
    assert_eq!(count_of(&counts, "skipped as duplicates"), 2, "again.txt and gao-again:\n{err}");
    assert_eq!(count_of(&counts, "in an unsupported language"), 1, "{err}");
    assert_eq!(count_of(&counts, "errors"), 3, "{err}");
    assert!(
        err.lines().any(|l| l == "errors by reason: 1 broken JSON, 1 empty, 1 missing text"),
        "no tally of the errors by reason:\n{err}"
    );
    assert!(err.contains(&format!("unsupported language: `{}`", german.display())), "{err}");

    // What the first run stored is still there, unchanged, beside the new incidents.
    let after = incidents(&db, &["--background"]);
    for stored in &before {
        assert!(after.contains(stored), "lost or changed: {stored}");
    }
    assert!(after.len() > before.len(), "the Gao attack was not stored");
}

/// However many threads extract, `extract` writes the same records in the input order and
/// `ingest` stores the same incidents.
#[test]
fn the_number_of_jobs_changes_nothing_but_speed() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let extract = |jobs: &str| {
        let output = sitrep()
            .args(["extract", "--jobs", jobs])
            .arg(samples_dir())
            .output()
            .expect("sitrep runs");
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        output.stdout
    };
    let one = extract("1");
    assert!(!one.is_empty());
    assert!(extract("3") == one, "--jobs 3 changed the output of extract");

    let listed = |jobs: &str| {
        let db = dir.path().join(format!("jobs{jobs}.db"));
        let output = sitrep()
            .args(["ingest", "--jobs", jobs])
            .arg(samples_dir())
            .arg("--db")
            .arg(&db)
            .output()
            .expect("sitrep runs");
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        incidents(&db, &["--background"])
    };
    assert_eq!(listed("1"), listed("4"), "--jobs changed what ingest stores");

    let zero = sitrep().args(["extract", "--jobs", "0"]).arg(samples_dir()).output().expect("runs");
    assert_eq!(code(&zero), 2, "--jobs 0 is refused");
    assert!(stderr(&zero).contains("--jobs"), "{}", stderr(&zero));
}
