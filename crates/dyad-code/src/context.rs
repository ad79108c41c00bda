//! Countries from context: an agent the text names without a country
//! ("protesters", "security forces") is given the country the rest of the
//! sentence, else the sentence before, is about; else it stays unknown.

use crate::event::Coded;

/// Fills the country of every actor coded as an agent of unknown country
/// (`---OPP`, `---COP`): the most frequent country among the actors its
/// sentence mentions, else the sentence before mentions (ties: the first
/// seen;
/// [`Coded::countries`], or the events' actors when that is empty). The
/// code becomes that country plus the agents (`IRQOPP`). A source that is
/// a state's agent (government, military, …) acting on a state of a known
/// country takes the most frequent *other* country there, when there is
/// one. Actors with no agent (the null actor `---`) are left
/// alone.
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
    let most = |sentence: Option<usize>, not: Option<&str>| -> Option<String> {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for (s, c) in known {
            if sentence.is_some_and(|x| x != *s) || not == Some(c.as_str()) {
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
    };
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
        // is one, is his
        let foreign = |actor: &crate::event::Actor, other: &crate::event::Actor| {
            let other_country = other.country.as_deref()?;
            (is_state(&actor.agents) && is_state(&other.agents))
                .then(|| near(Some(other_country)))
                .flatten()
        };
        // only for the doer: a state's own forces are often its target
        // ("the U.S. moves its warships")
        let for_source = foreign(&e.source, &e.target);
        for (actor, preferred) in [(&mut e.source, for_source), (&mut e.target, None)] {
            if actor.country.is_some() || actor.agents.is_empty() || !actor.code.starts_with("---")
            {
                continue;
            }
            if let Some(country) = preferred.as_ref().or(sentence.as_ref()) {
                actor.code = format!("{country}{}", &actor.code[3..]);
                actor.country = Some(country.clone());
            }
        }
    }
}

/// Agents of a state (its government, military, legislature, judiciary,
/// intelligence), or none (the state itself).
fn is_state(agents: &[String]) -> bool {
    agents
        .iter()
        .all(|a| matches!(a.as_str(), "GOV" | "MIL" | "LEG" | "JUD" | "SPY"))
}
