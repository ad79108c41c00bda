//! `dyad code --db`, `dyad db` and `dyad query` end to end: the real
//! binary, a real SQLite file.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;

use std::path::Path;

const ARTICLES: &[(&str, &str)] = &[
    (
        "a-2019-10-14.txt",
        "Turkish troops attacked Kurdish fighters in Syria.\n\nChad attacked Niger.\n",
    ),
    (
        "b-2019-10-15.txt",
        "Iraqi protesters accused Iran of meddling.\n",
    ),
    ("c-2019-10-21.txt", "Russia criticized Ukraine on Monday.\n"),
];

fn load(db: &Path, dir: &Path) -> String {
    let out = run(dyad().args(["code", "--quiet", "--db"]).arg(db).arg(dir));
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    assert!(out.stdout.is_empty());
    stderr
}

fn query(db: &Path, args: &[&str]) -> (bool, String, String) {
    let out = run(dyad().arg("query").arg(db).args(args));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn a_second_load_adds_nothing_and_a_changed_file_is_replaced() {
    let dir = temp_dir("store-load");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, text) in ARTICLES {
        std::fs::write(input.join(name), text).unwrap();
    }
    let db = dir.join("events.sqlite");
    let first = load(&db, &input);
    assert!(
        first.contains("3 documents added, 0 replaced, 0 unchanged"),
        "{first}"
    );
    let second = load(&db, &input);
    assert!(
        second.contains("0 documents added, 0 replaced, 3 unchanged, 0 events"),
        "{second}"
    );
    std::fs::write(input.join("c-2019-10-21.txt"), "Russia attacked Ukraine.\n").unwrap();
    let third = load(&db, &input);
    assert!(
        third.contains("0 documents added, 1 replaced, 2 unchanged"),
        "{third}"
    );

    let out = run(dyad().args(["db", "stats", "--json"]).arg(&db));
    assert!(out.status.success());
    let stats = &json_lines(&out.stdout)[0];
    assert_eq!(stats["documents"], 3);
    assert_eq!(stats["loads"].as_array().unwrap().len(), 3);
    let events = stats["events"].as_i64().unwrap();
    assert!(events >= 3, "{stats}");

    // the events equal what `dyad code` writes for the same input
    let out = run(dyad().args(["code", "--quiet"]).arg(&input));
    let mut coded: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect();
    let (ok, stored, _) = query(&db, &[]);
    assert!(ok);
    let mut stored: Vec<String> = stored.lines().map(String::from).collect();
    coded.sort();
    stored.sort();
    assert_eq!(stored, coded);
}

#[test]
fn query_filters_formats_and_aggregates() {
    let dir = temp_dir("store-query");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, text) in ARTICLES {
        std::fs::write(input.join(name), text).unwrap();
    }
    let db = dir.join("events.sqlite");
    load(&db, &input);

    let (ok, out, err) = query(&db, &["--country", "TCD"]);
    assert!(ok, "{err}");
    let events = json_lines(out.as_bytes());
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["source"]["code"], "TCD");

    let (ok, out, _) = query(&db, &["--text", "Niger OR Kurdish", "--to", "csv"]);
    assert!(ok);
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("schema,event_id,doc_id,"));
    assert!(lines.count() >= 2);

    let (ok, out, _) = query(
        &db,
        &["--aggregate", "timeline", "--per", "day", "--by", "total"],
    );
    assert!(ok);
    let rows = json_lines(out.as_bytes());
    let total: i64 = rows.iter().map(|r| r["count"].as_i64().unwrap()).sum();
    let (_, all, _) = query(&db, &[]);
    assert_eq!(total as usize, all.lines().count());

    let (ok, out, _) = query(
        &db,
        &["--aggregate", "dyads", "--limit", "1", "--to", "tsv"],
    );
    assert!(ok);
    assert_eq!(out.lines().count(), 2);
    assert!(out.starts_with("bucket\tkey\ttarget"));

    // bad input: clear errors, status 2, no panic
    for args in [
        &["--text", "\"unclosed"][..],
        &["--country", "TURKEY"],
        &["--from", "2019-13-01"],
        &["--type", "not a type"],
        &["--aggregate", "nonsense"],
    ] {
        let (ok, _, err) = query(&db, args);
        assert!(!ok, "{args:?}");
        assert!(err.contains("error"), "{args:?}: {err}");
    }
    let (ok, _, err) = query(&dir.join("missing.sqlite"), &[]);
    assert!(!ok);
    assert!(err.contains("no such database file"), "{err}");
}

#[test]
fn db_flag_conflicts_with_record_output() {
    let dir = temp_dir("store-conflicts");
    let text = dir.join("a.txt");
    std::fs::write(&text, "Chad attacked Niger.\n").unwrap();
    let out = run(dyad()
        .args(["code", "--db", "x.sqlite", "--to", "csv"])
        .arg(&text));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be used with"));
}

#[test]
fn synth_fills_a_store_and_migrate_reports_the_version() {
    let dir = temp_dir("store-synth");
    let db = dir.join("synth.sqlite");
    let out = run(dyad().args(["db", "synth", "--documents", "100"]).arg(&db));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("100 documents added, 0 unchanged, 300 events"),
        "{text}"
    );
    let out = run(dyad().args(["db", "migrate"]).arg(&db));
    assert!(out.status.success());
    let version = dyad_store::SCHEMA_VERSION;
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("{version} → {version}")));
    let (ok, out, _) = query(&db, &["--type", "assault", "--limit", "5"]);
    assert!(ok);
    assert_eq!(out.lines().count(), 5);
}
