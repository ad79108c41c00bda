//! The gazetteer: places with names, country, first-level division,
//! coordinates, feature class and population, indexed by normalised name.
//!
//! The built-in gazetteer is compiled from GeoNames data (CC BY 4.0, see
//! `data/README.md`) by [`crate::build`] and embedded in the crate as a
//! gzipped TSV file.

use std::collections::HashMap;
use std::io::Read;

use flate2::read::GzDecoder;

use crate::Error;
use crate::normalize;

/// Index-entry flag: the name is an alternate name.
pub(crate) const ALTERNATE: u32 = 1 << 30;
/// Index-entry flag: the name is a demonym or adjective ("Iraqi").
pub(crate) const DEMONYM: u32 = 1 << 31;
/// Mask of the place index in an index entry.
pub(crate) const PLACE: u32 = ALTERNATE - 1;

/// The embedded gazetteer file.
static BUILTIN: &[u8] = include_bytes!("../data/gazetteer.tsv.gz");

/// Reference country points: the CIA World Factbook's "Geographic
/// coordinates" (public domain), by ISO 3166-1 alpha-3; see `data/README.md`.
const COUNTRY_POINTS: &str = include_str!("../data/country-points.tsv");

/// How far (km) a built-in country estimate may be from its reference point
/// before the reference point replaces it: not at all. The reference points
/// are where geocoders (GeoNames) put countries; an estimate from the
/// country's towns drifts towards where people live (Afghanistan 181 km,
/// Saudi Arabia 226 km, Russia and Canada about 1,100 km off).
const COUNTRY_POINT_KM: f64 = 0.0;

/// US county centroids by FIPS code (Census cartographic boundaries via
/// `us-atlas`); see `data/README.md`.
const COUNTY_POINTS: &str = include_str!("../data/county-points.tsv");

/// What kind of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    /// A populated place.
    City,
    /// A first-level administrative division (a US state).
    Admin1,
    /// A second-level division (a US county), at its Census centroid
    /// (`data/county-points.tsv`).
    Admin2,
    /// A country.
    Country,
    /// A continent.
    Continent,
    /// A region, sea, gulf, strait, river or landmark that is not an
    /// administrative unit ("Middle East", "Red Sea", "Gaza Strip");
    /// dyad's own table, see `data/README.md`.
    Region,
}

impl Feature {
    /// The record's `location.feature` value.
    pub fn as_str(&self) -> &'static str {
        match self {
            Feature::City => "city",
            Feature::Admin1 => "admin1",
            Feature::Admin2 => "admin2",
            Feature::Country => "country",
            Feature::Continent => "continent",
            Feature::Region => "region",
        }
    }

    /// The one-letter code of the gazetteer file.
    pub(crate) fn code(&self) -> char {
        match self {
            Feature::City => 'C',
            Feature::Admin1 => 'A',
            Feature::Admin2 => 'D',
            Feature::Country => 'N',
            Feature::Continent => 'K',
            Feature::Region => 'R',
        }
    }

    fn from_code(code: &str) -> Option<Feature> {
        match code {
            "C" => Some(Feature::City),
            "A" => Some(Feature::Admin1),
            "D" => Some(Feature::Admin2),
            "N" => Some(Feature::Country),
            "K" => Some(Feature::Continent),
            "R" => Some(Feature::Region),
            _ => None,
        }
    }
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// GeoNames id; for [`Feature::Admin2`] the county's FIPS code.
    pub id: u32,
    /// Preferred name.
    pub name: Box<str>,
    /// Kind of place.
    pub feature: Feature,
    /// ISO 3166-1 alpha-3 country code, empty for continents.
    pub country: Box<str>,
    /// Index into the gazetteer's admin1 names, when known.
    admin1: Option<u32>,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Population (0 when unknown).
    pub population: u64,
    /// How many alternate names (all languages) GeoNames lists for the
    /// place: how well known it is (0 for other kinds of place).
    pub names: u32,
}

/// A set of places indexed by normalised name.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    admin1_names: Vec<Box<str>>,
    index: HashMap<Box<str>, Vec<u32>>,
    max_words: usize,
}

impl Gazetteer {
    /// The gazetteer embedded in the crate (GeoNames, CC BY 4.0).
    ///
    /// # Panics
    ///
    /// Never in practice: the embedded file is checked by the crate's tests;
    /// should it be corrupt, an empty gazetteer is returned instead.
    pub fn builtin() -> Gazetteer {
        let mut gazetteer = Gazetteer::from_gzip(BUILTIN).unwrap_or_default();
        gazetteer.apply_country_points(COUNTRY_POINTS, COUNTRY_POINT_KM);
        gazetteer.apply_county_points(COUNTY_POINTS);
        gazetteer
    }

    /// Gives each US county (`feature` admin2, id = FIPS code) its point in
    /// `table` (`fips lat lon` TSV lines, `#` comments); counties not in
    /// the table keep their state's centre. Malformed lines are skipped.
    pub fn apply_county_points(&mut self, table: &str) {
        let points = point_table(table);
        for place in &mut self.places {
            if place.feature != Feature::Admin2 {
                continue;
            }
            if let Some(&(lat, lon)) = points.get(place.id.to_string().as_str()) {
                place.lat = lat;
                place.lon = lon;
            }
        }
        self.estimate_county_populations();
    }

    /// Gives each US county the summed population of the towns of its
    /// state that lie nearer its point than any other county's (the
    /// package gives counties no population): a county's share of its
    /// state's towns, so that of two counties of the same name the more
    /// populous one is the likelier reading.
    fn estimate_county_populations(&mut self) {
        let mut counties: HashMap<Option<u32>, Vec<usize>> = HashMap::new();
        for (i, place) in self.places.iter().enumerate() {
            if place.feature == Feature::Admin2 && &*place.country == "USA" {
                counties.entry(place.admin1).or_default().push(i);
            }
        }
        let mut sums: HashMap<usize, u64> = HashMap::new();
        for town in &self.places {
            if town.feature != Feature::City || &*town.country != "USA" {
                continue;
            }
            let Some(candidates) = counties.get(&town.admin1) else {
                continue;
            };
            let scale = town.lat.to_radians().cos();
            let nearest = candidates.iter().min_by(|&&a, &&b| {
                let d = |i: usize| {
                    let p = &self.places[i];
                    (p.lat - town.lat).powi(2) + ((p.lon - town.lon) * scale).powi(2)
                };
                d(a).total_cmp(&d(b))
            });
            if let Some(&county) = nearest {
                *sums.entry(county).or_default() += town.population;
            }
        }
        for (county, population) in sums {
            if let Some(place) = self.places.get_mut(county) {
                place.population = population;
            }
        }
    }

    /// Moves each country to its point in `table` (`iso3 lat lon` TSV lines,
    /// `#` comments) where that point is more than `max_km` from the
    /// gazetteer's own estimate. The built-in estimates come from a
    /// country's towns and are finer where towns are spread evenly, but
    /// drift towards where people live (Russia, Canada): a strong
    /// disagreement with the reference point means the estimate is the
    /// wrong one. Malformed lines are skipped.
    pub fn apply_country_points(&mut self, table: &str, max_km: f64) {
        let points = point_table(table);
        for place in &mut self.places {
            if place.feature != Feature::Country {
                continue;
            }
            if let Some(&(lat, lon)) = points.get(&*place.country)
                && distance_km(place.lat, place.lon, lat, lon) > max_km
            {
                place.lat = lat;
                place.lon = lon;
            }
        }
    }

    /// Reads a gzipped gazetteer file as written by [`crate::build`].
    pub fn from_gzip(bytes: &[u8]) -> Result<Gazetteer, Error> {
        let mut text = String::new();
        GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| Error::Corrupt {
                line: 0,
                message: format!("cannot decompress gazetteer: {e}"),
            })?;
        Gazetteer::from_tsv(&text)
    }

    /// Reads the TSV form of a gazetteer file: `#` comment lines, then one
    /// place per line: `id feature name country admin1 lat lon population
    /// alternates` (alternates separated by `;`).
    pub fn from_tsv(text: &str) -> Result<Gazetteer, Error> {
        let lines = text.lines().count();
        let mut gazetteer = Gazetteer {
            places: Vec::with_capacity(lines),
            index: HashMap::with_capacity(lines + lines / 2),
            ..Gazetteer::default()
        };
        let mut admin1_ids: HashMap<&str, u32> = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let corrupt = |message: &str| Error::Corrupt {
                line: n + 1,
                message: message.to_string(),
            };
            let mut fields = line.split('\t');
            let mut next = |what: &str| fields.next().ok_or_else(|| corrupt(what));
            let id = next("missing id")?.parse().map_err(|_| corrupt("bad id"))?;
            let feature = Feature::from_code(next("missing feature")?)
                .ok_or_else(|| corrupt("bad feature"))?;
            let name = next("missing name")?;
            let country = next("missing country")?;
            let admin1 = next("missing admin1")?;
            let lat: f64 = next("missing lat")?
                .parse()
                .map_err(|_| corrupt("bad lat"))?;
            let lon: f64 = next("missing lon")?
                .parse()
                .map_err(|_| corrupt("bad lon"))?;
            let population = next("missing population")?
                .parse()
                .map_err(|_| corrupt("bad population"))?;
            let alternates = next("missing alternates")?;
            // Optional (gazetteer v2): the number of alternate names.
            let names = fields.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let admin1 = if admin1.is_empty() {
                None
            } else {
                let fresh = gazetteer.admin1_names.len() as u32;
                let id = *admin1_ids.entry(admin1).or_insert(fresh);
                if id == fresh {
                    gazetteer.admin1_names.push(admin1.into());
                }
                Some(id)
            };
            let index = gazetteer.places.len() as u32;
            gazetteer.places.push(Place {
                id,
                name: name.into(),
                feature,
                country: country.into(),
                admin1,
                lat,
                lon,
                population,
                names,
            });
            gazetteer.add_name(name, index);
            for alternate in alternates.split(';').filter(|a| !a.is_empty()) {
                match alternate.strip_prefix('=') {
                    Some(demonym) => gazetteer.add_name(demonym, index | DEMONYM),
                    None => gazetteer.add_name(alternate, index | ALTERNATE),
                }
            }
        }
        Ok(gazetteer)
    }

    /// Adds `name` for the place `index` (with its name-kind flags).
    fn add_name(&mut self, name: &str, index: u32) {
        let key = normalize::key(name);
        if key.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(key.split(' ').count());
        let entry = self.index.entry(key.into_boxed_str()).or_default();
        if !entry.iter().any(|e| e & PLACE == index & PLACE) {
            entry.push(index);
        }
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether the gazetteer has no place.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The place at `index`.
    pub fn place(&self, index: u32) -> Option<&Place> {
        self.places.get(index as usize)
    }

    /// The first-level division of `place`, when known.
    pub fn admin1(&self, place: &Place) -> Option<&str> {
        place
            .admin1
            .and_then(|i| self.admin1_names.get(i as usize))
            .map(|s| &**s)
    }

    /// Indices of the places called `name` (any case, diacritics folded;
    /// alternate names and demonyms included).
    pub fn lookup(&self, name: &str) -> Vec<u32> {
        self.lookup_key(&normalize::key(name))
            .iter()
            .map(|e| e & PLACE)
            .collect()
    }

    /// The places with the normalised name `key`, each with its
    /// name-kind flags ([`ALTERNATE`], [`DEMONYM`]).
    pub(crate) fn lookup_key(&self, key: &str) -> &[u32] {
        self.index.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The gazetteer id of the record's `location.gazetteer_id`:
    /// `geonames:ID`, `fips:CODE` for a county, `dyad:ID` for a region of
    /// dyad's own table.
    pub fn gazetteer_id(&self, place: &Place) -> String {
        match place.feature {
            Feature::Admin2 => format!("fips:{:05}", place.id),
            Feature::Region => format!("dyad:{}", place.id),
            _ => format!("geonames:{}", place.id),
        }
    }

    /// The most words any name has.
    pub(crate) fn max_words(&self) -> usize {
        self.max_words
    }
}

/// Great-circle distance in kilometres.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// A `key lat lon` TSV table (`#` comments; malformed lines skipped).
fn point_table(table: &str) -> HashMap<&str, (f64, f64)> {
    let mut points = HashMap::new();
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split('\t');
        let (Some(key), Some(lat), Some(lon)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        if let (Ok(lat), Ok(lon)) = (lat.trim().parse::<f64>(), lon.trim().parse::<f64>()) {
            points.insert(key, (lat, lon));
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_points_replace_only_far_estimates() {
        let mut g = Gazetteer::from_tsv(
            "1\tN\tRussia\tRUS\t\t54.5\t83.75\t1\t\n2\tN\tIraq\tIRQ\t\t33.75\t44.75\t1\t\n\
             3\tC\tMoscow\tRUS\t\t55.75\t37.62\t1\t\n",
        )
        .expect("small gazetteer");
        g.apply_country_points("# c\nRUS\t60\t100\nIRQ\t33\t44\nbad line\n", 500.0);
        let at = |name: &str| {
            let p = g.place(g.lookup(name)[0]).expect("place");
            (p.lat, p.lon)
        };
        assert_eq!(at("Russia"), (60.0, 100.0));
        assert_eq!(at("Iraq"), (33.75, 44.75));
        assert_eq!(at("Moscow"), (55.75, 37.62));
        let builtin = Gazetteer::builtin();
        let p = builtin.place(builtin.lookup("Russia")[0]).expect("Russia");
        assert_eq!((p.lat, p.lon), (60.0, 100.0));
        // Walker County, Texas (FIPS 48471) at its own centre, not Texas's
        let walker = builtin
            .lookup("Walker County")
            .into_iter()
            .filter_map(|i| builtin.place(i))
            .find(|p| p.id == 48471)
            .expect("Walker County, Texas");
        assert!(distance_km(walker.lat, walker.lon, 30.74, -95.57) < 20.0);
    }

    #[test]
    fn builtin_loads() {
        let g = Gazetteer::from_gzip(BUILTIN).expect("embedded gazetteer");
        assert!(g.len() > 100_000, "{}", g.len());
        let baghdad = g
            .lookup("Baghdad")
            .iter()
            .filter_map(|&i| g.place(i))
            .find(|p| &*p.country == "IRQ" && p.feature == Feature::City)
            .expect("Baghdad");
        assert!((baghdad.lat - 33.34).abs() < 0.1);
        let iraq = g.lookup("Iraq");
        assert!(
            iraq.iter()
                .filter_map(|&i| g.place(i))
                .any(|p| p.feature == Feature::Country)
        );
        let louisiana = g
            .lookup("Louisiana")
            .iter()
            .filter_map(|&i| g.place(i))
            .find(|p| p.feature == Feature::Admin1)
            .expect("Louisiana");
        assert_eq!(g.admin1(louisiana), Some("Louisiana"));
        assert!(!g.lookup("U.S.").is_empty());
    }

    #[test]
    fn distances() {
        // Baghdad to Tehran, about 690 km.
        let d = distance_km(33.34, 44.40, 35.69, 51.42);
        assert!((d - 690.0).abs() < 20.0, "{d}");
    }
}
