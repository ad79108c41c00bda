//! The coder: verbs, their patterns, their actors, and the events.

use crate::actor::{Resolved, new_actor, phrase_head, resolve};
use crate::compile::{Compiled, CompiledPattern, Item, hash_word};
use crate::event::{Attribution, CodeDiagnostic, Coded, Event, Modality, SentenceTrace};
use crate::labels::Rel;
use crate::pico::Pico;
use crate::tree::{CommaLimits, Tree, Upos};
use dyad_core::{Date, Document, Sentence};
use dyad_dict::{Dictionaries, DiscardScope, Provenance, VerbCode, VerbDict};
use std::fmt::Write as _;

/// How the coder runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Build a [`SentenceTrace`] for every sentence.
    pub explain: bool,
    /// Code an event only when both its source and its target are actors
    /// (PETRARCH's `require_dyad`, on by default). When off, a verb with
    /// only one of them is coded with the null actor `---` in the other
    /// slot ("a senior official said" → `---GOV --- 010`).
    pub require_dyad: bool,
    /// With `require_dyad` off: still require a source actor, so only the
    /// target may be the null actor ("the militia said it would take
    /// action" → `IRQMILPMF --- 137`, but not "150 protesters were killed"
    /// → `--- IRQOPP 1823`). Off by default.
    pub require_source: bool,
    /// PETRARCH's `new_actor_length`: when above 0, a noun phrase of at
    /// most this many words that names no dictionary actor is an actor
    /// all the same, coded with its words in quotes (`"THE MINISTRY OF
    /// MAGIC"`). 0 (the default) turns it off.
    pub new_actor_length: usize,
    /// PETRARCH's comma rule: drop comma-delimited clauses of these
    /// lengths before coding. `None` (the default) keeps every clause.
    pub commas: Option<CommaLimits>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            explain: false,
            require_dyad: true,
            require_source: false,
            new_actor_length: 0,
            commas: None,
        }
    }
}

/// Verbs that report speech: an event in their complement clause is
/// `reported`, attributed to their subject.
const SPEECH: &[&str] = &[
    "SAY",
    "TELL",
    "REPORT",
    "ANNOUNCE",
    "CLAIM",
    "STATE",
    "ADD",
    "NOTE",
    "DECLARE",
    "ASSERT",
    "INSIST",
    "ALLEGE",
    "CONFIRM",
    "WRITE",
    "ACKNOWLEDGE",
    "EXPLAIN",
    "QUOTE",
    "REVEAL",
    "SUGGEST",
    "INDICATE",
    "BELIEVE",
    "THINK",
];
/// Adverbs that make an event reported without naming a source.
const HEARSAY: &[&str] = &["REPORTEDLY", "ALLEGEDLY", "PURPORTEDLY", "SUPPOSEDLY"];
/// Words of a relative clause that marks a source anonymous ("who spoke
/// on condition of anonymity", "who spoke anonymously", "who was not
/// authorized to speak").
const ANONYMOUS: &[&str] = &["ANONYMITY", "ANONYMOUSLY", "AUTHORIZED", "AUTHORISED"];

/// The speaker of a post-posed speech verb without a parsed subject ("A
/// attacked B, the ministry said" with "ministry" misattached): the
/// nominal between the last comma after the event verb `v` and the speech
/// verb `sv` whose head lies outside that stretch.
fn postposed_speaker(tree: &Tree, v: usize, sv: usize) -> Option<usize> {
    if sv <= v {
        return None;
    }
    let comma = (v + 1..sv).rev().find(|&i| tree.nodes[i].word == ",")?;
    let inside = comma + 1..sv;
    inside.clone().find(|&i| {
        tree.nodes[i].upos.is_nominal()
            && !tree.nodes[i].relative
            && tree.nodes[i].head.is_none_or(|h| !inside.contains(&h))
    })
}

/// The nominal of a sentence's "according to X" (opening the sentence or
/// after a comma): the head of an
/// `according` attached as `case` (UD) or, when parsed as a verb, its
/// oblique or object.
fn according_to(tree: &Tree) -> Option<usize> {
    (0..tree.nodes.len()).find_map(|i| {
        let n = &tree.nodes[i];
        // sentence-level only: "According to X, …" or "…, according to X";
        // "an organisation designated according to X" qualifies a noun
        let opens = (0..i).all(|j| tree.nodes[j].rel == Rel::Punct);
        if n.word != "ACCORDING" || !(opens || i > 0 && tree.nodes[i - 1].word == ",") {
            return None;
        }
        let to = tree.children(i).iter().any(|&c| {
            tree.nodes[c].word == "TO"
                && matches!(tree.nodes[c].rel, Rel::Fixed | Rel::Case | Rel::Mark)
        });
        match n.rel {
            Rel::Case | Rel::Mark
                if to || tree.nodes.get(i + 1).is_some_and(|t| t.word == "TO") =>
            {
                n.head
            }
            _ => tree.children(i).iter().copied().find(|&c| {
                matches!(tree.nodes[c].rel, Rel::Obl | Rel::Nmod | Rel::Obj)
                    && tree.nodes[c].upos.is_nominal()
            }),
        }
    })
}

/// Verbs of sending someone somewhere: passive, the one sent visits.
const SEND: &[&str] = &["SEND", "DISPATCH", "FLY"];
/// The CAMEO code of a visit (042, make a visit).
const VISIT: &str = "042";

/// The "to" phrase of a passive sending verb with a passive subject ("X
/// was sent to Baghdad").
fn sent_to(tree: &Tree, v: usize, passive: bool) -> Option<usize> {
    if !passive
        || !SEND.contains(&tree.nodes[v].lemma.as_str())
        || !tree.has_child(v, Rel::NsubjPass)
    {
        return None;
    }
    tree.children(v)
        .iter()
        .copied()
        .find(|&c| tree.nodes[c].rel == Rel::Obl && tree.case_of(c) == Some("TO"))
}

/// Verbs of saying that, with a complement clause about a blameworthy
/// act, make an accusation ("claimed Y is fomenting unrest").
const CLAIM: &[&str] = &[
    "SAY", "CLAIM", "ALLEGE", "IMPLY", "CHARGE", "INSIST", "ASSERT", "SUGGEST", "ARGUE", "CONTEND",
    "MAINTAIN", "BELIEVE",
];
/// Blameworthy acts: a claim that someone does them accuses them.
const BLAME: &[&str] = &[
    "FOMENT",
    "INSTIGATE",
    "INCITE",
    "STOKE",
    "ORCHESTRATE",
    "MASTERMIND",
    "ENGINEER",
    "SPONSOR",
    "FINANCE",
    "PLOT",
    "PROVOKE",
    "FUEL",
    "SABOTAGE",
    "MEDDLE",
    "INTERFERE",
    "SPY",
    "CONSPIRE",
];
/// The CAMEO code of an accusation made that way (112, accuse).
const ACCUSE: &str = "112";

/// Whether speech verb `v` accuses: its complement clause's verb `c` is a
/// blameworthy act; returns `c` and its doer (the subject, or the agent of
/// a passive).
fn blamed(tree: &Tree, v: usize) -> Option<(usize, usize)> {
    if !CLAIM.contains(&tree.nodes[v].lemma.as_str()) {
        return None;
    }
    let blames = |c: usize| BLAME.contains(&tree.nodes[c].lemma.as_str());
    let Some(c) = tree.child(v, Rel::Ccomp).filter(|&c| blames(c)) else {
        // "claimed X are fomenting unrest" misparsed with X the object of
        // "claimed" and "fomenting" without a subject
        let object = tree.child(v, Rel::Obj)?;
        let c = (v + 1..tree.len()).find(|&c| {
            blames(c)
                && tree.nodes[c].upos == Upos::Verb
                && !tree
                    .children(c)
                    .iter()
                    .any(|&g| tree.nodes[g].rel.is_subject())
        })?;
        return Some((c, object));
    };
    let doer = if tree.has_child(c, Rel::NsubjPass) || tree.has_child(c, Rel::AuxPass) {
        tree.children(c).iter().copied().find(|&a| tree.is_agent(a))
    } else {
        tree.child(c, Rel::Nsubj)
    };
    doer.map(|d| (c, d))
}

/// The threat code for an action threatened ("threatened to end the
/// protests": 130, or 131/137/138 by the action's root), or for force
/// announced for the future: a material conflict code (CAMEO roots 17–20)
/// at a verb with modality planned or hypothetical, in a clause a
/// statement governs ("said it would attack", "vowed to strike"): 137
/// (threaten repression) for 17, 138 (threaten force) for 18–20.
fn threat_of(tree: &Tree, v: usize, code: &VerbCode, modality: Modality) -> Option<&'static str> {
    let root = code.code.as_deref()?.get(..2)?;
    // "threatened to end the protests": whatever is threatened is a threat
    if modality == Modality::Threatened && root != "13" {
        return Some(match root {
            "17" => "137",
            "15" | "18" | "19" | "20" => "138",
            "16" => "131",
            _ => "130",
        });
    }
    if !matches!(modality, Modality::Planned | Modality::Hypothetical) {
        return None;
    }
    let threat = match root {
        "17" => "137",
        "18" | "19" | "20" => "138",
        _ => return None,
    };
    // climb to the clause a statement governs
    let mut at = v;
    for _ in 0..4 {
        let node = &tree.nodes[at];
        let h = node.head?;
        let governor = tree.nodes[h].lemma.as_str();
        match node.rel {
            Rel::Ccomp | Rel::Xcomp
                if SPEECH.contains(&governor)
                    || THREATEN.contains(&governor)
                    || VOW.contains(&governor) =>
            {
                return Some(threat);
            }
            Rel::Xcomp | Rel::Conj => at = h,
            _ => return None,
        }
    }
    None
}

/// Governing verbs of commitment: force they govern is threatened.
const VOW: &[&str] = &["VOW", "PLEDGE", "PROMISE", "SWEAR"];

/// Verbs that commit to an act or declare it ("agreed to withdraw",
/// "declared a ceasefire"), and nouns that do ("a commitment to ease"):
/// the act they govern is promised, not (yet) done.
const COMMIT: &[&str] = &[
    "AGREE",
    "PROMISE",
    "VOW",
    "PLEDGE",
    "COMMIT",
    "OFFER",
    "DECLARE",
    "ANNOUNCE",
    "CONSENT",
    "AGREEMENT",
    "COMMITMENT",
    "DECLARATION",
    "ANNOUNCEMENT",
];

/// Whether the act at `v` is promised or declared rather than done: `v`
/// is a commitment verb itself (a pattern such as "agree to withdraw"
/// fired on it), or its complement, object or noun complement
/// ("announced a suspension of attacks", "a commitment to ease sanctions").
fn promised(tree: &Tree, v: usize) -> bool {
    let mut at = v;
    for _ in 0..4 {
        let node = &tree.nodes[at];
        if COMMIT.contains(&node.lemma.as_str()) {
            return true;
        }
        let Some(h) = node.head else { return false };
        let climbs = match node.rel {
            Rel::Xcomp | Rel::Obj | Rel::Acl | Rel::Nmod => true,
            // "vowed on Monday to end the curfew" parsed as a purpose clause
            Rel::Advcl => infinitive(tree, at),
            // "agreed to halt and withdraw": a conjunct of a complement
            Rel::Conj => tree.nodes[h].rel == Rel::Xcomp,
            _ => false,
        };
        if !climbs {
            return false;
        }
        at = h;
    }
    false
}

/// Verbs that stop or forgo the act they govern: "stopped attacking the
/// town", "refrained from attacking", "agreed to stop protesting" do not
/// report an attack or a protest.
const CEASE: &[&str] = &[
    "STOP",
    "CEASE",
    "HALT",
    "QUIT",
    "REFRAIN",
    "ABSTAIN",
    "AVOID",
    "DESIST",
    "DISCONTINUE",
    "FORGO",
    "FOREGO",
    "RENOUNCE",
    "PREVENT",
];

/// Whether the verb at `v` is the act a [`CEASE`] verb governs: its
/// complement or object, or its adverbial clause with "from" ("refrained
/// from attacking", "prevented them from marching").
fn ceased(tree: &Tree, v: usize) -> bool {
    let node = &tree.nodes[v];
    let Some(h) = node.head else { return false };
    if !matches!(tree.nodes[h].upos, Upos::Verb) || !CEASE.contains(&tree.nodes[h].lemma.as_str()) {
        return false;
    }
    match node.rel {
        Rel::Xcomp | Rel::Ccomp | Rel::Obj => true,
        Rel::Advcl => tree.case_of(v) == Some("FROM"),
        _ => false,
    }
}

/// Nouns for what an actor says or publishes: the act their clause
/// reports is the author's ("a statement condemning the attack").
const STATEMENT: &[&str] = &[
    "STATEMENT",
    "COMMUNIQUE",
    "DECLARATION",
    "LETTER",
    "RESOLUTION",
    "REPORT",
    "MESSAGE",
    "ANNOUNCEMENT",
    "PETITION",
];

/// Verbs whose object is the means of a purpose infinitive ("used water
/// cannons to disperse", "sent troops to quell").
const INSTRUMENTAL: &[&str] = &[
    "USE", "EMPLOY", "DEPLOY", "SEND", "DISPATCH", "FIRE", "BRING",
];

/// Whether `v` heads a subjectless infinitive ("to end the curfew").
fn infinitive(tree: &Tree, v: usize) -> bool {
    let children = tree.children(v);
    children
        .iter()
        .any(|&c| tree.nodes[c].rel == Rel::Mark && tree.nodes[c].word == "TO")
        && !children.iter().any(|&c| tree.nodes[c].rel.is_subject())
}

/// Whether `v` heads a subjectless gerund adjunct (", killing 65",
/// "after holding a hostage").
fn gerund(tree: &Tree, v: usize) -> bool {
    let node = &tree.nodes[v];
    node.upos == Upos::Verb
        && node.word.ends_with("ING")
        && !tree
            .children(v)
            .iter()
            .any(|&c| tree.nodes[c].rel.is_subject())
}

/// Governing verbs that make their `xcomp` threatened.
const THREATEN: &[&str] = &["THREATEN", "WARN"];
/// Governing verbs (and adjectives) that make their `xcomp` planned.
const PLAN: &[&str] = &[
    "PLAN", "INTEND", "PREPARE", "AIM", "VOW", "PLEDGE", "PROMISE", "SEEK", "WANT", "HOPE",
    "EXPECT", "DECIDE", "ABOUT", "READY", "SET", "RESOLVE", "PROPOSE", "OFFER",
];

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
    /// [`Config::require_dyad`] of the current run.
    require_dyad: bool,
    /// [`Config::require_source`] of the current run.
    require_source: bool,
    /// [`Config::new_actor_length`] of the current run.
    new_actor_length: usize,
    /// [`Config::commas`] of the current run.
    commas: Option<CommaLimits>,
    /// The document's actor mentions so far, for pronouns.
    mentions: Vec<Mention>,
    /// The index of the sentence being coded.
    sentence: usize,
    /// The document's reporting clauses so far ("X said …", "the AP quoted
    /// X"): their sentence and reporter, for later "reportedly" events.
    reporters: Vec<(usize, Attribution)>,
}

/// What a pronoun can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// "he", "she": a named person or a person's title.
    Person,
    /// "it": a country, an organisation, a singular group noun.
    Thing,
    /// "they": a plural noun phrase.
    Plural,
}

/// An actor mention a later pronoun may refer to.
#[derive(Clone, Debug)]
struct Mention {
    sentence: usize,
    word: usize,
    kind: Kind,
    actor: Resolved,
}

/// How far back (in sentences) a pronoun looks for its antecedent.
const PRONOUN_REACH: usize = 2;

/// Singular nouns naming a person by office or role ("the minister …
/// he said").
const PERSON_NOUNS: &[&str] = &[
    "PRESIDENT",
    "MINISTER",
    "PREMIER",
    "CHANCELLOR",
    "LEADER",
    "SPOKESMAN",
    "SPOKESWOMAN",
    "SPOKESPERSON",
    "COMMANDER",
    "GENERAL",
    "AMBASSADOR",
    "ENVOY",
    "OFFICIAL",
    "DIPLOMAT",
    "SECRETARY",
    "KING",
    "QUEEN",
    "PRINCE",
    "EMIR",
    "SULTAN",
    "GOVERNOR",
    "MAYOR",
    "SENATOR",
    "LAWMAKER",
    "JUDGE",
    "CHIEF",
    "OFFICER",
    "CLERIC",
    "AYATOLLAH",
    "ANALYST",
];

const NOT_DONE: u32 = u32::MAX;
const NONE: u32 = u32::MAX - 1;

/// Actor slots bound by a pattern.
#[derive(Clone, Copy, Debug, Default)]
struct Bind {
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
    /// Words of synset members matched: of two patterns alike, the one
    /// matching the longer member wins ("austrian gold florin").
    synset_words: usize,
    /// The pattern's `{…}` phrases are closed
    /// ([`dyad_dict::Pattern::closed_phrases`]).
    closed: bool,
    /// Matching the part before the verb, where a word is a noun phrase's
    /// or a preposition, not an adverb or conjunction ("*Neither* X nor Y
    /// boycotted", "X *recently* allowed" do not match `NEITHER *`,
    /// `RECENTLY *`, as in PETRARCH).
    before: bool,
    /// A verb other than the coded one that a pattern word matched (the
    /// complement in `* (TO QUESTION)`, `* LINKED`): its phrases are the
    /// pattern's, so the target may come from them.
    complement: Option<usize>,
    /// The last word other than a preposition or subordinator that a
    /// pattern word matched.
    matched: Option<usize>,
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
        scratch.require_dyad = config.require_dyad;
        scratch.require_source = config.require_source;
        scratch.new_actor_length = config.new_actor_length;
        scratch.commas = config.commas;
        scratch.mentions.clear();
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
        let date = doc.meta.date;
        self.note_mentions(s, date);
        if trace.is_some() {
            let mut line = String::from("actors:");
            for i in 0..n {
                if s.tree.nodes[i].upos.is_nominal()
                    && phrase_head(&s.tree, i) == i
                    && let Some(r) = self.actor(s, i, date)
                {
                    {
                        let r = &s.resolved[r];
                        let _ = write!(
                            line,
                            " [{} {}{}]",
                            s.tree.nodes[i].word,
                            r.code,
                            r.dictionary
                                .as_ref()
                                .map(|p| format!(" {p}"))
                                .unwrap_or_default()
                        );
                    }
                }
            }
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
        for m in s.mentions.iter().filter(|m| m.sentence == index) {
            if let (Some(country), _) = crate::actor::split_code(&m.actor.code) {
                out.countries.push((index, country));
            }
        }
        None
    }

    /// Whether word `v` may be an event noun: a common noun whose
    /// governing verb did not already code the event ("launched an attack
    /// on X" is the verb's).
    fn is_event_noun(&self, tree: &Tree, v: usize, coded: &[bool]) -> bool {
        let node = &tree.nodes[v];
        node.upos == Upos::Noun
            && !coded.get(v).copied().unwrap_or(false)
            && node
                .head
                .is_none_or(|h| !coded.get(h).copied().unwrap_or(false))
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

    /// Records the sentence's actor mentions (nominal phrase heads that
    /// are not pronouns) for later pronouns, and forgets those out of reach.
    fn note_mentions(&self, s: &mut Scratch, date: Option<Date>) {
        let sentence = s.sentence;
        s.mentions
            .retain(|m| m.sentence + PRONOUN_REACH >= sentence);
        for i in 0..s.tree.len() {
            let node = &s.tree.nodes[i];
            if !matches!(node.upos, Upos::Noun | Upos::Propn) || phrase_head(&s.tree, i) != i {
                continue;
            }
            let Some(r) = self.actor(s, i, date) else {
                continue;
            };
            let node = &s.tree.nodes[i];
            let actor = &s.resolved[r];
            if !actor.at_head {
                // "Soleimani's visit" is not what "it" refers to
                continue;
            }
            let kind = if node.plural {
                Kind::Plural
            } else if (node.upos == Upos::Propn && actor.dated)
                || PERSON_NOUNS.contains(&node.word.as_str())
            {
                Kind::Person
            } else {
                Kind::Thing
            };
            s.mentions.push(Mention {
                sentence,
                word: i,
                kind,
                actor: actor.clone(),
            });
        }
    }

    /// Records the sentence's reporters: the subject of a speech verb, the
    /// object of "quote" or "cite".
    fn note_reporters(&self, doc: &Document, s: &mut Scratch, date: Option<Date>) {
        let sentence = s.sentence;
        s.reporters.retain(|(i, _)| i + 2 >= sentence);
        for v in 0..s.tree.len() {
            let lemma = s.tree.nodes[v].lemma.as_str();
            let reporter = if matches!(lemma, "QUOTE" | "CITE") {
                // the one quoted, also when parsed as an indirect object
                s.tree
                    .child(v, Rel::Obj)
                    .or_else(|| s.tree.child(v, Rel::Iobj))
            } else if SPEECH.contains(&lemma) && s.tree.nodes[v].upos == Upos::Verb {
                self.subject(&s.tree, v, false, 0)
            } else {
                None
            };
            let Some(head) = reporter else { continue };
            if s.tree.nodes[head].upos == Upos::Pron {
                continue;
            }
            if let Some(a) = self.attribution(doc, s, head, date) {
                s.reporters.push((s.sentence, a));
            }
        }
    }

    /// The actor a personal pronoun at `i` refers to: the latest mention
    /// of its kind before it, in this sentence or the two before.
    fn antecedent(s: &Scratch, i: usize) -> Option<Resolved> {
        let node = &s.tree.nodes[i];
        if node.upos != Upos::Pron
            || !matches!(
                node.rel,
                Rel::Nsubj
                    | Rel::NsubjPass
                    | Rel::Obj
                    | Rel::Iobj
                    | Rel::Obl
                    | Rel::Agent
                    | Rel::Poss
            )
        {
            return None;
        }
        let kind = match node.word.as_str() {
            "HE" | "HIM" | "SHE" | "HIS" | "HER" => Kind::Person,
            "IT" | "ITS" => Kind::Thing,
            "THEY" | "THEM" | "THEIR" => Kind::Plural,
            _ => return None,
        };
        // "thugs attacking them": an object pronoun is not its own
        // clause's subject (of an adjectival clause, the noun it modifies)
        let clause_subject = match node.rel {
            Rel::Obj | Rel::Iobj | Rel::Obl => node
                .head
                .and_then(|h| s.tree.child(h, Rel::Nsubj).or_else(|| s.tree.nodes[h].head)),
            _ => None,
        };
        let m = s.mentions.iter().rev().find(|m| {
            m.kind == kind
                && (m.sentence < s.sentence || m.word < i)
                && !m.actor.null
                && !(m.sentence == s.sentence && Some(m.word) == clause_subject)
        })?;
        let mut r = m.actor.clone();
        (r.first, r.last, r.head) = (i, i, i);
        Some(r)
    }

    /// The resolved actor headed by `head`, cached per sentence.
    fn actor(&self, s: &mut Scratch, head: usize, date: Option<Date>) -> Option<usize> {
        match s.cache.get(head).copied() {
            Some(NONE) | None => None,
            Some(NOT_DONE) => {
                // "the Islamic State, which the militia clashed with": a
                // relative pronoun is the noun its clause modifies
                if let Some(noun) = relative_antecedent(&s.tree, head) {
                    s.cache[head] = NONE;
                    let r = self.actor(s, noun, date)?;
                    let mut copy = s.resolved[r].clone();
                    (copy.first, copy.last, copy.head) = (head, head, head);
                    s.resolved.push(copy);
                    let i = s.resolved.len() - 1;
                    s.cache[head] = i as u32;
                    return Some(i);
                }
                let found = resolve(&self.dicts, &s.tree, head, date, &mut s.phrase)
                    .or_else(|| Self::antecedent(s, head))
                    .or_else(|| {
                        new_actor(
                            &self.dicts,
                            &s.tree,
                            head,
                            date,
                            s.new_actor_length,
                            &mut s.phrase,
                        )
                    });
                match found {
                    Some(r) => {
                        s.resolved.push(r);
                        let i = s.resolved.len() - 1;
                        s.cache[head] = i as u32;
                        Some(i)
                    }
                    None => {
                        s.cache[head] = NONE;
                        None
                    }
                }
            }
            Some(i) => Some(i as usize),
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

    #[allow(clippy::too_many_lines)]
    #[allow(clippy::too_many_arguments)]
    fn code_verb(
        &self,
        doc: &Document,
        index: usize,
        v: usize,
        trigger: Trigger,
        s: &mut Scratch,
        out: &mut Coded,
        trace: &mut Option<SentenceTrace>,
    ) {
        let tables = self.tables(trigger);
        let nominal = trigger == Trigger::Noun;
        let word = s.tree.nodes[v].word.clone();
        // "vowed to lift the curfew": the vow is coded, and so is the
        // concession vowed (CAMEO 08, below); other complements of a coded
        // verb are not
        let mut concession_only = false;
        if s.tree.nodes[v].rel == Rel::Xcomp
            && let Some(h) = s.tree.nodes[v].head
            && s.coded.get(h) == Some(&true)
        {
            if !COMMIT.contains(&s.tree.nodes[h].lemma.as_str()) {
                note(trace, || {
                    format!("verb {word}: its governing verb was coded; not coded")
                });
                return;
            }
            concession_only = true;
        }
        if ceased(&s.tree, v) {
            note(trace, || {
                format!("verb {word}: its governing verb stops or forgoes it; not coded")
            });
            return;
        }
        let Some((b, vi)) = self.lookup_in(tables, &s.tree, v) else {
            if s.tree.nodes[v].upos == Upos::Verb {
                note(trace, || format!("verb {word}: not in the verb dictionary"));
            }
            return;
        };
        let (Some(block), Some(patterns)) = (tables.0.blocks().get(b), tables.1.patterns.get(b))
        else {
            return;
        };
        let Some(verb) = block.verbs.get(vi) else {
            return;
        };
        note(trace, || {
            format!(
                "{} {word}: block `{}` [{}] ({}), {} patterns",
                if nominal { "noun" } else { "verb" },
                block.name,
                block.code_of(verb),
                verb.provenance,
                patterns.len()
            )
        });
        // the clause: v's subtree without nested clauses and conjoined verbs
        let mut clause = std::mem::take(&mut s.clause);
        clause.clear();
        {
            let tree = &s.tree;
            tree.subtree_into(v, &mut clause, &|c| {
                let n = &tree.nodes[c];
                let infinitival = matches!(n.rel, Rel::Advcl | Rel::Acl)
                    && !tree
                        .children(c)
                        .iter()
                        .any(|&g| tree.nodes[g].rel.is_subject())
                    && tree
                        .children(c)
                        .iter()
                        .all(|&g| tree.nodes[g].rel != Rel::Mark || tree.nodes[g].word == "TO");
                // a conjunct with its own subject is a clause of its own,
                // even when the parser made a noun its head
                (n.rel.is_clausal() && !infinitival)
                    || n.rel == Rel::Punct
                    || (n.rel == Rel::Conj
                        && (matches!(n.upos, Upos::Verb | Upos::Aux)
                            || tree
                                .children(c)
                                .iter()
                                .any(|&g| tree.nodes[g].rel.is_subject())))
            });
        }
        let split = clause.partition_point(|&i| i < v);
        let before: Vec<usize> = clause[..split].to_vec();
        let after: Vec<usize> = clause[split..]
            .iter()
            .copied()
            .filter(|&i| i != v)
            .collect();
        s.clause = clause;
        let date = doc.meta.date;

        // patterns
        let mut best: Option<(&CompiledPattern, Bind)> = None;
        let mut tried = 0usize;
        for p in patterns {
            if best.as_ref().is_some_and(|(bp, b)| {
                bp.weight > p.weight || bp.weight == p.weight && b.synset_words == 0
            }) {
                continue;
            }
            if !p.anchors.iter().all(|h| s.hashes.binary_search(h).is_ok()) {
                continue;
            }
            tried += 1;
            let mut bind = Bind {
                closed: p.closed_phrases,
                before: true,
                ..Bind::default()
            };
            let ok_before = p.before.is_empty()
                || self
                    .match_items(
                        tables.1,
                        s,
                        &p.before,
                        &before,
                        0,
                        false,
                        p.before_adjacent,
                        date,
                        &mut bind,
                    )
                    .is_some();
            if !ok_before {
                continue;
            }
            bind.before = false;
            let ok_after = p.after.is_empty()
                || self
                    .match_items(
                        tables.1,
                        s,
                        &p.after,
                        &after,
                        0,
                        p.after_adjacent,
                        false,
                        date,
                        &mut bind,
                    )
                    .is_some();
            // "took action to prevent a coup against the government": a
            // pattern's target is not inside an adverbial clause of the verb
            // that the pattern does not name
            let clause_target = bind
                .target
                .is_some_and(|t| in_other_advcl(&s.tree, t, v, &bind));
            if ok_after
                && !clause_target
                && best.as_ref().is_none_or(|(bp, b)| {
                    bp.weight < p.weight || bind.synset_words > b.synset_words
                })
            {
                best = Some((p, bind));
            }
        }
        let (code, pattern, rule, bind) = match best {
            Some((p, bind)) => {
                note(trace, || {
                    format!(
                        "  pattern `{}` [{}] ({}) matched ({tried} tried)",
                        p.text, p.code, p.provenance
                    )
                });
                (&p.code, Some(p.text.clone()), p.provenance.clone(), bind)
            }
            None => {
                note(trace, || {
                    format!("  no pattern matched ({tried} tried); verb code applies")
                });
                (
                    block.code_of(verb),
                    None,
                    verb.provenance.clone(),
                    Bind::default(),
                )
            }
        };
        // "X claimed (that) Y is fomenting unrest", "X implied protests
        // were instigated by Y": X accuses Y
        let blame = blamed(&s.tree, v);
        let (code, pattern, rule) = match blame {
            Some((c, _)) => {
                let text = format!(
                    "{} that + {} (accusation)",
                    s.tree.nodes[v].lemma, s.tree.nodes[c].lemma
                );
                let (code, pattern) = by_rule(trace, text, ACCUSE);
                (code, pattern, rule)
            }
            None => (code.clone(), pattern, rule),
        };
        let passive =
            !nominal && (s.tree.has_child(v, Rel::NsubjPass) || s.tree.has_child(v, Rel::AuxPass));
        // "X was sent to Baghdad": the one sent visits (042); the active
        // "sent X to Y" is the dictionary's business
        let mut bind = bind;
        let (code, pattern) = match sent_to(&s.tree, v, passive) {
            Some(to) if code.is_null() && bind.target.is_none() => {
                bind.target = Some(to);
                let text = format!("be {} to + (visit)", s.tree.nodes[v].lemma);
                by_rule(trace, text, VISIT)
            }
            _ => (code, pattern),
        };
        if code.is_null() {
            note(trace, || "  null code: not coded".to_string());
            return;
        }
        let coded_above = |c: &str| {
            out.events
                .iter()
                .any(|e| e.sentence_index == index && e.cameo == c)
        };
        if concession_only
            && code
                .code
                .as_deref()
                .is_none_or(|c| !c.starts_with("08") || coded_above(c))
        {
            note(trace, || {
                "  its governing commitment was coded and this is no concession; not coded"
                    .to_string()
            });
            return;
        }

        // source and target heads
        let mut compound = None;
        let source_head = match (bind.source, bind.compound) {
            (Some(h), _) => Some(h),
            (None, Some(h)) => {
                compound = Some(h);
                None
            }
            (None, None) if nominal => {
                nominal_source(&s.tree, v, |h| self.subject(&s.tree, h, false, 0))
            }
            (None, None) => self.subject(&s.tree, v, passive, 0).or_else(|| {
                // "X was sent to Y", "X was flown to Y": a visit whose
                // target a pattern found; the one moved is the visitor.
                // "Police Deployed Ahead of Protests", "troops were
                // mobilized": the force put in place shows the posture
                let c = code.code.as_deref().unwrap_or("");
                let visit = c.starts_with("04") && bind.target.is_some();
                (passive && (visit || c.starts_with("15")))
                    .then(|| s.tree.child(v, Rel::NsubjPass))
                    .flatten()
            }),
        };
        // "Resumption of ties between A and B may spur reconciliation": a
        // subject that names no actor stands for the actors it is of
        let source_head = source_head.map(|h| self.inner_actor(s, h, date).unwrap_or(h));
        let moved_source =
            passive && source_head.is_some() && source_head == s.tree.child(v, Rel::NsubjPass);
        let target_head = match bind.target.or(blame.map(|(_, t)| t)) {
            Some(h) => Some(h),
            None if compound.is_some() || nominal => None,
            None => {
                let passive_subject = if passive && !moved_source {
                    s.tree.child(v, Rel::NsubjPass)
                } else {
                    None
                };
                passive_subject
                    .or_else(|| {
                        // "the State, which the militia clashed with"
                        s.tree.children(v).iter().copied().find(|&c| {
                            // "in which" is a circumstance, not a target
                            s.tree.nodes[c].relative
                                && matches!(s.tree.nodes[c].rel, Rel::Obj | Rel::Obl | Rel::Iobj)
                                && s.tree.case_of(c).is_none()
                        })
                    })
                    .or_else(|| {
                        after.iter().find_map(|&t| {
                            let h = phrase_head(&s.tree, t);
                            let n = &s.tree.nodes[h];
                            // "took action to prevent a coup against the
                            // government": an adverbial clause's
                            // prepositional phrase is that clause's
                            let elsewhere = under_xcomp(&s.tree, h, v, bind.complement)
                                || (s.tree.case_of(h).is_some()
                                    && in_other_advcl(&s.tree, h, v, &bind));
                            let usable = n.upos.is_nominal()
                                && !matches!(n.rel, Rel::Agent | Rel::Tmod)
                                && !elsewhere
                                && Some(h) != source_head
                                && !(passive && s.tree.case_of(h) == Some("BY"));
                            (usable && self.actor(s, h, date).is_some()).then_some(h)
                        })
                    })
                    .or_else(|| {
                        // "welcomed memos sent by B", "condemned the attack
                        // carried out by B": the agent of a participle on
                        // the object
                        let o = s.tree.child(v, Rel::Obj)?;
                        let agent = s
                            .tree
                            .children(o)
                            .iter()
                            .filter(|&&a| s.tree.nodes[a].rel == Rel::Acl)
                            .find_map(|&a| {
                                s.tree
                                    .children(a)
                                    .iter()
                                    .copied()
                                    .find(|&g| s.tree.is_agent(g))
                            })?;
                        (Some(agent) != source_head)
                            .then(|| self.actor(s, agent, date).map(|_| agent))
                            .flatten()
                    })
                    .or_else(|| {
                        // "A believes B can cope": the complement's subject,
                        // unless the complement is itself an event a
                        // speech verb reports ("A said B attacked C", "A
                        // said B is about to restore ties")
                        let c = s.tree.child(v, Rel::Ccomp)?;
                        let reported = |x: usize| self.lookup(&s.tree, x).is_some();
                        if SPEECH.contains(&s.tree.nodes[v].lemma.as_str())
                            && (reported(c)
                                || s.tree.children(c).iter().any(|&k| {
                                    matches!(s.tree.nodes[k].rel, Rel::Xcomp | Rel::Advcl)
                                        && infinitive(&s.tree, k)
                                        && reported(k)
                                }))
                        {
                            return None;
                        }
                        let h = s
                            .tree
                            .child(c, Rel::Nsubj)
                            .or_else(|| s.tree.child(c, Rel::NsubjPass))?;
                        self.actor(s, h, date).map(|_| h)
                    })
            }
        };
        let (negated, mut modality, attribution) = self.modality(doc, s, v, date);
        // "announced it would take action", "vowed to attack": force
        // announced for the future is a threat of force
        let (code, pattern) = match threat_of(&s.tree, v, &code, modality) {
            Some(threat) => {
                modality = Modality::Threatened;
                let text = format!(
                    "{} (threat)",
                    pattern.as_deref().unwrap_or(&s.tree.nodes[v].lemma)
                );
                by_rule(trace, text, threat)
            }
            None => (code, pattern),
        };
        let promised = promised(&s.tree, v);
        let verb_span = s.tree.nodes[v].span;
        let verb_text = doc.text.get(verb_span.bytes()).unwrap_or("").to_string();
        // a negated code becomes its PICO negation where there is one ("did
        // not clash over" 110 → 050); else the event stays negated
        let pico = Pico::get();
        let polarity = |cameo: &str| -> (String, bool) {
            match (negated, pico.negate(cameo)) {
                (true, Some(n)) => (n.to_string(), false),
                (negated, _) => (cameo.to_string(), negated),
            }
        };
        let make = |src: &Resolved, tgt: &Resolved, cameo: &str, s: &Scratch| {
            let (cameo_out, negated_out) = polarity(cameo);
            let pattern = match &pattern {
                Some(p) if negated && !negated_out => {
                    Some(format!("{p} (negated: {cameo} → {cameo_out})"))
                }
                None if negated && !negated_out => Some(format!("negated: {cameo} → {cameo_out}")),
                other => other.clone(),
            };
            Event {
                sentence_index: index,
                source: src.to_actor(&s.tree, &doc.text),
                target: tgt.to_actor(&s.tree, &doc.text),
                cameo: cameo_out,
                verb: verb_text.clone(),
                verb_span,
                pattern,
                rule: rule.clone(),
                negated: negated_out,
                modality: if negated_out {
                    Modality::Denied
                } else {
                    modality
                },
                attribution: attribution.clone(),
                promised,
            }
        };
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        if let Some(h) = compound {
            let actors = self.expand(s, h, date);
            for &a in &actors {
                for &c in &actors {
                    if a != c {
                        pairs.push((a, c));
                    }
                }
            }
        } else {
            let sources = match source_head {
                Some(h) => self.expand(s, h, date),
                None => Vec::new(),
            };
            let targets = match target_head {
                Some(h) => self.expand(s, h, date),
                None => Vec::new(),
            };
            let missing = match (sources.is_empty(), targets.is_empty()) {
                (false, false) => None,
                (true, _) => Some("source"),
                (false, true) => Some("target"),
            };
            if let Some(missing) = missing {
                let head = if sources.is_empty() {
                    source_head
                } else {
                    target_head
                };
                let why = match head {
                    Some(h) => format!("{missing} `{}` is not an actor", s.tree.nodes[h].word),
                    None => format!("no {missing}"),
                };
                if s.require_dyad
                    || (sources.is_empty() && targets.is_empty())
                    || (s.require_source && sources.is_empty())
                {
                    note(trace, || format!("  not coded: {why}"));
                    return;
                }
                note(trace, || {
                    format!("  {why}: the null actor `---` stands in (require_dyad off)")
                });
            }
            let null = |s: &mut Scratch| {
                s.resolved.push(Resolved::null(v));
                s.resolved.len() - 1
            };
            let sources = if sources.is_empty() {
                vec![null(s)]
            } else {
                sources
            };
            let targets = if targets.is_empty() {
                vec![null(s)]
            } else {
                targets
            };
            for &a in &sources {
                for &c in &targets {
                    pairs.push((a, c));
                }
            }
        }
        let first_event = out.events.len();
        for (a, c) in pairs {
            let (src, tgt) = (&s.resolved[a], &s.resolved[c]);
            // an agent without country names a kind, not one actor: "the
            // ministry brings a case against former officials" (both
            // `---GOV`) has two
            let one_phrase = src.head == tgt.head
                || [(src.head, tgt.head), (tgt.head, src.head)]
                    .iter()
                    .any(|&(a, b)| {
                        s.tree.nodes[b].head == Some(a) && s.tree.nodes[b].rel == Rel::Appos
                    });
            if src.code == tgt.code && (!src.code.starts_with("---") || one_phrase) {
                note(trace, || {
                    format!("  {} → {}: same actor, not coded", src.code, tgt.code)
                });
                continue;
            }
            // "the Supreme Leader, Ali Khamenei": one event per code pair
            if out.events[first_event..]
                .iter()
                .any(|e| e.source.code == src.code && e.target.code == tgt.code)
            {
                continue;
            }
            if let Some(cameo) = &code.code {
                let e = make(src, tgt, cameo, s);
                note(trace, || {
                    format!(
                        "  event {} {} {}{}",
                        e.source.code,
                        e.target.code,
                        e.cameo,
                        if e.negated { " (negated)" } else { "" }
                    )
                });
                s.coded[v] |= !e.negated;
                out.events.push(e);
            }
            if let Some(cameo) = &code.reciprocal {
                let e = make(tgt, src, cameo, s);
                note(trace, || {
                    format!(
                        "  event {} {} {} (reciprocal)",
                        e.source.code, e.target.code, e.cameo
                    )
                });
                out.events.push(e);
            }
        }
    }

    /// The actors of the phrase headed by `head` and its conjuncts. A
    /// coordinated country modifier gives one actor per country ("the
    /// ambassadors of A, B and C" → AGOV, BGOV, CGOV), and coordinated
    /// agents share it ("lawmakers and officials in A and B" → ALEG, BLEG,
    /// AGOV, BGOV).
    fn expand(&self, s: &mut Scratch, head: usize, date: Option<Date>) -> Vec<usize> {
        let mut heads = vec![head];
        let mut at = 0;
        while at < heads.len() && heads.len() < 16 {
            let h = heads[at];
            at += 1;
            for &c in s.tree.children(h) {
                let n = &s.tree.nodes[c];
                // "Mordor, the Shire, Arnor and Bree" parsed with "Shire" an
                // apposition that heads the rest of the list: an apposition
                // with conjuncts of its own is a list member
                // "Mordor, the awful Arnor, and Gondor": a name apposed
                // before the head's last conjunct is a list member too
                let nominal_conj = |g: usize| {
                    s.tree.nodes[g].rel == Rel::Conj && s.tree.nodes[g].upos.is_nominal()
                };
                let listed = n.rel == Rel::Conj
                    || (n.rel == Rel::Appos
                        && (s.tree.children(c).iter().any(|&g| nominal_conj(g))
                            || n.upos == Upos::Propn
                                && s.tree.children(h).iter().any(|&g| g > c && nominal_conj(g))));
                if listed && n.upos.is_nominal() {
                    heads.push(c);
                }
            }
        }
        let mut out: Vec<usize> = Vec::new();
        let mut shared: Option<usize> = None;
        for (k, &h) in heads.iter().enumerate() {
            let Some(r) = self.actor(s, h, date) else {
                continue;
            };
            let own = self.country_modifier(s, h, date);
            if k == 0 {
                shared = own;
            }
            if let Some(m) = own.or(shared)
                && let Some(rm) = self.actor(s, m, date)
            {
                let (code, country) = (&s.resolved[r].code, &s.resolved[rm].code);
                let suffix = if let Some(rest) = code.strip_prefix(country.as_str()) {
                    Some(rest.to_string())
                } else {
                    code.strip_prefix("---").map(str::to_string)
                };
                let mut countries = vec![m];
                countries.extend(s.tree.children(m).iter().copied().filter(|&c| {
                    let n = &s.tree.nodes[c];
                    n.rel == Rel::Conj && (n.upos.is_nominal() || n.upos == Upos::Adj)
                }));
                if let Some(suffix) = suffix
                    && (countries.len() > 1 || code.starts_with("---"))
                {
                    for c in countries {
                        let Some(rc) = self.actor(s, c, date) else {
                            continue;
                        };
                        if s.resolved[rc].code.starts_with("---") {
                            continue;
                        }
                        let mut one = s.resolved[r].clone();
                        one.code = format!("{}{suffix}", s.resolved[rc].code);
                        if !out.iter().any(|&o| s.resolved[o].code == one.code) {
                            s.resolved.push(one);
                            out.push(s.resolved.len() - 1);
                        }
                    }
                    continue;
                }
            }
            out.push(r);
        }
        out
    }

    /// For a common noun `h` that is no actor, the first actor among its
    /// `of`/`between`/`among`/`from` modifiers, two levels deep
    /// ("resumption of ties between A and B" → A); `None` when `h` is an
    /// actor itself or no such modifier names one.
    fn inner_actor(&self, s: &mut Scratch, h: usize, date: Option<Date>) -> Option<usize> {
        if s.tree.nodes[h].upos != Upos::Noun || self.actor(s, h, date).is_some() {
            return None;
        }
        let mut level = vec![h];
        for _ in 0..2 {
            let mut next = Vec::new();
            for &p in &level {
                for k in 0..s.tree.children(p).len() {
                    let c = s.tree.children(p)[k];
                    let n = &s.tree.nodes[c];
                    if n.rel == Rel::Nmod
                        && n.upos.is_nominal()
                        && matches!(s.tree.case_of(c), Some("OF" | "BETWEEN" | "AMONG" | "FROM"))
                    {
                        if self.actor(s, c, date).is_some() {
                            return Some(c);
                        }
                        next.push(c);
                    }
                }
            }
            level = next;
        }
        None
    }

    /// The prepositional modifier of nominal `h` naming a country or
    /// other actor ("in Arnor", "of Gondor", "from Bree"), or its
    /// coordinated modifier ("Arnorian and Gondorian troops"), if any.
    fn country_modifier(&self, s: &mut Scratch, h: usize, date: Option<Date>) -> Option<usize> {
        let candidates: Vec<usize> = s
            .tree
            .children(h)
            .iter()
            .copied()
            .filter(|&c| {
                let n = &s.tree.nodes[c];
                (n.rel == Rel::Nmod && matches!(s.tree.case_of(c), Some("FROM" | "IN" | "OF" | "AT")))
                    // "Eriadori and Calenardhon leaders", "Iraqi and
                    // Syrian troops": coordinated modifiers before the noun
                    || (c < h
                        && matches!(n.rel, Rel::Amod | Rel::Compound)
                        && s.tree.children(c).iter().any(|&g| s.tree.nodes[g].rel == Rel::Conj))
            })
            .collect();
        candidates.into_iter().find(|&c| {
            self.actor(s, c, date)
                .is_some_and(|r| !s.resolved[r].code.starts_with("---"))
        })
    }

    /// The subject of verb `v`: its `nsubj` (the agent when passive), else
    /// inherited from the verb it is a complement or conjunct of.
    fn subject(&self, tree: &Tree, v: usize, passive: bool, depth: usize) -> Option<usize> {
        if depth > 6 {
            return None;
        }
        if passive {
            for &c in tree.children(v) {
                if tree.is_agent(c) {
                    return Some(c);
                }
            }
            // "was opposed earlier by X" with the by-phrase hung on the
            // adverb
            for &c in tree.children(v) {
                if tree.nodes[c].rel == Rel::Advmod
                    && let Some(&a) = tree.children(c).iter().find(|&&a| tree.is_agent(a))
                {
                    return Some(a);
                }
            }
            // a passive without agent has no source
            return match tree.nodes[v].rel {
                Rel::Conj | Rel::Xcomp => tree.nodes[v]
                    .head
                    .and_then(|h| self.subject(tree, h, false, depth + 1)),
                _ => None,
            };
        }
        if let Some(c) = tree.child(v, Rel::Nsubj) {
            if tree.nodes[c].relative && tree.nodes[v].rel == Rel::Acl {
                return tree.nodes[v].head;
            }
            // "a statement from X condemned Y", "X issues statement
            // condemning Y": a statement's act is its author's
            if STATEMENT.contains(&tree.nodes[c].lemma.as_str()) {
                let author = tree.children(c).iter().copied().find(|&g| {
                    tree.nodes[g].rel == Rel::Poss
                        || (tree.nodes[g].rel == Rel::Nmod
                            && matches!(tree.case_of(g), Some("FROM" | "BY")))
                });
                let issuer = || {
                    let h = tree.nodes[v].head?;
                    matches!(tree.nodes[v].rel, Rel::Obj | Rel::Xcomp | Rel::Advcl)
                        .then(|| self.subject(tree, h, false, depth + 1))
                        .flatten()
                };
                if let Some(a) = author.or_else(issuer) {
                    return Some(a);
                }
            }
            // "Ethiopia indicated it would act": a personal pronoun subject
            // of a complement clause is the governing clause's subject
            // (not when that subject is itself borrowed by an adjunct:
            // "Radio Farda recalled a militia, announcing it would act")
            if tree.nodes[v].rel == Rel::Ccomp
                && tree.nodes[c].upos == Upos::Pron
                && matches!(tree.nodes[c].word.as_str(), "IT" | "HE" | "SHE" | "THEY")
                && let Some(h) = tree.nodes[v].head
                && tree.nodes[h].rel != Rel::Advcl
                && let Some(up) = self.subject(tree, h, false, depth + 1)
            {
                return Some(up);
            }
            return Some(c);
        }
        let node = &tree.nodes[v];
        match node.rel {
            Rel::Xcomp | Rel::Conj => {
                let h = node.head?;
                let head_passive =
                    tree.has_child(h, Rel::NsubjPass) || tree.has_child(h, Rel::AuxPass);
                if node.rel == Rel::Xcomp && tree.has_child(h, Rel::Obj) {
                    // "A urged B to attack C": B is the subject (object control)
                    return tree.child(h, Rel::Obj);
                }
                if head_passive && node.rel == Rel::Xcomp {
                    return tree.child(h, Rel::NsubjPass);
                }
                self.subject(tree, h, head_passive && node.rel == Rel::Conj, depth + 1)
            }
            // "X vowed on Monday to end the curfew" (parsed as a purpose
            // clause), "troops entered the town to arrest protesters",
            // "militants attacked the village, killing 65": the subject of a
            // subjectless infinitive or gerund adjunct is the main clause's,
            // its passive subject when passive ("police were deployed to
            // disperse protesters")
            Rel::Advcl if infinitive(tree, v) || gerund(tree, v) => {
                let h = node.head?;
                let head_passive =
                    tree.has_child(h, Rel::NsubjPass) || tree.has_child(h, Rel::AuxPass);
                if head_passive {
                    return tree.child(h, Rel::NsubjPass);
                }
                self.subject(tree, h, false, depth + 1)
            }
            Rel::Acl => {
                let h = node.head?;
                // "X raised the possibility of suspending talks": the
                // gerund of a noun's "of"/"for" complement is the act of
                // the subject of the verb whose object the noun is
                let complement = tree.children(v).iter().any(|&c| {
                    matches!(tree.nodes[c].rel, Rel::Case | Rel::Mark)
                        && matches!(tree.nodes[c].word.as_str(), "OF" | "FOR")
                });
                let noun = &tree.nodes[h];
                // "police used water cannons to disperse protesters": an
                // infinitive of purpose on what is used or sent is the
                // user's act (not on "a plan to attack", "a proposal to …")
                let purpose = infinitive(tree, v)
                    && noun
                        .head
                        .is_some_and(|g| INSTRUMENTAL.contains(&tree.nodes[g].lemma.as_str()));
                match noun.head {
                    Some(g) if (complement || purpose) && noun.rel == Rel::Obj => {
                        self.subject(tree, g, false, depth + 1).or(Some(h))
                    }
                    // "issued a statement condemning Y"
                    Some(g) if noun.rel == Rel::Obj && STATEMENT.contains(&noun.lemma.as_str()) => {
                        self.subject(tree, g, false, depth + 1).or(Some(h))
                    }
                    // "a militia aligned with Iran, announcing …": of a
                    // participle that itself modifies a noun, that noun
                    _ if noun.rel == Rel::Acl && noun.upos == Upos::Verb => noun.head.or(Some(h)),
                    _ => Some(h),
                }
            }
            _ => None,
        }
    }

    /// Negation, modality (before negation) and attribution of the event
    /// at verb `v`.
    fn modality(
        &self,
        doc: &Document,
        s: &mut Scratch,
        v: usize,
        date: Option<Date>,
    ) -> (bool, Modality, Option<Attribution>) {
        let tree = &s.tree;
        // "did not attack"; "failed to capture the town": the complement
        // of a failure did not happen (unless the failure is denied: "did
        // not fail to capture")
        let negative = |v: usize| {
            tree.children(v).iter().any(|&c| {
                let n = &tree.nodes[c];
                n.negative && matches!(n.rel, Rel::Neg | Rel::Advmod | Rel::Aux | Rel::Det)
            })
        };
        let failed = tree.nodes[v].rel == Rel::Xcomp
            && tree.nodes[v]
                .head
                .is_some_and(|h| tree.nodes[h].lemma == "FAIL" && !negative(h));
        let negated = negative(v) != failed;
        let mut modality = Modality::Asserted;
        for &c in tree.children(v) {
            let n = &tree.nodes[c];
            if n.rel == Rel::Aux {
                match n.lemma.as_str() {
                    "WILL" | "SHALL" | "'LL" => modality = Modality::Planned,
                    "WOULD" | "COULD" | "MIGHT" | "MAY" | "SHOULD" | "CAN" | "MUST" => {
                        modality = Modality::Hypothetical;
                    }
                    _ => {}
                }
            }
            if n.rel == Rel::Mark && n.word == "IF" {
                modality = Modality::Hypothetical;
            }
        }
        // climb through complements and conjuncts to the clause's top
        let mut top = v;
        for _ in 0..8 {
            let node = &tree.nodes[top];
            let Some(h) = node.head else { break };
            match node.rel {
                Rel::Xcomp => {
                    let governor = tree.nodes[h].lemma.as_str();
                    if modality == Modality::Asserted {
                        if THREATEN.contains(&governor) {
                            modality = Modality::Threatened;
                        } else if PLAN.contains(&governor) {
                            modality = Modality::Planned;
                        }
                    }
                    top = h;
                }
                Rel::Conj => top = h,
                _ => break,
            }
        }
        // "X said (that) A …" or "A …, X said"
        let mut speaker = None;
        let node = &tree.nodes[top];
        if node.rel == Rel::Ccomp
            && let Some(h) = node.head
            && SPEECH.contains(&tree.nodes[h].lemma.as_str())
        {
            speaker = Some(h);
        }
        if speaker.is_none() {
            speaker = tree.children(top).iter().copied().find(|&c| {
                let n = &tree.nodes[c];
                n.rel == Rel::Parataxis && SPEECH.contains(&n.lemma.as_str())
            });
        }
        let mut attribution = match speaker {
            Some(sv) => self
                .subject(&s.tree, sv, false, 0)
                .or_else(|| postposed_speaker(&s.tree, v, sv))
                .and_then(|subj| self.attribution(doc, s, subj, date)),
            // "A attacked B, according to X"
            None => according_to(&s.tree).and_then(|x| self.attribution(doc, s, x, date)),
        };
        // "A reportedly attacked B", "X reportedly expected … when A
        // arrived": reported (by no one named) when the verb or a verb
        // above it is
        let mut hearsay = false;
        let mut at = Some(v);
        for _ in 0..12 {
            let Some(w) = at else { break };
            hearsay |= s.tree.children(w).iter().any(|&c| {
                s.tree.nodes[c].rel == Rel::Advmod
                    && HEARSAY.contains(&s.tree.nodes[c].word.as_str())
            });
            at = s.tree.nodes[w].head;
        }
        if hearsay && modality == Modality::Asserted {
            modality = Modality::Reported;
        }
        // "The AP quoted two officials … . Soleimani reportedly arrived":
        // the reporter of one of the two sentences before
        if hearsay && attribution.is_none() {
            let at = s.sentence;
            attribution = s
                .reporters
                .iter()
                .rev()
                .find(|(i, _)| *i < at && i + 2 >= at)
                .map(|(_, a)| a.clone());
        }
        if attribution.is_some() && modality == Modality::Asserted {
            modality = Modality::Reported;
        }
        // the caller makes a still-negated event `Denied`
        (negated, modality, attribution)
    }

    /// The attribution whose phrase is headed by `head`: the actor phrase
    /// when the dictionaries know it, else the nominal's subtree without
    /// clauses, extended over a relative clause that marks the source
    /// anonymous ("officials who spoke on condition of anonymity").
    fn attribution(
        &self,
        doc: &Document,
        s: &mut Scratch,
        head: usize,
        date: Option<Date>,
    ) -> Option<Attribution> {
        let actor = self.actor(s, head, date);
        let tree = &s.tree;
        let mut phrase = Vec::new();
        tree.subtree_into(head, &mut phrase, &|c| {
            tree.nodes[c].rel.is_clausal() || tree.nodes[c].rel == Rel::Punct
        });
        let (mut first, mut last) = match actor {
            Some(a) => (s.resolved[a].first, s.resolved[a].last),
            None => (
                phrase.first().copied().unwrap_or(head),
                phrase.last().copied().unwrap_or(head),
            ),
        };
        for &c in tree.children(head) {
            if !matches!(tree.nodes[c].rel, Rel::Acl) {
                continue;
            }
            let mut clause = Vec::new();
            tree.subtree_into(c, &mut clause, &|_| false);
            // up to the end of the anonymity phrase ("who spoke
            // anonymously", not "… to describe a meeting")
            if let Some(&w) = clause
                .iter()
                .find(|&&w| ANONYMOUS.contains(&tree.nodes[w].word.as_str()))
            {
                let mut anonymity = Vec::new();
                tree.subtree_into(w, &mut anonymity, &|_| false);
                first = first.min(clause.first().copied().unwrap_or(first));
                last = last.max(anonymity.last().copied().unwrap_or(w));
            }
        }
        let span = crate::actor::phrase_span(tree, first, last);
        Some(Attribution {
            text: doc.text.get(span.bytes()).unwrap_or("").to_string(),
            span,
            code: actor.map(|a| s.resolved[a].code.clone()),
        })
    }

    /// Matches `items` in order against `seq[pos..]`, gaps allowed between
    /// items (none before the first when `anchored`; the last must end the
    /// sequence when `to_end`). Returns the end position.
    #[allow(clippy::too_many_arguments)]
    fn match_items(
        &self,
        c: &Compiled,
        s: &mut Scratch,
        items: &[Item],
        seq: &[usize],
        pos: usize,
        anchored: bool,
        to_end: bool,
        date: Option<Date>,
        bind: &mut Bind,
    ) -> Option<usize> {
        let Some((first, rest)) = items.split_first() else {
            return (!to_end || pos == seq.len()).then_some(pos);
        };
        let last_start = if anchored { pos + 1 } else { seq.len() };
        for q in pos..last_start.min(seq.len()) {
            let saved = *bind;
            if let Some(e) = self.match_item(c, s, first, seq, q, date, bind)
                && let Some(end) = self.match_items(c, s, rest, seq, e, false, to_end, date, bind)
            {
                return Some(end);
            }
            *bind = saved;
        }
        None
    }

    /// Matches the head element of a `{…}` phrase at `seq[q]`, where
    /// words need not be phrase heads.
    #[allow(clippy::too_many_arguments)]
    fn match_phrase_word(
        &self,
        c: &Compiled,
        s: &mut Scratch,
        item: &Item,
        seq: &[usize],
        q: usize,
        date: Option<Date>,
        bind: &mut Bind,
    ) -> Option<usize> {
        match item {
            Item::Word(w) => {
                let n = &s.tree.nodes[*seq.get(q)?];
                (*n.word == **w || *n.lemma == **w).then_some(q + 1)
            }
            Item::Synset(i) => {
                let members = c.synsets.get(*i)?;
                members.iter().find_map(|m| {
                    let (last, lead) = m.split_last()?;
                    let start = q.checked_sub(lead.len())?;
                    let mut at = start;
                    for it in lead {
                        at = self.match_phrase_word(c, s, it, seq, at, date, bind)?;
                    }
                    self.match_phrase_word(c, s, last, seq, at, date, bind)
                })
            }
            other => self.match_item(c, s, other, seq, q, date, bind),
        }
    }

    /// Matches the words `items` in order inside one noun phrase starting
    /// at `seq[q]`, the last being the phrase's head; returns its end.
    #[allow(clippy::too_many_arguments)]
    fn match_noun_phrase(
        &self,
        c: &Compiled,
        s: &mut Scratch,
        items: &[Item],
        seq: &[usize],
        q: usize,
        date: Option<Date>,
        bind: &mut Bind,
    ) -> Option<usize> {
        let &t = seq.get(q)?;
        let head = phrase_head(&s.tree, t);
        let end = phrase_end(&s.tree, seq, q, head);
        let sub = seq.get(..end)?;
        let (last, lead) = items.split_last()?;
        let head_pos = seq
            .iter()
            .position(|&x| x == head)
            .filter(|&p| p >= q && p < end)?;
        let head_sub = seq.get(..head_pos)?;
        let mut at = q;
        for (k, it) in lead.iter().enumerate() {
            let last_start = if k == 0 { at + 1 } else { head_sub.len() };
            // the word before the head is consecutive with it ("economic
            // relations", not "economic trade relations"); earlier ones
            // may have words between them
            let closing = bind.closed && k + 1 == lead.len();
            at = (at..last_start.min(head_sub.len())).find_map(|p| {
                self.match_phrase_word(c, s, it, head_sub, p, date, bind)
                    .filter(|&e| {
                        !closing || e == head_pos || next_to_head(&s.tree, seq, e, head_pos)
                    })
            })?;
        }
        let e = self.match_phrase_word(c, s, last, seq, head_pos, date, bind)?;
        Some(e.max(end.min(sub.len())))
    }

    /// Matches one item starting exactly at `seq[q]`; returns its end.
    #[allow(clippy::too_many_arguments)]
    fn match_item(
        &self,
        c: &Compiled,
        s: &mut Scratch,
        item: &Item,
        seq: &[usize],
        q: usize,
        date: Option<Date>,
        bind: &mut Bind,
    ) -> Option<usize> {
        let &t = seq.get(q)?;
        match item {
            Item::Word(w) => {
                let n = &s.tree.nodes[t];
                if bind.before
                    && matches!(n.upos, Upos::Other | Upos::Aux)
                    && !matches!(n.rel, Rel::Case | Rel::Fixed)
                {
                    return None;
                }
                // a bare noun must be the head of its phrase
                let head_ok = !n.upos.is_nominal() && n.upos != Upos::Adj
                    || phrase_head(&s.tree, t) == t
                    || matches!(n.rel, Rel::Case | Rel::Mark | Rel::Prt | Rel::Fixed)
                    // `* THEIR ^ ABOUT +`: "warned their people about"
                    || (n.upos == Upos::Pron && n.rel == Rel::Poss)
                    || in_prep_phrase(&s.tree, t);
                let verb = n.upos == Upos::Verb;
                let found = head_ok && (*n.word == **w || *n.lemma == **w);
                if found && !matches!(n.rel, Rel::Case | Rel::Mark | Rel::Fixed) {
                    bind.matched = Some(t);
                }
                if found && verb {
                    bind.complement = Some(t);
                }
                found.then_some(q + 1)
            }
            Item::Seq(items) => {
                let mut at = q;
                for it in items {
                    at = self.match_item(c, s, it, seq, at, date, bind)?;
                }
                Some(at)
            }
            Item::Synset(i) => {
                if let Some(Some(firsts)) = c.synset_firsts.get(*i) {
                    let (w, l) = s.word_hashes.get(t).copied()?;
                    if firsts.binary_search(&w).is_err() && firsts.binary_search(&l).is_err() {
                        return None;
                    }
                }
                let members = c.synsets.get(*i)?;
                let (end, words) = members.iter().find_map(|m| {
                    // "martial law", "air strike": a member of several
                    // words is one noun phrase, like `{martial law}`
                    if m.len() > 1 && m.iter().all(|it| matches!(it, Item::Word(_))) {
                        return self
                            .match_noun_phrase(c, s, m, seq, q, date, bind)
                            .map(|e| (e, m.len()));
                    }
                    let mut at = q;
                    for it in m {
                        at = self.match_item(c, s, it, seq, at, date, bind)?;
                    }
                    Some((at, m.len()))
                })?;
                bind.synset_words += words;
                Some(end)
            }
            Item::Phrase(items) => self.match_noun_phrase(c, s, items, seq, q, date, bind),
            Item::Prep(prep, objects) => {
                // an infinitive's "to" alone is no prepositional phrase
                // (`(TO) *` does not match "inching nearer to accord")
                let node = &s.tree.nodes[t];
                if objects.is_empty()
                    && node.rel == Rel::Mark
                    && node
                        .head
                        .is_some_and(|h| s.tree.nodes[h].upos == Upos::Verb)
                {
                    return None;
                }
                let e = self.match_item(c, s, prep, seq, q, date, bind)?;
                if objects.is_empty() {
                    return Some(e);
                }
                // the objects must sit under the preposition's head
                let anchor = s.tree.nodes[t].head.unwrap_or(t);
                let mut end = e;
                while end < seq.len() && in_subtree(&s.tree, seq[end], anchor) {
                    end += 1;
                }
                let sub = seq.get(..end)?;
                self.match_items(c, s, objects, sub, e, false, false, date, bind)
            }
            Item::Source | Item::Target | Item::Compound => {
                let head = phrase_head(&s.tree, t);
                if !s.tree.nodes[head].upos.is_nominal() {
                    return None;
                }
                if matches!(item, Item::Compound) {
                    if !s.tree.has_child(head, Rel::Conj) {
                        return None;
                    }
                } else {
                    self.actor(s, head, date)?;
                }
                match item {
                    Item::Source => bind.source = Some(head),
                    Item::Target => bind.target = Some(head),
                    _ => bind.compound = Some(head),
                }
                Some(phrase_end(&s.tree, seq, q, head))
            }
            Item::Skip => {
                let head = phrase_head(&s.tree, t);
                s.tree.nodes[head]
                    .upos
                    .is_nominal()
                    .then(|| phrase_end(&s.tree, seq, q, head))
            }
        }
    }
}

/// The position after the last word of `head`'s phrase in `seq`, from `q`.
/// Verbs whose object names the subject's own act ("launched an
/// attack", "paid a visit", "held talks").
const LIGHT: &[&str] = &[
    "LAUNCH", "CARRY", "CONDUCT", "STAGE", "MOUNT", "MAKE", "PAY", "HOLD", "BEGIN", "START",
    "ORGANIZE", "ORGANISE", "LEAD", "UNLEASH", "ATTEND",
];

/// The source of event noun `n`: its possessor ("Soleimani's visit"),
/// its `by` phrase ("the attack by X"), or the subject (found by
/// `subject`) of a light verb it is the object of ("X launched an attack").
fn nominal_source(
    tree: &Tree,
    n: usize,
    subject: impl Fn(usize) -> Option<usize>,
) -> Option<usize> {
    for &c in tree.children(n) {
        let node = &tree.nodes[c];
        if node.rel == Rel::Poss || node.rel == Rel::Nmod && tree.case_of(c) == Some("BY") {
            return Some(c);
        }
    }
    let node = &tree.nodes[n];
    let h = node.head?;
    (node.rel == Rel::Obj && LIGHT.contains(&tree.nodes[h].lemma.as_str()))
        .then(|| subject(h))
        .flatten()
}

/// The noun a relative pronoun at `i` stands for: the head of the
/// relative clause (`acl:relcl`) the pronoun belongs to.
fn relative_antecedent(tree: &Tree, i: usize) -> Option<usize> {
    if !tree.nodes[i].relative {
        return None;
    }
    let mut at = tree.nodes[i].head?;
    for _ in 0..4 {
        let node = &tree.nodes[at];
        let head = node.head?;
        if node.rel == Rel::Acl {
            return tree.nodes[head].upos.is_nominal().then_some(head);
        }
        at = head;
    }
    None
}

fn phrase_end(tree: &Tree, seq: &[usize], q: usize, head: usize) -> usize {
    let mut e = q + 1;
    while e < seq.len() && (seq[e] <= head || phrase_head(tree, seq[e]) == head) {
        e += 1;
    }
    e
}

/// Whether `node` sits in an `xcomp` clause below verb `v` (its default
/// target is then the complement verb's, not `v`'s), other than the
/// complement `named` by the pattern that matched.
fn under_xcomp(tree: &Tree, node: usize, v: usize, named: Option<usize>) -> bool {
    in_clause_below(tree, node, v, |c| {
        tree.nodes[c].rel == Rel::Xcomp && Some(c) != named
    })
}

/// Whether `node` is inside an adverbial clause of verb `v` in which the
/// pattern that matched (`bind`) matched no word: "took action to prevent
/// a coup against the government" (`* ACTION`; the government is the
/// coup's), not "vowed to wage war on X" (`* WAR`).
fn in_other_advcl(tree: &Tree, node: usize, v: usize, bind: &Bind) -> bool {
    in_clause_below(tree, node, v, |c| {
        tree.nodes[c].rel == Rel::Advcl
            && Some(c) != bind.complement
            && !bind.matched.is_some_and(|m| in_subtree(tree, m, c))
    })
}

/// Whether, on the way up from `node` to verb `v`, a verb `clause` holds.
fn in_clause_below(tree: &Tree, mut node: usize, v: usize, clause: impl Fn(usize) -> bool) -> bool {
    for _ in 0..=tree.len() {
        if node == v {
            return false;
        }
        if tree.nodes[node].upos == Upos::Verb && clause(node) {
            return true;
        }
        match tree.nodes[node].head {
            Some(h) => node = h,
            None => return false,
        }
    }
    false
}

/// Whether the word ending at `e` is coordinated with the word just
/// before the head ("death and injury toll" is a death toll).
fn next_to_head(tree: &Tree, seq: &[usize], e: usize, head_pos: usize) -> bool {
    let (Some(&w), Some(&next)) = (
        e.checked_sub(1).and_then(|i| seq.get(i)),
        head_pos.checked_sub(1).and_then(|i| seq.get(i)),
    ) else {
        return false;
    };
    tree.nodes[next].rel == Rel::Conj && tree.nodes[next].head == Some(w)
}

/// Whether `node` modifies the object of a preposition ("on *economic*
/// issues"): a pattern's prepositional phrase matches any of its words.
fn in_prep_phrase(tree: &Tree, node: usize) -> bool {
    let n = &tree.nodes[node];
    n.rel == Rel::Amod && n.head.is_some_and(|h| tree.case_of(h).is_some())
}

/// Whether `node` is `root` or below it.
fn in_subtree(tree: &Tree, mut node: usize, root: usize) -> bool {
    for _ in 0..=tree.len() {
        if node == root {
            return true;
        }
        match tree.nodes[node].head {
            Some(h) => node = h,
            None => return false,
        }
    }
    false
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

/// The code one of the coder's sentence-shape rules sets (an accusation,
/// a visit, a threat), with the rule's text as the event's pattern; the
/// trace says which rule fired.
fn by_rule(
    trace: &mut Option<SentenceTrace>,
    text: String,
    code: &str,
) -> (VerbCode, Option<String>) {
    note(trace, || format!("  rule `{text}` [{code}]"));
    let code = VerbCode {
        code: Some(code.into()),
        reciprocal: None,
    };
    (code, Some(text))
}

fn note(trace: &mut Option<SentenceTrace>, line: impl FnOnce() -> String) {
    if let Some(t) = trace {
        t.lines.push(line());
    }
}
