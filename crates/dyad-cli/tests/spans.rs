//! Property: every event's actors and trigger are spans of its own
//! sentence (a linked mention — "Javid" after "Sajid Javid" — is this
//! sentence's words, coded with the first mention's actor), whatever
//! news-like text goes in.

#![allow(clippy::unwrap_used)]

use dyad_core::{BlockKind, DocumentBuilder};
use dyad_pipeline::{Pipeline, PipelineConfig};
use proptest::prelude::*;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        Pipeline::new(PipelineConfig {
            statements: true,
            ..PipelineConfig::default()
        })
        .unwrap()
    })
}

/// Parts of news sentences: actors (full, short and acronym mentions,
/// pronouns), verbs and event nouns, modal and negation words.
const ACTORS: &[&str] = &[
    "Sajid Javid, the British home secretary,",
    "Javid",
    "the Balochistan Liberation Army (BLA)",
    "the BLA",
    "Russian airstrikes",
    "Turkish troops",
    "the Syrian Democratic Forces (SDF)",
    "police",
    "protesters",
    "Iran",
    "Jordan and Britain",
    "she",
    "we",
    "the two leaders",
];
const PREDICATES: &[&str] = &[
    "attacked",
    "would not meet",
    "condemned",
    "held talks with",
    "said the decision was illegal about",
    "refused to release",
    "came under attack from",
    "urged",
    "met",
    "launched an offensive against",
    "went to",
];

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::sample::select(ACTORS),
        prop::sample::select(PREDICATES),
        prop::sample::select(ACTORS),
        prop::bool::ANY,
    )
        .prop_map(|(a, p, b, quote)| {
            let s = format!("{a} {p} {b} on Tuesday.");
            if quote {
                format!("\u{201c}{s}\u{201d} the minister said.")
            } else {
                s
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn actors_and_triggers_lie_in_their_sentence(sentences in prop::collection::vec(sentence(), 1..5)) {
        let text = sentences.join(" ");
        let mut builder = DocumentBuilder::new("p");
        builder.push_block(BlockKind::Body, &text);
        let processed = pipeline().process(builder.finish());
        let chars: Vec<char> = processed.document.text.chars().collect();
        for e in &processed.events {
            let [s0, s1] = e.sentence_span;
            let inside = |[a, b]: [u32; 2]| s0 <= a && a <= b && b <= s1;
            prop_assert!(inside(e.evidence.verb_span), "trigger outside its sentence: {e:?}");
            prop_assert!(inside(e.source.span), "source outside its sentence: {e:?}");
            prop_assert!(inside(e.target.span), "target outside its sentence: {e:?}");
            let slice = |[a, b]: [u32; 2]| chars[a as usize..b as usize].iter().collect::<String>();
            prop_assert_eq!(slice(e.source.span), e.source.text.clone());
            prop_assert_eq!(slice(e.target.span), e.target.text.clone());
            prop_assert_eq!(slice(e.evidence.verb_span), e.evidence.verb.clone());
            let c = e.confidence.unwrap();
            prop_assert!((0.0..=1.0).contains(&c));
        }
    }
}

/// The property above is not vacuous: such text gives events, and a
/// linked mention's span is its own words in its own sentence.
#[test]
fn a_linked_mention_is_coded_at_its_own_words() {
    // (a name no dictionary knows: the apposition says who she is)
    let text = "Amanda Cole, the British home secretary, condemned Iran on Monday. \
                Cole accused Iran on Tuesday.";
    let mut builder = DocumentBuilder::new("linked");
    builder.push_block(BlockKind::Body, text);
    let processed = pipeline().process(builder.finish());
    let second = processed
        .events
        .iter()
        .find(|e| e.sentence_index == 1)
        .expect("an event in the second sentence");
    assert_eq!(second.source.text, "Cole");
    assert_eq!(second.source.code, "GBRGOV");
    assert!(second.source.span[0] >= second.sentence_span[0]);
}
