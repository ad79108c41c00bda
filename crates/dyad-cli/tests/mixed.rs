//! One folder with a good file of every format and every kind of bad input
//! found by hostile testing, coded on two threads: every input unit comes
//! out as a document or one error record, nothing hangs, nothing aborts.

#![allow(clippy::unwrap_used)]

mod common;

use std::os::unix::ffi::OsStrExt;

use common::{dyad, json_lines, run, temp_dir};

/// Writes the folder; returns (good documents, error records) expected.
fn mixed_folder(dir: &std::path::Path) -> (usize, usize) {
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    let story = "Rebels attacked the town of Gao on Monday, officials said.";
    // good: one document each, or as many as they hold
    write("a.txt", format!("Headline\n\n{story}").as_bytes());
    write(
        "b.html",
        format!("<html><head><title>T</title></head><body><article><p>{story}</p></article></body></html>").as_bytes(),
    );
    write(
        "c.jsonl",
        format!("{{\"id\":\"c1\",\"text\":\"{story}\"}}\n{{\"id\":\"c2\",\"text\":\"{story}\"}}\n")
            .as_bytes(),
    );
    write(
        "d.csv",
        format!("id,text\nd1,\"{story}\"\nd2,\"{story}\"\n").as_bytes(),
    );
    write(
        "e.xml",
        format!("<Sentences><Sentence id=\"e1\" date=\"20150813\"><Text>{story}</Text></Sentence><Sentence id=\"e2\" date=\"20150813\"><Text>{story}</Text></Sentence></Sentences>").as_bytes(),
    );
    write(
        "f.conllu",
        b"# newdoc id = f1\n# sent_id = 1\n# text = Rebels attacked Gao.\n1\tRebels\t_\t_\t_\t_\t_\t_\t_\t_\n2\tattacked\t_\t_\t_\t_\t_\t_\t_\t_\n3\tGao\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n",
    );
    write(
        "g.sgm",
        format!("<REUTERS NEWID=\"7\"><DATE>26-FEB-1987 15:01:01.79</DATE><TEXT><TITLE>GAO ATTACK</TITLE><BODY>{story}</BODY></TEXT></REUTERS>\n").as_bytes(),
    );
    // duplicate ids: two documents, the second renamed
    write(
        "h-dup.jsonl",
        format!("{{\"id\":\"c1\",\"text\":\"{story}\"}}\n").as_bytes(),
    );
    // a file name that is not UTF-8: read, named lossily
    std::fs::write(
        dir.join(std::ffi::OsStr::from_bytes(b"i-\xff\xfe.txt")),
        story,
    )
    .unwrap();
    let good = 1 + 1 + 2 + 2 + 2 + 1 + 1 + 1 + 1;
    // bad: one error record each
    write("j-empty.txt", b"");
    write("k-binary.txt", &[0, 159, 146, 150, 0, 1, 2, 255, 0]);
    write(
        "l-nested.html",
        format!(
            "<html><body>{}x{}</body></html>",
            "<span>".repeat(10_000),
            "</span>".repeat(10_000)
        )
        .as_bytes(),
    );
    // an unclosed quote: the row before it is read, then one error
    write(
        "m-quote.csv",
        format!("id,text\nm1,\"{story}\"\nm2,\"never closed\nm3,\"{story}\"\n").as_bytes(),
    );
    write(
        "n-big.txt",
        "The minister spoke at length. ".repeat(80_000).as_bytes(),
    ); // 2.4 MB
    std::os::unix::fs::symlink(".", dir.join("o-loop")).unwrap();
    let fifo = dir.join("p-fifo.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let fifo_error = usize::from(made.is_ok_and(|s| s.success()));
    let bad = 1 + 1 + 1 + 1 + 1 + 1 + fifo_error;
    (good + 1, bad) // + m1, read before the broken quote
}

#[test]
fn a_mixed_folder_gives_one_record_per_input_unit_on_two_threads() {
    let dir = temp_dir("mixed");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let (good, bad) = mixed_folder(&input);
    let errors = dir.join("errors.jsonl");
    let started = std::time::Instant::now();
    let out = run(dyad()
        .args([
            "--threads",
            "2",
            "parse",
            "--quiet",
            "--max-document-mb",
            "1",
        ])
        .arg(&input)
        .arg("--errors")
        .arg(&errors));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        started.elapsed().as_secs() < 120,
        "took {:?}",
        started.elapsed()
    );
    let docs = json_lines(&out.stdout);
    let errs = json_lines(&std::fs::read(&errors).unwrap());
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    let sources: Vec<&str> = errs.iter().map(|e| e["source"].as_str().unwrap()).collect();
    assert_eq!(
        docs.len(),
        good,
        "documents {ids:?}\nerrors {sources:?}\n{stderr}"
    );
    assert_eq!(
        errs.len(),
        bad,
        "documents {ids:?}\nerrors {sources:?}\n{stderr}"
    );
    assert!(ids.contains(&"c1~2"), "{ids:?}");
    assert!(stderr.contains("duplicate document id"), "{stderr}");
    // the same through `dyad code`: every document codes or errs
    let out = run(dyad()
        .args([
            "--threads",
            "2",
            "code",
            "--quiet",
            "--max-document-mb",
            "1",
            "--emit",
            "documents",
        ])
        .arg(&input)
        .arg("--errors")
        .arg(&errors));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json_lines(&out.stdout).len(), good);
    assert_eq!(json_lines(&std::fs::read(&errors).unwrap()).len(), bad);
}
