//! The issues dictionary: phrases → issue codes, grouped in categories.
//!
//! ```text
//! <ISSUE CATEGORY="EDUCATION" TYPE="ALL">
//! n:school [SCHOOLS]              n: singular and plural of the noun
//! v:massacre [ID_ATROCITY]        v: the regular verb forms
//! al+zarqawi network [TERROR]     +: versions with ' ' and '-'
//! ~a head start                   ignore phrase (sentence)
//! ~~armenian genocide             ignore phrase (story)
//! </ISSUE>
//! ```

use crate::actors::bracket;
use crate::agents::regular_plural;
use crate::diag::{DiagnosticKind, Sink, syntax};
use crate::phrase::upper;
use crate::{Diagnostic, Provenance, source};

/// What an issue phrase does when found.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IssueAction {
    /// Adds the issue code, e.g. `SCHOOLS`.
    Code(Box<str>),
    /// `~`: cancels issue coding for the sentence.
    IgnoreSentence,
    /// `~~`: cancels issue coding for the story.
    IgnoreStory,
}

/// One issue line with its expanded forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueEntry {
    /// The phrase as written, e.g. `n:school`.
    pub pattern: String,
    /// Every form it expands to, as upper-cased word lists.
    pub forms: Vec<Vec<Box<str>>>,
    /// What a match does.
    pub action: IssueAction,
    /// The `<ISSUE CATEGORY="…">` it is in, if any.
    pub category: Option<Box<str>>,
    /// Where it was written.
    pub provenance: Provenance,
}

/// The issues dictionary.
#[derive(Clone, Debug, Default)]
pub struct IssueDict {
    entries: Vec<IssueEntry>,
    categories: Vec<Box<str>>,
}

/// At most this many forms per line (each `n:`/`v:`/`+` multiplies them).
const MAX_FORMS: usize = 256;

impl IssueDict {
    /// An empty dictionary.
    pub fn new() -> IssueDict {
        IssueDict::default()
    }

    /// Parses one issues file's text and adds its entries; returns the diagnostics.
    pub fn add_text(&mut self, file: &str, text: &str) -> Vec<Diagnostic> {
        Sink::collect(file, |sink| self.parse(text, sink)).1
    }

    fn parse(&mut self, text: &str, sink: &mut Sink<'_>) {
        let mut category: Option<Box<str>> = None;
        let mut open_line = 0;
        for line in source::lines(text, sink) {
            let n = line.number;
            let trimmed = line.text.trim();
            if trimmed.starts_with("</") {
                if category.take().is_none() {
                    sink.push(n, syntax("closing tag without an open category", trimmed));
                }
                continue;
            }
            if trimmed.starts_with('<') {
                category = Some(self.open_category(trimmed, category.as_deref(), n, sink));
                open_line = n;
                continue;
            }
            let Some((pattern, action)) = pattern_action(trimmed, n, sink) else {
                continue;
            };
            let pattern = pattern.trim();
            let forms = expand(pattern);
            if forms.is_empty() {
                sink.push(n, syntax("issue phrase has no words; skipped", trimmed));
                continue;
            }
            if forms.len() >= MAX_FORMS {
                sink.push(n, syntax("too many expansions; list truncated", trimmed));
            }
            self.entries.push(IssueEntry {
                pattern: pattern.to_string(),
                forms,
                action,
                category: category.clone(),
                provenance: sink.at(n),
            });
        }
        if let Some(open) = category {
            sink.push(
                open_line,
                syntax("category is never closed with </ISSUE>", &open),
            );
        }
    }

    /// Reads an `<ISSUE CATEGORY="…">` tag (`open`: the category still
    /// open, if any) and returns the new category's name.
    fn open_category(
        &mut self,
        trimmed: &str,
        open: Option<&str>,
        n: u32,
        sink: &mut Sink<'_>,
    ) -> Box<str> {
        if let Some(open) = open {
            sink.push(
                n,
                syntax("category opened before the previous one closed", open),
            );
        }
        let name = attribute(trimmed, "CATEGORY");
        if name.is_none() {
            sink.push(n, syntax("tag without CATEGORY=\"…\"", trimmed));
        }
        let name: Box<str> = name.unwrap_or("").into();
        if !self.categories.contains(&name) {
            self.categories.push(name.clone());
        }
        name
    }

    /// Parses one issues file's bytes (UTF-8; bad bytes are reported).
    pub fn add_bytes(&mut self, file: &str, bytes: &[u8]) -> Vec<Diagnostic> {
        source::read_decoded(file, bytes, |text| ((), self.add_text(file, text))).1
    }

    /// Every entry, in load order.
    pub fn entries(&self) -> &[IssueEntry] {
        &self.entries
    }

    /// The category names, in order of first appearance.
    pub fn categories(&self) -> &[Box<str>] {
        &self.categories
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Splits an issue line into its pattern and what it does: `~~…`, `~…`
/// or `PATTERN [CODE]`; `None` (reported) when the code is missing or bad.
fn pattern_action<'t>(
    trimmed: &'t str,
    n: u32,
    sink: &mut Sink<'_>,
) -> Option<(&'t str, IssueAction)> {
    if let Some(rest) = trimmed.strip_prefix("~~") {
        return Some((rest, IssueAction::IgnoreStory));
    }
    if let Some(rest) = trimmed.strip_prefix('~') {
        return Some((rest, IssueAction::IgnoreSentence));
    }
    let Some((before, code, _)) = bracket(trimmed, n, sink) else {
        sink.push(
            n,
            DiagnosticKind::MissingCode {
                text: trimmed.to_string(),
            },
        );
        return None;
    };
    let code = code.trim();
    if code.is_empty() || code.contains(char::is_whitespace) {
        sink.push(
            n,
            DiagnosticKind::BadCode {
                code: code.to_string(),
                reason: "issue codes are one word; entry skipped",
            },
        );
        return None;
    }
    Some((before, IssueAction::Code(upper(code))))
}

fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let at = tag.find(name)?;
    let rest = tag
        .get(at + name.len()..)?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let rest = rest.strip_prefix('"')?;
    rest.get(..rest.find('"')?)
}

/// Expands `n:`, `v:` and `+` in a pattern into upper-cased word lists.
fn expand(pattern: &str) -> Vec<Vec<Box<str>>> {
    let mut forms: Vec<Vec<String>> = vec![Vec::new()];
    for word in pattern.split_whitespace() {
        let word = word.to_uppercase();
        let variants: Vec<Vec<String>> = if let Some(noun) = word.strip_prefix("N:") {
            vec![vec![noun.to_string()], vec![regular_plural(noun)]]
        } else if let Some(verb) = word.strip_prefix("V:") {
            verb_forms(verb).into_iter().map(|v| vec![v]).collect()
        } else {
            vec![vec![word.clone()]]
        };
        let variants: Vec<Vec<String>> = variants
            .into_iter()
            .flat_map(|v| hyphen_variants(&v))
            .collect();
        let mut next = Vec::new();
        'outer: for form in &forms {
            for v in &variants {
                if next.len() >= MAX_FORMS {
                    break 'outer;
                }
                let mut f = form.clone();
                f.extend(v.iter().filter(|w| !w.is_empty()).cloned());
                next.push(f);
            }
        }
        forms = next;
    }
    forms
        .into_iter()
        .filter(|f| !f.is_empty())
        .map(|f| f.into_iter().map(String::into_boxed_str).collect())
        .collect()
}

/// `AL+ZARQAWI` → `[AL, ZARQAWI]` and `[AL-ZARQAWI]`.
fn hyphen_variants(words: &[String]) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    for w in words {
        if w.contains('+') {
            let spaced: Vec<String> = w
                .split('+')
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect();
            let hyphened = w.trim_matches('+').replace('+', "-");
            out = out
                .iter()
                .flat_map(|o| {
                    let mut a = o.clone();
                    a.extend(spaced.iter().cloned());
                    let mut b = o.clone();
                    b.push(hyphened.clone());
                    [a, b]
                })
                .collect();
        } else {
            for o in &mut out {
                o.push(w.clone());
            }
        }
    }
    out
}

/// The base form and its regular `-S`, `-ED`, `-ING` forms.
pub(crate) fn verb_forms(verb: &str) -> Vec<String> {
    let upper = verb.to_uppercase();
    if upper.is_empty() {
        return vec![upper];
    }
    let mut chars = upper.chars().rev();
    let (last, before) = (chars.next(), chars.next());
    let consonant_y = matches!((before, last), (Some(b), Some('Y')) if !"AEIOU".contains(b));
    let stem = upper.get(..upper.len() - 1).unwrap_or("");
    let s = regular_plural(&upper);
    let (ed, ing) = if consonant_y {
        (format!("{stem}IED"), format!("{upper}ING"))
    } else if last == Some('E') {
        let ing = if matches!(before, Some('E' | 'Y' | 'O')) {
            format!("{upper}ING")
        } else {
            format!("{stem}ING")
        };
        (format!("{upper}D"), ing)
    } else {
        (format!("{upper}ED"), format!("{upper}ING"))
    };
    vec![upper, s, ed, ing]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(e: &IssueEntry) -> Vec<String> {
        e.forms.iter().map(|f| f.join(" ")).collect()
    }

    #[test]
    fn expansions() {
        let text = "<ISSUE CATEGORY=\"ID\" TYPE=\"ALL\">\nethnic v:purge [ID_ATROCITY]\nal+zarqawi n:network [TG]\n~~Armenian genocide # x\nno code\n</ISSUE>\n";
        let mut d = IssueDict::new();
        let diags = d.add_text("i.txt", text);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].line, 5);
        assert_eq!(d.len(), 3);
        assert_eq!(
            keys(&d.entries()[0]),
            vec![
                "ETHNIC PURGE",
                "ETHNIC PURGES",
                "ETHNIC PURGED",
                "ETHNIC PURGING"
            ]
        );
        assert_eq!(
            keys(&d.entries()[1]),
            vec![
                "AL ZARQAWI NETWORK",
                "AL ZARQAWI NETWORKS",
                "AL-ZARQAWI NETWORK",
                "AL-ZARQAWI NETWORKS"
            ]
        );
        assert_eq!(d.entries()[2].action, IssueAction::IgnoreStory);
        assert_eq!(d.entries()[0].category.as_deref(), Some("ID"));
        assert_eq!(
            d.entries()[0].action,
            IssueAction::Code("ID_ATROCITY".into())
        );
    }
}
