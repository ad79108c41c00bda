//! Reading pattern elements, codes and transformations.

use super::{PatternItem, VerbCode};
use crate::Provenance;
use crate::diag::DiagnosticKind;
use crate::phrase::upper;
use std::fmt;

/// Why a piece of pattern text could not be read.
pub(crate) type ItemError = DiagnosticKind;

#[derive(Debug, PartialEq)]
enum Tok<'t> {
    Open(char),
    Close(char),
    Atom(&'t str),
}

fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let delimiter = matches!(c, '{' | '}' | '(' | ')');
        if c.is_whitespace() || delimiter {
            if let Some(s) = start.take() {
                out.push(Tok::Atom(text.get(s..i).unwrap_or("")));
            }
            match c {
                '{' | '(' => out.push(Tok::Open(c)),
                '}' | ')' => out.push(Tok::Close(c)),
                _ => {}
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Tok::Atom(text.get(s..).unwrap_or("")));
    }
    out
}

fn simple(part: &str) -> Option<PatternItem> {
    Some(match part {
        "" => return None,
        "$" => PatternItem::Source,
        "+" => PatternItem::Target,
        "^" => PatternItem::Skip,
        "%" => PatternItem::Compound,
        p => match p.strip_prefix('&') {
            Some(name) => PatternItem::Synset(upper(name.trim_end_matches('_'))),
            None => PatternItem::Word(upper(p)),
        },
    })
}

/// One atom: a word, slot or synset, or an `A_B_C` run of them.
fn atom(text: &str) -> Option<PatternItem> {
    let mut parts: Vec<PatternItem> = text.split('_').filter_map(simple).collect();
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(PatternItem::Consecutive(parts)),
    }
}

fn closer(open: char) -> char {
    if open == '{' { '}' } else { ')' }
}

/// Reads the elements of one side of a pattern (or a synset member).
pub(crate) fn items(text: &str) -> Result<Vec<PatternItem>, ItemError> {
    let toks = tokens(text);
    let mut pos = 0;
    let unbalanced = |delimiter| DiagnosticKind::Unbalanced {
        delimiter,
        text: text.trim().to_string(),
    };
    let out = group(&toks, &mut pos, None, 0).ok_or_else(|| {
        let c = match toks.get(pos) {
            Some(Tok::Close(c)) | Some(Tok::Open(c)) => *c,
            _ => '(',
        };
        unbalanced(c)
    })?;
    if pos < toks.len() {
        let c = match toks.get(pos) {
            Some(Tok::Close(c)) | Some(Tok::Open(c)) => *c,
            _ => ')',
        };
        return Err(unbalanced(c));
    }
    Ok(out)
}

/// Deepest bracket nesting read; deeper input is reported as unbalanced.
const MAX_DEPTH: usize = 16;

/// Reads items until `until` closes the group (or the end, when `None`).
/// `None` on unbalanced (or too deeply nested) brackets; `pos` is left at
/// the problem.
fn group(
    toks: &[Tok<'_>],
    pos: &mut usize,
    until: Option<char>,
    depth: usize,
) -> Option<Vec<PatternItem>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut out = Vec::new();
    while let Some(tok) = toks.get(*pos) {
        match tok {
            Tok::Atom(a) => {
                *pos += 1;
                out.extend(atom(a));
            }
            Tok::Close(c) => {
                if Some(*c) == until {
                    *pos += 1;
                    return Some(out);
                }
                return None;
            }
            Tok::Open(c) => {
                let open = *c;
                *pos += 1;
                let inner = group(toks, pos, Some(closer(open)), depth + 1)?;
                if open == '{' {
                    out.push(PatternItem::NounPhrase(inner));
                } else {
                    let mut inner = inner.into_iter();
                    // `()` is empty: nothing to match
                    if let Some(prep) = inner.next() {
                        out.push(PatternItem::Prep {
                            prep: Box::new(prep),
                            objects: inner.collect(),
                        });
                    }
                }
            }
        }
    }
    match until {
        None => Some(out),
        Some(_) => None,
    }
}

/// Synset names an element refers to, appended to `out`.
pub(crate) fn synset_refs<'a>(items: &'a [PatternItem], out: &mut Vec<&'a str>) {
    for item in items {
        match item {
            PatternItem::Synset(name) => out.push(name),
            PatternItem::NounPhrase(inner) | PatternItem::Consecutive(inner) => {
                synset_refs(inner, out)
            }
            PatternItem::Prep { prep, objects } => {
                synset_refs(std::slice::from_ref(prep), out);
                synset_refs(objects, out);
            }
            _ => {}
        }
    }
}

/// Whether a code is a CAMEO code's shape: 2–4 digits.
fn is_cameo(code: &str) -> bool {
    (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// Reads the inside of `[…]`: `042`, `042:043`, `:173`, `---`.
/// Returns the code and, for a code that is not a CAMEO code's shape (kept
/// as written), a complaint.
pub(crate) fn verb_code(inner: &str) -> (VerbCode, Option<ItemError>) {
    let inner = inner.trim();
    let (a, b) = match inner.split_once(':') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (inner, None),
    };
    let mut complaint = None;
    let mut side = |s: &str| -> Option<Box<str>> {
        if s.is_empty() || s == "---" {
            return None;
        }
        if !is_cameo(s) && complaint.is_none() {
            complaint = Some(DiagnosticKind::BadCode {
                code: inner.to_string(),
                reason: "not a 2-4 digit CAMEO code; kept as written",
            });
        }
        Some(Box::from(s))
    };
    let code = VerbCode {
        code: side(a),
        reciprocal: b.and_then(&mut side),
    };
    (code, complaint)
}

/// An actor variable of a transformation.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TransformVar {
    /// A letter naming an actor, e.g. `a`.
    Named(Box<str>),
    /// `.`: an actor that is not specified.
    Unspecified,
    /// `_`: no actor present.
    Absent,
}

/// A verb of a transformation.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TransformVerb {
    /// Verb words, e.g. `[SAY]` or `[WILL, ATTACK]` for `WILL_ATTACK`.
    Verbs(Vec<Box<str>>),
    /// `Q`: any verb.
    Any,
}

/// What an event of a transformation is directed at.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TransformTarget {
    /// An actor.
    Actor(TransformVar),
    /// A lower event, e.g. `(a b ATTACK)`.
    Event(Box<TransformEvent>),
}

/// `source target verb` in a transformation, target possibly a lower event.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TransformEvent {
    /// The source actor.
    pub source: TransformVar,
    /// The target: an actor or a lower event.
    pub target: TransformTarget,
    /// The verb.
    pub verb: TransformVerb,
}

/// A `~` line: when a verb acts on another verb's event, code this instead.
///
/// `~ a (a b ATTACK) SAY = a b 015`: when `a` says that `a` attacks `b`,
/// code `a` → `b` with 015.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    /// The nested events to match.
    pub pattern: TransformEvent,
    /// The source of the resulting event.
    pub source: TransformVar,
    /// The target of the resulting event.
    pub target: TransformVar,
    /// The resulting code; `None` for `Q` (keep the lower event's code).
    pub code: Option<Box<str>>,
    /// Where it was written.
    pub provenance: Provenance,
}

impl fmt::Display for TransformVar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransformVar::Named(n) => f.write_str(n),
            TransformVar::Unspecified => f.write_str("."),
            TransformVar::Absent => f.write_str("_"),
        }
    }
}

fn var(tok: &str) -> Option<TransformVar> {
    match tok {
        "." => Some(TransformVar::Unspecified),
        "_" => Some(TransformVar::Absent),
        t if t.chars().all(|c| c.is_ascii_lowercase()) && !t.is_empty() => {
            Some(TransformVar::Named(Box::from(t)))
        }
        _ => None,
    }
}

fn transform_verb(tok: &str) -> Option<TransformVerb> {
    if tok == "Q" {
        return Some(TransformVerb::Any);
    }
    let words: Vec<Box<str>> = tok
        .split('_')
        .filter(|w| !w.is_empty())
        .map(upper)
        .collect();
    (!words.is_empty()).then_some(TransformVerb::Verbs(words))
}

fn event(toks: &[Tok<'_>], pos: &mut usize, depth: usize) -> Option<TransformEvent> {
    if depth > 8 {
        return None;
    }
    let source = match toks.get(*pos)? {
        Tok::Atom(a) => var(a)?,
        _ => return None,
    };
    *pos += 1;
    let target = match toks.get(*pos)? {
        Tok::Atom(a) => TransformTarget::Actor(var(a)?),
        Tok::Open('(') => {
            *pos += 1;
            let inner = event(toks, pos, depth + 1)?;
            if toks.get(*pos)? != &Tok::Close(')') {
                return None;
            }
            TransformTarget::Event(Box::new(inner))
        }
        _ => return None,
    };
    *pos += 1;
    let verb = match toks.get(*pos)? {
        Tok::Atom(a) => transform_verb(a)?,
        _ => return None,
    };
    *pos += 1;
    Some(TransformEvent {
        source,
        target,
        verb,
    })
}

/// Reads a `~` line (without the `~`).
pub(crate) fn transformation(text: &str, provenance: Provenance) -> Option<Transformation> {
    let (lhs, rhs) = text.split_once('=')?;
    let toks = tokens(lhs);
    let mut pos = 0;
    let pattern = event(&toks, &mut pos, 0)?;
    if pos != toks.len() {
        return None;
    }
    let rhs: Vec<&str> = rhs.split_whitespace().collect();
    let [s, t, c] = rhs.as_slice() else {
        return None;
    };
    let code = match *c {
        "Q" => None,
        c if is_cameo(c) => Some(Box::from(c)),
        _ => return None,
    };
    Some(Transformation {
        pattern,
        source: var(s)?,
        target: var(t)?,
        code,
        provenance,
    })
}

/// The verb words a transformation names.
pub(crate) fn transform_verbs(e: &TransformEvent, out: &mut Vec<Box<str>>) {
    if let TransformVerb::Verbs(v) = &e.verb {
        out.extend(v.iter().cloned());
    }
    if let TransformTarget::Event(inner) = &e.target {
        transform_verbs(inner, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PatternItem::*;

    fn w(s: &str) -> PatternItem {
        Word(s.into())
    }

    #[test]
    fn items_are_structured() {
        let got =
            items(" &MILITARY POLICE (TO {PEACE &TREATY}) ^ $ IN_AND + ").expect("test value");
        assert_eq!(
            got,
            vec![
                Synset("MILITARY".into()),
                w("POLICE"),
                Prep {
                    prep: Box::new(w("TO")),
                    objects: vec![NounPhrase(vec![w("PEACE"), Synset("TREATY".into())])],
                },
                Skip,
                Source,
                Consecutive(vec![w("IN"), w("AND")]),
                Target,
            ]
        );
        assert_eq!(
            items("(AT ^)").expect("test value"),
            vec![Prep {
                prep: Box::new(w("AT")),
                objects: vec![Skip]
            }]
        );
        assert!(items("(TO {A B)").is_err());
        assert!(items("A }").is_err());
        assert!(items("{A").is_err());
        assert!(items(&"(".repeat(100_000)).is_err());
    }

    #[test]
    fn codes() {
        let (c, bad) = verb_code("042:043");
        assert_eq!((c.to_string(), bad), ("042:043".to_string(), None));
        let (c, _) = verb_code(":173");
        assert_eq!((c.code, c.reciprocal.as_deref()), (None, Some("173")));
        assert!(verb_code("---").0.is_null());
        assert!(verb_code("075A").1.is_some());
    }

    #[test]
    fn transformations() {
        let p = Provenance {
            file: "v".into(),
            line: 1,
        };
        let t = transformation(" a (b . ATTACK ) WANT = a b 021", p.clone()).expect("test value");
        assert_eq!(t.code.as_deref(), Some("021"));
        let TransformTarget::Event(inner) = &t.pattern.target else {
            panic!("expected a lower event")
        };
        assert_eq!(
            inner.target,
            TransformTarget::Actor(TransformVar::Unspecified)
        );
        assert_eq!(inner.verb, TransformVerb::Verbs(vec!["ATTACK".into()]));
        let t = transformation(" a (a b Q) SAY = a b Q", p.clone()).expect("test value");
        assert_eq!(t.code, None);
        assert!(transformation(" a (a b ATTACK SAY = a b 015", p.clone()).is_none());
        assert!(transformation(" a (a b ATTACK) SAY a b 015", p).is_none());
    }
}
