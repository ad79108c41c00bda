//! The records dyad writes: `dyad.document/1` JSON lines, CoNLL-U, and
//! `dyad.error/1` error records.
//!
//! Internal types are not `Serialize`; this module owns the serialisable
//! views, so each output contract has one owner.

use std::io::Write;
use std::path::Path;

use dyad_core::{DocError, Document, Sentence};
use serde::Serialize;

/// `dyad.document/1`: a document with its blocks, sentences and tokens.
#[derive(Serialize)]
struct DocumentRecord<'a> {
    schema: &'static str,
    id: &'a str,
    title: Option<&'a str>,
    date: Option<String>,
    date_text: Option<&'a str>,
    url: Option<&'a str>,
    source: SourceRecord<'a>,
    text: &'a str,
    blocks: Vec<BlockRecord>,
    sentences: Vec<SentenceRecord<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct SourceRecord<'a> {
    path: &'a str,
    line: Option<u64>,
}

#[derive(Serialize)]
struct BlockRecord {
    kind: &'static str,
    span: [u32; 2],
}

#[derive(Serialize)]
struct SentenceRecord<'a> {
    span: [u32; 2],
    block: usize,
    tokens: Vec<TokenRecord<'a>>,
}

#[derive(Serialize)]
struct TokenRecord<'a> {
    form: &'a str,
    span: [u32; 2],
    /// Part of the previous token's surface word ("n't" of "don't").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    joined: bool,
    /// Tagging and parsing, when the sentence has been analysed.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    analysis: Option<AnalysisRecord<'a>>,
}

#[derive(Serialize)]
struct AnalysisRecord<'a> {
    lemma: &'a str,
    upos: &'a str,
    xpos: &'a str,
    feats: &'a str,
    /// 1-based index of the head token in the sentence; 0 for the root.
    head: u32,
    deprel: &'a str,
}

/// `dyad.error/1`.
#[derive(Serialize)]
struct ErrorRecord<'a> {
    schema: &'static str,
    doc_id: Option<&'a str>,
    source: &'a str,
    line: Option<u64>,
    error: &'a str,
}

/// Appends `doc` as one `dyad.document/1` JSON line to `out`.
pub fn write_document_json(doc: &Document, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let record = DocumentRecord {
        schema: "dyad.document/1",
        id: &doc.meta.id,
        title: doc.meta.title.as_deref(),
        date: doc.meta.date.map(|d| d.to_string()),
        date_text: doc.meta.date_text.as_deref(),
        url: doc.meta.url.as_deref(),
        source: SourceRecord {
            path: &doc.meta.origin.path,
            line: doc.meta.origin.line,
        },
        text: &doc.text,
        blocks: doc
            .blocks
            .iter()
            .map(|b| BlockRecord {
                kind: b.kind.as_str(),
                span: b.span.chars(),
            })
            .collect(),
        sentences: doc
            .sentences
            .iter()
            .map(|s| SentenceRecord {
                span: s.span.chars(),
                block: s.block,
                tokens: s
                    .tokens
                    .iter()
                    .enumerate()
                    .map(|(i, t)| TokenRecord {
                        form: t.form(&doc.text),
                        span: t.span.chars(),
                        joined: t.joined,
                        analysis: s.analysis.get(i).map(|a| AnalysisRecord {
                            lemma: &a.lemma,
                            upos: &a.upos,
                            xpos: &a.xpos,
                            feats: &a.feats,
                            head: a.head,
                            deprel: &a.deprel,
                        }),
                    })
                    .collect(),
            })
            .collect(),
        warnings: &doc.warnings,
    };
    serde_json::to_writer(&mut *out, &record)?;
    out.push(b'\n');
    Ok(())
}

/// Where a stream of records goes when no file is named.
#[derive(Clone, Copy, Debug)]
pub enum Fallback {
    /// Standard output, buffered.
    Stdout,
    /// Standard error, unbuffered (error records interleave with messages).
    Stderr,
}

/// Opens the named file (buffered), or the fallback stream.
pub fn open(path: Option<&std::path::Path>, fallback: Fallback) -> anyhow::Result<Box<dyn Write>> {
    use anyhow::Context;
    Ok(match (path, fallback) {
        (None, Fallback::Stdout) => Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout().lock(),
        )),
        (None, Fallback::Stderr) => Box::new(std::io::stderr()),
        (Some(path), _) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
    })
}

/// Error records written per input file at most; past it a file's errors
/// are counted and summed up in one warning at the end of the run, so a
/// file of junk cannot flood the error stream.
pub const ERRORS_PER_FILE: usize = 100;

/// Where `dyad.error/1` records go, at most [`ERRORS_PER_FILE`] per input
/// file.
pub struct ErrorSink {
    out: Box<dyn Write>,
    per_file: std::collections::HashMap<String, usize>,
}

impl ErrorSink {
    /// Error records go to `out`.
    pub fn new(out: Box<dyn Write>) -> ErrorSink {
        ErrorSink {
            out,
            per_file: std::collections::HashMap::new(),
        }
    }

    /// Writes `err` as one JSON line, unless its file already had
    /// [`ERRORS_PER_FILE`].
    pub fn write(&mut self, err: &DocError) -> anyhow::Result<()> {
        let seen = self.per_file.entry(err.source_path.clone()).or_default();
        *seen += 1;
        if *seen > ERRORS_PER_FILE {
            return Ok(());
        }
        let mut line = Vec::new();
        write_error_json(err, &mut line)?;
        self.out.write_all(&line)?;
        Ok(())
    }

    /// Flushes, and warns once per file whose errors were cut.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.out.flush()?;
        let mut cut: Vec<(&String, &usize)> = self
            .per_file
            .iter()
            .filter(|(_, n)| **n > ERRORS_PER_FILE)
            .collect();
        cut.sort();
        for (file, n) in cut {
            err_line!(
                "dyad: warning: {file}: {n} errors, only the first {ERRORS_PER_FILE} written as records"
            );
        }
        Ok(())
    }
}

/// Refuses to write output and error records to the same file (their
/// lines would interleave into corrupt JSON).
pub fn distinct(output: Option<&Path>, errors: Option<&Path>) -> anyhow::Result<()> {
    let (Some(output), Some(errors)) = (output, errors) else {
        return Ok(());
    };
    let resolved = |p: &Path| -> std::path::PathBuf {
        if let Ok(full) = p.canonicalize() {
            return full;
        }
        let parent = match p.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        match (parent.canonicalize(), p.file_name()) {
            (Ok(dir), Some(name)) => dir.join(name),
            _ => p.to_path_buf(),
        }
    };
    anyhow::ensure!(
        resolved(output) != resolved(errors),
        "--output and --errors name the same file {}: give them different files",
        output.display()
    );
    Ok(())
}

/// Appends `err` as one `dyad.error/1` JSON line to `out`.
pub fn write_error_json(err: &DocError, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let record = ErrorRecord {
        schema: "dyad.error/1",
        doc_id: err.doc_id.as_deref(),
        source: &err.source_path,
        line: err.line,
        error: &err.message,
    };
    serde_json::to_writer(&mut *out, &record)?;
    out.push(b'\n');
    Ok(())
}

/// Appends `doc` as CoNLL-U to `out`: one `# newdoc`, then each sentence
/// with `# sent_id` and `# text`, multiword-token lines for clitic groups,
/// and `SpaceAfter=No` where no space follows. Columns the pipeline has not
/// filled yet are `_`.
pub fn write_document_conllu(doc: &Document, out: &mut Vec<u8>) -> std::io::Result<()> {
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let mut conllu = to_conllu(doc, sentence);
        conllu.comments.clear();
        if index == 0 {
            conllu.comments.push(format!("newdoc id = {}", doc.meta.id));
        }
        conllu
            .comments
            .push(format!("sent_id = {}-{}", doc.meta.id, index + 1));
        conllu.comments.push(format!(
            "text = {}",
            doc.slice(sentence.span).replace('\n', " ")
        ));
        dyad_conllu::write_sentence(out, &conllu)?;
    }
    Ok(())
}

/// The CoNLL-U view of one sentence (surface tokens and words).
fn to_conllu(doc: &Document, sentence: &Sentence) -> dyad_conllu::Sentence {
    let tokens = &sentence.tokens;
    let mut conllu = dyad_conllu::Sentence::default();
    // SpaceAfter=No inside the sentence where the next char is not a space.
    let no_space = |end: u32| {
        let glued = end < sentence.span.byte_end
            && doc.text[end as usize..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace());
        if glued {
            "SpaceAfter=No".to_string()
        } else {
            String::new()
        }
    };
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i + 1;
        while j < tokens.len() && tokens[j].joined {
            j += 1;
        }
        let group_end = tokens[j - 1].span.byte_end;
        if j - i > 1 {
            conllu.multiword_tokens.push(dyad_conllu::MultiwordToken {
                first: i as u32 + 1,
                last: j as u32,
                form: doc.text[tokens[i].span.byte_start as usize..group_end as usize].to_string(),
                misc: no_space(group_end),
            });
        }
        for (k, token) in tokens.iter().enumerate().take(j).skip(i) {
            let analysis = sentence.analysis.get(k);
            let field = |f: fn(&dyad_core::Analysis) -> &str| {
                analysis.map(|a| f(a).to_string()).unwrap_or_default()
            };
            conllu.words.push(dyad_conllu::Word {
                id: k as u32 + 1,
                form: token.form(&doc.text).replace(char::is_whitespace, "_"),
                lemma: field(|a| &a.lemma),
                upos: field(|a| &a.upos),
                xpos: field(|a| &a.xpos),
                feats: field(|a| &a.feats),
                head: analysis.map(|a| a.head),
                deprel: field(|a| &a.deprel),
                misc: if j - i > 1 {
                    String::new()
                } else {
                    no_space(token.span.byte_end)
                },
                ..dyad_conllu::Word::default()
            });
        }
        i = j;
    }
    conllu
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::{BlockKind, DocumentBuilder};

    fn doc() -> Document {
        let mut builder = DocumentBuilder::new("d1");
        builder.push_block(BlockKind::Title, "Iran’s move");
        builder.push_block(BlockKind::Body, "They don't know.");
        let mut doc = builder.finish();
        dyad_text::Segmenter::new().segment(&mut doc);
        doc
    }

    #[test]
    fn document_json_has_char_spans_and_blocks() {
        let mut out = Vec::new();
        write_document_json(&doc(), &mut out).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["schema"], "dyad.document/1");
        assert_eq!(value["blocks"][0]["kind"], "title");
        assert_eq!(value["blocks"][1]["span"], serde_json::json!([13, 29]));
        let tokens = &value["sentences"][1]["tokens"];
        assert_eq!(tokens[1]["form"], "do");
        assert_eq!(tokens[2]["form"], "n't");
        assert_eq!(tokens[2]["joined"], true);
        assert_eq!(tokens[2]["span"], serde_json::json!([20, 23]));
    }

    #[test]
    fn conllu_has_multiword_tokens_and_space_after() {
        let mut out = Vec::new();
        write_document_conllu(&doc(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with(
                "# newdoc id = d1\n# sent_id = d1-1\n# text = Iran’s move\n1-2\tIran’s\t"
            ),
            "{text}"
        );
        assert!(
            text.contains("2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\t"),
            "{text}"
        );
        assert!(
            text.contains("4\tknow\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n5\t.\t"),
            "{text}"
        );
        // It reads back as valid CoNLL-U with the same text.
        let sentences: Vec<_> = dyad_conllu::Reader::new(text.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(sentences[1].raw_text(), "They don't know.");
    }

    #[test]
    fn error_record_follows_the_contract() {
        let mut out = Vec::new();
        let err = DocError::at_line("in.jsonl", 3, "invalid json").with_doc_id("x");
        write_error_json(&err, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"schema\":\"dyad.error/1\",\"doc_id\":\"x\",\"source\":\"in.jsonl\",\"line\":3,\"error\":\"invalid json\"}\n"
        );
    }
}
