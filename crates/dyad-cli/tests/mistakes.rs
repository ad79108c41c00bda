//! Mistakes in flags and paths fail loudly (exit 2, one clear message);
//! the run's own output and messages never panic.

#![allow(clippy::unwrap_used)]

mod common;

use std::process::Stdio;

use common::{dyad, json_lines, run, shared_data, temp_dir};

/// Runs `dyad` with `args` and returns (exit code, stderr).
fn fails(args: &[&str]) -> (Option<i32>, String) {
    let out = run(dyad().args(args));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_missing_input_path_is_fatal() {
    let dir = temp_dir("missing-input");
    let good = dir.join("good.txt");
    std::fs::write(&good, "Rebels attacked the town.").unwrap();
    let missing = dir.join("nope.txt");
    for command in ["parse", "code"] {
        let out = run(dyad().args([command, "--quiet"]).arg(&good).arg(&missing));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains("nope.txt") && stderr.contains("no such file"),
            "{stderr}"
        );
    }
}

#[test]
fn thread_counts_outside_one_to_256_are_refused() {
    for threads in ["0", "257", "100000", "-1"] {
        let flag = format!("--threads={threads}");
        let (code, stderr) = fails(&[&flag, "parse", "--quiet", "-"]);
        assert_eq!(code, Some(2), "--threads {threads}: {stderr}");
        assert!(stderr.contains("--threads"), "{stderr}");
    }
}

#[test]
fn output_and_errors_in_one_file_are_refused() {
    let dir = temp_dir("same-file");
    let input = dir.join("a.txt");
    std::fs::write(&input, "Rebels attacked the town.").unwrap();
    let same = dir.join("out.jsonl");
    let also_same = dir.join(".").join("out.jsonl");
    let out = run(dyad()
        .args(["parse", "--quiet", "--segment-only"])
        .arg(&input)
        .arg("-o")
        .arg(&same)
        .arg("--errors")
        .arg(&also_same));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("same file"), "{stderr}");
}

#[test]
fn a_full_stderr_or_closed_pipes_never_panic() {
    let dir = temp_dir("full-stderr");
    let input = dir.join("bad.jsonl");
    // error records and warnings go to stderr, which is /dev/full
    std::fs::write(
        &input,
        "{not json\n{\"id\":\"a\",\"text\":\"Rebels attacked the town.\"}\n",
    )
    .unwrap();
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipping: no /dev/full here");
        return;
    };
    let out = dyad()
        .args(["parse", "--segment-only", "--quiet"])
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(full)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(101), "panicked on a full stderr");
    assert!(out.status.code().is_some(), "killed by a signal");
    // `dyad dict check | head -1`: stdout closed early
    let mut child = dyad()
        .args(["dict", "check", "dicts"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "{stderr}");
}

#[test]
fn duplicate_document_ids_are_renamed_with_a_warning() {
    let dir = temp_dir("duplicate-ids");
    let input = dir.join("docs.jsonl");
    let line = r#"{"id":"same","text":"Chad attacked Niger on Monday."}"#;
    std::fs::write(&input, format!("{line}\n{line}\n")).unwrap();
    let out = run(dyad().args(["code", "--quiet"]).arg(&input));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("duplicate document id"), "{stderr}");
    let events = json_lines(&out.stdout);
    assert_eq!(events.len(), 2, "{stderr}");
    let ids: Vec<&str> = events
        .iter()
        .map(|e| e["event_id"].as_str().unwrap())
        .collect();
    assert_ne!(ids[0], ids[1]);
}

#[test]
fn error_records_are_capped_per_file() {
    let dir = temp_dir("many-errors");
    let input = dir.join("junk.jsonl");
    std::fs::write(&input, "{junk\n".repeat(1000)).unwrap();
    let errors = dir.join("errors.jsonl");
    let out = run(dyad()
        .args(["parse", "--quiet", "--segment-only"])
        .arg(&input)
        .arg("--errors")
        .arg(&errors));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let records = json_lines(&std::fs::read(&errors).unwrap());
    assert_eq!(records.len(), 100);
    assert!(stderr.contains("1000 errors"), "{stderr}");
}

#[test]
fn csv_tsv_and_parquet_hold_one_row_per_event() {
    let Some(data) = shared_data() else { return };
    let dir = temp_dir("formats");
    // the first 40 Guardian articles (the whole sample is checked by hand
    // in the README's figures; 40 keep the test quick)
    let guardian = dir.join("guardian-40.csv");
    let mut reader = csv::Reader::from_path(data.join("ngec/Guardian_SDF_sample.csv")).unwrap();
    let mut writer = csv::Writer::from_path(&guardian).unwrap();
    writer.write_record(reader.headers().unwrap()).unwrap();
    for record in reader.records().take(40) {
        writer.write_record(&record.unwrap()).unwrap();
    }
    writer.flush().unwrap();
    let code = |to: &str, out: &std::path::Path| {
        let o = run(dyad()
            .args([
                "code",
                "--quiet",
                "--id-field",
                "",
                "--url-field",
                "source",
                "--to",
                to,
            ])
            .arg(&guardian)
            .arg("-o")
            .arg(out));
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let jsonl = dir.join("e.jsonl");
    code("jsonl", &jsonl);
    let events = json_lines(&std::fs::read(&jsonl).unwrap());
    assert!(events.len() > 100, "{} events", events.len());
    for (to, delimiter) in [("csv", b','), ("tsv", b'\t')] {
        let path = dir.join(format!("e.{to}"));
        code(to, &path);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_path(&path)
            .unwrap();
        let header = reader.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), events.len(), "{to}");
        let id = header.iter().position(|h| h == "event_id").unwrap();
        for (row, event) in rows.iter().zip(&events) {
            assert_eq!(row.get(id), event["event_id"].as_str());
        }
    }
    let parquet = dir.join("e.parquet");
    code("parquet", &parquet);
    let file = std::fs::File::open(&parquet).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let rows: usize = reader.map(|b| b.unwrap().num_rows()).sum();
    assert_eq!(rows, events.len());
}

#[test]
fn parquet_needs_an_output_file_and_documents_are_jsonl_only() {
    let (code, stderr) = fails(&["code", "--quiet", "--to", "parquet", "-"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--output"), "{stderr}");
    let (code, stderr) = fails(&["code", "--quiet", "--emit", "documents", "--to", "csv", "-"]);
    assert_eq!(code, Some(2), "{stderr}");
}

#[test]
fn a_named_field_a_file_lacks_is_fatal_and_lists_the_columns() {
    let dir = temp_dir("missing-field");
    let csv = dir.join("a.csv");
    std::fs::write(
        &csv,
        "id,body,when\n1,Rebels attacked the town.,2019-10-31\n",
    )
    .unwrap();
    let out = run(dyad()
        .args([
            "parse",
            "--quiet",
            "--segment-only",
            "--text-field",
            "content",
        ])
        .arg(&csv));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("content") && stderr.contains("body") && stderr.contains("when"),
        "{stderr}"
    );
    // a default field the file lacks stays quiet (`date`), a named date
    // field that never has a value warns once
    let jsonl = dir.join("b.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\":\"1\",\"text\":\"Rebels attacked.\",\"day\":\"\"}\n{\"id\":\"2\",\"text\":\"Police left.\",\"day\":\"\"}\n",
    )
    .unwrap();
    let out = run(dyad()
        .args(["parse", "--quiet", "--segment-only"])
        .arg(&jsonl));
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning"));
    let out = run(dyad()
        .args(["parse", "--quiet", "--segment-only", "--date-field", "day"])
        .arg(&jsonl));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.matches("day").count(), 1, "{stderr}");
}

#[test]
fn empty_dictionaries_are_refused_unless_allowed() {
    let dir = temp_dir("empty-dicts");
    let input = dir.join("a.txt");
    std::fs::write(&input, "Chad attacked Niger.").unwrap();
    let none = dir.join("none");
    std::fs::create_dir_all(&none).unwrap();
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("countries.txt"), "# nothing yet\n").unwrap();
    std::fs::write(empty.join("verbs.txt"), "").unwrap();
    for (folder, format) in [(&none, "dyad"), (&empty, "dyad"), (&none, "petrarch")] {
        let out = run(dyad()
            .args(["code", "--quiet", "--dict-format", format, "--dicts"])
            .arg(folder)
            .arg(&input));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", folder.display());
    }
    let out = run(dyad()
        .args([
            "code",
            "--quiet",
            "--allow-empty-dicts",
            "--dict-format",
            "dyad",
            "--dicts",
        ])
        .arg(&empty)
        .arg(&input));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("empty"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_sentence_of_20000_words_is_split_and_coded_without_blowing_up() {
    let dir = temp_dir("long-sentence");
    let input = dir.join("long.txt");
    let words: Vec<&str> = [
        "rebels", "attacked", "the", "town", "and", "police", "fired",
    ]
    .into_iter()
    .cycle()
    .take(20_000)
    .collect();
    std::fs::write(&input, format!("Title\n\n{}.", words.join(" "))).unwrap();
    let out = run(dyad().args(["code", "--quiet"]).arg(&input));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("over the limit of 250"), "{stderr}");
}
