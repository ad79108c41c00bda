//! The database schema, as a list of migrations.
//!
//! The schema version is SQLite's `user_version`. Migration `n` (1-based)
//! takes a database from version `n - 1` to `n`; a new database runs them
//! all. A migration is never edited once released: a change is a new one,
//! and `tests/migrations.rs` opens a database made by the previous
//! version's migrations and checks the current code reads it.

use rusqlite::Connection;

use crate::StoreError;

/// The schema version this code writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The migrations, in order; `MIGRATIONS[n - 1]` makes version `n`.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3];

/// Version 1: documents, sentences with their full-text index, events.
const V1: &str = "
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT,
    date TEXT,
    date_text TEXT,
    url TEXT,
    origin TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (doc, idx)
);
CREATE VIRTUAL TABLE sentence_fts USING fts5(text, content='sentences', content_rowid='id');
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentence_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentence_fts(sentence_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_index INTEGER NOT NULL,
    date TEXT,
    date_precision TEXT,
    cameo TEXT NOT NULL,
    cameo_root TEXT NOT NULL,
    quad_class INTEGER,
    goldstein REAL,
    plover_type TEXT,
    plover_mode TEXT,
    source_code TEXT NOT NULL,
    source_country TEXT,
    target_code TEXT NOT NULL,
    target_country TEXT,
    place TEXT,
    place_country TEXT,
    lat REAL,
    lon REAL,
    cluster_id TEXT,
    modality TEXT NOT NULL,
    negated INTEGER NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc, sentence_index);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_type ON events(plover_type);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_source ON events(source_code);
CREATE INDEX events_target ON events(target_code);
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_place ON events(place);
";

/// Version 2: a record of every load (documents added, replaced and
/// skipped, events added, seconds), which `dyad db stats` reports.
const V2: &str = "
CREATE TABLE loads (
    id INTEGER PRIMARY KEY,
    added INTEGER NOT NULL,
    replaced INTEGER NOT NULL,
    skipped INTEGER NOT NULL,
    events INTEGER NOT NULL,
    seconds REAL NOT NULL
);
";

/// Version 3: sentences are indexed for full-text search by the loader,
/// one `INSERT … SELECT` per batch, rather than by a trigger per row: an
/// insert through a trigger makes FTS5 flush its pending terms every time,
/// which made it the largest cost of a bulk load.
const V3: &str = "
DROP TRIGGER sentences_ai;
";

/// The database's schema version.
pub fn version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Brings a writable database up to [`SCHEMA_VERSION`], each migration in
/// its own transaction. A database newer than this code is an error.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found = version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", n + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Checks that a database opened read-only has the current schema.
pub fn check(conn: &Connection) -> Result<(), StoreError> {
    match version(conn)? {
        SCHEMA_VERSION => Ok(()),
        0 => Err(StoreError::NotAStore),
        found if found > SCHEMA_VERSION => Err(StoreError::TooNew {
            found,
            supported: SCHEMA_VERSION,
        }),
        found => Err(StoreError::TooOld {
            found,
            current: SCHEMA_VERSION,
        }),
    }
}
