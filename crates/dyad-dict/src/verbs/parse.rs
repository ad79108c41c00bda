//! Reading a verb dictionary file line by line.

use super::pattern::{self, synset_refs, transform_verbs, verb_code};
use super::{
    Pattern, PatternItem, Synset, SynsetMember, Verb, VerbBlock, VerbCode, VerbDict, VerbForm,
};
use crate::actors::bracket;
use crate::agents::regular_plural;
use crate::diag::{DiagnosticKind, Sink, syntax};
use crate::issues::verb_forms;
use crate::phrase::upper;
use crate::source::{self, Line};
use std::collections::{HashMap, HashSet};

/// What `+` lines continue.
enum Context {
    None,
    Synset(usize),
    Block,
}

pub(crate) fn parse(text: &str, sink: &mut Sink<'_>) -> VerbDict {
    let mut dict = VerbDict::new();
    let mut context = Context::None;
    for line in source::lines(text, sink) {
        let trimmed = line.text.trim();
        let n = line.number;
        let first = trimmed.chars().next().unwrap_or(' ');
        if trimmed.starts_with("---") {
            dict.blocks.push(block_header(trimmed, n, sink));
            context = Context::Block;
            continue;
        }
        match first {
            '&' => {
                let idx = synset_label(&mut dict, trimmed, n, sink);
                context = Context::Synset(idx);
            }
            '+' => match context {
                Context::Synset(idx) => synset_member(&mut dict, idx, trimmed, n, sink),
                Context::Block => verb_line(&mut dict, trimmed, n, sink),
                Context::None => sink.orphan(n, "`+` line", trimmed),
            },
            '-' | '*' => {
                if first == '*' {
                    sink.push(
                        n,
                        syntax(
                            "pattern line should start with `-`; read as a pattern",
                            trimmed,
                        ),
                    );
                }
                if let Context::Synset(_) = context {
                    context = Context::Block;
                }
                pattern_line(&mut dict, &line, n, sink);
            }
            '~' => transformation_line(&mut dict, trimmed, n, sink),
            _ => {
                if let Context::Synset(_) = context {
                    context = Context::Block;
                }
                if dict.blocks.is_empty() {
                    sink.orphan(n, "verb", trimmed);
                } else {
                    verb_line(&mut dict, trimmed, n, sink);
                }
            }
        }
    }
    check_synsets(&mut dict, sink);
    break_synset_cycles(&mut dict, sink);
    check_transformations(&dict, sink);
    dict.index_forms();
    dict
}

/// A `~ …` line: a transformation.
fn transformation_line(dict: &mut VerbDict, trimmed: &str, n: u32, sink: &mut Sink<'_>) {
    let body = trimmed.get(1..).unwrap_or("");
    match pattern::transformation(body, sink.at(n)) {
        Some(t) => dict.transformations.push(t),
        None => sink.push(
            n,
            syntax(
                "transformation is not `~ s (s t VERB) VERB = s t CODE`; skipped",
                trimmed,
            ),
        ),
    }
}

fn block_header(text: &str, n: u32, sink: &mut Sink<'_>) -> VerbBlock {
    let inner = text
        .trim_start_matches('-')
        .trim_end()
        .trim_end_matches('-');
    let (name, code) = match bracket(inner, n, sink) {
        Some((before, code, after)) => {
            if !after.trim().trim_matches('-').trim().is_empty() {
                sink.push(n, syntax("text after the block code ignored", text));
            }
            (before, Some(code))
        }
        None => (inner, None),
    };
    let name = name.trim();
    if name.is_empty() {
        sink.push(n, syntax("verb block header has no name", text));
    }
    let code = match code {
        Some(c) => {
            let (code, complaint) = verb_code(c);
            if let Some(k) = complaint {
                sink.push(n, k);
            }
            code
        }
        None => VerbCode::default(),
    };
    VerbBlock {
        name: upper(name),
        code,
        verbs: Vec::new(),
        patterns: Vec::new(),
        provenance: sink.at(n),
    }
}

fn synset_label(dict: &mut VerbDict, text: &str, n: u32, sink: &mut Sink<'_>) -> usize {
    let mut words = text.split_whitespace();
    let label = words.next().unwrap_or("&");
    if words.next().is_some() {
        sink.push(n, syntax("text after the synset label ignored", text));
    }
    let name = label.trim_start_matches('&');
    let plurals = !name.ends_with('_');
    let name = upper(name.trim_end_matches('_'));
    if name.is_empty() || name.contains(['{', '}', '(', ')', '&']) {
        sink.push(n, syntax("bad synset label", text));
    }
    if let Some(&old) = dict.synset_index.get(&name) {
        sink.synset_redefined(n, dict.synsets.get(old).map(|s| &s.provenance));
        return old;
    }
    dict.synset_index.insert(name.clone(), dict.synsets.len());
    dict.synsets.push(Synset {
        name,
        plurals,
        members: Vec::new(),
        provenance: sink.at(n),
    });
    dict.synsets.len() - 1
}

fn synset_member(dict: &mut VerbDict, idx: usize, text: &str, n: u32, sink: &mut Sink<'_>) {
    let body = text.get(1..).unwrap_or("").trim();
    let items = match pattern::items(body) {
        Ok(items) => items,
        Err(k) => {
            sink.push(n, k);
            return;
        }
    };
    if items.iter().any(|i| {
        matches!(
            i,
            PatternItem::Source | PatternItem::Target | PatternItem::Skip | PatternItem::Compound
        )
    }) {
        sink.push(
            n,
            syntax(
                "synset members hold words only; `$ + % ^` kept as written",
                text,
            ),
        );
    }
    // an `A_B` member is a run of words; unwrap it
    let items = match <[PatternItem; 1]>::try_from(items) {
        Ok([PatternItem::Consecutive(inner)]) => inner,
        Ok(one) => one.to_vec(),
        Err(items) => items,
    };
    if items.is_empty() {
        sink.push(n, syntax("synset member has no words; skipped", text));
        return;
    }
    let Some(synset) = dict.synsets.get_mut(idx) else {
        return;
    };
    let plural = if synset.plurals && !body.ends_with('_') {
        match items.split_last() {
            Some((PatternItem::Word(last), rest)) => {
                let mut p = rest.to_vec();
                p.push(PatternItem::Word(regular_plural(last).into_boxed_str()));
                Some(p)
            }
            _ => None,
        }
    } else {
        None
    };
    synset.members.push(SynsetMember {
        items,
        plural,
        provenance: sink.at(n),
    });
}

/// `WIRE_+TAP` → form with verb `TAP` after `WIRE`.
fn verb_form(text: &str, n: u32, sink: &mut Sink<'_>) -> Option<VerbForm> {
    let parts: Vec<&str> = text.split('_').filter(|p| !p.is_empty()).collect();
    let marked: Vec<usize> = parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.starts_with('+'))
        .map(|(i, _)| i)
        .collect();
    let verb_at = match (parts.len(), marked.as_slice()) {
        (0, _) => return None,
        (1, _) => 0,
        (_, [one]) => *one,
        (_, []) => {
            sink.push(
                n,
                syntax(
                    "multi-word verb has no `+` on its verb word; first word taken",
                    text,
                ),
            );
            0
        }
        (_, [first, ..]) => {
            sink.push(
                n,
                syntax("multi-word verb has several `+`; first taken", text),
            );
            *first
        }
    };
    let clean = |p: &&str| upper(p.trim_start_matches('+'));
    let verb = clean(parts.get(verb_at)?);
    if verb.is_empty() || verb.contains(['[', ']', '{', '}', '&']) {
        sink.push(n, syntax("bad verb", text));
        return None;
    }
    Some(VerbForm {
        verb,
        before: parts
            .get(..verb_at)
            .unwrap_or(&[])
            .iter()
            .map(clean)
            .collect(),
        after: parts
            .get(verb_at + 1..)
            .unwrap_or(&[])
            .iter()
            .map(clean)
            .collect(),
    })
}

fn verb_line(dict: &mut VerbDict, text: &str, n: u32, sink: &mut Sink<'_>) {
    let (head, code) = verb_head(text, n, sink);
    let (primary, irregular) = split_irregular(head, text, n, sink);
    let mut words = primary.split_whitespace();
    let Some(first) = words.next() else {
        sink.push(n, syntax("verb line has no verb; skipped", text));
        return;
    };
    let rest: Vec<&str> = words.collect();
    let joined;
    let primary = if rest.is_empty() {
        first
    } else {
        sink.push(
            n,
            syntax(
                "verb has blanks; read as a `+`-marked multi-word verb",
                text,
            ),
        );
        joined = format!("+{first}_{}", rest.join("_"));
        joined.as_str()
    };
    let Some(lemma) = verb_form(primary, n, sink) else {
        return;
    };
    let forms = forms_of(&lemma, irregular, n, sink);
    let provenance = sink.at(n);
    if let Some(block) = dict.blocks.last_mut() {
        block.verbs.push(Verb {
            lemma,
            forms,
            code,
            provenance,
        });
    }
}

/// Splits a verb line at its `[CODE]`, if any: the text before it and the
/// code.
fn verb_head<'t>(text: &'t str, n: u32, sink: &mut Sink<'_>) -> (&'t str, Option<VerbCode>) {
    let Some((before, code, after)) = bracket(text, n, sink) else {
        return (text, None);
    };
    if !after.trim().is_empty() {
        sink.push(n, syntax("text after the verb code ignored", text));
    }
    let (code, complaint) = verb_code(code);
    if let Some(k) = complaint {
        sink.push(n, k);
    }
    (before, Some(code))
}

/// Splits `VERB {FORMS}` (`text`: the whole line, for diagnostics) into
/// the verb and the irregular forms, if any.
fn split_irregular<'t>(
    head: &'t str,
    text: &str,
    n: u32,
    sink: &mut Sink<'_>,
) -> (&'t str, Option<&'t str>) {
    let Some((p, rest)) = head.split_once('{') else {
        return (head.trim(), None);
    };
    let forms = match rest.split_once('}') {
        Some((forms, after)) => {
            if !after.trim().is_empty() {
                sink.push(n, syntax("text after `}` ignored", text));
            }
            forms
        }
        None => {
            sink.push(
                n,
                DiagnosticKind::Unbalanced {
                    delimiter: '{',
                    text: text.to_string(),
                },
            );
            rest
        }
    };
    (p.trim(), Some(forms))
}

/// The forms of a verb: its lemma, then the irregular forms written, or
/// else the regular forms.
fn forms_of(
    lemma: &VerbForm,
    irregular: Option<&str>,
    n: u32,
    sink: &mut Sink<'_>,
) -> Vec<VerbForm> {
    let mut forms = vec![lemma.clone()];
    match irregular {
        Some(list) => {
            for f in list.split_whitespace() {
                if let Some(form) = verb_form(f, n, sink)
                    && !forms.contains(&form)
                {
                    forms.push(form);
                }
            }
        }
        None => {
            for v in verb_forms(&lemma.verb).into_iter().skip(1) {
                let form = VerbForm {
                    verb: v.into_boxed_str(),
                    ..lemma.clone()
                };
                if !forms.contains(&form) {
                    forms.push(form);
                }
            }
        }
    }
    forms
}

fn pattern_line(dict: &mut VerbDict, line: &Line<'_>, n: u32, sink: &mut Sink<'_>) {
    let text = line.text.trim();
    let body = text.strip_prefix('-').unwrap_or(text);
    let Some(block) = dict.blocks.last_mut() else {
        sink.orphan(n, "pattern", text);
        return;
    };
    // the code is the last `[...]`
    let Some(open) = body.rfind('[') else {
        sink.push(
            n,
            DiagnosticKind::MissingCode {
                text: text.to_string(),
            },
        );
        return;
    };
    let (pattern_text, code_text) = (
        body.get(..open).unwrap_or(""),
        body.get(open + 1..).unwrap_or(""),
    );
    let Some((code_text, after)) = code_text.split_once(']') else {
        sink.push(
            n,
            DiagnosticKind::Unbalanced {
                delimiter: '[',
                text: text.to_string(),
            },
        );
        return;
    };
    if !after.trim().is_empty() {
        sink.push(n, syntax("text after the pattern code ignored", text));
    }
    let (code, complaint) = verb_code(code_text);
    if let Some(k) = complaint {
        sink.push(n, k);
    }
    let mut sides = pattern_text.split('*');
    let (Some(before), Some(after), None) = (sides.next(), sides.next(), sides.next()) else {
        sink.push(
            n,
            syntax("pattern needs exactly one `*` for the verb; skipped", text),
        );
        return;
    };
    let before_adjacent = before.ends_with('_');
    let after_adjacent = after.starts_with('_');
    let (before_items, after_items) = match (pattern::items(before), pattern::items(after)) {
        (Ok(b), Ok(a)) => (b, a),
        (Err(k), _) | (_, Err(k)) => {
            sink.push(n, k);
            return;
        }
    };
    block.patterns.push(Pattern {
        before: before_items,
        after: after_items,
        before_adjacent,
        after_adjacent,
        closed_phrases: true,
        code,
        comment: line.comment.map(Box::from),
        provenance: sink.at(n),
    });
}

/// Reports and drops patterns and members that use undefined synsets.
fn check_synsets(dict: &mut VerbDict, sink: &mut Sink<'_>) {
    let defined: HashSet<Box<str>> = dict.synsets.iter().map(|s| s.name.clone()).collect();
    let undefined = |items: &[PatternItem]| -> Option<String> {
        let mut refs = Vec::new();
        synset_refs(items, &mut refs);
        refs.into_iter()
            .find(|r| !defined.contains(*r))
            .map(str::to_string)
    };
    for synset in &mut dict.synsets {
        synset.members.retain(|m| match undefined(&m.items) {
            Some(name) => {
                sink.push(m.provenance.line, DiagnosticKind::UndefinedSynset { name });
                false
            }
            None => true,
        });
    }
    for block in &mut dict.blocks {
        block.patterns.retain(
            |p| match undefined(&p.before).or_else(|| undefined(&p.after)) {
                Some(name) => {
                    sink.push(p.provenance.line, DiagnosticKind::UndefinedSynset { name });
                    false
                }
                None => true,
            },
        );
    }
}

/// Drops every synset member that makes its synset contain itself (`&A`
/// holding `+&B` while `&B` holds `+&A`, or `&A` holding `+&A`), with a
/// diagnostic at the member's line: a coder expanding members would
/// otherwise go round forever.
fn break_synset_cycles(dict: &mut VerbDict, sink: &mut Sink<'_>) {
    let index: HashMap<&str, usize> = dict
        .synsets
        .iter()
        .enumerate()
        .map(|(i, s)| (&*s.name, i))
        .collect();
    let member_refs = |member: &SynsetMember| -> Vec<usize> {
        let mut refs = Vec::new();
        synset_refs(&member.items, &mut refs);
        if let Some(plural) = &member.plural {
            synset_refs(plural, &mut refs);
        }
        refs.iter().filter_map(|r| index.get(r).copied()).collect()
    };
    let edges: Vec<Vec<usize>> = dict
        .synsets
        .iter()
        .map(|s| s.members.iter().flat_map(member_refs).collect())
        .collect();
    // reaches[a] holds every synset reachable from a through members.
    let reaches: Vec<HashSet<usize>> = (0..edges.len())
        .map(|start| {
            let mut seen = HashSet::new();
            let mut stack = edges[start].clone();
            while let Some(next) = stack.pop() {
                if seen.insert(next) {
                    stack.extend(edges[next].iter().copied());
                }
            }
            seen
        })
        .collect();
    let mut cyclic = Vec::new();
    for (a, synset) in dict.synsets.iter().enumerate() {
        for (m, member) in synset.members.iter().enumerate() {
            if let Some(b) = member_refs(member)
                .into_iter()
                .find(|&b| reaches[b].contains(&a))
            {
                cyclic.push((a, m, b));
            }
        }
    }
    for &(a, m, b) in &cyclic {
        let name = dict.synsets[a].name.to_string();
        let through = dict.synsets[b].name.to_string();
        let line = dict.synsets[a].members[m].provenance.line;
        sink.push(line, DiagnosticKind::CyclicSynset { name, through });
    }
    for &(a, m, _) in cyclic.iter().rev() {
        dict.synsets[a].members.remove(m);
    }
}

fn check_transformations(dict: &VerbDict, sink: &mut Sink<'_>) {
    let known: HashSet<&str> = dict
        .blocks
        .iter()
        .flat_map(|b| b.verbs.iter())
        .flat_map(|v| v.forms.iter())
        .map(|f| &*f.verb)
        .collect();
    for t in &dict.transformations {
        let mut verbs = Vec::new();
        transform_verbs(&t.pattern, &mut verbs);
        if let Some(missing) = verbs.iter().find(|v| !known.contains(&***v)) {
            sink.push(
                t.provenance.line,
                syntax("transformation names a verb no block defines", missing),
            );
        }
    }
}
