//! A load into an empty store drops the secondary indexes of `events` and
//! builds them once at its end; an interrupted one leaves them pending,
//! and the next writable open builds them.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use dyad_store::{Filter, Store, synth};

mod common;
use common::TempDir;

/// The definitions of the indexes on `events` SQLite does not make itself.
fn event_indexes(path: &Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' \
             AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name",
        )
        .unwrap();
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn pending(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT count(*) FROM pending_indexes", [], |row| row.get(0))
        .unwrap()
}

fn assault(store: &Store) -> usize {
    let filter = Filter {
        plover_type: Some("ASSAULT".into()),
        ..Filter::default()
    };
    let mut n = 0;
    store
        .for_each_event(&filter, None, |_| {
            n += 1;
            Ok(())
        })
        .unwrap();
    n
}

/// ASSAULT events among the first `n` synthetic documents, counted from
/// the generator.
fn expected_assault(n: u64) -> usize {
    (0..n)
        .flat_map(|i| synth::document("b", i).1)
        .filter(|e| e.plover.as_ref().is_some_and(|p| p.event_type == "ASSAULT"))
        .count()
}

#[test]
fn a_load_into_an_empty_store_ends_with_every_index() {
    let dir = TempDir::new("bulk", "empty");
    drop(Store::open(&dir.db()).unwrap());
    let before = event_indexes(&dir.db());
    assert!(before.iter().any(|(name, _)| name == "events_type"));

    let mut store = Store::open(&dir.db()).unwrap();
    let mut loader = store.loader().unwrap();
    for i in 0..40 {
        let (doc, events) = synth::document("b", i);
        loader.put(&doc, &events).unwrap();
    }
    // a replacement in the same load deletes through the indexes: they are
    // built before it
    let (mut doc, mut events) = synth::document("b", 3);
    doc.meta.title = Some("Corrected".into());
    events.truncate(1);
    loader.put(&doc, &events).unwrap();
    let counts = loader.finish().unwrap();
    assert_eq!((counts.added, counts.replaced, counts.events), (40, 1, 121));
    drop(store);

    assert_eq!(event_indexes(&dir.db()), before);
    assert_eq!(pending(&dir.db()), 0);
    let store = Store::open_read_only(&dir.db()).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.events), (40, 118));
    assert_eq!(store.document("b-3").unwrap().unwrap().events.len(), 1);
    let plan: String = store
        .connection()
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM events WHERE plover_type = 'ASSAULT'",
            [],
            |row| row.get(3),
        )
        .unwrap();
    assert!(plan.contains("events_type"), "{plan}");
}

#[test]
fn an_interrupted_bulk_load_keeps_its_batches_and_the_next_open_builds_the_indexes() {
    let dir = TempDir::new("bulk", "interrupted");
    let mut store = Store::open(&dir.db()).unwrap();
    let before = event_indexes(&dir.db());
    let mut loader = store.loader().unwrap();
    // one committed batch of 2,000 documents and five more, then the
    // loader is dropped without finish: the five are rolled back
    for i in 0..2_005 {
        let (doc, events) = synth::document("b", i);
        loader.put(&doc, &events).unwrap();
    }
    drop(loader);
    drop(store);

    assert_eq!(pending(&dir.db()) as usize, before.len());
    assert!(event_indexes(&dir.db()).is_empty());
    // a reader sees every committed event, without the indexes
    let reader = Store::open_read_only(&dir.db()).unwrap();
    assert_eq!(reader.stats().unwrap().documents, 2_000);
    assert_eq!(assault(&reader), expected_assault(2_000));
    drop(reader);

    // a writable open builds them; the next load keeps them and adds the rest
    let mut store = Store::open(&dir.db()).unwrap();
    assert_eq!(event_indexes(&dir.db()), before);
    assert_eq!(pending(&dir.db()), 0);
    let mut loader = store.loader().unwrap();
    for i in 0..2_005 {
        let (doc, events) = synth::document("b", i);
        loader.put(&doc, &events).unwrap();
    }
    let counts = loader.finish().unwrap();
    assert_eq!((counts.added, counts.skipped), (5, 2_000));
    assert_eq!(pending(&dir.db()), 0);
    assert_eq!(event_indexes(&dir.db()), before);
    assert_eq!(assault(&store), expected_assault(2_005));
}
