//! Sentence boundaries over a paragraph's tokens.

use crate::lexicon;
use crate::tokenize::RawToken;

/// Abbreviations that never end a sentence: a title before a name.
const TITLES: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Rev.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Sgt.",
    "Gov.", "Sen.", "Rep.", "St.", "Adm.", "Cmdr.", "Brig.", "Amb.", "No.", "Fr.", "Hon.", "Pres.",
    "vs.", "Mt.", "Ft.", "Messrs.",
];

/// Splits the tokens of one paragraph into sentences: returns the index one
/// past the last token of each sentence, in order (the last is `tokens.len()`).
pub fn split(text: &str, tokens: &[RawToken], ends: &mut Vec<usize>) {
    let n = tokens.len();
    let form = |i: usize| &text[tokens[i].start..tokens[i].end];
    let mut i = 0;
    while i < n {
        let current = form(i);
        let kind = terminal_kind(current);
        if kind == Terminal::No || tokens.get(i + 1).is_some_and(|t| t.joined) {
            i += 1;
            continue;
        }
        // Take closing quotes and brackets that hug the terminal.
        let mut last = i;
        while last + 1 < n {
            let next = &tokens[last + 1];
            let next_form = form(last + 1);
            let hugs = next.start == tokens[last].end;
            if is_closer(next_form) && (hugs || matches!(next_form, ")" | "]" | "”" | "’")) {
                last += 1;
            } else {
                break;
            }
        }
        if last + 1 >= n {
            break;
        }
        let next_form = form(last + 1);
        let first = next_form.chars().next().unwrap_or(' ');
        let boundary = match kind {
            Terminal::Strong => !first.is_lowercase() || first == 'i' && next_form.len() == 1,
            Terminal::Period => {
                !first.is_lowercase() && !(first.is_ascii_digit() && tokens[last + 1].start == tokens[last].end)
            }
            Terminal::Abbreviation => lexicon::is_sentence_starter(next_form),
            Terminal::No => false,
        };
        if boundary && !tokens[last + 1].joined {
            ends.push(last + 1);
        }
        i = last + 1;
    }
    ends.push(n);
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Terminal {
    /// Not sentence-final.
    No,
    /// `.` or `...`.
    Period,
    /// `!`, `?` and runs of them.
    Strong,
    /// An abbreviation with its period ("U.S.", "etc.") that may end a
    /// sentence.
    Abbreviation,
}

fn terminal_kind(form: &str) -> Terminal {
    if form.is_empty() {
        return Terminal::No;
    }
    if form.chars().all(|c| c == '.' || c == '…') {
        return Terminal::Period;
    }
    if form.chars().all(|c| c == '!' || c == '?') {
        return Terminal::Strong;
    }
    if form.len() > 1 && form.ends_with('.') && !TITLES.contains(&form) {
        return Terminal::Abbreviation;
    }
    Terminal::No
}

fn is_closer(form: &str) -> bool {
    matches!(form, ")" | "]" | "}" | "\"" | "”" | "’" | "'" | "»" | "''")
}
