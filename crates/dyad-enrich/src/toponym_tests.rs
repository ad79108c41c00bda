//! Tests of `toponym.rs`.

use std::sync::OnceLock;

use dyad_core::{BlockKind, DocumentBuilder};
use proptest::prelude::*;

use super::*;

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::builtin)
}

/// The toponyms of `text` with the places `context` resolves them to:
/// (surface, place) for those resolved.
fn resolved(text: &str, context: &ResolveContext) -> Vec<(String, &'static Place)> {
    let g = gazetteer();
    let mut builder = DocumentBuilder::new("t");
    builder.push_block(BlockKind::Body, text);
    let mut doc = builder.finish();
    dyad_text::Segmenter::new().segment(&mut doc);
    let mut toponyms = Vec::new();
    for s in &doc.sentences {
        toponyms.extend(g.find_toponyms(&doc.text, &s.tokens, &s.analysis));
    }
    let chosen = g.resolve(&toponyms, &doc.text, context);
    toponyms
        .iter()
        .zip(chosen)
        .filter_map(|(t, c)| Some((doc.text[t.span.bytes()].to_string(), g.place(c?)?)))
        .collect()
}

/// (surface, name, country, admin1) of the resolved toponyms of `text`.
fn check(text: &str) -> Vec<(String, String, String, String)> {
    let g = gazetteer();
    resolved(text, &ResolveContext::default())
        .into_iter()
        .map(|(surface, p)| {
            (
                surface,
                p.name.to_string(),
                p.country.to_string(),
                g.admin1(p).unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn recognises_and_resolves() {
    let found = check("Protesters gathered in Baghdad and Basra, Iraq, on Friday.");
    let names: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(names, ["Baghdad", "Basrah", "Iraq"]);
    assert!(found.iter().all(|f| f.2 == "IRQ"));
}

#[test]
fn city_state_pattern() {
    let found = check("Chiquita Henry, 19, of Alexandria, La., was arrested.");
    assert_eq!(found[0].1, "Alexandria");
    assert_eq!(found[0].3, "Louisiana");
    // No state: the larger Alexandria.
    let found = check("He flew to Alexandria.");
    assert_eq!(found[0].2, "EGY");
}

#[test]
fn common_words_and_names_are_not_places() {
    // "Nice", "Mobile", "Of", "Chiquita Raquel Henry", "March".
    let found = check("Nice work. Of course. Mobile phones rang in March. Raquel Henry left.");
    assert!(found.is_empty(), "{found:?}");
    // Multi-word names win over their parts.
    let found = check("They met in New York City and Sri Lanka.");
    let names: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(names, ["New York City", "Sri Lanka"]);
}

#[test]
fn document_context_disambiguates() {
    let found =
        check("Officials in Texas said Paris police made arrests. Paris is in Lamar County.");
    let paris = found.iter().find(|f| f.0 == "Paris").expect("Paris");
    assert_eq!(paris.2, "USA", "{found:?}");
}

#[test]
fn washington_is_the_capital_unless_qualified() {
    let r = check("Officials in Washington disagreed.");
    assert_eq!(r[0].3, "District of Columbia");
    let r = check("He flew from Seattle, Washington to Spokane, Washington.");
    assert!(
        r.iter().any(|t| t.0 == "Washington" && t.3 == "Washington"),
        "{r:?}"
    );
}

#[test]
fn repeated_names_do_not_support_themselves() {
    // ten mentions of Gainesville are one piece of evidence; Cooke
    // County and Lindsay put it in Texas
    let text = format!(
        "{} Police in Lindsay and Cooke County, Texas, helped.",
        "Gainesville police said Gainesville was calm. ".repeat(5)
    );
    let r = check(&text);
    let g: Vec<&(String, String, String, String)> =
        r.iter().filter(|t| t.0 == "Gainesville").collect();
    assert_eq!(g.len(), 10);
    assert!(g.iter().all(|t| t.3 == "Texas"), "{g:?}");
}

#[test]
fn demonyms_are_adjectival() {
    let g = gazetteer();
    let candidates = g.candidates_of_key("iraqi");
    assert!(!candidates.is_empty() && candidates.iter().all(|c| c.demonym));
}

/// Resolves `text` with the actors' countries `actors` as context and
/// returns (surface, name, country, admin1) as [`check`] does.
fn check_with(text: &str, actors: &[&str]) -> Vec<(String, String, String, String)> {
    let g = gazetteer();
    let mut builder = DocumentBuilder::new("t");
    builder.push_block(BlockKind::Body, text);
    let mut doc = builder.finish();
    dyad_text::Segmenter::new().segment(&mut doc);
    let context = ResolveContext {
        actor_countries: actors,
        ..ResolveContext::default()
    };
    let places = crate::DocumentPlaces::new(g, &doc, &context);
    places
        .mentions()
        .iter()
        .filter_map(|(_, t, c)| {
            let p = g.place((*c)?)?;
            Some((
                doc.text[t.span.bytes()].to_string(),
                p.name.to_string(),
                p.country.to_string(),
                g.admin1(p).unwrap_or("").to_string(),
            ))
        })
        .collect()
}

/// Issue 19: one disambiguation rule per case, each with the document's
/// evidence that decides it: (text, actors' countries, surface, country,
/// admin1 or "" when any).
const RULES: &[(&str, &[&str], &str, &str, &str)] = &[
    // A well-known namesake wins over a small US town even in a story full
    // of US places and actors (no US default) ...
    (
        "The US and Washington said the White House would respond after talks in Damascus.",
        &["USA"],
        "Damascus",
        "SYR",
        "",
    ),
    // ... and in a Syria story.
    (
        "Syrian forces shelled Idlib and Aleppo. Later, officials in Damascus denied it.",
        &["SYR"],
        "Damascus",
        "SYR",
        "",
    ),
    (
        "Talks resumed in Geneva on Syria.",
        &["USA", "SYR"],
        "Geneva",
        "CHE",
        "",
    ),
    // London, England by default; London, Ontario when Canada's places
    // say so.
    (
        "Protesters marched in London.",
        &[],
        "London",
        "GBR",
        "England",
    ),
    (
        "Police in London, Ontario, said the Toronto suspect had moved from Windsor and Kitchener.",
        &[],
        "London",
        "CAN",
        "Ontario",
    ),
    (
        "Fire crews from Kitchener and Woodstock reached London after midnight, Ontario officials said.",
        &[],
        "London",
        "CAN",
        "Ontario",
    ),
    // Georgia the country, unless the US state's places say otherwise.
    (
        "Russia sent troops into Georgia.",
        &["RUS"],
        "Georgia",
        "GEO",
        "",
    ),
    (
        "Voters in Atlanta, Savannah and Macon went to the polls across Georgia.",
        &[],
        "Georgia",
        "USA",
        "",
    ),
    // One wrong pick does not cascade: England is England.
    (
        "Fans in England cheered. In London and Manchester crowds gathered near Heathrow.",
        &[],
        "London",
        "GBR",
        "England",
    ),
    // First-level divisions and regions outside the US.
    (
        "Floods hit Queensland and Sichuan.",
        &[],
        "Queensland",
        "AUS",
        "",
    ),
    (
        "Ships were attacked in the Red Sea.",
        &[],
        "Red Sea",
        "",
        "",
    ),
    // A state the story names itself outweighs the fame of a namesake
    // abroad (issue 19, LGL); a story that names no state keeps the
    // famous one.
    (
        "Officers in Dublin arrested a man who was taken to a hospital in Ohio.",
        &[],
        "Dublin",
        "USA",
        "Ohio",
    ),
    (
        "Officers in Dublin arrested a man.",
        &[],
        "Dublin",
        "IRL",
        "",
    ),
];

/// (surface, country) of the toponyms of `text` resolved with `home` as
/// the source's home region.
fn check_home(text: &str, home: Option<&crate::SourceProfile>) -> Vec<(String, String)> {
    let context = ResolveContext {
        home,
        ..ResolveContext::default()
    };
    resolved(text, &context)
        .into_iter()
        .map(|(surface, p)| (surface, p.country.to_string()))
        .collect()
}

#[test]
fn r19_source_home_region() {
    // A source whose other stories are about towns of Texas: its "Paris"
    // is Paris, Texas; without the profile (or from a source about
    // elsewhere) Paris is Paris, France.
    let g = gazetteer();
    let readings: Vec<Vec<Option<u32>>> = [
        "Police in Tyler and Longview said the roads were closed.",
        "Schools in Sherman and Denison, Texas, reopened.",
        "A fire in Bonham and Clarksville, Texas, destroyed a barn.",
        "The council of Sulphur Springs, Texas, met.",
    ]
    .iter()
    .map(|text| {
        let mut builder = DocumentBuilder::new("t");
        builder.push_block(BlockKind::Body, text);
        let mut doc = builder.finish();
        dyad_text::Segmenter::new().segment(&mut doc);
        let toponyms: Vec<Toponym> = doc
            .sentences
            .iter()
            .flat_map(|s| g.find_toponyms(&doc.text, &s.tokens, &s.analysis))
            .collect();
        g.resolve(&toponyms, &doc.text, &ResolveContext::default())
    })
    .collect();
    let home = crate::SourceProfile::from_documents(g, &readings, None);
    let text = "The mayor of Paris announced a new budget.";
    assert_eq!(check_home(text, Some(&home))[0].1, "USA");
    assert_eq!(check_home(text, None)[0].1, "FRA");
    let skipped_all = crate::SourceProfile::from_documents(g, &readings[..1], Some(0));
    assert_eq!(check_home(text, Some(&skipped_all))[0].1, "FRA");
}

#[test]
fn r19_disambiguation_rules() {
    let mut wrong = Vec::new();
    for &(text, actors, surface, country, admin1) in RULES {
        let found = check_with(text, actors);
        let Some(f) = found.iter().find(|f| f.0 == surface) else {
            wrong.push(format!("{text:?}: {surface} not found in {found:?}"));
            continue;
        };
        if f.2 != country || (!admin1.is_empty() && f.3 != admin1) {
            wrong.push(format!(
                "{text:?}: {surface} → {f:?}, expected {country} {admin1}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}") {
        let mut builder = DocumentBuilder::new("p");
        builder.push_block(BlockKind::Body, &text);
        let mut doc = builder.finish();
        dyad_text::Segmenter::new().segment(&mut doc);
        for (i, s) in doc.sentences.iter().enumerate() {
            let found = gazetteer().find_toponyms(&doc.text, &s.tokens, &s.analysis);
            for t in &found {
                prop_assert!(doc.text.get(t.span.bytes()).is_some());
            }
            let _ = gazetteer().locate_event(&doc, i, 0, &[]);
            let input = crate::DateInput {
                text: &doc.text,
                tokens: &s.tokens,
                analysis: &s.analysis,
                verb: Some(0),
                publication: dyad_core::Date::from_ymd(2020, 2, 29),
                anchor: None,
            };
            let _ = crate::resolve_date(&input);
        }
    }

    #[test]
    fn random_words_never_panic(words in proptest::collection::vec(
        "(Oct\\.|Sept|May|Monday|last|week|ago|two|days|\\d{1,4}|,|-|in|the|early|hours|Paris|New|York|[A-Z][a-z]{0,6})", 0..12)) {
        let text = words.join(" ");
        let mut builder = DocumentBuilder::new("p");
        builder.push_block(BlockKind::Body, &text);
        let mut doc = builder.finish();
        dyad_text::Segmenter::new().segment(&mut doc);
        for s in &doc.sentences {
            let _ = gazetteer().find_toponyms(&doc.text, &s.tokens, &s.analysis);
            for publication in [dyad_core::Date::from_ymd(2020, 1, 1), dyad_core::Date::from_ymd(2024, 2, 29), None] {
                let input = crate::DateInput {
                    text: &doc.text,
                    tokens: &s.tokens,
                    analysis: &s.analysis,
                    verb: None,
                    publication,
                    anchor: None,
                };
                let _ = crate::resolve_date(&input);
            }
        }
    }
}

#[test]
fn r19_region_takes_the_country_of_the_story() {
    // A river that spans countries takes the story's main country when
    // that country is near it; with no such country it has none.
    let located = |text: &str, sentence: usize, verb: usize| {
        let mut builder = DocumentBuilder::new("t");
        builder.push_block(BlockKind::Body, text);
        let mut doc = builder.finish();
        dyad_text::Segmenter::new().segment(&mut doc);
        gazetteer().locate_event(&doc, sentence, verb, &[])
    };
    let syria = "Rebels attacked Raqqa in Syria. Fighting continued west of the Euphrates.";
    let l = located(syria, 1, 1).expect("a location");
    assert_eq!(
        (l.name.as_str(), l.country.as_deref()),
        ("Euphrates", Some("SYR"))
    );
    let l = located("Fighting continued west of the Euphrates.", 0, 1).expect("a location");
    assert_eq!(l.country, None);
}

/// (surface, country, admin1) of the toponyms of `text`, resolved alone.
fn where_is(text: &str, surface: &str) -> Option<(String, String, String)> {
    check(text)
        .into_iter()
        .find(|f| f.0 == surface)
        .map(|f| (f.1, f.2, f.3))
}

#[test]
fn a_town_and_its_county_are_read_together() {
    // Both names are ambiguous, and the larger namesakes (Huntsville,
    // Alabama; Paris, France) are far apart; the readings that lie within
    // a county's reach of each other win.
    let text = "Huntsville police arrested two men. The Walker County sheriff helped.";
    assert_eq!(
        where_is(text, "Huntsville").map(|p| p.2),
        Some("Texas".to_string())
    );
    assert_eq!(
        where_is(text, "Walker County").map(|p| p.2),
        Some("Texas".to_string())
    );
    let text = "The Paris council met on Monday. Henry County deputies attended.";
    assert_eq!(
        where_is(text, "Paris").map(|p| p.2),
        Some("Tennessee".to_string())
    );
    // Names of places far apart do not pull each other in.
    let text = "Talks in Paris followed a meeting in Berlin.";
    assert_eq!(
        where_is(text, "Paris").map(|p| p.1),
        Some("FRA".to_string())
    );
    assert_eq!(
        where_is(text, "Berlin").map(|p| p.1),
        Some("DEU".to_string())
    );
}

#[test]
fn readings_settle_one_name_at_a_time() {
    // Read all at once, the names swing between two readings (Georgia the
    // country with Atlanta, Georgia; the US state with Atlanta, Texas);
    // read in turn, Atlanta and Georgia settle together.
    let text = "ATLANTA -- Georgia lawmakers met in Atlanta. Georgia voters and Texas \
                voters differ, Atlanta officials said. Georgia will vote first.";
    let found = check(text);
    for f in found
        .iter()
        .filter(|f| f.0 == "Atlanta" || f.0 == "ATLANTA")
    {
        assert_eq!(f.3, "Georgia", "{found:?}");
    }
    for f in found.iter().filter(|f| f.0 == "Georgia") {
        assert_eq!(f.2, "USA", "{found:?}");
    }
}

#[test]
fn a_name_means_its_own_place_before_one_it_once_named() {
    // "Centerville" is an alternate name of Fremont, California (232,000
    // people); the towns called Centerville come first.
    let found = where_is("Centerville police closed the road.", "Centerville");
    assert_eq!(found.map(|p| p.0), Some("Centerville".to_string()));
}

#[test]
fn small_divisions_abroad_do_not_outweigh_towns() {
    // Berea is a district of Lesotho (85,000 people) and a Kentucky town
    // (15,000): a small first-level division gets little of the bonus of
    // states and provinces.
    let found = where_is("The Berea council met.", "Berea");
    assert_eq!(found.map(|p| p.1), Some("USA".to_string()));
    // A large one keeps it.
    let found = where_is("Floods hit Sichuan.", "Sichuan");
    assert_eq!(found.map(|p| p.1), Some("CHN".to_string()));
}

#[test]
fn abbreviated_saints_and_mounts_are_found() {
    // GeoNames spells Minnesota's capital "Saint Paul"; news writes "St.
    // Paul" (and "Mt." for "Mount").
    let found = where_is("Police in St. Paul said the roads were closed.", "St. Paul");
    assert_eq!(
        found,
        Some((
            "Saint Paul".to_string(),
            "USA".to_string(),
            "Minnesota".to_string()
        ))
    );
    let found = where_is("Tanks rolled into St. Petersburg.", "St. Petersburg");
    assert_eq!(found.map(|p| p.1), Some("RUS".to_string()));
}

#[test]
fn the_more_populous_county_of_a_name_comes_first() {
    // Cook County, Georgia, and Cook County, Illinois (Chicago): without
    // other evidence, the one with more people.
    let found = where_is("Cook County deputies closed the road.", "Cook County");
    assert_eq!(found.map(|p| p.2), Some("Illinois".to_string()));
    let g = gazetteer();
    let cook = g
        .lookup("Cook County")
        .into_iter()
        .filter_map(|i| g.place(i))
        .find(|p| g.admin1(p) == Some("Illinois"))
        .expect("Cook County, Illinois");
    assert!(cook.population > 2_000_000, "{}", cook.population);
}

#[test]
fn a_name_in_a_list_of_states_is_a_state() {
    // "Ohio" is also a county of Indiana, the state the story names most.
    let text = "Boone County officials in Indiana met colleagues from Indiana towns, \
                Illinois, Ohio, Kentucky and Michigan.";
    let found = check(text);
    let ohio = found.iter().find(|f| f.0 == "Ohio").expect("Ohio");
    assert_eq!(
        (ohio.1.as_str(), ohio.3.as_str()),
        ("Ohio", "Ohio"),
        "{found:?}"
    );
}

#[test]
fn a_name_among_countries_is_a_country() {
    // Italy, Texas, lies among the story's Texas places; Italy the
    // country is one more of the countries it names.
    let text = "The Gainesville plant in Cooke County, Texas, near Lindsay ships to \
                Vietnam and Japan. Texas farmers also sell to Italy.";
    let found = where_is(text, "Italy");
    assert_eq!(found.map(|p| p.1), Some("ITA".to_string()));
}

#[test]
fn derived_demonyms_are_found_as_adjectival_toponyms() {
    let g = gazetteer();
    let text = "Thousands of South Ossetians fled as Dagestani police watched.";
    let found = check(text);
    let names: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert!(names.contains(&"South Ossetia"), "{found:?}");
    assert!(found.iter().any(|f| f.0 == "Dagestani"), "{found:?}");
    let mut builder = DocumentBuilder::new("t");
    builder.push_block(BlockKind::Body, text);
    let mut doc = builder.finish();
    dyad_text::Segmenter::new().segment(&mut doc);
    let s = &doc.sentences[0];
    let toponyms = g.find_toponyms(&doc.text, &s.tokens, &s.analysis);
    assert!(!toponyms.is_empty() && toponyms.iter().all(Toponym::is_adjectival));
}

#[test]
fn a_village_name_alone_needs_a_place_cue() {
    // "Omar" is only the name of villages (fewer than 1,000 people): a
    // person unless a preposition or a state says it is a place.
    let names = |text: &str| -> Vec<String> { check(text).into_iter().map(|f| f.0).collect() };
    assert!(names("Officials met Omar on Monday.").is_empty());
    assert_eq!(names("Police in Omar closed the road."), ["Omar"]);
    // A town of 1,000 or more people needs no cue.
    assert_eq!(names("Officials met Shakopee leaders."), ["Shakopee"]);
}
