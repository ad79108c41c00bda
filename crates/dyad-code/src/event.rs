//! What the coder produces: events, their actors, and explain traces.

use dyad_core::Span;
use dyad_dict::Provenance;
use std::fmt;

/// How an event is asserted in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modality {
    /// Stated as happening ("A attacked B").
    Asserted,
    /// Reported by someone ("X said A attacked B"); see [`Event::attribution`].
    Reported,
    /// Intended or promised ("A plans to / vowed to / will meet B").
    Planned,
    /// Threatened ("A threatened to attack B").
    Threatened,
    /// Conditional or possible ("A would / could / might attack B").
    Hypothetical,
    /// Negated ("A did not attack B"); always with [`Event::negated`].
    Denied,
}

impl Modality {
    /// The lower-case name used in `dyad.event/1`.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Planned => "planned",
            Modality::Threatened => "threatened",
            Modality::Hypothetical => "hypothetical",
            Modality::Denied => "denied",
        }
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A source or target actor of an event.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// The actor's phrase as written in the text.
    pub text: String,
    /// Where the phrase is.
    pub span: Span,
    /// The CAMEO-style code, e.g. `IRQGOV`; `---` is the dictionaries'
    /// null actor, `---GOV` an agent of unknown country.
    pub code: String,
    /// The first three letters of the code when they name a country or
    /// region (not `---` nor an IGO/NGO prefix).
    pub country: Option<String>,
    /// The three-letter sector codes after the country, e.g. `["GOV"]`.
    pub agents: Vec<String>,
    /// The actor dictionary entry's primary phrase, e.g. `HAMID KARZAI`.
    pub entity: Option<String>,
    /// The actor dictionary line that gave the code.
    pub dictionary: Option<Provenance>,
    /// The agent dictionary lines that added agents.
    pub agent_dictionary: Vec<Provenance>,
    /// Index of the phrase's head word in the sentence.
    pub head: usize,
}

/// Who an event is reported by.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    /// The reporter's phrase.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// Its actor code, when the dictionaries know it.
    pub code: Option<String>,
}

/// One coded event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Index of the sentence in the document.
    pub sentence_index: usize,
    /// Who did it.
    pub source: Actor,
    /// To whom.
    pub target: Actor,
    /// The CAMEO event code, e.g. `042`.
    pub cameo: String,
    /// The verb as written.
    pub verb: String,
    /// Where the verb is.
    pub verb_span: Span,
    /// The verb pattern that matched, in dictionary syntax; `None` when
    /// the verb's own code applied.
    pub pattern: Option<String>,
    /// The dictionary line of the pattern (or of the verb when no pattern
    /// matched).
    pub rule: Provenance,
    /// The verb is negated ("did not attack"). Negated events are kept,
    /// with modality [`Modality::Denied`], so they can be audited; they
    /// are not the positive event and evaluation does not count them.
    pub negated: bool,
    /// How the event is asserted.
    pub modality: Modality,
    /// Who reported it ("X said …"), if anyone.
    pub attribution: Option<Attribution>,
    /// The act is agreed, promised or declared rather than carried out
    /// ("agreed to withdraw", "vowed to lift the curfew", "declared a
    /// ceasefire"): PLOVER counts such a concession as CONCEDE, not RETREAT
    /// (see `dyad_cameo::EventCode::plover_type`).
    pub promised: bool,
}

/// The explain trace of one sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceTrace {
    /// Index of the sentence in the document.
    pub sentence_index: usize,
    /// Human-readable lines: actors found, verbs, patterns tried and
    /// matched, and why something was not coded.
    pub lines: Vec<String>,
}

/// Something about a document the coder could not use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeDiagnostic {
    /// Index of the sentence concerned.
    pub sentence_index: usize,
    /// What is wrong, lower-case.
    pub message: String,
}

/// The coder's output for one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coded {
    /// Events in sentence order, then the order found.
    pub events: Vec<Event>,
    /// One trace per sentence, when explaining.
    pub traces: Vec<SentenceTrace>,
    /// Problems with the input (sentences without analysis, broken trees).
    pub diagnostics: Vec<CodeDiagnostic>,
    /// The country of every actor mention with one, event or not:
    /// (sentence index, ISO-3 code), in text order. Context for
    /// [`infer_countries`](crate::infer_countries).
    pub countries: Vec<(usize, String)>,
}
