use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use sitrep_eval::{GoldFile, score};
use sitrep_extract::Extractor;

pub(crate) fn run(gold_path: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let gold = GoldFile::load(gold_path)
        .with_context(|| format!("cannot read the gold file `{}`", gold_path.display()))?;
    let extractor = Extractor::builtin();
    let system: Vec<_> =
        gold.articles.iter().map(|a| extractor.extract(&a.to_article(gold_path))).collect();
    let result = score(&gold, &system, &BTreeMap::new());
    if json {
        outln!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        out!("{result}");
    }
    Ok(ExitCode::SUCCESS)
}
