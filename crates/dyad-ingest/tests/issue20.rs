//! Regressions of issue 20 (hostile input): each case finishes quickly,
//! never aborts, and everything not read is reported by an error record.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use dyad_core::{DocError, Document};

mod common;
use common::{messages, read, temp_dir, write};

/// Reads `paths` on another thread, failing the test if that takes longer
/// than `limit` (a hang) or panics.
fn read_within(paths: Vec<PathBuf>, limit: Duration) -> (Vec<Document>, Vec<DocError>) {
    let (send, receive) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let _ = send.send(read(paths));
        })
        .unwrap();
    receive
        .recv_timeout(limit)
        .expect("reading hung, panicked or overflowed its stack")
}

/// Issue 20 item 3: `ln -s . loop` inside an input folder.
#[cfg(unix)]
#[test]
fn r20_symlink_loop_is_walked_once_with_an_error_record() {
    let dir = temp_dir("symlink-loop");
    write(&dir, "a.txt", b"Arnor attacked Gondor.");
    std::os::unix::fs::symlink(".", dir.join("loop")).unwrap();
    std::os::unix::fs::symlink("missing.txt", dir.join("broken.txt")).unwrap();
    let (docs, errors) = read_within(vec![dir.clone()], Duration::from_secs(20));
    assert_eq!(docs.len(), 1, "{:?}", messages(&errors));
    assert_eq!(errors.len(), 2, "{:?}", messages(&errors));
    assert!(errors[0].source_path.ends_with("broken.txt"));
    assert!(errors[0].message.contains("broken symbolic link"));
    assert!(errors[1].source_path.ends_with("loop"));
    assert!(
        errors[1].message.contains("already read"),
        "{:?}",
        errors[1]
    );
}

/// Issue 20 item 4: a FIFO in an input folder is skipped, not read (which
/// would hang), with an error record.
#[cfg(unix)]
#[test]
fn r20_fifo_in_a_folder_is_skipped_with_an_error_record() {
    let dir = temp_dir("fifo");
    write(&dir, "a.txt", b"Arnor attacked Gondor.");
    let fifo = dir.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here: nothing to test
    }
    let (docs, errors) = read_within(vec![dir.clone()], Duration::from_secs(20));
    assert_eq!(docs.len(), 1);
    assert_eq!(errors.len(), 1, "{:?}", messages(&errors));
    assert_eq!(errors[0].source_path, fifo.display().to_string());
    assert!(errors[0].message.contains("FIFO"), "{:?}", errors[0]);
}

/// Issue 20 item 9: a file name that is not UTF-8 is read, never skipped
/// silently.
#[cfg(unix)]
#[test]
fn r20_non_utf8_file_name_is_read() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir("non-utf8");
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    if std::fs::write(dir.join(name), b"Arnor attacked Gondor.").is_err() {
        return; // a file system that refuses such names
    }
    let (docs, errors) = read_within(vec![dir.clone()], Duration::from_secs(20));
    assert!(errors.is_empty(), "{:?}", messages(&errors));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].meta.id, "caf\u{fffd}");
    assert!(docs[0].meta.origin.path.ends_with("caf\u{fffd}.txt"));
}

/// Issue 20 item 1: deeply nested HTML neither overflows the stack nor
/// takes long.
#[test]
fn r20_deeply_nested_html_is_quick_and_never_aborts() {
    let dir = temp_dir("nested-html");
    // (file, opening, closing, repeats, read): pages nested more than 512
    // deep are error records; shallower ones are read.
    let cases = [
        ("spans.html", "<span>", "</span>", 10_000, false),
        ("div-b.html", "<div><b>", "</b></div>", 5_000, false),
        ("divs.html", "<div>", "</div>", 100_000, false),
        ("unclosed-spans.html", "<span>", "", 3_000, false),
        ("div-p.html", "<div><p>", "", 3_000, false),
        ("caption.html", "<figure><figcaption><span>", "", 150, true),
        ("shallow.html", "<div><span>", "</span></div>", 240, true),
    ];
    for (name, open, close, depth, read) in cases {
        let mut html = String::from("<html><body><p>Arnor attacked Gondor on Monday.</p>");
        html.push_str(&open.repeat(depth));
        html.push_str("Deep text.");
        html.push_str(&close.repeat(depth));
        html.push_str("</body></html>");
        let path = write(&dir, name, html.as_bytes());
        let started = Instant::now();
        let (docs, errors) = read_within(vec![path], Duration::from_secs(60));
        let elapsed = started.elapsed();
        assert!(elapsed < Duration::from_secs(10), "{name}: {elapsed:?}");
        if read {
            assert!(errors.is_empty(), "{name}: {:?}", messages(&errors));
            assert_eq!(docs.len(), 1, "{name}");
            assert!(docs[0].text.contains("Deep text."), "{name}");
        } else {
            assert!(docs.is_empty(), "{name}");
            assert_eq!(errors.len(), 1, "{name}");
            assert!(
                errors[0].message.contains("nested deeper"),
                "{name}: {:?}",
                errors[0]
            );
        }
    }
}

/// Issue 20 item 7: a quote never closed swallows the rows after it; the
/// row it opens in is one error record naming its line, the rows before it
/// are read.
#[test]
fn r20_csv_quote_never_closed_is_an_error_record() {
    let dir = temp_dir("csv-quote");
    let csv = "id,text\n1,Arnor attacked Gondor.\n2,\"Rohan praised\n3,Gondor thanked Rohan.\n4,Mordor threatened Gondor.\n";
    let path = write(&dir, "open.csv", csv.as_bytes());
    let (docs, errors) = read_within(vec![path.clone()], Duration::from_secs(20));
    assert_eq!(docs.len(), 1, "{:?}", messages(&errors));
    assert_eq!(docs[0].meta.id, "1");
    assert_eq!(errors.len(), 1, "{:?}", messages(&errors));
    assert_eq!(errors[0].source_path, path.display().to_string());
    assert_eq!(errors[0].line, Some(3));
    assert!(
        errors[0].message.contains("never closed"),
        "{:?}",
        errors[0]
    );

    // Past the reader's buffer: 3,000 good rows, then the open quote.
    let mut big = String::from("id,text\n");
    for i in 0..3000 {
        big.push_str(&format!("{i},\"Arnor attacked Gondor, again\"\n"));
    }
    big.push_str("x,\"never closed\n");
    for i in 0..100 {
        big.push_str(&format!("y{i},Rohan praised Gondor.\n"));
    }
    let path = write(&dir, "big.csv", big.as_bytes());
    let (docs, errors) = read_within(vec![path], Duration::from_secs(20));
    assert_eq!(docs.len(), 3000);
    assert_eq!(errors.len(), 1, "{:?}", messages(&errors));
    assert_eq!(errors[0].line, Some(3002));

    // Quotes that do close, and quotes inside unquoted fields, are fine.
    let good = "id,text\n1,\"Arnor said \"\"no\"\",\nthen left\"\n2,a \"quoted\" word\n3,\"ends with a quote\"\"\"\n";
    let path = write(&dir, "good.csv", good.as_bytes());
    let (docs, errors) = read_within(vec![path], Duration::from_secs(20));
    assert!(errors.is_empty(), "{:?}", messages(&errors));
    assert_eq!(docs.len(), 3);
}
