//! JSON Lines: one JSON object per line, fields named by [`Fields`].
//!
//! Lines are read one at a time (never the whole file) and decoded one by
//! one, so a bad line spoils nothing but itself: a malformed line, a line
//! that is not an object, or a record without text yields one error record
//! naming the file and line. Blank lines are skipped.

use serde_json::{Map, Value};

use crate::record::{self, Record};
use crate::source::{Line, Source, read_line_capped, too_large_message};
use crate::walk::Items;
use crate::{Fields, Item, MAX_DOCUMENT_BYTES, decode};

/// Reads the records of `source`.
pub(crate) fn read(source: Source, fields: Fields) -> Items {
    Box::new(JsonlReader {
        source,
        fields,
        line: 0,
        buf: Vec::new(),
        done: false,
    })
}

struct JsonlReader {
    source: Source,
    fields: Fields,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl Iterator for JsonlReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            let line = read_line_capped(&mut self.source.reader, &mut self.buf, MAX_DOCUMENT_BYTES);
            let line_no = self.line + 1;
            match line {
                Ok(Line::Eof) => self.done = true,
                Err(err) => {
                    self.done = true;
                    return Some(Err(self.source.io_error(&err, Some(line_no))));
                }
                Ok(Line::TooLong) => {
                    self.line += 1;
                    let message = too_large_message(MAX_DOCUMENT_BYTES);
                    return Some(Err(self.source.error(Some(line_no), message)));
                }
                Ok(Line::Read) => {
                    self.line += 1;
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(self.record(line_no));
                }
            }
        }
        None
    }
}

impl JsonlReader {
    fn record(&self, line: u64) -> Item {
        let (text, warning) = decode::decode(&self.buf);
        let object = match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(object)) => object,
            Ok(_) => return Err(self.source.error(Some(line), "json line is not an object")),
            Err(err) => {
                let message = format!("invalid json: {}", strip_position(&err.to_string()));
                return Err(self.source.error(Some(line), message));
            }
        };
        let record = Record {
            id: field(&object, &self.fields.id),
            title: field(&object, &self.fields.title),
            date: field(&object, &self.fields.date),
            text: field(&object, &self.fields.text),
            url: field(&object, &self.fields.url),
            warnings: warning.map(str::to_string).into_iter().collect(),
        };
        let fallback_id = format!("{}-{line}", self.source.stem);
        record::document(
            record,
            &self.source.path,
            line,
            fallback_id,
            &self.fields.text,
        )
    }
}

/// serde_json appends " at line 1 column 7"; the line is ours to give.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => message,
    }
}

/// A field as text: strings as they are, numbers and booleans written out,
/// `null` and missing fields as `None`, arrays of strings joined by blank
/// lines.
fn field(object: &Map<String, Value>, name: &str) -> Option<String> {
    match object.get(name)? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        Value::Object(_) => None,
    }
}
