//! Query-string parameters: parsed strictly, so that a misspelt or
//! malformed parameter is a 400 naming it, never a silent default.

use std::collections::HashMap;

use dyad_core::Date;
use dyad_store::{Aggregate, Bucket, Filter, GroupBy};

use crate::ApiError;

/// The filter parameters every event and aggregate endpoint takes.
pub const FILTER_PARAMS: &[&str] = &[
    "actor",
    "country",
    "type",
    "cameo",
    "quad_class",
    "from",
    "to",
    "place",
    "text",
    "doc_id",
];

/// The parsed parameters of one request (an empty value counts as absent,
/// as HTML forms send them).
#[derive(Debug, Default)]
pub struct Params(HashMap<String, String>);

impl Params {
    /// Parses `query`, accepting the names in `allowed` and
    /// [`FILTER_PARAMS`] (when `filters`), each at most once.
    pub fn parse(query: Option<&str>, filters: bool, allowed: &[&str]) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
            .map_err(|e| ApiError::bad_request(format!("malformed query string: {e}")))?;
        let mut map = HashMap::new();
        for (key, value) in pairs {
            let known = allowed.contains(&key.as_str())
                || (filters && FILTER_PARAMS.contains(&key.as_str()));
            if !known {
                let mut names: Vec<&str> = allowed.to_vec();
                if filters {
                    names.extend_from_slice(FILTER_PARAMS);
                }
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {key:?}; expected one of {}",
                    names.join(", ")
                )));
            }
            if value.is_empty() {
                continue;
            }
            if map.insert(key.clone(), value).is_some() {
                return Err(ApiError::bad_request(format!(
                    "parameter {key:?} given twice"
                )));
            }
        }
        Ok(Params(map))
    }

    /// A text value.
    pub fn text(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }

    /// A number value in `range`.
    pub fn number<T>(
        &self,
        name: &str,
        range: std::ops::RangeInclusive<T>,
    ) -> Result<Option<T>, ApiError>
    where
        T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
    {
        let Some(text) = self.0.get(name) else {
            return Ok(None);
        };
        match text.parse::<T>() {
            Ok(n) if range.contains(&n) => Ok(Some(n)),
            _ => Err(ApiError::bad_request(format!(
                "parameter {name:?}: {text:?} is not a number from {} to {}",
                range.start(),
                range.end()
            ))),
        }
    }

    /// A date value, `YYYY-MM-DD`.
    pub fn date(&self, name: &str) -> Result<Option<Date>, ApiError> {
        let Some(text) = self.0.get(name) else {
            return Ok(None);
        };
        Date::parse(text)
            .filter(|d| d.to_string() == *text)
            .map(Some)
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "parameter {name:?}: {text:?} is not a date YYYY-MM-DD"
                ))
            })
    }

    /// A value named by a `FromStr` the store defines.
    pub fn named<T>(&self, name: &str, default: T) -> Result<T, ApiError>
    where
        T: std::str::FromStr<Err = dyad_store::StoreError>,
    {
        match self.0.get(name) {
            None => Ok(default),
            Some(text) => text.parse().map_err(ApiError::from),
        }
    }

    /// The event filter.
    pub fn filter(&self) -> Result<Filter, ApiError> {
        let filter = Filter {
            actor: self.text("actor"),
            country: self.text("country"),
            plover_type: self.text("type"),
            cameo: self.text("cameo"),
            quad_class: self.number("quad_class", 1..=4)?,
            from: self.date("from")?,
            to: self.date("to")?,
            place: self.text("place"),
            text: self.text("text"),
            doc_id: self.text("doc_id"),
        };
        filter.validate()?;
        Ok(filter)
    }

    /// The aggregate table `kind` names, with `per`, `by` and `limit`.
    pub fn aggregate(&self, kind: &str) -> Result<Aggregate, ApiError> {
        let limit = self
            .number("limit", 1..=dyad_store::MAX_AGGREGATE_ROWS)?
            .unwrap_or(50);
        Ok(match kind {
            "timeline" => Aggregate::Timeline {
                per: self.named("per", Bucket::Week)?,
                by: self.named("by", GroupBy::Plover)?,
            },
            "dyads" => Aggregate::Dyads {
                countries: false,
                limit,
            },
            "country-dyads" => Aggregate::Dyads {
                countries: true,
                limit,
            },
            "countries" => Aggregate::Countries { limit },
            "places" => Aggregate::Places { limit },
            _ => {
                return Err(ApiError::not_found(format!(
                    "no aggregate {kind:?}; expected one of {}",
                    AGGREGATES.join(", ")
                )));
            }
        })
    }
}

/// The aggregate tables, as the API names them.
pub const AGGREGATES: &[&str] = &["timeline", "dyads", "country-dyads", "countries", "places"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_repeated_and_malformed_parameters_are_400() {
        for query in [
            "nope=1",
            "type=AID&type=AID",
            "quad_class=5",
            "from=2019-1-1",
            "limit=x",
        ] {
            let params = Params::parse(Some(query), true, &["limit"]);
            let err = params.and_then(|p| {
                p.filter()?;
                p.number::<usize>("limit", 1..=10)
            });
            assert_eq!(err.err().map(|e| e.status.as_u16()), Some(400), "{query}");
        }
        let params = Params::parse(Some("type=&country=irq&limit=5"), true, &["limit"]).unwrap();
        let filter = params.filter().unwrap();
        assert_eq!(filter.plover_type, None);
        assert_eq!(filter.country.as_deref(), Some("irq"));
    }
}
