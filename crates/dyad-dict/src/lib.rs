//! Reader for the PETRARCH2 dictionary formats: verbs, actors, agents,
//! discards and issues.
//!
//! Each file is read into a compact, typed form a coder can query directly,
//! and every entry keeps the [`Provenance`] (`file:line`) it was read from,
//! so that an event can name the dictionary lines that produced it.
//!
//! - [`VerbDict`]: synsets ([`Synset`]), verb blocks ([`VerbBlock`]) with
//!   their verbs and forms ([`Verb`], [`VerbForm`]) and patterns
//!   ([`Pattern`] of [`PatternItem`]s around the verb slot, with a
//!   [`VerbCode`]), and transformations ([`Transformation`]).
//!   [`VerbDict::lookup`] finds the blocks of a verb word.
//! - [`ActorDict`]: phrases → [`ActorEntry`]s with codes and date
//!   restrictions; [`ActorEntry::code_on`] resolves the code for a date.
//! - [`AgentDict`]: phrases (singular and plural) → agent codes.
//! - [`DiscardDict`]: phrases that stop a sentence or story being coded.
//! - [`IssueDict`]: phrases → issue codes.
//! - [`Dictionaries`] loads a whole set, e.g. [`DictFiles::phoenix`].
//! - [`dyad_format`]: dyad's own actor, agent and verb format, and the
//!   dictionaries dyad ships ([`builtin`], [`builtin_dictionaries`]).
//!
//! Malformed input is data, not failure: every problem becomes a
//! [`Diagnostic`] carrying the file, the line and what is wrong, the reader
//! skips or repairs the entry and goes on. The only hard error,
//! [`DictError`], is a file that cannot be read (or a dyad-format folder
//! without dictionary files). No input makes the reader panic. A set that
//! loads but cannot code anything (empty files) is told by
//! [`Dictionaries::check_not_empty`].
//!
//! This crate reads dictionaries; it does not match them against parsed
//! sentences (beyond simple phrase lookups), code events, or know CAMEO's
//! meanings (see `dyad-cameo`).
//!
//! ```
//! use dyad_dict::{ActorDict, PatternItem, VerbDict};
//! use dyad_core::Date;
//!
//! let verbs = "\
//! &MONEY
//! +DOLLAR
//! ---  GRANT   [070]  ---
//! GIVE {GAVE GIVEN GIVING GIVES}
//! - * &MONEY (TO +)  [071]  # GIVE
//! ";
//! let (dict, diagnostics) = VerbDict::parse("my.verbs", verbs);
//! assert!(diagnostics.is_empty());
//! let found = dict.lookup("gave").next().unwrap();
//! assert_eq!(found.code().to_string(), "070");
//! let pattern = &found.block.patterns[0];
//! assert_eq!(pattern.after[0], PatternItem::Synset("MONEY".into()));
//! assert_eq!(pattern.code.to_string(), "071");
//! assert_eq!(pattern.provenance.to_string(), "my.verbs:5");
//!
//! let mut actors = ActorDict::new();
//! let diagnostics = actors.add_text("my.actors", "HAMID_KARZAI_\n\t[AFGGOV >20011222]\n\t[AFGELI]\n");
//! assert!(diagnostics.is_empty());
//! let karzai = actors.longest_match(&["Hamid", "Karzai", "said"]).unwrap();
//! assert_eq!(karzai.len, 2);
//! let code = karzai.entry.code_on(Date::parse("20050101")).unwrap();
//! assert_eq!((&*code.code, code.provenance.line), ("AFGGOV", 2));
//! ```

mod actors;
mod agents;
mod diag;
mod discards;
pub mod dyad_format;
mod issues;
mod phrase;
mod source;
mod verbs;

pub use actors::{ActorDict, ActorEntry, ActorMatch, DateRange, DatedCode};
pub use agents::{AgentDict, AgentEntry, AgentMatch, AgentPlacement, regular_plural};
pub use diag::{Diagnostic, DiagnosticKind, DictError, EmptySet, Provenance};
pub use discards::{DiscardDict, DiscardEntry, DiscardScope};
pub use dyad_format::{DyadDicts, builtin, builtin_dictionaries, check, load_dyad_dir};
pub use issues::{IssueAction, IssueDict, IssueEntry};
pub use phrase::{Join, Phrase};
pub use verbs::{
    FormRef, Pattern, PatternItem, Synset, SynsetMember, TransformEvent, TransformTarget,
    TransformVar, TransformVerb, Transformation, Verb, VerbBlock, VerbCode, VerbDict, VerbForm,
    VerbMatch,
};

use std::path::{Path, PathBuf};

/// The files of a dictionary set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DictFiles {
    /// The verb dictionary.
    pub verbs: Option<PathBuf>,
    /// The actor dictionaries, read in order.
    pub actors: Vec<PathBuf>,
    /// The agent dictionary.
    pub agents: Option<PathBuf>,
    /// The discard list.
    pub discards: Option<PathBuf>,
    /// The issues dictionary.
    pub issues: Option<PathBuf>,
}

impl DictFiles {
    /// The Phoenix set PETRARCH2 ships, as its `PETR_config.ini` names it,
    /// in `dir`: `CAMEO.2.0.txt`, the three `Phoenix.*.actors.txt`,
    /// `Phoenix.agents.txt`, `Phoenix.discards.txt`, `Phoenix.IssueCoding.txt`.
    pub fn phoenix(dir: &Path) -> DictFiles {
        DictFiles {
            verbs: Some(dir.join("CAMEO.2.0.txt")),
            actors: [
                "Phoenix.Countries.actors.txt",
                "Phoenix.International.actors.txt",
                "Phoenix.MilNonState.actors.txt",
            ]
            .iter()
            .map(|f| dir.join(f))
            .collect(),
            agents: Some(dir.join("Phoenix.agents.txt")),
            discards: Some(dir.join("Phoenix.discards.txt")),
            issues: Some(dir.join("Phoenix.IssueCoding.txt")),
        }
    }
}

/// A loaded dictionary set.
#[derive(Clone, Debug, Default)]
pub struct Dictionaries {
    /// The verb dictionary.
    pub verbs: VerbDict,
    /// All actor files, merged.
    pub actors: ActorDict,
    /// The agent dictionary.
    pub agents: AgentDict,
    /// The discard list.
    pub discards: DiscardDict,
    /// The issues dictionary.
    pub issues: IssueDict,
    /// Nominal event patterns ("attack on +", "meeting between %"): the
    /// first word of each is an event noun. Empty for PETRARCH sets.
    pub nominal: VerbDict,
}

impl Dictionaries {
    /// Whether the set can code anything at all: it needs verbs (or event
    /// nouns) and actors or agents. Empty or missing files load without
    /// error, so a caller checks this to turn "0 events" into a clear
    /// message.
    pub fn check_not_empty(&self) -> Result<(), EmptySet> {
        if self.verbs.verb_count() == 0 && self.nominal.verb_count() == 0 {
            return Err(EmptySet::NoVerbs);
        }
        if self.actors.is_empty() && self.agents.is_empty() {
            return Err(EmptySet::NoActors);
        }
        Ok(())
    }

    /// Loads every file `files` names; a file that is not named stays empty.
    /// Fails only when a named file cannot be read.
    pub fn load(files: &DictFiles) -> Result<(Dictionaries, Vec<Diagnostic>), DictError> {
        let mut dicts = Dictionaries::default();
        let mut diags = Vec::new();
        if let Some(path) = &files.verbs {
            let (verbs, d) = VerbDict::parse_bytes(&file_name(path), &read(path)?);
            dicts.verbs = verbs;
            diags.extend(d);
        }
        for path in &files.actors {
            diags.extend(dicts.actors.add_bytes(&file_name(path), &read(path)?));
        }
        if let Some(path) = &files.agents {
            diags.extend(dicts.agents.add_bytes(&file_name(path), &read(path)?));
        }
        if let Some(path) = &files.discards {
            diags.extend(dicts.discards.add_bytes(&file_name(path), &read(path)?));
        }
        if let Some(path) = &files.issues {
            diags.extend(dicts.issues.add_bytes(&file_name(path), &read(path)?));
        }
        Ok((dicts, diags))
    }
}

/// Reads a verb dictionary file.
pub fn load_verbs(path: &Path) -> Result<(VerbDict, Vec<Diagnostic>), DictError> {
    Ok(VerbDict::parse_bytes(&file_name(path), &read(path)?))
}

/// Reads one actor dictionary file.
pub fn load_actors(path: &Path) -> Result<(ActorDict, Vec<Diagnostic>), DictError> {
    load_into(path, ActorDict::add_bytes)
}

/// Reads an agent dictionary file.
pub fn load_agents(path: &Path) -> Result<(AgentDict, Vec<Diagnostic>), DictError> {
    load_into(path, AgentDict::add_bytes)
}

/// Reads a discard list file.
pub fn load_discards(path: &Path) -> Result<(DiscardDict, Vec<Diagnostic>), DictError> {
    load_into(path, DiscardDict::add_bytes)
}

/// Reads an issues dictionary file.
pub fn load_issues(path: &Path) -> Result<(IssueDict, Vec<Diagnostic>), DictError> {
    load_into(path, IssueDict::add_bytes)
}

/// Reads one file into an empty dictionary with `add_bytes` (the
/// dictionary's own `add_bytes`).
fn load_into<D: Default>(
    path: &Path,
    add_bytes: impl FnOnce(&mut D, &str, &[u8]) -> Vec<Diagnostic>,
) -> Result<(D, Vec<Diagnostic>), DictError> {
    let mut dict = D::default();
    let diags = add_bytes(&mut dict, &file_name(path), &read(path)?);
    Ok((dict, diags))
}

fn read(path: &Path) -> Result<Vec<u8>, DictError> {
    std::fs::read(path).map_err(|source| DictError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}
