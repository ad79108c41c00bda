//! The document's places as evidence for resolving each of its toponyms:
//! the countries, first-level divisions and points of the other names'
//! current readings, and the points of all their candidates.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use crate::gazetteer::{Feature, Gazetteer, Place, distance_km};
use crate::toponym::Toponym;

/// At most this many candidates of a toponym (best prior first) count as
/// its possible points.
const CANDIDATE_POINTS: usize = 20;

/// Weight of the log count of the document's other names that have some
/// candidate within 150 km: a coherent reading ("Paris" and "Henry
/// County" both in Tennessee) is found even when neither is chosen yet.
const NEAR_ANY_WEIGHT: f64 = 1.5;

/// Weight of the log count of the document's other names that have a town
/// or county candidate within [`CLOSE_KM`] of a town or county candidate:
/// a town and the county it lies in ("Huntsville" and "Walker County",
/// "Paris" and "Henry County"), or two neighbouring towns, are read
/// together, whichever of their namesakes is larger. Two names of
/// different places rarely have namesakes that close by chance.
const CLOSE_WEIGHT: f64 = 8.0;
/// How close (km) two names' candidates must be to support each other
/// through [`CLOSE_WEIGHT`]: about the reach of a county from its seat.
const CLOSE_KM: f64 = 40.0;

/// Weight of the log count of the document's other names read as places
/// of a candidate's kind, when it is a country or a first-level division:
/// in a list of states ("Indiana, Illinois, Ohio, Kentucky") or of
/// countries ("Vietnam, Russia, Italy, China") a name is one more of the
/// same, not a town named after it (Ohio County, Indiana; Italy, Texas).
const KIND_WEIGHT: f64 = 4.0;

/// Up to this many distinct names, [`CLOSE_WEIGHT`] counts in full; beyond,
/// it shrinks in proportion: the more names a document has, the likelier
/// two of them have namesakes close together by chance (a live blog
/// naming Salisbury, Oxford and Washington among a hundred places).
const CLOSE_NAMES: f64 = 20.0;

/// Rounds of resolution with the document's places as context.
pub(crate) const ROUNDS: usize = 4;

/// Weight of the log count of the document's other places in a
/// candidate's country.
const COUNTRY_WEIGHT: f64 = 1.5;
/// Weight of the log count of the document's other places in a
/// candidate's first-level division.
const ADMIN1_WEIGHT: f64 = 5.0;
/// Bonus of a town or county in a first-level division that the document
/// names ("Dublin" in a story that says "Ohio"): a named state or province
/// is stronger evidence than other towns that merely lie in it.
const NAMED_ADMIN1_WEIGHT: f64 = 8.0;
/// Weight of the log count of the document's other places within 150 km.
const NEAR_WEIGHT: f64 = 2.5;
/// Weight of the share of the source's other documents that name a place
/// in a candidate's first-level division ([`crate::SourceProfile`]).
pub(crate) const HOME_WEIGHT: f64 = 8.0;
/// Bonus of a candidate in the country of one of the actors.
pub(crate) const ACTOR_WEIGHT: f64 = 1.0;

/// Countries, states and coordinates of a document's places.
#[derive(Default)]
pub(crate) struct DocContext {
    /// Per distinct name (lower-cased): the points of its town and county
    /// candidates.
    name_points: Vec<Vec<(f64, f64)>>,
    /// Per toponym: the index of its name in `name_points`.
    name_of: Vec<usize>,
    /// [`DocContext::names_near`] answers already computed, by (name,
    /// candidate point, distance), each as bits.
    near_cache: RefCell<HashMap<(usize, u64, u64, u64), usize>>,
    /// Per toponym: its lower-cased text. Mentions of the same name do not
    /// support each other (ten "Gainesville"s are one piece of evidence).
    surfaces: Vec<Box<str>>,
    countries: HashMap<Box<str>, Vec<usize>>,
    admin1: HashMap<Box<str>, Vec<usize>>,
    /// The first-level divisions ("country/admin1") that the document
    /// names itself ("Ohio", "Ga."), with the toponyms naming them.
    named_admin1: HashMap<Box<str>, Vec<usize>>,
    /// The toponyms read as countries ("N") or as first-level divisions
    /// of a country ("A/USA"), by that kind.
    kinds: HashMap<Box<str>, Vec<usize>>,
    points: Vec<(usize, f64, f64)>,
}

impl DocContext {
    /// The context of `toponyms` (of `text`), with no reading chosen yet.
    pub(crate) fn new(gazetteer: &Gazetteer, toponyms: &[Toponym], text: &str) -> DocContext {
        let surfaces: Vec<Box<str>> = toponyms
            .iter()
            .map(|t| {
                text.get(t.span.bytes())
                    .unwrap_or("")
                    .to_lowercase()
                    .into_boxed_str()
            })
            .collect();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut name_points: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut name_of = Vec::with_capacity(toponyms.len());
        for (t, surface) in toponyms.iter().zip(&surfaces) {
            let id = *ids.entry(surface).or_insert_with(|| {
                name_points.push(
                    t.candidates
                        .iter()
                        .take(CANDIDATE_POINTS)
                        .filter_map(|c| gazetteer.place(c.place))
                        .filter(|p| matches!(p.feature, Feature::City | Feature::Admin2))
                        .map(|p| (p.lat, p.lon))
                        .collect(),
                );
                name_points.len() - 1
            });
            name_of.push(id);
        }
        DocContext {
            surfaces,
            name_points,
            name_of,
            ..DocContext::default()
        }
    }

    /// Forgets the reading of toponym `k` (its place no longer counts as
    /// evidence for the others).
    pub(crate) fn remove(&mut self, k: usize) {
        for map in [
            &mut self.countries,
            &mut self.admin1,
            &mut self.named_admin1,
            &mut self.kinds,
        ] {
            for ks in map.values_mut() {
                ks.retain(|&o| o != k);
            }
        }
        self.points.retain(|(o, _, _)| *o != k);
    }

    /// Counts `place` (in first-level division `admin1`) as the reading of
    /// toponym `k`.
    pub(crate) fn add(&mut self, k: usize, place: &Place, admin1: Option<&str>) {
        if let Some(kind) = kind_of(place) {
            self.kinds.entry(kind).or_default().push(k);
        }
        self.countries
            .entry(place.country.clone())
            .or_default()
            .push(k);
        if let Some(a) = admin1 {
            let key: Box<str> = format!("{}/{}", place.country, a).into();
            if place.feature == Feature::Admin1 {
                self.named_admin1.entry(key.clone()).or_default().push(k);
            }
            self.admin1.entry(key).or_default().push(k);
        }
        // Towns and counties are points; larger places are not near
        // anything in particular.
        if matches!(place.feature, Feature::City | Feature::Admin2) {
            self.points.push((k, place.lat, place.lon));
        }
    }

    /// The context bonus of `place` for toponym `k` (mentions of its own
    /// name do not count).
    pub(crate) fn score(&self, k: usize, place: &Place, admin1: Option<&str>) -> f64 {
        let own = self.surfaces.get(k);
        let other = |o: usize| o != k && (own.is_none() || self.surfaces.get(o) != own);
        let others =
            |ks: Option<&Vec<usize>>| ks.map_or(0, |ks| ks.iter().filter(|&&o| other(o)).count());
        // Evidence grows with the log of the number of other names: one
        // more US town in a story about the US adds little, so a large
        // namesake abroad ("Damascus", "London") is not outvoted by a
        // count of mentions.
        let log = |n: usize| ((n.min(8) + 1) as f64).ln();
        let mut score = COUNTRY_WEIGHT * log(others(self.countries.get(&place.country)));
        if let Some(ks) = kind_of(place).and_then(|kind| self.kinds.get(&kind)) {
            let names: HashSet<&str> = ks
                .iter()
                .filter(|&&o| other(o))
                .filter_map(|&o| self.surfaces.get(o).map(|s| &**s))
                .collect();
            score += KIND_WEIGHT * log(names.len());
        }
        if let Some(a) = admin1 {
            let key: Box<str> = format!("{}/{}", place.country, a).into();
            score += ADMIN1_WEIGHT * log(others(self.admin1.get(&key)));
            if place.feature != Feature::Admin1 && others(self.named_admin1.get(&key)) > 0 {
                score += NAMED_ADMIN1_WEIGHT;
            }
        }
        if place.feature == Feature::City {
            let near = self
                .points
                .iter()
                .filter(|(o, lat, lon)| {
                    other(*o) && distance_km(place.lat, place.lon, *lat, *lon) < 150.0
                })
                .count();
            score += NEAR_WEIGHT * log(near);
            score += NEAR_ANY_WEIGHT * log(self.names_near(k, place, 150.0));
        }
        if matches!(place.feature, Feature::City | Feature::Admin2) {
            score += close_scale(self.name_points.len())
                * CLOSE_WEIGHT
                * log(self.names_near(k, place, CLOSE_KM));
        }
        score
    }

    /// How many of the document's other names (each name once, whatever
    /// its readings) have a town or county candidate within `km` of
    /// `place`.
    fn names_near(&self, k: usize, place: &Place, km: f64) -> usize {
        let own = self.name_of.get(k).copied().unwrap_or(usize::MAX);
        let key = (own, place.lat.to_bits(), place.lon.to_bits(), km.to_bits());
        if let Some(&n) = self.near_cache.borrow().get(&key) {
            return n;
        }
        // A degree of latitude is about 111 km: most points are ruled out
        // before the great-circle distance.
        let max_lat = km / 110.0;
        let n = self
            .name_points
            .iter()
            .enumerate()
            .filter(|&(o, points)| {
                o != own
                    && points.iter().any(|(lat, lon)| {
                        (place.lat - lat).abs() <= max_lat
                            && distance_km(place.lat, place.lon, *lat, *lon) < km
                    })
            })
            .count();
        self.near_cache.borrow_mut().insert(key, n);
        n
    }
}

/// The kind of a country ("N") or first-level division ("A/ISO3") that a
/// list of places shares ("Indiana, Illinois, Ohio and Kentucky").
fn kind_of(place: &Place) -> Option<Box<str>> {
    match place.feature {
        Feature::Country => Some("N".into()),
        Feature::Admin1 => Some(format!("A/{}", place.country).into()),
        _ => None,
    }
}

/// The share of [`CLOSE_WEIGHT`] that counts in a document of `names`
/// distinct names: all of it up to [`CLOSE_NAMES`], then less in
/// proportion, since chance neighbours multiply with the names.
fn close_scale(names: usize) -> f64 {
    (CLOSE_NAMES / names.max(1) as f64).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_support_shrinks_in_long_documents() {
        assert_eq!(close_scale(0), 1.0);
        assert_eq!(close_scale(8), 1.0);
        assert_eq!(close_scale(20), 1.0);
        assert_eq!(close_scale(40), 0.5);
        assert!(close_scale(100) < 0.25);
    }
}
