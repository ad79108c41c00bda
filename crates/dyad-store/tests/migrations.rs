//! A store made by the previous schema version opens with the current
//! code: migrated on a writable open, refused with a clear message on a
//! read-only one.

#![allow(clippy::unwrap_used)]

use dyad_store::schema::{MIGRATIONS, SCHEMA_VERSION};
use dyad_store::{Filter, Store, StoreError};

/// Makes a store as the previous version did, with one document and
/// event written by that version's SQL.
fn previous_version(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    for sql in &MIGRATIONS[..MIGRATIONS.len() - 1] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", SCHEMA_VERSION - 1)
        .unwrap();
    conn.execute_batch(
        r#"
        INSERT INTO documents (id, doc_id, content_hash, title, date, date_text, url, origin, text)
        VALUES (1, 'old-1', '0000000000000000', 'Old', '2019-10-31', '31 Oct 2019', NULL,
                'old.txt', 'Turkish troops attacked Kurdish fighters.');
        INSERT INTO sentences (doc, idx, start, end, text)
        VALUES (1, 0, 0, 41, 'Turkish troops attacked Kurdish fighters.');
        -- v3's loader indexed each batch's sentences itself (v1 and v2 by a
        -- trigger, which v3 dropped)
        INSERT INTO sentence_fts (rowid, text) SELECT id, text FROM sentences;
        INSERT INTO events (event_id, doc, sentence_index, date, date_precision, cameo, cameo_root,
            quad_class, goldstein, plover_type, plover_mode, source_code, source_country,
            target_code, target_country, place, place_country, lat, lon, cluster_id, modality,
            negated, record)
        VALUES ('old-1-0-0', 1, 0, '2019-10-31', 'publication', '190', '19', 4, -10.0,
            'ASSAULT', NULL, 'TURMIL', 'TUR', 'KURREB', NULL, NULL, NULL, NULL, NULL, NULL,
            'asserted', 0, '{"event_id":"old-1-0-0","cameo":"190"}');
        "#,
    )
    .unwrap();
}

#[test]
fn a_previous_version_store_is_migrated_and_keeps_its_data() {
    let dir = std::env::temp_dir().join(format!("dyad-store-migrate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("old.sqlite");
    let _ = std::fs::remove_file(&path);
    previous_version(&path);

    let err = Store::open_read_only(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooOld { .. }), "{err}");
    assert!(err.to_string().contains("dyad db migrate"));

    let store = Store::open(&path).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(stats.schema_version, SCHEMA_VERSION);
    assert_eq!((stats.documents, stats.events), (1, 1));
    assert!(stats.loads.is_empty());
    // v4: the record moved to its own table, byte for byte
    let record = r#"{"event_id":"old-1-0-0","cameo":"190"}"#;
    let page = store.events_json(&Filter::default(), None, 10).unwrap();
    assert_eq!(page, format!(r#"{{"events":[{record}],"next":null}}"#));
    let view = store.event("old-1-0-0").unwrap().unwrap();
    assert_eq!(view.record["cameo"], "190");
    assert_eq!(store.document("old-1").unwrap().unwrap().events.len(), 1);
    let columns: Vec<String> = store
        .connection()
        .prepare("SELECT name FROM pragma_table_info('events')")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(columns.contains(&"event_id".to_string()));
    assert!(!columns.contains(&"record".to_string()));
    let text = Filter {
        text: Some("Kurdish".into()),
        ..Filter::default()
    };
    assert_eq!(store.events(&text, None, 10).unwrap().events.len(), 1);
    drop(store);
    assert!(Store::open_read_only(&path).is_ok());

    // a store from a newer dyad is refused
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    assert!(matches!(Store::open(&path), Err(StoreError::TooNew { .. })));
    let _ = std::fs::remove_dir_all(&dir);
}
