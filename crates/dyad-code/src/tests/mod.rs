//! Specific sentences → specific events.

mod cases;

use crate::{Coder, Config, Event, Modality, read_records};
use dyad_dict::{Dictionaries, VerbDict};
use proptest::prelude::*;

const VERBS: &str = "\
--- ATTACK [190] ---
ATTACK
--- MEET [040] ---
MEET {MET MEETING MEETS}
- * (WITH +) [043]
- * (ABOUT WEATHER) [---]
--- SAY [010] ---
SAY {SAID SAYS}
--- CLASH [223] ---
CLASH
- * (OVER EFFORTS) [110]
--- BURN [---] ---
BURN
- * (DOWN) [222]
--- BELIEVE [012] ---
BELIEVE
--- ACT [100] ---
ACT
--- SEND [---] ---
SEND {SENT}
- * (TO +) [042]
--- CLAIM [010] ---
CLAIM {CLAIMED}
&EMERGENCY
+CURFEW
+MARTIAL_LAW

--- IMPOSE [---] ---
IMPOSE {IMPOSED}
- * &EMERGENCY (ON +) [1724]
--- DISPATCH [---] ---
DISPATCH {DISPATCHED}
--- VOW [030] ---
VOW {VOWED}
--- AGREE [030] ---
AGREE {AGREED}
--- WITHDRAW [0874] ---
WITHDRAW {WITHDREW}
&TIETYPES
+MILITARY
+ECONOMIC
&CURRENCY
+FLORIN
&HYPERCURR
+AUSTRIAN GOLD FLORIN

--- ABANDON [345] ---
ABANDON
- * {NEW &TIETYPES RELATIONS} [903]
--- CONTRIBUTE [070] ---
CONTRIBUTE
- * &CURRENCY [070]
- * &HYPERCURR [904]
--- WELCOME [050] ---
WELCOME {WELCOMED}
- * MEMOS (ON &TIETYPES) [911]
--- ACCORD [013] ---
ACCORD
- (TO) * [073]
--- ALLOW [080] ---
ALLOW {ALLOWED}
- RECENTLY * [025]
- POLICY * [060]
--- MOBILIZE [154] ---
MOBILIZE {MOBILIZED}
--- SPUR [111] ---
SPUR
- * RECONCILIATION [051]
--- BEGIN [---] ---
BEGIN {BEGAN BEGUN}
- * (TO QUESTION) [110]
--- TAKE [---] ---
TAKE {TOOK}
- * ACTION (AGAINST +) [137]
- * ACTION [130]
--- WAGE [---] ---
WAGE
- * WAR (ON +) [190]
--- STORM [190] ---
STORM {STORMED}
- * THEIR POLICE [196]
";

const NOMINAL: &str = "\
--- ASSAULT [---] ---
ASSAULT {ASSAULTS}
- * (ON +) [190]
";

const ACTORS: &str = "\
ARNOR [ARN]
GONDOR [GON]
ERIADOR [ERI]
DOL_AND_AMROTH [DOL]
U.S. [USA]
BOROMIR
\t[GONMIL 19900101-19991231]
\t[GONGOV >20000101]
";

const AGENTS: &str = "POLICE {} [~COP]\nGOVERNMENT [~GOV]\nAMBASSADOR [~GOV]\nLAWMAKER [~LEG]\n\
                      OFFICIAL [~GOV]\nREBEL [~REB]\n";

fn coder() -> Coder {
    let mut dicts = Dictionaries::default();
    let (verbs, diags) = VerbDict::parse("t.verbs", VERBS);
    assert!(diags.is_empty(), "{diags:?}");
    dicts.verbs = verbs;
    let (nominal, diags) = VerbDict::parse("t.nominal", NOMINAL);
    assert!(diags.is_empty(), "{diags:?}");
    dicts.nominal = nominal;
    assert!(dicts.actors.add_text("t.actors", ACTORS).is_empty());
    assert!(dicts.agents.add_text("t.agents", AGENTS).is_empty());
    dicts.discards.add_text("t.discards", "FOOTBALL MATCH\n");
    Coder::new(dicts)
}

/// Codes one sentence given as `form lemma upos head deprel` rows.
fn code(date: &str, rows: &[(&str, &str, &str, u32, &str)]) -> Vec<Event> {
    code_config(date, rows, Config::default())
}

/// Like [`code`], with `config` (explain always on).
fn code_config(date: &str, rows: &[(&str, &str, &str, u32, &str)], config: Config) -> Vec<Event> {
    code_with(&coder(), date, rows, config)
}

/// Like [`code_config`], with `coder`.
fn code_with(
    coder: &Coder,
    date: &str,
    rows: &[(&str, &str, &str, u32, &str)],
    config: Config,
) -> Vec<Event> {
    let text: Vec<&str> = rows.iter().map(|r| r.0).collect();
    let parse: String = rows
        .iter()
        .enumerate()
        .map(|(i, (form, lemma, upos, head, rel))| {
            format!(
                "{}\t{form}\t{lemma}\t{upos}\t_\t_\t{head}\t{rel}\t_\t_\n",
                i + 1
            )
        })
        .collect();
    let xml = format!(
        "<Sentence id=\"t\" date=\"{date}\"><Text>{}</Text><Parse>\n{parse}</Parse></Sentence>",
        text.join(" ")
    );
    let file = read_records(&xml);
    let doc = &file.records[0].document;
    let coded = coder.code(
        doc,
        &Config {
            explain: true,
            ..config
        },
    );
    assert!(coded.diagnostics.is_empty(), "{:?}", coded.diagnostics);
    coded.events
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

fn t(s: &str, t: &str, c: &str) -> (String, String, String) {
    (s.into(), t.into(), c.into())
}

#[test]
fn active_sentence_ud_v2_and_v1() {
    for obj in ["obj", "dobj"] {
        let events = code(
            "20200101",
            &[
                ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
                ("attacked", "attack", "VERB", 0, "root"),
                ("Gondor", "Gondor", "PROPN", 2, obj),
                (".", ".", "PUNCT", 2, "punct"),
            ],
        );
        assert_eq!(triples(&events), [t("ARN", "GON", "190")], "{obj}");
        let e = &events[0];
        assert_eq!(
            (e.source.text.as_str(), e.target.text.as_str()),
            ("Arnor", "Gondor")
        );
        assert_eq!(e.verb, "attacked");
        assert_eq!(e.modality, Modality::Asserted);
        assert!(!e.negated && e.attribution.is_none() && e.pattern.is_none());
        assert_eq!(e.rule.to_string(), "t.verbs:2");
        assert_eq!(
            e.source
                .dictionary
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("t.actors:1")
        );
    }
}

#[test]
fn passive_with_agent_ud_v1_and_v2() {
    for (subj, aux, agent) in [
        ("nsubjpass", "auxpass", "nmod:agent"),
        ("nsubj:pass", "aux:pass", "obl:agent"),
        ("nsubj:pass", "aux:pass", "obl"),
    ] {
        let events = code(
            "20200101",
            &[
                ("Gondor", "Gondor", "PROPN", 3, subj),
                ("was", "be", "AUX", 3, aux),
                ("attacked", "attack", "VERB", 0, "root"),
                ("by", "by", "ADP", 5, "case"),
                ("Arnor", "Arnor", "PROPN", 3, agent),
            ],
        );
        assert_eq!(triples(&events), [t("ARN", "GON", "190")], "{subj} {agent}");
    }
}

#[test]
fn coordinated_actors_expand_to_pairs() {
    let events = code(
        "20200101",
        &[
            ("Arnor", "Arnor", "PROPN", 4, "nsubj"),
            ("and", "and", "CCONJ", 3, "cc"),
            ("Eriador", "Eriador", "PROPN", 1, "conj"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("Gondor", "Gondor", "PROPN", 4, "obj"),
        ],
    );
    assert_eq!(
        triples(&events),
        [t("ARN", "GON", "190"), t("ERI", "GON", "190")]
    );
}

#[test]
fn agents_combine_with_countries() {
    let events = code(
        "20200101",
        &[
            ("Arnor", "Arnor", "PROPN", 2, "compound"),
            ("police", "police", "NOUN", 3, "nsubj"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("the", "the", "DET", 6, "det"),
            ("Gondor", "Gondor", "PROPN", 6, "compound"),
            ("government", "government", "NOUN", 3, "obj"),
        ],
    );
    assert_eq!(triples(&events), [t("ARNCOP", "GONGOV", "190")]);
    let e = &events[0];
    assert_eq!(e.source.text, "Arnor police");
    assert_eq!(e.source.country.as_deref(), Some("ARN"));
    assert_eq!(e.source.agents, ["COP"]);
    assert_eq!(e.target.text, "the Gondor government");
}

#[test]
fn negated_events_are_kept_as_denied() {
    for neg in ["neg", "advmod"] {
        let events = code(
            "20200101",
            &[
                ("Arnor", "Arnor", "PROPN", 4, "nsubj"),
                ("did", "do", "AUX", 4, "aux"),
                ("not", "not", "PART", 4, neg),
                ("attack", "attack", "VERB", 0, "root"),
                ("Gondor", "Gondor", "PROPN", 4, "obj"),
            ],
        );
        assert_eq!(triples(&events), [t("ARN", "GON", "190")]);
        assert!(events[0].negated);
        assert_eq!(events[0].modality, Modality::Denied);
    }
}

#[test]
fn reported_speech_codes_the_complement_with_attribution() {
    let events = code(
        "20200101",
        &[
            ("Gondor", "Gondor", "PROPN", 2, "nsubj"),
            ("said", "say", "VERB", 0, "root"),
            ("Arnor", "Arnor", "PROPN", 4, "nsubj"),
            ("attacked", "attack", "VERB", 2, "ccomp"),
            ("Eriador", "Eriador", "PROPN", 4, "obj"),
        ],
    );
    assert_eq!(triples(&events), [t("ARN", "ERI", "190")]);
    let a = events[0]
        .attribution
        .as_ref()
        .map(|a| (a.text.as_str(), a.code.as_deref()));
    assert_eq!(a, Some(("Gondor", Some("GON"))));
    assert_eq!(events[0].modality, Modality::Reported);
}

#[test]
fn threatened_and_hypothetical_modality() {
    let events = code(
        "20200101",
        &[
            ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
            ("threatened", "threaten", "VERB", 0, "root"),
            ("to", "to", "PART", 4, "mark"),
            ("attack", "attack", "VERB", 2, "xcomp"),
            ("Gondor", "Gondor", "PROPN", 4, "obj"),
        ],
    );
    // the threatened attack is a threat of force
    assert_eq!(triples(&events), [t("ARN", "GON", "138")]);
    assert_eq!(events[0].modality, Modality::Threatened);
    let events = code(
        "20200101",
        &[
            ("Arnor", "Arnor", "PROPN", 3, "nsubj"),
            ("would", "would", "AUX", 3, "aux"),
            ("attack", "attack", "VERB", 0, "root"),
            ("Gondor", "Gondor", "PROPN", 3, "obj"),
        ],
    );
    assert_eq!(events[0].modality, Modality::Hypothetical);
}

#[test]
fn prepositional_target_pattern_and_null_filter() {
    let met = |noun: &str, prep: &str| {
        code(
            "20200101",
            &[
                ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
                ("met", "meet", "VERB", 0, "root"),
                (prep, prep, "ADP", 4, "case"),
                (noun, noun, "PROPN", 2, "obl"),
            ],
        )
    };
    let events = met("Gondor", "with");
    assert_eq!(triples(&events), [t("ARN", "GON", "043")]);
    assert_eq!(events[0].pattern.as_deref(), Some("* (WITH +)"));
    assert_eq!(events[0].rule.to_string(), "t.verbs:5");
    assert!(met("weather", "about").is_empty());
}

#[test]
fn date_restricted_actor_follows_document_date() {
    let at = |date: &str| {
        triples(&code(
            date,
            &[
                ("Boromir", "Boromir", "PROPN", 2, "nsubj"),
                ("attacked", "attack", "VERB", 0, "root"),
                ("Arnor", "Arnor", "PROPN", 2, "obj"),
            ],
        ))
    };
    assert_eq!(at("19950101"), [t("GONMIL", "ARN", "190")]);
    assert_eq!(at("20050101"), [t("GONGOV", "ARN", "190")]);
}

#[test]
fn discards_and_same_actor_events_are_dropped() {
    let events = code(
        "20200101",
        &[
            ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("Gondor", "Gondor", "PROPN", 2, "obj"),
            ("at", "at", "ADP", 6, "case"),
            ("football", "football", "NOUN", 6, "compound"),
            ("match", "match", "NOUN", 2, "obl"),
        ],
    );
    assert!(events.is_empty());
    let events = code(
        "20200101",
        &[
            ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("Arnor", "Arnor", "PROPN", 2, "obj"),
        ],
    );
    assert!(events.is_empty());
}

#[test]
fn sentences_without_analysis_are_skipped() {
    let file = read_records("<Sentence id=\"x\"><Text>Arnor attacked Gondor.</Text></Sentence>");
    let coded = coder().code(&file.records[0].document, &Config::default());
    assert!(coded.events.is_empty());
}

fn shared() -> Option<std::path::PathBuf> {
    let dir =
        std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: shared data not found at {}", dir.display());
        None
    }
}

#[test]
fn petrarch_unit_records_noevents_produce_nothing() {
    let Some(data) = shared() else { return };
    let records =
        data.join("universal-petrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml");
    let Ok(text) = std::fs::read_to_string(&records) else {
        println!("skipped: {} not readable", records.display());
        return;
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
    let Ok((dicts, _)) = Dictionaries::load(&files) else {
        println!("skipped: dictionaries not readable");
        return;
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
fn negation_becomes_the_pico_negation_of_the_code() {
    // "did not clash over the efforts": not 110 (disapprove) is 050
    let rows = [
        ("Arnor", "Arnor", "PROPN", 4, "nsubj"),
        ("did", "do", "AUX", 4, "aux"),
        ("not", "not", "PART", 4, "neg"),
        ("clash", "clash", "VERB", 0, "root"),
        ("over", "over", "ADP", 6, "case"),
        ("efforts", "effort", "NOUN", 4, "nmod"),
        ("of", "of", "ADP", 8, "case"),
        ("Gondor", "Gondor", "PROPN", 6, "nmod"),
    ];
    let events = code("20200101", &rows);
    assert_eq!(triples(&events), [t("ARN", "GON", "050")]);
    let e = &events[0];
    assert!(!e.negated);
    assert_eq!(e.modality, Modality::Asserted);
    assert_eq!(
        e.pattern.as_deref(),
        Some("* (OVER EFFORTS) (negated: 110 → 050)")
    );
    // a code without a negation in the ontology stays a negated event
    let events = code(
        "20200101",
        &[
            ("Arnor", "Arnor", "PROPN", 4, "nsubj"),
            ("did", "do", "AUX", 4, "aux"),
            ("not", "not", "PART", 4, "advmod"),
            ("attack", "attack", "VERB", 0, "root"),
            ("Gondor", "Gondor", "PROPN", 4, "obj"),
        ],
    );
    assert_eq!(triples(&events), [t("ARN", "GON", "190")]);
    assert!(events[0].negated);
    assert_eq!(events[0].modality, Modality::Denied);
}

#[test]
fn require_dyad_off_codes_with_the_null_actor() {
    let rows = [
        ("the", "the", "DET", 2, "det"),
        ("government", "government", "NOUN", 3, "nsubj"),
        ("said", "say", "VERB", 0, "root"),
        ("today", "today", "NOUN", 3, "obl:tmod"),
    ];
    assert!(code("20200101", &rows).is_empty());
    let events = code_config(
        "20200101",
        &rows,
        Config {
            require_dyad: false,
            ..Config::default()
        },
    );
    assert_eq!(triples(&events), [t("---GOV", "---", "010")]);
    assert!(events[0].target.text.is_empty() && events[0].target.span.is_empty());
}

#[test]
fn a_nominal_conjunct_with_its_own_subject_is_not_a_target() {
    // UDPipe's parse of COMMA_16: "… burned down its embassy, a senior
    // Bree official said on Saturday" with "Saturday" a conjunct of
    // "burned" and "official" its subject: not a target of "burned"
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("burned", "burn", "VERB", 0, "root"),
        ("down", "down", "ADP", 2, "compound:prt"),
        ("its", "its", "PRON", 5, "nmod:poss"),
        ("embassy", "embassy", "NOUN", 2, "dobj"),
        (",", ",", "PUNCT", 2, "punct"),
        ("a", "a", "DET", 8, "det"),
        ("government", "government", "NOUN", 11, "nsubj"),
        ("said", "say", "VERB", 11, "cop"),
        ("on", "on", "ADP", 11, "case"),
        ("Saturday", "Saturday", "PROPN", 2, "conj"),
    ];
    assert!(triples(&code("20200101", &rows)).is_empty());
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
fn coordinated_country_modifiers_give_one_actor_each() {
    // "the ambassadors of Arnor, Gondor and Eriador attacked Bree…"
    let rows = [
        ("The", "the", "DET", 2, "det"),
        ("ambassadors", "ambassador", "NOUN", 9, "nsubj"),
        ("of", "of", "ADP", 4, "case"),
        ("Arnor", "Arnor", "PROPN", 2, "nmod"),
        (",", ",", "PUNCT", 6, "punct"),
        ("Gondor", "Gondor", "PROPN", 4, "conj"),
        ("and", "and", "CCONJ", 8, "cc"),
        ("Eriador", "Eriador", "PROPN", 4, "conj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("police", "police", "NOUN", 9, "obj"),
    ];
    let got = triples(&code("20200101", &rows));
    assert_eq!(
        got,
        [
            t("ARNGOV", "---COP", "190"),
            t("GONGOV", "---COP", "190"),
            t("ERIGOV", "---COP", "190"),
        ]
    );
    // "lawmakers and officials in Arnor and Gondor attacked police"
    let rows = [
        ("Lawmakers", "lawmaker", "NOUN", 8, "nsubj"),
        ("and", "and", "CCONJ", 3, "cc"),
        ("officials", "official", "NOUN", 1, "conj"),
        ("in", "in", "ADP", 5, "case"),
        ("Arnor", "Arnor", "PROPN", 1, "nmod"),
        ("and", "and", "CCONJ", 7, "cc"),
        ("Gondor", "Gondor", "PROPN", 5, "conj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("police", "police", "NOUN", 8, "obj"),
    ];
    let mut got = triples(&code("20200101", &rows));
    got.sort();
    assert_eq!(
        got,
        [
            t("ARNGOV", "---COP", "190"),
            t("ARNLEG", "---COP", "190"),
            t("GONGOV", "---COP", "190"),
            t("GONLEG", "---COP", "190"),
        ]
    );
}

#[test]
fn pronoun_subject_of_a_complement_is_the_governing_subject() {
    // "Ethiopia indicated it would act with Libya" (VERB_08)
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("indicated", "indicate", "VERB", 0, "root"),
        ("it", "it", "PRON", 5, "nsubj"),
        ("would", "would", "AUX", 5, "aux"),
        ("act", "act", "VERB", 2, "ccomp"),
        ("with", "with", "ADP", 7, "case"),
        ("Gondor", "Gondor", "PROPN", 5, "nmod"),
    ];
    let events = code("20200101", &rows);
    assert_eq!(triples(&events), [t("ARN", "GON", "100")]);
    assert_eq!(events[0].source.text, "Arnor");
}

#[test]
fn believing_a_complement_without_event_targets_its_subject() {
    // "Arnor believes Gondor can cope …" (DEMO_07): BELIEVE [012], the
    // complement verb is not in the dictionary
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("believes", "believe", "VERB", 0, "root"),
        ("Gondor", "Gondor", "PROPN", 5, "nsubj"),
        ("can", "can", "AUX", 5, "aux"),
        ("cope", "cope", "VERB", 2, "ccomp"),
    ];
    assert_eq!(triples(&code("20200101", &rows)), [t("ARN", "GON", "012")]);
    // a complement that is an event itself is reported, not believed
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("believes", "believe", "VERB", 0, "root"),
        ("Gondor", "Gondor", "PROPN", 4, "nsubj"),
        ("attacked", "attack", "VERB", 2, "ccomp"),
        ("Eriador", "Eriador", "PROPN", 4, "obj"),
    ];
    let events = code("20200101", &rows);
    assert_eq!(triples(&events), [t("GON", "ERI", "190")]);
    assert_eq!(events[0].modality, Modality::Reported);
}

#[test]
fn an_apposition_heading_the_rest_of_a_list_is_a_list_member() {
    // UDPipe's parse of COMPOUND_07B: "Mordor, the Shire, Arnor and Bree"
    // with "Shire" an apposition of "Mordor" and the rest its conjuncts
    let rows = [
        ("Gondor", "Gondor", "PROPN", 7, "nsubj"),
        (",", ",", "PUNCT", 1, "punct"),
        ("Arnor", "Arnor", "PROPN", 1, "appos"),
        (",", ",", "PUNCT", 3, "punct"),
        ("Eriador", "Eriador", "PROPN", 3, "conj"),
        ("and", "and", "CCONJ", 3, "cc"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("police", "police", "NOUN", 7, "obj"),
    ];
    assert_eq!(
        triples(&code("20200101", &rows)),
        [
            t("GON", "---COP", "190"),
            t("ARN", "---COP", "190"),
            t("ERI", "---COP", "190")
        ]
    );
}

#[test]
fn according_to_attributes_the_event() {
    let events = code(
        "20200101",
        &[
            ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("Eriador", "Eriador", "PROPN", 2, "obj"),
            (",", ",", "PUNCT", 7, "punct"),
            ("according", "accord", "VERB", 7, "case"),
            ("to", "to", "ADP", 5, "fixed"),
            ("Gondor", "Gondor", "PROPN", 2, "obl"),
        ],
    );
    assert_eq!(triples(&events), [t("ARN", "ERI", "190")]);
    let a = events[0]
        .attribution
        .as_ref()
        .map(|a| (a.text.as_str(), a.code.as_deref()));
    assert_eq!(a, Some(("Gondor", Some("GON"))));
    assert_eq!(events[0].modality, Modality::Reported);
}

#[test]
fn told_revealed_claimed_and_quoted_report_their_complement() {
    for (form, lemma) in [
        ("told", "tell"),
        ("revealed", "reveal"),
        ("claimed", "claim"),
        ("quoted", "quote"),
    ] {
        let events = code(
            "20200101",
            &[
                ("Gondor", "Gondor", "PROPN", 2, "nsubj"),
                (form, lemma, "VERB", 0, "root"),
                ("reporters", "reporter", "NOUN", 2, "iobj"),
                ("Arnor", "Arnor", "PROPN", 5, "nsubj"),
                ("attacked", "attack", "VERB", 2, "ccomp"),
                ("Eriador", "Eriador", "PROPN", 5, "obj"),
            ],
        );
        assert_eq!(triples(&events), [t("ARN", "ERI", "190")], "{form}");
        let a = events[0].attribution.as_ref().map(|a| a.text.as_str());
        assert_eq!(a, Some("Gondor"), "{form}");
        assert_eq!(events[0].modality, Modality::Reported, "{form}");
    }
}

#[test]
fn anonymous_officials_are_the_attribution_with_their_relative_clause() {
    // "Two Arnor officials who spoke on condition of anonymity said Gondor
    // attacked Eriador"
    let events = code(
        "20200101",
        &[
            ("Two", "two", "NUM", 3, "nummod"),
            ("Arnor", "Arnor", "PROPN", 3, "compound"),
            ("officials", "official", "NOUN", 10, "nsubj"),
            ("who", "who", "PRON", 5, "nsubj"),
            ("spoke", "speak", "VERB", 3, "acl:relcl"),
            ("on", "on", "ADP", 7, "case"),
            ("condition", "condition", "NOUN", 5, "obl"),
            ("of", "of", "ADP", 9, "case"),
            ("anonymity", "anonymity", "NOUN", 7, "nmod"),
            ("said", "say", "VERB", 0, "root"),
            ("Gondor", "Gondor", "PROPN", 12, "nsubj"),
            ("attacked", "attack", "VERB", 10, "ccomp"),
            ("Eriador", "Eriador", "PROPN", 12, "obj"),
        ],
    );
    assert_eq!(triples(&events), [t("GON", "ERI", "190")]);
    let a = events[0]
        .attribution
        .as_ref()
        .map(|a| (a.text.as_str(), a.code.as_deref()));
    assert_eq!(
        a,
        Some((
            "Two Arnor officials who spoke on condition of anonymity",
            Some("ARNGOV")
        ))
    );
    assert_eq!(events[0].modality, Modality::Reported);
}

#[test]
fn reportedly_makes_an_event_reported_without_a_source() {
    let events = code(
        "20200101",
        &[
            ("Arnor", "Arnor", "PROPN", 3, "nsubj"),
            ("reportedly", "reportedly", "ADV", 3, "advmod"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("Eriador", "Eriador", "PROPN", 3, "obj"),
        ],
    );
    assert_eq!(triples(&events), [t("ARN", "ERI", "190")]);
    assert!(events[0].attribution.is_none());
    assert_eq!(events[0].modality, Modality::Reported);
}

#[test]
fn a_postposed_speaker_without_a_parsed_subject_is_found() {
    // "Arnor attacked Eriador, officials who spoke on condition of
    // anonymity said", with "officials" misattached as a conjunct
    let events = code(
        "20200101",
        &[
            ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
            ("attacked", "attack", "VERB", 12, "ccomp"),
            ("Eriador", "Eriador", "PROPN", 2, "obj"),
            (",", ",", "PUNCT", 5, "punct"),
            ("officials", "official", "NOUN", 3, "conj"),
            ("who", "who", "PRON", 7, "nsubj"),
            ("spoke", "speak", "VERB", 5, "acl:relcl"),
            ("on", "on", "ADP", 9, "case"),
            ("condition", "condition", "NOUN", 7, "obl"),
            ("of", "of", "ADP", 11, "case"),
            ("anonymity", "anonymity", "NOUN", 9, "nmod"),
            ("said", "say", "VERB", 0, "root"),
        ],
    );
    assert_eq!(events[0].modality, Modality::Reported);
    let a = events[0].attribution.as_ref().map(|a| a.text.as_str());
    assert_eq!(a, Some("officials who spoke on condition of anonymity"));
}

#[test]
fn according_to_inside_a_noun_phrase_is_no_attribution() {
    // "Arnor attacked Eriador, an outlaw designated according to Gondor"
    let events = code(
        "20200101",
        &[
            ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("Eriador", "Eriador", "PROPN", 2, "obj"),
            (",", ",", "PUNCT", 6, "punct"),
            ("an", "a", "DET", 6, "det"),
            ("outlaw", "outlaw", "NOUN", 3, "appos"),
            ("designated", "designate", "VERB", 6, "acl"),
            ("according", "accord", "VERB", 10, "case"),
            ("to", "to", "ADP", 8, "fixed"),
            ("Gondor", "Gondor", "PROPN", 7, "obl"),
        ],
    );
    assert_eq!(triples(&events), [t("ARN", "ERI", "190")]);
    assert!(events[0].attribution.is_none());
    assert_eq!(events[0].modality, Modality::Asserted);
}

#[test]
fn personal_pronouns_take_the_latest_mention_of_their_kind() {
    // "Boromir gave a speech in which he attacked Arnor": Boromir has
    // dated codes (a person), so "he" is Boromir
    let rows = |subject: &'static str| {
        [
            (subject, subject, "PROPN", 2, "nsubj"),
            ("gave", "give", "VERB", 0, "root"),
            ("a", "a", "DET", 4, "det"),
            ("speech", "speech", "NOUN", 2, "obj"),
            ("in", "in", "ADP", 6, "case"),
            ("which", "which", "PRON", 8, "obl"),
            ("he", "he", "PRON", 8, "nsubj"),
            ("attacked", "attack", "VERB", 4, "acl:relcl"),
            ("Arnor", "Arnor", "PROPN", 8, "obj"),
        ]
    };
    let events = code("20200101", &rows("Boromir"));
    assert_eq!(triples(&events), [t("GONGOV", "ARN", "190")]);
    assert_eq!(events[0].source.text, "he");
    // a country is "it", not "he"; "in which" is no target
    assert!(code("20200101", &rows("Gondor")).is_empty());
}

#[test]
fn a_relative_pronoun_object_is_the_noun_it_stands_for() {
    let events = code(
        "20200101",
        &[
            ("Arnor", "Arnor", "PROPN", 0, "root"),
            (",", ",", "PUNCT", 5, "punct"),
            ("which", "which", "PRON", 5, "obl"),
            ("Gondor", "Gondor", "PROPN", 5, "nsubj"),
            ("clashed", "clash", "VERB", 1, "acl:relcl"),
            ("with", "with", "ADP", 5, "obl"),
        ],
    );
    assert_eq!(triples(&events), [t("GON", "ARN", "223")]);
}

#[test]
fn one_sent_to_a_place_is_the_visitor() {
    let sent = |to: bool| {
        let mut rows = vec![
            ("Boromir", "Boromir", "PROPN", 3, "nsubj:pass"),
            ("was", "be", "AUX", 3, "aux:pass"),
            ("sent", "send", "VERB", 0, "root"),
        ];
        if to {
            rows.push(("to", "to", "ADP", 5, "case"));
            rows.push(("Arnor", "Arnor", "PROPN", 3, "obl"));
        } else {
            rows.push(("away", "away", "ADV", 3, "advmod"));
        }
        code("19950101", &rows)
    };
    assert_eq!(triples(&sent(true)), [t("GONMIL", "ARN", "042")]);
    assert!(sent(false).is_empty());
}

#[test]
fn claiming_someone_foments_unrest_accuses_them() {
    let events = code(
        "20200101",
        &[
            ("Gondor", "Gondor", "PROPN", 2, "nsubj"),
            ("claimed", "claim", "VERB", 0, "root"),
            ("that", "that", "SCONJ", 6, "mark"),
            ("Arnor", "Arnor", "PROPN", 6, "nsubj"),
            ("is", "be", "AUX", 6, "aux"),
            ("fomenting", "foment", "VERB", 2, "ccomp"),
            ("unrest", "unrest", "NOUN", 6, "obj"),
        ],
    );
    assert_eq!(triples(&events), [t("GON", "ARN", "112")]);
    assert!(
        events[0]
            .pattern
            .as_deref()
            .is_some_and(|p| p.contains("accusation"))
    );
}

#[test]
fn event_nouns_take_their_possessor_or_a_light_verb_subject() {
    // "Gondor's assault on Arnor failed."
    let events = code(
        "20200101",
        &[
            ("Gondor", "Gondor", "PROPN", 3, "nmod:poss"),
            ("'s", "'s", "PART", 1, "case"),
            ("assault", "assault", "NOUN", 6, "nsubj"),
            ("on", "on", "ADP", 5, "case"),
            ("Arnor", "Arnor", "PROPN", 3, "nmod"),
            ("failed", "fail", "VERB", 0, "root"),
        ],
    );
    assert_eq!(triples(&events), [t("GON", "ARN", "190")]);
    assert_eq!(events[0].rule.to_string(), "t.nominal:3");
    // "Gondor launched an assault on Arnor": the light verb's subject
    let launched = |verb: &'static str, lemma: &'static str| {
        code(
            "20200101",
            &[
                ("Gondor", "Gondor", "PROPN", 2, "nsubj"),
                (verb, lemma, "VERB", 0, "root"),
                ("an", "a", "DET", 4, "det"),
                ("assault", "assault", "NOUN", 2, "obj"),
                ("on", "on", "ADP", 6, "case"),
                ("Arnor", "Arnor", "PROPN", 4, "nmod"),
            ],
        )
    };
    assert_eq!(
        triples(&launched("launched", "launch")),
        [t("GON", "ARN", "190")]
    );
    // a noun's object is no light verb's: "Gondor condemned the assault"
    assert!(launched("condemned", "condemn").is_empty());
}

#[test]
fn a_name_misparsed_as_two_listed_names_is_one_headed_by_the_last() {
    for rel in ["list", "conj"] {
        let events = code(
            "20200101",
            &[
                ("Gondor", "Gondor", "PROPN", 5, "nsubj"),
                ("Prime", "prime", "ADJ", 3, "amod"),
                ("Minister", "Minister", "PROPN", 4, "nmod:desc"),
                ("Boromir", "Boromir", "PROPN", 1, rel),
                ("attacked", "attack", "VERB", 0, "root"),
                ("Arnor", "Arnor", "PROPN", 5, "obj"),
            ],
        );
        assert_eq!(triples(&events), [t("GONGOV", "ARN", "190")], "{rel}");
    }
    // with "and" between them they are two actors
    let events = code(
        "20200101",
        &[
            ("Gondor", "Gondor", "PROPN", 4, "nsubj"),
            ("and", "and", "CCONJ", 3, "cc"),
            ("Eriador", "Eriador", "PROPN", 1, "conj"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("Arnor", "Arnor", "PROPN", 4, "obj"),
        ],
    );
    assert_eq!(
        triples(&events),
        [t("GON", "ARN", "190"), t("ERI", "ARN", "190")]
    );
}

#[test]
fn a_synset_member_of_several_words_is_one_noun_phrase() {
    // "Gondor imposed martial law on Arnor": "martial" is no phrase head
    for (adj, noun) in [("martial", "law"), ("a", "curfew")] {
        let upos = if adj == "a" { "DET" } else { "ADJ" };
        let rel = if adj == "a" { "det" } else { "amod" };
        let events = code(
            "20200101",
            &[
                ("Gondor", "Gondor", "PROPN", 2, "nsubj"),
                ("imposed", "impose", "VERB", 0, "root"),
                (adj, adj, upos, 4, rel),
                (noun, noun, "NOUN", 2, "obj"),
                ("on", "on", "ADP", 6, "case"),
                ("Arnor", "Arnor", "PROPN", 2, "obl"),
            ],
        );
        assert_eq!(triples(&events), [t("GON", "ARN", "1724")], "{adj} {noun}");
    }
}

#[test]
fn a_gerund_complement_of_an_object_noun_is_the_subject_s_act() {
    // "Gondor raised the possibility of attacking Arnor"
    let events = code(
        "20200101",
        &[
            ("Gondor", "Gondor", "PROPN", 2, "nsubj"),
            ("raised", "raise", "VERB", 0, "root"),
            ("the", "the", "DET", 4, "det"),
            ("possibility", "possibility", "NOUN", 2, "obj"),
            ("of", "of", "SCONJ", 6, "mark"),
            ("attacking", "attack", "VERB", 4, "acl"),
            ("Arnor", "Arnor", "PROPN", 6, "obj"),
        ],
    );
    assert_eq!(triples(&events), [t("GON", "ARN", "190")]);
}

#[test]
fn one_dispatched_to_a_place_visits_it_without_a_pattern() {
    let events = code(
        "19950101",
        &[
            ("Boromir", "Boromir", "PROPN", 3, "nsubj:pass"),
            ("was", "be", "AUX", 3, "aux:pass"),
            ("dispatched", "dispatch", "VERB", 0, "root"),
            ("to", "to", "ADP", 5, "case"),
            ("Arnor", "Arnor", "PROPN", 3, "obl"),
        ],
    );
    assert_eq!(triples(&events), [t("GONMIL", "ARN", "042")]);
    // active: the dictionary's business (here: no event)
    let events = code(
        "19950101",
        &[
            ("Gondor", "Gondor", "PROPN", 2, "nsubj"),
            ("dispatched", "dispatch", "VERB", 0, "root"),
            ("Boromir", "Boromir", "PROPN", 2, "obj"),
            ("to", "to", "ADP", 5, "case"),
            ("Arnor", "Arnor", "PROPN", 2, "obl"),
        ],
    );
    assert!(events.is_empty());
}

#[test]
fn concessions_agreed_or_vowed_are_promised() {
    // "Arnor agreed to withdraw from Eriador": the withdrawal, with the
    // agreeing subject, is promised (PLOVER: CONCEDE, not RETREAT)
    let agreed = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("agreed", "agree", "VERB", 0, "root"),
        ("to", "to", "PART", 4, "mark"),
        ("withdraw", "withdraw", "VERB", 2, "xcomp"),
        ("from", "from", "ADP", 6, "case"),
        ("Eriador", "Eriador", "PROPN", 4, "obl"),
    ];
    let events = code("20200101", &agreed);
    assert_eq!(triples(&events), [t("ARN", "ERI", "0874")]);
    assert!(events[0].promised);
    // done, not promised
    let withdrew = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("withdrew", "withdraw", "VERB", 0, "root"),
        ("from", "from", "ADP", 4, "case"),
        ("Eriador", "Eriador", "PROPN", 2, "obl"),
    ];
    let events = code("20200101", &withdrew);
    assert_eq!(triples(&events), [t("ARN", "ERI", "0874")]);
    assert!(!events[0].promised);
    // "Arnor vowed to withdraw from Eriador" with one-sided events: the
    // vow is coded, and so is the concession vowed, though a coded verb's
    // complement is otherwise not ("vowed to attack")
    let one_sided = Config {
        require_dyad: false,
        ..Config::default()
    };
    let mut vowed = agreed;
    vowed[1] = ("vowed", "vow", "VERB", 0, "root");
    let events = code_config("20200101", &vowed, one_sided);
    assert_eq!(
        triples(&events),
        [t("ARN", "---", "030"), t("ARN", "ERI", "0874")]
    );
    assert!(events[1].promised);
    let attack = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("vowed", "vow", "VERB", 0, "root"),
        ("to", "to", "PART", 4, "mark"),
        ("attack", "attack", "VERB", 2, "xcomp"),
        ("Eriador", "Eriador", "PROPN", 4, "obj"),
    ];
    let events = code_config("20200101", &attack, one_sided);
    assert_eq!(triples(&events), [t("ARN", "---", "030")]);
}

#[test]
fn a_subjectless_gerund_adjunct_takes_the_main_subject() {
    // "Arnor entered Eriador, attacking Gondor"
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("entered", "enter", "VERB", 0, "root"),
        ("Eriador", "Eriador", "PROPN", 2, "obj"),
        (",", ",", "PUNCT", 5, "punct"),
        ("attacking", "attack", "VERB", 2, "advcl"),
        ("Gondor", "Gondor", "PROPN", 5, "obj"),
    ];
    assert_eq!(triples(&code("20200101", &rows)), [t("ARN", "GON", "190")]);
    // a passive main clause lends its passive subject: "Arnor was
    // ordered out of Eriador, attacking Gondor" has Arnor attack
    let passive = [
        ("Arnor", "Arnor", "PROPN", 3, "nsubj:pass"),
        ("was", "be", "AUX", 3, "aux:pass"),
        ("ordered", "order", "VERB", 0, "root"),
        (",", ",", "PUNCT", 5, "punct"),
        ("attacking", "attack", "VERB", 3, "advcl"),
        ("Gondor", "Gondor", "PROPN", 5, "obj"),
    ];
    assert_eq!(
        triples(&code("20200101", &passive)),
        [t("ARN", "GON", "190")]
    );
}

#[test]
fn subjects_the_parser_mislabelled_or_left_to_a_statement() {
    // "Gondor Police Attack Arnor" with the nouns parsed as compounds of
    // the verb: they are its subject
    let rows = [
        ("Gondor", "Gondor", "PROPN", 3, "compound"),
        ("Police", "police", "NOUN", 3, "compound"),
        ("Attack", "attack", "VERB", 0, "root"),
        ("Arnor", "Arnor", "PROPN", 3, "obj"),
    ];
    assert_eq!(
        triples(&code("20200101", &rows)),
        [t("GONCOP", "ARN", "190")]
    );
    // "Gondor, Eriador, Attack Arnor" with the first name a vocative
    let rows = [
        ("Gondor", "Gondor", "PROPN", 5, "vocative"),
        (",", ",", "PUNCT", 3, "punct"),
        ("Eriador", "Eriador", "PROPN", 1, "conj"),
        (",", ",", "PUNCT", 1, "punct"),
        ("Attack", "attack", "VERB", 0, "root"),
        ("Arnor", "Arnor", "PROPN", 5, "obj"),
    ];
    assert_eq!(
        triples(&code("20200101", &rows)),
        [t("GON", "ARN", "190"), t("ERI", "ARN", "190")]
    );
    // "Dol and Amroth attack Arnor": one name the parser split in two
    let rows = [
        ("Dol", "Dol", "PROPN", 4, "nsubj"),
        ("and", "and", "CCONJ", 3, "cc"),
        ("Amroth", "Amroth", "PROPN", 1, "conj"),
        ("attack", "attack", "VERB", 0, "root"),
        ("Arnor", "Arnor", "PROPN", 4, "obj"),
    ];
    assert_eq!(triples(&code("20200101", &rows)), [t("DOL", "ARN", "190")]);
    // "Gondor issued a statement attacking Arnor": the statement's act is
    // its author's
    let rows = [
        ("Gondor", "Gondor", "PROPN", 2, "nsubj"),
        ("issued", "issue", "VERB", 0, "root"),
        ("a", "a", "DET", 4, "det"),
        ("statement", "statement", "NOUN", 2, "obj"),
        ("attacking", "attack", "VERB", 4, "acl"),
        ("Arnor", "Arnor", "PROPN", 5, "obj"),
    ];
    assert_eq!(triples(&code("20200101", &rows)), [t("GON", "ARN", "190")]);
    // "the police used tanks to attack Arnor": a purpose on the object
    let rows = [
        ("the", "the", "DET", 2, "det"),
        ("police", "police", "NOUN", 3, "nsubj"),
        ("used", "use", "VERB", 0, "root"),
        ("tanks", "tank", "NOUN", 3, "obj"),
        ("to", "to", "PART", 6, "mark"),
        ("attack", "attack", "VERB", 4, "acl"),
        ("Arnor", "Arnor", "PROPN", 6, "obj"),
    ];
    assert_eq!(
        triples(&code("20200101", &rows)),
        [t("---COP", "ARN", "190")]
    );
}

#[test]
fn two_country_less_agents_of_one_kind_are_two_actors() {
    // "the police attacked the police" names one kind twice: coded,
    // while "Arnor attacked Arnor" is one actor and is not
    let rows = [
        ("the", "the", "DET", 2, "det"),
        ("police", "police", "NOUN", 3, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("the", "the", "DET", 5, "det"),
        ("police", "police", "NOUN", 3, "obj"),
    ];
    assert_eq!(
        triples(&code("20200101", &rows)),
        [t("---COP", "---COP", "190")]
    );
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Arnor", "Arnor", "PROPN", 2, "obj"),
    ];
    assert!(code("20200101", &rows).is_empty());
}

#[test]
fn require_source_codes_without_target_but_not_without_source() {
    let config = Config {
        require_dyad: false,
        require_source: true,
        ..Config::default()
    };
    // "Arnor attacked": a source, no target
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
    ];
    assert_eq!(
        triples(&code_config("20200101", &rows, config)),
        [t("ARN", "---", "190")]
    );
    // "Arnor was attacked": a target, no source
    let rows = [
        ("Arnor", "Arnor", "PROPN", 3, "nsubj:pass"),
        ("was", "be", "AUX", 3, "aux:pass"),
        ("attacked", "attack", "VERB", 0, "root"),
    ];
    assert!(code_config("20200101", &rows, config).is_empty());
    let one_sided = Config {
        require_source: false,
        ..config
    };
    assert_eq!(
        triples(&code_config("20200101", &rows, one_sided)),
        [t("---", "ARN", "190")]
    );
}

#[test]
fn us_in_capitals_is_the_country_and_an_apposition_is_its_own_noun() {
    // "US troops attacked Arnor"; "us" the pronoun is no actor
    let rows = [
        ("US", "US", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Arnor", "Arnor", "PROPN", 2, "obj"),
    ];
    assert_eq!(triples(&code("20200101", &rows)), [t("USA", "ARN", "190")]);
    let mut pronoun = rows;
    pronoun[0] = ("us", "we", "PRON", 2, "nsubj");
    assert!(code("20200101", &pronoun).is_empty());
    // "said Jamal, a rebel": the rebel is Jamal, not someone Jamal speaks to
    let rows = [
        ("said", "say", "VERB", 0, "root"),
        ("Jamal", "Jamal", "PROPN", 1, "nsubj"),
        (",", ",", "PUNCT", 5, "punct"),
        ("a", "a", "DET", 5, "det"),
        ("rebel", "rebel", "NOUN", 2, "appos"),
    ];
    let config = Config {
        require_dyad: false,
        ..Config::default()
    };
    let events = code_config("20200101", &rows, config);
    assert!(
        events.iter().all(|e| e.target.code != "---REB"),
        "{:?}",
        triples(&events)
    );
}

#[test]
fn two_subjects_of_one_verb_are_coordinated_and_a_trailing_speaker_speaks() {
    // "Arnor, and Gondor attacked Eriador" parsed with two subjects
    let rows = [
        ("Arnor", "Arnor", "PROPN", 5, "nsubj"),
        (",", ",", "PUNCT", 4, "punct"),
        ("and", "and", "CCONJ", 4, "cc"),
        ("Gondor", "Gondor", "PROPN", 5, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Eriador", "Eriador", "PROPN", 5, "obj"),
    ];
    assert_eq!(
        triples(&code("20200101", &rows)),
        [t("ARN", "ERI", "190"), t("GON", "ERI", "190")]
    );
    // "Arnor attacked Gondor, the official said" with "official" parsed as
    // a conjunct of Gondor: the official is the speaker, not a target
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 7, "ccomp"),
        ("Gondor", "Gondor", "PROPN", 2, "obj"),
        (",", ",", "PUNCT", 6, "punct"),
        ("the", "the", "DET", 6, "det"),
        ("official", "official", "NOUN", 3, "conj"),
        ("said", "say", "VERB", 0, "root"),
    ];
    let events = code("20200101", &rows);
    assert_eq!(triples(&events), [t("ARN", "GON", "190")]);
    let attribution = events[0].attribution.as_ref().map(|a| a.text.as_str());
    assert_eq!(attribution, Some("the official"));
}

#[test]
fn an_object_after_a_conjoined_verb_is_its_object() {
    // "Arnor met Gondor and attacked Eriador" parsed with "Eriador" a
    // second object of "met": it is the object of "attacked"
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("met", "meet", "VERB", 0, "root"),
        ("Gondor", "Gondor", "PROPN", 2, "obj"),
        ("and", "and", "CCONJ", 5, "cc"),
        ("attacked", "attack", "VERB", 2, "conj"),
        ("Eriador", "Eriador", "PROPN", 2, "obj"),
    ];
    let events = triples(&code("20200101", &rows));
    assert!(events.contains(&t("ARN", "ERI", "190")), "{events:?}");
    assert!(events.contains(&t("ARN", "GON", "040")), "{events:?}");
    // "Arnor met and attacked Eriador": a shared object stays on the first
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("met", "meet", "VERB", 0, "root"),
        ("and", "and", "CCONJ", 4, "cc"),
        ("attacked", "attack", "VERB", 2, "conj"),
        ("Eriador", "Eriador", "PROPN", 2, "obj"),
    ];
    let events = triples(&code("20200101", &rows));
    assert!(events.contains(&t("ARN", "ERI", "040")), "{events:?}");
}

#[test]
fn petrarch_braces_are_closed_before_the_head() {
    // `{NEW &TIETYPES RELATIONS}`: words may come between NEW and
    // ECONOMIC, none between ECONOMIC and RELATIONS
    let abandon = |mods: &[&str]| {
        let n = u32::try_from(mods.len()).unwrap_or(0);
        let mut rows = vec![
            ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
            ("abandoned", "abandon", "VERB", 0, "root"),
        ];
        for m in mods {
            rows.push((m, m, "ADJ", 3 + n, "amod"));
        }
        rows.push(("relations", "relation", "NOUN", 2, "obj"));
        rows.push(("with", "with", "ADP", 5 + n, "case"));
        rows.push(("Gondor", "Gondor", "PROPN", 3 + n, "nmod"));
        triples(&code("20200101", &rows))
    };
    assert_eq!(abandon(&["new", "economic"]), [t("ARN", "GON", "903")]);
    assert_eq!(
        abandon(&["new", "global", "economic"]),
        [t("ARN", "GON", "903")]
    );
    assert_eq!(
        abandon(&["new", "economic", "trade"]),
        [t("ARN", "GON", "345")]
    );
}

#[test]
fn dyad_format_braces_stay_open() {
    // dyad's own `{common currency}` matches "a common African currency"
    let coder = Coder::new(dyad_dict::builtin_dictionaries());
    let rows = [
        ("Togo", "Togo", "PROPN", 3, "nsubj"),
        ("will", "will", "AUX", 3, "aux"),
        ("develop", "develop", "VERB", 0, "root"),
        ("a", "a", "DET", 7, "det"),
        ("common", "common", "ADJ", 7, "amod"),
        ("African", "African", "ADJ", 7, "amod"),
        ("currency", "currency", "NOUN", 3, "obj"),
        ("with", "with", "ADP", 9, "case"),
        ("Benin", "Benin", "PROPN", 3, "obl"),
    ];
    let events = code_with(&coder, "20200101", &rows, Config::default());
    assert_eq!(triples(&events), [t("TGO", "BEN", "061")]);
}

#[test]
fn the_longer_synset_member_wins_between_like_patterns() {
    let contribute = |words: &[&str]| {
        let n = u32::try_from(words.len()).unwrap_or(0);
        let mut rows = vec![
            ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
            ("contributed", "contribute", "VERB", 0, "root"),
        ];
        for w in words {
            rows.push((w, w, "ADJ", 3 + n, "amod"));
        }
        rows.push(("florin", "florin", "NOUN", 2, "obj"));
        rows.push(("to", "to", "ADP", 5 + n, "case"));
        rows.push(("Gondor", "Gondor", "PROPN", 2, "obl"));
        triples(&code("20200101", &rows))
    };
    assert_eq!(contribute(&["austrian"]), [t("ARN", "GON", "070")]);
    assert_eq!(contribute(&["austrian", "gold"]), [t("ARN", "GON", "904")]);
}

#[test]
fn a_prepositional_phrase_matches_its_object_s_adjectives_not_an_infinitive_to() {
    // `* MEMOS (ON &TIETYPES)`: "memos on economic issues"
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("welcomed", "welcome", "VERB", 0, "root"),
        ("memos", "memo", "NOUN", 2, "obj"),
        ("on", "on", "ADP", 6, "case"),
        ("economic", "economic", "ADJ", 6, "amod"),
        ("issues", "issue", "NOUN", 3, "nmod"),
        ("from", "from", "ADP", 8, "case"),
        ("Gondor", "Gondor", "PROPN", 2, "obl"),
    ];
    assert_eq!(triples(&code("20200101", &rows)), [t("ARN", "GON", "911")]);
    // `(TO) *` wants a prepositional phrase before the verb, not the
    // verb's own infinitive marker: "Arnor is nearer to accord with Gondor"
    let rows = [
        ("Arnor", "Arnor", "PROPN", 3, "nsubj"),
        ("is", "be", "AUX", 3, "cop"),
        ("nearer", "near", "ADJ", 0, "root"),
        ("to", "to", "PART", 5, "mark"),
        ("accord", "accord", "VERB", 3, "xcomp"),
        ("with", "with", "ADP", 7, "case"),
        ("Gondor", "Gondor", "PROPN", 5, "obl"),
    ];
    assert_eq!(triples(&code("20200101", &rows)), [t("ARN", "GON", "013")]);
}

#[test]
fn a_possessor_country_with_an_agent_outranks_the_name_s_own_country() {
    // "Gondor's ambassador Boromir attacked Arnor": Gondor's envoy, whatever
    // Boromir's own entry says; "the ambassador Boromir" keeps the entry
    let rows = [
        ("Eriador", "Eriador", "PROPN", 3, "nmod:poss"),
        ("'s", "'s", "PART", 1, "case"),
        ("ambassador", "ambassador", "NOUN", 4, "compound"),
        ("Boromir", "Boromir", "PROPN", 5, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Arnor", "Arnor", "PROPN", 5, "obj"),
    ];
    assert_eq!(
        triples(&code("20200101", &rows)),
        [t("ERIGOV", "ARN", "190")]
    );
    let rows = [
        ("the", "the", "DET", 3, "det"),
        ("ambassador", "ambassador", "NOUN", 3, "compound"),
        ("Boromir", "Boromir", "PROPN", 4, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Arnor", "Arnor", "PROPN", 4, "obj"),
    ];
    assert_eq!(
        triples(&code("20200101", &rows)),
        [t("GONGOV", "ARN", "190")]
    );
}

#[test]
fn a_conjunct_without_a_country_shares_the_first_conjunct_s_adjective() {
    // "Gondorian police and officials attacked Arnor"
    let rows = [
        ("Gondor", "Gondor", "PROPN", 2, "amod"),
        ("police", "police", "NOUN", 5, "nsubj"),
        ("and", "and", "CCONJ", 4, "cc"),
        ("officials", "official", "NOUN", 2, "conj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Arnor", "Arnor", "PROPN", 5, "obj"),
    ];
    assert_eq!(
        triples(&code("20200101", &rows)),
        [t("GONCOP", "ARN", "190"), t("GONGOV", "ARN", "190")]
    );
}

#[test]
fn words_before_the_verb_match_nouns_not_adverbs() {
    // `RECENTLY *` does not match the adverb; `POLICY *` matches the noun
    let allowed = |word: &str, upos: &str, rel: &str| {
        let rows = [
            ("Arnor", "Arnor", "PROPN", 3, "nsubj"),
            (word, word, upos, 3, rel),
            ("allowed", "allow", "VERB", 0, "root"),
            ("Gondor", "Gondor", "PROPN", 3, "obj"),
        ];
        triples(&code("20200101", &rows))
    };
    assert_eq!(
        allowed("recently", "ADV", "advmod"),
        [t("ARN", "GON", "080")]
    );
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "compound"),
        ("policy", "policy", "NOUN", 3, "nsubj"),
        ("allowed", "allow", "VERB", 0, "root"),
        ("Gondor", "Gondor", "PROPN", 3, "obj"),
    ];
    assert_eq!(triples(&code("20200101", &rows)), [t("ARN", "GON", "060")]);
}

#[test]
fn coordinated_modifiers_before_a_noun_give_one_actor_each() {
    // "Boromir met Arnor and Gondor police"
    let rows = [
        ("Boromir", "Boromir", "PROPN", 2, "nsubj"),
        ("met", "meet", "VERB", 0, "root"),
        ("Arnor", "Arnor", "PROPN", 6, "compound"),
        ("and", "and", "CCONJ", 5, "cc"),
        ("Gondor", "Gondor", "PROPN", 3, "conj"),
        ("police", "police", "NOUN", 2, "obj"),
    ];
    let mut got = triples(&code("20200101", &rows));
    got.sort();
    assert_eq!(
        got,
        [t("GONGOV", "ARNCOP", "040"), t("GONGOV", "GONCOP", "040")]
    );
}

#[test]
fn new_actor_length_makes_short_unknown_phrases_actors() {
    // "the head Minerva McGonagall attacked the Ministry of Magic", with
    // the parser's two subjects: the name is the title's apposition
    let rows = [
        ("the", "the", "DET", 2, "det"),
        ("head", "head", "NOUN", 5, "nsubj"),
        ("Minerva", "Minerva", "PROPN", 5, "nsubj"),
        ("McGonagall", "McGonagall", "PROPN", 3, "flat"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("the", "the", "DET", 7, "det"),
        ("Ministry", "Ministry", "PROPN", 5, "obj"),
        ("of", "of", "ADP", 9, "case"),
        ("Magic", "Magic", "PROPN", 7, "nmod"),
        ("on", "on", "ADP", 11, "case"),
        ("Monday", "Monday", "PROPN", 5, "obl"),
    ];
    let with = |n: usize| {
        let config = Config {
            new_actor_length: n,
            ..Config::default()
        };
        triples(&code_config("20200101", &rows, config))
    };
    assert!(with(0).is_empty());
    assert_eq!(
        with(4),
        [t(
            "\"THE HEAD MINERVA MCGONAGALL\"",
            "\"THE MINISTRY OF MAGIC\"",
            "190"
        )]
    );
    // both phrases have four words: too long for 3, and "Magic" alone is
    // inside the longer phrase, no actor of its own
    assert!(with(3).is_empty());
    // a phrase holding a known actor is not new: "the dispute with Arnor"
    let rows = [
        ("Gondor", "Gondor", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("the", "the", "DET", 4, "det"),
        ("envoys", "envoy", "NOUN", 2, "obj"),
        ("of", "of", "ADP", 6, "case"),
        ("Arnor", "Arnor", "PROPN", 4, "nmod"),
    ];
    let config = Config {
        new_actor_length: 4,
        ..Config::default()
    };
    assert_eq!(
        triples(&code_config("20200101", &rows, config)),
        [t("GON", "ARN", "190")]
    );
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
fn comma_limits_drop_short_comma_clauses_before_coding() {
    // "Arnor attacked Gondor, the awful foe, Boromir said ." — with
    // PETRARCH's limits the internal clause goes, and the terminal
    // speaker clause with it, the reported clause becoming the root
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 10, "ccomp"),
        ("Gondor", "Gondor", "PROPN", 2, "obj"),
        (",", ",", "PUNCT", 7, "punct"),
        ("the", "the", "DET", 7, "det"),
        ("awful", "awful", "ADJ", 7, "amod"),
        ("Eriador", "Eriador", "PROPN", 3, "appos"),
        (",", ",", "PUNCT", 2, "punct"),
        ("Boromir", "Boromir", "PROPN", 10, "nsubj"),
        ("said", "say", "VERB", 0, "root"),
        (".", ".", "PUNCT", 10, "punct"),
    ];
    let run = |commas: Option<crate::CommaLimits>| {
        let config = Config {
            commas,
            ..Config::default()
        };
        code_config("20200101", &rows, config)
    };
    let kept = run(None);
    assert_eq!(
        triples(&kept),
        [t("ARN", "GON", "190")],
        "the apposition is the same target"
    );
    assert!(kept[0].attribution.is_some(), "Boromir said it");
    let dropped = run(Some(crate::CommaLimits::PETRARCH));
    assert_eq!(triples(&dropped), [t("ARN", "GON", "190")]);
    assert!(
        dropped[0].attribution.is_none(),
        "the speaker clause is gone"
    );
    // a maximum of 0 drops nothing
    let off = run(Some(crate::CommaLimits::OFF));
    assert!(off[0].attribution.is_some());
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
fn a_possessive_pronoun_matches_a_pattern_word_and_apposed_names_before_a_conjunct_are_listed() {
    // "Gondor, the awful Arnor, and Eriador stormed their police":
    // `* THEIR POLICE` and three sources
    let rows = [
        ("Gondor", "Gondor", "PROPN", 9, "nsubj"),
        (",", ",", "PUNCT", 5, "punct"),
        ("the", "the", "DET", 5, "det"),
        ("awful", "awful", "ADJ", 5, "amod"),
        ("Arnor", "Arnor", "PROPN", 1, "appos"),
        (",", ",", "PUNCT", 8, "punct"),
        ("and", "and", "CCONJ", 8, "cc"),
        ("Eriador", "Eriador", "PROPN", 1, "conj"),
        ("stormed", "storm", "VERB", 0, "root"),
        ("their", "their", "PRON", 11, "nmod:poss"),
        ("police", "police", "NOUN", 9, "obj"),
        ("in", "in", "ADP", 13, "case"),
        ("Bree", "Bree", "PROPN", 11, "nmod"),
    ];
    let mut got = triples(&code("20200101", &rows));
    got.sort();
    assert_eq!(
        got,
        [
            t("ARN", "---COP", "196"),
            t("ERI", "---COP", "196"),
            t("GON", "---COP", "196"),
        ]
    );
}

#[test]
fn the_agent_of_a_participle_on_the_object_is_the_target() {
    // "Gondor welcomed the memos sent by Arnor"
    let rows = [
        ("Gondor", "Gondor", "PROPN", 2, "nsubj"),
        ("welcomed", "welcome", "VERB", 0, "root"),
        ("the", "the", "DET", 4, "det"),
        ("memos", "memo", "NOUN", 2, "obj"),
        ("sent", "send", "VERB", 4, "acl"),
        ("by", "by", "ADP", 7, "case"),
        ("Arnor", "Arnor", "PROPN", 5, "obl:agent"),
    ];
    assert_eq!(triples(&code("20200101", &rows)), [t("GON", "ARN", "050")]);
}

#[test]
fn a_name_part_parsed_as_an_unmarked_modifier_joins_the_name() {
    // "Gondor attacked the Prince of Dol And Amroth" with "Amroth" an
    // nmod of "Prince": DOL_AND_AMROTH is one actor only when joined
    let rows = [
        ("Gondor", "Gondor", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Dol", "Dol", "PROPN", 2, "obj"),
        ("And", "And", "PROPN", 3, "flat"),
        ("Amroth", "Amroth", "PROPN", 3, "nmod"),
    ];
    assert_eq!(triples(&code("20200101", &rows)), [t("GON", "DOL", "190")]);
}

#[test]
fn the_force_of_an_agentless_passive_posture_is_its_source() {
    // "Gondor police were mobilized": the force shows the posture (15x);
    // "Gondor police were attacked" has no source
    let rows = |verb: &'static str, lemma: &'static str| {
        [
            ("Gondor", "Gondor", "PROPN", 2, "compound"),
            ("police", "police", "NOUN", 4, "nsubj:pass"),
            ("were", "be", "AUX", 4, "aux:pass"),
            (verb, lemma, "VERB", 0, "root"),
        ]
    };
    let config = Config {
        require_dyad: false,
        require_source: true,
        ..Config::default()
    };
    assert_eq!(
        triples(&code_config(
            "20200101",
            &rows("mobilized", "mobilize"),
            config
        )),
        [t("GONCOP", "---", "154")]
    );
    assert!(code_config("20200101", &rows("attacked", "attack"), config).is_empty());
}

#[test]
fn misattached_subjects_and_agents_are_found() {
    // "Arnor indicated it attacked Gondor" with "it" the object of
    // "indicated": the pronoun is the complement's subject (Arnor)
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("indicated", "indicate", "VERB", 0, "root"),
        ("it", "it", "PRON", 2, "obj"),
        ("attacked", "attack", "VERB", 2, "ccomp"),
        ("Gondor", "Gondor", "PROPN", 4, "obj"),
    ];
    assert_eq!(triples(&code("20200101", &rows)), [t("ARN", "GON", "190")]);
    // "Gondor was attacked earlier by Arnor" with the by-phrase on the
    // adverb
    let rows = [
        ("Gondor", "Gondor", "PROPN", 3, "nsubj:pass"),
        ("was", "be", "AUX", 3, "aux:pass"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("earlier", "early", "ADV", 3, "advmod"),
        ("by", "by", "ADP", 6, "case"),
        ("Arnor", "Arnor", "PROPN", 4, "obl"),
    ];
    assert_eq!(triples(&code("20200101", &rows)), [t("ARN", "GON", "190")]);
    // "Arnor believed that Gondor could be persuaded": a passive
    // complement's subject is the target
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("believed", "believe", "VERB", 0, "root"),
        ("that", "that", "SCONJ", 7, "mark"),
        ("Gondor", "Gondor", "PROPN", 7, "nsubj:pass"),
        ("could", "could", "AUX", 7, "aux"),
        ("be", "be", "AUX", 7, "aux:pass"),
        ("persuaded", "persuade", "VERB", 2, "ccomp"),
    ];
    assert_eq!(triples(&code("20200101", &rows)), [t("ARN", "GON", "012")]);
}

#[test]
fn an_act_a_verb_stops_or_forgoes_is_not_coded() {
    let attack = |rows: &[(&str, &str, &str, u32, &str)]| triples(&code("20200101", rows));
    // "Arnor attacked Gondor" is coded …
    assert_eq!(
        attack(&[
            ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("Gondor", "Gondor", "PROPN", 2, "obj"),
        ]),
        [t("ARN", "GON", "190")]
    );
    // … "Arnor stopped attacking Gondor" is not
    assert!(
        attack(&[
            ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
            ("stopped", "stop", "VERB", 0, "root"),
            ("attacking", "attack", "VERB", 2, "xcomp"),
            ("Gondor", "Gondor", "PROPN", 3, "obj"),
        ])
        .is_empty()
    );
    // nor "Arnor refrained from attacking Gondor"
    assert!(
        attack(&[
            ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
            ("refrained", "refrain", "VERB", 0, "root"),
            ("from", "from", "SCONJ", 4, "mark"),
            ("attacking", "attack", "VERB", 2, "advcl"),
            ("Gondor", "Gondor", "PROPN", 4, "obj"),
        ])
        .is_empty()
    );
}

#[test]
fn agreeing_to_stop_protesting_is_yielding_with_dyad_s_dictionaries() {
    let coder = Coder::new(dyad_dict::builtin_dictionaries());
    let rows = [
        ("Togolese", "Togolese", "ADJ", 2, "amod"),
        ("protesters", "protester", "NOUN", 3, "nsubj"),
        ("agreed", "agree", "VERB", 0, "root"),
        ("to", "to", "PART", 5, "mark"),
        ("stop", "stop", "VERB", 3, "xcomp"),
        ("protesting", "protest", "VERB", 5, "xcomp"),
    ];
    let config = Config {
        require_dyad: false,
        require_source: true,
        ..Config::default()
    };
    let events = code_with(&coder, "20200101", &rows, config);
    assert_eq!(triples(&events), [t("TGOOPP", "---", "080")]);
    assert!(events[0].promised, "agreed, not yet done");
}

#[test]
fn the_complement_of_a_failure_is_negated_unless_the_failure_is() {
    let rows = |not: bool| {
        let mut rows = vec![("Arnor", "Arnor", "PROPN", 3, "nsubj")];
        rows.push(if not {
            ("not", "not", "PART", 3, "advmod")
        } else {
            ("really", "really", "ADV", 3, "advmod")
        });
        rows.extend([
            ("failed", "fail", "VERB", 0, "root"),
            ("to", "to", "PART", 5, "mark"),
            ("attack", "attack", "VERB", 3, "xcomp"),
            ("Gondor", "Gondor", "PROPN", 5, "obj"),
        ]);
        rows
    };
    let failed = code("20200101", &rows(false));
    assert_eq!(triples(&failed), [t("ARN", "GON", "190")]);
    assert!(failed[0].negated, "failed to attack");
    let did_not_fail = code("20200101", &rows(true));
    assert!(!did_not_fail[0].negated, "did not fail to attack");
}

#[test]
fn a_subject_naming_no_actor_stands_for_the_actors_it_is_of() {
    // "Resumption of ties between Arnor and Gondor may spur
    // reconciliation with Eriador"
    let rows = vec![
        ("Resumption", "resumption", "NOUN", 9, "nsubj"),
        ("of", "of", "ADP", 3, "case"),
        ("ties", "tie", "NOUN", 1, "nmod"),
        ("between", "between", "ADP", 5, "case"),
        ("Arnor", "Arnor", "PROPN", 3, "nmod"),
        ("and", "and", "CCONJ", 7, "cc"),
        ("Gondor", "Gondor", "PROPN", 5, "conj"),
        ("may", "may", "AUX", 9, "aux"),
        ("spur", "spur", "VERB", 0, "root"),
        ("reconciliation", "reconciliation", "NOUN", 9, "obj"),
        ("with", "with", "ADP", 12, "case"),
        ("Eriador", "Eriador", "PROPN", 10, "nmod"),
    ];
    let events = code("20200101", &rows);
    assert_eq!(
        triples(&events),
        [t("ARN", "ERI", "051"), t("GON", "ERI", "051")]
    );
    // a locative is no actor's: "fighting in Arnor spurred
    // reconciliation" names no source
    let mut rows = rows.clone();
    rows[3] = ("in", "in", "ADP", 5, "case");
    assert!(code("20200101", &rows).is_empty());
}

#[test]
fn a_complement_the_pattern_names_may_hold_the_target() {
    let rows = |verb: &'static str, lemma: &'static str| {
        vec![
            ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
            (verb, lemma, "VERB", 0, "root"),
            ("to", "to", "PART", 4, "mark"),
            ("question", "question", "VERB", 2, "xcomp"),
            ("its", "its", "PRON", 6, "nmod:poss"),
            ("ties", "tie", "NOUN", 4, "obj"),
            ("with", "with", "ADP", 8, "case"),
            ("Gondor", "Gondor", "PROPN", 6, "nmod"),
        ]
    };
    let began = code("20200101", &rows("began", "begin"));
    assert_eq!(triples(&began), [t("ARN", "GON", "110")]);
    // a complement no pattern names keeps its words: "vowed to question
    // ties with Gondor" is a vow without target
    let vowed = code("20200101", &rows("vowed", "vow"));
    assert!(vowed.is_empty(), "{:?}", triples(&vowed));
}

#[test]
fn a_reported_event_under_a_predicate_is_no_speech_target() {
    // "a senior official said Arnor is about to attack Gondor": the
    // official reports the attack; Arnor is not what was said to or of
    let events = code(
        "20200101",
        &[
            ("official", "official", "NOUN", 2, "nsubj"),
            ("said", "say", "VERB", 0, "root"),
            ("Arnor", "Arnor", "PROPN", 5, "nsubj"),
            ("is", "be", "AUX", 5, "cop"),
            ("about", "about", "ADJ", 2, "ccomp"),
            ("to", "to", "PART", 7, "mark"),
            ("attack", "attack", "VERB", 5, "xcomp"),
            ("Gondor", "Gondor", "PROPN", 7, "obj"),
        ],
    );
    // (about to attack: a threat)
    assert_eq!(triples(&events), [t("ARN", "GON", "138")]);
}

#[test]
fn an_infinitive_parsed_as_a_second_subject_is_a_complement() {
    // "Arnor is about to attack Gondor" with "attack" a clausal subject
    for rel in ["xcomp", "csubj"] {
        let events = code(
            "20200101",
            &[
                ("Arnor", "Arnor", "PROPN", 3, "nsubj"),
                ("is", "be", "AUX", 3, "cop"),
                ("about", "about", "ADJ", 0, "root"),
                ("to", "to", "PART", 5, "mark"),
                ("attack", "attack", "VERB", 3, rel),
                ("Gondor", "Gondor", "PROPN", 5, "obj"),
            ],
        );
        assert_eq!(triples(&events), [t("ARN", "GON", "190")], "{rel}");
    }
}

#[test]
fn an_adverbial_clause_s_prepositional_phrase_is_not_the_verb_s_target() {
    let config = Config {
        require_dyad: false,
        require_source: true,
        ..Config::default()
    };
    // "Arnor took action to prevent a coup against Gondor": Gondor is what
    // the coup would be against, not the action's target
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("took", "take", "VERB", 0, "root"),
        ("action", "action", "NOUN", 2, "obj"),
        ("to", "to", "PART", 5, "mark"),
        ("prevent", "prevent", "VERB", 2, "advcl"),
        ("a", "a", "DET", 7, "det"),
        ("coup", "coup", "NOUN", 5, "obj"),
        ("against", "against", "ADP", 9, "case"),
        ("Gondor", "Gondor", "PROPN", 5, "obl"),
    ];
    assert_eq!(
        triples(&code_config("20200101", &rows, config)),
        [t("ARN", "---", "130")]
    );
    // attached to the verb's own object, the phrase is the pattern's
    let mut direct = rows;
    direct[8].3 = 3;
    direct[8].4 = "nmod";
    assert_eq!(
        triples(&code_config("20200101", &direct, config)),
        [t("ARN", "GON", "137")]
    );
    // a clause the pattern matched a word of is the pattern's: "Arnor took
    // action to wage war on Gondor" (`* WAR (ON +)` of WAGE)
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("took", "take", "VERB", 0, "root"),
        ("action", "action", "NOUN", 2, "obj"),
        ("to", "to", "PART", 5, "mark"),
        ("wage", "wage", "VERB", 2, "advcl"),
        ("war", "war", "NOUN", 5, "obj"),
        ("on", "on", "ADP", 8, "case"),
        ("Gondor", "Gondor", "PROPN", 5, "obl"),
    ];
    let events = code_config("20200101", &rows, config);
    assert!(
        triples(&events).contains(&t("ARN", "GON", "190")),
        "{:?}",
        triples(&events)
    );
}

#[test]
fn a_participle_on_a_participle_s_noun_has_that_noun_for_subject() {
    // "Arnor recalled rebels aligned with Gondor, announcing that they
    // would attack Eriador": "announcing" is parsed on "aligned", itself on
    // "rebels"
    let rows = [
        ("Arnor", "Arnor", "PROPN", 2, "nsubj"),
        ("recalled", "recall", "VERB", 0, "root"),
        ("rebels", "rebel", "NOUN", 2, "obj"),
        ("aligned", "align", "VERB", 3, "acl"),
        ("with", "with", "ADP", 6, "case"),
        ("Gondor", "Gondor", "PROPN", 4, "obl"),
        (",", ",", "PUNCT", 8, "punct"),
        ("announcing", "announce", "VERB", 4, "acl"),
        ("that", "that", "SCONJ", 12, "mark"),
        ("they", "they", "PRON", 12, "nsubj"),
        ("would", "would", "AUX", 12, "aux"),
        ("attack", "attack", "VERB", 8, "ccomp"),
        ("Eriador", "Eriador", "PROPN", 12, "obj"),
    ];
    let events = code("20200101", &rows);
    assert!(
        // a threat of attack (138): "would attack"
        triples(&events).contains(&t("---REB", "ERI", "138")),
        "{:?}",
        triples(&events)
    );
}
