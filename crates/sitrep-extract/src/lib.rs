//! The extraction pipeline: one article in, coded incidents and diagnostics out.
//!
//! It sits between the language packs (`sitrep-lang`), the gazetteer (`sitrep-geo`) and
//! the model (`sitrep-model`); the CLI, the store and the server call it.
//!
//! ```
//! use sitrep_extract::Extractor;
//! use sitrep_model::Article;
//!
//! let extractor = Extractor::builtin();
//! let article = Article {
//!     id: "demo".into(),
//!     source: "demo.txt".into(),
//!     url: None,
//!     title: None,
//!     published: Some("2021-04-05".parse().unwrap()),
//!     lang: None,
//!     text: "Deux roquettes se sont abattues hier sur la base aérienne de Balad, sans faire de victimes.".into(),
//!     metadata: Default::default(),
//! };
//! let out = extractor.extract(&article);
//! assert_eq!(out.lang.as_deref(), Some("fr"));
//! assert_eq!(out.incidents.len(), 1);
//! assert_eq!(out.incidents[0].date.start.unwrap().to_string(), "2021-04-04");
//! ```
//!
//! Stages, in order (see `ARCHITECTURE.md`):
//! 1. [`document`]: fold the text once, split sentences, read each into pack words.
//! 2. [`places`]: the article's countries, then place mentions per clause.
//! 3. `pipeline`: per clause, triggers decide whether an event is told, whether it is new
//!    or elaborates one already told; slots fill from [`dates`], [`numbers`],
//!    [`casualties`] and [`actors`]; relations ("six jours après", "en représailles à")
//!    link and date incidents from each other; news is told from background.
//! 4. `assemble`: drafts become [`sitrep_model::Incident`]s with evidence for every field.
//!
//! *Invariant:* no I/O, no clock, no environment; the publication date is the only "now".
//! *Invariant:* extraction never fails and never panics on text: what it cannot resolve
//! becomes a [`sitrep_model::Diagnostic`].

mod actors;
mod assemble;
mod casualties;
mod coreference;
mod dates;
mod document;
mod numbers;
mod pipeline;
mod places;

use sitrep_geo::Gazetteer;
use sitrep_lang::{Pack, Registry};
use sitrep_model::{Article, ArticleExtraction, Diagnostic, DiagnosticCode};
use sitrep_text::Normalized;

/// Extracts incidents from articles with a set of language packs and a gazetteer.
#[derive(Debug, Clone, Copy)]
pub struct Extractor<'a> {
    registry: &'a Registry,
    gazetteer: &'a Gazetteer,
}

impl Extractor<'static> {
    /// The extractor with the built-in packs and the embedded gazetteer.
    #[must_use]
    pub fn builtin() -> Extractor<'static> {
        Extractor { registry: Registry::builtin(), gazetteer: Gazetteer::embedded() }
    }
}

impl<'a> Extractor<'a> {
    /// An extractor over the given packs and gazetteer.
    #[must_use]
    pub fn new(registry: &'a Registry, gazetteer: &'a Gazetteer) -> Extractor<'a> {
        Extractor { registry, gazetteer }
    }

    /// The pack that reads `article`: its declared language when a pack exists for it,
    /// else the language identified from its title and text.
    #[must_use]
    pub fn pack_for(&self, article: &Article) -> Option<&'a Pack> {
        self.pack_for_folded(article, Normalized::new(&article.text).as_str())
    }

    /// [`Extractor::pack_for`] with the article's text already folded.
    fn pack_for_folded(&self, article: &Article, folded: &str) -> Option<&'a Pack> {
        if let Some(lang) = &article.lang {
            return self.registry.get(lang);
        }
        match &article.title {
            Some(title) => {
                let title = Normalized::new(title);
                self.registry.identify_folded(&format!("{} {folded}", title.as_str()))
            }
            None => self.registry.identify_folded(folded),
        }
    }

    /// Extracts the incidents of one article. Never fails: what cannot be read becomes
    /// a diagnostic.
    #[must_use]
    pub fn extract(&self, article: &Article) -> ArticleExtraction {
        let hash = article.content_hash();
        let mut out = ArticleExtraction {
            id: article.id.clone(),
            source: article.source.clone(),
            url: article.url.clone(),
            title: article.title.clone(),
            published: article.published,
            lang: None,
            content_hash: hash.clone(),
            incidents: Vec::new(),
            diagnostics: Vec::new(),
        };
        if article.text.trim().is_empty() {
            out.diagnostics.push(Diagnostic::warning(
                DiagnosticCode::EmptyText,
                None,
                "the article has no text",
            ));
            return out;
        }
        // The text is folded once, for the language and for the rules.
        let folded = Normalized::new(&article.text);
        let Some(pack) = self.pack_for_folded(article, folded.as_str()) else {
            let message = match (&article.lang, self.registry.unsupported_language(folded.as_str()))
            {
                (Some(lang), _) => format!("no language pack for the declared language `{lang}`"),
                (None, Some(name)) => {
                    format!("the text reads as {name}, which has no language pack")
                }
                (None, None) => "the language is not one of the installed packs".to_string(),
            };
            out.diagnostics.push(Diagnostic::warning(
                DiagnosticCode::UnsupportedLanguage,
                None,
                message,
            ));
            return out;
        };
        out.lang = Some(pack.code.clone());
        let (incidents, diagnostics) =
            pipeline::run(&article.text, folded, article.published, pack, self.gazetteer, &hash);
        out.incidents = incidents;
        out.diagnostics = diagnostics;
        out
    }
}
