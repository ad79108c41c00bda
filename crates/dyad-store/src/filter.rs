//! Event filters and the SQL `WHERE` clause they make (values always bound
//! as parameters, never spliced into the text).

use dyad_core::Date;
use rusqlite::types::Value;

use crate::StoreError;

/// The most events one page may hold.
pub const MAX_PAGE: usize = 1_000;

/// The longest a text-valued filter may be, in bytes.
const MAX_FILTER_BYTES: usize = 500;

/// Which events to select; every field set narrows the selection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Source or target actor code starting with this (`IRQ`, `IRQGOV`).
    pub actor: Option<String>,
    /// Source or target country, ISO 3166-1 alpha-3 (`IRQ`).
    pub country: Option<String>,
    /// PLOVER event type (`ASSAULT`), any case.
    pub plover_type: Option<String>,
    /// CAMEO code starting with these digits (`19`, `042`).
    pub cameo: Option<String>,
    /// QuadClass, 1 to 4.
    pub quad_class: Option<u8>,
    /// First date, inclusive (the event date, else the document date).
    pub from: Option<Date>,
    /// Last date, inclusive.
    pub to: Option<Date>,
    /// The place's name contains this, any case.
    pub place: Option<String>,
    /// FTS5 query over the event's sentence (`protest AND Baghdad`).
    pub text: Option<String>,
    /// Events of this document only.
    pub doc_id: Option<String>,
}

impl Filter {
    /// Checks the values: codes are letters and digits, CAMEO prefixes are
    /// at most four digits, QuadClass is 1 to 4, the dates are in order
    /// and no text is longer than 500 bytes.
    pub fn validate(&self) -> Result<(), StoreError> {
        let code = |name: &'static str, value: &Option<String>, max: usize| match value {
            Some(v)
                if v.is_empty()
                    || v.len() > max
                    || !v.chars().all(|c| c.is_ascii_alphanumeric()) =>
            {
                Err(StoreError::invalid(
                    name,
                    format!("{v:?}: expected 1 to {max} letters or digits"),
                ))
            }
            _ => Ok(()),
        };
        code("actor", &self.actor, 64)?;
        code("country", &self.country, 3)?;
        code("type", &self.plover_type, 16)?;
        if let Some(cameo) = &self.cameo
            && (cameo.is_empty() || cameo.len() > 4 || !cameo.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(StoreError::invalid(
                "cameo",
                format!("{cameo:?}: expected 1 to 4 digits"),
            ));
        }
        if let Some(q) = self.quad_class
            && !(1..=4).contains(&q)
        {
            return Err(StoreError::invalid(
                "quad_class",
                format!("{q}: expected 1 to 4"),
            ));
        }
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(StoreError::invalid(
                "from",
                format!("{from} is after to {to}"),
            ));
        }
        for (name, value) in [
            ("place", &self.place),
            ("text", &self.text),
            ("doc_id", &self.doc_id),
        ] {
            if value.as_ref().is_some_and(|v| v.len() > MAX_FILTER_BYTES) {
                return Err(StoreError::invalid(
                    name,
                    format!("longer than {MAX_FILTER_BYTES} bytes"),
                ));
            }
        }
        Ok(())
    }

    /// The `WHERE` conditions over the `events` table aliased `e` (joined
    /// with `AND`; `1` when there are none) and their parameter values.
    pub(crate) fn sql(&self) -> Result<(String, Vec<Value>), StoreError> {
        self.validate()?;
        let mut conds: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        let bind = |values: &mut Vec<Value>, v: String| {
            values.push(Value::Text(v));
            values.len()
        };
        if let Some(actor) = &self.actor {
            let lo = bind(&mut values, actor.to_ascii_uppercase());
            let hi = bind(
                &mut values,
                format!("{}\u{10FFFF}", actor.to_ascii_uppercase()),
            );
            conds.push(format!(
                "((e.source_code >= ?{lo} AND e.source_code < ?{hi}) OR (e.target_code >= ?{lo} AND e.target_code < ?{hi}))"
            ));
        }
        if let Some(country) = &self.country {
            let n = bind(&mut values, country.to_ascii_uppercase());
            conds.push(format!(
                "(e.source_country = ?{n} OR e.target_country = ?{n})"
            ));
        }
        if let Some(t) = &self.plover_type {
            let n = bind(&mut values, t.to_ascii_uppercase());
            conds.push(format!("e.plover_type = ?{n}"));
        }
        if let Some(cameo) = &self.cameo {
            let lo = bind(&mut values, cameo.clone());
            let hi = bind(&mut values, format!("{cameo}\u{10FFFF}"));
            conds.push(format!("(e.cameo >= ?{lo} AND e.cameo < ?{hi})"));
        }
        if let Some(q) = self.quad_class {
            values.push(Value::Integer(i64::from(q)));
            conds.push(format!("e.quad_class = ?{}", values.len()));
        }
        if let Some(from) = self.from {
            let n = bind(&mut values, from.to_string());
            conds.push(format!("e.date >= ?{n}"));
        }
        if let Some(to) = self.to {
            let n = bind(&mut values, to.to_string());
            conds.push(format!("e.date <= ?{n}"));
        }
        if let Some(place) = &self.place {
            let escaped: String = place
                .chars()
                .flat_map(|c| match c {
                    '%' | '_' | '\\' => vec!['\\', c],
                    c => vec![c],
                })
                .collect();
            let n = bind(&mut values, format!("%{escaped}%"));
            conds.push(format!("e.place LIKE ?{n} ESCAPE '\\'"));
        }
        if let Some(doc_id) = &self.doc_id {
            let n = bind(&mut values, doc_id.clone());
            conds.push(format!(
                "e.doc = (SELECT id FROM documents WHERE doc_id = ?{n})"
            ));
        }
        if let Some(text) = &self.text {
            let n = bind(&mut values, text.clone());
            conds.push(format!(
                "EXISTS (SELECT 1 FROM sentences s WHERE s.doc = e.doc AND s.idx = e.sentence_index \
                 AND s.id IN (SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ?{n}))"
            ));
        }
        if conds.is_empty() {
            conds.push("1".to_string());
        }
        Ok((conds.join(" AND "), values))
    }
}

/// Turns an SQLite error from a statement with a text query into
/// [`StoreError::TextQuery`]: the statements are otherwise fixed and
/// tested, so a plain `SQLITE_ERROR` there is FTS5 rejecting the query
/// (its messages vary: "unterminated string", "syntax error near …",
/// "no such column").
pub(crate) fn text_query_error(filter: &Filter, err: StoreError) -> StoreError {
    let Some(query) = &filter.text else {
        return err;
    };
    match err {
        StoreError::Sql(rusqlite::Error::SqliteFailure(f, Some(message)))
            if f.code == rusqlite::ErrorCode::Unknown =>
        {
            StoreError::TextQuery {
                query: query.clone(),
                message,
            }
        }
        err => err,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_are_refused_with_their_name() {
        let bad = [
            Filter {
                country: Some("IRAQ".into()),
                ..Filter::default()
            },
            Filter {
                actor: Some("IRQ GOV".into()),
                ..Filter::default()
            },
            Filter {
                cameo: Some("19a".into()),
                ..Filter::default()
            },
            Filter {
                quad_class: Some(5),
                ..Filter::default()
            },
            Filter {
                from: Date::parse("2020-01-02"),
                to: Date::parse("2020-01-01"),
                ..Filter::default()
            },
            Filter {
                text: Some("x".repeat(501)),
                ..Filter::default()
            },
        ];
        for filter in bad {
            assert!(
                matches!(filter.validate(), Err(StoreError::Invalid { .. })),
                "{filter:?}"
            );
        }
        assert!(Filter::default().validate().is_ok());
    }

    #[test]
    fn values_are_parameters_not_sql() {
        let filter = Filter {
            place: Some("'; DROP TABLE events; --".into()),
            actor: Some("irq".into()),
            ..Filter::default()
        };
        let (sql, values) = filter.sql().unwrap_or_default();
        assert!(!sql.contains("DROP"));
        assert!(values.contains(&Value::Text("IRQ".into())));
        assert!(values.contains(&Value::Text("%'; DROP TABLE events; --%".into())));
    }
}
