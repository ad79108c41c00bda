//! The PETRARCH internal coding ontology (PICO): every CAMEO code as one or
//! more hexadecimal values whose digits are facets of meaning (say, appeal,
//! intend … in the top digit; reduce, yield in the third; and so on).
//! PETRARCH2 negates a verb by subtracting `0xFFFF`: "did not clash over"
//! (110, disapprove, `0xFFFF + 0x0080`) becomes 050 (`0x0080`, diplomatic
//! cooperation), "did not yield" (080, `0x0200`) becomes 124 (`-0xFFFF +
//! 0x0200`, refuse to yield).
//!
//! The table is `data/pico.txt` (UniversalPetrarch, MIT licence), embedded
//! at compile time: lines `CODE:EXPR#EXPR#…#Name`, an expression being hex
//! numbers joined by `+` and `-`.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/pico.txt");

/// What PETRARCH2 adds to a value to negate it.
const NOT: i64 = 0xFFFF;

/// The ontology: values per code, and the code of each value (the first
/// code listed with it).
#[derive(Debug, Default)]
pub(crate) struct Pico {
    values: HashMap<String, Vec<i64>>,
    codes: HashMap<i64, String>,
}

impl Pico {
    /// The embedded table, parsed once.
    pub fn get() -> &'static Pico {
        static PICO: OnceLock<Pico> = OnceLock::new();
        PICO.get_or_init(|| Pico::parse(TABLE))
    }

    /// Parses a table; lines that do not read are skipped.
    pub fn parse(text: &str) -> Pico {
        let mut pico = Pico::default();
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with('#') {
                continue;
            }
            let Some((code, rest)) = line.split_once(':') else {
                continue;
            };
            let code = code.trim();
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let values: Vec<i64> = rest.split('#').filter_map(expression).collect();
            for &v in &values {
                pico.codes.entry(v).or_insert_with(|| code.to_string());
            }
            pico.values
                .entry(code.to_string())
                .or_default()
                .extend(values);
        }
        pico
    }

    /// The code of the negated event: the first value of `code` that, less
    /// `0xFFFF`, is itself the value of a code. `None` when the ontology
    /// has no negation for it.
    pub fn negate(&self, code: &str) -> Option<&str> {
        self.values
            .get(code)?
            .iter()
            .find_map(|v| self.codes.get(&(v - NOT)))
            .map(String::as_str)
    }
}

/// Reads `0x1000`, `-0xFFFF+0x0070`, `0xFFFF+0x0080`; `None` for anything
/// else (a name, a comment).
fn expression(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut total = 0i64;
    let mut sign = 1i64;
    let mut rest = text;
    loop {
        match rest.as_bytes().first() {
            Some(b'-') => {
                sign = -1;
                rest = &rest[1..];
            }
            Some(b'+') => {
                sign = 1;
                rest = &rest[1..];
            }
            _ => {}
        }
        let digits = rest
            .strip_prefix("0x")
            .or_else(|| rest.strip_prefix("0X"))?;
        let end = digits
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(digits.len());
        let value = i64::from_str_radix(&digits[..end], 16).ok()?;
        total += sign * value;
        rest = digits[end..].trim_start();
        if rest.is_empty() {
            return Some(total);
        }
        if !rest.starts_with(['+', '-']) {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions() {
        assert_eq!(expression("0x1000"), Some(0x1000));
        assert_eq!(expression("-0xFFFF+0x0070"), Some(0x70 - 0xFFFF));
        assert_eq!(expression(" 0xFFFF+0x0080"), Some(0xFFFF + 0x80));
        assert_eq!(expression("Disapprove"), None);
        assert_eq!(expression("0x10 The mask"), None);
    }

    #[test]
    fn negations() {
        let pico = Pico::get();
        // not disapprove: diplomatic cooperation
        assert_eq!(pico.negate("110"), Some("050"));
        // not coerce: material cooperation of the 057 kind
        assert_eq!(pico.negate("170"), Some("057"));
        // not cooperate materially / not yield: reject
        assert_eq!(pico.negate("060"), Some("121"));
        assert_eq!(pico.negate("080"), Some("124"));
        // no negation for fighting or for an unknown code
        assert_eq!(pico.negate("190"), None);
        assert_eq!(pico.negate("999"), None);
    }
}
