use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use sitrep_input::{InputError, read_inputs};
use sitrep_model::{Article, ArticleExtraction};

use crate::args::InputArgs;
use crate::output::Summary;
use crate::pool::{self, Limits};

/// One line of output: the extraction, then the input's other fields (`metadata`) when
/// it has any, as the reader kept them (a JSON line's extra fields, `decoded_from`).
#[derive(Serialize)]
struct Record<'a> {
    #[serde(flatten)]
    extraction: &'a ArticleExtraction,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    metadata: &'a BTreeMap<String, serde_json::Value>,
}

/// What a worker made of one input.
enum Done {
    /// One JSON line, with what the summary counts.
    Line { line: Vec<u8>, source: String, incidents: usize, supported: bool },
    /// The input could not be read.
    Unread(InputError),
    /// Extraction panicked on the article from `source` (a bug).
    Failed { source: String, message: String },
}

pub(crate) fn run(input: &InputArgs) -> anyhow::Result<ExitCode> {
    let registry = super::registry(input)?;
    let jobs = super::jobs(input);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let mut inputs = read_inputs(&input.paths, &super::read_options(input));
    let work = |item: Result<Article, InputError>| -> Done {
        let article = match item {
            Ok(article) => article,
            Err(error) => return Done::Unread(error),
        };
        match super::extract_guarded(registry, &article) {
            // Serialising the record here keeps it off the writing thread.
            Ok(extraction) => match serde_json::to_vec(&Record {
                extraction: &extraction,
                metadata: &article.metadata,
            }) {
                Ok(mut line) => {
                    line.push(b'\n');
                    Done::Line {
                        line,
                        source: extraction.source,
                        incidents: extraction.incidents.len(),
                        supported: extraction.lang.is_some(),
                    }
                }
                Err(error) => Done::Failed {
                    source: extraction.source,
                    message: format!("cannot serialise the extraction: {error}"),
                },
            },
            Err(message) => Done::Failed { source: article.source, message },
        }
    };
    pool::for_each_ordered(
        jobs,
        Limits::for_jobs(jobs),
        inputs.by_ref(),
        super::input_weight,
        work,
        |done| {
            match done {
                Ok(Done::Line { line, source, incidents, supported }) => {
                    summary.count_parts(&source, incidents, supported);
                    out.write_all(&line).context("cannot write the output")?;
                }
                Ok(Done::Unread(error)) => summary.error(&error),
                Ok(Done::Failed { source, message }) => {
                    summary.extraction_failed(&source, &message)
                }
                Err(panicked) => {
                    anyhow::bail!("a worker thread failed: {} (this is a bug)", panicked.0)
                }
            }
            Ok(())
        },
    )?;
    out.flush().context("cannot write the output")?;
    summary.skipped_files = inputs.skipped_files();
    summary.print("extracted");
    Ok(summary.exit_code())
}
