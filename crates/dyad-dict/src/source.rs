//! Reading dictionary text: decoding, line numbers and comments.
//!
//! All PETRARCH dictionary formats share the comment rules: a line whose
//! first non-blank character is `#` is skipped, `#` elsewhere starts a
//! comment running to the end of the line, `<!-- … -->` comments may span
//! lines, a line starting `<!` is skipped, and blank lines are skipped.

use crate::diag::{Diagnostic, DiagnosticKind, Sink};
use std::borrow::Cow;

/// One line with content, comments removed.
pub(crate) struct Line<'a> {
    /// 1-based line number in the file.
    pub(crate) number: u32,
    /// The content before any `#` comment, trailing blanks removed; leading
    /// blanks kept (actor date restrictions are recognised by them).
    pub(crate) text: Cow<'a, str>,
    /// The text after `#`, trimmed, when there is any.
    pub(crate) comment: Option<&'a str>,
}

/// Decodes file bytes as UTF-8, replacing bad bytes and reporting each line
/// that had any.
/// Decodes a dictionary file's bytes (bad UTF-8 reported line by line) and
/// hands the text to `read`; returns the decoding diagnostics followed by
/// `read`'s.
pub(crate) fn read_decoded<T>(
    file: &str,
    bytes: &[u8],
    read: impl FnOnce(&str) -> (T, Vec<Diagnostic>),
) -> (T, Vec<Diagnostic>) {
    let (text, mut diags) = Sink::collect(file, |sink| decode(bytes, sink));
    let (value, more) = read(&text);
    diags.extend(more);
    (value, diags)
}

pub(crate) fn decode<'a>(bytes: &'a [u8], sink: &mut Sink<'_>) -> Cow<'a, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len());
            for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
                match std::str::from_utf8(line) {
                    Ok(l) => out.push_str(l),
                    Err(_) => {
                        sink.push(line_number(i), DiagnosticKind::InvalidUtf8);
                        out.push_str(&String::from_utf8_lossy(line));
                    }
                }
            }
            Cow::Owned(out)
        }
    }
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index.saturating_add(1)).unwrap_or(u32::MAX)
}

/// The lines of `text` that have content, with comments stripped.
pub(crate) fn lines<'a>(text: &'a str, sink: &mut Sink<'_>) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let mut open_comment: Option<u32> = None;
    for (i, raw) in text.lines().enumerate() {
        let number = line_number(i);
        let mut rest: &str = raw.strip_suffix('\r').unwrap_or(raw);
        if open_comment.is_some() {
            match rest.find("-->") {
                Some(end) => {
                    open_comment = None;
                    rest = rest.get(end + 3..).unwrap_or("");
                }
                None => continue,
            }
        }
        let trimmed = rest.trim_start();
        if trimmed.starts_with('#') || (trimmed.starts_with("<!") && !trimmed.starts_with("<!--")) {
            continue;
        }
        // Remove `<!-- … -->` comments; one left open runs onto later lines.
        let comment = split_comment(rest).1;
        let mut content: Cow<'a, str> = Cow::Borrowed(rest);
        while let Some(start) = content.find("<!--") {
            let before = content.get(..start).unwrap_or("");
            let after = content.get(start + 4..).unwrap_or("");
            let next = match after.find("-->") {
                Some(end) => format!("{before}{}", after.get(end + 3..).unwrap_or("")),
                None => {
                    open_comment = Some(number);
                    before.to_string()
                }
            };
            content = Cow::Owned(next);
            if open_comment == Some(number) {
                break;
            }
        }
        let content = match content {
            Cow::Borrowed(c) => Cow::Borrowed(split_comment(c).0.trim_end()),
            Cow::Owned(c) => Cow::Owned(split_comment(&c).0.trim_end().to_string()),
        };
        if content.trim().is_empty() {
            continue;
        }
        out.push(Line {
            number,
            text: content,
            comment,
        });
    }
    if let Some(start) = open_comment {
        sink.push(start, DiagnosticKind::UnterminatedComment);
    }
    out
}

/// Splits at the first `#` that is not inside a closed `[…]` (so the code
/// `[###]` survives).
fn split_comment(line: &str) -> (&str, Option<&str>) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'[' => {
                if let Some(close) = bytes
                    .get(i..)
                    .and_then(|r| r.iter().position(|&c| c == b']'))
                {
                    i += close;
                }
            }
            b'#' => {
                let content = line.get(..i).unwrap_or("");
                let comment = line.get(i + 1..).unwrap_or("").trim();
                return (content, (!comment.is_empty()).then_some(comment));
            }
            _ => {}
        }
        i += 1;
    }
    (line, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    type Read = Vec<(u32, String, Option<String>)>;

    fn run(text: &str) -> (Read, Vec<crate::Diagnostic>) {
        let mut diags = Vec::new();
        let mut sink = Sink {
            file: Arc::from("t.txt"),
            out: &mut diags,
        };
        let lines = lines(text, &mut sink)
            .into_iter()
            .map(|l| (l.number, l.text.into_owned(), l.comment.map(str::to_string)))
            .collect();
        (lines, diags)
    }

    #[test]
    fn comments_are_removed() {
        let text = "# head\n\nA [X] # note\n- * B [###] # c\n<!-- one -->\n<!-- two\nthree -->\nB <!-- c --> D\n<! -- odd\n\tC\n";
        let (lines, diags) = run(text);
        assert!(diags.is_empty());
        assert_eq!(
            lines,
            vec![
                (3, "A [X]".to_string(), Some("note".to_string())),
                (4, "- * B [###]".to_string(), Some("c".to_string())),
                (8, "B  D".to_string(), None),
                (10, "\tC".to_string(), None),
            ]
        );
    }

    #[test]
    fn unterminated_comment_is_reported() {
        let (lines, diags) = run("A\n<!-- open\nB\n");
        assert_eq!(lines.len(), 1);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 2);
        assert_eq!(diags[0].kind, DiagnosticKind::UnterminatedComment);
    }

    #[test]
    fn bad_utf8_is_reported_per_line() {
        let mut diags = Vec::new();
        let mut sink = Sink {
            file: Arc::from("t.txt"),
            out: &mut diags,
        };
        let text = decode(b"ok\nbad \xff\nok\n", &mut sink);
        assert_eq!(text, "ok\nbad \u{fffd}\nok\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 2);
    }
}
