//! Pattern matching: a verb block's pattern items against the words
//! before and after the verb.

use super::{Coder, Scratch};
use crate::actor::phrase_head;
use crate::compile::{Compiled, Item};
use crate::labels::Rel;
use crate::tree::{Tree, Upos};
use dyad_core::Date;

/// Actor slots bound by a pattern.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Bind {
    pub(super) source: Option<usize>,
    pub(super) target: Option<usize>,
    pub(super) compound: Option<usize>,
    /// Words of synset members matched: of two patterns alike, the one
    /// matching the longer member wins ("austrian gold florin").
    pub(super) synset_words: usize,
    /// The pattern's `{…}` phrases are closed
    /// ([`dyad_dict::Pattern::closed_phrases`]).
    pub(super) closed: bool,
    /// Matching the part before the verb, where a word is a noun phrase's
    /// or a preposition, not an adverb or conjunction ("*Neither* X nor Y
    /// boycotted", "X *recently* allowed" do not match `NEITHER *`,
    /// `RECENTLY *`, as in PETRARCH).
    pub(super) before: bool,
    /// A verb other than the coded one that a pattern word matched (the
    /// complement in `* (TO QUESTION)`, `* LINKED`): its phrases are the
    /// pattern's, so the target may come from them.
    pub(super) complement: Option<usize>,
    /// The last word other than a preposition or subordinator that a
    /// pattern word matched.
    pub(super) matched: Option<usize>,
}

/// One pattern being matched: what every step reads (the coder, its
/// compiled dictionaries, the sentence's date), the scratch space it works
/// in, and the actor slots bound so far.
pub(super) struct Matcher<'a> {
    coder: &'a Coder,
    c: &'a Compiled,
    s: &'a mut Scratch,
    date: Option<Date>,
    /// The slots bound so far; a failed attempt leaves them as they were.
    pub(super) bind: Bind,
}

impl<'a> Matcher<'a> {
    /// A match of a pattern of `c`, in the sentence in `s` dated `date`,
    /// starting with the slots `bind`.
    pub(super) fn new(
        coder: &'a Coder,
        c: &'a Compiled,
        s: &'a mut Scratch,
        date: Option<Date>,
        bind: Bind,
    ) -> Self {
        Matcher {
            coder,
            c,
            s,
            date,
            bind,
        }
    }

    /// Matches `items` in order against `seq[pos..]`, gaps allowed between
    /// items (none before the first when `anchored`; the last must end the
    /// sequence when `to_end`). Returns the end position.
    pub(super) fn match_items(
        &mut self,
        items: &[Item],
        seq: &[usize],
        pos: usize,
        anchored: bool,
        to_end: bool,
    ) -> Option<usize> {
        let Some((first, rest)) = items.split_first() else {
            return (!to_end || pos == seq.len()).then_some(pos);
        };
        let last_start = if anchored { pos + 1 } else { seq.len() };
        for q in pos..last_start.min(seq.len()) {
            let saved = self.bind;
            if let Some(e) = self.match_item(first, seq, q)
                && let Some(end) = self.match_items(rest, seq, e, false, to_end)
            {
                return Some(end);
            }
            self.bind = saved;
        }
        None
    }

    /// Matches the head element of a `{…}` phrase at `seq[q]`, where
    /// words need not be phrase heads.
    fn match_phrase_word(&mut self, item: &Item, seq: &[usize], q: usize) -> Option<usize> {
        match item {
            Item::Word(w) => {
                let n = &self.s.tree.nodes[*seq.get(q)?];
                (*n.word == **w || *n.lemma == **w).then_some(q + 1)
            }
            Item::Synset(i) => {
                let members = self.c.synsets.get(*i)?;
                members.iter().find_map(|m| {
                    let (last, lead) = m.split_last()?;
                    let start = q.checked_sub(lead.len())?;
                    let mut at = start;
                    for it in lead {
                        at = self.match_phrase_word(it, seq, at)?;
                    }
                    self.match_phrase_word(last, seq, at)
                })
            }
            other => self.match_item(other, seq, q),
        }
    }

    /// Matches the words `items` in order inside one noun phrase starting
    /// at `seq[q]`, the last being the phrase's head; returns its end.
    fn match_noun_phrase(&mut self, items: &[Item], seq: &[usize], q: usize) -> Option<usize> {
        let &t = seq.get(q)?;
        let head = phrase_head(&self.s.tree, t);
        let end = phrase_end(&self.s.tree, seq, q, head);
        let sub = seq.get(..end)?;
        let (last, lead) = items.split_last()?;
        let head_pos = seq
            .iter()
            .position(|&x| x == head)
            .filter(|&p| p >= q && p < end)?;
        let head_sub = seq.get(..head_pos)?;
        let mut at = q;
        for (k, it) in lead.iter().enumerate() {
            let last_start = if k == 0 { at + 1 } else { head_sub.len() };
            // the word before the head is consecutive with it ("economic
            // relations", not "economic trade relations"); earlier ones
            // may have words between them
            let closing = self.bind.closed && k + 1 == lead.len();
            at = (at..last_start.min(head_sub.len())).find_map(|p| {
                self.match_phrase_word(it, head_sub, p).filter(|&e| {
                    !closing || e == head_pos || next_to_head(&self.s.tree, seq, e, head_pos)
                })
            })?;
        }
        let e = self.match_phrase_word(last, seq, head_pos)?;
        Some(e.max(end.min(sub.len())))
    }

    /// Matches one item starting exactly at `seq[q]`; returns its end.
    fn match_item(&mut self, item: &Item, seq: &[usize], q: usize) -> Option<usize> {
        let &t = seq.get(q)?;
        match item {
            Item::Word(w) => match_word(&self.s.tree, w, t, &mut self.bind).then_some(q + 1),
            Item::Seq(items) => {
                let mut at = q;
                for it in items {
                    at = self.match_item(it, seq, at)?;
                }
                Some(at)
            }
            Item::Synset(i) => self.match_synset(*i, seq, q),
            Item::Phrase(items) => self.match_noun_phrase(items, seq, q),
            Item::Prep(prep, objects) => self.match_prep((prep, objects.as_slice()), seq, q),
            Item::Source | Item::Target | Item::Compound => {
                let head = phrase_head(&self.s.tree, t);
                if !self.s.tree.nodes[head].upos.is_nominal() {
                    return None;
                }
                // "the bombardment of the enclave by Syrian planes": an
                // event noun's by-phrase is its doer, never its target
                if matches!(item, Item::Target)
                    && std::ptr::eq(self.c, &self.coder.nominal)
                    && self.s.tree.case_of(head) == Some("BY")
                {
                    return None;
                }
                if matches!(item, Item::Compound) {
                    if !self.s.tree.has_child(head, Rel::Conj)
                        && self.coder.reciprocal(self.s, head).is_none()
                    {
                        return None;
                    }
                } else {
                    self.coder.actor(self.s, head, self.date)?;
                }
                match item {
                    Item::Source => self.bind.source = Some(head),
                    Item::Target => self.bind.target = Some(head),
                    _ => self.bind.compound = Some(head),
                }
                Some(phrase_end(&self.s.tree, seq, q, head))
            }
            Item::Skip => {
                let tree = &self.s.tree;
                let head = phrase_head(tree, t);
                tree.nodes[head]
                    .upos
                    .is_nominal()
                    .then(|| phrase_end(tree, seq, q, head))
            }
        }
    }

    /// Matches synset `i` starting exactly at `seq[q]`; returns its end.
    fn match_synset(&mut self, i: usize, seq: &[usize], q: usize) -> Option<usize> {
        let &t = seq.get(q)?;
        let c = self.c;
        if let Some(Some(firsts)) = c.synset_firsts.get(i) {
            let (w, l) = self.s.word_hashes.get(t).copied()?;
            if firsts.binary_search(&w).is_err() && firsts.binary_search(&l).is_err() {
                return None;
            }
        }
        let members = c.synsets.get(i)?;
        let (end, words) = members.iter().find_map(|m| {
            // "martial law", "air strike": a member of several
            // words is one noun phrase, like `{martial law}`
            if m.len() > 1 && m.iter().all(|it| matches!(it, Item::Word(_))) {
                return self.match_noun_phrase(m, seq, q).map(|e| (e, m.len()));
            }
            let mut at = q;
            for it in m {
                at = self.match_item(it, seq, at)?;
            }
            Some((at, m.len()))
        })?;
        self.bind.synset_words += words;
        Some(end)
    }

    /// Matches a prepositional phrase item (the preposition, then its
    /// objects under the preposition's head) starting exactly at `seq[q]`;
    /// returns its end.
    fn match_prep(
        &mut self,
        (prep, objects): (&Item, &[Item]),
        seq: &[usize],
        q: usize,
    ) -> Option<usize> {
        let &t = seq.get(q)?;
        // an infinitive's "to" alone is no prepositional phrase
        // (`(TO) *` does not match "inching nearer to accord"); outside
        // PETRARCH readings, nor with objects when the infinitive modifies
        // a noun (`* (TO +)` "come to X" does not match "come under fire
        // for a decision to revoke X's …")
        let tree = &self.s.tree;
        let node = &tree.nodes[t];
        let noun_infinitive = |h: usize| !self.s.petrarch_readings && tree.nodes[h].rel == Rel::Acl;
        if node.rel == Rel::Mark
            && node.head.is_some_and(|h| {
                tree.nodes[h].upos == Upos::Verb && (objects.is_empty() || noun_infinitive(h))
            })
        {
            return None;
        }
        let e = self.match_item(prep, seq, q)?;
        if objects.is_empty() {
            return Some(e);
        }
        // the objects must sit under the preposition's head
        let tree = &self.s.tree;
        let anchor = tree.nodes[t].head.unwrap_or(t);
        let mut end = e;
        while end < seq.len() && in_subtree(tree, seq[end], anchor) {
            end += 1;
        }
        let sub = seq.get(..end)?;
        self.match_items(objects, sub, e, false, false)
    }
}

/// Whether pattern word `w` matches word `t` (its form or lemma), which
/// must head its phrase when a noun; notes the match in `bind`.
fn match_word(tree: &Tree, w: &str, t: usize, bind: &mut Bind) -> bool {
    let n = &tree.nodes[t];
    if bind.before
        && matches!(n.upos, Upos::Other | Upos::Aux)
        && !matches!(n.rel, Rel::Case | Rel::Fixed)
    {
        return false;
    }
    // a bare noun must be the head of its phrase
    let head_ok = !n.upos.is_nominal() && n.upos != Upos::Adj
        || phrase_head(tree, t) == t
        || matches!(n.rel, Rel::Case | Rel::Mark | Rel::Prt | Rel::Fixed)
        // `* THEIR ^ ABOUT +`: "warned their people about"
        || (n.upos == Upos::Pron && n.rel == Rel::Poss)
        || in_prep_phrase(tree, t);
    let verb = n.upos == Upos::Verb;
    let found = head_ok && (*n.word == *w || *n.lemma == *w);
    if found && !matches!(n.rel, Rel::Case | Rel::Mark | Rel::Fixed) {
        bind.matched = Some(t);
    }
    if found && verb {
        bind.complement = Some(t);
    }
    found
}

/// The position after the last word of `head`'s phrase in `seq`, from `q`.
pub(super) fn phrase_end(tree: &Tree, seq: &[usize], q: usize, head: usize) -> usize {
    let mut e = q + 1;
    while e < seq.len() && (seq[e] <= head || phrase_head(tree, seq[e]) == head) {
        e += 1;
    }
    e
}

/// Whether the word ending at `e` is coordinated with the word just
/// before the head ("death and injury toll" is a death toll).
pub(super) fn next_to_head(tree: &Tree, seq: &[usize], e: usize, head_pos: usize) -> bool {
    let (Some(&w), Some(&next)) = (
        e.checked_sub(1).and_then(|i| seq.get(i)),
        head_pos.checked_sub(1).and_then(|i| seq.get(i)),
    ) else {
        return false;
    };
    tree.nodes[next].rel == Rel::Conj && tree.nodes[next].head == Some(w)
}

/// Whether `node` modifies the object of a preposition ("on *economic*
/// issues"): a pattern's prepositional phrase matches any of its words.
pub(super) fn in_prep_phrase(tree: &Tree, node: usize) -> bool {
    let n = &tree.nodes[node];
    n.rel == Rel::Amod && n.head.is_some_and(|h| tree.case_of(h).is_some())
}

/// Whether `node` is `root` or below it.
pub(super) fn in_subtree(tree: &Tree, mut node: usize, root: usize) -> bool {
    for _ in 0..=tree.len() {
        if node == root {
            return true;
        }
        match tree.nodes[node].head {
            Some(h) => node = h,
            None => return false,
        }
    }
    false
}
