//! Street and road names ("Main Street", "Kelley Lane", "S. Seventh St.",
//! "Highway 19", "Interstate 64"): toponyms that no gazetteer of
//! towns and divisions holds. They are recognised by their form (name
//! words before a street word, or a road word before a number) so that
//! detection counts them and so that a town inside one ("Dublin Road") is
//! not taken for the town; they are never resolved to a place.

use dyad_core::{Span, Token};

/// Last words of a street name (lower case, without a final period).
const STREET_WORDS: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "drive",
    "dr",
    "lane",
    "ln",
    "boulevard",
    "blvd",
    "parkway",
    "pkwy",
    "trail",
    "pike",
    "terrace",
    "circle",
];

/// Words before a number that make a road's name ("Highway 19").
const ROAD_WORDS: &[&str] = &["highway", "interstate", "route", "road", "hwy"];

/// Words that start a sentence or clause but are no part of a name.
const NOT_NAME: &[&str] = &[
    "the", "a", "an", "on", "in", "at", "and", "of", "to", "from", "near", "but", "off", "by",
];

/// Whether `word` can be a word of a street's name: a capitalised word, an
/// ordinal ("13th", "Seventh" is capitalised) or a compass initial ("S.").
fn is_name_part(word: &str) -> bool {
    let first = word.chars().next();
    if first.is_some_and(|c| c.is_ascii_digit()) {
        let lower = word.to_ascii_lowercase();
        return ["st", "nd", "rd", "th"].iter().any(|s| lower.ends_with(s))
            && lower
                .trim_end_matches(char::is_alphabetic)
                .chars()
                .all(|c| c.is_ascii_digit());
    }
    first.is_some_and(char::is_uppercase)
        && !NOT_NAME.contains(&word.to_lowercase().as_str())
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
}

/// The street and road names of one sentence (`tokens` of `text`), as
/// spans, in text order.
pub fn street_names(text: &str, tokens: &[Token]) -> Vec<Span> {
    let words: Vec<&str> = tokens.iter().map(|t| crate::form(t, text)).collect();
    let mut out: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let lower = words[i].trim_end_matches('.').to_lowercase();
        let found = if is_number(words.get(i + 1).copied()) && ROAD_WORDS.contains(&lower.as_str())
        {
            // "Highway 19", "Illinois Route 159" (not "S.C. 5": the state
            // is the toponym there).
            let start = name_start(&words, i, 1);
            Some((start, i + 2))
        } else if STREET_WORDS.contains(&lower.as_str())
            && words[i].starts_with(char::is_uppercase)
            && i > 0
            && is_name_part(words[i - 1])
            // "St. Louis", "Dr. Smith": a saint or a title, not a street.
            && !words
                .get(i + 1 + usize::from(words.get(i + 1) == Some(&".")))
                .is_some_and(|w| w.starts_with(char::is_uppercase) && *w != "." && lower.len() <= 3)
        {
            // The period of an abbreviation ("St ."), not a sentence's.
            let end = if words.get(i + 1) == Some(&".")
                && !words[i].ends_with('.')
                && lower.len() <= 4
                && words.get(i + 2).is_some()
            {
                i + 2
            } else {
                i + 1
            };
            Some((name_start(&words, i, 3), end))
        } else {
            None
        };
        match found {
            Some((start, end)) if start < end => {
                let span = tokens[start].span.cover(&tokens[end - 1].span);
                out.push(span);
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The first token of the name that ends with the street or road word at
/// `i`, taking at most `max` name words before it.
fn name_start(words: &[&str], i: usize, max: usize) -> usize {
    let mut start = i;
    while start > 0 && i - start < max {
        let prev = words[start - 1];
        if (prev == "." && start >= 2 && words[start - 2].len() == 1)
            || (prev == "-" && start >= 2 && is_name_part(words[start - 2]))
        {
            // "S ." split into two tokens; "Hyland-Croy".
            start -= 2;
            continue;
        }
        if !is_name_part(prev) {
            break;
        }
        start -= 1;
    }
    start
}

/// Whether `word` is a number (a road number).
fn is_number(word: Option<&str>) -> bool {
    word.is_some_and(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let doc = crate::lgl::segmented(text);
        doc.sentences
            .iter()
            .flat_map(|s| street_names(&doc.text, &s.tokens))
            .map(|span| doc.text[span.bytes()].to_string())
            .collect()
    }

    #[test]
    fn finds_streets_and_roads() {
        assert_eq!(
            names("A fire at 6016 Dublin Road and on Main St. in Paris."),
            ["Dublin Road", "Main St."]
        );
        assert_eq!(
            names("Lanes of Interstate 64 and Highway 19 reopened near S.C. 5."),
            ["Interstate 64", "Highway 19"]
        );
        assert_eq!(
            names("St. Louis police met Dr. Smith."),
            Vec::<String>::new()
        );
        assert_eq!(
            names("He lived on North Verity Parkway in the 600 block."),
            ["North Verity Parkway"]
        );
    }
}
