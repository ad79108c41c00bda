//! Evaluation on the LGL geoparsing corpus (Lieberman, Samet and
//! Sankaranarayanan 2010, in the XML form of Gritta et al.'s "Pragmatic
//! Guide to Geoparsing Evaluation"): toponym detection against the gold
//! spans and resolution accuracy within 161 km (100 miles).

use std::collections::HashMap;
use std::path::Path;

use dyad_core::{Block, BlockKind, CharIndex, Document, Meta, Span};
use quick_xml::events::Event;

use crate::Error;
use crate::gazetteer::{Gazetteer, distance_km};
use crate::normalize;
use crate::source::SourceProfile;
use crate::toponym::{ResolveContext, Toponym};

/// One gold toponym.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldToponym {
    /// Start, in characters of the article text.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// The text of the toponym.
    pub phrase: String,
    /// Gold coordinates, when the toponym is in GeoNames.
    pub coordinates: Option<(f64, f64)>,
}

/// One article of the corpus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    /// The article id.
    pub id: String,
    /// The news source's domain ("thetowntalk.com"), when given.
    pub domain: String,
    /// The article text.
    pub text: String,
    /// Its gold toponyms.
    pub toponyms: Vec<GoldToponym>,
}

/// How toponyms are found before resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detection {
    /// The gold spans (resolution only).
    Gold,
    /// dyad's own recogniser.
    Own,
}

/// Scores of one evaluation run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GeoScores {
    /// Gold toponyms with coordinates (the resolution denominator).
    pub toponyms: usize,
    /// Gold toponym spans, with or without coordinates.
    pub gold_spans: usize,
    /// Toponyms dyad detected (own detection).
    pub detected: usize,
    /// Detected spans equal to a gold span.
    pub detected_correct: usize,
    /// Precision of detection (own detection only).
    pub detection_precision: Option<f64>,
    /// Recall of detection (own detection only).
    pub detection_recall: Option<f64>,
    /// F1 of detection (own detection only).
    pub detection_f1: Option<f64>,
    /// Toponyms with coordinates that were resolved within 161 km, over
    /// those considered (all with gold detection; the correctly detected
    /// ones with own detection).
    pub accuracy_161km: f64,
    /// Mean error of the resolved toponyms, km.
    pub mean_error_km: f64,
    /// Toponyms considered that got no place at all (counted as wrong).
    pub unresolved: usize,
    /// The toponyms resolved more than 161 km off or not at all: (article
    /// id, phrase, chosen place or "", error km).
    pub misses: Vec<(String, String, String, f64)>,
    /// Own detection's errors: (article id, start in characters, text,
    /// `"extra"` for a span that is no gold toponym or `"missed"` for a
    /// gold span not found).
    pub detection_errors: Vec<(String, usize, String, &'static str)>,
}

/// Reads the LGL XML file.
pub fn read_lgl(path: &Path) -> Result<Vec<Article>, Error> {
    let xml = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse_lgl(&xml).map_err(|message| Error::Xml {
        path: path.display().to_string(),
        message,
    })
}

/// Parses LGL XML text.
fn parse_lgl(xml: &str) -> Result<Vec<Article>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut parser = LglParser::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Eof => break,
            Event::Start(start) => parser.start(&start),
            Event::Text(t) => parser.text.push_str(&t),
            Event::CData(t) => parser.text.push_str(&t),
            Event::GeneralRef(r) => match r.as_ref() {
                "amp" => parser.text.push('&'),
                "lt" => parser.text.push('<'),
                "gt" => parser.text.push('>'),
                "quot" => parser.text.push('"'),
                "apos" => parser.text.push('\''),
                _ => {}
            },
            Event::End(end) => parser.end(&end)?,
            _ => {}
        }
    }
    Ok(parser.articles)
}

/// What [`parse_lgl`] keeps between XML events.
#[derive(Default)]
struct LglParser {
    /// The finished articles.
    articles: Vec<Article>,
    /// The article being read.
    article: Article,
    /// The toponym being read.
    toponym: Option<GoldToponym>,
    /// The gold latitude of the toponym being read.
    lat: Option<f64>,
    /// The gold longitude of the toponym being read.
    lon: Option<f64>,
    /// The names of the open elements, outermost first.
    path: Vec<String>,
    /// The text since the last start or end tag.
    text: String,
}

impl LglParser {
    /// Opens an element, starting an article or a toponym.
    fn start(&mut self, start: &quick_xml::events::BytesStart<'_>) {
        let name = start.name().as_ref().to_string();
        match name.as_str() {
            "article" => {
                self.article = Article::default();
                if let Some(Ok(id)) = start
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == "docid")
                    .map(|a| Ok::<String, ()>(a.value.to_string()))
                {
                    self.article.id = id;
                }
            }
            "toponym" => {
                self.toponym = Some(GoldToponym {
                    start: 0,
                    end: 0,
                    phrase: String::new(),
                    coordinates: None,
                });
                self.lat = None;
                self.lon = None;
            }
            _ => {}
        }
        self.path.push(name);
        self.text.clear();
    }

    /// Closes an element, storing its text where its parent says.
    fn end(&mut self, end: &quick_xml::events::BytesEnd<'_>) -> Result<(), String> {
        let path = &mut self.path;
        let parent = path.len().checked_sub(2).and_then(|i| path.get(i)).cloned();
        path.pop();
        let value = std::mem::take(&mut self.text);
        match (end.name().as_ref(), parent.as_deref()) {
            ("text", Some("article")) => self.article.text = value,
            ("domain", Some("article")) => self.article.domain = value.trim().to_string(),
            ("start", Some("toponym")) => {
                if let Some(t) = &mut self.toponym {
                    t.start = value.trim().parse().map_err(|_| "bad <start>")?;
                }
            }
            ("end", Some("toponym")) => {
                if let Some(t) = &mut self.toponym {
                    t.end = value.trim().parse().map_err(|_| "bad <end>")?;
                }
            }
            ("phrase", Some("toponym")) => {
                if let Some(t) = &mut self.toponym {
                    t.phrase = value;
                }
            }
            ("lat", Some("gaztag")) => self.lat = value.trim().parse().ok(),
            ("lon", Some("gaztag")) => self.lon = value.trim().parse().ok(),
            ("toponym", _) => {
                if let Some(mut t) = self.toponym.take() {
                    if let (Some(lat), Some(lon)) = (self.lat, self.lon) {
                        t.coordinates = Some((lat, lon));
                    }
                    self.article.toponyms.push(t);
                }
            }
            ("article", _) => self.articles.push(std::mem::take(&mut self.article)),
            _ => {}
        }
        Ok(())
    }
}

/// A document holding `text` as one body block, segmented into sentences
/// and tokens.
pub(crate) fn segmented(text: &str) -> Document {
    let index = CharIndex::new(text);
    let mut doc = Document {
        meta: Meta::default(),
        text: text.to_string(),
        blocks: vec![Block {
            kind: BlockKind::Body,
            span: index.span(0, text.len()),
        }],
        sentences: Vec::new(),
        warnings: Vec::new(),
    };
    dyad_text::Segmenter::new().segment(&mut doc);
    doc
}

/// Evaluates `gazetteer` on `articles`. Each article is resolved twice:
/// first alone, then with the home region of its source
/// ([`SourceProfile`]) learnt from the first readings of the source's
/// other articles (articles without a domain get no profile).
pub fn evaluate(gazetteer: &Gazetteer, articles: &[Article], detection: Detection) -> GeoScores {
    evaluate_prepared(gazetteer, articles, detection, &|_| Vec::new())
}

/// Prepares a segmented article as the pipeline does before it finds
/// places: tags its sentences (fills each sentence's `analysis`) and
/// returns the byte spans that the caller's actor and agent dictionaries
/// explain as something other than a place.
pub type Prepare<'a> = &'a dyn Fn(&mut Document) -> Vec<Span>;

/// Like [`evaluate`], with each article prepared by `prepare` before
/// dyad's own detection (as in the pipeline, where a single word that is
/// not tagged `PROPN` is only a place when it is a country, state or
/// continent, and a name the dictionaries explain is no place).
pub fn evaluate_prepared(
    gazetteer: &Gazetteer,
    articles: &[Article],
    detection: Detection,
    prepare: Prepare<'_>,
) -> GeoScores {
    let mut scores = GeoScores::default();
    let mut tally = Tally::default();
    // (toponyms, gold index of each) per article.
    let found: Vec<(Vec<Toponym>, Vec<Option<usize>>)> = articles
        .iter()
        .map(|article| match detection {
            Detection::Gold => gold_toponyms(gazetteer, article),
            Detection::Own => own_toponyms(gazetteer, article, prepare, &mut scores),
        })
        .collect();
    let first: Vec<Vec<Option<u32>>> = articles
        .iter()
        .zip(&found)
        .map(|(article, (toponyms, _))| {
            gazetteer.resolve(toponyms, &article.text, &ResolveContext::default())
        })
        .collect();
    // Articles of each source, in corpus order.
    let mut by_source: HashMap<&str, Vec<usize>> = HashMap::new();
    for (a, article) in articles.iter().enumerate() {
        if !article.domain.is_empty() {
            by_source.entry(&article.domain).or_default().push(a);
        }
    }
    for (a, (article, (toponyms, gold_of))) in articles.iter().zip(&found).enumerate() {
        scores.gold_spans += article.toponyms.len();
        let home = by_source.get(article.domain.as_str()).map(|members| {
            let readings: Vec<Vec<Option<u32>>> = members
                .iter()
                .filter_map(|&m| first.get(m).cloned())
                .collect();
            let skip = members.iter().position(|&m| m == a);
            SourceProfile::from_documents(gazetteer, &readings, skip)
        });
        let context = ResolveContext {
            home: home.as_ref(),
            ..ResolveContext::default()
        };
        let chosen = gazetteer.resolve(toponyms, &article.text, &context);
        for (choice, gold) in chosen.iter().zip(gold_of) {
            let Some(gold) = gold.and_then(|g| article.toponyms.get(g)) else {
                continue;
            };
            score_choice(gazetteer, article, gold, *choice, &mut scores, &mut tally);
        }
    }
    if detection == Detection::Own {
        let p = ratio(scores.detected_correct, scores.detected);
        let r = ratio(scores.detected_correct, scores.gold_spans);
        scores.detection_precision = Some(p);
        scores.detection_recall = Some(r);
        scores.detection_f1 = Some(if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        });
    }
    scores.accuracy_161km = ratio(tally.within, scores.toponyms);
    scores.mean_error_km = if tally.resolved > 0 {
        tally.error_sum / tally.resolved as f64
    } else {
        0.0
    };
    scores
}

/// Running totals of resolution over the toponyms with gold coordinates.
#[derive(Default)]
struct Tally {
    /// Resolved within 161 km.
    within: usize,
    /// Sum of the errors of the resolved ones, km.
    error_sum: f64,
    /// Resolved to some place.
    resolved: usize,
}

/// The toponyms of the gold spans of `article`, each with its gold index.
fn gold_toponyms(gazetteer: &Gazetteer, article: &Article) -> (Vec<Toponym>, Vec<Option<usize>>) {
    let index = CharIndex::new(&article.text);
    // Byte offset of each char offset.
    let byte_of: Vec<usize> = article
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(article.text.len()))
        .collect();
    article
        .toponyms
        .iter()
        .enumerate()
        .filter_map(|(g, gold)| {
            let start = *byte_of.get(gold.start)?;
            let end = *byte_of.get(gold.end)?;
            let surface = article.text.get(start..end)?;
            let candidates = gazetteer.candidates_of_key(&normalize::key(surface));
            Some((
                Toponym {
                    span: index.span(start, end),
                    first: 0,
                    end: 0,
                    candidates,
                },
                Some(g),
            ))
        })
        .unzip()
}

/// The toponyms dyad finds in `article`, each with the index of the gold
/// toponym of the same span, if any; counts them in `scores`.
fn own_toponyms(
    gazetteer: &Gazetteer,
    article: &Article,
    prepare: Prepare<'_>,
    scores: &mut GeoScores,
) -> (Vec<Toponym>, Vec<Option<usize>>) {
    let mut doc = segmented(&article.text);
    let not_places = prepare(&mut doc);
    let surnames = crate::notplace::surnames(gazetteer, &doc.text, &doc.sentences);
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
                .filter(|t| !inside_street(t))
                .filter(|t| {
                    !crate::notplace::explained(gazetteer, t, &doc.text, &surnames, &not_places)
                })
                .map(|t| (s, t)),
        );
        found.extend(streets.into_iter().map(|span| {
            let street = Toponym {
                span,
                first: 0,
                end: 0,
                candidates: Vec::new(),
            };
            (s, street)
        }));
    }
    let again = crate::discourse::same_name_mentions(
        gazetteer,
        &doc.text,
        &doc.sentences,
        &found,
        &surnames,
    );
    found.extend(again);
    let mut found: Vec<Toponym> = found.into_iter().map(|(_, t)| t).collect();
    found.sort_by_key(|t| t.span.byte_start);
    scores.detected += found.len();
    let gold_of: Vec<Option<usize>> = found
        .iter()
        .map(|t| {
            article.toponyms.iter().position(|g| {
                g.start == t.span.char_start as usize && g.end == t.span.char_end as usize
            })
        })
        .collect();
    scores.detected_correct += gold_of.iter().flatten().count();
    note_detection_errors(article, &doc.text, &found, &gold_of, scores);
    (found, gold_of)
}

/// Notes the detected spans that are no gold toponym (`found[k]` matches
/// gold `gold_of[k]`) and the gold spans not detected.
fn note_detection_errors(
    article: &Article,
    text: &str,
    found: &[Toponym],
    gold_of: &[Option<usize>],
    scores: &mut GeoScores,
) {
    for (t, gold) in found.iter().zip(gold_of) {
        if gold.is_none() {
            scores.detection_errors.push((
                article.id.clone(),
                t.span.char_start as usize,
                text.get(t.span.bytes()).unwrap_or("").to_string(),
                "extra",
            ));
        }
    }
    for (g, gold) in article.toponyms.iter().enumerate() {
        if !gold_of.contains(&Some(g)) {
            scores.detection_errors.push((
                article.id.clone(),
                gold.start,
                gold.phrase.clone(),
                "missed",
            ));
        }
    }
}

/// Scores the place chosen for the gold toponym `gold` (when it has
/// coordinates), noting a miss.
fn score_choice(
    gazetteer: &Gazetteer,
    article: &Article,
    gold: &GoldToponym,
    choice: Option<u32>,
    scores: &mut GeoScores,
    tally: &mut Tally,
) {
    let Some((lat, lon)) = gold.coordinates else {
        return;
    };
    scores.toponyms += 1;
    match choice.and_then(|c| gazetteer.place(c)) {
        Some(place) => {
            let error = distance_km(lat, lon, place.lat, place.lon);
            tally.resolved += 1;
            tally.error_sum += error;
            if error <= 161.0 {
                tally.within += 1;
            } else {
                let chosen = format!(
                    "{} ({}, {})",
                    place.name,
                    place.country,
                    gazetteer.admin1(place).unwrap_or("")
                );
                scores
                    .misses
                    .push((article.id.clone(), gold.phrase.clone(), chosen, error));
            }
        }
        None => {
            scores.unresolved += 1;
            scores
                .misses
                .push((article.id.clone(), gold.phrase.clone(), String::new(), 0.0));
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lgl_xml() {
        let xml = r#"<articles><article docid="7"><title>t</title>
            <text><![CDATA[Alexandria woman &amp; Paris.]]></text>
            <toponyms count="1"><toponym><start>0</start><end>10</end>
            <phrase>Alexandria</phrase><gaztag geonameid="4314550"><name>Alexandria</name>
            <lat>31.3113</lat><lon>-92.4451</lon></gaztag></toponym>
            <toponym><start>19</start><end>24</end><phrase>Paris</phrase></toponym>
            </toponyms></article></articles>"#;
        let articles = parse_lgl(xml).expect("parses");
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].id, "7");
        assert_eq!(articles[0].toponyms.len(), 2);
        assert_eq!(
            articles[0].toponyms[0].coordinates,
            Some((31.3113, -92.4451))
        );
        assert_eq!(articles[0].toponyms[1].coordinates, None);
    }
}
