//! Training a [`Model`] from CoNLL-U sentences.

use std::collections::HashMap;
use std::time::Instant;

use crate::lemma::Lemmatizer;
use crate::neural::{NeuralGold, NeuralParser};
use crate::parser::{ParseGold, ParseInput, Parser, Tree};
use crate::tagger::{TagGold, Tagger, Tok};
use crate::{AnyParser, Labels, Model};

/// Training settings. [`TrainConfig::default`] gives the settings of the
/// shipped model.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Passes over the training data for the tagger.
    pub tagger_epochs: usize,
    /// Passes for the lemmatiser's rule classifier.
    pub lemma_epochs: usize,
    /// Passes for the parser.
    pub parser_epochs: usize,
    /// The parser learns from tags predicted by taggers trained on the other
    /// folds (jackknifing), so it sees tagging errors as at run time; 0 or 1
    /// trains it on gold tags.
    pub jackknife_folds: usize,
    /// Threads used for the jackknife taggers (results do not depend on it).
    pub threads: usize,
    /// Parser features updated fewer times than this in training are
    /// dropped: a smaller, faster model.
    pub min_updates: u32,
    /// Seed for shuffling and exploration; same seed, same model.
    pub seed: u64,
    /// Train the neural graph parser with these settings (the shipped
    /// model's); `None` trains the perceptron transition parser instead.
    pub neural: Option<crate::NeuralConfig>,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            tagger_epochs: 6,
            lemma_epochs: 5,
            parser_epochs: 12,
            jackknife_folds: 4,
            threads: 2,
            min_updates: 2,
            seed: 1,
            neural: Some(crate::NeuralConfig::default()),
        }
    }
}

/// A CoNLL-U sentence in id form.
pub(crate) struct Prepared {
    pub(crate) forms: Vec<String>,
    pub(crate) tag: TagGold,
    pub(crate) lemmas: Vec<String>,
    /// 0-based heads, `n` = root; `None` when the tree is incomplete.
    pub(crate) heads: Option<Vec<u32>>,
    pub(crate) labels: Vec<u16>,
}

pub(crate) struct Vocab {
    pub(crate) classes: Labels,
    pub(crate) feats: Labels,
    pub(crate) deprels: Labels,
}

pub(crate) fn tag_name(w: &dyad_conllu::Word) -> String {
    format!("{}\t{}", w.upos, w.xpos)
}

fn vocab(train: &[dyad_conllu::Sentence]) -> Vocab {
    let (mut c, mut f, mut d) = (HashMap::new(), HashMap::new(), HashMap::new());
    for s in train {
        for w in &s.words {
            *c.entry(tag_name(w)).or_insert(0) += 1;
            *f.entry(w.feats.clone()).or_insert(0) += 1;
            *d.entry(w.deprel.clone()).or_insert(0) += 1;
        }
    }
    Vocab {
        classes: Labels::from_counts(c),
        feats: Labels::from_counts(f),
        deprels: Labels::from_counts(d),
    }
}

pub(crate) fn prepare(s: &dyad_conllu::Sentence, v: &Vocab) -> Prepared {
    let n = s.words.len() as u32;
    let heads: Option<Vec<u32>> = s
        .words
        .iter()
        .map(|w| w.head.map(|h| if h == 0 { n } else { h - 1 }))
        .collect();
    let heads = heads.filter(|h| h.iter().all(|&x| x <= n));
    Prepared {
        forms: s.words.iter().map(|w| w.form.clone()).collect(),
        tag: TagGold {
            toks: s.words.iter().map(|w| Tok::new(&w.form)).collect(),
            class: s
                .words
                .iter()
                .map(|w| v.classes.id(&tag_name(w)).unwrap_or(0))
                .collect(),
            feats: s
                .words
                .iter()
                .map(|w| v.feats.id(&w.feats).unwrap_or(0))
                .collect(),
        },
        lemmas: s.words.iter().map(|w| w.lemma.clone()).collect(),
        heads,
        labels: s
            .words
            .iter()
            .map(|w| v.deprels.id(&w.deprel).unwrap_or(0))
            .collect(),
    }
}

fn tag_accuracy(tagger: &Tagger, data: &[Prepared]) -> (f64, f64) {
    let (mut right, mut feats_right, mut total) = (0usize, 0usize, 0usize);
    let (mut tags, mut feats) = (Vec::new(), Vec::new());
    for s in data {
        tagger.tag(&s.tag.toks, &mut tags, &mut feats);
        for i in 0..tags.len() {
            right += usize::from(tags[i] == s.tag.class[i]);
            feats_right += usize::from(feats[i] == s.tag.feats[i]);
            total += 1;
        }
    }
    let t = total.max(1) as f64;
    (100.0 * right as f64 / t, 100.0 * feats_right as f64 / t)
}

fn run_jobs<T: Send>(jobs: Vec<Box<dyn FnOnce() -> T + Send + '_>>, threads: usize) -> Vec<T> {
    let threads = threads.max(1);
    let mut results: Vec<Option<T>> = (0..jobs.len()).map(|_| None).collect();
    let mut jobs: Vec<(usize, Box<dyn FnOnce() -> T + Send + '_>)> =
        jobs.into_iter().enumerate().collect();
    while !jobs.is_empty() {
        let batch: Vec<_> = jobs.drain(..threads.min(jobs.len())).collect();
        std::thread::scope(|scope| {
            let handles: Vec<_> = batch
                .into_iter()
                .map(|(i, job)| (i, scope.spawn(job)))
                .collect();
            for (i, h) in handles {
                if let Ok(r) = h.join() {
                    results[i] = Some(r);
                }
            }
        });
    }
    results.into_iter().flatten().collect()
}

/// Trains a model on `train`, reporting progress (scores on `dev` among it)
/// a line at a time.
pub(crate) fn train(
    train: &[dyad_conllu::Sentence],
    dev: &[dyad_conllu::Sentence],
    config: &TrainConfig,
    mut progress: impl FnMut(&str),
) -> Model {
    let start = Instant::now();
    let v = vocab(train);
    let train_p: Vec<Prepared> = train.iter().map(|s| prepare(s, &v)).collect();
    let dev_p: Vec<Prepared> = dev.iter().map(|s| prepare(s, &v)).collect();
    progress(&format!(
        "{} training sentences, {} dev; {} tag classes, {} feats, {} relations",
        train_p.len(),
        dev_p.len(),
        v.classes.len(),
        v.feats.len(),
        v.deprels.len()
    ));
    let (tagger, predicted) = train_taggers(&train_p, &dev_p, &v, config, &mut progress);
    progress(&format!(
        "taggers done ({:.0}s)",
        start.elapsed().as_secs_f64()
    ));
    let lemmatizer = train_lemmatizer(&train_p, config);
    progress(&format!(
        "lemmatiser done ({:.0}s)",
        start.elapsed().as_secs_f64()
    ));
    // Parser, on jackknifed tags.
    let dev_inputs: Vec<(Vec<u64>, Vec<u16>)> = dev_p
        .iter()
        .map(|p| {
            let (mut tags, mut feats) = (Vec::new(), Vec::new());
            tagger.tag(&p.tag.toks, &mut tags, &mut feats);
            (p.tag.toks.iter().map(|t| t.lower).collect(), tags)
        })
        .collect();
    let data = ParserData {
        train: &train_p,
        predicted: &predicted,
        dev: &dev_p,
        dev_inputs: &dev_inputs,
        deprels: &v.deprels,
    };
    let parser = match config.neural {
        Some(neural) => AnyParser::Neural(Box::new(train_neural(
            &data,
            tagger.classes.len(),
            neural,
            config,
            &mut progress,
        ))),
        None => AnyParser::Perceptron(train_perceptron(&data, config, &mut progress)),
    };
    progress(&format!(
        "training done ({:.0}s)",
        start.elapsed().as_secs_f64()
    ));
    Model::new(tagger, lemmatizer, parser)
}

/// A tagger training job: maybe the tagger, log lines, and the tags it
/// gave training sentences (by index).
type TaggerJob<'a> =
    Box<dyn FnOnce() -> (Option<Tagger>, Vec<String>, Vec<(usize, Vec<u16>)>) + Send + 'a>;

/// The training sentences that `keep` keeps (by index), as the tagger wants
/// them.
fn tag_data(train_p: &[Prepared], keep: impl Fn(usize) -> bool) -> Vec<TagGold> {
    train_p
        .iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .map(|(_, p)| TagGold {
            toks: p.tag.toks.clone(),
            class: p.tag.class.clone(),
            feats: p.tag.feats.clone(),
        })
        .collect()
}

/// Trains the tagger on everything (reporting dev accuracy) and, with
/// jackknifing, taggers on all folds but one, each tagging the fold it did
/// not see, then the tagger's second pass; returns the tagger and the
/// jackknifed tags of each training sentence.
fn train_taggers(
    train_p: &[Prepared],
    dev_p: &[Prepared],
    v: &Vocab,
    config: &TrainConfig,
    progress: &mut impl FnMut(&str),
) -> (Tagger, Vec<Option<Vec<u16>>>) {
    let folds = if config.jackknife_folds > 1 {
        config.jackknife_folds
    } else {
        0
    };
    let results = run_jobs(
        tagger_jobs(train_p, dev_p, v, config, folds),
        config.threads,
    );
    let mut tagger = None;
    let mut predicted: Vec<Option<Vec<u16>>> = (0..train_p.len()).map(|_| None).collect();
    for (t, log, tags) in results {
        for line in log {
            progress(&line);
        }
        if t.is_some() {
            tagger = t;
        }
        for (i, tags) in tags {
            predicted[i] = Some(tags);
        }
    }
    let mut tagger = tagger.unwrap_or_default();
    if folds > 0 {
        // Second pass, learning from the jackknifed first-pass tags.
        let first: Vec<Vec<u16>> = train_p
            .iter()
            .zip(&predicted)
            .map(|(p, t)| t.clone().unwrap_or_else(|| p.tag.class.clone()))
            .collect();
        let data = tag_data(train_p, |_| true);
        let t0 = Instant::now();
        tagger.train_second(
            &data,
            &first,
            config.tagger_epochs,
            config.seed,
            |epoch, tagger| {
                let (acc, facc) = tag_accuracy(tagger, dev_p);
                progress(&format!(
                    "tagger second pass epoch {}: dev tag {acc:.2} feats {facc:.2} ({:.0}s)",
                    epoch + 1,
                    t0.elapsed().as_secs_f64()
                ));
            },
        );
    }
    (tagger, predicted)
}

/// The tagger jobs: the tagger on everything, then one per jackknife fold.
fn tagger_jobs<'a>(
    train_p: &'a [Prepared],
    dev_p: &'a [Prepared],
    v: &Vocab,
    config: &TrainConfig,
    folds: usize,
) -> Vec<TaggerJob<'a>> {
    let mut jobs: Vec<TaggerJob<'_>> = Vec::new();
    {
        let data = tag_data(train_p, |_| true);
        let (classes, feats) = (v.classes.clone(), v.feats.clone());
        let (epochs, seed) = (config.tagger_epochs, config.seed);
        jobs.push(Box::new(move || {
            let mut log = Vec::new();
            let t0 = Instant::now();
            let tagger = Tagger::train(&data, classes, feats, epochs, seed, |epoch, tagger| {
                let (acc, facc) = tag_accuracy(tagger, dev_p);
                log.push(format!(
                    "tagger epoch {}: dev tag {acc:.2} feats {facc:.2} ({:.0}s)",
                    epoch + 1,
                    t0.elapsed().as_secs_f64()
                ));
            });
            (Some(tagger), log, Vec::new())
        }));
    }
    for k in 0..folds {
        let data = tag_data(train_p, |i| i % folds != k);
        let (classes, feats) = (v.classes.clone(), v.feats.clone());
        let (epochs, seed) = (config.tagger_epochs, config.seed + 1 + k as u64);
        jobs.push(Box::new(move || {
            let tagger = Tagger::train(&data, classes, feats, epochs, seed, |_, _| {});
            let mut out = Vec::new();
            let (mut tags, mut feats) = (Vec::new(), Vec::new());
            for (i, p) in train_p.iter().enumerate().filter(|(i, _)| i % folds == k) {
                tagger.tag(&p.tag.toks, &mut tags, &mut feats);
                out.push((i, tags.clone()));
            }
            (None, vec![format!("jackknife fold {} tagged", k + 1)], out)
        }));
    }
    jobs
}

/// Trains the lemmatiser on the training words with their gold classes.
fn train_lemmatizer(train_p: &[Prepared], config: &TrainConfig) -> Lemmatizer {
    let lemma_data: Vec<(String, u16, String)> = train_p
        .iter()
        .flat_map(|p| {
            p.forms
                .iter()
                .zip(&p.tag.class)
                .zip(&p.lemmas)
                .map(|((f, &c), l)| (f.clone(), c, l.clone()))
        })
        .collect();
    Lemmatizer::train(&lemma_data, config.lemma_epochs, config.seed)
}

/// What a parser trains on: the training sentences and their jackknifed
/// tags, and the dev sentences with the final tagger's words and tags.
struct ParserData<'a> {
    train: &'a [Prepared],
    predicted: &'a [Option<Vec<u16>>],
    dev: &'a [Prepared],
    dev_inputs: &'a [(Vec<u64>, Vec<u16>)],
    deprels: &'a Labels,
}

/// Trains the neural parser (`n_tags` tag classes), reporting dev scores
/// after each epoch.
fn train_neural(
    d: &ParserData<'_>,
    n_tags: usize,
    neural: crate::NeuralConfig,
    config: &TrainConfig,
    progress: &mut impl FnMut(&str),
) -> NeuralParser {
    let t0 = Instant::now();
    let gold: Vec<NeuralGold<'_>> = d
        .train
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            Some(NeuralGold {
                toks: &p.tag.toks,
                tags: d.predicted[i].as_deref().unwrap_or(&p.tag.class),
                heads: p.heads.as_deref()?,
                labels: &p.labels,
                gold_tags: &p.tag.class,
            })
        })
        .collect();
    NeuralParser::train(
        &gold,
        d.deprels.clone(),
        n_tags,
        neural,
        config.seed,
        config.threads,
        |epoch, parser, loss, secs| {
            let (uas, las, tags) = dev_scores_tags(d.dev, |k, p| {
                parser.parse(&p.tag.toks, &d.dev_inputs[k].1, None, &[])
            });
            progress(&format!(
                "neural parser epoch {}: loss {loss:.3}, dev UAS {uas:.2} LAS {las:.2} tags {tags:.2} ({secs:.0}s; {:.0}s in all)",
                epoch + 1,
                t0.elapsed().as_secs_f64()
            ));
            uas + las + tags
        },
    )
}

/// Trains the perceptron transition parser, reporting dev scores after
/// each epoch.
fn train_perceptron(
    d: &ParserData<'_>,
    config: &TrainConfig,
    progress: &mut impl FnMut(&str),
) -> Parser {
    let t0 = Instant::now();
    let parse_data: Vec<ParseGold> = d
        .train
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let heads = p.heads.clone()?;
            Some(ParseGold {
                words: p.tag.toks.iter().map(|t| t.lower).collect(),
                tags: d.predicted[i]
                    .clone()
                    .unwrap_or_else(|| p.tag.class.clone()),
                heads,
                labels: p.labels.clone(),
            })
        })
        .collect();
    Parser::train(
        &parse_data,
        d.deprels.clone(),
        config.parser_epochs,
        config.seed,
        config.min_updates,
        |epoch, parser| {
            let (uas, las) = dev_scores(d.dev, |k, _| {
                let (words, tags) = &d.dev_inputs[k];
                parser.parse(&ParseInput { words, tags })
            });
            progress(&format!(
                "parser epoch {}: dev UAS {uas:.2} LAS {las:.2} ({:.0}s)",
                epoch + 1,
                t0.elapsed().as_secs_f64()
            ));
        },
    )
}

/// Attachment scores (UAS, LAS, percent) of `parse` (given each sentence's
/// index and data) on the development sentences with complete trees.
fn dev_scores(dev: &[Prepared], mut parse: impl FnMut(usize, &Prepared) -> Tree) -> (f64, f64) {
    let (uas, las, _) = dev_scores_tags(dev, &mut parse);
    (uas, las)
}

/// [`dev_scores`] and the accuracy of the tag classes the parser predicts
/// (0 when it predicts none).
fn dev_scores_tags(
    dev: &[Prepared],
    mut parse: impl FnMut(usize, &Prepared) -> Tree,
) -> (f64, f64, f64) {
    let (mut uas, mut las, mut total, mut tagged) = (0usize, 0usize, 0usize, 0usize);
    for (k, p) in dev.iter().enumerate() {
        let Some(heads) = &p.heads else { continue };
        let tree = parse(k, p);
        tagged += tree
            .tags
            .iter()
            .zip(&p.tag.class)
            .filter(|(a, b)| a == b)
            .count();
        for (i, &head) in heads.iter().enumerate() {
            if tree.heads.get(i) == Some(&head) {
                uas += 1;
                las += usize::from(tree.labels.get(i) == p.labels.get(i));
            }
            total += 1;
        }
    }
    let t = total.max(1) as f64;
    (
        100.0 * uas as f64 / t,
        100.0 * las as f64 / t,
        100.0 * tagged as f64 / t,
    )
}
