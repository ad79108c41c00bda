//! Actor phrases per sentence (cached) and coreference: personal pronouns
//! take the latest actor mention of their kind, relative pronouns the noun
//! their clause modifies.

use super::attribution::SPEECH;
use super::{Coder, Scratch, persons};
use crate::actor::{Resolved, new_actor, phrase_head, resolve};
use crate::labels::Rel;
use crate::tree::{Tree, Upos};
use dyad_core::Date;

/// What a pronoun can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// "he", "she": a named person or a person's title.
    Person,
    /// "it": a country, an organisation, a singular group noun.
    Thing,
    /// "they": a plural noun phrase.
    Plural,
}

/// An actor mention a later pronoun may refer to.
#[derive(Clone, Debug)]
pub(super) struct Mention {
    pub(super) sentence: usize,
    pub(super) word: usize,
    pub(super) kind: Kind,
    pub(super) actor: Resolved,
    /// The mention's words as the tree has them, for `--explain`.
    pub(super) name: String,
    /// The mention is its clause's subject.
    pub(super) subject: bool,
    /// The person's sex, when a word of the phrase says it ("the US
    /// woman", "the king"): `Some(true)` female.
    pub(super) female: Option<bool>,
    /// The phrase opens with "a" or "an" ("a second Briton").
    pub(super) indefinite: bool,
}

/// How far back (in sentences) a subject pronoun prefers an earlier
/// subject to a later mention (0: its own sentence).
const SUBJECT_REACH: usize = 1;

/// How far back (in sentences) a pronoun looks for its antecedent.
pub(super) const PRONOUN_REACH: usize = 2;

/// How far back (in sentences) a definite description ("the government",
/// "the militants", "the group") looks for the actor it names again.
pub(super) const DESCRIPTION_REACH: usize = 4;

/// Head nouns of a description of an organisation that no agent entry
/// covers ("the group", "the jihadist group"): what an armed group's
/// later mentions are called.
const GROUP_NOUNS: &[&str] = &[
    "GROUP",
    "ORGANISATION",
    "ORGANIZATION",
    "MOVEMENT",
    "NETWORK",
];

/// Singular nouns naming a person by office or role ("the minister …
/// he said").
pub(super) const PERSON_NOUNS: &[&str] = &[
    "PRESIDENT",
    "MINISTER",
    "PREMIER",
    "CHANCELLOR",
    "LEADER",
    "SPOKESMAN",
    "SPOKESWOMAN",
    "SPOKESPERSON",
    "COMMANDER",
    "GENERAL",
    "AMBASSADOR",
    "ENVOY",
    "OFFICIAL",
    "DIPLOMAT",
    "SECRETARY",
    "KING",
    "QUEEN",
    "PRINCE",
    "EMIR",
    "SULTAN",
    "GOVERNOR",
    "MAYOR",
    "SENATOR",
    "LAWMAKER",
    "JUDGE",
    "CHIEF",
    "OFFICER",
    "CLERIC",
    "AYATOLLAH",
    "ANALYST",
];

pub(super) const NOT_DONE: u32 = u32::MAX;

pub(super) const NONE: u32 = u32::MAX - 1;

impl Coder {
    /// Records the sentence's actor mentions (nominal phrase heads that
    /// are not pronouns) for later pronouns, and forgets those out of reach.
    pub(super) fn note_mentions(&self, s: &mut Scratch, date: Option<Date>) {
        let sentence = s.sentence;
        s.mentions
            .retain(|m| m.sentence + PRONOUN_REACH.max(DESCRIPTION_REACH) >= sentence);
        s.unknown_people
            .retain(|&(k, _)| k + PRONOUN_REACH >= sentence);
        for i in 0..s.tree.len() {
            let node = &s.tree.nodes[i];
            // (a possessor is a mention too: "Trump's announcement that
            // he was pulling troops out")
            let possessor = node.rel == Rel::Poss && node.upos == Upos::Propn;
            if !matches!(node.upos, Upos::Noun | Upos::Propn)
                || (phrase_head(&s.tree, i) != i && !possessor)
            {
                continue;
            }
            let found = self.actor(s, i, date).or_else(|| {
                let r = persons::lede_person(s, i)?;
                s.resolved.push(r);
                s.cache[i] = (s.resolved.len() - 1) as u32;
                Some(s.resolved.len() - 1)
            });
            let Some(r) = found else {
                if persons::unknown_person(&s.tree, i) {
                    s.unknown_people.push((sentence, i));
                    // (a subject named in full: the one a description
                    // opening the next sentence may be about)
                    if persons::full_name(&s.tree, i) && s.tree.nodes[i].rel == Rel::Nsubj {
                        s.named_unknown = Some((sentence, i, persons::name_words(&s.tree, i)));
                    }
                }
                continue;
            };
            let described = persons::note_described(s, i, r);
            if !s.resolved[r].at_head && !described {
                // "Soleimani's visit" is not what "it" refers to
                continue;
            }
            let (mut kind, female) = persons::mention_kind(s, i, r);
            if described {
                kind = Kind::Person;
            }
            let node = &s.tree.nodes[i];
            let actor = &s.resolved[r];
            let name = (actor.first..=actor.last)
                .filter_map(|w| s.tree.nodes.get(w).map(|n| n.word.as_str()))
                .collect::<Vec<_>>()
                .join(" ");
            let subject = matches!(node.rel, Rel::Nsubj | Rel::NsubjPass);
            let indefinite = s.tree.children(i).iter().any(|&c| {
                s.tree.nodes[c].rel == Rel::Det
                    && matches!(s.tree.nodes[c].word.as_str(), "A" | "AN")
            });
            s.mentions.push(Mention {
                sentence,
                word: i,
                kind,
                actor: actor.clone(),
                name,
                subject,
                female,
                indefinite,
            });
        }
    }

    /// The actor a personal pronoun at `i` refers to: the latest mention
    /// of its kind before it, in this sentence or the two before.
    pub(super) fn antecedent(s: &Scratch, i: usize) -> Option<Resolved> {
        let node = &s.tree.nodes[i];
        if node.upos != Upos::Pron
            || !matches!(
                node.rel,
                Rel::Nsubj
                    | Rel::NsubjPass
                    | Rel::Obj
                    | Rel::Iobj
                    | Rel::Obl
                    | Rel::Agent
                    | Rel::Poss
            )
        {
            return None;
        }
        let kind = match node.word.as_str() {
            "HE" | "HIM" | "SHE" | "HIS" | "HER" => Kind::Person,
            "IT" | "ITS" => Kind::Thing,
            "THEY" | "THEM" | "THEIR" => Kind::Plural,
            "I" | "ME" | "MY" | "WE" | "US" | "OUR" => return speaker(s, i),
            _ => return None,
        };
        // "thugs attacking them": an object pronoun is not its own
        // clause's subject (of an adjectival clause, the noun it modifies)
        let clause_subject = match node.rel {
            Rel::Obj | Rel::Iobj | Rel::Obl => node
                .head
                .and_then(|h| s.tree.child(h, Rel::Nsubj).or_else(|| s.tree.nodes[h].head)),
            _ => None,
        };
        // "she" is no man the text calls one
        let female = match node.word.as_str() {
            "SHE" | "HER" => Some(true),
            "HE" | "HIM" | "HIS" => Some(false),
            _ => None,
        };
        let candidate = |m: &&Mention| {
            m.kind == kind
                && !(female.is_some() && m.female.is_some() && female != m.female)
                && m.sentence + PRONOUN_REACH >= s.sentence
                && (m.sentence < s.sentence || m.word < i)
                && !m.actor.null
                && !(m.sentence == s.sentence && Some(m.word) == clause_subject)
        };
        // "Turkish troops carved out an enclave west of the Euphrates
        // that they continue to occupy": a subject pronoun is the
        // sentence's earlier subject of its kind, over later objects
        let subject_pronoun = matches!(node.rel, Rel::Nsubj | Rel::NsubjPass);
        let m = s
            .mentions
            .iter()
            .rev()
            .filter(candidate)
            .find(|m| subject_pronoun && m.subject && m.sentence + SUBJECT_REACH >= s.sentence)
            .or_else(|| s.mentions.iter().rev().find(candidate))?;
        // "Letts … told ITV News he did not": a person no dictionary
        // knows, named after the candidate, is more likely meant
        let unknown_after = s
            .unknown_people
            .iter()
            .any(|&(k, w)| (k, w) > (m.sentence, m.word) && (k < s.sentence || w < i));
        if kind == Kind::Person && unknown_after {
            return None;
        }
        let mut r = m.actor.clone();
        (r.first, r.last, r.head) = (i, i, i);
        Some(r)
    }

    /// The resolved actor headed by `head`, cached per sentence.
    pub(super) fn actor(&self, s: &mut Scratch, head: usize, date: Option<Date>) -> Option<usize> {
        match s.cache.get(head).copied() {
            Some(NONE) | None => None,
            Some(NOT_DONE) => {
                // "the Islamic State, which the militia clashed with": a
                // relative pronoun is the noun its clause modifies
                if let Some(noun) = relative_antecedent(&s.tree, head) {
                    s.cache[head] = NONE;
                    let r = self.actor(s, noun, date)?;
                    let mut copy = s.resolved[r].clone();
                    (copy.first, copy.last, copy.head) = (head, head, head);
                    s.resolved.push(copy);
                    let i = s.resolved.len() - 1;
                    s.cache[head] = i as u32;
                    return Some(i);
                }
                let found = resolve(&self.dicts, &s.tree, head, date, &mut s.phrase)
                    .map(|r| self.described(s, head, r));
                // "Bishop told News Corp" after "the foreign minister, Julie
                // Bishop": a name the document introduced is that actor, not
                // the agent its word also spells
                let found = match found {
                    Some(r)
                        if r.code.starts_with("---") && s.tree.nodes[head].upos == Upos::Propn =>
                    {
                        linked(s, head).or(Some(r))
                    }
                    found => found,
                };
                let found = found.map(|r| self.possessed(s, head, r, date));
                let found = found
                    .or_else(|| Self::antecedent(s, head))
                    .or_else(|| linked(s, head))
                    .or_else(|| {
                        let group = GROUP_NOUNS.contains(&s.tree.nodes[head].word.as_str());
                        group
                            .then(|| self.described(s, head, Resolved::null(head)))
                            .filter(|r| !r.null)
                    })
                    .or_else(|| {
                        new_actor(
                            &self.dicts,
                            &s.tree,
                            head,
                            date,
                            s.new_actor_length,
                            &mut s.phrase,
                        )
                    });
                match found {
                    Some(r) => {
                        s.resolved.push(r);
                        let i = s.resolved.len() - 1;
                        s.cache[head] = i as u32;
                        Some(i)
                    }
                    None => {
                        s.cache[head] = NONE;
                        None
                    }
                }
            }
            Some(i) => Some(i as usize),
        }
    }
}

impl Coder {
    /// "his closest advisers", "the group's fighters": an agent of
    /// unknown country whose possessor the document links to an actor (a
    /// pronoun's antecedent, a description's actor) is that actor's
    /// (its country's, or the group's: `IMGMUSISIINS`).
    fn possessed(
        &self,
        s: &mut Scratch,
        head: usize,
        mut r: Resolved,
        date: Option<Date>,
    ) -> Resolved {
        if !r.code.starts_with("---") || r.null || r.code.len() == 3 {
            return r;
        }
        let Some(p) = s.tree.child(head, Rel::Poss) else {
            return r;
        };
        let owner = if s.tree.nodes[p].upos == Upos::Pron {
            Self::antecedent(s, p)
        } else {
            self.actor(s, p, date).map(|i| s.resolved[i].clone())
        };
        let owner = owner.filter(|o| !o.null && !o.code.starts_with("---"));
        if let Some(o) = owner {
            // (a group's own code, without the agents its phrase added)
            let own = o.code.len().saturating_sub(3 * o.agent_dictionary.len());
            let own = o.code.get(..own).unwrap_or(&o.code).to_string();
            let (country, agents) = crate::actor::split_code(&o.code);
            // "the group's leader": a non-state group's leader or
            // spokesman is the group, not a government
            let armed = country.is_none()
                || agents
                    .iter()
                    .any(|a| matches!(a.as_str(), "REB" | "INS" | "OPP"));
            let office = r.code[3..] == *"GOV";
            r.code = match country {
                _ if armed && office => own,
                Some(country) if !armed => format!("{country}{}", &r.code[3..]),
                _ => format!("{own}{}", &r.code[3..]),
            };
        }
        r
    }

    /// "The government", "the militants", "the regime", "the group": a
    /// definite description of an organisation with no country of its
    /// own names again the latest actor of its kind the document
    /// mentioned within [`DESCRIPTION_REACH`] sentences (an armed group
    /// for armed agents and group nouns; a state's body of the same
    /// sector otherwise). `r` is the phrase as resolved (an agent of
    /// unknown country, or the null actor for a group noun); returned
    /// unchanged when the phrase is not such a description or nothing
    /// links. Titles of one person ("the president") are left to the
    /// sentence's context: an earlier mention of another office holder
    /// is too often another person.
    fn described(&self, s: &Scratch, head: usize, r: Resolved) -> Resolved {
        let tree = &s.tree;
        let node = &tree.nodes[head];
        if let Some(l) = titled(s, head, &r) {
            return l;
        }
        let group = GROUP_NOUNS.contains(&node.word.as_str());
        let agents = crate::actor::split_code(&r.code).1;
        if !r.code.starts_with("---")
            || !(r.at_head || group)
            || (agents.is_empty() && !group)
            || PERSON_NOUNS.contains(&node.word.as_str())
            || !self.bare_definite(tree, head)
        {
            return r;
        }
        let armed = group || agents.iter().any(|a| matches!(a.as_str(), "INS" | "REB"));
        let Some(m) = s.mentions.iter().rev().find(|m| {
            m.sentence + DESCRIPTION_REACH >= s.sentence
                && (m.sentence < s.sentence || m.word < head)
                && !m.actor.null
                // "the SDF commander … the terrorists": a group's member
                // is not the group
                && !(armed && m.kind == Kind::Person)
                && names_kind(&m.actor.code, &agents, armed)
        }) else {
            return r;
        };
        let mut l = m.actor.clone();
        if !armed {
            // the body, not the office holder it was said of: "the
            // regime" after "Bashar al-Assad" is SYRGOV
            let country = crate::actor::split_code(&l.code).0.unwrap_or_default();
            l.code = format!("{country}{}", &r.code[3..]);
            l.agent_dictionary = r.agent_dictionary.clone();
            (l.entity, l.dated) = (None, false);
        }
        let leftmost = tree
            .children(head)
            .iter()
            .copied()
            .filter(|&c| {
                c < head && matches!(tree.nodes[c].rel, Rel::Det | Rel::Amod | Rel::Compound)
            })
            .min();
        let first = leftmost.unwrap_or(head).min(r.first);
        (l.first, l.last, l.head) = (first, r.last.max(head), head);
        l.null = false;
        l.at_head = true;
        l.linked = Some((m.sentence, m.name.clone()));
        l
    }

    /// Whether `head` is "the" + noun with no modifier that narrows it
    /// ("the Kurdish militants" is not the Islamic State named before):
    /// an adjective or compound is allowed only when it is itself an
    /// agent word ("the jihadist group", "the rebel forces").
    fn bare_definite(&self, tree: &Tree, head: usize) -> bool {
        let mut definite = false;
        for &c in tree.children(head) {
            let n = &tree.nodes[c];
            match n.rel {
                Rel::Det => definite |= n.word == "THE",
                Rel::Amod | Rel::Compound
                    if self
                        .dicts
                        .agents
                        .longest_match(&[n.word.as_str()])
                        .is_none() =>
                {
                    return false;
                }
                Rel::Nmod | Rel::Flat | Rel::Appos | Rel::Nummod | Rel::Conj => return false,
                _ => {}
            }
        }
        definite
    }
}

/// "The foreign minister" after "Turkey's foreign minister, Mevlüt
/// Çavuşoğlu": an office named again by "the" and the same words, with at
/// least one word besides the title noun ("foreign minister", "defence
/// secretary": one office, where a bare "the president" may be another
/// country's), is the latest mention within [`DESCRIPTION_REACH`]
/// sentences whose words hold it and that has a country; `None` when
/// nothing matches.
fn titled(s: &Scratch, head: usize, r: &Resolved) -> Option<Resolved> {
    let tree = &s.tree;
    if !r.code.starts_with("---") || !PERSON_NOUNS.contains(&tree.nodes[head].word.as_str()) {
        return None;
    }
    let mut definite = false;
    let mut first = head;
    for &c in tree.children(head) {
        let n = &tree.nodes[c];
        match n.rel {
            Rel::Det => definite |= n.word == "THE" && c < head,
            Rel::Amod | Rel::Compound if c < head => first = first.min(c),
            Rel::Nmod | Rel::Flat | Rel::Appos | Rel::Nummod | Rel::Conj | Rel::Poss => {
                return None;
            }
            _ => {}
        }
    }
    if !definite || first == head {
        return None;
    }
    let title: Vec<&str> = (first..=head)
        .map(|w| tree.nodes[w].word.as_str())
        .collect();
    let title = format!(" {} ", title.join(" "));
    let near = s.mentions.iter().rev().find(|m| {
        m.sentence + DESCRIPTION_REACH >= s.sentence
            && (m.sentence < s.sentence || m.word < first)
            && !m.actor.null
            && crate::actor::split_code(&m.actor.code).0.is_some()
            && format!(" {} ", m.name).contains(&title)
    });
    // beyond the reach, the latest office of the kind the document named
    let (actor, sentence, name) = match near {
        Some(m) => (&m.actor, m.sentence, &m.name),
        None => s
            .entities
            .iter()
            .rev()
            .find(|e| {
                e.key.starts_with('@')
                    && e.sentence < s.sentence
                    && format!(" {} ", e.name).contains(&title)
            })
            .map(|e| (&e.actor, e.sentence, &e.name))?,
    };
    let mut l = actor.clone();
    (l.first, l.last, l.head) = (r.first.min(first), r.last.max(head), head);
    l.at_head = true;
    l.linked = Some((sentence, name.clone()));
    Some(l)
}

/// Plural nouns that, after "both" or "the two", name the two actors the
/// text just spoke of ("both sides", "the two countries", "the two
/// leaders"); the last three are people.
const PAIR_NOUNS: &[&str] = &[
    "SIDES",
    "PARTIES",
    "COUNTRIES",
    "NATIONS",
    "STATES",
    "GOVERNMENTS",
    "NEIGHBOURS",
    "NEIGHBORS",
    "LEADERS",
    "PRESIDENTS",
    "MEN",
];

impl Coder {
    /// The two actors a reciprocal phrase headed by `head` ("both sides",
    /// "the two leaders") stands for: the two latest distinct actor
    /// mentions before it within [`DESCRIPTION_REACH`] sentences (people
    /// for "leaders", "presidents", "men"; actors of a country for
    /// "countries", "governments" …), in text order, each linked to its
    /// mention and spanning the phrase.
    pub(super) fn reciprocal(&self, s: &Scratch, head: usize) -> Option<[Resolved; 2]> {
        let tree = &s.tree;
        let noun = tree.nodes[head].word.as_str();
        // (the noun first: `expand` asks this of every actor phrase)
        let pair = PAIR_NOUNS.contains(&noun)
            && tree.children(head).iter().any(|&c| {
                matches!(tree.nodes[c].word.as_str(), "BOTH" | "TWO")
                    && matches!(tree.nodes[c].rel, Rel::Det | Rel::Nummod | Rel::Amod)
            });
        if !pair {
            return None;
        }
        let people = matches!(noun, "LEADERS" | "PRESIDENTS" | "MEN");
        let states = !people && !matches!(noun, "SIDES" | "PARTIES");
        let mut found: Vec<&Mention> = Vec::new();
        for m in s.mentions.iter().rev() {
            let near = m.sentence + DESCRIPTION_REACH >= s.sentence
                && (m.sentence < s.sentence || m.word < head);
            let country = crate::actor::split_code(&m.actor.code).0;
            let fits = match (people, states) {
                (true, _) => m.kind == Kind::Person,
                (false, true) => m.kind != Kind::Person && country.is_some(),
                (false, false) => m.kind != Kind::Plural,
            };
            let other = found.iter().all(|f| {
                f.actor.code != m.actor.code
                    && (people || crate::actor::split_code(&f.actor.code).0 != country)
            });
            if near && fits && !m.actor.null && other {
                found.push(m);
                if found.len() == 2 {
                    break;
                }
            }
        }
        let [newer, older] = found[..] else {
            return None;
        };
        let first = tree
            .children(head)
            .iter()
            .copied()
            .filter(|&c| {
                c < head && matches!(tree.nodes[c].rel, Rel::Det | Rel::Nummod | Rel::Amod)
            })
            .min()
            .unwrap_or(head);
        Some([older, newer].map(|m| {
            let mut l = m.actor.clone();
            (l.first, l.last, l.head) = (first, head, head);
            l.at_head = true;
            l.linked = Some((m.sentence, m.name.clone()));
            l
        }))
    }
}

/// Whether actor `code` is of the kind a description names: an armed
/// group when `armed` (a group with a code of its own, or one of the
/// description's armed sector: "the militants" are insurgents, "the
/// rebels" rebels; a group noun without a sector takes either); else a
/// state's body of the description's first sector ("SYRGOV" for "the
/// regime").
fn names_kind(code: &str, agents: &[String], armed: bool) -> bool {
    let (country, own) = crate::actor::split_code(code);
    if armed {
        let sector = |a: &String| match agents.is_empty() {
            true => matches!(a.as_str(), "INS" | "REB"),
            false => agents.contains(a) && matches!(a.as_str(), "INS" | "REB"),
        };
        return code.starts_with("IMG") || own.iter().any(sector);
    }
    country.is_some() && own.first().is_some_and(|a| agents.first() == Some(a))
}

/// The noun a relative pronoun at `i` stands for: the head of the
/// relative clause (`acl:relcl`) the pronoun belongs to.
pub(super) fn relative_antecedent(tree: &Tree, i: usize) -> Option<usize> {
    if !tree.nodes[i].relative {
        return None;
    }
    let mut at = tree.nodes[i].head?;
    for _ in 0..4 {
        let node = &tree.nodes[at];
        let head = node.head?;
        if node.rel == Rel::Acl {
            return tree.nodes[head].upos.is_nominal().then_some(head);
        }
        at = head;
    }
    None
}

/// A name in the document's entity table: one word of an actor's name
/// ("JAVID" of "Sajid Javid, the home secretary") or an acronym the text
/// defines ("BLA" of "Balochistan Liberation Army (BLA)"), and the actor.
#[derive(Clone, Debug)]
pub(super) struct Entity {
    pub(super) key: String,
    pub(super) sentence: usize,
    pub(super) name: String,
    pub(super) actor: Resolved,
    /// The name is a person's: what "he" or "she" may refer to.
    pub(super) person: bool,
}

/// Words of names that link nothing on their own.
pub(super) const NOT_KEYS: &[&str] = &[
    "MR", "MRS", "MS", "DR", "SIR", "LORD", "THE", "OF", "AL", "EL", "BIN", "DE", "VAN", "VON",
    "NEW", "NORTH", "SOUTH", "EAST", "WEST", "UNITED", "STATE", "STATES", "REPUBLIC",
];

/// Adds the names of this sentence's actor mentions to the entity table:
/// every word of a proper-noun name that resolved to an actor, and an
/// acronym in parentheses after it. The first actor a word names wins.
pub(super) fn note_entities(s: &mut Scratch, text: &str) {
    let sentence = s.sentence;
    let tree = &s.tree;
    for m in s.mentions.iter().filter(|m| m.sentence == sentence) {
        // "the Australian foreign minister, Julie Bishop": the name
        // apposed to a title is the title's actor
        let named = tree.children(m.word).iter().copied().find(|&c| {
            let n = &tree.nodes[c];
            n.rel == Rel::Appos && n.upos == Upos::Propn && tree.nodes[m.word].upos != Upos::Propn
        });
        let head = named.unwrap_or(m.word);
        // "Turkey's foreign minister": an office of a known country, kept
        // for "the foreign minister" beyond the mentions' reach ([`titled`])
        if named.is_none()
            && PERSON_NOUNS.contains(&tree.nodes[m.word].word.as_str())
            && crate::actor::split_code(&m.actor.code).0.is_some()
        {
            s.entities.push(Entity {
                key: format!("@{}", m.name),
                sentence,
                name: m.name.clone(),
                actor: m.actor.clone(),
                person: true,
            });
        }
        if tree.nodes[head].upos != Upos::Propn || m.actor.null {
            continue;
        }
        let mut words = vec![head];
        let mut acronyms = Vec::new();
        for &c in tree.children(head) {
            let node = &tree.nodes[c];
            match node.rel {
                Rel::Flat | Rel::Compound if node.upos == Upos::Propn => words.push(c),
                Rel::Appos if is_acronym(tree, c, text) => acronyms.push(c),
                _ => {}
            }
        }
        words.sort_unstable();
        let name = words
            .iter()
            .map(|&w| tree.nodes[w].word.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for &w in words.iter().chain(&acronyms) {
            let key = tree.nodes[w].word.as_str();
            if key.chars().count() < 3 && !acronyms.contains(&w)
                || NOT_KEYS.contains(&key)
                || s.entities.iter().any(|e| e.key == key)
            {
                continue;
            }
            s.entities.push(Entity {
                key: key.to_string(),
                sentence,
                name: name.clone(),
                actor: m.actor.clone(),
                person: m.kind == Kind::Person,
            });
        }
    }
}

/// Whether word `c` is an acronym written in capitals between
/// parentheses: "(BLA)".
fn is_acronym(tree: &Tree, c: usize, text: &str) -> bool {
    let written = text.get(tree.nodes[c].span.bytes()).unwrap_or("");
    let before = c.checked_sub(1).map(|b| tree.nodes[b].word.as_str());
    let after = tree.nodes.get(c + 1).map(|n| n.word.as_str());
    (2..=8).contains(&written.chars().count())
        && written.chars().all(|ch| ch.is_ascii_uppercase())
        && before == Some("(")
        && after == Some(")")
}

/// The actor of an earlier mention that proper noun `i` names again
/// ("Javid", "the BLA"): the entity table's actor for its word, with the
/// span of this mention and the link noted.
fn linked(s: &Scratch, i: usize) -> Option<Resolved> {
    let node = &s.tree.nodes[i];
    // ("Matthews, who joined …" opening a sentence, tagged a common noun:
    // the first word's capital says nothing, the name it repeats does)
    let opening = node.upos == Upos::Noun
        && !s.tree.nodes[..i]
            .iter()
            .any(|n| n.word.chars().any(char::is_alphabetic));
    if !(node.upos == Upos::Propn || opening) || matches!(node.rel, Rel::Flat | Rel::Compound) {
        return None;
    }
    let e = s.entities.iter().find(|e| e.key == node.word)?;
    let mut r = e.actor.clone();
    let first = s
        .tree
        .children(i)
        .iter()
        .copied()
        .filter(|&c| c < i && matches!(s.tree.nodes[c].rel, Rel::Flat | Rel::Compound))
        .min()
        .unwrap_or(i);
    (r.first, r.last, r.head) = (first, i, i);
    r.linked = Some((e.sentence, e.name.clone()));
    Some(r)
}

/// The actor a first-person pronoun at `i` stands for: the speaker its
/// sentence names, the subject of a speech verb ("'We will not leave,'
/// the minister said").
fn speaker(s: &Scratch, i: usize) -> Option<Resolved> {
    let tree = &s.tree;
    let m = s.mentions.iter().find(|m| {
        m.sentence == s.sentence
            && m.word != i
            && !m.actor.null
            && tree.nodes[m.word].rel == Rel::Nsubj
            && tree.nodes[m.word]
                .head
                .is_some_and(|h| SPEECH.contains(&tree.nodes[h].lemma.as_str()))
    })?;
    let mut r = m.actor.clone();
    (r.first, r.last, r.head) = (i, i, i);
    Some(r)
}
