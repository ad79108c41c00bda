//! The actor dictionary: phrases → actor codes, with date restrictions.
//!
//! ```text
//! MOHAMMAD_ZAHIR_SHAH_  # comment
//! +ZAHIR_SHAH_                      synonym
//!     [AFGELI 320101-331108]        date restriction (line starts with a blank)
//!     [AFGGOV >331108]
//!     [AFGELI]                      default
//! HAMID_KARZAI_  [AFGGOV]           primary phrase with its default code
//! ```

use crate::diag::{DiagnosticKind, Sink, syntax};
use crate::phrase::{Phrase, PhraseIndex, Slot, split_words};
use crate::{Diagnostic, Provenance, source};
use dyad_core::Date;

/// The dates a code applies to; limits are inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateRange {
    /// No limit (`[CODE]`).
    Always,
    /// On or before the date (`[CODE <YYYYMMDD]`).
    Before(Date),
    /// On or after the date (`[CODE >YYYYMMDD]`).
    After(Date),
    /// Between the dates, both included (`[CODE YYYYMMDD-YYYYMMDD]`).
    Between(Date, Date),
}

impl DateRange {
    /// Whether `date` falls in the range.
    pub fn contains(&self, date: Date) -> bool {
        match *self {
            DateRange::Always => true,
            DateRange::Before(end) => date <= end,
            DateRange::After(start) => date >= start,
            DateRange::Between(start, end) => start <= date && date <= end,
        }
    }
}

/// A code and the dates it applies to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DatedCode {
    /// The actor code, upper-cased, e.g. `AFGGOV`; `---` is the null code.
    pub code: Box<str>,
    /// When it applies.
    pub range: DateRange,
    /// Where it was written.
    pub provenance: Provenance,
}

/// One actor record: a primary phrase, its synonyms and its codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorEntry {
    /// The primary phrase first, then the `+` synonyms.
    pub phrases: Vec<Phrase>,
    /// Where each phrase in `phrases` was written.
    pub phrase_provenance: Vec<Provenance>,
    /// The code written after the primary phrase (`PHRASE [CODE]`), if any.
    /// When the primary line carries several codes (`PHRASE [A 1990-1999]
    /// [B]`) they are all read as restrictions.
    pub default_code: Option<DatedCode>,
    /// The date restrictions, in file order (the first that applies wins).
    pub restrictions: Vec<DatedCode>,
    /// Where the primary phrase was written.
    pub provenance: Provenance,
}

impl ActorEntry {
    /// The code that applies on `date` (or with no known date), following
    /// PETRARCH: the first restriction whose range contains the date, else
    /// the primary phrase's code. Without a date: the primary phrase's code,
    /// else the first unrestricted `[CODE]`, else the last restriction
    /// listed (restrictions are written oldest first).
    pub fn code_on(&self, date: Option<Date>) -> Option<&DatedCode> {
        match date {
            Some(d) => self
                .restrictions
                .iter()
                .find(|r| r.range.contains(d))
                .or(self.default_code.as_ref()),
            None => self
                .default_code
                .as_ref()
                .or_else(|| {
                    self.restrictions
                        .iter()
                        .find(|r| r.range == DateRange::Always)
                })
                .or_else(|| self.restrictions.last()),
        }
    }

    /// The primary phrase.
    pub fn primary(&self) -> Option<&Phrase> {
        self.phrases.first()
    }
}

/// A phrase found by [`ActorDict::longest_match`].
#[derive(Clone, Copy, Debug)]
pub struct ActorMatch<'d> {
    /// How many tokens the phrase covers.
    pub len: usize,
    /// The entry the phrase belongs to.
    pub entry: &'d ActorEntry,
    /// The phrase that matched.
    pub phrase: &'d Phrase,
    /// Where that phrase was written.
    pub provenance: &'d Provenance,
}

/// Actor phrases → [`ActorEntry`]s, from one or more actor files.
#[derive(Clone, Debug, Default)]
pub struct ActorDict {
    entries: Vec<ActorEntry>,
    index: PhraseIndex,
}

impl ActorDict {
    /// An empty dictionary.
    pub fn new() -> ActorDict {
        ActorDict::default()
    }

    /// Parses one actor file's text and adds its entries; `file` names it in
    /// provenance and diagnostics. Returns the diagnostics.
    pub fn add_text(&mut self, file: &str, text: &str) -> Vec<Diagnostic> {
        let (entries, diags) = Sink::collect(file, |sink| parse(text, sink));
        self.extend(entries);
        diags
    }

    /// Parses one actor file's bytes (UTF-8; bad bytes are reported).
    pub fn add_bytes(&mut self, file: &str, bytes: &[u8]) -> Vec<Diagnostic> {
        source::read_decoded(file, bytes, |text| ((), self.add_text(file, text))).1
    }

    /// Every entry, in load order.
    pub fn entries(&self) -> &[ActorEntry] {
        &self.entries
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The number of phrases (primary phrases and synonyms).
    pub fn phrase_count(&self) -> usize {
        self.entries.iter().map(|e| e.phrases.len()).sum()
    }

    /// The entries with a phrase equal to `phrase` (words separated by
    /// blanks or `_`, any case), in load order.
    pub fn get(&self, phrase: &str) -> Vec<&ActorEntry> {
        let words = split_words(phrase);
        let mut out: Vec<&ActorEntry> = Vec::new();
        for slot in self.index.exact(&words, |s| self.phrase(s)) {
            if let Some(e) = self.entries.get(slot.item as usize)
                && !out.iter().any(|o| std::ptr::eq(*o, e))
            {
                out.push(e);
            }
        }
        out
    }

    /// The longest actor phrase that `tokens` starts with (case-insensitive,
    /// consecutive words); among equally long phrases the first loaded wins.
    pub fn longest_match<S: AsRef<str>>(&self, tokens: &[S]) -> Option<ActorMatch<'_>> {
        let slot = self.index.longest(tokens, |s| self.phrase(s))?;
        let entry = self.entries.get(slot.item as usize)?;
        Some(ActorMatch {
            len: slot.len as usize,
            entry,
            phrase: entry.phrases.get(slot.sub as usize)?,
            provenance: entry.phrase_provenance.get(slot.sub as usize)?,
        })
    }

    fn phrase(&self, slot: Slot) -> Option<&Phrase> {
        self.entries
            .get(slot.item as usize)?
            .phrases
            .get(slot.sub as usize)
    }
}

/// Adds entries built elsewhere (e.g. by the dyad-format reader) and
/// indexes their phrases.
impl Extend<ActorEntry> for ActorDict {
    fn extend<I: IntoIterator<Item = ActorEntry>>(&mut self, iter: I) {
        let first_new = self.entries.len();
        self.entries.extend(iter);
        for (i, entry) in self.entries.iter().enumerate().skip(first_new) {
            for (j, phrase) in entry.phrases.iter().enumerate() {
                self.index.insert(phrase, i, j);
            }
        }
        self.index.finish();
    }
}

/// Parses `[CODE]`, `[CODE >DATE]`, `[CODE <DATE]`, `[CODE DATE-DATE]`.
pub(crate) fn parse_dated_code(
    inner: &str,
    line: u32,
    sink: &mut Sink<'_>,
) -> Option<(Box<str>, DateRange)> {
    let inner = inner.trim();
    let (code, rest) = match inner.split_once(char::is_whitespace) {
        Some((c, r)) => (c, r.trim()),
        None => (inner, ""),
    };
    if code.is_empty() {
        sink.push(
            line,
            DiagnosticKind::MissingCode {
                text: format!("[{inner}]"),
            },
        );
        return None;
    }
    if !code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '#' | '/'))
    {
        sink.push(
            line,
            DiagnosticKind::BadCode {
                code: code.to_string(),
                reason: "actor codes are letters and digits; kept as written",
            },
        );
    }
    let code: Box<str> = code.to_uppercase().into_boxed_str();
    if rest.is_empty() {
        return Some((code, DateRange::Always));
    }
    let bad = |sink: &mut Sink<'_>, reason| {
        sink.push(
            line,
            DiagnosticKind::BadDate {
                text: format!("[{inner}]"),
                reason,
            },
        );
        None
    };
    let range = if let Some(d) = rest.strip_prefix('<') {
        match parse_date(d) {
            Ok(d) => DateRange::Before(d),
            Err(reason) => return bad(sink, reason),
        }
    } else if let Some(d) = rest.strip_prefix('>') {
        match parse_date(d) {
            Ok(d) => DateRange::After(d),
            Err(reason) => return bad(sink, reason),
        }
    } else if let Some((a, b)) = rest.split_once('-') {
        match (parse_date(a), parse_date(b)) {
            (Ok(a), Ok(b)) if a <= b => DateRange::Between(a, b),
            (Ok(_), Ok(_)) => return bad(sink, "range ends before it starts"),
            (Err(reason), _) | (_, Err(reason)) => return bad(sink, reason),
        }
    } else {
        return bad(sink, "expected `<DATE`, `>DATE` or `DATE-DATE`");
    };
    Some((code, range))
}

/// Reads `YYYYMMDD` or `YYMMDD` (years 00–30 are 20YY, others 19YY).
pub(crate) fn parse_date(text: &str) -> Result<Date, &'static str> {
    let text = text.trim();
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err("dates are YYYYMMDD or YYMMDD digits");
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> { text.get(range)?.parse().ok() };
    let (year, month, day) = match text.len() {
        8 => (num(0..4), num(4..6), num(6..8)),
        6 => {
            let yy = num(0..2);
            (
                yy.map(|y| if y <= 30 { 2000 + y } else { 1900 + y }),
                num(2..4),
                num(4..6),
            )
        }
        _ => return Err("dates are YYYYMMDD or YYMMDD (8 or 6 digits)"),
    };
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => {
            Date::from_ymd(y as i32, m, d).ok_or("no such calendar date")
        }
        _ => Err("dates are YYYYMMDD or YYMMDD digits"),
    }
}

/// Splits `text` into (before `[`, inside `[...]`, after `]`), reporting a
/// missing `]` (a `}` closing is accepted with a diagnostic).
pub(crate) fn bracket<'t>(
    text: &'t str,
    line: u32,
    sink: &mut Sink<'_>,
) -> Option<(&'t str, &'t str, &'t str)> {
    let open = text.find('[')?;
    let before = text.get(..open)?;
    let after_open = text.get(open + 1..)?;
    let close = after_open.find(']').or_else(|| {
        let brace = after_open.find('}');
        if brace.is_some() {
            sink.push(
                line,
                DiagnosticKind::Unbalanced {
                    delimiter: '[',
                    text: text.trim().to_string(),
                },
            );
        }
        brace
    });
    match close {
        Some(close) => Some((
            before,
            after_open.get(..close)?,
            after_open.get(close + 1..)?,
        )),
        None => {
            sink.push(
                line,
                DiagnosticKind::Unbalanced {
                    delimiter: '[',
                    text: text.trim().to_string(),
                },
            );
            Some((before, after_open, ""))
        }
    }
}

fn strip_semicolon(text: &str) -> &str {
    text.split(';').next().unwrap_or("")
}

fn parse(text: &str, sink: &mut Sink<'_>) -> Vec<ActorEntry> {
    let mut entries = Vec::new();
    let mut current: Option<ActorEntry> = None;
    for line in source::lines(text, sink) {
        let n = line.number;
        let raw: &str = &line.text;
        let trimmed = strip_semicolon(raw).trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('[') {
            let indented = raw.starts_with([' ', '\t']);
            restriction_line(current.as_mut(), indented, trimmed, n, sink);
        } else if let Some(syn) = trimmed.strip_prefix('+') {
            synonym_line(current.as_mut(), syn, trimmed, n, sink);
        } else {
            // a primary phrase starts a new entry
            entries.extend(current.take());
            current = primary_line(trimmed, n, sink);
        }
    }
    entries.extend(current);
    entries
}

/// An indented `[CODE DATES]` line: a restriction of `entry`.
fn restriction_line(
    entry: Option<&mut ActorEntry>,
    indented: bool,
    trimmed: &str,
    n: u32,
    sink: &mut Sink<'_>,
) {
    if !indented {
        sink.push(
            n,
            syntax("date restriction not indented; read anyway", trimmed),
        );
    }
    let Some(entry) = entry else {
        sink.orphan(n, "date restriction", trimmed);
        return;
    };
    let Some((_, inner, after)) = bracket(trimmed, n, sink) else {
        return;
    };
    if !after.trim().is_empty() {
        sink.push(n, syntax("text after date restriction ignored", trimmed));
    }
    if let Some((code, range)) = parse_dated_code(inner, n, sink) {
        entry.restrictions.push(DatedCode {
            code,
            range,
            provenance: sink.at(n),
        });
    }
}

/// A `+PHRASE` line (`syn` after the `+`): a synonym of `entry`.
fn synonym_line(
    entry: Option<&mut ActorEntry>,
    syn: &str,
    trimmed: &str,
    n: u32,
    sink: &mut Sink<'_>,
) {
    let Some(entry) = entry else {
        sink.orphan(n, "synonym", trimmed);
        return;
    };
    let (phrase_text, code) = match bracket(syn, n, sink) {
        Some((before, inner, _)) => (before, Some(inner)),
        None => (syn, None),
    };
    if code.is_some() {
        sink.push(n, syntax("code on a synonym line ignored", trimmed));
    }
    match Phrase::parse(phrase_text) {
        Some(p) => {
            entry.phrases.push(p);
            entry.phrase_provenance.push(sink.at(n));
        }
        None => sink.push(n, syntax("synonym has no words; skipped", trimmed)),
    }
}

/// A primary phrase line with its codes: a new entry, or `None` when it
/// has no phrase.
fn primary_line(trimmed: &str, n: u32, sink: &mut Sink<'_>) -> Option<ActorEntry> {
    let (phrase_text, codes) = primary_codes(trimmed, n, sink);
    let Some(phrase) = Phrase::parse(phrase_text) else {
        sink.push(n, syntax("actor entry has no phrase; skipped", trimmed));
        return None;
    };
    let mut entry = ActorEntry {
        phrases: vec![phrase],
        phrase_provenance: vec![sink.at(n)],
        default_code: None,
        restrictions: Vec::new(),
        provenance: sink.at(n),
    };
    let single = codes.len() == 1;
    for inner in codes {
        if let Some((code, range)) = parse_dated_code(inner, n, sink) {
            let dated = DatedCode {
                code,
                range,
                provenance: sink.at(n),
            };
            if single && range == DateRange::Always {
                entry.default_code = Some(dated);
            } else {
                entry.restrictions.push(dated);
            }
        }
    }
    Some(entry)
}

/// Splits a primary line into its phrase text and the insides of its
/// `[…]` codes.
fn primary_codes<'t>(trimmed: &'t str, n: u32, sink: &mut Sink<'_>) -> (&'t str, Vec<&'t str>) {
    let Some((before, inner, after)) = bracket(trimmed, n, sink) else {
        return (trimmed, Vec::new());
    };
    let mut codes = vec![inner];
    let mut rest = after;
    // TABARI also allowed `[CODE DATES] [CODE]` on the primary line
    while rest.trim_start().starts_with('[') {
        match bracket(rest, n, sink) {
            Some((_, inner, after)) => {
                codes.push(inner);
                rest = after;
            }
            None => break,
        }
    }
    if !rest.trim().is_empty() {
        sink.push(n, syntax("text after code ignored", trimmed));
    }
    (before, codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<Date> {
        Date::parse(s)
    }

    #[test]
    fn dates_and_restrictions() {
        let text = "\
SAM_GAMGEE [HOB]  # default
\t[HOBCIV <20080120]
\t[ORCHOB 20100109-20100112]
\t[HOBMIL 20080120-20121109]
\t[HOBELI >20130119]
ZIMBABWE
+RHODESIA_
\t[RHO <790606]
\t[ZBW]
";
        let mut dict = ActorDict::new();
        let diags = dict.add_text("a.txt", text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(dict.len(), 2);
        let sam = dict.get("sam gamgee")[0];
        let code = |d: &str| sam.code_on(date(d)).map(|c| c.code.to_string());
        assert_eq!(code("20070101").as_deref(), Some("HOBCIV"));
        assert_eq!(code("20100110").as_deref(), Some("ORCHOB"));
        assert_eq!(code("20100113").as_deref(), Some("HOBMIL"));
        assert_eq!(code("20121201").as_deref(), Some("HOB"));
        assert_eq!(code("20150101").as_deref(), Some("HOBELI"));
        assert_eq!(sam.code_on(None).map(|c| &*c.code), Some("HOB"));
        let zim = dict
            .longest_match(&["Rhodesia", "said"])
            .expect("test value");
        assert_eq!(zim.len, 1);
        assert_eq!(zim.provenance.to_string(), "a.txt:7");
        let code = |d: &str| zim.entry.code_on(date(d)).map(|c| c.code.to_string());
        assert_eq!(code("19750101").as_deref(), Some("RHO"));
        assert_eq!(code("19900101").as_deref(), Some("ZBW"));
        assert_eq!(zim.entry.code_on(None).map(|c| &*c.code), Some("ZBW"));
    }

    #[test]
    fn several_codes_on_the_primary_line() {
        let mut dict = ActorDict::new();
        let diags = dict.add_text(
            "a.txt",
            "JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let e = &dict.entries()[0];
        assert_eq!(e.restrictions.len(), 2);
        assert_eq!(
            e.code_on(date("19850101")).map(|c| &*c.code),
            Some("IGOUNO")
        );
        assert_eq!(e.code_on(date("19950101")).map(|c| &*c.code), Some("ELI"));
        assert_eq!(e.code_on(None).map(|c| &*c.code), Some("ELI"));
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(
            parse_date("450703"),
            Ok(Date::from_ymd(1945, 7, 3).expect("test value"))
        );
        assert_eq!(
            parse_date("070723"),
            Ok(Date::from_ymd(2007, 7, 23).expect("test value"))
        );
        assert!(parse_date("2004017").is_err());
        assert!(parse_date("20100931").is_err());
    }

    #[test]
    fn malformed_lines_are_reported() {
        let text = "\t[ORPHAN]\nA [X\n\t[B 2004017-20061201]\n\t[C 19990101]\n+\nD [X] [Y] Z\n";
        let mut dict = ActorDict::new();
        let diags = dict.add_text("a.txt", text);
        let lines: Vec<u32> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![1, 2, 3, 4, 5, 6], "{diags:#?}");
        assert_eq!(dict.len(), 2);
    }
}
