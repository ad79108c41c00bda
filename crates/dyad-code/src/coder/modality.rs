//! Negation, modality, promises and acts stopped or forgone.

use super::subject::infinitive;
use super::{Coder, Scratch};
use crate::event::{Attribution, Modality};
use crate::labels::Rel;
use crate::tree::{Tree, Upos};
use dyad_core::{Date, Document};

/// Governing verbs of commitment: force they govern is threatened.
pub(super) const VOW: &[&str] = &["VOW", "PLEDGE", "PROMISE", "SWEAR"];

/// Verbs that commit to an act or declare it ("agreed to withdraw",
/// "declared a ceasefire"), and nouns that do ("a commitment to ease");
/// a decision, order or plan is a declaration too ("Trump's decision to
/// withdraw", "ordered a full withdrawal", PLOVER's CONCEDE: "declarations
/// (but not implementations) of … withdrawals"): the act they govern is
/// promised, not (yet) done.
pub(super) const COMMIT: &[&str] = &[
    "DECIDE",
    "DECISION",
    "ORDER",
    "PLAN",
    "INTEND",
    "INTENTION",
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

/// Participles that make an event noun a plan ("the planned withdrawal").
const PLANNED: &[&str] = &[
    "PLANNED",
    "PROPOSED",
    "ANNOUNCED",
    "PROMISED",
    "PLEDGED",
    "INTENDED",
    "PROJECTED",
    "MOOTED",
];

/// Whether the act at `v` is promised or declared rather than done: `v`
/// is a commitment verb itself (a pattern such as "agree to withdraw"
/// fired on it), or its complement, object or noun complement
/// ("announced a suspension of attacks", "a commitment to ease sanctions"),
/// an event noun said to be planned ([`PLANNED`]), or an infinitive right
/// after a commitment noun.
pub(super) fn promised(tree: &Tree, v: usize) -> bool {
    // "the planned withdrawal", "a proposed ceasefire": an event noun its
    // participle says is only planned
    let planned = tree
        .children(v)
        .iter()
        .any(|&c| tree.nodes[c].rel == Rel::Amod && PLANNED.contains(&tree.nodes[c].word.as_str()));
    // "the president's order to withdraw" with the infinitive parsed
    // elsewhere: right after a commitment noun
    let after_commitment = v >= 2
        && tree.nodes[v - 1].word == "TO"
        && tree.nodes[v - 1].head == Some(v)
        && tree.nodes[v - 2].upos == Upos::Noun
        && COMMIT.contains(&tree.nodes[v - 2].lemma.as_str());
    if planned || after_commitment {
        return true;
    }
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
            // "announced he was withdrawing US troops": an act a
            // declaration or a promise says of its own clause (not one
            // reported done: "announced the troops had withdrawn")
            Rel::Ccomp => {
                matches!(
                    tree.nodes[h].lemma.as_str(),
                    "ANNOUNCE" | "DECLARE" | "PROMISE" | "PLEDGE" | "VOW"
                ) && !tree
                    .children(at)
                    .iter()
                    .any(|&c| tree.nodes[c].rel == Rel::Aux && tree.nodes[c].lemma == "HAVE")
            }
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
pub(super) const CEASE: &[&str] = &[
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
pub(super) fn ceased(tree: &Tree, v: usize) -> bool {
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

/// Governing verbs that make their `xcomp` threatened.
pub(super) const THREATEN: &[&str] = &["THREATEN", "WARN"];

/// Governing verbs (and adjectives) that make their `xcomp` planned.
pub(super) const PLAN: &[&str] = &[
    "PLAN", "INTEND", "PREPARE", "AIM", "VOW", "PLEDGE", "PROMISE", "SEEK", "WANT", "HOPE",
    "EXPECT", "DECIDE", "ABOUT", "READY", "SET", "RESOLVE", "PROPOSE", "OFFER",
];

impl Coder {
    /// Negation, modality (before negation) and attribution of the event
    /// at verb `v`.
    pub(super) fn modality(
        &self,
        doc: &Document,
        s: &mut Scratch,
        v: usize,
        date: Option<Date>,
    ) -> (bool, Modality, Option<Attribution>) {
        let negated = negated(&s.tree, v);
        let mut modality = auxiliary_modality(&s.tree, v);
        let top = clause_top(&s.tree, v, &mut modality);
        let attribution = self.reported(doc, s, v, top, date, &mut modality);
        // the caller makes a still-negated event `Denied`
        (negated, modality, attribution)
    }
}

/// Whether the event at `v` is negated: "did not attack"; "nobody
/// (attempted to) protect them": done by no one; "failed to capture the
/// town": the complement of a failure did not happen (unless the failure
/// is denied: "did not fail to capture").
fn negated(tree: &Tree, v: usize) -> bool {
    let by_nobody = |v: usize| {
        tree.child(v, Rel::Nsubj).is_some_and(|c| {
            let no = |d: usize| tree.nodes[d].rel == Rel::Det && tree.nodes[d].word == "NO";
            matches!(tree.nodes[c].word.as_str(), "NOBODY" | "NO-ONE")
                || (tree.nodes[c].word == "ONE" && tree.children(c).iter().any(|&d| no(d)))
        })
    };
    let negative = |v: usize| {
        by_nobody(v)
            || (tree.nodes[v].rel == Rel::Xcomp && tree.nodes[v].head.is_some_and(by_nobody))
            || tree.children(v).iter().any(|&c| {
                let n = &tree.nodes[c];
                n.negative && matches!(n.rel, Rel::Neg | Rel::Advmod | Rel::Aux | Rel::Det)
            })
    };
    let failed = tree.nodes[v].rel == Rel::Xcomp
        && tree.nodes[v]
            .head
            .is_some_and(|h| tree.nodes[h].lemma == "FAIL" && !negative(h));
    negative(v) != failed
}

/// The modality the auxiliaries of `v` (and a conditional "if") give.
fn auxiliary_modality(tree: &Tree, v: usize) -> Modality {
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
    modality
}

/// The top of `v`'s clause, climbing through complements and conjuncts;
/// a governing verb of threat or plan on the way makes an asserted
/// `modality` threatened or planned.
fn clause_top(tree: &Tree, v: usize, modality: &mut Modality) -> usize {
    let mut top = v;
    for _ in 0..8 {
        let node = &tree.nodes[top];
        let Some(h) = node.head else { break };
        match node.rel {
            Rel::Xcomp => {
                let governor = tree.nodes[h].lemma.as_str();
                if *modality == Modality::Asserted {
                    if THREATEN.contains(&governor) {
                        *modality = Modality::Threatened;
                    } else if PLAN.contains(&governor) {
                        *modality = Modality::Planned;
                    }
                }
                top = h;
            }
            Rel::Conj => top = h,
            _ => break,
        }
    }
    top
}
