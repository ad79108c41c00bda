//! The record's four descriptions agree: the JSON Schema
//! (`schema/dyad.event-1.schema.json`), the contract
//! (`shared/event-record.md`, when present), the serde struct's keys, and
//! the flat column table of `docs/output.md`.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;

use dyad_output::flat;
use serde_json::Value;

/// Keys the record writes beyond the contract's example (which says "more
/// may be added"): the clustering fields and the evidence's actor rules.
const ADDITIONS: [&str; 5] = [
    "cluster_id",
    "mentions",
    "sources",
    "evidence.actor_rules",
    "location.source",
];

fn schema() -> Value {
    serde_json::from_str(dyad_output::SCHEMA).unwrap()
}

/// The sub-schema at `schema`, following a local `$ref`.
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .trim_start_matches("#/")
            .split('/')
            .fold(root, |v, k| &v[k]),
        None => schema,
    }
}

/// Every key path of the schema's objects (`evidence.rule`), checking on
/// the way that each object requires exactly the keys it describes.
fn schema_paths(root: &Value, schema: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    let schema = resolve(root, schema);
    let Some(Value::Object(properties)) = schema.get("properties") else {
        return;
    };
    let required: BTreeSet<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let described: BTreeSet<&str> = properties.keys().map(String::as_str).collect();
    assert_eq!(required, described, "required keys of {prefix:?}");
    for (key, sub) in properties {
        let path = format!("{prefix}{key}");
        schema_paths(root, sub, &format!("{path}."), out);
        out.insert(path);
    }
}

/// Every key path of a JSON value's objects, skipping `"..."` placeholders
/// (the contract's `"target": { "...": "same shape as source" }`).
fn value_paths(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    if let Value::Object(map) = value {
        for (key, sub) in map.iter().filter(|(k, _)| *k != "...") {
            let path = format!("{prefix}{key}");
            value_paths(sub, &format!("{path}."), out);
            out.insert(path);
        }
    }
}

fn all_schema_paths() -> BTreeSet<String> {
    let schema = schema();
    let mut paths = BTreeSet::new();
    schema_paths(&schema, &schema, "", &mut paths);
    paths
}

#[test]
fn the_serde_keys_are_the_schema_keys() {
    // The record with every optional object present.
    let record = common::json(&common::records()[1]);
    let mut keys = BTreeSet::new();
    value_paths(&record, "", &mut keys);
    assert_eq!(keys, all_schema_paths());
}

#[test]
fn the_schema_is_the_contract_plus_the_documented_additions() {
    // the contract stands beside the data, in `../shared`
    let Some(path) = dyad_testkit::shared_file(
        "the_schema_is_the_contract_plus_the_documented_additions",
        "../event-record.md",
    ) else {
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap();
    let block = text
        .split("```json")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    let example: Value = serde_json::from_str(block).unwrap();
    let mut contract = BTreeSet::new();
    value_paths(&example, "", &mut contract);
    // The target has the source's shape.
    let source: Vec<String> = contract
        .iter()
        .filter_map(|p| p.strip_prefix("source."))
        .map(|k| format!("target.{k}"))
        .collect();
    contract.extend(source);
    let schema = all_schema_paths();
    let missing: Vec<_> = contract.difference(&schema).collect();
    assert!(
        missing.is_empty(),
        "contract keys not in the schema: {missing:?}"
    );
    let added: BTreeSet<&str> = schema.difference(&contract).map(String::as_str).collect();
    assert_eq!(added, ADDITIONS.into_iter().collect());
}

#[test]
fn docs_output_md_lists_the_flat_columns() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/output.md");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(flat::FLAT_SCHEMA_NAME));
    let documented: Vec<(String, String, String)> = common::documented_columns()
        .into_iter()
        .map(|row| (row[0].clone(), row[1].clone(), row[2].clone()))
        .collect();
    let code: Vec<(String, String, String)> = flat::columns()
        .iter()
        .map(|c| {
            let nullable = if c.nullable() { "yes" } else { "no" };
            (
                c.name().to_string(),
                c.ty().as_str().to_string(),
                nullable.to_string(),
            )
        })
        .collect();
    assert_eq!(documented, code);
}

#[test]
fn flat_columns_are_the_schema_leaves() {
    // Every flat column comes from one schema key path by the naming rule.
    let names: BTreeSet<String> = common::flatten(&Value::Null).into_keys().collect();
    let code: BTreeSet<String> = flat::columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(names, code);
}
