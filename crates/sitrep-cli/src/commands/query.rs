use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use sitrep_model::{Count, Field, Incident, Place};
use sitrep_store::{IncidentQuery, SqliteStore, Store};

fn open(db: &Path) -> anyhow::Result<SqliteStore> {
    if !db.exists() {
        bail!("no store at `{}`: run `sitrep ingest` first", db.display());
    }
    Ok(SqliteStore::open(db)?)
}

pub(crate) fn list(db: &Path, query: &IncidentQuery, json: bool) -> anyhow::Result<ExitCode> {
    let store = open(db)?;
    let found = store.incidents(query).context("cannot query the store")?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&found)?);
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "{:<20} {:<23} {:<34} {:<28} {:>9} {:>9}  perpetrator",
        "id",
        "date",
        "type",
        "place",
        "killed",
        "wounded"
    );
    for stored in &found {
        let i = &stored.incident;
        outln!(
            "{:<20} {:<23} {:<34} {:<28} {:>9} {:>9}  {}",
            i.id,
            date_text(i),
            truncate(i.event_type.name(), 34),
            truncate(&place_text(i), 28),
            count_text(i.killed.as_ref()),
            count_text(i.wounded.as_ref()),
            perpetrator_text(i),
        );
    }
    eprintln!("{} incidents", found.len());
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn show(db: &Path, id: &str, json: bool) -> anyhow::Result<ExitCode> {
    let store = open(db)?;
    let Some(detail) = store.incident(id).context("cannot query the store")? else {
        bail!("no incident `{id}` in `{}`", db.display());
    };
    if json {
        outln!("{}", serde_json::to_string_pretty(&detail)?);
        return Ok(ExitCode::SUCCESS);
    }
    let i = &detail.incident;
    outln!("{}  {}{}", i.id, i.event_type.name(), if i.background { "  (background)" } else { "" });
    outln!("  date        {}", date_text(i));
    outln!("  place       {}", place_detail(i.location.as_ref()));
    outln!("  perpetrator {}", perpetrator_text(i));
    outln!("  target      {}", i.target.as_deref().unwrap_or("-"));
    outln!("  weapon      {}", i.weapon.map_or("-".to_string(), |w| serde_name(&w)));
    outln!("  quantity    {}", count_detail(i.quantity.as_ref()));
    outln!("  killed      {}", count_detail(i.killed.as_ref()));
    outln!("  wounded     {}", count_detail(i.wounded.as_ref()));
    outln!("  claimed     {}", i.claimed.map_or("-".to_string(), |c| c.to_string()));
    for link in &i.related {
        outln!("  related     {} {}", serde_name(&link.rel), link.key);
    }
    for source in &detail.sources {
        outln!("source: {} ({})", source.id, source.source);
        if let Some(url) = &source.url {
            outln!("  {url}");
        }
    }
    outln!("evidence:");
    for e in &i.evidence {
        outln!("  {:<12} «{}»  [{}]", field_name(e.field), e.excerpt, e.rule);
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn field_name(field: Field) -> String {
    serde_name(&field)
}

/// The name a unit enum variant serialises to (`suicide_vest`, `retaliation_for`).
pub(crate) fn serde_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A place with its precision, region, country and coordinates.
pub(crate) fn place_detail(place: Option<&Place>) -> String {
    let Some(p) = place else { return "-".to_string() };
    let mut parts = vec![serde_name(&p.precision)];
    parts.extend(p.admin1.clone());
    parts.extend(p.country.clone());
    if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
        parts.push(format!("{lat:.4}, {lon:.4}"));
    }
    format!("{} ({})", p.name, parts.join(", "))
}

/// A count with the figure each source gave, when sources disagree.
pub(crate) fn count_detail(c: Option<&Count>) -> String {
    let shown = count_text(c);
    match c {
        Some(c) if !c.by_source.is_empty() => {
            let sources: Vec<String> =
                c.by_source.iter().map(|(source, n)| format!("{source}: {n}")).collect();
            format!("{shown} (by source: {})", sources.join(", "))
        }
        _ => shown,
    }
}

pub(crate) fn date_text(i: &Incident) -> String {
    match (i.date.start, i.date.end) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}..{b}"),
        (None, Some(b)) => format!("..{b}"),
        (Some(a), None) => format!("{a}.."),
        (None, None) => "unknown".to_string(),
    }
}

pub(crate) fn place_text(i: &Incident) -> String {
    i.location.as_ref().map_or("-".to_string(), |p| {
        format!("{} ({})", p.name, p.country.as_deref().unwrap_or("?"))
    })
}

pub(crate) fn count_text(c: Option<&Count>) -> String {
    match c {
        None => "-".to_string(),
        Some(c) => match c.max {
            Some(max) if max == c.min => c.min.to_string(),
            Some(max) => format!("{}..{max}", c.min),
            None => format!("{}+", c.min),
        },
    }
}

pub(crate) fn perpetrator_text(i: &Incident) -> String {
    match &i.perpetrator {
        Some(a) => {
            format!("{} ({})", a.name.as_deref().unwrap_or("unknown"), serde_name(&a.status))
        }
        None => "-".to_string(),
    }
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}
