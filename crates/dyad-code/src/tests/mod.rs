//! Tests that are not one sentence → its events: the PETRARCH records
//! reader, the PETRARCH unit-test records (shared data), and property
//! tests. Sentence → events cases are data, under `test_data/cases/`
//! (see [`cases`]).

mod cases;

use crate::{Coder, Config, Event, read_records};
use dyad_dict::Dictionaries;
use proptest::prelude::*;

/// A coder over the small test dictionaries under `test_data/dicts/`.
fn coder() -> Coder {
    cases::test_coder()
}

fn triples(events: &[Event]) -> Vec<(String, String, String)> {
    events
        .iter()
        .map(|e| {
            (
                e.source.code.clone(),
                e.target.code.clone(),
                e.cameo.clone(),
            )
        })
        .collect()
}

#[test]
fn sentences_without_analysis_are_skipped() {
    let file = read_records("<Sentence id=\"x\"><Text>Arnor attacked Gondor.</Text></Sentence>");
    let coded = coder().code(&file.records[0].document, &Config::default());
    assert!(coded.events.is_empty());
}

#[test]
fn petrarch_unit_records_noevents_produce_nothing() {
    let test = "petrarch_unit_records_noevents_produce_nothing";
    let Some(data) = dyad_testkit::shared_data(test) else {
        return;
    };
    let records =
        data.join("universal-petrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml");
    let text = match std::fs::read_to_string(&records) {
        Ok(text) => text,
        Err(e) => panic!("{}: {e}", records.display()),
    };
    let file = read_records(&text);
    assert_eq!(file.records.len(), 284);
    assert_eq!(
        file.environment.verbs.as_deref(),
        Some("PETR.Validate.verbs.txt")
    );
    let dicts_dir = data.join("petrarch2/dictionaries");
    let files = dyad_dict::DictFiles {
        verbs: Some(data.join("universal-petrarch/PETR.Validate.verbs.2.0.txt")),
        actors: vec![dicts_dir.join("PETR.Validate.actors.txt")],
        agents: Some(dicts_dir.join("PETR.Validate.agents.txt")),
        discards: Some(dicts_dir.join("PETR.Validate.discards.txt")),
        issues: None,
    };
    let dicts = match Dictionaries::load(&files) {
        Ok((dicts, _)) => dicts,
        Err(e) => panic!("the PETRARCH validation dictionaries: {e}"),
    };
    let coder = Coder::new(dicts);
    let mut no_events = 0;
    let mut violations = Vec::new();
    let mut matched = 0;
    let mut gold = 0;
    for r in &file.records {
        let events: Vec<Event> = coder
            .code(&r.document, &Config::default())
            .events
            .into_iter()
            .filter(|e| !e.negated)
            .collect();
        if r.no_events {
            no_events += 1;
            if !events.is_empty() {
                violations.push(format!("{}: {:?}", r.id, triples(&events)));
            }
        }
        gold += r.gold.len();
        matched += r
            .gold
            .iter()
            .filter(|g| {
                events.iter().any(|e| {
                    e.source.code == g.source && e.target.code == g.target && e.cameo == g.code
                })
            })
            .count();
    }
    assert_eq!(no_events, 19);
    // known failure: COMMA_16 ("… after Cxlenardhon crowds burned down its
    // embassy, a senior Bree official said") codes BURN DOWN with an
    // inherited source; PETRARCH drops the comma-delimited clause
    assert!(
        violations.iter().all(|v| v.starts_with("COMMA_16:")),
        "{violations:#?}"
    );
    // a floor, not the target: catches regressions
    assert!(matched * 100 >= gold * 65, "{matched} of {gold}");
}

proptest! {
    #[test]
    fn garbled_analyses_never_panic(
        rows in proptest::collection::vec(
            (
                "[A-Za-z]{1,6}",
                prop_oneof![Just("NOUN"), Just("VERB"), Just("PROPN"), Just("ADP"), Just("PRON"), Just("X")],
                0u32..12,
                prop_oneof![
                    Just("nsubj"), Just("obj"), Just("dobj"), Just("obl"), Just("nmod"), Just("conj"),
                    Just("xcomp"), Just("ccomp"), Just("case"), Just("compound"), Just("nsubjpass"),
                    Just("neg"), Just("acl"), Just("appos"), Just("root"), Just("???"),
                ],
            ),
            0..10,
        ),
        words in proptest::collection::vec(prop_oneof![Just("Arnor"), Just("Gondor"), Just("attack"), Just("met"), Just("with"), Just(","), Just("the")], 0..10),
        petrarch_options in proptest::bool::ANY,
    ) {
        let mut parse = String::new();
        let mut text = Vec::new();
        for (i, (form, upos, head, rel)) in rows.iter().enumerate() {
            let form = words.get(i).copied().unwrap_or(form.as_str());
            text.push(form.to_string());
            parse.push_str(&format!("{}\t{form}\t{form}\t{upos}\t_\t_\t{head}\t{rel}\t_\t_\n", i + 1));
        }
        let xml = format!("<Sentence id=\"p\"><Text>{}</Text><Parse>\n{parse}</Parse></Sentence>", text.join(" "));
        let file = read_records(&xml);
        // PETRARCH's options too: new actors, comma clauses dropped
        let config = Config {
            explain: true,
            new_actor_length: if petrarch_options { 3 } else { 0 },
            commas: petrarch_options.then_some(crate::CommaLimits::PETRARCH),
            ..Config::default()
        };
        for r in &file.records {
            let _ = coder().code(&r.document, &config);
        }
    }

    #[test]
    fn garbled_record_files_never_panic(text in "[<>A-Za-z=\" /\\t\\n0-9]{0,300}") {
        let _ = read_records(&format!("<Sentence {text}"));
        let _ = read_records(&text);
    }
}

#[test]
fn records_config_tags_set_require_dyad_for_later_records() {
    let file = read_records(
        "<Sentence id=\"a\"><Text>x</Text></Sentence>\n\
         <Config option=\"require_dyad\" value=\"false\" />\n\
         <Sentence id=\"b\"><Text>x</Text></Sentence>\n\
         <Config option=\"require_dyad\" value=\"TRUE\" />\n\
         <Sentence id=\"c\"><Text>x</Text></Sentence>",
    );
    let flags: Vec<bool> = file
        .records
        .iter()
        .map(|r| r.options.require_dyad)
        .collect();
    assert_eq!(flags, [true, false, true]);
}

#[test]
fn records_config_tags_set_new_actor_length() {
    let file = read_records(
        "<Sentence id=\"a\"><Text>x</Text></Sentence>\n\
         <Config option=\"new_actor_length\" value=\"4\" />\n\
         <Sentence id=\"b\"><Text>x</Text></Sentence>\n\
         <Config option=\"new_actor_length\" value=\"x\" />\n\
         <Sentence id=\"c\"><Text>x</Text></Sentence>\n\
         <Config option=\"new_actor_length\" value=\"0\" />\n\
         <Sentence id=\"d\"><Text>x</Text></Sentence>",
    );
    let lengths: Vec<usize> = file
        .records
        .iter()
        .map(|r| r.options.new_actor_length)
        .collect();
    assert_eq!(lengths, [0, 4, 4, 0]);
}

#[test]
fn records_config_tags_set_comma_limits() {
    let file = read_records(
        "<Sentence id=\"a\"><Text>x</Text></Sentence>\n\
         <Config option=\"comma_emax\" value=\"6\" />\n\
         <Config option=\"some_count\" value=\"3\" />\n\
         <Config option=\"comma_bmin\" value=\"3\" />\n\
         <Sentence id=\"b\"><Text>x</Text></Sentence>",
    );
    let (a, b) = (
        file.records[0].options.commas,
        file.records[1].options.commas,
    );
    assert_eq!(a, crate::CommaLimits::OFF);
    assert_eq!((b.emax, b.bmin, b.max), (6, 3, 0));
}

#[test]
fn an_actor_code_splits_into_country_and_agents() {
    // what an event's actor reports besides its code ("Arnor police")
    let split = |code: &str| crate::actor::split_code(code);
    assert_eq!(
        split("ARNCOP"),
        (Some("ARN".to_string()), vec!["COP".to_string()])
    );
    assert_eq!(split("---COP"), (None, vec!["COP".to_string()]));
    assert_eq!(split("GON"), (Some("GON".to_string()), vec![]));
}
