//! Countries from context: an agent the text names without a country
//! ("protesters", "security forces") is given the country the rest of the
//! sentence, else the sentence before, is about; else it stays unknown.

use crate::event::Coded;

/// Fills the country of every actor coded as an agent of unknown country
/// (`---OPP`, `---COP`): the most frequent country among the actors its
/// sentence mentions, else the sentence before mentions (ties: the first
/// seen;
/// [`Coded::countries`], or the events' actors when that is empty). The
/// code becomes that country plus the agents (`IRQOPP`). Actors with no
/// agent (the null actor `---`) are left alone.
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
    let most = |sentence: Option<usize>| -> Option<String> {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for (s, c) in known {
            if sentence.is_some_and(|x| x != *s) {
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
        let sentence = most(Some(e.sentence_index)).or_else(|| {
            e.sentence_index
                .checked_sub(1)
                .and_then(|before| most(Some(before)))
        });
        for actor in [&mut e.source, &mut e.target] {
            if actor.country.is_some() || actor.agents.is_empty() || !actor.code.starts_with("---")
            {
                continue;
            }
            if let Some(country) = sentence.as_ref() {
                actor.code = format!("{country}{}", &actor.code[3..]);
                actor.country = Some(country.clone());
            }
        }
    }
}
