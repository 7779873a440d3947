//! One module per command. Each turns raw [`crate::args`] into resolved configuration
//! (files opened, packs loaded, store opened) and runs.

mod eval;
mod explain;
mod extract;
mod geocode;
mod ingest;
mod query;

use std::process::ExitCode;

use anyhow::Context;
use sitrep_extract::Extractor;
use sitrep_geo::Gazetteer;
use sitrep_input::ReadOptions;
use sitrep_lang::Registry;

use crate::args::{Command, InputArgs};

/// Runs a command; the exit code is 1 when some inputs could not be read.
pub(crate) fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Extract { input } => extract::run(&input),
        Command::Explain { input } => explain::run(&input),
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

fn extractor(input: &InputArgs) -> anyhow::Result<Extractor<'static>> {
    Ok(Extractor::new(registry(input)?, Gazetteer::embedded()))
}

fn read_options(input: &InputArgs) -> ReadOptions {
    ReadOptions { published: input.published, lang: input.lang.clone(), ..ReadOptions::default() }
}
