//! End-to-end tests of the `dyad` binary: real processes, real files.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use serde_json::Value;

#[test]
fn bad_inputs_give_one_error_record_each_and_the_run_goes_on() {
    let dir = temp_dir("bad");
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    write(
        "01-good.txt",
        b"Title\n\nRebels attacked the town on Monday. Police said so.",
    );
    write("02-empty.txt", b"");
    write(
        "03-binary.txt",
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0, 0, 7],
    );
    write(
        "04-latin1.txt",
        b"Caf\xe9 owners in S\xe3o Paulo protested.",
    );
    write("05-bad.jsonl", b"{\"id\":\"a\",\"text\":\"Good one.\"}\n{not json\n{\"id\":\"c\"}\n{\"id\":\"d\",\"text\":\"Also good.\"}\n");
    write(
        "06-bad.csv",
        b"id,text\n1,\"Fine row.\"\n2,\"Too\",many,fields\n",
    );
    write("07-bad.xml", b"<Sentences><Sentence id=\"s1\" date=\"20150813\"><Text>Troops left.</Text></Sentence><Sentence id=\"s2\"><Text>Broken</Sentance></Sentences>");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all("Protesters marched in Baghdad. ".repeat(2000).as_bytes())
        .unwrap();
    let gz = gz.finish().unwrap();
    write("08-truncated.txt.gz", &gz[..gz.len() / 2]);
    let long_line = "The minister spoke. ".repeat(500_000); // 10 MB, one line
    write("09-long.txt", long_line.as_bytes());

    let errors_path = dir.join("errors.jsonl");
    let output = run(dyad()
        .arg("parse")
        .arg(&dir)
        .arg("--errors")
        .arg(&errors_path)
        .args(["--quiet", "--segment-only"]));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let docs = json_lines(&output.stdout);
    let errors = json_lines(&std::fs::read(&errors_path).unwrap());
    for error in &errors {
        assert_eq!(error["schema"], "dyad.error/1");
        assert!(error["source"].as_str().unwrap().contains("dyad-test-"));
        assert!(!error["error"].as_str().unwrap().is_empty());
    }
    let error_sources: Vec<String> = errors
        .iter()
        .map(|e| {
            let path = e["source"].as_str().unwrap();
            let name = Path::new(path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            match e["line"].as_u64() {
                Some(line) => format!("{name}:{line}"),
                None => name,
            }
        })
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    // Good documents survive next to bad ones.
    assert!(ids.contains(&"01-good"), "{ids:?}");
    assert!(ids.contains(&"04-latin1"), "{ids:?}");
    assert!(ids.contains(&"09-long"), "{ids:?}");
    assert!(ids.contains(&"a") && ids.contains(&"d"), "{ids:?}");
    assert!(ids.contains(&"1") && !ids.contains(&"2"), "{ids:?}");
    assert!(ids.contains(&"s1"), "{ids:?}");
    // Exactly one error record per bad document.
    let count = |prefix: &str| {
        error_sources
            .iter()
            .filter(|s| s.starts_with(prefix))
            .count()
    };
    assert_eq!(count("02-empty.txt"), 1, "{error_sources:?}");
    assert_eq!(count("03-binary.txt"), 1, "{error_sources:?}");
    assert_eq!(count("05-bad.jsonl"), 2, "{error_sources:?}");
    assert!(
        error_sources.contains(&"05-bad.jsonl:2".to_string()),
        "{error_sources:?}"
    );
    assert!(
        error_sources.contains(&"05-bad.jsonl:3".to_string()),
        "{error_sources:?}"
    );
    assert_eq!(count("06-bad.csv"), 1, "{error_sources:?}");
    assert_eq!(count("07-bad.xml"), 1, "{error_sources:?}");
    assert_eq!(count("08-truncated.txt.gz"), 1, "{error_sources:?}");
    assert_eq!(count("04-latin1"), 0, "{error_sources:?}");
    // The Latin-1 file is decoded, with a warning on the document.
    let latin = docs.iter().find(|d| d["id"] == "04-latin1").unwrap();
    assert!(
        latin["text"]
            .as_str()
            .unwrap()
            .contains("Café owners in São Paulo")
    );
    assert_eq!(latin["warnings"].as_array().unwrap().len(), 1);
    // The 10 MB one-line document is segmented.
    let long = docs.iter().find(|d| d["id"] == "09-long").unwrap();
    assert_eq!(long["sentences"].as_array().unwrap().len(), 500_000);

    // --strict turns document errors into exit status 1.
    let strict = run(dyad()
        .arg("parse")
        .arg(dir.join("02-empty.txt"))
        .arg("--strict")
        .arg("--quiet"));
    assert_eq!(strict.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reads_stdin_and_writes_conllu() {
    let mut child = dyad()
        .args(["parse", "-", "--to", "conllu", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Iran's leader didn't attend.\n\nTroops withdrew.".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let sentences: Vec<_> = dyad_conllu::Reader::new(text.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(sentences.len(), 2);
    assert_eq!(sentences[0].raw_text(), "Iran's leader didn't attend.");
    let forms: Vec<&str> = sentences[0].words.iter().map(|w| w.form.as_str()).collect();
    assert_eq!(forms, ["Iran", "'s", "leader", "did", "n't", "attend", "."]);
    assert_eq!(sentences[0].multiword_tokens.len(), 2);
    // Tagged and parsed by default: a well-formed tree with lemmas and tags.
    for sentence in &sentences {
        sentence.validate_tree().unwrap();
        assert!(
            sentence
                .words
                .iter()
                .all(|w| !w.upos.is_empty() && w.upos != "_")
        );
    }
    let attend = sentences[0]
        .words
        .iter()
        .find(|w| w.form == "attend")
        .unwrap();
    assert_eq!(
        (attend.upos.as_str(), attend.lemma.as_str(), attend.head),
        ("VERB", "attend", Some(0))
    );
    let leader = sentences[0]
        .words
        .iter()
        .find(|w| w.form == "leader")
        .unwrap();
    assert_eq!((leader.deprel.as_str(), leader.head), ("nsubj", Some(6)));
}

#[test]
fn output_is_in_input_order_and_reproducible() {
    let dir = temp_dir("order");
    let mut lines = String::new();
    for i in 0..3000 {
        lines.push_str(&format!(
            "{{\"id\":\"n{i}\",\"text\":\"Story {i}. Police arrested {i} people.\"}}\n"
        ));
    }
    std::fs::write(dir.join("many.jsonl"), lines).unwrap();
    let first = run(dyad().arg("parse").arg(&dir).arg("--quiet"));
    let second = run(dyad()
        .arg("parse")
        .arg(&dir)
        .arg("--quiet")
        .args(["--threads", "1"]));
    assert_eq!(first.stdout, second.stdout);
    let docs = json_lines(&first.stdout);
    let ids: Vec<String> = docs
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = (0..3000).map(|i| format!("n{i}")).collect();
    assert_eq!(ids, expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn news_sample_has_title_caption_body_and_no_boilerplate() {
    let Some(data) = shared_data() else { return };
    let output = run(dyad()
        .arg("parse")
        .arg(data.join("news-sample"))
        .arg("--quiet"));
    let docs = json_lines(&output.stdout);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    let text = doc["text"].as_str().unwrap();
    let chars: Vec<char> = text.chars().collect();
    let slice = |span: &Value| -> String {
        let (s, e) = (
            span[0].as_u64().unwrap() as usize,
            span[1].as_u64().unwrap() as usize,
        );
        chars[s..e].iter().collect()
    };
    let kinds: Vec<&str> = doc["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["title", "caption", "credit", "body"]);
    assert_eq!(
        doc["title"],
        "Report: Iran Terrorism General in Iraq to Help Repress Protests"
    );
    assert!(!text.contains("Please let us know"));
    let sentences: Vec<String> = doc["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| slice(&s["span"]))
        .collect();
    assert!(sentences.contains(&"Soleimani reportedly appears to have taken over the Iraqi government’s deadly response to the protests.".to_string()), "{sentences:#?}");
    assert!(
        sentences
            .iter()
            .any(|s| s.starts_with("In this Sept. 18, 2016 photo released by"))
    );
    // Every token's span reproduces its form.
    for sentence in doc["sentences"].as_array().unwrap() {
        for token in sentence["tokens"].as_array().unwrap() {
            assert_eq!(slice(&token["span"]), token["form"].as_str().unwrap());
        }
    }
}

#[test]
fn guardian_csv_reads_with_documented_flags() {
    let Some(data) = shared_data() else { return };
    let output = run(dyad()
        .arg("parse")
        .arg(data.join("ngec/Guardian_SDF_sample.csv"))
        .args(["--id-field", "", "--url-field", "source", "--quiet"]));
    assert!(output.status.success());
    let docs = json_lines(&output.stdout);
    assert_eq!(docs.len(), 249);
    assert!(
        docs.iter()
            .all(|d| d["date"].as_str().is_some_and(|d| d.len() == 10))
    );
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .lines()
            .all(|l| !l.contains("dyad.error/1"))
    );
}

#[test]
fn eval_segment_prints_json_last() {
    let dir = temp_dir("eval");
    let conllu = "# newdoc id = d\n# newpar id = p\n# text = Troops left. Rebels stayed.\n1\tTroops\t_\t_\t_\t_\t2\tnsubj\t_\t_\n2\tleft\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t2\tpunct\t_\t_\n4\tRebels\t_\t_\t_\t_\t5\tnsubj\t_\t_\n5\tstayed\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n6\t.\t_\t_\t_\t_\t5\tpunct\t_\t_\n\n";
    // One gold sentence holding what dyad splits into two: sentences F1 0.
    std::fs::write(dir.join("g.conllu"), conllu).unwrap();
    let output = run(dyad()
        .args(["eval", "segment", "--conllu"])
        .arg(dir.join("g.conllu")));
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let last: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(last["tokens_f1"], 1.0);
    assert_eq!(last["sentences_f1"], 0.0);
    assert_eq!(last["words"], 6);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dict_check_and_lookup() {
    let output = run(dyad().args(["dict", "check"]));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("0 problems"));

    let dir = temp_dir("dict");
    std::fs::write(
        dir.join("countries.txt"),
        "IRQ  Iraq | Republic of Iraq\n    adj: Iraqi\nirq!!  Broken code\nIRQGOV  Someone  @2019-13-01..2020\n",
    )
    .unwrap();
    let output = run(dyad().args(["dict", "check"]).arg(&dir));
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("countries.txt:3"), "{stdout}");
    assert!(stdout.contains("countries.txt:4"), "{stdout}");

    let output = run(dyad().args([
        "dict",
        "lookup",
        "the Iraqi prime minister",
        "--date",
        "2019-10-31",
    ]));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("IRQGOV") && stdout.contains("Adel Abdul Mahdi"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
