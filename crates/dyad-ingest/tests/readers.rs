//! What each reader makes of real inputs: the bundled HTML fixtures and the
//! shared data sets (tests needing `../shared/data` skip when it is absent,
//! reported by `dyad_testkit`).

#![allow(clippy::unwrap_used)]

use std::path::Path;

use dyad_core::{BlockKind, Document};
use dyad_ingest::{Config, Fields, Format};

mod common;
use common::read_all;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

fn blocks(doc: &Document) -> Vec<(BlockKind, &str)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, doc.slice(b.span)))
        .collect()
}

#[test]
fn news_sample_title_caption_credit_body() {
    let Some(path) = dyad_testkit::shared_file(
        "news_sample_title_caption_credit_body",
        "news-sample/iran-iraq-protests-2019-10-31.txt",
    ) else {
        return;
    };
    let (docs, errors) = read_all(vec![path], Config::default());
    assert!(errors.is_empty(), "{errors:?}");
    let doc = &docs[0];
    assert_eq!(doc.meta.id, "iran-iraq-protests-2019-10-31");
    let blocks = blocks(doc);
    let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.0).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Title,
            BlockKind::Caption,
            BlockKind::Credit,
            BlockKind::Body
        ]
    );
    assert_eq!(
        blocks[0].1,
        "Report: Iran Terrorism General in Iraq to Help Repress Protests"
    );
    assert!(blocks[1].1.starts_with("In this Sept. 18, 2016 photo"));
    assert!(blocks[1].1.ends_with("holds a naval drill in the …"));
    assert_eq!(blocks[2].1, "Office of the Iranian Supreme Leader via AP");
    assert!(
        blocks[3]
            .1
            .starts_with("Senior Iraqi officials revealed on Wednesday")
    );
    assert!(blocks[3].1.ends_with("through Iraq, Syria, and Lebanon."));
    assert!(blocks[3].1.contains("Soleimani gave a speech on October 7"));
    assert!(!doc.text.contains("Please let us know"));
    assert_eq!(doc.meta.title.as_deref(), Some(blocks[0].1));
}

#[test]
fn html_news_page_keeps_article_only() {
    let path = Path::new(FIXTURES).join("news-article.html");
    let (docs, errors) = read_all(vec![path], Config::default());
    assert!(errors.is_empty(), "{errors:?}");
    let doc = &docs[0];
    assert_eq!(doc.meta.id, "news-article");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Iraq protesters defy curfew in Baghdad")
    );
    assert_eq!(doc.meta.date_text.as_deref(), Some("2019-10-31T08:15:00Z"));
    assert_eq!(
        doc.meta.date.map(|d| d.to_string()).as_deref(),
        Some("2019-10-31")
    );
    assert_eq!(
        doc.meta.url.as_deref(),
        Some("https://news.example.com/world/2019/10/31/iraq-protests-curfew")
    );
    assert_eq!(
        blocks(doc),
        [
            (BlockKind::Title, "Iraq protesters defy curfew in Baghdad"),
            (
                BlockKind::Caption,
                "Protesters gather in Tahrir Square in central Baghdad on Wednesday."
            ),
            (BlockKind::Credit, "Reuters/Thaier al-Sudani"),
            (BlockKind::Dateline, "BAGHDAD (Reuters) —"),
            (
                BlockKind::Body,
                "Thousands of Iraqis defied a curfew on Thursday, filling Tahrir Square for a \
                 seventh day of protests against the government.\n\n\
                 Security forces fired tear gas at demonstrators on the Jumhuriya bridge, \
                 witnesses said. At least two people were killed.\n\n\
                 Calls for reform\n\n\
                 Prime Minister Adel Abdul Mahdi said he was ready to resign if parliament \
                 agreed on a successor.\n\n\
                 The protests began on October 1.\n\n\
                 More than 250 people have been killed."
            ),
        ]
    );
    for furniture in [
        "cookies",
        "Share",
        "Related",
        "comment",
        "popular",
        "©",
        "Sign up",
        "window.",
        "Advertisement",
        "By Jane",
    ] {
        assert!(!doc.text.contains(furniture), "{furniture} in {}", doc.text);
    }
}

#[test]
fn html_page_without_article_uses_paragraph_scoring() {
    let path = Path::new(FIXTURES).join("no-article-tag.html");
    let (docs, errors) = read_all(vec![path], Config::default());
    assert!(errors.is_empty(), "{errors:?}");
    let doc = &docs[0];
    assert_eq!(doc.meta.title.as_deref(), Some("Talks resume in Geneva"));
    assert_eq!(
        doc.meta.date.map(|d| d.to_string()).as_deref(),
        Some("2019-11-02")
    );
    assert_eq!(
        doc.meta.url.as_deref(),
        Some("https://wire.example.org/geneva-talks")
    );
    assert_eq!(
        blocks(doc),
        [
            (BlockKind::Title, "Talks resume in Geneva"),
            (
                BlockKind::Caption,
                "Delegates arrive at the UN in Geneva. Photo: AFP"
            ),
            (BlockKind::Dateline, "GENEVA, Nov 2 -"),
            (
                BlockKind::Body,
                "Syrian government and opposition delegates resumed talks on a new \
                 constitution on Saturday, the United Nations envoy said.\n\n\
                 The envoy, Geir Pedersen, told reporters the atmosphere was constructive \
                 and that both sides had agreed on an agenda for the week."
            ),
        ]
    );
}

#[test]
fn guardian_csv_reads_249_dated_documents() {
    let Some(path) = dyad_testkit::shared_file(
        "guardian_csv_reads_249_dated_documents",
        "ngec/Guardian_SDF_sample.csv",
    ) else {
        return;
    };
    // The documented flags: `--id-field "" --url-field source`.
    let config = Config {
        format: None,
        fields: Fields {
            id: String::new(),
            url: "source".to_string(),
            ..Fields::default()
        },
    };
    let (docs, errors) = read_all(vec![path], config);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 249);
    assert!(docs.iter().all(|d| d.meta.date.is_some()));
    assert!(docs.iter().all(|d| d.meta.url.is_some()));
    assert_eq!(docs[0].meta.id, "3");
    assert_eq!(
        docs[0].meta.date.map(|d| d.to_string()).as_deref(),
        Some("2019-04-10")
    );
    let mut ids: Vec<&str> = docs.iter().map(|d| d.meta.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 249, "ids are unique");
}

#[test]
fn reuters_all_stories_latin1_decoded() {
    let Some(dir) = dyad_testkit::shared_file("reuters_all_stories_latin1_decoded", "reuters21578")
    else {
        return;
    };
    let (docs, errors) = read_all(vec![dir], Config::default());
    assert!(errors.is_empty(), "{:?}", &errors[..errors.len().min(5)]);
    assert_eq!(docs.len(), 21_578);
    assert!(docs.iter().all(|d| !d.text.contains('\u{fffd}')));
    let latin1: Vec<&Document> = docs
        .iter()
        .filter(|d| d.meta.origin.path.ends_with("reut2-017.sgm"))
        .collect();
    assert_eq!(latin1.len(), 1000);
    assert!(latin1.iter().any(|d| !d.warnings.is_empty()));
    let first = &docs[0];
    assert_eq!(first.meta.id, "reuters-21578-1");
    assert_eq!(first.meta.title.as_deref(), Some("BAHIA COCOA REVIEW"));
    assert_eq!(
        first.meta.date.map(|d| d.to_string()).as_deref(),
        Some("1987-02-26")
    );
    let b = blocks(first);
    assert_eq!(b[0], (BlockKind::Title, "BAHIA COCOA REVIEW"));
    assert_eq!(b[1], (BlockKind::Dateline, "SALVADOR, Feb 26 -"));
    assert!(
        b[2].1
            .starts_with("Showers continued throughout the week in\nthe Bahia cocoa zone")
    );
    assert!(
        b[2].1
            .contains("Comissaria Smith said in its weekly review.\n\nThe dry period")
    );
    assert!(!b[2].1.ends_with("Reuter"));
    assert!(
        docs.iter()
            .all(|d| !d.text.contains("&lt;") && !d.text.contains("&#"))
    );
}

#[test]
fn petrarch_sentences() {
    let Some(path) = dyad_testkit::shared_file(
        "petrarch_sentences",
        "petrarch2/text/PETR.UnitTest.records.xml",
    ) else {
        return;
    };
    let (docs, errors) = read_all(vec![path], Config::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 284);
    assert_eq!(docs[0].meta.id, "DEMO-00");
    assert_eq!(
        docs[0].meta.date.map(|d| d.to_string()).as_deref(),
        Some("1995-01-01")
    );
    assert_eq!(
        docs[0].text,
        "Arnor is about to restore full diplomatic ties with Gondor almost five years after crowds trashed its embassy."
    );
    // The validation file writes `<Sentence …/>` before its text; the
    // GigaWord sample has empty `<Text>`s rebuilt from the parse.
    for (file, expected) in [
        ("universal-petrarch/PETR2_GSR_validation.xml", 78),
        ("petrarch2/text/GigaWord.sample.PETR.xml", 76),
        ("universal-petrarch/GigaWord.sample.PETR_parsed.xml", 76),
    ] {
        let Some(path) = dyad_testkit::shared_file("petrarch_sentences", file) else {
            return;
        };
        let (docs, errors) = read_all(vec![path], Config::default());
        assert!(errors.is_empty(), "{file}: {errors:?}");
        assert_eq!(docs.len(), expected, "{file}");
    }
}

#[test]
fn conllu_gold_tokens_match_text() {
    let Some(path) = dyad_testkit::shared_file(
        "conllu_gold_tokens_match_text",
        "ud-english-ewt/en_ewt-ud-test.conllu",
    ) else {
        return;
    };
    let config = Config {
        format: Some(Format::Conllu),
        ..Config::default()
    };
    let (docs, errors) = read_all(vec![path], config);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 316);
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    assert_eq!(sentences, 2077);
    for doc in &docs {
        for sentence in &doc.sentences {
            for token in &sentence.tokens {
                let text = doc.slice(token.span);
                assert!(!text.is_empty());
                assert_eq!(text.trim(), text);
                assert!(sentence.span.byte_start <= token.span.byte_start);
                assert!(token.span.byte_end <= sentence.span.byte_end);
            }
        }
    }
    let dont = docs
        .iter()
        .flat_map(|d| {
            d.sentences
                .iter()
                .flat_map(move |s| s.tokens.windows(2).map(move |w| (d, w)))
        })
        .find(|(d, w)| w[1].joined && d.slice(w[1].span) == "n't")
        .map(|(d, w)| d.slice(w[0].span).to_string());
    assert!(dont.is_some(), "a clitic n't is split");
}
