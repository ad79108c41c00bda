//! The event coder: from dependency-parsed sentences to CAMEO events
//! (who did what to whom), using PETRARCH2 dictionaries.
//!
//! For every verb of a sentence's Universal Dependencies analysis
//! ([`dyad_core::Sentence::analysis`]) the coder
//!
//! 1. finds the verb in the verb dictionary (by form, then by lemma;
//!    multi-word verbs need their particles next to the verb);
//! 2. tries the verb block's patterns against the verb's clause: the words
//!    before the verb (subject included) and after it (objects, obliques,
//!    `xcomp`), without nested clauses (`ccomp`, `advcl`, `acl`,
//!    `parataxis`) or conjoined verbs. Pattern words match a form or a
//!    lemma, `$`/`+` a noun phrase naming an actor, `(P …)` a preposition and
//!    words under it, `{…}` words of one noun phrase, `&SET` a synset member,
//!    `%` a coordinated subject. The most specific matching pattern wins; a
//!    null code (`[---]`) filters the verb out; with no match the verb's own
//!    code applies;
//! 3. takes the source from the pattern's `$` or the subject (`nsubj`; the
//!    `obl:agent`/`nmod:agent` by-phrase of a passive; inherited through
//!    `xcomp` and `conj`), and the target from `+`, the passive subject, or
//!    the first actor after the verb;
//! 4. resolves an actor phrase from its head noun and the head's
//!    `compound`/`amod`/`flat`/`det`/`nmod:poss`/`nmod`-of words with the
//!    actor and agent dictionaries (longest match; the document date picks
//!    date-restricted codes): "Iraqi security forces" → `IRQ` + `COP` →
//!    `IRQCOP`; an agent without country gives `---GOV`;
//! 5. expands coordinated actors into one event per source–target pair
//!    (`%` patterns: every ordered pair of the conjuncts), drops events
//!    whose source and target codes are equal;
//! 6. marks negation (`negated`, modality `denied`: negated events are
//!    emitted for audit but are not the positive event), modality from
//!    auxiliaries (`will` planned, `would`/`could`/`may` hypothetical) and
//!    governing verbs (`threaten to` threatened, `plan/vow/intend to`
//!    planned), and reported speech ("X said A attacked B": the event A→B
//!    from the complement clause, `attribution` X, modality `reported`).
//!
//! UD v1 labels (`dobj`, `nsubjpass`, `auxpass`, `nmod` on verbs, `name`,
//! `neg`) and UD v2 labels (`obj`, `nsubj:pass`, `obl`, `flat` …) are
//! normalised once when a sentence is read ([`Rel::parse`]).
//!
//! Discard phrases stop a sentence (or, story-level, the whole document)
//! from being coded. Sentences without analysis are skipped (the parser is
//! a separate stage); inconsistent analyses become [`CodeDiagnostic`]s.
//! Nothing here panics on any input.
//!
//! This crate does not parse text, read files other than PETRARCH records
//! ([`read_records`]), or serialise events (see `dyad-output`).
//!
//! Principal types: [`Coder`] (built once from [`dyad_dict::Dictionaries`],
//! shared between threads), [`Config`], [`Coded`] (events, traces,
//! diagnostics), [`Event`], [`Actor`], [`Modality`].
//!
//! ```
//! use dyad_code::{Coder, Config, read_records};
//! use dyad_dict::Dictionaries;
//!
//! let mut dicts = Dictionaries::default();
//! dicts.actors.add_text("demo.actors", "ARNOR [ARN]\nGONDOR [GON]\n");
//! let (verbs, _) = dyad_dict::VerbDict::parse("demo.verbs", "--- ATTACK [190] ---\nATTACK\n");
//! dicts.verbs = verbs;
//! let coder = Coder::new(dicts);
//!
//! let parse = "\
//! 1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
//! 2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
//! 3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tobj\t_\t_
//! ";
//! let file = read_records(&format!(
//!     "<Sentence id=\"s1\" date=\"20200101\"><Text>Arnor attacked Gondor</Text>\
//!      <Parse>\n{parse}</Parse></Sentence>"
//! ));
//! let coded = coder.code(&file.records[0].document, &Config::default());
//! let e = &coded.events[0];
//! assert_eq!((e.source.code.as_str(), e.target.code.as_str(), e.cameo.as_str()), ("ARN", "GON", "190"));
//! assert_eq!(e.source.text, "Arnor");
//! ```

mod actor;
mod coder;
mod compile;
mod context;
mod event;
mod labels;
mod pico;
mod records;
mod tree;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

pub use coder::{Coder, Config, Require, Scratch, UnknownRequire};
pub use context::infer_countries;
pub use event::{Actor, Attribution, CodeDiagnostic, Coded, Event, Modality, SentenceTrace};
pub use labels::Rel;
pub use records::{Environment, GoldEvent, Record, RecordFile, RecordOptions, read_records};
pub use tree::CommaLimits;
