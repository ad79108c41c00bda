//! Dates that depend on the rest of the document: expressions counted from
//! the story's own time ("ten days earlier", "the next day"); parts of a
//! year; and expressions that give no time of their own ("weeks after
//! Trump said …", "in the early hours of the protests").

use dyad_core::{Date, Sentence, Span};

use crate::date::{
    At, DatePrecision, Match, count_of, day, find_expressions, month_shift, week_start, year_of,
};

/// "ten days earlier", "a week later", "two years earlier", "the next
/// day", "the following week": counted from the latest day the document's
/// earlier sentences name (its narrative time), or from the publication
/// date when they name none.
pub(crate) fn match_anchored(at: &At<'_>) -> Option<Match> {
    use DatePrecision::{Month, Week, Year};
    let (i, anchor) = (at.i, at.anchor);
    let (n, unit, len) = match (at.l(i), at.l(i + 1)) {
        ("the", "next" | "following") => (1, at.l(i + 2), 3),
        (count, unit) if at.l(i + 2) == "earlier" || at.l(i + 2) == "later" => {
            let n = count_of(count)?;
            let n = if at.l(i + 2) == "earlier" { -n } else { n };
            (n, unit, 3)
        }
        _ => return None,
    };
    let value = match unit.trim_end_matches('s') {
        "day" => day(anchor.add_days(n)),
        "week" => Some((week_start(anchor.add_days(7 * n)), Week)),
        "month" => month_shift(anchor, n).map(|d| (d, Month)),
        "year" => i32::try_from(n)
            .ok()
            .and_then(|n| Date::from_ymd(anchor.year() + n, 1, 1))
            .map(|d| (d, Year)),
        _ => return None,
    };
    Some(Some((len, value)))
}

/// "the summer of 2016", "early 2016", "mid-2016": the year.
pub(crate) fn match_part_of_year(at: &At<'_>) -> Option<Match> {
    let i = at.i;
    let year = |y: Option<i32>| {
        y.and_then(|y| Date::from_ymd(y, 1, 1))
            .map(|d| (d, DatePrecision::Year))
    };
    if let Some(rest) = ["mid-", "Mid-"]
        .iter()
        .find_map(|p| at.w(i).strip_prefix(p))
        && let Some(y) = year_of(rest)
    {
        return Some(Some((1, year(Some(y)))));
    }
    let part = matches!(
        at.l(i),
        "spring" | "summer" | "autumn" | "fall" | "winter" | "early" | "late" | "mid"
    );
    if !part {
        return None;
    }
    if let Some(y) = year_of(at.w(i + 1)) {
        return Some(Some((2, year(Some(y)))));
    }
    if at.l(i + 1) == "of"
        && let Some(y) = year_of(at.w(i + 2))
    {
        return Some(Some((3, year(Some(y)))));
    }
    None
}

/// Vague expressions: unknown ("in the early hours", "recently", "the day
/// after …", "in recent weeks"). A gap of days, weeks or months before or
/// after another event ("just weeks after Trump said …") says how far
/// apart two events were, not when this one happened: it is no
/// expression of the event's time at all.
pub(crate) fn match_vague(at: &At<'_>) -> Option<Match> {
    let l = |k: usize| at.l(k);
    let i = at.i;
    if matches!(l(i), "days" | "weeks" | "months" | "years")
        && matches!(l(i + 1), "after" | "before")
    {
        return Some(None);
    }
    let two_words = (l(i) == "early" && matches!(l(i + 1), "hours" | "days" | "stages"))
        || (matches!(l(i), "hours" | "day" | "week") && matches!(l(i + 1), "after" | "before"))
        || (matches!(l(i), "recent" | "coming" | "past")
            && matches!(l(i + 1), "days" | "weeks" | "months" | "years"));
    if two_words {
        return Some(Some((2, None)));
    }
    if l(i) == "a" && l(i + 1) == "few" && l(i + 3) == "ago" {
        return Some(Some((4, None)));
    }
    None
}

/// The concrete expressions of one sentence (words as written and in lower
/// case) with `anchor` as the narrative time.
fn sentence_days(
    text: &str,
    sentence: &Sentence,
    publication: Date,
    anchor: Date,
) -> Vec<(Date, Span)> {
    let words: Vec<&str> = sentence
        .tokens
        .iter()
        .map(|t| crate::form(t, text))
        .collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let future = lower
        .iter()
        .any(|w| matches!(w.as_str(), "will" | "shall" | "'ll"));
    find_expressions(&words, &lower, publication, anchor, future)
        .into_iter()
        .filter_map(|e| {
            let (date, precision) = e.value?;
            let first = sentence.tokens.get(e.start)?;
            let last = sentence.tokens.get(e.end - 1)?;
            (precision == DatePrecision::Day).then(|| (date, first.span.cover(&last.span)))
        })
        .collect()
}

/// Per sentence of a document, its narrative time: the latest day (day
/// precision) that the sentences before it name, `None` before the first.
/// "Ten days earlier" in a story that opened on "Saturday 31 August 2013"
/// is 21 August 2013.
pub fn narrative_anchors(
    text: &str,
    sentences: &[Sentence],
    publication: Option<Date>,
) -> Vec<Option<Date>> {
    let Some(publication) = publication else {
        return vec![None; sentences.len()];
    };
    let mut anchor = None;
    sentences
        .iter()
        .map(|sentence| {
            let before = anchor;
            let days = sentence_days(text, sentence, publication, anchor.unwrap_or(publication));
            if let Some((date, _)) = days.last() {
                anchor = Some(*date);
            }
            before
        })
        .collect()
}

#[cfg(test)]
#[path = "date_anchor_tests.rs"]
mod tests;
