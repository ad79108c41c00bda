//! The coder: verbs, their patterns, their actors, and the events.
//!
//! [`Coder::code_with`] codes a document sentence by sentence; for each
//! sentence it reads the tree, notes actor mentions for later pronouns
//! (`coref`; the people the text names, `persons`), and codes every verb
//! and then every event noun (`verb`, the per-verb driver). The driver's
//! steps live by concern: pattern matching (`patterns`), subjects and
//! other roles (`roles`), sentence-shape rules (`shape`), negation,
//! modality and promises (`modality`), attribution and reported speech
//! (`attribution`), and coordinated actors (`expand`).

mod attribution;
mod coref;
mod emit;
mod expand;
mod modality;
mod patterns;
mod persons;
mod recode;
mod roles;
mod shape;
mod subject;
mod verb;

use crate::actor::{Resolved, phrase_head};
use crate::compile::{Compiled, hash_word};
use crate::event::{Attribution, CodeDiagnostic, Coded, SentenceTrace};
use crate::labels::Rel;
use crate::tree::{CommaLimits, Tree, Upos};
use coref::{Mention, NOT_DONE};
use dyad_core::{Date, Document, Sentence};
use dyad_dict::{Dictionaries, DiscardScope, Provenance, VerbDict};
use std::fmt::Write as _;

/// How the coder runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Build a [`SentenceTrace`] for every sentence.
    pub explain: bool,
    /// Which actors an event needs ([`Require::Dyad`] by default).
    pub require: Require,
    /// PETRARCH's `new_actor_length`: when above 0, a noun phrase of at
    /// most this many words that names no dictionary actor is an actor
    /// all the same, coded with its words in quotes (`"THE MINISTRY OF
    /// MAGIC"`). 0 (the default) turns it off.
    pub new_actor_length: usize,
    /// PETRARCH's comma rule: drop comma-delimited clauses of these
    /// lengths before coding. `None` (the default) keeps every clause.
    pub commas: Option<CommaLimits>,
    /// PETRARCH's readings, for its unit-test records: a `%` pattern ("A
    /// and B met") gives an event for every ordering of the coordinated
    /// actors (A→B and B→A), and an act negated with "will"/"would" takes
    /// its PICO negation like any other ("won't clash" → 050). Off (the
    /// default), each pair is one event, the first named the source, and
    /// "would not release" is a refusal (124), as hand coders count them.
    pub petrarch_readings: bool,
}

/// Which actors an event needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Require {
    /// Both a source and a target actor (PETRARCH's `require_dyad`; the
    /// coder's [`Config`] default, for PETRARCH's records).
    Dyad,
    /// A source actor; only the target may be the null actor `---` ("the
    /// militia said it would take action" → `IRQMILPMF --- 137`, but not
    /// "150 protesters were killed" → `--- IRQOPP 1823`).
    Source,
    /// Either actor; the other may be the null actor `---` ("a senior
    /// official said" → `---GOV --- 010`). The default of `dyad code` and
    /// of [`Require::default`]: on the hand-coded real news it has the
    /// best F1 (README, "Accuracy").
    #[default]
    One,
}

impl Require {
    /// The names [`Require`] parses from, in order.
    pub const NAMES: &'static [&'static str] = &["dyad", "source", "one"];

    /// The requirement's name (`dyad`, `source`, `one`).
    pub fn as_str(self) -> &'static str {
        match self {
            Require::Dyad => "dyad",
            Require::Source => "source",
            Require::One => "one",
        }
    }
}

impl std::fmt::Display for Require {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not one of [`Require::NAMES`].
#[derive(Debug, thiserror::Error)]
#[error("unknown requirement {0:?} (expected dyad, source or one)")]
pub struct UnknownRequire(String);

impl std::str::FromStr for Require {
    type Err = UnknownRequire;

    fn from_str(s: &str) -> Result<Require, UnknownRequire> {
        Require::NAMES
            .iter()
            .zip([Require::Dyad, Require::Source, Require::One])
            .find(|(name, _)| **name == s)
            .map(|(_, r)| r)
            .ok_or_else(|| UnknownRequire(s.to_string()))
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            explain: false,
            require: Require::Dyad,
            new_actor_length: 0,
            commas: None,
            petrarch_readings: false,
        }
    }
}

/// Codes events from dependency-parsed sentences with a loaded dictionary
/// set. Build once (patterns are compiled here), share between threads.
#[derive(Debug)]
pub struct Coder {
    dicts: Dictionaries,
    compiled: Compiled,
    /// The nominal patterns, compiled.
    nominal: Compiled,
}

/// What kind of word triggers an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trigger {
    /// A verb, looked up in the verb dictionary.
    Verb,
    /// An event noun ("the attack on X"), looked up in the nominal one.
    Noun,
}

/// Reusable buffers; one per thread.
#[derive(Debug, Default)]
pub struct Scratch {
    tree: Tree,
    clause: Vec<usize>,
    phrase: Vec<usize>,
    hashes: Vec<u64>,
    /// Per word: hashes of its form and lemma.
    word_hashes: Vec<(u64, u64)>,
    /// Per word: `NOT_DONE`, `NONE`, or an index into `resolved`.
    cache: Vec<u32>,
    resolved: Vec<Resolved>,
    /// Per word: the verb there produced an event.
    coded: Vec<bool>,
    /// [`Config::require`] of the current run.
    require: Require,
    /// [`Config::new_actor_length`] of the current run.
    new_actor_length: usize,
    /// [`Config::commas`] of the current run.
    commas: Option<CommaLimits>,
    /// [`Config::petrarch_readings`] of the current run.
    petrarch_readings: bool,
    /// The document's actor mentions so far, for pronouns.
    mentions: Vec<Mention>,
    /// The named people so far no dictionary knows (sentence, word): a
    /// later "he" or "she" may be theirs, not an earlier actor's.
    unknown_people: Vec<(usize, usize)>,
    /// The latest of them named in full as a subject (sentence, word,
    /// the name's words), for a description of them that follows.
    named_unknown: Option<(usize, usize, Vec<String>)>,
    /// The document's entity table: the names of the actors it named so
    /// far, for later short mentions ("Javid", "the BLA").
    entities: Vec<coref::Entity>,
    /// The index of the sentence being coded.
    sentence: usize,
    /// The document's reporting clauses so far ("X said …", "the AP quoted
    /// X"): their sentence and reporter, for later "reportedly" events.
    reporters: Vec<(usize, Attribution)>,
}

impl Coder {
    /// A coder over `dicts`.
    pub fn new(dicts: Dictionaries) -> Coder {
        let compiled = Compiled::new(&dicts.verbs);
        let nominal = Compiled::new(&dicts.nominal);
        Coder {
            dicts,
            compiled,
            nominal,
        }
    }

    /// The dictionaries.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dicts
    }

    /// Patterns dropped at load because they name a synset that is not
    /// defined: their dictionary line and the synset.
    pub fn skipped_patterns(&self) -> &[(Provenance, String)] {
        &self.compiled.unknown_synsets
    }

    /// Codes every sentence of `doc` that has an analysis.
    pub fn code(&self, doc: &Document, config: &Config) -> Coded {
        let mut scratch = Scratch::default();
        self.code_with(doc, config, &mut scratch)
    }

    /// Like [`code`](Self::code), reusing `scratch`'s buffers.
    pub fn code_with(&self, doc: &Document, config: &Config, scratch: &mut Scratch) -> Coded {
        scratch.require = config.require;
        scratch.new_actor_length = config.new_actor_length;
        scratch.commas = config.commas;
        scratch.petrarch_readings = config.petrarch_readings;
        scratch.mentions.clear();
        scratch.unknown_people.clear();
        scratch.named_unknown = None;
        scratch.entities.clear();
        scratch.reporters.clear();
        let mut out = Coded::default();
        let mut story_discard: Option<String> = None;
        for (index, sentence) in doc.sentences.iter().enumerate() {
            let mut trace = config.explain.then(|| SentenceTrace {
                sentence_index: index,
                lines: Vec::new(),
            });
            if let Some(why) = &story_discard {
                if let Some(t) = &mut trace {
                    t.lines.push(format!("story discarded by {why}; not coded"));
                }
            } else {
                let discard =
                    self.code_sentence(doc, index, sentence, scratch, &mut out, &mut trace);
                if let Some(why) = discard {
                    // a story-level discard undoes the story's events
                    out.events.clear();
                    story_discard = Some(why);
                }
            }
            if let Some(t) = trace {
                out.traces.push(t);
            }
        }
        out
    }

    /// Codes one sentence; returns the discard entry when a story-level
    /// discard phrase was found.
    fn code_sentence(
        &self,
        doc: &Document,
        index: usize,
        sentence: &Sentence,
        s: &mut Scratch,
        out: &mut Coded,
        trace: &mut Option<SentenceTrace>,
    ) -> Option<String> {
        if !s.tree.fill(&doc.text, sentence, s.commas.as_ref()) {
            if !sentence.analysis.is_empty() {
                out.diagnostics.push(CodeDiagnostic {
                    sentence_index: index,
                    message: format!(
                        "analysis has {} words but the sentence has {} tokens; not coded",
                        sentence.analysis.len(),
                        sentence.tokens.len()
                    ),
                });
            }
            note(trace, || "no dependency analysis; not coded".to_string());
            return None;
        }
        let n = s.tree.len();
        {
            let words: Vec<&str> = s.tree.nodes.iter().map(|n| n.word.as_str()).collect();
            if let Some(d) = self.dicts.discards.find(&words) {
                let why = format!("discard `{}` ({})", d.phrase, d.provenance);
                note(trace, || format!("{why}; not coded"));
                return (d.scope == DiscardScope::Story).then_some(why);
            }
        }
        prepare(s, index);
        let date = doc.meta.date;
        self.note_mentions(s, date);
        coref::note_entities(s, &doc.text);
        if trace.is_some() {
            let line = self.actors_line(s, date);
            note(trace, || line);
        }
        for v in 0..n {
            if self.is_verb(&s.tree, v) {
                self.code_verb(doc, index, v, Trigger::Verb, s, out, trace);
            }
        }
        if !self.dicts.nominal.blocks().is_empty() {
            for v in 0..n {
                if self.is_event_noun(&s.tree, v, &s.coded) {
                    self.code_verb(doc, index, v, Trigger::Noun, s, out, trace);
                }
            }
        }
        self.note_reporters(doc, s, date);
        // (not a country a comparison brings in: "Like the Bosnian enclave
        // in 1995, eastern Ghouta has been besieged by regime forces")
        // (nor a private person's nationality: "the men who captured
        // Ricardo", a Spanish journalist, are not Spanish)
        for m in s.mentions.iter().filter(|m| m.sentence == index) {
            let (country, agents) = crate::actor::split_code(&m.actor.code);
            let private = m.kind == coref::Kind::Person
                && agents
                    .iter()
                    .all(|a| matches!(a.as_str(), "CVL" | "MED" | "EDU" | "HLH" | "REF"));
            if let Some(country) = country
                && !private
                && !compared(&s.tree, m.actor.first)
            {
                out.countries.push((index, country));
            }
        }
        None
    }

    /// The trace line listing the sentence's actor phrases.
    fn actors_line(&self, s: &mut Scratch, date: Option<Date>) -> String {
        let mut line = String::from("actors:");
        for i in 0..s.tree.len() {
            if s.tree.nodes[i].upos.is_nominal()
                && phrase_head(&s.tree, i) == i
                && let Some(r) = self.actor(s, i, date)
            {
                let r = &s.resolved[r];
                let _ = write!(
                    line,
                    " [{} {}{}{}]",
                    s.tree.nodes[i].word,
                    r.code,
                    r.dictionary
                        .as_ref()
                        .map(|p| format!(" {p}"))
                        .unwrap_or_default(),
                    r.linked
                        .as_ref()
                        .map(|(k, name)| format!(" linked to {name:?} of sentence {k}"))
                        .unwrap_or_default()
                );
            }
        }
        line
    }

    /// Whether word `v` may be an event noun: a common noun that is not
    /// the object of a verb that already coded the event, nor the passive
    /// subject of a light verb that did ("launched an attack on X", "an
    /// attack was launched by X", "the deal was signed" are the verb's;
    /// "its appeals were ignored" are appeals and their rejection;
    /// "Trump's demand … has met a response" is the noun's own; so is
    /// help in an idiom: "with the aid of X", "came to X's aid").
    fn is_event_noun(&self, tree: &Tree, v: usize, coded: &[bool]) -> bool {
        let node = &tree.nodes[v];
        // "the specific sanction of the prime minister": a sanction in the
        // singular, against no one, is a permission, not a penalty
        let permission = node.lemma == "SANCTION"
            && !node.plural
            && !tree.children(v).iter().any(|&c| {
                tree.nodes[c].rel == Rel::Nmod
                    && matches!(tree.case_of(c), Some("ON" | "AGAINST" | "UPON"))
            });
        node.upos == Upos::Noun
            && !permission
            && !coded.get(v).copied().unwrap_or(false)
            && node.head.is_none_or(|h| {
                !coded.get(h).copied().unwrap_or(false)
                    || !(matches!(node.rel, Rel::Obj | Rel::Obl | Rel::Xcomp)
                        || node.rel == Rel::NsubjPass && light_or_signed(&tree.nodes[h].lemma))
                    || roles::helped_with(tree, v).is_some()
            })
    }

    fn is_verb(&self, tree: &Tree, v: usize) -> bool {
        let node = &tree.nodes[v];
        match node.upos {
            Upos::Verb => true,
            Upos::Noun | Upos::Adj | Upos::Propn => {
                matches!(node.rel, Rel::Root | Rel::Conj | Rel::Xcomp | Rel::Ccomp)
                    && (tree.has_child(v, Rel::Nsubj) && tree.has_child(v, Rel::Obj))
            }
            _ => false,
        }
    }

    /// The dictionary and compiled patterns for `trigger`.
    fn tables(&self, trigger: Trigger) -> (&VerbDict, &Compiled) {
        match trigger {
            Trigger::Verb => (&self.dicts.verbs, &self.compiled),
            Trigger::Noun => (&self.dicts.nominal, &self.nominal),
        }
    }

    /// Finds the dictionary verb at word `v`: block and verb.
    fn lookup(&self, tree: &Tree, v: usize) -> Option<(usize, usize)> {
        self.lookup_in(self.tables(Trigger::Verb), tree, v)
    }

    /// Finds the entry at word `v` in `tables`: block, verb, and the pattern
    /// list; multi-word forms are checked against the neighbouring words.
    fn lookup_in(
        &self,
        tables: (&VerbDict, &Compiled),
        tree: &Tree,
        v: usize,
    ) -> Option<(usize, usize)> {
        let node = &tree.nodes[v];
        // by form only, as PETRARCH: the dictionary lists (or generates)
        // every form it accepts ("departes" is not a form of DEPART)
        for key in [node.word.as_str()] {
            let Some(refs) = tables.1.forms.get(key) else {
                continue;
            };
            for r in refs {
                let Some(block) = tables.0.blocks().get(r.block as usize) else {
                    continue;
                };
                let Some(verb) = block.verbs.get(r.verb as usize) else {
                    continue;
                };
                let Some(form) = verb.forms.get(r.form as usize) else {
                    continue;
                };
                if form.is_multi_word() && !particles_match(tree, v, &form.before, &form.after) {
                    continue;
                }
                return Some((r.block as usize, r.verb as usize));
            }
        }
        None
    }
}

/// Resets `s`'s per-sentence buffers for sentence `index`, whose tree is
/// filled: the word hashes patterns are checked against, the actor cache,
/// the coded verbs.
fn prepare(s: &mut Scratch, index: usize) {
    let n = s.tree.len();
    s.hashes.clear();
    s.word_hashes.clear();
    for node in &s.tree.nodes {
        let pair = (hash_word(&node.word), hash_word(&node.lemma));
        s.word_hashes.push(pair);
        s.hashes.push(pair.0);
        s.hashes.push(pair.1);
    }
    s.hashes.sort_unstable();
    s.cache.clear();
    s.cache.resize(n, NOT_DONE);
    s.resolved.clear();
    s.coded.clear();
    s.coded.resize(n, false);
    s.sentence = index;
}

/// Whether the particles of a multi-word verb form surround word `v`.
fn particles_match(tree: &Tree, v: usize, before: &[Box<str>], after: &[Box<str>]) -> bool {
    let after_ok = after
        .iter()
        .enumerate()
        .all(|(k, w)| tree.nodes.get(v + 1 + k).is_some_and(|n| *n.word == **w))
        || (after.len() == 1
            && tree
                .children(v)
                .iter()
                .any(|&c| tree.nodes[c].rel == Rel::Prt && *tree.nodes[c].word == *after[0]));
    let before_ok = before.iter().rev().enumerate().all(|(k, w)| {
        v.checked_sub(1 + k)
            .and_then(|i| tree.nodes.get(i))
            .is_some_and(|n| *n.word == **w || *n.lemma == **w)
    });
    after_ok && before_ok
}

fn note(trace: &mut Option<SentenceTrace>, line: impl FnOnce() -> String) {
    if let Some(t) = trace {
        t.lines.push(line());
    }
}

/// Whether the phrase opening at word `first` is what the sentence
/// compares its subject with: after "Like", "Unlike", "As in" or "As
/// with" opening the sentence (not "countries like Russia": examples).
fn compared(tree: &Tree, first: usize) -> bool {
    // (at most three words before it: no allocation for every mention)
    let mut words = [""; 3];
    let mut n = 0;
    for node in tree.nodes[..first.min(tree.len())]
        .iter()
        .filter(|n| n.upos != Upos::Punct)
    {
        if n == words.len() {
            return false;
        }
        words[n] = node.word.as_str();
        n += 1;
    }
    matches!(
        &words[..n],
        ["LIKE" | "UNLIKE"] | ["AS", "IN" | "WITH"] | ["JUST", "AS", "IN" | "WITH"]
    )
}

/// Whether `lemma` is a light verb ([`roles::LIGHT`]) or one that
/// concludes what its object names ("reached a deal", "signed an
/// agreement").
fn light_or_signed(lemma: &str) -> bool {
    roles::LIGHT.contains(&lemma) || matches!(lemma, "REACH" | "SIGN" | "CONCLUDE")
}
