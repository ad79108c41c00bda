//! dyad's own dictionary format for actors and agents, and the dictionaries
//! dyad ships (`dicts/*.txt`, embedded in the binary).
//!
//! The format is line-oriented UTF-8 text; `#` at the start of a line or
//! after a blank starts a comment. See `docs/dictionaries.md` for the full
//! description. In short, an actor file holds entry blocks and role
//! declarations:
//!
//! ```text
//! role prime-minister GOV: prime minister | premier
//!
//! IRQ  Iraq | Republic of Iraq              # a country: bare ISO-3 code
//!     adj: Iraqi
//!     people: Iraqis
//!     capital: Baghdad
//! IRQELI  Adel Abdul Mahdi | Abdul Mahdi    # default code, then dated ones
//!     IRQGOV  2018-10-25..2020-05-07  prime-minister
//! ```
//!
//! and an agent file one code per line with its phrases and plurals:
//!
//! ```text
//! MIL  soldier | troops / - | army / armies
//! ```
//!
//! Files are read into the same [`ActorDict`] and [`AgentDict`] the PETRARCH
//! reader produces, so one coder handles both. Role declarations make
//! phrases like "the Iraqi prime minister" and "Iraq's prime minister" into
//! actor entries whose dated codes are the holders' terms: the code that
//! applies on a date points (by provenance) at the line of the person in
//! office, and [`DyadDicts::holder`] names them.
//!
//! ```
//! use dyad_dict::dyad_format::{DyadDicts, DyadFile, FileKind, lookup};
//! use dyad_core::Date;
//!
//! let actors = "\
//! role prime-minister GOV: prime minister
//! IRQ  Iraq
//!     adj: Iraqi
//! IRQELI  Adel Abdul Mahdi | Abdul Mahdi
//!     IRQGOV  2018-10-25..2020-05-07  prime-minister
//! ";
//! let files = [DyadFile { name: "a.txt", text: actors, kind: FileKind::Actors }];
//! let (dicts, diagnostics) = DyadDicts::parse(&files);
//! assert!(diagnostics.is_empty(), "{diagnostics:?}");
//! let found = lookup(&dicts, "the Iraqi prime minister", Date::parse("2019-10-31"));
//! assert_eq!(found[0].code.as_deref(), Some("IRQGOV"));
//! assert_eq!(found[0].holder.as_deref(), Some("Adel Abdul Mahdi"));
//! ```

mod actors_fmt;
mod agents_fmt;
mod import;
mod lookup;
mod morph;
mod syntax;
mod verbs_fmt;

pub use import::{import_petrarch, import_petrarch_actors, import_petrarch_agents};
pub use lookup::{Match, MatchKind, lookup, tokenize};
pub use morph::{noun_forms, verb_forms};
pub use syntax::{AGENT_CODES, NON_COUNTRY_PREFIXES, format_range};
pub use verbs_fmt::{PREPOSITIONS, parse_verbs};

use crate::diag::Sink;
use crate::{
    ActorDict, AgentDict, Diagnostic, DictError, Dictionaries, Provenance, VerbDict, source,
};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Which kind of dictionary a dyad-format file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Actors: countries, institutions, people, groups, roles.
    Actors,
    /// Agents: sector phrases with codes such as `GOV`.
    Agents,
    /// Verbs: CAMEO codes with lemma-based verb patterns.
    Verbs,
    /// Nominal events ("the attack on +"): noun patterns in the verb
    /// format, kept apart ([`DyadDicts::nominal`]).
    Nominal,
}

impl FileKind {
    /// The kind a file name implies: names starting `agents` hold agents,
    /// `verbs-nominal` nominal events, `verbs` verbs, all others actors.
    pub fn from_name(name: &str) -> FileKind {
        if name.starts_with("agents") {
            FileKind::Agents
        } else if name.starts_with("verbs-nominal") {
            FileKind::Nominal
        } else if name.starts_with("verbs") {
            FileKind::Verbs
        } else {
            FileKind::Actors
        }
    }
}

/// One dyad-format file's name (used in provenance) and text.
#[derive(Clone, Copy, Debug)]
pub struct DyadFile<'a> {
    /// The file's name, e.g. `leaders.txt`.
    pub name: &'a str,
    /// Its text.
    pub text: &'a str,
    /// What it holds.
    pub kind: FileKind,
}

/// A loaded dyad-format dictionary set.
#[derive(Clone, Debug, Default)]
pub struct DyadDicts {
    /// All actor entries, including the generated capital and role entries.
    pub actors: ActorDict,
    /// All agent entries (singular and plural forms).
    pub agents: AgentDict,
    /// The verb dictionary (`verbs*.txt`).
    pub verbs: VerbDict,
    /// Nominal event patterns (`verbs-nominal*.txt`); the coder looks
    /// nouns up here ([`Dictionaries::nominal`]).
    pub nominal: VerbDict,
    holders: HashMap<Provenance, Arc<str>>,
}

impl DyadDicts {
    /// Reads a whole set (roles and countries may be used across files).
    /// Malformed entries become diagnostics; reading never stops.
    pub fn parse(files: &[DyadFile<'_>]) -> (DyadDicts, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut raw = actors_fmt::RawActors::default();
        let mut agents = Vec::new();
        let mut seen_agents = HashMap::new();
        let mut verbs = verbs_fmt::RawVerbs::new(false);
        let mut nominal = verbs_fmt::RawVerbs::new(true);
        for f in files {
            let mut sink = Sink {
                file: Arc::from(f.name),
                out: &mut diags,
            };
            match f.kind {
                FileKind::Actors => actors_fmt::parse_file(f.text, &mut sink, &mut raw),
                FileKind::Agents => {
                    agents_fmt::parse_file(f.text, &mut sink, &mut agents, &mut seen_agents)
                }
                FileKind::Verbs => verbs_fmt::parse_file(f.text, &mut sink, &mut verbs),
                FileKind::Nominal => verbs_fmt::parse_file(f.text, &mut sink, &mut nominal),
            }
        }
        let verbs = verbs_fmt::finish(verbs, &mut diags);
        let nominal = verbs_fmt::finish(nominal, &mut diags);
        let resolved = actors_fmt::resolve(raw, &mut diags);
        let mut dicts = DyadDicts {
            holders: resolved.holders,
            verbs,
            nominal,
            ..DyadDicts::default()
        };
        dicts.actors.extend(resolved.entries);
        dicts.agents.extend(agents);
        (dicts, diags)
    }

    /// Reads every `*.txt` file in `dir`, in name order, as one set.
    /// Fails only when the folder or a file cannot be read, or the folder
    /// holds no `*.txt` file ([`DictError::NoFiles`]).
    pub fn load_dir(dir: &Path) -> Result<(DyadDicts, Vec<Diagnostic>), DictError> {
        let io = |source| DictError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt") && p.is_file())
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(DictError::NoFiles {
                dir: dir.to_path_buf(),
            });
        }
        let mut diags = Vec::new();
        let mut texts = Vec::with_capacity(paths.len());
        for path in &paths {
            let bytes = std::fs::read(path).map_err(|source| DictError::Io {
                path: path.clone(),
                source,
            })?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = source::decode(
                &bytes,
                &mut Sink {
                    file: Arc::from(name.as_str()),
                    out: &mut diags,
                },
            )
            .into_owned();
            texts.push((name, text));
        }
        let files: Vec<DyadFile<'_>> = texts
            .iter()
            .map(|(name, text)| DyadFile {
                name,
                text,
                kind: FileKind::from_name(name),
            })
            .collect();
        let (dicts, more) = DyadDicts::parse(&files);
        diags.extend(more);
        Ok((dicts, diags))
    }

    /// The name of the person whose dated code line is `provenance` (the
    /// provenance a role entry's code carries), e.g. `Adel Abdul Mahdi`.
    pub fn holder(&self, provenance: &Provenance) -> Option<&str> {
        self.holders.get(provenance).map(|n| &**n)
    }

    /// A [`Dictionaries`] with these actors, agents, verbs and nominal
    /// patterns, and no discards or issues.
    pub fn to_dictionaries(&self) -> Dictionaries {
        Dictionaries {
            actors: self.actors.clone(),
            agents: self.agents.clone(),
            verbs: self.verbs.clone(),
            nominal: self.nominal.clone(),
            ..Dictionaries::default()
        }
    }
}

/// The dictionaries dyad ships, as `(file name, text)`, in load order.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "countries.txt",
        include_str!("../../../dicts/countries.txt"),
    ),
    ("igos.txt", include_str!("../../../dicts/igos.txt")),
    (
        "institutions.txt",
        include_str!("../../../dicts/institutions.txt"),
    ),
    ("groups.txt", include_str!("../../../dicts/groups.txt")),
    ("leaders.txt", include_str!("../../../dicts/leaders.txt")),
    (
        "leaders-world.txt",
        include_str!("../../../dicts/leaders-world.txt"),
    ),
    ("agents.txt", include_str!("../../../dicts/agents.txt")),
    ("verbs.txt", include_str!("../../../dicts/verbs.txt")),
    (
        "verbs-nominal.txt",
        include_str!("../../../dicts/verbs-nominal.txt"),
    ),
];

fn builtin_files() -> Vec<DyadFile<'static>> {
    BUILTIN_FILES
        .iter()
        .map(|&(name, text)| DyadFile {
            name,
            text,
            kind: FileKind::from_name(name),
        })
        .collect()
}

/// The shipped dictionaries, parsed once (later calls are free). Their
/// diagnostics, which a test keeps empty, are in [`check_builtin`].
pub fn builtin() -> &'static DyadDicts {
    static BUILTIN: OnceLock<DyadDicts> = OnceLock::new();
    BUILTIN.get_or_init(|| DyadDicts::parse(&builtin_files()).0)
}

/// dyad's own dictionaries as a [`Dictionaries`] for the coder: the
/// shipped actors, agents and verbs ([`builtin`], parsed once; each call
/// clones them).
pub fn builtin_dictionaries() -> Dictionaries {
    builtin().to_dictionaries()
}

/// Every diagnostic for the shipped dictionaries (empty when they are clean).
pub fn check_builtin() -> Vec<Diagnostic> {
    DyadDicts::parse(&builtin_files()).1
}

/// Reads a folder of dyad-format files: actors, agents and diagnostics.
pub fn load_dyad_dir(dir: &Path) -> Result<(ActorDict, AgentDict, Vec<Diagnostic>), DictError> {
    let (dicts, diags) = DyadDicts::load_dir(dir)?;
    Ok((dicts.actors, dicts.agents, diags))
}

/// All checks on a folder of dyad-format files (`dyad dict check DIR`):
/// syntax, missing and malformed codes, bad dates, unknown agent codes and
/// country prefixes, unknown roles, duplicate aliases and agent phrases,
/// overlapping date ranges in an entry and overlapping terms of one role.
pub fn check(dir: &Path) -> Result<Vec<Diagnostic>, DictError> {
    Ok(DyadDicts::load_dir(dir)?.1)
}
