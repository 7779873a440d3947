//! An ingest killed part-way (SIGKILL, at several moments) leaves a store that opens,
//! and finishing the ingest gives what one uninterrupted run gives.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{SITREP, code, count_of, json as parse_json, sitrep, stderr, stdout};

/// Articles in the corpus: enough for an ingest to take a few seconds in a debug build.
const ARTICLES: usize = 3000;

const PLACES: [&str; 12] = [
    "Mosul",
    "Kirkuk",
    "Erbil",
    "Gao",
    "Kidal",
    "Mogadishu",
    "Kabul",
    "Aden",
    "Idlib",
    "Aleppo",
    "Kharkiv",
    "Goma",
];
const WEEKDAYS: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const JOURS: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

/// The text of the `n`th article: four report shapes in English and French, with the
/// place, day and figures varied, and one figure unique to `n` so that no two texts
/// are the same.
fn article_text(n: usize) -> String {
    let place = PLACES[(n / 4) % PLACES.len()];
    let killed = 2 + n % 17;
    let wounded = 3 + n % 29;
    let unique = 10 + n;
    let day = n % 7;
    match n % 4 {
        0 => format!(
            "{place}: {killed} civilians were killed and {wounded} wounded on {} when a car \
             bomb exploded near a busy market in {place}, police said. Witnesses said {unique} \
             shops were damaged in the blast. No group has claimed the attack so far.",
            WEEKDAYS[day]
        ),
        1 => format!(
            "{place} : au moins {killed} soldats ont été tués {} dans une embuscade tendue par \
             des hommes armés près de {place}, a indiqué l'armée. {wounded} autres ont été \
             blessés et {unique} véhicules incendiés, selon une source sécuritaire.",
            JOURS[day]
        ),
        2 => format!(
            "A drone strike hit a vehicle on the outskirts of {place} on {}, killing {killed} \
             people, local officials said. Rescue teams pulled {wounded} wounded from the \
             wreckage of {unique} buildings.",
            WEEKDAYS[day]
        ),
        _ => format!(
            "Des tirs de roquettes ont visé {} la ville de {place}, faisant {killed} morts et \
             {wounded} blessés, selon les autorités locales. {unique} maisons ont été \
             endommagées par les projectiles.",
            JOURS[day]
        ),
    }
}

/// Writes the corpus as one JSON Lines file.
fn write_corpus(dir: &Path) -> PathBuf {
    let mut lines = String::new();
    for n in 0..ARTICLES {
        let published = format!("2023-{:02}-{:02}", 1 + n % 12, 1 + n % 28);
        let line =
            json!({"id": format!("a{n:05}"), "published": published, "text": article_text(n)});
        writeln!(lines, "{line}").expect("writing to a String cannot fail");
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, lines).expect("the temp folder is writable");
    path
}

fn spawn_ingest(corpus: &Path, db: &Path) -> Child {
    Command::new(SITREP)
        .arg("ingest")
        .arg(corpus)
        .arg("--db")
        .arg(db)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("sitrep starts")
}

/// Every stored incident (news and background) by id.
fn stored(db: &Path) -> BTreeMap<String, Value> {
    let output = sitrep()
        .args(["incidents", "--json", "--background", "--db"])
        .arg(db)
        .output()
        .expect("sitrep runs");
    assert_eq!(code(&output), 0, "incidents on `{}`: {}", db.display(), stderr(&output));
    let Value::Array(list) = parse_json(&stdout(&output)) else {
        panic!("incidents --json is not a list");
    };
    list.into_iter()
        .map(|s| (s["incident"]["id"].as_str().expect("an incident id").to_string(), s))
        .collect()
}

/// How many articles are committed to the store at `db` now; 0 before it exists.
fn stored_articles(db: &Path) -> u64 {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let Ok(conn) = rusqlite::Connection::open_with_flags(db, flags) else { return 0 };
    conn.query_row("SELECT count(*) FROM articles", [], |row| row.get::<_, i64>(0))
        .map_or(0, |n| u64::try_from(n).unwrap_or(0))
}

/// Articles per transaction in `sitrep ingest`.
const BATCH: u64 = 200;

#[test]
fn killed_ingests_leave_a_usable_store_and_resume_to_the_same_result() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let corpus = write_corpus(dir.path());

    // The reference: one uninterrupted run.
    let reference_db = dir.path().join("reference.db");
    let status = spawn_ingest(&corpus, &reference_db).wait().expect("the child can be waited on");
    assert!(status.success(), "the reference ingest failed: {status}");
    let reference = stored(&reference_db);
    assert!(reference.len() >= ARTICLES, "only {} incidents in the reference", reference.len());

    // Each run is killed (SIGKILL) as soon as it has committed one more batch than the
    // last, so the kill lands while it extracts or writes the next one; each run goes on
    // from what the last one stored.
    let db = dir.path().join("interrupted.db");
    let mut killed_mid_run = 0;
    let mut last_count = 0;
    let mut last_articles = 0;
    for round in 0..3 {
        let mut child = spawn_ingest(&corpus, &db);
        loop {
            if child.try_wait().expect("the child can be waited on").is_some() {
                break;
            }
            if stored_articles(&db) >= last_articles + BATCH {
                child.kill().expect("the child can be killed");
                killed_mid_run += 1;
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        child.wait().expect("the child can be waited on");
        let articles = stored_articles(&db);
        assert_eq!(articles % BATCH, 0, "round {round}: {articles} articles, a partial batch");
        let partial = stored(&db);
        assert!(partial.len() <= reference.len(), "more incidents than the reference");
        assert!(partial.len() >= last_count, "a killed ingest lost stored incidents");
        for (id, incident) in &partial {
            assert_eq!(Some(incident), reference.get(id), "incident `{id}` differs");
        }
        eprintln!(
            "round {round}: {articles} articles and {} of {} incidents stored",
            partial.len(),
            reference.len()
        );
        last_count = partial.len();
        last_articles = articles;
    }
    assert!(killed_mid_run > 0, "every ingest ended before its kill: grow the corpus");

    // Going on to completion gives the reference's counts and incidents.
    let output = sitrep().arg("ingest").arg(&corpus).arg("--db").arg(&db).output().expect("runs");
    let err = stderr(&output);
    assert_eq!(code(&output), 0, "{err}");
    let counts = crate::support::summary_counts(&err);
    assert_eq!(count_of(&counts, "articles read"), ARTICLES as u64);
    let stored_now = count_of(&counts, "articles stored");
    let duplicates = count_of(&counts, "skipped as duplicates");
    assert_eq!(stored_now + duplicates, ARTICLES as u64, "{err}");
    assert_eq!(duplicates, last_articles, "stored articles not seen as duplicates: {err}");
    let resumed = stored(&db);
    assert_eq!(resumed.len(), reference.len(), "the resumed store differs in size");
    assert!(resumed == reference, "the resumed store differs from an uninterrupted one");
}
