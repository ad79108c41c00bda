//! Names the gazetteer does not list, derived from those it does:
//!
//! - demonyms, from the place names they are made of: "South Ossetians" →
//!   South Ossetia, "Dagestani" → Dagestan, "Ontarians" → Ontario,
//!   "Europeans" → Europe, "Londoner" → London. Only well-known places
//!   count (countries, first-level divisions, continents, regions and
//!   cities of 100,000 people or more), so that a surname ("Walker") is
//!   not read as the people of a hamlet ("Walk");
//! - local divisions named after a town, which lie around it: "Hamilton
//!   Township", "Madison Twp.", "Town of Groton" → the towns of that name;
//!   "Platte Co." → Platte County.

use crate::gazetteer::{DEMONYM, Feature, Gazetteer, PLACE};

/// The index entries of the places a name the gazetteer lacks stands for:
/// a local division's town or county, else a demonym's place.
pub(crate) fn derived(gazetteer: &Gazetteer, key: &str) -> Vec<u32> {
    let division = division(gazetteer, key);
    if division.is_empty() {
        demonym(gazetteer, key)
    } else {
        division
    }
}

/// The towns a township or town is named after ("hamilton township",
/// "town of groton"), or the county of "platte co.".
fn division(gazetteer: &Gazetteer, key: &str) -> Vec<u32> {
    if let Some(county) = key.strip_suffix(" co.").or_else(|| key.strip_suffix(" co")) {
        return gazetteer
            .lookup_key(&format!("{county} county"))
            .iter()
            .filter(|&&e| {
                gazetteer
                    .place(e & PLACE)
                    .is_some_and(|p| p.feature == Feature::Admin2)
            })
            .copied()
            .collect();
    }
    let town = [" township", " twp.", " twp"]
        .iter()
        .find_map(|suffix| key.strip_suffix(suffix))
        .or_else(|| {
            ["town of "]
                .iter()
                .find_map(|prefix| key.strip_prefix(prefix))
        });
    let Some(town) = town.filter(|t| !t.is_empty()) else {
        return Vec::new();
    };
    gazetteer
        .lookup_key(town)
        .iter()
        .filter(|&&e| e & DEMONYM == 0)
        .filter(|&&e| {
            gazetteer
                .place(e & PLACE)
                .is_some_and(|p| p.feature == Feature::City)
        })
        .copied()
        .collect()
}

/// Cities smaller than this have no derived demonym.
const MIN_CITY: u64 = 100_000;

/// The index entries (flagged [`DEMONYM`]) of the well-known places whose
/// derived demonym is the normalised name `key`, or none.
fn demonym(gazetteer: &Gazetteer, key: &str) -> Vec<u32> {
    let (head, last) = match key.rsplit_once(' ') {
        Some((head, last)) => (Some(head), last),
        None => (None, key),
    };
    let singular = last.strip_suffix('s').unwrap_or(last);
    for stem in stems(singular) {
        let name = match head {
            Some(head) => format!("{head} {stem}"),
            None => stem,
        };
        let entries: Vec<u32> = gazetteer
            .lookup_key(&name)
            .iter()
            .filter(|&&e| e & DEMONYM == 0)
            .filter(|&&e| gazetteer.place(e & PLACE).is_some_and(well_known))
            .map(|&e| (e & PLACE) | DEMONYM)
            .collect();
        if !entries.is_empty() {
            return entries;
        }
    }
    Vec::new()
}

/// The place names a singular demonym may come from, likeliest first:
/// "-ian" from "-ia" or the name itself ("Ossetian", "Bostonian"), "-an"
/// from "-a", "-o" or the name itself ("African", "Ontarian",
/// "European"), "-i"
/// ("Dagestani"), "-er" ("Londoner"), "-ite" ("Richmondite").
fn stems(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |stem: Option<&str>, tail: &str| {
        if let Some(stem) = stem.filter(|s| s.chars().count() >= 3) {
            out.push(format!("{stem}{tail}"));
        }
    };
    push(word.strip_suffix("ian"), "ia");
    push(word.strip_suffix("ian"), "");
    push(word.strip_suffix('n'), "");
    push(word.strip_suffix("an"), "o");
    push(word.strip_suffix("an"), "");
    push(word.strip_suffix('i'), "");
    push(word.strip_suffix("er"), "");
    push(word.strip_suffix("ite"), "");
    out
}

/// Whether a place is known well enough to have a demonym.
fn well_known(place: &crate::gazetteer::Place) -> bool {
    match place.feature {
        Feature::Country | Feature::Admin1 | Feature::Continent | Feature::Region => true,
        Feature::City => place.population >= MIN_CITY,
        Feature::Admin2 => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the places `key`'s derived demonym stands for.
    fn places(g: &Gazetteer, key: &str) -> Vec<String> {
        derived(g, key)
            .iter()
            .filter_map(|&e| g.place(e & PLACE))
            .map(|p| p.name.to_string())
            .collect()
    }

    #[test]
    fn demonyms_are_derived_from_well_known_places() {
        let g = Gazetteer::builtin();
        assert_eq!(places(&g, "south ossetians"), ["South Ossetia"]);
        assert!(
            places(&g, "dagestani")
                .iter()
                .any(|p| p.contains("Dagestan"))
        );
        assert!(places(&g, "ontarians").iter().any(|p| p == "Ontario"));
        assert_eq!(places(&g, "europeans"), ["Europe"]);
        assert_eq!(places(&g, "african"), ["Africa"]);
        assert!(places(&g, "londoner").iter().any(|p| p == "London"));
        assert!(derived(&g, "ontarians").iter().all(|e| e & DEMONYM != 0));
        // A surname is no demonym of a small town ("Walker" → "Walk").
        assert!(places(&g, "walker").is_empty());
        assert!(places(&g, "christian").is_empty());
    }

    #[test]
    fn local_divisions_are_their_towns() {
        let g = Gazetteer::builtin();
        let states = |key: &str| -> Vec<String> {
            derived(&g, key)
                .iter()
                .filter_map(|&e| g.place(e & PLACE))
                .filter_map(|p| g.admin1(p).map(str::to_string))
                .collect()
        };
        assert!(states("hamilton township").contains(&"Ohio".to_string()));
        assert!(states("madison twp.").contains(&"Ohio".to_string()));
        assert!(states("town of groton").contains(&"Connecticut".to_string()));
        assert_eq!(states("platte co."), ["Missouri", "Nebraska", "Wyoming"]);
        assert!(derived(&g, "township").is_empty());
    }
}
