//! Reuters-21578 SGML: one document per `<REUTERS … NEWID="n">` story.
//!
//! The id is `reuters-21578-{NEWID}`, the title comes from `<TITLE>`, the
//! date from `<DATE>` (`26-FEB-1987 15:01:01.79`), a `<DATELINE>` becomes a
//! dateline block and `<BODY>` the body. Bodies are hard-wrapped at about 70
//! columns: single line breaks are kept (they are not boundaries), a line
//! indented by spaces starts a paragraph (a blank line), and the trailing
//! "Reuter" signature and `&#3;` are dropped. Stories without a body (brief
//! and unprocessed ones) still make one document from what `<TEXT>` holds.
//!
//! Stories are read line by line and decoded one at a time, so the one
//! Latin-1 file of the collection decodes as Windows-1252 story by story.

use dyad_core::{BlockKind, Date, DocumentBuilder, Meta, Origin};

use crate::decode::{decode, decode_entities};
use crate::source::{Line, Source, read_line_capped, too_large_message};
use crate::walk::Items;
use crate::{Item, MAX_DOCUMENT_BYTES};

/// Reads the stories of `source`.
pub(crate) fn read(source: Source) -> Items {
    Box::new(SgmlReader {
        source,
        line: 0,
        buf: Vec::new(),
        count: 0,
        done: false,
    })
}

struct SgmlReader {
    source: Source,
    line: u64,
    buf: Vec<u8>,
    count: u64,
    done: bool,
}

impl Iterator for SgmlReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let mut story: Vec<u8> = Vec::new();
        let mut start_line = 0;
        let mut too_large = false;
        while !self.done {
            match read_line_capped(&mut self.source.reader, &mut self.buf, MAX_DOCUMENT_BYTES) {
                Err(err) => {
                    self.done = true;
                    return Some(Err(self.source.io_error(&err, Some(self.line + 1))));
                }
                Ok(Line::Eof) => {
                    self.done = true;
                    if start_line > 0 {
                        return Some(Err(self
                            .source
                            .error(Some(start_line), "unterminated <REUTERS> element")));
                    }
                }
                Ok(line) => {
                    self.line += 1;
                    if start_line == 0 {
                        if !contains(&self.buf, b"<REUTERS") {
                            continue;
                        }
                        start_line = self.line;
                    }
                    if line == Line::TooLong || story.len() + self.buf.len() > MAX_DOCUMENT_BYTES {
                        too_large = true;
                    }
                    if !too_large {
                        story.extend_from_slice(&self.buf);
                    }
                    if contains(&self.buf, b"</REUTERS>") {
                        self.count += 1;
                        if too_large {
                            let message = too_large_message(MAX_DOCUMENT_BYTES);
                            return Some(Err(self.source.error(Some(start_line), message)));
                        }
                        return Some(self.story(&story, start_line));
                    }
                }
            }
        }
        None
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

impl SgmlReader {
    fn story(&self, bytes: &[u8], line: u64) -> Item {
        let (raw, warning) = decode(bytes);
        let open_end = raw.find('>').unwrap_or(raw.len());
        let id = match attribute(&raw[..open_end], "NEWID") {
            Some(newid) => format!("reuters-21578-{newid}"),
            None => format!("{}-{}", self.source.stem, self.count),
        };
        let date_text = element(&raw, "DATE").map(|d| d.trim().to_string());
        let title = element(&raw, "TITLE").map(|t| one_line(&decode_entities(t)));
        let mut builder = DocumentBuilder::with_meta(Meta {
            id: id.clone(),
            title: title.clone().filter(|t| !t.is_empty()),
            date: date_text.as_deref().and_then(Date::parse),
            date_text,
            url: None,
            origin: Origin {
                path: self.source.path.clone(),
                line: Some(line),
            },
        });
        if let Some(warning) = warning {
            builder.warn(warning);
        }
        if let Some(title) = &title {
            builder.push_block(BlockKind::Title, title);
        }
        if let Some(dateline) = element(&raw, "DATELINE") {
            builder.push_block(BlockKind::Dateline, &one_line(&decode_entities(dateline)));
        }
        let body = match element(&raw, "BODY") {
            Some(body) => Some(body.to_string()),
            None => element(&raw, "TEXT").map(|text| {
                // Brief and unprocessed stories: the text without its
                // title, dateline and author elements.
                let mut text = text.to_string();
                for tag in ["TITLE", "DATELINE", "AUTHOR"] {
                    text = remove_element(&text, tag);
                }
                text
            }),
        };
        if let Some(body) = body {
            builder.push_block(BlockKind::Body, &reflow(&decode_entities(&body)));
        }
        if builder.is_empty() {
            // A story with no text at all is still a story of the
            // collection (NEWID 12793 is one): keep it, empty, with a warning.
            builder.warn("story has no text");
        }
        Ok(builder.finish())
    }
}

/// The value of `name="…"` in an opening tag.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let pattern = format!(" {name}=\"");
    let start = tag.find(&pattern)? + pattern.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// The content of the first `<TAG …>…</TAG>` element.
fn element<'t>(text: &'t str, tag: &str) -> Option<&'t str> {
    let (start, end, _) = element_range(text, tag)?;
    Some(&text[start..end])
}

/// Byte ranges of the first `<TAG …>…</TAG>`: content start, content end,
/// and the end of the closing tag.
fn element_range(text: &str, tag: &str) -> Option<(usize, usize, usize)> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut from = 0;
    loop {
        let at = text[from..].find(&open)? + from;
        let after = at + open.len();
        // `<TEXT` must not match `<TEXTS`: the name ends at `>` or a space.
        match text[after..].chars().next() {
            Some('>' | ' ') => {
                let content = text[after..].find('>')? + after + 1;
                let end = text[content..].find(&close)? + content;
                return Some((content, end, end + close.len()));
            }
            _ => from = after,
        }
    }
}

fn remove_element(text: &str, tag: &str) -> String {
    match element_range(text, tag) {
        Some((content, _, end)) => {
            let open_start = text[..content].rfind('<').unwrap_or(content);
            format!("{}{}", &text[..open_start], &text[end..])
        }
        None => text.to_string(),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reflows a hard-wrapped body: lines indented by spaces start paragraphs;
/// the "Reuter" signature at the end is dropped.
fn reflow(body: &str) -> String {
    let mut body = body.trim_end();
    for signature in ["Reuter", "REUTER"] {
        if let Some(rest) = body.strip_suffix(signature)
            && (rest.is_empty() || rest.ends_with(char::is_whitespace))
        {
            body = rest.trim_end();
        }
    }
    let mut out = String::with_capacity(body.len() + 64);
    for line in body.lines() {
        if line.trim().is_empty() {
            out.push_str("\n\n");
            continue;
        }
        if !out.is_empty() {
            if line.starts_with([' ', '\t']) {
                out.push_str("\n\n");
            } else {
                out.push('\n');
            }
        }
        out.push_str(line.trim());
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn reflow_paragraphs_and_signature() {
        let body =
            "Showers continued in\nthe Bahia zone.\n    The dry period means\nlate.\n Reuter\n";
        assert_eq!(
            reflow(body),
            "Showers continued in\nthe Bahia zone.\n\nThe dry period means\nlate."
        );
    }

    #[test]
    fn elements_and_attributes() {
        let story = "<REUTERS TOPICS=\"NO\" NEWID=\"7\">\n<TEXT TYPE=\"BRIEF\">&#2;\n<TITLE>A &amp; B</TITLE>\n</TEXT>\n</REUTERS>";
        assert_eq!(
            attribute(&story[..story.find('>').unwrap_or(0)], "NEWID"),
            Some("7")
        );
        assert_eq!(element(story, "TITLE"), Some("A &amp; B"));
        assert_eq!(element(story, "BODY"), None);
        assert_eq!(remove_element("x<TITLE>t</TITLE>y", "TITLE"), "xy");
    }
}
