//! Reading events and documents back: pages, one event, one document,
//! statistics.

use rusqlite::{OptionalExtension, params, params_from_iter};
use serde::Serialize;
use serde_json::Value as Json;

use crate::filter::text_query_error;
use crate::{Filter, MAX_PAGE, Store, StoreError};

/// One stored event: its row id and its record as JSON text.
type RecordRow = (i64, String);

/// One page of events, in load order.
#[derive(Clone, Debug, Serialize)]
pub struct EventPage {
    /// The `dyad.event/1` records.
    pub events: Vec<Json>,
    /// The cursor for the next page (pass it as `after`), or `None` on the
    /// last page.
    pub next: Option<i64>,
}

/// One event with its provenance: the record and where its document came
/// from.
#[derive(Clone, Debug, Serialize)]
pub struct EventView {
    /// The `dyad.event/1` record.
    pub record: Json,
    /// The document's title.
    pub doc_title: Option<String>,
    /// The document's URL or source name.
    pub doc_url: Option<String>,
    /// The file (and line) the document was read from.
    pub doc_origin: String,
    /// The content hash the document was stored with.
    pub content_hash: String,
}

/// One sentence of a stored document.
#[derive(Clone, Debug, Serialize)]
pub struct SentenceView {
    /// Its index in the document.
    pub index: i64,
    /// Its `[start, end)` char offsets into the document text.
    pub span: [i64; 2],
    /// Its text.
    pub text: String,
}

/// A stored document with its sentences and events.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentView {
    /// The document id.
    pub doc_id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its publication date, ISO 8601.
    pub date: Option<String>,
    /// Its URL or source name.
    pub url: Option<String>,
    /// The file (and line) it was read from.
    pub origin: String,
    /// The cleaned text every span points into.
    pub text: String,
    /// Its sentences.
    pub sentences: Vec<SentenceView>,
    /// Its events' records, in order.
    pub events: Vec<Json>,
}

/// What a store holds.
#[derive(Clone, Debug, Serialize)]
pub struct Stats {
    /// Schema version.
    pub schema_version: u32,
    /// Documents.
    pub documents: i64,
    /// Sentences.
    pub sentences: i64,
    /// Events.
    pub events: i64,
    /// Earliest event date.
    pub first_date: Option<String>,
    /// Latest event date.
    pub last_date: Option<String>,
    /// Events with a place that has coordinates.
    pub events_with_coordinates: i64,
    /// Events per PLOVER type, most first (`null` type: no mapping).
    pub by_type: Vec<(Option<String>, i64)>,
    /// The loads, oldest first.
    pub loads: Vec<crate::LoadCounts>,
}

fn parse_record(id: i64, text: &str) -> Result<Json, StoreError> {
    serde_json::from_str(text).map_err(|source| StoreError::Record { id, source })
}

impl Store {
    /// The events `filter` selects with row id above `after`, at most
    /// `limit` (1 to [`MAX_PAGE`]), in load order.
    pub fn events(
        &self,
        filter: &Filter,
        after: Option<i64>,
        limit: usize,
    ) -> Result<EventPage, StoreError> {
        let (rows, next) = self.event_rows(filter, after, limit)?;
        let events = rows
            .iter()
            .map(|(id, text)| parse_record(*id, text))
            .collect::<Result<_, _>>()?;
        Ok(EventPage { events, next })
    }

    /// [`Store::events`] as one JSON object `{"events": [...], "next": N}`
    /// built from the stored record texts without parsing them into values
    /// (each is only checked to be JSON), so the records keep the key order
    /// `dyad code` wrote and a page costs little to serve.
    pub fn events_json(
        &self,
        filter: &Filter,
        after: Option<i64>,
        limit: usize,
    ) -> Result<String, StoreError> {
        let (rows, next) = self.event_rows(filter, after, limit)?;
        let mut out =
            String::with_capacity(rows.iter().map(|(_, t)| t.len() + 1).sum::<usize>() + 40);
        out.push_str("{\"events\":[");
        for (i, (id, text)) in rows.iter().enumerate() {
            serde_json::from_str::<serde::de::IgnoredAny>(text)
                .map_err(|source| StoreError::Record { id: *id, source })?;
            if i > 0 {
                out.push(',');
            }
            out.push_str(text);
        }
        out.push_str("],\"next\":");
        match next {
            Some(n) => out.push_str(&n.to_string()),
            None => out.push_str("null"),
        }
        out.push('}');
        Ok(out)
    }

    /// The row ids and record texts of a page, and the next cursor.
    fn event_rows(
        &self,
        filter: &Filter,
        after: Option<i64>,
        limit: usize,
    ) -> Result<(Vec<RecordRow>, Option<i64>), StoreError> {
        if !(1..=MAX_PAGE).contains(&limit) {
            return Err(StoreError::invalid(
                "limit",
                format!("{limit}: expected 1 to {MAX_PAGE}"),
            ));
        }
        let (conds, mut values) = filter.sql()?;
        values.push(rusqlite::types::Value::Integer(after.unwrap_or(i64::MIN)));
        let after_n = values.len();
        // one more than asked, to know whether there is a next page
        values.push(rusqlite::types::Value::Integer(limit as i64 + 1));
        let limit_n = values.len();
        let sql = format!(
            "SELECT e.id, r.record FROM events e CROSS JOIN event_records r ON r.id = e.id \
             WHERE {conds} AND e.id > ?{after_n} \
             ORDER BY e.id LIMIT ?{limit_n}"
        );
        let mut rows: Vec<RecordRow> = self
            .timed(|conn| {
                let mut stmt = conn.prepare_cached(&sql)?;
                let rows = stmt.query_map(params_from_iter(values), |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })?;
                Ok(rows.collect::<Result<Vec<_>, _>>()?)
            })
            .map_err(|e| text_query_error(filter, e))?;
        let next = (rows.len() > limit).then(|| rows[limit - 1].0);
        rows.truncate(limit);
        Ok((rows, next))
    }

    /// Calls `each` with every event `filter` selects (the first `limit`
    /// when given), in load order, as its stored JSON text (what `dyad
    /// query` streams); returns how many there were.
    pub fn for_each_event(
        &self,
        filter: &Filter,
        limit: Option<u64>,
        mut each: impl FnMut(&str) -> Result<(), StoreError>,
    ) -> Result<u64, StoreError> {
        let (conds, mut values) = filter.sql()?;
        let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        values.push(rusqlite::types::Value::Integer(limit));
        let sql = format!(
            "SELECT r.record FROM events e CROSS JOIN event_records r ON r.id = e.id \
             WHERE {conds} ORDER BY e.id LIMIT ?{}",
            values.len()
        );
        self.timed(|conn| {
            let mut stmt = conn.prepare(&sql)?;
            let mut rows = stmt.query(params_from_iter(values))?;
            let mut n = 0;
            while let Some(row) = rows.next()? {
                let text: rusqlite::types::ValueRef<'_> = row.get_ref(0)?;
                each(text.as_str().map_err(rusqlite::Error::from)?)?;
                n += 1;
            }
            Ok(n)
        })
        .map_err(|e| text_query_error(filter, e))
    }

    /// One event by its `event_id`, with its document's provenance.
    pub fn event(&self, event_id: &str) -> Result<Option<EventView>, StoreError> {
        self.timed(|conn| {
            let row = conn
                .prepare_cached(
                    "SELECT e.id, r.record, d.title, d.url, d.origin, d.content_hash \
                     FROM events e CROSS JOIN event_records r ON r.id = e.id \
                     JOIN documents d ON d.id = e.doc WHERE e.event_id = ?1",
                )?
                .query_row([event_id], |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, String>(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                        row.get(5)?,
                    ))
                })
                .optional()?;
            let Some((id, record, doc_title, doc_url, doc_origin, content_hash)) = row else {
                return Ok(None);
            };
            Ok(Some(EventView {
                record: parse_record(id, &record)?,
                doc_title,
                doc_url,
                doc_origin,
                content_hash,
            }))
        })
    }

    /// One document by id, with its sentences and events.
    pub fn document(&self, doc_id: &str) -> Result<Option<DocumentView>, StoreError> {
        self.timed(|conn| {
            let doc = conn
                .prepare_cached(
                    "SELECT id, doc_id, title, date, url, origin, text FROM documents WHERE doc_id = ?1",
                )?
                .query_row([doc_id], |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        DocumentView {
                            doc_id: row.get(1)?,
                            title: row.get(2)?,
                            date: row.get(3)?,
                            url: row.get(4)?,
                            origin: row.get(5)?,
                            text: row.get(6)?,
                            sentences: Vec::new(),
                            events: Vec::new(),
                        },
                    ))
                })
                .optional()?;
            let Some((row_id, mut view)) = doc else {
                return Ok(None);
            };
            let mut stmt = conn.prepare_cached(
                "SELECT idx, start, end, text FROM sentences WHERE doc = ?1 ORDER BY idx",
            )?;
            view.sentences = stmt
                .query_map([row_id], |row| {
                    Ok(SentenceView {
                        index: row.get(0)?,
                        span: [row.get(1)?, row.get(2)?],
                        text: row.get(3)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            let mut stmt = conn.prepare_cached(
                "SELECT e.id, r.record FROM events e CROSS JOIN event_records r ON r.id = e.id \
                 WHERE e.doc = ?1 ORDER BY e.id",
            )?;
            let records: Vec<(i64, String)> = stmt
                .query_map([row_id], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<Result<_, _>>()?;
            view.events = records
                .iter()
                .map(|(id, text)| parse_record(*id, text))
                .collect::<Result<_, _>>()?;
            Ok(Some(view))
        })
    }

    /// What the store holds.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let conn = &self.conn;
        let count = |table: &str| -> Result<i64, StoreError> {
            Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        let (first_date, last_date) =
            conn.query_row("SELECT min(date), max(date) FROM events", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let events_with_coordinates = conn.query_row(
            "SELECT count(*) FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL",
            [],
            |r| r.get(0),
        )?;
        let mut stmt = conn.prepare(
            "SELECT plover_type, count(*) AS n FROM events GROUP BY plover_type ORDER BY n DESC, plover_type",
        )?;
        let by_type = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut stmt = conn
            .prepare("SELECT added, replaced, skipped, events, seconds FROM loads ORDER BY id")?;
        let loads = stmt
            .query_map(params![], |r| {
                Ok(crate::LoadCounts {
                    added: r.get(0)?,
                    replaced: r.get(1)?,
                    skipped: r.get(2)?,
                    events: r.get(3)?,
                    seconds: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Stats {
            schema_version: crate::schema::version(conn)?,
            documents: count("documents")?,
            sentences: count("sentences")?,
            events: count("events")?,
            first_date,
            last_date,
            events_with_coordinates,
            by_type,
            loads,
        })
    }
}
