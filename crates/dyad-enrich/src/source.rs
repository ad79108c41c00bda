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
            if Some(d) != skip {
                profile.add_document(gazetteer, chosen);
            }
        }
        profile
    }

    /// Counts one more document of the source, `chosen` holding the
    /// gazetteer places chosen for its toponyms (read without a profile).
    /// The profile is a sum: the order documents are added in does not
    /// matter.
    pub fn add_document(&mut self, gazetteer: &Gazetteer, chosen: &[Option<u32>]) {
        self.documents += 1;
        for key in document_divisions(gazetteer, chosen) {
            *self.divisions.entry(key).or_default() += 1;
        }
    }

    /// The profile less one document that was added to it with the same
    /// `chosen` places (leave one out: a document is resolved with the
    /// evidence of the source's *other* documents). Counts never go below
    /// zero.
    pub fn without_document(&self, gazetteer: &Gazetteer, chosen: &[Option<u32>]) -> SourceProfile {
        let mut profile = self.clone();
        profile.documents = profile.documents.saturating_sub(1);
        for key in document_divisions(gazetteer, chosen) {
            if let Some(count) = profile.divisions.get_mut(&key) {
                *count = count.saturating_sub(1);
            }
        }
        profile
    }

    /// How many documents the profile counts.
    pub fn documents(&self) -> usize {
        self.documents
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

/// The divisions ("ISO3/admin1") of the towns, counties and divisions
/// among `chosen`, each once.
fn document_divisions(gazetteer: &Gazetteer, chosen: &[Option<u32>]) -> HashSet<Box<str>> {
    chosen
        .iter()
        .flatten()
        .filter_map(|&c| gazetteer.place(c))
        .filter(|p| matches!(p.feature, Feature::City | Feature::Admin2 | Feature::Admin1))
        .filter_map(|p| division_key(gazetteer, p))
        .collect()
}

/// "ISO3/admin1" of a place with a first-level division.
fn division_key(gazetteer: &Gazetteer, place: &Place) -> Option<Box<str>> {
    gazetteer
        .admin1(place)
        .map(|a| format!("{}/{}", place.country, a).into_boxed_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaving_a_document_out_is_from_documents_with_skip() {
        let g = Gazetteer::builtin();
        let key = |name: &str| {
            g.candidates_of_key(&crate::normalize::key(name))
                .first()
                .map(|c| c.place)
        };
        let documents = vec![
            vec![key("Dayton"), key("Ohio")],
            vec![key("Columbus"), None],
            vec![key("Paris")],
        ];
        let mut all = SourceProfile::default();
        // Added in any order, the sum is the same.
        for chosen in documents.iter().rev() {
            all.add_document(&g, chosen);
        }
        assert_eq!(all, SourceProfile::from_documents(&g, &documents, None));
        for skip in 0..documents.len() {
            assert_eq!(
                all.without_document(&g, &documents[skip]).documents(),
                SourceProfile::from_documents(&g, &documents, Some(skip)).documents()
            );
            let without = all.without_document(&g, &documents[skip]);
            let expected = SourceProfile::from_documents(&g, &documents, Some(skip));
            for place in documents.iter().flatten().flatten() {
                let place = g.place(*place).unwrap_or_else(|| panic!("place {place}"));
                assert_eq!(without.share(&g, place), expected.share(&g, place));
            }
        }
    }
}
