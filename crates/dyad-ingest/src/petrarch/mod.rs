//! PETRARCH XML: one document per `<Sentence date=… id=…>` element, its text
//! from the `<Text>` child, its parse from `<Parse>`.
//!
//! There is one reader of this format: the same scan serves
//! [`crate::read_inputs`] (documents) and [`read_records`] (the PETRARCH
//! unit-test records `dyad eval petrarch` scores: documents plus their
//! `<EventCoding>` gold, the `<Config>` options in force and the
//! `<Environment>`'s dictionary files).
//!
//! A `<Parse>` in CoNLL-U (tab-separated columns, as universal-petrarch's
//! files have) is kept: the document's one sentence carries its tokens and
//! analysis, so the given tree is coded rather than a new parse. A parse
//! whose words cannot all be found in the text in order, or whose heads do
//! not form a tree, is not used (the document gets a warning and is parsed
//! again); a bracketed Penn tree is not used either. An empty `<Text>` is
//! rebuilt from the parse's words, with a warning.
//!
//! The file is streamed with `quick-xml`. Malformed XML yields one error
//! record naming the line (and the sentence, when inside one); reading
//! resumes after it where the parser can, and stops the file otherwise. A
//! `<Text>` or `<Parse>` over the size cap is one error record. A bare `<`
//! in text ("a < b") is read as text, with a document warning.

mod build;

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use dyad_core::DocError;
use quick_xml::events::{BytesStart, Event};

pub use build::{Environment, GoldEvent, Record, RecordFile, read_records};

use crate::decode::{WARN_LOSSY, WARN_WINDOWS_1252, decode_entities, entity};
use crate::source::{DecodedLines, Source, read_buffered};
use crate::walk::Items;
use crate::{Item, MAX_DOCUMENT_BYTES};

/// Reads the sentences of `source` as documents.
pub(crate) fn read(mut source: Source) -> Items {
    let reader = std::mem::replace(&mut source.reader, Box::new(io::empty()));
    let warning = Arc::new(AtomicU8::new(0));
    let lines = DecodedLines::new(reader, Arc::clone(&warning));
    let scanner = Scanner::new(lines, source.path.clone(), source.gzip, MAX_DOCUMENT_BYTES);
    Box::new(PetrarchReader {
        scanner,
        source,
        warning,
        count: 0,
    })
}

/// The documents of one file.
struct PetrarchReader {
    scanner: Scanner<DecodedLines>,
    /// The file's names (its reader moved into `scanner`).
    source: Source,
    /// The worst decode of the lines read so far (see [`DecodedLines`]).
    warning: Arc<AtomicU8>,
    count: u64,
}

impl Iterator for PetrarchReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        match self.scanner.next_piece()? {
            Piece::Error(err) => Some(Err(err)),
            Piece::Sentence(mut pending) => {
                self.count += 1;
                match self.warning.swap(0, Ordering::Relaxed) {
                    1 => pending.warnings.insert(0, WARN_WINDOWS_1252.to_string()),
                    2 => pending.warnings.insert(0, WARN_LOSSY.to_string()),
                    _ => {}
                }
                Some(build::document(&self.source, self.count, pending))
            }
        }
    }
}

/// What the scan of a file yields, in file order.
pub(crate) enum Piece {
    /// A complete `<Sentence>` element.
    Sentence(Pending),
    /// An error record.
    Error(DocError),
}

/// A `<Sentence>` element as read.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    /// The `id` attribute.
    pub id: Option<String>,
    /// The `date` attribute.
    pub date: Option<String>,
    /// The `source` attribute (a news source, or a unit test's category).
    pub source: Option<String>,
    /// 1-based line of the tag.
    pub line: u64,
    in_text: bool,
    /// A `<Text>` element was seen.
    pub has_text: bool,
    /// The text, entities decoded, line breaks kept.
    pub text: String,
    in_parse: bool,
    /// The `<Parse>`, entities decoded.
    pub parse: String,
    /// The `<EventCoding>` gold events.
    pub gold: Vec<GoldEvent>,
    /// An `<EventCoding noevents="True">` was seen.
    pub no_events: bool,
    /// Problems that did not stop the sentence being read.
    pub warnings: Vec<String>,
    /// The `<Config option value>` settings seen before the sentence, in
    /// file order.
    pub config: Vec<(String, String)>,
    /// Set once the sentence has had an error record; it yields nothing.
    failed: bool,
}

/// Which `<Environment>` child is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EnvField {
    Verbs,
    Actors,
    Agents,
    Discards,
}

/// The streaming scan of one PETRARCH XML file.
pub(crate) struct Scanner<R> {
    xml: quick_xml::Reader<LineCounter<R>>,
    /// Names the file in error records.
    shell: Source,
    buf: Vec<u8>,
    sentence: Option<Pending>,
    /// The largest `<Text>` or `<Parse>` accepted, in bytes.
    cap: usize,
    last_error_at: Option<u64>,
    done: bool,
    /// Every `<Config>` setting seen outside sentences so far.
    config: Vec<(String, String)>,
    /// The `<Environment>` read so far.
    pub(crate) environment: Environment,
    in_environment: bool,
    env_field: Option<EnvField>,
}

impl<R: BufRead> Scanner<R> {
    pub(crate) fn new(reader: R, path: String, gzip: bool, cap: usize) -> Scanner<R> {
        let mut xml = quick_xml::Reader::from_reader(LineCounter::new(reader));
        let config = xml.config_mut();
        config.allow_dangling_amp = true;
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        Scanner {
            xml,
            shell: Source {
                path,
                stem: String::new(),
                gzip,
                reader: Box::new(io::empty()),
            },
            buf: Vec::new(),
            sentence: None,
            cap,
            last_error_at: None,
            done: false,
            config: Vec::new(),
            environment: Environment::default(),
            in_environment: false,
            env_field: None,
        }
    }

    /// The line of the tag just read.
    fn tag_line(&self) -> u64 {
        self.xml
            .get_ref()
            .line_at(self.xml.buffer_position().saturating_sub(1))
    }

    /// Starts a sentence; a sentence still open is finished with what it has
    /// (unless it already failed).
    fn open_sentence(&mut self, start: &BytesStart<'_>) -> Option<Piece> {
        let mut pending = pending_from(start, self.tag_line());
        pending.config = self.config.clone();
        self.sentence
            .replace(pending)
            .filter(|p| !p.failed)
            .map(Piece::Sentence)
    }

    /// The next sentence or error record; `None` at the end of the file.
    // Long because: one match over every XML event the format uses.
    pub(crate) fn next_piece(&mut self) -> Option<Piece> {
        while !self.done {
            self.buf.clear();
            let event = self.xml.read_event_into(&mut self.buf);
            match event {
                Err(err) => {
                    if let Some(piece) = self.xml_error(&err) {
                        return Some(piece);
                    }
                }
                Ok(Event::Eof) => {
                    self.done = true;
                    if let Some(pending) = self.sentence.take()
                        && !pending.failed
                    {
                        let error = self.error_in(
                            &pending,
                            pending.line,
                            "unterminated <Sentence> element".to_string(),
                        );
                        return Some(Piece::Error(error));
                    }
                }
                Ok(Event::Start(start)) => {
                    let start = start.into_owned();
                    if let Some(piece) = self.start_tag(&start, false) {
                        return Some(piece);
                    }
                }
                Ok(Event::Empty(start)) => {
                    let start = start.into_owned();
                    if let Some(piece) = self.start_tag(&start, true) {
                        return Some(piece);
                    }
                }
                Ok(Event::End(end)) => match end.name().as_ref() {
                    "Sentence" => {
                        if let Some(pending) = self.sentence.take()
                            && !pending.failed
                        {
                            return Some(Piece::Sentence(pending));
                        }
                    }
                    "Text" => {
                        if let Some(pending) = &mut self.sentence {
                            pending.in_text = false;
                        }
                    }
                    "Parse" => {
                        if let Some(pending) = &mut self.sentence {
                            pending.in_parse = false;
                        }
                    }
                    "Environment" => self.in_environment = false,
                    _ => self.env_field = None,
                },
                Ok(Event::Text(text)) => {
                    let text = String::from(&*text);
                    if let Some(error) = self.push_text(&text) {
                        return Some(Piece::Error(error));
                    }
                }
                Ok(Event::CData(text)) => {
                    let text = String::from(&*text);
                    if let Some(error) = self.push_text(&text) {
                        return Some(Piece::Error(error));
                    }
                }
                Ok(Event::GeneralRef(reference)) => {
                    let decoded = match entity(&reference) {
                        Some(Some(c)) => c.to_string(),
                        Some(None) => String::new(),
                        None => format!("&{};", &*reference),
                    };
                    if let Some(error) = self.push_text(&decoded) {
                        return Some(Piece::Error(error));
                    }
                }
                Ok(_) => {}
            }
        }
        None
    }

    /// A start (or empty) tag: sentences, their parts, `<Config>` and the
    /// environment; a "tag" inside text is a bare `<` and is read as text.
    fn start_tag(&mut self, start: &BytesStart<'static>, empty: bool) -> Option<Piece> {
        if self
            .sentence
            .as_ref()
            .is_some_and(|p| p.in_text || p.in_parse)
        {
            let raw = String::from(&**start);
            let name = start.name();
            let looks_like_markup = name
                .as_ref()
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && !raw.contains('<');
            if !looks_like_markup {
                return self.bare_less_than(&raw, empty);
            }
        }
        match start.name().as_ref() {
            // `<Sentence …/>` followed by its text and `</Sentence>`
            // occurs in real files: read it as an opening tag.
            "Sentence" => return self.open_sentence(start),
            "Text" if !empty => {
                if let Some(pending) = &mut self.sentence {
                    pending.in_text = true;
                    pending.has_text = true;
                }
            }
            "Text" => {
                if let Some(pending) = &mut self.sentence {
                    pending.has_text = true;
                }
            }
            "Parse" if !empty => {
                if let Some(pending) = &mut self.sentence {
                    pending.in_parse = true;
                }
            }
            "EventCoding" => {
                if let Some(pending) = &mut self.sentence {
                    event_coding(start, pending);
                }
            }
            "Config" if self.sentence.is_none() => {
                let (mut option, mut value) = (None, None);
                for (key, v) in attributes(start) {
                    match key.as_str() {
                        "option" => option = Some(v),
                        "value" => value = Some(v),
                        _ => {}
                    }
                }
                if let (Some(option), Some(value)) = (option, value) {
                    self.config.push((option, value));
                }
            }
            "Environment" if !empty => self.in_environment = true,
            "Verbfile" if self.in_environment => self.env_field = Some(EnvField::Verbs),
            "Actorfile" if self.in_environment => self.env_field = Some(EnvField::Actors),
            "Agentfile" if self.in_environment => self.env_field = Some(EnvField::Agents),
            "Discardfile" if self.in_environment => self.env_field = Some(EnvField::Discards),
            _ => {}
        }
        None
    }

    /// Reads the "tag" a bare `<` opened as text: `<`, what the parser took
    /// for the tag, and its `>` — or, when it ran into the element's end tag
    /// (`a < b</Text>`), the text up to that tag, which then closes.
    fn bare_less_than(&mut self, raw: &str, empty: bool) -> Option<Piece> {
        let (in_text, line) = match &self.sentence {
            Some(pending) => (pending.in_text, self.tag_line()),
            None => return None,
        };
        let element = if in_text { "Text" } else { "Parse" };
        let closing = format!("</{element}");
        let text = match raw.find(&closing) {
            Some(at) => format!("<{}", &raw[..at]),
            None if empty => format!("<{raw}/>"),
            None => format!("<{raw}>"),
        };
        let error = self.push_text(&text);
        if let Some(pending) = &mut self.sentence {
            if raw.contains(&closing) {
                pending.in_text = false;
                pending.in_parse = false;
            }
            let warning = format!("line {line}: bare `<` in <{element}>; read as text");
            if !pending.warnings.contains(&warning) {
                pending.warnings.push(warning);
            }
        }
        error.map(Piece::Error)
    }

    /// Adds text to the open `<Text>`, `<Parse>` or environment field; the
    /// error record when the text passes the size cap.
    fn push_text(&mut self, text: &str) -> Option<DocError> {
        if let Some(field) = self.env_field {
            let env = &mut self.environment;
            let target = match field {
                EnvField::Verbs => env.verbs.get_or_insert_with(String::new),
                EnvField::Agents => env.agents.get_or_insert_with(String::new),
                EnvField::Discards => env.discards.get_or_insert_with(String::new),
                EnvField::Actors => {
                    env.actors.extend(
                        text.split(',')
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty()),
                    );
                    return None;
                }
            };
            target.push_str(text.trim());
            return None;
        }
        let cap = self.cap;
        let pending = self.sentence.as_mut()?;
        if pending.failed {
            return None;
        }
        let target = if pending.in_text {
            &mut pending.text
        } else if pending.in_parse {
            &mut pending.parse
        } else {
            return None;
        };
        if target.len() + text.len() > cap {
            pending.failed = true;
            let message = crate::source::too_large_message(cap);
            let pending = self.sentence.as_ref()?;
            return Some(self.error_in(pending, pending.line, message));
        }
        target.push_str(text);
        None
    }

    /// The error record for malformed XML, unless the sentence it is in
    /// already had one.
    fn xml_error(&mut self, err: &quick_xml::Error) -> Option<Piece> {
        let position = self.xml.error_position();
        let line = self.xml.get_ref().line_at(position);
        if let quick_xml::Error::Io(io) = err {
            self.done = true;
            return Some(Piece::Error(self.shell.io_error(io, Some(line))));
        }
        // Stop when the parser makes no progress past an error.
        if self.last_error_at == Some(self.xml.buffer_position()) {
            self.done = true;
        }
        self.last_error_at = Some(self.xml.buffer_position());
        let message = format!("malformed xml: {err}");
        match &mut self.sentence {
            Some(pending) if pending.failed => None,
            Some(pending) => {
                pending.failed = true;
                let pending = self.sentence.as_ref()?;
                Some(Piece::Error(self.error_in(pending, line, message)))
            }
            None => Some(Piece::Error(self.shell.error(Some(line), message))),
        }
    }

    /// An error record at `line` inside sentence `pending`.
    fn error_in(&self, pending: &Pending, line: u64, message: String) -> DocError {
        let error = self.shell.error(Some(line), message);
        match &pending.id {
            Some(id) => error.with_doc_id(id.clone()),
            None => error,
        }
    }
}

/// The attributes of a tag, entity-decoded and trimmed.
fn attributes(start: &BytesStart<'_>) -> Vec<(String, String)> {
    start
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|attribute| {
            let key = attribute.key.as_ref().to_string();
            (key, decode_entities(&attribute.value).trim().to_string())
        })
        .collect()
}

/// Reads an `<EventCoding>` into the sentence's gold.
fn event_coding(start: &BytesStart<'_>, pending: &mut Pending) {
    let (mut source, mut target, mut code) = (None, None, None);
    for (key, value) in attributes(start) {
        match key.as_str() {
            "noevents" if value.eq_ignore_ascii_case("true") => pending.no_events = true,
            "sourcecode" => source = Some(value),
            "targetcode" => target = Some(value),
            "eventcode" => code = Some(value),
            _ => {}
        }
    }
    if let (Some(source), Some(target), Some(code)) = (source, target, code) {
        pending.gold.push(GoldEvent {
            source,
            target,
            code,
        });
    }
}

fn pending_from(start: &BytesStart<'_>, line: u64) -> Pending {
    let mut pending = Pending {
        line,
        ..Pending::default()
    };
    for (key, value) in attributes(start) {
        match key.as_str() {
            "id" => pending.id = Some(value),
            "date" => pending.date = Some(value),
            "source" => pending.source = Some(value),
            _ => {}
        }
    }
    pending
}

/// How many recent line starts [`LineCounter`] remembers.
const RECENT_LINES: usize = 1 << 16;

/// A `BufRead` that counts the lines of what its consumer has consumed, so
/// a byte position near the read position can be turned into a line.
pub(crate) struct LineCounter<R> {
    inner: R,
    consumed: u64,
    newlines: u64,
    /// Byte offsets of the most recent newlines.
    recent: VecDeque<u64>,
}

impl<R> LineCounter<R> {
    pub(crate) fn new(inner: R) -> LineCounter<R> {
        LineCounter {
            inner,
            consumed: 0,
            newlines: 0,
            recent: VecDeque::new(),
        }
    }

    /// The 1-based line holding byte `position`, for positions not long
    /// before the consumed end.
    pub(crate) fn line_at(&self, position: u64) -> u64 {
        let after = self
            .recent
            .iter()
            .rev()
            .take_while(|&&nl| nl >= position)
            .count() as u64;
        self.newlines - after + 1
    }
}

impl<R: BufRead> Read for LineCounter<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        read_buffered(self, out)
    }
}

impl<R: BufRead> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let amount = amount.min(buf.len());
            for (i, &b) in buf[..amount].iter().enumerate() {
                if b == b'\n' {
                    self.newlines += 1;
                    if self.recent.len() == RECENT_LINES {
                        self.recent.pop_front();
                    }
                    self.recent.push_back(self.consumed + i as u64);
                }
            }
            self.consumed += amount as u64;
        }
        self.inner.consume(amount);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const PARSED: &str = "<Sentences>\n<Sentence date=\"20200101\" id=\"s1\" source=\"AFP\">\n<Text>\nArnor attacked\nGondor.\n</Text>\n<Parse>\n1\tArnor\tArnor\tPROPN\tNNP\tNumber=Sing\t3\tnsubj\t_\t_\n2\tattacked\tattack\tVERB\tVBD\t_\t3\tamod\t_\t_\n3\tGondor\tGondor\tPROPN\tNNP\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n</Parse>\n</Sentence>\n</Sentences>\n";

    fn read_str(xml: &str, cap: usize) -> Vec<Item> {
        let source = Source {
            path: "t.xml".to_string(),
            stem: "t".to_string(),
            gzip: false,
            reader: Box::new(io::Cursor::new(xml.as_bytes().to_vec())),
        };
        let warning = Arc::new(AtomicU8::new(0));
        let mut reader = PetrarchReader {
            scanner: Scanner::new(
                DecodedLines::new(
                    Box::new(io::Cursor::new(xml.as_bytes().to_vec())),
                    Arc::clone(&warning),
                ),
                source.path.clone(),
                false,
                cap,
            ),
            source,
            warning,
            count: 0,
        };
        std::iter::from_fn(|| reader.next()).collect()
    }

    #[test]
    fn the_given_parse_is_kept_exactly() {
        let items = read_str(PARSED, MAX_DOCUMENT_BYTES);
        let Some(Ok(doc)) = items.first() else {
            panic!("{items:?}");
        };
        assert_eq!(doc.text, "Arnor attacked Gondor.");
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        assert_eq!(doc.sentences.len(), 1);
        let sentence = &doc.sentences[0];
        let forms: Vec<&str> = sentence.tokens.iter().map(|t| doc.slice(t.span)).collect();
        assert_eq!(forms, ["Arnor", "attacked", "Gondor", "."]);
        let tree: Vec<(u32, &str, &str)> = sentence
            .analysis
            .iter()
            .map(|a| (a.head, a.deprel.as_str(), a.lemma.as_str()))
            .collect();
        // The odd tree of the file ("attacked" an adjective of "Gondor"),
        // not one dyad would build.
        assert_eq!(
            tree,
            [
                (3, "nsubj", "Arnor"),
                (3, "amod", "attack"),
                (0, "root", "Gondor"),
                (3, "punct", ".")
            ]
        );
        assert_eq!(sentence.analysis[0].feats, "Number=Sing");
        assert_eq!(sentence.analysis[1].feats, "");
    }

    /// The first warning of the one document read from `xml`, which has no
    /// sentence: its parse was not used.
    fn parse_not_used(xml: &str) -> String {
        let items = read_str(xml, MAX_DOCUMENT_BYTES);
        let Some(Ok(doc)) = items.first() else {
            panic!("{items:?}");
        };
        assert!(doc.sentences.is_empty());
        doc.warnings[0].clone()
    }

    #[test]
    fn a_parse_that_does_not_fit_is_not_used() {
        let cyclic = parse_not_used(&PARSED.replace("\t0\troot", "\t2\troot"));
        assert!(cyclic.starts_with("<Parse> not used ("), "{cyclic}");
        let other_words = parse_not_used(&PARSED.replace("\tattacked\t", "\tpraised\t"));
        assert!(other_words.contains("1 words not found"), "{other_words}");
    }

    /// Issue 20 item 6: a bare `<` in `<Text>` no longer cuts the text.
    #[test]
    fn r20_a_bare_less_than_is_text_with_a_warning() {
        let xml = "<Sentence id=\"a\"><Text>Arnor < Gondor and more</Text></Sentence>\n<Sentence id=\"b\"><Text>x < y > z</Text></Sentence>";
        let items = read_str(xml, MAX_DOCUMENT_BYTES);
        let texts: Vec<(&str, usize)> = items
            .iter()
            .map(|i| {
                let doc = i.as_ref().unwrap();
                (doc.text.as_str(), doc.warnings.len())
            })
            .collect();
        assert_eq!(texts, [("Arnor < Gondor and more", 1), ("x < y > z", 1)]);
        let Some(Ok(doc)) = items.first() else {
            panic!();
        };
        assert_eq!(doc.warnings[0], "line 1: bare `<` in <Text>; read as text");
        // Real markup inside the text is still read through.
        let items = read_str(
            "<Sentence id=\"c\"><Text>a <b>bold</b> word</Text></Sentence>",
            MAX_DOCUMENT_BYTES,
        );
        let doc = items[0].as_ref().unwrap();
        assert_eq!((doc.text.as_str(), doc.warnings.len()), ("a bold word", 0));
    }

    /// Issue 20 item 6: a `<Text>` over the size cap, spread over many
    /// lines, is one error record, and the next sentence is read.
    #[test]
    fn r20_text_over_the_cap_is_an_error_record() {
        let long: String = (0..200)
            .map(|i| format!("line {i} of a long text\n"))
            .collect();
        let xml = format!(
            "<Sentences>\n<Sentence id=\"big\"><Text>\n{long}</Text></Sentence>\n<Sentence id=\"ok\"><Text>Arnor attacked Gondor.</Text></Sentence>\n</Sentences>\n"
        );
        let items = read_str(&xml, 1024);
        assert_eq!(items.len(), 2, "{items:?}");
        let err = items[0].as_ref().unwrap_err();
        assert_eq!(err.doc_id.as_deref(), Some("big"));
        assert_eq!(err.line, Some(2));
        assert!(err.message.starts_with("document larger than"), "{err:?}");
        assert_eq!(items[1].as_ref().unwrap().meta.id, "ok");
    }

    #[test]
    fn records_carry_gold_config_and_environment() {
        let xml = "<Environment><Verbfile>v.txt</Verbfile><Actorfile>a.txt, b.txt</Actorfile></Environment>\n<Config option=\"require_dyad\" value=\"false\"/>\n<Sentence id=\"r1\" source=\"DEMO\" date=\"19950101\"><EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"190\"/><Text>Arnor attacked Gondor.</Text></Sentence>\n<Sentence id=\"r2\"><EventCoding noevents=\"True\"/></Sentence>";
        let file = read_records(xml);
        assert_eq!(file.environment.verbs.as_deref(), Some("v.txt"));
        assert_eq!(file.environment.actors, ["a.txt", "b.txt"]);
        assert_eq!(file.records.len(), 1, "a record without <Text> is skipped");
        let record = &file.records[0];
        assert_eq!(
            (record.id.as_str(), record.category.as_str(), record.line),
            ("r1", "DEMO", 3)
        );
        assert_eq!(record.gold[0].code, "190");
        assert_eq!(
            record.options,
            [("require_dyad".to_string(), "false".to_string())]
        );
        assert_eq!(record.document.text, "Arnor attacked Gondor.");
        assert_eq!(record.document.sentences.len(), 1);
    }
}
