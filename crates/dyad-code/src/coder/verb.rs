//! The per-verb driver: from a verb (or event noun) to its events.

use super::attribution::SPEECH;
use super::modality::{COMMIT, ceased, promised};
use super::patterns::Bind;
use super::roles::{in_other_advcl, infinitive, nominal_source, under_xcomp};
use super::shape::{ACCUSE, VISIT, blamed, by_rule, sent_to, threat_of};
use super::{Coder, Scratch, Trigger, note};
use crate::actor::{Resolved, phrase_head};
use crate::compile::CompiledPattern;
use crate::event::{Coded, Event, Modality, SentenceTrace};
use crate::labels::Rel;
use crate::pico::Pico;
use crate::tree::Upos;
use dyad_core::Document;

impl Coder {
    #[allow(clippy::too_many_lines)]
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
}
