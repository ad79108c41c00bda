//! Reading dyad-format agent files into [`AgentEntry`]s.
//!
//! ```text
//! GOV   government | official | minister
//! MIL   soldier | troops / - | army / armies
//!       | serviceman / servicemen        (indented: more phrases, same code)
//! NGO~  aid group                        (code goes before the country)
//! ```

use super::syntax::{agent_code_shape, first_word, split_aliases, strip_comment};
use crate::diag::{DiagnosticKind, Sink, syntax};
use crate::{AgentEntry, AgentPlacement, Phrase, Provenance, regular_plural};
use std::collections::HashMap;

/// Parses one agent file, adding to `entries`; `seen` maps phrase keys
/// already defined (across files) to where.
pub(crate) fn parse_file(
    text: &str,
    sink: &mut Sink<'_>,
    entries: &mut Vec<AgentEntry>,
    seen: &mut HashMap<String, Provenance>,
) {
    // `Some(None)`: the code line was bad (and reported); skip its phrases
    let mut current: Option<Option<(Box<str>, AgentPlacement)>> = None;
    for (i, line) in text.lines().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let content = strip_comment(line);
        if content.trim().is_empty() {
            continue;
        }
        let phrases = if content.starts_with([' ', '\t']) {
            if current.is_none() {
                sink.orphan_indented(n, content);
                continue;
            }
            content.trim()
        } else {
            let (code, rest) = first_word(content);
            current = Some(parse_code(code, n, sink));
            if current.as_ref().is_some_and(Option::is_none) {
                continue;
            }
            if rest.is_empty() {
                sink.push(n, syntax("agent line has a code but no phrase", content));
                continue;
            }
            rest
        };
        let Some(Some((code, placement))) = current.clone() else {
            continue;
        };
        for item in split_aliases(phrases) {
            let (singular, plural) = match item.split_once('/') {
                Some((s, p)) => (s.trim(), Some(p.trim())),
                None => (item, None),
            };
            let Some(phrase) = Phrase::parse(singular) else {
                sink.push(n, syntax("agent phrase has no words; skipped", item));
                continue;
            };
            let plural = match plural {
                Some("-") => None,
                Some("") => {
                    sink.push(
                        n,
                        syntax("empty plural after `/` (use `/ -` for none)", item),
                    );
                    None
                }
                Some(p) => Phrase::parse(p).map(|p| (p, true)),
                None => phrase
                    .words()
                    .next_back()
                    .map(|last| (phrase.with_last_word(&regular_plural(last)), false)),
            };
            let at = sink.at(n);
            let mut push = |p: Phrase, is_plural: bool, written: bool, sink: &mut Sink<'_>| {
                if let Some(first) = seen.get(p.text()) {
                    if written {
                        sink.push(
                            n,
                            DiagnosticKind::Syntax {
                                message: "duplicate agent phrase; a phrase may have only one code",
                                text: format!("{} (first at {first})", p.text()),
                            },
                        );
                    }
                    return;
                }
                seen.insert(p.text().to_string(), at.clone());
                entries.push(AgentEntry {
                    phrase: p,
                    plural: is_plural,
                    code: code.clone(),
                    placement,
                    provenance: at.clone(),
                });
            };
            push(phrase, false, true, sink);
            if let Some((p, written)) = plural {
                push(p, true, written, sink);
            }
        }
    }
}

fn parse_code(text: &str, n: u32, sink: &mut Sink<'_>) -> Option<(Box<str>, AgentPlacement)> {
    let (code, placement) = if let Some(c) = text.strip_suffix('~') {
        (c, AgentPlacement::Before)
    } else {
        (
            text.strip_prefix('~').unwrap_or(text),
            AgentPlacement::After,
        )
    };
    match agent_code_shape(code) {
        Ok(()) => Some((code.into(), placement)),
        Err(reason) => {
            sink.push(
                n,
                DiagnosticKind::BadCode {
                    code: text.to_string(),
                    reason,
                },
            );
            None
        }
    }
}
