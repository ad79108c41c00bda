//! Opening one input: files or standard input, gzip, binary sniffing, and
//! bounded reads.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use dyad_core::DocError;
use flate2::bufread::MultiGzDecoder;

use crate::MAX_DOCUMENT_BYTES;
use crate::decode::{WARN_WINDOWS_1252, looks_binary};

/// How many leading bytes are checked for binary content.
const SNIFF_BYTES: usize = 8 * 1024;
const BUFFER_BYTES: usize = 64 * 1024;

/// One opened input, positioned at its first byte (after decompression).
pub(crate) struct Source {
    /// The path as given (or `-`), for error records and origins.
    pub path: String,
    /// The file name without extensions (`.gz` and the format's), for ids.
    pub stem: String,
    /// Whether the input is gzip-compressed.
    pub gzip: bool,
    /// The decompressed bytes.
    pub reader: Box<dyn BufRead + Send>,
}

impl Source {
    /// The error record for a read error at `line` (when known).
    pub fn io_error(&self, err: &io::Error, line: Option<u64>) -> DocError {
        let message = if self.gzip {
            format!("corrupt or truncated gzip stream: {err}")
        } else {
            format!("read error: {err}")
        };
        DocError {
            doc_id: None,
            source_path: self.path.clone(),
            line,
            message,
        }
    }

    /// An error record about this file.
    pub fn error(&self, line: Option<u64>, message: impl Into<String>) -> DocError {
        DocError {
            doc_id: None,
            source_path: self.path.clone(),
            line,
            message: message.into(),
        }
    }
}

/// The file stem used for ids: the file name without `.gz` and without its
/// last extension (`-` for standard input).
pub(crate) fn stem_of(path: &Path) -> String {
    let name = match path.file_name() {
        Some(name) => name.to_string_lossy(),
        None => return path.display().to_string(),
    };
    let name = name.as_ref();
    let name = name.strip_suffix(".gz").unwrap_or(name);
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => name.to_string(),
    }
}

/// Opens `path` (`-` for standard input), decompresses gzip, and checks the
/// first bytes: an empty input or a binary one yields an error record.
pub(crate) fn open(path: &Path) -> Result<Source, DocError> {
    let shown = path.display().to_string();
    let raw: Box<dyn Read + Send> = if shown == "-" {
        Box::new(io::stdin())
    } else {
        match File::open(path) {
            Ok(file) => Box::new(file),
            Err(err) => return Err(DocError::file(shown, format!("cannot open: {err}"))),
        }
    };
    let mut raw = BufReader::with_capacity(BUFFER_BYTES, raw);
    let gzip = match raw.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(err) => return Err(DocError::file(shown, format!("read error: {err}"))),
    };
    let mut inner: Box<dyn BufRead + Send> = if gzip {
        Box::new(BufReader::with_capacity(
            BUFFER_BYTES,
            MultiGzDecoder::new(raw),
        ))
    } else {
        Box::new(raw)
    };
    let mut source = Source {
        stem: if shown == "-" {
            "stdin".to_string()
        } else {
            stem_of(path)
        },
        path: shown,
        gzip,
        reader: Box::new(io::empty()),
    };
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    if let Err(err) = (&mut inner).take(SNIFF_BYTES as u64).read_to_end(&mut head) {
        return Err(source.io_error(&err, None));
    }
    if head.iter().all(u8::is_ascii_whitespace) {
        // Whitespace-only and shorter than the sniffed head: nothing to read.
        if head.len() < SNIFF_BYTES {
            return Err(source.error(None, "empty document"));
        }
    }
    if looks_binary(&head) {
        return Err(source.error(None, "binary file"));
    }
    source.reader = Box::new(BufReader::with_capacity(
        BUFFER_BYTES,
        Cursor::new(head).chain(inner),
    ));
    Ok(source)
}

/// The outcome of [`read_line_capped`].
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// End of input; nothing was read.
    Eof,
    /// A line (with its `\n`, if any) is in the buffer.
    Read,
    /// The line was longer than the cap; it was skipped and the buffer holds
    /// its first `cap` bytes.
    TooLong,
}

/// Reads one line into `buf` (cleared first), keeping at most `cap` bytes of
/// it; the rest of an over-long line is consumed and dropped.
pub(crate) fn read_line_capped(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Line> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(newline) => (newline + 1, true),
            None => (chunk.len(), false),
        };
        let room = cap.saturating_sub(buf.len());
        if take > room {
            too_long = true;
        }
        buf.extend_from_slice(&chunk[..take.min(room)]);
        reader.consume(take);
        if done {
            break;
        }
    }
    Ok(match (any, too_long) {
        (false, _) => Line::Eof,
        (true, false) => Line::Read,
        (true, true) => Line::TooLong,
    })
}

/// Why [`read_all_capped`] failed.
pub(crate) enum ReadAllError {
    Io(io::Error),
    TooLarge,
}

/// Reads the whole input, up to `cap` bytes.
pub(crate) fn read_all_capped(
    reader: &mut dyn BufRead,
    cap: usize,
) -> Result<Vec<u8>, ReadAllError> {
    let mut bytes = Vec::new();
    reader
        .take(cap as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadAllError::Io)?;
    if bytes.len() > cap {
        return Err(ReadAllError::TooLarge);
    }
    Ok(bytes)
}

/// [`Read::read`] for a reader whose own buffer is its [`BufRead`] side:
/// copies what `reader` has buffered (filling it when empty) into `out`.
pub(crate) fn read_buffered(reader: &mut impl BufRead, out: &mut [u8]) -> io::Result<usize> {
    let available = reader.fill_buf()?;
    let n = available.len().min(out.len());
    out[..n].copy_from_slice(&available[..n]);
    reader.consume(n);
    Ok(n)
}

/// The message for a document over the size cap.
pub(crate) fn too_large_message(cap: usize) -> String {
    format!("document larger than {} MiB", cap / (1024 * 1024))
}

/// Serves the lines of a byte stream as UTF-8, decoding each line with the
/// shared encoding policy, and notes in `warning` the worst decode seen
/// (1: Windows-1252, 2: lossy).
pub(crate) struct DecodedLines {
    inner: Box<dyn BufRead + Send>,
    buf: Vec<u8>,
    pos: usize,
    warning: Arc<AtomicU8>,
}

impl DecodedLines {
    pub(crate) fn new(inner: Box<dyn BufRead + Send>, warning: Arc<AtomicU8>) -> DecodedLines {
        DecodedLines {
            inner,
            buf: Vec::new(),
            pos: 0,
            warning,
        }
    }
}

impl Read for DecodedLines {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        read_buffered(self, out)
    }
}

impl BufRead for DecodedLines {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.buf.len() {
            self.pos = 0;
            match read_line_capped(&mut self.inner, &mut self.buf, MAX_DOCUMENT_BYTES)? {
                Line::Eof | Line::Read => {}
                Line::TooLong => {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
                }
            }
            if std::str::from_utf8(&self.buf).is_err() {
                let (text, warning) = crate::decode::decode(&self.buf);
                let level = match warning {
                    Some(WARN_WINDOWS_1252) => 1,
                    Some(_) => 2,
                    None => 0,
                };
                self.warning.fetch_max(level, Ordering::Relaxed);
                self.buf = text.into_owned().into_bytes();
            }
        }
        Ok(&self.buf[self.pos..])
    }

    fn consume(&mut self, amount: usize) {
        self.pos = (self.pos + amount).min(self.buf.len());
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn capped_lines() {
        let mut input: &[u8] = b"short\nthis one is long\nlast";
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut input, &mut buf, 8).unwrap(),
            Line::Read
        );
        assert_eq!(buf, b"short\n");
        assert_eq!(
            read_line_capped(&mut input, &mut buf, 8).unwrap(),
            Line::TooLong
        );
        assert_eq!(buf, b"this one");
        assert_eq!(
            read_line_capped(&mut input, &mut buf, 8).unwrap(),
            Line::Read
        );
        assert_eq!(buf, b"last");
        assert_eq!(
            read_line_capped(&mut input, &mut buf, 8).unwrap(),
            Line::Eof
        );
    }

    #[test]
    fn stems() {
        assert_eq!(stem_of(Path::new("a/b/news.jsonl.gz")), "news");
        assert_eq!(stem_of(Path::new("reut2-000.sgm")), "reut2-000");
        assert_eq!(stem_of(Path::new(".hidden")), ".hidden");
    }
}
