//! What commands print: results on standard output through [`outln!`], which fails
//! with an error instead of panicking when the reader closes the pipe, and on standard
//! error per-input errors and a closing summary.

/// Like `println!`, but returns an error from the enclosing function on a write failure.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?;
    }};
}

/// Like `print!`, but returns an error from the enclosing function on a write failure.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)?;
    }};
}

/// Whether an error comes from writing to a pipe its reader closed.
pub(crate) fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

use std::process::ExitCode;

use sitrep_input::InputError;
use sitrep_model::ArticleExtraction;

/// Counts for the closing summary of a batch.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    pub(crate) read: usize,
    pub(crate) incidents: usize,
    pub(crate) stored: usize,
    pub(crate) duplicates: usize,
    pub(crate) unsupported: Vec<String>,
    pub(crate) errors: usize,
    pub(crate) skipped_files: usize,
}

impl Summary {
    /// Counts one extracted article.
    pub(crate) fn count(&mut self, extraction: &ArticleExtraction) {
        self.read += 1;
        self.incidents += extraction.incidents.len();
        if extraction.lang.is_none() {
            self.unsupported.push(extraction.source.clone());
        }
    }

    /// Reports one input that could not be read; the batch goes on.
    pub(crate) fn error(&mut self, error: &InputError) {
        self.errors += 1;
        eprintln!("error: {error}");
    }

    /// Prints the summary on standard error.
    pub(crate) fn print(&self, verb: &str) {
        let mut line = format!("{} articles read, {} incidents {verb}", self.read, self.incidents);
        if self.stored + self.duplicates > 0 {
            line.push_str(&format!(
                ", {} articles stored, {} skipped as duplicates",
                self.stored, self.duplicates
            ));
        }
        line.push_str(&format!(
            ", {} in an unsupported language, {} errors",
            self.unsupported.len(),
            self.errors
        ));
        if self.skipped_files > 0 {
            line.push_str(&format!(", {} files skipped (not .txt or .jsonl)", self.skipped_files));
        }
        eprintln!("{line}");
        for source in &self.unsupported {
            eprintln!("unsupported language: `{source}`");
        }
    }

    /// 1 when some input failed, else 0.
    pub(crate) fn exit_code(&self) -> ExitCode {
        if self.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
    }
}
