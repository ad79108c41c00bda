//! Records produced from coded events, validated against the JSON Schema
//! with a small validator for the subset of JSON Schema the file uses
//! (`type`, `required`, `properties`, `items`, `enum`, `const`, `minItems`,
//! `maxItems`, local `$ref`).

use super::*;
use dyad_code::{Coder, Config, read_records};
use dyad_dict::{Dictionaries, VerbDict};
use serde_json::Value;

#[path = "../../tests/common/sentence.rs"]
mod sentence;

fn validate(schema: &Value, root: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let target = r.strip_prefix("#/").map(|p| {
            p.split('/')
                .fold(root, |v, k| v.get(k).unwrap_or(&Value::Null))
        });
        match target {
            Some(s) if !s.is_null() => return validate(s, root, value, path, errors),
            _ => return errors.push(format!("{path}: bad $ref {r}")),
        }
    }
    if let Some(types) = schema.get("type") {
        let names: Vec<&str> = match types {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = names.iter().any(|t| match *t {
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            "object" => value.is_object(),
            "array" => value.is_array(),
            _ => false,
        });
        if !ok {
            errors.push(format!("{path}: {value} is not {names:?}"));
            return;
        }
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        errors.push(format!("{path}: {value} is not {c}"));
    }
    if let Some(Value::Array(options)) = schema.get("enum")
        && !options.contains(value)
    {
        errors.push(format!("{path}: {value} not in enum"));
    }
    if let Value::Object(map) = value {
        if let Some(Value::Array(required)) = schema.get("required") {
            for key in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(key) {
                    errors.push(format!("{path}: missing key {key}"));
                }
            }
        }
        if let Some(Value::Object(props)) = schema.get("properties") {
            for (key, sub) in props {
                if let Some(v) = map.get(key) {
                    validate(sub, root, v, &format!("{path}.{key}"), errors);
                }
            }
        }
    }
    if let Value::Array(items) = value {
        if let Some(n) = schema.get("minItems").and_then(Value::as_u64)
            && (items.len() as u64) < n
        {
            errors.push(format!("{path}: fewer than {n} items"));
        }
        if let Some(n) = schema.get("maxItems").and_then(Value::as_u64)
            && (items.len() as u64) > n
        {
            errors.push(format!("{path}: more than {n} items"));
        }
        if let Some(sub) = schema.get("items") {
            for (i, v) in items.iter().enumerate() {
                validate(sub, root, v, &format!("{path}[{i}]"), errors);
            }
        }
    }
}

fn check(value: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let mut errors = Vec::new();
    validate(&schema, &schema, value, "$", &mut errors);
    errors
}

fn coded_records() -> Vec<Value> {
    let mut dicts = Dictionaries {
        verbs: VerbDict::parse(
            "t.verbs",
            "--- ATTACK [190] ---\nATTACK\n--- SAY [010] ---\nSAY {SAID}\n",
        )
        .0,
        ..Dictionaries::default()
    };
    dicts
        .actors
        .add_text("t.actors", "IRAQ [IRQ]\n+IRAQI\nIRAN [IRN]\n");
    dicts
        .agents
        .add_text("t.agents", "SECURITY_FORCES {} [~COP]\n");
    let coder = Coder::new(dicts);
    let xml = "<Sentence id=\"doc-1\" date=\"20191031\"><Text>Iran said Iraqi security forces attacked Iran.</Text><Parse>
1\tIran\tIran\tPROPN\t_\t_\t2\tnsubj\t_\t_
2\tsaid\tsay\tVERB\t_\t_\t0\troot\t_\t_
3\tIraqi\tIraqi\tADJ\t_\t_\t5\tamod\t_\t_
4\tsecurity\tsecurity\tNOUN\t_\t_\t5\tcompound\t_\t_
5\tforces\tforce\tNOUN\t_\t_\t6\tnsubj\t_\t_
6\tattacked\tattack\tVERB\t_\t_\t2\tccomp\t_\t_
7\tIran\tIran\tPROPN\t_\t_\t6\tobj\t_\t_
8\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_
</Parse></Sentence>";
    let file = read_records(xml);
    let doc = &file.records[0].document;
    let coded = coder.code(doc, &Config::default());
    records(doc, &coded.events)
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect()
}

#[test]
fn records_follow_the_contract_and_schema() {
    let records = coded_records();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(check(r), Vec::<String>::new());
    assert_eq!(r["schema"], "dyad.event/1");
    assert_eq!(r["event_id"], "doc-1-0-0");
    assert_eq!(r["doc_date"], "2019-10-31");
    assert_eq!(r["source"]["code"], "IRQCOP");
    assert_eq!(r["source"]["text"], "Iraqi security forces");
    assert_eq!(r["source"]["span"], serde_json::json!([10, 31]));
    assert_eq!(r["source"]["country"], "IRQ");
    assert_eq!(r["source"]["agents"], serde_json::json!(["COP"]));
    assert_eq!(r["target"]["code"], "IRN");
    assert_eq!(r["cameo"], "190");
    assert_eq!(r["cameo_root"], "19");
    assert_eq!(r["quad_class"], 4);
    assert_eq!(r["plover"]["event_type"], "ASSAULT");
    assert_eq!(r["modality"], "reported");
    assert_eq!(r["attribution"]["code"], "IRN");
    assert_eq!(r["evidence"]["verb"], "attacked");
    assert_eq!(r["evidence"]["rule"], "t.verbs:2");
    assert!(r["location"].is_null());
    let confidence = r["confidence"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&confidence), "{confidence}");
    assert_eq!(r["event_date"], "2019-10-31");
    assert_eq!(r["event_date_precision"], "publication");
    assert!(r["cluster_id"].is_null() && r["mentions"].is_null() && r["sources"].is_null());
}

#[test]
fn enrichment_and_cluster_fields_are_written_and_valid() {
    let file = read_records("<Sentence id=\"d\" date=\"20191031\"><Text>x</Text></Sentence>");
    let doc = &file.records[0].document;
    let mut value = coded_records().remove(0);
    let enrichment = Enrichment {
        date: Date::from_ymd(2016, 9, 18),
        precision: Some("day"),
        location: Some(LocationRecord {
            text: "Tehran".into(),
            name: Some("Tehran".into()),
            country: Some("IRN".into()),
            admin1: None,
            lat: Some(35.69),
            lon: Some(51.42),
            feature: Some("city".into()),
            gazetteer_id: Some("geonames:112931".into()),
            source: Some("clause".into()),
        }),
    };
    assert_eq!(Enrichment::publication(doc).precision, Some("publication"));
    // rebuild the coded record with the enrichment through the public API
    let coder_records = {
        let (doc, events) = sentence::iraq_attacked_iran();
        records_enriched(&doc, &events, std::slice::from_ref(&enrichment))
    };
    assert_eq!(coder_records.len(), 1);
    let mut record = coder_records[0].clone();
    record.cluster_id = Some("c1".into());
    record.mentions = Some(2);
    record.sources = Some(1);
    value = serde_json::to_value(&record).unwrap_or(value);
    assert_eq!(check(&value), Vec::<String>::new());
    assert_eq!(value["event_date"], "2016-09-18");
    assert_eq!(value["event_date_precision"], "day");
    assert_eq!(value["location"]["name"], "Tehran");
    assert_eq!(value["cluster_id"], "c1");
    assert_eq!(value["mentions"], 2);
}

#[test]
fn validator_rejects_missing_keys_and_bad_types() {
    let mut r = coded_records().remove(0);
    if let Value::Object(map) = &mut r {
        map.remove("location");
        map.insert("modality".into(), Value::String("maybe".into()));
        map.insert("sentence_span".into(), serde_json::json!([1]));
    }
    let errors = check(&r);
    assert_eq!(errors.len(), 3, "{errors:?}");
}
