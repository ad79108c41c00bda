//! dyad's pipeline as a library: one document in, its events out.
//!
//! [`Pipeline::new`] loads everything a run needs once — the tagging and
//! parsing model, the dictionaries, the coder, the gazetteer (on first
//! use) — from one [`PipelineConfig`]; [`Pipeline::process`] then turns a
//! [`Document`] into a [`Processed`]: the document segmented, tagged and
//! parsed (a parse it came with is kept), its `dyad.event/1` records
//! dated, located and attributed, and what went wrong as diagnostics. The
//! CLI, a server or a Python binding call the same two functions;
//! [`executor::run`] runs `process` over a stream of documents on all
//! cores, in input order, with bounded memory, and [`Clusterer`] groups a
//! whole run's events across documents.
//!
//! ```no_run
//! use dyad_core::{BlockKind, DocumentBuilder};
//! use dyad_pipeline::{Pipeline, PipelineConfig, Require};
//!
//! let pipeline = Pipeline::new(PipelineConfig {
//!     require: Require::Source,
//!     ..PipelineConfig::default()
//! })?;
//! let mut doc = DocumentBuilder::new("d1");
//! doc.push_block(BlockKind::Body, "Chad attacked Niger on Monday.");
//! let processed = pipeline.process(doc.finish());
//! assert!(processed.events.iter().all(|e| e.doc_id == "d1"));
//! # Ok::<(), dyad_pipeline::PipelineError>(())
//! ```

mod annotate;
mod dicts;
mod enrich;
pub mod executor;
mod ids;
mod limits;
mod profile;

use std::collections::HashSet;
use std::sync::OnceLock;

use dyad_code::{Coded, Coder, Config};
use dyad_core::Document;
use dyad_enrich::Gazetteer;
use dyad_nlp::Model;
use dyad_output::EventRecord;

pub use annotate::{Annotator, verb_forms};
pub use dicts::{DictSource, Loaded, name_holders};
pub use dyad_code::Require;
pub use enrich::{
    Clusterer, actor_countries, apply_clusters, cluster_key, cluster_report, enrich_events,
    enrich_events_with, explained_spans, outlet,
};
pub use ids::UniqueIds;
pub use limits::{MAX_DOCUMENT_BYTES, MAX_SENTENCE_TOKENS, cap_document, split_long_sentences};
pub use profile::{FirstReading, SourceProfiles};

/// Everything a pipeline is built from.
#[derive(Debug, Clone, Default)]
pub struct PipelineConfig {
    /// The dictionaries every stage reads (the coder, and the tagging
    /// hints of headlines).
    pub dicts: DictSource,
    /// Which actors an event needs.
    pub require: Require,
    /// Trace every sentence's coding ([`DiagnosticKind::Trace`]).
    pub explain: bool,
    /// A tagging and parsing model other than the built-in English one.
    pub model: Option<Model>,
    /// Accept dictionaries without verbs or without actors (they code
    /// nothing); by default such a set is an error.
    pub allow_empty_dicts: bool,
    /// Sentences longer than this many words are split before parsing
    /// ([`MAX_SENTENCE_TOKENS`] when 0).
    pub max_sentence_tokens: usize,
    /// Keep statements: events without PLOVER content (CAMEO 01, "X
    /// said …"). Off by default: hand coders do not count them and most
    /// are wrong on real news (README, "Accuracy").
    pub statements: bool,
    /// Drop events whose `confidence` is below this (0 keeps all).
    pub min_confidence: f64,
}

/// Why a pipeline could not be built.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The dictionary folder does not exist.
    #[error("dictionary folder {} not found", .0.display())]
    NoDictionaryFolder(std::path::PathBuf),
    /// A dictionary file of the set does not exist.
    #[error("dictionary {} not found{}", .path.display(), if .hint.is_empty() { String::new() } else { format!(" ({})", .hint) })]
    MissingDictionary {
        /// The missing file.
        path: std::path::PathBuf,
        /// What was expected, for the user.
        hint: String,
    },
    /// The dictionaries could not be read.
    #[error("cannot load dictionaries from {what}")]
    Dictionaries {
        /// The folder or set.
        what: String,
        /// The cause.
        #[source]
        source: dyad_dict::DictError,
    },
    /// The dictionaries hold no verbs or no actors, so nothing would be
    /// coded.
    #[error("the dictionaries in {what} are empty: {source} (nothing could be coded)")]
    EmptyDictionaries {
        /// The folder or set.
        what: String,
        /// What is missing.
        #[source]
        source: dyad_dict::EmptySet,
    },
    /// The built-in model could not be loaded.
    #[error("cannot load the built-in English model")]
    Model(#[source] dyad_nlp::Error),
}

/// What went wrong, or what was traced, while processing a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Warning or trace.
    pub kind: DiagnosticKind,
    /// The sentence it concerns (0-based), when it concerns one.
    pub sentence: Option<usize>,
    /// The message (a trace line, or a warning in lower case).
    pub message: String,
}

/// The kinds of [`Diagnostic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticKind {
    /// Something the user should know (a sentence not coded, …).
    Warning,
    /// A line of `explain` output.
    Trace,
}

/// One document after the pipeline.
#[derive(Debug, Clone)]
pub struct Processed {
    /// The document, segmented, tagged and parsed.
    pub document: Document,
    /// Its events as `dyad.event/1` records, in sentence order.
    pub events: Vec<EventRecord>,
    /// Warnings and traces, in sentence order.
    pub diagnostics: Vec<Diagnostic>,
    /// Sentences with tokens that have no dependency analysis (not coded).
    pub unparsed: usize,
}

/// The pipeline: model, dictionaries, coder and gazetteer, loaded once and
/// shared by every document (it is `Sync`: call it from many threads).
pub struct Pipeline {
    model: Model,
    coder: Coder,
    dyad: Option<std::borrow::Cow<'static, dyad_dict::DyadDicts>>,
    verb_forms: HashSet<String>,
    segmenter: dyad_text::Segmenter,
    config: Config,
    gazetteer: OnceLock<Gazetteer>,
    load_diagnostics: Vec<dyad_dict::Diagnostic>,
    load_warnings: Vec<String>,
    max_sentence_tokens: usize,
    /// [`PipelineConfig::statements`].
    statements: bool,
    /// [`PipelineConfig::min_confidence`].
    min_confidence: f64,
}

impl Pipeline {
    /// Loads the model and the dictionaries `config` names.
    pub fn new(config: PipelineConfig) -> Result<Pipeline, PipelineError> {
        let mut loaded = config.dicts.load()?;
        if let Err(source) = loaded.dictionaries.check_not_empty() {
            let error = PipelineError::EmptyDictionaries {
                what: config.dicts.to_string(),
                source,
            };
            if !config.allow_empty_dicts {
                return Err(error);
            }
            loaded.warnings.push(error.to_string());
        }
        let model = match config.model {
            Some(model) => model,
            None => Model::english().map_err(PipelineError::Model)?,
        };
        let verb_forms = verb_forms(&loaded.dictionaries.verbs);
        Ok(Pipeline {
            model,
            coder: Coder::new(loaded.dictionaries),
            dyad: loaded.dyad,
            verb_forms,
            segmenter: dyad_text::Segmenter::new(),
            config: Config {
                explain: config.explain,
                require: config.require,
                ..Config::default()
            },
            gazetteer: OnceLock::new(),
            load_diagnostics: loaded.diagnostics,
            load_warnings: loaded.warnings,
            statements: config.statements,
            min_confidence: config.min_confidence,
            max_sentence_tokens: match config.max_sentence_tokens {
                0 => MAX_SENTENCE_TOKENS,
                n => n,
            },
        })
    }

    /// The problems found in the dictionaries while loading them.
    pub fn dictionary_diagnostics(&self) -> &[dyad_dict::Diagnostic] {
        &self.load_diagnostics
    }

    /// Warnings about the set as a whole (an empty set allowed by
    /// [`PipelineConfig::allow_empty_dicts`]).
    pub fn dictionary_warnings(&self) -> &[String] {
        &self.load_warnings
    }

    /// The coder (its dictionaries, the patterns it skipped).
    pub fn coder(&self) -> &Coder {
        &self.coder
    }

    /// The coder's configuration.
    pub fn coder_config(&self) -> &Config {
        &self.config
    }

    /// The tagging and parsing model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The built-in gazetteer, loaded on first use.
    pub fn gazetteer(&self) -> &Gazetteer {
        self.gazetteer.get_or_init(Gazetteer::builtin)
    }

    /// Segments `doc` when it has no sentences yet, and tags and parses
    /// every sentence without an analysis (a given parse is kept).
    pub fn annotate(&self, doc: &mut Document) {
        if doc.sentences.is_empty() {
            self.segmenter.segment(doc);
        }
        split_long_sentences(doc, self.max_sentence_tokens);
        let annotator = Annotator {
            model: &self.model,
            verb_forms: &self.verb_forms,
            actors: &self.coder.dictionaries().actors,
        };
        annotate::annotate_document(&annotator, doc);
    }

    /// Codes an annotated document with the pipeline's configuration:
    /// events with office holders named and missing countries inferred.
    pub fn code(&self, doc: &Document) -> Coded {
        self.code_with(doc, &self.config)
    }

    /// [`Pipeline::code`] with another coder configuration (PETRARCH
    /// records carry their own options).
    pub fn code_with(&self, doc: &Document, config: &Config) -> Coded {
        let mut coded = self.coder.code(doc, config);
        name_holders(self.dyad.as_deref(), &mut coded.events);
        dyad_code::infer_countries(&mut coded);
        coded
    }

    /// Annotates and codes `doc` as [`Pipeline::process`] does and returns
    /// what its place resolution starts from: the spans the dictionaries
    /// explain as no place and the events' actor countries. With these,
    /// [`dyad_enrich::DocumentPlaces::new`] reads the document's places
    /// exactly as `process` does (used by the geoparsing evaluation).
    pub fn prepare_places(&self, doc: &mut Document) -> dyad_enrich::lgl::Prepared {
        self.annotate(doc);
        let coded = self.code(doc);
        dyad_enrich::lgl::Prepared {
            not_places: explained_spans(self.coder.dictionaries(), doc),
            actor_countries: actor_countries(&coded.events)
                .into_iter()
                .map(str::to_string)
                .collect(),
        }
    }

    /// The first pass of `--source-profile`: annotates and codes `doc` as
    /// [`Pipeline::process`] does and reads its places on their own, as
    /// `process` does before it applies a profile.
    pub fn first_reading(&self, mut doc: Document) -> FirstReading {
        let prepared = self.prepare_places(&mut doc);
        let countries: Vec<&str> = prepared
            .actor_countries
            .iter()
            .map(String::as_str)
            .collect();
        let context = dyad_enrich::ResolveContext {
            actor_countries: &countries,
            not_places: &prepared.not_places,
            home: None,
        };
        FirstReading {
            outlet: outlet(&doc),
            chosen: enrich::read_alone(self.gazetteer(), &doc, &context),
        }
    }

    /// The whole pipeline for one document: annotate, code, enrich, and
    /// build the event records.
    pub fn process(&self, doc: Document) -> Processed {
        self.process_with(doc, None)
    }

    /// [`Pipeline::process`], with the event places resolved again with
    /// the home region of the document's outlet when `profiles` (from
    /// [`Pipeline::first_reading`] of every document of the run) are
    /// given.
    pub fn process_with(&self, mut doc: Document, profiles: Option<&SourceProfiles>) -> Processed {
        self.annotate(&mut doc);
        let unparsed = doc
            .sentences
            .iter()
            .filter(|s| s.analysis.is_empty() && !s.tokens.is_empty())
            .count();
        let mut coded = self.code(&doc);
        let mut diagnostics = Vec::new();
        for t in &coded.traces {
            diagnostics.extend(t.lines.iter().map(|line| Diagnostic {
                kind: DiagnosticKind::Trace,
                sentence: Some(t.sentence_index),
                message: line.clone(),
            }));
        }
        diagnostics.extend(coded.diagnostics.iter().map(|d| Diagnostic {
            kind: DiagnosticKind::Warning,
            sentence: Some(d.sentence_index),
            message: d.message.clone(),
        }));
        let enrichments = enrich_events_with(
            self.gazetteer(),
            self.coder.dictionaries(),
            &doc,
            &mut coded.events,
            profiles,
        );
        let mut events = dyad_output::records_enriched(&doc, &coded.events, &enrichments);
        // ids stay those of the full set, so an event keeps its id whatever
        // the filters
        events.retain(|r| {
            (self.statements || r.plover.is_some())
                && r.confidence.unwrap_or(1.0) >= self.min_confidence
        });
        Processed {
            document: doc,
            events,
            diagnostics,
            unparsed,
        }
    }
}
