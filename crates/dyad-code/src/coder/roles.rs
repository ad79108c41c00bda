//! Roles: the source and target heads of a verb's events, from the
//! pattern's slots, the subject, or the words after the verb; the source of
//! an event noun; and where a target may not come from.

use super::attribution::SPEECH;
use super::emit::Roles;
use super::patterns::{Bind, in_subtree};
use super::subject::infinitive;
use super::verb::{Coding, Site};
use super::{Coder, Scratch};
use crate::actor::phrase_head;
use crate::labels::Rel;
use crate::tree::{Tree, Upos};
use dyad_core::Date;

/// Verbs whose object names the subject's own act ("launched an
/// attack", "paid a visit", "held talks").
pub(super) const LIGHT: &[&str] = &[
    "LAUNCH",
    "CARRY",
    "CONDUCT",
    "STAGE",
    "MOUNT",
    "MAKE",
    "PAY",
    "HOLD",
    "BEGIN",
    "START",
    "ORGANIZE",
    "ORGANISE",
    "LEAD",
    "UNLEASH",
    "ATTEND",
    "SPEARHEAD",
    "WAGE",
    "INTENSIFY",
    "ESCALATE",
    "RESUME",
    "CONTINUE",
    "ORDER",
    "EXECUTE",
    "PERFORM",
    "HAVE",
    "ISSUE",
];

/// Nouns of what one actor asks, tries, decides or does: refusing,
/// ignoring or criticising them is aimed at whoever made them ("its
/// appeals were ignored", "critics of Trump's decision").
const REQUESTS: &[&str] = &[
    "APPEAL",
    "CALL",
    "PLEA",
    "REQUEST",
    "DEMAND",
    "EFFORT",
    "PROPOSAL",
    "OFFER",
    "INVITATION",
    "PLAN",
    "INITIATIVE",
    "BID",
    "ATTEMPT",
    "OVERTURE",
    "DECISION",
    "POLICY",
    "MOVE",
    "ORDER",
    "ANNOUNCEMENT",
    "REMARK",
    "COMMENT",
    "ACTION",
    "CONDUCT",
    "BEHAVIOUR",
    "BEHAVIOR",
];

/// Event nouns of what is done to a person: their possessor is who it was
/// done to ("Khashoggi's murder", "his arrest"), unless an of-phrase
/// names that ("Turkey's killing of civilians").
const DONE_TO: &[&str] = &[
    "ARREST",
    "DETENTION",
    "CAPTURE",
    "RELEASE",
    "KILLING",
    "MURDER",
    "EXECUTION",
    "BEHEADING",
    "ASSASSINATION",
    "KIDNAPPING",
    "ABDUCTION",
    "TORTURE",
    "EXPULSION",
    "DEPORTATION",
    "EXTRADITION",
    "IMPRISONMENT",
    "JAILING",
    "CONVICTION",
    "SENTENCING",
    "TRIAL",
    "PROSECUTION",
    "INDICTMENT",
    "INTERROGATION",
    "OUSTER",
    "OVERTHROW",
];

/// Nouns of meetings, which a place name before them locates.
const MEETINGS: &[&str] = &[
    "TALKS",
    "TALK",
    "MEETING",
    "SUMMIT",
    "CONSULTATION",
    "CONFERENCE",
    "CONGRESS",
    "DIALOGUE",
];

/// Nouns of acts with no patient, whose of-phrase is their doer.
const OF_DOER: &[&str] = &[
    "ADVANCE",
    "WITHDRAWAL",
    "PULLOUT",
    "RETREAT",
    "SURRENDER",
    "RESIGNATION",
    "ARRIVAL",
    "DEPARTURE",
    "ESCAPE",
    "DEFECTION",
    "INTERVENTION",
    "MOBILISATION",
    "MOBILIZATION",
    "OBJECTION",
];

/// Nouns of what one actor says to or gives another: their from-phrase
/// is the doer ("condemnation from Germany", "aid from the EU").
const FROM_DOER: &[&str] = &[
    "CONDEMNATION",
    "CRITICISM",
    "OUTRAGE",
    "PRAISE",
    "SUPPORT",
    "AID",
    "ASSISTANCE",
    "HELP",
    "THREAT",
    "WARNING",
    "DEMAND",
    "APPEAL",
    "PRESSURE",
    "INVITATION",
    "OFFER",
];

/// The possessor of event noun `n` when it is who the event was done to
/// ([`DONE_TO`] without an of-phrase): "Khashoggi's murder".
pub(super) fn possessed_patient(tree: &Tree, n: usize) -> Option<usize> {
    // "the UK is coming to Baghdad's aid": whose aid one comes to is
    // helped
    if helped_with(tree, n) == Some("TO") {
        return tree.child(n, Rel::Poss);
    }
    if !DONE_TO.contains(&tree.nodes[n].lemma.as_str())
        || tree
            .children(n)
            .iter()
            .any(|&c| c > n && tree.nodes[c].rel == Rel::Nmod && tree.case_of(c) == Some("OF"))
    {
        return None;
    }
    tree.child(n, Rel::Poss)
}

/// Nouns of help that name a helper in an idiom: "with the aid of X"
/// (X helps the clause's subject), "came to X's aid" (the subject helps
/// X).
const HELP: &[&str] = &["AID", "ASSISTANCE", "HELP", "SUPPORT", "BACKING"];

/// For a [`HELP`] noun `n` in one of its idioms, the idiom's preposition:
/// `WITH` ("with the aid of X") or `TO` ("came to X's aid").
pub(super) fn helped_with(tree: &Tree, n: usize) -> Option<&'static str> {
    let node = &tree.nodes[n];
    if !HELP.contains(&node.lemma.as_str()) || node.rel != Rel::Obl {
        return None;
    }
    match tree.case_of(n) {
        Some("WITH") if tree.children(n).iter().any(|&c| of_phrase(tree, c)) => Some("WITH"),
        Some("TO") if tree.has_child(n, Rel::Poss) => Some("TO"),
        _ => None,
    }
}

/// Whether `c` is an of-phrase.
fn of_phrase(tree: &Tree, c: usize) -> bool {
    tree.nodes[c].rel == Rel::Nmod && tree.case_of(c) == Some("OF")
}

/// Nouns of talking with someone: "after a chat with X" is the act of
/// the clause's subject.
const CONVERSATIONS: &[&str] = &[
    "TALKS",
    "TALK",
    "MEETING",
    "CHAT",
    "CONVERSATION",
    "CALL",
    "CONSULTATION",
    "NEGOTIATION",
    "DIALOGUE",
];

/// Whether event noun `n` is one its governing verb's subject takes part
/// in: "X participated in talks", "X partnered with Y in the battle
/// against Z", "X joined the fight", "X called him after a chat with Y".
fn taken_part_in(tree: &Tree, n: usize) -> bool {
    let node = &tree.nodes[n];
    let Some(h) = node.head else {
        return false;
    };
    let case = tree.case_of(n);
    match node.rel {
        // "the US has partnered with the SDF in the battle against Isis"
        Rel::Obl if case == Some("IN") => matches!(
            tree.nodes[h].lemma.as_str(),
            "PARTICIPATE"
                | "ENGAGE"
                | "PARTNER"
                | "COOPERATE"
                | "CO-OPERATE"
                | "COLLABORATE"
                | "WORK"
                | "ALLY"
                | "JOIN"
        ),
        Rel::Obl => {
            matches!(case, Some("AFTER" | "BEFORE" | "DURING" | "FOLLOWING"))
                && CONVERSATIONS.contains(&node.lemma.as_str())
                && tree
                    .children(n)
                    .iter()
                    .any(|&c| tree.nodes[c].rel == Rel::Nmod && tree.case_of(c) == Some("WITH"))
        }
        Rel::Obj => tree.nodes[h].lemma == "JOIN",
        _ => false,
    }
}

/// The source of event noun `n`: its possessor ("Soleimani's visit"; not
/// [`possessed_patient`]), its `by` phrase ("the attack by X", also where
/// the parser hung it on the of-object), the from-phrase of a [`FROM_DOER`]
/// noun, or the subject (found by
/// `subject`) of a light verb it is the object of ("X launched an attack")
/// or of taking part in it ("X participated in talks").
pub(super) fn nominal_source(
    tree: &Tree,
    n: usize,
    subject: impl Fn(usize) -> Option<usize>,
) -> Option<usize> {
    let by = |c: usize| tree.nodes[c].rel == Rel::Nmod && tree.case_of(c) == Some("BY");
    let patient = possessed_patient(tree, n);
    let from = |c: usize| {
        FROM_DOER.contains(&tree.nodes[n].lemma.as_str())
            && tree.nodes[c].rel == Rel::Nmod
            && tree.case_of(c) == Some("FROM")
    };
    // "the advance of our forces", "the withdrawal of US troops": the
    // of-phrase of an act with no patient is its doer
    let of_doer = |c: usize| {
        OF_DOER.contains(&tree.nodes[n].lemma.as_str())
            && tree.nodes[c].rel == Rel::Nmod
            && tree.case_of(c) == Some("OF")
    };
    for &c in tree.children(n) {
        let node = &tree.nodes[c];
        if (node.rel == Rel::Poss && patient != Some(c)) || by(c) || from(c) {
            return Some(c);
        }
    }
    // "the bombardment of the enclave by Syrian planes": a by-phrase the
    // parser hung on the event's of-object is the event's
    for &o in tree.children(n) {
        if tree.nodes[o].rel == Rel::Nmod
            && tree.case_of(o) == Some("OF")
            && let Some(&c) = tree.children(o).iter().find(|&&c| by(c))
        {
            return Some(c);
        }
    }
    if let Some(doer) = sponsor(tree, n) {
        return Some(doer);
    }
    let node = &tree.nodes[n];
    let h = node.head?;
    let takes_part = taken_part_in(tree, n);
    match helped_with(tree, n) {
        // "with the aid of a US-led coalition": the helper
        Some("WITH") => {
            return tree
                .children(n)
                .iter()
                .copied()
                .find(|&c| of_phrase(tree, c));
        }
        // "came to X's aid": the one who comes
        Some(_) => return subject(h),
        None => {}
    }
    // "the agreement was reached by the three countries": the passive
    // light verb's agent
    if node.rel == Rel::NsubjPass
        && (LIGHT.contains(&tree.nodes[h].lemma.as_str())
            || matches!(tree.nodes[h].lemma.as_str(), "REACH" | "ANNOUNCE" | "AGREE"))
        && let Some(agent) = tree
            .children(h)
            .iter()
            .copied()
            .find(|&c| {
                tree.nodes[c].rel == Rel::Agent
                    || (tree.nodes[c].rel == Rel::Obl && tree.case_of(c) == Some("BY"))
            })
            .or_else(|| super::subject::hung_agent(tree, h))
    {
        return Some(agent);
    }
    (node.rel == Rel::Obj && LIGHT.contains(&tree.nodes[h].lemma.as_str()) || takes_part)
        .then(|| subject(h))
        .flatten()
        .or_else(|| tree.children(n).iter().copied().find(|&c| of_doer(c)))
}

/// "UN-sponsored talks", "US-led airstrikes": who sponsors or leads
/// event noun `n` does it.
fn sponsor(tree: &Tree, n: usize) -> Option<usize> {
    tree.children(n).iter().find_map(|&p| {
        let node = &tree.nodes[p];
        (node.rel == Rel::Amod && p < n && SPONSORING.contains(&node.lemma.as_str()))
            .then(|| {
                tree.children(p).iter().copied().find(|&c| {
                    c < p && matches!(tree.nodes[c].upos, Upos::Propn | Upos::Noun | Upos::Adj)
                })
            })
            .flatten()
    })
}

/// Participles whose doer, compounded with them ("UN-brokered"), is the
/// doer of the event noun they modify.
const SPONSORING: &[&str] = &[
    "SPONSOR", "BROKER", "HOST", "ORGANISE", "ORGANIZE", "MEDIATE", "LEAD", "BACK", "LAUNCH",
];

/// Whether `node` sits in an `xcomp` clause below verb `v` (its default
/// target is then the complement verb's, not `v`'s), other than the
/// complement `named` by the pattern that matched.
pub(super) fn under_xcomp(tree: &Tree, node: usize, v: usize, named: Option<usize>) -> bool {
    in_clause_below(tree, node, v, |c| {
        tree.nodes[c].rel == Rel::Xcomp && Some(c) != named
    })
}

/// Whether `node` is inside an adverbial clause of verb `v` in which the
/// pattern that matched (`bind`) matched no word: "took action to prevent
/// a coup against the government" (`* ACTION`; the government is the
/// coup's), not "vowed to wage war on X" (`* WAR`).
pub(super) fn in_other_advcl(tree: &Tree, node: usize, v: usize, bind: &Bind) -> bool {
    in_clause_below(tree, node, v, |c| {
        tree.nodes[c].rel == Rel::Advcl
            && Some(c) != bind.complement
            && !bind.matched.is_some_and(|m| in_subtree(tree, m, c))
    })
}

/// Whether, on the way up from `node` to verb `v`, a verb `clause` holds.
pub(super) fn in_clause_below(
    tree: &Tree,
    mut node: usize,
    v: usize,
    clause: impl Fn(usize) -> bool,
) -> bool {
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

impl Coder {
    /// The source and target heads (or the compound) of the verb at
    /// `site` coded as `coding`; `blamed` is the doer an accusation rule
    /// found, `after` the clause's words after the verb.
    pub(super) fn roles(
        &self,
        s: &mut Scratch,
        site: &Site<'_>,
        coding: &Coding,
        blamed: Option<usize>,
        after: &[usize],
    ) -> Roles {
        let (v, date, bind) = (site.v, site.date, &coding.bind);
        let mut roles = Roles::default();
        let source = match (bind.source, bind.compound) {
            (Some(h), _) => Some(h),
            (None, Some(h)) => {
                roles.compound = Some(h);
                None
            }
            (None, None) if site.nominal => {
                nominal_source(&s.tree, v, |h| self.subject(&s.tree, h, false, 0))
                    .or_else(|| self.modifier_actor(s, v, date))
            }
            (None, None) => self
                .subject(&s.tree, v, site.passive, 0)
                .or_else(|| posture_source(s, site, coding)),
        };
        // "Resumption of ties between A and B may spur reconciliation": a
        // subject that names no actor stands for the actors it is of
        roles.source = source.map(|h| self.inner_actor(s, h, date).unwrap_or(h));
        roles.target = match bind.target.or(blamed) {
            Some(h) => Some(h),
            // a bare event noun ("the bombardment of Idlib", "airstrikes
            // on Raqqa"): the actor its on/against/of/with phrase names
            None if site.nominal && coding.pattern.is_none() => {
                self.nominal_target(s, v, date, roles.source)
            }
            None if roles.compound.is_some() || site.nominal => None,
            None => self.default_target(s, site, bind, roles.source, after),
        };
        // "its appeals have been ignored", "spurned efforts by the UN":
        // a request that names no actor stands for whoever made it
        roles.target = roles
            .target
            .map(|h| self.requester(s, h, date).unwrap_or(h));
        roles
    }

    /// For a noun of a request or an effort (`h`) that is no actor, the
    /// actor who made it: its possessor or its by/from-phrase.
    fn requester(&self, s: &mut Scratch, h: usize, date: Option<Date>) -> Option<usize> {
        if !REQUESTS.contains(&s.tree.nodes[h].lemma.as_str()) || self.actor(s, h, date).is_some() {
            return None;
        }
        let who = s.tree.children(h).iter().copied().find(|&c| {
            s.tree.nodes[c].rel == Rel::Poss
                || (s.tree.nodes[c].rel == Rel::Nmod
                    && matches!(s.tree.case_of(c), Some("BY" | "FROM")))
        })?;
        self.actor(s, who, date).map(|_| who)
    }

    /// The actor an event noun's own modifier names: "the SDF offensive",
    /// "Russian airstrikes", "Turkish shelling" (a nationality or name
    /// before the noun is its doer).
    fn modifier_actor(&self, s: &mut Scratch, n: usize, date: Option<Date>) -> Option<usize> {
        let mods: Vec<usize> = s
            .tree
            .children(n)
            .iter()
            .copied()
            .filter(|&c| c < n && matches!(s.tree.nodes[c].rel, Rel::Amod | Rel::Compound))
            .collect();
        // "the Brussels conference", "the Geneva talks": a place named
        // before a meeting is where it is held, not who holds it (a body
        // is: "the EU summit"); a press conference is no consultation
        let meeting = MEETINGS.contains(&s.tree.nodes[n].lemma.as_str());
        mods.into_iter().find(|&c| {
            let Some(r) = self.actor(s, c, date) else {
                return false;
            };
            let (country, agents) = crate::actor::split_code(&s.resolved[r].code);
            let venue =
                s.tree.nodes[c].upos == Upos::Propn && country.is_some() && agents.is_empty();
            let press = agents.iter().any(|a| a == "MED");
            !(meeting && (venue || press))
        })
    }

    /// The target of a bare event noun: the possessor it was done to
    /// ([`possessed_patient`]), else the first actor of its `on`,
    /// `against`, `of` or `with` phrase that is not its source.
    fn nominal_target(
        &self,
        s: &mut Scratch,
        n: usize,
        date: Option<Date>,
        source: Option<usize>,
    ) -> Option<usize> {
        // "Khashoggi's murder": the possessor it was done to
        if let Some(p) = possessed_patient(&s.tree, n)
            && self.actor(s, p, date).is_some()
        {
            return Some(p);
        }
        // "520 fighters were in Kurdish custody": who is in it
        if matches!(s.tree.nodes[n].lemma.as_str(), "CUSTODY" | "CAPTIVITY")
            && let Some(held) = s.tree.child(n, Rel::Nsubj)
        {
            return Some(held);
        }
        // "X led the fight with the aid of Y": Y helps X
        if helped_with(&s.tree, n) == Some("WITH") {
            let h = s.tree.nodes[n].head?;
            let helper = source.filter(|&c| self.actor(s, c, date).is_some());
            return helper.and_then(|_| self.subject(&s.tree, h, false, 0));
        }
        let phrases: Vec<usize> = s
            .tree
            .children(n)
            .iter()
            .copied()
            .filter(|&c| {
                c > n
                    && s.tree.nodes[c].rel == Rel::Nmod
                    && matches!(
                        s.tree.case_of(c),
                        Some("ON" | "AGAINST" | "OF" | "WITH" | "UPON")
                    )
                    && Some(c) != source
            })
            .collect();
        phrases
            .into_iter()
            .find(|&c| self.actor(s, c, date).is_some())
    }

    /// The target of a verb no pattern slot gave one: the passive subject
    /// (unless it is the source), a relative pronoun object, the first
    /// actor after the verb, the agent of a participle on the object, or a
    /// complement clause's subject.
    fn default_target(
        &self,
        s: &mut Scratch,
        site: &Site<'_>,
        bind: &Bind,
        source: Option<usize>,
        after: &[usize],
    ) -> Option<usize> {
        let v = site.v;
        // ("he travelled to Syria and is being held": the subject of the
        // verb a passive is conjoined to is its patient too)
        let shared = || {
            let h = s.tree.nodes[v].head?;
            (s.tree.nodes[v].rel == Rel::Conj && s.tree.has_child(v, Rel::AuxPass))
                .then(|| {
                    s.tree
                        .child(h, Rel::Nsubj)
                        .or_else(|| s.tree.child(h, Rel::NsubjPass))
                })
                .flatten()
        };
        let passive_subject = s
            .tree
            .child(v, Rel::NsubjPass)
            .or_else(|| super::verb::reduced_passive(&s.tree, v))
            .or_else(shared);
        let moved_source = site.passive && source.is_some() && source == passive_subject;
        if site.passive && !moved_source && passive_subject.is_some() {
            return passive_subject;
        }
        // "the State, which the militia clashed with"
        let relative = s.tree.children(v).iter().copied().find(|&c| {
            // "in which" is a circumstance, not a target
            s.tree.nodes[c].relative
                && matches!(s.tree.nodes[c].rel, Rel::Obj | Rel::Obl | Rel::Iobj)
                && s.tree.case_of(c).is_none()
        });
        relative
            .or_else(|| self.actor_after(s, site, bind, source, after))
            .or_else(|| self.participle_agent(s, v, source, site.date))
            .or_else(|| self.complement_subject(s, v, site.date))
    }

    /// The first actor phrase among the words `after` the verb that may
    /// be its target.
    fn actor_after(
        &self,
        s: &mut Scratch,
        site: &Site<'_>,
        bind: &Bind,
        source: Option<usize>,
        after: &[usize],
    ) -> Option<usize> {
        let v = site.v;
        after.iter().find_map(|&t| {
            let h = phrase_head(&s.tree, t);
            let n = &s.tree.nodes[h];
            // "took action to prevent a coup against the
            // government": an adverbial clause's
            // prepositional phrase is that clause's
            let elsewhere = under_xcomp(&s.tree, h, v, bind.complement)
                || (s.tree.case_of(h).is_some() && in_other_advcl(&s.tree, h, v, bind));
            // "gather to discuss Syria": what is discussed is a topic, not
            // a party (that is "discuss with X")
            let topic = matches!(s.tree.nodes[v].lemma.as_str(), "DISCUSS" | "DEBATE")
                && n.rel == Rel::Obj
                && n.head == Some(v);
            let usable = n.upos.is_nominal()
                && !topic
                && !matches!(n.rel, Rel::Agent | Rel::Tmod)
                && !elsewhere
                && Some(h) != source
                && helped_with(&s.tree, h).is_none()
                && n.head.is_none_or(|g| helped_with(&s.tree, g).is_none())
                && !(site.passive && s.tree.case_of(h) == Some("BY"));
            (usable && self.actor(s, h, site.date).is_some()).then_some(h)
        })
    }

    /// "welcomed memos sent by B", "condemned the attack carried out by
    /// B": the agent of a participle on the object of `v`.
    fn participle_agent(
        &self,
        s: &mut Scratch,
        v: usize,
        source: Option<usize>,
        date: Option<Date>,
    ) -> Option<usize> {
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
        (Some(agent) != source)
            .then(|| self.actor(s, agent, date).map(|_| agent))
            .flatten()
    }

    /// "A believes B can cope": the subject of `v`'s complement clause,
    /// unless the complement is itself an event a speech verb reports ("A
    /// said B attacked C", "A said B is about to restore ties").
    fn complement_subject(&self, s: &mut Scratch, v: usize, date: Option<Date>) -> Option<usize> {
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
    }
}

/// The source of a passive without agent that moves or posts its subject:
/// "X was sent to Y", "X was flown to Y": a visit whose target a pattern
/// found; the one moved is the visitor. "Police Deployed Ahead of
/// Protests", "troops were mobilized": the force put in place shows the
/// posture.
fn posture_source(s: &Scratch, site: &Site<'_>, coding: &Coding) -> Option<usize> {
    let c = coding.code.code.as_deref().unwrap_or("");
    let visit = c.starts_with("04") && coding.bind.target.is_some();
    (site.passive && (visit || c.starts_with("15")))
        .then(|| s.tree.child(site.v, Rel::NsubjPass))
        .flatten()
}
