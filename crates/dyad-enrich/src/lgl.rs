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
use crate::locate::DocumentPlaces;
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

/// What an evaluation run measures: the resolution that `dyad code` does
/// for an article on its own, and the same with the source home region.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GeoEvaluation {
    /// Each article resolved alone, exactly as `dyad code` resolves a
    /// document's toponyms (its detection, with the article's actor
    /// countries and dictionary-explained spans from [`Prepare`]; no
    /// source profile): the pipeline's figure.
    pub pipeline: GeoScores,
    /// Each article resolved again with the home region of its source
    /// ([`SourceProfile`]) learnt from the first readings of the same
    /// source's other articles (articles without a domain get no
    /// profile). Needs a corpus of the source's articles; `dyad code`
    /// does it only with `--source-profile`.
    pub with_source_profile: GeoScores,
}

/// Evaluates `gazetteer` on `articles` with no tagger and no dictionaries
/// ([`evaluate_prepared`] with a [`Prepare`] that does nothing).
pub fn evaluate(
    gazetteer: &Gazetteer,
    articles: &[Article],
    detection: Detection,
) -> GeoEvaluation {
    evaluate_prepared(gazetteer, articles, detection, &|_| Prepared::default())
}

/// What the caller's pipeline knows of an article before it finds places,
/// as [`Prepare`] returns it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prepared {
    /// Byte spans that the caller's actor and agent dictionaries explain
    /// as something other than a place.
    pub not_places: Vec<Span>,
    /// ISO-3 countries of the actors of the article's events (the prior
    /// `dyad code` resolves with), sorted and without repeats.
    pub actor_countries: Vec<String>,
}

/// Prepares a segmented article as the pipeline does before it finds
/// places: tags and parses its sentences (fills each sentence's
/// `analysis`), codes its events and returns what they and the
/// dictionaries tell about places.
pub type Prepare<'a> = &'a dyn Fn(&mut Document) -> Prepared;

/// One article prepared and read: its document, what [`Prepare`] said,
/// its toponyms with the gold index of each, and the places chosen for
/// them without a source profile.
struct Reading {
    doc: Document,
    prepared: Prepared,
    toponyms: Vec<Toponym>,
    gold_of: Vec<Option<usize>>,
    alone: Vec<Option<u32>>,
}

/// Evaluates `gazetteer` on `articles`, each prepared by `prepare` (in
/// the pipeline, a single word that is not tagged `PROPN` is only a place
/// when it is a country, state or continent; a name the dictionaries
/// explain is no place; the events' actor countries are a prior). Each
/// article is resolved twice: alone, as `dyad code` does
/// ([`GeoEvaluation::pipeline`]), then with its source's home region
/// ([`GeoEvaluation::with_source_profile`]).
pub fn evaluate_prepared(
    gazetteer: &Gazetteer,
    articles: &[Article],
    detection: Detection,
    prepare: Prepare<'_>,
) -> GeoEvaluation {
    let mut found = GeoScores::default();
    let readings: Vec<Reading> = articles
        .iter()
        .map(|article| read(gazetteer, article, detection, prepare, &mut found))
        .collect();
    found.gold_spans = articles.iter().map(|a| a.toponyms.len()).sum();
    if detection == Detection::Own {
        let p = ratio(found.detected_correct, found.detected);
        let r = ratio(found.detected_correct, found.gold_spans);
        found.detection_precision = Some(p);
        found.detection_recall = Some(r);
        found.detection_f1 = Some(if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        });
    }
    let mut pipeline = found.clone();
    let mut with_profile = found;
    let mut alone_tally = Tally::default();
    let mut profile_tally = Tally::default();
    // Articles of each source, in corpus order.
    let mut by_source: HashMap<&str, Vec<usize>> = HashMap::new();
    for (a, article) in articles.iter().enumerate() {
        if !article.domain.is_empty() {
            by_source.entry(&article.domain).or_default().push(a);
        }
    }
    for (a, (article, reading)) in articles.iter().zip(&readings).enumerate() {
        let home = by_source.get(article.domain.as_str()).map(|members| {
            let others: Vec<Vec<Option<u32>>> = members
                .iter()
                .filter_map(|&m| readings.get(m).map(|r| r.alone.clone()))
                .collect();
            let skip = members.iter().position(|&m| m == a);
            SourceProfile::from_documents(gazetteer, &others, skip)
        });
        let again = resolve(gazetteer, detection, reading, home.as_ref());
        for ((alone, profiled), gold) in reading.alone.iter().zip(&again).zip(&reading.gold_of) {
            let Some(gold) = gold.and_then(|g| article.toponyms.get(g)) else {
                continue;
            };
            score_choice(
                gazetteer,
                article,
                gold,
                *alone,
                &mut pipeline,
                &mut alone_tally,
            );
            score_choice(
                gazetteer,
                article,
                gold,
                *profiled,
                &mut with_profile,
                &mut profile_tally,
            );
        }
    }
    alone_tally.finish(&mut pipeline);
    profile_tally.finish(&mut with_profile);
    GeoEvaluation {
        pipeline,
        with_source_profile: with_profile,
    }
}

/// Prepares `article`, finds its toponyms (the gold spans, or as the
/// pipeline does, counted in `scores`) and resolves them alone.
fn read(
    gazetteer: &Gazetteer,
    article: &Article,
    detection: Detection,
    prepare: Prepare<'_>,
    scores: &mut GeoScores,
) -> Reading {
    let mut doc = segmented(&article.text);
    let prepared = prepare(&mut doc);
    let (toponyms, gold_of) = match detection {
        Detection::Gold => gold_toponyms(gazetteer, article),
        Detection::Own => own_toponyms(gazetteer, article, &doc, &prepared, scores),
    };
    let mut reading = Reading {
        doc,
        prepared,
        toponyms,
        gold_of,
        alone: Vec::new(),
    };
    reading.alone = resolve(gazetteer, detection, &reading, None);
    reading
}

/// The places chosen for the toponyms of `reading`, with `home` as the
/// source's home region: with own detection through
/// [`DocumentPlaces::new`] itself, as `dyad code` does.
fn resolve(
    gazetteer: &Gazetteer,
    detection: Detection,
    reading: &Reading,
    home: Option<&SourceProfile>,
) -> Vec<Option<u32>> {
    let countries: Vec<&str> = reading
        .prepared
        .actor_countries
        .iter()
        .map(String::as_str)
        .collect();
    let context = ResolveContext {
        actor_countries: &countries,
        not_places: &reading.prepared.not_places,
        home,
    };
    match detection {
        Detection::Gold => gazetteer.resolve(&reading.toponyms, &reading.doc.text, &context),
        Detection::Own => DocumentPlaces::new(gazetteer, &reading.doc, &context)
            .mentions()
            .iter()
            .map(|(_, _, c)| *c)
            .collect(),
    }
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

impl Tally {
    /// Sets the accuracy and mean error of `scores`.
    fn finish(&self, scores: &mut GeoScores) {
        scores.accuracy_161km = ratio(self.within, scores.toponyms);
        scores.mean_error_km = if self.resolved > 0 {
            self.error_sum / self.resolved as f64
        } else {
            0.0
        };
    }
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

/// The toponyms `dyad code` finds in `doc` (the prepared `article`), in
/// the order [`DocumentPlaces::new`] keeps them, each with the index of
/// the gold toponym of the same span, if any; counts them in `scores`.
fn own_toponyms(
    gazetteer: &Gazetteer,
    article: &Article,
    doc: &Document,
    prepared: &Prepared,
    scores: &mut GeoScores,
) -> (Vec<Toponym>, Vec<Option<usize>>) {
    let found: Vec<Toponym> =
        crate::detect::document_toponyms(gazetteer, doc, &prepared.not_places)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
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

    /// An article whose gold "Paris" is Paris, Texas.
    fn article(id: &str, domain: &str, text: &str, gold: Option<(&str, f64, f64)>) -> Article {
        let toponyms = gold
            .into_iter()
            .filter_map(|(phrase, lat, lon)| {
                let start = text.find(phrase)?;
                Some(GoldToponym {
                    start,
                    end: start + phrase.len(),
                    phrase: phrase.to_string(),
                    coordinates: Some((lat, lon)),
                })
            })
            .collect();
        Article {
            id: id.to_string(),
            domain: domain.to_string(),
            text: text.to_string(),
            toponyms,
        }
    }

    #[test]
    fn the_pipeline_figure_has_no_source_profile() {
        let gazetteer = Gazetteer::builtin();
        let domain = "paris-news.example";
        // With gold detection, the profile comes from the gold spans of the
        // source's other articles.
        let mut articles: Vec<Article> = [
            (
                "Police in Tyler, Texas, said the roads were closed.",
                "Tyler",
                32.3513,
                -95.3011,
            ),
            (
                "Schools in Sherman, Texas, reopened.",
                "Sherman",
                33.6357,
                -96.6089,
            ),
            (
                "A fire in Bonham, Texas, destroyed a barn.",
                "Bonham",
                33.5773,
                -96.1783,
            ),
            (
                "The council of Sulphur Springs, Texas, met.",
                "Texas",
                31.25,
                -99.25,
            ),
        ]
        .iter()
        .enumerate()
        .map(|(i, &(text, town, lat, lon))| {
            let mut a = article(&i.to_string(), domain, text, Some((town, lat, lon)));
            if let Some(start) = text.find("Texas") {
                a.toponyms.push(GoldToponym {
                    start,
                    end: start + 5,
                    phrase: "Texas".to_string(),
                    coordinates: None,
                });
            }
            a
        })
        .collect();
        articles.push(article(
            "paris",
            domain,
            "The mayor of Paris announced a new budget.",
            Some(("Paris", 33.6609, -95.5555)),
        ));
        let paris_missed = |scores: &GeoScores| scores.misses.iter().any(|m| m.0 == "paris");
        for detection in [Detection::Gold, Detection::Own] {
            let evaluation = evaluate(&gazetteer, &articles, detection);
            // Alone, as `dyad code` reads it, "Paris" is Paris, France.
            assert!(paris_missed(&evaluation.pipeline), "{detection:?}");
            // With the source's other articles, it is the Texas town.
            assert!(
                !paris_missed(&evaluation.with_source_profile),
                "{detection:?} {:?}",
                evaluation.with_source_profile.misses
            );
            assert!(
                evaluation.with_source_profile.accuracy_161km > evaluation.pipeline.accuracy_161km
            );
        }
        // The pipeline's figure is that of `DocumentPlaces`, street names
        // and all: a town inside a street's name is not resolved.
        let streets = [article(
            "s",
            "",
            "Police closed Paris Road in Tyler on Monday.",
            Some(("Tyler", 32.3513, -95.3011)),
        )];
        let evaluation = evaluate(&gazetteer, &streets, Detection::Own);
        assert_eq!(evaluation.pipeline.detected, 2);
        assert_eq!(evaluation.pipeline.detected_correct, 1);
        assert_eq!(evaluation.pipeline.accuracy_161km, 1.0);
    }

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
