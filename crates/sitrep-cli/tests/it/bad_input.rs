//! Bad inputs: each is reported on standard error with its file (and line), the batch
//! goes on, and the exit code is 1.

use std::path::{Path, PathBuf};

use crate::support::{code, count_of, json_lines, sitrep, stderr, stdout, summary_counts};

/// A short French report, written in windows-1252 by [`write_inputs`] and in UTF-8.
const FRENCH: &str = "date 2023-05-02\nQuatre soldats ont été tués mardi près de Ménaka \
                      dans une embuscade tendue par des jihadistes présumés, a annoncé \
                      l'armée. Les assaillants se sont enfuis à moto après l'attaque.\n";

const GOOD_LINE_1: &str = r#"{"id": "good-1", "published": "2023-05-02", "text": "Two soldiers were killed on Monday in a roadside bomb attack near Kidal, the army said."}"#;
const GOOD_LINE_2: &str = r#"{"id": "good-2", "published": "2023-05-02", "text": "Gunmen killed three civilians on Tuesday in an attack on a market in Gao, witnesses said."}"#;
const GOOD_LINE_3: &str = r#"{"id": "good-3", "published": "2023-05-03", "text": "A drone strike hit a vehicle near Idlib on Wednesday, killing two people, rescuers said."}"#;

/// Encodes text that only uses Latin-1 characters as windows-1252 bytes.
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("the test text is Latin-1 only"))
        .collect()
}

struct Inputs {
    empty: PathBuf,
    binary: PathBuf,
    legacy: PathBuf,
    utf8: PathBuf,
    mixed: PathBuf,
    missing: PathBuf,
}

fn write_inputs(dir: &Path) -> Inputs {
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("the temp folder is writable");
        path
    };
    let mut binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    binary.extend((0u8..=255).cycle().take(2000));
    let mixed = [
        GOOD_LINE_1,
        r#"{"id": "broken", "text": "unterminated"#,
        GOOD_LINE_2,
        r#"{"id": "no-text", "published": "2023-05-02", "title": "A headline only"}"#,
        GOOD_LINE_3,
    ]
    .join("\n");
    Inputs {
        empty: write("empty.txt", b""),
        binary: write("image.txt", &binary),
        legacy: write("cp1252.txt", &latin1(FRENCH)),
        utf8: write("utf8.txt", FRENCH.as_bytes()),
        mixed: write("mixed.jsonl", format!("{mixed}\n").as_bytes()),
        missing: dir.join("not-there.txt"),
    }
}

#[test]
fn each_bad_input_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let inputs = write_inputs(dir.path());
    let output = sitrep()
        .arg("extract")
        .args([
            &inputs.empty,
            &inputs.binary,
            &inputs.legacy,
            &inputs.utf8,
            &inputs.mixed,
            &inputs.missing,
        ])
        .output()
        .expect("sitrep runs");
    let err = stderr(&output);
    assert_eq!(code(&output), 1, "some inputs failed:\n{err}");

    let records = json_lines(&stdout(&output));
    let ids: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["cp1252", "utf8", "good-1", "good-2", "good-3"], "{err}");

    let expect_error = |path: &Path, rest: &str| {
        let wanted = format!("error: `{}`{rest}", path.display());
        assert!(err.lines().any(|l| l.starts_with(&wanted)), "no `{wanted}…` in:\n{err}");
    };
    expect_error(&inputs.empty, ": empty");
    expect_error(&inputs.binary, ": binary data");
    expect_error(&inputs.mixed, ", line 2: broken JSON");
    expect_error(&inputs.mixed, ", line 4: missing `text`");
    expect_error(&inputs.missing, ": not found");
    let counts = summary_counts(&err);
    assert_eq!(count_of(&counts, "errors"), 5, "{err}");
    assert_eq!(count_of(&counts, "articles read"), 5, "{err}");
    let reasons = "errors by reason: 1 binary data, 1 broken JSON, 1 empty, 1 missing text, \
                   1 not found";
    assert!(err.lines().any(|l| l == reasons), "no `{reasons}` in:\n{err}");

    // The windows-1252 file is decoded to the same text as its UTF-8 twin.
    let (legacy, utf8) = (&records[0], &records[1]);
    assert_eq!(legacy["content_hash"], utf8["content_hash"], "windows-1252 decoded differently");
    assert_eq!(legacy["lang"], "fr");
    assert_eq!(legacy["published"], "2023-05-02");
    assert!(!legacy["incidents"].as_array().expect("a list").is_empty(), "{legacy}");
    assert_eq!(legacy["incidents"], utf8["incidents"]);
    for good in &records[2..] {
        assert_eq!(good["lang"], "en", "{good}");
    }
}

#[test]
fn any_one_bad_input_makes_the_exit_code_1() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let inputs = write_inputs(dir.path());
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, format!("{GOOD_LINE_1}\n")).expect("the temp folder is writable");
    let broken_line = dir.path().join("broken.jsonl");
    std::fs::write(&broken_line, format!("{GOOD_LINE_2}\n{{\"text\": \n"))
        .expect("the temp folder is writable");
    let no_text = dir.path().join("no_text.jsonl");
    std::fs::write(&no_text, "{\"id\": \"x\", \"text\": 42}\n")
        .expect("the temp folder is writable");

    for bad in [&inputs.empty, &inputs.binary, &broken_line, &no_text, &inputs.missing] {
        let output = sitrep().arg("extract").arg(&good).arg(bad).output().expect("sitrep runs");
        let err = stderr(&output);
        assert_eq!(
            code(&output),
            1,
            "`{}` gives exit code {:?}:\n{err}",
            bad.display(),
            code(&output)
        );
        assert!(err.contains(&format!("`{}`", bad.display())), "the error names no file:\n{err}");
        let records = json_lines(&stdout(&output));
        assert_eq!(records.first().and_then(|r| r["id"].as_str()), Some("good-1"));
    }
}
