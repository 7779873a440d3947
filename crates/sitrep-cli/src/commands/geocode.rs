use std::process::ExitCode;

use serde_json::json;
use sitrep_geo::{Candidate, Gazetteer, GeoContext};
use sitrep_text::Normalized;

pub(crate) fn run(text: &str, json: bool, country: Option<&str>) -> anyhow::Result<ExitCode> {
    let gazetteer = Gazetteer::embedded();
    let mut context = GeoContext::default();
    if let Some(country) = country {
        context.prefer_country(&country.to_uppercase(), 1.0);
    }
    let candidates = candidates(gazetteer, text, &context);
    if json {
        let list: Vec<_> = candidates
            .iter()
            .map(|c| {
                json!({
                    "name": c.place.name,
                    "lat": c.place.lat,
                    "lon": c.place.lon,
                    "country": c.place.country,
                    "admin1": c.place.admin1,
                    "precision": c.place.precision,
                    "kind": c.kind,
                    "population": c.population,
                    "score": (f64::from(c.score) * 1000.0).round() / 1000.0,
                    "matched": c.matched,
                })
            })
            .collect();
        outln!("{}", serde_json::to_string_pretty(&list)?);
    } else if candidates.is_empty() {
        outln!("no place known as `{text}`");
    } else {
        for (n, c) in candidates.iter().enumerate() {
            outln!(
                "{} {:<34} {:>9.4} {:>9.4}  {:<3} {:<24} {:<8} score {:.2}{}",
                if n == 0 { "*" } else { " " },
                c.place.name,
                c.place.lat.unwrap_or(f64::NAN),
                c.place.lon.unwrap_or(f64::NAN),
                c.place.country.as_deref().unwrap_or("?"),
                c.place.admin1.as_deref().unwrap_or("-"),
                format!("{:?}", c.place.precision).to_lowercase(),
                c.score,
                if n == 0 { "  <- chosen" } else { "" },
            );
        }
    }
    Ok(if candidates.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Sites named in the phrase first, then the phrase as a name, then the phrase with
/// its leading words dropped one by one ("au nord de Bagdad" finds Bagdad).
fn candidates(gazetteer: &Gazetteer, text: &str, context: &GeoContext) -> Vec<Candidate> {
    let folded = Normalized::new(text);
    let mut out: Vec<Candidate> =
        gazetteer.find_sites(folded.as_str()).into_iter().map(|m| m.candidate).collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    for skip in 0..words.len() {
        let found = gazetteer.lookup(&words[skip..].join(" "), context);
        if !found.is_empty() {
            out.extend(found);
            break;
        }
    }
    let mut seen = Vec::new();
    out.retain(|c| {
        let key = (c.place.name.clone(), c.place.country.clone());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    out
}
