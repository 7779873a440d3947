use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use sitrep_input::read_inputs;

use crate::args::InputArgs;
use crate::output::Summary;

pub(crate) fn run(input: &InputArgs) -> anyhow::Result<ExitCode> {
    let extractor = super::extractor(input)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let mut inputs = read_inputs(&input.paths, &super::read_options(input));
    for item in inputs.by_ref() {
        match item {
            Ok(article) => {
                let extraction = extractor.extract(&article);
                summary.count(&extraction);
                serde_json::to_writer(&mut out, &extraction).context("cannot write the output")?;
                out.write_all(b"\n").context("cannot write the output")?;
            }
            Err(error) => summary.error(&error),
        }
    }
    out.flush().context("cannot write the output")?;
    summary.skipped_files = inputs.skipped_files();
    summary.print("extracted");
    Ok(summary.exit_code())
}
