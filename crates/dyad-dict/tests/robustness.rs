//! Broken dictionaries: corrupted and truncated copies of each real file type
//! give diagnostics at the right lines and never a panic; random input never
//! panics either.

use dyad_dict::{
    ActorDict, AgentDict, Diagnostic, DiagnosticKind, DiscardDict, IssueDict, VerbDict,
};
use proptest::prelude::*;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug)]
enum Kind {
    Verbs,
    Actors,
    Agents,
    Discards,
    Issues,
}

const KINDS: [Kind; 5] = [
    Kind::Verbs,
    Kind::Actors,
    Kind::Agents,
    Kind::Discards,
    Kind::Issues,
];

fn load(kind: Kind, bytes: &[u8]) -> Vec<Diagnostic> {
    match kind {
        Kind::Verbs => VerbDict::parse_bytes("f.txt", bytes).1,
        Kind::Actors => ActorDict::new().add_bytes("f.txt", bytes),
        Kind::Agents => AgentDict::new().add_bytes("f.txt", bytes),
        Kind::Discards => DiscardDict::new().add_bytes("f.txt", bytes),
        Kind::Issues => IssueDict::new().add_bytes("f.txt", bytes),
    }
}

/// The text of the shared data file `rel`, or `None` (a skip of `test`)
/// when it is absent.
fn shared_text(test: &str, rel: &str) -> Option<String> {
    let path = dyad_testkit::shared_file(test, rel)?;
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

/// `text` with 1-based line `n` replaced by `with`.
fn replace_line(text: &str, n: usize, with: &str) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if let Some(l) = lines.get_mut(n - 1) {
        *l = with;
    }
    lines.join("\n")
}

fn lines_of(diags: &[Diagnostic]) -> Vec<u32> {
    let mut l: Vec<u32> = diags.iter().map(|d| d.line).collect();
    l.sort_unstable();
    l
}

/// Diagnostics `broken` has that `clean` does not.
fn new_diags(clean: &[Diagnostic], broken: &[Diagnostic]) -> Vec<Diagnostic> {
    broken
        .iter()
        .filter(|d| !clean.contains(d))
        .cloned()
        .collect()
}

fn check_corruption(test: &str, kind: Kind, rel: &str, edits: &[(usize, &str)]) {
    let Some(text) = shared_text(test, rel) else {
        return;
    };
    let clean = load(kind, text.as_bytes());
    let mut broken = text.clone();
    for (n, with) in edits {
        broken = replace_line(&broken, *n, with);
    }
    let got = new_diags(&clean, &load(kind, broken.as_bytes()));
    let want: Vec<u32> = edits.iter().map(|(n, _)| *n as u32).collect();
    assert_eq!(lines_of(&got), want, "{rel}: {got:#?}");
}

#[test]
fn corrupted_verbs() {
    check_corruption(
        "corrupted_verbs",
        Kind::Verbs,
        "petrarch2/dictionaries/CAMEO.2.0.txt",
        &[
            (718, "- * (TO                 [042:043]     # RUSH"),
            (720, "- * {ARMS SHIPMENT                  [072]"),
            (721, "- * {RELIEF ASSISTANCE}             "),
            (722, "- * &NOSUCHSET                      [073]"),
            (5617, "- * (TO PEACE &TREATY) * [037:037]"),
            (5618, "- * (TO PEACE)          [03X:037]"),
            (9178, "~ a (a b ATTACK SAY = a b 015"),
        ],
    );
}

#[test]
fn corrupted_actors() {
    check_corruption(
        "corrupted_actors",
        Kind::Actors,
        "petrarch2/dictionaries/Phoenix.Countries.actors.txt",
        &[
            (45, "AFGHANISTAN_  [AFG"),
            (153, "\t[AFGELI 750101-000]"),
            (154, "\t[AFGGOV >20011322]"),
            (155, "\t[AFGELI 20010101]"),
        ],
    );
    // a restriction or synonym before any entry
    let Some(text) = shared_text(
        "corrupted_actors",
        "petrarch2/dictionaries/PETR.Validate.actors.txt",
    ) else {
        return;
    };
    let broken = replace_line(&text, 3, "\t[ORPHAN]");
    let broken = replace_line(&broken, 4, "+ORPHAN");
    let diags = load(Kind::Actors, broken.as_bytes());
    assert_eq!(lines_of(&diags), vec![3, 4], "{diags:#?}");
    assert!(matches!(diags[0].kind, DiagnosticKind::Orphan { .. }));
}

#[test]
fn corrupted_agents() {
    check_corruption(
        "corrupted_agents",
        Kind::Agents,
        "petrarch2/dictionaries/Phoenix.agents.txt",
        &[
            (61, "CATTLE!PERSONS! [~AGR]"),
            (1141, "PRESIDENT [GOV]"),
            (1142, "PRESIDENT_ELECT"),
            (1143, "PRESIDENT {PRESIDENTS [~GOV]"),
        ],
    );
}

#[test]
fn corrupted_discards_and_issues() {
    check_corruption(
        "corrupted_discards_and_issues",
        Kind::Discards,
        "petrarch2/dictionaries/Phoenix.discards.txt",
        &[(20, "+  "), (21, "BASEBALL [###]")],
    );
    check_corruption(
        "corrupted_discards_and_issues",
        Kind::Issues,
        "petrarch2/dictionaries/Phoenix.IssueCoding.txt",
        &[
            (6, "n:preschool EARLY_CHILDHOOD_EDUCATION"),
            (7, "pre+n:school [TWO WORDS]"),
        ],
    );
}

#[test]
fn invalid_utf8_and_unclosed_comment() {
    let Some(text) = shared_text(
        "invalid_utf8_and_unclosed_comment",
        "petrarch2/dictionaries/Phoenix.MilNonState.actors.txt",
    ) else {
        return;
    };
    let clean = load(Kind::Actors, text.as_bytes());
    let mut lines: Vec<Vec<u8>> = text.split('\n').map(|l| l.as_bytes().to_vec()).collect();
    if let Some(l) = lines.get_mut(99) {
        l.extend_from_slice(b"\xff\xfe");
    }
    if let Some(l) = lines.get_mut(2000) {
        *l = b"<!-- never closed".to_vec();
    }
    let broken = lines.join(&b'\n');
    let got = new_diags(&clean, &load(Kind::Actors, &broken));
    assert_eq!(lines_of(&got), vec![100, 2001], "{got:#?}");
    assert!(got.iter().any(|d| d.kind == DiagnosticKind::InvalidUtf8));
    assert!(
        got.iter()
            .any(|d| d.kind == DiagnosticKind::UnterminatedComment)
    );
}

const REAL_FILES: [(Kind, &str); 8] = [
    (Kind::Verbs, "petrarch2/dictionaries/CAMEO.2.0.txt"),
    (
        Kind::Verbs,
        "universal-petrarch/PETR.Validate.verbs.2.0.txt",
    ),
    (
        Kind::Verbs,
        "petrarch2/dictionaries/PETR.Validate.verbs.txt",
    ),
    (
        Kind::Actors,
        "petrarch2/dictionaries/Phoenix.International.actors.txt",
    ),
    (Kind::Actors, "universal-petrarch/PETR.Validate.actors.txt"),
    (Kind::Agents, "petrarch2/dictionaries/Phoenix.agents.txt"),
    (
        Kind::Discards,
        "petrarch2/dictionaries/Phoenix.discards.txt",
    ),
    (
        Kind::Issues,
        "petrarch2/dictionaries/Phoenix.IssueCoding.txt",
    ),
];

/// Truncating a file anywhere (here: mid-line at several points) never
/// panics, and diagnostics point at lines that exist.
#[test]
fn truncated_files() {
    for (kind, rel) in REAL_FILES {
        let Some(text) = shared_text("truncated_files", rel) else {
            return;
        };
        let bytes = text.as_bytes();
        for fraction in [1, 3, 5, 7, 9] {
            let cut = bytes.len() * fraction / 10 + 3;
            let part = bytes.get(..cut.min(bytes.len())).unwrap_or(bytes);
            let n_lines = part.split(|&b| b == b'\n').count() as u32;
            for d in load(kind, part) {
                assert!(d.line >= 1 && d.line <= n_lines, "{rel} cut at {cut}: {d}");
            }
        }
    }
}

/// Excerpts of the real files (or, without shared data, a small sample) to
/// mutate.
fn excerpts() -> &'static [(Kind, String)] {
    static EXCERPTS: OnceLock<Vec<(Kind, String)>> = OnceLock::new();
    EXCERPTS.get_or_init(|| {
        let mut out = Vec::new();
        for (kind, rel) in REAL_FILES {
            let path = dyad_testkit::data_dir().join(rel);
            if let Ok(text) = std::fs::read_to_string(path) {
                // a window of lines from the middle, where entries are dense
                let lines: Vec<&str> = text.lines().collect();
                let mid = lines.len() / 2;
                let window = lines.get(mid.saturating_sub(150)..(mid + 150).min(lines.len()));
                out.push((kind, window.unwrap_or(&[]).join("\n")));
            }
        }
        if out.is_empty() {
            let sample = "&S\n+A_B\n--- V [010] ---\nV {VS}\n- * &S (TO $) [042:043]\n~ a (a b V) V = a b 010\n";
            out.extend(KINDS.map(|k| (k, sample.to_string())));
        }
        out
    })
}

fn mutate(text: &str, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    const SPECIAL: &[u8] = b"[]{}()<>!#&+-*$^%_~:;=\t\n \"/.0123456789AZaz\xff";
    let mut bytes = text.as_bytes().to_vec();
    for &(pos, op, ch) in edits {
        if bytes.is_empty() {
            break;
        }
        let at = pos % bytes.len();
        let c = SPECIAL[ch as usize % SPECIAL.len()];
        match op % 4 {
            0 => bytes.insert(at, c),
            1 => {
                bytes.remove(at);
            }
            2 => bytes[at] = c,
            _ => bytes.truncate(at),
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        for kind in KINDS {
            let _ = load(kind, &bytes);
        }
    }

    #[test]
    fn random_dictionary_text_never_panics(
        text in "([\\[\\]{}()<>!#&+*$^%_~:=\\t\\n -]|[A-Z]{1,6}|[0-9]{1,8}){0,80}"
    ) {
        for kind in KINDS {
            let diags = load(kind, text.as_bytes());
            let n_lines = text.split('\n').count() as u32;
            for d in diags {
                prop_assert!(d.line >= 1 && d.line <= n_lines);
            }
        }
    }

    #[test]
    fn mutated_real_files_never_panic(
        which in 0usize..8,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12),
    ) {
        let all = excerpts();
        if let Some((kind, text)) = all.get(which % all.len()) {
            let bytes = mutate(text, &edits);
            let n_lines = bytes.split(|&b| b == b'\n').count() as u32;
            for d in load(*kind, &bytes) {
                prop_assert!(d.line >= 1 && d.line <= n_lines, "{}", d);
            }
        }
    }
}
