//! Helpers shared by the tests: running the binary, reading its output, and checking the
//! shape of extraction records.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

/// The `sitrep` executable that Cargo built for these tests.
pub(crate) const SITREP: &str = env!("CARGO_BIN_EXE_sitrep");

/// A command running the `sitrep` binary, with no terminal and no colours.
pub(crate) fn sitrep() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::new(SITREP);
    command.env("NO_COLOR", "1").env_remove("RUST_BACKTRACE");
    command
}

/// The repository root.
pub(crate) fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The project's sample articles (`samples/articles`).
pub(crate) fn samples_dir() -> PathBuf {
    repo_root().join("samples/articles")
}

/// The gold file of the sample articles.
pub(crate) fn gold_path() -> PathBuf {
    repo_root().join("samples/gold.jsonl")
}

/// Standard output as UTF-8, failing the test when it is not.
pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("sitrep writes UTF-8 on standard output")
}

/// Standard error as text (lossy: only read by humans and `contains`).
pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The exit code, or a failure when the process was killed by a signal.
pub(crate) fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or_else(|| panic!("sitrep died by a signal: {output:?}"))
}

/// Parses JSON Lines output: one JSON value per non-empty line.
pub(crate) fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect()
}

/// Parses a whole JSON document.
pub(crate) fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The counts in the closing summary line on standard error, keyed by what they count:
/// `"16 articles read, 47 incidents extracted, 0 errors"` gives
/// `{"articles read": 16, "incidents extracted": 47, "errors": 0}`.
pub(crate) fn summary_counts(stderr: &str) -> BTreeMap<String, u64> {
    let line = stderr
        .lines()
        .find(|line| line.contains(" articles read, "))
        .unwrap_or_else(|| panic!("no summary line on standard error:\n{stderr}"));
    line.split(", ")
        .map(|part| {
            let (number, what) = part
                .split_once(' ')
                .unwrap_or_else(|| panic!("summary part `{part}` has no count, in `{line}`"));
            let number = number
                .parse()
                .unwrap_or_else(|_| panic!("summary part `{part}` has no count, in `{line}`"));
            (what.to_string(), number)
        })
        .collect()
}

/// One count from the summary line, failing when it is absent.
pub(crate) fn count_of(counts: &BTreeMap<String, u64>, what: &str) -> u64 {
    *counts.get(what).unwrap_or_else(|| panic!("no `{what}` in the summary {counts:?}"))
}

/// The text of a sample `.txt` article as the reader sees it: everything after the
/// leading `date YYYY[-MM[-DD]]` token and the whitespace after it, or the whole file
/// when it has no token.
pub(crate) fn strip_date_token(content: &str) -> &str {
    let trimmed = content.trim_start();
    let Some(after_word) = trimmed.strip_prefix("date") else {
        return content;
    };
    let value = after_word.trim_start_matches([' ', '\t']);
    if value.len() == after_word.len() {
        return content;
    }
    let value_len = value.find(char::is_whitespace).unwrap_or(value.len());
    let shaped = value[..value_len].split('-').enumerate().all(|(n, part)| {
        let want = if n == 0 { 4 } else { 2 };
        n < 3 && part.len() == want && part.bytes().all(|b| b.is_ascii_digit())
    });
    if !shaped {
        return content;
    }
    value[value_len..].trim_start()
}

fn field<'a>(value: &'a Value, key: &str, context: &str) -> &'a Value {
    value.get(key).unwrap_or_else(|| panic!("{context}: no `{key}` in {value}"))
}

/// Checks that an extraction record (one line of `sitrep extract`) has every field of
/// the schema, and that each incident has its fields.
pub(crate) fn check_extraction_shape(record: &Value) {
    let id = record.get("id").and_then(Value::as_str).unwrap_or("?").to_string();
    let context = format!("article `{id}`");
    for key in ["id", "lang", "published", "content_hash", "incidents", "diagnostics"] {
        field(record, key, &context);
    }
    let hash = record["content_hash"].as_str().unwrap_or_default();
    assert!(
        hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{context}: content_hash `{hash}` is not 64 hex digits"
    );
    assert!(record["diagnostics"].is_array(), "{context}: diagnostics is not a list");
    let incidents = record["incidents"].as_array().expect("incidents is a list");
    for incident in incidents {
        let context = format!("{context}, incident {}", incident["id"]);
        for key in [
            "id",
            "type",
            "date",
            "location",
            "perpetrator",
            "killed",
            "wounded",
            "claimed",
            "background",
            "related",
            "evidence",
        ] {
            field(incident, key, &context);
        }
        let date = &incident["date"];
        field(date, "start", &context);
        field(date, "end", &context);
        if let (Some(start), Some(end)) = (date["start"].as_str(), date["end"].as_str()) {
            assert!(start <= end, "{context}: date starts after it ends: {date}");
        }
        if let Some(perpetrator) = incident["perpetrator"].as_object() {
            assert!(perpetrator.contains_key("name"), "{context}: perpetrator has no name");
            assert!(perpetrator.contains_key("status"), "{context}: perpetrator has no status");
        }
        assert!(incident["background"].is_boolean(), "{context}: background is not a bool");
        assert!(incident["related"].is_array(), "{context}: related is not a list");
        assert!(
            !incident["evidence"].as_array().expect("evidence is a list").is_empty(),
            "{context}: no evidence"
        );
        for count in ["killed", "wounded"] {
            if let Some(c) = incident[count].as_object() {
                let min = c.get("min").and_then(Value::as_u64);
                let max = c.get("max").and_then(Value::as_u64);
                assert!(min.is_some(), "{context}: {count} has no min: {}", incident[count]);
                if let (Some(min), Some(max)) = (min, max) {
                    assert!(min <= max, "{context}: {count} min over max");
                }
            }
        }
    }
}

/// Checks that every evidence span (and every diagnostic span) of `record` is a byte
/// range on char boundaries of `text`, and that the evidence excerpt is exactly
/// `text[span]`. Returns how many evidence items were checked.
pub(crate) fn check_spans(record: &Value, text: &str) -> usize {
    let id = record["id"].as_str().unwrap_or("?");
    let slice = |span: &Value, what: &str| -> &str {
        let start = span["start"].as_u64().and_then(|n| usize::try_from(n).ok());
        let end = span["end"].as_u64().and_then(|n| usize::try_from(n).ok());
        let (Some(start), Some(end)) = (start, end) else {
            panic!("article `{id}`: {what} span is not two offsets: {span}");
        };
        text.get(start..end).unwrap_or_else(|| {
            panic!(
                "article `{id}`: {what} span {start}..{end} is not a char range of the \
                 {}-byte text",
                text.len()
            )
        })
    };
    let mut checked = 0;
    for incident in record["incidents"].as_array().into_iter().flatten() {
        for evidence in incident["evidence"].as_array().into_iter().flatten() {
            let what = format!("incident {} {} evidence", incident["id"], evidence["field"]);
            let piece = slice(&evidence["span"], &what);
            assert_eq!(
                Some(piece),
                evidence["excerpt"].as_str(),
                "article `{id}`: {what} excerpt is not text[span]"
            );
            slice(&evidence["sentence"], &what);
            checked += 1;
        }
    }
    for diagnostic in record["diagnostics"].as_array().into_iter().flatten() {
        if !diagnostic["span"].is_null() {
            slice(&diagnostic["span"], "diagnostic");
        }
    }
    checked
}

/// The codes of a record's diagnostics.
pub(crate) fn diagnostic_codes(record: &Value) -> Vec<String> {
    record["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn strip_date_token_matches_the_reader() {
    assert_eq!(strip_date_token("date 2021-03-04\nTrois morts."), "Trois morts.");
    assert_eq!(strip_date_token("  date\t2021-03 \n\n Text"), "Text");
    assert_eq!(strip_date_token("date 2021 Text on the line"), "Text on the line");
    assert_eq!(strip_date_token("dated 2021\nText"), "dated 2021\nText");
    assert_eq!(strip_date_token("date hier\nText"), "date hier\nText");
    assert_eq!(strip_date_token("No token."), "No token.");
}
