//! Corrupted input (issue 3, point 6): every bad document yields exactly one
//! error record naming its file (and line where it applies), the good
//! documents around it are still read, and nothing panics.

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::time::Instant;

use dyad_ingest::decode::{WARN_LOSSY, WARN_WINDOWS_1252};

mod common;
use common::{messages, read, temp_dir, write};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn empty_and_whitespace_files() {
    let dir = temp_dir("empty");
    let empty = write(&dir, "empty.txt", b"");
    let blank = write(&dir, "blank.jsonl", b"  \n\n \t\n");
    let (docs, errors) = read(vec![empty.clone(), blank.clone()]);
    assert!(docs.is_empty());
    assert_eq!(errors.len(), 2, "{:?}", messages(&errors));
    assert_eq!(errors[0].source_path, empty.display().to_string());
    assert_eq!(errors[0].message, "empty document");
    assert_eq!(errors[1].source_path, blank.display().to_string());
    assert_eq!(errors[1].message, "empty document");
}

#[test]
fn binary_files() {
    let dir = temp_dir("binary");
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend((0..4000u32).map(|i| (i * 7 % 256) as u8));
    let a = write(&dir, "image.txt", &png);
    let b = write(&dir, "data.jsonl", &png);
    let c = write(&dir, "noext", &[1, 2, 3, 4, 5, 6, 7, 8, b'a', 0x10, 0x11]);
    let good = write(&dir, "good.txt", b"Text after the binary files.");
    let (docs, errors) = read(vec![a, b, c, good]);
    assert_eq!(errors.len(), 3, "{:?}", messages(&errors));
    assert!(errors.iter().all(|e| e.message == "binary file"));
    assert_eq!(docs.len(), 1);
}

#[test]
fn invalid_utf8_and_latin1_decode_with_warnings() {
    let dir = temp_dir("encoding");
    let latin1 = write(&dir, "latin1.txt", b"Caf\xe9 in M\xfcnchen \x93quoted\x94.");
    let mixed = write(
        &dir,
        "mixed.txt",
        b"Valid \xc3\xa9 then bad \xff\xfe bytes.",
    );
    let jsonl = write(
        &dir,
        "lines.jsonl",
        b"{\"text\": \"caf\xe9\"}\n{\"text\": \"fine \xc3\xa9\"}\n",
    );
    let (docs, errors) = read(vec![latin1, mixed, jsonl]);
    assert!(errors.is_empty(), "{:?}", messages(&errors));
    assert_eq!(docs[0].text, "Café in München “quoted”.");
    assert_eq!(docs[0].warnings, [WARN_WINDOWS_1252]);
    assert_eq!(docs[1].text, "Valid é then bad \u{fffd}\u{fffd} bytes.");
    assert_eq!(docs[1].warnings, [WARN_LOSSY]);
    // Decoded per line: the bad line does not spoil the good one.
    assert_eq!(docs[2].text, "café");
    assert_eq!(docs[2].warnings, [WARN_WINDOWS_1252]);
    assert_eq!(docs[3].text, "fine é");
    assert!(docs[3].warnings.is_empty());
}

#[test]
fn ten_megabyte_single_line_document() {
    let dir = temp_dir("big");
    let sentence = "Protesters marched through Baghdad on Friday, witnesses said. ";
    let text = sentence.repeat(10 * 1024 * 1024 / sentence.len() + 1);
    let txt = write(&dir, "big.txt", text.as_bytes());
    let line = format!("{{\"id\": \"big\", \"text\": \"{}\"}}\n", text.trim());
    let jsonl = write(&dir, "big.jsonl", line.as_bytes());
    let started = Instant::now();
    let (docs, errors) = read(vec![txt, jsonl]);
    assert!(errors.is_empty(), "{:?}", messages(&errors));
    assert_eq!(docs.len(), 2);
    for doc in &docs {
        assert_eq!(doc.text, text.trim());
        assert!(doc.text.len() > 10 * 1024 * 1024);
    }
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn truncated_gzip() {
    let dir = temp_dir("gzip");
    let mut lines = String::new();
    for i in 0..20_000 {
        lines.push_str(&format!(
            "{{\"id\": \"n{i}\", \"text\": \"Record {i} about talks in Geneva, number {}.\"}}\n",
            i * 7919 % 10_007
        ));
    }
    let whole = gzip(lines.as_bytes());
    let cut = write(&dir, "cut.jsonl.gz", &whole[..whole.len() / 2]);
    let text = gzip(
        "A whole story that gets cut in half. "
            .repeat(2000)
            .as_bytes(),
    );
    let cut_text = write(&dir, "cut.txt.gz", &text[..text.len() / 2]);
    let fine = write(&dir, "fine.jsonl.gz", &gzip(b"{\"text\": \"after\"}\n"));

    let (docs, errors) = read(vec![cut.clone(), cut_text.clone(), fine]);
    assert_eq!(errors.len(), 2, "{:?}", messages(&errors));
    assert_eq!(errors[0].source_path, cut.display().to_string());
    assert!(errors[0].message.contains("gzip"), "{}", errors[0].message);
    assert_eq!(errors[1].source_path, cut_text.display().to_string());
    assert!(errors[1].message.contains("gzip"), "{}", errors[1].message);
    // The records before the damage were read, in order, then the next file.
    let (last, before) = docs.split_last().unwrap();
    assert_eq!(last.text, "after");
    assert!(
        before.len() > 1000 && before.len() < 20_000,
        "{}",
        before.len()
    );
    for (i, doc) in before.iter().enumerate() {
        assert_eq!(doc.meta.id, format!("n{i}"));
    }
}

#[test]
fn malformed_xml() {
    let dir = temp_dir("xml");
    let broken = write(
        &dir,
        "broken.xml",
        b"<Sentences>\n<Sentence id=\"a\" date=\"20150813\"><Text>Good one.</Text></Sentence>\n\
          <Sentence id=\"b\" date=\"20150813\"><Text>Bad <x y=\"1></Text></Sentence>\n\
          <Sentence id=\"c\" date=\"20150813\"><Text>Lost after the error.</Text></Sentence>\n</Sentences>\n",
    );
    let truncated = write(
        &dir,
        "truncated.xml",
        b"<Sentences>\n<Sentence id=\"d\" date=\"20150813\"><Text>Complete.</Text></Sentence>\n\
          <Sentence id=\"e\" date=\"20150813\">\n<Text>Cut off in the mid",
    );
    let (docs, errors) = read(vec![broken.clone(), truncated.clone()]);
    let ids: Vec<&str> = docs.iter().map(|d| d.meta.id.as_str()).collect();
    assert_eq!(ids, ["a", "d"]);
    assert_eq!(errors.len(), 2, "{:?}", messages(&errors));
    assert_eq!(errors[0].source_path, broken.display().to_string());
    assert_eq!(errors[0].line, Some(3));
    assert_eq!(errors[0].doc_id.as_deref(), Some("b"));
    assert_eq!(errors[1].source_path, truncated.display().to_string());
    assert_eq!(errors[1].line, Some(3));
    assert_eq!(errors[1].doc_id.as_deref(), Some("e"));
}

#[test]
fn malformed_csv_rows() {
    let dir = temp_dir("csv");
    let csv = write(
        &dir,
        "rows.csv",
        b"id,date,text\n1,2019-10-31,First story.\n2,2019-11-01,Too,many,fields\n3,2019-11-02\n4,2019-11-03,\"Quoted, with comma\"\n5,bad date,\n",
    );
    let (docs, errors) = read(vec![csv.clone()]);
    let ids: Vec<&str> = docs.iter().map(|d| d.meta.id.as_str()).collect();
    assert_eq!(ids, ["1", "4"]);
    assert_eq!(docs[1].text, "Quoted, with comma");
    assert_eq!(
        docs[0].meta.date.map(|d| d.to_string()).as_deref(),
        Some("2019-10-31")
    );
    let lines: Vec<Option<u64>> = errors.iter().map(|e| e.line).collect();
    assert_eq!(
        lines,
        [Some(3), Some(4), Some(6)],
        "{:?}",
        messages(&errors)
    );
    assert!(
        errors
            .iter()
            .all(|e| e.source_path == csv.display().to_string())
    );
    assert_eq!(errors[2].message, "empty document");
}

#[test]
fn malformed_json_lines_and_missing_text() {
    let dir = temp_dir("jsonl");
    let jsonl = write(
        &dir,
        "lines.jsonl",
        b"{\"id\": \"a\", \"text\": \"First.\", \"date\": \"2019-10-31\"}\n\
          {\"id\": \"b\", \"text\": \"unterminated\n\
          [1, 2, 3]\n\
          \n\
          {\"id\": \"c\", \"title\": \"No text here\"}\n\
          {\"id\": \"d\", \"text\": \"   \"}\n\
          {\"text\": \"Last.\", \"title\": \"Headline\"}\n",
    );
    let (docs, errors) = read(vec![jsonl]);
    let ids: Vec<&str> = docs.iter().map(|d| d.meta.id.as_str()).collect();
    assert_eq!(ids, ["a", "lines-7"]);
    assert_eq!(docs[1].text, "Headline\n\nLast.");
    let found: Vec<(Option<u64>, Option<&str>, &str)> = errors
        .iter()
        .map(|e| (e.line, e.doc_id.as_deref(), e.message.as_str()))
        .collect();
    assert_eq!(found.len(), 4, "{found:?}");
    assert_eq!(found[0].0, Some(2));
    assert!(found[0].2.starts_with("invalid json"), "{}", found[0].2);
    assert_eq!(found[1], (Some(3), None, "json line is not an object"));
    assert_eq!(found[2], (Some(5), Some("c"), "missing text field `text`"));
    assert_eq!(found[3], (Some(6), Some("d"), "empty document"));
}

#[test]
fn malformed_conllu_and_sgml() {
    let dir = temp_dir("conllu-sgml");
    let conllu = write(
        &dir,
        "bad.conllu",
        b"# text = Good.\n1\tGood\tgood\tADJ\t_\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n\n\
          # text = Bad\n1\tBad\n\n\
          # text = Fine\n1\tFine\tfine\tADJ\t_\t_\t0\troot\t_\t_\n\n",
    );
    let sgml = write(
        &dir,
        "cut.sgm",
        b"<REUTERS NEWID=\"1\">\n<TEXT><TITLE>ONE</TITLE><BODY>Body one.\n Reuter\n</BODY></TEXT>\n</REUTERS>\n\
          <REUTERS NEWID=\"2\">\n<TEXT><TITLE>TWO</TITLE><BODY>Cut",
    );
    let (docs, errors) = read(vec![conllu, sgml]);
    assert_eq!(docs.len(), 2, "{:?}", messages(&errors));
    assert_eq!(docs[0].text, "Good. Fine");
    assert_eq!(docs[1].text, "ONE\n\nBody one.");
    assert_eq!(errors.len(), 2, "{:?}", messages(&errors));
    assert_eq!(errors[0].line, Some(6));
    assert_eq!(errors[1].line, Some(6));
}

#[test]
fn a_folder_of_everything_never_panics() {
    let dir = temp_dir("folder");
    write(&dir, "a.txt", b"");
    write(&dir, "b.txt", b"\x00\x01binary");
    write(&dir, "c.txt", b"Fine text.");
    write(&dir, "d.jsonl", b"{\"text\": \"ok\"}\nnot json\n");
    write(&dir, "e.csv", b"text\nok\n");
    write(
        &dir,
        "f.xml",
        b"<Sentence id=\"x\"><Text>ok</Text></Sentence><Sentence",
    );
    write(&dir, "g.conllu", b"1\tok\tok\tX\t_\t_\t0\troot\t_\t_\n\n");
    write(
        &dir,
        "h.sgm",
        b"<REUTERS NEWID=\"9\"><TEXT><BODY>ok</BODY></TEXT></REUTERS>\n",
    );
    write(&dir, "i.html", b"<html><body><p>ok</p></body></html>");
    write(
        &dir,
        "j.html",
        b"<html><body><nav>menu only</nav></body></html>",
    );
    write(&dir, "README", b"skipped: no known extension in a folder");
    write(&dir, ".hidden.txt", b"skipped: hidden");
    let (docs, errors) = read(vec![dir.clone()]);
    let names: Vec<String> = docs
        .iter()
        .map(|d| {
            d.meta
                .origin
                .path
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        [
            "c.txt", "d.jsonl", "e.csv", "f.xml", "g.conllu", "h.sgm", "i.html"
        ]
    );
    let bad: Vec<String> = errors
        .iter()
        .map(|e| e.source_path.rsplit('/').next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        bad,
        ["a.txt", "b.txt", "d.jsonl", "f.xml", "j.html"],
        "{:?}",
        messages(&errors)
    );
}
