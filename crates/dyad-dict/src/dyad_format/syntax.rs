//! The lexical pieces of dyad's dictionary format: comments, dates and
//! ranges, code shapes, alias lists.

use crate::DateRange;
use dyad_core::Date;

/// The agent (sector) codes dyad knows. An agent code in `agents.txt`, and
/// every 3-letter group after an actor code's country, is checked against it
/// (actor codes may also end in a 3-character group id, e.g. `PSEREBHMS`).
pub const AGENT_CODES: &[&str] = &[
    "GOV", "MIL", "COP", "REB", "INS", "OPP", "CVL", "REF", "MED", "BUS", "REL", "EDU", "JUD",
    "LEG", "SPY", "ELI", "PTY", "LAB", "AGR", "HLH", "NGO", "IGO", "CRM", "UAF", "ENV", "HRI",
    "DEV", "SEP", "MOD", "RAD", "PPL", "MUS", "CHR", "JEW", "HIN", "BUD", "CTH", "PRO", "SHI",
    "SUN", "SPO", "KID", "IMG", "ATH", "FRM", "NGM",
];

/// Actor-code prefixes that are not countries (CAMEO's international and
/// transnational actor types).
pub const NON_COUNTRY_PREFIXES: &[&str] = &[
    "IGO", "NGO", "IMG", "MNC", "NGM", "UAF", "UIS", "REB", "INS", "MED", "BUS", "REL", "CVL",
    "OPP", "MIL", "GOV", "COP",
];

/// The line's content before a comment: `#` at the start of the line or
/// after a blank starts a comment (so `Kata'ib` and `#` inside words stay).
pub(crate) fn strip_comment(line: &str) -> &str {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut prev_blank = true;
    for (i, c) in line.char_indices() {
        if c == '#' && prev_blank {
            return line.get(..i).unwrap_or("").trim_end();
        }
        prev_blank = c.is_whitespace();
    }
    line.trim_end()
}

/// The lines of a dyad-format file that have content: each with its
/// 1-based number and its text before any comment (see [`strip_comment`]).
pub(crate) fn content_lines(text: &str) -> impl Iterator<Item = (u32, &str)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let content = strip_comment(line);
        if content.trim().is_empty() {
            return None;
        }
        Some((u32::try_from(i + 1).unwrap_or(u32::MAX), content))
    })
}

/// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; an imprecise date is the first
/// day of its year or month, or the last when `end` is set.
pub(crate) fn parse_day(text: &str, end: bool) -> Result<Date, &'static str> {
    const FORM: &str = "dates are YYYY, YYYY-MM or YYYY-MM-DD";
    let mut parts = text.split('-');
    let mut num = |len: usize| -> Result<Option<u32>, &'static str> {
        match parts.next() {
            None => Ok(None),
            Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse().map(Some).map_err(|_| FORM)
            }
            Some(_) => Err(FORM),
        }
    };
    let year = num(4)?.ok_or(FORM)?;
    let month = num(2)?;
    let day = num(2)?;
    if parts.next().is_some() {
        return Err(FORM);
    }
    let year = i32::try_from(year).map_err(|_| FORM)?;
    let (month, day) = match (month, day) {
        (Some(m), Some(d)) => (m, d),
        (Some(m), None) => (m, if end { last_day(year, m) } else { 1 }),
        (None, _) => {
            if end {
                (12, 31)
            } else {
                (1, 1)
            }
        }
    };
    Date::from_ymd(year, month, day).ok_or("no such calendar date")
}

fn last_day(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| Date::from_ymd(year, month, d).is_some())
        .unwrap_or(28)
}

/// Reads a range: `FROM..TO`, `FROM..`, `..TO` or `*` (always).
pub(crate) fn parse_range(text: &str) -> Result<DateRange, &'static str> {
    if text == "*" {
        return Ok(DateRange::Always);
    }
    let Some((from, to)) = text.split_once("..") else {
        return Err("a range is FROM..TO, FROM.., ..TO or *");
    };
    match (from.is_empty(), to.is_empty()) {
        (true, true) => Ok(DateRange::Always),
        (false, true) => Ok(DateRange::After(parse_day(from, false)?)),
        (true, false) => Ok(DateRange::Before(parse_day(to, true)?)),
        (false, false) => {
            let (a, b) = (parse_day(from, false)?, parse_day(to, true)?);
            if a <= b {
                Ok(DateRange::Between(a, b))
            } else {
                Err("range ends before it starts")
            }
        }
    }
}

/// Writes a range the way [`parse_range`] reads it.
pub fn format_range(range: DateRange) -> String {
    match range {
        DateRange::Always => "*".to_string(),
        DateRange::Before(d) => format!("..{d}"),
        DateRange::After(d) => format!("{d}.."),
        DateRange::Between(a, b) => format!("{a}..{b}"),
    }
}

/// The first and last day a range covers (open ends are far away).
pub(crate) fn bounds(range: DateRange) -> (i64, i64) {
    match range {
        DateRange::Always => (i64::MIN, i64::MAX),
        DateRange::Before(d) => (i64::MIN, d.to_days()),
        DateRange::After(d) => (d.to_days(), i64::MAX),
        DateRange::Between(a, b) => (a.to_days(), b.to_days()),
    }
}

/// Whether two ranges share a day.
pub(crate) fn overlap(a: DateRange, b: DateRange) -> bool {
    let (a0, a1) = bounds(a);
    let (b0, b1) = bounds(b);
    a0 <= b1 && b0 <= a1
}

/// Checks an actor code's shape: `---`, or 1–5 groups of 3 upper-case
/// letters or digits.
pub(crate) fn actor_code_shape(code: &str) -> Result<(), &'static str> {
    if code == "---" {
        return Ok(());
    }
    if code.is_empty() || !code.len().is_multiple_of(3) || code.len() > 15 {
        return Err("actor codes are 3 to 15 characters in groups of 3");
    }
    if !code
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err("actor codes are upper-case letters and digits");
    }
    Ok(())
}

/// Checks an agent code: one or more known 3-letter groups.
pub(crate) fn agent_code_shape(code: &str) -> Result<(), &'static str> {
    if code.is_empty() || !code.len().is_multiple_of(3) || code.len() > 9 || !code.is_ascii() {
        return Err("agent codes are 1 to 3 known 3-letter groups");
    }
    let known = code
        .as_bytes()
        .chunks(3)
        .all(|c| std::str::from_utf8(c).is_ok_and(|g| AGENT_CODES.contains(&g)));
    if known {
        Ok(())
    } else {
        Err("unknown agent code (see AGENT_CODES)")
    }
}

/// Splits `a | b | c` into trimmed, non-empty aliases.
pub(crate) fn split_aliases(text: &str) -> impl Iterator<Item = &str> {
    text.split('|').map(str::trim).filter(|a| !a.is_empty())
}

/// Splits off the first blank-delimited word.
pub(crate) fn first_word(text: &str) -> (&str, &str) {
    let text = text.trim();
    match text.split_once(char::is_whitespace) {
        Some((w, rest)) => (w, rest.trim_start()),
        None => (text, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).expect("test value")
    }

    #[test]
    fn ranges() {
        assert_eq!(
            parse_range("2018-10-25..2020-05"),
            Ok(DateRange::Between(d(2018, 10, 25), d(2020, 5, 31)))
        );
        assert_eq!(parse_range("2019.."), Ok(DateRange::After(d(2019, 1, 1))));
        assert_eq!(
            parse_range("..2020-02"),
            Ok(DateRange::Before(d(2020, 2, 29)))
        );
        assert_eq!(parse_range("*"), Ok(DateRange::Always));
        assert!(parse_range("2020..2019").is_err());
        assert!(parse_range("2020-13..").is_err());
        assert!(parse_range("2020").is_err());
        assert!(parse_range("20200101..").is_err());
        for r in [
            "*",
            "..2020-02-29",
            "2019-01-01..",
            "2018-10-25..2020-05-31",
        ] {
            assert_eq!(parse_range(r).map(format_range).as_deref(), Ok(r));
        }
    }

    #[test]
    fn comments_and_codes() {
        assert_eq!(strip_comment("IRQ Kata'ib # x"), "IRQ Kata'ib");
        assert_eq!(strip_comment("# all"), "");
        assert_eq!(strip_comment("A#B"), "A#B");
        assert!(actor_code_shape("IRQGOV").is_ok());
        assert!(actor_code_shape("IGOUNODEVWBK").is_ok());
        assert!(actor_code_shape("IRQG").is_err());
        assert!(actor_code_shape("irq").is_err());
        assert!(agent_code_shape("GOV").is_ok());
        assert!(agent_code_shape("GOVMIL").is_ok());
        assert!(agent_code_shape("XYZ").is_err());
    }
}
