//! People the text names: the nouns that say a name is a person and its
//! sex, for pronouns (`coref`), and the names no dictionary knows that a
//! later "he" or "she" may be meant for.

use super::Scratch;
use super::coref::{Entity, Kind, NOT_KEYS, PERSON_NOUNS};
use crate::actor::Resolved;
use crate::labels::Rel;
use crate::tree::{Tree, Upos};

/// Nouns that say an apposed name is a person ("Hoda Muthana, the US
/// woman"), with the sex they say (`Some(true)` female).
const PERSON_WORDS: &[(&str, Option<bool>)] = &[
    ("WOMAN", Some(true)),
    ("GIRL", Some(true)),
    ("MOTHER", Some(true)),
    ("WIFE", Some(true)),
    ("WIDOW", Some(true)),
    ("BRIDE", Some(true)),
    ("QUEEN", Some(true)),
    ("SPOKESWOMAN", Some(true)),
    ("MAN", Some(false)),
    ("BOY", Some(false)),
    ("FATHER", Some(false)),
    ("HUSBAND", Some(false)),
    ("KING", Some(false)),
    ("PRINCE", Some(false)),
    ("SPOKESMAN", Some(false)),
    ("CITIZEN", None),
    ("NATIONAL", None),
    ("CONVERT", None),
    ("ACTIVIST", None),
    ("LAWYER", None),
    ("TEENAGER", None),
    ("JOURNALIST", None),
    ("SOLDIER", None),
    ("STUDENT", None),
    ("DOCTOR", None),
    ("RESEARCHER", None),
];

/// Whether proper noun `i`, no actor, names a person: a name of two or
/// more words, or a name that is a clause's subject ("Letts told …").
pub(super) fn unknown_person(tree: &Tree, i: usize) -> bool {
    let node = &tree.nodes[i];
    node.upos == Upos::Propn
        && !node.plural
        && (tree
            .children(i)
            .iter()
            .any(|&c| tree.nodes[c].rel == Rel::Flat && tree.nodes[c].upos == Upos::Propn)
            || node.rel == Rel::Nsubj)
}

/// Whether the phrase headed by `head` names a person, and the sex its
/// words say: its own noun, or a noun apposed to a name.
pub(super) fn person_words(tree: &Tree, head: usize) -> (bool, Option<bool>) {
    let words = std::iter::once(head).chain(
        tree.children(head)
            .iter()
            .copied()
            .filter(|&c| tree.nodes[c].rel == Rel::Appos),
    );
    let mut person = false;
    for w in words {
        let word = tree.nodes[w].word.as_str();
        if let Some((_, sex)) = PERSON_WORDS.iter().find(|(p, _)| *p == word) {
            return (true, *sex);
        }
        person |= w != head && PERSON_NOUNS.contains(&word);
    }
    (person, None)
}

/// The other words of the name headed by proper noun `i` (its `flat`
/// proper nouns: "Vilanova" of "Ricardo Vilanova").
fn name_parts(tree: &Tree, i: usize) -> impl Iterator<Item = usize> + '_ {
    tree.children(i)
        .iter()
        .copied()
        .filter(|&c| tree.nodes[c].rel == Rel::Flat && tree.nodes[c].upos == Upos::Propn)
}

/// Whether proper noun `i` heads a name of two or more words.
pub(super) fn full_name(tree: &Tree, i: usize) -> bool {
    name_parts(tree, i).next().is_some()
}

/// The words of the name headed by proper noun `i`, in order.
pub(super) fn name_words(tree: &Tree, i: usize) -> Vec<String> {
    let mut words: Vec<usize> = name_parts(tree, i).chain([i]).collect();
    words.sort_unstable();
    words.iter().map(|&w| tree.nodes[w].word.clone()).collect()
}

/// "A former British soldier was in court on Wednesday … James Matthews,
/// 43, is thought to be …": a story that opens on someone described, not
/// named, names them in the next sentence. The first name of a person no
/// dictionary knows in the second sentence, when the first sentence's
/// subject is one person described with an indefinite article and of a
/// known country, is that person (`None` otherwise).
pub(super) fn lede_person(s: &Scratch, i: usize) -> Option<Resolved> {
    let tree = &s.tree;
    if s.sentence != 1
        || !full_name(tree, i)
        || !unknown_person(tree, i)
        || s.unknown_people.iter().any(|&(k, _)| k == 1)
        || s.mentions
            .iter()
            .any(|m| m.sentence == 1 && m.kind == Kind::Person)
    {
        return None;
    }
    let lede = s.mentions.iter().find(|m| m.sentence == 0 && m.subject)?;
    let one = lede.kind != Kind::Plural && lede.actor.at_head && !lede.actor.null;
    if !lede.indefinite || !one || crate::actor::split_code(&lede.actor.code).0.is_none() {
        return None;
    }
    let first = name_parts(tree, i).chain([i]).min().unwrap_or(i);
    let last = name_parts(tree, i).chain([i]).max().unwrap_or(i);
    let mut r = lede.actor.clone();
    (r.first, r.last, r.head) = (first, last, i);
    r.linked = Some((lede.sentence, lede.name.clone()));
    Some(r)
}

/// What a pronoun may take actor mention `i` (resolved as `r`) for,
/// and the sex its words say.
pub(super) fn mention_kind(s: &Scratch, i: usize, r: usize) -> (Kind, Option<bool>) {
    let node = &s.tree.nodes[i];
    let actor = &s.resolved[r];
    let (named_person, female) = person_words(&s.tree, i);
    // (a person's name again, "Letts" after "Jack Letts", whatever
    // number the tagger gave it; a name the story's opening described)
    let linked_person = actor.linked.as_ref().is_some_and(|(_, name)| {
        full_name(&s.tree, i) || s.entities.iter().any(|e| e.person && e.name == *name)
    });
    // (a dated name is a person's: a group's dated codes carry
    // its own name besides its sector, "SYRREBHTS")
    let dated_person = actor.dated && crate::actor::split_code(&actor.code).1.len() <= 1;
    let kind = if linked_person {
        Kind::Person
    } else if node.plural {
        Kind::Plural
    } else if (node.upos == Upos::Propn && dated_person)
        || PERSON_NOUNS.contains(&node.word.as_str())
        || named_person
    {
        Kind::Person
    } else {
        Kind::Thing
    };
    (kind, female)
}

/// "Ricardo Vilanova never wanted to be part of the story. The
/// Spanish photojournalist went to Syria": a definite description of
/// one person of a known country, opening (as its subject) the
/// sentence after one whose subject is a person no dictionary knows
/// named in full (and no other person since), describes that person:
/// the name's words join the entity table with the description's
/// actor (later "Vilanova"; "he" takes the description). Whether it
/// did.
pub(super) fn note_described(s: &mut Scratch, i: usize, r: usize) -> bool {
    let Some((k, w)) = s.named_unknown.as_ref().map(|(k, w, _)| (*k, *w)) else {
        return false;
    };
    // (a name is described by the sentence right after it or not at all)
    if k + 1 < s.sentence {
        s.named_unknown = None;
        return false;
    }
    let tree = &s.tree;
    let node = &tree.nodes[i];
    // (opening the sentence: "…, the Turkish leader said" after a
    // sentence on a group is about someone else)
    let definite = tree
        .children(i)
        .iter()
        .any(|&c| c == 0 && tree.nodes[c].rel == Rel::Det && tree.nodes[c].word == "THE");
    let actor = &s.resolved[r];
    let person_since = s
        .mentions
        .iter()
        .any(|m| m.sentence >= k && m.kind == Kind::Person);
    // a person's noun: a title or role, or, where the phrase gives a
    // country alone, a noun no agent entry knows that names a doer
    // ("the Spanish photojournalist")
    let (country, agents) = crate::actor::split_code(&actor.code);
    let doer_noun = ["IST", "ER", "OR", "IAN", "MAN", "WOMAN"]
        .iter()
        .any(|end| node.word.ends_with(end));
    let person = person_words(tree, i).0
        || PERSON_NOUNS.contains(&node.word.as_str())
        || (agents.is_empty() && doer_noun);
    if k + 1 != s.sentence
        || !person
        || node.upos != Upos::Noun
        || node.plural
        || !definite
        || !matches!(node.rel, Rel::Nsubj | Rel::NsubjPass)
        || actor.null
        || actor.linked.is_some()
        || country.is_none()
        || person_since
    {
        return false;
    }
    let Some((_, _, words)) = s.named_unknown.take() else {
        return false;
    };
    let name = words.join(" ");
    let mut linked = actor.clone();
    linked.linked = Some((s.sentence, name.clone()));
    for key in &words {
        if key.chars().count() < 3
            || NOT_KEYS.contains(&key.as_str())
            || s.entities.iter().any(|e| e.key == *key)
        {
            continue;
        }
        s.entities.push(Entity {
            key: key.clone(),
            sentence: k,
            name: name.clone(),
            actor: linked.clone(),
            person: true,
        });
    }
    s.unknown_people.retain(|&(a, b)| (a, b) != (k, w));
    true
}
