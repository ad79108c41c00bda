//! Reading the real PETRARCH2 and UniversalPETRARCH dictionaries from the
//! shared data directory; every test skips (reported by `dyad_testkit`)
//! without it.

use dyad_core::Date;
use dyad_dict::{
    ActorDict, AgentPlacement, DateRange, DictFiles, Dictionaries, DiscardScope, IssueAction,
    Pattern, PatternItem, VerbDict, load_actors, load_agents, load_discards, load_issues,
    load_verbs,
};
use std::path::PathBuf;

/// The PETRARCH2 dictionaries folder, or `None` (a skip of `test`) without
/// the shared data.
fn petrarch_dir(test: &str) -> Option<PathBuf> {
    dyad_testkit::shared_data(test).map(|d| d.join("petrarch2/dictionaries"))
}

fn diag_lines(diags: &[dyad_dict::Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| format!("{}:{}", d.file, d.line))
        .collect()
}

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    match r {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    }
}

/// The first pattern of the block `name` that `wanted` picks.
fn pattern<'d>(dict: &'d VerbDict, name: &str, wanted: impl Fn(&Pattern) -> bool) -> &'d Pattern {
    let block = dict
        .blocks()
        .iter()
        .find(|b| &*b.name == name)
        .unwrap_or_else(|| panic!("no block {name}"));
    block
        .patterns
        .iter()
        .find(|p| wanted(p))
        .unwrap_or_else(|| panic!("no such pattern in {name}"))
}

#[test]
fn phoenix_verbs() {
    let Some(dir) = petrarch_dir("phoenix_verbs") else {
        return;
    };
    let (verbs, diags) = ok(load_verbs(&dir.join("CAMEO.2.0.txt")));
    assert_eq!(verbs.synsets().len(), 40);
    assert_eq!(verbs.blocks().len(), 397);
    assert_eq!(verbs.verb_count(), 1817);
    assert_eq!(verbs.pattern_count(), 4664);
    assert_eq!(verbs.transformations().len(), 8);
    assert_eq!(
        diag_lines(&diags),
        [2374, 3335, 5787, 7606, 8464, 8443, 8444].map(|l| format!("CAMEO.2.0.txt:{l}"))
    );

    // irregular forms
    let sped: Vec<_> = verbs.lookup("sped").collect();
    assert_eq!(sped.len(), 1);
    assert_eq!(&*sped[0].block.name, "ACCELERATE");
    assert!(sped[0].code().is_null());
    assert_eq!(sped[0].verb.provenance.line, 717);
    // regular forms are generated
    assert!(verbs.lookup("HASTENED").next().is_some());
    // a block with a paired code
    let visit = verbs.lookup("visits").next().map(|m| m.code().to_string());
    assert_eq!(visit.as_deref(), Some("042:043"));

    // a pattern parsed into its structure
    let p = pattern(&verbs, "AGREE", |p| p.provenance.line == 5617);
    assert_eq!(p.before, vec![]);
    assert_eq!(
        p.after,
        vec![PatternItem::Prep {
            prep: Box::new(PatternItem::Word("TO".into())),
            objects: vec![
                PatternItem::Word("PEACE".into()),
                PatternItem::Synset("TREATY".into())
            ],
        }]
    );
    assert_eq!(p.code.code.as_deref(), Some("037"));
    assert_eq!(p.code.reciprocal.as_deref(), Some("037"));
    assert_eq!(p.comment.as_deref(), Some("AGREE"));
    assert!(verbs.synset("TREATY").is_some_and(|s| s.members.len() == 5));
    let aux = verbs.synset("&AUXVERB2_").expect("AUXVERB2");
    assert!(!aux.plurals);
    assert_eq!(
        aux.members[1].items,
        vec![
            PatternItem::Word("IS".into()),
            PatternItem::Word("TO".into())
        ]
    );
}

#[test]
fn phoenix_actors_with_dates() {
    let Some(dir) = petrarch_dir("phoenix_actors_with_dates") else {
        return;
    };
    let counts = [
        ("Phoenix.Countries.actors.txt", 18390, 25917),
        ("Phoenix.International.actors.txt", 7841, 7907),
        ("Phoenix.MilNonState.actors.txt", 1021, 1793),
        ("PETR.Validate.actors.txt", 128, 161),
    ];
    for (file, entries, phrases) in counts {
        let (dict, _) = ok(load_actors(&dir.join(file)));
        assert_eq!(
            (dict.len(), dict.phrase_count()),
            (entries, phrases),
            "{file}"
        );
    }
    let (actors, diags) = ok(load_actors(&dir.join("Phoenix.Countries.actors.txt")));
    assert_eq!(
        diag_lines(&diags),
        [2039, 14190, 18010, 22508, 22519, 31715, 43613, 51384]
            .map(|l| format!("Phoenix.Countries.actors.txt:{l}"))
    );
    let afg = actors.get("afghanistan");
    assert_eq!(afg.len(), 1);
    assert_eq!(afg[0].default_code.as_ref().map(|c| &*c.code), Some("AFG"));
    assert_eq!(afg[0].provenance.line, 45);

    // HAMID_KARZAI_ [AFGELI 750101-000101] [AFGGOV >011222] [AFGELI]
    let m = actors
        .longest_match(&["President", "Karzai", "visited"])
        .expect("PRESIDENT_KARZAI_");
    assert_eq!(m.len, 2);
    assert_eq!(m.provenance.line, 152);
    assert_eq!(m.entry.provenance.line, 150);
    let on = |d: &str| m.entry.code_on(Date::parse(d)).map(|c| c.code.to_string());
    assert_eq!(on("19800101").as_deref(), Some("AFGELI"));
    assert_eq!(on("20050101").as_deref(), Some("AFGGOV"));
    assert_eq!(on("20010101").as_deref(), Some("AFGELI"));
    assert_eq!(
        m.entry.restrictions[1].range,
        DateRange::After(Date::from_ymd(2001, 12, 22).expect("date"))
    );
    assert_eq!(m.entry.restrictions[1].provenance.line, 154);

    let obama = actors.longest_match(&["OBAMA"]).expect("OBAMA");
    let on = |d: &str| {
        obama
            .entry
            .code_on(Date::parse(d))
            .map(|c| c.code.to_string())
    };
    assert_eq!(on("20150813").as_deref(), Some("USAGOV"));
    assert_eq!(on("20050101").as_deref(), None);
    assert_eq!(on("19990101").as_deref(), Some("USAELI"));
}

#[test]
fn validation_actors_date_restrictions() {
    let Some(data) = dyad_testkit::shared_data("validation_actors_date_restrictions") else {
        return;
    };
    let mut dict = ActorDict::new();
    for path in [
        data.join("petrarch2/dictionaries/PETR.Validate.actors.txt"),
        data.join("universal-petrarch/PETR.Validate.actors.txt"),
    ] {
        let bytes = ok(std::fs::read(&path));
        let diags = dict.add_bytes("PETR.Validate.actors.txt", &bytes);
        assert!(diags.is_empty(), "{diags:?}");
    }
    let sam = dict.get("SAM GAMGEE")[0];
    let on = |d: &str| sam.code_on(Date::parse(d)).map(|c| c.code.to_string());
    assert_eq!(on("20080101").as_deref(), Some("HOBCIV"));
    assert_eq!(on("20100110").as_deref(), Some("ORCHOB"));
    assert_eq!(on("20110101").as_deref(), Some("HOBMIL"));
    assert_eq!(on("20130101").as_deref(), Some("HOBGOV"));
    assert_eq!(on("20140101").as_deref(), Some("HOBELI"));
    let gollum = dict.get("stinker")[0];
    let on = |d: &str| gollum.code_on(Date::parse(d)).map(|c| c.code.to_string());
    assert_eq!(on("19900101").as_deref(), Some("HOB"));
    assert_eq!(on("19970101").as_deref(), Some("HOBGOV"));
    assert_eq!(on("20000101").as_deref(), Some("HOBREB"));
    assert_eq!(dict.get("PALESTINIAN").len(), 4);
}

#[test]
fn phoenix_agents_discards_issues() {
    let Some(dir) = petrarch_dir("phoenix_agents_discards_issues") else {
        return;
    };
    let (agents, diags) = ok(load_agents(&dir.join("Phoenix.agents.txt")));
    assert_eq!(agents.len(), 5226);
    assert_eq!(
        diag_lines(&diags),
        ["Phoenix.agents.txt:544", "Phoenix.agents.txt:1927"]
    );
    let pres = agents.get("PRESIDENTS");
    assert_eq!(pres.len(), 1);
    assert_eq!((&*pres[0].code, pres[0].plural), ("GOV", true));
    assert_eq!(pres[0].provenance.line, 1141);
    let fisher = agents.get("fisherwomen");
    assert_eq!(fisher.first().map(|e| &*e.code), Some("AGR"));
    let m = agents
        .longest_match(&["foreign", "ministry", "spokesman"])
        .expect("FOREIGN MINISTRY");
    assert_eq!(m.len, 2);
    assert_eq!(m.entry.placement, AgentPlacement::After);

    let (discards, diags) = ok(load_discards(&dir.join("Phoenix.discards.txt")));
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(discards.len(), 506);
    let found = discards
        .find(&["Manchester", "United", "won"])
        .expect("discard");
    assert_eq!(found.scope, DiscardScope::Story);

    let (issues, diags) = ok(load_issues(&dir.join("Phoenix.IssueCoding.txt")));
    assert_eq!(issues.len(), 3157);
    assert_eq!(issues.categories().len(), 52);
    assert_eq!(diags.len(), 14);
    let school = issues
        .entries()
        .iter()
        .find(|e| e.pattern == "n:school")
        .expect("n:school");
    assert_eq!(school.action, IssueAction::Code("SCHOOLS".into()));
    assert_eq!(school.forms.len(), 2);
    assert_eq!(school.category.as_deref(), Some("EDUCATION"));
}

#[test]
fn validation_verbs() {
    let Some(data) = dyad_testkit::shared_data("validation_verbs") else {
        return;
    };
    let (v2, diags) = ok(load_verbs(
        &data.join("universal-petrarch/PETR.Validate.verbs.2.0.txt"),
    ));
    assert_eq!(
        diag_lines(&diags),
        [117, 370, 449, 453, 754, 757, 758, 817, 1108]
            .map(|l| format!("PETR.Validate.verbs.2.0.txt:{l}"))
    );
    assert_eq!(v2.blocks().len(), 69);
    assert_eq!(v2.pattern_count(), 452);
    let (v1, diags) = ok(load_verbs(
        &data.join("petrarch2/dictionaries/PETR.Validate.verbs.txt"),
    ));
    assert_eq!(diags.len(), 16);
    assert_eq!(v1.blocks().len(), 261);
    // TABARI-style `IN_*` adjacency
    let p = pattern(&v1, "ACCORD", |p| p.before_adjacent);
    assert_eq!(p.before, vec![PatternItem::Word("IN".into())]);
    let (_, diags) = ok(load_agents(
        &data.join("petrarch2/dictionaries/PETR.Validate.agents.txt"),
    ));
    assert!(diags.is_empty(), "{diags:?}");
    let (_, diags) = ok(load_discards(
        &data.join("petrarch2/dictionaries/PETR.Validate.discards.txt"),
    ));
    assert!(diags.is_empty(), "{diags:?}");
}

/// The whole Phoenix set loads well under a second (release build; the
/// debug-info-free test profile is optimised too, so allow some slack).
#[test]
fn phoenix_set_loads_quickly() {
    let Some(dir) = petrarch_dir("phoenix_set_loads_quickly") else {
        return;
    };
    let start = std::time::Instant::now();
    let (dicts, diags) = ok(Dictionaries::load(&DictFiles::phoenix(&dir)));
    let elapsed = start.elapsed();
    println!(
        "Phoenix set loaded in {elapsed:?} with {} diagnostics",
        diags.len()
    );
    assert_eq!(diags.len(), 35);
    assert_eq!(dicts.actors.len(), 18390 + 7841 + 1021);
    assert!(elapsed.as_secs_f64() < 2.0, "took {elapsed:?}");
    let (verbs, _) = VerbDict::parse("empty", "");
    assert_eq!(verbs.blocks().len(), 0);
}
