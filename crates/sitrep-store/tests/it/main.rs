//! The integration tests of `sitrep-store`, against real SQLite files in temporary folders.

mod durability;
mod interrupt;
mod migrations;
mod model;
mod queries;
mod support;
mod throughput;
