//! Word lists the tokeniser and sentence splitter consult: abbreviations,
//! hyphen prefixes, clitics, emoticons, sentence starters.

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

/// Clitic endings split off as their own words, lower case, with a straight
/// apostrophe.
const CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

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
    ABBREVIATIONS.contains(&word)
        || (word.len() <= 6 && {
            let lower = word.to_ascii_lowercase();
            ABBREVIATIONS.iter().any(|a| {
                a.len() == lower.len()
                    && a.eq_ignore_ascii_case(&lower)
                    && a.chars().next().is_some_and(char::is_lowercase)
            })
        })
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
    CLITICS
        .iter()
        .any(|c| c.len() > 1 && c.starts_with('\'') && c[1..].eq_ignore_ascii_case(rest))
}

/// Where to split `word` into host and clitic, if anywhere.
pub fn clitic_split(word: &str) -> Option<usize> {
    // Normalise the curly apostrophe for matching.
    let lower: String = word
        .chars()
        .map(|c| {
            if c == '’' {
                '\''
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    for clitic in CLITICS {
        if lower.len() > clitic.len() && lower.ends_with(clitic) {
            // Byte position in the original (the curly apostrophe is 3 bytes).
            let chars_from_end = clitic.chars().count();
            let split = word
                .char_indices()
                .rev()
                .nth(chars_from_end - 1)
                .map(|(i, _)| i)?;
            return Some(split);
        }
    }
    SPLIT_WORDS
        .iter()
        .find(|(w, _)| *w == lower)
        .map(|&(_, at)| at)
}

/// Whether `word` is a URL, a web address or an e-mail address.
pub fn is_url_or_email(word: &str) -> bool {
    if word.contains("://") || word.starts_with("www.") || word.starts_with("WWW.") {
        return true;
    }
    if let Some(at) = word.find('@') {
        let domain = &word[at + 1..];
        return at > 0 && domain.contains('.') && !domain.ends_with('.');
    }
    // Bare domains: example.com, news.bbc.co.uk
    let lower = word.to_ascii_lowercase();
    [
        ".com", ".org", ".net", ".gov", ".edu", ".co.uk", ".html", ".htm",
    ]
    .iter()
    .any(|tld| lower.ends_with(tld) && lower.len() > tld.len() + 1)
}

/// Whether `word` is a whole emoticon (":)", ":-(", ";-)", "<3", ":D").
pub fn is_emoticon(word: &str) -> bool {
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
