//! Tagging and parsing: `dyad train nlp`, `dyad eval parse`,
//! `dyad bench parse`.

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dyad_eval::{GoldText, SystemWord, score_parse};
use dyad_nlp::Model;
use dyad_text::Segmenter;
use rayon::prelude::*;

use crate::args::InputArgs;
use crate::eval::round4;
use crate::parse::ingest_config;

/// Where the model comes from: the embedded English model, or a file.
#[derive(Debug, Args)]
pub struct ModelArgs {
    /// A model file written by `dyad train nlp` (default: the English model
    /// built into dyad).
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

impl ModelArgs {
    /// Loads the chosen model.
    pub fn load(&self) -> anyhow::Result<Model> {
        match &self.model {
            None => Model::english().context("cannot load the built-in English model"),
            Some(path) => {
                let bytes = std::fs::read(path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                Model::load(&bytes)
                    .with_context(|| format!("{}: not a usable model", path.display()))
            }
        }
    }
}

/// `dyad train nlp`
#[derive(Debug, Args)]
pub struct TrainNlpArgs {
    /// Training treebank (CoNLL-U).
    #[arg(long, value_name = "FILE")]
    pub train: PathBuf,
    /// Development treebank (CoNLL-U), scored after each epoch.
    #[arg(long, value_name = "FILE")]
    pub dev: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Random seed: same data and seed, same model.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Which dependency parser to train.
    #[arg(long, value_enum, default_value_t = ParserKind::Neural)]
    pub parser: ParserKind,
    /// Passes over the training data for the neural parser.
    #[arg(long, default_value_t = dyad_nlp::NeuralConfig::default().epochs)]
    pub neural_epochs: usize,
    /// LSTM state size of the neural parser (per direction): larger is more
    /// accurate and slower.
    #[arg(long, default_value_t = dyad_nlp::NeuralConfig::default().hidden)]
    pub neural_hidden: usize,
}

/// The dependency parsers `dyad train nlp` can train.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ParserKind {
    /// Greedy arc-eager transition parser, averaged perceptron.
    Perceptron,
    /// BiLSTM encoder with a biaffine arc scorer: more accurate, slower.
    Neural,
}

/// `dyad eval parse`
#[derive(Debug, Args)]
pub struct EvalParseArgs {
    /// Gold treebank (CoNLL-U).
    #[arg(long, value_name = "FILE")]
    pub conllu: PathBuf,
    /// Tag and parse the gold words instead of segmenting the raw text.
    #[arg(long)]
    pub gold_tokens: bool,
    /// The model.
    #[command(flatten)]
    pub model: ModelArgs,
}

/// `dyad bench parse`
#[derive(Debug, Args)]
pub struct BenchParseArgs {
    /// What to read.
    #[command(flatten)]
    pub input: InputArgs,
    /// The model.
    #[command(flatten)]
    pub model: ModelArgs,
    /// Repeat each measurement this many times and keep the fastest.
    #[arg(long, default_value_t = 1)]
    pub rounds: usize,
}

/// Reads a CoNLL-U file, reporting malformed sentences as `file:line`
/// warnings.
pub fn read_conllu(path: &Path) -> anyhow::Result<Vec<dyad_conllu::Sentence>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut sentences = Vec::new();
    for result in dyad_conllu::Reader::new(BufReader::new(file)) {
        match result {
            Ok(sentence) => sentences.push(sentence),
            Err(err) => err_line!("dyad: warning: {}:{}", path.display(), err),
        }
    }
    anyhow::ensure!(!sentences.is_empty(), "{}: no sentences", path.display());
    Ok(sentences)
}

/// `dyad train nlp`.
pub fn train(args: &TrainNlpArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let train = read_conllu(&args.train)?;
    let dev = read_conllu(&args.dev)?;
    let config = dyad_nlp::TrainConfig {
        seed: args.seed,
        threads: rayon::current_num_threads(),
        neural: (args.parser == ParserKind::Neural).then(|| dyad_nlp::NeuralConfig {
            epochs: args.neural_epochs,
            hidden: args.neural_hidden.clamp(1, 1024),
            ..dyad_nlp::NeuralConfig::default()
        }),
        ..dyad_nlp::TrainConfig::default()
    };
    err_line!(
        "dyad: training on {} sentences, {} dev sentences, seed {}",
        train.len(),
        dev.len(),
        args.seed
    );
    let model = Model::train(&train, &dev, &config, |line| {
        err_line!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64());
    });
    let file = std::fs::File::create(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    model.save(std::io::BufWriter::new(file))?;
    let scores = dyad_nlp::evaluate(&model, &dev);
    let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    out_line!("{}", model.summary())?;
    out_line!(
        "{}",
        serde_json::json!({
            "model": args.out.display().to_string(),
            "bytes": size,
            "seconds": round4(started.elapsed().as_secs_f64()),
            "dev_upos": round4(scores.upos), "dev_lemma": round4(scores.lemma),
            "dev_uas": round4(scores.uas), "dev_las": round4(scores.las),
        })
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `dyad eval parse`.
pub fn eval(args: &EvalParseArgs) -> anyhow::Result<ExitCode> {
    let load_started = Instant::now();
    let model = args.model.load()?;
    let load_seconds = load_started.elapsed().as_secs_f64();
    let sentences = read_conllu(&args.conllu)?;
    let json = if args.gold_tokens {
        let s = dyad_nlp::evaluate(&model, &sentences);
        out_line!(
            "gold tokens: UPOS {:.2}  XPOS {:.2}  FEATS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}  ({} words)",
            s.upos,
            s.xpos,
            s.feats,
            s.lemma,
            s.uas,
            s.las,
            s.words
        )?;
        serde_json::json!({
            "file": args.conllu.display().to_string(), "tokenization": "gold",
            "upos": round4(s.upos), "xpos": round4(s.xpos), "feats": round4(s.feats),
            "lemma": round4(s.lemma), "uas": round4(s.uas), "las": round4(s.las),
            "las_with_subtypes": round4(s.las_full), "words": s.words,
            "tokens_per_s": s.tokens_per_s.round(), "model_load_s": round4(load_seconds),
        })
    } else {
        let gold = GoldText::from_conllu(&sentences);
        let started = Instant::now();
        let system = parse_raw_text(&model, &gold.text);
        let seconds = started.elapsed().as_secs_f64();
        let s = score_parse(&sentences, &gold, &system);
        let pct = |p: &dyad_eval::Prf| round4(p.f1 * 100.0);
        out_line!(
            "raw text: words {:.2}  UPOS {:.2}  XPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}  (F1, {} gold words)",
            pct(&s.words),
            pct(&s.upos),
            pct(&s.xpos),
            pct(&s.lemma),
            pct(&s.uas),
            pct(&s.las),
            s.words.gold
        )?;
        serde_json::json!({
            "file": args.conllu.display().to_string(), "tokenization": "dyad",
            "words_f1": pct(&s.words), "upos": pct(&s.upos), "xpos": pct(&s.xpos),
            "lemma": pct(&s.lemma), "uas": pct(&s.uas), "las": pct(&s.las),
            "words": s.words.gold,
            "tokens_per_s": (system.len() as f64 / seconds).round(),
            "model_load_s": round4(load_seconds),
        })
    };
    out_line!("{json}")?;
    Ok(ExitCode::SUCCESS)
}

/// Segments, tags and parses `text`; words as the scorer wants them.
fn parse_raw_text(model: &Model, text: &str) -> Vec<SystemWord> {
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    Segmenter::new().split_bytes(text, 0..text.len(), &mut tokens, &mut sentences);
    let mut out = Vec::with_capacity(tokens.len());
    for sentence in &sentences {
        let words = &tokens[sentence.first..sentence.end];
        let forms: Vec<&str> = words.iter().map(|w| &text[w.start..w.end]).collect();
        let analyses = model.annotate(&forms);
        let base = out.len();
        // Surface token of each word, and its position in it.
        let mut token_start = 0;
        for (i, (word, analysis)) in words.iter().zip(analyses).enumerate() {
            if !word.joined {
                token_start = i;
            }
            let mut token_end = i;
            while token_end + 1 < words.len() && words[token_end + 1].joined {
                token_end += 1;
            }
            out.push(SystemWord {
                token: (words[token_start].start, words[token_end].end),
                position: i - token_start,
                form: forms[i].to_string(),
                upos: analysis.upos,
                xpos: analysis.xpos,
                feats: analysis.feats,
                lemma: analysis.lemma,
                head: (analysis.head > 0).then(|| base + analysis.head as usize - 1),
                deprel: analysis.deprel,
            });
        }
    }
    out
}

/// `dyad bench parse INPUT...`.
pub fn bench(args: &BenchParseArgs) -> anyhow::Result<ExitCode> {
    let load_started = Instant::now();
    let model = args.model.load()?;
    let load_seconds = load_started.elapsed().as_secs_f64();
    let segmenter = Segmenter::new();
    let mut sentences: Vec<Vec<String>> = Vec::new();
    for item in dyad_ingest::read_inputs(args.input.inputs.clone(), ingest_config(&args.input)) {
        let Ok(mut doc) = item else { continue };
        if doc.sentences.is_empty() {
            segmenter.segment(&mut doc);
        }
        for sentence in &doc.sentences {
            sentences.push(
                sentence
                    .tokens
                    .iter()
                    .map(|t| t.form(&doc.text).to_string())
                    .collect(),
            );
        }
    }
    anyhow::ensure!(!sentences.is_empty(), "no sentences to parse");
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let annotate = |words: &Vec<String>| {
        let forms: Vec<&str> = words.iter().map(String::as_str).collect();
        model.annotate(&forms).len()
    };
    let rounds = args.rounds.max(1);
    let mut single = f64::MAX;
    for _ in 0..rounds {
        let started = Instant::now();
        let n: usize = sentences.iter().map(annotate).sum();
        single = single.min(started.elapsed().as_secs_f64());
        debug_assert_eq!(n, tokens);
    }
    let mut parallel = f64::MAX;
    for _ in 0..rounds {
        let started = Instant::now();
        let n: usize = sentences.par_iter().map(annotate).sum();
        parallel = parallel.min(started.elapsed().as_secs_f64());
        debug_assert_eq!(n, tokens);
    }
    let threads = rayon::current_num_threads();
    let peak_mb = peak_memory_mb();
    out_line!(
        "{} sentences, {tokens} tokens; model loaded in {load_seconds:.3} s; peak memory {peak_mb:.0} MB",
        sentences.len()
    )?;
    out_line!("1 thread    {:>10.0} tokens/s", tokens as f64 / single)?;
    out_line!(
        "{threads} threads   {:>10.0} tokens/s  ({:.2}x)",
        tokens as f64 / parallel,
        single / parallel
    )?;
    out_line!(
        "{}",
        serde_json::json!({
            "sentences": sentences.len(), "tokens": tokens,
            "single_thread_tokens_per_s": (tokens as f64 / single).round(),
            "threads": threads,
            "all_threads_tokens_per_s": (tokens as f64 / parallel).round(),
            "speedup": round4(single / parallel),
            "model_load_s": round4(load_seconds),
            "peak_memory_mb": round4(peak_mb),
        })
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Peak resident memory of this process in MB (Linux), 0 elsewhere.
fn peak_memory_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
