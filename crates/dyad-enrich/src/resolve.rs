//! Toponym resolution: one place per toponym of a document, from
//! population, feature and fame priors, "City, State" qualifiers, the
//! actors' countries, the source's home region and the document's other
//! places (read one name at a time until the readings settle).

use crate::doc_context::{ACTOR_WEIGHT, DocContext, HOME_WEIGHT, ROUNDS};
use crate::gazetteer::{Feature, Gazetteer, Place};
use crate::toponym::{Candidate, ResolveContext, Toponym, is_strong};

impl Gazetteer {
    /// The prior of a candidate: the place's prior, less for a match
    /// through an alternate name.
    pub(crate) fn candidate_prior(&self, candidate: &Candidate) -> f64 {
        let preferred = if candidate.alternate {
            -ALTERNATE_PENALTY
        } else {
            PREFERRED
                .iter()
                .find(|(id, _)| self.place(candidate.place).is_some_and(|p| p.id == *id))
                .map_or(0.0, |(_, bonus)| *bonus)
        };
        prior_of(self.place(candidate.place)) + preferred
    }

    /// Chooses one place for each toponym of a document (`None` when a
    /// toponym has no candidate): first by prior and "City, State"
    /// patterns, then again, one name at a time, with the current readings
    /// of the document's other names (their countries, states and points,
    /// and the candidates of all of them) and the actors' countries as
    /// context.
    pub fn resolve(
        &self,
        toponyms: &[Toponym],
        text: &str,
        context: &ResolveContext<'_>,
    ) -> Vec<Option<u32>> {
        // Pass 1: priors and adjacent qualifiers.
        let qualifiers: Vec<Option<usize>> = (0..toponyms.len())
            .map(|k| qualifier_of(self, toponyms, k, text))
            .collect();
        let first: Vec<Option<u32>> = toponyms
            .iter()
            .enumerate()
            .map(|(k, t)| self.best(t, k, toponyms, &qualifiers, None, context))
            .collect();
        let mut doc = DocContext::new(self, toponyms, text);
        for (k, c) in first.iter().enumerate() {
            if let Some(place) = c.and_then(|c| self.place(c)) {
                doc.add(k, place, self.admin1(place));
            }
        }
        // Each round re-reads every toponym in turn with the current
        // readings of the others as context, so that a coherent reading is
        // reached one name at a time (all names at once would swing between
        // two readings) and one early wrong pick does not stay the
        // evidence. The reading kept is the most coherent one seen at the
        // end of a round: the highest sum of its choices' scores.
        let mut chosen = first;
        let mut kept: Option<(f64, Vec<Option<u32>>)> = None;
        for _ in 0..ROUNDS {
            let mut changed = false;
            for (k, t) in toponyms.iter().enumerate() {
                let next = self.best(t, k, toponyms, &qualifiers, Some(&doc), context);
                if next != chosen[k] {
                    changed = true;
                    chosen[k] = next;
                    doc.remove(k);
                    if let Some(place) = next.and_then(|c| self.place(c)) {
                        doc.add(k, place, self.admin1(place));
                    }
                }
            }
            let coherence: f64 = toponyms
                .iter()
                .enumerate()
                .zip(&chosen)
                .filter_map(|((k, t), c)| {
                    let c = (*c)?;
                    self.scores(t, k, toponyms, &qualifiers, Some(&doc), context)
                        .into_iter()
                        .find(|(p, _)| *p == c)
                })
                .map(|(_, score)| score)
                .sum();
            if kept.as_ref().is_none_or(|(best, _)| coherence > *best) {
                kept = Some((coherence, chosen.clone()));
            }
            if !changed {
                break;
            }
        }
        kept.map_or(chosen, |(_, c)| c)
    }

    fn best(
        &self,
        toponym: &Toponym,
        k: usize,
        toponyms: &[Toponym],
        qualifiers: &[Option<usize>],
        doc: Option<&DocContext>,
        context: &ResolveContext<'_>,
    ) -> Option<u32> {
        argmax(self.scores(toponym, k, toponyms, qualifiers, doc, context))
    }

    /// The score of each candidate of toponym `k`: its prior, a matching
    /// qualifier, the actors' countries, the source's home region and the
    /// document's other places.
    pub(crate) fn scores(
        &self,
        toponym: &Toponym,
        k: usize,
        toponyms: &[Toponym],
        qualifiers: &[Option<usize>],
        doc: Option<&DocContext>,
        context: &ResolveContext<'_>,
    ) -> Vec<(u32, f64)> {
        let qualifier = qualifiers
            .get(k)
            .copied()
            .flatten()
            .and_then(|q| toponyms.get(q));
        // The toponym this one qualifies ("Seattle" of "Seattle, Washington").
        let qualified = k
            .checked_sub(1)
            .filter(|&before| qualifiers.get(before).copied().flatten() == Some(k))
            .and_then(|before| toponyms.get(before));
        let fits = |outer: &Toponym, inner: &Place, outer_is_qualifier: bool| {
            outer
                .candidates
                .iter()
                .filter_map(|oc| self.place(oc.place))
                .any(|op| {
                    if outer_is_qualifier {
                        self.contains(op, inner)
                    } else {
                        self.contains(inner, op)
                    }
                })
        };
        toponym
            .candidates
            .iter()
            .filter_map(|c| self.place(c.place).map(|p| (c, p)))
            .map(|(c, p)| {
                let mut score = self.candidate_prior(c);
                if qualifier.is_some_and(|q| fits(q, p, true))
                    || qualified.is_some_and(|q| fits(q, p, false))
                {
                    score += 20.0;
                }
                if context.actor_countries.contains(&&*p.country) {
                    score += ACTOR_WEIGHT;
                }
                if let Some(home) = context.home {
                    score += HOME_WEIGHT * home.share(self, p);
                }
                if let Some(doc) = doc {
                    score += doc.score(k, p, self.admin1(p));
                }
                (c.place, score)
            })
            .collect()
    }

    /// Whether `outer` (a country or first-level division) contains
    /// `inner`.
    fn contains(&self, outer: &Place, inner: &Place) -> bool {
        match outer.feature {
            Feature::Country => outer.country == inner.country && inner.feature != Feature::Country,
            Feature::Admin1 => {
                outer.country == inner.country
                    && inner.feature != Feature::Admin1
                    && self.admin1(outer).is_some()
                    && self.admin1(outer) == self.admin1(inner)
            }
            _ => false,
        }
    }
}

/// The candidate with the highest score (the earlier place on a tie).
fn argmax(scores: Vec<(u32, f64)>) -> Option<u32> {
    scores
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(c, _)| c)
}

/// Places that news usually means by a name despite a namesake with a
/// larger prior, with their prior bonus (GeoNames id): "Washington" is the
/// capital, not the state, unless a qualifier ("Seattle, Washington") or
/// several other places of the state say otherwise.
const PREFERRED: &[(u32, f64)] = &[(4_140_963, 9.0)];

/// The prior score of a place: log population plus a bonus for countries,
/// states and continents.
pub(crate) fn prior_of(place: Option<&Place>) -> f64 {
    let Some(place) = place else {
        return f64::MIN;
    };
    let feature = match place.feature {
        Feature::Continent => 12.0,
        Feature::Region => 11.0,
        Feature::Country => 10.0,
        // A small division abroad (Jamaica's parish "Hanover", Lesotho's
        // "Berea") is rarely what the name means.
        Feature::Admin1 if is_strong(place) => 6.0,
        Feature::Admin1 => 2.0,
        // A county's population is its share of its state's towns
        // (`Gazetteer::apply_county_points`).
        Feature::Admin2 => 2.0,
        Feature::City => 0.0,
    };
    ((place.population as f64) + 10.0).ln()
        + feature
        + FAME_WEIGHT * (f64::from(place.names) + 1.0).ln()
}

/// How much less a candidate counts when the name matches one of its
/// alternate names rather than its own: "Centerville" is the town of that
/// name before the city of Fremont that once had it, "Kaliningrad" the
/// city before Korolev.
const ALTERNATE_PENALTY: f64 = 8.0;

/// Weight of the log number of a place's alternate names in its prior:
/// the well-known namesake ("Geneva", "Vienna", "Damascus") wins over
/// small towns of the same name unless the document says otherwise.
const FAME_WEIGHT: f64 = 1.5;

/// The toponym right after `k` separated by a comma ("Alexandria, La."),
/// when it can qualify it: not when both names are first of all places of
/// one kind (two states, two countries), which is a list ("Illinois,
/// Ohio, Kentucky"), not a town and its state.
fn qualifier_of(
    gazetteer: &Gazetteer,
    toponyms: &[Toponym],
    k: usize,
    text: &str,
) -> Option<usize> {
    let this = toponyms.get(k)?;
    let next = toponyms.get(k + 1)?;
    let between = text.get(this.span.byte_end as usize..next.span.byte_start as usize)?;
    let kind = |t: &Toponym| {
        t.candidates
            .first()
            .and_then(|c| gazetteer.place(c.place))
            .filter(|p| matches!(p.feature, Feature::Admin1 | Feature::Country))
            .map(|p| (p.feature, p.country.clone()))
    };
    let list = kind(this).is_some() && kind(this) == kind(next);
    (between.trim() == "," && !list).then_some(k + 1)
}
