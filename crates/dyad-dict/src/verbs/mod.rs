//! The verb dictionary: synsets, verb blocks, patterns and transformations.
//!
//! ```text
//! &CURRENCY                       synset (label ending in `_`: no plurals)
//! +DOLLAR                         member (plural DOLLARS generated)
//! +CASH_                          member without plural
//!
//! ---  GRANT   [070]  ---         verb block with its primary code
//! GIVE {GAVE GIVEN GIVING GIVES}  verb with its irregular forms
//! CONTRIBUTE [071]                verb with its own code
//! +BEEF_UP                        multi-word verb, `+` marks the verb word
//! - * &CURRENCY (TO $)   [071]    pattern: `*` is the verb, `$` source, `+` target
//! - &MILITARY * EXERCISES [062:062]   code : reciprocal code
//!
//! ~ a (a b ATTACK) SAY = a b 015  transformation
//! ```

mod parse;
mod pattern;

use crate::diag::Sink;
use crate::{Diagnostic, Provenance, source};
use std::collections::HashMap;
use std::fmt;

pub use pattern::{TransformEvent, TransformTarget, TransformVar, TransformVerb, Transformation};

/// The event code(s) a verb or pattern produces.
///
/// `[042]` gives an event from source to target; `[042:043]` also one from
/// target to source (TABARI's paired codes); `[:173]` only the latter;
/// `[---]` none. A pattern with the null code is a filter: when it matches,
/// the verb is not coded. Codes that are not 2–4 digits (legacy `[###]`,
/// `[+++]`, `[075A]`) are kept as written and reported.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct VerbCode {
    /// The code of the source → target event; `None` for the null code `---`.
    pub code: Option<Box<str>>,
    /// The code of the paired target → source event, after `:`.
    pub reciprocal: Option<Box<str>>,
}

impl VerbCode {
    /// Whether neither direction produces an event (`[---]`).
    pub fn is_null(&self) -> bool {
        self.code.is_none() && self.reciprocal.is_none()
    }
}

impl fmt::Display for VerbCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.code, &self.reciprocal) {
            (None, None) => f.write_str("---"),
            (Some(c), None) => f.write_str(c),
            (c, Some(r)) => write!(f, "{}:{r}", c.as_deref().unwrap_or("")),
        }
    }
}

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PatternItem {
    /// A word, upper-cased (usually the head noun of a phrase).
    Word(Box<str>),
    /// `&NAME`: any member of the synset `NAME`.
    Synset(Box<str>),
    /// `{FINANCIAL AID}`: a noun phrase; the last element is its head.
    NounPhrase(Vec<PatternItem>),
    /// `(FOR AID)`: a prepositional phrase, its preposition and objects.
    Prep {
        /// The preposition (a [`PatternItem::Word`] or [`PatternItem::Synset`]).
        prep: Box<PatternItem>,
        /// The objects of the preposition; may be empty as in `(TO)`.
        objects: Vec<PatternItem>,
    },
    /// `A_B_C` (TABARI style): elements that must be consecutive.
    Consecutive(Vec<PatternItem>),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `^`: skip a noun phrase.
    Skip,
    /// `%`: a compound actor (the verb applies to each actor of it).
    Compound,
}

/// A verb pattern: what must surround the verb for the code to apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The elements before the verb `*`, in order.
    pub before: Vec<PatternItem>,
    /// The elements after the verb, in order.
    pub after: Vec<PatternItem>,
    /// `IN_*`: the last element of `before` must immediately precede the verb.
    pub before_adjacent: bool,
    /// `*_OUT`: the first element of `after` must immediately follow the verb.
    pub after_adjacent: bool,
    /// `{…}` phrases are closed, as in PETRARCH: the word before the head
    /// must immediately precede it (`{ECONOMIC RELATIONS}` does not match
    /// "economic trade relations"). dyad's own format leaves them open
    /// ("common African currency" is a `{common currency}`).
    pub closed_phrases: bool,
    /// The code the pattern produces.
    pub code: VerbCode,
    /// The `#` comment, which in the PETRARCH files names the verb the
    /// pattern came from.
    pub comment: Option<Box<str>>,
    /// Where it was written.
    pub provenance: Provenance,
}

/// One form of a verb: the verb word and, for multi-word verbs, the words
/// that must come before and after it (`WIRE_+TAP`, `+CORDON_OFF`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct VerbForm {
    /// The verb word, upper-cased, e.g. `TAPPED`.
    pub verb: Box<str>,
    /// Words that come right before the verb word, e.g. `[WIRE]`.
    pub before: Vec<Box<str>>,
    /// Words that come right after it, e.g. `[OFF]`.
    pub after: Vec<Box<str>>,
}

impl VerbForm {
    /// Whether the verb has particles (is a multi-word verb).
    pub fn is_multi_word(&self) -> bool {
        !self.before.is_empty() || !self.after.is_empty()
    }
}

impl fmt::Display for VerbForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for w in &self.before {
            write!(f, "{w}_")?;
        }
        if self.is_multi_word() {
            f.write_str("+")?;
        }
        f.write_str(&self.verb)?;
        for w in &self.after {
            write!(f, "_{w}")?;
        }
        Ok(())
    }
}

/// A verb of a block with all its forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verb {
    /// The primary form as written (`HURRY`, `+CORDON_OFF`).
    pub lemma: VerbForm,
    /// Every form: the primary form first, then the irregular forms given in
    /// `{…}`, or else the generated regular forms (`-S`, `-ED`, `-ING`).
    pub forms: Vec<VerbForm>,
    /// The verb's own code, when it has one; otherwise the block's applies.
    pub code: Option<VerbCode>,
    /// Where it was written.
    pub provenance: Provenance,
}

/// A verb synonym block: a `--- NAME [CODE] ---` header, its verbs and
/// patterns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbBlock {
    /// The name in the header, e.g. `ACCELERATE`.
    pub name: Box<str>,
    /// The block's primary code, used for verbs without their own.
    pub code: VerbCode,
    /// The verbs.
    pub verbs: Vec<Verb>,
    /// The patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// Where the header was written.
    pub provenance: Provenance,
}

impl VerbBlock {
    /// The code an isolated `verb` of this block produces.
    pub fn code_of<'a>(&'a self, verb: &'a Verb) -> &'a VerbCode {
        verb.code.as_ref().unwrap_or(&self.code)
    }
}

/// One member of a synset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynsetMember {
    /// The member's elements, consecutive (usually words; may be a synset
    /// or a prepositional phrase).
    pub items: Vec<PatternItem>,
    /// The generated plural, when the member gets one.
    pub plural: Option<Vec<PatternItem>>,
    /// Where it was written.
    pub provenance: Provenance,
}

/// A synonym set, `&NAME` followed by `+member` lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synset {
    /// The name without `&` and without a trailing `_`.
    pub name: Box<str>,
    /// Whether plurals are generated (the label did not end with `_`).
    pub plurals: bool,
    /// The members.
    pub members: Vec<SynsetMember>,
    /// Where the label was written.
    pub provenance: Provenance,
}

/// A verb form found by [`VerbDict::lookup`].
#[derive(Clone, Copy, Debug)]
pub struct VerbMatch<'d> {
    /// The block the verb belongs to (its patterns apply).
    pub block: &'d VerbBlock,
    /// The verb.
    pub verb: &'d Verb,
    /// The form whose verb word was looked up.
    pub form: &'d VerbForm,
}

impl VerbMatch<'_> {
    /// The code the isolated verb produces.
    pub fn code(&self) -> &VerbCode {
        self.block.code_of(self.verb)
    }
}

/// Where a verb word points: block, verb within the block, form within
/// the verb (indices into [`VerbDict::blocks`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormRef {
    /// The block.
    pub block: u32,
    /// The verb within the block.
    pub verb: u32,
    /// The form within the verb.
    pub form: u32,
}

/// The verb dictionary.
#[derive(Clone, Debug, Default)]
pub struct VerbDict {
    synsets: Vec<Synset>,
    synset_index: HashMap<Box<str>, usize>,
    blocks: Vec<VerbBlock>,
    transformations: Vec<Transformation>,
    forms: HashMap<Box<str>, Vec<FormRef>>,
}

impl VerbDict {
    /// An empty dictionary.
    pub fn new() -> VerbDict {
        VerbDict::default()
    }

    /// Parses a verb file's text into a dictionary; `file` names it in
    /// provenance and diagnostics.
    pub fn parse(file: &str, text: &str) -> (VerbDict, Vec<Diagnostic>) {
        Sink::collect(file, |sink| parse::parse(text, sink))
    }

    /// Parses a verb file's bytes (UTF-8; bad bytes are reported).
    pub fn parse_bytes(file: &str, bytes: &[u8]) -> (VerbDict, Vec<Diagnostic>) {
        source::read_decoded(file, bytes, |text| VerbDict::parse(file, text))
    }

    /// A dictionary of these synsets and blocks (read by another reader,
    /// e.g. dyad's own verb format), with its form index built.
    pub(crate) fn from_parts(synsets: Vec<Synset>, blocks: Vec<VerbBlock>) -> VerbDict {
        let synset_index = synsets
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.clone(), i))
            .collect();
        let mut dict = VerbDict {
            synsets,
            synset_index,
            blocks,
            transformations: Vec::new(),
            forms: HashMap::new(),
        };
        dict.index_forms();
        dict
    }

    /// The synsets, in file order.
    pub fn synsets(&self) -> &[Synset] {
        &self.synsets
    }

    /// The synset named `name` (with or without `&`, any case).
    pub fn synset(&self, name: &str) -> Option<&Synset> {
        let name = name.trim().trim_start_matches('&').trim_end_matches('_');
        let key = name.to_uppercase();
        self.synset_index
            .get(key.as_str())
            .and_then(|&i| self.synsets.get(i))
    }

    /// The verb blocks, in file order.
    pub fn blocks(&self) -> &[VerbBlock] {
        &self.blocks
    }

    /// The transformations (`~` lines), in file order.
    pub fn transformations(&self) -> &[Transformation] {
        &self.transformations
    }

    /// The verb forms whose verb word is `word` (any case): multi-word forms
    /// first (their particles must then be checked), then single words, each
    /// in file order.
    pub fn lookup(&self, word: &str) -> impl Iterator<Item = VerbMatch<'_>> + '_ {
        let key = crate::phrase::upper(word.trim());
        self.forms
            .get(&key)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(|r| {
                let block = self.blocks.get(r.block as usize)?;
                let verb = block.verbs.get(r.verb as usize)?;
                let form = verb.forms.get(r.form as usize)?;
                Some(VerbMatch { block, verb, form })
            })
    }

    /// The number of verbs (primary forms) over all blocks.
    pub fn verb_count(&self) -> usize {
        self.blocks.iter().map(|b| b.verbs.len()).sum()
    }

    /// The number of patterns over all blocks.
    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }

    /// The number of distinct verb words that [`lookup`](Self::lookup) knows.
    pub fn form_count(&self) -> usize {
        self.forms.len()
    }

    /// Every verb word (upper-cased) with the forms spelled so, multi-word
    /// forms first, each group in file order.
    pub fn form_index(&self) -> &HashMap<Box<str>, Vec<FormRef>> {
        &self.forms
    }

    fn index_forms(&mut self) {
        let mut forms: HashMap<Box<str>, Vec<FormRef>> = HashMap::new();
        for (b, block) in self.blocks.iter().enumerate() {
            for (v, verb) in block.verbs.iter().enumerate() {
                for (f, form) in verb.forms.iter().enumerate() {
                    let (Ok(block), Ok(verb), Ok(form_idx)) =
                        (u32::try_from(b), u32::try_from(v), u32::try_from(f))
                    else {
                        continue;
                    };
                    forms.entry(form.verb.clone()).or_default().push(FormRef {
                        block,
                        verb,
                        form: form_idx,
                    });
                }
            }
        }
        for refs in forms.values_mut() {
            let multi = |r: &FormRef| {
                self.blocks
                    .get(r.block as usize)
                    .and_then(|b| b.verbs.get(r.verb as usize))
                    .and_then(|v| v.forms.get(r.form as usize))
                    .is_some_and(VerbForm::is_multi_word)
            };
            // stable: keeps file order within each group
            refs.sort_by_key(|r| !multi(r));
        }
        self.forms = forms;
    }
}

#[cfg(test)]
mod tests;
