//! Sentence-shape rules on top of the patterns: an accusation (112), a
//! condemning statement (111), a statement that someone should or must act
//! (020/100), a visit by the one sent (042), force announced for the
//! future as a threat (137/138), a campaign to oust someone (190).

use super::attribution::SPEECH;
use super::modality::{THREATEN, VOW};
use super::note;
use crate::event::{Modality, SentenceTrace};
use crate::labels::Rel;
use crate::tree::{Tree, Upos};
use dyad_dict::VerbCode;

/// Verbs of sending someone somewhere: passive, the one sent visits.
pub(super) const SEND: &[&str] = &["SEND", "DISPATCH", "FLY"];

/// The CAMEO code of a visit (042, make a visit).
pub(super) const VISIT: &str = "042";

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

/// Whether yielding verb `v` admits a fact instead ("officials concede
/// that time is not on their side"): a complement clause.
pub(super) fn admitted(tree: &Tree, v: usize) -> bool {
    matches!(
        tree.nodes[v].lemma.as_str(),
        "CONCEDE" | "ADMIT" | "ACKNOWLEDGE"
    ) && tree.has_child(v, Rel::Ccomp)
}

/// Nouns of a sustained armed effort: with an infinitive of removal by
/// force ("a campaign to oust Kurdish militias") they are the fighting.
const CAMPAIGNS: &[&str] = &[
    "CAMPAIGN",
    "OFFENSIVE",
    "OPERATION",
    "DRIVE",
    "PUSH",
    "BATTLE",
    "FIGHT",
    "WAR",
    "MISSION",
];

/// Verbs of removing or defeating by force, what a campaign is to do; the
/// last three name the place and take the enemy in a from-phrase ("to free
/// Raqqa from Isis").
const OUST: &[&str] = &[
    "OUST",
    "EXPEL",
    "DISLODGE",
    "DEFEAT",
    "CRUSH",
    "DESTROY",
    "ELIMINATE",
    "ERADICATE",
    "RETAKE",
    "RECAPTURE",
    "CAPTURE",
    "SEIZE",
    "DRIVE",
    "FREE",
    "LIBERATE",
    "CLEAR",
];

/// Modifiers that make a campaign or operation an armed one.
const ARMED: &[&str] = &["MILITARY", "ARMED", "AIR", "GROUND", "BOMBING", "NAVAL"];

/// Whether campaign noun `n` ([`CAMPAIGNS`]) is armed by its modifier:
/// "a Turkish military campaign inside Syria", "the air campaign".
pub(super) fn armed_campaign(tree: &Tree, n: usize) -> bool {
    CAMPAIGNS.contains(&tree.nodes[n].lemma.as_str())
        && tree.children(n).iter().any(|&c| {
            c < n
                && matches!(tree.nodes[c].rel, Rel::Amod | Rel::Compound)
                && ARMED.contains(&tree.nodes[c].lemma.as_str())
        })
}

/// The CAMEO code of armed fighting (190, use conventional military force).
pub(super) const FIGHT: &str = "190";

/// For campaign noun `n` ([`CAMPAIGNS`]) with an infinitive of removal by
/// force ([`OUST`]): the infinitive and the enemy (its object, or the
/// from-phrase of "drive/free/liberate/clear X from Y"), if named.
pub(super) fn campaign_to_oust(tree: &Tree, n: usize) -> Option<(usize, Option<usize>)> {
    if !CAMPAIGNS.contains(&tree.nodes[n].lemma.as_str()) {
        return None;
    }
    // its infinitive, or the one right after it the parser hung elsewhere
    // ("approaching the final stages of a campaign to drive …")
    let next = (n + 2 < tree.len()
        && tree.nodes[n + 1].word == "TO"
        && tree.nodes[n + 1].head == Some(n + 2))
    .then_some(n + 2);
    let x = tree
        .children(n)
        .iter()
        .copied()
        .filter(|&c| tree.nodes[c].rel == Rel::Acl)
        .chain(next)
        .find(|&c| {
            OUST.contains(&tree.nodes[c].lemma.as_str()) && super::subject::infinitive(tree, c)
        })?;
    let from = tree
        .children(x)
        .iter()
        .copied()
        .find(|&c| tree.nodes[c].rel == Rel::Obl && tree.case_of(c) == Some("FROM"));
    let object = tree.child(x, Rel::Obj);
    let place_first = matches!(tree.nodes[x].lemma.as_str(), "FREE" | "LIBERATE" | "CLEAR");
    let enemy = if place_first { from.or(object) } else { object };
    Some((x, enemy))
}

/// The CAMEO code of a statement (010, make a statement).
pub(super) const STATEMENT: &str = "010";

/// Personal pronouns that stand for people ("he was held", "seized
/// them"); not "us", which is also the country's abbreviation.
const PEOPLE_PRONOUNS: &[&str] = &["I", "ME", "WE", "HE", "HIM", "SHE", "HER", "THEY", "THEM"];

/// Nouns of people that name no actor ("the pair were seized", "two men
/// were held"): taking or holding them is detaining them.
pub(super) const PEOPLE_NOUNS: &[&str] = &[
    "PAIR",
    "COUPLE",
    "TRIO",
    "MAN",
    "MEN",
    "WOMAN",
    "WOMEN",
    "CHILD",
    "CHILDREN",
    "BOY",
    "BOYS",
    "GIRL",
    "GIRLS",
    "PERSON",
    "PEOPLE",
    "SUSPECT",
    "SUSPECTS",
    "MEMBER",
    "MEMBERS",
    "HOSTAGE",
    "HOSTAGES",
    "CAPTIVE",
    "CAPTIVES",
    "PRISONER",
    "PRISONERS",
];

/// Whether word `w` of `tree` is a pronoun or noun of people
/// ([`PEOPLE_PRONOUNS`], [`PEOPLE_NOUNS`]).
pub(super) fn people_word(tree: &Tree, w: usize) -> bool {
    let word = tree.nodes[w].word.as_str();
    PEOPLE_PRONOUNS.contains(&word) || PEOPLE_NOUNS.contains(&word)
}

/// The CAMEO code of detention (173, arrest or detain).
pub(super) const DETAIN: &str = "173";

/// A passive verb's own reading when its entry codes nothing: "X was
/// sent to Baghdad" visits Baghdad (042); people "held" are detained
/// (173: "he has been held for two years", "women and children were
/// being held at camps"; held talks, elections or territory are not
/// people). Returns the target (the "to" phrase, or the people held),
/// the rule's text and the code.
pub(super) fn passive_reading(
    tree: &Tree,
    v: usize,
    passive: bool,
    person: impl Fn(usize) -> bool,
) -> Option<(usize, String, &'static str)> {
    let lemma = tree.nodes[v].lemma.as_str();
    if let Some(to) = sent_to(tree, v, passive) {
        return Some((to, format!("be {lemma} to + (visit)"), VISIT));
    }
    let held = tree.child(v, Rel::NsubjPass)?;
    (passive && lemma == "HOLD" && person(held))
        .then(|| (held, "+ be held (detention)".to_string(), DETAIN))
}

/// Verbs of saying that, with a complement clause about a blameworthy
/// act, make an accusation ("claimed Y is fomenting unrest").
pub(super) const CLAIM: &[&str] = &[
    "SAY", "CLAIM", "ALLEGE", "IMPLY", "CHARGE", "INSIST", "ASSERT", "SUGGEST", "ARGUE", "CONTEND",
    "MAINTAIN", "BELIEVE", "RETORT", "REPLY", "RESPOND", "COUNTER",
];

/// Blameworthy acts: a claim that someone does them accuses them.
pub(super) const BLAME: &[&str] = &[
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
pub(super) const ACCUSE: &str = "112";

/// The code of a condemning statement: criticise or denounce.
pub(super) const CRITICISE: &str = "111";

/// Whether speech verb `v` accuses: its complement clause's verb `c` is a
/// blameworthy act; returns `c` and its doer (the subject, or the agent of
/// a passive).
pub(super) fn blamed(tree: &Tree, v: usize) -> Option<(usize, usize)> {
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

/// Words of condemnation: a statement whose complement calls something
/// by one of them criticises (111) — "said the decision was illegal",
/// "said it was a stain on the conscience of this government".
pub(super) const CONDEMNATION: &[&str] = &[
    "WRONG",
    "ILLEGAL",
    "UNLAWFUL",
    "UNACCEPTABLE",
    "OUTRAGEOUS",
    "SHAMEFUL",
    "DISGRACEFUL",
    "DISGRACE",
    "REPREHENSIBLE",
    "ABHORRENT",
    "APPALLING",
    "SCANDALOUS",
    "IRRESPONSIBLE",
    "RECKLESS",
    "ABSURD",
    "RIDICULOUS",
    "COWARDLY",
    "CRUEL",
    "INHUMANE",
    "BARBARIC",
    "CRIMINAL",
    "ATROCITY",
    "BETRAYAL",
    "HYPOCRISY",
    "HYPOCRITICAL",
    "POPULISM",
    "PROPAGANDA",
    "LIE",
    "STAIN",
    "SHAME",
    "DISASTROUS",
    "MISTAKE",
    "BLUNDER",
    "OUTRAGE",
    "UNJUST",
    "DISHONEST",
    "DECEITFUL",
    "DEPLORABLE",
    "DESPICABLE",
    "MONSTROUS",
    "INTOLERABLE",
    "UNCONSTITUTIONAL",
    "PREMATURE",
    "MISGUIDED",
    "UNWISE",
    "UNJUSTIFIED",
    "UNFAIR",
    "COUNTERPRODUCTIVE",
    "BASELESS",
    "GROUNDLESS",
    "UNFOUNDED",
    "INCOMPETENT",
    "SHORTSIGHTED",
    "SHORT-SIGHTED",
    "NAIVE",
    "HYPOCRITE",
    "IRRESPONSIBILITY",
    // the speaker's own dismay ("I am embarrassed for the UN security
    // council")
    "EMBARRASSED",
    "ASHAMED",
    "APPALLED",
    "OUTRAGED",
    "DISGUSTED",
    "DISMAYED",
    "ANGERED",
    "FURIOUS",
    "TROUBLED",
    "DISAPPOINTED",
];

/// Whether speech verb `v` criticises: a word of [`CONDEMNATION`] in its
/// complement clause. Returns the complement and its subject (what is
/// condemned), or the complement itself when it has none.
pub(super) fn condemned(tree: &Tree, v: usize) -> Option<(usize, usize)> {
    if !CLAIM.contains(&tree.nodes[v].lemma.as_str())
        && !matches!(
            tree.nodes[v].lemma.as_str(),
            "TELL" | "DESCRIBE" | "CALL" | "WRITE"
        )
    {
        return None;
    }
    let c = tree.child(v, Rel::Ccomp)?;
    let mut words = Vec::new();
    tree.subtree_into(c, &mut words, &|g| tree.nodes[g].rel == Rel::Ccomp);
    // (a legal term is no condemnation: "Turkish criminal proceedings")
    let legal = |w: usize| {
        tree.nodes[w].rel == Rel::Amod
            && tree.nodes[w].head.is_some_and(|h| {
                matches!(
                    tree.nodes[h].lemma.as_str(),
                    "PROCEEDING"
                        | "PROCEEDINGS"
                        | "CASE"
                        | "CHARGE"
                        | "COURT"
                        | "INVESTIGATION"
                        | "JUSTICE"
                        | "LAW"
                        | "CODE"
                        | "RECORD"
                        | "TRIAL"
                        | "PROSECUTION"
                )
            })
    };
    let condemns = words.iter().any(|&w| {
        let n = &tree.nodes[w];
        !n.negative && CONDEMNATION.contains(&n.lemma.as_str()) && !legal(w)
    }) && !words.iter().any(|&w| tree.nodes[w].negative);
    condemns.then(|| {
        let what = tree
            .child(c, Rel::Nsubj)
            .or_else(|| tree.child(c, Rel::NsubjPass))
            .unwrap_or(c);
        (c, what)
    })
}

/// Verbs that call someone something ("deems it a terrorist group",
/// "designated them as terrorists", "views them as extremists").
const LABEL: &[&str] = &[
    "CONSIDER",
    "DEEM",
    "VIEW",
    "REGARD",
    "SEE",
    "DESIGNATE",
    "BRAND",
    "LABEL",
    "CALL",
    "DESCRIBE",
    "LIST",
    "CLASSIFY",
    "DECLARE",
    "TREAT",
];

/// Beginnings of words that make a label an accusation: calling someone
/// a terrorist, an extremist, a jihadist or a separatist.
const BRANDS: &[&str] = &["TERROR", "EXTREMIS", "JIHAD", "SEPARATIS"];

/// Whether the phrase headed by `p` (not its clauses) holds a [`BRANDS`]
/// word.
fn branded(tree: &Tree, p: usize) -> bool {
    let mut words = Vec::new();
    tree.subtree_into(p, &mut words, &|g| {
        matches!(tree.nodes[g].rel, Rel::Ccomp | Rel::Advcl | Rel::Acl)
    });
    words.iter().any(|&w| {
        let n = &tree.nodes[w];
        !n.negative && BRANDS.iter().any(|b| n.word.starts_with(b))
    })
}

/// Whether verb `v` brands someone a terrorist, extremist or separatist:
/// a labelling verb ([`LABEL`]) with an object and a branded predicate
/// ("whom it deems a terrorist group", "designating the two men as
/// terrorists"), or a statement that someone is one ("which Ankara says is
/// the arm of a terror group"). Returns who is branded.
pub(super) fn branded_as(tree: &Tree, v: usize) -> Option<usize> {
    let lemma = tree.nodes[v].lemma.as_str();
    // ("deems the YPG a terrorist group" may be parsed as two objects)
    if LABEL.contains(&lemma)
        && let Some(x) = tree.child(v, Rel::Iobj).or_else(|| tree.child(v, Rel::Obj))
    {
        let predicate = tree.children(v).iter().copied().find(|&c| {
            c > x
                && (tree.nodes[c].rel == Rel::Xcomp
                    || (tree.nodes[c].rel == Rel::Obl && tree.case_of(c) == Some("AS"))
                    || (tree.nodes[c].rel == Rel::Obj && tree.nodes[c].upos.is_nominal()))
        });
        return predicate.filter(|&p| branded(tree, p)).map(|_| x);
    }
    if !CLAIM.contains(&lemma) {
        return None;
    }
    let c = tree.child(v, Rel::Ccomp)?;
    let copula = tree.has_child(c, Rel::Cop) && tree.nodes[c].upos.is_nominal();
    (copula && branded(tree, c))
        .then(|| tree.child(c, Rel::Nsubj))
        .flatten()
}

/// The code of an appeal: a statement that someone should act.
pub(super) const APPEAL: &str = "020";

/// The code of a demand: a statement that someone must act.
pub(super) const DEMAND: &str = "100";

/// Whether statement verb `v` tells someone to act: its complement clause
/// is said with "should", "ought to" (an appeal) or "must" (a demand), and
/// has a nominal subject ("Trump tweeted that Britain, France and Germany
/// should take back their fighters"); or it tells a named object to do
/// something ("Erdoğan told the US to get out of the way": a demand).
/// Returns the clause, its subject or the object (who is asked) and the
/// code.
pub(super) fn exhorted(tree: &Tree, v: usize) -> Option<(usize, usize, &'static str)> {
    let lemma = tree.nodes[v].lemma.as_str();
    let told = tree
        .child(v, Rel::Obj)
        .or_else(|| tree.child(v, Rel::Iobj))
        .filter(|&o| matches!(tree.nodes[o].upos, Upos::Noun | Upos::Propn));
    // "asking Britain, France and Germany to take back their fighters"
    // (an appeal), "told the US to get out of the way" (a demand)
    let asked = match lemma {
        "TELL" => Some(DEMAND),
        "ASK" => Some(APPEAL),
        _ => None,
    };
    if let (Some(asked), Some(o)) = (asked, told)
        && let Some(x) = tree.child(v, Rel::Xcomp)
        && tree
            .children(x)
            .iter()
            .any(|&m| tree.nodes[m].rel == Rel::Mark && tree.nodes[m].lemma == "TO")
    {
        return Some((x, o, asked));
    }
    // "told the EU it must take back its fighters": who is told is who
    // must act
    if let (Some(o), "TELL") = (told, lemma)
        && let Some(c) = tree.child(v, Rel::Ccomp)
        && let Some(code) = obliged(tree, c)
    {
        return Some((c, o, code));
    }
    if !CLAIM.contains(&tree.nodes[v].lemma.as_str())
        && !matches!(
            tree.nodes[v].lemma.as_str(),
            "TELL" | "TWEET" | "WRITE" | "STRESS" | "ADD" | "DECLARE"
        )
    {
        return None;
    }
    // a "that" clause parsed as adverbial is a complement too ("tweeted on
    // Sunday that …")
    let c = tree.child(v, Rel::Ccomp).or_else(|| {
        tree.children(v).iter().copied().find(|&c| {
            tree.nodes[c].rel == Rel::Advcl
                && tree
                    .children(c)
                    .iter()
                    .any(|&m| tree.nodes[m].rel == Rel::Mark && tree.nodes[m].lemma == "THAT")
        })
    })?;
    let code = obliged(tree, c)?;
    let who = tree.child(c, Rel::Nsubj)?;
    matches!(tree.nodes[who].upos, Upos::Noun | Upos::Propn).then_some((c, who, code))
}

/// Whether clause `c` is said with "should", "ought to" (an appeal) or
/// "must" (a demand), and which.
fn obliged(tree: &Tree, c: usize) -> Option<&'static str> {
    tree.children(c).iter().find_map(|&a| {
        let n = &tree.nodes[a];
        match (n.rel, n.lemma.as_str()) {
            (Rel::Aux, "SHOULD" | "OUGHT") => Some(APPEAL),
            (Rel::Aux, "MUST") => Some(DEMAND),
            _ => None,
        }
    })
}

/// The threat of force or repression (CAMEO 138, 137) for an act of
/// material conflict (roots 18–20, 17) said for the future or vowed;
/// `None` for any other act.
pub(super) fn threat_of_force(code: &VerbCode) -> Option<&'static str> {
    match code.code.as_deref()?.get(..2)? {
        "17" => Some("137"),
        "18" | "19" | "20" => Some("138"),
        _ => None,
    }
}

/// The threat code for an action threatened ("threatened to end the
/// protests": 130, or 131/137/138 by the action's root), or for force
/// announced for the future: a material conflict code (CAMEO roots 17–20)
/// at a verb with modality planned or hypothetical, in a clause a
/// statement governs ("said it would attack", "vowed to strike"): 137
/// (threaten repression) for 17, 138 (threaten force) for 18–20.
pub(super) fn threat_of(
    tree: &Tree,
    v: usize,
    code: &VerbCode,
    modality: Modality,
) -> Option<&'static str> {
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
    let threat = threat_of_force(code)?;
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

/// The code one of the coder's sentence-shape rules sets (an accusation,
/// a visit, a threat), with the rule's text as the event's pattern; the
/// trace says which rule fired.
pub(super) fn by_rule(
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
