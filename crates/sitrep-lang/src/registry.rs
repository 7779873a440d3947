use std::path::Path;
use std::sync::OnceLock;

use std::collections::{BTreeSet, HashMap};

use serde::Deserialize;
use sitrep_text::{Normalized, fold_key};

use crate::pack::PackSources;
use crate::{Error, ErrorKind, Pack};

/// The language packs available to extraction.
#[derive(Debug, Clone)]
pub struct Registry {
    packs: Vec<Pack>,
    /// Name and stopwords of languages without a pack, to tell them from poorly
    /// covered ones.
    others: Vec<(String, BTreeSet<String>)>,
    /// For each stopword, the languages it belongs to: indices into `packs`, then into
    /// `others` after the packs. One lookup per word of the text, whatever the number
    /// of languages.
    stopword_languages: HashMap<String, Vec<u16>>,
}

const SHARED_ACTORS: &str = include_str!("../packs/actors.toml");
const OTHER_LANGUAGES: &str = include_str!("../packs/languages.toml");

/// Languages without a pack, by their function words (`packs/languages.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguagesFile {
    language: Vec<LanguageEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageEntry {
    code: String,
    name: String,
    stopwords: Vec<String>,
}

fn other_languages() -> Result<Vec<(String, BTreeSet<String>)>, Error> {
    let file: LanguagesFile = toml::from_str(OTHER_LANGUAGES)
        .map_err(|e| Error::new("shared", "languages.toml", ErrorKind::Parse(e)))?;
    Ok(file
        .language
        .into_iter()
        .filter(|l| !l.code.is_empty())
        .map(|l| (l.name, l.stopwords.iter().map(|w| fold_key(w)).collect()))
        .collect())
}

macro_rules! builtin_pack {
    ($code:literal) => {
        PackSources {
            pack: include_str!(concat!("../packs/", $code, "/pack.toml")),
            numbers: include_str!(concat!("../packs/", $code, "/numbers.toml")),
            dates: include_str!(concat!("../packs/", $code, "/dates.toml")),
            triggers: include_str!(concat!("../packs/", $code, "/triggers.toml")),
            casualties: include_str!(concat!("../packs/", $code, "/casualties.toml")),
            cues: include_str!(concat!("../packs/", $code, "/cues.toml")),
            places: include_str!(concat!("../packs/", $code, "/places.toml")),
            actors: include_str!(concat!("../packs/", $code, "/actors.toml")),
            examples: include_str!(concat!("../packs/", $code, "/examples.toml")),
        }
    };
}

/// How many leading bytes of an article language identification reads.
const IDENTIFY_PREFIX: usize = 1024;

impl Registry {
    /// The packs built into this binary (French and English), compiled once.
    ///
    /// # Panics
    /// If a built-in pack is invalid; the test suite loads them through
    /// [`Registry::try_builtin`], so a release cannot.
    #[must_use]
    pub fn builtin() -> &'static Registry {
        static BUILTIN: OnceLock<Registry> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Registry::try_builtin().expect("built-in packs are validated by the test suite")
        })
    }

    /// Compiles the built-in packs afresh.
    ///
    /// # Errors
    /// When a built-in pack file is invalid.
    pub fn try_builtin() -> Result<Registry, Error> {
        let packs = [builtin_pack!("fr"), builtin_pack!("en")]
            .iter()
            .map(|sources| Pack::compile(sources, SHARED_ACTORS))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Registry::assemble(packs, other_languages()?))
    }

    /// The built-in packs plus every pack folder under `dir` (each a folder holding the
    /// nine pack files); a pack in `dir` replaces a built-in pack of the same code.
    ///
    /// # Errors
    /// When a folder cannot be read or a pack file is invalid.
    pub fn with_packs_from(dir: &Path) -> Result<Registry, Error> {
        let builtin = Registry::builtin();
        let mut packs = builtin.packs.clone();
        let read_dir = std::fs::read_dir(dir)
            .map_err(|e| Error::new(&dir.display().to_string(), ".", ErrorKind::Io(e)))?;
        let mut folders: Vec<_> =
            read_dir.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect();
        folders.sort();
        for folder in folders {
            let name = folder.display().to_string();
            let read = |file: &str| {
                std::fs::read_to_string(folder.join(file))
                    .map_err(|e| Error::new(&name, file, ErrorKind::Io(e)))
            };
            let texts = [
                "pack.toml",
                "numbers.toml",
                "dates.toml",
                "triggers.toml",
                "casualties.toml",
                "cues.toml",
                "places.toml",
                "actors.toml",
                "examples.toml",
            ]
            .map(read);
            let [pack, numbers, dates, triggers, casualties, cues, places, actors, examples] =
                texts;
            let sources = PackSources {
                pack: &pack?,
                numbers: &numbers?,
                dates: &dates?,
                triggers: &triggers?,
                casualties: &casualties?,
                cues: &cues?,
                places: &places?,
                actors: &actors?,
                examples: &examples?,
            };
            let compiled = Pack::compile(&sources, SHARED_ACTORS)?;
            packs.retain(|p| p.code != compiled.code);
            packs.push(compiled);
        }
        let others = builtin
            .others
            .iter()
            .filter(|(name, _)| !packs.iter().any(|p| p.name == *name))
            .cloned()
            .collect();
        Ok(Registry::assemble(packs, others))
    }

    fn assemble(packs: Vec<Pack>, others: Vec<(String, BTreeSet<String>)>) -> Registry {
        let mut stopword_languages: HashMap<String, Vec<u16>> = HashMap::new();
        let sets = packs.iter().map(|p| &p.stopwords).chain(others.iter().map(|(_, s)| s));
        for (language, set) in sets.enumerate() {
            let language = u16::try_from(language).expect("fewer than 65536 languages");
            for word in set {
                stopword_languages.entry(word.clone()).or_default().push(language);
            }
        }
        Registry { packs, others, stopword_languages }
    }

    /// Every pack, in registration order.
    #[must_use]
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// The pack for an ISO 639-1 code.
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.code.eq_ignore_ascii_case(code.trim()))
    }

    /// The pack whose stopwords best cover the start of `text`, or `None` when no pack
    /// covers enough of it to be trusted (another language, or too little text).
    #[must_use]
    pub fn identify(&self, text: &str) -> Option<&Pack> {
        let mut end = text.len().min(IDENTIFY_PREFIX);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.identify_folded(Normalized::new(&text[..end]).as_str())
    }

    /// [`Registry::identify`] for text already folded by [`Normalized`] (its first
    /// kilobyte is read).
    #[must_use]
    pub fn identify_folded(&self, folded: &str) -> Option<&Pack> {
        self.read_language(folded).ok()
    }

    /// The English name of the language without a pack that `folded` (text folded by
    /// [`Normalized`]) is written in, when its function words say so ("Spanish").
    #[must_use]
    pub fn unsupported_language(&self, folded: &str) -> Option<&str> {
        self.read_language(folded).err().flatten()
    }

    /// The pack for `folded`, or the name of the unsupported language it reads as (`None`
    /// when nothing is recognised).
    fn read_language(&self, folded: &str) -> Result<&Pack, Option<&str>> {
        let mut end = folded.len().min(IDENTIFY_PREFIX);
        while !folded.is_char_boundary(end) {
            end -= 1;
        }
        let words: Vec<&str> = folded[..end]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        if words.is_empty() {
            return Err(None);
        }
        let mut hits = vec![0usize; self.packs.len() + self.others.len()];
        for word in &words {
            for &language in self.stopword_languages.get(*word).into_iter().flatten() {
                hits[usize::from(language)] += 1;
            }
        }
        let (pack_hits, others_hits) = hits.split_at(self.packs.len());
        let mut best: Option<(&Pack, usize)> = None;
        for (pack, &hits) in self.packs.iter().zip(pack_hits) {
            if best.is_none_or(|(_, h)| hits > h) {
                best = Some((pack, hits));
            }
        }
        let (pack, pack_hits) = best.ok_or(None)?;
        // A language without a pack that reads better is that language: Spanish is
        // not badly written French.
        let other = self
            .others
            .iter()
            .zip(others_hits)
            .map(|((name, _), &hits)| (name.as_str(), hits))
            .max_by_key(|(_, hits)| *hits);
        if let Some((name, other_hits)) = other
            && other_hits > pack_hits
        {
            return Err(Some(name));
        }
        // At least one word in eight, and three stopwords in a text of some length, two
        // in a short one, one in a headline of a few words: far above what an unrelated
        // language scores by accident.
        let needed = match words.len() {
            0..=8 => 1,
            9..=20 => 2,
            _ => 3,
        };
        if pack_hits >= needed && pack_hits * 8 >= words.len() { Ok(pack) } else { Err(None) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_packs_load() {
        if let Err(e) = Registry::try_builtin() {
            panic!("{e}");
        }
        let registry = Registry::builtin();
        assert!(registry.get("fr").is_some());
        assert!(registry.get("EN").is_some());
        assert!(registry.get("de").is_none());
    }

    #[test]
    fn identifies_french_english_and_refuses_others() {
        let r = Registry::builtin();
        let cases = [
            ("Une base militaire a été la cible d'une dizaine de roquettes mercredi.", Some("fr")),
            (
                "A drone packed with explosives hit the airport on Wednesday, officials said.",
                Some("en"),
            ),
            ("Zwei Raketen schlugen am Mittwoch in der Nähe des Flughafens ein.", None),
            ("سقطت صواريخ على القاعدة الجوية يوم الأربعاء", None),
            ("", None),
            ("12 345 678", None),
            // Headlines and one-liners.
            ("Rocket attack kills two in Baghdad", Some("en")),
            ("Attaque de drone à Erbil : trois morts", Some("fr")),
            ("Two rockets hit the Green Zone overnight, police said.", Some("en")),
            ("Des hommes armés ont enlevé vingt élèves à Kaduna.", Some("fr")),
            // Languages close to a pack's.
            (
                "Al menos doce personas murieron el lunes en un atentado con coche bomba \
                 cerca de un mercado en la ciudad de Mogadiscio.",
                None,
            ),
            ("Pelo menos dez pessoas morreram num ataque com drones em Cabo Delgado.", None),
            ("Almeno dieci persone sono morte in un attacco nella provincia di Gao.", None),
        ];
        for (text, want) in cases {
            assert_eq!(r.identify(text).map(|p| p.code.as_str()), want, "{text}");
        }
    }

    #[test]
    fn an_unsupported_language_is_named() {
        let r = Registry::builtin();
        let folded = Normalized::new("Al menos doce personas murieron el lunes en un atentado.");
        assert_eq!(r.unsupported_language(folded.as_str()), Some("Spanish"));
        let folded = Normalized::new("Deux roquettes se sont abattues hier sur la base.");
        assert_eq!(r.unsupported_language(folded.as_str()), None);
    }

    /// A copy of the English pack in a fresh folder, as pack `xx`, with `file` replaced.
    fn english_pack_with(test: &str, file: &str, content: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("sitrep-lang-{test}-{}", std::process::id()));
        let pack_dir = dir.join("xx");
        std::fs::create_dir_all(&pack_dir).unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/en");
        for entry in std::fs::read_dir(&src).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), pack_dir.join(entry.file_name())).unwrap();
        }
        std::fs::write(pack_dir.join(file), content).unwrap();
        dir
    }

    /// The error loading packs from `dir` gives, the folder removed.
    fn load_error(dir: &Path) -> String {
        let err = Registry::with_packs_from(dir).unwrap_err().to_string();
        std::fs::remove_dir_all(dir).unwrap();
        err
    }

    #[test]
    fn a_bad_pack_names_its_file_and_line() {
        let dir = english_pack_with(
            "bad",
            "numbers.toml",
            "cardinals = {}\nmultipliers = {}\nbogus = 1\n",
        );
        let err = load_error(&dir);
        assert!(err.contains("numbers.toml"), "{err}");
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains("bogus"), "{err}");
    }

    #[test]
    fn a_channel_must_speak_for_a_known_actor() {
        let actors = "[[actor]]\nname = \"Radio Nowhere\"\nkind = \"source\"\nspeaks_for = \"Nobody Front\"\naliases = [\"Radio Nowhere\"]\n";
        let err = load_error(&english_pack_with("voice", "actors.toml", actors));
        assert!(err.contains("actors.toml"), "{err}");
        assert!(err.contains("Radio Nowhere"), "{err}");
    }

    #[test]
    fn a_country_has_one_national_actor() {
        let actors = "[[actor]]\nname = \"Army of Narnia\"\nkind = \"forces\"\ncountry = \"CH\"\nnational = true\naliases = [\"Narnian army\"]\n\n[[actor]]\nname = \"Narnia\"\nkind = \"state\"\ncountry = \"CH\"\nnational = true\naliases = [\"Narnia\"]\n";
        let err = load_error(&english_pack_with("national", "actors.toml", actors));
        assert!(err.contains("Army of Narnia"), "{err}");
        assert!(err.contains("national actors of CH"), "{err}");
    }
}
