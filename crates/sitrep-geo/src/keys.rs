//! Key variants: leading Arabic articles, French elisions and a few spelling equivalences.

/// Leading articles of transliterated Arabic names, after folding (`al-` becomes `al `).
/// A key that starts with one is also indexed without it.
pub(crate) const ARTICLE_PREFIXES: [&str; 13] =
    ["al ", "el ", "ad ", "ed ", "as ", "es ", "ar ", "er ", "ash ", "an ", "at ", "az ", "ez "];

/// The Arabic-script article.
const ARABIC_ARTICLE: &str = "ال";

/// French and English function words that may precede a name as found in text
/// (`d'Erbil`, `de la Goutte`, `du Nord`); lookup also tries the name without them.
const LEADING_WORDS: [&str; 11] =
    ["de la ", "de l ", "d ", "l ", "du ", "des ", "de ", "la ", "le ", "les ", "the "];

/// Word-initial spellings treated as one: French `Abou` is English `Abu`.
const EQUIVALENT_WORDS: [(&str, &str); 3] = [("abou ", "abu "), ("bou ", "bu "), ("oum ", "umm ")];

/// French transliterations of Arabic and African names and their English spellings:
/// `Daqouq` is `Daquq`, `En-Nahoud` is `En Nahud`, `Djenné` is `Jenne`, `Chebaa` is
/// `Shebaa`. Tried only when a name is found under no other form.
const FRENCH_SPELLINGS: [(&str, &str); 3] = [("ou", "u"), ("dj", "j"), ("ch", "sh")];

/// Other spellings of a key that no form found: each French spelling replaced, then all.
pub(crate) fn spelling_forms(key: &str) -> Vec<String> {
    let mut forms: Vec<String> = FRENCH_SPELLINGS
        .iter()
        .filter(|(french, _)| key.contains(french))
        .map(|(french, english)| key.replace(french, english))
        .collect();
    if forms.len() > 1 {
        let all = FRENCH_SPELLINGS.iter().fold(key.to_string(), |k, (f, e)| k.replace(f, e));
        forms.push(all);
    }
    forms
}

/// The key without its leading article, when it has one and something remains.
pub(crate) fn strip_article(key: &str) -> Option<&str> {
    for prefix in ARTICLE_PREFIXES {
        if let Some(rest) = key.strip_prefix(prefix)
            && rest.len() >= 3
        {
            return Some(rest);
        }
    }
    if let Some(rest) = key.strip_prefix(ARABIC_ARTICLE)
        && rest.chars().count() >= 3
    {
        return Some(rest);
    }
    None
}

/// How a query form was derived from the surface form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Derivation {
    /// The folded surface form itself.
    Exact,
    /// After dropping a leading function word (`d'`, `du`) or an equivalent spelling.
    Grammatical,
    /// After dropping a leading article (`al-`).
    Article,
}

/// The keys to look up for a folded surface form, each with how it was derived, exact first.
pub(crate) fn query_forms(key: &str) -> Vec<(String, Derivation)> {
    let mut forms: Vec<(String, Derivation)> = vec![(key.to_string(), Derivation::Exact)];
    for word in LEADING_WORDS {
        if let Some(rest) = key.strip_prefix(word)
            && rest.len() >= 3
        {
            forms.push((rest.to_string(), Derivation::Grammatical));
        }
    }
    let mut equivalents = Vec::new();
    for (form, _) in &forms {
        for (a, b) in EQUIVALENT_WORDS {
            if let Some(rest) = form.strip_prefix(a) {
                equivalents.push(format!("{b}{rest}"));
            } else if let Some(rest) = form.strip_prefix(b) {
                equivalents.push(format!("{a}{rest}"));
            }
        }
    }
    forms.extend(equivalents.into_iter().map(|f| (f, Derivation::Grammatical)));
    let stripped: Vec<String> =
        forms.iter().filter_map(|(f, _)| strip_article(f).map(str::to_string)).collect();
    forms.extend(stripped.into_iter().map(|f| (f, Derivation::Article)));
    let mut seen = std::collections::BTreeSet::new();
    forms.retain(|(f, _)| seen.insert(f.clone()));
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_articles() {
        assert_eq!(strip_article("al baghdadi"), Some("baghdadi"));
        assert_eq!(strip_article("ash shirqat"), Some("shirqat"));
        assert_eq!(strip_article("الموصل"), Some("موصل"));
        assert_eq!(strip_article("al qa"), None);
        assert_eq!(strip_article("alep"), None);
    }

    #[test]
    fn spells_french_transliterations_in_english() {
        assert_eq!(spelling_forms("daqouq"), ["daquq"]);
        assert_eq!(spelling_forms("djouba"), ["djuba", "jouba", "juba"]);
        assert!(spelling_forms("erbil").is_empty());
    }

    #[test]
    fn derives_query_forms() {
        let forms: Vec<String> = query_forms("d erbil").into_iter().map(|f| f.0).collect();
        assert_eq!(forms, ["d erbil", "erbil"]);
        let forms: Vec<String> = query_forms("abou kamal").into_iter().map(|f| f.0).collect();
        assert_eq!(forms, ["abou kamal", "abu kamal"]);
        let forms: Vec<String> = query_forms("d al asad").into_iter().map(|f| f.0).collect();
        assert_eq!(forms, ["d al asad", "al asad", "asad"]);
    }
}
