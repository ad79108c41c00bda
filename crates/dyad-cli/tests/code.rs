//! End-to-end tests of `dyad code`, `dyad eval petrarch` and `dyad bench
//! code`: the real binary, real files. Tests that need `../shared/data`
//! print a skip message when it is absent.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;

use std::path::Path;

use serde_json::Value;

fn last_json(bytes: &[u8]) -> Value {
    let text = String::from_utf8_lossy(bytes);
    let last = text.lines().last().unwrap_or("");
    serde_json::from_str(last).unwrap_or_else(|e| panic!("last line `{last}` is not JSON: {e}"))
}

/// A small dictionary set under the Phoenix file names `dyad code` expects.
fn write_dicts(dir: &Path, verbs: &str, actors: &str, agents: &str) {
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    write("CAMEO.2.0.txt", verbs);
    write("Phoenix.Countries.actors.txt", actors);
    write(
        "Phoenix.International.actors.txt",
        "UNITED_NATIONS [IGOUNO]\n",
    );
    write("Phoenix.MilNonState.actors.txt", "TALIBAN [AFGINS]\n");
    write("Phoenix.agents.txt", agents);
    write("Phoenix.discards.txt", "WORLD CUP\n");
    write("Phoenix.IssueCoding.txt", "n:atrocity [ID_ATROCITY]\n");
}

#[test]
fn code_writes_event_records_with_dictionary_evidence() {
    let dir = temp_dir("small");
    write_dicts(
        &dir,
        "--- ATTACK [190] ---\nATTACK\n",
        "ARNOR [ARN]\nGONDOR [GON]\n",
        "POLICE {} [~COP]\n",
    );
    let input = dir.join("news.txt");
    std::fs::write(&input, "Arnor attacked Gondor on Monday.\n").unwrap();
    let out = run(dyad().arg("code").arg("--dicts").arg(&dir).arg(&input));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events = json_lines(&out.stdout);
    assert_eq!(events.len(), 1, "{events:?}");
    let e = &events[0];
    assert_eq!(e["schema"], "dyad.event/1");
    assert_eq!(e["source"]["code"], "ARN");
    assert_eq!(e["target"]["code"], "GON");
    assert_eq!(e["cameo"], "190");
    assert_eq!(e["negated"], false);
    assert_eq!(e["evidence"]["verb"], "attacked");
    let rule = e["evidence"]["rule"].as_str().unwrap();
    assert!(rule.starts_with("CAMEO.2.0.txt:2"), "{rule}");
}

#[test]
fn broken_dictionaries_give_file_line_warnings_and_no_panic() {
    let dir = temp_dir("broken");
    // truncated and garbled entries in every file type
    write_dicts(
        &dir,
        "&SYNSET\n+WORD\n--- ATTACK [190] ---\nATTACK {ATTACKED\n- * (WITH + [043]\n- * [1x9\n\
         --- BROKEN [19\n\u{0}\u{1}garbage ]]] {{{\n--- MEET [040] ---\nMEET\n- * &UNDEFINED [041]\n- % ",
        "ARNOR [ARN]\nGONDOR [GO\n\t[GONGOV 2001-\n+\n[[[\nERIADOR [ERI] ]\n\u{7f}\u{0}",
        "POLICE {} [~COP\n!PERSON! = \nCONGRESS!PERSON! [~LEG}\n{}{}\n",
    );
    let input = dir.join("news.txt");
    std::fs::write(&input, "Arnor attacked Gondor on Monday.\n").unwrap();
    let out = run(dyad().arg("code").arg("--dicts").arg(&dir).arg(&input));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for file in ["CAMEO.2.0.txt:", "Phoenix.Countries.actors.txt:"] {
        let warned = stderr.lines().any(|l| {
            l.contains("warning")
                && l.split(file)
                    .nth(1)
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        });
        assert!(warned, "no {file}LINE warning in:\n{stderr}");
    }
    // what loaded still codes
    let events = json_lines(&out.stdout);
    assert!(events.iter().all(|e| e["schema"] == "dyad.event/1"));
}

#[test]
fn truncated_copies_of_the_phoenix_dictionaries_load_without_panic() {
    let Some(data) = shared_data() else { return };
    let src = data.join("petrarch2/dictionaries");
    let dir = temp_dir("truncated");
    for name in [
        "CAMEO.2.0.txt",
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
        "Phoenix.discards.txt",
        "Phoenix.IssueCoding.txt",
    ] {
        let bytes = std::fs::read(src.join(name)).unwrap();
        // cut mid-file (mid-line, mid-entry), then garble a few bytes
        let mut cut = bytes[..bytes.len() * 2 / 3].to_vec();
        for i in (7..cut.len()).step_by(4099) {
            cut[i] = b"[]{}~+&%"[i % 8];
        }
        std::fs::write(dir.join(name), cut).unwrap();
    }
    let input = dir.join("news.txt");
    std::fs::write(&input, "Rebels attacked the town on Monday.\n").unwrap();
    let out = run(dyad().arg("code").arg("--dicts").arg(&dir).arg(&input));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("dictionary problems") && stderr.contains(".txt:"),
        "{stderr}"
    );
}

/// `dyad eval petrarch` on the unit-test records with the 2.0 verb file,
/// with the records' parses or dyad's own; the last line's JSON.
fn eval_petrarch(data: &Path, use_parses: bool) -> Value {
    let mut cmd = dyad();
    cmd.args(["eval", "petrarch", "--records"])
        .arg(data.join("universal-petrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml"))
        .arg("--dicts")
        .arg(data.join("petrarch2/dictionaries"))
        .arg("--verbs")
        .arg(data.join("universal-petrarch/PETR.Validate.verbs.2.0.txt"));
    if use_parses {
        cmd.arg("--use-parses");
    }
    let out = run(&mut cmd);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    last_json(&out.stdout)
}

#[test]
fn eval_petrarch_prints_the_score_as_last_line_json() {
    let Some(data) = shared_data() else { return };
    let score = eval_petrarch(&data, true);
    let mut keys: Vec<&str> = score
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = [
        "records",
        "gold_events",
        "matched",
        "missed",
        "false_positives",
        "recall",
        "precision",
    ];
    expected.sort_unstable();
    keys.sort_unstable();
    assert_eq!(keys, expected);
    let n = |k: &str| score[k].as_u64().unwrap();
    assert_eq!(n("matched") + n("missed"), n("gold_events"));
    assert!(n("records") > 250);
    let recall = score["recall"].as_f64().unwrap();
    let precision = score["precision"].as_f64().unwrap();
    // issue 5's acceptance with the records' parses and the 2.0 verbs
    assert!(recall >= 0.90 && precision >= 0.90, "{score}");
}

#[test]
fn eval_petrarch_with_dyad_s_own_parser_meets_its_floor() {
    let Some(data) = shared_data() else { return };
    let score = eval_petrarch(&data, false);
    let recall = score["recall"].as_f64().unwrap();
    let precision = score["precision"].as_f64().unwrap();
    // issue 5's acceptance for raw text through dyad's tagger and parser
    assert!(recall >= 0.80 && precision >= 0.85, "{score}");
}

#[test]
fn bench_code_prints_throughput_as_last_line_json() {
    let Some(data) = shared_data() else { return };
    let out = run(dyad()
        .args([
            "bench",
            "code",
            "--sentences",
            "500",
            "--rounds",
            "1",
            "--dicts",
        ])
        .arg(data.join("petrarch2/dictionaries"))
        .arg("--records")
        .arg(data.join("universal-petrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml")));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result = last_json(&out.stdout);
    assert_eq!(result["sentences"], 500);
    assert!(
        result["sentences_per_s"].as_f64().unwrap() > 0.0,
        "{result}"
    );
    assert!(result["events"].is_u64() && result["distinct_sentences"].is_u64());
}

/// The event records of `../shared/data/news-sample/`, coded with `args`.
fn news_sample_records(args: &[&str]) -> Option<Vec<Value>> {
    let data = shared_data()?;
    let out = run(dyad()
        .arg("code")
        .arg("--quiet")
        .args(args)
        .arg(data.join("news-sample")));
    assert!(out.status.success());
    Some(json_lines(&out.stdout))
}

/// The events of the news sample as `(source, cameo, target)`, coded with
/// `args`.
fn news_sample_events(args: &[&str]) -> Option<Vec<(String, String, String)>> {
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    Some(
        news_sample_records(args)?
            .iter()
            .map(|e| {
                (
                    s(&e["source"]["code"]),
                    s(&e["cameo"]),
                    s(&e["target"]["code"]),
                )
            })
            .collect(),
    )
}

#[test]
fn news_sample_codes_security_forces_shooting_iraqi_protesters() {
    let Some(events) = news_sample_events(&[]) else {
        return;
    };
    assert!(
        events
            .iter()
            .any(|(_, cameo, target)| cameo.starts_with("19") && target.starts_with("IRQOPP")),
        "{events:?}"
    );
}

/// The Hashd al-Shaabi's threat: "a powerful Iraqi militia aligned with
/// Iran, the Hashd al-Shaabi Force, announcing … that it would take action
/// to prevent a coup … against Abdul Mahdi's government": a threat (13) by
/// the militia — the PMF (`IRQMILPMF`) where the parse hangs the name on
/// "militia", an Iraqi militia (`IRQINS`) where it hangs it on "Iran" —
/// against no one the text names (not the government the coup would be
/// against).
fn iraqi_militia_threat(events: &[(String, String, String)]) -> bool {
    has(events, "IRQMILPMF", "13", "---") || has(events, "IRQINS", "13", "---")
}

/// Whether `events` has one whose source, CAMEO code and target start
/// with `src`, `root` and `tgt`.
fn has(events: &[(String, String, String)], src: &str, root: &str, tgt: &str) -> bool {
    events
        .iter()
        .any(|(s, c, t)| s.starts_with(src) && c.starts_with(root) && t.starts_with(tgt))
}

/// Issue 6's other news-sample events: Khamenei accuses the US, Soleimani
/// meets Khamenei (the 2016 caption) and "was sent to Baghdad" (a visit);
/// with `--one-sided` also the PMF's threat ("it would take action"), whose
/// target the text does not name as an actor.
#[test]
fn news_sample_codes_the_accusation_the_meeting_the_visit_and_the_threat() {
    let Some(events) = news_sample_events(&[]) else {
        return;
    };
    assert!(has(&events, "IRN", "112", "USA"), "accuse: {events:?}");
    assert!(has(&events, "IRNMIL", "040", "IRNGOV"), "meet: {events:?}");
    assert!(has(&events, "IRNMIL", "042", "IRQ"), "visit: {events:?}");
    let Some(events) = news_sample_events(&["--one-sided"]) else {
        return;
    };
    assert!(iraqi_militia_threat(&events), "threaten: {events:?}");
}

/// Issue 6's four news-sample events in one run, with `--require source`:
/// a source actor always, a target where the text names one; no event
/// without a source.
#[test]
fn news_sample_with_require_source_codes_all_four_and_no_sourceless_event() {
    let Some(events) = news_sample_events(&["--require", "source"]) else {
        return;
    };
    assert!(has(&events, "IRNMIL", "042", "IRQ"), "visit: {events:?}");
    assert!(
        has(&events, "IRQCOP", "19", "IRQOPP"),
        "shooting: {events:?}"
    );
    assert!(has(&events, "IRN", "112", "USA"), "accuse: {events:?}");
    assert!(iraqi_militia_threat(&events), "threaten: {events:?}");
    assert!(events.iter().all(|(s, _, _)| s != "---"), "{events:?}");
    // the two short forms agree
    assert_eq!(
        news_sample_events(&["--one-sided"]),
        news_sample_events(&["--require", "one"])
    );
}

/// "The Associated Press quoted two senior Iraqi officials who spoke
/// anonymously …. The attendees reportedly expected … when Soleimani
/// arrived": a "reportedly" event takes the reporter of a sentence before.
#[test]
fn news_sample_reportedly_events_take_the_anonymous_officials_as_attribution() {
    let Some(events) = news_sample_records(&["--one-sided"]) else {
        return;
    };
    let arrived = events
        .iter()
        .find(|e| e["evidence"]["verb"] == "arrived")
        .expect("the arrival is coded");
    assert_eq!(arrived["modality"], "reported");
    assert_eq!(
        arrived["attribution"]["text"],
        "two senior Iraqi officials who spoke anonymously"
    );
}
