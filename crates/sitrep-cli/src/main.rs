//! The `sitrep` command-line tool: flags are parsed and checked in [`args`] (no I/O),
//! then each command in [`commands`] resolves what it needs (files, store, packs) and runs.

mod args;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = args::Cli::parse();
    match commands::run(args.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
