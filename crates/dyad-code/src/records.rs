//! PETRARCH unit-test records (`<Sentence>` with `<EventCoding>` gold and
//! an embedded CoNLL-U `<Parse>`), read into [`Document`]s whose sentences
//! carry the parse as their analysis.

use crate::CommaLimits;
use dyad_core::{Analysis, BlockKind, CharIndex, Date, Document, DocumentBuilder, Sentence, Token};

/// One gold event of a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldEvent {
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// CAMEO event code.
    pub code: String,
}

/// One `<Sentence>` record.
#[derive(Clone, Debug)]
pub struct Record {
    /// The record's `id`.
    pub id: String,
    /// The record's `category` (its `source` attribute, e.g. `DEMO`).
    pub category: String,
    /// 1-based line of the `<Sentence>` tag.
    pub line: usize,
    /// The gold events.
    pub gold: Vec<GoldEvent>,
    /// The record says no event must be coded (`noevents="True"`).
    pub no_events: bool,
    /// The record as a one-sentence document; its sentence carries the
    /// embedded parse as analysis (empty when there was none or it could
    /// not be read).
    pub document: Document,
    /// Problems reading the parse.
    pub warnings: Vec<String>,
    /// The coding options in force for this record (`<Config>` tags
    /// before it).
    pub options: RecordOptions,
}

/// Coding options a records file sets between records with
/// `<Config option="…" value="…"/>`; each holds until set again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordOptions {
    /// `require_dyad` (default true): code only events with both actors.
    pub require_dyad: bool,
    /// `new_actor_length` (default 0, off): noun phrases of at most this
    /// many words are actors even when no dictionary names them
    /// ([`crate::Config::new_actor_length`]).
    pub new_actor_length: usize,
    /// `comma_min`, `comma_max`, `comma_bmin` … (default
    /// [`CommaLimits::OFF`]: the unit tests' gold keeps every clause): the
    /// comma-delimited clauses dropped.
    pub commas: CommaLimits,
}

impl Default for RecordOptions {
    fn default() -> RecordOptions {
        RecordOptions {
            require_dyad: true,
            new_actor_length: 0,
            commas: CommaLimits::OFF,
        }
    }
}

impl RecordOptions {
    /// Applies every `<Config>` tag in `text`, in order; unknown options
    /// and unreadable values are ignored.
    fn apply(&mut self, text: &str) {
        let mut rest = text;
        while let Some(i) = rest.find("<Config") {
            let end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
            let a = attributes(&rest[i..end]);
            let get = |k: &str| a.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
            if let (Some(option), Some(value)) = (get("option"), get("value")) {
                if option.eq_ignore_ascii_case("require_dyad") {
                    if value.eq_ignore_ascii_case("true") {
                        self.require_dyad = true;
                    } else if value.eq_ignore_ascii_case("false") {
                        self.require_dyad = false;
                    }
                } else if let Ok(n) = value.trim().parse::<usize>() {
                    let c = &mut self.commas;
                    let slot = match option.to_ascii_lowercase().as_str() {
                        "new_actor_length" => Some(&mut self.new_actor_length),
                        "comma_min" => Some(&mut c.min),
                        "comma_max" => Some(&mut c.max),
                        "comma_bmin" => Some(&mut c.bmin),
                        "comma_bmax" => Some(&mut c.bmax),
                        "comma_emin" => Some(&mut c.emin),
                        "comma_emax" => Some(&mut c.emax),
                        _ => None,
                    };
                    if let Some(slot) = slot {
                        *slot = n;
                    }
                }
            }
            rest = &rest[end..];
        }
    }
}

/// The `<Environment>` block: the dictionary files the records expect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// `<Verbfile>`.
    pub verbs: Option<String>,
    /// `<Actorfile>` (may name several, comma-separated).
    pub actors: Vec<String>,
    /// `<Agentfile>`.
    pub agents: Option<String>,
    /// `<Discardfile>`.
    pub discards: Option<String>,
}

/// A whole records file.
#[derive(Clone, Debug, Default)]
pub struct RecordFile {
    /// The environment.
    pub environment: Environment,
    /// The records, in file order.
    pub records: Vec<Record>,
}

/// Reads a records file's text. Comments are skipped; a record without
/// `<Text>` is skipped; nothing here panics on malformed input.
pub fn read_records(text: &str) -> RecordFile {
    let text = strip_comments(text);
    let mut file = RecordFile::default();
    if let Some(env) = between(&text, "<Environment>", "</Environment>") {
        let tag = |name: &str| {
            between(env, &format!("<{name}>"), &format!("</{name}>")).map(|s| s.trim().to_string())
        };
        file.environment = Environment {
            verbs: tag("Verbfile"),
            actors: tag("Actorfile")
                .map(|a| {
                    a.split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            agents: tag("Agentfile"),
            discards: tag("Discardfile"),
        };
    }
    let mut rest = text.as_str();
    let mut offset = 0;
    let mut options = RecordOptions::default();
    while let Some(start) = find_tag(rest, "<Sentence") {
        options.apply(&rest[..start]);
        let Some(end_rel) = rest[start..].find("</Sentence>") else {
            break;
        };
        let body = &rest[start..start + end_rel];
        let line = 1 + text[..offset + start].matches('\n').count();
        if let Some(mut record) = read_record(body, line) {
            record.options = options;
            file.records.push(record);
        }
        let consumed = start + end_rel + "</Sentence>".len();
        offset += consumed;
        rest = &rest[consumed..];
    }
    file
}

/// Finds `<Sentence` followed by a blank or `>` (not `<Sentences>`).
fn find_tag(text: &str, tag: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(tag) {
        let at = from + i;
        match text[at + tag.len()..].chars().next() {
            Some(c) if c.is_whitespace() || c == '>' => return Some(at),
            _ => from = at + tag.len(),
        }
    }
    None
}

fn read_record(body: &str, line: usize) -> Option<Record> {
    let open_end = body.find('>')?;
    let attrs = attributes(&body[..open_end]);
    let attr = |k: &str| {
        attrs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let id = attr("id").unwrap_or_else(|| format!("line-{line}"));
    let mut gold = Vec::new();
    let mut no_events = false;
    let mut rest = body;
    while let Some(i) = rest.find("<EventCoding") {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let a = attributes(&rest[i..tag_end]);
        let get = |k: &str| a.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
        if get("noevents").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            no_events = true;
        }
        if let (Some(s), Some(t), Some(c)) =
            (get("sourcecode"), get("targetcode"), get("eventcode"))
        {
            gold.push(GoldEvent {
                source: s,
                target: t,
                code: c,
            });
        }
        rest = &rest[tag_end.min(rest.len())..];
        if rest.is_empty() {
            break;
        }
    }
    let raw_text = unescape(between(body, "<Text>", "</Text>")?);
    let sentence_text: String = raw_text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut builder = DocumentBuilder::new(id.clone());
    builder.meta_mut().date = attr("date").and_then(|d| Date::parse(&d));
    builder.meta_mut().date_text = attr("date");
    builder.push_block(BlockKind::Body, &sentence_text);
    let mut document = builder.finish();
    let mut warnings = Vec::new();
    let parse = between(body, "<Parse>", "</Parse>").map(unescape);
    let sentence = build_sentence(&document, parse.as_deref().unwrap_or(""), &mut warnings);
    document.sentences.push(sentence);
    Some(Record {
        id,
        category: attr("source").unwrap_or_default(),
        line,
        gold,
        no_events,
        document,
        warnings,
        options: RecordOptions::default(),
    })
}

/// Aligns the parse's words with the document text and attaches the
/// analysis. Words that cannot be found in the text get an empty span.
fn build_sentence(doc: &Document, parse: &str, warnings: &mut Vec<String>) -> Sentence {
    let text = &doc.text;
    let index = CharIndex::new(text);
    let mut tokens = Vec::new();
    let mut analysis = Vec::new();
    let mut cursor = 0usize;
    for (n, line) in parse.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 {
            warnings.push(format!(
                "parse line {}: {} columns, expected 10",
                n + 1,
                cols.len()
            ));
            continue;
        }
        if cols[0].contains(['-', '.']) {
            continue; // multiword token ranges and empty nodes
        }
        let form = cols[1];
        let head = cols[6].parse::<u32>().unwrap_or_else(|_| {
            warnings.push(format!("parse line {}: bad head `{}`", n + 1, cols[6]));
            0
        });
        let rest = text.get(cursor..).unwrap_or("");
        let skipped = rest.len() - rest.trim_start().len();
        let at = cursor + skipped;
        let (start, end) = if text.get(at..).is_some_and(|t| t.starts_with(form)) {
            (at, at + form.len())
        } else if let Some(i) = text
            .get(at..)
            .and_then(|t| t.find(form))
            .filter(|&i| i < 40)
        {
            (at + i, at + i + form.len())
        } else {
            (at, at)
        };
        cursor = end;
        let mut token = Token::new(index.span(start, end));
        if start == end {
            token.form = Some(form.into());
        }
        tokens.push(token);
        let col = |i: usize| cols.get(i).copied().unwrap_or("_");
        analysis.push(Analysis {
            lemma: col(2).to_string(),
            upos: col(3).to_string(),
            xpos: col(4).to_string(),
            feats: if col(5) == "_" {
                String::new()
            } else {
                col(5).to_string()
            },
            head,
            deprel: col(7).to_string(),
        });
    }
    let span = doc.blocks.first().map(|b| b.span).unwrap_or_default();
    Sentence {
        span,
        block: 0,
        tokens,
        analysis,
    }
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => {
                // keep line numbers
                out.extend(rest[i..i + j].matches('\n').map(|_| '\n'));
                rest = &rest[i + j + 3..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn between<'t>(text: &'t str, open: &str, close: &str) -> Option<&'t str> {
    let a = text.find(open)? + open.len();
    let b = text[a..].find(close)? + a;
    Some(&text[a..b])
}

fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq]
            .rsplit(|c: char| c.is_whitespace() || c == '<')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let after = rest[eq + 1..].trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            rest = &rest[eq + 1..];
            continue;
        };
        let value_start = &after[1..];
        let Some(close) = value_start.find(quote) else {
            break;
        };
        out.push((key, unescape(&value_start[..close])));
        rest = &value_start[close + 1..];
    }
    out
}

fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
