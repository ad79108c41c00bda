//! Universal-Dependencies-style tokenisation of one run of text.
//!
//! The text is cut at whitespace into chunks; each chunk is then cut into
//! surface tokens (punctuation off the edges, hyphenated compounds, `$5`,
//! `5%` …) and surface tokens into syntactic words (clitics: "don't" → "do" +
//! "n't", "Iran's" → "Iran" + "'s").

use crate::lexicon;

/// One syntactic word as byte offsets into the tokenised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawToken {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Continues the surface token of the previous word (clitic split).
    pub joined: bool,
}

/// Appends the words of `text[start..end]` to `out`, as byte offsets into
/// `text`.
pub fn tokenize_into(text: &str, start: usize, end: usize, out: &mut Vec<RawToken>) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        // Skip whitespace (ASCII fast path, Unicode spaces otherwise).
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b >= 0x80
            && let Some(c) = text[i..end].chars().next()
            && c.is_whitespace()
        {
            i += c.len_utf8();
            continue;
        }
        let chunk_start = i;
        // Fast path: a plain ASCII word ("Baghdad", "2019") needs no
        // punctuation handling, only the clitic check ("cannot").
        while i < end && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == end || bytes[i].is_ascii_whitespace() {
            clitics(text, chunk_start, i, out);
            continue;
        }
        while i < end {
            let b = bytes[i];
            if b.is_ascii_whitespace() {
                break;
            }
            if b >= 0x80 {
                match text[i..end].chars().next() {
                    Some(c) if c.is_whitespace() => break,
                    Some(c) => i += c.len_utf8(),
                    None => break,
                }
            } else {
                i += 1;
            }
        }
        chunk(text, chunk_start, i, out);
    }
}

/// Characters split off the front of a chunk, one token each.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '“' | '‘' | '«' | '‹' | '<' | '¿' | '¡' | '„' | '*' | '\''
    )
}

/// Characters split off the end of a chunk, one token each (runs of `.`,
/// `!`, `?` are handled separately).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '"' | '”' | '’' | '»' | '›' | '>' | ',' | ';' | ':' | '\'' | '*'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―' | '‒')
}

/// Tokenises one whitespace-free chunk `text[start..end]`.
fn chunk(text: &str, start: usize, end: usize, out: &mut Vec<RawToken>) {
    let word = &text[start..end];
    // Whole-chunk specials: emoticons, lone punctuation runs.
    if lexicon::is_emoticon(word) {
        push(out, start, end, false);
        return;
    }
    let mut front = start;
    let mut back = end;
    // Trailing tokens are collected in reverse.
    let mut tail: Vec<(usize, usize)> = Vec::new();
    loop {
        let led = strip_leading(text, &mut front, back, out);
        let trailed = strip_trailing(text, front, &mut back, &mut tail);
        if !(led || trailed) || front >= back {
            break;
        }
    }
    if front < back {
        middle(text, front, back, out);
    }
    for &(s, e) in tail.iter().rev() {
        push(out, s, e, false);
    }
}

/// Splits leading punctuation off `text[*front..back]`, pushing one token
/// each and advancing `front`; says whether anything was split.
fn strip_leading(text: &str, front: &mut usize, back: usize, out: &mut Vec<RawToken>) -> bool {
    let mut changed = false;
    while *front < back {
        let rest = &text[*front..back];
        let Some(c) = rest.chars().next() else { break };
        if is_opening(c) || is_dash(c) {
            // `'s`, `'re`… at the start of a chunk are words, not quotes;
            // so are `'90s` and `'em`.
            if c == '\'' || c == '’' {
                let after = &rest[c.len_utf8()..];
                if lexicon::is_clitic_tail(after)
                    || after.starts_with(|d: char| d.is_ascii_digit())
                    || after.eq_ignore_ascii_case("em")
                {
                    break;
                }
            }
            push(out, *front, *front + c.len_utf8(), false);
            *front += c.len_utf8();
            changed = true;
        } else if rest.starts_with("--") || rest.starts_with("...") || rest.starts_with("…") {
            let len = run_len(rest);
            push(out, *front, *front + len, false);
            *front += len;
            changed = true;
        } else if matches!(c, '$' | '£' | '€' | '¥') {
            // Currency before a number: `$5` → `$` `5`.
            let next = rest[c.len_utf8()..].chars().next();
            if next.is_some_and(|d| d.is_ascii_digit() || d == '.') {
                push(out, *front, *front + c.len_utf8(), false);
                *front += c.len_utf8();
                changed = true;
            }
            break;
        } else {
            break;
        }
    }
    changed
}

/// Splits trailing punctuation off `text[front..*back]`, recording each
/// token in `tail` (in reverse order) and moving `back` down; says whether
/// anything was split.
fn strip_trailing(
    text: &str,
    front: usize,
    back: &mut usize,
    tail: &mut Vec<(usize, usize)>,
) -> bool {
    let mut changed = false;
    while front < *back {
        let rest = &text[front..*back];
        let Some(c) = rest.chars().next_back() else {
            break;
        };
        let len = if c == '.' || c == '!' || c == '?' || c == '…' {
            // A run of sentence punctuation: `...`, `?!`, `!!!`.
            let run = trailing_run(rest);
            let body = &rest[..rest.len() - run];
            if run == 1 && c == '.' && keeps_final_period(body) {
                break;
            }
            if body.is_empty() {
                break;
            }
            run
        } else if c == '%' && rest.len() > 1 {
            1
        } else if is_closing(c) || is_dash(c) {
            if c == ')' && balanced_paren(rest) {
                break;
            }
            if (c == '\'' || c == '’') && keeps_final_apostrophe(&rest[..rest.len() - c.len_utf8()])
            {
                break;
            }
            if rest.len() == c.len_utf8() {
                break;
            }
            c.len_utf8()
        } else if rest.ends_with("--") && rest.len() > 2 {
            rest.len() - rest.trim_end_matches('-').len()
        } else {
            break;
        };
        tail.push((*back - len, *back));
        *back -= len;
        changed = true;
    }
    changed
}

/// Splits the punctuation-free core of a chunk: URLs stay whole; hyphenated
/// compounds, slashes, dashes and internal ellipses split; clitics become
/// joined words.
fn middle(text: &str, start: usize, end: usize, out: &mut Vec<RawToken>) {
    let word = &text[start..end];
    if lexicon::is_url_or_email(word) || word.len() <= 1 {
        push(out, start, end, false);
        return;
    }
    let bytes = word.as_bytes();
    // Internal splitters: `--`, `...`, dashes, hyphens between letters,
    // slashes between words, commas between letters.
    let mut piece_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let split_len = match b {
            b'-' if bytes.get(i + 1) == Some(&b'-') => run_of(bytes, i, b'-'),
            b'.' if bytes.get(i + 1) == Some(&b'.') && bytes.get(i + 2) == Some(&b'.') => {
                run_of(bytes, i, b'.')
            }
            b'-' if splits_hyphen(word, piece_start, i) => 1,
            b'/' if splits_slash(word, piece_start, i) => 1,
            b',' | b';' | b'(' | b')' | b'"' | b'!' | b'?'
                if i > 0
                    && i + 1 < bytes.len()
                    && bytes[i - 1].is_ascii_alphabetic()
                    && bytes[i + 1].is_ascii_alphabetic() =>
            {
                1
            }
            0xE2 => {
                // — – … “ ” inside a word.
                let c = word[i..].chars().next().unwrap_or(' ');
                if is_dash(c) || c == '…' || c == '“' || c == '”' {
                    c.len_utf8()
                } else {
                    0
                }
            }
            _ => 0,
        };
        if split_len > 0 {
            if piece_start < i {
                clitics(text, start + piece_start, start + i, out);
            }
            push(out, start + i, start + i + split_len, false);
            i += split_len;
            piece_start = i;
        } else {
            i += 1;
        }
    }
    if piece_start < bytes.len() {
        clitics(text, start + piece_start, end, out);
    }
}

fn run_of(bytes: &[u8], i: usize, b: u8) -> usize {
    bytes[i..].iter().take_while(|&&x| x == b).count()
}

/// Whether the hyphen at `word[i]` splits a compound ("search-engine")
/// rather than being part of the word ("e-mail", "co-workers", "F-16",
/// "713-853-3989").
fn splits_hyphen(word: &str, piece_start: usize, i: usize) -> bool {
    let bytes = word.as_bytes();
    let left = &word[piece_start..i];
    let Some(&next) = bytes.get(i + 1) else {
        return false;
    };
    let prev = if i > 0 { bytes[i - 1] } else { return false };
    let is_letter = |b: u8| b.is_ascii_alphabetic() || b >= 0x80;
    if !(is_letter(prev) && is_letter(next)) {
        return false;
    }
    !lexicon::is_hyphen_prefix(left)
}

/// Whether the slash at `word[i]` splits ("and/or", "he/she") rather than
/// being part of a token ("l/c", "1/2").
fn splits_slash(word: &str, piece_start: usize, i: usize) -> bool {
    let bytes = word.as_bytes();
    let left = &bytes[piece_start..i];
    let right_len = bytes[i + 1..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    !left.is_empty()
        && left.iter().all(|b| b.is_ascii_alphabetic())
        && right_len > 0
        && (left.len() > 1 || right_len > 1)
}

/// Splits clitics off one piece: "don't" → "do" "n't", "Iran's" → "Iran"
/// "'s", "cannot" → "can" "not". The pieces stay one surface token.
fn clitics(text: &str, start: usize, end: usize, out: &mut Vec<RawToken>) {
    let word = &text[start..end];
    if let Some(split) = lexicon::clitic_split(word)
        && split > 0
        && split < word.len()
    {
        push(out, start, start + split, false);
        push(out, start + split, end, true);
        return;
    }
    push(out, start, end, false);
}

fn push(out: &mut Vec<RawToken>, start: usize, end: usize, joined: bool) {
    if start < end {
        out.push(RawToken { start, end, joined });
    }
}

/// Length in bytes of a run of the first char of `rest` (`--`, `...`).
fn run_len(rest: &str) -> usize {
    let Some(first) = rest.chars().next() else {
        return 0;
    };
    if first == '…' {
        return first.len_utf8();
    }
    rest.chars()
        .take_while(|&c| c == first)
        .map(char::len_utf8)
        .sum()
}

/// Length in bytes of the trailing run of `.`, `!`, `?`, `…`.
fn trailing_run(rest: &str) -> usize {
    let last = rest.chars().next_back().unwrap_or(' ');
    let run: usize = rest
        .chars()
        .rev()
        .take_while(|&c| {
            if last == '.' || last == '…' {
                c == '.' || c == '…'
            } else {
                c == '!' || c == '?'
            }
        })
        .map(char::len_utf8)
        .sum();
    run.max(1)
}

/// Whether `body.` keeps its period: abbreviations ("Gen.", "U.S.", "a.m."),
/// initials ("J."), and numbers with letters ("No.").
fn keeps_final_period(body: &str) -> bool {
    if body.is_empty() {
        return false;
    }
    let bytes = body.as_bytes();
    // Initials and dotted acronyms: "J", "U.S", "a.m", "D.C", "i.e".
    if bytes.len() == 1 && bytes[0].is_ascii_alphabetic() {
        return true;
    }
    if bytes.contains(&b'.')
        && bytes.split(|&b| b == b'.').all(|part| {
            !part.is_empty() && part.len() <= 3 && part.iter().all(u8::is_ascii_alphabetic)
        })
    {
        return true;
    }
    lexicon::is_abbreviation(body)
}

/// Whether a trailing apostrophe belongs to the word: "lovin'", "ta'".
fn keeps_final_apostrophe(body: &str) -> bool {
    body.ends_with("in") && body.len() > 3 && !body.ends_with("ing")
}

/// Whether `rest` has as many `(` as `)`, so its final `)` is part of the
/// word: "friend(s)".
fn balanced_paren(rest: &str) -> bool {
    let open = rest.bytes().filter(|&b| b == b'(').count();
    let close = rest.bytes().filter(|&b| b == b')').count();
    open >= close && open > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize_into(text, 0, text.len(), &mut out);
        out.iter()
            .map(|t| {
                let form = &text[t.start..t.end];
                if t.joined {
                    format!("+{form}")
                } else {
                    form.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn news_tokenisation() {
        assert_eq!(
            words("BAGHDAD (AP) — Iraq's PM didn't resign, officials said."),
            [
                "BAGHDAD",
                "(",
                "AP",
                ")",
                "—",
                "Iraq",
                "+'s",
                "PM",
                "did",
                "+n't",
                "resign",
                ",",
                "officials",
                "said",
                "."
            ]
        );
        assert_eq!(
            words("Gen. Qassem Soleimani met U.S. officials at 3 p.m. on Oct. 7."),
            [
                "Gen.",
                "Qassem",
                "Soleimani",
                "met",
                "U.S.",
                "officials",
                "at",
                "3",
                "p.m.",
                "on",
                "Oct.",
                "7",
                "."
            ]
        );
        assert_eq!(
            words("“We know,” he said... It cost $5.5 billion (10%)."),
            [
                "“", "We", "know", ",", "”", "he", "said", "...", "It", "cost", "$", "5.5",
                "billion", "(", "10", "%", ")", "."
            ]
        );
        assert_eq!(
            words("a search-engine e-mail and/or co-workers at http://example.com/a-b."),
            [
                "a",
                "search",
                "-",
                "engine",
                "e-mail",
                "and",
                "/",
                "or",
                "co-workers",
                "at",
                "http://example.com/a-b",
                "."
            ]
        );
        assert_eq!(
            words("I cannot go; they’re gone"),
            ["I", "can", "+not", "go", ";", "they", "+’re", "gone"]
        );
    }

    #[test]
    fn odd_input_yields_ordered_nonempty_tokens() {
        for text in [
            "", "   ", "...", "'", "((((", "—", "a--b", "x'", "'s", "$", "%", "🙂🙂", "e\u{301}",
        ] {
            let mut out = Vec::new();
            tokenize_into(text, 0, text.len(), &mut out);
            let mut last = 0;
            for t in &out {
                assert!(
                    t.start >= last && t.start < t.end && t.end <= text.len(),
                    "{text:?}: {out:?}"
                );
                assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                last = t.end;
            }
        }
    }
}
