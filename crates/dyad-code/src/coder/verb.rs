//! The per-verb driver: from a verb (or event noun) to its events, as a
//! sequence of named steps.

use super::emit::{EventParts, Roles};
use super::modality::{COMMIT, ceased, promised};
use super::patterns::{Bind, Matcher};
use super::recode::{recode, vowed_threat};
use super::roles::in_other_advcl;
use super::shape::{
    ACCUSE, CRITICISE, FIGHT, STATEMENT, admitted, blamed, branded_as, by_rule, campaign_to_oust,
    condemned, exhorted, passive_reading, people_word,
};
use super::{Coder, Scratch, Trigger, note};
use crate::compile::{Compiled, CompiledPattern};
use crate::event::{Coded, SentenceTrace};
use crate::labels::Rel;
use crate::tree::{Tree, Upos};
use dyad_core::{Date, Document};
use dyad_dict::{Provenance, Verb, VerbBlock, VerbCode, VerbDict};

/// The verb (or event noun) being coded: where it is and how it is used.
pub(super) struct Site<'d> {
    /// The document.
    pub(super) doc: &'d Document,
    /// The sentence's index in the document.
    pub(super) index: usize,
    /// The word.
    pub(super) v: usize,
    /// An event noun, not a verb.
    pub(super) nominal: bool,
    /// A passive verb (never an event noun).
    pub(super) passive: bool,
    /// The document date.
    pub(super) date: Option<Date>,
}

/// What a verb codes as so far: the code, the pattern (or rule) text that
/// gave it, the dictionary line, and the actor slots bound.
pub(super) struct Coding {
    /// The code.
    pub(super) code: VerbCode,
    /// The pattern or rule text; `None` for the verb's own code.
    pub(super) pattern: Option<String>,
    /// The dictionary line of the pattern or verb.
    pub(super) rule: Provenance,
    /// The actor slots the pattern bound.
    pub(super) bind: Bind,
}

impl Coder {
    /// Codes the verb or event noun at word `v` of sentence `index` into
    /// `out`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn code_verb(
        &self,
        doc: &Document,
        index: usize,
        v: usize,
        trigger: Trigger,
        s: &mut Scratch,
        out: &mut Coded,
        trace: &mut Option<SentenceTrace>,
    ) {
        let Some(concession_only) = governed(s, v, trace) else {
            return;
        };
        let tables = self.tables(trigger);
        let Some((block, verb, patterns)) = entry(self, tables, trigger, s, v, trace) else {
            return;
        };
        let date = doc.meta.date;
        let (coding, after) = self.coding(tables.1, (block, verb, patterns), s, v, date, trace);
        let nominal = trigger == Trigger::Noun;
        let site = Site {
            doc,
            index,
            v,
            nominal,
            passive: !nominal
                && (s.tree.has_child(v, Rel::NsubjPass)
                    || s.tree.has_child(v, Rel::AuxPass)
                    // not in PETRARCH readings: "a woman believed linked
                    // to Al-Qaeda" links the woman there
                    || !s.petrarch_readings && reduced_passive(&s.tree, v).is_some()),
            date,
        };
        // "X claimed (that) Y is fomenting unrest", "X implied protests
        // were instigated by Y": X accuses Y
        let blame = blamed(&s.tree, v);
        let mut coding = shape_rules(s, &site, coding, blame, trace);
        if coding.code.is_null() {
            note(trace, || "  null code: not coded".to_string());
            return;
        }
        if concession_only
            && !concession(&coding.code, out, index)
            && !vowed_threat(s, v, index, &mut coding, out, trace)
        {
            return;
        }
        let roles = self.roles(s, &site, &coding, blame.map(|(_, t)| t), &after);
        // "met a mixed response", "met the deadline": a meeting's object
        // is the other party; when it names no actor there was no meeting
        if !site.nominal
            && roles.target.is_none()
            && coding
                .code
                .code
                .as_deref()
                .is_some_and(|c| c.starts_with("04"))
            && let Some(object) = s.tree.child(v, Rel::Obj)
            && s.tree.nodes[object].upos == Upos::Noun
            && self.actor(s, object, date).is_none()
        {
            note(trace, || {
                format!(
                    "  object `{}` is no party to meet; not coded",
                    s.tree.nodes[object].word
                )
            });
            return;
        }
        self.code_events(s, &site, coding, roles, out, trace);
    }

    /// The verb's negation, modality, attribution and promise, a threat
    /// rule on top, and its events.
    fn code_events(
        &self,
        s: &mut Scratch,
        site: &Site<'_>,
        coding: Coding,
        roles: Roles,
        out: &mut Coded,
        trace: &mut Option<SentenceTrace>,
    ) {
        let v = site.v;
        let (mut negated, mut modality, attribution) = self.modality(site.doc, s, v, site.date);
        let (code, pattern) = recode(
            s,
            site,
            coding.code,
            coding.pattern,
            (&mut negated, &mut modality),
            trace,
        );
        let promised = promised(&s.tree, v);
        let verb_span = s.tree.nodes[v].span;
        let parts = EventParts {
            index: site.index,
            verb: site
                .doc
                .text
                .get(verb_span.bytes())
                .unwrap_or("")
                .to_string(),
            verb_span,
            pattern,
            rule: coding.rule,
            negated,
            modality,
            attribution,
            promised,
        };
        self.emit(s, site, &code, &parts, roles, out, trace);
    }

    /// The coding of the verb at `v` and the words after it in its
    /// clause: the best pattern over the clause's words, else over them
    /// with a passive's subject as its object ("her citizenship was
    /// revoked", "sanctions were lifted"), else the verb's own code.
    fn coding(
        &self,
        compiled: &Compiled,
        (block, verb, patterns): (&VerbBlock, &Verb, &[CompiledPattern]),
        s: &mut Scratch,
        v: usize,
        date: Option<Date>,
        trace: &mut Option<SentenceTrace>,
    ) -> (Coding, Vec<usize>) {
        let (before, after) = clause_words(s, v);
        let coding = self
            .best_pattern(compiled, patterns, s, v, (&before, &after), date, trace)
            .or_else(|| {
                let patient = passive_patient(&s.tree, v)?;
                let mut words = Vec::new();
                s.tree
                    .subtree_into(patient, &mut words, &|c| s.tree.nodes[c].rel.is_clausal());
                words.sort_unstable();
                words.extend(after.iter().copied());
                note(trace, || {
                    "  the passive's subject as its object:".to_string()
                });
                self.best_pattern(compiled, patterns, s, v, (&before, &words), date, trace)
            });
        let coding = coding.unwrap_or_else(|| Coding {
            code: block.code_of(verb).clone(),
            pattern: None,
            rule: verb.provenance.clone(),
            bind: Bind::default(),
        });
        (coding, after)
    }

    /// The most specific pattern of the verb's block that matches the
    /// clause's words `before` and `after` the verb; `None` when none does
    /// (the verb's own code applies).
    #[allow(clippy::too_many_arguments)]
    fn best_pattern(
        &self,
        compiled: &Compiled,
        patterns: &[CompiledPattern],
        s: &mut Scratch,
        v: usize,
        (before, after): (&[usize], &[usize]),
        date: Option<Date>,
        trace: &mut Option<SentenceTrace>,
    ) -> Option<Coding> {
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
            let Some(bind) = self.match_pattern(compiled, p, s, v, (before, after), date) else {
                continue;
            };
            if best
                .as_ref()
                .is_none_or(|(bp, b)| bp.weight < p.weight || bind.synset_words > b.synset_words)
            {
                best = Some((p, bind));
            }
        }
        let Some((p, bind)) = best else {
            note(trace, || {
                format!("  no pattern matched ({tried} tried); verb code applies")
            });
            return None;
        };
        note(trace, || {
            format!(
                "  pattern `{}` [{}] ({}) matched ({tried} tried)",
                p.text, p.code, p.provenance
            )
        });
        Some(Coding {
            code: p.code.clone(),
            pattern: Some(p.text.clone()),
            rule: p.provenance.clone(),
            bind,
        })
    }

    /// Pattern `p` against the words `before` and `after` verb `v`: the
    /// slots it binds when it matches.
    fn match_pattern(
        &self,
        compiled: &Compiled,
        p: &CompiledPattern,
        s: &mut Scratch,
        v: usize,
        (before, after): (&[usize], &[usize]),
        date: Option<Date>,
    ) -> Option<Bind> {
        let bind = Bind {
            closed: p.closed_phrases,
            before: true,
            ..Bind::default()
        };
        let mut matcher = Matcher::new(self, compiled, s, date, bind);
        let ok_before = p.before.is_empty()
            || matcher
                .match_items(&p.before, before, 0, false, p.before_adjacent)
                .is_some();
        if !ok_before {
            return None;
        }
        matcher.bind.before = false;
        let ok_after = p.after.is_empty()
            || matcher
                .match_items(&p.after, after, 0, p.after_adjacent, false)
                .is_some();
        let bind = matcher.bind;
        // "took action to prevent a coup against the government": a
        // pattern's target is not inside an adverbial clause of the verb
        // that the pattern does not name
        let clause_target = bind
            .target
            .is_some_and(|t| in_other_advcl(&s.tree, t, v, &bind));
        (ok_after && !clause_target).then_some(bind)
    }
}

/// Whether verb `v` is an act an adjective judges: the subject of an
/// adjective ("hunting down jihadists is legal") or the infinitive of
/// one whose subject is "it" ("it is legal and legitimate to kill them",
/// "it would be wrong to send them") or of an adjective of difficulty
/// ("difficult to suppress"); not "X is ready to attack", whose adjective
/// has a doer.
fn judged(tree: &Tree, v: usize) -> bool {
    let node = &tree.nodes[v];
    let Some(mut h) = node.head else {
        return false;
    };
    // (not a comparison, which says what is done: "it is easier to bomb
    // a country than bring peace")
    let adj = &tree.nodes[h];
    if adj.upos != Upos::Adj || adj.lemma != adj.word {
        return false;
    }
    // "the forces are difficult to suppress": how hard an act is, whoever
    // the subject, says it is not done
    let tough = matches!(
        adj.lemma.as_str(),
        "DIFFICULT" | "HARD" | "EASY" | "IMPOSSIBLE" | "TOUGH"
    );
    if tough && matches!(node.rel, Rel::Xcomp | Rel::Advcl | Rel::Csubj) {
        return true;
    }
    if !matches!(node.rel, Rel::Xcomp | Rel::Csubj) {
        return false;
    }
    if node.rel == Rel::Csubj {
        return true;
    }
    // "legal and legitimate to kill": the first conjunct has the subject
    while tree.nodes[h].rel == Rel::Conj
        && let Some(first) = tree.nodes[h].head
        && tree.nodes[first].upos == Upos::Adj
    {
        h = first;
    }
    tree.children(h).iter().any(|&c| {
        matches!(tree.nodes[c].rel, Rel::Nsubj | Rel::Other) && tree.nodes[c].word == "IT"
    })
}

/// Participles that, compounded with their doer ("US-backed"), describe
/// a noun.
const DESCRIBING: &[&str] = &[
    "BACK", "SUPPORT", "SPONSOR", "FUND", "FINANCE", "ARM", "TRAIN", "LEAD", "RUN", "CONTROL",
    "OWN", "MAKE", "BUILD", "DOMINATE", "HOLD",
];

/// Whether the verb at `v` may be coded given the verb governing it:
/// `None` when not (a complement of a coded verb, an act stopped or
/// forgone), else whether only a concession may be coded ("vowed to lift
/// the curfew").
fn governed(s: &Scratch, v: usize, trace: &mut Option<SentenceTrace>) -> Option<bool> {
    let word = &s.tree.nodes[v].word;
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
            return None;
        }
        concession_only = true;
    }
    if ceased(&s.tree, v) {
        note(trace, || {
            format!("verb {word}: its governing verb stops or forgoes it; not coded")
        });
        return None;
    }
    // "US-backed forces", "Iranian-led militias": a participle compounded
    // with its doer describes the noun it modifies, not an event reported
    let node = &s.tree.nodes[v];
    if node.rel == Rel::Amod
        && DESCRIBING.contains(&node.lemma.as_str())
        && s.tree
            .children(v)
            .iter()
            .any(|&c| c < v && !matches!(s.tree.nodes[c].rel, Rel::Det | Rel::Punct | Rel::Case))
    {
        note(trace, || {
            format!("verb {word}: a description of the noun it modifies (X-{word}); not coded")
        });
        return None;
    }
    // "it is legal to kill them", "hunting down jihadists is legal": an
    // act an adjective judges is talked about, not reported
    if judged(&s.tree, v) {
        note(trace, || {
            format!("verb {word}: an act judged, not reported; not coded")
        });
        return None;
    }
    // "said Britain should take back its fighters", coded as a request:
    // the act asked for is not done (nor one conjoined to it: "take back
    // its fighters and put them on trial")
    let mut asked = v;
    while s.tree.nodes[asked].rel == Rel::Conj
        && let Some(first) = s.tree.nodes[asked].head
    {
        asked = first;
    }
    if let Some(h) = s.tree.nodes[asked].head
        && s.coded.get(h) == Some(&true)
        && exhorted(&s.tree, h).is_some_and(|(clause, _, _)| clause == asked)
    {
        note(trace, || {
            format!("verb {word}: asked for, not done; not coded")
        });
        return None;
    }
    Some(concession_only)
}

/// The dictionary entry at word `v`: its block, verb and compiled
/// patterns.
fn entry<'t>(
    coder: &Coder,
    tables: (&'t VerbDict, &'t Compiled),
    trigger: Trigger,
    s: &Scratch,
    v: usize,
    trace: &mut Option<SentenceTrace>,
) -> Option<(&'t VerbBlock, &'t Verb, &'t [CompiledPattern])> {
    let word = &s.tree.nodes[v].word;
    let Some((b, vi)) = coder.lookup_in(tables, &s.tree, v) else {
        if s.tree.nodes[v].upos == Upos::Verb {
            note(trace, || format!("verb {word}: not in the verb dictionary"));
        }
        return None;
    };
    let (Some(block), Some(patterns)) = (tables.0.blocks().get(b), tables.1.patterns.get(b)) else {
        return None;
    };
    let verb = block.verbs.get(vi)?;
    note(trace, || {
        format!(
            "{} {word}: block `{}` [{}] ({}), {} patterns",
            if trigger == Trigger::Noun {
                "noun"
            } else {
                "verb"
            },
            block.name,
            block.code_of(verb),
            verb.provenance,
            patterns.len()
        )
    });
    Some((block, verb, patterns))
}

/// The verb's clause, the words before and after it: its subtree without
/// nested clauses and conjoined verbs.
fn clause_words(s: &mut Scratch, v: usize) -> (Vec<usize>, Vec<usize>) {
    let mut clause = std::mem::take(&mut s.clause);
    clause.clear();
    let tree = &s.tree;
    let has_subject = |c: usize| {
        tree.children(c)
            .iter()
            .any(|&g| tree.nodes[g].rel.is_subject())
    };
    tree.subtree_into(v, &mut clause, &|c| {
        let n = &tree.nodes[c];
        let infinitival = matches!(n.rel, Rel::Advcl | Rel::Acl)
            && !has_subject(c)
            && tree
                .children(c)
                .iter()
                .all(|&g| tree.nodes[g].rel != Rel::Mark || tree.nodes[g].word == "TO");
        // a conjunct with its own subject is a clause of its own,
        // even when the parser made a noun its head
        (n.rel.is_clausal() && !infinitival)
            || n.rel == Rel::Punct
            || (n.rel == Rel::Conj && (matches!(n.upos, Upos::Verb | Upos::Aux) || has_subject(c)))
    });
    let split = clause.partition_point(|&i| i < v);
    let before: Vec<usize> = clause[..split].to_vec();
    let mut after: Vec<usize> = clause[split..]
        .iter()
        .copied()
        .filter(|&i| i != v)
        .collect();
    // "over American support for the Kurdish fighters" with the
    // for-phrase hung on the verb: a prepositional phrase right after an
    // event noun's own words is the noun's
    let next = after.last().copied().unwrap_or(v) + 1;
    if tree.nodes[v].upos.is_nominal()
        && let Some(n) = tree.nodes.get(next)
        && n.rel == Rel::Case
        && let Some(h) = n
            .head
            .filter(|&h| h > next && tree.nodes[h].rel == Rel::Obl)
    {
        let mut pp = Vec::new();
        tree.subtree_into(h, &mut pp, &|c| tree.nodes[c].rel.is_clausal());
        after.extend(pp.into_iter().filter(|&i| i >= next));
    }
    s.clause = clause;
    (before, after)
}

/// The sentence-shape rules that replace a pattern's code: an accusation
/// (`blame`: the blameworthy verb and its doer), a condemning statement,
/// a statement that an actor should or must act, and the visit of one
/// sent somewhere.
fn shape_rules(
    s: &Scratch,
    site: &Site<'_>,
    coding: Coding,
    blame: Option<(usize, usize)>,
    trace: &mut Option<SentenceTrace>,
) -> Coding {
    let v = site.v;
    let Coding {
        code,
        pattern,
        rule,
        mut bind,
    } = coding;
    let (code, pattern) = match blame {
        Some((c, _)) => {
            let text = format!(
                "{} that + {} (accusation)",
                s.tree.nodes[v].lemma, s.tree.nodes[c].lemma
            );
            by_rule(trace, text, ACCUSE)
        }
        None => (code, pattern),
    };
    let (code, pattern) = statement_shape(s, site, (code, pattern), blame, &mut bind, trace);
    let (code, pattern) = passive_shape(s, site, (code, pattern), &mut bind, trace);
    // "a campaign to oust Kurdish militias": the campaign is the fighting
    let (code, pattern) = match campaign_to_oust(&s.tree, v) {
        Some((x, enemy)) if site.nominal && code.code.is_none() && bind.target.is_none() => {
            bind.target = enemy;
            let text = format!(
                "{} to {} + (armed campaign)",
                s.tree.nodes[v].lemma, s.tree.nodes[x].lemma
            );
            by_rule(trace, text, FIGHT)
        }
        _ if site.nominal && code.code.is_none() && super::shape::armed_campaign(&s.tree, v) => {
            let text = format!("armed {} (armed campaign)", s.tree.nodes[v].lemma);
            by_rule(trace, text, FIGHT)
        }
        _ => (code, pattern),
    };
    // "concede that …" admits; "concede defeat" yields
    let (code, pattern) = match code.code.as_deref() {
        Some(c) if c.starts_with("08") && admitted(&s.tree, v) => {
            let text = format!("{} that … (admission)", s.tree.nodes[v].lemma);
            by_rule(trace, text, STATEMENT)
        }
        _ => (code, pattern),
    };
    Coding {
        code,
        pattern,
        rule,
        bind,
    }
}

/// The target of a condemning statement: what `clause` condemns
/// (`what`) when it is an actor, else the first actor the clause names
/// ("the death … was a stain on the conscience of this government"),
/// else what it condemns when that is a noun.
fn condemned_target(s: &Scratch, clause: usize, what: usize) -> Option<usize> {
    let actor = |w: usize| {
        s.mentions
            .iter()
            .any(|m| m.sentence == s.sentence && m.word == w)
    };
    if actor(what) {
        return Some(what);
    }
    // (not a place: "if you are a British national in Iraq or Syria")
    let place = |w: usize| {
        matches!(
            s.tree.case_of(w),
            Some("IN" | "AT" | "TO" | "FROM" | "INTO" | "NEAR" | "ACROSS")
        )
    };
    let mut words = Vec::new();
    s.tree
        .subtree_into(clause, &mut words, &|g| s.tree.nodes[g].rel == Rel::Ccomp);
    words.sort_unstable();
    words
        .into_iter()
        .find(|&w| actor(w) && !place(w))
        .or(s.tree.nodes[what].upos.is_nominal().then_some(what))
}

/// The rules on what a statement says: calling someone a terrorist
/// accuses them (112), a statement that condemns criticises (111), one
/// that someone should or must act asks it to (020, 100).
fn statement_shape(
    s: &Scratch,
    site: &Site<'_>,
    (code, pattern): (VerbCode, Option<String>),
    blame: Option<(usize, usize)>,
    bind: &mut Bind,
    trace: &mut Option<SentenceTrace>,
) -> (VerbCode, Option<String>) {
    let v = site.v;
    // "whom it deems a terrorist group": calling someone a terrorist
    // accuses them (112)
    let (code, pattern) = match branded_as(&s.tree, v) {
        Some(who)
            if blame.is_none()
                && !site.nominal
                && !s.petrarch_readings
                && code.code.as_deref().is_none_or(|c| c.starts_with("01")) =>
        {
            bind.target = Some(who);
            let text = format!("{} + as terrorist (accusation)", s.tree.nodes[v].lemma);
            by_rule(trace, text, ACCUSE)
        }
        _ => (code, pattern),
    };
    // "X said the decision was illegal": a statement that condemns
    // criticises what it condemns (111)
    let (code, pattern) = match condemned(&s.tree, v) {
        Some((clause, what))
            if blame.is_none() && code.code.as_deref().is_some_and(|c| c.starts_with("01")) =>
        {
            if bind.target.is_none() {
                bind.target = condemned_target(s, clause, what);
            }
            let text = format!("{} that + … (condemnation)", s.tree.nodes[v].lemma);
            by_rule(trace, text, CRITICISE)
        }
        _ => (code, pattern),
    };
    // "X said Britain should take back its fighters": a statement that
    // someone should or must act asks it to (020, 100)
    let (code, pattern) = match exhorted(&s.tree, v) {
        Some((clause, who, asked))
            if blame.is_none()
                && code
                    .code
                    .as_deref()
                    .is_none_or(|c| c.starts_with("01") || c == "---")
                && s.mentions
                    .iter()
                    .any(|m| m.sentence == s.sentence && m.word == who) =>
        {
            if bind.target.is_none() {
                bind.target = Some(who);
            }
            let lemma = &s.tree.nodes[v].lemma;
            let kind = if asked == super::shape::DEMAND {
                "demand"
            } else {
                "appeal"
            };
            let text = if s.tree.nodes[clause].rel == Rel::Xcomp {
                format!("{lemma} + to … ({kind})")
            } else {
                format!("{lemma} that + should/must … ({kind})")
            };
            by_rule(trace, text, asked)
        }
        _ => (code, pattern),
    };
    (code, pattern)
}

/// "X was sent to Baghdad", "he was held": a passive reading when the
/// entry codes nothing and no pattern bound a target (the active "sent X
/// to Y" is the dictionary's); people held are a person or an agent.
fn passive_shape(
    s: &Scratch,
    site: &Site<'_>,
    (code, pattern): (VerbCode, Option<String>),
    bind: &mut Bind,
    trace: &mut Option<SentenceTrace>,
) -> (VerbCode, Option<String>) {
    let person = |w: usize| {
        people_word(&s.tree, w)
            || s.mentions.iter().any(|m| {
                m.sentence == s.sentence
                    && m.word == w
                    && !crate::actor::split_code(&m.actor.code).1.is_empty()
            })
    };
    match passive_reading(&s.tree, site.v, site.passive, person) {
        Some((to, text, reading)) if code.is_null() && bind.target.is_none() => {
            bind.target = Some(to);
            by_rule(trace, text, reading)
        }
        _ => (code, pattern),
    }
}

/// Whether `code` is a concession (CAMEO 08) not yet coded in sentence
/// `index`: what a coded commitment's complement may still code.
fn concession(code: &VerbCode, out: &Coded, index: usize) -> bool {
    let coded_above = |c: &str| {
        out.events
            .iter()
            .any(|e| e.sentence_index == index && e.cameo == c)
    };
    code.code
        .as_deref()
        .is_some_and(|c| c.starts_with("08") && !coded_above(c))
}

/// The noun a past participle modifies ("an exiled cleric accused of
/// masterminding the coup", "memos sent by B"), or the subject of the
/// clause an adverbial participle with an agent is said of ("militias
/// hold sway, supported by US troops"): a reduced passive clause, whose
/// noun is what was done to, not the doer. A participle
/// is told from a gerund ("forces fighting Isis") by its form (not
/// "-ing", not the lemma) and from an active clause by having no
/// subject or object of its own.
pub(super) fn reduced_passive(tree: &Tree, v: usize) -> Option<usize> {
    let node = &tree.nodes[v];
    let participle = node.upos == Upos::Verb
        && node.word != node.lemma
        && !node.word.ends_with("ING")
        && !tree
            .children(v)
            .iter()
            .any(|&c| matches!(tree.nodes[c].rel, Rel::Nsubj | Rel::Obj | Rel::Aux));
    // "militias hold sway in Syria, supported by 2,000 US troops": an
    // adverbial participle with its agent is said of the clause's subject
    let agented = node.rel == Rel::Advcl
        && participle
        && tree
            .children(v)
            .iter()
            .any(|&c| tree.nodes[c].rel == Rel::Agent);
    if agented {
        return node
            .head
            .and_then(|h| tree.child(h, Rel::Nsubj))
            .filter(|&s| tree.nodes[s].upos.is_nominal());
    }
    // ("men held together and tortured": a participle conjoined to one is
    // said of the same noun)
    if node.rel == Rel::Conj && participle {
        return node.head.and_then(|h| reduced_passive(tree, h));
    }
    (node.rel == Rel::Acl && participle)
        .then_some(node.head)
        .flatten()
        .filter(|&h| tree.nodes[h].upos.is_nominal())
}

/// The passive subject of verb `v` when it has no object ("her
/// citizenship was revoked"): what an object pattern is about.
fn passive_patient(tree: &Tree, v: usize) -> Option<usize> {
    if tree.nodes[v].upos != Upos::Verb || tree.has_child(v, Rel::Obj) {
        return None;
    }
    tree.child(v, Rel::NsubjPass)
}

/// Whether the negated verb at `v` is said with "will" or "would" ("would
/// not meet", "won't attend"): a refusal, not a report that the act did
/// not happen ("did not attack") nor an inability ("could not reach").
pub(super) fn refused(tree: &Tree, v: usize) -> bool {
    tree.children(v).iter().any(|&c| {
        let n = &tree.nodes[c];
        n.rel == Rel::Aux && matches!(n.lemma.as_str(), "WILL" | "WOULD" | "SHALL" | "'LL")
    })
}

/// The CAMEO rejection of act `code`: refusing to meet or negotiate
/// (125), to cooperate (121), to give aid (122), to yield (124), else
/// rejection (120); `None` for a statement ("would not say" is no
/// rejection) or a rejection itself.
pub(super) fn rejection(code: &str) -> Option<&'static str> {
    Some(match code.get(..2)? {
        "01" | "12" => return None,
        "03" | "04" => "125",
        "05" | "06" => "121",
        "07" => "122",
        "08" => "124",
        _ => "120",
    })
}
