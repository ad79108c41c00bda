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
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

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

/// Version 4: each event's record moves to its own table,
/// `event_records`, so the `events` table keeps only the short indexed
/// columns (a scan of it, an aggregate or an index build, reads about a
/// tenth of the bytes); `pending_indexes` keeps the definitions of the
/// indexes a bulk load into an empty store dropped, until it builds them
/// again; the index on `place` goes (the place filter is a substring
/// match, which no index serves).
const V4: &str = "
CREATE TABLE event_records (
    id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    record TEXT NOT NULL
);
INSERT INTO event_records (id, record) SELECT id, record FROM events;
DROP INDEX events_place;
ALTER TABLE events DROP COLUMN record;
CREATE TABLE pending_indexes (
    name TEXT PRIMARY KEY,
    sql TEXT NOT NULL
);
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
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    // a migration that rewrites a large table (v4 drops a column) keeps
    // its statement journal in a temporary file, not in memory (a store of
    // a million events needed 1.9 GB)
    let temp_store: i64 = conn.query_row("PRAGMA temp_store", [], |row| row.get(0))?;
    conn.pragma_update(None, "temp_store", "FILE")?;
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", n + 1)?;
        tx.commit()?;
    }
    conn.pragma_update(None, "temp_store", temp_store)?;
    Ok(())
}

/// Drops the secondary indexes of `events` and records their definitions
/// in `pending_indexes`, in the caller's transaction, for a bulk load into
/// an empty store: one sorted build per index after the load costs less
/// than updating every index on every insert. [`restore_indexes`] builds
/// them again; until it runs, queries return the same rows, only slower.
pub fn defer_indexes(conn: &Connection) -> Result<(), StoreError> {
    let indexes: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master \
             WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut save =
        conn.prepare("INSERT OR REPLACE INTO pending_indexes (name, sql) VALUES (?1, ?2)")?;
    for (name, sql) in &indexes {
        save.execute([name, sql])?;
        conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(())
}

/// Builds the indexes [`defer_indexes`] dropped (an interrupted bulk load
/// leaves them pending: a writable open builds them), in the caller's
/// transaction; returns how many.
pub fn restore_indexes(conn: &Connection) -> Result<usize, StoreError> {
    let pending: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM pending_indexes ORDER BY name")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    if pending.is_empty() {
        // nothing to write: an open of a store not being bulk-loaded stays
        // a read
        return Ok(0);
    }
    for (_, sql) in &pending {
        conn.execute_batch(sql)?;
    }
    conn.execute_batch("DELETE FROM pending_indexes")?;
    Ok(pending.len())
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
