//! Raw command-line flags. Parsing checks their shape only and does no I/O.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use sitrep_model::{Date, EventType, PublishedDate};

/// Turns news reports of armed violence into a trustworthy incident database.
#[derive(Debug, Parser)]
#[command(name = "sitrep", version, about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options shared by every command that reads articles.
#[derive(Debug, clap::Args)]
pub(crate) struct InputArgs {
    /// Files or folders of articles (`.txt`, `.jsonl`); `-` reads standard input.
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    /// Publication date for articles that carry none (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[arg(long, value_parser = parse_published)]
    pub(crate) published: Option<PublishedDate>,
    /// Read every article as this language (ISO 639-1), instead of identifying it.
    #[arg(long)]
    pub(crate) lang: Option<String>,
    /// Extra language packs: a folder holding one folder per pack.
    #[arg(long)]
    pub(crate) packs: Option<PathBuf>,
    /// Threads that extract (`extract`, `ingest`); by default one per core. Output keeps
    /// the input order whatever the number.
    #[arg(long, short = 'j')]
    pub(crate) jobs: Option<NonZeroUsize>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Extract incidents and print one JSON object per article (JSON Lines).
    Extract {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Show an article with each incident's fields and the evidence they came from.
    Explain {
        #[command(flatten)]
        input: InputArgs,
        /// Colour the evidence: on a terminal (unless `NO_COLOR` is set), always or never.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Extract and store articles and incidents in the embedded database.
    Ingest {
        #[command(flatten)]
        input: InputArgs,
        /// The database file.
        #[arg(long, default_value = "sitrep.db")]
        db: PathBuf,
    },
    /// List stored incidents.
    Incidents {
        /// The database file.
        #[arg(long, default_value = "sitrep.db")]
        db: PathBuf,
        /// Only incidents on or after this day.
        #[arg(long)]
        since: Option<Date>,
        /// Only incidents on or before this day.
        #[arg(long)]
        until: Option<Date>,
        /// Only incidents in this country (ISO 3166-1 alpha-2).
        #[arg(long)]
        country: Option<String>,
        /// Only incidents of this ACLED sub-event type ("Air/drone strike").
        #[arg(long = "type", value_parser = parse_event_type)]
        event_type: Option<EventType>,
        /// Only incidents whose article or fields contain these words.
        #[arg(long)]
        text: Option<String>,
        /// Also list background incidents (past incidents that articles mention).
        #[arg(long)]
        background: bool,
        /// At most this many incidents.
        #[arg(long)]
        limit: Option<usize>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print one stored incident with its sources and evidence.
    Show {
        /// The incident id.
        id: String,
        /// The database file.
        #[arg(long, default_value = "sitrep.db")]
        db: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Score extraction against a gold file (format: spec/gold-format.md).
    Eval {
        /// The gold file (JSON Lines).
        gold: PathBuf,
        /// Print the score as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Look a place name up in the offline gazetteer.
    Geocode {
        /// A place name or phrase ("Bagdad", "la base aérienne d'al-Asad").
        text: String,
        /// Print a JSON list of candidates, best first.
        #[arg(long)]
        json: bool,
        /// Country to prefer (ISO 3166-1 alpha-2), as an article's context would.
        #[arg(long)]
        country: Option<String>,
    },
}

/// When `explain` colours its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    /// On a terminal, unless the `NO_COLOR` environment variable is set.
    Auto,
    /// Always, with ANSI escapes.
    Always,
    /// Never: evidence is marked `[n:…]`.
    Never,
}

fn parse_published(text: &str) -> Result<PublishedDate, String> {
    text.parse().map_err(|e: sitrep_model::ParseDateError| e.to_string())
}

fn parse_event_type(text: &str) -> Result<EventType, String> {
    EventType::from_name(text).ok_or_else(|| {
        let names: Vec<&str> = EventType::ALL.iter().map(|t| t.name()).collect();
        format!("unknown event type `{text}`; expected one of: {}", names.join(", "))
    })
}
