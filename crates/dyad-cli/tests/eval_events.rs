//! `dyad eval events`: scoring dyad's events against a gold event file.

#![allow(clippy::unwrap_used)]

mod common;

use common::{dyad, run, shared_data, temp_dir};
use serde_json::Value;

/// A gold document line with one event.
fn gold_line(id: &str, title: &str, text: &str, event: &str) -> String {
    let annotated = text.chars().count();
    format!(
        r#"{{"doc_id": "{id}", "date": "2019-03-04", "title": {title}, "text": "{text}", "annotated_chars": {annotated}, "events": [{event}]}}"#
    )
}

/// The last stdout line of a successful run, as JSON.
fn last_json(output: &std::process::Output) -> Value {
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(stdout.lines().last().unwrap()).unwrap()
}

#[test]
fn scores_a_small_gold_file() {
    let dir = temp_dir("eval-events");
    // dyad's text drops the doubled space and opens with the headline;
    // gold offsets are into the text as given
    let chad = r#"{"trigger": "attacked", "trigger_span": [6, 14], "quote": "Chad attacked Niger", "plover": "ASSAULT", "mode": null, "cameo": "190", "source": {"text": "Chad", "code": "TCD", "country": "TCD"}, "target": {"text": "Niger", "code": "NER", "country": "NER"}, "modality": "asserted", "negated": false, "event_date": "2019-03-04", "event_date_precision": "day", "place": null, "attribution": null}"#;
    // a bare event noun with no actor of its own is not coded
    let missed = r#"{"trigger": "talks", "trigger_span": [4, 9], "quote": "The talks were cordial", "plover": "CONSULT", "source": null, "target": null, "modality": "asserted", "event_date": null, "event_date_precision": null, "place": null, "attribution": null}"#;
    let lines = [
        gold_line(
            "t-1",
            r#""Border clash""#,
            "Chad  attacked Niger on Monday.",
            chad,
        ),
        gold_line("t-2", "null", "The talks were cordial.", missed),
    ];
    let gold = dir.join("gold.jsonl");
    std::fs::write(&gold, lines.join("\n") + "\n").unwrap();
    let output = run(dyad()
        .args(["eval", "events", "--gold"])
        .arg(&gold)
        .arg("--show-errors"));
    let json = last_json(&output);
    assert_eq!(json["documents"], 2);
    assert_eq!(json["gold_events"], 2);
    assert_eq!(json["type"]["matched"], 1, "{json}");
    assert_eq!(json["type"]["recall"], 0.5);
    assert_eq!(json["type"]["precision"], 1.0);
    assert_eq!(json["system_events"], 1);
    assert_eq!(json["country"]["matched"], 1);
    assert_eq!(json["code"]["matched"], 1);
    assert_eq!(json["per_type"]["ASSAULT"]["recall"], 1.0);
    assert_eq!(json["per_type"]["CONSULT"]["matched"], 0);
    assert_eq!(json["fields"]["modality"]["share"], 1.0);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("MISSED t-2 [4, 9]"), "{stderr}");
    // the one scored event has a confidence, and the calibration table
    // counts it in its bin
    let bins = json["calibration"].as_array().unwrap();
    assert_eq!(bins.len(), 5);
    let counted: u64 = bins.iter().map(|b| b["events"].as_u64().unwrap()).sum();
    assert_eq!(counted, 1);
}

#[test]
fn matched_events_with_other_countries_are_listed() {
    let dir = temp_dir("eval-events-actors");
    // the gold says Chad attacked; dyad reads Mali: the type matches, the
    // countries do not
    let chad = r#"{"trigger": "attacked", "trigger_span": [5, 13], "quote": "Mali attacked Niger", "plover": "ASSAULT", "source": {"text": "Mali", "code": "TCD", "country": "TCD"}, "target": {"text": "Niger", "code": "NER", "country": "NER"}, "modality": "asserted", "event_date": null, "event_date_precision": null, "place": null, "attribution": null}"#;
    let gold = dir.join("gold.jsonl");
    let line = gold_line("t-1", "null", "Mali attacked Niger on Monday.", chad);
    std::fs::write(&gold, line + "\n").unwrap();
    let output = run(dyad()
        .args(["eval", "events", "--gold"])
        .arg(&gold)
        .arg("--show-errors"));
    let json = last_json(&output);
    assert_eq!(json["type"]["matched"], 1, "{json}");
    assert_eq!(json["country"]["matched"], 0, "{json}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("ACTORS t-1 [5, 13] TCD ASSAULT NER | dyad MLI ASSAULT NER"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("MISSED") && !stderr.contains("FALSE"),
        "{stderr}"
    );
}

#[test]
fn a_malformed_gold_line_is_an_error_with_its_line() {
    let dir = temp_dir("eval-events-bad");
    let gold = dir.join("gold.jsonl");
    let good = gold_line("t-1", "null", "Chad attacked Niger.", "");
    std::fs::write(&gold, format!("{good}\n{{\"doc_id\": \"t-2\"\n")).unwrap();
    let output = run(dyad().args(["eval", "events", "--gold"]).arg(&gold));
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("gold.jsonl:2:"), "{stderr}");
}

#[test]
fn scores_the_guardian_gold_file() {
    let Some(data) = shared_data() else {
        return;
    };
    let gold = data.join("gold/guardian-events.jsonl");
    let output = run(dyad()
        .args(["eval", "events", "--require", "source", "--gold"])
        .arg(&gold));
    let json = last_json(&output);
    assert_eq!(json["documents"], 45);
    assert_eq!(json["gold_events"], 574);
    for level in ["type", "country", "code"] {
        for key in ["precision", "recall", "f1"] {
            let v = json[level][key].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&v), "{level}.{key} = {v}");
        }
    }
    assert!(json["type"]["matched"].as_u64().unwrap() > 0, "{json}");
    for key in [
        "date",
        "date_value",
        "place_country",
        "place_name",
        "modality",
        "attribution",
    ] {
        let v = json["fields"][key]["share"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&v), "fields.{key} = {v}");
    }
    for (ty, p) in json["per_type"].as_object().unwrap() {
        let r = p["recall"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&r), "{ty} recall {r}");
    }
}
