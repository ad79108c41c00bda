//! Tests of verb dictionary parsing.

use super::*;
use PatternItem::*;

fn w(s: &str) -> PatternItem {
    Word(s.into())
}

const SAMPLE: &str = "\
&CURRENCY
+DOLLAR
+CASH_
+SWISS FRANCS
&AUX_
+IS_TO

---  GRANT   [070]  ---
GIVE {GAVE GIVEN GIVING GIVES}  # jw
CONTRIBUTE [071]
+BEEF_UP
WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED}
- * &CURRENCY (TO $)   [071]  # GIVE
- % &AUX IN_* [042:043]
- * (FROM ^) [:173]
~ a (a b GIVE) CONTRIBUTE = a b 071
";

#[test]
fn sample_structure() {
    let (dict, diags) = VerbDict::parse("v.txt", SAMPLE);
    assert!(diags.is_empty(), "{diags:#?}");
    let currency = dict.synset("&currency").expect("test value");
    assert!(currency.plurals);
    assert_eq!(currency.members.len(), 3);
    assert_eq!(currency.members[0].plural, Some(vec![w("DOLLARS")]));
    assert_eq!(currency.members[1].plural, None);
    assert_eq!(currency.members[2].items, vec![w("SWISS"), w("FRANCS")]);
    assert!(!dict.synset("AUX").expect("test value").plurals);
    assert_eq!(
        dict.synset("AUX").expect("test value").members[0].items,
        vec![w("IS"), w("TO")]
    );

    let block = &dict.blocks()[0];
    assert_eq!(&*block.name, "GRANT");
    assert_eq!(block.verbs.len(), 4);
    let give = &block.verbs[0];
    let forms: Vec<String> = give.forms.iter().map(|f| f.to_string()).collect();
    assert_eq!(forms, vec!["GIVE", "GAVE", "GIVEN", "GIVING", "GIVES"]);
    let contribute = &block.verbs[1];
    let forms: Vec<String> = contribute.forms.iter().map(|f| f.to_string()).collect();
    assert_eq!(
        forms,
        vec!["CONTRIBUTE", "CONTRIBUTES", "CONTRIBUTED", "CONTRIBUTING"]
    );
    assert_eq!(block.code_of(contribute).to_string(), "071");
    assert_eq!(block.code_of(give).to_string(), "070");
    let beef = &block.verbs[2];
    assert_eq!(beef.lemma.after, vec![Box::from("UP")]);
    assert!(beef.forms.iter().any(|f| f.to_string() == "+BEEFED_UP"));
    let tap = &block.verbs[3];
    assert_eq!(tap.forms.len(), 3);
    assert_eq!(tap.forms[2].before, vec![Box::from("WIRE")]);

    let p = &block.patterns[0];
    assert_eq!(p.before, vec![]);
    assert_eq!(
        p.after,
        vec![
            Synset("CURRENCY".into()),
            Prep {
                prep: Box::new(w("TO")),
                objects: vec![Source],
            },
        ]
    );
    assert_eq!(p.comment.as_deref(), Some("GIVE"));
    assert_eq!(p.provenance.to_string(), "v.txt:13");
    let p = &block.patterns[1];
    assert_eq!(p.before, vec![Compound, Synset("AUX".into()), w("IN")]);
    assert!(p.before_adjacent);
    assert!(!p.after_adjacent);
    assert_eq!(p.code.code.as_deref(), Some("042"));
    assert_eq!(p.code.reciprocal.as_deref(), Some("043"));
    assert_eq!(block.patterns[2].code.code, None);

    let gave: Vec<_> = dict.lookup("Gave").collect();
    assert_eq!(gave.len(), 1);
    assert_eq!(gave[0].code().to_string(), "070");
    let tapped: Vec<_> = dict.lookup("TAPPED").collect();
    assert_eq!(tapped[0].form.before, vec![Box::from("WIRE")]);

    assert_eq!(dict.transformations().len(), 1);
    assert_eq!(dict.transformations()[0].code.as_deref(), Some("071"));
}

#[test]
fn malformed_lines_are_reported() {
    let text = "\
- * ORPHAN [010]
+ORPHAN
---  BLOCK   [010]  ---
SAY
- * NOCODE
- * {UNBALANCED [010]
- * &UNDEFINED [010]
- NO VERB SLOT [010]
- * TWO * SLOTS [010]
* (TO QUESTION) [110]
- * ODD [075A]
~ a (a b SAY = a b 010
~ a (a b FLY) SAY = a b 010
LASH OUT
";
    let (dict, diags) = VerbDict::parse("v.txt", text);
    let lines: Vec<u32> = diags.iter().map(|d| d.line).collect();
    assert_eq!(
        lines,
        vec![1, 2, 5, 6, 8, 9, 10, 11, 12, 14, 7, 13],
        "{diags:#?}"
    );
    let block = &dict.blocks()[0];
    // `* (TO QUESTION)` and `ODD` are kept
    assert_eq!(block.patterns.len(), 2);
    assert_eq!(block.verbs[1].lemma.to_string(), "+LASH_OUT");
}
