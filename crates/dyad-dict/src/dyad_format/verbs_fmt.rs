//! Reading dyad-format verb files into a [`VerbDict`].
//!
//! ```text
//! &WEAPON  gun | rifle | rocket launcher          synset: members (plurals generated)
//!
//! 042   visit | travel to + | arrive in +         CODE  phrase | phrase …
//!       pay visit to +                            indented: more phrases, same code
//! 175   crack_down on +                           `_` joins a verb and its particles
//! 190   open fire on + | attack +
//! ---   take_over as ^                            null code: a filter
//! 036   % meet                                    items before the verb
//! ```
//!
//! A phrase's first plain word is the verb lemma (with its particles joined
//! by `_`); `$ + % ^ &SET {…}` before it go before the verb. After it: words
//! (matching a form or a lemma), slots, synsets and `{…}` noun phrases; a
//! preposition (`to on in with …`) opens a prepositional phrase holding the
//! items up to the next preposition; the articles `a an the` are dropped.
//! One verb block is made per verb (lemma and particles), holding every
//! pattern of every line that uses it; a phrase that is the verb alone sets
//! the block's code. Forms are generated from the lemma ([`verb_forms`]).

use super::morph::{noun_forms, verb_forms};
use super::syntax::{content_lines, first_word, split_aliases};
use crate::diag::{DiagnosticKind, Sink, syntax};
use crate::{
    Diagnostic, Pattern, PatternItem, Provenance, Synset, SynsetMember, Verb, VerbBlock, VerbCode,
    VerbDict, VerbForm, regular_plural,
};
use std::collections::HashMap;

/// Words that open a prepositional phrase in a pattern.
pub const PREPOSITIONS: &[&str] = &[
    "about", "across", "after", "against", "along", "amid", "among", "around", "as", "at",
    "before", "behind", "between", "by", "during", "for", "from", "in", "inside", "into", "near",
    "of", "off", "on", "onto", "outside", "over", "through", "to", "toward", "towards", "under",
    "upon", "via", "with", "within", "without",
];

/// Words dropped from patterns.
const ARTICLES: &[&str] = &["a", "an", "the"];

/// Verb-file contents collected over several files.
#[derive(Debug, Default)]
pub(crate) struct RawVerbs {
    /// Nominal file: head words are nouns (singular and plural forms).
    nominal: bool,
    synsets: Vec<Synset>,
    synset_index: HashMap<Box<str>, usize>,
    members_seen: HashMap<(usize, String), Provenance>,
    blocks: Vec<VerbBlock>,
    block_index: HashMap<Box<str>, usize>,
    /// Per block, where its own (bare) code was set.
    bare: HashMap<usize, Provenance>,
    /// (block, pattern key) → code and line of its first definition.
    seen: HashMap<(usize, String), (VerbCode, Provenance)>,
}

impl RawVerbs {
    /// A collector for verb files, or for nominal-event files when
    /// `nominal` is set.
    pub(crate) fn new(nominal: bool) -> RawVerbs {
        RawVerbs {
            nominal,
            ..RawVerbs::default()
        }
    }
}

/// What indented lines continue.
enum Current {
    None,
    Skip,
    Synset(usize),
    Entry(VerbCode),
}

/// Parses one verb file (`name` in provenance) on its own: the verb
/// dictionary and its diagnostics.
pub fn parse_verbs(name: &str, text: &str) -> (VerbDict, Vec<Diagnostic>) {
    let mut raw = RawVerbs::new(false);
    let ((), mut diags) = Sink::collect(name, |sink| parse_file(text, sink, &mut raw));
    let dict = finish(raw, &mut diags);
    (dict, diags)
}

/// Parses one verb file into `raw`.
pub(crate) fn parse_file(text: &str, sink: &mut Sink<'_>, raw: &mut RawVerbs) {
    let mut current = Current::None;
    for (n, content) in content_lines(text) {
        let rest = if content.starts_with([' ', '\t']) {
            if matches!(current, Current::None) {
                sink.orphan_indented(n, content);
                continue;
            }
            content.trim()
        } else {
            let (head, rest) = first_word(content);
            if let Some(name) = head.strip_prefix('&') {
                current = synset_label(raw, name, content, n, sink);
            } else {
                current = match parse_code(head) {
                    Ok(code) => Current::Entry(code),
                    Err(reason) => {
                        sink.push(
                            n,
                            DiagnosticKind::BadCode {
                                code: head.to_string(),
                                reason,
                            },
                        );
                        Current::Skip
                    }
                };
            }
            if rest.is_empty() && !matches!(current, Current::Skip) {
                sink.push(n, syntax("line has a code but no phrase", content));
                continue;
            }
            rest
        };
        match &current {
            Current::None | Current::Skip => {}
            Current::Synset(idx) => {
                let idx = *idx;
                for member in split_aliases(rest) {
                    synset_member(raw, idx, member, n, sink);
                }
            }
            Current::Entry(code) => {
                let code = code.clone();
                for phrase in split_aliases(rest) {
                    entry(raw, &code, phrase, n, sink);
                }
            }
        }
    }
}

/// Reads `042`, `042:043`, `:043` or `---`; each code must be in the
/// CAMEO table.
fn parse_code(text: &str) -> Result<VerbCode, &'static str> {
    if text == "---" {
        return Ok(VerbCode::default());
    }
    let (a, b) = match text.split_once(':') {
        Some((a, b)) => (a, Some(b)),
        None => (text, None),
    };
    let one = |c: &str| -> Result<Option<Box<str>>, &'static str> {
        if c.is_empty() {
            return Ok(None);
        }
        if !(2..=4).contains(&c.len()) || !c.bytes().all(|b| b.is_ascii_digit()) {
            return Err(
                "a line starts with a 2–4 digit CAMEO code, `CODE:CODE`, `---` or `&SYNSET`; line skipped",
            );
        }
        if dyad_cameo::lookup(c).is_none() {
            return Err(
                "not a CAMEO event code (see crates/dyad-cameo/data/cameo.tsv); line skipped",
            );
        }
        Ok(Some(Box::from(c)))
    };
    let code = VerbCode {
        code: one(a)?,
        reciprocal: match b {
            Some(b) => one(b)?,
            None => None,
        },
    };
    if code.is_null() {
        return Err("empty code; write `---` for the null code; line skipped");
    }
    Ok(code)
}

fn synset_label(
    raw: &mut RawVerbs,
    name: &str,
    content: &str,
    n: u32,
    sink: &mut Sink<'_>,
) -> Current {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !ok {
        sink.push(
            n,
            syntax(
                "bad synset label (letters, digits, `_`, `-`); line skipped",
                content,
            ),
        );
        return Current::Skip;
    }
    let key: Box<str> = name.to_uppercase().into();
    if let Some(&idx) = raw.synset_index.get(&key) {
        sink.synset_redefined(n, raw.synsets.get(idx).map(|s| &s.provenance));
        return Current::Synset(idx);
    }
    raw.synset_index.insert(key.clone(), raw.synsets.len());
    raw.synsets.push(Synset {
        name: key,
        plurals: true,
        members: Vec::new(),
        provenance: sink.at(n),
    });
    Current::Synset(raw.synsets.len() - 1)
}

fn synset_member(raw: &mut RawVerbs, idx: usize, member: &str, n: u32, sink: &mut Sink<'_>) {
    let toks = match tokenize(member) {
        Ok(t) => t,
        Err(k) => {
            sink.push(n, k);
            return;
        }
    };
    let mut items = Vec::new();
    for t in toks {
        match t {
            Tok::Word(w) => items.extend(
                w.split('_')
                    .filter(|p| !p.is_empty())
                    .map(|p| PatternItem::Word(p.to_uppercase().into())),
            ),
            _ => {
                sink.push(n, syntax("synset members hold words only; skipped", member));
                return;
            }
        }
    }
    let Some(PatternItem::Word(last)) = items.last() else {
        sink.push(n, syntax("synset member has no words; skipped", member));
        return;
    };
    let plural_word = regular_plural(last);
    let key = format!("{items:?}");
    if let Some(at) = raw.members_seen.get(&(idx, key.clone())) {
        sink.push(
            n,
            DiagnosticKind::Syntax {
                message: "synset member listed twice; first at",
                text: format!("{at} ({member})"),
            },
        );
        return;
    }
    raw.members_seen.insert((idx, key), sink.at(n));
    let mut plural = items.clone();
    plural.pop();
    plural.push(PatternItem::Word(plural_word.into()));
    if let Some(s) = raw.synsets.get_mut(idx) {
        s.members.push(SynsetMember {
            items,
            plural: Some(plural),
            provenance: sink.at(n),
        });
    }
}

/// A token of a phrase.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word(String),
    Source,
    Target,
    Compound,
    Skip,
    Synset(String),
    Group(Vec<Tok>),
}

fn word_ok(w: &str) -> bool {
    !w.is_empty()
        && w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '_' | '.'))
        && w.chars().any(char::is_alphanumeric)
}

fn token(raw: &str, phrase: &str) -> Result<Tok, DiagnosticKind> {
    Ok(match raw {
        "$" => Tok::Source,
        "+" => Tok::Target,
        "%" => Tok::Compound,
        "^" => Tok::Skip,
        _ => {
            if let Some(name) = raw.strip_prefix('&') {
                if name.is_empty()
                    || !name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                {
                    return Err(syntax("bad synset reference; phrase skipped", phrase));
                }
                Tok::Synset(name.to_uppercase())
            } else if word_ok(raw) {
                Tok::Word(raw.to_lowercase())
            } else {
                return Err(syntax(
                    "unexpected characters (words, `$ + % ^ &SET {…}` only); phrase skipped",
                    phrase,
                ));
            }
        }
    })
}

fn tokenize(phrase: &str) -> Result<Vec<Tok>, DiagnosticKind> {
    let mut out = Vec::new();
    let mut group: Option<Vec<Tok>> = None;
    let spaced = phrase.replace('{', " { ").replace('}', " } ");
    for raw in spaced.split_whitespace() {
        match raw {
            "{" => {
                if group.is_some() {
                    return Err(DiagnosticKind::Unbalanced {
                        delimiter: '{',
                        text: phrase.to_string(),
                    });
                }
                group = Some(Vec::new());
            }
            "}" => match group.take() {
                Some(g) if !g.is_empty() => out.push(Tok::Group(g)),
                Some(_) => return Err(syntax("empty `{}`; phrase skipped", phrase)),
                None => {
                    return Err(DiagnosticKind::Unbalanced {
                        delimiter: '}',
                        text: phrase.to_string(),
                    });
                }
            },
            _ => {
                let t = token(raw, phrase)?;
                match &mut group {
                    Some(g) => {
                        if !matches!(t, Tok::Word(_) | Tok::Synset(_)) {
                            return Err(syntax(
                                "`{…}` holds words and synsets only; phrase skipped",
                                phrase,
                            ));
                        }
                        if !matches!(&t, Tok::Word(w) if ARTICLES.contains(&w.as_str())) {
                            g.push(t);
                        }
                    }
                    None => out.push(t),
                }
            }
        }
    }
    if group.is_some() {
        return Err(DiagnosticKind::Unbalanced {
            delimiter: '{',
            text: phrase.to_string(),
        });
    }
    Ok(out)
}

fn word_item(w: &str) -> PatternItem {
    let parts: Vec<PatternItem> = w
        .split('_')
        .filter(|p| !p.is_empty())
        .map(|p| PatternItem::Word(p.to_uppercase().into()))
        .collect();
    match <[PatternItem; 1]>::try_from(parts) {
        Ok([one]) => one,
        Err(parts) => PatternItem::Consecutive(parts),
    }
}

fn item(t: &Tok) -> PatternItem {
    match t {
        Tok::Word(w) => word_item(w),
        Tok::Source => PatternItem::Source,
        Tok::Target => PatternItem::Target,
        Tok::Compound => PatternItem::Compound,
        Tok::Skip => PatternItem::Skip,
        Tok::Synset(s) => PatternItem::Synset(s.as_str().into()),
        Tok::Group(g) => PatternItem::NounPhrase(g.iter().map(item).collect()),
    }
}

/// The items after the verb: prepositions open phrases, articles dropped.
fn after_items(toks: &[Tok]) -> Vec<PatternItem> {
    let mut out = Vec::new();
    let mut prep: Option<(PatternItem, Vec<PatternItem>)> = None;
    for t in toks {
        if let Tok::Word(w) = t {
            if ARTICLES.contains(&w.as_str()) {
                continue;
            }
            if PREPOSITIONS.contains(&w.as_str()) {
                if let Some((p, objects)) = prep.take() {
                    out.push(PatternItem::Prep {
                        prep: Box::new(p),
                        objects,
                    });
                }
                prep = Some((word_item(w), Vec::new()));
                continue;
            }
        }
        match &mut prep {
            Some((_, objects)) => objects.push(item(t)),
            None => out.push(item(t)),
        }
    }
    if let Some((p, objects)) = prep {
        out.push(PatternItem::Prep {
            prep: Box::new(p),
            objects,
        });
    }
    out
}

fn entry(raw: &mut RawVerbs, code: &VerbCode, phrase: &str, n: u32, sink: &mut Sink<'_>) {
    let toks = match tokenize(phrase) {
        Ok(t) => t,
        Err(k) => {
            sink.push(n, k);
            return;
        }
    };
    let Some(vi) = toks.iter().position(|t| matches!(t, Tok::Word(_))) else {
        sink.push(n, syntax("phrase has no verb word; skipped", phrase));
        return;
    };
    let Some(Tok::Word(verb)) = toks.get(vi) else {
        return;
    };
    let mut parts = verb.split('_').filter(|p| !p.is_empty());
    let Some(lemma) = parts.next() else {
        sink.push(n, syntax("phrase has no verb word; skipped", phrase));
        return;
    };
    if !lemma.chars().all(|c| c.is_alphabetic() || c == '-') {
        sink.push(n, syntax("verb lemma must be letters; skipped", phrase));
        return;
    }
    if ARTICLES.contains(&lemma) || PREPOSITIONS.contains(&lemma) {
        sink.push(
            n,
            syntax(
                "phrase starts with an article or preposition, not a verb; skipped",
                phrase,
            ),
        );
        return;
    }
    let particles: Vec<Box<str>> = parts.map(|p| p.to_uppercase().into()).collect();
    let before: Vec<PatternItem> = toks.get(..vi).unwrap_or(&[]).iter().map(item).collect();
    let after = after_items(toks.get(vi + 1..).unwrap_or(&[]));
    let b = block_for(raw, lemma, particles, n, sink);
    let key = format!("{before:?}|{after:?}");
    if let Some((old, at)) = raw.seen.get(&(b, key.clone())) {
        let message = if old == code {
            "duplicate pattern; first at"
        } else {
            "conflicting pattern: same words, another code; the first is kept, at"
        };
        sink.push(
            n,
            DiagnosticKind::Syntax {
                message,
                text: format!("{at} ({phrase})"),
            },
        );
        return;
    }
    raw.seen.insert((b, key), (code.clone(), sink.at(n)));
    let Some(block) = raw.blocks.get_mut(b) else {
        return;
    };
    if before.is_empty() && after.is_empty() {
        block.code = code.clone();
        block.provenance = sink.at(n);
        if let Some(v) = block.verbs.first_mut() {
            v.provenance = sink.at(n);
        }
        raw.bare.insert(b, sink.at(n));
        return;
    }
    block.patterns.push(Pattern {
        before,
        after,
        before_adjacent: false,
        after_adjacent: false,
        closed_phrases: false,
        code: code.clone(),
        comment: Some(phrase.into()),
        provenance: sink.at(n),
    });
}

/// The block of a verb (lemma and particles), created on first use.
fn block_for(
    raw: &mut RawVerbs,
    lemma: &str,
    particles: Vec<Box<str>>,
    n: u32,
    sink: &mut Sink<'_>,
) -> usize {
    let mut name = lemma.to_uppercase();
    for p in &particles {
        name.push('_');
        name.push_str(p);
    }
    if let Some(&b) = raw.block_index.get(name.as_str()) {
        return b;
    }
    let words = if raw.nominal {
        noun_forms(lemma)
    } else {
        verb_forms(lemma)
    };
    let forms: Vec<VerbForm> = words
        .into_iter()
        .map(|w| VerbForm {
            verb: w.into(),
            before: Vec::new(),
            after: particles.clone(),
        })
        .collect();
    let lemma_form = forms.first().cloned().unwrap_or(VerbForm {
        verb: lemma.to_uppercase().into(),
        before: Vec::new(),
        after: particles,
    });
    let b = raw.blocks.len();
    raw.blocks.push(VerbBlock {
        name: name.as_str().into(),
        code: VerbCode::default(),
        verbs: vec![Verb {
            lemma: lemma_form,
            forms,
            code: None,
            provenance: sink.at(n),
        }],
        patterns: Vec::new(),
        provenance: sink.at(n),
    });
    raw.block_index.insert(name.into(), b);
    b
}

fn synset_refs<'a>(items: &'a [PatternItem], out: &mut Vec<&'a str>) {
    for i in items {
        match i {
            PatternItem::Synset(s) => out.push(s),
            PatternItem::NounPhrase(v) | PatternItem::Consecutive(v) => synset_refs(v, out),
            PatternItem::Prep { prep, objects } => {
                synset_refs(std::slice::from_ref(prep), out);
                synset_refs(objects, out);
            }
            _ => {}
        }
    }
}

fn diag(at: &Provenance, kind: DiagnosticKind) -> Diagnostic {
    Diagnostic {
        file: at.file.clone(),
        line: at.line,
        kind,
    }
}

/// Checks what needs all files (undefined synsets, verb forms two blocks
/// share) and builds the dictionary.
pub(crate) fn finish(mut raw: RawVerbs, diags: &mut Vec<Diagnostic>) -> VerbDict {
    for block in &mut raw.blocks {
        let index = &raw.synset_index;
        block.patterns.retain(|p| {
            let mut refs = Vec::new();
            synset_refs(&p.before, &mut refs);
            synset_refs(&p.after, &mut refs);
            match refs.into_iter().find(|r| !index.contains_key(*r)) {
                Some(name) => {
                    diags.push(diag(
                        &p.provenance,
                        DiagnosticKind::UndefinedSynset {
                            name: name.to_string(),
                        },
                    ));
                    false
                }
                None => true,
            }
        });
    }
    // a single-word form generated for two verbs: the first block wins
    let mut owner: HashMap<&str, (&str, &Provenance)> = HashMap::new();
    for block in &raw.blocks {
        for verb in &block.verbs {
            for form in verb.forms.iter().filter(|f| !f.is_multi_word()) {
                match owner.get(&*form.verb) {
                    Some((name, at)) if *name != &*block.name => diags.push(diag(
                        &verb.provenance,
                        DiagnosticKind::Syntax {
                            message: "verb form also belongs to another verb, which wins",
                            text: format!("{} ({name}, {at})", form.verb),
                        },
                    )),
                    Some(_) => {}
                    None => {
                        owner.insert(&form.verb, (&block.name, &verb.provenance));
                    }
                }
            }
        }
    }
    VerbDict::from_parts(raw.synsets, raw.blocks)
}
