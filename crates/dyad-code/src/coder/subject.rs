//! The subject of a verb: its `nsubj` (the agent when passive), else
//! inherited from the verb it is a complement, conjunct or adjunct of, or
//! the author of a statement.

use super::Coder;
use crate::labels::Rel;
use crate::tree::{Tree, Upos};

/// Nouns for what an actor says or publishes: the act their clause
/// reports is the author's ("a statement condemning the attack").
pub(super) const STATEMENT: &[&str] = &[
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

/// Nouns of armed attacks: the doer of "killed in a Russian airstrike"
/// is who the attack's modifier names.
pub(super) const ATTACKS: &[&str] = &[
    "AIRSTRIKE",
    "STRIKE",
    "ATTACK",
    "RAID",
    "BOMBING",
    "BOMBARDMENT",
    "SHELLING",
    "SHELL",
    "OFFENSIVE",
    "ASSAULT",
    "AMBUSH",
    "CRACKDOWN",
];

/// The by-phrase of passive `v` the parser hung on one of its adverbs
/// or obliques: "was opposed earlier by X", "are carried out with
/// impunity by Syrian forces".
pub(super) fn hung_agent(tree: &Tree, v: usize) -> Option<usize> {
    tree.children(v).iter().find_map(|&c| {
        let on = &tree.nodes[c];
        let by = |a: &&usize| match on.rel {
            Rel::Advmod => tree.is_agent(**a),
            Rel::Obl => {
                tree.nodes[**a].rel == Rel::Nmod
                    && tree.case_of(**a) == Some("BY")
                    && tree.nodes[**a].upos.is_nominal()
            }
            _ => false,
        };
        tree.children(c).iter().find(by).copied()
    })
}

/// The doer of passive verb `v` said by the attack it happened in: "was
/// killed in a Russian airstrike" (the attack's country modifier), "killed
/// in eight days of bombing by the regime" (the by-phrase after the
/// attack, in the same adjunct).
fn attack_agent(tree: &Tree, v: usize) -> Option<usize> {
    let mut phrase = Vec::new();
    for &c in tree.children(v) {
        if tree.nodes[c].rel != Rel::Obl
            || !matches!(tree.case_of(c), Some("IN" | "DURING" | "AMID"))
        {
            continue;
        }
        phrase.clear();
        tree.subtree_into(c, &mut phrase, &|_| false);
        let Some(&attack) = phrase
            .iter()
            .find(|&&k| ATTACKS.contains(&tree.nodes[k].lemma.as_str()))
        else {
            continue;
        };
        let by = phrase.iter().copied().find(|&k| {
            k > attack && tree.nodes[k].upos.is_nominal() && tree.case_of(k) == Some("BY")
        });
        let modified = || {
            tree.children(attack).iter().any(|&m| {
                matches!(tree.nodes[m].rel, Rel::Amod | Rel::Compound | Rel::Poss)
                    && matches!(tree.nodes[m].upos, Upos::Adj | Upos::Propn)
            })
        };
        if let Some(by) = by {
            return Some(by);
        }
        if modified() {
            return Some(attack);
        }
    }
    None
}

/// Verbs whose object is the means of a purpose infinitive ("used water
/// cannons to disperse", "sent troops to quell").
pub(super) const INSTRUMENTAL: &[&str] = &[
    "USE", "EMPLOY", "DEPLOY", "SEND", "DISPATCH", "FIRE", "BRING",
];

/// Whether `v` heads a subjectless infinitive ("to end the curfew").
pub(super) fn infinitive(tree: &Tree, v: usize) -> bool {
    let children = tree.children(v);
    children
        .iter()
        .any(|&c| tree.nodes[c].rel == Rel::Mark && tree.nodes[c].word == "TO")
        && !children.iter().any(|&c| tree.nodes[c].rel.is_subject())
}

/// Whether `v` heads a subjectless gerund adjunct (", killing 65",
/// "after holding a hostage").
pub(super) fn gerund(tree: &Tree, v: usize) -> bool {
    let node = &tree.nodes[v];
    node.upos == Upos::Verb
        && node.word.ends_with("ING")
        && !tree
            .children(v)
            .iter()
            .any(|&c| tree.nodes[c].rel.is_subject())
}

/// Whether verb `v` is passive: with a passive subject or auxiliary, or a
/// participle with its agent.
fn passive_verb(tree: &Tree, v: usize) -> bool {
    tree.has_child(v, Rel::NsubjPass)
        || tree.has_child(v, Rel::AuxPass)
        || (tree.nodes[v].participle
            && tree
                .children(v)
                .iter()
                .any(|&c| tree.nodes[c].rel == Rel::Agent))
}

impl Coder {
    /// The subject of verb `v`: its `nsubj` (the agent when passive), else
    /// inherited from the verb it is a complement or conjunct of.
    pub(super) fn subject(
        &self,
        tree: &Tree,
        v: usize,
        passive: bool,
        depth: usize,
    ) -> Option<usize> {
        if depth > 6 {
            return None;
        }
        // "… and supported by the US": a participle with an agent is
        // passive, auxiliary or not
        let agented = tree.nodes[v].participle
            && tree
                .children(v)
                .iter()
                .any(|&c| tree.nodes[c].rel == Rel::Agent);
        if passive || agented {
            return self.passive_subject(tree, v, depth);
        }
        if let Some(c) = tree.child(v, Rel::Nsubj) {
            return self.nominal_subject(tree, v, c, depth);
        }
        // "airstrikes and shelling by forces loyal to …": a gerund used as
        // an event noun has its doer in its by-phrase
        if gerund(tree, v)
            && let Some(&by) = tree
                .children(v)
                .iter()
                .find(|&&c| c > v && tree.is_agent(c))
        {
            return Some(by);
        }
        self.inherited_subject(tree, v, depth)
    }

    /// The source of passive verb `v`: its agent, else (a passive without
    /// agent has no source) the subject of the verb it is a complement or
    /// conjunct of.
    fn passive_subject(&self, tree: &Tree, v: usize, depth: usize) -> Option<usize> {
        for &c in tree.children(v) {
            if tree.is_agent(c) {
                return Some(c);
            }
        }
        if let Some(a) = hung_agent(tree, v) {
            return Some(a);
        }
        if let Some(a) = attack_agent(tree, v) {
            return Some(a);
        }
        // a passive without agent has no source ("he travelled to Syria
        // and is being held": the subject it shares is its patient), but
        // one conjoined to a passive shares its agent ("kidnapped by
        // Islamic State and held in its jails")
        let h = tree.nodes[v].head?;
        match tree.nodes[v].rel {
            Rel::Xcomp => self.subject(tree, h, false, depth + 1),
            Rel::Conj if passive_verb(tree, h) => self.passive_subject(tree, h, depth + 1),
            _ => None,
        }
    }

    /// The subject of `v` given its `nsubj` `c`: `c`, or what `c` stands
    /// for (a relative pronoun's noun, a statement's author, a pronoun's
    /// governing subject).
    fn nominal_subject(&self, tree: &Tree, v: usize, c: usize, depth: usize) -> Option<usize> {
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
        Some(c)
    }

    /// The subject of `v` without `nsubj`, from the verb or noun it
    /// depends on.
    fn inherited_subject(&self, tree: &Tree, v: usize, depth: usize) -> Option<usize> {
        let node = &tree.nodes[v];
        match node.rel {
            Rel::Xcomp | Rel::Conj => {
                let h = node.head?;
                let head_passive =
                    tree.has_child(h, Rel::NsubjPass) || tree.has_child(h, Rel::AuxPass);
                if node.rel == Rel::Xcomp
                    && let Some(b) = tree.child(h, Rel::Obj).or_else(|| tree.child(h, Rel::Iobj))
                {
                    // "A urged B to attack C": B is the subject (object
                    // control; "allowed B to arrest C" parsed with B an
                    // indirect object too)
                    return Some(b);
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
                Some(self.clause_noun_subject(tree, v, h, depth))
            }
            _ => None,
        }
    }

    /// The subject of clause `v` modifying noun `h` (`acl`): the noun, or
    /// the subject of the verb whose object the noun is when the clause is
    /// that subject's act.
    fn clause_noun_subject(&self, tree: &Tree, v: usize, h: usize, depth: usize) -> usize {
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
                self.subject(tree, g, false, depth + 1).unwrap_or(h)
            }
            // "issued a statement condemning Y"
            Some(g) if noun.rel == Rel::Obj && STATEMENT.contains(&noun.lemma.as_str()) => {
                self.subject(tree, g, false, depth + 1).unwrap_or(h)
            }
            // "a militia aligned with Iran, announcing …": of a
            // participle that itself modifies a noun, that noun
            _ if noun.rel == Rel::Acl && noun.upos == Upos::Verb => noun.head.unwrap_or(h),
            // "his decision to revoke", "Russia's plan to attack": an
            // infinitive on a noun its possessor owns is the possessor's
            _ if infinitive(tree, v) => tree.child(h, Rel::Poss).unwrap_or(h),
            _ => h,
        }
    }
}
