//! Codes a verb's sentence changes after its pattern: a refusal of the
//! act, a threat of force, aid offered for the future, force vowed.

use super::shape::{by_rule, threat_of, threat_of_force};
use super::subject::ATTACKS;
use super::verb::{Coding, Site, refused, rejection};
use super::{Scratch, note};
use crate::event::{Coded, Modality, SentenceTrace};
use crate::labels::Rel;
use crate::tree::Upos;
use dyad_dict::VerbCode;

/// The code (and rule text) of the act at `site` once the sentence's
/// shape is read: a refusal ("would not meet demands", "will not attend":
/// REJECT, not the act denied; an event noun a refused verb governs is
/// refused too: "will not participate in any negotiations"), a threat
/// ("announced it would take action": force announced for the future),
/// a promise of force ("his promise of an imminent missile strike": 138),
/// or aid said for the future ("would also help create an evacuation
/// route": an offer, 033, AGREE). `negated` and `modality` are updated
/// to the act coded.
pub(super) fn recode(
    s: &Scratch,
    site: &Site<'_>,
    code: VerbCode,
    pattern: Option<String>,
    (negated, modality): (&mut bool, &mut Modality),
    trace: &mut Option<SentenceTrace>,
) -> (VerbCode, Option<String>) {
    let v = site.v;
    let tree = &s.tree;
    let governing = site
        .nominal
        .then(|| tree.nodes[v].head)
        .flatten()
        .filter(|&h| {
            tree.nodes[h].upos == Upos::Verb
                && tree.children(h).iter().any(|&c| tree.nodes[c].negative)
        });
    let refuses = match governing {
        Some(h) => refused(tree, h),
        None => *negated && refused(tree, v),
    };
    let refusal = (refuses && !s.petrarch_readings)
        .then(|| code.code.as_deref().and_then(rejection))
        .flatten();
    let what = || {
        pattern
            .clone()
            .unwrap_or_else(|| tree.nodes[v].lemma.clone())
    };
    if let Some(refusal) = refusal {
        let act = code.code.as_deref().unwrap_or("---");
        *negated = false;
        *modality = Modality::Asserted;
        return by_rule(trace, format!("{} (refusal of {act})", what()), refusal);
    }
    if let Some(threat) = threat_of(tree, v, &code, *modality) {
        *modality = Modality::Threatened;
        return by_rule(trace, format!("{} (threat)", what()), threat);
    }
    // "his promise of an imminent missile strike": a promise of force is
    // a threat of it (138)
    let of_force = tree.children(v).iter().any(|&c| {
        let lemma = tree.nodes[c].lemma.as_str();
        tree.nodes[c].rel == Rel::Nmod
            && tree.case_of(c) == Some("OF")
            && (ATTACKS.contains(&lemma)
                || matches!(lemma, "WAR" | "RETALIATION" | "REVENGE" | "INVASION"))
    });
    if site.nominal
        && !s.petrarch_readings
        && of_force
        && matches!(tree.nodes[v].lemma.as_str(), "PROMISE" | "PLEDGE" | "VOW")
    {
        *modality = Modality::Threatened;
        return by_rule(trace, format!("{} of force (threat)", what()), "138");
    }
    // will; would, also "if asked": an offer
    let future = *modality == Modality::Planned
        || *modality == Modality::Hypothetical
            && tree.children(v).iter().any(|&c| {
                let n = &tree.nodes[c];
                n.rel == Rel::Aux && n.lemma == "WOULD"
            });
    let aid = code.code.as_deref().is_some_and(|c| c.starts_with("07"));
    if aid && future && !*negated && !s.petrarch_readings {
        return by_rule(trace, format!("{} (aid offered)", what()), "033");
    }
    (code, pattern)
}

/// "Vowed to strangle the border force": force or repression vowed is a
/// threat of it (138, 137), which replaces the vow's events (the act is
/// recoded in `coding`); `false` (nothing to code) for any other act a
/// coded commitment governs, which is not coded.
pub(super) fn vowed_threat(
    s: &Scratch,
    v: usize,
    index: usize,
    coding: &mut Coding,
    out: &mut Coded,
    trace: &mut Option<SentenceTrace>,
) -> bool {
    let threat = threat_of_force(&coding.code).filter(|_| !s.petrarch_readings);
    let Some(threat) = threat else {
        note(trace, || {
            "  its governing commitment was coded and this is no concession; not coded".to_string()
        });
        return false;
    };
    if let Some(h) = s.tree.nodes[v].head {
        let vow = s.tree.nodes[h].span;
        out.events
            .retain(|e| !(e.sentence_index == index && e.verb_span == vow));
        note(trace, || {
            "  the vow's events are dropped: the threat replaces them".to_string()
        });
    }
    let text = format!("{} vowed: a threat", s.tree.nodes[v].lemma);
    (coding.code, coding.pattern) = by_rule(trace, text, threat);
    true
}
