//! The news sample (`../shared/data/news-sample/`): dates and places the
//! text states. Skips (reported by `dyad_testkit`) when the shared data is
//! absent.

use dyad_core::{BlockKind, Date, Document, DocumentBuilder};
use dyad_enrich::{DateInput, DatePrecision, Gazetteer, resolve_date};

/// The news sample as a segmented document, or `None` (a skip of `test`)
/// when it is absent.
fn sample(test: &str) -> Option<Document> {
    let path = dyad_testkit::shared_file(test, "news-sample/iran-iraq-protests-2019-10-31.txt")?;
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let mut builder = DocumentBuilder::new("sample");
    for para in text.split("\n\n") {
        builder.push_block(BlockKind::Body, para);
    }
    let mut doc = builder.finish();
    dyad_text::Segmenter::new().segment(&mut doc);
    Some(doc)
}

/// The index of the sentence containing `needle` and of its token `word`.
fn find(doc: &Document, needle: &str, word: &str) -> (usize, usize) {
    for (s, sentence) in doc.sentences.iter().enumerate() {
        if doc.slice(sentence.span).contains(needle) {
            let t = sentence
                .tokens
                .iter()
                .position(|t| t.form(&doc.text) == word)
                .expect("word in sentence");
            return (s, t);
        }
    }
    panic!("no sentence with {needle}");
}

#[test]
fn sample_dates_and_places() {
    let Some(doc) = sample("sample_dates_and_places") else {
        return;
    };
    let gazetteer = Gazetteer::builtin();
    let publication = Date::from_ymd(2019, 10, 31);
    let date_of = |s: usize, verb: usize| {
        let sentence = &doc.sentences[s];
        resolve_date(&DateInput {
            text: &doc.text,
            tokens: &sentence.tokens,
            analysis: &sentence.analysis,
            verb: Some(verb),
            publication,
            anchor: None,
        })
    };

    // The photo-caption meeting: 2016-09-18 in Tehran.
    let (s, verb) = find(&doc, "Sept. 18, 2016 photo", "attends");
    let date = date_of(s, verb);
    assert_eq!(date.date, Date::from_ymd(2016, 9, 18));
    assert_eq!(date.precision, DatePrecision::Day);
    let place = gazetteer
        .locate_event(&doc, s, verb, &["IRN"])
        .expect("a place");
    assert_eq!(place.name, "Tehran");
    assert_eq!(place.country.as_deref(), Some("IRN"));

    // The secret meeting held in Baghdad last month.
    let (s, verb) = find(&doc, "held in Baghdad last month", "held");
    let date = date_of(s, verb);
    assert_eq!(date.date, Date::from_ymd(2019, 9, 1));
    assert_eq!(date.precision, DatePrecision::Month);
    let place = gazetteer
        .locate_event(&doc, s, verb, &["IRQ"])
        .expect("a place");
    assert_eq!(place.name, "Baghdad");

    // "Soleimani gave a speech on October 7".
    let (s, verb) = find(&doc, "speech on October 7", "gave");
    assert_eq!(date_of(s, verb).date, Date::from_ymd(2019, 10, 7));

    // "revealed on Wednesday": 2019-10-30.
    let (s, verb) = find(&doc, "revealed on Wednesday", "revealed");
    assert_eq!(date_of(s, verb).date, Date::from_ymd(2019, 10, 30));
    let place = gazetteer
        .locate_event(&doc, s, verb, &["IRQ"])
        .expect("a place");
    assert_eq!(place.name, "Baghdad");
}
