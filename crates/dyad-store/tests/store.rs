//! The store end to end: loading (idempotent, incremental), filters,
//! pages, aggregates, flat rows, read-only use.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use dyad_core::Date;
use dyad_output::Writer;
use dyad_store::{Aggregate, Bucket, Filter, GroupBy, Store, StoreError, synth};

mod common;
use common::TempDir;

/// A store with `n` synthetic documents (three events each).
fn loaded(dir: &TempDir, n: u64) -> Store {
    let mut store = Store::open(&dir.db()).unwrap();
    let mut loader = store.loader().unwrap();
    for i in 0..n {
        let (doc, events) = synth::document("t", i);
        loader.put(&doc, &events).unwrap();
    }
    let counts = loader.finish().unwrap();
    assert_eq!(counts.added, n);
    store
}

fn count(store: &Store, filter: &Filter) -> usize {
    let mut n = 0;
    store
        .for_each_event(filter, None, |_| {
            n += 1;
            Ok(())
        })
        .unwrap();
    n
}

#[test]
fn loading_again_adds_nothing_and_a_changed_document_is_replaced() {
    let dir = TempDir::new("store", "idempotent");
    let mut store = loaded(&dir, 50);
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.documents, stats.events, stats.sentences),
        (50, 150, 150)
    );

    let mut loader = store.loader().unwrap();
    for i in 0..50 {
        let (doc, events) = synth::document("t", i);
        assert!(loader.is_current(&doc.meta.id, &dyad_store::content_hash(&doc)));
        loader.put(&doc, &events).unwrap();
    }
    // one changed document and one new one
    let (mut doc, mut events) = synth::document("t", 7);
    doc.meta.title = Some("Corrected".into());
    events.truncate(1);
    loader.put(&doc, &events).unwrap();
    let (doc, events) = synth::document("t", 50);
    loader.put(&doc, &events).unwrap();
    let counts = loader.finish().unwrap();
    assert_eq!(
        (counts.added, counts.replaced, counts.skipped, counts.events),
        (1, 1, 50, 4)
    );

    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.events), (51, 151));
    assert_eq!(stats.loads.len(), 2);
    let view = store.document("t-7").unwrap().unwrap();
    assert_eq!(view.title.as_deref(), Some("Corrected"));
    assert_eq!(view.events.len(), 1);
    // the replaced document's old sentences left the full-text index
    let filter = Filter {
        text: Some("Corrected".into()),
        ..Filter::default()
    };
    assert_eq!(count(&store, &filter), 0);
}

#[test]
fn the_text_index_follows_loads_and_replacements_in_one_batch() {
    let dir = TempDir::new("store", "fts-batch");
    let mut store = Store::open(&dir.db()).unwrap();
    let mut loader = store.loader().unwrap();
    for i in 0..10 {
        let (doc, events) = synth::document("t", i);
        loader.put(&doc, &events).unwrap();
    }
    // the last document written is replaced before the batch commits: its
    // sentences leave the index and the new ones (same row ids again) enter
    let (mut doc, events) = synth::document("t", 9);
    doc.meta.title = Some("Changed".into());
    loader.put(&doc, &events).unwrap();
    loader.finish().unwrap();
    drop(store);

    let conn = rusqlite::Connection::open(dir.db()).unwrap();
    conn.execute(
        "INSERT INTO sentence_fts (sentence_fts) VALUES ('integrity-check')",
        [],
    )
    .unwrap();
    let (indexed, sentences): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM sentence_fts), (SELECT count(*) FROM sentences)",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!(indexed, sentences);
    // every stored sentence is found by a word of its own text
    let mut stmt = conn.prepare("SELECT id, text FROM sentences").unwrap();
    let rows: Vec<(i64, String)> = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (id, text) in rows {
        let word: String = text
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| w.len() > 3)
            .unwrap()
            .to_string();
        let hit: i64 = conn
            .query_row(
                "SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH ?1 AND rowid = ?2",
                rusqlite::params![format!("\"{word}\""), id],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(hit, 1, "sentence {id} not found by {word:?}");
    }
}

#[test]
fn filters_select_what_they_name() {
    let dir = TempDir::new("store", "filters");
    let store = loaded(&dir, 200);
    let all = count(&store, &Filter::default());
    assert_eq!(all, 600);
    let mut seen = 0;
    for t in [
        "ASSAULT", "CONSULT", "ACCUSE", "PROTEST", "AID", "THREATEN", "AGREE", "SANCTION",
    ] {
        let filter = Filter {
            plover_type: Some(t.to_lowercase()),
            ..Filter::default()
        };
        let n = count(&store, &filter);
        assert!(n > 0, "{t}");
        seen += n;
        store
            .for_each_event(&filter, None, |json| {
                assert!(json.contains(&format!("\"event_type\":\"{t}\"")));
                Ok(())
            })
            .unwrap();
    }
    assert_eq!(seen, all);

    let check = |filter: Filter, test: &dyn Fn(&serde_json::Value) -> bool| {
        let page = store.events(&filter, None, 1000).unwrap();
        assert!(!page.events.is_empty(), "{filter:?}");
        assert!(page.events.len() < all, "{filter:?}");
        for e in &page.events {
            assert!(test(e), "{filter:?}: {e}");
        }
    };
    check(
        Filter {
            actor: Some("TUR".into()),
            ..Filter::default()
        },
        &|e| {
            e["source"]["code"].as_str().unwrap().starts_with("TUR")
                || e["target"]["code"].as_str().unwrap().starts_with("TUR")
        },
    );
    check(
        Filter {
            country: Some("irq".into()),
            ..Filter::default()
        },
        &|e| e["source"]["country"] == "IRQ" || e["target"]["country"] == "IRQ",
    );
    check(
        Filter {
            cameo: Some("19".into()),
            ..Filter::default()
        },
        &|e| e["cameo"] == "190",
    );
    check(
        Filter {
            quad_class: Some(4),
            ..Filter::default()
        },
        &|e| e["quad_class"] == 4,
    );
    check(
        Filter {
            place: Some("bagh".into()),
            ..Filter::default()
        },
        &|e| e["location"]["name"] == "Baghdad",
    );
    check(
        Filter {
            from: Date::parse("2018-03-01"),
            to: Date::parse("2018-03-31"),
            ..Filter::default()
        },
        &|e| e["event_date"].as_str().unwrap().starts_with("2018-03"),
    );
    check(
        Filter {
            text: Some("rebels AND Kyiv".into()),
            ..Filter::default()
        },
        &|e| {
            let s = e["sentence"].as_str().unwrap();
            s.contains("rebels") && s.contains("Kyiv")
        },
    );
    check(
        Filter {
            doc_id: Some("t-3".into()),
            ..Filter::default()
        },
        &|e| e["doc_id"] == "t-3",
    );
    // a place with LIKE's wildcards is matched literally
    assert_eq!(
        count(
            &store,
            &Filter {
                place: Some("%".into()),
                ..Filter::default()
            }
        ),
        0
    );
}

#[test]
fn bad_text_queries_and_values_are_errors_for_the_caller() {
    let dir = TempDir::new("store", "errors");
    let store = loaded(&dir, 5);
    for query in ["\"unclosed", "AND", "a NEAR(", "*"] {
        let filter = Filter {
            text: Some(query.into()),
            ..Filter::default()
        };
        let err = store.events(&filter, None, 10).unwrap_err();
        assert!(err.is_bad_request(), "{query}: {err}");
    }
    let err = store.events(&Filter::default(), None, 0).unwrap_err();
    assert!(matches!(err, StoreError::Invalid { name: "limit", .. }));
    assert!(
        store
            .events(&Filter::default(), None, dyad_store::MAX_PAGE + 1)
            .is_err()
    );
}

#[test]
fn pages_cover_every_event_once_in_order() {
    let dir = TempDir::new("store", "pages");
    let store = loaded(&dir, 40);
    let filter = Filter {
        quad_class: Some(3),
        ..Filter::default()
    };
    let expected = count(&store, &filter);
    let mut ids = Vec::new();
    let mut after = None;
    loop {
        let page = store.events(&filter, after, 7).unwrap();
        assert!(page.events.len() <= 7);
        ids.extend(
            page.events
                .iter()
                .map(|e| e["event_id"].as_str().unwrap().to_string()),
        );
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(ids.len(), expected);
    // the JSON text of a page is the same page
    let page = store.events(&filter, None, 5).unwrap();
    let text: serde_json::Value =
        serde_json::from_str(&store.events_json(&filter, None, 5).unwrap()).unwrap();
    assert_eq!(text["events"], serde_json::Value::Array(page.events));
    assert_eq!(text["next"].as_i64(), page.next);
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique, ids);
}

#[test]
fn aggregates_add_up() {
    let dir = TempDir::new("store", "aggregates");
    let store = loaded(&dir, 300);
    let filter = Filter::default();
    for per in [Bucket::Day, Bucket::Week, Bucket::Month] {
        for by in [
            GroupBy::Plover,
            GroupBy::Quad,
            GroupBy::CameoRoot,
            GroupBy::Total,
        ] {
            let rows = store
                .aggregate(Aggregate::Timeline { per, by }, &filter)
                .unwrap();
            assert_eq!(rows.iter().map(|r| r.count).sum::<i64>(), 900, "{per} {by}");
            let buckets: Vec<&str> = rows.iter().filter_map(|r| r.bucket.as_deref()).collect();
            assert!(buckets.windows(2).all(|w| w[0] <= w[1]));
            if per == Bucket::Week {
                // weeks are labelled by their Monday
                for b in &buckets {
                    assert_eq!(Date::parse(b).unwrap().weekday(), 0, "{b}");
                }
            }
        }
    }
    let weekly = store
        .aggregate(
            Aggregate::Timeline {
                per: Bucket::Month,
                by: GroupBy::Total,
            },
            &filter,
        )
        .unwrap();
    assert!(
        weekly
            .iter()
            .all(|r| r.bucket.as_deref().unwrap().ends_with("-01"))
    );
    let goldstein: f64 = weekly.iter().map(|r| r.goldstein).sum();
    assert!(goldstein.abs() > 0.0);

    let dyads = store
        .aggregate(
            Aggregate::Dyads {
                countries: false,
                limit: 5,
            },
            &filter,
        )
        .unwrap();
    assert_eq!(dyads.len(), 5);
    assert!(dyads.windows(2).all(|w| w[0].count >= w[1].count));
    assert!(dyads.iter().all(|r| r.key.is_some() && r.target.is_some()));
    let countries = store
        .aggregate(Aggregate::Countries { limit: 100 }, &filter)
        .unwrap();
    assert_eq!(countries.iter().map(|r| r.count).sum::<i64>(), 900);
    let places = store
        .aggregate(Aggregate::Places { limit: 100 }, &filter)
        .unwrap();
    assert_eq!(places.len(), 10);
    let baghdad = places
        .iter()
        .find(|p| p.key.as_deref() == Some("Baghdad"))
        .unwrap();
    assert_eq!(
        (baghdad.lat, baghdad.lon, baghdad.country.as_deref()),
        (Some(33.34), Some(44.40), Some("IRQ"))
    );
    // a filter narrows an aggregate
    let assaults = Filter {
        plover_type: Some("ASSAULT".into()),
        ..Filter::default()
    };
    let rows = store
        .aggregate(Aggregate::Countries { limit: 100 }, &assaults)
        .unwrap();
    assert_eq!(
        rows.iter().map(|r| r.count).sum::<i64>() as usize,
        count(&store, &assaults)
    );
}

#[test]
fn flat_rows_match_dyad_code_csv() {
    let dir = TempDir::new("store", "flat");
    let store = loaded(&dir, 3);
    let mut expected = Vec::new();
    {
        let mut csv = Box::new(dyad_output::CsvWriter::new(&mut expected, b',').unwrap());
        for i in 0..3 {
            let (_, events) = synth::document("t", i);
            csv.write_events(&events).unwrap();
        }
        csv.finish().unwrap();
    }
    let mut got = Vec::new();
    let mut flat = dyad_store::flat::FlatWriter::new(&mut got, b',').unwrap();
    store
        .for_each_event(&Filter::default(), None, |json| flat.write_json(json))
        .unwrap();
    flat.finish().unwrap();
    assert_eq!(
        String::from_utf8(got).unwrap(),
        String::from_utf8(expected).unwrap()
    );
}

#[test]
fn read_only_stores_refuse_writes_and_bad_files_are_clear_errors() {
    let dir = TempDir::new("store", "readonly");
    drop(loaded(&dir, 2));
    let mut store = Store::open_read_only(&dir.db()).unwrap();
    assert_eq!(store.stats().unwrap().events, 6);
    assert!(
        store
            .connection()
            .execute("DELETE FROM events", [])
            .is_err()
    );
    assert!(store.loader().unwrap().finish().is_err());
    assert_eq!(store.stats().unwrap().events, 6);

    let missing = dir.join("nope.sqlite");
    assert!(matches!(
        Store::open_read_only(&missing),
        Err(StoreError::Missing(_))
    ));
    let text = dir.join("text.sqlite");
    std::fs::write(&text, "not a database at all, just text").unwrap();
    assert!(Store::open_read_only(&text).is_err());
    assert!(Store::open(&text).is_err());
    let other = dir.join("other.sqlite");
    rusqlite_free_table(&other);
    assert!(matches!(Store::open(&other), Err(StoreError::NotAStore)));
    assert!(matches!(
        Store::open_read_only(&other),
        Err(StoreError::NotAStore)
    ));
}

/// A SQLite file with one unrelated table.
fn rusqlite_free_table(path: &std::path::Path) {
    let store = Store::open(path).unwrap();
    store
        .connection()
        .execute_batch("PRAGMA user_version = 0; CREATE TABLE other (x)")
        .unwrap();
}

#[test]
fn a_read_past_the_time_limit_is_stopped() {
    let dir = TempDir::new("store", "limit");
    let mut store = loaded(&dir, 100);
    store.set_time_limit(Some(Duration::ZERO));
    let err = store
        .aggregate(
            Aggregate::Timeline {
                per: Bucket::Week,
                by: GroupBy::Plover,
            },
            &Filter::default(),
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::TooSlow(_)), "{err}");
    store.set_time_limit(Some(Duration::from_secs(30)));
    assert!(store.events(&Filter::default(), None, 10).is_ok());
}
