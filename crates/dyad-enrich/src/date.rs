//! Event-date resolution: temporal expressions in a sentence, resolved
//! against the document's publication date.
//!
//! The resolver is a pure function of the sentence's tokens (and, when
//! present, its parse) and the publication date. It knows four families of
//! expressions:
//!
//! - explicit dates: "Oct. 7", "October 7", "Sept. 18, 2016", "7 October
//!   2019", "2019-10-07", "October 2019", "in October", "in 2016";
//! - weekdays: "on Wednesday", "last Wednesday", "next Wednesday";
//! - relative expressions: "today", "yesterday", "tomorrow", "last night",
//!   "two days ago", "this week", "last week", "earlier this month", "last
//!   month", "last year", "over the weekend" …;
//! - vague expressions: "in the early hours of the protests", "recently",
//!   "the day after …", "in recent weeks" → unknown;
//! - counted from the story's own time ("ten days earlier", "the next
//!   day": from [`DateInput::anchor`]) and parts of a year ("the summer of
//!   2016", "mid-2016"), in `date_anchor.rs`, with the document-level
//!   [`crate::narrative_anchors`]. A gap to another event ("weeks after
//!   Trump said …") is no time of the event.
//!
//! A date without a year ("Oct. 7") and a bare weekday resolve to the latest
//! such day on or before publication, or to the earliest on or after it when
//! the event is clearly in the future ("will", "next", "upcoming").
//!
//! Coarse precisions are represented by the first day of their period: a
//! week by its Monday, a month by its first day, a year by January 1.

use dyad_core::{Analysis, Date, Span, Token};

/// How precise an event date is; [`DatePrecision::as_str`] gives the value of
/// the record's `event_date_precision` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatePrecision {
    /// The exact day is known.
    Day,
    /// The week is known; the date is its Monday.
    Week,
    /// The month is known; the date is its first day.
    Month,
    /// The year is known; the date is January 1.
    Year,
    /// No temporal expression was found: the date is the document's
    /// publication date, used as a default.
    Publication,
    /// A temporal expression was found but cannot be resolved ("in the early
    /// hours of the protests", "recently"), or there is no publication date
    /// to resolve against: the date is unknown.
    Unknown,
}

impl DatePrecision {
    /// The record's `event_date_precision` value: `"day"`, `"week"`,
    /// `"month"`, `"year"`, `"publication"`, or `None` (JSON `null`) when
    /// the date is unknown.
    pub fn as_str(&self) -> Option<&'static str> {
        match self {
            DatePrecision::Day => Some("day"),
            DatePrecision::Week => Some("week"),
            DatePrecision::Month => Some("month"),
            DatePrecision::Year => Some("year"),
            DatePrecision::Publication => Some("publication"),
            DatePrecision::Unknown => None,
        }
    }
}

/// A resolved event date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventDate {
    /// The date (first day of the period for coarse precisions); `None` when
    /// unknown.
    pub date: Option<Date>,
    /// How precise `date` is.
    pub precision: DatePrecision,
    /// The temporal expression the date comes from; `None` for the
    /// publication-date default.
    pub evidence: Option<Span>,
}

/// What the resolver needs to know about one sentence.
#[derive(Clone, Copy, Debug)]
pub struct DateInput<'a> {
    /// The document's cleaned text, into which the tokens' spans point.
    pub text: &'a str,
    /// The sentence's tokens.
    pub tokens: &'a [Token],
    /// The sentence's parse, one entry per token, or empty when the sentence
    /// is not parsed.
    pub analysis: &'a [Analysis],
    /// The index (into `tokens`) of the event's verb, when known.
    pub verb: Option<usize>,
    /// The document's publication date.
    pub publication: Option<Date>,
    /// The latest explicit date (day, month and year) that the document's
    /// earlier sentences name, when there is one
    /// ([`crate::narrative_anchors`]): "ten days earlier" counts back from
    /// it, not from the publication date.
    pub anchor: Option<Date>,
}

/// Resolves the date of the event whose verb is `input.verb`.
///
/// Temporal expressions attached to the verb through the parse win over the
/// sentence's other expressions; among equals a concrete date wins over a
/// vague one, then the expression nearest the verb (or the first). Without
/// any expression the publication date is returned with
/// [`DatePrecision::Publication`].
///
/// ```
/// use dyad_core::{Date, Span, Token};
/// use dyad_enrich::{resolve_date, DateInput, DatePrecision};
///
/// let text = "Protesters marched on Tuesday .";
/// let mut tokens = Vec::new();
/// let mut at = 0;
/// for word in text.split(' ') {
///     let end = at + word.len();
///     tokens.push(Token::new(Span { byte_start: at as u32, byte_end: end as u32,
///                                   char_start: at as u32, char_end: end as u32 }));
///     at = end + 1;
/// }
/// let input = DateInput { text, tokens: &tokens, analysis: &[], verb: Some(1),
///                         publication: Date::from_ymd(2020, 1, 2), anchor: None };
/// let resolved = resolve_date(&input);
/// assert_eq!(resolved.date, Date::from_ymd(2019, 12, 31));
/// assert_eq!(resolved.precision, DatePrecision::Day);
/// ```
pub fn resolve_date(input: &DateInput<'_>) -> EventDate {
    let Some(publication) = input.publication else {
        return EventDate {
            date: None,
            precision: DatePrecision::Unknown,
            evidence: None,
        };
    };
    let words: Vec<&str> = input
        .tokens
        .iter()
        .map(|t| crate::form(t, input.text))
        .collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let future = is_future(input, &lower);
    let anchor = input.anchor.unwrap_or(publication);
    let exprs = find_expressions(&words, &lower, publication, anchor, future);
    if exprs.is_empty() {
        return EventDate {
            date: Some(publication),
            precision: DatePrecision::Publication,
            evidence: None,
        };
    }
    let attached: Vec<&Expr> = match (input.verb, input.analysis.len() == input.tokens.len()) {
        (Some(verb), true) => exprs
            .iter()
            .filter(|e| attaches_to(input.analysis, e.start, e.end, verb))
            .collect(),
        _ => Vec::new(),
    };
    let tier: Vec<&Expr> = if attached.is_empty() {
        exprs.iter().collect()
    } else {
        attached
    };
    let distance = |e: &Expr| match input.verb {
        Some(v) if v < e.start => e.start - v,
        Some(v) if v >= e.end => v + 1 - e.end,
        Some(_) => 0,
        None => e.start,
    };
    let best = tier
        .iter()
        .min_by_key(|e| (e.value.is_none(), distance(e), e.start))
        .copied();
    let Some(best) = best else {
        return EventDate {
            date: Some(publication),
            precision: DatePrecision::Publication,
            evidence: None,
        };
    };
    let evidence = match (input.tokens.get(best.start), input.tokens.get(best.end - 1)) {
        (Some(first), Some(last)) => Some(first.span.cover(&last.span)),
        _ => None,
    };
    match best.value {
        Some((date, precision)) => EventDate {
            date: Some(date),
            precision,
            evidence,
        },
        None => EventDate {
            date: None,
            precision: DatePrecision::Unknown,
            evidence,
        },
    }
}

/// One temporal expression: tokens `start..end`, and its value (`None` when
/// vague).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Expr {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) value: Option<(Date, DatePrecision)>,
}

/// Whether one of the tokens `start..end` depends on `verb` within three
/// steps up the tree.
fn attaches_to(analysis: &[Analysis], start: usize, end: usize, verb: usize) -> bool {
    (start..end).any(|i| {
        let mut at = i;
        for _ in 0..4 {
            let Some(a) = analysis.get(at) else {
                return false;
            };
            if a.head == 0 {
                return false;
            }
            let head = a.head as usize - 1;
            if head == verb {
                return true;
            }
            if head >= start && head < end {
                at = head;
                continue;
            }
            // Allow one hop through a noun the expression modifies
            // ("the day after …" → "day" → verb).
            at = head;
        }
        false
    })
}

/// Whether the event is clearly in the future: the verb has a "will" /
/// "shall" auxiliary (with a parse), or the sentence has one (without).
pub(crate) fn is_future(input: &DateInput<'_>, lower: &[String]) -> bool {
    let future_aux = |w: &str| matches!(w, "will" | "shall" | "'ll" | "wo");
    match (input.verb, input.analysis.len() == input.tokens.len()) {
        (Some(verb), true) => input.analysis.iter().enumerate().any(|(i, a)| {
            a.head as usize == verb + 1
                && a.deprel.starts_with("aux")
                && lower.get(i).is_some_and(|w| future_aux(w))
        }),
        _ => lower.iter().any(|w| future_aux(w)),
    }
}

const MONTHS: [(&str, u32); 24] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Weekday names in lower case, Monday first.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month of a capitalised month name or abbreviation ("Oct.", "Sept").
fn month_of(word: &str) -> Option<u32> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let lower = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == lower).map(|&(_, n)| n)
}

/// The weekday (0 = Monday) of a capitalised weekday name.
fn weekday_of(word: &str) -> Option<u32> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let lower = word.to_lowercase();
    let lower = lower.strip_suffix("s").unwrap_or(&lower);
    WEEKDAYS.iter().position(|d| *d == lower).map(|p| p as u32)
}

/// A day of the month, "7", "07", "7th".
fn day_of(word: &str) -> Option<u32> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A four-digit year, 1000–2999.
pub(crate) fn year_of(word: &str) -> Option<i32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|y| (1000..3000).contains(y))
}

/// A small count: digits or an English number word ("two", "a").
pub(crate) fn count_of(word: &str) -> Option<i64> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    if word == "a" || word == "an" {
        return Some(1);
    }
    if let Some(p) = WORDS.iter().position(|w| *w == word) {
        return Some(p as i64 + 1);
    }
    if !word.is_empty() && word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok();
    }
    None
}

/// Days since the latest Saturday on or before `date` (0 on a Saturday).
fn days_since_saturday(date: Date) -> i64 {
    (i64::from(date.weekday()) + 2).rem_euclid(7)
}

pub(crate) fn week_start(date: Date) -> Date {
    date.add_days(-i64::from(date.weekday()))
}

fn month_start(year: i32, month: u32) -> Option<Date> {
    Date::from_ymd(year, month, 1)
}

/// The first day of the month `delta` months from `date`'s.
pub(crate) fn month_shift(date: Date, delta: i64) -> Option<Date> {
    let index = i64::from(date.year()) * 12 + i64::from(date.month()) - 1 + delta;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    month_start(year, index.rem_euclid(12) as u32 + 1)
}

/// The month-day nearest `publication` in the right direction: the latest on
/// or before it, or (for future events) the earliest on or after it.
fn month_day(publication: Date, month: u32, day: u32, future: bool) -> Option<Date> {
    let year = publication.year();
    if future {
        (year..=year + 4)
            .filter_map(|y| Date::from_ymd(y, month, day))
            .find(|d| *d >= publication)
    } else {
        (year - 4..=year)
            .rev()
            .filter_map(|y| Date::from_ymd(y, month, day))
            .find(|d| *d <= publication)
    }
}

/// All temporal expressions of a sentence, left to right, not overlapping.
pub(crate) fn find_expressions(
    words: &[&str],
    lower: &[String],
    publication: Date,
    anchor: Date,
    future: bool,
) -> Vec<Expr> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let at = At {
            words,
            lower,
            i,
            publication,
            anchor,
            future,
        };
        match match_at(&at) {
            Some((len, value)) if len > 0 => {
                out.push(Expr {
                    start: i,
                    end: i + len,
                    value,
                });
                i += len;
            }
            _ => i += 1,
        }
    }
    out
}

pub(crate) type Match = Option<(usize, Option<(Date, DatePrecision)>)>;

/// Where [`match_at`] looks: the sentence's words as written and in lower
/// case, the token an expression may start at, and what it resolves
/// against.
pub(crate) struct At<'a> {
    pub(crate) words: &'a [&'a str],
    pub(crate) lower: &'a [String],
    pub(crate) i: usize,
    pub(crate) publication: Date,
    /// What "ten days earlier" counts from: the document's latest explicit
    /// date before the sentence, else the publication date.
    pub(crate) anchor: Date,
    pub(crate) future: bool,
}

impl<'a> At<'a> {
    /// Word `k` as written, or `""` past the end.
    pub(crate) fn w(&self, k: usize) -> &'a str {
        self.words.get(k).copied().unwrap_or("")
    }

    /// Word `k` in lower case, or `""` past the end.
    pub(crate) fn l(&self, k: usize) -> &'a str {
        self.lower.get(k).map(String::as_str).unwrap_or("")
    }
}

/// One family of expressions tried by [`match_at`]: `None` when it does
/// not apply (the next family is tried), else the answer of `match_at`.
type Step = fn(&At<'_>) -> Option<Match>;

/// A value of day precision.
pub(crate) fn day(date: Date) -> Option<(Date, DatePrecision)> {
    Some((date, DatePrecision::Day))
}

/// The temporal expression starting at `at`'s token, as (length, value).
fn match_at(at: &At<'_>) -> Match {
    const STEPS: [Step; 11] = [
        match_iso,
        match_month_first,
        match_day_first,
        match_in_year,
        match_weekday,
        match_relative_day,
        match_relative_period,
        match_ago,
        crate::date_anchor::match_anchored,
        crate::date_anchor::match_part_of_year,
        crate::date_anchor::match_vague,
    ];
    STEPS.iter().find_map(|step| step(at)).flatten()
}

/// ISO 8601, as one token or split on hyphens.
fn match_iso(at: &At<'_>) -> Option<Match> {
    let i = at.i;
    if let Some(date) = iso_date(at.w(i)) {
        return Some(Some((1, day(date))));
    }
    if year_of(at.w(i)).is_some()
        && at.w(i + 1) == "-"
        && at.w(i + 3) == "-"
        && let Some(date) = iso_date(&format!("{}-{}-{}", at.w(i), at.w(i + 2), at.w(i + 4)))
    {
        return Some(Some((5, day(date))));
    }
    None
}

/// Month Day[,] [Year] / Month Year / in Month.
fn match_month_first(at: &At<'_>) -> Option<Match> {
    let (i, publication) = (at.i, at.publication);
    let word = at.w(i);
    // "mid-January", "early-March": the month.
    let prefixed = ["mid-", "early-", "late-", "Mid-", "Early-", "Late-"]
        .iter()
        .find_map(|p| word.strip_prefix(p))
        .and_then(month_of);
    let month = match prefixed {
        Some(month) if year_of(at.w(i + 1)).is_none() => {
            let date = bare_month(publication, month, at.future);
            return Some(date.map(|date| (1, Some((date, DatePrecision::Month)))));
        }
        Some(month) => month,
        None => month_of(word)?,
    };
    if let Some(d) = day_of(at.w(i + 1)) {
        let (comma, year_at) = if at.w(i + 2) == "," {
            (1, i + 3)
        } else {
            (0, i + 2)
        };
        if let Some(year) = year_of(at.w(year_at)) {
            return Some(Some((
                3 + comma,
                Date::from_ymd(year, month, d).and_then(day),
            )));
        }
        return Some(Some((
            2,
            month_day(publication, month, d, at.future).and_then(day),
        )));
    }
    if let Some(year) = year_of(at.w(i + 1)) {
        return Some(Some((
            2,
            month_start(year, month).map(|d| (d, DatePrecision::Month)),
        )));
    }
    let before = if i > 0 { at.l(i - 1) } else { "" };
    let unambiguous = !matches!(at.l(i).trim_end_matches('.'), "may" | "mar" | "march");
    if matches!(
        before,
        "in" | "during" | "since" | "early" | "late" | "mid" | "until" | "by" | "of"
    ) || (unambiguous && !at.w(i).ends_with('.') && at.w(i).len() > 3)
    {
        let date = bare_month(publication, month, at.future);
        return Some(date.map(|date| (1, Some((date, DatePrecision::Month)))));
    }
    None
}

/// The first day of the named month nearest `publication` in the right
/// direction: this year's unless that lies on the wrong side.
fn bare_month(publication: Date, month: u32, future: bool) -> Option<Date> {
    let this = month_start(publication.year(), month)?;
    let date = if future {
        if this >= month_start(publication.year(), publication.month())? {
            this
        } else {
            month_start(publication.year() + 1, month)?
        }
    } else if month <= publication.month() {
        this
    } else {
        month_start(publication.year() - 1, month)?
    };
    Some(date)
}

/// Day Month [Year], "7th of October".
fn match_day_first(at: &At<'_>) -> Option<Match> {
    let i = at.i;
    let d = day_of(at.w(i))?;
    let of = usize::from(at.l(i + 1) == "of");
    let month = month_of(at.w(i + 1 + of))?;
    if let Some(year) = year_of(at.w(i + 2 + of)) {
        return Some(Some((3 + of, Date::from_ymd(year, month, d).and_then(day))));
    }
    Some(Some((
        2 + of,
        month_day(at.publication, month, d, at.future).and_then(day),
    )))
}

/// "in 2016", "since 2016"; a past year as a determiner's modifier of a
/// singular noun ("a 2016 operation", "the 2014 war", not "the 2000
/// troops"); "the end of the year" (its
/// December), "the start of the month".
fn match_in_year(at: &At<'_>) -> Option<Match> {
    if matches!(at.l(at.i), "in" | "during" | "since" | "until")
        && let Some(year) = year_of(at.w(at.i + 1))
    {
        return Some(Some((
            2,
            Date::from_ymd(year, 1, 1).map(|d| (d, DatePrecision::Year)),
        )));
    }
    if matches!(at.l(at.i), "a" | "an" | "the" | "its" | "their" | "his" | "her")
        && let Some(year) = year_of(at.w(at.i + 1))
        && (1900..=at.publication.year()).contains(&year)
        && at.w(at.i + 2).chars().next().is_some_and(char::is_alphabetic)
        // "the 2000 troops" is a count: a year modifies a singular noun
        && !at.l(at.i + 2).ends_with('s')
    {
        return Some(Some((
            2,
            Date::from_ymd(year, 1, 1).map(|d| (d, DatePrecision::Year)),
        )));
    }
    match_period_edge(at)
}

/// "the end of the year" (December), "the beginning of last year"
/// (January), "the end of the month" (the month), "the start of next
/// month".
fn match_period_edge(at: &At<'_>) -> Option<Match> {
    let (i, publication) = (at.i, at.publication);
    let end = match at.l(i) {
        "end" => true,
        "beginning" | "start" => false,
        _ => return None,
    };
    if at.l(i + 1) != "of" {
        return None;
    }
    let (lead, unit) = (at.l(i + 2), at.l(i + 3));
    let year_shift = match lead {
        "the" | "this" => 0,
        "last" => -1,
        "next" => 1,
        _ => return None,
    };
    let value = match unit {
        "year" => month_start(publication.year() + year_shift, if end { 12 } else { 1 }),
        "month" => month_shift(publication, i64::from(year_shift)),
        _ => return None,
    };
    Some(Some((4, value.map(|d| (d, DatePrecision::Month)))))
}

/// Weekdays, with an optional "last" / "next" / "this".
fn match_weekday(at: &At<'_>) -> Option<Match> {
    let (i, publication) = (at.i, at.publication);
    let (modifier, word) = match at.l(i) {
        "last" | "next" | "this" | "past" | "coming" => (at.l(i), i + 1),
        _ => ("", i),
    };
    let weekday = weekday_of(at.w(word))?;
    // "Saturday 31 August 2013", "Tuesday, Oct. 7": the date it names.
    let comma = usize::from(at.w(word + 1) == ",");
    let dated = At {
        i: word + 1 + comma,
        ..*at
    };
    if let Some(Some((len, value))) = match_day_first(&dated).or_else(|| match_month_first(&dated))
    {
        return Some(Some((word + 1 + comma + len - i, value)));
    }
    let pub_day = publication.weekday();
    let back = i64::from((pub_day + 7 - weekday) % 7);
    let forward = i64::from((weekday + 7 - pub_day) % 7);
    let date = match modifier {
        "next" | "coming" => publication.add_days(if forward == 0 { 7 } else { forward }),
        "last" | "past" => publication.add_days(-(if back == 0 { 7 } else { back })),
        _ if at.future => publication.add_days(forward),
        _ => publication.add_days(-back),
    };
    Some(Some((word + 1 - i, day(date))))
}

/// Relative days: "today", "yesterday", "last night" …
fn match_relative_day(at: &At<'_>) -> Option<Match> {
    let (i, publication) = (at.i, at.publication);
    match at.l(i) {
        "today" | "tonight" => return Some(Some((1, day(publication)))),
        "yesterday" => return Some(Some((1, day(publication.add_days(-1))))),
        "tomorrow" => return Some(Some((1, day(publication.add_days(1))))),
        "recently" | "lately" | "previously" | "formerly" => return Some(Some((1, None))),
        _ => {}
    }
    let l = |k: usize| at.l(k);
    if l(i) == "this" && matches!(l(i + 1), "morning" | "afternoon" | "evening") {
        return Some(Some((2, day(publication))));
    }
    if l(i) == "last" && l(i + 1) == "night" {
        return Some(Some((2, day(publication.add_days(-1)))));
    }
    if l(i) == "the" && l(i + 1) == "day" && l(i + 2) == "before" && l(i + 3) == "yesterday" {
        return Some(Some((4, day(publication.add_days(-2)))));
    }
    None
}

/// "last week", "this month", "earlier this year", "next year" …, "over
/// the weekend".
fn match_relative_period(at: &At<'_>) -> Option<Match> {
    let (i, publication) = (at.i, at.publication);
    let l = |k: usize| at.l(k);
    let (lead, unit) = match (l(i), l(i + 1)) {
        ("earlier" | "later", "this") => (l(i + 1), i + 2),
        ("last" | "this" | "next" | "past", _) => (l(i), i + 1),
        _ => ("", i),
    };
    let usable = match lead {
        "" => false,
        "past" => l(unit) == "weekend",
        _ => true,
    };
    if usable && let Some(value) = period_value(lead, l(unit), publication) {
        return Some(Some((unit + 1 - i, Some(value))));
    }
    if l(i) == "over" && l(i + 1) == "the" && l(i + 2) == "weekend" {
        let back = days_since_saturday(publication);
        let saturday = publication.add_days(-back);
        return Some(Some((3, Some((week_start(saturday), DatePrecision::Week)))));
    }
    None
}

/// The period named by `lead` ("last", "this", "next", "past") and `unit`
/// ("week", "weekend", "month", "year") around `publication`.
fn period_value(lead: &str, unit: &str, publication: Date) -> Option<(Date, DatePrecision)> {
    use DatePrecision::{Month, Week, Year};
    match (lead, unit) {
        ("last", "week") => Some((week_start(publication.add_days(-7)), Week)),
        ("this", "week") => Some((week_start(publication), Week)),
        ("next", "week") => Some((week_start(publication.add_days(7)), Week)),
        ("last" | "past", "weekend") => {
            let back = days_since_saturday(publication);
            let saturday = publication.add_days(-(if back == 0 { 7 } else { back }));
            Some((week_start(saturday), Week))
        }
        ("this", "weekend") => Some((week_start(publication), Week)),
        ("last", "month") => month_shift(publication, -1).map(|d| (d, Month)),
        ("this", "month") => month_shift(publication, 0).map(|d| (d, Month)),
        ("next", "month") => month_shift(publication, 1).map(|d| (d, Month)),
        ("last", "year") => Date::from_ymd(publication.year() - 1, 1, 1).map(|d| (d, Year)),
        ("this", "year") => Date::from_ymd(publication.year(), 1, 1).map(|d| (d, Year)),
        ("next", "year") => Date::from_ymd(publication.year() + 1, 1, 1).map(|d| (d, Year)),
        _ => None,
    }
}

/// "two days ago", "a week ago", "three years ago", "it is six weeks
/// since …".
fn match_ago(at: &At<'_>) -> Option<Match> {
    use DatePrecision::{Month, Week, Year};
    let (i, publication) = (at.i, at.publication);
    let n = count_of(at.l(i))?;
    // "two days ago"; "it is six weeks since X surrendered".
    let since = at.l(i + 2) == "since" && i > 0 && matches!(at.l(i - 1), "is" | "was" | "'s");
    if at.l(i + 2) != "ago" && !since {
        return None;
    }
    let value = match at.l(i + 1).trim_end_matches('s') {
        "day" => day(publication.add_days(-n)),
        "week" => Some((week_start(publication.add_days(-7 * n)), Week)),
        "month" => month_shift(publication, -n).map(|d| (d, Month)),
        "year" => i32::try_from(n)
            .ok()
            .and_then(|n| Date::from_ymd(publication.year() - n, 1, 1))
            .map(|d| (d, Year)),
        _ => return Some(None),
    };
    Some(Some((3, value)))
}

/// "2019-10-07" as one token.
fn iso_date(word: &str) -> Option<Date> {
    let mut parts = word.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let num = |s: &str| -> Option<u32> {
        if s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    Date::from_ymd(year_of(y)?, num(m)?, num(d)?)
}

#[cfg(test)]
#[path = "date_tests.rs"]
pub(crate) mod tests;
