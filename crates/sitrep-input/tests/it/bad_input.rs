//! One test per kind of bad input: the error's kind, its message naming the file (and
//! the line), and the articles after it in the same batch still read.

use std::path::PathBuf;

use sitrep_input::{InputErrorKind, ReadOptions, read_inputs};

use crate::{Scratch, article, error_at, ids, read_all};

/// A batch: a good file, the bad input, a good file.
fn batch(scratch: &Scratch, bad: PathBuf) -> Vec<PathBuf> {
    let before = scratch.write("before.txt", "Before the bad input.");
    let after = scratch.write("after.txt", "After the bad input.");
    vec![before, bad, after]
}

#[test]
fn empty_file() {
    let scratch = Scratch::new();
    let bad = scratch.write("empty.txt", "");
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "!", "after"]);
    let error = error_at(&items, 1, InputErrorKind::Empty, &bad, None);
    assert_eq!(error.to_string(), format!("`{}`: empty file", bad.display()));
}

#[test]
fn whitespace_only_file() {
    let scratch = Scratch::new();
    let bad = scratch.write("blank.txt", " \n\t\r\n  ");
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "!", "after"]);
    error_at(&items, 1, InputErrorKind::Empty, &bad, None);
}

#[test]
fn file_with_only_a_date_token() {
    let scratch = Scratch::new();
    let bad = scratch.write("dated.txt", "date 2021-03-04\n\n");
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "!", "after"]);
    let error = error_at(&items, 1, InputErrorKind::Empty, &bad, None);
    assert!(error.to_string().contains("no text after the `date` token"), "{error}");
}

#[test]
fn binary_file_with_nul_bytes() {
    let scratch = Scratch::new();
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend([0u8, 0, 0, 13, b'I', b'H', b'D', b'R']);
    let bad = scratch.write("image.txt", bytes);
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "!", "after"]);
    let error = error_at(&items, 1, InputErrorKind::Binary, &bad, None);
    assert!(error.to_string().contains("NUL byte at offset 8"), "{error}");
}

#[test]
fn binary_file_with_control_characters() {
    let scratch = Scratch::new();
    let bytes: Vec<u8> = (0..2000u32).map(|i| if i % 3 == 0 { 0x01 } else { b'a' }).collect();
    let bad = scratch.write("controls.jsonl", bytes);
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "!", "after"]);
    let error = error_at(&items, 1, InputErrorKind::Binary, &bad, None);
    assert!(error.to_string().contains("control characters"), "{error}");
}

#[test]
fn broken_json_line() {
    let scratch = Scratch::new();
    let bad = scratch.write(
        "x.jsonl",
        "{\"id\": \"one\", \"text\": \"First.\"}\n{\"text\": \"cut\nx\n{\"id\": \"four\", \"text\": \"Last.\"}\n",
    );
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "one", "!", "!", "four", "after"]);
    let error = error_at(&items, 2, InputErrorKind::BrokenJson, &bad, Some(2));
    assert!(error.to_string().contains("broken JSON: EOF while parsing a string"), "{error}");
    let error = error_at(&items, 3, InputErrorKind::BrokenJson, &bad, Some(3));
    assert_eq!(
        error.to_string(),
        format!("`{}`, line 3: broken JSON: expected value at column 1", bad.display())
    );
}

#[test]
fn json_line_that_is_not_an_object() {
    let scratch = Scratch::new();
    let bad =
        scratch.write("x.ndjson", "[\"text\", \"a list\"]\n\"a string\"\n{\"text\": \"Good.\"}\n");
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "!", "!", "x:3", "after"]);
    let error = error_at(&items, 1, InputErrorKind::NotAnObject, &bad, Some(1));
    assert!(error.to_string().ends_with("not a JSON object: found an array"), "{error}");
    let error = error_at(&items, 2, InputErrorKind::NotAnObject, &bad, Some(2));
    assert!(error.to_string().ends_with("found a string"), "{error}");
}

#[test]
fn json_line_with_missing_or_non_string_text() {
    let scratch = Scratch::new();
    let bad = scratch.write(
        "x.jsonl",
        "{\"id\": \"a\"}\n{\"id\": \"b\", \"text\": 12}\n{\"id\": \"c\", \"text\": \"  \"}\n{\"id\": \"d\", \"text\": \"Fine.\"}\n",
    );
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "!", "!", "!", "d", "after"]);
    let error = error_at(&items, 1, InputErrorKind::MissingText, &bad, Some(1));
    assert!(error.to_string().ends_with("missing `text` field"), "{error}");
    let error = error_at(&items, 2, InputErrorKind::MissingText, &bad, Some(2));
    assert!(error.to_string().ends_with("`text` is not a string: found a number"), "{error}");
    error_at(&items, 3, InputErrorKind::Empty, &bad, Some(3));
}

#[test]
fn json_line_with_bad_published_value() {
    let scratch = Scratch::new();
    let bad = scratch.write(
        "x.jsonl",
        "{\"published\": \"2021-02-30\", \"text\": \"a\"}\n\
         {\"published\": 2021, \"text\": \"b\"}\n\
         {\"id\": \"ok\", \"published\": \"2021-02-03T04:05:06Z\", \"text\": \"c\"}\n\
         {\"id\": \"null\", \"published\": null, \"text\": \"d\"}\n",
    );
    let options = ReadOptions { published: "2020".parse().ok(), ..ReadOptions::default() };
    let items: Vec<_> = read_inputs(&batch(&scratch, bad.clone()), &options).collect();
    assert_eq!(ids(&items), ["before", "!", "!", "ok", "null", "after"]);
    let error = error_at(&items, 1, InputErrorKind::BadDate, &bad, Some(1));
    assert!(error.to_string().contains("bad `published` value `2021-02-30`"), "{error}");
    let error = error_at(&items, 2, InputErrorKind::BadDate, &bad, Some(2));
    assert!(error.to_string().contains("bad `published` value `2021`"), "{error}");
    let date = |i: usize| article(&items, i).published.map(|d| d.to_string());
    assert_eq!(date(3).as_deref(), Some("2021-02-03"));
    assert_eq!(date(4).as_deref(), Some("2020"), "a null date falls back to the option");
}

#[test]
fn text_file_with_an_impossible_date_token() {
    let scratch = Scratch::new();
    let bad = scratch.write("dated.txt", "date 2021-02-30 Text.");
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "!", "after"]);
    let error = error_at(&items, 1, InputErrorKind::BadDate, &bad, None);
    assert!(error.to_string().contains("`2021-02-30`"), "{error}");
}

#[test]
fn json_line_with_wrongly_typed_field() {
    let scratch = Scratch::new();
    let bad = scratch.write("x.jsonl", "{\"title\": [1], \"text\": \"a\"}\n{\"text\": \"b\"}\n");
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "!", "x:2", "after"]);
    let error = error_at(&items, 1, InputErrorKind::BadField, &bad, Some(1));
    assert!(error.to_string().ends_with("bad `title` value `[1]`: expected a string"), "{error}");
}

#[test]
fn path_not_found() {
    let scratch = Scratch::new();
    let bad = scratch.root().join("missing.txt");
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "!", "after"]);
    let error = error_at(&items, 1, InputErrorKind::NotFound, &bad, None);
    assert_eq!(error.to_string(), format!("`{}`: not found", bad.display()));
    assert!(std::error::Error::source(error).is_some(), "the I/O error is chained");
}

#[test]
fn path_under_a_file_is_unreadable() {
    let scratch = Scratch::new();
    let file = scratch.write("plain.txt", "Text.");
    let bad = file.join("child.txt");
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "!", "after"]);
    let error = error_at(&items, 1, InputErrorKind::Unreadable, &bad, None);
    assert!(error.to_string().contains("cannot read: not a directory"), "{error}");
}

#[cfg(unix)]
#[test]
fn file_without_read_permission() {
    use std::os::unix::fs::PermissionsExt;

    let scratch = Scratch::new();
    let bad = scratch.write("secret.txt", "Secret.");
    std::fs::set_permissions(&bad, std::fs::Permissions::from_mode(0o000))
        .expect("permissions can be changed");
    if std::fs::read(&bad).is_ok() {
        eprintln!("skipped: this user reads files without permission (root)");
        return;
    }
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "!", "after"]);
    let error = error_at(&items, 1, InputErrorKind::Unreadable, &bad, None);
    assert!(error.to_string().contains("permission denied"), "{error}");
}

#[test]
fn article_over_the_size_limit() {
    let scratch = Scratch::new();
    let big_text = scratch.write("big.txt", "x".repeat(101));
    let exact = scratch.write("exact.txt", "y".repeat(100));
    let lines = scratch.write(
        "x.jsonl",
        format!("{{\"text\": \"{}\"}}\n{{\"id\": \"small\", \"text\": \"z\"}}\n", "w".repeat(101)),
    );
    let options = ReadOptions { max_article_bytes: 100, ..ReadOptions::default() };
    let items: Vec<_> = read_inputs(&[big_text.clone(), exact, lines.clone()], &options).collect();
    assert_eq!(ids(&items), ["!", "exact", "!", "small"]);
    let error = error_at(&items, 0, InputErrorKind::TooLarge, &big_text, None);
    assert!(error.to_string().contains("101 bytes, over the limit of 100 bytes"), "{error}");
    let error = error_at(&items, 2, InputErrorKind::TooLarge, &lines, Some(1));
    assert!(error.to_string().contains("101 bytes of text"), "{error}");
}

#[test]
fn gzip_file_is_an_unsupported_format() {
    let scratch = Scratch::new();
    let named = scratch.write("articles.jsonl.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00");
    let unnamed = scratch.write("articles", b"\x1f\x8b\x08\x00 truncated");
    let after = scratch.write("after.txt", "After.");
    let items = read_all(&[named.clone(), unnamed.clone(), after]);
    assert_eq!(ids(&items), ["!", "!", "after"]);
    let error = error_at(&items, 0, InputErrorKind::UnsupportedFormat, &named, None);
    assert!(error.to_string().contains("`.gz` compressed files are not read"), "{error}");
    let error = error_at(&items, 1, InputErrorKind::UnsupportedFormat, &unnamed, None);
    assert!(error.to_string().contains("gzip-compressed"), "{error}");
}

#[test]
fn huge_text_file_is_refused_without_reading_it() {
    let scratch = Scratch::new();
    let bad = scratch.root().join("huge.txt");
    let mut file = std::fs::File::create(&bad).expect("a temporary file can be made");
    // Text, then a sparse tail: 200 MB long without writing (or reading) 200 MB.
    std::io::Write::write_all(&mut file, "Une longue dépêche. ".repeat(1000).as_bytes())
        .expect("a temporary file can be written");
    file.set_len(200 * 1000 * 1000).expect("a file can be extended");
    drop(file);
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "!", "after"]);
    let error = error_at(&items, 1, InputErrorKind::TooLarge, &bad, None);
    // The exact size comes from the file's metadata: a file read until the limit would
    // only be known to be "more than" it.
    assert!(error.to_string().contains("too large: 200000000 bytes"), "{error}");
}

#[test]
fn json_lines_cut_off_in_the_middle_of_a_line() {
    let scratch = Scratch::new();
    // A download or copy that stopped part-way: the last line has no end.
    let bad = scratch.write(
        "cut.jsonl",
        "{\"id\": \"one\", \"text\": \"Complete.\"}\n{\"id\": \"two\", \"text\": \"Tru",
    );
    let items = read_all(&batch(&scratch, bad.clone()));
    assert_eq!(ids(&items), ["before", "one", "!", "after"]);
    let error = error_at(&items, 2, InputErrorKind::BrokenJson, &bad, Some(2));
    assert!(error.to_string().contains("EOF while parsing a string"), "{error}");
}

#[test]
fn text_cut_off_in_the_middle_of_a_character() {
    let scratch = Scratch::new();
    let text = "Trois soldats tués à Ménaka, selon l'armée malienne, près de la frontière.";
    // The file ends after the first of the two bytes of `è` in `frontière`.
    let at = text.find("ère").expect("the text has `ère`");
    let bad = scratch.write("cut.txt", &text.as_bytes()[..=at]);
    let items = read_all(&batch(&scratch, bad));
    assert_eq!(ids(&items), ["before", "cut", "after"]);
    let article = article(&items, 1);
    assert_eq!(article.text, format!("{}\u{fffd}", &text[..at]));
    assert_eq!(article.metadata.get("decoded_from"), Some(&serde_json::json!("utf-8-lossy")));
}

#[test]
fn over_long_json_line_is_skipped() {
    let scratch = Scratch::new();
    let long = "y".repeat(1_000_000);
    let bad = scratch.write(
        "x.jsonl",
        format!("{{\"id\": \"a\", \"text\": \"A.\"}}\n{{\"text\": \"{long}\"}}\n{{\"id\": \"c\", \"text\": \"C.\"}}\n"),
    );
    // A line may hold 4 × 1 KiB + 64 KiB here, far less than the long line.
    let options = ReadOptions { max_article_bytes: 1024, ..ReadOptions::default() };
    let items: Vec<_> = read_inputs(&batch(&scratch, bad.clone()), &options).collect();
    assert_eq!(ids(&items), ["before", "a", "!", "c", "after"]);
    let error = error_at(&items, 2, InputErrorKind::TooLarge, &bad, Some(2));
    assert!(error.to_string().contains("line is too long"), "{error}");
    assert_eq!(article(&items, 3).source, format!("{}:3", bad.display()));
}
