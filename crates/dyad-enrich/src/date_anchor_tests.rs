//! Tests of `date_anchor.rs`: each family near month and year boundaries.

use dyad_core::{BlockKind, Date, DocumentBuilder};

use super::*;
use crate::date::tests::tokens;
use crate::date::{DateInput, resolve_date};

/// The date and precision of `text` (space-separated tokens) published
/// on `publication`, with `anchor` as the narrative time.
fn resolve(text: &str, publication: &str, anchor: Option<&str>) -> (Option<Date>, DatePrecision) {
    let toks = tokens(text);
    let r = resolve_date(&DateInput {
        text,
        tokens: &toks,
        analysis: &[],
        verb: None,
        publication: Date::parse(publication),
        anchor: anchor.and_then(Date::parse),
    });
    (r.date, r.precision)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::from_ymd(y, m, d)
}

#[test]
fn counted_from_the_narrative_time() {
    use DatePrecision::*;
    // Ten days before 31 August 2013, not before publication.
    assert_eq!(
        resolve(
            "Ten days earlier , Assad had launched an attack",
            "2018-02-10",
            Some("2013-08-31")
        ),
        (ymd(2013, 8, 21), Day)
    );
    // Across a year boundary, forwards and backwards.
    assert_eq!(
        resolve(
            "Two days later , talks began",
            "2020-03-01",
            Some("2019-12-30")
        ),
        (ymd(2020, 1, 1), Day)
    );
    assert_eq!(
        resolve(
            "The next day , talks began",
            "2020-03-01",
            Some("2019-12-31")
        ),
        (ymd(2020, 1, 1), Day)
    );
    assert_eq!(
        resolve(
            "A month earlier , troops left",
            "2020-03-01",
            Some("2020-01-15")
        ),
        (ymd(2019, 12, 1), Month)
    );
    assert_eq!(
        resolve(
            "One year earlier , he had vowed",
            "2018-02-10",
            Some("2013-08-31")
        ),
        (ymd(2012, 1, 1), Year)
    );
    // Without a narrative time, the publication date is the anchor.
    assert_eq!(
        resolve("Two days earlier , troops left", "2020-03-01", None),
        (ymd(2020, 2, 28), Day)
    );
}

#[test]
fn part_of_a_year_is_the_year() {
    use DatePrecision::*;
    for text in [
        "an offensive launched in the summer of 2016",
        "an offensive launched in early 2016",
        "an offensive launched in mid-2016",
        "an offensive launched in late 2016",
    ] {
        assert_eq!(
            resolve(text, "2018-01-22", None),
            (ymd(2016, 1, 1), Year),
            "{text}"
        );
    }
}

#[test]
fn a_gap_to_another_event_is_no_time() {
    use DatePrecision::*;
    // "weeks after Trump said …" says how far apart two events were.
    assert_eq!(
        resolve(
            "A bombing has killed four Americans , just weeks after Trump said so",
            "2019-01-16",
            None
        ),
        (ymd(2019, 1, 16), Publication)
    );
    // "the day after …" stays vague.
    assert_eq!(
        resolve("They marched the day after the vote", "2019-01-16", None).1,
        Unknown
    );
}

#[test]
fn a_weekday_with_its_date_is_the_date() {
    use DatePrecision::*;
    // "Saturday 31 August 2013" is not last Saturday.
    assert_eq!(
        resolve(
            "It was a sunny morning on Saturday 31 August 2013 when Obama spoke",
            "2018-02-10",
            None
        ),
        (ymd(2013, 8, 31), Day)
    );
    assert_eq!(
        resolve("Troops left on Tuesday , Dec. 31", "2020-01-02", None),
        (ymd(2019, 12, 31), Day)
    );
}

/// A segmented document of `text`.
fn document(text: &str) -> dyad_core::Document {
    let mut builder = DocumentBuilder::new("d");
    builder.push_block(BlockKind::Body, text);
    let mut doc = builder.finish();
    dyad_text::Segmenter::new().segment(&mut doc);
    doc
}

#[test]
fn the_narrative_time_is_the_latest_day_named_before() {
    let doc = document(
        "On Saturday 31 August 2013, Obama spoke. Ten days earlier, Assad had \
         launched an attack. Nobody expected it.",
    );
    let anchors = narrative_anchors(&doc.text, &doc.sentences, Date::from_ymd(2018, 2, 10));
    assert_eq!(anchors, vec![None, ymd(2013, 8, 31), ymd(2013, 8, 21)]);
    assert_eq!(
        narrative_anchors(&doc.text, &doc.sentences, None),
        vec![None; 3]
    );
}
