//! Expansion of compound actors: coordinated phrases and country
//! modifiers into one actor each.

use super::{Coder, Scratch};
use crate::labels::Rel;
use crate::tree::{Tree, Upos};
use dyad_core::Date;

impl Coder {
    /// The actors of the phrase headed by `head` and its conjuncts, or
    /// the two a reciprocal phrase stands for ([`Coder::reciprocal`]). A
    /// coordinated country modifier gives one actor per country ("the
    /// ambassadors of A, B and C" → AGOV, BGOV, CGOV), and coordinated
    /// agents share it ("lawmakers and officials in A and B" → ALEG, BLEG,
    /// AGOV, BGOV).
    pub(super) fn expand(&self, s: &mut Scratch, head: usize, date: Option<Date>) -> Vec<usize> {
        // "both sides", "the two leaders": the two actors named before
        if let Some(pair) = self.reciprocal(s, head) {
            let at = s.resolved.len();
            s.resolved.extend(pair);
            return vec![at, at + 1];
        }
        let heads = listed_heads(&s.tree, head);
        let mut out: Vec<usize> = Vec::new();
        let mut shared: Option<usize> = None;
        for (k, &h) in heads.iter().enumerate() {
            let Some(r) = self.actor(s, h, date) else {
                continue;
            };
            let own = self.country_modifier(s, h, date);
            if k == 0 {
                shared = own;
            }
            if let Some(m) = own.or(shared)
                && let Some(rm) = self.actor(s, m, date)
            {
                let (code, country) = (&s.resolved[r].code, &s.resolved[rm].code);
                let suffix = if let Some(rest) = code.strip_prefix(country.as_str()) {
                    Some(rest.to_string())
                } else {
                    code.strip_prefix("---").map(str::to_string)
                };
                let mut countries = vec![m];
                countries.extend(s.tree.children(m).iter().copied().filter(|&c| {
                    let n = &s.tree.nodes[c];
                    n.rel == Rel::Conj && (n.upos.is_nominal() || n.upos == Upos::Adj)
                }));
                if let Some(suffix) = suffix
                    && (countries.len() > 1 || code.starts_with("---"))
                {
                    for c in countries {
                        let Some(rc) = self.actor(s, c, date) else {
                            continue;
                        };
                        if s.resolved[rc].code.starts_with("---") {
                            continue;
                        }
                        let mut one = s.resolved[r].clone();
                        // (not twice: "the objection of his advisers")
                        let base = &s.resolved[rc].code;
                        one.code = if base.get(3..).is_some_and(|b| b.ends_with(&suffix)) {
                            base.clone()
                        } else {
                            format!("{base}{suffix}")
                        };
                        if !out.iter().any(|&o| s.resolved[o].code == one.code) {
                            s.resolved.push(one);
                            out.push(s.resolved.len() - 1);
                        }
                    }
                    continue;
                }
            }
            out.push(r);
        }
        out
    }

    /// For a common noun `h` that is no actor, the first actor among its
    /// `of`/`between`/`among`/`from` modifiers, two levels deep
    /// ("resumption of ties between A and B" → A); `None` when `h` is an
    /// actor itself or no such modifier names one.
    pub(super) fn inner_actor(
        &self,
        s: &mut Scratch,
        h: usize,
        date: Option<Date>,
    ) -> Option<usize> {
        if s.tree.nodes[h].upos != Upos::Noun || self.actor(s, h, date).is_some() {
            return None;
        }
        let mut level = vec![h];
        for _ in 0..2 {
            let mut next = Vec::new();
            for &p in &level {
                for k in 0..s.tree.children(p).len() {
                    let c = s.tree.children(p)[k];
                    let n = &s.tree.nodes[c];
                    if n.rel == Rel::Nmod
                        && n.upos.is_nominal()
                        && matches!(s.tree.case_of(c), Some("OF" | "BETWEEN" | "AMONG" | "FROM"))
                    {
                        if self.actor(s, c, date).is_some() {
                            return Some(c);
                        }
                        next.push(c);
                    }
                }
            }
            level = next;
        }
        None
    }

    /// The prepositional modifier of nominal `h` naming a country or
    /// other actor ("in Arnor", "of Gondor", "from Bree"), or its
    /// coordinated modifier ("Arnorian and Gondorian troops"), if any.
    pub(super) fn country_modifier(
        &self,
        s: &mut Scratch,
        h: usize,
        date: Option<Date>,
    ) -> Option<usize> {
        let candidates: Vec<usize> = s
            .tree
            .children(h)
            .iter()
            .copied()
            .filter(|&c| {
                let n = &s.tree.nodes[c];
                (n.rel == Rel::Nmod && matches!(s.tree.case_of(c), Some("FROM" | "IN" | "OF" | "AT")))
                    // "Eriadori and Calenardhon leaders", "Iraqi and
                    // Syrian troops": coordinated modifiers before the noun
                    || (c < h
                        && matches!(n.rel, Rel::Amod | Rel::Compound)
                        && s.tree.children(c).iter().any(|&g| s.tree.nodes[g].rel == Rel::Conj))
            })
            .collect();
        candidates.into_iter().find(|&c| {
            self.actor(s, c, date)
                .is_some_and(|r| !s.resolved[r].code.starts_with("---"))
        })
    }
}

/// The heads of the list headed by `head`: its conjuncts, apposed list
/// members and company named "along with", at most 16.
fn listed_heads(tree: &Tree, head: usize) -> Vec<usize> {
    let mut heads = vec![head];
    // (the list found from its "along with" member: the head it is with)
    let node = &tree.nodes[head];
    if node.rel == Rel::Nmod
        && tree.case_of(head) == Some("ALONG")
        && let Some(with) = node.head
    {
        heads.insert(0, with);
    }
    let mut at = 0;
    while at < heads.len() && heads.len() < 16 {
        let h = heads[at];
        at += 1;
        for &c in tree.children(h) {
            let n = &tree.nodes[c];
            // "Mordor, the Shire, Arnor and Bree" parsed with "Shire" an
            // apposition that heads the rest of the list: an apposition
            // with conjuncts of its own is a list member
            // "Mordor, the awful Arnor, and Gondor": a name apposed
            // before the head's last conjunct is a list member too
            let nominal_conj =
                |g: usize| tree.nodes[g].rel == Rel::Conj && tree.nodes[g].upos.is_nominal();
            // "Putin, along with his Turkish counterpart, …": company
            // named with "along with" acts with the head
            let along = n.rel == Rel::Nmod && tree.case_of(c) == Some("ALONG");
            let listed = n.rel == Rel::Conj
                || along
                || (n.rel == Rel::Appos
                    && (tree.children(c).iter().any(|&g| nominal_conj(g))
                        || n.upos == Upos::Propn
                            && tree.children(h).iter().any(|&g| g > c && nominal_conj(g))));
            if listed && n.upos.is_nominal() && !heads.contains(&c) {
                heads.push(c);
            }
        }
    }
    heads
}
