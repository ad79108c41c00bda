//! Regressions of issue 20 (hostile dictionaries): a synset that contains
//! itself is rejected at load with its `file:line`, and a set that cannot
//! code anything says so.

#![allow(clippy::unwrap_used)]

use dyad_code::{Coder, Config, read_records};
use dyad_dict::{
    DiagnosticKind, DictError, DictFiles, Dictionaries, EmptySet, VerbDict, dyad_format,
};

const CYCLIC: &str = "\
&ALPHA
+BOMB
+&BETA
&BETA
+ROCKET
+&ALPHA
&SELF
+&SELF
+GUN
---  ATTACK   [190]  ---
ATTACK {ATTACKED ATTACKS ATTACKING}
- * &ALPHA  [195]  # ATTACK
- * &SELF  [194]  # ATTACK
";

/// Issue 20 item 2: `&ALPHA` holds `+&BETA`, `&BETA` holds `+&ALPHA`.
#[test]
fn r20_cyclic_synsets_are_rejected_at_load() {
    let (dict, diagnostics) = VerbDict::parse("cyclic.verbs", CYCLIC);
    let cyclic: Vec<String> = diagnostics
        .iter()
        .filter(|d| matches!(d.kind, DiagnosticKind::CyclicSynset { .. }))
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        cyclic,
        [
            "cyclic.verbs:3: synset `&ALPHA` contains itself through `&BETA`; member skipped",
            "cyclic.verbs:6: synset `&BETA` contains itself through `&ALPHA`; member skipped",
            "cyclic.verbs:8: synset `&SELF` contains itself through `&SELF`; member skipped",
        ]
    );
    // A reference that makes no cycle stays (and is what the property
    // test below follows).
    let (acyclic, _) = VerbDict::parse("ok.verbs", "&A\n+&B\n&B\n+GUN\n");
    assert_eq!(
        acyclic.synset("A").unwrap().members[0].items,
        [dyad_dict::PatternItem::Synset("B".into())]
    );
    let members = |name: &str| dict.synset(name).unwrap().members.len();
    assert_eq!(
        (members("ALPHA"), members("BETA"), members("SELF")),
        (1, 1, 1)
    );
}

/// What is left after the cycles are cut codes without recursing forever.
#[test]
fn r20_coding_with_cut_cycles_terminates() {
    let (verbs, _) = VerbDict::parse("cyclic.verbs", CYCLIC);
    let mut dicts = Dictionaries {
        verbs,
        ..Dictionaries::default()
    };
    dicts
        .actors
        .add_text("a.txt", "ARNOR [ARN]\nGONDOR [GON]\n");
    let coder = Coder::new(dicts);
    let file = read_records(
        "<Sentence id=\"s\" date=\"20200101\"><Text>Arnor attacked Gondor with a rocket.</Text></Sentence>",
    );
    let coded = coder.code(&file.records[0].document, &Config::default());
    assert!(coded.events.len() <= 2);
}

/// Issue 20 item 13: empty dictionaries and a folder without dictionary
/// files are told apart from a set that merely codes nothing.
#[test]
fn r20_empty_sets_say_so() {
    assert_eq!(
        Dictionaries::default().check_not_empty(),
        Err(EmptySet::NoVerbs)
    );
    let dir = std::env::temp_dir().join(format!("dyad-dict-empty-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["CAMEO.2.0.txt", "actors.txt"] {
        std::fs::write(dir.join(name), "# nothing here\n").unwrap();
    }
    let files = DictFiles {
        verbs: Some(dir.join("CAMEO.2.0.txt")),
        actors: vec![dir.join("actors.txt")],
        ..DictFiles::default()
    };
    let (dicts, _) = Dictionaries::load(&files).unwrap();
    assert_eq!(dicts.check_not_empty(), Err(EmptySet::NoVerbs));
    let (verbs, _) = VerbDict::parse("v.txt", "---  ATTACK   [190]  ---\nATTACK\n");
    let dicts = Dictionaries {
        verbs,
        ..Dictionaries::default()
    };
    assert_eq!(dicts.check_not_empty(), Err(EmptySet::NoActors));

    let empty_dir = dir.join("no-dicts");
    std::fs::create_dir_all(&empty_dir).unwrap();
    std::fs::write(empty_dir.join("README.md"), "not a dictionary").unwrap();
    let err = dyad_format::DyadDicts::load_dir(&empty_dir).unwrap_err();
    assert!(matches!(err, DictError::NoFiles { .. }));
    assert!(
        err.to_string()
            .starts_with("no dictionary files (*.txt) in ")
    );
    assert!(dyad_dict::check(&empty_dir).is_err());
}

proptest::proptest! {
    /// Whatever members name which synsets, what loads has no cycle.
    #[test]
    fn no_synset_cycle_survives_loading(
        refs in proptest::collection::vec(proptest::collection::vec(0usize..6, 0..4), 1..6)
    ) {
        let mut text = String::new();
        for (i, members) in refs.iter().enumerate() {
            text.push_str(&format!("&S{i}\n+WORD{i}\n"));
            for r in members {
                text.push_str(&format!("+&S{}\n", r % refs.len()));
            }
        }
        text.push_str("---  ATTACK   [190]  ---\nATTACK\n");
        let (dict, _) = VerbDict::parse("p.verbs", &text);
        let names: Vec<&str> = dict.synsets().iter().map(|s| &*s.name).collect();
        let edges: Vec<Vec<usize>> = dict
            .synsets()
            .iter()
            .map(|s| {
                s.members
                    .iter()
                    .flat_map(|m| m.items.iter())
                    .filter_map(|item| match item {
                        dyad_dict::PatternItem::Synset(name) => {
                            names.iter().position(|n| *n == &**name)
                        }
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        // Following references never comes back to where it started.
        for start in 0..edges.len() {
            let mut stack = edges[start].clone();
            let mut seen = std::collections::HashSet::new();
            while let Some(next) = stack.pop() {
                proptest::prop_assert_ne!(next, start, "cycle through &{}", names[start]);
                if seen.insert(next) {
                    stack.extend(edges[next].iter().copied());
                }
            }
        }
    }
}
