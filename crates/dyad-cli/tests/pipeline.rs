//! The pipeline library against the binary: the same document, built in
//! memory or read from a file, gives the same events; a given parse is
//! what gets coded.

#![allow(clippy::unwrap_used)]

mod common;

use common::{dyad, json_lines, run, temp_dir};
use dyad_core::{BlockKind, Date, DocumentBuilder};
use dyad_pipeline::{Pipeline, PipelineConfig, Require};

const TITLE: &str = "Rebels attack army base in Mali";
const TEXT: &str = "Islamist rebels attacked an army base in central Mali on Tuesday, \
killing four soldiers, the government said. President Ibrahim Boubacar Keita \
condemned the attack and met the French ambassador in Bamako on Wednesday. \
France promised to send more troops to the Sahel.";

#[test]
fn pipeline_process_gives_the_events_of_dyad_code() {
    let dir = temp_dir("pipeline-process");
    let input = dir.join("docs.jsonl");
    let line = serde_json::json!({
        "id": "mali-1", "title": TITLE, "date": "2019-10-31", "text": TEXT
    });
    std::fs::write(&input, format!("{line}\n")).unwrap();
    let out = run(dyad()
        .args(["code", "--quiet", "--require", "source"])
        .arg(&input));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli = json_lines(&out.stdout);
    assert!(!cli.is_empty(), "the example codes no event");

    let mut builder = DocumentBuilder::new("mali-1");
    let meta = builder.meta_mut();
    meta.title = Some(TITLE.to_string());
    meta.date = Date::parse("2019-10-31");
    meta.date_text = Some("2019-10-31".to_string());
    meta.origin.path = input.display().to_string();
    meta.origin.line = Some(1);
    builder.push_block(BlockKind::Title, TITLE);
    builder.push_block(BlockKind::Body, TEXT);
    let pipeline = Pipeline::new(PipelineConfig {
        require: Require::Source,
        ..PipelineConfig::default()
    })
    .unwrap();
    let processed = pipeline.process(builder.finish());
    let library: Vec<serde_json::Value> = processed
        .events
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    assert_eq!(library, cli);
}

/// A CoNLL-U sentence with a deliberately odd tree: "Chad" is the object
/// and "Niger" the subject of "attacked", against the word order.
const ODD_TREE: &str = "\
# sent_id = 1
# text = Chad attacked Niger .
1\tChad\tChad\tPROPN\tNNP\tNumber=Sing\t2\tobj\t_\t_
2\tattacked\tattack\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3\tNiger\tNiger\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

/// The (source, target) codes of `dyad code` on `input`.
fn dyads(input: &std::path::Path) -> Vec<(String, String)> {
    let out = run(dyad().args(["code", "--quiet"]).arg(input));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    json_lines(&out.stdout)
        .iter()
        .map(|e| {
            (
                e["source"]["code"].as_str().unwrap_or("").to_string(),
                e["target"]["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_given_conllu_tree_is_the_one_coded() {
    let dir = temp_dir("given-parse");
    // the same sentence as plain text: dyad's own parse makes Chad the
    // attacker
    let text = dir.join("plain.txt");
    std::fs::write(&text, "Chad attacked Niger.\n").unwrap();
    assert_eq!(dyads(&text), [("TCD".to_string(), "NER".to_string())]);
    // the given tree says otherwise: it is the one the documents carry,
    // and dyad's own reading of the sentence is not coded
    let conllu = dir.join("odd.conllu");
    std::fs::write(&conllu, ODD_TREE).unwrap();
    let out = run(dyad()
        .args(["code", "--quiet", "--emit", "documents"])
        .arg(&conllu));
    let docs = json_lines(&out.stdout);
    let tokens = docs[0]["sentences"][0]["tokens"].as_array().unwrap();
    let tree: Vec<(u64, &str)> = tokens
        .iter()
        .map(|t| (t["head"].as_u64().unwrap(), t["deprel"].as_str().unwrap()))
        .collect();
    assert_eq!(tree, [(2, "obj"), (0, "root"), (2, "nsubj"), (2, "punct")]);
    assert!(
        !dyads(&conllu).contains(&("TCD".to_string(), "NER".to_string())),
        "the given tree was ignored"
    );
}
