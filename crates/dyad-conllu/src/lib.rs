//! Reading and writing CoNLL-U, the Universal Dependencies file format.
//!
//! [`Reader`] streams sentences out of any `BufRead`; a malformed sentence
//! yields one [`Error`] naming its line and the reader goes on with the next
//! sentence. [`Sentence::validate_tree`] checks that the basic dependency
//! tree is a tree (one root, heads in range, no cycles); [`write_sentence`]
//! writes a sentence back.
//!
//! This crate knows nothing about dyad's document model: turning CoNLL-U
//! into documents is `dyad-ingest`'s job.
//!
//! ```
//! let data = "# text = Hi there\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No\n\n";
//! let sentences: Vec<_> = dyad_conllu::Reader::new(data.as_bytes()).collect();
//! let sentence = sentences[0].as_ref().unwrap();
//! assert_eq!(sentence.words[1].form, "there");
//! assert_eq!(sentence.words[1].head, Some(1));
//! assert!(sentence.validate_tree().is_ok());
//! ```

use std::io::{self, BufRead, Write};

/// A problem in CoNLL-U input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be read.
    #[error("line {line}: read error: {source}")]
    Io {
        /// Line being read.
        line: u64,
        /// The underlying error.
        source: io::Error,
    },
    /// A line or sentence breaks the format.
    #[error("line {line}: {message}")]
    Format {
        /// 1-based line of the problem.
        line: u64,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// The 1-based line the error is at.
    pub fn line(&self) -> u64 {
        match self {
            Error::Io { line, .. } | Error::Format { line, .. } => *line,
        }
    }

    fn format(line: u64, message: impl Into<String>) -> Error {
        Error::Format {
            line,
            message: message.into(),
        }
    }
}

/// One syntactic word (a line with an integer id).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// 1-based position in the sentence.
    pub id: u32,
    /// Word form.
    pub form: String,
    /// Lemma (`_` when unknown).
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Language-specific part of speech.
    pub xpos: String,
    /// Morphological features, `_` or `Feat=Val|…`.
    pub feats: String,
    /// Head word id (0 = root), `None` when the column is `_`.
    pub head: Option<u32>,
    /// Dependency relation.
    pub deprel: String,
    /// Enhanced dependencies, kept verbatim.
    pub deps: String,
    /// Anything else, kept verbatim.
    pub misc: String,
}

impl Word {
    /// Whether MISC says `SpaceAfter=No`.
    pub fn space_after(&self) -> bool {
        !has_no_space_after(&self.misc)
    }
}

/// A multiword token (a line with a range id such as `3-4`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MultiwordToken {
    /// First word id covered.
    pub first: u32,
    /// Last word id covered.
    pub last: u32,
    /// Surface form.
    pub form: String,
    /// MISC column.
    pub misc: String,
}

impl MultiwordToken {
    /// Whether MISC says `SpaceAfter=No`.
    pub fn space_after(&self) -> bool {
        !has_no_space_after(&self.misc)
    }
}

fn has_no_space_after(misc: &str) -> bool {
    misc.split('|').any(|item| item == "SpaceAfter=No")
}

/// One sentence of a CoNLL-U file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// 1-based line of the sentence's first line.
    pub line: u64,
    /// `# sent_id`.
    pub sent_id: Option<String>,
    /// `# text`.
    pub text: Option<String>,
    /// `# newdoc` (with its id, or empty when it has none).
    pub newdoc: Option<String>,
    /// Whether a `# newpar` comment opens a paragraph here.
    pub newpar: bool,
    /// All comment lines, without the leading `#` and space, in order.
    pub comments: Vec<String>,
    /// Syntactic words, ids 1..=n in order.
    pub words: Vec<Word>,
    /// Multiword tokens, in order.
    pub multiword_tokens: Vec<MultiwordToken>,
}

/// A surface token of a sentence: a multiword token or a plain word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurfaceToken<'s> {
    /// Surface form.
    pub form: &'s str,
    /// Word indexes (0-based into [`Sentence::words`]) it covers.
    pub words: std::ops::Range<usize>,
    /// Whether a space follows.
    pub space_after: bool,
}

impl Sentence {
    /// The surface tokens, in order.
    pub fn surface_tokens(&self) -> Vec<SurfaceToken<'_>> {
        let mut tokens = Vec::with_capacity(self.words.len());
        let mut mwts = self.multiword_tokens.iter().peekable();
        let mut index = 0;
        while index < self.words.len() {
            let id = index as u32 + 1;
            if let Some(mwt) = mwts.next_if(|m| m.first == id) {
                let end = (mwt.last as usize).min(self.words.len());
                tokens.push(SurfaceToken {
                    form: &mwt.form,
                    words: index..end.max(index + 1),
                    space_after: mwt.space_after(),
                });
                index = end.max(index + 1);
            } else {
                let word = &self.words[index];
                tokens.push(SurfaceToken {
                    form: &word.form,
                    words: index..index + 1,
                    space_after: word.space_after(),
                });
                index += 1;
            }
        }
        tokens
    }

    /// The sentence's text: `# text` when present, else the surface tokens
    /// joined as `SpaceAfter` says.
    pub fn raw_text(&self) -> String {
        if let Some(text) = &self.text {
            return text.clone();
        }
        let mut text = String::new();
        for token in self.surface_tokens() {
            text.push_str(token.form);
            if token.space_after {
                text.push(' ');
            }
        }
        text.truncate(text.trim_end().len());
        text
    }

    /// Checks the basic dependency tree: every head present and in range,
    /// exactly one word attached to 0, and no cycle.
    pub fn validate_tree(&self) -> Result<(), Error> {
        let n = self.words.len() as u32;
        let mut roots = 0;
        for word in &self.words {
            match word.head {
                None => {
                    return Err(Error::format(
                        self.line,
                        format!("word {} ({:?}) has no head", word.id, word.form),
                    ));
                }
                Some(0) => roots += 1,
                Some(head) if head > n => {
                    return Err(Error::format(
                        self.line,
                        format!(
                            "word {} has head {head}, but the sentence has {n} words",
                            word.id
                        ),
                    ));
                }
                Some(head) if head == word.id => {
                    return Err(Error::format(
                        self.line,
                        format!("word {} is its own head", word.id),
                    ));
                }
                Some(_) => {}
            }
        }
        if roots != 1 {
            return Err(Error::format(
                self.line,
                format!("the tree has {roots} roots (words with head 0); it needs exactly 1"),
            ));
        }
        // Linear in the words: each is marked once it is known to reach the
        // root, so a chain of heads is followed at most once.
        let mut reaches_root = vec![false; self.words.len()];
        let mut on_path = vec![false; self.words.len()];
        let mut path = Vec::new();
        for word in &self.words {
            let mut at = word.id;
            path.clear();
            while at != 0 && !reaches_root[at as usize - 1] {
                let index = at as usize - 1;
                if on_path[index] {
                    return Err(Error::format(
                        self.line,
                        format!("word {} is in a cycle (it never reaches the root)", word.id),
                    ));
                }
                on_path[index] = true;
                path.push(index);
                at = self.words[index].head.unwrap_or(0);
            }
            for &index in &path {
                reaches_root[index] = true;
                on_path[index] = false;
            }
        }
        Ok(())
    }
}

/// Streams [`Sentence`]s from CoNLL-U text.
///
/// A sentence with a malformed line yields one [`Error`]; reading resumes at
/// the next blank line.
#[derive(Debug)]
pub struct Reader<R> {
    input: R,
    line: u64,
    buf: String,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    /// A reader over `input`.
    pub fn new(input: R) -> Reader<R> {
        Reader {
            input,
            line: 0,
            buf: String::new(),
            done: false,
        }
    }

    /// Reads one line into `self.buf` (without its line ending); `Ok(false)`
    /// at end of input.
    fn next_line(&mut self) -> Result<bool, Error> {
        self.buf.clear();
        let n = self
            .input
            .read_line(&mut self.buf)
            .map_err(|source| Error::Io {
                line: self.line + 1,
                source,
            })?;
        if n == 0 {
            return Ok(false);
        }
        self.line += 1;
        let len = self.buf.trim_end_matches(['\n', '\r']).len();
        self.buf.truncate(len);
        Ok(true)
    }

    fn read_sentence(&mut self) -> Option<Result<Sentence, Error>> {
        let mut sentence = Sentence::default();
        let mut error: Option<Error> = None;
        loop {
            match self.next_line() {
                Err(err) => {
                    self.done = true;
                    return Some(Err(err));
                }
                Ok(false) => {
                    self.done = true;
                    break;
                }
                Ok(true) => {}
            }
            if self.buf.trim().is_empty() {
                if sentence.line == 0 && error.is_none() {
                    continue; // extra blank lines between sentences
                }
                break;
            }
            if sentence.line == 0 {
                sentence.line = self.line;
            }
            if error.is_some() {
                continue;
            }
            let line = std::mem::take(&mut self.buf);
            if let Err(err) = parse_line(&line, self.line, &mut sentence) {
                error = Some(err);
            }
            self.buf = line;
        }
        if let Some(err) = error {
            return Some(Err(err));
        }
        if sentence.line == 0 {
            return None;
        }
        if sentence.words.is_empty() {
            return Some(Err(Error::format(
                sentence.line,
                "sentence has comments but no word lines",
            )));
        }
        Some(Ok(sentence))
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Sentence, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.read_sentence()
    }
}

fn parse_line(line: &str, number: u64, sentence: &mut Sentence) -> Result<(), Error> {
    if let Some(comment) = line.strip_prefix('#') {
        parse_comment(comment, sentence);
        return Ok(());
    }
    let columns: Vec<&str> = line.split('\t').collect();
    if columns.len() != 10 {
        return Err(Error::format(
            number,
            format!("expected 10 tab-separated columns, found {}", columns.len()),
        ));
    }
    let id = columns[0];
    if id.contains('.') {
        return Ok(()); // empty node of the enhanced graph: not part of the basic tree
    }
    if let Some((first, last)) = id.split_once('-') {
        return parse_range(&columns, first, last, number, sentence);
    }
    parse_word(&columns, number, sentence)
}

/// Records one comment line (the text after `#`), noting the sentence id,
/// text and document/paragraph starts it may carry.
fn parse_comment(comment: &str, sentence: &mut Sentence) {
    let comment = comment.trim_start();
    if let Some((key, value)) = comment.split_once('=') {
        let value = value.trim().to_string();
        match key.trim() {
            "sent_id" => sentence.sent_id = Some(value),
            "text" => sentence.text = Some(value),
            "newdoc id" => sentence.newdoc = Some(value),
            "newpar id" => sentence.newpar = true,
            _ => {}
        }
    } else if comment.trim() == "newdoc" {
        sentence.newdoc = Some(String::new());
    } else if comment.trim() == "newpar" {
        sentence.newpar = true;
    }
    sentence.comments.push(comment.to_string());
}

/// Records a multiword-token line whose id is the range `first-last`.
fn parse_range(
    columns: &[&str],
    first: &str,
    last: &str,
    number: u64,
    sentence: &mut Sentence,
) -> Result<(), Error> {
    let id = columns[0];
    let first = parse_id(first, number)?;
    let last = parse_id(last, number)?;
    if last < first {
        return Err(Error::format(number, format!("bad range id {id:?}")));
    }
    if first != sentence.words.len() as u32 + 1 {
        return Err(Error::format(
            number,
            format!(
                "range {id} does not start at the next word id ({})",
                sentence.words.len() + 1
            ),
        ));
    }
    sentence.multiword_tokens.push(MultiwordToken {
        first,
        last,
        form: columns[1].to_string(),
        misc: columns[9].to_string(),
    });
    Ok(())
}

/// Records one word line of ten columns.
fn parse_word(columns: &[&str], number: u64, sentence: &mut Sentence) -> Result<(), Error> {
    let id = parse_id(columns[0], number)?;
    if id != sentence.words.len() as u32 + 1 {
        return Err(Error::format(
            number,
            format!(
                "word id {id} out of sequence (expected {})",
                sentence.words.len() + 1
            ),
        ));
    }
    let head = match columns[6] {
        "_" => None,
        head => Some(
            head.parse::<u32>()
                .map_err(|_| Error::format(number, format!("head {head:?} is not a number")))?,
        ),
    };
    if columns[1].is_empty() {
        return Err(Error::format(number, "empty FORM column"));
    }
    sentence.words.push(Word {
        id,
        form: columns[1].to_string(),
        lemma: columns[2].to_string(),
        upos: columns[3].to_string(),
        xpos: columns[4].to_string(),
        feats: columns[5].to_string(),
        head,
        deprel: columns[7].to_string(),
        deps: columns[8].to_string(),
        misc: columns[9].to_string(),
    });
    Ok(())
}

fn parse_id(text: &str, line: u64) -> Result<u32, Error> {
    match text.parse::<u32>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(Error::format(line, format!("bad word id {text:?}"))),
    }
}

/// Writes one sentence in CoNLL-U, followed by a blank line.
pub fn write_sentence<W: Write>(out: &mut W, sentence: &Sentence) -> io::Result<()> {
    for comment in &sentence.comments {
        writeln!(out, "# {comment}")?;
    }
    let mut mwts = sentence.multiword_tokens.iter().peekable();
    for word in &sentence.words {
        if let Some(mwt) = mwts.next_if(|m| m.first == word.id) {
            writeln!(
                out,
                "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                mwt.first,
                mwt.last,
                mwt.form,
                or_underscore(&mwt.misc)
            )?;
        }
        let head = word.head.map_or_else(|| "_".to_string(), |h| h.to_string());
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            word.id,
            word.form,
            or_underscore(&word.lemma),
            or_underscore(&word.upos),
            or_underscore(&word.xpos),
            or_underscore(&word.feats),
            head,
            or_underscore(&word.deprel),
            or_underscore(&word.deps),
            or_underscore(&word.misc)
        )?;
    }
    writeln!(out)
}

fn or_underscore(value: &str) -> &str {
    if value.is_empty() { "_" } else { value }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GOOD: &str = "# newdoc id = d1\n# sent_id = s1\n# newpar id = p1\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    fn read(text: &str) -> Vec<Result<Sentence, Error>> {
        Reader::new(text.as_bytes()).collect()
    }

    #[test]
    fn reads_comments_words_and_multiword_tokens() {
        let sentences = read(GOOD);
        assert_eq!(sentences.len(), 1);
        let s = sentences[0].as_ref().unwrap();
        assert_eq!(s.newdoc.as_deref(), Some("d1"));
        assert!(s.newpar);
        assert_eq!(s.words.len(), 5);
        let surface: Vec<_> = s.surface_tokens().iter().map(|t| t.form).collect();
        assert_eq!(surface, ["I", "don't", "know", "."]);
        assert!(s.validate_tree().is_ok());
        let mut out = Vec::new();
        write_sentence(&mut out, s).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), GOOD);
    }

    #[test]
    fn raw_text_without_text_comment_follows_space_after() {
        let text = GOOD.replace("# text = I don't know.\n", "");
        let s = read(&text).remove(0).unwrap();
        assert_eq!(s.raw_text(), "I don't know.");
    }

    #[test]
    fn malformed_sentences_report_their_line_and_reading_goes_on() {
        let bad_columns = "1\tHi\thi\tINTJ\n\n";
        let bad_head = "1\tHi\thi\tINTJ\tUH\t_\tx\troot\t_\t_\n\n";
        let input = format!("{bad_columns}{bad_head}{GOOD}");
        let results = read(&input);
        assert_eq!(results.len(), 3);
        let err = results[0].as_ref().unwrap_err();
        assert_eq!(err.line(), 1);
        assert!(
            err.to_string().contains("10 tab-separated columns"),
            "{err}"
        );
        let err = results[1].as_ref().unwrap_err();
        assert_eq!(err.line(), 3);
        assert!(err.to_string().contains("not a number"), "{err}");
        assert!(results[2].is_ok());
    }

    #[test]
    fn tree_validation_finds_cycles_missing_roots_and_bad_heads() {
        let line = |id: u32, head: u32| format!("{id}\tw\tw\tX\tX\t_\t{head}\tdep\t_\t_\n");
        let cycle = format!("{}{}{}\n", line(1, 0), line(2, 3), line(3, 2));
        let err = read(&cycle).remove(0).unwrap().validate_tree().unwrap_err();
        assert!(err.to_string().contains("cycle"), "{err}");
        let rootless = format!("{}{}\n", line(1, 2), line(2, 1));
        let err = read(&rootless)
            .remove(0)
            .unwrap()
            .validate_tree()
            .unwrap_err();
        assert!(err.to_string().contains("0 roots"), "{err}");
        let out_of_range = format!("{}{}\n", line(1, 0), line(2, 9));
        let err = read(&out_of_range)
            .remove(0)
            .unwrap()
            .validate_tree()
            .unwrap_err();
        assert!(err.to_string().contains("head 9"), "{err}");
    }

    #[test]
    fn a_long_chain_validates_in_linear_time() {
        // word i+1 heads word i: one chain of 200,000 words
        let n = 200_000u32;
        let sentence = Sentence {
            line: 1,
            words: (1..=n)
                .map(|id| Word {
                    id,
                    form: "w".to_string(),
                    head: Some(if id == n { 0 } else { id + 1 }),
                    ..Word::default()
                })
                .collect(),
            ..Sentence::default()
        };
        let started = std::time::Instant::now();
        assert!(sentence.validate_tree().is_ok());
        assert!(started.elapsed().as_secs() < 5);
    }

    /// Whether every word reaches the root by following at most n heads.
    fn naive_reaches_root(heads: &[u32]) -> bool {
        heads.iter().enumerate().all(|(i, _)| {
            let mut at = i as u32 + 1;
            for _ in 0..=heads.len() {
                if at == 0 {
                    return true;
                }
                at = heads[at as usize - 1];
            }
            at == 0
        })
    }

    proptest! {
        #[test]
        fn validation_agrees_with_following_every_chain(heads in proptest::collection::vec(0u32..8, 1..8)) {
            let n = heads.len() as u32;
            let in_range = heads.iter().enumerate().all(|(i, &h)| h <= n && h != i as u32 + 1);
            let roots = heads.iter().filter(|&&h| h == 0).count();
            let sentence = Sentence {
                line: 1,
                words: heads
                    .iter()
                    .enumerate()
                    .map(|(i, &h)| Word { id: i as u32 + 1, form: "w".to_string(), head: Some(h), ..Word::default() })
                    .collect(),
                ..Sentence::default()
            };
            let expected = in_range && roots == 1 && naive_reaches_root(&heads);
            prop_assert_eq!(sentence.validate_tree().is_ok(), expected);
        }

        #[test]
        fn never_panics_on_mutated_input(cut in 0usize..GOOD.len(), junk in "[\\t\\n0-9_#=-]{0,20}") {
            let cut = (0..=cut).rev().find(|&i| GOOD.is_char_boundary(i)).unwrap_or(0);
            let input = format!("{}{}{}", &GOOD[..cut], junk, &GOOD[cut..]);
            for sentence in read(&input).into_iter().flatten() {
                let _ = sentence.validate_tree();
                let _ = sentence.surface_tokens();
                let _ = sentence.raw_text();
            }
        }
    }
}
