//! Attribution and reported speech: who says an event happened ("X said
//! A attacked B", "according to X", "reportedly").

use super::{Coder, Scratch};
use crate::event::{Attribution, Modality};
use crate::labels::Rel;
use crate::tree::{Tree, Upos};
use dyad_core::{Date, Document};

/// Verbs that report speech: an event in their complement clause is
/// `reported`, attributed to their subject.
pub(super) const SPEECH: &[&str] = &[
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
    "IMPLY",
    "HINT",
    "SIGNAL",
    "TWEET",
    "RETORT",
    "REPLY",
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

impl Coder {
    /// Records the sentence's reporters: the subject of a speech verb, the
    /// object of "quote" or "cite".
    pub(super) fn note_reporters(&self, doc: &Document, s: &mut Scratch, date: Option<Date>) {
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

    /// The attribution whose phrase is headed by `head`: the actor phrase
    /// when the dictionaries know it, else the nominal's subtree without
    /// clauses, extended over a relative clause that marks the source
    /// anonymous ("officials who spoke on condition of anonymity").
    pub(super) fn attribution(
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
}

impl Coder {
    /// Who reports the event at verb `v` (whose clause tops out at
    /// `top`): the subject of a governing speech verb, "according to X",
    /// or for hearsay ("reportedly") a reporter of the sentences before;
    /// an asserted `modality` becomes reported.
    pub(super) fn reported(
        &self,
        doc: &Document,
        s: &mut Scratch,
        v: usize,
        top: usize,
        date: Option<Date>,
        modality: &mut Modality,
    ) -> Option<Attribution> {
        let mut attribution = match speech_verb(&s.tree, top) {
            Some(sv) => self
                .subject(&s.tree, sv, false, 0)
                .or_else(|| postposed_speaker(&s.tree, v, sv))
                .and_then(|subj| self.attribution(doc, s, subj, date)),
            // "A attacked B, according to X"
            None => according_to(&s.tree).and_then(|x| self.attribution(doc, s, x, date)),
        };
        let hearsay = hearsay(&s.tree, v);
        if hearsay && *modality == Modality::Asserted {
            *modality = Modality::Reported;
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
        if attribution.is_some() && *modality == Modality::Asserted {
            *modality = Modality::Reported;
        }
        attribution
    }
}

/// The speech verb reporting the clause topped by `top`: "X said (that)
/// A …" or "A …, X said".
fn speech_verb(tree: &Tree, top: usize) -> Option<usize> {
    let node = &tree.nodes[top];
    if node.rel == Rel::Ccomp
        && let Some(h) = node.head
        && SPEECH.contains(&tree.nodes[h].lemma.as_str())
    {
        return Some(h);
    }
    tree.children(top).iter().copied().find(|&c| {
        let n = &tree.nodes[c];
        n.rel == Rel::Parataxis && SPEECH.contains(&n.lemma.as_str())
    })
}

/// "A reportedly attacked B", "X reportedly expected … when A arrived":
/// whether the event at `v` is reported (by no one named), the verb or a
/// verb above it carrying a hearsay adverb.
fn hearsay(tree: &Tree, v: usize) -> bool {
    let mut hearsay = false;
    let mut at = Some(v);
    for _ in 0..12 {
        let Some(w) = at else { break };
        hearsay |= tree.children(w).iter().any(|&c| {
            tree.nodes[c].rel == Rel::Advmod && HEARSAY.contains(&tree.nodes[c].word.as_str())
        });
        at = tree.nodes[w].head;
    }
    hearsay
}
