use sitrep_model::Span;

/// Splits `text` into sentence spans of the original text.
///
/// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes) followed by
/// whitespace, or at a line break. A period does not end a sentence after a single
/// capital letter ("J. Biden", "U.S.") or after a word in `abbreviations`
/// (lowercase, without the period: `"col"`, `"gen"`). Spans are trimmed of whitespace
/// and never empty.
#[must_use]
pub fn split_sentences(text: &str, abbreviations: &[&str]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, ch) = chars[i];
        let mut cut = None;
        if ch == '\n' {
            cut = Some(at);
        } else if matches!(ch, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            loop {
                while j < chars.len() && matches!(chars[j].1, '"' | '»' | '”' | '’' | '\'' | ')')
                {
                    j += 1;
                }
                // French spacing puts a space before the closing guillemet: « non. »
                let mut k = j;
                while k < chars.len() && matches!(chars[k].1, ' ' | '\u{a0}' | '\u{202f}') {
                    k += 1;
                }
                if k > j && k < chars.len() && chars[k].1 == '»' {
                    j = k;
                } else {
                    break;
                }
            }
            let followed_by_space = j >= chars.len() || chars[j].1.is_whitespace();
            let glued_capital = j < chars.len()
                && ch != '.'
                && (chars[j].1.is_uppercase() || matches!(chars[j].1, '«' | '"' | '“'));
            if (followed_by_space || glued_capital || glued_sentence(&chars, j))
                && !(ch == '.' && is_abbreviation(text, start, at, abbreviations))
            {
                let end = chars.get(j).map_or(text.len(), |c| c.0);
                cut = Some(end);
                i = j.saturating_sub(1);
            }
        }
        if let Some(end) = cut {
            push_trimmed(text, start, end, &mut spans);
            start = end;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut spans);
    spans
}

/// Wire copy sometimes glues sentences: "s'attaquent.Deux roquettes".
fn glued_sentence(chars: &[(usize, char)], j: usize) -> bool {
    let Some(&(_, next)) = chars.get(j) else { return false };
    let after = chars.get(j + 1).map(|c| c.1);
    next.is_uppercase()
        && after.is_some_and(char::is_lowercase)
        && j >= 2
        && chars[j - 2].1.is_lowercase()
}

fn is_abbreviation(
    text: &str,
    sentence_start: usize,
    period: usize,
    abbreviations: &[&str],
) -> bool {
    let before = &text[sentence_start..period];
    let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        return first.is_uppercase();
    }
    !word.is_empty() && abbreviations.iter().any(|a| a.eq_ignore_ascii_case(word))
}

fn push_trimmed(text: &str, start: usize, end: usize, spans: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        spans.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split<'t>(text: &'t str, abbreviations: &[&str]) -> Vec<&'t str> {
        split_sentences(text, abbreviations).into_iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn splits_on_stops_and_lines() {
        assert_eq!(split("Un. Deux !\nTrois", &[]), ["Un.", "Deux !", "Trois"]);
        assert_eq!(split("He said « non. » Then left.", &[]), ["He said « non. »", "Then left."]);
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            split("Col. Wayne Marotto said the U.S. base was hit. More later.", &["col"]),
            ["Col. Wayne Marotto said the U.S. base was hit.", "More later."]
        );
    }

    #[test]
    fn splits_glued_wire_sentences() {
        assert_eq!(
            split("lorsque les deux camps s'attaquent.Deux roquettes", &[]),
            ["lorsque les deux camps s'attaquent.", "Deux roquettes"]
        );
    }

    #[test]
    fn keeps_decimals_together() {
        assert_eq!(split("Il y a 2.500 soldats.", &[]), ["Il y a 2.500 soldats."]);
    }
}
