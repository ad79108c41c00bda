//! Data-driven coder cases: every `test_data/cases/<case>/input.conllu`
//! is coded and its events are compared with the sibling `expected.txt`.
//!
//! A case file holds one or more sentences, each coded as its own
//! one-sentence document. Comment lines before a sentence set its options:
//!
//! - `# date = 20200101`: the document date (none when absent);
//! - `# config = require=source new_actor_length=4
//!   commas=petrarch`: [`Config`] fields (`commas` is `petrarch` or `off`);
//! - `# dicts = builtin`: dyad's built-in dictionaries instead of the small
//!   test dictionaries under `test_data/dicts/`;
//! - `# document = continue`: the sentence joins the document of the one
//!   before (its options are the first sentence's), for rules that look
//!   across sentences;
//! - `# countries = infer`: countries from context are filled in, as the
//!   pipeline does;
//! - `# sent_id = …` names the sentence in `expected.txt`; `# text = …`,
//!   when given, must be the forms joined by spaces.
//!
//! Other `#` lines are free comments. `expected.txt` lists, per sentence,
//! `[sent_id] text` and then one event per line (see [`render_event`]), or
//! `(no events)`. Run with `UPDATE_EXPECT=1` to write the actual output
//! into `expected.txt`; review the diff before committing it.

use crate::{Coder, CommaLimits, Config, Event};
use dyad_core::{Analysis, BlockKind, CharIndex, Date, Document, DocumentBuilder, Sentence, Token};
use dyad_dict::Dictionaries;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The test dictionaries' files, by the name their provenance shows.
const TEST_DICTS: [(&str, &str); 5] = [
    ("t.verbs", include_str!("../../test_data/dicts/t.verbs")),
    ("t.nominal", include_str!("../../test_data/dicts/t.nominal")),
    ("t.actors", include_str!("../../test_data/dicts/t.actors")),
    ("t.agents", include_str!("../../test_data/dicts/t.agents")),
    (
        "t.discards",
        include_str!("../../test_data/dicts/t.discards"),
    ),
];

/// A coder over the small test dictionaries under `test_data/dicts/`.
pub(super) fn test_coder() -> Coder {
    let mut dicts = Dictionaries::default();
    let [verbs, nominal, actors, agents, discards] = TEST_DICTS;
    let (parsed, diags) = dyad_dict::VerbDict::parse(verbs.0, verbs.1);
    assert!(diags.is_empty(), "{diags:?}");
    dicts.verbs = parsed;
    let (parsed, diags) = dyad_dict::VerbDict::parse(nominal.0, nominal.1);
    assert!(diags.is_empty(), "{diags:?}");
    dicts.nominal = parsed;
    assert!(dicts.actors.add_text(actors.0, actors.1).is_empty());
    assert!(dicts.agents.add_text(agents.0, agents.1).is_empty());
    dicts.discards.add_text(discards.0, discards.1);
    Coder::new(dicts)
}

/// The two coders a case may ask for, built once.
fn coders() -> &'static (Coder, Coder) {
    static CODERS: OnceLock<(Coder, Coder)> = OnceLock::new();
    CODERS.get_or_init(|| (test_coder(), Coder::new(dyad_dict::builtin_dictionaries())))
}

#[test]
fn cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/cases");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no cases under {}", root.display());
    let failures: Vec<String> = dirs.iter().filter_map(|d| check(d, update).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} coder cases failed (UPDATE_EXPECT=1 rewrites expected.txt):\n\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n\n")
    );
}

/// Runs the case in `dir`; `Err` says how it failed.
fn check(dir: &Path, update: bool) -> Result<(), String> {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let input = std::fs::read_to_string(dir.join("input.conllu"))
        .map_err(|e| format!("{name}: input.conllu: {e}"))?;
    let actual = run(&input).map_err(|e| format!("{name}: input.conllu: {e}"))?;
    let path = dir.join("expected.txt");
    let expected = std::fs::read_to_string(&path).ok();
    if expected.as_deref() == Some(actual.as_str()) {
        return Ok(());
    }
    if update {
        std::fs::write(&path, &actual).map_err(|e| format!("{name}: {e}"))?;
        println!("updated {}", path.display());
        return Ok(());
    }
    match expected {
        None => Err(format!("{name}: no expected.txt")),
        Some(expected) => Err(format!(
            "{name}: events differ (- expected, + actual)\n{}",
            diff(&expected, &actual)
        )),
    }
}

/// One sentence of a case file with its options.
#[derive(Default)]
struct Case {
    id: String,
    text: Option<String>,
    date: Option<String>,
    config: Config,
    builtin: bool,
    /// `# document = continue`: the sentence follows the one before in
    /// one document (the entity table, pronouns, countries from context).
    continues: bool,
    /// `# countries = infer`: run [`crate::infer_countries`] on the
    /// document's events, as the pipeline does.
    infer_countries: bool,
    /// (form, analysis) per word.
    words: Vec<(String, Analysis)>,
}

/// Codes every sentence of a case file; the text `expected.txt` holds.
fn run(input: &str) -> Result<String, String> {
    let mut out = String::new();
    // sentences marked `# document = continue` join the one before
    let mut groups: Vec<Vec<Case>> = Vec::new();
    for case in parse(input)? {
        match groups.last_mut() {
            Some(group) if case.continues => group.push(case),
            _ => groups.push(vec![case]),
        }
    }
    for group in &groups {
        let mut texts = Vec::new();
        for case in group {
            let text = case.words.iter().map(|w| w.0.as_str()).collect::<Vec<_>>();
            let text = text.join(" ");
            if case.text.as_ref().is_some_and(|t| *t != text) {
                return Err(format!("sentence {}: `# text` is not the forms", case.id));
            }
            texts.push(text);
        }
        let first = &group[0];
        let doc = document(group, &texts);
        let (test, builtin) = coders();
        let coder = if first.builtin { builtin } else { test };
        let config = Config {
            explain: true,
            ..first.config
        };
        let mut coded = coder.code(&doc, &config);
        if !coded.diagnostics.is_empty() {
            return Err(format!("sentence {}: {:?}", first.id, coded.diagnostics));
        }
        if first.infer_countries {
            crate::infer_countries(&mut coded);
        }
        for (k, (case, text)) in group.iter().zip(&texts).enumerate() {
            if !out.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "[{}] {text}", case.id);
            let events: Vec<&Event> = coded
                .events
                .iter()
                .filter(|e| e.sentence_index == k)
                .collect();
            if events.is_empty() {
                out.push_str("(no events)\n");
            }
            for e in events {
                out.push_str(&render_event(e));
                out.push('\n');
            }
        }
    }
    Ok(out)
}

/// Reads the sentences of a case file.
fn parse(input: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    let mut case = Case::default();
    for (n, line) in input.lines().chain([""]).enumerate() {
        let at = |e: String| format!("line {}: {e}", n + 1);
        if line.trim().is_empty() {
            if !case.words.is_empty() {
                if case.id.is_empty() {
                    case.id = (cases.len() + 1).to_string();
                }
                cases.push(std::mem::take(&mut case));
            }
        } else if let Some(comment) = line.strip_prefix('#') {
            option(&mut case, comment).map_err(at)?;
        } else {
            case.words.push(word(line).map_err(at)?);
        }
    }
    if cases.is_empty() {
        return Err("no sentences".to_string());
    }
    Ok(cases)
}

/// Applies a `# key = value` comment; other comments are free text.
fn option(case: &mut Case, comment: &str) -> Result<(), String> {
    let Some((key, value)) = comment.split_once(" = ") else {
        return Ok(());
    };
    let (key, value) = (key.trim(), value.trim().to_string());
    if key.contains(' ') {
        return Ok(());
    }
    match key {
        "sent_id" => case.id = value,
        "text" => case.text = Some(value),
        "date" => case.date = Some(value),
        "dicts" if value == "builtin" => case.builtin = true,
        "document" if value == "continue" => case.continues = true,
        "countries" if value == "infer" => case.infer_countries = true,
        "config" => {
            for setting in value.split_whitespace() {
                config(&mut case.config, setting)?;
            }
        }
        _ => return Err(format!("unknown option `# {key} = {value}`")),
    }
    Ok(())
}

/// Applies one `name=value` of a `# config` line.
fn config(config: &mut Config, setting: &str) -> Result<(), String> {
    let bad = || format!("bad config setting `{setting}`");
    let (name, value) = setting.split_once('=').ok_or_else(bad)?;
    match (name, value) {
        ("require", v) => config.require = v.parse().map_err(|_| bad())?,
        ("new_actor_length", v) => config.new_actor_length = v.parse().map_err(|_| bad())?,
        ("commas", "petrarch") => config.commas = Some(CommaLimits::PETRARCH),
        ("commas", "off") => config.commas = Some(CommaLimits::OFF),
        ("petrarch_readings", v) => config.petrarch_readings = v.parse().map_err(|_| bad())?,
        _ => return Err(bad()),
    }
    Ok(())
}

/// Reads one 10-column CoNLL-U word line.
fn word(line: &str) -> Result<(String, Analysis), String> {
    let cols: Vec<&str> = line.split('\t').collect();
    let [_, form, lemma, upos, xpos, feats, head, deprel, _, _] = cols[..] else {
        return Err(format!("{} columns, expected 10", cols.len()));
    };
    let head = head.parse().map_err(|_| format!("bad head `{head}`"))?;
    let field = |s: &str| {
        if s == "_" {
            String::new()
        } else {
            s.to_string()
        }
    };
    let analysis = Analysis {
        lemma: lemma.to_string(),
        upos: upos.to_string(),
        xpos: xpos.to_string(),
        feats: field(feats),
        head,
        deprel: deprel.to_string(),
    };
    Ok((form.to_string(), analysis))
}

/// The document of `cases`, one sentence each, its text their `texts`
/// (each the forms joined by spaces) joined by spaces; the first case's
/// date.
fn document(cases: &[Case], texts: &[String]) -> Document {
    let mut builder = DocumentBuilder::new("t");
    let date = cases.first().and_then(|c| c.date.clone());
    builder.meta_mut().date = date.as_deref().and_then(Date::parse);
    builder.meta_mut().date_text.clone_from(&date);
    builder.push_block(BlockKind::Body, &texts.join(" "));
    let mut doc = builder.finish();
    let index = CharIndex::new(&doc.text);
    let mut cursor = 0;
    for case in cases {
        let mut tokens = Vec::new();
        let sentence_start =
            cursor + (doc.text[cursor..].len() - doc.text[cursor..].trim_start().len());
        for (form, _) in &case.words {
            let rest = &doc.text[cursor..];
            let start = cursor + (rest.len() - rest.trim_start().len());
            let end = if doc.text[start..].starts_with(form.as_str()) {
                start + form.len()
            } else {
                start
            };
            let mut token = Token::new(index.span(start, end));
            if start == end {
                token.form = Some(form.as_str().into());
            }
            tokens.push(token);
            cursor = end;
        }
        doc.sentences.push(Sentence {
            span: index.span(sentence_start, cursor),
            block: 0,
            tokens,
            analysis: case.words.iter().map(|w| w.1.clone()).collect(),
        });
    }
    doc
}

/// One event as a line of `expected.txt`:
///
/// `SRC CAMEO TGT src="…"@dict tgt="…"@dict verb="…" rule=file:line`, then
/// when they apply `pattern="…"`, `modality=…` (when not asserted),
/// `negated`, `promised`, and `by="…"/CODE` (the attribution, `-` for no
/// code). `@dict` is the actor dictionary line, left out for none.
fn render_event(e: &Event) -> String {
    let actor = |a: &crate::Actor| match &a.dictionary {
        Some(d) => format!("{:?}@{d}", a.text),
        None => format!("{:?}", a.text),
    };
    let mut line = format!(
        "{} {} {} src={} tgt={} verb={:?} rule={}",
        e.source.code,
        e.cameo,
        e.target.code,
        actor(&e.source),
        actor(&e.target),
        e.verb,
        e.rule
    );
    if let Some(p) = &e.pattern {
        let _ = write!(line, " pattern={p:?}");
    }
    if e.modality != crate::Modality::Asserted {
        let _ = write!(line, " modality={}", e.modality);
    }
    if e.negated {
        line.push_str(" negated");
    }
    if e.promised {
        line.push_str(" promised");
    }
    if let Some(a) = &e.attribution {
        let _ = write!(
            line,
            " by={:?}/{}",
            a.text,
            a.code.as_deref().unwrap_or("-")
        );
    }
    line
}

/// A line diff of `expected` and `actual` (longest common subsequence).
fn diff(expected: &str, actual: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    // lcs[i][j]: length of the LCS of a[i..] and b[j..]
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            let _ = writeln!(out, "  {}", a[i]);
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            let _ = writeln!(out, "- {}", a[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "+ {}", b[j]);
            j += 1;
        }
    }
    out
}
