//! The aggregate tables: counts over time, top dyads, counts per country
//! and per place, with Goldstein sums.

use std::fmt;
use std::str::FromStr;

use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::Serialize;

use crate::filter::text_query_error;
use crate::{Filter, Store, StoreError};

/// The most rows a ranked aggregate (dyads, countries, places) returns.
pub const MAX_ROWS: usize = 10_000;

/// Time buckets of a timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bucket {
    /// Calendar days.
    Day,
    /// ISO weeks, labelled by their Monday.
    Week,
    /// Calendar months, labelled by their first day.
    Month,
}

/// What a timeline's counts are split by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    /// PLOVER event type.
    Plover,
    /// QuadClass, 1 to 4.
    Quad,
    /// CAMEO root, the code's first two digits.
    CameoRoot,
    /// Nothing: one count per bucket.
    Total,
}

/// One aggregate table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregate {
    /// Events per time bucket, split by a key.
    Timeline {
        /// Day, week or month.
        per: Bucket,
        /// The split.
        by: GroupBy,
    },
    /// Top source → target pairs, by actor code or by country.
    Dyads {
        /// Pairs of countries instead of actor codes.
        countries: bool,
        /// The most rows.
        limit: usize,
    },
    /// Events per country of the event's place.
    Countries {
        /// The most rows.
        limit: usize,
    },
    /// Events per place, with its coordinates.
    Places {
        /// The most rows.
        limit: usize,
    },
}

/// One row of an aggregate table; the fields a table does not use are
/// `None` (and left out of JSON).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AggregateRow {
    /// The time bucket's first day (timelines).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    /// The split key (timelines), the source (dyads), the country or the
    /// place.
    pub key: Option<String>,
    /// The target (dyads).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The place's country (places).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The place's latitude (places).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// The place's longitude (places).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Events.
    pub count: i64,
    /// Sum of the events' Goldstein scores.
    pub goldstein: f64,
}

macro_rules! named_enum {
    ($ty:ident, $what:literal, $($variant:ident = $name:literal),+) => {
        impl $ty {
            /// Every value's name, as `FromStr` reads it.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The value's name.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }
        }

        impl FromStr for $ty {
            type Err = StoreError;

            fn from_str(s: &str) -> Result<$ty, StoreError> {
                match s {
                    $($name => Ok($ty::$variant),)+
                    _ => Err(StoreError::invalid($what, format!("{s:?}: expected one of {}", $ty::NAMES.join(", ")))),
                }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named_enum!(Bucket, "per", Day = "day", Week = "week", Month = "month");
named_enum!(
    GroupBy,
    "by",
    Plover = "plover",
    Quad = "quad",
    CameoRoot = "cameo-root",
    Total = "total"
);

impl Aggregate {
    /// The aggregate's kinds, as the CLI and the API name them.
    pub const KINDS: &'static [&'static str] = &["timeline", "dyads", "countries", "places"];

    /// The row limit of a ranked table, checked.
    fn limit(self) -> Result<Option<usize>, StoreError> {
        match self {
            Aggregate::Timeline { .. } => Ok(None),
            Aggregate::Dyads { limit, .. }
            | Aggregate::Countries { limit }
            | Aggregate::Places { limit } => {
                if (1..=MAX_ROWS).contains(&limit) {
                    Ok(Some(limit))
                } else {
                    Err(StoreError::invalid(
                        "limit",
                        format!("{limit}: expected 1 to {MAX_ROWS}"),
                    ))
                }
            }
        }
    }

    /// The SQL of the table over the filtered events `e`: `{where}` stands
    /// for the filter's conditions and `{limit}` for the row limit's
    /// parameter.
    fn sql(self) -> Result<String, StoreError> {
        self.limit()?;
        Ok(match self {
            Aggregate::Timeline { per, by } => {
                let bucket = match per {
                    Bucket::Day => "e.date",
                    Bucket::Week => "date(e.date, 'weekday 0', '-6 days')",
                    Bucket::Month => "substr(e.date, 1, 7) || '-01'",
                };
                let key = match by {
                    GroupBy::Plover => "e.plover_type",
                    GroupBy::Quad => "CAST(e.quad_class AS TEXT)",
                    GroupBy::CameoRoot => "e.cameo_root",
                    GroupBy::Total => "NULL",
                };
                format!(
                    "SELECT {bucket} AS b, {key} AS k, NULL, NULL, NULL, NULL, count(*), \
                     round(total(e.goldstein), 2) FROM events e WHERE e.date IS NOT NULL AND {{where}} \
                     GROUP BY b, k ORDER BY b, k"
                )
            }
            Aggregate::Dyads { countries, .. } => {
                let (s, t) = if countries {
                    ("e.source_country", "e.target_country")
                } else {
                    ("e.source_code", "e.target_code")
                };
                format!(
                    "SELECT NULL, {s} AS s, {t} AS t, NULL, NULL, NULL, count(*) AS n, \
                     round(total(e.goldstein), 2) FROM events e WHERE {{where}} \
                     GROUP BY s, t ORDER BY n DESC, s, t LIMIT {{limit}}"
                )
            }
            Aggregate::Countries { .. } => "SELECT NULL, e.place_country AS c, NULL, NULL, NULL, NULL, count(*) AS n, \
                 round(total(e.goldstein), 2) FROM events e WHERE e.place_country IS NOT NULL AND {where} \
                 GROUP BY c ORDER BY n DESC, c LIMIT {limit}".to_string(),
            Aggregate::Places { .. } => "SELECT NULL, e.place AS p, NULL, max(e.place_country), avg(e.lat), avg(e.lon), \
                 count(*) AS n, round(total(e.goldstein), 2) FROM events e \
                 WHERE e.place IS NOT NULL AND e.lat IS NOT NULL AND {where} \
                 GROUP BY p ORDER BY n DESC, p LIMIT {limit}".to_string(),
        })
    }
}

impl Store {
    /// The aggregate table over the events `filter` selects.
    pub fn aggregate(
        &self,
        aggregate: Aggregate,
        filter: &Filter,
    ) -> Result<Vec<AggregateRow>, StoreError> {
        let (conds, mut values): (String, Vec<Value>) = filter.sql()?;
        let mut sql = aggregate.sql()?.replace("{where}", &conds);
        if let Some(limit) = aggregate.limit()? {
            values.push(Value::Integer(limit as i64));
            sql = sql.replace("{limit}", &format!("?{}", values.len()));
        }
        self.timed(|conn| {
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(values), |r| {
                Ok(AggregateRow {
                    bucket: r.get(0)?,
                    key: r.get(1)?,
                    target: r.get(2)?,
                    country: r.get(3)?,
                    lat: r.get(4)?,
                    lon: r.get(5)?,
                    count: r.get(6)?,
                    goldstein: r.get(7)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .map_err(|e| text_query_error(filter, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_errors() {
        for name in Bucket::NAMES {
            assert_eq!(name.parse::<Bucket>().map(|b| b.as_str()).ok(), Some(*name));
        }
        for name in GroupBy::NAMES {
            assert_eq!(
                name.parse::<GroupBy>().map(|b| b.as_str()).ok(),
                Some(*name)
            );
        }
        assert!(matches!(
            "year".parse::<Bucket>(),
            Err(StoreError::Invalid { name: "per", .. })
        ));
    }

    #[test]
    fn limits_outside_the_range_are_refused() {
        assert!(Aggregate::Places { limit: 0 }.sql().is_err());
        assert!(
            Aggregate::Dyads {
                countries: false,
                limit: MAX_ROWS + 1
            }
            .sql()
            .is_err()
        );
        assert!(Aggregate::Countries { limit: 5 }.sql().is_ok());
    }
}
