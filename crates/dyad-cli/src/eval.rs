//! `dyad eval …`: accuracy against gold data.

use std::process::ExitCode;

use dyad_eval::{GoldText, Segmentation, score_segmentation};
use dyad_text::Segmenter;

use crate::args::EvalSegmentArgs;

/// `dyad eval segment --conllu FILE`.
pub fn segment(args: &EvalSegmentArgs) -> anyhow::Result<ExitCode> {
    let path = &args.conllu;
    let sentences = crate::nlp::read_conllu(path)?;
    let gold = GoldText::from_conllu(&sentences);
    let system = segment_text(&gold.text);
    let scores = score_segmentation(&gold.segmentation, &system);
    if args.show_errors {
        show_sentence_errors(&gold, &system)?;
    }
    let row = |name: &str, p: &dyad_eval::Prf| {
        out_line!(
            "{name:<10} gold {:>6} system {:>6} correct {:>6}  P {:.4}  R {:.4}  F1 {:.4}",
            p.gold,
            p.system,
            p.correct,
            p.precision,
            p.recall,
            p.f1
        )
    };
    row("tokens", &scores.tokens)?;
    row("words", &scores.words)?;
    row("sentences", &scores.sentences)?;
    let json = serde_json::json!({
        "file": path.display().to_string(),
        "tokens_f1": round4(scores.tokens.f1),
        "words_f1": round4(scores.words.f1),
        "sentences_f1": round4(scores.sentences.f1),
        "tokens_precision": round4(scores.tokens.precision),
        "tokens_recall": round4(scores.tokens.recall),
        "sentences_precision": round4(scores.sentences.precision),
        "sentences_recall": round4(scores.sentences.recall),
        "words": scores.words.gold,
        "gold_sentences": scores.sentences.gold,
    });
    out_line!("{json}")?;
    Ok(ExitCode::SUCCESS)
}

/// Segments `text` with dyad's segmenter into spans for scoring.
pub fn segment_text(text: &str) -> Segmentation {
    let segmenter = Segmenter::new();
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    segmenter.split_bytes(text, 0..text.len(), &mut tokens, &mut sentences);
    let mut out = Segmentation::default();
    for sentence in &sentences {
        let words = &tokens[sentence.first..sentence.end];
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            out.sentences.push((first.start, last.end));
        }
        // Group joined words into surface tokens.
        let mut i = 0;
        while i < words.len() {
            let mut j = i + 1;
            while j < words.len() && words[j].joined {
                j += 1;
            }
            let (start, end) = (words[i].start, words[j - 1].end);
            out.tokens.push((start, end));
            for (position, word) in words[i..j].iter().enumerate() {
                out.words
                    .push((start, end, position, text[word.start..word.end].to_string()));
            }
            i = j;
        }
    }
    out
}

fn show_sentence_errors(gold: &GoldText, system: &Segmentation) -> std::io::Result<()> {
    let gold_set: std::collections::HashSet<_> = gold.segmentation.sentences.iter().collect();
    let system_set: std::collections::HashSet<_> = system.sentences.iter().collect();
    for span in &system.sentences {
        if !gold_set.contains(span) {
            out_line!("SYS  {:?}", &gold.text[span.0..span.1])?;
        }
    }
    for span in &gold.segmentation.sentences {
        if !system_set.contains(span) {
            out_line!("GOLD {:?}", &gold.text[span.0..span.1])?;
        }
    }
    let gold_tokens: std::collections::HashSet<_> = gold.segmentation.tokens.iter().collect();
    let system_tokens: std::collections::HashSet<_> = system.tokens.iter().collect();
    for span in &system.tokens {
        if !gold_tokens.contains(span) {
            let context_start = gold.text.floor_char_boundary(span.0.saturating_sub(20));
            let context_end = gold
                .text
                .ceil_char_boundary((span.1 + 20).min(gold.text.len()));
            out_line!(
                "TOK  {:?} in {:?}",
                &gold.text[span.0..span.1],
                &gold.text[context_start..context_end]
            )?;
        }
    }
    for span in &gold.segmentation.tokens {
        if !system_tokens.contains(span) {
            out_line!("GTOK {:?}", &gold.text[span.0..span.1])?;
        }
    }
    Ok(())
}

/// Rounds to 4 decimals for reporting.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
