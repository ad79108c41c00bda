//! `dyad dict lookup`: which actor and agent entries a text's phrases match.

use super::DyadDicts;
use super::syntax::format_range;
use crate::{AgentPlacement, Provenance};
use dyad_core::Date;

/// Whether a [`Match`] is an actor or an agent phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    /// An actor entry.
    Actor,
    /// An agent entry.
    Agent,
}

/// One dictionary phrase found in a looked-up text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Actor or agent.
    pub kind: MatchKind,
    /// The first token matched (tokens as [`tokenize`] makes them).
    pub start: usize,
    /// How many tokens matched.
    pub len: usize,
    /// The dictionary phrase that matched, upper-case.
    pub phrase: String,
    /// Where that phrase was written.
    pub phrase_provenance: Provenance,
    /// The entry's canonical name (its first phrase).
    pub entity: String,
    /// The code on the date (actors: `None` when no code applies), or the
    /// agent code, with `~` showing where it goes (`~GOV`, `NGO~`).
    pub code: Option<String>,
    /// The line the code came from.
    pub code_provenance: Option<Provenance>,
    /// For role phrases ("Iraqi prime minister"): who held the role on the
    /// date.
    pub holder: Option<String>,
    /// Every code of the entry as `(code, range, provenance)`, the default
    /// first with range `*`.
    pub codes: Vec<(String, String, Provenance)>,
}

/// Splits text into words the way dictionary phrases are written: on
/// blanks, with outer punctuation removed and a possessive `'s` / `’s`
/// split off as its own word.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| {
            matches!(
                c,
                ',' | ';' | ':' | '!' | '?' | '"' | '“' | '”' | '(' | ')' | '[' | ']' | '‘'
            )
        });
        // keep a final '.' only in abbreviations like "U.S."
        let word = match word.strip_suffix('.') {
            Some(w) if !w.contains('.') => w,
            _ => word,
        };
        if word.is_empty() {
            continue;
        }
        let lower = word.to_lowercase();
        let clitic = ["'s", "’s"].into_iter().find(|c| lower.ends_with(c));
        match clitic {
            Some(c) if word.len() > c.len() => {
                let cut = word.len() - c.len();
                out.push(word.get(..cut).unwrap_or(word).to_string());
                out.push(word.get(cut..).unwrap_or("").to_string());
            }
            _ => out.push(word.to_string()),
        }
    }
    out
}

/// The actor and agent entries whose phrases occur in `text`, scanning left
/// to right for the longest phrase at each word (as the coder does), actors
/// and agents separately; codes are resolved for `date`.
pub fn lookup(dicts: &DyadDicts, text: &str, date: Option<Date>) -> Vec<Match> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let rest = tokens.get(i..).unwrap_or(&[]);
        let Some(m) = dicts.actors.longest_match(rest) else {
            i += 1;
            continue;
        };
        let code = m.entry.code_on(date);
        let codes = m
            .entry
            .default_code
            .iter()
            .chain(&m.entry.restrictions)
            .map(|c| {
                (
                    c.code.to_string(),
                    format_range(c.range),
                    c.provenance.clone(),
                )
            })
            .collect();
        out.push(Match {
            kind: MatchKind::Actor,
            start: i,
            len: m.len,
            phrase: m.phrase.text().to_string(),
            phrase_provenance: m.provenance.clone(),
            entity: m
                .entry
                .primary()
                .map(|p| p.text().to_string())
                .unwrap_or_default(),
            code: code.map(|c| c.code.to_string()),
            code_provenance: code.map(|c| c.provenance.clone()),
            holder: code
                .and_then(|c| dicts.holder(&c.provenance))
                .map(str::to_string),
            codes,
        });
        i += m.len.max(1);
    }
    let mut i = 0;
    while i < tokens.len() {
        let rest = tokens.get(i..).unwrap_or(&[]);
        let Some(m) = dicts.agents.longest_match(rest) else {
            i += 1;
            continue;
        };
        let code = match m.entry.placement {
            AgentPlacement::After => format!("~{}", m.entry.code),
            AgentPlacement::Before => format!("{}~", m.entry.code),
        };
        out.push(Match {
            kind: MatchKind::Agent,
            start: i,
            len: m.len,
            phrase: m.entry.phrase.text().to_string(),
            phrase_provenance: m.entry.provenance.clone(),
            entity: m.entry.phrase.text().to_string(),
            code: Some(code.clone()),
            code_provenance: Some(m.entry.provenance.clone()),
            holder: None,
            codes: vec![(code, "*".to_string(), m.entry.provenance.clone())],
        });
        i += m.len.max(1);
    }
    out.sort_by_key(|m| (m.start, m.kind == MatchKind::Agent));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(
            tokenize("Iraq's prime minister, (U.S.) said."),
            vec!["Iraq", "'s", "prime", "minister", "U.S.", "said"]
        );
    }
}
