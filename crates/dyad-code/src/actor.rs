//! Actor phrases: from a nominal head word to an actor code, using the
//! actor and agent dictionaries over the words of the head's phrase.

use crate::event::Actor;
use crate::labels::Rel;
use crate::tree::{Tree, Upos};
use dyad_core::{Date, Span};
use dyad_dict::{AgentPlacement, Dictionaries, Provenance};

/// A resolved actor, before it is copied into an [`Actor`].
#[derive(Clone, Debug)]
pub(crate) struct Resolved {
    pub code: String,
    pub entity: Option<String>,
    pub dictionary: Option<Provenance>,
    pub agent_dictionary: Vec<Provenance>,
    /// First and last word of the phrase.
    pub first: usize,
    pub last: usize,
    pub head: usize,
    /// The null actor `---` standing for a missing source or target
    /// (no text; an empty span at the verb, word `head`).
    pub null: bool,
    /// An actor or agent phrase covers the head word itself ("the
    /// militia", "Iran"), not only a modifier ("Soleimani's visit").
    pub at_head: bool,
    /// The actor entry that matched has dated codes (a person, an office,
    /// a group whose code changed): what "he" or "she" may refer to.
    pub dated: bool,
    /// The actor came from an earlier mention of the document's entity
    /// table ("Javid" after "Sajid Javid, the home secretary"): that
    /// mention's sentence index and words, as written.
    pub linked: Option<(usize, String)>,
}

/// Prefixes of actor codes that are not countries.
const NON_COUNTRY: [&str; 8] = ["---", "IGO", "NGO", "IMG", "MNC", "NGM", "UAF", "UIS"];

impl Resolved {
    /// The null actor at verb `verb`.
    pub fn null(verb: usize) -> Resolved {
        Resolved {
            code: "---".to_string(),
            entity: None,
            dictionary: None,
            agent_dictionary: Vec::new(),
            first: verb,
            last: verb,
            head: verb,
            null: true,
            at_head: false,
            dated: false,
            linked: None,
        }
    }

    pub fn to_actor(&self, tree: &Tree, text: &str) -> Actor {
        let mut span = phrase_span(tree, self.first, self.last);
        if self.null {
            span.byte_end = span.byte_start;
            span.char_end = span.char_start;
        }
        let phrase = text.get(span.bytes()).unwrap_or("").to_string();
        let (country, agents) = split_code(&self.code);
        Actor {
            text: phrase,
            span,
            code: self.code.clone(),
            country,
            agents,
            entity: self.entity.clone(),
            dictionary: self.dictionary.clone(),
            agent_dictionary: self.agent_dictionary.clone(),
            head: self.head,
        }
    }
}

/// Splits `IRQGOV` into `Some("IRQ")` and `["GOV"]`.
pub(crate) fn split_code(code: &str) -> (Option<String>, Vec<String>) {
    let prefix = code.get(..3).unwrap_or("");
    let is_country = prefix.len() == 3
        && prefix.bytes().all(|b| b.is_ascii_uppercase())
        && !NON_COUNTRY.contains(&prefix);
    let rest = if prefix.len() == 3 && (is_country || prefix == "---") {
        code.get(3..).unwrap_or("")
    } else {
        ""
    };
    let agents = rest
        .as_bytes()
        .chunks(3)
        .filter(|c| c.len() == 3 && c.iter().all(u8::is_ascii_alphabetic))
        .filter_map(|c| std::str::from_utf8(c).ok().map(str::to_string))
        .collect();
    (is_country.then(|| prefix.to_string()), agents)
}

pub(crate) fn phrase_span(tree: &Tree, first: usize, last: usize) -> Span {
    match (tree.nodes.get(first), tree.nodes.get(last)) {
        (Some(a), Some(b)) => a.span.cover(&b.span),
        (Some(a), None) => a.span,
        _ => Span::default(),
    }
}

/// Whether a word with this relation belongs to its head's core phrase.
fn is_core(tree: &Tree, child: usize) -> bool {
    match tree.nodes[child].rel {
        Rel::Compound | Rel::Amod | Rel::Flat | Rel::Fixed | Rel::Det | Rel::Poss | Rel::Nummod => {
            true
        }
        Rel::Nmod => tree.case_of(child) == Some("OF"),
        Rel::Case => tree.nodes[child].word == "OF",
        _ => false,
    }
}

/// The nominal head of the phrase word `i` belongs to.
pub(crate) fn phrase_head(tree: &Tree, mut i: usize) -> usize {
    for _ in 0..tree.len() {
        match tree.nodes[i].head {
            Some(h) if is_core(tree, i) && !(tree.nodes[i].rel == Rel::Nmod) => i = h,
            _ => break,
        }
    }
    i
}

/// An actor dictionary match over words `first..=last` of a phrase.
type Match<'d> = (usize, usize, dyad_dict::ActorMatch<'d>);

/// What the dictionaries find in a phrase's words.
struct Found<'d> {
    /// The actor: the first match, or the first covering the head.
    actor: Option<Match<'d>>,
    /// The first actor named by a possessor ("Ithilen's minister
    /// Calimehtar").
    possessor: Option<Match<'d>>,
    /// The agents, in order.
    agents: Vec<&'d dyad_dict::AgentEntry>,
    /// An agent covers the head word.
    agent_at_head: bool,
}

/// Resolves the phrase headed by `head`; `words` and `phrase` are scratch.
pub(crate) fn resolve(
    dicts: &Dictionaries,
    tree: &Tree,
    head: usize,
    date: Option<Date>,
    phrase: &mut Vec<usize>,
) -> Option<Resolved> {
    let node = tree.nodes.get(head)?;
    if node.relative {
        return None;
    }
    phrase.clear();
    tree.subtree_into(head, phrase, &|c| !is_core(tree, c));
    own_words(tree, phrase, head);
    let mut found = scan(dicts, tree, head, phrase);
    // "Ithilen's minister Calimehtar": whose minister the possessor says,
    // over the country the name's own entry gives
    let country =
        |m: &dyad_dict::ActorMatch<'_>| m.entry.code_on(date).and_then(|c| split_code(&c.code).0);
    if let (Some(p), Some((a, b, m))) = (found.possessor.take(), &found.actor)
        && !found.agents.is_empty()
        && *a <= head
        && head <= *b
        && country(&p.2).is_some()
        && country(&p.2) != country(m)
    {
        found.actor = Some(p);
    }
    if found.actor.is_none() {
        found.actor = split_name(dicts, tree, head);
    }
    if found.actor.is_none() {
        // an apposition may name the actor ("the envoy, Frodo", "Supreme
        // Leader Ayatollah Ali Khamenei"); over agents alone only when it
        // names a country's actor
        if let Some(mut r) = apposed(dicts, tree, head, date, found.agents.is_empty()) {
            r.head = head;
            r.first = r.first.min(first_of(phrase, head));
            return Some(r);
        }
        if found.agents.is_empty() {
            return None;
        }
    }
    let borrowed = match found.actor {
        Some(_) => None,
        None => borrowed_country(dicts, tree, head, date),
    };
    Some(assemble(tree, head, date, phrase, found, borrowed))
}

/// Looks the phrase's words up: actors (longest match first) and agents.
fn scan<'d>(dicts: &'d Dictionaries, tree: &Tree, head: usize, phrase: &[usize]) -> Found<'d> {
    let mut words: Vec<&str> = Vec::with_capacity(phrase.len());
    let mut index: Vec<usize> = Vec::with_capacity(phrase.len());
    for &i in phrase {
        let n = &tree.nodes[i];
        if n.rel == Rel::Case && n.word != "OF" || n.word == "'S" || n.word == "'" {
            continue;
        }
        words.push(&n.word);
        index.push(i);
    }
    let mut found = Found {
        actor: None,
        possessor: None,
        agents: Vec::new(),
        agent_at_head: false,
    };
    let mut i = 0;
    while i < words.len() {
        let rest = &words[i..];
        if let Some(m) = dicts.actors.longest_match(rest) {
            let (a, b) = (index[i], index[i + m.len - 1]);
            let covers_head = a <= head && head <= b;
            let better = match &found.actor {
                None => true,
                Some((pa, pb, _)) => covers_head && !(*pa <= head && head <= *pb),
            };
            if found.possessor.is_none() && b < head && via_possessor(tree, a, head) {
                found.possessor = Some((a, b, m));
            }
            if better {
                found.actor = Some((a, b, m));
            }
            i += m.len.max(1);
        } else if let Some(m) = dicts.agents.longest_match(rest) {
            found.agent_at_head |= index[i] <= head && head <= index[i + m.len.max(1) - 1];
            found.agents.push(m.entry);
            i += m.len.max(1);
        } else {
            i += 1;
        }
    }
    found
}

/// "São Tomé and Príncipe", "Trinidad and Tobago": a name whose own
/// words the parser split into conjuncts of proper noun `head`.
fn split_name<'d>(dicts: &'d Dictionaries, tree: &Tree, head: usize) -> Option<Match<'d>> {
    if tree.nodes[head].upos != Upos::Propn {
        return None;
    }
    let &c = tree
        .children(head)
        .iter()
        .find(|&&c| tree.nodes[c].rel == Rel::Conj && tree.nodes[c].upos == Upos::Propn)?;
    let mut span = Vec::new();
    tree.subtree_into(head, &mut span, &|g| {
        !(is_core(tree, g) || g == c || tree.nodes[g].rel == Rel::Cc)
    });
    let words: Vec<&str> = span.iter().map(|&i| tree.nodes[i].word.as_str()).collect();
    let m = dicts.actors.longest_match(&words)?;
    let &last = span.get(m.len.saturating_sub(1))?;
    (last >= c).then(|| (span[0], last, m))
}

/// The actor an apposition of `head` names; when the phrase has agents
/// (`no_agents` false), only a country's actor.
fn apposed(
    dicts: &Dictionaries,
    tree: &Tree,
    head: usize,
    date: Option<Date>,
    no_agents: bool,
) -> Option<Resolved> {
    // the apposition may hang from the name's last word ("Diane Abbott,
    // the shadow home secretary": `flat` Abbott → `appos` secretary)
    let name_parts = tree
        .children(head)
        .iter()
        .copied()
        .filter(|&c| tree.nodes[c].rel == Rel::Flat);
    let apposed: Vec<usize> = std::iter::once(head)
        .chain(name_parts)
        .flat_map(|h| tree.children(h).iter().copied())
        .collect();
    for c in apposed {
        if tree.nodes[c].rel == Rel::Appos {
            let mut scratch = Vec::new();
            if let Some(r) = resolve(dicts, tree, c, date, &mut scratch)
                && (no_agents || !r.code.starts_with("---"))
            {
                return Some(r);
            }
        }
    }
    None
}

/// The country an agent-only phrase headed by `head` borrows: from a
/// prepositional modifier ("soldiers from Gondor", "activists in Arnor"),
/// from whom it is loyal to ("forces loyal to Aragorn") or led by ("a
/// Gondor-led coalition"), or for a
/// conjunct from the first conjunct's country adjective ("Danish media and
/// government").
fn borrowed_country(
    dicts: &Dictionaries,
    tree: &Tree,
    head: usize,
    date: Option<Date>,
) -> Option<Resolved> {
    for &c in tree.children(head) {
        if tree.nodes[c].rel == Rel::Nmod
            && matches!(tree.case_of(c), Some("FROM" | "IN" | "OF" | "AT"))
        {
            let mut scratch = Vec::new();
            if let Some(r) = resolve(dicts, tree, c, date, &mut scratch)
                && !r.code.starts_with("---")
            {
                return Some(r);
            }
        }
    }
    // "forces loyal to Assad": whom they are loyal to gives the country
    // (the to-phrase parsed on "loyal" or on the noun; "loyal" right
    // after the noun wherever the parser hung it)
    let loyal = tree
        .children(head)
        .iter()
        .copied()
        .find(|&c| tree.nodes[c].rel == Rel::Amod && tree.nodes[c].lemma == "LOYAL")
        .or_else(|| {
            (head + 1 < tree.len() && tree.nodes[head + 1].lemma == "LOYAL").then_some(head + 1)
        });
    if let Some(l) = loyal {
        for &t in tree.children(l).iter().chain(tree.children(head)) {
            let mut scratch = Vec::new();
            if t > l
                && tree.case_of(t) == Some("TO")
                && let Some(r) = resolve(dicts, tree, t, date, &mut scratch)
                && split_code(&r.code).0.is_some()
            {
                return Some(r);
            }
        }
    }
    if let Some(r) = partisan_of(dicts, tree, head, date) {
        return Some(r);
    }
    // "a US-led coalition", "Saudi-led forces": whoever leads them
    let led = tree
        .children(head)
        .iter()
        .copied()
        .find(|&c| tree.nodes[c].rel == Rel::Amod && tree.nodes[c].lemma == "LEAD" && c < head);
    for &c in led.map(|l| tree.children(l)).unwrap_or_default() {
        let mut scratch = Vec::new();
        if c < head
            && let Some(r) = resolve(dicts, tree, c, date, &mut scratch)
            && split_code(&r.code).0.is_some()
        {
            return Some(r);
        }
    }
    let node = &tree.nodes[head];
    if node.rel != Rel::Conj {
        return None;
    }
    let h = node.head?;
    for &c in tree.children(h) {
        if c < h && matches!(tree.nodes[c].rel, Rel::Amod | Rel::Compound) {
            let mut scratch = Vec::new();
            if let Some(r) = resolve(dicts, tree, c, date, &mut scratch)
                && split_code(&r.code).0.is_some()
            {
                return Some(r);
            }
        }
    }
    None
}

/// The country of a side for or against a ruler: "pro-Assad forces",
/// "anti-Maduro protesters" are of the ruler's country. Only a modifier
/// naming an actor with an agent (a leader, a government) counts: who is
/// for or against a country need not be of it ("pro-Russian
/// separatists", "anti-American protests").
fn partisan_of(
    dicts: &Dictionaries,
    tree: &Tree,
    head: usize,
    date: Option<Date>,
) -> Option<Resolved> {
    tree.children(head).iter().copied().find_map(|c| {
        let node = &tree.nodes[c];
        if c > head || !matches!(node.rel, Rel::Amod | Rel::Compound) {
            return None;
        }
        let side = ["PRO-", "ANTI-"]
            .iter()
            .find_map(|p| node.word.strip_prefix(p))?;
        let m = dicts.actors.longest_match(&[side])?;
        let code = m.entry.code_on(date)?;
        let (country, agents) = split_code(&code.code);
        let country = country.filter(|_| !agents.is_empty())?;
        let mut r = Resolved::null(c);
        r.code = country;
        r.dictionary = Some(code.provenance.clone());
        r.null = false;
        Some(r)
    })
}

/// The resolved actor of the phrase `phrase` headed by `head` from what
/// the dictionaries found and a `borrowed` country actor.
fn assemble(
    tree: &Tree,
    head: usize,
    date: Option<Date>,
    phrase: &[usize],
    found: Found<'_>,
    borrowed: Option<Resolved>,
) -> Resolved {
    let actor = &found.actor;
    let (mut code, entity, dictionary) = match (actor, borrowed) {
        (None, Some(r)) => (r.code, r.entity, r.dictionary),
        (Some(_), _) | (None, None) => match actor {
            Some((a, b, m)) => match m.entry.code_on(date) {
                Some(c) => (
                    side_or_people(tree, head, (*a, *b), &c.code),
                    m.entry.primary().map(|p| p.text().to_string()),
                    Some(c.provenance.clone()),
                ),
                None => ("---".to_string(), None, Some(m.provenance.clone())),
            },
            None => ("---".to_string(), None, None),
        },
    };
    let mut agent_dictionary = Vec::new();
    for agent in found.agents {
        let a = &*agent.code;
        if code.get(3..).is_some_and(|rest| rest.contains(a)) {
            continue;
        }
        match agent.placement {
            AgentPlacement::After => code.push_str(a),
            AgentPlacement::Before => code.insert_str(0, a),
        }
        agent_dictionary.push(agent.provenance.clone());
    }
    Resolved {
        code,
        entity,
        dictionary,
        agent_dictionary,
        first: first_of(phrase, head),
        last: phrase.last().copied().unwrap_or(head),
        head,
        null: false,
        // (an entry covering the head names it, even when it begins
        // with a possessor: "Turkey's foreign minister" is the minister)
        at_head: found.agent_at_head
            || actor.as_ref().is_some_and(|(a, b, _)| {
                !under_modifier(tree, *a, head) || (*a <= head && head <= *b)
            }),
        dated: actor
            .as_ref()
            .is_some_and(|(a, b, m)| *a <= head && head <= *b && !m.entry.restrictions.is_empty()),
        linked: None,
    }
}

/// The code of an entry matched on `a..=b` for the phrase headed by
/// `head`: a country's people ("four Americans", XXXCVL) are the country
/// itself as a side when the phrase is "the" and the plural demonym,
/// counted by no number ("the Americans said", "the conquering Turks";
/// "the Briton" is one person).
fn side_or_people(tree: &Tree, head: usize, (a, b): (usize, usize), code: &str) -> String {
    let people = code.len() == 6 && code.ends_with("CVL") && a == head && b == head;
    let side = people
        && tree.nodes[head].word.ends_with('S')
        && tree
            .children(head)
            .iter()
            .any(|&c| tree.nodes[c].word == "THE")
        && !tree
            .children(head)
            .iter()
            .any(|&c| tree.nodes[c].rel == Rel::Nummod);
    match code.get(..3) {
        Some(country) if side => country.to_string(),
        _ => code.to_string(),
    }
}

/// Day names, which are no actors.
const WEEKDAYS: [&str; 7] = [
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];

/// PETRARCH's new actors: the noun phrase headed by `head`, when it has
/// at most `max` words, as an actor coded with its words in quotes
/// (`"THE MINISTRY OF MAGIC"`); `phrase` is scratch. `max` 0 gives none.
pub(crate) fn new_actor(
    dicts: &Dictionaries,
    tree: &Tree,
    head: usize,
    date: Option<Date>,
    max: usize,
    phrase: &mut Vec<usize>,
) -> Option<Resolved> {
    let node = tree.nodes.get(head)?;
    // a clause's own argument, not a word inside another noun phrase
    // ("Magic" of "the Ministry of Magic") or a time ("on Wednesday")
    if max == 0
        || node.relative
        || !matches!(node.upos, Upos::Noun | Upos::Propn)
        || matches!(
            node.rel,
            Rel::Nmod | Rel::Poss | Rel::Compound | Rel::Flat | Rel::Appos | Rel::Tmod | Rel::Conj
        )
        || WEEKDAYS.contains(&node.word.as_str())
    {
        return None;
    }
    // no new actor where the phrase, modifiers and all, names a known one
    // ("the dispute with Osgiliath")
    phrase.clear();
    tree.subtree_into(head, phrase, &|_| false);
    let mut scratch = Vec::new();
    if phrase
        .iter()
        .any(|&i| i != head && resolve(dicts, tree, i, date, &mut scratch).is_some())
    {
        return None;
    }
    // the phrase with an apposed name right after it ("head Minerva
    // McGonagall")
    phrase.clear();
    tree.subtree_into(head, phrase, &|c| {
        !(is_core(tree, c)
            || tree.nodes[c].rel == Rel::Appos
                && (head + 1..c).all(|k| tree.nodes[k].upos != Upos::Punct))
    });
    own_words(tree, phrase, head);
    let words: Vec<&str> = phrase
        .iter()
        .map(|&i| &tree.nodes[i])
        .filter(|n| n.upos != Upos::Punct && n.word != "'S" && n.word != "'")
        .map(|n| n.word.as_str())
        .collect();
    if words.is_empty() || words.len() > max {
        return None;
    }
    Some(Resolved {
        code: format!("\"{}\"", words.join(" ")),
        entity: None,
        dictionary: None,
        agent_dictionary: Vec::new(),
        first: first_of(phrase, head),
        last: phrase.last().copied().unwrap_or(head),
        head,
        null: false,
        at_head: true,
        dated: false,
        linked: None,
    })
}

/// Whether word `i` hangs from `head` through a possessor ("Ithilen" in
/// "Ithilen's minister Calimehtar").
fn via_possessor(tree: &Tree, i: usize, head: usize) -> bool {
    hangs_through(tree, i, head, &[Rel::Poss])
}

/// Whether word `i` hangs from `head` through a possessive or
/// prepositional modifier ("Soleimani" in "Soleimani's visit").
fn under_modifier(tree: &Tree, i: usize, head: usize) -> bool {
    hangs_through(tree, i, head, &[Rel::Poss, Rel::Nmod])
}

/// Whether the walk up from word `i` to `head` passes a word attached by
/// one of `rels` (`i` included, `head` not).
fn hangs_through(tree: &Tree, mut i: usize, head: usize, rels: &[Rel]) -> bool {
    for _ in 0..tree.len() {
        if i == head {
            return false;
        }
        if rels.contains(&tree.nodes[i].rel) {
            return true;
        }
        match tree.nodes[i].head {
            Some(h) => i = h,
            None => return false,
        }
    }
    false
}

/// The phrase's first word, past the preposition that marks the phrase
/// itself ("instances of [thugs]").
fn first_of(phrase: &[usize], head: usize) -> usize {
    phrase.first().copied().unwrap_or(head)
}

/// `phrase` (a subtree in word order) without the case marker of its own
/// head: "of thugs" is the phrase "thugs".
fn own_words(tree: &Tree, phrase: &mut Vec<usize>, head: usize) {
    phrase.retain(|&i| !(tree.nodes[i].rel == Rel::Case && tree.nodes[i].head == Some(head)));
}
