use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use sitrep_input::read_inputs;
use sitrep_store::{IngestOutcome, SqliteStore, Store};

use crate::args::InputArgs;
use crate::output::Summary;

/// Articles stored per transaction.
const BATCH: usize = 200;

pub(crate) fn run(input: &InputArgs, db: &Path) -> anyhow::Result<ExitCode> {
    let extractor = super::extractor(input)?;
    let mut store = SqliteStore::open(db)
        .with_context(|| format!("cannot open the store `{}`", db.display()))?;
    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} articles ({per_sec}) {msg}")
                .expect("the progress template is valid"),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut summary = Summary::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut inputs = read_inputs(&input.paths, &super::read_options(input));
    for item in inputs.by_ref() {
        match item {
            Ok(article) => {
                let extraction = extractor.extract(&article);
                summary.count(&extraction);
                batch.push((article, extraction));
                progress.inc(1);
                if batch.len() == BATCH {
                    store_batch(&mut store, &mut batch, &mut summary)?;
                }
            }
            Err(error) => progress.suspend(|| summary.error(&error)),
        }
    }
    store_batch(&mut store, &mut batch, &mut summary)?;
    progress.finish_and_clear();
    summary.skipped_files = inputs.skipped_files();
    summary.print("extracted");
    Ok(summary.exit_code())
}

fn store_batch(
    store: &mut SqliteStore,
    batch: &mut Vec<(sitrep_model::Article, sitrep_model::ArticleExtraction)>,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let outcomes =
        store.ingest(batch).context("cannot store the batch; nothing of it was stored")?;
    for outcome in outcomes {
        match outcome {
            IngestOutcome::Stored => summary.stored += 1,
            IngestOutcome::Duplicate => summary.duplicates += 1,
        }
    }
    batch.clear();
    Ok(())
}
