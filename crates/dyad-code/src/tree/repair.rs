//! Repairs of the parser's frequent misattachments, applied in
//! [`Tree::fill`] before the coder walks the tree: each pass rewrites
//! heads and relations for one kind of error, named by its example.

use super::{Node, Tree, Upos};
use crate::labels::Rel;

/// Personal pronouns in the subject case.
const SUBJECT_PRONOUNS: &[&str] = &["IT", "HE", "SHE", "THEY", "WE", "I"];

impl Tree {
    /// Whether word `v` has a subject, read from the heads (the child
    /// lists are built after the repairs).
    fn heads_subject(&self, v: usize) -> bool {
        self.nodes
            .iter()
            .any(|n| n.head == Some(v) && n.rel.is_subject())
    }

    /// "between Donald Trump and Recep Tayyip Erdoğan" parsed with
    /// "Tayyip Erdoğan" more of Trump's name: a name part (`flat`) after
    /// a conjunct of its head belongs to that conjunct.
    pub(super) fn stray_name_parts(&mut self) {
        for i in 0..self.nodes.len() {
            let Some(h) = self.nodes[i].head else {
                continue;
            };
            if self.nodes[i].rel != Rel::Flat || h > i {
                continue;
            }
            let conjunct = (h + 1..i)
                .rev()
                .find(|&k| self.nodes[k].head == Some(h) && self.nodes[k].rel == Rel::Conj);
            if let Some(k) = conjunct {
                self.nodes[i].head = Some(k);
            }
        }
    }

    /// "Bree Prime Minister Romendacil" parsed as two conjoined names: a
    /// proper-noun conjunct of a proper noun with no comma or conjunction
    /// between them is part of one name, the last word its head (the first
    /// becomes its compound and hands it its place in the tree).
    pub(super) fn join_names(&mut self) {
        for i in 0..self.nodes.len() {
            let Some(h) = self.nodes[i].head else {
                continue;
            };
            if !matches!(self.nodes[i].rel, Rel::Conj | Rel::List)
                || self.nodes[i].upos != Upos::Propn
                || self.nodes[h].upos != Upos::Propn
            {
                continue;
            }
            let (a, b) = (h.min(i), h.max(i));
            let joined = !self.nodes[a + 1..b].iter().any(|n| {
                n.rel == Rel::Cc || matches!(n.word.as_str(), "," | ";" | "AND" | "OR" | "&")
            });
            if joined && h < i {
                self.nodes[i].head = self.nodes[h].head;
                self.nodes[i].rel = self.nodes[h].rel;
                self.nodes[h].head = Some(i);
                self.nodes[h].rel = Rel::Compound;
            }
        }
    }

    /// "Slovakia Police Threaten Protestors" parsed with the nouns before
    /// the verb as its compounds: nominal compounds of a verb, before it,
    /// when it has no subject, are its subject phrase (the last one the
    /// head, the others its compounds).
    pub(super) fn compound_subjects(&mut self) {
        for v in 0..self.nodes.len() {
            if self.nodes[v].upos != Upos::Verb {
                continue;
            }
            let deps = |nodes: &[Node], rel: fn(Rel) -> bool| -> Vec<usize> {
                (0..v)
                    .filter(|&i| nodes[i].head == Some(v) && rel(nodes[i].rel))
                    .collect()
            };
            if !deps(&self.nodes, Rel::is_subject).is_empty() {
                continue;
            }
            let compounds: Vec<usize> = deps(&self.nodes, |r| r == Rel::Compound)
                .into_iter()
                .filter(|&i| matches!(self.nodes[i].upos, Upos::Noun | Upos::Propn))
                .collect();
            let Some(&subject) = compounds.last() else {
                continue;
            };
            self.nodes[subject].rel = Rel::Nsubj;
            for &c in &compounds[..compounds.len() - 1] {
                self.nodes[c].head = Some(subject);
            }
        }
    }

    /// "the Prince of Dol Amroth" parsed with "Amroth" a modifier of
    /// "Prince": a proper noun `nmod` without a preposition right after a
    /// proper noun is more of that name.
    pub(super) fn unmarked_name_parts(&mut self) {
        for i in 1..self.nodes.len() {
            let p = i - 1;
            if self.nodes[i].rel == Rel::Nmod
                && self.nodes[i].upos == Upos::Propn
                && self.nodes[p].upos == Upos::Propn
                && self.nodes[p].head != Some(i)
                && !self
                    .nodes
                    .iter()
                    .any(|n| n.head == Some(i) && n.rel == Rel::Case)
            {
                self.nodes[i].head = Some(p);
                self.nodes[i].rel = Rel::Flat;
            }
        }
    }

    /// "Ethiopia indicated it deplored Libya" parsed with "it" the object
    /// (or an expletive) of "indicated": a subject pronoun right before a
    /// clausal complement that has no subject is that clause's subject;
    /// an object of the main verb after the complement's verb, which has
    /// none, is that verb's ("said it opposed an invitation" with
    /// "invitation" the object of "said").
    pub(super) fn pronoun_complement_subjects(&mut self) {
        for c in 1..self.nodes.len() {
            let o = c - 1;
            let (Some(h), true) = (self.nodes[c].head, self.nodes[c].rel == Rel::Ccomp) else {
                continue;
            };
            let subject_pronoun = SUBJECT_PRONOUNS.contains(&self.nodes[o].word.as_str());
            if self.nodes[o].head == Some(h)
                && matches!(self.nodes[o].rel, Rel::Obj | Rel::Other)
                && subject_pronoun
                && !self.heads_subject(c)
            {
                self.nodes[o].head = Some(c);
                self.nodes[o].rel = Rel::Nsubj;
                let has_object = self
                    .nodes
                    .iter()
                    .any(|n| n.head == Some(c) && n.rel == Rel::Obj);
                let later = (c + 1..self.nodes.len())
                    .find(|&k| self.nodes[k].head == Some(h) && self.nodes[k].rel == Rel::Obj);
                if let (false, Some(k)) = (has_object, later) {
                    self.nodes[k].head = Some(c);
                }
            }
        }
    }

    /// "Officials are about to restore ties" parsed with "restore" a clausal
    /// subject of "about", which has a subject already: a clause has one
    /// subject, so a later infinitive marked `csubj` of an adjective
    /// ("about", "able", "ready") is its complement (`xcomp`).
    pub(super) fn second_subject_complements(&mut self) {
        for c in 0..self.nodes.len() {
            let Some(h) = self.nodes[c].head else {
                continue;
            };
            if self.nodes[c].rel != Rel::Csubj || c < h || self.nodes[h].upos != Upos::Adj {
                continue;
            }
            let to = self
                .nodes
                .iter()
                .any(|n| n.head == Some(c) && n.rel == Rel::Mark && n.word == "TO");
            let subject = self
                .nodes
                .iter()
                .enumerate()
                .any(|(k, n)| k != c && n.head == Some(h) && n.rel == Rel::Nsubj);
            if to && subject {
                self.nodes[c].rel = Rel::Xcomp;
            }
        }
    }

    /// "Lions, tigers, and Gondor welcomed …" parsed with two subjects of
    /// one verb: a later subject joined to the first by a conjunction or
    /// comma is its conjunct; a name right after a common noun is its
    /// apposition ("the head Minerva McGonagall left").
    pub(super) fn coordinated_subjects(&mut self) {
        for v in 0..self.nodes.len() {
            let subjects: Vec<usize> = (0..v)
                .filter(|&i| self.nodes[i].head == Some(v) && self.nodes[i].rel == Rel::Nsubj)
                .collect();
            let Some((&first, later)) = subjects.split_first() else {
                continue;
            };
            for &l in later {
                let joined = self.nodes[first + 1..l]
                    .iter()
                    .any(|n| matches!(n.word.as_str(), "AND" | "OR" | ","));
                if joined {
                    self.nodes[l].head = Some(first);
                    self.nodes[l].rel = Rel::Conj;
                } else if l == first + 1
                    && self.nodes[first].upos == Upos::Noun
                    && self.nodes[l].upos == Upos::Propn
                {
                    self.nodes[l].head = Some(first);
                    self.nodes[l].rel = Rel::Appos;
                }
            }
        }
    }

    /// "condemned an attack and promised aid" parsed with "aid" a second
    /// object of "condemned": an object after a conjoined verb that has
    /// none is that verb's (a verb's only object stays: "condemned and
    /// rejected the plan" shares it, as UD attaches it).
    pub(super) fn conjunct_objects(&mut self) {
        for o in 0..self.nodes.len() {
            let Some(h) = self.nodes[o].head else {
                continue;
            };
            if self.nodes[o].rel != Rel::Obj || h > o {
                continue;
            }
            let conjunct = (h + 1..o).rev().find(|&c| {
                self.nodes[c].head == Some(h)
                    && self.nodes[c].rel == Rel::Conj
                    && self.nodes[c].upos == Upos::Verb
            });
            let Some(c) = conjunct else { continue };
            let has_object = self
                .nodes
                .iter()
                .any(|n| n.head == Some(c) && n.rel == Rel::Obj);
            let first_object =
                (h + 1..c).any(|i| self.nodes[i].head == Some(h) && self.nodes[i].rel == Rel::Obj);
            if first_object && !has_object {
                self.nodes[o].head = Some(c);
            }
        }
    }

    /// "…, the official news agency said on Thursday" parsed with the
    /// agency hanging elsewhere: a speech verb without subject takes the
    /// noun phrase between a comma and itself.
    pub(super) fn postposed_speakers(&mut self) {
        const SPEECH: &[&str] = &["SAY", "TELL", "REPORT", "ANNOUNCE", "ADD", "STATE", "CLAIM"];
        for v in 2..self.nodes.len() {
            let node = &self.nodes[v];
            // (a "said" the parser made a copula is left alone)
            if node.upos != Upos::Verb
                || matches!(node.rel, Rel::Cop | Rel::Aux)
                || !SPEECH.contains(&node.lemma.as_str())
                || self.heads_subject(v)
            {
                continue;
            }
            let w = v - 1;
            if !matches!(self.nodes[w].upos, Upos::Noun | Upos::Propn) {
                continue;
            }
            let mut k = w;
            while k > 0
                && matches!(
                    self.nodes[k - 1].upos,
                    Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num
                )
            {
                k -= 1;
            }
            // a phrase after a comma, and not above the verb
            let mut above = self.nodes[v].head;
            let mut steps = 0;
            while let Some(a) = above {
                if a == w || steps > self.nodes.len() {
                    break;
                }
                above = self.nodes[a].head;
                steps += 1;
            }
            if k == 0 || self.nodes[k - 1].word != "," || above == Some(w) {
                continue;
            }
            self.nodes[w].head = Some(v);
            self.nodes[w].rel = Rel::Nsubj;
            for j in k..w {
                if self.nodes[j].head.is_none_or(|h| h < k || h > w) {
                    self.nodes[j].head = Some(w);
                    self.nodes[j].rel = match self.nodes[j].upos {
                        Upos::Det => Rel::Det,
                        Upos::Adj => Rel::Amod,
                        Upos::Num => Rel::Nummod,
                        _ => Rel::Compound,
                    };
                }
            }
        }
    }

    /// "Mevlüt Çavuşoğlu, Turkey's foreign minister, accused the US"
    /// parsed with the name as the root and the verb beside it
    /// (`parataxis`): a finite verb without subject right after the comma
    /// that closes a name's apposition has that name as its subject. The
    /// verb takes the name's place in the tree; a name that was the
    /// adjunct of another clause ("was not consulted before Mike Pompeo,
    /// the US secretary of state, announced the summit") makes the verb
    /// that clause's adjunct, its preposition the verb's marker.
    pub(super) fn apposed_subjects(&mut self) {
        let n = self.nodes.len();
        for v in 3..n {
            let node = &self.nodes[v];
            if node.upos != Upos::Verb
                || !node.finite
                || self.nodes[v - 1].word != ","
                || self.heads_subject(v)
            {
                continue;
            }
            let Some(h) = node.head else { continue };
            // the apposition whose words fill everything up to the comma
            let descends = |mut k: usize, from: usize| {
                for _ in 0..n {
                    match self.nodes[k].head {
                        Some(up) if up == from => return true,
                        Some(up) => k = up,
                        None => return false,
                    }
                }
                false
            };
            let apposition = (0..v - 1).find(|&a| {
                self.nodes[a].rel == Rel::Appos && (a + 1..v - 1).all(|k| descends(k, a))
            });
            let Some(a) = apposition else { continue };
            let Some(name) = self.nodes[a].head.filter(|&m| m < a) else {
                continue;
            };
            if !matches!(self.nodes[name].upos, Upos::Propn | Upos::Noun) {
                continue;
            }
            if name == h {
                self.nodes[v].head = self.nodes[name].head;
                self.nodes[v].rel = self.nodes[name].rel;
            } else if self.nodes[name].head == Some(h)
                && h < name
                && self.nodes[name].rel == Rel::Obl
            {
                self.nodes[v].rel = Rel::Advcl;
                for k in 0..name {
                    if self.nodes[k].head == Some(name) && self.nodes[k].rel == Rel::Case {
                        self.nodes[k].head = Some(v);
                        self.nodes[k].rel = Rel::Mark;
                    }
                }
            } else {
                continue;
            }
            self.nodes[name].head = Some(v);
            self.nodes[name].rel = Rel::Nsubj;
            for k in v + 1..n {
                if self.nodes[k].head == Some(name) {
                    self.nodes[k].head = Some(v);
                }
            }
        }
    }

    /// "The US has long partnered with …" parsed with "US" the subject of
    /// "has": a subject of an auxiliary is its verb's.
    pub(super) fn auxiliary_subjects(&mut self) {
        for i in 0..self.nodes.len() {
            let Some(a) = self.nodes[i].head else {
                continue;
            };
            if !self.nodes[i].rel.is_subject()
                || self.nodes[a].upos != Upos::Aux
                || !matches!(self.nodes[a].rel, Rel::Aux | Rel::AuxPass)
            {
                continue;
            }
            self.nodes[i].head = self.nodes[a].head;
        }
    }

    /// "Letts told ITV News he did not believe …" parsed with "believe" a
    /// relative clause of "News": a clause on the hearer of "tell"
    /// ("inform", "assure", "warn") whose subject is a personal pronoun
    /// and that no relative word opens is what was told.
    pub(super) fn told_clauses(&mut self) {
        for c in 0..self.nodes.len() {
            let Some(hearer) = self.nodes[c].head else {
                continue;
            };
            let Some(verb) = self.nodes[hearer].head else {
                continue;
            };
            let told = matches!(
                self.nodes[verb].lemma.as_str(),
                "TELL" | "INFORM" | "ASSURE" | "WARN" | "REMIND" | "NOTIFY"
            );
            if self.nodes[c].rel != Rel::Acl
                || !told
                || !matches!(self.nodes[hearer].rel, Rel::Iobj | Rel::Obj)
                || c < hearer
            {
                continue;
            }
            // (a "that" marking the clause opens a complement, not a
            // relative clause)
            let opens = |n: &Node| {
                n.head == Some(c)
                    && (matches!(
                        n.word.as_str(),
                        "WHO" | "WHICH" | "WHOM" | "WHOSE" | "WHERE"
                    ) || (n.word == "THAT" && n.rel != Rel::Mark))
            };
            let pronoun_subject = (hearer + 1..c).any(|k| {
                self.nodes[k].head == Some(c)
                    && self.nodes[k].rel.is_subject()
                    && SUBJECT_PRONOUNS.contains(&self.nodes[k].word.as_str())
            });
            if pronoun_subject && !self.nodes.iter().any(opens) {
                self.nodes[c].head = Some(verb);
                self.nodes[c].rel = Rel::Ccomp;
            }
        }
    }

    /// "vowed to “strangle” a force" parsed with the quoted verb a noun,
    /// "to" its preposition and "force" its object: a noun with an object
    /// after "to" (quotes between allowed) is an infinitive, the
    /// complement of the verb it hangs on.
    pub(super) fn quoted_infinitives(&mut self) {
        for n in 1..self.nodes.len() {
            let (Some(h), Upos::Noun) = (self.nodes[n].head, self.nodes[n].upos) else {
                continue;
            };
            let Some(to) = (0..n).rev().find(|&k| self.nodes[k].upos != Upos::Punct) else {
                continue;
            };
            if self.nodes[to].word != "TO"
                || self.nodes[to].head != Some(n)
                || self.nodes[h].upos != Upos::Verb
                || !self
                    .nodes
                    .iter()
                    .any(|c| c.head == Some(n) && c.rel == Rel::Obj)
            {
                continue;
            }
            self.nodes[n].upos = Upos::Verb;
            self.nodes[n].rel = Rel::Xcomp;
            self.nodes[to].rel = Rel::Mark;
        }
    }

    /// "hostages were murdered, among them aid workers" parsed with "aid
    /// workers" the passive's agent: an agent whose preposition is not
    /// "by" is an oblique.
    pub(super) fn prepositional_agents(&mut self) {
        for a in 0..self.nodes.len() {
            if self.nodes[a].rel != Rel::Agent {
                continue;
            }
            let other = self.nodes[..a]
                .iter()
                .any(|n| n.head == Some(a) && n.rel == Rel::Case && n.word != "BY");
            if other {
                self.nodes[a].rel = Rel::Obl;
            }
        }
    }

    /// "shelled rebel-held areas" parsed with "rebel" on "held": the word
    /// before a hyphenated participle of holding or leading ("-held",
    /// "-controlled", "-led") that modifies a noun says who holds or leads
    /// what the noun names, and belongs to the noun's phrase, as when the
    /// parser makes it the noun's compound ("Isis-held villages").
    pub(super) fn holder_compounds(&mut self) {
        for p in 2..self.nodes.len() {
            let x = p - 2;
            let holding = matches!(
                self.nodes[p].word.as_str(),
                "HELD" | "CONTROLLED" | "LED" | "OCCUPIED" | "DOMINATED"
            );
            let (Some(n), true) = (self.nodes[p].head, holding) else {
                continue;
            };
            if self.nodes[p - 1].word != "-"
                || self.nodes[p].rel != Rel::Amod
                || self.nodes[x].head != Some(p)
            {
                continue;
            }
            self.nodes[x].head = Some(n);
            self.nodes[x].rel = match self.nodes[x].upos {
                Upos::Adj => Rel::Amod,
                _ => Rel::Compound,
            };
        }
    }

    /// "the decision to withdraw the troops stationed in Syria" parsed
    /// with "stationed" on "decision": a participle clause right after a
    /// noun modifies that noun.
    pub(super) fn adjacent_participles(&mut self) {
        for i in 1..self.nodes.len() {
            let node = &self.nodes[i];
            let Some(h) = node.head else {
                continue;
            };
            let before = &self.nodes[i - 1];
            if node.rel == Rel::Acl
                && node.participle
                && h < i - 1
                && matches!(before.upos, Upos::Noun | Upos::Propn)
                && before.head != Some(i)
            {
                self.nodes[i].head = Some(i - 1);
            }
        }
    }

    /// "Russia, Turkey and Iran have spurned efforts" parsed with "have"
    /// as the verb and "spurned" its complement: a form of "have" whose
    /// complement is the past participle right after it (an adverb
    /// between) is that participle's auxiliary, and the participle takes
    /// its place and its dependents.
    pub(super) fn perfect_auxiliaries(&mut self) {
        let n = self.nodes.len();
        for a in 0..n {
            if self.nodes[a].lemma != "HAVE" {
                continue;
            }
            let next = (a + 1..n.min(a + 3)).find(|&p| {
                self.nodes[p].head == Some(a)
                    && matches!(self.nodes[p].rel, Rel::Xcomp | Rel::Ccomp)
                    && self.nodes[p].upos == Upos::Verb
                    && self.nodes[p].participle
            });
            let Some(p) = next else { continue };
            if (a + 1..p)
                .any(|k| self.nodes[k].upos != Upos::Other && self.nodes[k].head != Some(p))
            {
                continue;
            }
            self.nodes[p].head = self.nodes[a].head;
            self.nodes[p].rel = self.nodes[a].rel;
            for k in 0..n {
                if k != p && self.nodes[k].head == Some(a) {
                    self.nodes[k].head = Some(p);
                }
            }
            self.nodes[a].head = Some(p);
            self.nodes[a].rel = Rel::Aux;
            self.nodes[a].upos = Upos::Aux;
        }
    }
}
