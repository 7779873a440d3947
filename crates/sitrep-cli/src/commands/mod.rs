//! One module per command. Each turns raw [`crate::args`] into resolved configuration
//! (files opened, packs loaded, store opened) and runs.

mod eval;
mod explain;
mod extract;
mod geocode;
mod ingest;
mod query;

use std::num::NonZeroUsize;
use std::process::ExitCode;

use anyhow::Context;
use sitrep_extract::Extractor;
use sitrep_geo::Gazetteer;
use sitrep_input::{InputError, ReadOptions};
use sitrep_lang::Registry;
use sitrep_model::{Article, ArticleExtraction};

use crate::args::{Command, InputArgs};

/// Runs a command; the exit code is 1 when some inputs could not be read.
pub(crate) fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Extract { input } => extract::run(&input),
        Command::Explain { input, color } => explain::run(&input, color),
        Command::Ingest { input, db } => ingest::run(&input, &db),
        Command::Incidents {
            db,
            since,
            until,
            country,
            event_type,
            text,
            background,
            limit,
            json,
        } => {
            let query = sitrep_store::IncidentQuery {
                since,
                until,
                country,
                event_type,
                text,
                include_background: background,
                limit,
            };
            query::list(&db, &query, json)
        }
        Command::Show { id, db, json } => query::show(&db, &id, json),
        Command::Eval { gold, json } => eval::run(&gold, json),
        Command::Geocode { text, json, country } => geocode::run(&text, json, country.as_deref()),
    }
}

/// The packs an input command reads with: built-in, plus `--packs`.
fn registry(input: &InputArgs) -> anyhow::Result<&'static Registry> {
    match &input.packs {
        None => Ok(Registry::builtin()),
        Some(dir) => {
            let registry = Registry::with_packs_from(dir)
                .with_context(|| format!("cannot load language packs from `{}`", dir.display()))?;
            Ok(Box::leak(Box::new(registry)))
        }
    }
}

/// The number of extracting threads: `--jobs`, or one per core.
fn jobs(input: &InputArgs) -> NonZeroUsize {
    input.jobs.unwrap_or_else(|| std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN))
}

/// Extracts one article with `registry`'s packs and the embedded gazetteer; a panic in the
/// extractor (a bug) becomes an error message.
///
/// The gazetteer is decoded on first use (most of a second): a run whose articles are all
/// stored already, or all unreadable, never pays for it, and the reader thread reads ahead
/// while the first worker decodes it.
fn extract_guarded(registry: &Registry, article: &Article) -> Result<ArticleExtraction, String> {
    let extract = || Extractor::new(registry, Gazetteer::embedded()).extract(article);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(extract))
        .map_err(|payload| crate::pool::panic_message(payload.as_ref()))
}

/// How much room an input takes while it is being extracted, for the pool's budget.
fn input_weight(item: &Result<Article, InputError>) -> usize {
    match item {
        Ok(article) => article.text.len().saturating_add(1024),
        Err(_) => 256,
    }
}

fn read_options(input: &InputArgs) -> ReadOptions {
    ReadOptions { published: input.published, lang: input.lang.clone(), ..ReadOptions::default() }
}
