//! The flat view of a `dyad.event/1` record: one row per event, one column
//! per leaf field, shared by the CSV, TSV and Parquet writers so they cannot
//! drift apart.
//!
//! Column names follow the record's JSON keys: nested objects are joined
//! with `_` (`source_code`, `location_lat`, `plover_event_type`); a
//! `[start, end)` span becomes `…_span_start` and `…_span_end`
//! (`sentence_span_start`, `evidence_verb_span_end`); lists of codes
//! (`source_agents`, `evidence_actor_rules`) are joined with `;` (empty
//! when the list is). A column under an object that may be `null`
//! (`plover`, `attribution`, `location`) is null when the object is.
//! Non-finite floats are null, as in the JSON record. The layout is
//! versioned as [`FLAT_SCHEMA_NAME`]: a column may be added at the end
//! within a version; renaming, removing, retyping or reordering one bumps
//! it.

use std::borrow::Cow;

use crate::EventRecord;

/// The name and version of the flat layout (`docs/output.md`).
pub const FLAT_SCHEMA_NAME: &str = "dyad.event.flat/1";

/// The separator of list fields in the flat view.
pub const LIST_SEPARATOR: char = ';';

/// A column's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text (Parquet `STRING`).
    String,
    /// A 64-bit signed integer (Parquet `INT64`).
    Integer,
    /// A 64-bit float (Parquet `DOUBLE`).
    Float,
    /// `true` / `false` (Parquet `BOOLEAN`).
    Boolean,
    /// An ISO 8601 calendar date, `YYYY-MM-DD` (Parquet `DATE`, days since
    /// 1970-01-01).
    Date,
}

impl ColumnType {
    /// The name `docs/output.md` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::String => "string",
            ColumnType::Integer => "integer",
            ColumnType::Float => "float",
            ColumnType::Boolean => "boolean",
            ColumnType::Date => "date",
        }
    }
}

/// One value of the flat view.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Unknown (`null` in the record).
    Null,
    /// Text; for [`ColumnType::Date`] columns the ISO 8601 date.
    Text(Cow<'a, str>),
    /// An integer.
    Integer(i64),
    /// A finite float.
    Float(f64),
    /// A flag.
    Boolean(bool),
}

/// One column of the flat view.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    name: &'static str,
    ty: ColumnType,
    nullable: bool,
    get: for<'a> fn(&'a EventRecord) -> Cell<'a>,
}

impl Column {
    /// The column name (CSV header, Parquet field).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The column type.
    pub fn ty(&self) -> ColumnType {
        self.ty
    }

    /// Whether the column may be null.
    pub fn nullable(&self) -> bool {
        self.nullable
    }

    /// The column's value for `record`.
    pub fn cell<'a>(&self, record: &'a EventRecord) -> Cell<'a> {
        (self.get)(record)
    }
}

/// The columns of the flat view, in order.
pub fn columns() -> &'static [Column] {
    COLUMNS
}

/// The flat row of `record`: one cell per column of [`columns`].
pub fn row(record: &EventRecord) -> Vec<Cell<'_>> {
    COLUMNS.iter().map(|c| c.cell(record)).collect()
}

fn text(s: &str) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(s))
}

fn opt_text(s: Option<&str>) -> Cell<'_> {
    s.map_or(Cell::Null, text)
}

fn list(items: &[String]) -> Cell<'_> {
    Cell::Text(Cow::Owned(items.join(&LIST_SEPARATOR.to_string())))
}

fn int(n: impl TryInto<i64>) -> Cell<'static> {
    Cell::Integer(n.try_into().unwrap_or(i64::MAX))
}

fn opt_int<N: TryInto<i64>>(n: Option<N>) -> Cell<'static> {
    n.map_or(Cell::Null, int)
}

fn float(x: Option<f64>) -> Cell<'static> {
    x.filter(|x| x.is_finite()).map_or(Cell::Null, Cell::Float)
}

const fn col(
    name: &'static str,
    ty: ColumnType,
    nullable: bool,
    get: for<'a> fn(&'a EventRecord) -> Cell<'a>,
) -> Column {
    Column {
        name,
        ty,
        nullable,
        get,
    }
}

use ColumnType::{Boolean as B, Date as D, Float as F, Integer as I, String as S};

/// Every column; `docs/output.md` lists the same (a test checks).
static COLUMNS: &[Column] = &[
    col("schema", S, false, |r| text(r.schema)),
    col("event_id", S, false, |r| text(&r.event_id)),
    col("doc_id", S, false, |r| text(&r.doc_id)),
    col("doc_title", S, true, |r| opt_text(r.doc_title.as_deref())),
    col("doc_date", D, true, |r| opt_text(r.doc_date.as_deref())),
    col("sentence_index", I, false, |r| int(r.sentence_index)),
    col("sentence", S, false, |r| text(&r.sentence)),
    col("sentence_span_start", I, false, |r| int(r.sentence_span[0])),
    col("sentence_span_end", I, false, |r| int(r.sentence_span[1])),
    col("source_text", S, false, |r| text(&r.source.text)),
    col("source_span_start", I, false, |r| int(r.source.span[0])),
    col("source_span_end", I, false, |r| int(r.source.span[1])),
    col("source_code", S, false, |r| text(&r.source.code)),
    col("source_country", S, true, |r| {
        opt_text(r.source.country.as_deref())
    }),
    col("source_agents", S, false, |r| list(&r.source.agents)),
    col("source_entity", S, true, |r| {
        opt_text(r.source.entity.as_deref())
    }),
    col("source_dictionary", S, true, |r| {
        opt_text(r.source.dictionary.as_deref())
    }),
    col("target_text", S, false, |r| text(&r.target.text)),
    col("target_span_start", I, false, |r| int(r.target.span[0])),
    col("target_span_end", I, false, |r| int(r.target.span[1])),
    col("target_code", S, false, |r| text(&r.target.code)),
    col("target_country", S, true, |r| {
        opt_text(r.target.country.as_deref())
    }),
    col("target_agents", S, false, |r| list(&r.target.agents)),
    col("target_entity", S, true, |r| {
        opt_text(r.target.entity.as_deref())
    }),
    col("target_dictionary", S, true, |r| {
        opt_text(r.target.dictionary.as_deref())
    }),
    col("cameo", S, false, |r| text(&r.cameo)),
    col("cameo_root", S, false, |r| text(&r.cameo_root)),
    col("goldstein", F, true, |r| float(r.goldstein)),
    col("quad_class", I, true, |r| opt_int(r.quad_class)),
    col("plover_event_type", S, true, |r| {
        opt_text(r.plover.as_ref().map(|p| p.event_type.as_str()))
    }),
    col("plover_mode", S, true, |r| {
        opt_text(r.plover.as_ref().and_then(|p| p.mode.as_deref()))
    }),
    col("negated", B, false, |r| Cell::Boolean(r.negated)),
    col("modality", S, false, |r| text(r.modality)),
    col("attribution_text", S, true, |r| {
        opt_text(r.attribution.as_ref().map(|a| a.text.as_str()))
    }),
    col("attribution_code", S, true, |r| {
        opt_text(r.attribution.as_ref().and_then(|a| a.code.as_deref()))
    }),
    col("attribution_span_start", I, true, |r| {
        opt_int(r.attribution.as_ref().map(|a| a.span[0]))
    }),
    col("attribution_span_end", I, true, |r| {
        opt_int(r.attribution.as_ref().map(|a| a.span[1]))
    }),
    col("event_date", D, true, |r| opt_text(r.event_date.as_deref())),
    col("event_date_precision", S, true, |r| {
        opt_text(r.event_date_precision)
    }),
    col("location_text", S, true, |r| {
        opt_text(r.location.as_ref().map(|l| l.text.as_str()))
    }),
    col("location_name", S, true, |r| {
        opt_text(r.location.as_ref().and_then(|l| l.name.as_deref()))
    }),
    col("location_country", S, true, |r| {
        opt_text(r.location.as_ref().and_then(|l| l.country.as_deref()))
    }),
    col("location_admin1", S, true, |r| {
        opt_text(r.location.as_ref().and_then(|l| l.admin1.as_deref()))
    }),
    col("location_lat", F, true, |r| {
        float(r.location.as_ref().and_then(|l| l.lat))
    }),
    col("location_lon", F, true, |r| {
        float(r.location.as_ref().and_then(|l| l.lon))
    }),
    col("location_feature", S, true, |r| {
        opt_text(r.location.as_ref().and_then(|l| l.feature.as_deref()))
    }),
    col("location_gazetteer_id", S, true, |r| {
        opt_text(r.location.as_ref().and_then(|l| l.gazetteer_id.as_deref()))
    }),
    col("location_source", S, true, |r| {
        opt_text(r.location.as_ref().and_then(|l| l.source.as_deref()))
    }),
    col("evidence_verb", S, false, |r| text(&r.evidence.verb)),
    col("evidence_verb_span_start", I, false, |r| {
        int(r.evidence.verb_span[0])
    }),
    col("evidence_verb_span_end", I, false, |r| {
        int(r.evidence.verb_span[1])
    }),
    col("evidence_pattern", S, true, |r| {
        opt_text(r.evidence.pattern.as_deref())
    }),
    col("evidence_rule", S, false, |r| text(&r.evidence.rule)),
    col("evidence_actor_rules", S, false, |r| {
        list(&r.evidence.actor_rules)
    }),
    col("confidence", F, true, |r| float(r.confidence)),
    col("cluster_id", S, true, |r| opt_text(r.cluster_id.as_deref())),
    col("mentions", I, true, |r| opt_int(r.mentions)),
    col("sources", I, true, |r| opt_int(r.sources)),
];

/// Days from 1970-01-01 to the ISO 8601 date `text` (`YYYY-MM-DD`, year
/// with at least four digits, optionally signed), or `None` when `text` is
/// not such a date.
pub fn days_since_epoch(text: &str) -> Option<i32> {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => (-1i64, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let mut parts = rest.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: usize| s.len() >= n && s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(year, 4) || month.len() != 2 || day.len() != 2 {
        return None;
    }
    if !digits(month, 2) || !digits(day, 2) {
        return None;
    }
    let year = sign * year.parse::<i64>().ok()?;
    let (month, day): (i64, i64) = (month.parse().ok()?, day.parse().ok()?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let last = *month_days.get(usize::try_from(month - 1).ok()?)?;
    if day < 1 || day > last {
        return None;
    }
    // Days from civil (proleptic Gregorian), with March as the first month.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    i32::try_from(era * 146_097 + day_of_era - 719_468).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_unique_and_snake_case() {
        let mut names: Vec<_> = columns().iter().map(Column::name).collect();
        assert!(names.iter().all(|n| {
            n.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        }));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), columns().len());
    }

    #[test]
    fn dates_count_days_from_the_epoch() {
        assert_eq!(days_since_epoch("1970-01-01"), Some(0));
        assert_eq!(days_since_epoch("1970-01-02"), Some(1));
        assert_eq!(days_since_epoch("1969-12-31"), Some(-1));
        assert_eq!(days_since_epoch("2000-03-01"), Some(11_017));
        assert_eq!(days_since_epoch("2019-10-31"), Some(18_200));
        assert_eq!(days_since_epoch("2024-02-29"), Some(19_782));
        assert_eq!(days_since_epoch("2023-02-29"), None);
        assert_eq!(days_since_epoch("2019-13-01"), None);
        assert_eq!(days_since_epoch("2019-1-01"), None);
        assert_eq!(days_since_epoch("2019-10-31T00"), None);
        assert_eq!(days_since_epoch("+2019-10-31"), Some(18_200));
        assert_eq!(days_since_epoch(""), None);
        assert_eq!(days_since_epoch("２０１９-10-31"), None);
    }
}
