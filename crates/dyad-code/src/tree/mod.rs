//! A sentence's dependency tree in the form the coder walks: upper-cased
//! words, normalised relations and child lists, rebuilt in place for each
//! sentence so buffers are reused.

use crate::labels::Rel;
use dyad_core::{Analysis, Sentence, Span};

mod repair;

/// PETRARCH's `comma_*` options: the lengths, in words, of the
/// comma-delimited clauses dropped before coding, for initial ("begin"),
/// internal and terminal ("end") clauses; a maximum of 0 drops none of
/// that kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommaLimits {
    /// `comma_min`.
    pub min: usize,
    /// `comma_max`.
    pub max: usize,
    /// `comma_bmin`.
    pub bmin: usize,
    /// `comma_bmax`.
    pub bmax: usize,
    /// `comma_emin`.
    pub emin: usize,
    /// `comma_emax`.
    pub emax: usize,
}

impl CommaLimits {
    /// No clause dropped.
    pub const OFF: CommaLimits = CommaLimits {
        min: 0,
        max: 0,
        bmin: 0,
        bmax: 0,
        emin: 0,
        emax: 0,
    };

    /// PETRARCH's defaults (its `PETR_config.ini`): internal and terminal
    /// clauses of 2 to 8 words, no initial ones.
    pub const PETRARCH: CommaLimits = CommaLimits {
        min: 2,
        max: 8,
        bmin: 0,
        bmax: 0,
        emin: 2,
        emax: 8,
    };
}

/// One word of the tree.
#[derive(Clone, Debug, Default)]
pub(crate) struct Node {
    /// The word form, upper-cased.
    pub word: String,
    /// The lemma, upper-cased (the form when there is none).
    pub lemma: String,
    /// Universal part of speech.
    pub upos: Upos,
    /// Relation to the head.
    pub rel: Rel,
    /// The head's index; `None` for the root (or a broken head).
    pub head: Option<usize>,
    /// Where the word is in the document text.
    pub span: Span,
    /// Features say this is a negative word or the word is `not`/`never`.
    pub negative: bool,
    /// Relative pronoun (`who`, `which`, `that`).
    pub relative: bool,
    /// Marked plural (`Number=Plur`).
    pub plural: bool,
    /// A finite verb form (`VerbForm=Fin`, or tagged `VBD`/`VBZ`/`VBP`).
    pub finite: bool,
    /// A past participle (tagged `VBN`, or `VerbForm=Part|Tense=Past`).
    pub participle: bool,
}

/// The parts of speech the coder cares about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Upos {
    Noun,
    Propn,
    Pron,
    Verb,
    Aux,
    Adj,
    Adp,
    Det,
    Num,
    Punct,
    #[default]
    Other,
}

impl Upos {
    fn parse(tag: &str) -> Upos {
        match tag {
            "NOUN" => Upos::Noun,
            "PROPN" => Upos::Propn,
            "PRON" => Upos::Pron,
            "VERB" => Upos::Verb,
            "AUX" => Upos::Aux,
            "ADJ" => Upos::Adj,
            "ADP" => Upos::Adp,
            "DET" => Upos::Det,
            "NUM" => Upos::Num,
            "PUNCT" => Upos::Punct,
            _ => Upos::Other,
        }
    }

    /// Nouns, proper nouns, pronouns.
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron)
    }
}

/// A sentence's tree. Reused across sentences: [`Tree::fill`] overwrites it.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
    /// Children of node `i` are `children[ranges[i].0..ranges[i].1]`, in
    /// text order.
    children: Vec<usize>,
    ranges: Vec<(usize, usize)>,
    /// Scratch for counting.
    counts: Vec<usize>,
}

impl Tree {
    /// Rebuilds the tree from `sentence`'s analysis, dropping the
    /// comma-delimited clauses `commas` asks to; returns false when the
    /// sentence has no (usable) analysis.
    pub fn fill(&mut self, text: &str, sentence: &Sentence, commas: Option<&CommaLimits>) -> bool {
        let n = sentence.analysis.len();
        if n == 0 || n != sentence.tokens.len() {
            self.nodes.clear();
            self.children.clear();
            self.ranges.clear();
            return false;
        }
        if self.nodes.len() < n {
            self.nodes.resize_with(n, Node::default);
        }
        self.nodes.truncate(n);
        for (i, (token, analysis)) in sentence.tokens.iter().zip(&sentence.analysis).enumerate() {
            let head = analysis.head as usize;
            let head = (head >= 1 && head <= n && head != i + 1).then(|| head - 1);
            let form = text.get(token.span.bytes()).unwrap_or("");
            let form = token.form.as_deref().unwrap_or(form);
            let node = &mut self.nodes[i];
            read_node(node, form, analysis, head, sentence);
            node.span = token.span;
        }
        // names first: its re-attachments must not leave a cycle behind
        self.stray_name_parts();
        self.join_names();
        self.unmarked_name_parts();
        self.compound_subjects();
        self.coordinated_subjects();
        self.told_clauses();
        self.pronoun_complement_subjects();
        self.second_subject_complements();
        self.conjunct_objects();
        self.postposed_speakers();
        self.apposed_subjects();
        self.auxiliary_subjects();
        self.perfect_auxiliaries();
        self.adjacent_participles();
        self.holder_compounds();
        self.quoted_infinitives();
        self.prepositional_agents();
        self.break_cycles();
        if let Some(limits) = commas {
            self.drop_comma_clauses(limits);
        }
        self.index_children();
        true
    }

    /// Builds the child lists from the heads (a counting sort by head).
    fn index_children(&mut self) {
        let n = self.nodes.len();
        self.counts.clear();
        self.counts.resize(n + 1, 0);
        for node in &self.nodes {
            if let Some(h) = node.head {
                self.counts[h + 1] += 1;
            }
        }
        for i in 1..=n {
            self.counts[i] += self.counts[i - 1];
        }
        self.ranges.clear();
        self.ranges
            .extend((0..n).map(|i| (self.counts[i], self.counts[i])));
        self.children.clear();
        self.children.resize(self.counts[n], 0);
        for (i, node) in self.nodes.iter().enumerate() {
            if let Some(h) = node.head {
                let slot = &mut self.ranges[h].1;
                self.children[*slot] = i;
                *slot += 1;
            }
        }
    }

    /// PETRARCH's comma rule: a comma-delimited clause whose length in
    /// words is within `limits` (initial, internal or terminal) is dropped
    /// from the sentence (", the state's fiercest foe,", ", a senior
    /// official said on Saturday."). A clause is dropped only when it is
    /// whole: nothing outside depends on it, except the clause the root
    /// verb inside it reports ("X did Y, an official said"), which becomes
    /// the root. Dropped words turn into punctuation.
    fn drop_comma_clauses(&mut self, limits: &CommaLimits) {
        let n = self.nodes.len();
        let commas: Vec<usize> = (0..n).filter(|&i| self.nodes[i].word == ",").collect();
        let Some((&first, &last)) = commas.first().zip(commas.last()) else {
            return;
        };
        let mut spans = vec![(0, first, limits.bmin, limits.bmax)];
        spans.extend(
            commas
                .windows(2)
                .map(|w| (w[0] + 1, w[1], limits.min, limits.max)),
        );
        spans.push((last + 1, n, limits.emin, limits.emax));
        for (a, b, min, max) in spans {
            let words = (a..b)
                .filter(|&i| self.nodes[i].upos != Upos::Punct)
                .count();
            if max == 0 || words < min || words > max || words == 0 {
                continue;
            }
            let mask: Vec<bool> = (0..n)
                .map(|i| a <= i && i < b && self.nodes[i].upos != Upos::Punct)
                .collect();
            let inside = |i: usize| mask[i];
            // outside words that depend on the clause
            let hanging: Vec<usize> = (0..n)
                .filter(|&i| !inside(i) && self.nodes[i].head.is_some_and(inside))
                .filter(|&i| self.nodes[i].upos != Upos::Punct)
                .collect();
            let root = (a..b).find(|&i| inside(i) && self.nodes[i].head.is_none());
            let new_root = match (hanging.as_slice(), root) {
                ([], _) => None,
                ([c], Some(r)) if self.nodes[*c].head == Some(r) => Some(*c),
                _ => continue,
            };
            if let Some(c) = new_root {
                self.nodes[c].head = None;
                self.nodes[c].rel = Rel::Root;
            }
            for i in 0..n {
                if inside(i) {
                    continue;
                }
                // punctuation that hung from the clause goes with the root
                if self.nodes[i].head.is_some_and(inside) {
                    self.nodes[i].head = new_root.filter(|&r| r != i);
                }
            }
            for (i, node) in self.nodes.iter_mut().enumerate().take(b).skip(a) {
                if !mask[i] && node.head.is_none_or(|h| !mask[h]) {
                    continue;
                }
                node.upos = Upos::Punct;
                node.rel = Rel::Punct;
                node.head = new_root;
                node.word.clear();
                node.word.push(',');
                node.lemma.clear();
                node.lemma.push(',');
            }
        }
    }

    /// Cuts heads that lead into a cycle, so every walk up ends.
    fn break_cycles(&mut self) {
        let n = self.nodes.len();
        for start in 0..n {
            let mut at = start;
            let mut steps = 0;
            while let Some(h) = self.nodes[at].head {
                steps += 1;
                if steps > n {
                    self.nodes[start].head = None;
                    break;
                }
                at = h;
            }
        }
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The children of `i`, in text order.
    pub fn children(&self, i: usize) -> &[usize] {
        match self.ranges.get(i) {
            Some(&(a, b)) => self.children.get(a..b).unwrap_or(&[]),
            None => &[],
        }
    }

    /// The first child of `i` with relation `rel`.
    pub fn child(&self, i: usize, rel: Rel) -> Option<usize> {
        self.children(i)
            .iter()
            .copied()
            .find(|&c| self.nodes[c].rel == rel)
    }

    /// Whether `i` has a child with relation `rel`.
    pub fn has_child(&self, i: usize, rel: Rel) -> bool {
        self.child(i, rel).is_some()
    }

    /// The case marker (preposition) of a nominal `i`, upper-cased.
    pub fn case_of(&self, i: usize) -> Option<&str> {
        self.children(i)
            .iter()
            .find(|&&c| matches!(self.nodes[c].rel, Rel::Case | Rel::Mark) && c < i)
            .map(|&c| self.nodes[c].word.as_str())
    }

    /// Whether word `c` is the agent of a passive: `obl:agent`, or an
    /// oblique by-phrase.
    pub fn is_agent(&self, c: usize) -> bool {
        let n = &self.nodes[c];
        n.rel == Rel::Agent || (n.rel == Rel::Obl && self.case_of(c) == Some("BY"))
    }

    /// Collects into `out` the indices of `root`'s subtree, skipping the
    /// subtrees of children `skip` says no to (the root itself is kept).
    pub fn subtree_into(&self, root: usize, out: &mut Vec<usize>, skip: &dyn Fn(usize) -> bool) {
        let start = out.len();
        out.push(root);
        let mut at = start;
        while at < out.len() {
            let node = out[at];
            at += 1;
            for &c in self.children(node) {
                if !skip(c) && out.len() <= self.nodes.len() {
                    out.push(c);
                }
            }
        }
        out[start..].sort_unstable();
    }
}

/// Reads a word's node from its `form` and `analysis`, `head` its head's
/// index in `sentence` (the span is the caller's).
fn read_node(
    node: &mut Node,
    form: &str,
    analysis: &Analysis,
    head: Option<usize>,
    sentence: &Sentence,
) {
    let head_upos = head
        .and_then(|h| sentence.analysis.get(h))
        .map_or("", |a| a.upos.as_str());
    // "US" in capitals is the country, "us" (any case) the pronoun
    let form = if form == "US" { "U.S." } else { form };
    upper_into(&mut node.word, form);
    if analysis.lemma.is_empty() || analysis.lemma == "_" {
        upper_into(&mut node.lemma, form);
    } else {
        upper_into(&mut node.lemma, &analysis.lemma);
    }
    node.upos = Upos::parse(&analysis.upos);
    node.rel = Rel::parse(&analysis.deprel, head_upos);
    // "announced that it would take action" with "it" parsed as an
    // expletive: an expletive of a full verb other than "be" that
    // has no subject is its subject
    if analysis.deprel == "expl"
        && head_upos == "VERB"
        && head.is_some_and(|h| {
            sentence.analysis.get(h).is_some_and(|a| a.lemma != "be")
                && !sentence
                    .analysis
                    .iter()
                    .any(|a| a.head as usize == h + 1 && a.deprel.starts_with("nsubj"))
        })
    {
        node.rel = Rel::Nsubj;
    }
    // "Malawi, Ireland, Announce Boycotts": a name parsed as the
    // vocative of a verb without subject is its subject
    if analysis.deprel == "vocative"
        && head_upos == "VERB"
        && analysis.upos == "PROPN"
        && head.is_some_and(|h| {
            !sentence
                .analysis
                .iter()
                .any(|a| a.head as usize == h + 1 && a.deprel.starts_with("nsubj"))
        })
    {
        node.rel = Rel::Nsubj;
    }
    node.head = head;
    node.negative = analysis.feats.contains("Polarity=Neg")
        || matches!(node.lemma.as_str(), "NOT" | "N'T" | "NEVER")
        || node.rel == Rel::Neg;
    // (plurale tantum, "troops", is plural too)
    node.plural = analysis.feats.contains("Number=Plur") || analysis.feats.contains("Number=Ptan");
    node.finite = analysis.feats.contains("VerbForm=Fin")
        || matches!(analysis.xpos.as_str(), "VBD" | "VBZ" | "VBP");
    node.participle = analysis.xpos == "VBN"
        || (analysis.feats.contains("VerbForm=Part") && analysis.feats.contains("Tense=Past"));
    node.relative = analysis.feats.contains("PronType=Rel")
        || (node.upos == Upos::Pron
            && matches!(node.word.as_str(), "WHO" | "WHICH" | "THAT" | "WHOM"));
}

fn upper_into(out: &mut String, word: &str) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_uppercase();
    } else {
        // typographic apostrophes read as the dictionaries' ASCII one
        // ("Côte d’Ivoire", "Iran’s")
        out.extend(
            word.chars()
                .map(|c| {
                    if matches!(c, '\u{2019}' | '\u{2018}') {
                        '\''
                    } else {
                        c
                    }
                })
                .flat_map(char::to_uppercase),
        );
    }
}
