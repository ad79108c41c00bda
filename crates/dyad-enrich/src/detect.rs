//! A document's toponyms as `dyad code` finds them: gazetteer names
//! ([`crate::Gazetteer::find_toponyms`]) less those that a street or road
//! name holds ("Dublin Road"), calendar words, the document's surnames and
//! what the caller's dictionaries explain; the street and road names
//! themselves (toponyms without candidates, never resolved); and the
//! further mentions of a name the document uses as a place (one sense per
//! document, [`crate::discourse`]). [`crate::DocumentPlaces::new`] and the
//! LGL evaluator's own detection both use it, so the evaluator measures
//! what the pipeline does.

use std::collections::HashSet;

use dyad_core::{Document, Span, Token};

use crate::gazetteer::Gazetteer;
use crate::notplace;
use crate::toponym::Toponym;

/// The toponyms of `doc` (sentence index, toponym), in text order. Spans
/// in `not_places` (actors, groups, people the dictionaries name) are no
/// places.
pub(crate) fn document_toponyms(
    gazetteer: &Gazetteer,
    doc: &Document,
    not_places: &[Span],
) -> Vec<(usize, Toponym)> {
    let surnames: HashSet<String> = notplace::surnames(gazetteer, &doc.text, &doc.sentences);
    let explained =
        |t: &Toponym| notplace::explained(gazetteer, t, &doc.text, &surnames, not_places);
    let mut found = Vec::new();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        // Streets and roads first: a town inside one ("Dublin Road") is
        // part of the street's name.
        let streets = crate::street::street_names(&doc.text, &sentence.tokens);
        let inside_street = |t: &Toponym| {
            streets
                .iter()
                .any(|s| s.byte_start < t.span.byte_end && t.span.byte_start < s.byte_end)
        };
        found.extend(
            gazetteer
                .find_toponyms(&doc.text, &sentence.tokens, &sentence.analysis)
                .into_iter()
                .filter(|t| !inside_street(t) && !explained(t))
                .map(|t| (s, t)),
        );
        found.extend(
            streets
                .into_iter()
                .map(|span| (s, street_toponym(&sentence.tokens, span))),
        );
    }
    let again = crate::discourse::same_name_mentions(
        gazetteer,
        &doc.text,
        &doc.sentences,
        &found,
        &surnames,
    );
    found.extend(again.into_iter().filter(|(_, t)| !explained(t)));
    found.sort_by_key(|(s, t)| (*s, t.span.byte_start));
    found
}

/// A street or road name as a toponym without candidates, with the tokens
/// of `tokens` (its sentence's) that it covers.
fn street_toponym(tokens: &[Token], span: Span) -> Toponym {
    let first = tokens
        .iter()
        .position(|t| t.span.byte_start >= span.byte_start)
        .unwrap_or(tokens.len());
    let end = tokens
        .iter()
        .rposition(|t| t.span.byte_end <= span.byte_end)
        .map_or(first, |last| (last + 1).max(first));
    Toponym {
        span,
        first,
        end,
        candidates: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use dyad_core::{BlockKind, DocumentBuilder};

    use super::*;
    use crate::ResolveContext;
    use crate::locate::DocumentPlaces;

    fn gazetteer() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::builtin)
    }

    fn doc(text: &str) -> Document {
        let mut builder = DocumentBuilder::new("d");
        builder.push_block(BlockKind::Body, text);
        let mut doc = builder.finish();
        dyad_text::Segmenter::new().segment(&mut doc);
        doc
    }

    /// (text, chosen place's name or "") of each mention the pipeline keeps.
    fn places(text: &str) -> Vec<(String, String)> {
        let doc = doc(text);
        let g = gazetteer();
        DocumentPlaces::new(g, &doc, &ResolveContext::default())
            .mentions()
            .iter()
            .map(|(_, t, c)| {
                (
                    doc.text[t.span.bytes()].to_string(),
                    c.and_then(|c| g.place(c))
                        .map_or(String::new(), |p| p.name.to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn a_town_inside_a_street_name_is_the_street() {
        let found = places("Police closed Dublin Road in Columbus, Ohio, on Monday.");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["Dublin Road", "Columbus", "Ohio"]);
        // The street is never resolved.
        assert_eq!(found[0].1, "");
        let doc = doc("Police closed Dublin Road in Columbus, Ohio, on Monday.");
        let read = DocumentPlaces::new(gazetteer(), &doc, &ResolveContext::default());
        let street = &read.mentions()[0].1;
        assert_eq!((street.first, street.end), (2, 4));
        // A name the document uses as a place elsewhere is still the
        // street's inside the street's name.
        let found = places("She moved to Dublin in May. Police closed Dublin Road on Monday.");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["Dublin", "Dublin Road"]);
    }

    #[test]
    fn one_sense_per_document() {
        let found = places(
            "The council met in Dublin on Monday. Dublin Arts Council members \
             voted to close the theatre.",
        );
        let dublins = found.iter().filter(|(t, _)| t == "Dublin").count();
        assert_eq!(dublins, 2, "{found:?}");
        // Both mentions are one place.
        let names: HashSet<&str> = found
            .iter()
            .filter(|(t, _)| t == "Dublin")
            .map(|(_, p)| p.as_str())
            .collect();
        assert_eq!(names.len(), 1, "{found:?}");
    }

    #[test]
    fn a_further_mention_the_dictionaries_explain_is_no_place() {
        let doc = doc("Protesters gathered in Paris. Paris Saint-Germain fans joined them.");
        let start = doc.text.find("Paris Saint").unwrap_or(0);
        let not_places = [dyad_core::CharIndex::new(&doc.text).span(start, start + 20)];
        let found = document_toponyms(gazetteer(), &doc, &not_places);
        let texts: Vec<&str> = found
            .iter()
            .map(|(_, t)| &doc.text[t.span.bytes()])
            .collect();
        assert_eq!(texts, ["Paris"]);
    }
}
