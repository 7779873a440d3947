//! The integration tests of `sitrep-store`, against real SQLite files in temporary folders.
//!
//! `queries`, `model` and the backend-neutral tests of `durability` are the conformance
//! suite of the `Store` trait: they run on every entry of `support::BACKENDS`. The other
//! tests (`migrations`, `interrupt`, the file-level checks of `durability`) are about the
//! SQLite backend itself.

mod durability;
mod interrupt;
mod migrations;
mod model;
mod queries;
mod support;
mod throughput;
