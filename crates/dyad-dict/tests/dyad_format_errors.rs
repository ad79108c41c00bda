//! Broken dyad-format dictionaries: a corrupted copy of each shipped file
//! gives diagnostics at the corrupted lines and never a panic; random and
//! mutated input never panics; PETRARCH files convert to dyad's format.

use dyad_core::Date;
use dyad_dict::dyad_format::{
    BUILTIN_FILES, DyadDicts, DyadFile, FileKind, import_petrarch_actors, import_petrarch_agents,
};
use dyad_dict::{ActorDict, Diagnostic};
use proptest::prelude::*;

/// The builtin set with `name` replaced by `text`.
fn parse_with(name: &str, text: &str) -> Vec<Diagnostic> {
    let files: Vec<DyadFile<'_>> = BUILTIN_FILES
        .iter()
        .map(|&(n, t)| DyadFile {
            name: n,
            text: if n == name { text } else { t },
            kind: FileKind::from_name(n),
        })
        .collect();
    DyadDicts::parse(&files).1
}

/// Replaces 1-based line `n` of `text`.
fn replace_line(text: &str, n: usize, with: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == n { with } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The 1-based number of the first line satisfying `pred`.
fn find_line(text: &str, pred: impl Fn(&str) -> bool) -> usize {
    text.lines()
        .position(pred)
        .map(|i| i + 1)
        .expect("line exists")
}

fn builtin(name: &str) -> &'static str {
    BUILTIN_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .expect("builtin file")
}

fn lines_of(diags: &[Diagnostic], file: &str) -> Vec<u32> {
    let mut v: Vec<u32> = diags
        .iter()
        .filter(|d| &*d.file == file)
        .map(|d| d.line)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[test]
fn corrupted_actor_files_report_the_right_lines() {
    for name in [
        "countries.txt",
        "igos.txt",
        "institutions.txt",
        "groups.txt",
        "leaders.txt",
    ] {
        let text = builtin(name);
        let header = find_line(text, |l| l.starts_with(|c: char| c.is_ascii_uppercase()));
        let dated = text
            .lines()
            .position(|l| {
                l.starts_with("    ")
                    && l.trim_start().starts_with(|c: char| c.is_ascii_uppercase())
                    && l.contains("..")
            })
            .map(|i| i + 1);
        // bad code shape on a header
        let broken = replace_line(text, header, "irqgov  Somebody Unique Xyzzy");
        let diags = parse_with(name, &broken);
        assert_eq!(
            lines_of(&diags, name),
            vec![header as u32],
            "{name}: {diags:#?}"
        );
        // a header with no name
        let broken = replace_line(text, header, "IRQGOV");
        assert!(
            lines_of(&parse_with(name, &broken), name).contains(&(header as u32)),
            "{name}"
        );
        // unknown country prefix
        let broken = replace_line(text, header, "QQQGOV  Somebody Unique Xyzzy");
        assert_eq!(
            lines_of(&parse_with(name, &broken), name),
            vec![header as u32],
            "{name}"
        );
        if let Some(dated) = dated {
            // a bad date, then an impossible range
            for bad in [
                "    IRQGOV  2019-13-01..",
                "    IRQGOV  2020..2019",
                "    IRQGOV  soon",
            ] {
                let broken = replace_line(text, dated, bad);
                let diags = parse_with(name, &broken);
                assert!(
                    lines_of(&diags, name).contains(&(dated as u32)),
                    "{name} {bad}: {diags:#?}"
                );
            }
        }
        // an orphan continuation at the top, and a duplicate alias at the end
        let broken = format!("    adj: Nowhere\n{text}\nIRQ  Iraq\n");
        let diags = parse_with(name, &broken);
        let lines = lines_of(&diags, name);
        assert_eq!(lines.first(), Some(&1), "{name}: {diags:#?}");
        let last = broken.lines().count() as u32;
        assert!(
            lines.contains(&last) || name == "countries.txt",
            "{name}: {diags:#?}"
        );
    }
}

#[test]
fn overlapping_terms_and_unknown_roles_are_reported() {
    let text = builtin("leaders.txt");
    let extra = "\nIRQELI  Somebody Unique Xyzzy\n    IRQGOV  2019-01-01..2019-12-31  prime-minister\n    IRQGOV  2019..  no-such-role\n    IRQMIL  2019-06..2020  \n";
    let broken = format!("{text}{extra}");
    let diags = parse_with("leaders.txt", &broken);
    let base = text.lines().count() as u32;
    let lines = lines_of(&diags, "leaders.txt");
    // line +3: overlaps Abdul Mahdi's term; +4: unknown role; +5: overlaps
    // another code of the same entry
    assert_eq!(lines, vec![base + 3, base + 4, base + 5], "{diags:#?}");
}

#[test]
fn corrupted_agent_file_reports_the_right_lines() {
    let text = builtin("agents.txt");
    let first = find_line(text, |l| l.starts_with(|c: char| c.is_ascii_uppercase()));
    let broken = replace_line(text, first, "XYZ  frobnicator");
    assert_eq!(
        lines_of(&parse_with("agents.txt", &broken), "agents.txt"),
        vec![first as u32]
    );
    let broken = format!("{text}\nMIL  soldier\n     | \nCOP\n");
    let n = text.lines().count() as u32;
    let diags = parse_with("agents.txt", &broken);
    assert_eq!(
        lines_of(&diags, "agents.txt"),
        vec![n + 2, n + 4],
        "{diags:#?}"
    );
    let broken = format!("    | orphan\n{text}");
    assert_eq!(
        lines_of(&parse_with("agents.txt", &broken), "agents.txt"),
        vec![1]
    );
}

#[test]
fn petrarch_import_round_trips() {
    let actors = "\
HAMID_KARZAI_  # note
+KARZAI_
\t[AFGGOV >20011222]
\t[AFGELI]
ZIMBABWE
+RHODESIA_
\t[RHO <19790606]
\t[ZBW]
JAVIER_DE_CUELLAR_\t[IGOUNO 19820101-19911231] [ELI]
";
    let (dyad, diags) = import_petrarch_actors("p.actors.txt", actors);
    assert!(diags.is_empty(), "{diags:?}");
    let mut petrarch = ActorDict::new();
    let _ = petrarch.add_text("p", actors);
    let files = [DyadFile {
        name: "x.txt",
        text: &dyad,
        kind: FileKind::Actors,
    }];
    let (dicts, _) = DyadDicts::parse(&files);
    for phrase in ["Karzai", "Rhodesia", "Javier de Cuellar"] {
        for on in [
            None,
            Date::parse("1975-01-01"),
            Date::parse("1985-01-01"),
            Date::parse("2005-01-01"),
        ] {
            let a = petrarch.get(phrase)[0].code_on(on).map(|c| c.code.clone());
            let b = dicts.actors.get(phrase)[0]
                .code_on(on)
                .map(|c| c.code.clone());
            assert_eq!(a, b, "{phrase} {on:?}\n{dyad}");
        }
    }
    let agents = "!PERSON! = MAN, MEN\nPOLICE {} [~COP]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nSOLDIER [~MIL]\nCONGRESS!PERSON! [~LEG]\nAID_GROUP [NGO~]\n";
    let (dyad, diags) = import_petrarch_agents("p.agents.txt", agents);
    assert!(diags.is_empty(), "{diags:?}");
    let files = [DyadFile {
        name: "agents-x.txt",
        text: &dyad,
        kind: FileKind::Agents,
    }];
    let (dicts, diags) = DyadDicts::parse(&files);
    assert!(diags.is_empty(), "{diags:?}\n{dyad}");
    let mut petrarch = dyad_dict::AgentDict::new();
    let _ = petrarch.add_text("p", agents);
    let key =
        |e: &dyad_dict::AgentEntry| (e.phrase.text().to_string(), e.code.clone(), e.placement);
    let mut a: Vec<_> = petrarch.entries().iter().map(key).collect();
    let mut b: Vec<_> = dicts.agents.entries().iter().map(key).collect();
    a.sort_by(|x, y| x.0.cmp(&y.0));
    b.sort_by(|x, y| x.0.cmp(&y.0));
    assert_eq!(a, b, "{dyad}");
}

#[test]
fn real_petrarch_files_import_without_panic() {
    let Some(path) = dyad_testkit::shared_file(
        "real_petrarch_files_import_without_panic",
        "petrarch2/dictionaries/Phoenix.agents.txt",
    ) else {
        return;
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let (dyad, _) = import_petrarch_agents("Phoenix.agents.txt", &text);
    let files = [DyadFile {
        name: "agents-phoenix.txt",
        text: &dyad,
        kind: FileKind::Agents,
    }];
    let (dicts, _) = DyadDicts::parse(&files);
    assert!(dicts.agents.len() > 1000);
}

fn actor_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z]{3,9}  [A-Za-z' ]{1,20}( \\| [A-Za-z]{1,10}){0,3}",
        "    [A-Z]{3,6}  [0-9]{4}(-[0-9]{2}){0,2}\\.\\.([0-9]{4})?  [a-z-]{0,12}",
        "    (adj|capital|aka|people|bogus): [A-Za-z| ]{0,20}",
        "role [a-z-]{1,8} [A-Z]{3}: [a-z |]{0,20}",
        "\\PC{0,40}",
        "[ \t#@|:.~/-]{0,10}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_input_never_panics(lines in proptest::collection::vec(actor_line(), 0..30)) {
        let text = lines.join("\n");
        for kind in [FileKind::Actors, FileKind::Agents] {
            let files = [DyadFile { name: "r.txt", text: &text, kind }];
            let _ = DyadDicts::parse(&files);
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_builtin_files_never_panic(
        file in 0..BUILTIN_FILES.len(),
        at in any::<prop::sample::Index>(),
        insert in "\\PC{0,12}",
        cut in 0usize..40,
    ) {
        let (name, text) = BUILTIN_FILES[file];
        let mut chars: Vec<char> = text.chars().take(6000).collect();
        let i = at.index(chars.len().max(1)).min(chars.len());
        let end = (i + cut).min(chars.len());
        chars.splice(i..end, insert.chars());
        let mutated: String = chars.into_iter().collect();
        let _ = parse_with(name, &mutated);
    }
}
