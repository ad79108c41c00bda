//! Countries from context: an agent the text names without a country
//! ("protesters", "security forces") is given the country the rest of the
//! sentence, else the sentence before, is about; else it stays unknown.
//! A people without a state of its own ("Kurdish fighters") is of one of
//! its homelands instead.

use crate::event::Coded;

/// Fills the country of every actor coded as an agent of unknown country
/// (`---OPP`, `---COP`): the most frequent country among the actors its
/// sentence mentions, else the sentence before mentions (ties: the first
/// seen;
/// [`Coded::countries`], or the events' actors when that is empty). The
/// code becomes that country plus the agents (`IRQOPP`). A source that is
/// a state's agent (government, military, …) acting on a state of a known
/// country takes the most frequent *other* country there, or stays
/// unknown when there is none. A people's actor ("Kurdish fighters") takes one of its
/// homelands instead (`homeland`; its forces are rebels), and someone's
/// family ("his parents") or fighters called foreign borrow nothing. Actors with no agent (the null
/// actor `---`) are left alone.
pub fn infer_countries(coded: &mut Coded) {
    let Coded {
        events, countries, ..
    } = coded;
    let from_events: Vec<(usize, String)>;
    let known: &[(usize, String)] = if countries.is_empty() {
        from_events = events
            .iter()
            .flat_map(|e| [&e.source, &e.target].map(|a| (e.sentence_index, a.country.clone())))
            .filter_map(|(s, c)| c.map(|c| (s, c)))
            .collect();
        &from_events
    } else {
        countries
    };
    let most = |sentence: Option<usize>, not: Option<&str>| most_among(known, sentence, not, &[]);
    for e in events.iter_mut() {
        // the sentence, else the one before ("…security forces in Iraq….
        // Nearly 150 protesters were killed"); not the document's most
        // named country, which gave "police" in an Indian story a Thai
        // country: with nothing near, the country stays unknown
        let near = |not: Option<&str>| {
            most(Some(e.sentence_index), not).or_else(|| {
                e.sentence_index
                    .checked_sub(1)
                    .and_then(|before| most(Some(before), not))
            })
        };
        let sentence = near(None);
        // a state's official facing another state is not of that state
        // ("President Ronald Reagan warned Iran of American
        // countermeasures"): another country of the context, when there
        // is one, is his; with none, his stays unknown ("the home
        // secretary criticised Russia" is no Russian)
        // (`Some(None)`: the rule applies and finds no other country)
        let foreign = |actor: &crate::event::Actor, other: &crate::event::Actor| {
            let other_country = other.country.as_deref()?;
            (is_state(&actor.agents) && is_state(&other.agents)).then(|| near(Some(other_country)))
        };
        // only for the doer: a state's own forces are often its target
        // ("the U.S. moves its warships")
        let for_source = foreign(&e.source, &e.target);
        let index = e.sentence_index;
        // the state each side faces: "Turkey threatened the Kurds" are
        // Kurds of another homeland, when the text names one
        let state = |a: &crate::event::Actor| a.country.clone().filter(|_| is_state(&a.agents));
        let facing = [state(&e.target), state(&e.source)];
        let sides = [(&mut e.source, for_source), (&mut e.target, None)];
        for ((actor, preferred), facing) in sides.into_iter().zip(facing) {
            if actor.country.is_some() || actor.agents.is_empty() || !actor.code.starts_with("---")
            {
                continue;
            }
            if let Some(homelands) = people_of(&actor.text) {
                of_people(actor, homelands, known, index, facing.as_deref());
                continue;
            }
            // "his parents", "her husband": someone's family is of that
            // person's country, not of the country near; unknown here;
            // "foreign fighters" are of no country near either
            if kin(&actor.text) || called_foreign(actor) {
                continue;
            }
            let country = match &preferred {
                Some(other) => other.as_ref(),
                None => sentence.as_ref(),
            };
            if let Some(country) = country {
                actor.code = format!("{country}{}", &actor.code[3..]);
                actor.country = Some(country.clone());
            }
        }
    }
}

/// The most frequent country of `known` (sentence index, country) in
/// `sentence` (any when `None`), other than `not`, and among `among`
/// when that is not empty (a people's homelands); ties: the first seen.
fn most_among(
    known: &[(usize, String)],
    sentence: Option<usize>,
    not: Option<&str>,
    among: &[&str],
) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (s, c) in known {
        if sentence.is_some_and(|x| x != *s)
            || not == Some(c.as_str())
            || !(among.is_empty() || among.contains(&c.as_str()))
        {
            continue;
        }
        match counts.iter_mut().find(|(k, _)| k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .iter()
        .find(|(_, n)| *n == best)
        .map(|(c, _)| c.to_string())
}

/// Codes the actor of a people (its `homelands`) of sentence `index`:
/// its forces are no state's military but rebels, and its country is a
/// homeland ([`homeland`]; facing the state of one, another homeland the
/// text names, when there is one).
fn of_people(
    actor: &mut crate::event::Actor,
    homelands: &[&str],
    known: &[(usize, String)],
    index: usize,
    facing: Option<&str>,
) {
    for a in actor.agents.iter_mut().filter(|a| *a == "MIL") {
        *a = "REB".to_string();
    }
    let agents = actor.agents.concat();
    let others: Vec<&str> = homelands
        .iter()
        .copied()
        .filter(|h| Some(*h) != facing)
        .collect();
    let country =
        named_homeland(known, index, &others).or_else(|| homeland(known, index, homelands));
    actor.code = format!("{}{agents}", country.as_deref().unwrap_or("---"));
    actor.country = country;
}

/// "Kurdish fighters": a people's fighters, officials or families are of
/// one of its `homelands` — the one sentence `index`, else the sentence
/// before, else the document names most — never of whatever other
/// country is near.
fn homeland(known: &[(usize, String)], index: usize, homelands: &[&str]) -> Option<String> {
    if let [one] = homelands {
        return Some(one.to_string());
    }
    named_homeland(known, index, homelands)
}

/// The one of `homelands` that sentence `index`, else the sentence
/// before, else the document names most; `None` when it names none (or
/// there are none to choose from).
fn named_homeland(known: &[(usize, String)], index: usize, homelands: &[&str]) -> Option<String> {
    if homelands.is_empty() {
        return None;
    }
    most_among(known, Some(index), None, homelands)
        .or_else(|| {
            let before = index.checked_sub(1)?;
            most_among(known, Some(before), None, homelands)
        })
        .or_else(|| most_among(known, None, None, homelands))
}

/// Agents of a state (its government, military, legislature, judiciary,
/// intelligence), or none (the state itself).
fn is_state(agents: &[String]) -> bool {
    agents
        .iter()
        .all(|a| matches!(a.as_str(), "GOV" | "MIL" | "LEG" | "JUD" | "SPY"))
}

/// Whether an actor is called foreign ("foreign fighters", "foreign
/// troops"): of another country than the one its context names; not a
/// state's office ("the foreign minister").
fn called_foreign(actor: &crate::event::Actor) -> bool {
    !actor.agents.iter().any(|a| a == "GOV")
        && actor
            .text
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.eq_ignore_ascii_case("foreign"))
}

/// Whether a phrase names someone's family ("his parents", "their
/// son"): a possessive pronoun and a noun of kin.
fn kin(text: &str) -> bool {
    let mut words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let possessed = words
        .next()
        .is_some_and(|w| matches!(w.as_str(), "his" | "her" | "their" | "my" | "our" | "your"));
    possessed && words.any(|w| KIN.contains(&w.as_str()))
}

/// Nouns of family members.
const KIN: &[&str] = &[
    "parents",
    "parent",
    "father",
    "mother",
    "son",
    "sons",
    "daughter",
    "daughters",
    "husband",
    "wife",
    "brother",
    "brothers",
    "sister",
    "sisters",
    "family",
    "families",
    "child",
    "children",
    "relatives",
    "widow",
    "uncle",
    "cousin",
    "grandmother",
    "grandfather",
    "mum",
    "dad",
];

/// The homelands (ISO-3) of a people without a state of its own whose
/// name a phrase uses ("Kurdish fighters", "Baloch separatists",
/// "Tigrayan forces"), in the order preferred on a tie; facts, not tuned.
fn people_of(text: &str) -> Option<&'static [&'static str]> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .find_map(|w| {
            let w = w.to_lowercase();
            PEOPLES
                .iter()
                .find(|(names, _)| names.contains(&w.as_str()))
                .map(|(_, homelands)| *homelands)
        })
}

/// Peoples spread over states, or without one, by the words that name
/// them, with the states of their homelands.
const PEOPLES: &[(&[&str], &[&str])] = &[
    (&["kurdish", "kurd", "kurds"], &["TUR", "IRQ", "SYR", "IRN"]),
    (
        &["baloch", "baluch", "balochi", "baluchi"],
        &["PAK", "IRN", "AFG"],
    ),
    (&["pashtun", "pashtuns", "pathan"], &["AFG", "PAK"]),
    (&["tamil", "tamils"], &["LKA", "IND"]),
    (&["rohingya", "rohingyas"], &["MMR", "BGD"]),
    (
        &["tuareg", "tuaregs", "touareg"],
        &["MLI", "NER", "DZA", "LBY"],
    ),
    (&["druze"], &["SYR", "LBN", "ISR"]),
    (&["yazidi", "yazidis", "yezidi"], &["IRQ", "SYR"]),
    (&["hazara", "hazaras"], &["AFG", "PAK"]),
    (&["kashmiri", "kashmiris"], &["IND", "PAK"]),
    (&["uyghur", "uyghurs", "uighur", "uighurs"], &["CHN"]),
    (&["tigrayan", "tigrayans", "oromo"], &["ETH"]),
    (&["chechen", "chechens"], &["RUS"]),
    (&["abkhaz", "abkhazian"], &["GEO"]),
    (&["catalan"], &["ESP"]),
];
