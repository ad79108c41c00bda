//! `POST /api/code` against a real server with the built-in pipeline.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use dyad_pipeline::{Pipeline, PipelineConfig};
use dyad_serve::Limits;

#[test]
fn posted_text_is_coded_and_limits_hold() {
    let pipeline = Pipeline::new(PipelineConfig::default()).unwrap();
    let limits = Limits {
        body_bytes: 4096,
        ..Limits::default()
    };
    let addr = start(Some(pipeline), limits);

    let body = br#"{"text": "Chad attacked Niger on Monday.\n\nRussia criticized Ukraine.", "title": "Border clash", "date": "2019-10-31"}"#;
    let reply = request(addr, "POST", "/api/code", Some(body));
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    let doc = reply.json();
    assert!(
        doc["text"]
            .as_str()
            .unwrap()
            .contains("Chad attacked Niger")
    );
    assert!(doc["sentences"].as_array().unwrap().len() >= 2);
    let events = doc["events"].as_array().unwrap();
    let chad = events
        .iter()
        .find(|e| e["source"]["code"] == "TCD")
        .unwrap();
    assert_eq!(chad["target"]["code"], "NER");
    assert_eq!(chad["plover"]["event_type"], "ASSAULT");
    assert_eq!(chad["doc_date"], "2019-10-31");
    // the spans point into the returned text
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    let span = &chad["evidence"]["verb_span"];
    let verb: String = text[span[0].as_u64().unwrap() as usize..span[1].as_u64().unwrap() as usize]
        .iter()
        .collect();
    assert_eq!(verb, "attacked");

    let bad: &[(&[u8], u16)] = &[
        (b"not json", 400),
        (br#"{"text": 5}"#, 400),
        (br#"{"txt": "x"}"#, 400),
        (
            br#"{"text": "Chad attacked Niger.", "date": "31/10/2019"}"#,
            400,
        ),
        (br#"{"text": "   "}"#, 400),
        (b"", 400),
    ];
    for (body, status) in bad {
        let reply = request(addr, "POST", "/api/code", Some(body));
        assert_eq!(reply.status, *status, "{}", String::from_utf8_lossy(body));
        assert_eq!(reply.json()["status"], *status);
    }
    let big = format!(r#"{{"text": "{}"}}"#, "Chad attacked Niger. ".repeat(300));
    let reply = request(addr, "POST", "/api/code", Some(big.as_bytes()));
    assert_eq!(reply.status, 413);
    assert!(reply.json()["error"].as_str().unwrap().contains("4096"));
}
