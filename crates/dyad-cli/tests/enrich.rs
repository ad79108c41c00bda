//! `dyad code` enrichment end to end: event dates, places, attribution and
//! `--cluster`, on small inline documents and on `../shared/data/news-sample`
//! (skipped when absent).
//!
//! Which events the news sample yields depends on the dictionaries, so the
//! sample test asserts on the dates, places and attributions of the events
//! that exist, by the sentence they come from.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;

use std::path::PathBuf;

use serde_json::Value;

fn code(args: &[&str]) -> Vec<Value> {
    let output = dyad()
        .arg("code")
        .arg("--quiet")
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const DOCS: &str = concat!(
    r#"{"id":"a","date":"2019-10-02","url":"https://apnews.com/x","text":"Iraqi security forces killed protesters in Baghdad on Tuesday, according to Iraqi officials."}"#,
    "\n",
    r#"{"id":"b","date":"2019-10-03","url":"https://www.reuters.com/y","text":"Iraqi security forces killed protesters in Baghdad, officials who spoke on condition of anonymity said."}"#,
    "\n",
);

fn write_docs(name: &str) -> PathBuf {
    let path =
        std::env::temp_dir().join(format!("dyad-enrich-{}-{name}.jsonl", std::process::id()));
    std::fs::write(&path, DOCS).unwrap();
    path
}

fn first_kill(records: &[Value], doc: &str) -> Value {
    records
        .iter()
        .find(|r| r["doc_id"] == doc && r["evidence"]["verb"] == "killed")
        .cloned()
        .unwrap_or_else(|| panic!("no killing coded in {doc}: {records:?}"))
}

#[test]
fn events_are_dated_located_and_attributed() {
    let path = write_docs("plain");
    let records = code(&[path.to_str().unwrap()]);
    let a = first_kill(&records, "a");
    assert_eq!(a["event_date"], "2019-10-01", "Tuesday before 2019-10-02");
    assert_eq!(a["event_date_precision"], "day");
    assert_eq!(a["location"]["name"], "Baghdad");
    assert_eq!(a["location"]["country"], "IRQ");
    assert_eq!(a["modality"], "reported");
    assert_eq!(a["attribution"]["text"], "Iraqi officials");
    let b = first_kill(&records, "b");
    assert_eq!(b["event_date"], "2019-10-03");
    assert_eq!(b["event_date_precision"], "publication");
    assert_eq!(b["modality"], "reported");
    assert_eq!(
        b["attribution"]["text"],
        "officials who spoke on condition of anonymity"
    );
    for r in &records {
        assert!(r["cluster_id"].is_null() && r["mentions"].is_null() && r["sources"].is_null());
    }
    let _ = std::fs::remove_file(path);
}

/// The people of a place are of its country: civilians hurt or residents
/// speaking where the sentence names a place take that place's country;
/// soldiers (who travel) do not, nor does anyone placed only by the
/// document's main place.
#[test]
fn local_people_take_the_country_of_the_place_named_with_them() {
    let path = std::env::temp_dir().join(format!("dyad-locals-{}.jsonl", std::process::id()));
    let docs = concat!(
        r#"{"id":"l","date":"2018-02-26","text":"At least 18 people were injured by a chlorine attack in eastern Ghouta on Sunday. Gunmen killed two soldiers in Aleppo on Monday."}"#,
        "\n",
    );
    std::fs::write(&path, docs).unwrap();
    let records = code(&[path.to_str().unwrap(), "--date-field", "date"]);
    let _ = std::fs::remove_file(&path);
    let code_of = |word: &str| {
        records
            .iter()
            .find(|r| {
                r["target"]["text"]
                    .as_str()
                    .is_some_and(|t| t.contains(word))
            })
            .map(|r| r["target"]["code"].as_str().unwrap_or_default().to_string())
    };
    assert_eq!(code_of("people").as_deref(), Some("SYRCVL"), "{records:?}");
    assert_eq!(
        code_of("soldiers").as_deref(),
        Some("---MIL"),
        "{records:?}"
    );
}

/// Issue 19: "ten days earlier" counts back from the day the story's
/// earlier sentences name, not from the publication date; a weekday with
/// its date is that date.
#[test]
fn relative_dates_count_from_the_story_s_own_time() {
    let docs = concat!(
        r#"{"id":"e","date":"2018-02-10","text":"On Saturday 31 August 2013, Iraqi security forces killed protesters in Baghdad. Ten days earlier, Iraqi security forces killed protesters in Basra."}"#,
        "\n",
    );
    let path = std::env::temp_dir().join(format!(
        "dyad-enrich-{}-narrative.jsonl",
        std::process::id()
    ));
    std::fs::write(&path, docs).unwrap();
    let records = code(&[path.to_str().unwrap()]);
    let mut kills: Vec<&Value> = records
        .iter()
        .filter(|r| r["evidence"]["verb"] == "killed")
        .collect();
    kills.sort_by_key(|r| r["sentence_index"].as_u64());
    assert_eq!(kills.len(), 2, "{records:?}");
    assert_eq!(kills[0]["event_date"], "2013-08-31");
    assert_eq!(kills[0]["event_date_precision"], "day");
    assert_eq!(kills[1]["event_date"], "2013-08-21");
    assert_eq!(kills[1]["event_date_precision"], "day");
    let _ = std::fs::remove_file(path);
}

#[test]
fn cluster_groups_the_same_event_across_outlets() {
    let path = write_docs("cluster");
    let records = code(&[path.to_str().unwrap(), "--cluster"]);
    let (a, b) = (first_kill(&records, "a"), first_kill(&records, "b"));
    assert_eq!(a["cluster_id"], b["cluster_id"]);
    assert_eq!(a["mentions"], 2);
    assert_eq!(a["sources"], 2);
    // input order is kept
    assert_eq!(records[0]["doc_id"], "a");
    // dates two days apart do not fit a one-day window
    let narrow = code(&[path.to_str().unwrap(), "--cluster", "--cluster-window", "1"]);
    let (a, b) = (first_kill(&narrow, "a"), first_kill(&narrow, "b"));
    assert_ne!(a["cluster_id"], b["cluster_id"]);
    assert_eq!(a["mentions"], 1);
    let _ = std::fs::remove_file(path);
}

/// Checks the enrichment of every event of the news sample whose sentence
/// has a known date or place; returns how many checks applied.
fn check_news_sample(records: &[Value]) -> usize {
    let mut checked = 0;
    for r in records {
        let sentence = r["sentence"].as_str().unwrap();
        let id = &r["event_id"];
        assert_eq!(r["doc_date"], "2019-10-31", "{id}");
        if sentence.contains("Sept. 18, 2016") {
            assert_eq!(r["event_date"], "2016-09-18", "{id}");
            assert_eq!(r["location"]["name"], "Tehran", "{id}");
            checked += 1;
        }
        if sentence.contains("held in Baghdad last month") {
            assert_eq!(r["location"]["name"], "Baghdad", "{id}");
            assert_eq!(r["event_date_precision"], "month", "{id}");
            checked += 1;
        }
        if sentence.contains("sent to Baghdad") {
            assert_eq!(r["location"]["country"], "IRQ", "{id}");
            checked += 1;
        }
        if sentence.contains("Khamenei on Wednesday") {
            assert_eq!(r["event_date"], "2019-10-30", "{id}");
            checked += 1;
        }
        if sentence.contains("on October 7") {
            assert_eq!(r["event_date"], "2019-10-07", "{id}");
            checked += 1;
        }
        if sentence.contains("security forces in Iraq") {
            assert_eq!(r["location"]["country"], "IRQ", "{id}");
            checked += 1;
        }
        if sentence.starts_with("Senior Iraqi officials revealed")
            && r["evidence"]["verb"] != "revealed"
        {
            assert_eq!(r["modality"], "reported", "{id}");
            assert!(
                r["attribution"]["text"]
                    .as_str()
                    .unwrap()
                    .contains("officials")
            );
            checked += 1;
        }
    }
    checked
}

#[test]
fn news_sample_dates_places_and_attribution() {
    let Some(data) = shared_data() else { return };
    let sample = data.join("news-sample");
    let builtin = code(&[sample.to_str().unwrap()]);
    let mut checked = check_news_sample(&builtin);
    let phoenix = data.join("petrarch2/dictionaries");
    if phoenix.is_dir() {
        let records = code(&[
            sample.to_str().unwrap(),
            "--dicts",
            phoenix.to_str().unwrap(),
        ]);
        checked += check_news_sample(&records);
    }
    assert!(checked >= 2, "too few sample events checked: {checked}");
}

/// Issue 7's news-sample points that need one-sided events: the protesters
/// killed are Iraqi, in Iraq, in October 2019 (the publication date: the
/// sentence names no date); the arrival in Baghdad is located there and
/// attributed to the anonymous officials of the sentence before.
#[test]
fn news_sample_one_sided_protests_are_dated_and_placed_and_attributed() {
    let Some(data) = shared_data() else { return };
    let sample = data.join("news-sample");
    let records = code(&[sample.to_str().unwrap(), "--one-sided"]);
    assert!(check_news_sample(&records) >= 2);
    let killed = records
        .iter()
        .find(|r| r["evidence"]["verb"] == "killed")
        .expect("the killing of protesters is coded");
    assert_eq!(killed["target"]["code"], "IRQOPP");
    assert_eq!(killed["location"]["country"], "IRQ");
    assert!(
        killed["event_date"]
            .as_str()
            .unwrap()
            .starts_with("2019-10"),
        "{killed}"
    );
    let arrived = records
        .iter()
        .find(|r| r["evidence"]["verb"] == "arrived")
        .expect("the arrival is coded");
    assert_eq!(arrived["location"]["name"], "Baghdad");
    assert_eq!(arrived["target"]["code"], "IRQ");
    assert!(
        arrived["attribution"]["text"]
            .as_str()
            .unwrap()
            .contains("spoke anonymously")
    );
}

/// Month and holiday names: never an event's place.
const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "christmas",
    "easter",
    "ramadan",
    "eid",
];

/// The words of `records`' document that name an actor that is not a
/// country or its capital (a group, an organisation, an institution, a
/// person), and the surnames of the people among them (entries of the
/// leaders dictionaries), lower-cased, by document.
fn actor_words(records: &[Value]) -> std::collections::HashSet<(String, String)> {
    let mut out = std::collections::HashSet::new();
    for r in records {
        let doc = r["doc_id"].as_str().unwrap_or("").to_string();
        for actor in [&r["source"], &r["target"]] {
            let Some(text) = actor["text"].as_str() else {
                continue;
            };
            let country_entry = actor["dictionary"]
                .as_str()
                .is_some_and(|d| d.starts_with("countries.txt"));
            let code = actor["code"].as_str().unwrap_or("");
            if country_entry || code.len() <= 3 {
                continue;
            }
            out.insert((doc.clone(), text.to_lowercase()));
            let person = actor["dictionary"]
                .as_str()
                .is_some_and(|d| d.starts_with("leaders"));
            if let Some(last) = actor["entity"]
                .as_str()
                .and_then(|e| e.split(' ').next_back())
                && person
            {
                out.insert((doc.clone(), last.to_lowercase()));
            }
        }
    }
    out
}

/// Issue 19 (places that are places): on the whole Guardian sample, no
/// event is located at a word that is an actor other than a country
/// ("Nato", "Shabab"), a person's name ("Bolton", "Rubio") or a month or
/// holiday ("August", "Christmas").
#[test]
fn r19_no_guardian_event_is_located_at_an_actor_person_or_month() {
    let Some(data) = shared_data() else { return };
    let csv = data.join("ngec/Guardian_SDF_sample.csv");
    let records = code(&[
        csv.to_str().unwrap(),
        "--id-field",
        "",
        "--url-field",
        "source",
        "--one-sided",
    ]);
    assert!(records.len() > 1000, "{} events", records.len());
    let actors = actor_words(&records);
    let wrong: Vec<String> = records
        .iter()
        .filter_map(|r| {
            let text = r["location"]["text"].as_str()?.to_lowercase();
            let doc = r["doc_id"].as_str()?.to_string();
            let bad = CALENDAR_WORDS.contains(&text.as_str()) || actors.contains(&(doc, text));
            bad.then(|| format!("{}: {}", r["event_id"], r["location"]))
        })
        .collect();
    assert!(wrong.is_empty(), "{} events: {wrong:#?}", wrong.len());
    for r in records.iter().filter(|r| !r["location"].is_null()) {
        let source = r["location"]["source"].as_str().unwrap_or("");
        assert!(
            ["clause", "sentence", "previous_sentence", "document"].contains(&source),
            "{}",
            r["location"]
        );
    }
}

/// Four stories of an Ohio paper about Ohio towns, then one of its stories
/// and one of another outlet that name "Springfield" alone.
const OHIO_PAPER: [&str; 6] = [
    r#"{"id":"o1","date":"2010-03-01","url":"https://www.news-sun.example/a","text":"Police in Dayton and Xenia, Ohio, said the roads were closed."}"#,
    r#"{"id":"o2","date":"2010-03-02","url":"https://www.news-sun.example/b","text":"Schools in Urbana and Bellefontaine, Ohio, reopened."}"#,
    r#"{"id":"o3","date":"2010-03-03","url":"https://www.news-sun.example/c","text":"A fire in Troy and Piqua, Ohio, destroyed a barn."}"#,
    r#"{"id":"o4","date":"2010-03-04","url":"https://www.news-sun.example/d","text":"The council of Fairborn, Ohio, met."}"#,
    r#"{"id":"s","date":"2010-03-05","url":"https://www.news-sun.example/e","text":"Police arrested the mayor of Springfield on Monday."}"#,
    r#"{"id":"x","date":"2010-03-05","url":"https://other.example/e","text":"Police arrested the mayor of Springfield on Monday."}"#,
];

/// The first-level division of each event's place, by document id.
fn admin1_by_doc(records: &[Value]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = records
        .iter()
        .map(|r| {
            (
                r["doc_id"].as_str().unwrap_or("").to_string(),
                r["location"]["admin1"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn r19_source_profile_places_a_town_in_its_outlets_home_region() {
    let dir = common::temp_dir("source-profile");
    let forward = dir.join("forward.jsonl");
    std::fs::write(&forward, OHIO_PAPER.join("\n")).unwrap();
    let backward = dir.join("backward.jsonl");
    let mut reversed = OHIO_PAPER;
    reversed.reverse();
    std::fs::write(&backward, reversed.join("\n")).unwrap();
    let forward = forward.to_str().unwrap();
    let springfield = |records: &[Value], doc: &str| {
        admin1_by_doc(records)
            .into_iter()
            .find(|(d, _)| d == doc)
            .map(|(_, a)| a)
            .unwrap_or_else(|| panic!("no event in {doc}: {records:?}"))
    };
    // On its own, "Springfield" is the largest one (Illinois).
    let alone = code(&[forward]);
    assert_eq!(springfield(&alone, "s"), "Illinois");
    // With the outlet's other stories, it is the Ohio town; the other
    // outlet's story is unchanged.
    let profiled = code(&["--source-profile", forward]);
    assert_eq!(springfield(&profiled, "s"), "Ohio");
    assert_eq!(springfield(&profiled, "x"), "Illinois");
    // The same whatever the order of the inputs or the number of threads.
    let by_doc = admin1_by_doc(&profiled);
    let backward = code(&["--source-profile", backward.to_str().unwrap()]);
    assert_eq!(admin1_by_doc(&backward), by_doc);
    let one_thread = code(&["--threads", "1", "--source-profile", forward]);
    assert_eq!(one_thread, profiled);
    let two_threads = code(&["--threads", "2", "--source-profile", forward]);
    assert_eq!(two_threads, profiled);
    // Stdin cannot be read twice.
    let output = dyad()
        .args(["code", "--quiet", "--source-profile", "-"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("stdin"));
}
