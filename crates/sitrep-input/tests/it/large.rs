//! Large inputs: JSON Lines are streamed line by line.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use sitrep_input::{InputErrorKind, ReadOptions, read_inputs};

/// Writes about `total` bytes of JSON Lines with 1 KiB articles, with one line of
/// `long_line` bytes in the middle when it is not zero; returns the number of articles.
fn write_jsonl(path: &Path, total: usize, long_line: usize) -> usize {
    let file = File::create(path).expect("a temporary file can be made");
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let text = "Deux morts dans une attaque. ".repeat(36);
    let mut written = 0;
    let mut count = 0;
    while written < total {
        let line = format!(
            "{{\"id\": \"a{count}\", \"published\": \"2021-03-04\", \"text\": \"{text}\"}}\n"
        );
        out.write_all(line.as_bytes()).expect("the file can be written");
        written += line.len();
        count += 1;
        if long_line > 0 && count == 1000 {
            out.write_all(b"{\"text\": \"").expect("the file can be written");
            let chunk = vec![b'z'; 1 << 20];
            for _ in 0..long_line / chunk.len() {
                out.write_all(&chunk).expect("the file can be written");
            }
            out.write_all(b"\"}\n").expect("the file can be written");
            written += long_line;
        }
    }
    out.flush().expect("the file can be written");
    count
}

/// Reads the file and checks every article is there, in order, around the long line.
fn read_and_check(path: &Path, expected: usize, long_line: bool, options: &ReadOptions) {
    let mut articles = 0;
    let mut errors = 0;
    for item in read_inputs(&[path.to_path_buf()], options) {
        match item {
            Ok(article) => {
                assert_eq!(article.id, format!("a{articles}"));
                articles += 1;
            }
            Err(error) => {
                assert_eq!(error.kind(), InputErrorKind::TooLarge, "{error}");
                assert_eq!(error.line(), Some(1001), "{error}");
                errors += 1;
            }
        }
    }
    assert_eq!(articles, expected);
    assert_eq!(errors, usize::from(long_line));
}

#[test]
fn twenty_megabytes_of_json_lines_stream() {
    let dir = tempfile::tempdir().expect("a temporary folder can be made");
    let path = dir.path().join("big.jsonl");
    let count = write_jsonl(&path, 20_000_000, 4 << 20);
    // A line may hold 4 × 256 KiB + 64 KiB: the 4 MiB line is skipped.
    let options = ReadOptions { max_article_bytes: 256 * 1024, ..ReadOptions::default() };
    read_and_check(&path, count, true, &options);
}

/// The peak resident memory of this process so far, in bytes, where Linux says it.
fn peak_resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// The full-size case: about 2 s in a debug build here, 200 MB of temporary disk. Reading
/// it raises the process's peak memory by far less than the file's size.
#[test]
fn two_hundred_megabytes_of_json_lines_stream() {
    let dir = tempfile::tempdir().expect("a temporary folder can be made");
    let path = dir.path().join("huge.jsonl");
    // With the default 8 MiB limit a line may hold 32 MiB + 64 KiB: a 40 MiB line is
    // skipped in chunks.
    let count = write_jsonl(&path, 200_000_000, 40 << 20);
    let before = peak_resident_bytes();
    read_and_check(&path, count, true, &ReadOptions::default());
    match before.zip(peak_resident_bytes()) {
        // The skipped line is held up to its limit (32 MiB); other tests running beside
        // this one take a few MiB more.
        Some((before, after)) => {
            let grown = after.saturating_sub(before);
            assert!(grown < 100 << 20, "reading 200 MB raised peak memory by {grown} bytes");
            eprintln!("reading 200 MB raised peak memory by {grown} bytes");
        }
        None => eprintln!("skipped the memory check: no /proc/self/status here"),
    }
}
