use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use sitrep_input::{InputError, read_inputs};
use sitrep_model::{Article, ArticleExtraction};
use sitrep_store::{IngestOutcome, SqliteStore, Store};

use crate::args::InputArgs;
use crate::output::Summary;
use crate::pool::{self, Limits};

/// Articles stored per transaction.
const BATCH: usize = 200;

/// One input, as the reader thread passes it on.
enum Job {
    /// An article whose text is not stored yet: to extract.
    Extract(Article),
    /// An article whose text is already stored: not extracted again.
    Stored,
    /// An input that could not be read.
    Unread(InputError),
    /// The store could not be asked whether the text is stored.
    Lookup(sitrep_store::Error),
}

/// What a worker made of one input.
enum Done {
    Extracted(Box<(Article, ArticleExtraction)>),
    Stored,
    Unread(InputError),
    Lookup(sitrep_store::Error),
    Failed { source: String, message: String },
}

pub(crate) fn run(input: &InputArgs, db: &Path) -> anyhow::Result<ExitCode> {
    let registry = super::registry(input)?;
    let jobs = super::jobs(input);
    let open = || SqliteStore::open(db).map_err(anyhow::Error::new);
    let mut store = open()?;
    // A second connection, for the reader thread: it skips texts already stored before
    // they reach extraction. Texts stored later in this run (or repeated within a batch)
    // are caught by the store itself when the batch is written.
    let lookup = open()?;
    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        let style =
            ProgressStyle::with_template("{spinner} {pos} articles read, {rate}, {elapsed}")
                .expect("the progress template is valid")
                .with_key("rate", |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                    let _ = write!(out, "{:.0} articles/s", state.per_sec());
                });
        bar.set_style(style);
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut summary = Summary::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut inputs = read_inputs(&input.paths, &super::read_options(input));
    let source = inputs.by_ref().map(move |item| match item {
        Err(error) => Job::Unread(error),
        Ok(article) => match lookup.contains_article(&article.content_hash()) {
            Ok(true) => Job::Stored,
            Ok(false) => Job::Extract(article),
            Err(error) => Job::Lookup(error),
        },
    });
    let weight = |job: &Job| match job {
        Job::Extract(article) => article.text.len().saturating_add(1024),
        _ => 256,
    };
    let work = |job: Job| match job {
        Job::Extract(article) => match super::extract_guarded(registry, &article) {
            Ok(extraction) => Done::Extracted(Box::new((article, extraction))),
            Err(message) => Done::Failed { source: article.source, message },
        },
        Job::Stored => Done::Stored,
        Job::Unread(error) => Done::Unread(error),
        Job::Lookup(error) => Done::Lookup(error),
    };
    pool::for_each_ordered(jobs, Limits::for_jobs(jobs), source, weight, work, |done| {
        match done {
            Ok(Done::Extracted(pair)) => {
                summary.count(&pair.1);
                batch.push(*pair);
                if batch.len() == BATCH {
                    store_batch(&mut store, &mut batch, &mut summary)?;
                }
            }
            Ok(Done::Stored) => summary.duplicate(),
            Ok(Done::Unread(error)) => progress.suspend(|| summary.error(&error)),
            Ok(Done::Failed { source, message }) => {
                progress.suspend(|| summary.extraction_failed(&source, &message));
            }
            Ok(Done::Lookup(error)) => {
                return Err(anyhow::Error::new(error))
                    .context(format!("cannot read the store `{}`", db.display()));
            }
            Err(panicked) => {
                anyhow::bail!("a worker thread failed: {} (this is a bug in sitrep)", panicked.0)
            }
        }
        progress.set_position(summary.read as u64);
        Ok(())
    })
    .with_context(|| stopped_message(&summary))?;
    store_batch(&mut store, &mut batch, &mut summary).with_context(|| stopped_message(&summary))?;
    progress.finish_and_clear();
    summary.skipped_files = inputs.skipped_files();
    summary.print("extracted");
    Ok(summary.exit_code())
}

/// What an ingest that stops on a store failure has kept.
fn stopped_message(summary: &Summary) -> String {
    format!(
        "ingest stopped after {} articles read; the {} stored before stay stored",
        summary.read, summary.stored
    )
}

fn store_batch(
    store: &mut SqliteStore,
    batch: &mut Vec<(Article, ArticleExtraction)>,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let outcomes =
        store.ingest(batch).context("cannot store a batch; nothing of that batch was stored")?;
    for outcome in outcomes {
        match outcome {
            IngestOutcome::Stored => summary.stored += 1,
            IngestOutcome::Duplicate => summary.duplicates += 1,
        }
    }
    batch.clear();
    Ok(())
}
