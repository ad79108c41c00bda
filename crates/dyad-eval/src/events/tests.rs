use super::*;

const TEXT: &str = "Chad attacked Niger. Mali met Togo. Rebels bombed a town.";

/// A gold event of type `ty` with trigger `[start, end)` and the given
/// source and target (code, country).
fn gold_event(
    ty: &str,
    span: [usize; 2],
    source: (&str, Option<&str>),
    target: Option<(&str, Option<&str>)>,
) -> GoldEvent {
    let actor = |(code, country): (&str, Option<&str>)| GoldActor {
        text: code.to_string(),
        code: Some(code.to_string()),
        country: country.map(str::to_string),
    };
    GoldEvent {
        trigger_span: span,
        plover: ty.to_string(),
        source: Some(actor(source)),
        target: target.map(actor),
        modality: Some("asserted".to_string()),
        ..GoldEvent::default()
    }
}

fn doc(events: Vec<GoldEvent>, annotated_chars: usize) -> GoldDocument {
    GoldDocument {
        doc_id: "d1".to_string(),
        text: TEXT.to_string(),
        annotated_chars,
        events,
        ..GoldDocument::default()
    }
}

fn system_event(ty: Option<&str>, sentence: [usize; 2], trigger: [usize; 2]) -> SystemEvent {
    SystemEvent {
        doc_id: "d1".to_string(),
        sentence_span: Some(sentence),
        trigger_span: Some(trigger),
        plover: ty.map(str::to_string),
        source_code: Some("TCD".to_string()),
        source_country: Some("TCD".to_string()),
        target_code: Some("NER".to_string()),
        target_country: Some("NER".to_string()),
        modality: Some("asserted".to_string()),
        ..SystemEvent::default()
    }
}

fn chad() -> GoldEvent {
    gold_event(
        "ASSAULT",
        [5, 13],
        ("TCD", Some("TCD")),
        Some(("NER", Some("NER"))),
    )
}

#[test]
fn matches_by_sentence_and_type() {
    let gold = [doc(vec![chad()], TEXT.chars().count())];
    // sentence contains the trigger, own trigger elsewhere in it
    let system = [system_event(Some("ASSAULT"), [0, 20], [0, 4])];
    let s = score(&gold, &system);
    assert_eq!((s.types.gold, s.types.system, s.types.correct), (1, 1, 1));
    assert_eq!(s.codes.correct, 1);
    assert_eq!(s.fields.modality, Share { right: 1, total: 1 });
    // wrong type: no match
    let system = [system_event(Some("COERCE"), [0, 20], [5, 13])];
    let s = score(&gold, &system);
    assert_eq!(
        (s.types.correct, s.missed.len(), s.false_events.len()),
        (0, 1, 1)
    );
    // other sentence, trigger overlapping: a match
    let system = [system_event(Some("ASSAULT"), [21, 35], [10, 14])];
    assert_eq!(score(&gold, &system).types.correct, 1);
}

#[test]
fn one_to_one_and_prefers_equal_codes() {
    let mut second = chad();
    second.source = Some(GoldActor {
        code: Some("NGA".to_string()),
        country: Some("NGA".to_string()),
        ..GoldActor::default()
    });
    let gold = [doc(vec![second, chad()], TEXT.chars().count())];
    let one = system_event(Some("ASSAULT"), [0, 20], [5, 13]);
    let s = score(&gold, std::slice::from_ref(&one));
    assert_eq!(s.types.correct, 1);
    // the event went to the gold event with its codes
    assert_eq!(s.matches[0].gold, 1);
    assert_eq!((s.codes.correct, s.countries.correct), (1, 1));
    // two system events for one gold event: one matched, one false
    let gold = [doc(vec![chad()], TEXT.chars().count())];
    let s = score(&gold, &[one.clone(), one]);
    assert_eq!(
        (s.types.correct, s.types.system, s.false_events.len()),
        (1, 2, 1)
    );
    assert!((s.types.precision - 0.5).abs() < 1e-9);
}

#[test]
fn ignores_statements_and_events_past_annotated_chars() {
    let gold = [doc(vec![chad()], 21)];
    let system = [
        system_event(None, [0, 20], [5, 13]),
        system_event(Some("CONSULT"), [21, 35], [26, 29]),
        system_event(Some("ASSAULT"), [0, 20], [5, 13]),
        SystemEvent {
            sentence_span: None,
            trigger_span: None,
            ..system_event(Some("ASSAULT"), [0, 0], [0, 0])
        },
    ];
    let s = score(&gold, &system);
    assert_eq!((s.ignored_statements, s.ignored_outside), (1, 2));
    assert_eq!((s.types.system, s.types.correct), (1, 1));
    assert_eq!(s.types.f1, 1.0);
}

#[test]
fn null_countries_equal_null() {
    let rebels = gold_event("ASSAULT", [43, 49], ("SYRREB", None), None);
    let gold = [doc(vec![rebels], TEXT.chars().count())];
    let mut e = system_event(Some("ASSAULT"), [36, 57], [43, 49]);
    e.source_code = Some("REB".to_string());
    e.source_country = None;
    e.target_code = None;
    e.target_country = None;
    let s = score(&gold, std::slice::from_ref(&e));
    assert_eq!(
        (s.types.correct, s.countries.correct, s.codes.correct),
        (1, 1, 0)
    );
    e.target_country = Some("SYR".to_string());
    let s = score(&gold, &[e]);
    assert_eq!((s.types.correct, s.countries.correct), (1, 0));
}

#[test]
fn per_type_counts() {
    let consult = gold_event("CONSULT", [26, 29], ("MLI", Some("MLI")), None);
    let gold = [doc(vec![chad(), consult], TEXT.chars().count())];
    let system = [
        system_event(Some("ASSAULT"), [0, 20], [5, 13]),
        system_event(Some("ASSAULT"), [36, 57], [43, 49]),
    ];
    let s = score(&gold, &system);
    let assault = s.per_type["ASSAULT"];
    assert_eq!((assault.gold, assault.system, assault.correct), (1, 2, 1));
    let consult = s.per_type["CONSULT"];
    assert_eq!((consult.gold, consult.system, consult.correct), (1, 0, 0));
    assert_eq!(s.missed, [(0, 1)]);
    assert_eq!(s.false_events, [1]);
    let json = s.to_json();
    assert_eq!(json["per_type"]["ASSAULT"]["precision"], 0.5);
    assert_eq!(json["type"]["recall"], 0.5);
}

#[test]
fn field_accuracy() {
    let mut g = chad();
    g.event_date = Some("2019-03".to_string());
    g.event_date_precision = Some("month".to_string());
    g.place = Some(GoldPlace {
        name: Some("Baghuz".to_string()),
        country: Some("SYR".to_string()),
    });
    g.attribution = Some("two senior officials".to_string());
    let gold = [doc(vec![g], TEXT.chars().count())];
    let mut e = system_event(Some("ASSAULT"), [0, 20], [5, 13]);
    e.event_date = Some("2019-03-01".to_string());
    e.event_date_precision = Some("month".to_string());
    e.place_country = Some("SYR".to_string());
    e.place_name = Some("Hajin".to_string());
    e.attribution = Some("officials".to_string());
    e.modality = Some("reported".to_string());
    let f = score(&gold, &[e]).fields;
    assert_eq!((f.date.right, f.date.total), (1, 1));
    assert_eq!((f.place_country.right, f.place_name.right), (1, 0));
    assert_eq!((f.attribution.right, f.modality.right), (1, 0));
}

#[test]
fn dates_at_precision() {
    assert!(matching::same_date("2017", "2017-01-01", "year"));
    assert!(matching::same_date("2018-12-17", "2018-12-17", "week"));
    assert!(matching::same_date("2019-03-23", "2019-03-18", "week"));
    assert!(!matching::same_date("2019-03-23", "2019-03-10", "week"));
    assert!(!matching::same_date("2019-03-23", "2019-03-24", "day"));
    assert!(!matching::same_date("2019-03", "junk", "month"));
}

#[test]
fn reads_gold_and_names_bad_lines() {
    let good = r#"{"doc_id":"d1","date":"2019-01-01","title":null,"text":"Chad attacked Niger.","annotated_chars":20,"events":[]}"#;
    let docs = read_gold(format!("{good}\n\n").as_bytes(), "g.jsonl").unwrap();
    assert_eq!(docs.len(), 1);
    let bad = format!("{good}\n{{\"doc_id\": 3}}\n");
    let err = read_gold(bad.as_bytes(), "g.jsonl")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("g.jsonl:2: "), "{err}");
    let span = r#"{"doc_id":"d","text":"abc","annotated_chars":3,"events":[{"trigger_span":[2,9],"plover":"AID"}]}"#;
    let err = read_gold(span.as_bytes(), "g.jsonl")
        .unwrap_err()
        .to_string();
    assert!(err.contains("g.jsonl:1: d: event 0: trigger_span"), "{err}");
}
