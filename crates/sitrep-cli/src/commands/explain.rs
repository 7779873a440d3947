use std::fmt::Write as _;
use std::io::IsTerminal;
use std::process::ExitCode;

use sitrep_input::read_inputs;
use sitrep_model::{ArticleExtraction, Incident, Span};

use super::query::{
    count_detail, date_text, field_name, perpetrator_text, place_detail, serde_name,
};
use crate::args::{ColorChoice, InputArgs};
use crate::output::Summary;

const COLOURS: [&str; 6] =
    ["\x1b[1;31m", "\x1b[1;32m", "\x1b[1;33m", "\x1b[1;34m", "\x1b[1;35m", "\x1b[1;36m"];
const RESET: &str = "\x1b[0m";

pub(crate) fn run(input: &InputArgs, color: ColorChoice) -> anyhow::Result<ExitCode> {
    let registry = super::registry(input)?;
    let colour = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let mut summary = Summary::default();
    for item in read_inputs(&input.paths, &super::read_options(input)) {
        match item {
            Ok(article) => match super::extract_guarded(registry, &article) {
                Ok(extraction) => {
                    summary.count(&extraction);
                    out!("{}", render(&article.text, &extraction, colour));
                }
                Err(message) => summary.extraction_failed(&article.source, &message),
            },
            Err(error) => summary.error(&error),
        }
    }
    summary.print("explained");
    Ok(summary.exit_code())
}

/// `text[span]`, or a note when the span does not fit the text (a bug in extraction,
/// shown rather than panicked on).
fn excerpt(text: &str, span: Span) -> &str {
    span.slice(text).unwrap_or("<span outside the text>")
}

/// Which incident each evidence span belongs to, for marking the text: the spans that do
/// not overlap an earlier one, in text order.
fn marks(text: &str, extraction: &ArticleExtraction) -> Vec<(Span, usize)> {
    let mut marks: Vec<(Span, usize)> = Vec::new();
    for (n, incident) in extraction.incidents.iter().enumerate() {
        for e in &incident.evidence {
            let fits = !e.span.is_empty() && e.span.slice(text).is_some();
            let overlaps = marks.iter().any(|(s, _)| s.start < e.span.end && e.span.start < s.end);
            if fits && !overlaps {
                marks.push((e.span, n));
            }
        }
    }
    marks.sort_by_key(|(s, n)| (s.start, *n));
    marks
}

/// The article with evidence marked (`[n:…]` or colours), then each incident's fields with
/// the evidence and rule behind them, then the diagnostics.
fn render(text: &str, extraction: &ArticleExtraction, colour: bool) -> String {
    let paint = |n: usize, piece: &str| {
        if colour {
            format!("{}{piece}{RESET}", COLOURS[n % COLOURS.len()])
        } else {
            format!("[{}:{piece}]", n + 1)
        }
    };
    let mut out = format!(
        "== {} ({}, published {})\n\n",
        extraction.id,
        extraction.lang.as_deref().unwrap_or("unsupported language"),
        extraction.published.map_or("unknown".to_string(), |p| p.to_string())
    );
    let mut at = 0;
    for (span, n) in marks(text, extraction) {
        out.push_str(excerpt(text, Span::new(at, span.start)));
        out.push_str(&paint(n, excerpt(text, span)));
        at = span.end;
    }
    out.push_str(excerpt(text, Span::new(at, text.len())));
    out.push_str("\n\n");
    for (n, incident) in extraction.incidents.iter().enumerate() {
        let head = format!("incident {} ({})", n + 1, incident.id);
        let head =
            if colour { format!("{}{head}{RESET}", COLOURS[n % COLOURS.len()]) } else { head };
        let _ = writeln!(
            out,
            "{head}: {}, {}",
            incident.event_type.name(),
            if incident.background { "background" } else { "news" }
        );
        for (name, value) in fields(incident) {
            let _ = writeln!(out, "  {name:<12} {value}");
        }
        if !incident.evidence.is_empty() {
            out.push_str("  evidence:\n");
        }
        for e in &incident.evidence {
            let _ = writeln!(
                out,
                "    {:<12} «{}»  because {}",
                field_name(e.field),
                excerpt(text, e.span),
                e.rule
            );
        }
    }
    for d in &extraction.diagnostics {
        let at = d.span.map_or(String::new(), |s| format!(" at «{}»", excerpt(text, s)));
        let _ = writeln!(out, "  note ({}): {}{at}", serde_name(&d.code), d.message);
    }
    out.push('\n');
    out
}

/// Every field of an incident but its type and evidence, written for people.
fn fields(i: &Incident) -> Vec<(&'static str, String)> {
    let dash = || "-".to_string();
    let related = i
        .related
        .iter()
        .map(|link| format!("{} {}", serde_name(&link.rel), link.key))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        ("date", date_text(i)),
        ("place", place_detail(i.location.as_ref())),
        ("perpetrator", perpetrator_text(i)),
        ("target", i.target.clone().unwrap_or_else(dash)),
        ("weapon", i.weapon.map_or_else(dash, |w| serde_name(&w))),
        ("quantity", count_detail(i.quantity.as_ref())),
        ("killed", count_detail(i.killed.as_ref())),
        ("wounded", count_detail(i.wounded.as_ref())),
        ("claimed", i.claimed.map_or_else(dash, |c| c.to_string())),
        ("related", if related.is_empty() { dash() } else { related }),
    ]
}

#[cfg(test)]
mod tests {
    use sitrep_model::{ContentHash, DateRange, EventType, Evidence, Field};

    use super::*;

    fn extraction(text: &str, spans: &[Span]) -> ArticleExtraction {
        let hash = ContentHash::of(text);
        let evidence = spans
            .iter()
            .map(|&span| Evidence {
                field: Field::Type,
                span,
                excerpt: span.slice(text).unwrap_or_default().to_string(),
                sentence: Span::new(0, text.len()),
                rule: "test".to_string(),
            })
            .collect();
        let incident = Incident {
            id: hash.incident_id(0),
            event_type: EventType::Attack,
            background: false,
            date: DateRange::unknown(),
            location: None,
            perpetrator: None,
            target: None,
            weapon: None,
            quantity: None,
            killed: None,
            wounded: None,
            claimed: None,
            related: vec![],
            evidence,
        };
        ArticleExtraction {
            id: "a".to_string(),
            source: "a.txt".to_string(),
            url: None,
            title: None,
            published: None,
            lang: Some("fr".to_string()),
            content_hash: hash,
            incidents: vec![incident],
            diagnostics: vec![],
        }
    }

    #[test]
    fn evidence_is_marked_in_the_text() {
        let text = "Une attaque à Gao a tué trois soldats.";
        let plain = render(text, &extraction(text, &[Span::new(4, 11), Span::new(15, 18)]), false);
        assert!(plain.contains("Une [1:attaque] à [1:Gao] a tué"), "{plain}");
        let coloured =
            render(text, &extraction(text, &[Span::new(4, 11), Span::new(15, 18)]), true);
        assert!(coloured.contains("Une \x1b[1;31mattaque\x1b[0m à"), "{coloured}");
        assert!(!coloured.contains("[1:"), "{coloured}");
    }

    #[test]
    fn spans_that_do_not_fit_the_text_are_shown_not_panicked_on() {
        let text = "Une attaque à Gao.";
        // Past the end, and inside the two bytes of `à`.
        let bad = [Span::new(4, 400), Span::new(13, 14)];
        let shown = render(text, &extraction(text, &bad), false);
        assert!(shown.contains("Une attaque à Gao."), "{shown}");
        assert!(shown.contains("«<span outside the text>»"), "{shown}");
    }
}
