//! Tagging and parsing: `dyad train nlp`, `dyad eval parse`,
//! `dyad bench parse`, and the annotation step of the pipeline.

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dyad_core::Document;
use dyad_eval::{GoldText, SystemWord, score_parse};
use dyad_nlp::{Hint, Model};
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

/// Tags, lemmatises and parses every sentence of `doc` that has no analysis
/// yet.
pub fn annotate_document(model: &Model, doc: &mut Document) {
    let Document {
        text,
        sentences,
        blocks,
        ..
    } = doc;
    for sentence in sentences.iter_mut().filter(|s| s.analysis.is_empty()) {
        let forms: Vec<&str> = sentence.tokens.iter().map(|t| t.form(text)).collect();
        let title = blocks
            .get(sentence.block)
            .is_some_and(|b| b.kind == dyad_core::BlockKind::Title);
        sentence.analysis = annotate_sentence(model, &forms, title);
    }
}

/// Tags and parses one sentence, tagging it again with [`hints`] where the
/// first tagging shows a mistake of a known kind. Two kinds of insert are
/// parsed apart from the rest and attached to it afterwards, because their
/// commas, dates and clauses otherwise pull the sentence's subject into
/// them: a
/// photo caption's frame ("In this Sept. 18, 2016 photo released by …, X
/// attends …"), attached to the rest's root as `obl`, and an apposition
/// after a name (", head of the Quds Force unit that …, was sent …"),
/// attached to the name as `appos`. In a headline (`title`, or written in
/// title case) an elided passive is restored ([`headline_passive`]).
fn annotate_sentence(model: &Model, forms: &[&str], title: bool) -> Vec<dyad_core::Analysis> {
    let cased = sentence_case(model, forms);
    let mut analysis = annotate_cased(model, forms, &cased);
    if title || cased.is_some() {
        headline_passive(&mut analysis);
    }
    analysis
}

/// A headline's root verb in a past form with a subject and neither
/// object nor auxiliary is a passive whose "were" headlines leave out
/// ("Diplomats Expelled From Moscow", "Five Protesters Killed in Baghdad"):
/// headlines tell what someone did in the present tense ("Police Kill
/// Protesters"). Its subject becomes `nsubj:pass`.
fn headline_passive(analysis: &mut [dyad_core::Analysis]) {
    let Some(root) = analysis.iter().position(|a| a.head == 0) else {
        return;
    };
    let r = &analysis[root];
    if r.upos != "VERB" || !matches!(r.xpos.as_str(), "VBN" | "VBD") {
        return;
    }
    let id = u32::try_from(root + 1).unwrap_or(u32::MAX);
    let deps = || analysis.iter().filter(move |a| a.head == id);
    let blocked = deps().any(|a| {
        let rel = a.deprel.split(':').next().unwrap_or("");
        matches!(rel, "obj" | "aux" | "cop" | "ccomp" | "xcomp" | "expl")
    });
    if blocked || !deps().any(|a| a.deprel == "nsubj") {
        return;
    }
    for a in analysis
        .iter_mut()
        .filter(|a| a.head == id && a.deprel == "nsubj")
    {
        a.deprel = "nsubj:pass".to_string();
    }
    let r = &mut analysis[root];
    r.xpos = "VBN".to_string();
    r.feats = "Tense=Past|VerbForm=Part|Voice=Pass".to_string();
}

/// [`annotate_sentence`] for the sentence-cased forms `cased` of a
/// headline, or `forms` as they are.
fn annotate_cased(
    model: &Model,
    forms: &[&str],
    cased: &Option<Vec<String>>,
) -> Vec<dyad_core::Analysis> {
    let forms: Vec<&str> = match &cased {
        Some(cased) => cased.iter().map(String::as_str).collect(),
        None => forms.to_vec(),
    };
    let forms = forms.as_slice();
    if let Some(comma) = caption_frame(forms) {
        return annotate_insert(model, forms, 0..comma + 1, None, "obl");
    }
    if let Some(insert) = apposition(forms) {
        let name = insert.start - 1;
        return annotate_insert(model, forms, insert, Some(name), "appos");
    }
    let analysis = model.annotate(forms);
    match hints(model, forms, &analysis, cased.is_some()) {
        Some(hints) => model.annotate_hinted(forms, &hints),
        None => analysis,
    }
}

/// Parts of speech the model got wrong in ways a second look can tell,
/// as hints for tagging the sentence again; `None` when there is none.
///
/// - A name: a capitalised word the treebank never saw, tagged a verb
///   while the sentence has another verb ("Pyongyang on Thursday fired"),
///   or a capitalised word tagged a verb right after a name.
/// - A noun: a plural tagged a verb one or two words after a number
///   ("fired two artillery shells").
/// - A verb: a verb form (of dyad's verb dictionary, or usually a verb in
///   the treebank) after a nominal and before a nominal or preposition,
///   tagged an interjection or (when the word is no usual adposition) an
///   adposition ("Arnor and Gondor welcome a resumption").
/// - The verb of a sentence the tagger left without one ("Serbia and
///   Slovenia ratify agreement", "Guinea asks Saint Lucia for aid"), or of
///   a title-case headline whose root is no verb ("Militants Attack Beijing
///   Village, Killing 65"): the first verb form after a nominal, before
///   any word tagged a verb.
fn hints(
    model: &Model,
    forms: &[&str],
    analysis: &[dyad_core::Analysis],
    headline: bool,
) -> Option<Vec<Option<Hint>>> {
    let mut hints = vec![None; forms.len()];
    let mut any = false;
    let is_verb = |a: &dyad_core::Analysis| matches!(a.upos.as_str(), "VERB" | "AUX");
    let verbs = analysis.iter().filter(|a| a.upos == "VERB").count();
    for (i, (w, a)) in forms.iter().zip(analysis).enumerate() {
        let unknown_name = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).all(char::is_lowercase)
            && w.chars().count() >= 3
            && model.usual_upos(w).is_none();
        // "The Ministry of Silly Walks condemned …": a capitalised word
        // after a name, inside a sentence, is more of the name
        let in_name = i > 0
            && w.chars().next().is_some_and(char::is_uppercase)
            && analysis[i - 1].upos == "PROPN"
            && forms[i - 1].chars().next().is_some_and(char::is_uppercase);
        if a.upos == "VERB" && verbs >= 2 && (unknown_name && !verb_form(model, w) || in_name) {
            hints[i] = Some(Hint::Name);
            any = true;
        }
        // "fired two artillery shells": a plural after a number is a noun
        let counted = (1..=2).any(|k| {
            i >= k
                && analysis[i - k].upos == "NUM"
                && analysis[i - k + 1..i].iter().all(|b| b.upos != "VERB")
        });
        if a.upos == "VERB" && counted && w.ends_with('s') {
            hints[i] = Some(Hint::Noun);
            any = true;
        }
    }
    for (i, (w, a)) in forms.iter().zip(analysis).enumerate() {
        let next = analysis.get(i + 1).map_or("", |n| n.upos.as_str());
        let after_nominal =
            i > 0 && matches!(analysis[i - 1].upos.as_str(), "NOUN" | "PROPN" | "PRON");
        // "Arnor and Gondor welcome a resumption …" with "welcome" an
        // interjection, "Guinea asks Saint Lucia" with "asks" an adposition
        let odd_tag = a.upos == "INTJ"
            || (a.upos == "ADP" && model.usual_upos(w).is_none_or(|u| u == "VERB"));
        if odd_tag
            && after_nominal
            && matches!(next, "DET" | "NOUN" | "PROPN" | "ADJ" | "ADP" | "NUM")
            && verb_form(model, w)
        {
            hints[i] = Some(Hint::Verb);
            any = true;
        }
    }
    let verbless = !analysis.iter().any(is_verb);
    let root_not_verb = analysis
        .iter()
        .find(|a| a.head == 0)
        .is_some_and(|a| !is_verb(a));
    if verbless || (headline && root_not_verb) {
        let mut after_nominal = false;
        for (i, (w, a)) in forms.iter().zip(analysis).enumerate() {
            if is_verb(a) {
                break;
            }
            let candidate = matches!(
                a.upos.as_str(),
                "NOUN" | "PROPN" | "ADJ" | "INTJ" | "ADV" | "ADP"
            );
            if after_nominal && candidate && verb_form(model, w) {
                hints[i] = Some(Hint::Verb);
                any = true;
                break;
            }
            after_nominal |= matches!(a.upos.as_str(), "NOUN" | "PROPN" | "PRON" | "NUM");
        }
    }
    any.then_some(hints)
}

/// Whether `w` is a verb form: one of dyad's verb dictionary, or a word
/// (or its stem without an inflection) the treebank usually tags a verb.
fn verb_form(model: &Model, w: &str) -> bool {
    let lower = w.to_lowercase();
    verb_forms().contains(&w.to_uppercase())
        || model.usual_upos(&lower) == Some("VERB")
        || ["s", "es", "ed", "d", "ing"]
            .iter()
            .filter_map(|end| lower.strip_suffix(end))
            .filter(|stem| stem.chars().count() >= 3)
            .any(|stem| model.usual_upos(stem) == Some("VERB"))
}

/// Parses `forms` without the words `insert`, and those words on their
/// own; the insert's root is attached to word `to` (0-based), or to the
/// rest's root, with relation `rel`.
fn annotate_insert(
    model: &Model,
    forms: &[&str],
    insert: std::ops::Range<usize>,
    to: Option<usize>,
    rel: &str,
) -> Vec<dyad_core::Analysis> {
    let outside: Vec<usize> = (0..forms.len()).filter(|k| !insert.contains(k)).collect();
    let rest_forms: Vec<&str> = outside.iter().map(|&k| forms[k]).collect();
    let (Some(part_forms), false) = (forms.get(insert.clone()), rest_forms.is_empty()) else {
        return model.annotate(forms);
    };
    let rest = model.annotate(&rest_forms);
    let part = model.annotate(part_forms);
    let mut out: Vec<Option<dyad_core::Analysis>> = vec![None; forms.len()];
    let mut rest_root = None;
    for (k, mut a) in rest.into_iter().enumerate() {
        if a.head == 0 {
            rest_root.get_or_insert(outside[k]);
        } else {
            a.head = outside[a.head as usize - 1] as u32 + 1;
        }
        out[outside[k]] = Some(a);
    }
    let Some(anchor) = to.or(rest_root) else {
        return model.annotate(forms);
    };
    for (k, mut a) in part.into_iter().enumerate() {
        if a.head == 0 {
            a.head = anchor as u32 + 1;
            a.deprel = rel.to_string();
        } else {
            a.head += insert.start as u32;
        }
        out[insert.start + k] = Some(a);
    }
    match out.into_iter().collect::<Option<Vec<_>>>() {
        Some(analysis) => analysis,
        None => model.annotate(forms),
    }
}

/// Words that open an apposition after a name ("Soleimani, head of …",
/// "Osgiliath, the state's fiercest foe,").
const APPOSITION_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "head",
    "chief",
    "leader",
    "commander",
    "director",
    "president",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "member",
    "founder",
    "former",
    "general",
    "ambassador",
    "envoy",
];
/// Words that may follow an apposition's closing comma: the clause goes on
/// with its verb ("…, was sent to Baghdad").
const AFTER_APPOSITION: &[&str] = &[
    "was", "were", "is", "are", "has", "had", "have", "will", "would", "said", "says", "told",
    "can", "could", "did", "does", "may", "might", "must", "should",
];

/// An apposition after a capitalised name: the words from the comma after
/// the name to the closing comma before a verb ("…, was"), commas
/// included; 2 to 30 words, no comma inside.
fn apposition(forms: &[&str]) -> Option<std::ops::Range<usize>> {
    let opens = |w: &str| APPOSITION_OPENERS.iter().any(|o| w.eq_ignore_ascii_case(o));
    let name = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let n = forms.len();
    (1..n.saturating_sub(2)).find_map(|i| {
        if forms[i] != "," || !name(forms[i - 1]) || !opens(forms[i + 1]) {
            return None;
        }
        let close = (i + 1..n).find(|&j| forms[j] == ",")?;
        let words = close - i - 1;
        if !(2..=30).contains(&words) {
            return None;
        }
        let after = forms.get(close + 1)?;
        AFTER_APPOSITION
            .iter()
            .any(|w| after.eq_ignore_ascii_case(w))
            .then_some(i..close + 1)
    })
}

/// A headline in title case ("Mayor of Amman Promises to End Curfew")
/// as the tagger knows sentences: the capitalised words it usually sees
/// as other than proper nouns in lower case ("Mayor of Amman promises to
/// end curfew"). `None` when fewer than two thirds of the words of three
/// letters or more are capitalised.
fn sentence_case(model: &Model, forms: &[&str]) -> Option<Vec<String>> {
    let capitalised = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
    };
    let long: Vec<&&str> = forms.iter().filter(|w| w.chars().count() >= 3).collect();
    let caps = long.iter().filter(|w| capitalised(w)).count();
    if long.len() < 3 || caps * 3 < long.len() * 2 {
        return None;
    }
    let verbs = verb_forms();
    // words of a name in dyad's actor dictionary stay as written ("New
    // Zealand", "Guinea", "Turkey")
    let actors = &dyad_dict::dyad_format::builtin().actors;
    let mut named = vec![false; forms.len()];
    let mut i = 0;
    while i < forms.len() {
        match actors.longest_match(&forms[i..]) {
            Some(m) if m.len > 0 => {
                for n in named.iter_mut().skip(i).take(m.len) {
                    *n = true;
                }
                i += m.len;
            }
            _ => i += 1,
        }
    }
    Some(
        forms
            .iter()
            .zip(named)
            .map(|(w, named)| {
                // the word, or its stem without an inflection ("Promises",
                // "Ends", "Attacked"), is a frequent word that is no name,
                // or a form of a verb of dyad's verb dictionary
                // ("Threatens") the treebank does not call a name
                let known = |w: &str| {
                    model
                        .usual_upos(w)
                        .map(|upos| !matches!(upos, "PROPN" | "X"))
                };
                let common = capitalised(w)
                    && !named
                    && known(w)
                        .or_else(|| {
                            ["s", "es", "ed", "d", "ing"]
                                .iter()
                                .filter_map(|end| w.strip_suffix(end))
                                .filter(|stem| stem.chars().count() >= 3)
                                .find_map(known)
                        })
                        .or_else(|| verbs.contains(&w.to_uppercase()).then_some(true))
                        == Some(true);
                if common {
                    w.to_lowercase()
                } else {
                    (*w).to_string()
                }
            })
            .collect(),
    )
}

/// Every one-word form of the verbs of dyad's built-in verb dictionary,
/// upper-cased (`THREATENS`, `VISITED`), built once.
fn verb_forms() -> &'static std::collections::HashSet<String> {
    static FORMS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    FORMS.get_or_init(|| {
        dyad_dict::dyad_format::builtin()
            .verbs
            .blocks()
            .iter()
            .flat_map(|b| &b.verbs)
            .flat_map(|v| &v.forms)
            .filter(|f| !f.is_multi_word())
            .map(|f| f.verb.to_string())
            .collect()
    })
}

/// The comma that ends a photo caption's opening frame ("In this Sept.
/// 18, 2016 photo released by …,"): the first comma after `photo` (or
/// `image`, `picture`) that is not followed by a year, with at least three
/// words after it.
fn caption_frame(forms: &[&str]) -> Option<usize> {
    let opens = forms.first().is_some_and(|w| w.eq_ignore_ascii_case("in"))
        && forms
            .get(1)
            .is_some_and(|w| w.eq_ignore_ascii_case("this") || w.eq_ignore_ascii_case("a"));
    if !opens {
        return None;
    }
    let photo = forms.iter().take(12).position(|w| {
        ["photo", "image", "picture", "photograph"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
    })?;
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let comma = (photo + 1..forms.len())
        .find(|&i| forms[i] == "," && !forms.get(i + 1).is_some_and(|w| year(w)))?;
    (comma + 3 < forms.len()).then_some(comma)
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
            Err(err) => eprintln!("dyad: warning: {}:{}", path.display(), err),
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
    eprintln!(
        "dyad: training on {} sentences, {} dev sentences, seed {}",
        train.len(),
        dev.len(),
        args.seed
    );
    let model = Model::train(&train, &dev, &config, |line| {
        eprintln!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64());
    });
    let file = std::fs::File::create(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    model.save(std::io::BufWriter::new(file))?;
    let scores = dyad_nlp::evaluate(&model, &dev);
    let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    println!("{}", model.summary());
    println!(
        "{}",
        serde_json::json!({
            "model": args.out.display().to_string(),
            "bytes": size,
            "seconds": round4(started.elapsed().as_secs_f64()),
            "dev_upos": round4(scores.upos), "dev_lemma": round4(scores.lemma),
            "dev_uas": round4(scores.uas), "dev_las": round4(scores.las),
        })
    );
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
        println!(
            "gold tokens: UPOS {:.2}  XPOS {:.2}  FEATS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}  ({} words)",
            s.upos, s.xpos, s.feats, s.lemma, s.uas, s.las, s.words
        );
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
        println!(
            "raw text: words {:.2}  UPOS {:.2}  XPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}  (F1, {} gold words)",
            pct(&s.words),
            pct(&s.upos),
            pct(&s.xpos),
            pct(&s.lemma),
            pct(&s.uas),
            pct(&s.las),
            s.words.gold
        );
        serde_json::json!({
            "file": args.conllu.display().to_string(), "tokenization": "dyad",
            "words_f1": pct(&s.words), "upos": pct(&s.upos), "xpos": pct(&s.xpos),
            "lemma": pct(&s.lemma), "uas": pct(&s.uas), "las": pct(&s.las),
            "words": s.words.gold,
            "tokens_per_s": (system.len() as f64 / seconds).round(),
            "model_load_s": round4(load_seconds),
        })
    };
    println!("{json}");
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
    println!(
        "{} sentences, {tokens} tokens; model loaded in {load_seconds:.3} s; peak memory {peak_mb:.0} MB",
        sentences.len()
    );
    println!("1 thread    {:>10.0} tokens/s", tokens as f64 / single);
    println!(
        "{threads} threads   {:>10.0} tokens/s  ({:.2}x)",
        tokens as f64 / parallel,
        single / parallel
    );
    println!(
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
    );
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

#[cfg(test)]
mod tests {
    use super::{annotate_sentence, apposition, caption_frame, sentence_case};

    /// The words of `s`, split at spaces.
    fn words(s: &str) -> Vec<&str> {
        s.split(' ').collect()
    }

    #[test]
    fn a_verbless_headline_gets_its_verb_and_an_unknown_name_stays_a_name() {
        let model = dyad_nlp::Model::english().unwrap();
        let root = |forms: &[&str]| {
            let out = annotate_sentence(&model, forms, false);
            let i = out.iter().position(|a| a.head == 0).unwrap();
            (forms[i].to_string(), out[i].upos.clone(), out)
        };
        // the tagger alone leaves these without a verb
        for (headline, verb) in [
            (
                "Serbia and Slovenia ratify agreement on cultural exchange",
                "ratify",
            ),
            (
                "Foreign hackers target government network in Saudi Arabia",
                "target",
            ),
        ] {
            let forms = words(headline);
            assert!(
                !model.annotate(&forms).iter().any(|a| a.upos == "VERB"),
                "{headline}"
            );
            let (word, upos, _) = root(&forms);
            assert_eq!((word.as_str(), upos.as_str()), (verb, "VERB"), "{headline}");
        }
        // "Pyongyang" (unseen in the treebank) is a name, "fired" the verb
        let forms = words("Pyongyang on Thursday fired two artillery shells at Seoul .");
        let (word, _, out) = root(&forms);
        assert_eq!(word, "fired");
        assert_eq!(out[0].upos, "PROPN");
        assert_eq!(out[0].deprel, "nsubj");
        // an interjection after the subject that is a verb form is the verb
        let forms = words("Arnor and Gondor welcome a resumption of ties , the agency said .");
        assert_eq!(model.annotate(&forms)[3].upos, "INTJ");
        assert_eq!(annotate_sentence(&model, &forms, false)[3].upos, "VERB");
        // a plural after a number is a noun: "fired two artillery shells"
        let forms = words("North Korea on Thursday fired two artillery shells near a vessel .");
        assert_eq!(model.annotate(&forms)[7].upos, "VERB");
        let out = annotate_sentence(&model, &forms, false);
        assert_eq!(
            (out[7].upos.as_str(), out[7].deprel.as_str()),
            ("NOUN", "obj")
        );
        // a title-case headline keeps its actors' names: "New Zealand"
        let cased = sentence_case(&model, &words("New Zealand Makes Concessions to Ethiopia"));
        assert_eq!(cased.unwrap()[..3], ["New", "Zealand", "makes"]);
    }

    #[test]
    fn a_headline_s_past_participle_without_object_is_passive() {
        let model = dyad_nlp::Model::english().unwrap();
        let rel = |out: &[dyad_core::Analysis], i: usize| out[i].deprel.clone();
        // title case: the subject is the patient, the by-phrase the agent
        let forms = words("Five Protesters Killed by Police in Baghdad");
        let out = annotate_sentence(&model, &forms, false);
        assert_eq!(rel(&out, 1), "nsubj:pass");
        assert_eq!(out[2].feats, "Tense=Past|VerbForm=Part|Voice=Pass");
        // a headline block in sentence case, too
        let forms = words("Diplomats expelled from Moscow");
        assert_eq!(rel(&annotate_sentence(&model, &forms, false), 0), "nsubj");
        assert_eq!(
            rel(&annotate_sentence(&model, &forms, true), 0),
            "nsubj:pass"
        );
        // headlines tell acts in the present; a past tense with an object
        // stays active
        for active in [
            "Police Kill Five Protesters in Baghdad",
            "Rebels Seized the Town on Monday",
        ] {
            let out = annotate_sentence(&model, &words(active), false);
            assert!(out.iter().all(|a| a.deprel != "nsubj:pass"), "{active}");
        }
    }

    #[test]
    fn an_apposition_after_a_name_runs_to_the_comma_before_the_verb() {
        let s = words(
            "officials said General Soleimani , head of the unit that masterminds terror , was sent to Baghdad .",
        );
        assert_eq!(apposition(&s), Some(4..13));
        for plain in [
            "Soleimani , Khamenei and Rouhani met .",
            "In Baghdad , the protesters , who were angry , marched .",
            "Soleimani , the head of the unit , visited Baghdad .",
        ] {
            assert_eq!(apposition(&words(plain)), None, "{plain}");
        }
    }

    #[test]
    fn title_case_headlines_are_sentence_cased_except_names() {
        let model = dyad_nlp::Model::english().unwrap();
        let cased = sentence_case(&model, &words("Rebels in Jersey Have Announced Their Plan"));
        assert_eq!(
            cased.unwrap(),
            words("rebels in Jersey have announced their plan")
        );
        // a verb of the verb dictionary too rare in the treebank
        let cased = sentence_case(&model, &words("Timor-Leste Threatens to Expel Observers"));
        assert_eq!(cased.unwrap()[1], "threatens");
        let sentence = words("Rebels in Jersey have announced their intention to disarm .");
        assert_eq!(sentence_case(&model, &sentence), None);
    }

    #[test]
    fn a_caption_frame_ends_at_the_comma_after_photo_not_inside_the_date() {
        let caption =
            words("In this Sept. 18 , 2016 photo released by AP , Soleimani attends a meeting .");
        assert_eq!(caption_frame(&caption), Some(10));
        let taken = words("In this photo taken Sept. 18 , 2016 , Soleimani attends a meeting .");
        assert_eq!(caption_frame(&taken), Some(8));
        for plain in [
            "In this case , the court ruled against him .",
            "In this photo , protests .",
            "Soleimani attends a meeting in this photo , officials said .",
        ] {
            assert_eq!(caption_frame(&words(plain)), None, "{plain}");
        }
    }
}
