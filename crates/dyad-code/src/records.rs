//! PETRARCH unit-test records (`<Sentence>` with `<EventCoding>` gold and
//! an embedded CoNLL-U `<Parse>`), read by `dyad-ingest`'s one PETRARCH
//! XML reader ([`dyad_ingest::petrarch`]) into [`Document`]s whose
//! sentences carry the parse as their analysis; this module adds the coding
//! options the records' `<Config>` tags set.

use crate::CommaLimits;
use dyad_core::Document;

pub use dyad_ingest::petrarch::{Environment, GoldEvent};

/// One `<Sentence>` record.
#[derive(Clone, Debug)]
pub struct Record {
    /// The record's `id`.
    pub id: String,
    /// The record's `category` (its `source` attribute, e.g. `DEMO`).
    pub category: String,
    /// 1-based line of the `<Sentence>` tag.
    pub line: usize,
    /// The gold events.
    pub gold: Vec<GoldEvent>,
    /// The record says no event must be coded (`noevents="True"`).
    pub no_events: bool,
    /// The record as a one-sentence document; its sentence carries the
    /// embedded parse as analysis (empty when there was none or it could
    /// not be read).
    pub document: Document,
    /// Problems reading the parse.
    pub warnings: Vec<String>,
    /// The coding options in force for this record (`<Config>` tags
    /// before it).
    pub options: RecordOptions,
}

/// Coding options a records file sets between records with
/// `<Config option="…" value="…"/>`; each holds until set again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordOptions {
    /// `require_dyad` (default true): code only events with both actors.
    pub require_dyad: bool,
    /// `new_actor_length` (default 0, off): noun phrases of at most this
    /// many words are actors even when no dictionary names them
    /// ([`crate::Config::new_actor_length`]).
    pub new_actor_length: usize,
    /// `comma_min`, `comma_max`, `comma_bmin` … (default
    /// [`CommaLimits::OFF`]: the unit tests' gold keeps every clause): the
    /// comma-delimited clauses dropped.
    pub commas: CommaLimits,
}

impl Default for RecordOptions {
    fn default() -> RecordOptions {
        RecordOptions {
            require_dyad: true,
            new_actor_length: 0,
            commas: CommaLimits::OFF,
        }
    }
}

impl RecordOptions {
    /// The options after applying `config` (`<Config option value>`
    /// settings, in file order) to the defaults; unknown options and
    /// unreadable values are ignored.
    pub fn from_config(config: &[(String, String)]) -> RecordOptions {
        let mut options = RecordOptions::default();
        for (option, value) in config {
            options.apply(option, value);
        }
        options
    }

    fn apply(&mut self, option: &str, value: &str) {
        if option.eq_ignore_ascii_case("require_dyad") {
            if value.eq_ignore_ascii_case("true") {
                self.require_dyad = true;
            } else if value.eq_ignore_ascii_case("false") {
                self.require_dyad = false;
            }
        } else if let Ok(n) = value.trim().parse::<usize>() {
            let c = &mut self.commas;
            let slot = match option.to_ascii_lowercase().as_str() {
                "new_actor_length" => Some(&mut self.new_actor_length),
                "comma_min" => Some(&mut c.min),
                "comma_max" => Some(&mut c.max),
                "comma_bmin" => Some(&mut c.bmin),
                "comma_bmax" => Some(&mut c.bmax),
                "comma_emin" => Some(&mut c.emin),
                "comma_emax" => Some(&mut c.emax),
                _ => None,
            };
            if let Some(slot) = slot {
                *slot = n;
            }
        }
    }
}

/// A whole records file.
#[derive(Clone, Debug, Default)]
pub struct RecordFile {
    /// The environment.
    pub environment: Environment,
    /// The records, in file order.
    pub records: Vec<Record>,
}

/// Reads a records file's text. Comments are skipped; a record without
/// `<Text>` is skipped; nothing here panics on malformed input.
pub fn read_records(text: &str) -> RecordFile {
    let file = dyad_ingest::petrarch::read_records(text);
    RecordFile {
        environment: file.environment,
        records: file
            .records
            .into_iter()
            .map(|r| Record {
                options: RecordOptions::from_config(&r.config),
                id: r.id,
                category: r.category,
                line: r.line,
                gold: r.gold,
                no_events: r.no_events,
                document: r.document,
                warnings: r.warnings,
            })
            .collect(),
    }
}
