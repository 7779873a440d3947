//! Every example of every built-in pack, checked: adding a phrase to a pack means adding
//! an example here, with no Rust.

use sitrep_extract::Extractor;
use sitrep_lang::Registry;
use sitrep_lang::schema::{Example, ExpectedIncident};
use sitrep_model::{Article, Count, Incident};

fn article(example: &Example, lang: &str) -> Article {
    Article {
        id: "example".into(),
        source: "examples.toml".into(),
        url: None,
        title: None,
        published: example.published.as_deref().map(|p| p.parse().expect("example dates parse")),
        lang: Some(lang.to_string()),
        text: example.text.clone(),
        metadata: Default::default(),
    }
}

fn count_matches(count: Option<&Count>, want: [i64; 2]) -> bool {
    let Some(count) = count else { return false };
    let max = if want[1] < 0 { None } else { u32::try_from(want[1]).ok() };
    i64::from(count.min) == want[0] && count.max == max
}

fn check(incident: &Incident, want: &ExpectedIncident) -> Vec<String> {
    let mut problems = Vec::new();
    let mut expect = |ok: bool, field: &str, got: String| {
        if !ok {
            problems.push(format!("{field}: got {got}"));
        }
    };
    if let Some(t) = &want.event_type {
        expect(incident.event_type.name() == t, "type", incident.event_type.name().to_string());
    }
    if let Some(w) = &want.weapon {
        let got = incident.weapon.map(|w| serde_json::to_string(&w).unwrap_or_default());
        expect(got.as_deref() == Some(&format!("\"{w}\"")), "weapon", format!("{got:?}"));
    }
    if let Some([start, end]) = &want.date {
        let show = |d: Option<sitrep_model::Date>| d.map_or(String::new(), |d| d.to_string());
        let got = (show(incident.date.start), show(incident.date.end));
        expect(&got.0 == start && &got.1 == end, "date", format!("{got:?}"));
    }
    for (name, want, got) in [
        ("killed", want.killed, incident.killed.as_ref()),
        ("wounded", want.wounded, incident.wounded.as_ref()),
        ("quantity", want.quantity, incident.quantity.as_ref()),
    ] {
        if let Some(want) = want {
            expect(count_matches(got, want), name, format!("{got:?}"));
        }
    }
    let perpetrator = incident.perpetrator.as_ref();
    if let Some(name) = &want.perpetrator {
        let got = perpetrator.and_then(|p| p.name.clone());
        expect(got.as_deref() == Some(name.as_str()), "perpetrator", format!("{got:?}"));
    }
    if let Some(status) = &want.status {
        let got = perpetrator.map(|p| serde_json::to_string(&p.status).unwrap_or_default());
        expect(got.as_deref() == Some(&format!("\"{status}\"")), "status", format!("{got:?}"));
    }
    if let Some(claimed) = want.claimed {
        expect(incident.claimed == Some(claimed), "claimed", format!("{:?}", incident.claimed));
    }
    if let Some(background) = want.background {
        expect(incident.background == background, "background", incident.background.to_string());
    }
    if let Some(country) = &want.country {
        let got = incident.location.as_ref().and_then(|l| l.country.clone());
        expect(got.as_deref() == Some(country.as_str()), "country", format!("{got:?}"));
    }
    if let Some(place) = &want.place {
        let got = incident.location.as_ref().map(|l| l.name.clone());
        expect(got.as_deref() == Some(place.as_str()), "place", format!("{got:?}"));
    }
    problems
}

#[test]
fn every_pack_example_reads_as_its_pack_says() {
    let extractor = Extractor::builtin();
    let mut failures = Vec::new();
    let mut checked = 0;
    for pack in Registry::builtin().packs() {
        for example in &pack.examples {
            checked += 1;
            let out = extractor.extract(&article(example, &pack.code));
            if out.incidents.len() != example.incidents.len() {
                failures.push(format!(
                    "[{}] {}: {} incidents, want {}: {}",
                    pack.code,
                    example.family,
                    out.incidents.len(),
                    example.incidents.len(),
                    example.text
                ));
                continue;
            }
            for (got, want) in out.incidents.iter().zip(&example.incidents) {
                for problem in check(got, want) {
                    failures.push(format!(
                        "[{}] {}: {problem}: {}",
                        pack.code, example.family, example.text
                    ));
                }
            }
        }
    }
    assert!(checked >= 10, "the packs carry examples");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
