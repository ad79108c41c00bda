//! Evaluation on the LGL geoparsing corpus (Lieberman, Samet and
//! Sankaranarayanan 2010, in the XML form of Gritta et al.'s "Pragmatic
//! Guide to Geoparsing Evaluation"): toponym detection against the gold
//! spans and resolution accuracy within 161 km (100 miles).

use std::path::Path;

use dyad_core::{Block, BlockKind, CharIndex, Document, Meta};
use quick_xml::events::Event;

use crate::Error;
use crate::gazetteer::{Gazetteer, distance_km};
use crate::normalize;
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
    let mut articles = Vec::new();
    let mut article = Article::default();
    let mut toponym: Option<GoldToponym> = None;
    let mut lat = None;
    let mut lon = None;
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Eof => break,
            Event::Start(start) => {
                let name = start.name().as_ref().to_string();
                match name.as_str() {
                    "article" => {
                        article = Article::default();
                        if let Some(Ok(id)) = start
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == "docid")
                            .map(|a| Ok::<String, ()>(a.value.to_string()))
                        {
                            article.id = id;
                        }
                    }
                    "toponym" => {
                        toponym = Some(GoldToponym {
                            start: 0,
                            end: 0,
                            phrase: String::new(),
                            coordinates: None,
                        });
                        lat = None;
                        lon = None;
                    }
                    _ => {}
                }
                path.push(name);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t),
            Event::CData(t) => text.push_str(&t),
            Event::GeneralRef(r) => match r.as_ref() {
                "amp" => text.push('&'),
                "lt" => text.push('<'),
                "gt" => text.push('>'),
                "quot" => text.push('"'),
                "apos" => text.push('\''),
                _ => {}
            },
            Event::End(end) => {
                let parent = path.len().checked_sub(2).and_then(|i| path.get(i)).cloned();
                path.pop();
                let value = std::mem::take(&mut text);
                match (end.name().as_ref(), parent.as_deref()) {
                    ("text", Some("article")) => article.text = value,
                    ("start", Some("toponym")) => {
                        if let Some(t) = &mut toponym {
                            t.start = value.trim().parse().map_err(|_| "bad <start>")?;
                        }
                    }
                    ("end", Some("toponym")) => {
                        if let Some(t) = &mut toponym {
                            t.end = value.trim().parse().map_err(|_| "bad <end>")?;
                        }
                    }
                    ("phrase", Some("toponym")) => {
                        if let Some(t) = &mut toponym {
                            t.phrase = value;
                        }
                    }
                    ("lat", Some("gaztag")) => lat = value.trim().parse().ok(),
                    ("lon", Some("gaztag")) => lon = value.trim().parse().ok(),
                    ("toponym", _) => {
                        if let Some(mut t) = toponym.take() {
                            if let (Some(lat), Some(lon)) = (lat, lon) {
                                t.coordinates = Some((lat, lon));
                            }
                            article.toponyms.push(t);
                        }
                    }
                    ("article", _) => articles.push(std::mem::take(&mut article)),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Ok(articles)
}

/// A document holding `text` as one body block, segmented into sentences
/// and tokens.
fn segmented(text: &str) -> Document {
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

/// Evaluates `gazetteer` on `articles`.
pub fn evaluate(gazetteer: &Gazetteer, articles: &[Article], detection: Detection) -> GeoScores {
    let mut scores = GeoScores::default();
    let mut within = 0usize;
    let mut error_sum = 0.0;
    let mut resolved = 0usize;
    for article in articles {
        let index = CharIndex::new(&article.text);
        // Byte offset of each char offset.
        let byte_of: Vec<usize> = article
            .text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(article.text.len()))
            .collect();
        scores.gold_spans += article.toponyms.len();
        // (toponym, gold index) pairs to resolve and score.
        let (toponyms, gold_of): (Vec<Toponym>, Vec<Option<usize>>) = match detection {
            Detection::Gold => article
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
                .unzip(),
            Detection::Own => {
                let doc = segmented(&article.text);
                let mut found = Vec::new();
                for sentence in &doc.sentences {
                    found.extend(gazetteer.find_toponyms(
                        &doc.text,
                        &sentence.tokens,
                        &sentence.analysis,
                    ));
                }
                scores.detected += found.len();
                let gold_of: Vec<Option<usize>> = found
                    .iter()
                    .map(|t| {
                        article.toponyms.iter().position(|g| {
                            g.start == t.span.char_start as usize
                                && g.end == t.span.char_end as usize
                        })
                    })
                    .collect();
                scores.detected_correct += gold_of.iter().flatten().count();
                (found, gold_of)
            }
        };
        let chosen = gazetteer.resolve(&toponyms, &article.text, &ResolveContext::default());
        for (choice, gold) in chosen.iter().zip(&gold_of) {
            let Some(gold) = gold.and_then(|g| article.toponyms.get(g)) else {
                continue;
            };
            let Some((lat, lon)) = gold.coordinates else {
                continue;
            };
            scores.toponyms += 1;
            match choice.and_then(|c| gazetteer.place(c)) {
                Some(place) => {
                    let error = distance_km(lat, lon, place.lat, place.lon);
                    resolved += 1;
                    error_sum += error;
                    if error <= 161.0 {
                        within += 1;
                    } else {
                        let chosen = format!(
                            "{} ({}, {})",
                            place.name,
                            place.country,
                            gazetteer.admin1(place).unwrap_or("")
                        );
                        scores.misses.push((
                            article.id.clone(),
                            gold.phrase.clone(),
                            chosen,
                            error,
                        ));
                    }
                }
                None => {
                    scores.unresolved += 1;
                    scores.misses.push((
                        article.id.clone(),
                        gold.phrase.clone(),
                        String::new(),
                        0.0,
                    ));
                }
            }
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
    scores.accuracy_161km = ratio(within, scores.toponyms);
    scores.mean_error_km = if resolved > 0 {
        error_sum / resolved as f64
    } else {
        0.0
    };
    scores
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
