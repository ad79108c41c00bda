//! English part-of-speech tagging, lemmatisation and Universal Dependencies
//! parsing for dyad, trained by dyad and shipped with it.
//!
//! A [`Model`] bundles three averaged-perceptron components over hashed
//! sparse features:
//!
//! - a tagger predicting UPOS+XPOS jointly in two greedy passes (the second
//!   also sees the first pass's tags to the right), then FEATS among those
//!   seen with the tag;
//! - a lemmatiser: a `(form, tag) → lemma` exception lexicon learned from the
//!   treebank, with suffix rules chosen by a classifier for unseen forms;
//! - a greedy arc-eager transition parser with a dynamic oracle and rich
//!   non-local features, plus a label classifier.
//!
//! The crate works on pre-tokenised sentences (one `&str` per syntactic
//! word): it does no sentence splitting or tokenisation, and knows nothing of
//! documents; its output is dyad-core's plain [`Analysis`] per word, which
//! the pipeline stores on each sentence. It reads training data as
//! [`dyad_conllu::Sentence`]s. The model trained on UD English EWT ships in
//! `model/en_ewt.dyadnlp` and is embedded in the crate ([`Model::english`]).
//!
//! Principal types: [`Model`] (train, save, load, annotate), [`TrainConfig`],
//! [`Analysis`] (one word's annotation), [`Scores`] and [`evaluate`] (the
//! model run on gold words, scored by `dyad_eval`, the one parse scorer).
//!
//! Relations are UD v2 relations with subtypes as in EWT (`nsubj:pass`,
//! `obl:tmod`, …). [`Scores::las`] compares universal relations only, as the
//! CoNLL 2018 shared task does; [`Scores::las_full`] compares subtypes too.
//! The parser only produces projective trees.
//!
//! ```
//! let model = dyad_nlp::Model::english()?;
//! let words = ["Iranian", "forces", "attacked", "the", "embassy", "on", "Tuesday", "."];
//! let analyses = model.annotate(&words);
//! // "forces" (word 2) is the subject of "attacked" (word 3), the root.
//! assert_eq!((analyses[1].head, analyses[1].deprel.as_str()), (3, "nsubj"));
//! assert_eq!((analyses[4].head, analyses[4].deprel.as_str()), (3, "obj"));
//! assert_eq!(analyses[2].head, 0);
//! assert_eq!(analyses[2].lemma, "attack");
//! # Ok::<(), dyad_nlp::Error>(())
//! ```

#![deny(missing_docs)]

mod codec;
mod eval;
mod lemma;
mod neural;
mod parser;
mod perceptron;
mod tagger;
mod train;

use std::collections::HashMap;
use std::io::{Read, Write};

pub use eval::{Scores, evaluate};
pub use neural::NeuralConfig;
pub use train::TrainConfig;

use codec::{Decoder, Encoder};
use lemma::Lemmatizer;
use neural::NeuralParser;
use parser::{ParseInput, Parser};
use tagger::{Tagger, Tok};

/// The shipped model file, trained on UD English EWT.
static ENGLISH: &[u8] = include_bytes!("../model/en_ewt.dyadnlp");

const MAGIC: &[u8; 8] = b"DYADNLP\0";
/// Version 2 stores only the occupied slots of the weight tables; version 3
/// adds which parser follows (0 perceptron, 1 neural).
pub(crate) const VERSION: u32 = 3;

/// An error loading or saving a model.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not a dyad-nlp model of this version.
    #[error("not a dyad-nlp model (bad magic bytes or version {found}, expected {VERSION})")]
    Format {
        /// Version found (0 when the magic bytes are wrong).
        found: u32,
    },
    /// The model data is damaged.
    #[error("corrupt model: {0}")]
    Corrupt(String),
    /// Reading or writing failed.
    #[error("model i/o: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    pub(crate) fn corrupt(message: &str) -> Error {
        Error::Corrupt(message.to_string())
    }
}

/// The annotation of one word: dyad's shared [`dyad_core::Analysis`]
/// (lemma, UPOS, XPOS, FEATS — `_` when none —, 1-based head with 0 for the
/// root, and the relation with its subtype, e.g. `nsubj:pass`).
pub use dyad_core::Analysis;

/// A part of speech the caller knows for a word
/// ([`Model::annotate_hinted`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// A verb (UPOS `VERB`).
    Verb,
    /// A proper name (UPOS `PROPN`).
    Name,
    /// A common noun (UPOS `NOUN`).
    Noun,
}

impl Hint {
    fn upos(self) -> &'static str {
        match self {
            Hint::Verb => "VERB",
            Hint::Name => "PROPN",
            Hint::Noun => "NOUN",
        }
    }
}

/// A trained tagger, lemmatiser and parser.
#[derive(Clone, Debug)]
pub struct Model {
    tagger: Tagger,
    lemmatizer: Lemmatizer,
    parser: AnyParser,
    verb_ids: Option<VerbIds>,
}

/// The dependency parser of a model: the averaged-perceptron transition
/// parser or the neural graph parser.
#[derive(Clone, Debug)]
pub(crate) enum AnyParser {
    Perceptron(Parser),
    Neural(Box<NeuralParser>),
}

impl AnyParser {
    fn labels(&self) -> &Labels {
        match self {
            AnyParser::Perceptron(p) => &p.labels,
            AnyParser::Neural(p) => &p.labels,
        }
    }

    /// Whether the parser tags the words itself (the neural parser with
    /// [`crate::NeuralConfig::tags`]): its tags replace the tagger's, whose
    /// second pass is then left out (on EWT dev: UAS/LAS 86.94/83.80
    /// instead of 86.88/83.71, tags 0.07 points less accurate, tagging and
    /// parsing 1.1× faster).
    fn tags(&self) -> bool {
        matches!(self, AnyParser::Neural(p) if p.tags())
    }

    /// Parses a sentence; the neural parser makes word `root` (0-based),
    /// where given, the root, and leaves out the `forbidden` arcs
    /// (dependent, head; 0-based, `n` the root). The perceptron follows the
    /// tags alone.
    fn parse(
        &self,
        toks: &[Tok],
        words: &[u64],
        tags: &[u16],
        root: Option<usize>,
        forbidden: &[(u32, u32)],
    ) -> parser::Tree {
        match self {
            AnyParser::Perceptron(p) => p.parse(&ParseInput { words, tags }),
            AnyParser::Neural(p) => p.parse(toks, tags, root, forbidden),
        }
    }
}

impl Model {
    pub(crate) fn new(tagger: Tagger, lemmatizer: Lemmatizer, parser: AnyParser) -> Model {
        let verb_ids = VerbIds::new(&tagger, parser.labels());
        Model {
            tagger,
            lemmatizer,
            parser,
            verb_ids,
        }
    }

    /// The shipped English model (UD English EWT), decoded from the bytes
    /// embedded in the crate. Decoding takes a few hundred milliseconds:
    /// call it once and share the model (it is `Sync`).
    pub fn english() -> Result<Model, Error> {
        Model::load(ENGLISH)
    }

    /// Trains a model on `train`, reporting progress and scores on `dev`
    /// through `progress`, one line at a time. Training is deterministic for
    /// a given [`TrainConfig::seed`] (whatever [`TrainConfig::threads`] is).
    /// Sentences whose heads are incomplete still train the tagger and
    /// lemmatiser.
    pub fn train(
        train: &[dyad_conllu::Sentence],
        dev: &[dyad_conllu::Sentence],
        config: &TrainConfig,
        progress: impl FnMut(&str),
    ) -> Model {
        train::train(train, dev, config, progress)
    }

    /// Writes the model in its compressed binary format.
    pub fn save(&self, out: impl Write) -> Result<(), Error> {
        let mut enc = Encoder::default();
        self.tagger.encode(&mut enc);
        self.lemmatizer.encode(&mut enc);
        match &self.parser {
            AnyParser::Perceptron(p) => {
                enc.u32(0);
                p.encode(&mut enc);
            }
            AnyParser::Neural(p) => {
                enc.u32(if p.tags() { 2 } else { 1 });
                p.encode(&mut enc);
            }
        }
        let body = enc.into_bytes();
        let mut out = out;
        out.write_all(MAGIC)?;
        out.write_all(&VERSION.to_le_bytes())?;
        let mut z = flate2::write::ZlibEncoder::new(out, flate2::Compression::best());
        z.write_all(&body)?;
        z.finish()?;
        Ok(())
    }

    /// Reads a model written by [`Model::save`].
    pub fn load(bytes: &[u8]) -> Result<Model, Error> {
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(Error::Format { found: 0 });
        }
        let found = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if !(1..=VERSION).contains(&found) {
            return Err(Error::Format { found });
        }
        let mut body = Vec::with_capacity(bytes.len() * 3);
        flate2::read::ZlibDecoder::new(&bytes[12..])
            .read_to_end(&mut body)
            .map_err(|e| Error::Corrupt(format!("cannot decompress: {e}")))?;
        let mut dec = Decoder::new(&body, found);
        let tagger = Tagger::decode(&mut dec)?;
        let lemmatizer = Lemmatizer::decode(&mut dec)?;
        let kind = if found >= 3 { dec.u32()? } else { 0 };
        let parser = match kind {
            0 => AnyParser::Perceptron(Parser::decode(&mut dec)?),
            1 | 2 => AnyParser::Neural(Box::new(NeuralParser::decode(&mut dec, kind == 2)?)),
            _ => return Err(Error::corrupt("unknown parser kind")),
        };
        if !dec.is_empty() {
            return Err(Error::corrupt("trailing bytes"));
        }
        Ok(Model::new(tagger, lemmatizer, parser))
    }

    /// Drops every weight smaller than `fraction` of the largest weight of
    /// its table: a smaller, faster, slightly less accurate model.
    pub fn prune(&mut self, fraction: f32) {
        for w in [
            &mut self.tagger.weights,
            &mut self.tagger.feats_weights,
            &mut self.lemmatizer.weights,
        ] {
            w.prune(fraction);
        }
        if let AnyParser::Perceptron(p) = &mut self.parser {
            p.weights.prune(fraction);
            p.label_weights.prune(fraction);
        }
    }

    /// A one-line description of the model's size: stored weights per
    /// component.
    pub fn summary(&self) -> String {
        let parser = match &self.parser {
            AnyParser::Perceptron(p) => format!(
                "parser {} action + {} label weights",
                p.weights.len(),
                p.label_weights.len()
            ),
            AnyParser::Neural(p) => format!("neural parser {} weights", p.len()),
        };
        format!(
            "tagger {} weights ({} tags), feats {} weights ({} values), lemma {} weights, {parser} ({} relations)",
            self.tagger.weights.len(),
            self.tagger.classes.len(),
            self.tagger.feats_weights.len(),
            self.tagger.feats.len(),
            self.lemmatizer.weights.len(),
            self.parser.labels().len(),
        )
    }

    /// The universal part of speech a frequent word usually has in the
    /// training treebank, whatever its case (`"promises"` → `VERB`,
    /// `"iran"` → `PROPN`); `None` for words seen fewer than three times.
    pub fn usual_upos(&self, form: &str) -> Option<&str> {
        let class = self.tagger.usual_class(form)?;
        Some(split_tag(self.tagger.classes.name(class)).0)
    }

    /// Tags, lemmatises and parses one sentence of words. The result has one
    /// [`Analysis`] per word and always forms a tree: exactly one word has
    /// head 0, and following heads from any word reaches it.
    pub fn annotate(&self, forms: &[&str]) -> Vec<Analysis> {
        self.annotate_hinted(forms, &[])
    }

    /// Like [`Model::annotate`], with the part of speech of some words
    /// given (`hints[i]` for word `i`, where present): the tagger picks the
    /// best tag of that universal part of speech for them, and the parse
    /// follows. For what the caller knows better than the model: a name
    /// from a dictionary, the verb of a headline the tagger read as nouns.
    pub fn annotate_hinted(&self, forms: &[&str], hints: &[Option<Hint>]) -> Vec<Analysis> {
        if forms.is_empty() {
            return Vec::new();
        }
        let toks: Vec<Tok> = forms.iter().map(|f| Tok::new(f)).collect();
        let (mut tags, mut feats) = (Vec::new(), Vec::new());
        let allowed: Vec<Option<Vec<bool>>> = hints
            .iter()
            .map(|h| {
                h.map(|h| {
                    (0..self.tagger.classes.len())
                        .map(|c| split_tag(self.tagger.classes.name(c as u16)).0 == h.upos())
                        .collect()
                })
            })
            .collect();
        self.tagger
            .tag_within(&toks, &allowed, !self.parser.tags(), &mut tags, &mut feats);
        let words: Vec<u64> = toks.iter().map(|t| t.lower).collect();
        // The first word hinted to be a verb is the main verb (a headline's).
        let root = hints.iter().position(|h| *h == Some(Hint::Verb));
        let mut tree = self.parser.parse(&toks, &words, &tags, root, &[]);
        let input_tags = tags.clone();
        // The parser's tags, where it has them, for the words without a hint.
        let mut retagged = false;
        for (i, &tag) in tree.tags.iter().enumerate() {
            if tag != tags[i] && allowed.get(i).is_none_or(Option::is_none) {
                tags[i] = tag;
                feats[i] = u16::MAX;
                retagged = true;
            }
        }
        if retagged {
            self.verbs_with_objects(&tree, &input_tags, &mut tags, &mut feats);
            self.refill_feats(&toks, &tags, &mut feats);
        }
        if matches!(self.parser, AnyParser::Neural(_)) {
            let forbidden = self.impossible_arcs(forms, &tags, &tree);
            if !forbidden.is_empty() {
                let again = self
                    .parser
                    .parse(&toks, &words, &input_tags, root, &forbidden);
                tree.heads = again.heads;
                tree.labels = again.labels;
            }
        }
        self.past_tense_reading(&toks, &words, root, &mut tree, &mut tags, &mut feats);
        self.active_with_object(&mut tree);
        self.agree_tags(&toks, &tree, &mut tags, &mut feats);
        let n = forms.len() as u32;
        forms
            .iter()
            .enumerate()
            .map(|(i, form)| {
                let (upos, xpos) = split_tag(self.tagger.classes.name(tags[i]));
                let head = tree.heads[i];
                Analysis {
                    lemma: self.lemmatizer.lemma(form, tags[i]),
                    upos: upos.to_string(),
                    xpos: xpos.to_string(),
                    feats: self.tagger.feats.name(feats[i]).to_string(),
                    head: if head >= n { 0 } else { head + 1 },
                    deprel: self.parser.labels().name(tree.labels[i]).to_string(),
                }
            })
            .collect()
    }
}

/// Tag and relation ids that [`Model::agree_tags`] needs.
#[derive(Clone, Debug)]
struct VerbIds {
    vbd: u16,
    vbn: u16,
    nsubj: u16,
    nsubj_pass: u16,
    obj: u16,
    aux: [u16; 3],
    relcl: u16,
    mark: u16,
    compound: u16,
    /// Relations of nominals: a verb cannot have them and a compound.
    nominal_rels: [u16; 6],
    /// Classes whose UPOS is NOUN, PROPN or PRON.
    nominal: Vec<bool>,
    /// Classes whose UPOS is VERB.
    verb: Vec<bool>,
    /// Finite verb classes (`VBD`, `VBZ`, `VBP`).
    finite: [u16; 3],
    vbg: u16,
    advcl: u16,
    conj: u16,
    /// Subject relations.
    subjects: [u16; 4],
}

impl VerbIds {
    fn new(tagger: &Tagger, labels: &Labels) -> Option<VerbIds> {
        let rel = |name: &str| labels.id(name);
        Some(VerbIds {
            vbd: tagger.classes.id("VERB\tVBD")?,
            vbn: tagger.classes.id("VERB\tVBN")?,
            nsubj: rel("nsubj")?,
            nsubj_pass: rel("nsubj:pass")?,
            obj: rel("obj")?,
            aux: [rel("aux")?, rel("aux:pass")?, rel("cop")?],
            relcl: rel("acl:relcl")?,
            mark: rel("mark")?,
            compound: rel("compound")?,
            nominal_rels: [
                rel("obj")?,
                rel("iobj")?,
                rel("nsubj")?,
                rel("nsubj:pass")?,
                rel("obl")?,
                rel("nmod")?,
            ],
            finite: [
                tagger.classes.id("VERB\tVBD")?,
                tagger.classes.id("VERB\tVBZ")?,
                tagger.classes.id("VERB\tVBP")?,
            ],
            vbg: tagger.classes.id("VERB\tVBG")?,
            advcl: rel("advcl")?,
            conj: rel("conj")?,
            subjects: [
                rel("nsubj")?,
                rel("nsubj:pass")?,
                rel("csubj")?,
                rel("expl")?,
            ],
            verb: tagger
                .classes
                .names()
                .iter()
                .map(|n| n.starts_with("VERB\t"))
                .collect(),
            nominal: tagger
                .classes
                .names()
                .iter()
                .map(|n| {
                    ["NOUN\t", "PROPN\t", "PRON\t"]
                        .iter()
                        .any(|p| n.starts_with(p))
                })
                .collect(),
        })
    }
}

impl Model {
    /// When the parse is rooted in a noun and a participle with no auxiliary
    /// follows a noun (`Protesters/NNS attacked/VBN police stations`, read
    /// as a fragment), parses again with those participles as past tenses
    /// and keeps the second parse if one of them is then the root and has a
    /// subject.
    fn past_tense_reading(
        &self,
        toks: &[Tok],
        words: &[u64],
        root_hint: Option<usize>,
        tree: &mut parser::Tree,
        tags: &mut [u16],
        feats: &mut [u16],
    ) {
        let Some(ids) = &self.verb_ids else { return };
        let n = tags.len();
        let Some(root) = tree.heads.iter().position(|&h| h as usize >= n) else {
            return;
        };
        if !ids
            .nominal
            .get(tags[root] as usize)
            .copied()
            .unwrap_or(false)
        {
            return;
        }
        let mut has_aux = vec![false; n];
        for (&h, &label) in tree.heads.iter().zip(&tree.labels) {
            if let Some(a) = has_aux.get_mut(h as usize) {
                *a |= ids.aux.contains(&label);
            }
        }
        let mut retagged = tags.to_vec();
        let mut any = false;
        for i in 1..n {
            let after_noun = ids
                .nominal
                .get(tags[i - 1] as usize)
                .copied()
                .unwrap_or(false);
            if tags[i] == ids.vbn && after_noun && !has_aux[i] {
                retagged[i] = ids.vbd;
                any = true;
            }
        }
        if !any {
            return;
        }
        let second = self.parser.parse(toks, words, &retagged, root_hint, &[]);
        let Some(root) = second.heads.iter().position(|&h| h as usize >= n) else {
            return;
        };
        let subject = second
            .heads
            .iter()
            .zip(&second.labels)
            .any(|(&h, &l)| h as usize == root && l == ids.nsubj);
        if retagged[root] == ids.vbd && tags[root] == ids.vbn && subject {
            for i in 0..n {
                if retagged[i] != tags[i] {
                    // FEATS chosen again by `agree_tags`.
                    feats[i] = u16::MAX;
                }
            }
            tags.copy_from_slice(&retagged);
            *tree = second;
        }
    }

    /// Where the parser's tag makes a word with an object a noun
    /// ("snipers shot/NN demonstrators"), the tagger's verb tag stands: in
    /// EWT's gold trees 9,868 words with an object are verbs, none a noun.
    fn verbs_with_objects(
        &self,
        tree: &parser::Tree,
        tagger: &[u16],
        tags: &mut [u16],
        feats: &mut [u16],
    ) {
        let Some(ids) = &self.verb_ids else { return };
        for (&h, &label) in tree.heads.iter().zip(&tree.labels) {
            let h = h as usize;
            let (Some(&tag), Some(&before)) = (tags.get(h), tagger.get(h)) else {
                continue;
            };
            let is = |class: u16, set: &[bool]| set.get(usize::from(class)) == Some(&true);
            if label == ids.obj && is(tag, &ids.nominal) && is(before, &ids.verb) {
                tags[h] = before;
                feats[h] = u16::MAX;
            }
        }
    }

    /// Arcs of `tree` that English grammar rules out, for the neural parser
    /// to parse again without (dependent, head; as in the tree). In EWT's
    /// gold trees each occurs at most once in train:
    /// - a relative clause with the complementiser "that" (1 of 1,922
    ///   relative clauses: "that" opening one is a pronoun, not a `mark`);
    ///   the clause is a complement, usually of a verb before;
    /// - a verb in a nominal relation (object, subject, oblique) with a
    ///   compound modifier (1): "a militia/compound aligned/obj with Iran";
    /// - a finite adverbial clause with neither subject nor subordinator
    ///   (4 of 1,054 finite adverbial clauses): "…, officials who spoke
    ///   anonymously said/advcl" (a reporting clause);
    /// - a gerund with neither subject nor auxiliary as the conjunct of a
    ///   passive verb (1 of 342 gerund conjuncts): "\[protests\] were
    ///   instigated by the West, telling/conj the cadets …".
    fn impossible_arcs(
        &self,
        forms: &[&str],
        tags: &[u16],
        tree: &parser::Tree,
    ) -> Vec<(u32, u32)> {
        let Some(ids) = &self.verb_ids else {
            return Vec::new();
        };
        let n = tree.heads.len();
        // Per word: has a mark "that" (1), a compound (2), a mark (4), a
        // subject (8), an auxiliary (16), a passive auxiliary (32).
        let mut deps = vec![0u8; n];
        for (i, (&h, &label)) in tree.heads.iter().zip(&tree.labels).enumerate() {
            if let Some(d) = deps.get_mut(h as usize) {
                let that = forms.get(i).is_some_and(|f| f.eq_ignore_ascii_case("that"));
                *d |= u8::from(label == ids.mark && that)
                    | u8::from(label == ids.compound) << 1
                    | u8::from(label == ids.mark) << 2
                    | u8::from(ids.subjects.contains(&label)) << 3
                    | u8::from(ids.aux.contains(&label)) << 4
                    | u8::from(label == ids.aux[1]) << 5;
            }
        }
        let mut out = Vec::new();
        for (i, (&h, &label)) in tree.heads.iter().zip(&tree.labels).enumerate() {
            let verb = tags
                .get(i)
                .is_some_and(|&t| ids.verb.get(usize::from(t)) == Some(&true));
            let finite = tags.get(i).is_some_and(|t| ids.finite.contains(t));
            if (label == ids.relcl && deps[i] & 1 != 0)
                || (verb && ids.nominal_rels.contains(&label) && deps[i] & 2 != 0)
                || (finite && label == ids.advcl && deps[i] & 12 == 0)
                || (label == ids.conj
                    && tags.get(i) == Some(&ids.vbg)
                    && deps[i] & 24 == 0
                    && tags.get(h as usize) != Some(&ids.vbg)
                    && deps.get(h as usize).is_some_and(|d| d & 32 != 0))
            {
                out.push((i as u32, h));
            }
        }
        out
    }

    /// A passive subject needs a passive auxiliary where the verb has an
    /// object: "Police/nsubj:pass detained journalists/obj", with no
    /// auxiliary, is active (`nsubj`; [`Model::agree_tags`] then makes the
    /// verb a past tense). In EWT's gold trees a passive subject without an
    /// auxiliary occurs 32 times (headlines: "Journalists detained in
    /// Iran"), once with an object.
    fn active_with_object(&self, tree: &mut parser::Tree) {
        let Some(ids) = &self.verb_ids else { return };
        let n = tree.heads.len();
        // Per word: has a passive subject (1), an object (2), an auxiliary (4).
        let mut deps = vec![0u8; n];
        for (&h, &label) in tree.heads.iter().zip(&tree.labels) {
            if let Some(d) = deps.get_mut(h as usize) {
                *d |= u8::from(label == ids.nsubj_pass)
                    | u8::from(label == ids.obj) << 1
                    | u8::from(ids.aux.contains(&label)) << 2;
            }
        }
        for (&h, label) in tree.heads.iter().zip(tree.labels.iter_mut()) {
            if *label == ids.nsubj_pass && deps.get(h as usize) == Some(&3) {
                *label = ids.nsubj;
            }
        }
    }

    /// Makes past-tense and participle tags agree with the parse: a
    /// participle with an active subject and no auxiliary is a past tense
    /// (`Police/VBD arrested protesters`), a past tense with an auxiliary a
    /// participle (`has arrested`). In EWT's gold trees the first holds for
    /// 3,035 of 3,037 verbs, the second for 2,299 of 2,315.
    fn agree_tags(&self, toks: &[Tok], tree: &parser::Tree, tags: &mut [u16], feats: &mut [u16]) {
        let Some(ids) = &self.verb_ids else { return };
        let n = tags.len();
        // Per word: has a subject (1), has an auxiliary (2).
        let mut deps = vec![0u8; n];
        for (&h, &label) in tree.heads.iter().zip(&tree.labels) {
            if let Some(d) = deps.get_mut(h as usize) {
                *d |= u8::from(label == ids.nsubj) | u8::from(ids.aux.contains(&label)) << 1;
            }
        }
        for i in 0..n {
            if tags[i] != ids.vbd && tags[i] != ids.vbn {
                continue;
            }
            let (subj, aux) = (deps[i] & 1 != 0, deps[i] & 2 != 0);
            let tag = if aux {
                ids.vbn
            } else if subj {
                ids.vbd
            } else {
                tags[i]
            };
            if tag != tags[i] {
                tags[i] = tag;
                feats[i] = u16::MAX;
            }
        }
        self.refill_feats(toks, tags, feats);
    }

    /// Chooses the FEATS of the words marked `u16::MAX` (whose tags
    /// changed) again.
    fn refill_feats(&self, toks: &[Tok], tags: &[u16], feats: &mut [u16]) {
        if feats.contains(&u16::MAX) {
            let (mut buf, mut fscores) = (Vec::new(), Vec::new());
            for (i, f) in feats.iter_mut().enumerate() {
                if *f == u16::MAX {
                    *f = self.tagger.feats_of(toks, i, tags, &mut buf, &mut fscores);
                }
            }
        }
    }
}

fn split_tag(name: &str) -> (&str, &str) {
    name.split_once('\t').unwrap_or((name, "_"))
}

/// A string table: names with dense ids.
#[derive(Clone, Debug, Default)]
pub(crate) struct Labels {
    names: Vec<String>,
    index: HashMap<String, u16>,
}

impl Labels {
    pub(crate) fn from_names(names: Vec<String>) -> Labels {
        let index = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i as u16))
            .collect();
        Labels { names, index }
    }

    /// Names sorted by descending frequency, then name.
    pub(crate) fn from_counts(counts: HashMap<String, u32>) -> Labels {
        let mut v: Vec<(String, u32)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Labels::from_names(v.into_iter().map(|(n, _)| n).collect())
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    pub(crate) fn id(&self, name: &str) -> Option<u16> {
        self.index.get(name).copied()
    }

    pub(crate) fn name(&self, id: u16) -> &str {
        self.names.get(id as usize).map_or("_", String::as_str)
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        out.strs(&self.names);
    }

    pub(crate) fn decode(input: &mut Decoder<'_>) -> Result<Labels, Error> {
        let names = input.strs()?;
        if names.len() > usize::from(u16::MAX) {
            return Err(Error::corrupt("label table too large"));
        }
        Ok(Labels::from_names(names))
    }
}

/// Small deterministic PRNG (xorshift64*).
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
