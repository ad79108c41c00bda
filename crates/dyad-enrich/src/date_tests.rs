//! Tests of `date.rs`.

use super::*;

/// Tokens split on spaces (also used by `date_anchor`'s tests).
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut at = 0;
    for word in text.split(' ') {
        let end = at + word.len();
        if !word.is_empty() {
            out.push(Token::new(Span {
                byte_start: at as u32,
                byte_end: end as u32,
                char_start: at as u32,
                char_end: end as u32,
            }));
        }
        at = end + 1;
    }
    out
}

fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::from_ymd(y, m, d)
}

/// Resolves `text` published on `publication` (ISO), without a parse.
fn check(text: &str, publication: &str) -> (Option<Date>, DatePrecision, Option<String>) {
    let toks = tokens(text);
    let input = DateInput {
        text,
        tokens: &toks,
        analysis: &[],
        verb: None,
        publication: Date::parse(publication),
        anchor: None,
    };
    let r = resolve_date(&input);
    let evidence = r.evidence.map(|s| text[s.bytes()].to_string());
    (r.date, r.precision, evidence)
}

#[test]
fn explicit_dates() {
    use DatePrecision::*;
    let c = |t: &str, p: &str| {
        let (d, pr, _) = check(t, p);
        (d, pr)
    };
    assert_eq!(
        c("It began Oct. 7 .", "2019-10-31"),
        (ymd(2019, 10, 7), Day)
    );
    assert_eq!(
        c("It began October 7 .", "2019-10-31"),
        (ymd(2019, 10, 7), Day)
    );
    // A month-day after publication is last year's.
    assert_eq!(
        c("It began Dec. 30 .", "2020-01-02"),
        (ymd(2019, 12, 30), Day)
    );
    assert_eq!(c("It began Jan. 2 .", "2020-01-02"), (ymd(2020, 1, 2), Day));
    // ... unless the event is in the future.
    assert_eq!(
        c("They will meet Jan. 5 .", "2019-12-30"),
        (ymd(2020, 1, 5), Day)
    );
    assert_eq!(
        c("In this Sept. 18 , 2016 photo", "2019-10-31"),
        (ymd(2016, 9, 18), Day)
    );
    assert_eq!(
        c("on 7 October 2019 .", "2019-10-31"),
        (ymd(2019, 10, 7), Day)
    );
    assert_eq!(
        c("on the 7th of October .", "2019-10-31"),
        (ymd(2019, 10, 7), Day)
    );
    assert_eq!(c("on 2019-10-07 .", "2019-10-31"), (ymd(2019, 10, 7), Day));
    assert_eq!(
        c("on 2019 - 10 - 07 .", "2019-10-31"),
        (ymd(2019, 10, 7), Day)
    );
    assert_eq!(
        c("in October 2019 .", "2020-03-01"),
        (ymd(2019, 10, 1), Month)
    );
    assert_eq!(c("in December .", "2020-01-10"), (ymd(2019, 12, 1), Month));
    assert_eq!(c("since 2016 .", "2020-01-10"), (ymd(2016, 1, 1), Year));
    // Leap day without a year: the latest February 29.
    assert_eq!(c("on Feb. 29 .", "2021-03-01"), (ymd(2020, 2, 29), Day));
    assert_eq!(c("on Feb. 29 .", "2020-02-29"), (ymd(2020, 2, 29), Day));
    // "may" the verb is no month.
    assert_eq!(c("It may rain .", "2020-01-10").1, Publication);
}

#[test]
fn weekdays() {
    use DatePrecision::*;
    let c = |t: &str, p: &str| {
        let (d, pr, _) = check(t, p);
        (d, pr)
    };
    // 2020-01-02 is a Thursday.
    assert_eq!(c("on Tuesday", "2020-01-02"), (ymd(2019, 12, 31), Day));
    assert_eq!(c("on Thursday", "2020-01-02"), (ymd(2020, 1, 2), Day));
    assert_eq!(c("on Friday", "2020-01-02"), (ymd(2019, 12, 27), Day));
    assert_eq!(c("last Thursday", "2020-01-02"), (ymd(2019, 12, 26), Day));
    assert_eq!(c("next Monday", "2020-01-02"), (ymd(2020, 1, 6), Day));
    assert_eq!(
        c("They will vote on Monday", "2019-12-30"),
        (ymd(2019, 12, 30), Day)
    );
    assert_eq!(
        c("They will vote on Friday", "2019-12-30"),
        (ymd(2020, 1, 3), Day)
    );
    // 2019-10-31 is a Thursday; the news sample's "on Wednesday".
    assert_eq!(
        c("revealed on Wednesday", "2019-10-31"),
        (ymd(2019, 10, 30), Day)
    );
    // Leap year: 2024-03-01 is a Friday.
    assert_eq!(c("on Thursday", "2024-03-01"), (ymd(2024, 2, 29), Day));
    // Lower case is no weekday.
    assert_eq!(c("the wednesday people", "2024-03-01").1, Publication);
}

#[test]
fn relative() {
    use DatePrecision::*;
    let c = |t: &str, p: &str| {
        let (d, pr, _) = check(t, p);
        (d, pr)
    };
    assert_eq!(c("Police said today", "2020-01-01"), (ymd(2020, 1, 1), Day));
    assert_eq!(
        c("Police said yesterday", "2020-01-01"),
        (ymd(2019, 12, 31), Day)
    );
    assert_eq!(
        c("fighting last night", "2020-03-01"),
        (ymd(2020, 2, 29), Day)
    );
    assert_eq!(c("two days ago", "2020-03-01"), (ymd(2020, 2, 28), Day));
    assert_eq!(c("2 days ago", "2019-03-01"), (ymd(2019, 2, 27), Day));
    assert_eq!(c("last week", "2020-01-02"), (ymd(2019, 12, 23), Week));
    assert_eq!(c("this week", "2020-01-02"), (ymd(2019, 12, 30), Week));
    assert_eq!(
        c("earlier this week", "2020-01-02"),
        (ymd(2019, 12, 30), Week)
    );
    assert_eq!(c("last month", "2020-01-15"), (ymd(2019, 12, 1), Month));
    assert_eq!(c("last month", "2020-03-31"), (ymd(2020, 2, 1), Month));
    assert_eq!(
        c("earlier this month", "2020-01-15"),
        (ymd(2020, 1, 1), Month)
    );
    assert_eq!(
        c("three months ago", "2020-02-15"),
        (ymd(2019, 11, 1), Month)
    );
    assert_eq!(c("last year", "2020-01-01"), (ymd(2019, 1, 1), Year));
    assert_eq!(
        c("earlier this year", "2020-01-01"),
        (ymd(2020, 1, 1), Year)
    );
    assert_eq!(
        c("over the weekend", "2020-01-06"),
        (ymd(2019, 12, 30), Week)
    );
}

#[test]
fn vague_and_default() {
    use DatePrecision::*;
    let (d, p, e) = check("sent in the early hours of the protests", "2019-10-31");
    assert_eq!((d, p, e.as_deref()), (None, Unknown, Some("early hours")));
    assert_eq!(check("He recently visited", "2019-10-31").1, Unknown);
    assert_eq!(check("in recent weeks", "2019-10-31").1, Unknown);
    // A concrete date beats a vague one in the same sentence.
    let (d, p, _) = check(
        "held last month , the day after protests began",
        "2019-10-31",
    );
    assert_eq!((d, p), (ymd(2019, 9, 1), Month));
    // Nothing: the publication date, marked as a default.
    let (d, p, e) = check("Soldiers fired on protesters", "2019-10-31");
    assert_eq!((d, p, e), (ymd(2019, 10, 31), Publication, None));
    assert_eq!(p.as_str(), Some("publication"));
    assert_eq!(Unknown.as_str(), None);
    // No publication date: unknown.
    let toks = tokens("on Tuesday");
    let input = DateInput {
        text: "on Tuesday",
        tokens: &toks,
        analysis: &[],
        verb: None,
        publication: None,
        anchor: None,
    };
    assert_eq!(resolve_date(&input).precision, Unknown);
}

#[test]
fn attached_to_verb_wins() {
    // "officials revealed on Wednesday that he was sent in the early
    // hours of the protests": the vague expression belongs to "sent".
    let text = "officials revealed on Wednesday that he was sent in the early hours";
    let toks = tokens(text);
    // 1-based heads.
    let heads = [2, 0, 4, 2, 8, 8, 8, 2, 12, 12, 12, 8];
    let rels = [
        "nsubj", "root", "case", "obl", "mark", "nsubj", "aux", "ccomp", "case", "det", "amod",
        "obl",
    ];
    let analysis: Vec<Analysis> = heads
        .iter()
        .zip(rels)
        .map(|(&head, rel)| Analysis {
            head,
            deprel: rel.to_string(),
            ..Analysis::default()
        })
        .collect();
    let input = |verb| DateInput {
        text,
        tokens: &toks,
        analysis: &analysis,
        verb: Some(verb),
        publication: Date::parse("2019-10-31"),
        anchor: None,
    };
    let sent = resolve_date(&input(7));
    assert_eq!(sent.precision, DatePrecision::Unknown);
    let revealed = resolve_date(&input(1));
    assert_eq!(revealed.date, ymd(2019, 10, 30));
    assert_eq!(revealed.precision, DatePrecision::Day);
}

/// Each date family near month and year boundaries: (sentence,
/// publication date, expected date, precision). Issue 19.
const BOUNDARIES: &[(&str, &str, &str, &str)] = &[
    // weekdays: the latest such day on or before publication
    (
        "Troops attacked on Tuesday .",
        "2020-01-02",
        "2019-12-31",
        "day",
    ),
    (
        "Troops attacked on Friday .",
        "2020-03-02",
        "2020-02-28",
        "day",
    ),
    (
        "Talks will resume on Monday .",
        "2019-12-30",
        "2019-12-30",
        "day",
    ),
    (
        "Talks will resume next Friday .",
        "2019-12-30",
        "2020-01-03",
        "day",
    ),
    (
        "Rebels fired last Sunday .",
        "2021-01-01",
        "2020-12-27",
        "day",
    ),
    // yesterday, today, tomorrow, days ago
    (
        "Police fired yesterday .",
        "2020-01-01",
        "2019-12-31",
        "day",
    ),
    (
        "Police fired yesterday .",
        "2020-03-01",
        "2020-02-29",
        "day",
    ),
    (
        "They will meet tomorrow .",
        "2019-12-31",
        "2020-01-01",
        "day",
    ),
    (
        "Rebels attacked two days ago .",
        "2019-03-01",
        "2019-02-27",
        "day",
    ),
    // last week, this week: the week's Monday
    (
        "Rebels attacked last week .",
        "2020-01-03",
        "2019-12-23",
        "week",
    ),
    (
        "Rebels attacked this week .",
        "2020-01-01",
        "2019-12-30",
        "week",
    ),
    // month names and last month
    (
        "Rebels attacked in December .",
        "2020-01-10",
        "2019-12-01",
        "month",
    ),
    (
        "Rebels attacked in January .",
        "2020-01-10",
        "2020-01-01",
        "month",
    ),
    (
        "Rebels attacked last month .",
        "2020-01-10",
        "2019-12-01",
        "month",
    ),
    (
        "Rebels attacked earlier this month .",
        "2020-01-10",
        "2020-01-01",
        "month",
    ),
    (
        "Rebels attacked in December 2018 .",
        "2020-01-10",
        "2018-12-01",
        "month",
    ),
    // explicit dates
    (
        "Rebels attacked on 31 December .",
        "2020-01-01",
        "2019-12-31",
        "day",
    ),
    (
        "Rebels attacked on December 31 .",
        "2020-01-01",
        "2019-12-31",
        "day",
    ),
    (
        "Rebels attacked on Feb. 29 .",
        "2020-03-02",
        "2020-02-29",
        "day",
    ),
    (
        "Rebels attacked on 1 January 2020 .",
        "2019-12-31",
        "2020-01-01",
        "day",
    ),
    // years
    (
        "Rebels attacked last year .",
        "2020-01-01",
        "2019-01-01",
        "year",
    ),
    (
        "Rebels attacked in 2014 .",
        "2020-01-01",
        "2014-01-01",
        "year",
    ),
];

#[test]
fn date_families_near_month_and_year_boundaries() {
    let mut wrong = Vec::new();
    for &(text, publication, expected, precision) in BOUNDARIES {
        let (date, got, _) = check(text, publication);
        let date = date.map(|d| d.to_string()).unwrap_or_default();
        if date != expected || got.as_str() != Some(precision) {
            wrong.push(format!(
                "{text:?} on {publication}: {date} {:?}, expected {expected} {precision}",
                got.as_str()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
