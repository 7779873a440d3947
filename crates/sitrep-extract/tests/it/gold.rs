//! Gold scores as tests: the project's own samples must stay above recorded floors, and
//! the shared gold files (beside the repository, when present) are scored and reported.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sitrep_eval::{GoldFile, Score, score};
use sitrep_extract::Extractor;

fn run(gold_path: &Path) -> Score {
    let gold = GoldFile::load(gold_path).expect("the gold file loads");
    let extractor = Extractor::builtin();
    let system: Vec<_> =
        gold.articles.iter().map(|a| extractor.extract(&a.to_article(gold_path))).collect();
    score(&gold, &system, &BTreeMap::new())
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Floors recorded from the current extractor; raise them as it improves, never lower
/// them to let a regression through.
#[test]
fn samples_stay_above_their_floors() {
    let result = run(&repo().join("samples/gold.jsonl"));
    let floors =
        [("f1", result.incidents.f1, 0.92), ("precision", result.incidents.precision, 0.90)];
    for (name, value, floor) in floors {
        assert!(value >= floor, "samples incident {name} {value:.3} fell below {floor}\n{result}");
    }
    for (field, floor) in [
        ("date", 0.95),
        ("location", 0.90),
        ("killed", 0.90),
        ("wounded", 0.90),
        ("claimed", 0.90),
        ("background", 0.95),
        ("weapon", 0.90),
    ] {
        let accuracy = result.field(field).and_then(|f| f.accuracy).unwrap_or(0.0);
        assert!(
            accuracy >= floor,
            "samples {field} accuracy {accuracy:.3} fell below {floor}\n{result}"
        );
    }
}

/// The probe sets, written by annotators who never saw the extractor: denser articles
/// than the samples, with looser floors.
#[test]
fn probes_stay_above_their_floors() {
    for (set, f1_floor, precision_floor) in [
        ("en", 0.82, 0.78),
        ("fr", 0.82, 0.82),
        ("en2", 0.70, 0.68),
        ("fr2", 0.75, 0.78),
        ("en3", 0.74, 0.72),
        ("fr3", 0.57, 0.55),
        ("en4", 0.78, 0.74),
        ("fr4", 0.66, 0.56),
    ] {
        let result = run(&repo().join(format!("samples/probes/{set}/gold.jsonl")));
        let (f1, precision) = (result.incidents.f1, result.incidents.precision);
        assert!(f1 >= f1_floor, "{set} probes incident F1 {f1:.3} fell below {f1_floor}\n{result}");
        assert!(
            precision >= precision_floor,
            "{set} probes precision {precision:.3} fell below {precision_floor}\n{result}"
        );
        let date = result.field("date").and_then(|f| f.accuracy).unwrap_or(0.0);
        assert!(date >= 0.9, "{set} probes date accuracy {date:.3} fell below 0.9\n{result}");
    }
}

#[test]
fn shared_gold_is_scored_when_present() {
    let shared = repo().join("../shared/gold");
    if !shared.is_dir() {
        eprintln!("skipped: no shared gold at {}", shared.display());
        return;
    }
    let seeds = run(&shared.join("seeds.jsonl"));
    assert!(seeds.incidents.f1 >= 0.9, "seeds incident F1 {:.3}\n{seeds}", seeds.incidents.f1);
    for field in ["date", "location", "killed", "wounded", "claimed", "background"] {
        let accuracy = seeds.field(field).and_then(|f| f.accuracy).unwrap_or(0.0);
        assert!(accuracy >= 0.9, "seeds {field} accuracy {accuracy:.3}\n{seeds}");
    }
    let dev = run(&shared.join("dev.jsonl"));
    assert!(dev.incidents.f1 >= 0.88, "dev incident F1 {:.3}\n{dev}", dev.incidents.f1);
    assert!(dev.incidents.precision >= 0.90, "dev precision {:.3}\n{dev}", dev.incidents.precision);
    for (field, floor) in [
        ("date", 0.9),
        ("background", 0.9),
        ("killed", 0.9),
        ("wounded", 0.85),
        ("claimed", 0.9),
        ("location", 0.88),
        ("perpetrator_status", 0.8),
    ] {
        let accuracy = dev.field(field).and_then(|f| f.accuracy).unwrap_or(0.0);
        assert!(accuracy >= floor, "dev {field} accuracy {accuracy:.3} fell below {floor}\n{dev}");
    }
}
