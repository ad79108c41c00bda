//! Verb patterns compiled once at load: synsets resolved to indices,
//! literal words hashed for a quick "can this pattern match here" test, and
//! an index from every verb word (form and lemma) to its blocks.

use dyad_dict::{Pattern, PatternItem, Provenance, VerbCode, VerbDict};
use std::collections::HashMap;

/// A compiled pattern element.
#[derive(Clone, Debug)]
pub(crate) enum Item {
    /// A word (matches a form or a lemma).
    Word(Box<str>),
    /// Elements that must be consecutive.
    Seq(Vec<Item>),
    /// Any member of the synset with this index.
    Synset(usize),
    /// A noun phrase: elements in order.
    Phrase(Vec<Item>),
    /// A prepositional phrase.
    Prep(Box<Item>, Vec<Item>),
    /// `$`.
    Source,
    /// `+`.
    Target,
    /// `^`.
    Skip,
    /// `%`.
    Compound,
}

/// A compiled verb pattern.
#[derive(Clone, Debug)]
pub(crate) struct CompiledPattern {
    pub before: Vec<Item>,
    pub after: Vec<Item>,
    pub before_adjacent: bool,
    pub after_adjacent: bool,
    /// See [`dyad_dict::Pattern::closed_phrases`].
    pub closed_phrases: bool,
    pub code: VerbCode,
    pub provenance: Provenance,
    /// The pattern as written (for evidence and traces).
    pub text: String,
    /// Specificity: more elements win.
    pub weight: u32,
    /// Hashes of words that must occur in the sentence.
    pub anchors: Vec<u64>,
}

/// Where a verb word points (the verb dictionary's own index entry).
pub(crate) type VerbRef = dyad_dict::FormRef;

/// Everything the coder precomputes from the verb dictionary.
#[derive(Debug, Default)]
pub(crate) struct Compiled {
    /// Per block, its patterns.
    pub patterns: Vec<Vec<CompiledPattern>>,
    /// Per synset, its members (each a consecutive sequence).
    pub synsets: Vec<Vec<Vec<Item>>>,
    /// Per synset, the sorted hashes of its members' first words, or
    /// `None` when a member starts with something else (no quick test).
    pub synset_firsts: Vec<Option<Vec<u64>>>,
    /// Verb form (upper-cased) → forms; multi-word forms first.
    pub forms: HashMap<Box<str>, Vec<VerbRef>>,
    /// Patterns skipped because they name an unknown synset.
    pub unknown_synsets: Vec<(Provenance, String)>,
}

/// FNV-1a of a word.
pub(crate) fn hash_word(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Compiled {
    /// Compiles `verbs`: synsets, patterns and the form index.
    pub fn new(verbs: &VerbDict) -> Compiled {
        let mut compiled = Compiled::default();
        let names: HashMap<&str, usize> = verbs
            .synsets()
            .iter()
            .enumerate()
            .map(|(i, s)| (&*s.name, i))
            .collect();
        compiled.synsets = compile_synsets(verbs, &names);
        compiled.synset_firsts = compiled.synsets.iter().map(|m| first_words(m)).collect();
        for block in verbs.blocks() {
            let mut out = Vec::with_capacity(block.patterns.len());
            for p in &block.patterns {
                match compile_pattern(p, &names) {
                    Ok(Some(c)) => out.push(c),
                    Ok(None) => {}
                    Err(name) => compiled.unknown_synsets.push((p.provenance.clone(), name)),
                }
            }
            compiled.patterns.push(out);
        }
        compiled.forms = verbs.form_index().clone();
        compiled
    }
}

/// Every synset's members, the longest first.
fn compile_synsets(verbs: &VerbDict, names: &HashMap<&str, usize>) -> Vec<Vec<Vec<Item>>> {
    let mut bad = None;
    verbs
        .synsets()
        .iter()
        .map(|s| {
            let mut members = Vec::new();
            for m in &s.members {
                members.push(
                    m.items
                        .iter()
                        .map(|i| convert(i, names, &mut bad))
                        .collect(),
                );
                if let Some(plural) = &m.plural {
                    members.push(plural.iter().map(|i| convert(i, names, &mut bad)).collect());
                }
            }
            // the longest member first: "austrian gold florin" before
            // "florin"
            members.sort_by_key(|m: &Vec<Item>| std::cmp::Reverse(m.len()));
            members
        })
        .collect()
}

/// The sorted hashes of a synset's members' first words, or `None` when a
/// member starts with something else.
fn first_words(members: &[Vec<Item>]) -> Option<Vec<u64>> {
    let mut firsts = Vec::with_capacity(members.len());
    for m in members {
        match m.first() {
            Some(Item::Word(w)) => firsts.push(hash_word(w)),
            _ => return None,
        }
    }
    firsts.sort_unstable();
    Some(firsts)
}

/// Pattern `p` compiled; `Ok(None)` for a legacy code that is no event,
/// `Err` with the name of an unknown synset it names.
fn compile_pattern(
    p: &Pattern,
    names: &HashMap<&str, usize>,
) -> Result<Option<CompiledPattern>, String> {
    let mut bad = None;
    let before: Vec<Item> = p
        .before
        .iter()
        .map(|i| convert(i, names, &mut bad))
        .collect();
    let after: Vec<Item> = p
        .after
        .iter()
        .map(|i| convert(i, names, &mut bad))
        .collect();
    if let Some(name) = bad {
        return Err(name);
    }
    let odd = |c: &Option<Box<str>>| {
        c.as_ref()
            .is_some_and(|c| !c.bytes().all(|b| b.is_ascii_alphanumeric()))
    };
    if odd(&p.code.code) || odd(&p.code.reciprocal) {
        // legacy `[+++]`/`[###]` codes: not events
        return Ok(None);
    }
    let mut anchors = Vec::new();
    let mut weight = 0;
    for item in before.iter().chain(&after) {
        weigh(item, &mut weight, &mut anchors);
    }
    Ok(Some(CompiledPattern {
        text: pattern_text(&p.before, &p.after, p.before_adjacent, p.after_adjacent),
        before,
        after,
        before_adjacent: p.before_adjacent,
        after_adjacent: p.after_adjacent,
        closed_phrases: p.closed_phrases,
        code: p.code.clone(),
        provenance: p.provenance.clone(),
        weight,
        anchors,
    }))
}

fn weigh(item: &Item, weight: &mut u32, anchors: &mut Vec<u64>) {
    match item {
        Item::Word(w) => {
            *weight += 2;
            anchors.push(hash_word(w));
        }
        Item::Seq(items) | Item::Phrase(items) => {
            for i in items {
                weigh(i, weight, anchors);
            }
        }
        Item::Prep(prep, objects) => {
            weigh(prep, weight, anchors);
            for i in objects {
                weigh(i, weight, anchors);
            }
        }
        Item::Synset(_) => *weight += 2,
        Item::Source | Item::Target | Item::Compound => *weight += 1,
        Item::Skip => {}
    }
}

fn convert(item: &PatternItem, names: &HashMap<&str, usize>, bad: &mut Option<String>) -> Item {
    match item {
        PatternItem::Word(w) => Item::Word(w.clone()),
        PatternItem::Synset(name) => match names.get(&**name) {
            Some(&i) => Item::Synset(i),
            None => {
                *bad = Some(name.to_string());
                Item::Skip
            }
        },
        PatternItem::NounPhrase(items) => {
            Item::Phrase(items.iter().map(|i| convert(i, names, bad)).collect())
        }
        PatternItem::Prep { prep, objects } => Item::Prep(
            Box::new(convert(prep, names, bad)),
            objects.iter().map(|i| convert(i, names, bad)).collect(),
        ),
        PatternItem::Consecutive(items) => {
            Item::Seq(items.iter().map(|i| convert(i, names, bad)).collect())
        }
        PatternItem::Source => Item::Source,
        PatternItem::Target => Item::Target,
        PatternItem::Skip => Item::Skip,
        PatternItem::Compound => Item::Compound,
    }
}

/// Writes a pattern back in dictionary syntax.
fn pattern_text(
    before: &[PatternItem],
    after: &[PatternItem],
    before_adjacent: bool,
    after_adjacent: bool,
) -> String {
    let mut out = String::new();
    for item in before {
        write_item(item, &mut out);
        out.push(' ');
    }
    if before_adjacent && out.ends_with(' ') {
        out.pop();
        out.push('_');
    }
    out.push('*');
    for (i, item) in after.iter().enumerate() {
        out.push(if i == 0 && after_adjacent { '_' } else { ' ' });
        write_item(item, &mut out);
    }
    out
}

fn write_item(item: &PatternItem, out: &mut String) {
    let join = |items: &[PatternItem], sep: char, out: &mut String| {
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                out.push(sep);
            }
            write_item(it, out);
        }
    };
    match item {
        PatternItem::Word(w) => out.push_str(w),
        PatternItem::Synset(s) => {
            out.push('&');
            out.push_str(s);
        }
        PatternItem::NounPhrase(items) => {
            out.push('{');
            join(items, ' ', out);
            out.push('}');
        }
        PatternItem::Prep { prep, objects } => {
            out.push('(');
            write_item(prep, out);
            for o in objects {
                out.push(' ');
                write_item(o, out);
            }
            out.push(')');
        }
        PatternItem::Consecutive(items) => join(items, '_', out),
        PatternItem::Source => out.push('$'),
        PatternItem::Target => out.push('+'),
        PatternItem::Skip => out.push('^'),
        PatternItem::Compound => out.push('%'),
    }
}
