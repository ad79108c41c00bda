//! End to end: dyad's builtin dictionaries (`builtin_dictionaries`) in the
//! coder, on hand-made UD parses.

use dyad_code::{Coder, Config, read_records};
use std::sync::OnceLock;

fn coder() -> &'static Coder {
    static C: OnceLock<Coder> = OnceLock::new();
    C.get_or_init(|| Coder::new(dyad_dict::builtin_dictionaries()))
}

/// Codes a sentence from CoNLL-U rows `word lemma upos head deprel`.
fn code(rows: &[(&str, &str, &str, usize, &str)]) -> Vec<(String, String, String)> {
    let mut parse = String::new();
    let mut text = Vec::new();
    for (i, (w, l, u, h, d)) in rows.iter().enumerate() {
        parse.push_str(&format!("{}\t{w}\t{l}\t{u}\t_\t_\t{h}\t{d}\t_\t_\n", i + 1));
        text.push(*w);
    }
    let file = read_records(&format!(
        "<Sentence id=\"s1\" date=\"20191101\"><Text>{}</Text><Parse>\n{parse}</Parse></Sentence>",
        text.join(" ")
    ));
    let coded = coder().code(&file.records[0].document, &Config::default());
    coded
        .events
        .iter()
        .map(|e| {
            (
                e.source.code.to_string(),
                e.target.code.to_string(),
                e.cameo.to_string(),
            )
        })
        .collect()
}

fn has(events: &[(String, String, String)], src: &str, tgt: &str, root: &str) -> bool {
    events
        .iter()
        .any(|(s, t, c)| s.starts_with(src) && t.starts_with(tgt) && c.starts_with(root))
}

#[test]
fn iranian_forces_attacked_the_embassy_of_iraq() {
    let e = code(&[
        ("Iranian", "Iranian", "ADJ", 2, "amod"),
        ("forces", "force", "NOUN", 3, "nsubj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Iraq", "Iraq", "PROPN", 3, "obj"),
    ]);
    assert!(has(&e, "IRN", "IRQ", "19"), "{e:?}");
}

#[test]
fn iran_opened_fire_on_iraqi_protesters() {
    let e = code(&[
        ("Iran", "Iran", "PROPN", 2, "nsubj"),
        ("opened", "open", "VERB", 0, "root"),
        ("fire", "fire", "NOUN", 2, "obj"),
        ("on", "on", "ADP", 6, "case"),
        ("Iraqi", "Iraqi", "ADJ", 6, "amod"),
        ("protesters", "protester", "NOUN", 2, "obl"),
    ]);
    assert!(has(&e, "IRN", "IRQ", "19"), "{e:?}");
}

#[test]
fn khamenei_accused_the_united_states() {
    let e = code(&[
        ("Iran", "Iran", "PROPN", 2, "nsubj"),
        ("accused", "accuse", "VERB", 0, "root"),
        ("Israel", "Israel", "PROPN", 2, "obj"),
        ("of", "of", "ADP", 5, "case"),
        ("aggression", "aggression", "NOUN", 2, "obl"),
    ]);
    assert!(has(&e, "IRN", "ISR", "1123"), "{e:?}");
}

#[test]
fn iraq_visits_and_meets() {
    let e = code(&[
        ("Iran", "Iran", "PROPN", 2, "nsubj"),
        ("visited", "visit", "VERB", 0, "root"),
        ("Iraq", "Iraq", "PROPN", 2, "obj"),
    ]);
    assert!(has(&e, "IRN", "IRQ", "042"), "{e:?}");
    let e = code(&[
        ("Turkey", "Turkey", "PROPN", 2, "nsubj"),
        ("imposed", "impose", "VERB", 0, "root"),
        ("sanctions", "sanction", "NOUN", 2, "obj"),
        ("on", "on", "ADP", 5, "case"),
        ("Syria", "Syria", "PROPN", 2, "obl"),
    ]);
    assert!(has(&e, "TUR", "SYR", "163"), "{e:?}");
    let e = code(&[
        ("Russia", "Russia", "PROPN", 2, "nsubj"),
        ("cracked", "crack", "VERB", 0, "root"),
        ("down", "down", "ADP", 2, "compound:prt"),
        ("on", "on", "ADP", 5, "case"),
        ("protesters", "protester", "NOUN", 2, "obl"),
    ]);
    assert!(has(&e, "RUS", "", "175"), "{e:?}");
}

#[test]
fn turkey_made_concessions_to_greece() {
    let e = code(&[
        ("Turkey", "Turkey", "PROPN", 2, "nsubj"),
        ("made", "make", "VERB", 0, "root"),
        ("concessions", "concession", "NOUN", 2, "obj"),
        ("to", "to", "ADP", 5, "case"),
        ("Greece", "Greece", "PROPN", 2, "obl"),
    ]);
    assert!(has(&e, "TUR", "GRC", "080"), "{e:?}");
}

#[test]
fn turkey_held_joint_exercises_with_greece() {
    // `{joint &EXERCISE}`: a modifier before the synset's head noun
    let e = code(&[
        ("Turkey", "Turkey", "PROPN", 2, "nsubj"),
        ("held", "hold", "VERB", 0, "root"),
        ("joint", "joint", "ADJ", 5, "amod"),
        ("naval", "naval", "ADJ", 5, "amod"),
        ("exercises", "exercise", "NOUN", 2, "obj"),
        ("with", "with", "ADP", 7, "case"),
        ("Greece", "Greece", "PROPN", 2, "obl"),
    ]);
    assert!(has(&e, "TUR", "GRC", "062"), "{e:?}");
}
