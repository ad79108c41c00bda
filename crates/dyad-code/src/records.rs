//! PETRARCH unit-test records (`<Sentence>` with `<EventCoding>` gold and
//! an embedded CoNLL-U `<Parse>`), read by `dyad-ingest`'s one PETRARCH
//! XML reader ([`dyad_ingest::petrarch`]) into [`Document`]s whose
//! sentences carry the parse as their analysis; this module adds the coding
//! options the records' `<Config>` tags set.

use crate::CommaLimits;

pub use dyad_ingest::petrarch::{Environment, GoldEvent};

/// One `<Sentence>` record, with the coding options in force for it.
pub type Record = dyad_ingest::petrarch::Record<RecordOptions>;

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

/// A whole records file, each record with its coding options.
pub type RecordFile = dyad_ingest::petrarch::RecordFile<RecordOptions>;

/// Reads a records file's text. Comments are skipped; a record without
/// `<Text>` is skipped; nothing here panics on malformed input.
pub fn read_records(text: &str) -> RecordFile {
    dyad_ingest::petrarch::read_records(text)
        .map_options(|config| RecordOptions::from_config(&config))
}
