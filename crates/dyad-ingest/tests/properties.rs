//! Property tests for every reader: random bytes and mutated fixtures never
//! panic, and every document's spans are valid: in bounds, ordered, on char
//! boundaries, char offsets matching byte offsets, and the text rebuilt from
//! its blocks.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use dyad_core::{Document, Span};
use dyad_ingest::{Config, Format, read_inputs};
use proptest::prelude::*;

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Writes `bytes` to a fresh temporary file named `*.{extension}`.
fn temp_file(extension: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-ingest-prop-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let path = dir.join(format!("case-{n}.{extension}"));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn check_span(doc: &Document, span: Span) -> Result<(), TestCaseError> {
    let text = &doc.text;
    prop_assert!(span.byte_start <= span.byte_end);
    prop_assert!(span.byte_end as usize <= text.len());
    prop_assert!(text.is_char_boundary(span.byte_start as usize));
    prop_assert!(text.is_char_boundary(span.byte_end as usize));
    let char_start = text[..span.byte_start as usize].chars().count() as u32;
    prop_assert_eq!(span.char_start, char_start);
    let chars = text[span.bytes()].chars().count() as u32;
    prop_assert_eq!(span.char_end, char_start + chars);
    Ok(())
}

/// The invariants every document keeps.
fn check(doc: &Document) -> Result<(), TestCaseError> {
    prop_assert!(!doc.meta.id.is_empty());
    let mut end = 0;
    for block in &doc.blocks {
        check_span(doc, block.span)?;
        prop_assert!(block.span.byte_start >= end, "blocks ordered");
        prop_assert!(!block.span.is_empty());
        let text = doc.slice(block.span);
        prop_assert_eq!(text.trim(), text);
        end = block.span.byte_end;
    }
    if doc.sentences.is_empty() {
        // Built from blocks: the text is its blocks joined by blank lines.
        let joined: Vec<&str> = doc.blocks.iter().map(|b| doc.slice(b.span)).collect();
        prop_assert_eq!(joined.join("\n\n"), doc.text.clone());
    }
    let mut end = 0;
    for sentence in &doc.sentences {
        check_span(doc, sentence.span)?;
        prop_assert!(sentence.span.byte_start >= end, "sentences ordered");
        prop_assert!(sentence.block < doc.blocks.len());
        // A given analysis: one per token, and a tree.
        let analysis = &sentence.analysis;
        prop_assert!(analysis.is_empty() || analysis.len() == sentence.tokens.len());
        if !analysis.is_empty() {
            let n = analysis.len() as u32;
            prop_assert!(analysis.iter().all(|a| a.head <= n));
            prop_assert_eq!(analysis.iter().filter(|a| a.head == 0).count(), 1);
        }
        let mut token_start = sentence.span.byte_start;
        for token in &sentence.tokens {
            check_span(doc, token.span)?;
            prop_assert!(token.span.byte_start >= token_start, "tokens ordered");
            prop_assert!(token.span.byte_end <= sentence.span.byte_end);
            token_start = token.span.byte_start;
        }
        end = sentence.span.byte_end;
    }
    Ok(())
}

/// Reads `bytes` as `format` and checks every document.
fn run(format: Format, extension: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let path = temp_file(extension, bytes);
    let config = Config {
        format: Some(format),
        ..Config::default()
    };
    let items: Vec<_> = read_inputs(vec![path.clone()], config).collect();
    let _ = std::fs::remove_file(&path);
    prop_assert!(!items.is_empty(), "every input yields something");
    for item in &items {
        match item {
            Ok(doc) => check(doc)?,
            Err(err) => {
                prop_assert!(!err.message.is_empty());
                prop_assert!(!err.message.ends_with('.'));
            }
        }
    }
    Ok(())
}

const TEXT: &str = "Iraq protests grow\n\nFILE - Protesters in Baghdad. (AP Photo/Hadi Mizban)\nReuters/Jane Doe\n\nBAGHDAD (AP) — Thousands marched on Friday.\nThey chanted “Iran out”.\n\nShare this article\n\n© 2019 AP. All rights reserved.\n";
const HTML: &str = "<html><head><title>Talks | Wire</title><meta property=\"article:published_time\" content=\"2019-10-31\"></head><body><nav>Home</nav><article><figure><figcaption>Delegates arrive. <span class=\"credit\">AFP</span></figcaption></figure><p>GENEVA, Nov 2 - Talks resumed &amp; went on.</p><div class=\"share\">Share</div><p>Día dos.</p></article></body></html>";
const JSONL: &str = "{\"id\": \"a\", \"title\": \"T\", \"date\": \"2019-10-31\", \"text\": \"BAGHDAD (AP) — Text one.\"}\n{\"text\": \"Día dos\", \"url\": \"http://x\"}\n";
const CSV: &str = "\"\",date,text,source\n\"1\",2019-04-10,\"Baghdad and Washington, talks.\",guardian\n\"2\",2019-04-11,\"Second “story”.\",guardian\n";
const XML: &str = "<Sentences>\n<Sentence date=\"20150813\" id=\"a\" source=\"AFP\">\n<Text>\nArnor is about to restore ties &amp; trade\nwith Gondor.\n</Text>\n<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>\n</Sentence>\n</Sentences>\n";
const XML_PARSED: &str = "<Sentences>\n<Config option=\"require_dyad\" value=\"false\"/>\n<Sentence date=\"20150813\" id=\"p\" source=\"DEMO\">\n<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"190\"/>\n<Text>\nArnor attacked\nGondor.\n</Text>\n<Parse>\n1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n</Parse>\n</Sentence>\n</Sentences>\n";
const CONLLU: &str = "# newdoc id = d1\n# newpar\n# text = I don't know.\n1\tI\tI\tPRON\t_\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\t_\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\t_\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n\n# text = Vámonos ya\n1-2\tVámonos\t_\t_\t_\t_\t_\t_\t_\t_\n1\tVamos\tir\tVERB\t_\t_\t0\troot\t_\t_\n2\tnos\tnos\tPRON\t_\t_\t1\tobj\t_\t_\n3\tya\tya\tADV\t_\t_\t1\tadvmod\t_\t_\n\n";
const SGML: &str = "<REUTERS TOPICS=\"YES\" NEWID=\"1\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>&#2;\n<TITLE>BAHIA COCOA &lt;REVIEW&gt;</TITLE>\n<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued in\nthe zone.\n    The dry period.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n<REUTERS NEWID=\"2\"><TEXT TYPE=\"BRIEF\"><TITLE>BRIEF</TITLE></TEXT></REUTERS>\n";

fn formats() -> Vec<(Format, &'static str, &'static str)> {
    vec![
        (Format::Text, "txt", TEXT),
        (Format::Html, "html", HTML),
        (Format::Jsonl, "jsonl", JSONL),
        (Format::Csv, "csv", CSV),
        (Format::PetrarchXml, "xml", XML),
        (Format::PetrarchXml, "xml", XML_PARSED),
        (Format::Conllu, "conllu", CONLLU),
        (Format::ReutersSgml, "sgm", SGML),
    ]
}

/// One edit of a byte string: (position fraction, kind, byte).
fn edits() -> impl Strategy<Value = Vec<(f64, u8, u8)>> {
    prop::collection::vec((0.0..1.0f64, 0u8..4, any::<u8>()), 0..12)
}

fn mutate(input: &str, edits: &[(f64, u8, u8)]) -> Vec<u8> {
    let mut bytes = input.as_bytes().to_vec();
    for &(at, kind, byte) in edits {
        let i = ((bytes.len() as f64) * at) as usize;
        let i = i.min(bytes.len());
        match kind {
            0 => bytes.insert(i, byte),
            1 if i < bytes.len() => {
                bytes.remove(i);
            }
            2 if i < bytes.len() => bytes[i] = byte,
            // Cut the input short, like a truncated file.
            _ => bytes.truncate(i.max(1)),
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn fixtures_read_cleanly(_unit in Just(())) {
        for (format, extension, input) in formats() {
            let path = temp_file(extension, input.as_bytes());
            let items: Vec<_> = read_inputs(vec![path], Config { format: Some(format), ..Config::default() }).collect();
            prop_assert!(items.iter().all(Result::is_ok), "{format}: {items:?}");
            for item in items.iter().flatten() {
                check(item)?;
            }
        }
    }

    #[test]
    fn mutated_fixtures_never_panic(edits in edits()) {
        for (format, extension, input) in formats() {
            run(format, extension, &mutate(input, &edits))?;
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        for (format, extension, _) in formats() {
            run(format, extension, &bytes)?;
        }
    }

    #[test]
    fn random_text_never_panics(text in "[ -~\\n\\tÀ-ÿ—“”<>&;#]{0,400}") {
        for (format, extension, _) in formats() {
            run(format, extension, text.as_bytes())?;
        }
    }

    #[test]
    fn mutated_records_never_panic_and_keep_spans(edits in edits()) {
        let bytes = mutate(XML_PARSED, &edits);
        let text = String::from_utf8_lossy(&bytes);
        let file = dyad_ingest::petrarch::read_records(&text);
        for record in &file.records {
            let doc = &record.document;
            for sentence in &doc.sentences {
                prop_assert_eq!(sentence.analysis.len(), sentence.tokens.len());
                for token in &sentence.tokens {
                    check_span(doc, token.span)?;
                }
            }
        }
    }

    #[test]
    fn well_quoted_csv_reads_every_row(
        rows in prop::collection::vec("[a-z ,\"\n]{0,12}[a-z]", 1..12)
    ) {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(["id", "text"]).unwrap();
        for (i, text) in rows.iter().enumerate() {
            writer.write_record([i.to_string().as_str(), text]).unwrap();
        }
        let bytes = writer.into_inner().unwrap();
        let path = temp_file("csv", &bytes);
        let items: Vec<_> = read_inputs(vec![path], Config::default()).collect();
        prop_assert_eq!(items.len(), rows.len());
        prop_assert!(items.iter().all(Result::is_ok), "{:?}", items);
    }
}
