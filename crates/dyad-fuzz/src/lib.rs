//! Mutation fuzzing of every parser of outside input, on the stable
//! toolchain.
//!
//! Each [`Target`] feeds bytes to one of dyad's readers (HTML, PETRARCH
//! XML, CSV, JSONL, Reuters SGML, CoNLL-U, PETRARCH and dyad-format
//! dictionaries) and checks what a reader promises: no panic, and every
//! document it returns has spans inside its text on character boundaries.
//! [`fuzz`] starts from a few valid seeds per target and mutates them with
//! a deterministic generator (byte flips, insertions of the format's own
//! syntax, deletions, duplicated runs that deepen nesting, splices of two
//! inputs); an input that panics, breaks a span or takes longer than the
//! limit is a finding. Coverage guidance would need a nightly compiler;
//! this harness trades it for structure-aware mutations and many runs.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dyad_core::Document;
use dyad_ingest::{Config, Format};

mod seeds;

/// A parser under test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// HTML pages (`dyad_ingest`, format `html`).
    Html,
    /// PETRARCH XML records.
    Xml,
    /// CSV with a header.
    Csv,
    /// JSON lines.
    Jsonl,
    /// Reuters-21578 SGML.
    Sgml,
    /// CoNLL-U.
    Conllu,
    /// Plain text with news layout.
    Text,
    /// PETRARCH verb, actor and agent dictionaries.
    PetrarchDicts,
    /// dyad's own dictionary format.
    DyadDicts,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 9] = [
        Target::Html,
        Target::Xml,
        Target::Csv,
        Target::Jsonl,
        Target::Sgml,
        Target::Conllu,
        Target::Text,
        Target::PetrarchDicts,
        Target::DyadDicts,
    ];

    /// The target's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Target::Html => "html",
            Target::Xml => "xml",
            Target::Csv => "csv",
            Target::Jsonl => "jsonl",
            Target::Sgml => "sgml",
            Target::Conllu => "conllu",
            Target::Text => "text",
            Target::PetrarchDicts => "petrarch-dicts",
            Target::DyadDicts => "dyad-dicts",
        }
    }

    /// The target named `name`.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    fn format(self) -> Option<(Format, &'static str)> {
        Some(match self {
            Target::Html => (Format::Html, "html"),
            Target::Xml => (Format::PetrarchXml, "xml"),
            Target::Csv => (Format::Csv, "csv"),
            Target::Jsonl => (Format::Jsonl, "jsonl"),
            Target::Sgml => (Format::ReutersSgml, "sgm"),
            Target::Conllu => (Format::Conllu, "conllu"),
            Target::Text => (Format::Text, "txt"),
            Target::PetrarchDicts | Target::DyadDicts => return None,
        })
    }
}

/// A deterministic xorshift generator (no dependency, same run for the
/// same seed).
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// One mutation of `input`: a byte flipped, a token of the format's
/// syntax inserted, a run deleted or repeated, or a splice with `other`.
pub fn mutate(rng: &mut Rng, input: &[u8], other: &[u8], tokens: &[&[u8]]) -> Vec<u8> {
    let mut out = input.to_vec();
    let at = rng.below(out.len() + 1);
    match rng.below(6) {
        0 if !out.is_empty() => {
            let i = rng.below(out.len());
            out[i] ^= 1 << rng.below(8);
        }
        1 | 2 => {
            let token = tokens[rng.below(tokens.len())];
            out.splice(at..at, token.iter().copied());
        }
        3 => {
            let len = rng.below(32).min(out.len() - at);
            out.drain(at..at + len);
        }
        4 => {
            // repeat a run many times: deep nesting, long lines
            let len = (1 + rng.below(24)).min(out.len() - at);
            let run: Vec<u8> = out[at..at + len].to_vec();
            let most = if rng.below(10) == 0 { 2000 } else { 8 };
            let times = 1 + rng.below(most);
            for _ in 0..times {
                out.splice(at..at, run.iter().copied());
            }
        }
        _ => {
            let from = rng.below(other.len() + 1);
            out.truncate(at);
            out.extend_from_slice(&other[from..]);
        }
    }
    out.truncate(1 << 20);
    out
}

/// What went wrong with one input.
#[derive(Debug)]
pub struct Finding {
    /// The input.
    pub input: Vec<u8>,
    /// What happened: a panic message, a broken span, a slow run.
    pub what: String,
}

/// Counts of one fuzzing run.
#[derive(Debug, Default)]
pub struct Report {
    /// Inputs run.
    pub executions: u64,
    /// Inputs that found something.
    pub findings: Vec<Finding>,
    /// The slowest single input, in seconds.
    pub slowest_s: f64,
}

/// Runs `target` on `input` once, in `scratch` (a folder for the file
/// readers need); `Err` says what broke.
pub fn run_once(target: Target, input: &[u8], scratch: &Path) -> Result<(), String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| check(target, input, scratch)));
    match outcome {
        Ok(result) => result,
        Err(panic) => Err(match panic.downcast_ref::<&str>() {
            Some(s) => format!("panic: {s}"),
            None => match panic.downcast_ref::<String>() {
                Some(s) => format!("panic: {s}"),
                None => "panic".to_string(),
            },
        }),
    }
}

fn check(target: Target, input: &[u8], scratch: &Path) -> Result<(), String> {
    match target.format() {
        Some((format, extension)) => {
            let path = scratch.join(format!("input.{extension}"));
            std::fs::write(&path, input).map_err(|e| format!("cannot write input: {e}"))?;
            let config = Config {
                format: Some(format),
                ..Config::default()
            };
            for doc in dyad_ingest::read_inputs(vec![path], config).flatten() {
                spans_hold(&doc)?;
            }
            Ok(())
        }
        None if target == Target::PetrarchDicts => {
            let _ = dyad_dict::VerbDict::parse_bytes("fuzz.verbs", input);
            let _ = dyad_dict::ActorDict::new().add_bytes("fuzz.actors", input);
            let _ = dyad_dict::AgentDict::new().add_bytes("fuzz.agents", input);
            Ok(())
        }
        None => {
            let text = String::from_utf8_lossy(input);
            for name in [
                "countries.txt",
                "agents.txt",
                "verbs.txt",
                "verbs-nominal.txt",
            ] {
                let file = dyad_dict::dyad_format::DyadFile {
                    name,
                    text: &text,
                    kind: dyad_dict::dyad_format::FileKind::from_name(name),
                };
                let _ = dyad_dict::DyadDicts::parse(&[file]);
            }
            Ok(())
        }
    }
}

/// Every block, sentence and token span of `doc` lies in its text on
/// character boundaries.
fn spans_hold(doc: &Document) -> Result<(), String> {
    let spans = doc
        .blocks
        .iter()
        .map(|b| b.span)
        .chain(doc.sentences.iter().map(|s| s.span))
        .chain(
            doc.sentences
                .iter()
                .flat_map(|s| s.tokens.iter().map(|t| t.span)),
        );
    for span in spans {
        if doc.text.get(span.bytes()).is_none() {
            return Err(format!(
                "span {:?} outside the text ({} bytes) of document {}",
                span,
                doc.text.len(),
                doc.meta.id
            ));
        }
    }
    Ok(())
}

/// Options of one fuzzing run.
pub struct Options {
    /// Stop after this long.
    pub duration: Duration,
    /// Or after this many inputs.
    pub max_executions: u64,
    /// The generator's seed.
    pub seed: u64,
    /// An input slower than this is a finding.
    pub slow: Duration,
    /// Where the file readers' inputs are written.
    pub scratch: PathBuf,
}

/// Fuzzes `target` until the time or the execution budget is spent.
pub fn fuzz(target: Target, options: &Options) -> Report {
    let seeds = seeds::seeds(target);
    let tokens = seeds::tokens(target);
    let mut corpus: Vec<Vec<u8>> = seeds.iter().map(|s| s.as_bytes().to_vec()).collect();
    let mut rng = Rng::new(options.seed);
    let mut report = Report::default();
    let started = Instant::now();
    while report.executions < options.max_executions && started.elapsed() < options.duration {
        let base = &corpus[rng.below(corpus.len())];
        let other = &corpus[rng.below(corpus.len())];
        let mut input = mutate(&mut rng, base, other, tokens);
        for _ in 0..rng.below(4) {
            input = mutate(&mut rng, &input, other, tokens);
        }
        let t = Instant::now();
        let result = run_once(target, &input, &options.scratch);
        let took = t.elapsed();
        report.executions += 1;
        report.slowest_s = report.slowest_s.max(took.as_secs_f64());
        let what = match result {
            Err(what) => Some(what),
            Ok(()) if took > options.slow => Some(format!("slow: {:.2} s", took.as_secs_f64())),
            Ok(()) => None,
        };
        if let Some(what) = what {
            report.findings.push(Finding { input, what });
        } else if corpus.len() < 256 && rng.below(50) == 0 {
            // keep some mutants as new starting points
            corpus.push(input);
        }
    }
    report
}
