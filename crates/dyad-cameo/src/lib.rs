//! dyad's own CAMEO tables: every CAMEO event code with its name, Goldstein
//! scale value, QuadClass and PLOVER event type and mode.
//!
//! The tables are dyad's data, compiled into the binary (`data/cameo.tsv` and
//! `data/plover.tsv` in this crate, parsed once on first use); nothing is read
//! from disk at run time.
//!
//! - [`lookup`] finds an [`EventCode`] by its code string (`"042"`, `"1823"`).
//! - [`EventCode`] holds the name, [`goldstein`](EventCode::goldstein) value,
//!   [`QuadClass`], root and optional [`Plover`] mapping of one code.
//! - [`codes`] iterates over the whole table in codebook order.
//!
//! The CAMEO codes are those of the CAMEO 1.1b3 codebook (20 roots and all
//! their sub-codes), plus 1213 and 1214, which the CAMEO-to-PLOVER table maps.
//! The PLOVER mapping is the 2021 CAMEO2PLOVER table: codes in roots 01 and 02
//! have none; a code the table does not list would inherit its nearest listed
//! ancestor's mapping (every code in roots 03–20 is listed). Two lines depart
//! from the table, as the PLOVER reference's text says: 192 (occupy
//! territory) is ASSAULT and 163 (embargo, boycott, sanctions) SANCTION, not
//! COERCE.
//!
//! This crate does not code events, resolve actors or know about dictionaries.
//!
//! ```
//! use dyad_cameo::{lookup, PloverType, QuadClass};
//!
//! let visit = lookup("042").unwrap();
//! assert_eq!(visit.name, "Make a visit");
//! assert_eq!(visit.goldstein, 1.9);
//! assert_eq!(visit.quad_class, QuadClass::VerbalCooperation);
//! assert_eq!(visit.root, "04");
//! let plover = visit.plover.as_ref().unwrap();
//! assert_eq!(plover.event_type, PloverType::Consult);
//! assert_eq!(plover.mode, Some("visit"));
//! assert!(lookup("999").is_none());
//! ```

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

const CAMEO_TSV: &str = include_str!("../data/cameo.tsv");
const PLOVER_TSV: &str = include_str!("../data/plover.tsv");

/// One CAMEO event code and what dyad knows about it.
#[derive(Clone, Debug, PartialEq)]
pub struct EventCode {
    /// The code with its leading zeros, e.g. `"042"`, `"1823"`, `"19"`.
    pub code: &'static str,
    /// The codebook name, e.g. `"Make a visit"`.
    pub name: &'static str,
    /// The Goldstein conflict–cooperation scale value, −10.0 to +10.0.
    pub goldstein: f64,
    /// The QuadClass of the code's root.
    pub quad_class: QuadClass,
    /// The two-digit root, e.g. `"04"` for `"042"`.
    pub root: &'static str,
    /// The PLOVER event type and mode, where the CAMEO-to-PLOVER table has one.
    pub plover: Option<Plover>,
}

impl EventCode {
    /// The code one level up (`"0211"` → `"021"`, `"021"` → `"02"`), or `None`
    /// for a root.
    pub fn parent(&self) -> Option<&'static EventCode> {
        parent_code(self.code).and_then(lookup)
    }

    /// Whether this is one of the 20 two-digit roots.
    pub fn is_root(&self) -> bool {
        self.code.len() == 2
    }

    /// The PLOVER type and mode of an event with this code. The table's
    /// mapping, refined by the PLOVER reference's line between verbal and
    /// material concessions: CONCEDE covers "verbal concessions which have
    /// no immediate material consequences, including promises of future
    /// concessions", easing of legal restrictions, removing curfews, and
    /// declarations (not implementations) of ceasefires and withdrawals.
    /// So an intent to yield (035x, the table's AGREE), the easing of a
    /// curfew or state of emergency (0813, 0814, the table's RETREAT), and
    /// — with `promised` (the act is agreed, promised or declared, not done)
    /// — any RETREAT act are CONCEDE, without mode. The other way, RETREAT
    /// "also covers resignations of government officials": a change of
    /// leadership acceded to (0831, the table's CONCEDE) that is done, not
    /// promised, is RETREAT, mode `resign`.
    ///
    /// Two CAMEO families the 2021 table leaves out carry PLOVER content by
    /// the project's coding rules (`shared/gold-events.md`: "call for →
    /// REQUEST, deny → REJECT"): appeals (02x, "urged", "called on",
    /// "appealed for aid") are REQUEST, and a denial of responsibility
    /// (016) is REJECT. The other statements (01x) stay without a type.
    pub fn plover_type(&self, promised: bool) -> Option<(PloverType, Option<&'static str>)> {
        if self.code.starts_with("02") {
            return Some((PloverType::Request, None));
        }
        if self.code.starts_with("016") {
            return Some((PloverType::Reject, None));
        }
        let p = self.plover.as_ref()?;
        if self.code == "0831" && !promised {
            return Some((PloverType::Retreat, Some("resign")));
        }
        let verbal = self.code.starts_with("035")
            || self.code.starts_with("0813")
            || self.code.starts_with("0814")
            || (promised && p.event_type == PloverType::Retreat);
        Some(if verbal {
            (PloverType::Concede, None)
        } else {
            (p.event_type, p.mode)
        })
    }
}

/// The four-way QuadClass grouping of CAMEO roots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuadClass {
    /// 1: verbal cooperation, roots 01–05.
    VerbalCooperation = 1,
    /// 2: material cooperation, roots 06–08.
    MaterialCooperation = 2,
    /// 3: verbal conflict, roots 09–13.
    VerbalConflict = 3,
    /// 4: material conflict, roots 14–20.
    MaterialConflict = 4,
}

impl QuadClass {
    /// The QuadClass of a root given as a number 1–20, or `None` outside that range.
    pub fn of_root(root: u8) -> Option<QuadClass> {
        match root {
            1..=5 => Some(QuadClass::VerbalCooperation),
            6..=8 => Some(QuadClass::MaterialCooperation),
            9..=13 => Some(QuadClass::VerbalConflict),
            14..=20 => Some(QuadClass::MaterialConflict),
            _ => None,
        }
    }

    /// The number used in event records, 1–4.
    pub fn as_u8(self) -> u8 {
        self as u8
    }
}

/// A PLOVER mapping of one CAMEO code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plover {
    /// The PLOVER event type.
    pub event_type: PloverType,
    /// The PLOVER mode in lower case, e.g. `"visit"`, where the table gives one.
    pub mode: Option<&'static str>,
    /// The PLOVER contexts the table gives, e.g. `["crime", "corruption"]`.
    pub contexts: Vec<&'static str>,
    /// `Some(ancestor)` when the code is not listed and the mapping is its
    /// ancestor's; `None` when the table lists the code itself.
    pub inherited_from: Option<&'static str>,
}

/// The 16 PLOVER event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PloverType {
    /// AGREE
    Agree,
    /// CONSULT
    Consult,
    /// SUPPORT
    Support,
    /// CONCEDE
    Concede,
    /// COOPERATE
    Cooperate,
    /// AID
    Aid,
    /// RETREAT
    Retreat,
    /// REQUEST
    Request,
    /// ACCUSE
    Accuse,
    /// REJECT
    Reject,
    /// THREATEN
    Threaten,
    /// PROTEST
    Protest,
    /// SANCTION
    Sanction,
    /// MOBILIZE
    Mobilize,
    /// COERCE
    Coerce,
    /// ASSAULT
    Assault,
}

impl PloverType {
    /// All 16 types, in the order of the PLOVER manual.
    pub const ALL: [PloverType; 16] = [
        PloverType::Agree,
        PloverType::Consult,
        PloverType::Support,
        PloverType::Concede,
        PloverType::Cooperate,
        PloverType::Aid,
        PloverType::Retreat,
        PloverType::Request,
        PloverType::Accuse,
        PloverType::Reject,
        PloverType::Threaten,
        PloverType::Protest,
        PloverType::Sanction,
        PloverType::Mobilize,
        PloverType::Coerce,
        PloverType::Assault,
    ];

    /// The type's name in capitals, as event records write it.
    pub fn as_str(self) -> &'static str {
        match self {
            PloverType::Agree => "AGREE",
            PloverType::Consult => "CONSULT",
            PloverType::Support => "SUPPORT",
            PloverType::Concede => "CONCEDE",
            PloverType::Cooperate => "COOPERATE",
            PloverType::Aid => "AID",
            PloverType::Retreat => "RETREAT",
            PloverType::Request => "REQUEST",
            PloverType::Accuse => "ACCUSE",
            PloverType::Reject => "REJECT",
            PloverType::Threaten => "THREATEN",
            PloverType::Protest => "PROTEST",
            PloverType::Sanction => "SANCTION",
            PloverType::Mobilize => "MOBILIZE",
            PloverType::Coerce => "COERCE",
            PloverType::Assault => "ASSAULT",
        }
    }

    /// Parses a type name, ignoring case and surrounding blanks.
    pub fn parse(name: &str) -> Option<PloverType> {
        let name = name.trim();
        PloverType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for PloverType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A line of the embedded tables that could not be read; only a broken build
/// of this crate can produce one, and the crate's tests check there is none.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{table}:{line}: {message}")]
pub struct TableError {
    /// `cameo.tsv` or `plover.tsv`.
    pub table: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

struct Tables {
    codes: Vec<EventCode>,
    index: HashMap<&'static str, usize>,
    errors: Vec<TableError>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(build_tables);

/// The event code `code` (leading zeros required: `"042"`, not `"42"`), or
/// `None` if it is not a CAMEO code.
pub fn lookup(code: &str) -> Option<&'static EventCode> {
    let tables = &*TABLES;
    tables
        .index
        .get(code.trim())
        .and_then(|&i| tables.codes.get(i))
}

/// Every event code, in codebook order (each root followed by its sub-codes).
pub fn codes() -> impl Iterator<Item = &'static EventCode> {
    TABLES.codes.iter()
}

/// Problems found while reading the embedded tables; empty in a correct build.
pub fn table_errors() -> &'static [TableError] {
    &TABLES.errors
}

/// The code one level up: `"0211"` → `"021"`, `"021"` → `"02"`, a root → `None`.
pub fn parent_code(code: &str) -> Option<&str> {
    match code.len() {
        3 => code.get(..2),
        4 => code.get(..3),
        _ => None,
    }
}

fn is_code_shape(code: &str) -> bool {
    (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

struct PloverRow {
    event_type: PloverType,
    mode: Option<&'static str>,
    contexts: Vec<&'static str>,
}

fn data_lines(text: &'static str) -> impl Iterator<Item = (usize, &'static str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

fn read_plover(errors: &mut Vec<TableError>) -> HashMap<&'static str, PloverRow> {
    let mut rows = HashMap::new();
    for (line, text) in data_lines(PLOVER_TSV) {
        let mut fields = text.split('\t');
        let code = fields.next().unwrap_or("").trim();
        let type_name = fields.next().unwrap_or("");
        let mode = fields.next().unwrap_or("").trim();
        let contexts = fields.next().unwrap_or("");
        let Some(event_type) = PloverType::parse(type_name) else {
            errors.push(TableError {
                table: "plover.tsv",
                line,
                message: format!("unknown PLOVER event type `{type_name}`"),
            });
            continue;
        };
        if !is_code_shape(code) {
            errors.push(TableError {
                table: "plover.tsv",
                line,
                message: format!("`{code}` is not a CAMEO code"),
            });
            continue;
        }
        rows.entry(code).or_insert(PloverRow {
            event_type,
            mode: (!mode.is_empty()).then_some(mode),
            contexts: contexts
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect(),
        });
    }
    rows
}

fn build_tables() -> Tables {
    let mut errors = Vec::new();
    let plover = read_plover(&mut errors);
    let mut codes: Vec<EventCode> = Vec::new();
    let mut index = HashMap::new();
    for (line, text) in data_lines(CAMEO_TSV) {
        let mut fields = text.split('\t');
        let (Some(code), Some(goldstein), Some(name)) =
            (fields.next(), fields.next(), fields.next())
        else {
            errors.push(TableError {
                table: "cameo.tsv",
                line,
                message: "expected code, Goldstein value and name".to_string(),
            });
            continue;
        };
        let root_number = code.get(..2).and_then(|r| r.parse::<u8>().ok());
        let (true, Some(quad_class), Some(root), Ok(goldstein)) = (
            is_code_shape(code),
            root_number.and_then(QuadClass::of_root),
            code.get(..2),
            goldstein.trim().parse::<f64>(),
        ) else {
            errors.push(TableError {
                table: "cameo.tsv",
                line,
                message: format!("bad code `{code}` or Goldstein value `{goldstein}`"),
            });
            continue;
        };
        let mut plover_for = None;
        let mut ancestor = Some(code);
        while let Some(candidate) = ancestor {
            if let Some(row) = plover.get(candidate) {
                plover_for = Some(Plover {
                    event_type: row.event_type,
                    mode: row.mode,
                    contexts: row.contexts.clone(),
                    inherited_from: (candidate != code).then_some(candidate),
                });
                break;
            }
            ancestor = parent_code(candidate);
        }
        if index.insert(code, codes.len()).is_some() {
            errors.push(TableError {
                table: "cameo.tsv",
                line,
                message: format!("duplicate code `{code}`"),
            });
        }
        codes.push(EventCode {
            code,
            name: name.trim(),
            goldstein,
            quad_class,
            root,
            plover: plover_for,
        });
    }
    Tables {
        codes,
        index,
        errors,
    }
}

#[cfg(test)]
mod tests;
