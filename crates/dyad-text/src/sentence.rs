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
        let kind = match terminal_kind(form(i)) {
            Terminal::No if is_dateline_dash(text, tokens, i) || is_header_end(text, tokens, i) => {
                Terminal::Soft
            }
            kind => kind,
        };
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
        let hugging = tokens[last + 1].start == tokens[last].end;
        let boundary = match kind {
            // A real stop ends the sentence even before a lower-case word
            // (informal text), but not before punctuation that continues it.
            Terminal::Strong | Terminal::Period => !(hugging || is_continuation(next_form)),
            // An ellipsis before a lower-case word is a pause, not a stop.
            Terminal::Ellipsis => !(hugging || is_continuation(next_form) || first.is_lowercase()),
            Terminal::Abbreviation => lexicon::is_sentence_starter(next_form),
            // An emoticon, rule line or dateline dash before a capital.
            Terminal::Soft => first.is_uppercase() && !hugging && !is_continuation(next_form),
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
    /// `.`.
    Period,
    /// `...`, `…`.
    Ellipsis,
    /// `!`, `?` and runs of them.
    Strong,
    /// An abbreviation with its period ("U.S.", "etc.") that may end a
    /// sentence.
    Abbreviation,
    /// An emoticon, a line of symbols or a dateline dash: ends a sentence
    /// only before a capitalised word.
    Soft,
}

fn terminal_kind(form: &str) -> Terminal {
    if form.is_empty() {
        return Terminal::No;
    }
    if form == "." {
        return Terminal::Period;
    }
    if form.chars().all(|c| c == '.' || c == '…') {
        return Terminal::Ellipsis;
    }
    if form.chars().all(|c| c == '!' || c == '?') {
        return Terminal::Strong;
    }
    if form.len() > 1 && form.ends_with('.') && !TITLES.contains(&form) {
        return Terminal::Abbreviation;
    }
    // Colons are not boundaries: measured on EWT train, splitting at a colon
    // before a capital loses more than it gains.
    if lexicon::is_emoticon(form) {
        return Terminal::Soft;
    }
    if form.len() >= 3
        && form
            .chars()
            .all(|c| matches!(c, '*' | '=' | '_' | '-' | '~' | '#'))
    {
        return Terminal::Soft;
    }
    Terminal::No
}

/// Punctuation that continues a sentence after a stop: `,`, `;`, closing
/// brackets, another stop.
fn is_continuation(form: &str) -> bool {
    form.chars()
        .next()
        .is_some_and(|c| matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '.' | '!' | '?' | '%'))
}

/// Whether token `i` ends a message header or sign-off: the `PM` of
/// `02/13/2001 08:02 PM`, the comma of `Thanks,` / `Best regards,`.
fn is_header_end(text: &str, tokens: &[RawToken], i: usize) -> bool {
    let form = |k: usize| &text[tokens[k].start..tokens[k].end];
    match form(i) {
        "AM" | "PM" | "am" | "pm" => {
            i > 0
                && form(i - 1).contains(':')
                && form(i - 1).starts_with(|c: char| c.is_ascii_digit())
        }
        "," => i > 0 && (i == 1 || i == 2) && lexicon::is_sign_off(form(i - 1)),
        _ => false,
    }
}

/// Whether token `i` is the dash of a dateline opening the paragraph:
/// `BAGHDAD (AP) —`, `TEHRAN (AFP) -`, `NEW YORK, Feb 26 -`.
fn is_dateline_dash(text: &str, tokens: &[RawToken], i: usize) -> bool {
    let form = |k: usize| &text[tokens[k].start..tokens[k].end];
    if !matches!(form(i), "-" | "—" | "–" | "--") || i == 0 || i > 8 {
        return false;
    }
    let first = form(0);
    first.len() > 1
        && first.chars().all(|c| c.is_uppercase() || c == '.')
        && (0..i).all(|k| {
            let f = form(k);
            f.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '(' | ')' | ',' | '.' | '\''))
        })
}

fn is_closer(form: &str) -> bool {
    matches!(form, ")" | "]" | "}" | "\"" | "”" | "’" | "'" | "»" | "''")
}
