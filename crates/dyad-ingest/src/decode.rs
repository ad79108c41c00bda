//! Bytes to text: the encoding policy every reader shares, binary-file
//! detection and markup entity decoding.

use std::borrow::Cow;

/// Warning attached to a document whose bytes were decoded as Windows-1252.
pub const WARN_WINDOWS_1252: &str = "not valid UTF-8; decoded as Windows-1252";
/// Warning attached to a document whose bytes were decoded lossily as UTF-8.
pub const WARN_LOSSY: &str = "not valid UTF-8; invalid bytes replaced by U+FFFD";

/// Decodes `bytes` to text:
///
/// - valid UTF-8 (without a leading byte-order mark) is returned as is;
/// - bytes with no valid multi-byte UTF-8 sequence at all (isolated high
///   bytes, as single-byte encodings such as Latin-1 produce) are decoded as
///   Windows-1252, with the warning [`WARN_WINDOWS_1252`];
/// - anything else is decoded lossily as UTF-8, with [`WARN_LOSSY`].
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<&'static str>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), None),
        Err(_) if !has_utf8_multibyte(bytes) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text, Some(WARN_WINDOWS_1252))
        }
        Err(_) => (String::from_utf8_lossy(bytes), Some(WARN_LOSSY)),
    }
}

/// Whether `bytes` contains at least one valid multi-byte UTF-8 sequence.
fn has_utf8_multibyte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        let len = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => {
                i += 1;
                continue;
            }
        };
        if let Some(seq) = bytes.get(i..i + len)
            && std::str::from_utf8(seq).is_ok()
        {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether the first bytes of a file look binary: a NUL byte, or more than
/// one control byte in ten (tab, line breaks, form feed and escape aside).
pub fn looks_binary(head: &[u8]) -> bool {
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    controls * 10 > head.len()
}

/// Decodes SGML/HTML/XML character references and the common named
/// entities (`&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&nbsp;` …). References
/// to control characters other than tab and newline decode to nothing;
/// unknown entities are kept as written.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let name_end = rest
            .as_bytes()
            .iter()
            .take(12)
            .position(|&b| b == b';')
            .filter(|&semi| semi > 1);
        match name_end.and_then(|semi| entity(&rest[1..semi]).map(|c| (semi, c))) {
            Some((semi, decoded)) => {
                if let Some(c) = decoded {
                    out.push(c);
                }
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character an entity name (without `&` and `;`) stands for:
/// `Some(None)` for references to control characters, `None` when unknown.
pub(crate) fn entity(name: &str) -> Option<Option<char>> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        let c = char::from_u32(code)?;
        // Windows-1252 code points written as references (&#150; for a dash).
        let c = if (0x80..0xa0).contains(&code) {
            let byte = [code as u8];
            let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            decoded.chars().next().unwrap_or(c)
        } else {
            c
        };
        return Some((!c.is_control() || c == '\t' || c == '\n').then_some(c));
    }
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "copy" => '©',
        "reg" => '®',
        "eacute" => 'é',
        _ => return None,
    };
    Some(Some(c))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_and_bom_is_stripped() {
        assert_eq!(decode("Día".as_bytes()), (Cow::Borrowed("Día"), None));
        assert_eq!(decode(b"\xEF\xBB\xBFabc").0, "abc");
    }

    #[test]
    fn latin1_becomes_windows_1252() {
        let (text, warning) = decode(b"caf\xe9 \x93quoted\x94");
        assert_eq!(text, "café “quoted”");
        assert_eq!(warning, Some(WARN_WINDOWS_1252));
    }

    #[test]
    fn mixed_bytes_decode_lossily() {
        let (text, warning) = decode(b"caf\xc3\xa9 \xff");
        assert_eq!(text, "café \u{fffd}");
        assert_eq!(warning, Some(WARN_LOSSY));
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(looks_binary(&[1, 2, 3, 4, 5, b'a', b'b']));
        assert!(!looks_binary(b"plain text\n\twith tabs\r\n"));
        assert!(!looks_binary(b""));
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &amp; &#233;&#x41;&#3; &bogus; & x;"),
            "a <b> & éA &bogus; & x;"
        );
        assert_eq!(decode_entities("&#150;"), "–");
    }
}
