//! The source home region for a whole run (`dyad code --source-profile`):
//! a first pass reads every document's places on its own
//! ([`crate::Pipeline::first_reading`]) and counts, per outlet, the
//! first-level divisions they lie in ([`SourceProfiles`]); the coding pass
//! then resolves each document's places again with the evidence of its
//! outlet's *other* documents (the "local lexicon" of Lieberman, Samet and
//! Sankaranarayanan 2010: a local paper's "Paris" is the Paris of its own
//! state). The profiles are sums, so the output depends neither on the
//! number of threads nor on the order of the inputs.

use std::collections::HashMap;

use dyad_enrich::{Gazetteer, SourceProfile};

/// One document's places read on its own: what the first pass keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FirstReading {
    /// The document's outlet ([`crate::outlet`]).
    pub outlet: String,
    /// The gazetteer place chosen for each of its toponyms (in
    /// [`dyad_enrich::DocumentPlaces::mentions`] order), without a profile.
    pub chosen: Vec<Option<u32>>,
}

/// The home regions of a run's outlets, from the first readings of their
/// documents.
#[derive(Clone, Debug, Default)]
pub struct SourceProfiles {
    by_outlet: HashMap<String, SourceProfile>,
}

impl SourceProfiles {
    /// Counts one document's first reading in its outlet's profile.
    pub fn add(&mut self, gazetteer: &Gazetteer, reading: &FirstReading) {
        self.by_outlet
            .entry(reading.outlet.clone())
            .or_default()
            .add_document(gazetteer, &reading.chosen);
    }

    /// The profile of `outlet`, with all its documents counted.
    pub fn profile(&self, outlet: &str) -> Option<&SourceProfile> {
        self.by_outlet.get(outlet)
    }

    /// How many outlets have a profile.
    pub fn len(&self) -> usize {
        self.by_outlet.len()
    }

    /// Whether no document was counted.
    pub fn is_empty(&self) -> bool {
        self.by_outlet.is_empty()
    }
}
