//! The pipeline's tagging and parsing step for news text: the model's
//! analysis, corrected where news layout misleads it.
//!
//! Title-case headlines are sentence-cased for the tagger (keeping the
//! names of the actor dictionary); a sentence the tagger left without a
//! verb, or with an unknown capitalised word called a verb, is tagged
//! again with hints; a photo caption's frame ("In this … photo released
//! by …,") and an apposition after a name (", head of … that …, was") are
//! parsed apart from their sentence and attached (`obl`, `appos`); a
//! headline's past participle with a subject but no object or auxiliary
//! is the passive whose "were" headlines drop. `dyad eval parse` scores
//! the bare model without these.

use std::collections::HashSet;

use dyad_core::Document;
use dyad_dict::{ActorDict, VerbDict};
use dyad_nlp::{Hint, Model};

/// The model with the dictionary words the news rules read: the verb
/// forms of the verb dictionary and the actor dictionary's names.
#[derive(Clone, Copy)]
pub struct Annotator<'a> {
    /// The tagging and parsing model.
    pub model: &'a Model,
    /// One-word verb forms, upper-cased ([`verb_forms`]).
    pub verb_forms: &'a HashSet<String>,
    /// The actor dictionary (its names keep their case in headlines).
    pub actors: &'a ActorDict,
}

impl Annotator<'_> {
    fn annotate(&self, forms: &[&str]) -> Vec<dyad_core::Analysis> {
        self.model.annotate(forms)
    }

    fn annotate_hinted(&self, forms: &[&str], hints: &[Option<Hint>]) -> Vec<dyad_core::Analysis> {
        self.model.annotate_hinted(forms, hints)
    }

    fn usual_upos(&self, word: &str) -> Option<&str> {
        self.model.usual_upos(word)
    }
}

/// Tags, lemmatises and parses every sentence of `doc` that has no analysis
/// yet.
pub fn annotate_document(model: &Annotator<'_>, doc: &mut Document) {
    let Document {
        text,
        sentences,
        blocks,
        ..
    } = doc;
    for sentence in sentences.iter_mut().filter(|s| s.analysis.is_empty()) {
        let forms: Vec<&str> = sentence.tokens.iter().map(|t| t.form(text)).collect();
        let title = blocks
            .get(sentence.block)
            .is_some_and(|b| b.kind == dyad_core::BlockKind::Title);
        sentence.analysis = annotate_sentence(model, &forms, title);
    }
}

/// Tags and parses one sentence, tagging it again with [`hints`] where the
/// first tagging shows a mistake of a known kind. Two kinds of insert are
/// parsed apart from the rest and attached to it afterwards, because their
/// commas, dates and clauses otherwise pull the sentence's subject into
/// them: a
/// photo caption's frame ("In this Sept. 18, 2016 photo released by …, X
/// attends …"), attached to the rest's root as `obl`, and an apposition
/// after a name (", head of the Quds Force unit that …, was sent …"),
/// attached to the name as `appos`. In a headline (`title`, or written in
/// title case) an elided passive is restored ([`headline_passive`]).
fn annotate_sentence(
    model: &Annotator<'_>,
    forms: &[&str],
    title: bool,
) -> Vec<dyad_core::Analysis> {
    let cased = sentence_case(model, forms);
    let mut analysis = annotate_cased(model, forms, &cased);
    if title || cased.is_some() {
        headline_passive(&mut analysis);
    }
    analysis
}

/// A headline's root verb in a past form with a subject and neither
/// object nor auxiliary is a passive whose "were" headlines leave out
/// ("Diplomats Expelled From Moscow", "Five Protesters Killed in Baghdad"):
/// headlines tell what someone did in the present tense ("Police Kill
/// Protesters"). Its subject becomes `nsubj:pass`.
fn headline_passive(analysis: &mut [dyad_core::Analysis]) {
    let Some(root) = analysis.iter().position(|a| a.head == 0) else {
        return;
    };
    let r = &analysis[root];
    if r.upos != "VERB" || !matches!(r.xpos.as_str(), "VBN" | "VBD") {
        return;
    }
    let id = u32::try_from(root + 1).unwrap_or(u32::MAX);
    let deps = || analysis.iter().filter(move |a| a.head == id);
    let blocked = deps().any(|a| {
        let rel = a.deprel.split(':').next().unwrap_or("");
        matches!(rel, "obj" | "aux" | "cop" | "ccomp" | "xcomp" | "expl")
    });
    if blocked || !deps().any(|a| a.deprel == "nsubj") {
        return;
    }
    for a in analysis
        .iter_mut()
        .filter(|a| a.head == id && a.deprel == "nsubj")
    {
        a.deprel = "nsubj:pass".to_string();
    }
    let r = &mut analysis[root];
    r.xpos = "VBN".to_string();
    r.feats = "Tense=Past|VerbForm=Part|Voice=Pass".to_string();
}

/// [`annotate_sentence`] for the sentence-cased forms `cased` of a
/// headline, or `forms` as they are.
fn annotate_cased(
    model: &Annotator<'_>,
    forms: &[&str],
    cased: &Option<Vec<String>>,
) -> Vec<dyad_core::Analysis> {
    let forms: Vec<&str> = match &cased {
        Some(cased) => cased.iter().map(String::as_str).collect(),
        None => forms.to_vec(),
    };
    let forms = forms.as_slice();
    if let Some(comma) = caption_frame(forms) {
        return annotate_insert(model, forms, 0..comma + 1, None, "obl");
    }
    if let Some(insert) = apposition(forms) {
        let name = insert.start - 1;
        return annotate_insert(model, forms, insert, Some(name), "appos");
    }
    let analysis = model.annotate(forms);
    match hints(model, forms, &analysis, cased.is_some()) {
        Some(hints) => model.annotate_hinted(forms, &hints),
        None => analysis,
    }
}

/// Parts of speech the model got wrong in ways a second look can tell,
/// as hints for tagging the sentence again; `None` when there is none.
///
/// - A name: a capitalised word the treebank never saw, tagged a verb
///   while the sentence has another verb ("Pyongyang on Thursday fired"),
///   or a capitalised word tagged a verb right after a name.
/// - A noun: a plural tagged a verb one or two words after a number
///   ("fired two artillery shells").
/// - A verb: a verb form (of dyad's verb dictionary, or usually a verb in
///   the treebank) after a nominal and before a nominal or preposition,
///   tagged an interjection or (when the word is no usual adposition) an
///   adposition ("Arnor and Gondor welcome a resumption").
/// - The verb of a sentence the tagger left without one ("Serbia and
///   Slovenia ratify agreement", "Guinea asks Saint Lucia for aid"), or of
///   a title-case headline whose root is no verb ("Militants Attack Beijing
///   Village, Killing 65"): the first verb form after a nominal, before
///   any word tagged a verb.
fn hints(
    model: &Annotator<'_>,
    forms: &[&str],
    analysis: &[dyad_core::Analysis],
    headline: bool,
) -> Option<Vec<Option<Hint>>> {
    let mut hints = vec![None; forms.len()];
    let mut any = false;
    let is_verb = |a: &dyad_core::Analysis| matches!(a.upos.as_str(), "VERB" | "AUX");
    let verbs = analysis.iter().filter(|a| a.upos == "VERB").count();
    for (i, (w, a)) in forms.iter().zip(analysis).enumerate() {
        let unknown_name = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).all(char::is_lowercase)
            && w.chars().count() >= 3
            && model.usual_upos(w).is_none();
        // "The Ministry of Silly Walks condemned …": a capitalised word
        // after a name, inside a sentence, is more of the name
        let in_name = i > 0
            && w.chars().next().is_some_and(char::is_uppercase)
            && analysis[i - 1].upos == "PROPN"
            && forms[i - 1].chars().next().is_some_and(char::is_uppercase);
        if a.upos == "VERB" && verbs >= 2 && (unknown_name && !verb_form(model, w) || in_name) {
            hints[i] = Some(Hint::Name);
            any = true;
        }
        // "fired two artillery shells": a plural after a number is a noun
        let counted = (1..=2).any(|k| {
            i >= k
                && analysis[i - k].upos == "NUM"
                && analysis[i - k + 1..i].iter().all(|b| b.upos != "VERB")
        });
        if a.upos == "VERB" && counted && w.ends_with('s') {
            hints[i] = Some(Hint::Noun);
            any = true;
        }
    }
    for (i, (w, a)) in forms.iter().zip(analysis).enumerate() {
        let next = analysis.get(i + 1).map_or("", |n| n.upos.as_str());
        let after_nominal =
            i > 0 && matches!(analysis[i - 1].upos.as_str(), "NOUN" | "PROPN" | "PRON");
        // "Arnor and Gondor welcome a resumption …" with "welcome" an
        // interjection, "Guinea asks Saint Lucia" with "asks" an adposition
        let odd_tag = a.upos == "INTJ"
            || (a.upos == "ADP" && model.usual_upos(w).is_none_or(|u| u == "VERB"));
        if odd_tag
            && after_nominal
            && matches!(next, "DET" | "NOUN" | "PROPN" | "ADJ" | "ADP" | "NUM")
            && verb_form(model, w)
        {
            hints[i] = Some(Hint::Verb);
            any = true;
        }
    }
    let verbless = !analysis.iter().any(is_verb);
    let root_not_verb = analysis
        .iter()
        .find(|a| a.head == 0)
        .is_some_and(|a| !is_verb(a));
    if verbless || (headline && root_not_verb) {
        let mut after_nominal = false;
        for (i, (w, a)) in forms.iter().zip(analysis).enumerate() {
            if is_verb(a) {
                break;
            }
            let candidate = matches!(
                a.upos.as_str(),
                "NOUN" | "PROPN" | "ADJ" | "INTJ" | "ADV" | "ADP"
            );
            if after_nominal && candidate && verb_form(model, w) {
                hints[i] = Some(Hint::Verb);
                any = true;
                break;
            }
            after_nominal |= matches!(a.upos.as_str(), "NOUN" | "PROPN" | "PRON" | "NUM");
        }
    }
    any.then_some(hints)
}

/// Whether `w` is a verb form: one of dyad's verb dictionary, or a word
/// (or its stem without an inflection) the treebank usually tags a verb.
fn verb_form(model: &Annotator<'_>, w: &str) -> bool {
    let lower = w.to_lowercase();
    model.verb_forms.contains(&w.to_uppercase())
        || model.usual_upos(&lower) == Some("VERB")
        || ["s", "es", "ed", "d", "ing"]
            .iter()
            .filter_map(|end| lower.strip_suffix(end))
            .filter(|stem| stem.chars().count() >= 3)
            .any(|stem| model.usual_upos(stem) == Some("VERB"))
}

/// Parses `forms` without the words `insert`, and those words on their
/// own; the insert's root is attached to word `to` (0-based), or to the
/// rest's root, with relation `rel`.
fn annotate_insert(
    model: &Annotator<'_>,
    forms: &[&str],
    insert: std::ops::Range<usize>,
    to: Option<usize>,
    rel: &str,
) -> Vec<dyad_core::Analysis> {
    let outside: Vec<usize> = (0..forms.len()).filter(|k| !insert.contains(k)).collect();
    let rest_forms: Vec<&str> = outside.iter().map(|&k| forms[k]).collect();
    let (Some(part_forms), false) = (forms.get(insert.clone()), rest_forms.is_empty()) else {
        return model.annotate(forms);
    };
    let rest = model.annotate(&rest_forms);
    let part = model.annotate(part_forms);
    let mut out: Vec<Option<dyad_core::Analysis>> = vec![None; forms.len()];
    let mut rest_root = None;
    for (k, mut a) in rest.into_iter().enumerate() {
        if a.head == 0 {
            rest_root.get_or_insert(outside[k]);
        } else {
            a.head = outside[a.head as usize - 1] as u32 + 1;
        }
        out[outside[k]] = Some(a);
    }
    let Some(anchor) = to.or(rest_root) else {
        return model.annotate(forms);
    };
    for (k, mut a) in part.into_iter().enumerate() {
        if a.head == 0 {
            a.head = anchor as u32 + 1;
            a.deprel = rel.to_string();
        } else {
            a.head += insert.start as u32;
        }
        out[insert.start + k] = Some(a);
    }
    match out.into_iter().collect::<Option<Vec<_>>>() {
        Some(analysis) => analysis,
        None => model.annotate(forms),
    }
}

/// Words that open an apposition after a name ("Soleimani, head of …",
/// "Osgiliath, the state's fiercest foe,").
const APPOSITION_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "head",
    "chief",
    "leader",
    "commander",
    "director",
    "president",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "member",
    "founder",
    "former",
    "general",
    "ambassador",
    "envoy",
];
/// Words that may follow an apposition's closing comma: the clause goes on
/// with its verb ("…, was sent to Baghdad").
const AFTER_APPOSITION: &[&str] = &[
    "was", "were", "is", "are", "has", "had", "have", "will", "would", "said", "says", "told",
    "can", "could", "did", "does", "may", "might", "must", "should",
];

/// An apposition after a capitalised name: the words from the comma after
/// the name to the closing comma before a verb ("…, was"), commas
/// included; 2 to 30 words, no comma inside.
fn apposition(forms: &[&str]) -> Option<std::ops::Range<usize>> {
    let opens = |w: &str| APPOSITION_OPENERS.iter().any(|o| w.eq_ignore_ascii_case(o));
    let name = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let n = forms.len();
    (1..n.saturating_sub(2)).find_map(|i| {
        if forms[i] != "," || !name(forms[i - 1]) || !opens(forms[i + 1]) {
            return None;
        }
        let close = (i + 1..n).find(|&j| forms[j] == ",")?;
        let words = close - i - 1;
        if !(2..=30).contains(&words) {
            return None;
        }
        let after = forms.get(close + 1)?;
        AFTER_APPOSITION
            .iter()
            .any(|w| after.eq_ignore_ascii_case(w))
            .then_some(i..close + 1)
    })
}

/// A headline in title case ("Mayor of Amman Promises to End Curfew")
/// as the tagger knows sentences: the capitalised words it usually sees
/// as other than proper nouns in lower case ("Mayor of Amman promises to
/// end curfew"). `None` when fewer than two thirds of the words of three
/// letters or more are capitalised.
fn sentence_case(model: &Annotator<'_>, forms: &[&str]) -> Option<Vec<String>> {
    let capitalised = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
    };
    let long: Vec<&&str> = forms.iter().filter(|w| w.chars().count() >= 3).collect();
    let caps = long.iter().filter(|w| capitalised(w)).count();
    if long.len() < 3 || caps * 3 < long.len() * 2 {
        return None;
    }
    let verbs = model.verb_forms;
    // words of a name in the actor dictionary stay as written ("New
    // Zealand", "Guinea", "Turkey")
    let actors = model.actors;
    let mut named = vec![false; forms.len()];
    let mut i = 0;
    while i < forms.len() {
        match actors.longest_match(&forms[i..]) {
            Some(m) if m.len > 0 => {
                for n in named.iter_mut().skip(i).take(m.len) {
                    *n = true;
                }
                i += m.len;
            }
            _ => i += 1,
        }
    }
    Some(
        forms
            .iter()
            .zip(named)
            .map(|(w, named)| {
                // the word, or its stem without an inflection ("Promises",
                // "Ends", "Attacked"), is a frequent word that is no name,
                // or a form of a verb of dyad's verb dictionary
                // ("Threatens") the treebank does not call a name
                let known = |w: &str| {
                    model
                        .usual_upos(w)
                        .map(|upos| !matches!(upos, "PROPN" | "X"))
                };
                let common = capitalised(w)
                    && !named
                    && known(w)
                        .or_else(|| {
                            ["s", "es", "ed", "d", "ing"]
                                .iter()
                                .filter_map(|end| w.strip_suffix(end))
                                .filter(|stem| stem.chars().count() >= 3)
                                .find_map(known)
                        })
                        .or_else(|| verbs.contains(&w.to_uppercase()).then_some(true))
                        == Some(true);
                if common {
                    w.to_lowercase()
                } else {
                    (*w).to_string()
                }
            })
            .collect(),
    )
}

/// Every one-word form of the verbs of `verbs`, upper-cased
/// (`THREATENS`, `VISITED`): the verb forms the headline rules know.
pub fn verb_forms(verbs: &VerbDict) -> HashSet<String> {
    verbs
        .blocks()
        .iter()
        .flat_map(|b| &b.verbs)
        .flat_map(|v| &v.forms)
        .filter(|f| !f.is_multi_word())
        .map(|f| f.verb.to_string())
        .collect()
}

/// The comma that ends a photo caption's opening frame ("In this Sept.
/// 18, 2016 photo released by …,"): the first comma after `photo` (or
/// `image`, `picture`) that is not followed by a year, with at least three
/// words after it.
fn caption_frame(forms: &[&str]) -> Option<usize> {
    let opens = forms.first().is_some_and(|w| w.eq_ignore_ascii_case("in"))
        && forms
            .get(1)
            .is_some_and(|w| w.eq_ignore_ascii_case("this") || w.eq_ignore_ascii_case("a"));
    if !opens {
        return None;
    }
    let photo = forms.iter().take(12).position(|w| {
        ["photo", "image", "picture", "photograph"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
    })?;
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let comma = (photo + 1..forms.len())
        .find(|&i| forms[i] == "," && !forms.get(i + 1).is_some_and(|w| year(w)))?;
    (comma + 3 < forms.len()).then_some(comma)
}

#[cfg(test)]
mod tests {
    use super::{
        Annotator, annotate_sentence, apposition, caption_frame, sentence_case, verb_forms,
    };
    use std::collections::HashSet;

    /// The built-in model and dictionaries' words.
    fn builtin() -> (dyad_nlp::Model, HashSet<String>) {
        let model = dyad_nlp::Model::english().unwrap();
        (model, verb_forms(&dyad_dict::builtin().verbs))
    }

    fn annotator<'a>(parts: &'a (dyad_nlp::Model, HashSet<String>)) -> Annotator<'a> {
        Annotator {
            model: &parts.0,
            verb_forms: &parts.1,
            actors: &dyad_dict::builtin().actors,
        }
    }

    /// The words of `s`, split at spaces.
    fn words(s: &str) -> Vec<&str> {
        s.split(' ').collect()
    }

    #[test]
    fn a_verbless_headline_gets_its_verb_and_an_unknown_name_stays_a_name() {
        let parts = builtin();
        let model = annotator(&parts);
        let root = |forms: &[&str]| {
            let out = annotate_sentence(&model, forms, false);
            let i = out.iter().position(|a| a.head == 0).unwrap();
            (forms[i].to_string(), out[i].upos.clone(), out)
        };
        // the tagger alone leaves these without a verb
        for (headline, verb) in [
            (
                "Serbia and Slovenia ratify agreement on cultural exchange",
                "ratify",
            ),
            (
                "Foreign hackers target government network in Saudi Arabia",
                "target",
            ),
        ] {
            let forms = words(headline);
            assert!(
                !model.annotate(&forms).iter().any(|a| a.upos == "VERB"),
                "{headline}"
            );
            let (word, upos, _) = root(&forms);
            assert_eq!((word.as_str(), upos.as_str()), (verb, "VERB"), "{headline}");
        }
        // "Pyongyang" (unseen in the treebank) is a name, "fired" the verb
        let forms = words("Pyongyang on Thursday fired two artillery shells at Seoul .");
        let (word, _, out) = root(&forms);
        assert_eq!(word, "fired");
        assert_eq!(out[0].upos, "PROPN");
        assert_eq!(out[0].deprel, "nsubj");
        // an interjection after the subject that is a verb form is the verb
        let forms = words("Arnor and Gondor welcome a resumption of ties , the agency said .");
        assert_eq!(model.annotate(&forms)[3].upos, "INTJ");
        assert_eq!(annotate_sentence(&model, &forms, false)[3].upos, "VERB");
        // a plural after a number is a noun: "fired two artillery shells"
        let forms = words("North Korea on Thursday fired two artillery shells near a vessel .");
        assert_eq!(model.annotate(&forms)[7].upos, "VERB");
        let out = annotate_sentence(&model, &forms, false);
        assert_eq!(
            (out[7].upos.as_str(), out[7].deprel.as_str()),
            ("NOUN", "obj")
        );
        // a title-case headline keeps its actors' names: "New Zealand"
        let cased = sentence_case(&model, &words("New Zealand Makes Concessions to Ethiopia"));
        assert_eq!(cased.unwrap()[..3], ["New", "Zealand", "makes"]);
    }

    #[test]
    fn a_headline_s_past_participle_without_object_is_passive() {
        let parts = builtin();
        let model = annotator(&parts);
        let rel = |out: &[dyad_core::Analysis], i: usize| out[i].deprel.clone();
        // title case: the subject is the patient, the by-phrase the agent
        let forms = words("Five Protesters Killed by Police in Baghdad");
        let out = annotate_sentence(&model, &forms, false);
        assert_eq!(rel(&out, 1), "nsubj:pass");
        assert_eq!(out[2].feats, "Tense=Past|VerbForm=Part|Voice=Pass");
        // a headline block in sentence case, too
        let forms = words("Diplomats expelled from Moscow");
        assert_eq!(rel(&annotate_sentence(&model, &forms, false), 0), "nsubj");
        assert_eq!(
            rel(&annotate_sentence(&model, &forms, true), 0),
            "nsubj:pass"
        );
        // headlines tell acts in the present; a past tense with an object
        // stays active
        for active in [
            "Police Kill Five Protesters in Baghdad",
            "Rebels Seized the Town on Monday",
        ] {
            let out = annotate_sentence(&model, &words(active), false);
            assert!(out.iter().all(|a| a.deprel != "nsubj:pass"), "{active}");
        }
    }

    #[test]
    fn an_apposition_after_a_name_runs_to_the_comma_before_the_verb() {
        let s = words(
            "officials said General Soleimani , head of the unit that masterminds terror , was sent to Baghdad .",
        );
        assert_eq!(apposition(&s), Some(4..13));
        for plain in [
            "Soleimani , Khamenei and Rouhani met .",
            "In Baghdad , the protesters , who were angry , marched .",
            "Soleimani , the head of the unit , visited Baghdad .",
        ] {
            assert_eq!(apposition(&words(plain)), None, "{plain}");
        }
    }

    #[test]
    fn title_case_headlines_are_sentence_cased_except_names() {
        let parts = builtin();
        let model = annotator(&parts);
        let cased = sentence_case(&model, &words("Rebels in Jersey Have Announced Their Plan"));
        assert_eq!(
            cased.unwrap(),
            words("rebels in Jersey have announced their plan")
        );
        // a verb of the verb dictionary too rare in the treebank
        let cased = sentence_case(&model, &words("Timor-Leste Threatens to Expel Observers"));
        assert_eq!(cased.unwrap()[1], "threatens");
        let sentence = words("Rebels in Jersey have announced their intention to disarm .");
        assert_eq!(sentence_case(&model, &sentence), None);
    }

    #[test]
    fn a_caption_frame_ends_at_the_comma_after_photo_not_inside_the_date() {
        let caption =
            words("In this Sept. 18 , 2016 photo released by AP , Soleimani attends a meeting .");
        assert_eq!(caption_frame(&caption), Some(10));
        let taken = words("In this photo taken Sept. 18 , 2016 , Soleimani attends a meeting .");
        assert_eq!(caption_frame(&taken), Some(8));
        for plain in [
            "In this case , the court ruled against him .",
            "In this photo , protests .",
            "Soleimani attends a meeting in this photo , officials said .",
        ] {
            assert_eq!(caption_frame(&words(plain)), None, "{plain}");
        }
    }
}
