//! Reading dyad-format agent files into [`AgentEntry`]s.
//!
//! ```text
//! GOV   government | official | minister
//! MIL   soldier | troops / - | army / armies
//!       | serviceman / servicemen        (indented: more phrases, same code)
//! NGO~  aid group                        (code goes before the country)
//! ```

use super::syntax::{agent_code_shape, content_lines, first_word, split_aliases};
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
    for (n, content) in content_lines(text) {
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
        let mut out = Added {
            code,
            placement,
            at: sink.at(n),
            entries,
            seen,
        };
        for item in split_aliases(phrases) {
            out.item(item, n, sink);
        }
    }
}

/// Where one line's phrases go, with the code they get.
struct Added<'a> {
    code: Box<str>,
    placement: AgentPlacement,
    at: Provenance,
    entries: &'a mut Vec<AgentEntry>,
    seen: &'a mut HashMap<String, Provenance>,
}

impl Added<'_> {
    /// Adds one `singular [/ plural]` item of line `n`.
    fn item(&mut self, item: &str, n: u32, sink: &mut Sink<'_>) {
        let (singular, plural) = match item.split_once('/') {
            Some((s, p)) => (s.trim(), Some(p.trim())),
            None => (item, None),
        };
        let Some(phrase) = Phrase::parse(singular) else {
            sink.push(n, syntax("agent phrase has no words; skipped", item));
            return;
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
        self.push(phrase, false, true, n, sink);
        if let Some((p, written)) = plural {
            self.push(p, true, written, n, sink);
        }
    }

    /// Adds `p` unless a phrase with its key is already defined; reports
    /// that only for a phrase as `written` (not a generated plural).
    fn push(&mut self, p: Phrase, is_plural: bool, written: bool, n: u32, sink: &mut Sink<'_>) {
        if let Some(first) = self.seen.get(p.text()) {
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
        self.seen.insert(p.text().to_string(), self.at.clone());
        self.entries.push(AgentEntry {
            phrase: p,
            plural: is_plural,
            code: self.code.clone(),
            placement: self.placement,
            provenance: self.at.clone(),
        });
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
