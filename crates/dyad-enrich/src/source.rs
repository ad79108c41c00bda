//! A news source's home region: the first-level divisions that the
//! source's other documents place their towns in. A local paper's "Paris"
//! is the Paris of its own state when its other stories are about that
//! state's towns (the "local lexicon" of Lieberman, Samet and
//! Sankaranarayanan 2010).

use std::collections::{HashMap, HashSet};

use crate::gazetteer::{Feature, Gazetteer, Place};

/// The divisions a source writes about, learnt from the places chosen in
/// its documents without the profile (no gold data).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceProfile {
    /// Documents counted.
    documents: usize,
    /// Per division ("ISO3/admin1"): how many of the documents name a
    /// town, county or the division itself there.
    divisions: HashMap<Box<str>, usize>,
}

/// A source's documents count as at least this many when a division's
/// share is computed, so that one or two stories do not make a home.
const MIN_DOCUMENTS: usize = 4;

impl SourceProfile {
    /// The profile of a source from the places chosen in each of its
    /// documents (`documents[d]` holds document `d`'s chosen gazetteer
    /// places), leaving out document `skip` (the one about to be resolved
    /// with the profile).
    pub fn from_documents(
        gazetteer: &Gazetteer,
        documents: &[Vec<Option<u32>>],
        skip: Option<usize>,
    ) -> SourceProfile {
        let mut profile = SourceProfile::default();
        for (d, chosen) in documents.iter().enumerate() {
            if Some(d) == skip {
                continue;
            }
            profile.documents += 1;
            let keys: HashSet<Box<str>> = chosen
                .iter()
                .flatten()
                .filter_map(|&c| gazetteer.place(c))
                .filter(|p| matches!(p.feature, Feature::City | Feature::Admin2 | Feature::Admin1))
                .filter_map(|p| division_key(gazetteer, p))
                .collect();
            for key in keys {
                *profile.divisions.entry(key).or_default() += 1;
            }
        }
        profile
    }

    /// The share (0 to 1) of the source's documents that name a place in
    /// the division of `place`.
    pub(crate) fn share(&self, gazetteer: &Gazetteer, place: &Place) -> f64 {
        let Some(key) = division_key(gazetteer, place) else {
            return 0.0;
        };
        let count = self.divisions.get(&key).copied().unwrap_or(0);
        count as f64 / self.documents.max(MIN_DOCUMENTS) as f64
    }
}

/// "ISO3/admin1" of a place with a first-level division.
fn division_key(gazetteer: &Gazetteer, place: &Place) -> Option<Box<str>> {
    gazetteer
        .admin1(place)
        .map(|a| format!("{}/{}", place.country, a).into_boxed_str())
}
