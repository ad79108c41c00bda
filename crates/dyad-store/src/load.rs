//! Writing processed documents into a store, idempotently.

use std::collections::HashMap;
use std::time::Instant;

use dyad_core::Document;
use dyad_output::EventRecord;
use rusqlite::params;
use serde::Serialize;

use crate::{Store, StoreError};

/// Documents per transaction: large enough that commits cost little,
/// small enough that an interrupted load keeps most of its work.
const BATCH_DOCUMENTS: usize = 2_000;

/// What a load did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct LoadCounts {
    /// Documents stored for the first time.
    pub added: u64,
    /// Documents whose content changed, stored again in place of the old.
    pub replaced: u64,
    /// Documents already stored with the same content hash.
    pub skipped: u64,
    /// Events written.
    pub events: u64,
    /// Seconds from the loader's start to its finish.
    pub seconds: f64,
}

/// What [`Loader::put`] did with one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// New.
    Added,
    /// Changed: the old version and its events were removed first.
    Replaced,
    /// Unchanged: nothing written.
    Skipped,
}

/// The content hash of a document: FNV-1a (64 bits, hex) over its id,
/// title, date as written, URL and cleaned text, each followed by a byte
/// that cannot occur in UTF-8 so fields cannot run into each other.
/// Stable across runs, platforms and dyad versions.
pub fn content_hash(doc: &Document) -> String {
    let meta = &doc.meta;
    let fields = [
        Some(meta.id.as_str()),
        meta.title.as_deref(),
        meta.date_text.as_deref(),
        meta.url.as_deref(),
        Some(doc.text.as_str()),
    ];
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |byte: u8| {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    };
    for field in fields {
        match field {
            Some(text) => text.bytes().for_each(&mut eat),
            None => eat(0xfe),
        }
        eat(0xff);
    }
    format!("{hash:016x}")
}

/// Writes documents and their events into a store in batched
/// transactions. Call [`Loader::finish`] at the end: it commits the last
/// batch and records the load; a loader dropped without it rolls the last
/// batch back.
#[derive(Debug)]
pub struct Loader<'a> {
    store: &'a mut Store,
    known: HashMap<String, String>,
    counts: LoadCounts,
    in_batch: usize,
    /// The first sentence row written since sentences were last indexed
    /// for full-text search ([`Loader::index_text`]).
    unindexed: Option<i64>,
    /// Where the secondary indexes of `events` stand (see [`Indexes`]).
    indexes: Indexes,
    started: Instant,
}

/// The secondary indexes of `events` during a load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Indexes {
    /// Maintained row by row (the store held documents when the load
    /// started).
    Kept,
    /// The store was empty: they are dropped when the first document is
    /// written, and built once by [`Loader::finish`].
    DeferOnFirstWrite,
    /// Dropped; built again by [`Loader::finish`], before a replacement
    /// (which deletes through them), or by the next writable open if the
    /// load is interrupted.
    Deferred,
}

impl Store {
    /// A loader writing into this store. It reads every stored document's
    /// id and hash first, so [`Loader::is_current`] needs no query. Into an
    /// empty store, it drops the secondary indexes of `events` when it
    /// writes the first document and builds them in [`Loader::finish`]
    /// (see `docs/store.md`).
    pub fn loader(&mut self) -> Result<Loader<'_>, StoreError> {
        let mut known = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT doc_id, content_hash FROM documents")?;
            let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            for row in rows {
                let (id, hash): (String, String) = row?;
                known.insert(id, hash);
            }
        }
        let indexes = if known.is_empty() {
            Indexes::DeferOnFirstWrite
        } else {
            Indexes::Kept
        };
        Ok(Loader {
            store: self,
            indexes,
            known,
            counts: LoadCounts::default(),
            in_batch: 0,
            unindexed: None,
            started: Instant::now(),
        })
    }
}

impl Loader<'_> {
    /// Whether a document with this id and hash is already stored, so it
    /// need not be processed again (count it with [`Loader::skip`]).
    pub fn is_current(&self, doc_id: &str, hash: &str) -> bool {
        self.known.get(doc_id).is_some_and(|h| h == hash)
    }

    /// Counts `n` documents the caller left out because they are current.
    pub fn skip(&mut self, n: u64) {
        self.counts.skipped += n;
    }

    /// Every stored document's id and content hash, as the loader started
    /// (to leave out current documents before processing them).
    pub fn known(&self) -> &HashMap<String, String> {
        &self.known
    }

    /// The counts so far.
    pub fn counts(&self) -> LoadCounts {
        self.counts
    }

    /// Stores `doc` (its metadata, cleaned text and sentences) and its
    /// events, unless it is stored already with the same content hash.
    pub fn put(&mut self, doc: &Document, events: &[EventRecord]) -> Result<Outcome, StoreError> {
        let hash = content_hash(doc);
        let outcome = match self.known.get(&doc.meta.id) {
            Some(old) if *old == hash => {
                self.counts.skipped += 1;
                return Ok(Outcome::Skipped);
            }
            Some(_) => Outcome::Replaced,
            None => Outcome::Added,
        };
        self.begin()?;
        match (self.indexes, outcome) {
            (Indexes::DeferOnFirstWrite, _) => {
                crate::schema::defer_indexes(&self.store.conn)?;
                self.indexes = Indexes::Deferred;
            }
            (Indexes::Deferred, Outcome::Replaced) => self.restore_indexes()?,
            _ => {}
        }
        if outcome == Outcome::Replaced {
            // the delete trigger removes the old sentences from the text
            // index, so they must be in it first
            self.index_text()?;
            self.store
                .conn
                .prepare_cached("DELETE FROM documents WHERE doc_id = ?1")?
                .execute([&doc.meta.id])?;
        }
        let conn = &self.store.conn;
        let (doc_row, first_sentence) = insert_document(conn, doc, &hash)?;
        if self.unindexed.is_none() {
            self.unindexed = first_sentence;
        }
        for record in events {
            insert_event(conn, doc_row, record)?;
        }
        self.known.insert(doc.meta.id.clone(), hash);
        match outcome {
            Outcome::Replaced => self.counts.replaced += 1,
            _ => self.counts.added += 1,
        }
        self.counts.events += events.len() as u64;
        self.in_batch += 1;
        if self.in_batch >= BATCH_DOCUMENTS {
            self.commit()?;
        }
        Ok(outcome)
    }

    /// Commits what is pending, records the load in the `loads` table and
    /// returns its counts.
    pub fn finish(mut self) -> Result<LoadCounts, StoreError> {
        self.begin()?;
        if self.indexes == Indexes::Deferred {
            self.restore_indexes()?;
        }
        self.counts.seconds = self.started.elapsed().as_secs_f64();
        let c = self.counts;
        self.store.conn.execute(
            "INSERT INTO loads (added, replaced, skipped, events, seconds) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![c.added, c.replaced, c.skipped, c.events, c.seconds],
        )?;
        self.commit()?;
        self.store.conn.execute_batch("PRAGMA optimize")?;
        Ok(c)
    }

    /// Builds the indexes this load deferred, in the open transaction.
    fn restore_indexes(&mut self) -> Result<(), StoreError> {
        crate::schema::restore_indexes(&self.store.conn)?;
        self.indexes = Indexes::Kept;
        Ok(())
    }

    fn begin(&mut self) -> Result<(), StoreError> {
        if self.store.conn.is_autocommit() {
            self.store.conn.execute_batch("BEGIN")?;
            self.in_batch = 0;
        }
        Ok(())
    }

    /// Adds the sentences written since the last call to the full-text
    /// index, in one statement. Sentence row ids only grow within a batch
    /// (new rows get the largest id plus one, and a delete is preceded by
    /// this call), so they are exactly the rows from the first one on.
    fn index_text(&mut self) -> Result<(), StoreError> {
        if let Some(first) = self.unindexed.take() {
            self.store
                .conn
                .prepare_cached(
                    "INSERT INTO sentence_fts (rowid, text) SELECT id, text FROM sentences WHERE id >= ?1",
                )?
                .execute([first])?;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<(), StoreError> {
        if !self.store.conn.is_autocommit() {
            self.index_text()?;
            self.store.conn.execute_batch("COMMIT")?;
        }
        self.in_batch = 0;
        Ok(())
    }
}

impl Drop for Loader<'_> {
    fn drop(&mut self) {
        if !self.store.conn.is_autocommit() {
            // an unfinished loader: keep the store as it was before the batch
            let _ = self.store.conn.execute_batch("ROLLBACK");
        }
    }
}

/// Writes the document row and its sentences; returns the document's row
/// id and its first sentence's, if it has any.
fn insert_document(
    conn: &rusqlite::Connection,
    doc: &Document,
    hash: &str,
) -> Result<(i64, Option<i64>), StoreError> {
    let meta = &doc.meta;
    let origin = match meta.origin.line {
        Some(line) => format!("{}:{line}", meta.origin.path),
        None => meta.origin.path.clone(),
    };
    conn.prepare_cached(
        "INSERT INTO documents (doc_id, content_hash, title, date, date_text, url, origin, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        meta.id,
        hash,
        meta.title,
        meta.date.map(|d| d.to_string()),
        meta.date_text,
        meta.url,
        origin,
        doc.text,
    ])?;
    let doc_row = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO sentences (doc, idx, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut first = None;
    for (idx, sentence) in doc.sentences.iter().enumerate() {
        let text = doc.text.get(sentence.span.bytes()).unwrap_or("");
        let [start, end] = sentence.span.chars();
        stmt.execute(params![doc_row, idx, start, end, text])?;
        if first.is_none() {
            first = Some(conn.last_insert_rowid());
        }
    }
    Ok((doc_row, first))
}

fn insert_event(
    conn: &rusqlite::Connection,
    doc_row: i64,
    r: &EventRecord,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(r)?;
    let date = r.event_date.as_deref().or(r.doc_date.as_deref());
    let place = r
        .location
        .as_ref()
        .map(|l| l.name.as_deref().unwrap_or(&l.text));
    let location = r.location.as_ref();
    conn.prepare_cached(
        "INSERT INTO events (event_id, doc, sentence_index, date, date_precision, cameo,
             cameo_root, quad_class, goldstein, plover_type, plover_mode, source_code,
             source_country, target_code, target_country, place, place_country, lat, lon,
             cluster_id, modality, negated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22)",
    )?
    .execute(params![
        r.event_id,
        doc_row,
        r.sentence_index,
        date,
        r.event_date_precision,
        r.cameo,
        r.cameo_root,
        r.quad_class,
        r.goldstein.filter(|g| g.is_finite()),
        r.plover.as_ref().map(|p| p.event_type.as_str()),
        r.plover.as_ref().and_then(|p| p.mode.as_deref()),
        r.source.code,
        r.source.country,
        r.target.code,
        r.target.country,
        place,
        location.and_then(|l| l.country.as_deref()),
        location.and_then(|l| l.lat).filter(|x| x.is_finite()),
        location.and_then(|l| l.lon).filter(|x| x.is_finite()),
        r.cluster_id,
        r.modality,
        r.negated,
    ])?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO event_records (id, record) VALUES (?1, ?2)")?
        .execute(params![id, json])?;
    Ok(())
}
