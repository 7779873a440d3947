//! Good inputs: the date token, JSON Lines fields, folders and encodings.

use std::path::PathBuf;

use serde_json::json;
use sitrep_input::{ReadOptions, parse_text_article, read_inputs};

use crate::{Scratch, article, ids, read_all};

#[test]
fn date_token_forms_in_text_files() {
    let scratch = Scratch::new();
    let cases = [
        ("same_line.txt", "date 2021-03-04 Trois morts.", Some("2021-03-04"), "Trois morts."),
        ("month.txt", "  \n  date 2021-03\nTwo killed.\n", Some("2021-03"), "Two killed.\n"),
        ("year.txt", "date 2019\tText.", Some("2019"), "Text."),
        ("none.txt", "No token here.", None, "No token here."),
        ("later.txt", "Text first.\ndate 2021-03-04", None, "Text first.\ndate 2021-03-04"),
        ("word.txt", "date de l'attaque : inconnue", None, "date de l'attaque : inconnue"),
    ];
    let paths: Vec<PathBuf> =
        cases.iter().map(|(name, content, ..)| scratch.write(name, content)).collect();
    let items = read_all(&paths);
    for (i, (name, _, date, text)) in cases.iter().enumerate() {
        let article = article(&items, i);
        assert_eq!(article.published.map(|d| d.to_string()).as_deref(), *date, "{name}");
        assert_eq!(article.text, *text, "{name}");
        assert_eq!(article.source, paths[i].display().to_string());
        assert_eq!(format!("{}.txt", article.id), *name);
    }
}

#[test]
fn text_is_a_suffix_of_the_content() {
    let content = "  date 2021-03-04   Deux morts à Gao.";
    let article = parse_text_article("gao", "gao.txt", content, &ReadOptions::default());
    assert!(content.ends_with(&article.text));
    let offset = content.len() - article.text.len();
    assert_eq!(&content[offset..offset + 4], "Deux");
}

#[test]
fn options_give_a_fallback_date_and_force_the_language() {
    let scratch = Scratch::new();
    let text = scratch.write("plain.txt", "No date.");
    let dated = scratch.write("dated.txt", "date 2022 Dated.");
    let lines = scratch.write("x.jsonl", "{\"lang\": \"en\", \"text\": \"Hello.\"}\n");
    let options = ReadOptions {
        published: "2020-05-06".parse().ok(),
        lang: Some("fr".to_string()),
        ..ReadOptions::default()
    };
    let items: Vec<_> = read_inputs(&[text, dated, lines], &options).collect();
    let date = |i: usize| article(&items, i).published.map(|d| d.to_string());
    assert_eq!(date(0).as_deref(), Some("2020-05-06"));
    assert_eq!(date(1).as_deref(), Some("2022"));
    for i in 0..3 {
        assert_eq!(article(&items, i).lang.as_deref(), Some("fr"));
    }
}

#[test]
fn json_lines_fields_and_metadata() {
    let scratch = Scratch::new();
    let path = scratch.write(
        "feed.jsonl",
        "\n{\"id\": \"r1\", \"url\": \"https://example.org/1\", \"title\": \"T\", \"published\": \"2021-03-04T10:00:00+01:00\", \"lang\": \"fr\", \"text\": \"Texte.\", \"outlet\": \"Le Monde\", \"tags\": [\"a\", \"b\"], \"score\": 1.5}\r\n\
         \n   \n\
         {\"text\": \"No id.\", \"published\": \"2021-03\"}\n",
    );
    let items = read_all(std::slice::from_ref(&path));
    assert_eq!(ids(&items), ["r1", "feed:5"]);
    let first = article(&items, 0);
    assert_eq!(first.source, format!("{}:2", path.display()));
    assert_eq!(first.url.as_deref(), Some("https://example.org/1"));
    assert_eq!(first.title.as_deref(), Some("T"));
    assert_eq!(first.lang.as_deref(), Some("fr"));
    assert_eq!(first.text, "Texte.");
    assert_eq!(first.published.map(|d| d.to_string()).as_deref(), Some("2021-03-04"));
    let metadata = serde_json::to_value(&first.metadata).expect("metadata serialises");
    assert_eq!(metadata, json!({"outlet": "Le Monde", "score": 1.5, "tags": ["a", "b"]}));
    let second = article(&items, 1);
    assert_eq!(second.source, format!("{}:5", path.display()));
    assert_eq!(second.published.map(|d| d.to_string()).as_deref(), Some("2021-03"));
    assert!(second.metadata.is_empty());
}

#[test]
fn a_file_starting_with_a_brace_is_json_lines() {
    let scratch = Scratch::new();
    let path = scratch.write("export.data", "  {\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n");
    let items = read_all(&[path]);
    assert_eq!(ids(&items), ["export:1", "export:2"]);
}

#[test]
fn folders_are_read_in_path_byte_order() {
    let scratch = Scratch::new();
    let root = scratch.root().join("in");
    for name in [
        "b.jsonl",
        "a/x.txt",
        "a.txt",
        "B.txt",
        "a/sub/deep.ndjson",
        "notes.md",
        "image.png",
        ".hidden.txt",
        ".git/config.txt",
        "c/.cache/y.txt",
        "ä.txt",
    ] {
        let content = if name.contains("json") {
            format!("{{\"id\": \"{name}\", \"text\": \"t\"}}\n")
        } else {
            format!("Text of {name}.")
        };
        scratch.write(&format!("in/{name}"), content);
    }
    let mut inputs = read_inputs(std::slice::from_ref(&root), &ReadOptions::default());
    let items: Vec<_> = inputs.by_ref().collect();
    let sources: Vec<String> = items
        .iter()
        .map(|item| item.as_ref().expect("all inputs are good").source.clone())
        .collect();
    let expected: Vec<String> =
        ["B.txt", "a.txt", "a/sub/deep.ndjson:1", "a/x.txt", "b.jsonl:1", "ä.txt"]
            .iter()
            .map(|name| format!("{}/{name}", root.display()))
            .collect();
    assert_eq!(sources, expected);
    // notes.md, image.png, .hidden.txt, the .git folder and the .cache folder.
    assert_eq!(inputs.skipped_files(), 5);
    // The same walk twice gives the same order.
    let again: Vec<String> = read_inputs(&[root], &ReadOptions::default())
        .map(|item| item.expect("all inputs are good").source)
        .collect();
    assert_eq!(again, expected);
}

#[test]
fn windows_1252_text_is_decoded() {
    let scratch = Scratch::new();
    let french = "date 2004-05-06\nIrak, à l'aéroport de Bagdad, une roquette a tué deux soldats. « Ça a été très violent », a déclaré un témoin.";
    let (bytes, _, had_errors) = encoding_rs::WINDOWS_1252.encode(french);
    assert!(!had_errors);
    let text = scratch.write("legacy.txt", &bytes);
    let line = scratch.write(
        "legacy.jsonl",
        [
            &b"{\"text\": \""[..],
            &encoding_rs::WINDOWS_1252.encode("Irak, à l'aéroport de Bagdad").0,
            b"\"}\n",
        ]
        .concat(),
    );
    let utf8 = scratch.write("utf8.txt", "Déjà en UTF-8.");
    let items = read_all(&[text, line, utf8]);
    let first = article(&items, 0);
    assert!(first.text.starts_with("Irak, à l'aéroport de Bagdad, une roquette"), "{}", first.text);
    assert!(first.text.contains("« Ça a été très violent »"));
    assert_eq!(first.published.map(|d| d.to_string()).as_deref(), Some("2004-05-06"));
    assert_eq!(first.metadata.get("decoded_from"), Some(&json!("windows-1252")));
    let second = article(&items, 1);
    assert_eq!(second.text, "Irak, à l'aéroport de Bagdad");
    assert_eq!(second.metadata.get("decoded_from"), Some(&json!("windows-1252")));
    assert!(article(&items, 2).metadata.is_empty());
}

/// ISO-8859-1 (Latin-1) text is read as windows-1252, its superset, as browsers do: the
/// letters of French are at the same bytes in both.
#[test]
fn iso_8859_1_text_is_decoded() {
    let scratch = Scratch::new();
    let texts = [
        "Deux soldats tués près de Ménaka, a indiqué l'état-major.",
        "Un employé de l'hôtel a été tué lors de l'attaque à Ouagadougou, selon la police.",
        "Ça a été très violent, a déclaré un témoin à Bamako où l'armée est déployée.",
    ];
    let paths: Vec<PathBuf> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let bytes: Vec<u8> = text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).expect("the test texts are Latin-1"))
                .collect();
            assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8 any more");
            scratch.write(&format!("latin1-{i}.txt"), bytes)
        })
        .collect();
    let items = read_all(&paths);
    for (i, text) in texts.iter().enumerate() {
        let article = article(&items, i);
        assert_eq!(article.text, *text);
        assert_eq!(article.metadata.get("decoded_from"), Some(&json!("windows-1252")));
    }
}

#[test]
fn utf8_byte_order_mark_is_removed() {
    let scratch = Scratch::new();
    let text = scratch.write("bom.txt", "\u{feff}date 2021 Text.");
    let lines = scratch.write("bom.jsonl", "\u{feff}{\"text\": \"Line.\"}\n");
    let items = read_all(&[text, lines]);
    assert_eq!(article(&items, 0).text, "Text.");
    assert_eq!(article(&items, 1).text, "Line.");
}

#[test]
fn nothing_is_opened_before_the_iterator_is_advanced() {
    let scratch = Scratch::new();
    let path = scratch.write("late.txt", "Written before reading.");
    let mut inputs = read_inputs(std::slice::from_ref(&path), &ReadOptions::default());
    std::fs::write(&path, "Written after the call.").expect("the file can be rewritten");
    let article = inputs.next().expect("one item").expect("a good file");
    assert_eq!(article.text, "Written after the call.");
}

#[test]
fn utf16_text_with_a_byte_order_mark_is_decoded() {
    let scratch = Scratch::new();
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend("date 2021 Tué à Gao.".encode_utf16().flat_map(u16::to_le_bytes));
    let path = scratch.write("wide.txt", bytes);
    let items = read_all(&[path]);
    let article = article(&items, 0);
    assert_eq!(article.text, "Tué à Gao.");
    assert_eq!(article.metadata.get("decoded_from"), Some(&json!("utf-16le")));
}
