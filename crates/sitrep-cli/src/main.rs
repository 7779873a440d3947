//! The `sitrep` command-line tool: flags are parsed and checked in [`args`] (no I/O),
//! then each command in [`commands`] resolves what it needs (files, store, packs) and runs.

#[macro_use]
mod output;
mod args;
mod commands;
mod pool;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = args::Cli::parse();
    match commands::run(args.command) {
        Ok(code) => code,
        // A closed pipe (`sitrep incidents | head`) is the reader's choice, not a failure.
        Err(error) if output::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
