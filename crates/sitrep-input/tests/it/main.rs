//! Integration tests: real files in temporary folders, read through `read_inputs`.

mod bad_input;
mod formats;
mod large;
mod properties;

use std::fs;
use std::path::{Path, PathBuf};

use sitrep_input::{InputError, InputErrorKind, ReadOptions, read_inputs};
use sitrep_model::Article;

/// A temporary folder to write inputs into.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch { dir: tempfile::tempdir().expect("a temporary folder can be made") }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` at `name` (sub-folders are made) and returns the path.
    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("a sub-folder can be made");
        }
        fs::write(&path, bytes).expect("a temporary file can be written");
        path
    }
}

/// Reads every item, with the default options.
fn read_all(paths: &[PathBuf]) -> Vec<Result<Article, InputError>> {
    read_inputs(paths, &ReadOptions::default()).collect()
}

/// The article at `index`, or a failure that shows the error.
fn article(items: &[Result<Article, InputError>], index: usize) -> &Article {
    match &items[index] {
        Ok(article) => article,
        Err(error) => panic!("item {index} should be an article, got error: {error}"),
    }
}

/// The error at `index`, checked to be of `kind` and to name `path` (and `line`).
fn error_at<'a>(
    items: &'a [Result<Article, InputError>],
    index: usize,
    kind: InputErrorKind,
    path: &Path,
    line: Option<usize>,
) -> &'a InputError {
    let error = match &items[index] {
        Ok(article) => panic!("item {index} should be an error, got article `{}`", article.id),
        Err(error) => error,
    };
    assert_eq!(error.kind(), kind, "{error}");
    assert_eq!(error.path(), path, "{error}");
    assert_eq!(error.line(), line, "{error}");
    let message = error.to_string();
    let mut location = format!("`{}`", path.display());
    if let Some(line) = line {
        location = format!("{location}, line {line}");
    }
    assert!(message.starts_with(&format!("{location}: ")), "{message}");
    let reason = &message[location.len() + 2..];
    assert!(!reason.is_empty() && !reason.ends_with('.'), "{message}");
    assert_eq!(reason.chars().next().map(char::is_uppercase), Some(false), "{message}");
    error
}

/// Ids of the articles read, with `!` for each error.
fn ids(items: &[Result<Article, InputError>]) -> Vec<String> {
    items
        .iter()
        .map(|item| match item {
            Ok(article) => article.id.clone(),
            Err(_) => "!".to_string(),
        })
        .collect()
}
