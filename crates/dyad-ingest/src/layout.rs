//! News-aware layout shared by the text and HTML readers: titles, photo
//! captions and credits, datelines, and site boilerplate.
//!
//! All checks look at a bounded prefix or suffix of a line, so a 10 MB
//! single-line document costs no more than a linear scan.

use dyad_core::{BlockKind, DocumentBuilder};

/// A block before cleaning: its kind and raw text.
pub(crate) type RawBlock = (BlockKind, String);

/// The longest line that can be a title.
const MAX_TITLE_CHARS: usize = 200;

/// Lower-cased first `n` bytes of `line` (cut at a char boundary).
fn lower_prefix(line: &str, n: usize) -> String {
    let mut end = n.min(line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end].to_lowercase()
}

/// The last `n` bytes of `line` (cut at a char boundary).
fn suffix(line: &str, n: usize) -> &str {
    let mut start = line.len().saturating_sub(n);
    while !line.is_char_boundary(start) {
        start += 1;
    }
    &line[start..]
}

/// Whether `lower` starts with `prefix` followed by a non-letter.
fn starts_with_word(lower: &str, prefix: &str) -> bool {
    lower.strip_prefix(prefix).is_some_and(|rest| {
        !prefix.ends_with(|c: char| c.is_alphabetic())
            || !rest.starts_with(|c: char| c.is_alphabetic())
    })
}

/// Whether a line could be a headline: one short line not ending in a
/// sentence period.
pub(crate) fn is_title_line(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.chars().take(MAX_TITLE_CHARS + 1).count() <= MAX_TITLE_CHARS
        && (!line.ends_with('.') || line.ends_with("..."))
}

/// Whether a paragraph starting with `first` and ending with `last` is a
/// photo caption.
pub(crate) fn is_caption(first: &str, last: &str) -> bool {
    let first = first.trim();
    let lower = lower_prefix(first, 120);
    if lower.starts_with("in this ")
        && (lower.contains(" photo") || lower.contains(" image") || lower.contains(" picture"))
    {
        return true;
    }
    if first.starts_with("FILE - ")
        || first.starts_with("FILE – ")
        || first.starts_with("FILE — ")
        || first.starts_with("FILE-")
        || first.starts_with("FILE PHOTO")
    {
        return true;
    }
    if ["photo:", "caption:", "pictured:", "image:"]
        .iter()
        .any(|p| lower.starts_with(p))
        && first.chars().take(61).count() > 60
    {
        return true;
    }
    let tail = suffix(last.trim(), 120);
    tail.ends_with(')')
        && [
            "(AP Photo",
            "(Photo",
            "(REUTERS/",
            "(Reuters/",
            "(AFP",
            "(Getty",
            "(EPA",
        ]
        .iter()
        .any(|p| tail.contains(p))
}

/// Whether a line is a photo credit, e.g. "Office of the Iranian Supreme
/// Leader via AP", "Reuters/Jane Doe", "Getty Images".
pub(crate) fn is_credit_line(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.len() > 160 || line.ends_with('.') && !line.ends_with(" Inc.") {
        return false;
    }
    let lower = line.to_lowercase();
    lower.ends_with(" via ap")
        || lower.ends_with(" via reuters")
        || lower.ends_with(" via getty images")
        || lower.contains("ap photo")
        || lower.contains("getty images")
        || lower.starts_with("reuters/")
        || lower.starts_with("photo:")
        || lower.starts_with("photograph:")
        || lower.starts_with("photo by ")
        || lower.starts_with("credit:")
        || lower.starts_with("image:")
        || lower.ends_with("/ap")
        || lower.ends_with("/reuters")
        || lower.ends_with("/afp")
        || lower.ends_with("/epa")
        || matches!(
            lower.as_str(),
            "ap" | "afp" | "reuters" | "epa" | "associated press" | "the associated press"
        )
}

/// Lines that are site widgets wherever they appear (only short lines).
const WIDGETS: &[&str] = &[
    "please let us know if you're having issues with commenting",
    "please let us know if you’re having issues with commenting",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share via email",
    "advertisement",
    "click here to",
    "follow us on",
    "sign up for",
    "subscribe to",
    "subscribe now",
    "read more:",
    "related:",
    "related articles",
    "recommended for you",
    "you may also like",
    "©",
];

/// More phrases that mark boilerplate at the end of a text.
const TRAILERS: &[&str] = &[
    "please let us know",
    "share",
    "subscribe",
    "sign up",
    "click here",
    "follow us",
    "read more",
    "related",
    "comments",
    "copyright",
    "(c) ",
    "all rights reserved",
    "most popular",
    "more from",
    "this material may not be published",
    "report an error",
    "tags:",
];

/// Whether `line` is a short site widget ("Share this article",
/// "Advertisement" …), dropped wherever it appears.
pub(crate) fn is_widget_line(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 100 {
        return false;
    }
    let lower = line.to_lowercase();
    WIDGETS.iter().any(|w| starts_with_word(&lower, w))
}

/// Whether `line` is boilerplate when it comes at the end of a text.
pub(crate) fn is_trailing_boilerplate(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return true;
    }
    if line.len() > 300 {
        return false;
    }
    let lower = line.to_lowercase();
    is_widget_line(line)
        || TRAILERS.iter().any(|w| starts_with_word(&lower, w))
        || lower.contains("all rights reserved")
}

/// Splits a leading dateline off a paragraph: `BAGHDAD (AP) — Text` →
/// `("BAGHDAD (AP) —", "Text")`; also `NEW YORK, Feb 26 - ` and
/// `WASHINGTON (Reuters) -`.
pub(crate) fn split_dateline(par: &str) -> Option<(&str, &str)> {
    let head_end = par
        .char_indices()
        .nth(100)
        .map_or(par.len(), |(byte, _)| byte);
    let head = &par[..head_end];
    let (dash_start, dash_end) = find_dash(head)?;
    let prefix = par[..dash_start].trim_end();
    if !is_dateline_prefix(prefix) {
        return None;
    }
    let rest = par[dash_end..].trim_start();
    if rest.is_empty() {
        return None;
    }
    Some((par[..dash_end].trim(), rest))
}

/// The first dash separator (`—`, `–`, `-`, `--`) preceded by a space or
/// `)` and followed by a space.
fn find_dash(head: &str) -> Option<(usize, usize)> {
    let bytes = head.as_bytes();
    for (i, c) in head.char_indices() {
        if !matches!(c, '—' | '–' | '-') {
            continue;
        }
        let before = head[..i].chars().next_back();
        if !matches!(before, Some(' ' | ')')) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '-' && bytes.get(end) == Some(&b'-') {
            end += 1;
        }
        match head[end..].chars().next() {
            Some(' ') | None => return Some((i, end)),
            _ => continue,
        }
    }
    None
}

fn is_dateline_prefix(prefix: &str) -> bool {
    if prefix.is_empty() || prefix.len() > 80 {
        return false;
    }
    let place_end = prefix.find([',', '(']).unwrap_or(prefix.len());
    let place = prefix[..place_end].trim();
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2
        || !place.starts_with(|c: char| c.is_uppercase())
        || place.chars().any(|c| c.is_lowercase())
        || !place
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
    {
        return false;
    }
    let rest = &prefix[place_end..];
    rest.len() <= 50
        && rest.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | ',' | '.' | '(' | ')' | '/' | '\'' | '-')
        })
        && rest
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        && (rest.matches('(').count() == rest.matches(')').count())
}

/// Lays out a plain-text article given as paragraphs of lines: an optional
/// title, captions and credits, body paragraphs, with trailing boilerplate
/// and widget lines removed.
pub(crate) fn lay_out_paragraphs(mut paragraphs: Vec<Vec<&str>>) -> Vec<RawBlock> {
    let mut blocks = Vec::new();
    // Trailing boilerplate paragraphs (and trailing boilerplate lines).
    while let Some(last) = paragraphs.last_mut() {
        while last.last().is_some_and(|l| is_trailing_boilerplate(l)) && last.len() > 1 {
            last.pop();
        }
        if last.iter().all(|l| is_trailing_boilerplate(l)) {
            paragraphs.pop();
        } else {
            break;
        }
    }
    // Widget lines anywhere.
    for paragraph in &mut paragraphs {
        paragraph.retain(|line| !is_widget_line(line));
    }
    paragraphs.retain(|p| !p.is_empty());

    let mut rest = &paragraphs[..];
    if let [first, more @ ..] = rest
        && !more.is_empty()
        && first.len() == 1
        && is_title_line(first[0])
        && !is_caption(first[0], first[0])
    {
        blocks.push((BlockKind::Title, first[0].trim().to_string()));
        rest = more;
    }
    let mut after_caption = false;
    for paragraph in rest {
        let (Some(first), Some(last)) = (paragraph.first(), paragraph.last()) else {
            continue;
        };
        let credit_lines = paragraph
            .iter()
            .rev()
            .take_while(|line| is_credit_line(line))
            .count();
        if credit_lines == paragraph.len() && after_caption {
            blocks.push((BlockKind::Credit, paragraph.join("\n")));
            after_caption = false;
            continue;
        }
        let caption_end = paragraph.len() - credit_lines;
        let caption_last = if credit_lines > 0 && caption_end > 0 {
            paragraph[caption_end - 1]
        } else {
            last
        };
        if caption_end > 0 && is_caption(first, caption_last) {
            blocks.push((BlockKind::Caption, paragraph[..caption_end].join("\n")));
            if credit_lines > 0 {
                blocks.push((BlockKind::Credit, paragraph[caption_end..].join("\n")));
            }
            after_caption = credit_lines == 0;
            continue;
        }
        after_caption = false;
        blocks.push((BlockKind::Body, paragraph.join("\n")));
    }
    blocks
}

/// Pushes `blocks` into `builder`: consecutive body paragraphs become one
/// body block (paragraphs separated by a blank line), and a dateline opening
/// the first body paragraph becomes its own block.
pub(crate) fn assemble(builder: &mut DocumentBuilder, blocks: Vec<RawBlock>) {
    let mut body = String::new();
    let mut seen_body = false;
    for (kind, text) in blocks {
        if kind == BlockKind::Body {
            let mut text = text.as_str();
            if !seen_body {
                seen_body = true;
                if let Some((dateline, rest)) = split_dateline(text.trim_start()) {
                    builder.push_block(BlockKind::Dateline, dateline);
                    text = rest;
                }
            }
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(text);
            continue;
        }
        if !body.is_empty() {
            builder.push_block(BlockKind::Body, &body);
            body.clear();
        }
        builder.push_block(kind, &text);
    }
    if !body.is_empty() {
        builder.push_block(BlockKind::Body, &body);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let cases = [
            (
                "BAGHDAD (AP) — Iraqi officials said",
                Some("BAGHDAD (AP) —"),
            ),
            ("NEW YORK, Feb 26 - Shares rose", Some("NEW YORK, Feb 26 -")),
            (
                "WASHINGTON (Reuters) - The U.S.",
                Some("WASHINGTON (Reuters) -"),
            ),
            (
                "BEIRUT, Lebanon (AP) -- Protesters",
                Some("BEIRUT, Lebanon (AP) --"),
            ),
            ("The U.S. - and Iran - talked", None),
            ("AL-HASAKAH - Kurdish forces", Some("AL-HASAKAH -")),
            ("Iran said on Monday - reports", None),
            ("NATO — ", None),
        ];
        for (text, expected) in cases {
            assert_eq!(split_dateline(text).map(|(d, _)| d), expected, "{text}");
        }
    }

    #[test]
    fn captions_credits_and_boilerplate() {
        assert!(is_caption("In this Sept. 18, 2016 photo released by …", ""));
        assert!(is_caption("FILE - Protesters gather", ""));
        assert!(is_caption(
            "Protesters gather. (AP Photo/Hadi Mizban)",
            "Protesters gather. (AP Photo/Hadi Mizban)"
        ));
        assert!(!is_caption(
            "Senior Iraqi officials revealed",
            "on Wednesday."
        ));
        assert!(is_credit_line(
            "Office of the Iranian Supreme Leader via AP"
        ));
        assert!(is_credit_line("Reuters/Thaier al-Sudani"));
        assert!(is_credit_line("Getty Images"));
        assert!(!is_credit_line("Soleimani reportedly told the gathering."));
        assert!(is_trailing_boilerplate(
            "Please let us know if you're having issues with commenting."
        ));
        assert!(is_trailing_boilerplate("© 2019 Breitbart"));
        assert!(is_widget_line("Share this article"));
        assert!(!is_widget_line("Subscribers said the service was down."));
        assert!(!is_trailing_boilerplate("Shares fell 3 percent on Monday."));
    }
}
