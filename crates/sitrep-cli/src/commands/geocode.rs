use std::process::ExitCode;

use serde_json::json;
use sitrep_geo::{Gazetteer, GeoContext, PhraseReading};

/// At most this many readings are shown.
const SHOWN: usize = 10;

pub(crate) fn run(text: &str, json: bool, country: Option<&str>) -> anyhow::Result<ExitCode> {
    let gazetteer = Gazetteer::embedded();
    let mut context = GeoContext::default();
    if let Some(country) = country {
        context.prefer_country(&country.to_uppercase(), 1.0);
    }
    let mut readings = gazetteer.geocode_phrase(text, &context);
    readings.truncate(SHOWN);
    if json {
        let list: Vec<_> = readings.iter().map(reading_json).collect();
        outln!("{}", serde_json::to_string_pretty(&list)?);
    } else if readings.is_empty() {
        outln!("no place known as `{text}`");
    } else {
        for (n, r) in readings.iter().enumerate() {
            let place = &r.place;
            outln!(
                "{} {:<36} {:>9.4} {:>9.4}  {:<3} {:<24} {:<8} score {:>5.2}{}",
                if n == 0 { "*" } else { " " },
                place.name,
                place.lat.unwrap_or(f64::NAN),
                place.lon.unwrap_or(f64::NAN),
                place.country.as_deref().unwrap_or("?"),
                place.admin1.as_deref().unwrap_or("-"),
                precision_name(place.precision),
                r.score,
                if n == 0 { "  <- chosen" } else { "" },
            );
        }
    }
    Ok(if readings.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn precision_name(precision: sitrep_model::Precision) -> String {
    serde_json::to_value(precision)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// One reading as the `--json` list shows it: the place to record, its score, and how the
/// phrase reached it (relation, anchor, matched key).
fn reading_json(r: &PhraseReading) -> serde_json::Value {
    json!({
        "name": r.place.name,
        "lat": r.place.lat,
        "lon": r.place.lon,
        "country": r.place.country,
        "admin1": r.place.admin1,
        "precision": r.place.precision,
        "score": (f64::from(r.score) * 1000.0).round() / 1000.0,
        "kind": r.anchor.kind,
        "relation": r.relation.map(|rel| rel.to_string()),
        "distance_km": r.relation.and_then(|rel| rel.distance_km),
        "anchor": r.anchor.place.name,
        "anchor_precision": r.anchor.place.precision,
        "population": r.anchor.population,
        "matched": r.anchor.matched,
    })
}
