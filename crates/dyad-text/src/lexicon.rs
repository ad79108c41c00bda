//! Word lists the tokeniser and sentence splitter consult: abbreviations,
//! hyphen prefixes, clitics, emoticons, sentence starters.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Abbreviations that keep their final period (compared case-sensitively
/// first, then lower-cased). Dotted acronyms ("U.S.") and single initials
/// are recognised by shape and need no entry.
const ABBREVIATIONS: &[&str] = &[
    // titles and ranks
    "Mr", "Mrs", "Ms", "Mme", "Mlle", "Dr", "Prof", "Rev", "Fr", "Sr", "Jr", "St", "Hon", "Gen",
    "Lt", "Col", "Maj", "Capt", "Cpt", "Cmdr", "Adm", "Sgt", "Cpl", "Pvt", "Brig", "Gov", "Sen",
    "Rep", "Reps", "Sens", "Pres", "Amb", "Atty", "Supt", "Insp", "Det", "Msgr", "Sec", "Spec",
    "Messrs", // companies and places
    "Inc", "Corp", "Co", "Ltd", "Bros", "Assn", "Dept", "Univ", "Ave", "Blvd", "Rd", "Ft", "Mt",
    "Hwy", "Pl", "Sq", "Ste", "Apt", // months and days
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon",
    "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    // US states as written in news
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore",
    "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", // others
    "No", "Nos", "Vol", "vs", "etc", "approx", "est", "ext", "fig", "figs", "cf", "al", "ca",
    "dept", "govt", "incl", "max", "min", "misc", "mins", "yrs", "hrs", "lb", "lbs", "oz", "ft",
    "sq", "pp", "para", "Para", "viz", "esp", "Attn", "attn", "tel", "Tel", "Ph", "Mob", "Fax",
];

/// Left parts of hyphenated words that stay one token ("e-mail",
/// "co-workers", "non-violence"), lower case.
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "a", "o", "x", "co", "non", "pre", "post", "pro", "re", "anti", "ex", "multi", "semi",
    "mid", "neo", "sub", "over", "cross", "psycho", "socio", "inter", "intra", "counter", "micro",
    "macro", "mega", "ultra", "self", "vice", "trans", "pseudo", "quasi", "bi", "tri", "uni",
    "mis", "out", "under", "super", "extra", "infra", "meta", "hyper", "auto", "un", "de",
];

/// Clitic endings split off as their own words, after an apostrophe
/// (`t` stands for `n't`).
const APOSTROPHE_CLITICS: &[&str] = &["t", "s", "re", "ve", "ll", "d", "m"];

/// Words that contract without an apostrophe, with where they split.
const SPLIT_WORDS: &[(&str, usize)] = &[
    ("cannot", 3),
    ("gonna", 3),
    ("gotta", 3),
    ("wanna", 3),
    ("dont", 2),
    ("didnt", 3),
    ("doesnt", 4),
    ("wont", 2),
    ("cant", 2),
    ("isnt", 2),
    ("wasnt", 3),
    ("arent", 3),
    ("couldnt", 5),
    ("wouldnt", 5),
    ("shouldnt", 6),
    ("havent", 4),
    ("hasnt", 3),
];

/// Frequent sentence-initial words: after an abbreviation that could end a
/// sentence ("… in the U.S. The …"), one of these starts a new sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "In",
    "On",
    "At",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "My",
    "As",
    "So",
    "Yet",
    "However",
    "Meanwhile",
    "Also",
    "What",
    "Why",
    "How",
    "Where",
    "Who",
    "Some",
    "Many",
    "Most",
    "All",
    "No",
    "Not",
    "For",
    "Please",
    "Thanks",
    "Thank",
];

/// Whether `word` (without its final period) is a known abbreviation.
pub fn is_abbreviation(word: &str) -> bool {
    static SETS: OnceLock<(HashSet<&'static str>, HashSet<String>)> = OnceLock::new();
    let (exact, folded) = SETS.get_or_init(|| {
        let exact = ABBREVIATIONS.iter().copied().collect();
        // Lower-case entries match in any case ("Etc").
        let folded = ABBREVIATIONS
            .iter()
            .filter(|a| a.starts_with(|c: char| c.is_ascii_lowercase()))
            .map(|a| a.to_string())
            .collect();
        (exact, folded)
    });
    if word.len() > 7 {
        return false;
    }
    if exact.contains(word) {
        return true;
    }
    let mut buf = [0u8; 7];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|lower| folded.contains(lower))
}

/// Whether `word` is a hyphen prefix that keeps its hyphenated word whole.
pub fn is_hyphen_prefix(word: &str) -> bool {
    word.len() <= 7 && HYPHEN_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// Whether `word` closes a letter before the sender's name ("Thanks,").
pub fn is_sign_off(word: &str) -> bool {
    matches!(
        word,
        "Thanks" | "Regards" | "regards" | "Best" | "Cheers" | "Sincerely" | "Thx" | "Love" | "you"
    )
}

/// Whether `word` is a sentence-initial function word.
pub fn is_sentence_starter(word: &str) -> bool {
    SENTENCE_STARTERS.contains(&word)
}

/// Whether `rest` (what follows an apostrophe) is a clitic ending: "s",
/// "re", "ll" …
pub fn is_clitic_tail(rest: &str) -> bool {
    APOSTROPHE_CLITICS
        .iter()
        .any(|c| *c != "t" && c.eq_ignore_ascii_case(rest))
}

/// Where to split `word` into host and clitic, if anywhere.
pub fn clitic_split(word: &str) -> Option<usize> {
    let bytes = word.as_bytes();
    // Fast rejection: clitics end in t, s, e, l, d or m.
    if bytes.len() < 2
        || !matches!(
            bytes[bytes.len() - 1] | 0x20,
            b't' | b's' | b'e' | b'l' | b'd' | b'm'
        )
    {
        return None;
    }
    // Words with an apostrophe near the end split there; others only if
    // they are a known contraction without one.
    let near_end = &bytes[bytes.len().saturating_sub(6)..];
    if !near_end.iter().any(|&b| b == b'\'' || b == 0x99) {
        if !(4..=8).contains(&bytes.len()) || !matches!(bytes[bytes.len() - 1] | 0x20, b't' | b'a')
        {
            return None;
        }
        return SPLIT_WORDS
            .iter()
            .find(|(w, _)| w.eq_ignore_ascii_case(word))
            .map(|&(_, at)| at);
    }
    for tail in APOSTROPHE_CLITICS {
        let Some(tail_at) = word.len().checked_sub(tail.len()) else {
            continue;
        };
        if !word.is_char_boundary(tail_at) || !word[tail_at..].eq_ignore_ascii_case(tail) {
            continue;
        }
        let Some(apostrophe_len) = apostrophe_before(word, tail_at) else {
            continue;
        };
        let split = tail_at - apostrophe_len;
        if *tail == "t" {
            // n't: the n goes with the clitic.
            if split < 2 || !matches!(bytes[split - 1], b'n' | b'N') {
                continue;
            }
            return Some(split - 1);
        }
        return (split > 0).then_some(split);
    }
    None
}

/// Byte length of the apostrophe (`'` or `’`) ending at `end` in `word`.
fn apostrophe_before(word: &str, end: usize) -> Option<usize> {
    let head = word.get(..end)?;
    if head.ends_with('\'') {
        Some(1)
    } else if head.ends_with('’') {
        Some('’'.len_utf8())
    } else {
        None
    }
}

/// Whether `word` is a URL, a web address or an e-mail address.
pub fn is_url_or_email(word: &str) -> bool {
    let (mut dot, mut at_or_colon) = (false, false);
    for &b in word.as_bytes() {
        dot |= b == b'.';
        at_or_colon |= b == b'@' || b == b':';
    }
    if !dot && !at_or_colon {
        return false;
    }
    if word.contains("://") || word.starts_with("www.") || word.starts_with("WWW.") {
        return true;
    }
    if let Some(at) = word.find('@') {
        let domain = &word[at + 1..];
        return at > 0 && domain.contains('.') && !domain.ends_with('.');
    }
    // Bare domains: example.com, news.bbc.co.uk
    let ends_with = |tld: &str| {
        word.len() > tld.len() + 1
            && word.is_char_boundary(word.len() - tld.len())
            && word[word.len() - tld.len()..].eq_ignore_ascii_case(tld)
    };
    word.as_bytes()[word.len().saturating_sub(7)..].contains(&b'.')
        && [
            ".com", ".org", ".net", ".gov", ".edu", ".co.uk", ".html", ".htm",
        ]
        .iter()
        .any(|tld| ends_with(tld))
}

/// Whether `word` is a whole emoticon (":)", ":-(", ";-)", "<3", ":D").
pub fn is_emoticon(word: &str) -> bool {
    if !word.starts_with([':', ';', '<', '^', '=', 'X']) || word.len() > 4 {
        return false;
    }
    matches!(
        word,
        ":)" | ":-)"
            | ":("
            | ":-("
            | ";)"
            | ";-)"
            | ":D"
            | ":-D"
            | ":P"
            | ":-P"
            | ":p"
            | ":/"
            | ":-/"
            | "<3"
            | ":o"
            | ":O"
            | "^_^"
            | "^^"
            | ":-O"
            | "=)"
            | "XD"
            | ":'("
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitic_positions() {
        assert_eq!(clitic_split("don't"), Some(2));
        assert_eq!(clitic_split("Iran’s"), Some(4));
        assert_eq!(clitic_split("they're"), Some(4));
        assert_eq!(clitic_split("Cannot"), Some(3));
        assert_eq!(clitic_split("s"), None);
        assert_eq!(clitic_split("'s"), None);
    }

    #[test]
    fn abbreviations_and_prefixes() {
        assert!(is_abbreviation("Gen"));
        assert!(is_abbreviation("etc"));
        assert!(is_abbreviation("Etc"));
        assert!(!is_abbreviation("Iran"));
        assert!(is_hyphen_prefix("Non"));
        assert!(!is_hyphen_prefix("search"));
        assert!(is_url_or_email("bob@example.org"));
        assert!(!is_url_or_email("@home"));
    }
}
