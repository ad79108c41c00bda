//! dyad's event store: documents, their sentences and their `dyad.event/1`
//! records in one SQLite file, with filters, keyset pagination, full-text
//! search over sentences and the aggregate tables analysts build first.
//!
//! - [`Store`] is one connection to a store file: [`Store::open`] creates
//!   or migrates a writable one, [`Store::open_read_only`] opens an
//!   existing one for reading (what `dyad serve` does).
//! - [`Loader`] writes processed documents in batches: a document already
//!   stored with the same id and [`content_hash`] is skipped, a changed one
//!   replaced, so loading the same folder again adds only what is new.
//! - [`Filter`] selects events (actor, country, PLOVER type, CAMEO prefix,
//!   dates, place, full-text query); [`Store::events`] pages through them
//!   by event row id, [`Store::aggregate`] counts them ([`Aggregate`]).
//! - [`Store::event`] and [`Store::document`] return one event with its
//!   provenance and one document with its sentences and events.
//!
//! The schema is versioned ([`SCHEMA_VERSION`], SQLite's `user_version`)
//! and migrated forward on a writable open; every statement is
//! parameterised. The stored record is the `dyad.event/1` JSON exactly as
//! `dyad code` writes it (in `event_records`, by event row id); the indexed
//! columns of `events` are copies.
//!
//! This crate does not code events or read input files, and knows nothing
//! of HTTP.
//!
//! ```
//! use dyad_store::{Filter, Store};
//!
//! let dir = std::env::temp_dir().join(format!("dyad-store-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let path = dir.join("events.sqlite");
//! let mut store = Store::open(&path)?;
//! let stats = store.stats()?;
//! assert_eq!(stats.documents, 0);
//! let page = store.events(&Filter::default(), None, 10)?;
//! assert!(page.events.is_empty());
//! # drop(store);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod aggregate;
mod error;
mod filter;
pub mod flat;
mod load;
mod read;
pub mod schema;
pub mod synth;

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

pub use aggregate::{Aggregate, AggregateRow, Bucket, GroupBy, MAX_ROWS as MAX_AGGREGATE_ROWS};
pub use error::StoreError;
pub use filter::{Filter, MAX_PAGE};
pub use load::{LoadCounts, Loader, content_hash};
pub use read::{DocumentView, EventPage, EventView, SentenceView, Stats};
pub use schema::SCHEMA_VERSION;

/// The page size of a new store, in bytes.
const PAGE_SIZE: u32 = 16_384;

/// How much of a store a read-only connection maps into memory, in bytes.
const MMAP_BYTES: i64 = 1 << 32;

/// One connection to a store file.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    limit: Option<Duration>,
}

impl Store {
    /// Opens the store at `path` for writing, creating it when absent and
    /// migrating an older schema to [`SCHEMA_VERSION`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let mut conn = Connection::open(path).map_err(|e| StoreError::open(path, e))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // a new store gets pages of 16 KiB rather than 4 (fewer pages to
        // split and write while loading); for an existing file this does
        // nothing, and it must come before the switch to WAL
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // index pages of a large store stay in memory while loading
        // (SQLite's default cache is 2 MB): 256 MB at most
        conn.pragma_update(None, "cache_size", -262_144)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // copy the write-ahead log into the database every 64 MB rather
        // than every 4 MB: fewer, larger checkpoints while loading
        conn.pragma_update(None, "wal_autocheckpoint", 16_384)?;
        let found = schema::version(&conn)?;
        if found == 0 && has_tables(&conn)? {
            return Err(StoreError::NotAStore);
        }
        schema::migrate(&mut conn)?;
        // indexes a bulk load dropped and did not build (it was interrupted)
        let tx = conn.transaction()?;
        schema::restore_indexes(&tx)?;
        tx.commit()?;
        Ok(Store { conn, limit: None })
    }

    /// Opens an existing store read-only: nothing this connection does can
    /// change the file. An older schema is an error naming the command
    /// that migrates it.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::open(path, e))?;
        conn.pragma_update(None, "query_only", true)?;
        // pages are read through a memory map rather than a read call
        // each (a point read touches a dozen pages of three tables; SQLite
        // caps the map at 2 GiB unless built otherwise)
        conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        schema::check(&conn)?;
        Ok(Store { conn, limit: None })
    }

    /// Bounds the time any one read may take: past `limit`, the statement
    /// is interrupted and returns [`StoreError::TooSlow`].
    pub fn set_time_limit(&mut self, limit: Option<Duration>) {
        self.limit = limit;
    }

    /// The underlying connection, for tests and tools that need raw SQL.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` under the time limit, if one is set.
    fn timed<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let Some(limit) = self.limit else {
            return f(&self.conn);
        };
        let deadline = Instant::now() + limit;
        self.conn
            .progress_handler(1_000, Some(move || Instant::now() > deadline));
        let result = f(&self.conn);
        self.conn.progress_handler(1_000, None::<fn() -> bool>);
        result.map_err(|e| match e {
            StoreError::Sql(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::OperationInterrupted =>
            {
                StoreError::TooSlow(limit)
            }
            e => e,
        })
    }
}

/// Whether the database has any table (a file that is SQLite but not a
/// store must not be written into).
fn has_tables(conn: &Connection) -> Result<bool, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |row| row.get(0),
    )?;
    Ok(n > 0)
}
