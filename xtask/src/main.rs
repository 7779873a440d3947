//! Project chores, run as `cargo xtask <command>`.

fn main() -> anyhow::Result<()> {
    anyhow::bail!("usage: cargo xtask <command>")
}
