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

use std::collections::BTreeMap;
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
    /// Errors by reason, for the closing summary.
    pub(crate) reasons: BTreeMap<&'static str, usize>,
    pub(crate) skipped_files: usize,
}

impl Summary {
    /// Counts one extracted article.
    pub(crate) fn count(&mut self, extraction: &ArticleExtraction) {
        self.count_parts(&extraction.source, extraction.incidents.len(), extraction.lang.is_some());
    }

    /// Counts one extracted article from `source` with `incidents` incidents, in a
    /// supported language or not.
    pub(crate) fn count_parts(&mut self, source: &str, incidents: usize, supported: bool) {
        self.read += 1;
        self.incidents += incidents;
        if !supported {
            self.unsupported.push(source.to_string());
        }
    }

    /// Counts one article read and skipped because its text is already stored.
    pub(crate) fn duplicate(&mut self) {
        self.read += 1;
        self.duplicates += 1;
    }

    /// Reports one input that could not be read; the batch goes on.
    pub(crate) fn error(&mut self, error: &InputError) {
        self.failed(error.kind().describe(), &error.to_string());
    }

    /// Reports one article that extraction failed on (a bug); the batch goes on.
    pub(crate) fn extraction_failed(&mut self, source: &str, message: &str) {
        self.read += 1;
        let message = format!("`{source}`: extraction failed: {message} (this is a bug in sitrep)");
        self.failed("extraction failed", &message);
    }

    fn failed(&mut self, reason: &'static str, message: &str) {
        self.errors += 1;
        *self.reasons.entry(reason).or_default() += 1;
        eprintln!("error: {message}");
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
        if !self.reasons.is_empty() {
            let reasons: Vec<String> =
                self.reasons.iter().map(|(reason, n)| format!("{n} {reason}")).collect();
            eprintln!("errors by reason: {}", reasons.join(", "));
        }
        for source in &self.unsupported {
            eprintln!("unsupported language: `{source}`");
        }
    }

    /// 1 when some input failed, else 0.
    pub(crate) fn exit_code(&self) -> ExitCode {
        if self.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
    }
}
