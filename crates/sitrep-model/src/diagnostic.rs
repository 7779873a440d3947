use serde::{Deserialize, Serialize};

use crate::Span;

/// How much a diagnostic matters to a reader of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing is missing.
    Info,
    /// A value could not be resolved or was left out.
    Warning,
    /// The article could not be processed.
    Error,
}

/// What a diagnostic is about, stable for scripts to filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticCode {
    /// A relative date with no publication date to resolve it against.
    UnresolvedDate,
    /// A place name the gazetteer does not know.
    UnknownPlace,
    /// A place name with several plausible readings.
    AmbiguousPlace,
    /// The article's language has no language pack.
    UnsupportedLanguage,
    /// A photo caption or credit kept out of extraction.
    CaptionSkipped,
    /// A headline or subheading kept out of extraction: the body tells its events.
    HeadlineSkipped,
    /// An incident-like phrase judged not to be an incident (a tally, a threat, talks).
    NonEvent,
    /// A casualty total over several incidents, kept off single incidents.
    AggregateFigure,
    /// The article text is empty after cleaning.
    EmptyText,
}

/// Something extraction could not resolve, reported instead of guessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// What it is about.
    pub code: DiagnosticCode,
    /// How much it matters.
    pub severity: Severity,
    /// The characters concerned, when there are some.
    pub span: Option<Span>,
    /// A sentence for humans, naming the value concerned.
    pub message: String,
}

impl Diagnostic {
    /// A warning about `span`.
    #[must_use]
    pub fn warning(code: DiagnosticCode, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic { code, severity: Severity::Warning, span, message: message.into() }
    }

    /// An informational note about `span`.
    #[must_use]
    pub fn info(code: DiagnosticCode, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic { code, severity: Severity::Info, span, message: message.into() }
    }
}
