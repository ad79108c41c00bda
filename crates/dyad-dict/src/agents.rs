//! The agent dictionary: phrases → agent codes such as `~GOV`.
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     substitution set
//! CONGRESS!PERSON! [~LEG]                       → CONGRESSMAN, CONGRESSMEN, …
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   explicit plural
//! POLICE {} [~COP]                              no plural
//! HUMAN_RIGHTS_BODY [NGO~]                      code goes before the actor code
//! ```

use crate::actors::bracket;
use crate::diag::{DiagnosticKind, Sink, syntax};
use crate::phrase::{Phrase, PhraseIndex, Slot, split_words};
use crate::{Diagnostic, Provenance, source};
use std::collections::HashMap;

/// Where an agent code goes relative to the actor (country) code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AgentPlacement {
    /// `[~GOV]`: appended after the actor code (`IRQ` + `GOV` → `IRQGOV`).
    After,
    /// `[NGO~]`: put before the actor code (`NGO` + `IRQ` → `NGOIRQ`).
    Before,
}

/// One agent phrase (a singular or plural form) and its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentEntry {
    /// The phrase, e.g. `FOREIGN MINISTER`.
    pub phrase: Phrase,
    /// Whether this is a plural form (generated or from `{…}`).
    pub plural: bool,
    /// The code without `~`, upper-cased, e.g. `GOV`, `GOVFRM`.
    pub code: Box<str>,
    /// Where the code goes.
    pub placement: AgentPlacement,
    /// Where the entry was written.
    pub provenance: Provenance,
}

/// A phrase found by [`AgentDict::longest_match`].
#[derive(Clone, Copy, Debug)]
pub struct AgentMatch<'d> {
    /// How many tokens the phrase covers.
    pub len: usize,
    /// The entry that matched.
    pub entry: &'d AgentEntry,
}

/// Agent phrases → [`AgentEntry`]s. Each singular and plural form (and each
/// `!…!` substitution) is its own entry.
#[derive(Clone, Debug, Default)]
pub struct AgentDict {
    entries: Vec<AgentEntry>,
    index: PhraseIndex,
}

impl AgentDict {
    /// An empty dictionary.
    pub fn new() -> AgentDict {
        AgentDict::default()
    }

    /// Parses one agent file's text and adds its entries; returns the diagnostics.
    pub fn add_text(&mut self, file: &str, text: &str) -> Vec<Diagnostic> {
        let (entries, diags) = Sink::collect(file, |sink| parse(text, sink));
        self.extend(entries);
        diags
    }

    /// Parses one agent file's bytes (UTF-8; bad bytes are reported).
    pub fn add_bytes(&mut self, file: &str, bytes: &[u8]) -> Vec<Diagnostic> {
        source::read_decoded(file, bytes, |text| ((), self.add_text(file, text))).1
    }

    /// Every entry (singular and plural forms), in load order.
    pub fn entries(&self) -> &[AgentEntry] {
        &self.entries
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries whose phrase equals `phrase` (blanks or `_`, any case).
    pub fn get(&self, phrase: &str) -> Vec<&AgentEntry> {
        let words = split_words(phrase);
        self.index
            .exact(&words, |s| self.phrase(s))
            .into_iter()
            .filter_map(|s| self.entries.get(s.item as usize))
            .collect()
    }

    /// The longest agent phrase that `tokens` starts with (consecutive words,
    /// case-insensitive); among equally long ones the first loaded wins.
    pub fn longest_match<S: AsRef<str>>(&self, tokens: &[S]) -> Option<AgentMatch<'_>> {
        let slot = self.index.longest(tokens, |s| self.phrase(s))?;
        Some(AgentMatch {
            len: slot.len as usize,
            entry: self.entries.get(slot.item as usize)?,
        })
    }

    fn phrase(&self, slot: Slot) -> Option<&Phrase> {
        self.entries.get(slot.item as usize).map(|e| &e.phrase)
    }
}

/// Adds entries built elsewhere (e.g. by the dyad-format reader) and
/// indexes their phrases.
impl Extend<AgentEntry> for AgentDict {
    fn extend<I: IntoIterator<Item = AgentEntry>>(&mut self, iter: I) {
        let first_new = self.entries.len();
        self.entries.extend(iter);
        for (i, e) in self.entries.iter().enumerate().skip(first_new) {
            self.index.insert(&e.phrase, i, 0);
        }
        self.index.finish();
    }
}

/// The regular English plural of a word: `-IES` after a consonant + `Y`,
/// `-ES` after `S`, `X`, `Z`, `CH`, `SH`, else `-S`.
pub fn regular_plural(word: &str) -> String {
    let upper = word.to_uppercase();
    let mut chars = upper.chars().rev();
    let (last, before) = (chars.next(), chars.next());
    match (before, last) {
        (Some(b), Some('Y')) if !"AEIOU".contains(b) => {
            format!("{}IES", upper.get(..upper.len() - 1).unwrap_or(""))
        }
        (_, Some('S' | 'X' | 'Z')) | (Some('C' | 'S'), Some('H')) => format!("{upper}ES"),
        _ => format!("{upper}S"),
    }
}

fn plural_of(phrase: &Phrase) -> Option<Phrase> {
    let last = phrase.words().next_back()?;
    Some(phrase.with_last_word(&regular_plural(last)))
}

struct Pending<'t> {
    phrase: &'t str,
    plural: Option<&'t str>,
    code: Box<str>,
    placement: AgentPlacement,
    line: u32,
}

fn parse_code(inner: &str, line: u32, sink: &mut Sink<'_>) -> Option<(Box<str>, AgentPlacement)> {
    let inner = inner.trim();
    let (code, placement) = if let Some(c) = inner.strip_prefix('~') {
        (c.trim(), AgentPlacement::After)
    } else if let Some(c) = inner.strip_suffix('~') {
        (c.trim(), AgentPlacement::Before)
    } else {
        sink.push(
            line,
            DiagnosticKind::BadCode {
                code: inner.to_string(),
                reason: "agent codes need `~` before or after; read as `~CODE`",
            },
        );
        (inner, AgentPlacement::After)
    };
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        sink.push(
            line,
            DiagnosticKind::BadCode {
                code: inner.to_string(),
                reason: "agent codes are letters and digits; entry skipped",
            },
        );
        return None;
    }
    Some((code.to_uppercase().into_boxed_str(), placement))
}

fn parse(text: &str, sink: &mut Sink<'_>) -> Vec<AgentEntry> {
    let lines = source::lines(text, sink);
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    let mut pending: Vec<Pending<'_>> = Vec::new();
    for line in &lines {
        let n = line.number;
        let trimmed = line.text.trim();
        // substitution set: !NAME! = A, B, C
        if let (true, Some((name, list))) = (trimmed.starts_with('!'), trimmed.split_once('=')) {
            substitution_set(name, list, trimmed, n, sink, &mut sets);
            continue;
        }
        pending.extend(entry_line(trimmed, n, sink));
    }
    let mut entries = Vec::new();
    for p in pending {
        add_forms(&p, &sets, sink, &mut entries);
    }
    entries
}

/// Reads `!NAME! = A, B, C` (`name`, `list` around the `=`) into `sets`.
fn substitution_set(
    name: &str,
    list: &str,
    trimmed: &str,
    n: u32,
    sink: &mut Sink<'_>,
    sets: &mut HashMap<String, Vec<String>>,
) {
    let name = name.trim();
    if name.len() < 3
        || !name.ends_with('!')
        || name.get(1..name.len() - 1).is_some_and(|m| m.contains('!'))
    {
        sink.push(
            n,
            syntax("substitution marker must be `!NAME!`; skipped", trimmed),
        );
        return;
    }
    let items: Vec<String> = list
        .split(',')
        .map(|s| s.split_whitespace().collect::<String>().to_uppercase())
        .filter(|s| !s.is_empty())
        .collect();
    if items.is_empty() {
        sink.push(n, syntax("substitution set is empty", trimmed));
    }
    sets.insert(name.to_uppercase(), items);
}

/// Reads `PHRASE [{PLURAL}] [CODE]`; the entry is expanded once every
/// substitution set is known.
fn entry_line<'t>(trimmed: &'t str, n: u32, sink: &mut Sink<'_>) -> Option<Pending<'t>> {
    let Some((before, inner, after)) = bracket(trimmed, n, sink) else {
        sink.push(
            n,
            DiagnosticKind::MissingCode {
                text: trimmed.to_string(),
            },
        );
        return None;
    };
    if !after.trim().is_empty() {
        sink.push(n, syntax("text after code ignored", trimmed));
    }
    let (code, placement) = parse_code(inner, n, sink)?;
    let (phrase, plural) = match before.find('{') {
        Some(open) => {
            let rest = before.get(open + 1..).unwrap_or("");
            let plural = match rest.find('}') {
                Some(close) => rest.get(..close).unwrap_or(""),
                None => {
                    sink.push(
                        n,
                        DiagnosticKind::Unbalanced {
                            delimiter: '{',
                            text: trimmed.to_string(),
                        },
                    );
                    rest
                }
            };
            (before.get(..open).unwrap_or(""), Some(plural))
        }
        None => (before, None),
    };
    Some(Pending {
        phrase,
        plural,
        code,
        placement,
        line: n,
    })
}

/// Adds the singular and plural forms of one entry line to `entries`.
fn add_forms(
    p: &Pending<'_>,
    sets: &HashMap<String, Vec<String>>,
    sink: &mut Sink<'_>,
    entries: &mut Vec<AgentEntry>,
) {
    let mut push = |text: &str, plural: bool, entries: &mut Vec<AgentEntry>| {
        for form in substitute(text, sets, p.line, sink) {
            match Phrase::parse(&form) {
                Some(phrase) => entries.push(AgentEntry {
                    phrase,
                    plural,
                    code: p.code.clone(),
                    placement: p.placement,
                    provenance: sink.at(p.line),
                }),
                None => sink.push(p.line, syntax("agent entry has no phrase; skipped", &form)),
            }
        }
    };
    let has_marker = p.phrase.contains('!');
    push(p.phrase, false, entries);
    match p.plural {
        Some(explicit) if !explicit.trim().is_empty() => push(explicit, true, entries),
        Some(_) => {}
        // substituted forms get no plurals: the set lists them
        None if has_marker => {}
        None => {
            if let Some(plural) = Phrase::parse(p.phrase).as_ref().and_then(plural_of) {
                entries.push(AgentEntry {
                    phrase: plural,
                    plural: true,
                    code: p.code.clone(),
                    placement: p.placement,
                    provenance: sink.at(p.line),
                });
            }
        }
    }
}

/// At most this many forms from one line's substitutions.
const MAX_FORMS: usize = 1024;

/// Expands every `!NAME!` marker in `text` with its set's items.
fn substitute(
    text: &str,
    sets: &HashMap<String, Vec<String>>,
    line: u32,
    sink: &mut Sink<'_>,
) -> Vec<String> {
    let mut forms = vec![text.to_uppercase()];
    // at most a few markers per phrase; bound the loop anyway
    for _ in 0..8 {
        let Some(first) = forms.first() else { break };
        let Some(start) = first.find('!') else { break };
        let Some(len) = first.get(start + 1..).and_then(|r| r.find('!')) else {
            sink.push(
                line,
                DiagnosticKind::Unbalanced {
                    delimiter: '!',
                    text: text.trim().to_string(),
                },
            );
            return forms.into_iter().map(|f| f.replace('!', "")).collect();
        };
        let marker = first.get(start..start + len + 2).unwrap_or("").to_string();
        let Some(items) = sets.get(&marker) else {
            sink.push(
                line,
                syntax("undefined substitution marker; entry skipped", &marker),
            );
            return Vec::new();
        };
        if forms.len().saturating_mul(items.len()) > MAX_FORMS {
            sink.push(
                line,
                syntax("substitutions give too many forms; entry skipped", text),
            );
            return Vec::new();
        }
        let marker = marker.as_str();
        forms = forms
            .iter()
            .flat_map(|f| items.iter().map(move |item| f.replacen(marker, item, 1)))
            .collect();
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(regular_plural("ATTORNEY"), "ATTORNEYS");
        assert_eq!(regular_plural("MILITARY"), "MILITARIES");
        assert_eq!(regular_plural("CONGRESS"), "CONGRESSES");
        assert_eq!(regular_plural("CHURCH"), "CHURCHES");
        assert_eq!(regular_plural("TROOP"), "TROOPS");
    }

    #[test]
    fn parse_agents() {
        let text = "\
!PERSON! = MAN, MEN, WOMAN
CONGRESS!PERSON! [~LEG]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
POLICE {} [ ~COP]
HUMAN_RIGHTS_BODY  [NGO~]
DEPARMENT_OF_ENVIRONMENT [~ENV}
NOCODE
BAD [GOV]
!UNDEF!_X [~GOV]
";
        let mut dict = AgentDict::new();
        let diags = dict.add_text("g.txt", text);
        let lines: Vec<u32> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![6, 7, 8, 9], "{diags:#?}");
        let keys: Vec<String> = dict.entries().iter().map(|e| e.phrase.key()).collect();
        assert_eq!(
            keys,
            vec![
                "CONGRESSMAN",
                "CONGRESSMEN",
                "CONGRESSWOMAN",
                "ATTORNEY GENERAL",
                "ATTORNEYS GENERAL",
                "POLICE",
                "HUMAN RIGHTS BODY",
                "HUMAN RIGHTS BODIES",
                "DEPARMENT OF ENVIRONMENT",
                "DEPARMENT OF ENVIRONMENTS",
                "BAD",
                "BADS",
            ]
        );
        let body = dict
            .longest_match(&["human", "rights", "bodies", "said"])
            .expect("test value");
        assert_eq!(body.len, 3);
        assert_eq!(body.entry.placement, AgentPlacement::Before);
        assert_eq!(&*body.entry.code, "NGO");
        assert!(body.entry.plural);
        assert_eq!(dict.get("police")[0].code.as_ref(), "COP");
    }
}
