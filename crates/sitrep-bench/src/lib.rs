//! Benchmarks for sitrep (`cargo bench -p sitrep-bench`), and the corpus they run on:
//! the project's own sample articles, embedded at build time.
//!
//! ```
//! let corpus = sitrep_bench::corpus();
//! assert!(corpus.len() >= 12);
//! ```

use sitrep_input::{ReadOptions, parse_text_article};
use sitrep_model::Article;

/// The sample articles of `samples/articles`, as the reader would give them.
const SAMPLES: &[(&str, &str)] = &[
    ("01_fr", include_str!("../../../samples/articles/01_fr_ain_al_asad_roquettes.txt")),
    ("02_fr", include_str!("../../../samples/articles/02_fr_ansongo_engin_explosif.txt")),
    ("03_fr", include_str!("../../../samples/articles/03_fr_mossoul_voiture_piegee.txt")),
    ("04_fr", include_str!("../../../samples/articles/04_fr_djibo_civils_tues.txt")),
    ("05_fr", include_str!("../../../samples/articles/05_fr_liban_drone_represailles.txt")),
    ("06_fr", include_str!("../../../samples/articles/06_fr_kivu_sake_obus.txt")),
    ("07_fr", include_str!("../../../samples/articles/07_fr_sayyida_zeinab_kamikaze.txt")),
    ("08_fr", include_str!("../../../samples/articles/08_fr_rdc_pourparlers_doha.txt")),
    ("09_en", include_str!("../../../samples/articles/09_en_kharkiv_missiles_morozovsk.txt")),
    ("10_en", include_str!("../../../samples/articles/10_en_baidoa_grenade.txt")),
    ("11_en", include_str!("../../../samples/articles/11_en_mosul_car_bomb.txt")),
    ("12_en", include_str!("../../../samples/articles/12_en_kajuru_abduction_damboa.txt")),
    ("13_en", include_str!("../../../samples/articles/13_en_kabul_suicide_bombing.txt")),
    ("14_en", include_str!("../../../samples/articles/14_en_marib_missile_sanaa_strikes.txt")),
    ("15_en", include_str!("../../../samples/articles/15_en_idlib_drone_strike.txt")),
    ("16_en", include_str!("../../../samples/articles/16_en_iraq_coalition_drawdown.txt")),
];

/// The sample articles, parsed.
#[must_use]
pub fn corpus() -> Vec<Article> {
    SAMPLES
        .iter()
        .map(|(id, text)| parse_text_article(id, id, text, &ReadOptions::default()))
        .collect()
}
