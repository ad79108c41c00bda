//! Records for the writer tests, and the flat view of a JSON record derived
//! from the JSON Schema alone (independent of `dyad_output::flat`).

#![allow(dead_code, clippy::unwrap_used)]

use std::collections::BTreeMap;

use dyad_output::{
    ActorRecord, AttributionRecord, EventRecord, Evidence, LocationRecord, PloverRecord,
};
use serde_json::Value;

mod sentence;

fn actor(text: &str, code: &str, country: Option<&str>, agents: &[&str]) -> ActorRecord {
    ActorRecord {
        text: text.into(),
        span: [3, 9],
        code: code.into(),
        country: country.map(Into::into),
        agents: agents.iter().map(|a| a.to_string()).collect(),
        entity: None,
        dictionary: None,
    }
}

/// One record from the coder, then hand-made ones with every null, unicode,
/// line breaks, delimiters and quotes, and codes with leading zeros.
pub fn records() -> Vec<EventRecord> {
    let mut out = vec![coded()];
    let base = out[0].clone();
    let mut full = base.clone();
    full.event_id = "dôc-7-0".into();
    full.doc_id = "dôc".into();
    full.doc_title = Some("Tehrān, “talks”\r\nday 2".into());
    full.doc_date = Some("2019-10-31".into());
    full.sentence_index = 7;
    full.sentence = "Iran said, \"we\tmet\"\nin 東京 — again.\r\n".into();
    full.sentence_span = [1_000, 1_040];
    full.source = ActorRecord {
        entity: Some("Ali Khamenei".into()),
        dictionary: Some("Phoenix.Countries.actors.txt:1234".into()),
        ..actor(
            "Iranian\nleaders",
            "IRNGOVMIL",
            Some("IRN"),
            &["GOV", "MIL"],
        )
    };
    full.target = actor("the 2nd, \"best\" unit", "010", None, &[]);
    full.cameo = "010".into();
    full.cameo_root = "01".into();
    full.goldstein = Some(0.0);
    full.quad_class = Some(1);
    full.plover = Some(PloverRecord {
        event_type: "CONSULT".into(),
        mode: Some("visit".into()),
    });
    full.negated = true;
    full.modality = "denied";
    full.attribution = Some(AttributionRecord {
        text: "officials".into(),
        code: None,
        span: [0, 9],
    });
    full.event_date = Some("2019-09-30".into());
    full.event_date_precision = Some("week");
    full.location = Some(LocationRecord {
        text: "Tōkyō".into(),
        name: Some("Tokyo".into()),
        country: Some("JPN".into()),
        admin1: Some("Tōkyō-to".into()),
        lat: Some(35.6895),
        lon: Some(-139.691_706_4),
        feature: Some("city".into()),
        gazetteer_id: Some("geonames:1850147".into()),
        source: Some("sentence".into()),
    });
    full.evidence = Evidence {
        verb: "met".into(),
        verb_span: [1_020, 1_023],
        pattern: Some("* MEET WITH +".into()),
        rule: "t.verbs:12".into(),
        actor_rules: vec!["a.actors:1".into(), "a;b.agents:2".into()],
    };
    full.confidence = Some(0.87);
    full.cluster_id = Some("c12".into());
    full.mentions = Some(3);
    full.sources = Some(2);
    out.push(full);

    let mut empty = base.clone();
    empty.doc_title = None;
    empty.doc_date = None;
    empty.sentence = String::new();
    empty.source = actor("", "", None, &[]);
    empty.target = actor("x", "---", None, &[]);
    empty.cameo = "0431".into();
    empty.cameo_root = "04".into();
    empty.goldstein = None;
    empty.quad_class = None;
    empty.plover = None;
    empty.attribution = None;
    empty.event_date = None;
    empty.event_date_precision = None;
    empty.location = None;
    empty.evidence.pattern = None;
    empty.evidence.actor_rules = Vec::new();
    out.push(empty);

    let mut partial = base;
    partial.plover = Some(PloverRecord {
        event_type: "AID".into(),
        mode: None,
    });
    partial.location = Some(LocationRecord {
        text: "somewhere\r".into(),
        name: None,
        country: None,
        admin1: None,
        lat: None,
        lon: Some(f64::NAN),
        feature: None,
        gazetteer_id: None,
        source: None,
    });
    partial.goldstein = Some(-10.0);
    partial.event_date = Some("1969-12-31".into());
    partial.event_date_precision = Some("day");
    out.push(partial);
    out
}

/// A record the coder made from a parsed sentence.
fn coded() -> EventRecord {
    let (doc, events) = sentence::iraq_attacked_iran();
    dyad_output::records(&doc, &events).remove(0)
}

/// The JSONL line of `record`, parsed.
pub fn json(record: &EventRecord) -> Value {
    let mut line = Vec::new();
    dyad_output::write_event_json(record, &mut line).unwrap();
    assert_eq!(line.last(), Some(&b'\n'));
    serde_json::from_slice(&line).unwrap()
}

/// The flat view of the JSON `record`, by the rule `docs/output.md` states,
/// walking the JSON Schema so that null objects still give their columns:
/// nested keys joined with `_`, spans as `_start`/`_end`, lists of strings
/// joined with `;`.
pub fn flatten(record: &Value) -> BTreeMap<String, Value> {
    let schema: Value = serde_json::from_str(dyad_output::SCHEMA).unwrap();
    let mut out = BTreeMap::new();
    walk(&schema, &schema, record, "", &mut out);
    out
}

fn walk(
    root: &Value,
    schema: &Value,
    value: &Value,
    name: &str,
    out: &mut BTreeMap<String, Value>,
) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let target = reference
            .trim_start_matches("#/")
            .split('/')
            .fold(root, |v, k| &v[k]);
        return walk(root, target, value, name, out);
    }
    if let Some(Value::Object(properties)) = schema.get("properties") {
        for (key, sub) in properties {
            let child = if name.is_empty() {
                key.clone()
            } else {
                format!("{name}_{key}")
            };
            walk(
                root,
                sub,
                value.get(key).unwrap_or(&Value::Null),
                &child,
                out,
            );
        }
    } else if schema.get("maxItems") == Some(&Value::from(2)) {
        out.insert(format!("{name}_start"), value[0].clone());
        out.insert(format!("{name}_end"), value[1].clone());
    } else if schema["type"] == "array" {
        let joined = value.as_array().map(|items| {
            let items: Vec<&str> = items.iter().map(|v| v.as_str().unwrap()).collect();
            Value::from(items.join(";"))
        });
        out.insert(name.to_string(), joined.unwrap_or(Value::Null));
    } else {
        out.insert(name.to_string(), value.clone());
    }
}

/// The rows of the column table of `docs/output.md`: its cells, trimmed,
/// the column name without its backticks.
pub fn documented_columns() -> Vec<Vec<String>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/output.md");
    let text = std::fs::read_to_string(path).unwrap();
    let section = text
        .split("### Columns of ")
        .nth(1)
        .and_then(|rest| rest.split("\n#").next())
        .unwrap();
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let mut row: Vec<String> = cells[1..cells.len() - 1]
                .iter()
                .map(|c| c.to_string())
                .collect();
            row[0] = row[0].trim_matches('`').to_string();
            row
        })
        .collect()
}
