//! End-to-end tests of the `sitrep` binary: each test runs the built executable on files
//! in a temporary folder (or on the project's own `samples/`) and checks its standard
//! output, standard error and exit code.
//!
//! Every `sitrep` process that extracts or geocodes loads the gazetteer first (about a
//! second in a debug build), so the tests batch their inputs into few invocations.

mod bad_input;
mod eval_geocode;
mod extract;
mod ingest;
mod interrupted;
mod support;
