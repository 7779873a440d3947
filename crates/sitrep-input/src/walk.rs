//! Walking folders: the files to read, in path byte order, and the files skipped.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::InputError;

/// One entry found under a folder.
pub(crate) enum Found {
    /// A file to read.
    File(PathBuf),
    /// A sub-folder that could not be listed.
    Error(InputError),
}

impl Found {
    fn path(&self) -> &Path {
        match self {
            Found::File(path) => path,
            Found::Error(error) => error.path(),
        }
    }
}

/// What a walk found: the entries in path byte order, and how many files it skipped.
pub(crate) struct Walk {
    pub(crate) found: Vec<Found>,
    pub(crate) skipped: usize,
}

/// Whether a file found in a folder is read, by its extension.
pub(crate) fn is_readable_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["txt", "jsonl", "ndjson"].iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Lists the files under `root` recursively.
///
/// Hidden entries (names starting with `.`) are skipped, and a hidden folder is not
/// entered; files with other extensions are skipped; each skipped file or hidden
/// folder counts once. Symbolic links to files are followed, links to folders are not
/// (so a walk cannot loop) and count as skipped.
///
/// # Errors
/// When `root` itself cannot be listed.
pub(crate) fn walk(root: &Path) -> Result<Walk, InputError> {
    let mut walk = Walk { found: Vec::new(), skipped: 0 };
    let mut folders = vec![root.to_path_buf()];
    let mut first = true;
    while let Some(folder) = folders.pop() {
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) if first => return Err(InputError::io(&folder, None, error)),
            Err(error) => {
                walk.found.push(Found::Error(InputError::io(&folder, None, error)));
                continue;
            }
        };
        first = false;
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    walk.found.push(Found::Error(InputError::io(&folder, None, error)));
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_name().as_encoded_bytes().starts_with(b".") {
                walk.skipped += 1;
                continue;
            }
            let file_type = match entry.file_type() {
                Ok(file_type) => file_type,
                Err(error) => {
                    walk.found.push(Found::Error(InputError::io(&path, None, error)));
                    continue;
                }
            };
            let is_dir = file_type.is_dir();
            let is_link_to_dir = file_type.is_symlink() && path.is_dir();
            if is_dir {
                folders.push(path);
            } else if !is_link_to_dir && is_readable_extension(&path) {
                walk.found.push(Found::File(path));
            } else {
                walk.skipped += 1;
            }
        }
    }
    walk.found.sort_by(|a, b| {
        a.path().as_os_str().as_encoded_bytes().cmp(b.path().as_os_str().as_encoded_bytes())
    });
    Ok(walk)
}
