use std::io::IsTerminal;
use std::process::ExitCode;

use sitrep_input::read_inputs;
use sitrep_model::{ArticleExtraction, Span};

use super::query::{count_text, date_text, field_name, perpetrator_text, place_text};
use crate::args::InputArgs;
use crate::output::Summary;

const COLOURS: [&str; 6] =
    ["\x1b[1;31m", "\x1b[1;32m", "\x1b[1;33m", "\x1b[1;34m", "\x1b[1;35m", "\x1b[1;36m"];
const RESET: &str = "\x1b[0m";

pub(crate) fn run(input: &InputArgs) -> anyhow::Result<ExitCode> {
    let extractor = super::extractor(input)?;
    let colour = std::io::stdout().is_terminal();
    let mut summary = Summary::default();
    for item in read_inputs(&input.paths, &super::read_options(input)) {
        match item {
            Ok(article) => {
                let extraction = extractor.extract(&article);
                summary.count(&extraction);
                out!("{}", render(&article.text, &extraction, colour));
            }
            Err(error) => summary.error(&error),
        }
    }
    summary.print("explained");
    Ok(summary.exit_code())
}

/// The article with evidence marked (`[n:…]` or colours), then each incident's fields.
fn render(text: &str, extraction: &ArticleExtraction, colour: bool) -> String {
    let mut marks: Vec<(Span, usize)> = Vec::new();
    for (n, incident) in extraction.incidents.iter().enumerate() {
        for e in &incident.evidence {
            if !marks.iter().any(|(s, _)| s.start < e.span.end && e.span.start < s.end) {
                marks.push((e.span, n));
            }
        }
    }
    marks.sort_by_key(|(s, _)| s.start);
    let mut out = format!(
        "== {} ({}, published {})\n\n",
        extraction.id,
        extraction.lang.as_deref().unwrap_or("unsupported language"),
        extraction.published.map_or("unknown".to_string(), |p| p.to_string())
    );
    let mut at = 0;
    for (span, n) in &marks {
        out.push_str(&text[at..span.start]);
        let piece = &text[span.range()];
        if colour {
            out.push_str(&format!("{}{piece}{RESET}", COLOURS[n % COLOURS.len()]));
        } else {
            out.push_str(&format!("[{}:{piece}]", n + 1));
        }
        at = span.end;
    }
    out.push_str(&text[at..]);
    out.push_str("\n\n");
    for (n, i) in extraction.incidents.iter().enumerate() {
        let head = format!("incident {} ({})", n + 1, i.id);
        let head =
            if colour { format!("{}{head}{RESET}", COLOURS[n % COLOURS.len()]) } else { head };
        out.push_str(&format!(
            "{head}: {}{}\n  date {} | place {} | perpetrator {} | killed {} | wounded {} | claimed {}\n",
            i.event_type.name(),
            if i.background { " (background)" } else { "" },
            date_text(i),
            place_text(i),
            perpetrator_text(i),
            count_text(i.killed.as_ref()),
            count_text(i.wounded.as_ref()),
            i.claimed.map_or("-".to_string(), |c| c.to_string()),
        ));
        for e in &i.evidence {
            out.push_str(&format!(
                "    {:<12} «{}»  because {}\n",
                field_name(e.field),
                e.excerpt,
                e.rule
            ));
        }
    }
    for d in &extraction.diagnostics {
        let at = d.span.map_or(String::new(), |s| format!(" at «{}»", &text[s.range()]));
        out.push_str(&format!("  note: {}{at}\n", d.message));
    }
    out.push('\n');
    out
}
