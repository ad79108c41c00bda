//! PETRARCH XML: one document per `<Sentence date=… id=…>` element, its text
//! from the `<Text>` child; `<Parse>`, `<EventCoding>` and the rest are
//! skipped.
//!
//! The file is streamed with `quick-xml`. Malformed XML yields one error
//! record naming the line (and the sentence, when inside one); reading
//! resumes after it where the parser can, and stops the file otherwise.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use dyad_core::{BlockKind, Date, DocumentBuilder, Meta, Origin};
use quick_xml::events::{BytesStart, Event};

use crate::decode::{WARN_LOSSY, WARN_WINDOWS_1252, decode_entities, entity};
use crate::source::{DecodedLines, Source};
use crate::walk::Items;
use crate::{Item, MAX_DOCUMENT_BYTES};

/// Reads the sentences of `source`.
pub(crate) fn read(mut source: Source) -> Items {
    let reader = std::mem::replace(&mut source.reader, Box::new(io::empty()));
    let warning = Arc::new(AtomicU8::new(0));
    let lines = DecodedLines::new(reader, Arc::clone(&warning));
    let mut xml = quick_xml::Reader::from_reader(LineCounter::new(lines));
    let config = xml.config_mut();
    config.allow_dangling_amp = true;
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    Box::new(PetrarchReader {
        xml,
        source,
        buf: Vec::new(),
        sentence: None,
        warning,
        count: 0,
        last_error_at: None,
        done: false,
    })
}

/// A `<Sentence>` being read.
struct Pending {
    id: Option<String>,
    date: Option<String>,
    source: Option<String>,
    line: u64,
    in_text: bool,
    text: String,
    in_parse: bool,
    /// The `<Parse>`, kept to rebuild an empty `<Text>`.
    parse: String,
    /// Set once the sentence has had an error record; it yields no document.
    failed: bool,
}

struct PetrarchReader {
    xml: quick_xml::Reader<LineCounter<DecodedLines>>,
    source: Source,
    buf: Vec<u8>,
    sentence: Option<Pending>,
    /// The worst decode of the lines read so far (see [`DecodedLines`]).
    warning: Arc<AtomicU8>,
    count: u64,
    last_error_at: Option<u64>,
    done: bool,
}

impl Iterator for PetrarchReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            self.buf.clear();
            let event = self.xml.read_event_into(&mut self.buf);
            match event {
                Err(err) => {
                    let position = self.xml.error_position();
                    let line = self.xml.get_ref().line_at(position);
                    if let quick_xml::Error::Io(io) = &err {
                        self.done = true;
                        return Some(Err(self.source.io_error(io, Some(line))));
                    }
                    // Stop when the parser makes no progress past an error.
                    if self.last_error_at == Some(self.xml.buffer_position()) {
                        self.done = true;
                    }
                    self.last_error_at = Some(self.xml.buffer_position());
                    let mut error = self
                        .source
                        .error(Some(line), format!("malformed xml: {err}"));
                    if let Some(pending) = &mut self.sentence {
                        if pending.failed {
                            continue;
                        }
                        pending.failed = true;
                        if let Some(id) = &pending.id {
                            error = error.with_doc_id(id.clone());
                        }
                    }
                    return Some(Err(error));
                }
                Ok(Event::Eof) => {
                    self.done = true;
                    if let Some(pending) = self.sentence.take()
                        && !pending.failed
                    {
                        let mut error = self
                            .source
                            .error(Some(pending.line), "unterminated <Sentence> element");
                        if let Some(id) = pending.id {
                            error = error.with_doc_id(id);
                        }
                        return Some(Err(error));
                    }
                }
                Ok(Event::Start(start)) => match start.name().as_ref() {
                    "Sentence" => {
                        let line = self
                            .xml
                            .get_ref()
                            .line_at(self.xml.buffer_position().saturating_sub(1));
                        let unfinished = self.sentence.replace(pending_from(&start, line));
                        if let Some(item) = finish_unfinished(
                            &self.source,
                            &mut self.count,
                            &self.warning,
                            unfinished,
                        ) {
                            return Some(item);
                        }
                    }
                    "Text" => {
                        if let Some(pending) = &mut self.sentence {
                            pending.in_text = true;
                        }
                    }
                    "Parse" => {
                        if let Some(pending) = &mut self.sentence {
                            pending.in_parse = true;
                        }
                    }
                    _ => {}
                },
                // `<Sentence …/>` followed by its text and `</Sentence>`
                // occurs in real files: read it as an opening tag.
                Ok(Event::Empty(start)) if start.name().as_ref() == "Sentence" => {
                    let line = self
                        .xml
                        .get_ref()
                        .line_at(self.xml.buffer_position().saturating_sub(1));
                    let unfinished = self.sentence.replace(pending_from(&start, line));
                    if let Some(item) =
                        finish_unfinished(&self.source, &mut self.count, &self.warning, unfinished)
                    {
                        return Some(item);
                    }
                }
                Ok(Event::End(end)) => match end.name().as_ref() {
                    "Sentence" => {
                        if let Some(pending) = self.sentence.take()
                            && !pending.failed
                        {
                            return Some(finish(
                                &self.source,
                                &mut self.count,
                                &self.warning,
                                pending,
                            ));
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
                    _ => {}
                },
                Ok(Event::Text(text)) => push_text(&mut self.sentence, &text),
                Ok(Event::CData(text)) => push_text(&mut self.sentence, &text),
                Ok(Event::GeneralRef(reference)) => {
                    if let Some(pending) = self.sentence.as_mut().filter(|p| p.in_text) {
                        match entity(&reference) {
                            Some(Some(c)) => pending.text.push(c),
                            Some(None) => {}
                            None => {
                                pending.text.push('&');
                                pending.text.push_str(&reference);
                                pending.text.push(';');
                            }
                        }
                    }
                }
                Ok(_) => {}
            }
        }
        None
    }
}

fn push_text(sentence: &mut Option<Pending>, text: &str) {
    let Some(pending) = sentence else {
        return;
    };
    let target = if pending.in_text {
        &mut pending.text
    } else if pending.in_parse {
        &mut pending.parse
    } else {
        return;
    };
    if target.len() + text.len() > MAX_DOCUMENT_BYTES {
        pending.failed = true;
        return;
    }
    target.push_str(text);
}

/// The words of a `<Parse>`: CoNLL-U lines (forms, honouring
/// `SpaceAfter=No`) or a bracketed Penn tree (its leaves).
fn text_from_parse(parse: &str) -> String {
    let mut text = String::new();
    if parse.contains('\t') {
        for line in parse.lines() {
            let columns: Vec<&str> = line.split('\t').collect();
            if columns.len() < 2 || !columns[0].trim().chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            text.push_str(columns[1]);
            let no_space = columns
                .get(9)
                .is_some_and(|misc| misc.split('|').any(|m| m.trim() == "SpaceAfter=No"));
            if !no_space {
                text.push(' ');
            }
        }
    } else {
        // Leaves are `(TAG word)`: the word before a `)` after a space.
        for piece in parse.split(')') {
            if let Some(open) = piece.rfind('(') {
                let leaf = &piece[open + 1..];
                if let Some((_, word)) = leaf.split_once(' ') {
                    text.push_str(word.trim());
                    text.push(' ');
                }
            }
        }
    }
    text.trim_end().to_string()
}

/// A sentence still open when the next one starts is finished with what it
/// has (unless it already failed).
fn finish_unfinished(
    source: &Source,
    count: &mut u64,
    warning: &AtomicU8,
    unfinished: Option<Pending>,
) -> Option<Item> {
    unfinished
        .filter(|p| !p.failed)
        .map(|p| finish(source, count, warning, p))
}

fn finish(source: &Source, count: &mut u64, warning: &AtomicU8, pending: Pending) -> Item {
    *count += 1;
    let id = pending
        .id
        .clone()
        .filter(|id| !id.trim().is_empty())
        .unwrap_or_else(|| format!("{}-{}", source.stem, count));
    let text = &pending.text;
    let date = pending.date.as_deref().and_then(Date::parse);
    let mut builder = DocumentBuilder::with_meta(Meta {
        id: id.clone(),
        title: None,
        date,
        date_text: pending.date,
        url: pending.source,
        origin: Origin {
            path: source.path.clone(),
            line: Some(pending.line),
        },
    });
    match warning.swap(0, Ordering::Relaxed) {
        1 => builder.warn(WARN_WINDOWS_1252),
        2 => builder.warn(WARN_LOSSY),
        _ => {}
    }
    // Sentences are hard-wrapped; the line breaks mean nothing.
    let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        text = text_from_parse(&pending.parse);
        if !text.is_empty() {
            builder.warn("empty <Text>; text rebuilt from <Parse>");
        }
    }
    builder.push_block(BlockKind::Body, &text);
    if builder.is_empty() {
        return Err(source
            .error(Some(pending.line), "empty document")
            .with_doc_id(id));
    }
    Ok(builder.finish())
}

fn pending_from(start: &BytesStart<'_>, line: u64) -> Pending {
    let mut pending = Pending {
        id: None,
        date: None,
        source: None,
        line,
        in_text: false,
        text: String::new(),
        in_parse: false,
        parse: String::new(),
        failed: false,
    };
    for attribute in start.attributes().with_checks(false).flatten() {
        let value = decode_entities(&attribute.value).trim().to_string();
        match attribute.key.as_ref() {
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
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
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
