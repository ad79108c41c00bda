//! dyad's own verb dictionary (`dicts/verbs*.txt`): it covers every CAMEO
//! root and at least 200 codes, finds the verbs news uses, and broken
//! copies give diagnostics at the right lines without panicking. That it
//! loads clean is checked with the other shipped files (`dyad_dicts.rs`).

use dyad_dict::dyad_format::{self, BUILTIN_FILES, DyadDicts, DyadFile, FileKind, parse_verbs};
use dyad_dict::{Diagnostic, PatternItem, VerbDict};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn verbs() -> &'static VerbDict {
    &dyad_format::builtin().verbs
}

fn text_of(name: &str) -> &'static str {
    BUILTIN_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .expect("builtin file")
}

/// Every code the dictionary can produce (block codes and pattern codes).
fn codes(dict: &VerbDict) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for b in dict.blocks() {
        out.extend(b.code.code.as_deref().map(str::to_string));
        for p in &b.patterns {
            out.extend(p.code.code.as_deref().map(str::to_string));
            out.extend(p.code.reciprocal.as_deref().map(str::to_string));
        }
    }
    out
}

#[test]
fn all_roots_and_at_least_200_codes() {
    let codes = codes(verbs());
    let roots: BTreeSet<&str> = codes.iter().map(|c| &c[..2]).collect();
    for c in &codes {
        assert!(dyad_cameo::lookup(c).is_some(), "{c}");
    }
    assert_eq!(roots.len(), 20, "{roots:?}");
    assert!(codes.len() >= 200, "only {} codes", codes.len());
    println!(
        "verbs {} patterns {} forms {} codes {} roots {}",
        verbs().verb_count(),
        verbs().pattern_count(),
        verbs().form_count(),
        codes.len(),
        roots.len()
    );
}

/// The code a verb word gets when no pattern applies, and its block.
fn bare(word: &str) -> String {
    let m = verbs()
        .lookup(word)
        .find(|m| !m.form.is_multi_word())
        .expect(word);
    m.code().to_string()
}

/// The code of the block pattern whose comment is `phrase`.
fn pattern(verb: &str, phrase: &str) -> (String, Vec<PatternItem>, u32) {
    let p = verbs()
        .lookup(verb)
        .flat_map(|m| m.block.patterns.iter())
        .find(|p| p.comment.as_deref() == Some(phrase))
        .expect(phrase);
    (p.code.to_string(), p.after.clone(), p.provenance.line)
}

#[test]
fn lookups() {
    assert_eq!(bare("visit"), "042");
    assert_eq!(bare("visited"), "042");
    assert_eq!(bare("met"), "040");
    assert_eq!(bare("fought"), "190");
    assert_eq!(bare("seized"), "192");
    assert_eq!(bare("shelled"), "194");
    assert_eq!(bare("besieged"), "191");
    assert_eq!(bare("condemned"), "111");
    assert_eq!(bare("praised"), "051");
    assert_eq!(bare("arrested"), "173");
    assert_eq!(bare("demonstrated"), "141");
    assert_eq!(bare("expelled"), "174");
    assert_eq!(bare("killed"), "1823");
    assert_eq!(bare("shot"), "193");
    assert_eq!(bare("urged"), "020");
    assert_eq!(bare("denied"), "016");
    // "opened fire on" → the 19 family
    let (code, after, line) = pattern("opened", "open fire on +");
    assert!(code.starts_with("19"), "{code}");
    assert_eq!(after[0], PatternItem::Word("FIRE".into()));
    assert!(
        matches!(&after[1], PatternItem::Prep { objects, .. } if objects == &[PatternItem::Target])
    );
    assert!(
        text_of("verbs.txt")
            .lines()
            .nth(line as usize - 1)
            .unwrap_or("")
            .contains("open fire on +")
    );
    // particles: "cracked down on", "took over"
    let m = verbs().lookup("cracked").next().expect("crack");
    assert_eq!(m.form.after, vec![Box::from("DOWN")]);
    assert_eq!(pattern("cracked", "crack_down on +").0, "175");
    let m = verbs()
        .lookup("took")
        .find(|m| m.form.after == [Box::from("OVER")])
        .expect("take over");
    assert_eq!(m.form.to_string(), "+TOOK_OVER");
    assert_eq!(m.code().to_string(), "192");
    assert!(pattern("took", "take_over as ^").0 == "---");
    assert_eq!(pattern("accused", "accuse + of &CRIME").0, "1121");
    assert_eq!(pattern("signed", "sign &AGREEMENT with +").0, "057");
    assert_eq!(pattern("imposed", "impose &SANCTION on +").0, "163");
    assert_eq!(pattern("called", "call for &AID").0, "023");
    assert_eq!(pattern("threatened", "threaten to attack").0, "138");
    assert_eq!(pattern("sent", "send &ENVOY to +").0, "042");
    assert_eq!(pattern("withdrew", "withdraw from +").0, "0874");
    assert!(verbs().synset("AGREEMENT").is_some());
}

fn lines_of(diags: &[Diagnostic]) -> Vec<u32> {
    let mut v: Vec<u32> = diags.iter().map(|d| d.line).collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[test]
fn corrupted_copy_reports_the_right_lines() {
    let text = text_of("verbs.txt");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let at = |lines: &[String], start: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(start))
            .expect(start)
            + 1
    };
    let visit = at(&lines, "042 ");
    let attack = at(&lines, "190 ");
    let synset = at(&lines, "&CRIME");
    lines[visit - 1] = "999   visit".into(); // unknown CAMEO code
    lines[attack - 1] = "19x   attack +".into(); // malformed code
    lines[synset - 1] = "&CR!ME  fraud".into(); // bad synset label
    lines.push("042   visit".into()); // duplicate of an entry above? (042 line is gone: none)
    lines.push("043   visit".into()); // conflicts with the line above
    lines.push("      travel to {capital".into()); // unbalanced brace
    lines.push("050   sign &NOSUCH with +".into()); // undefined synset
    lines.push("  orphan".into());
    let n = lines.len() as u32;
    let broken = lines.join("\n");
    let (dict, diags) = parse_verbs("verbs.txt", &broken);
    let got = lines_of(&diags);
    for want in [
        visit as u32,
        attack as u32,
        synset as u32,
        n - 3,
        n - 2,
        n - 1,
    ] {
        assert!(got.contains(&want), "line {want} not reported: {diags:#?}");
    }
    // patterns using &CRIME are reported as undefined now; nothing else
    assert!(dict.blocks().len() > 100);
    let (_, clean) = parse_verbs("verbs.txt", text);
    assert!(clean.is_empty(), "{clean:?}");
}

#[test]
fn verb_files_in_a_dyad_set() {
    let files = [
        DyadFile {
            name: "verbs-x.txt",
            text: "&ARMS  rifle | artillery shell\n194   fire &ARMS at +\n  pound\n",
            kind: FileKind::from_name("verbs-x.txt"),
        },
        DyadFile {
            name: "verbs-nominal.txt",
            text: "190   attack on +\n",
            kind: FileKind::from_name("verbs-nominal.txt"),
        },
    ];
    let (dicts, diags) = DyadDicts::parse(&files);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(dicts.verbs.verb_count(), 2);
    assert_eq!(
        dicts
            .nominal
            .lookup("attacks")
            .next()
            .map(|m| m.block.patterns.len()),
        Some(1)
    );
    assert!(
        dicts
            .to_dictionaries()
            .verbs
            .lookup("pounded")
            .next()
            .is_some()
    );
    assert!(
        dyad_dict::builtin_dictionaries()
            .verbs
            .lookup("visited")
            .next()
            .is_some()
    );
    assert!(dyad_format::builtin().nominal.pattern_count() > 20);
}

fn verb_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{2,4}   [a-z_ ]{1,20}( \\+)?",
        "(042|190|---|1823|04x|:043)  [a-z{}&$+%^ |]{0,30}",
        "&[A-Z]{1,6}  [a-z |_]{0,20}",
        "[ \t]+[a-z{}()$+|&]{0,20}",
        "\\PC{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_verb_input_never_panics(lines in proptest::collection::vec(verb_line(), 0..30)) {
        let text = lines.join("\n");
        let _ = parse_verbs("r.txt", &text);
    }

    #[test]
    fn mutated_verb_file_never_panics(
        at in any::<prop::sample::Index>(),
        insert in "\\PC{0,12}",
        cut in 0usize..40,
    ) {
        let text = text_of("verbs.txt");
        let mut chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len().max(1)).min(chars.len());
        let end = (i + cut).min(chars.len());
        chars.splice(i..end, insert.chars());
        let mutated: String = chars.into_iter().collect();
        let _ = parse_verbs("verbs.txt", &mutated);
    }
}
