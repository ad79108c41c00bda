//! Events out of a coded verb: every source–target pair of its expanded
//! actors (the null actor standing in where allowed), negation turned into
//! the PICO negation of the code, same-actor and duplicate pairs dropped.

use super::verb::Site;
use super::{Coder, Scratch, note};
use crate::actor::Resolved;
use crate::event::{Attribution, Coded, Event, Modality, SentenceTrace};
use crate::labels::Rel;
use crate::pico::Pico;
use crate::tree::{Tree, Upos};
use dyad_core::Span;
use dyad_dict::{Provenance, VerbCode};

/// The actor phrase heads of a verb's events.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Roles {
    /// The source's head word.
    pub(super) source: Option<usize>,
    /// The target's head word.
    pub(super) target: Option<usize>,
    /// The head of a `%` pattern's coordinated phrase: every ordered pair
    /// of its conjuncts is an event (no source or target then).
    pub(super) compound: Option<usize>,
}

/// What every event of one verb shares.
pub(super) struct EventParts {
    /// The sentence's index.
    pub(super) index: usize,
    /// The verb as written.
    pub(super) verb: String,
    /// Where the verb is.
    pub(super) verb_span: Span,
    /// The pattern or rule text.
    pub(super) pattern: Option<String>,
    /// The dictionary line.
    pub(super) rule: Provenance,
    /// The verb is negated.
    pub(super) negated: bool,
    /// The modality before negation.
    pub(super) modality: Modality,
    /// Who reported the event.
    pub(super) attribution: Option<Attribution>,
    /// The act is promised or declared.
    pub(super) promised: bool,
}

impl EventParts {
    /// The event `src` → `tgt` with code `cameo`: a negated code becomes
    /// its PICO negation where there is one ("did not clash over" 110 →
    /// 050); else the event stays negated.
    fn event(&self, src: &Resolved, tgt: &Resolved, cameo: &str, tree: &Tree, text: &str) -> Event {
        let negated = self.negated;
        let (cameo_out, negated_out) = match (negated, Pico::get().negate(cameo)) {
            (true, Some(n)) => (n.to_string(), false),
            (negated, _) => (cameo.to_string(), negated),
        };
        let pattern = match &self.pattern {
            Some(p) if negated && !negated_out => {
                Some(format!("{p} (negated: {cameo} → {cameo_out})"))
            }
            None if negated && !negated_out => Some(format!("negated: {cameo} → {cameo_out}")),
            other => other.clone(),
        };
        Event {
            sentence_index: self.index,
            source: src.to_actor(tree, text),
            target: tgt.to_actor(tree, text),
            cameo: cameo_out,
            verb: self.verb.clone(),
            verb_span: self.verb_span,
            pattern,
            rule: self.rule.clone(),
            negated: negated_out,
            modality: if negated_out {
                Modality::Denied
            } else {
                self.modality
            },
            attribution: self.attribution.clone(),
            promised: self.promised,
        }
    }
}

impl Coder {
    /// Emits the events of the verb at `site` with `code` for the actor
    /// pairs of `roles`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn emit(
        &self,
        s: &mut Scratch,
        site: &Site<'_>,
        code: &VerbCode,
        parts: &EventParts,
        roles: Roles,
        out: &mut Coded,
        trace: &mut Option<SentenceTrace>,
    ) {
        let named_doer = named_doer(s, &roles);
        let Some(pairs) = self.actor_pairs(s, site, code, roles, trace) else {
            return;
        };
        let text = &site.doc.text;
        let first_event = out.events.len();
        let null = Resolved::null(site.v);
        let home = home_state(s, site, parts, pairs.first().map(|&(a, _)| &s.resolved[a]));
        for (a, c) in pairs {
            let (src, mut tgt) = (&s.resolved[a], &s.resolved[c]);
            let homed = homed(home.as_ref(), src, tgt);
            if let Some(h) = &homed {
                tgt = h;
            }
            if left_behind(s, code, (src, tgt)) {
                note(trace, || {
                    format!(
                        "  {}: a place or the doer's own forces, not a target",
                        tgt.code
                    )
                });
                if src.null {
                    continue;
                }
                tgt = &null;
            }
            if src.null && undone(s, site, parts, named_doer) {
                note(trace, || {
                    "  planned or possible, by no one named: not coded".to_string()
                });
                continue;
            }
            // "the Supreme Leader, Ali Khamenei": one event per code pair
            if uncoded_pair(s, site, code, (src, tgt), trace)
                || out.events[first_event..]
                    .iter()
                    .any(|e| e.source.code == src.code && e.target.code == tgt.code)
            {
                continue;
            }
            if let Some(cameo) = &code.code {
                let e = event_of(s, parts, site.v, (src, tgt), cameo, text);
                note(trace, || {
                    format!(
                        "  event {} {} {}{}",
                        e.source.code,
                        e.target.code,
                        e.cameo,
                        if e.negated { " (negated)" } else { "" }
                    )
                });
                s.coded[site.v] |= !e.negated;
                out.events.push(e);
            }
            if let Some(cameo) = &code.reciprocal {
                let e = parts.event(tgt, src, cameo, &s.tree, text);
                note(trace, || {
                    format!(
                        "  event {} {} {} (reciprocal)",
                        e.source.code, e.target.code, e.cameo
                    )
                });
                out.events.push(e);
            }
        }
    }

    /// The actors of the doers of the verb at `site` that act with each
    /// other, as a compound does, when no target is named: a reciprocal phrase ("both
    /// sides agreed to a ceasefire"), or coordinated doers of a mutual act
    /// (meeting, agreeing, cooperating: "Trump and May spoke on the
    /// phone"); PETRARCH readings keep one event per doer. The trace shows
    /// what a reciprocal phrase links to.
    fn mutual_doers(
        &self,
        s: &mut Scratch,
        site: &Site<'_>,
        code: &VerbCode,
        roles: &Roles,
        trace: &mut Option<SentenceTrace>,
    ) -> Option<Vec<usize>> {
        for h in [roles.compound, roles.source, roles.target]
            .into_iter()
            .flatten()
        {
            if let Some([a, b]) = trace.is_some().then(|| self.reciprocal(s, h)).flatten() {
                let link = |r: &Resolved| r.linked.clone().unwrap_or_default();
                let ((i, x), (j, y)) = (link(&a), link(&b));
                note(trace, || {
                    format!(
                        "  reciprocal: linked to {x:?} of sentence {i} and {y:?} of sentence {j}"
                    )
                });
            }
        }
        // "both sides agreed to a ceasefire", "Trump and May spoke on the
        // phone": with no target, the doers act towards each other
        let h = roles.source.filter(|_| !s.petrarch_readings)?;
        let mutual = code
            .code
            .as_deref()
            .is_some_and(|c| matches!(c.get(..2), Some("03" | "04" | "05" | "06")) || c == "0871");
        if !mutual && self.reciprocal(s, h).is_none() {
            return None;
        }
        // (a target that names no actor is no target: "the agreement was
        // signed by Russia and Turkey"; nor is where they act: "worked
        // together in Syria")
        if let Some(t) = roles.target
            && !self.expand(s, t, site.date).is_empty()
            && !self
                .actor(s, t, site.date)
                .is_some_and(|r| where_acted(s, &s.resolved[r]))
        {
            return None;
        }
        let actors = self.expand(s, h, site.date);
        (actors.len() > 1).then_some(actors)
    }

    /// The (source, target) pairs of resolved actors of `roles`; `None`
    /// when a missing actor keeps the verb from being coded.
    fn actor_pairs(
        &self,
        s: &mut Scratch,
        site: &Site<'_>,
        code: &VerbCode,
        roles: Roles,
        trace: &mut Option<SentenceTrace>,
    ) -> Option<Vec<(usize, usize)>> {
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let together = match roles.compound {
            Some(h) => Some(self.expand(s, h, site.date)),
            None => self.mutual_doers(s, site, code, &roles, trace),
        };
        if let Some(actors) = together {
            // "Jordan and Britain met": one event per pair of actors, the
            // first named as the source, not every ordering of them
            // (a state named beside one of its own is that actor named
            // twice: "his Russian counterpart, Sergei Lavrov")
            let bare_twice = |a: usize| {
                let (country, agents) = crate::actor::split_code(&s.resolved[a].code);
                !s.petrarch_readings
                    && country.is_some()
                    && agents.is_empty()
                    && actors.iter().any(|&o| {
                        let (c, g) = crate::actor::split_code(&s.resolved[o].code);
                        o != a && c == country && !g.is_empty()
                    })
            };
            let actors: Vec<usize> = actors.iter().copied().filter(|&a| !bare_twice(a)).collect();
            for (i, &a) in actors.iter().enumerate() {
                for (j, &c) in actors.iter().enumerate() {
                    if j > i || (s.petrarch_readings && j < i) {
                        pairs.push((a, c));
                    }
                }
            }
            return Some(pairs);
        }
        let expand = |s: &mut Scratch, head: Option<usize>| match head {
            Some(h) => self.expand(s, h, site.date),
            None => Vec::new(),
        };
        let sources = expand(s, roles.source);
        let targets = expand(s, roles.target);
        if !allow_missing(s, &roles, (&sources, &targets), trace) {
            return None;
        }
        let null = |s: &mut Scratch| {
            s.resolved.push(Resolved::null(site.v));
            s.resolved.len() - 1
        };
        let sources = if sources.is_empty() {
            vec![null(s)]
        } else {
            sources
        };
        let targets = if targets.is_empty() {
            vec![null(s)]
        } else {
            targets
        };
        for &a in &sources {
            for &c in &targets {
                pairs.push((a, c));
            }
        }
        Some(pairs)
    }
}

/// Whether a verb with these `sources` and `targets` may be coded: both
/// present, or one missing and the run allowing the null actor in its
/// place.
fn allow_missing(
    s: &Scratch,
    roles: &Roles,
    (sources, targets): (&[usize], &[usize]),
    trace: &mut Option<SentenceTrace>,
) -> bool {
    let missing = match (sources.is_empty(), targets.is_empty()) {
        (false, false) => return true,
        (true, _) => "source",
        (false, true) => "target",
    };
    let head = if sources.is_empty() {
        roles.source
    } else {
        roles.target
    };
    let why = match head {
        Some(h) => format!("{missing} `{}` is not an actor", s.tree.nodes[h].word),
        None => format!("no {missing}"),
    };
    if s.require == super::Require::Dyad
        || (sources.is_empty() && targets.is_empty())
        || (s.require == super::Require::Source && sources.is_empty())
    {
        note(trace, || format!("  not coded: {why}"));
        return false;
    }
    note(trace, || {
        format!("  {why}: the null actor `---` stands in (require_dyad off)")
    });
    true
}

/// Whether the pair `src` → `tgt` of the verb at `site` is no event: the
/// same actor twice, coercion, displacement or a defeat with no doer, or
/// a visit by no official (the trace says which).
fn uncoded_pair(
    s: &Scratch,
    site: &Site<'_>,
    code: &VerbCode,
    (src, tgt): (&Resolved, &Resolved),
    trace: &mut Option<SentenceTrace>,
) -> bool {
    if same_actor(&s.tree, src, tgt) {
        note(trace, || {
            format!("  {} → {}: same actor, not coded", src.code, tgt.code)
        });
        return true;
    }
    // "were forced to flee", "this turn of events will force",
    // "Syrians displaced by the war": coercion or displacement
    // without a doer is a circumstance, not an act
    // "Trump said the group had been defeated": a defeat with no
    // victor named is a state of affairs, not an act
    let lemma = s.tree.nodes[site.v].lemma.as_str();
    if src.null
        && (code.code.as_deref() == Some(COERCE)
            || matches!(lemma, "DISPLACE" | "UPROOT")
            || lemma == "DEFEAT" && site.passive)
    {
        note(trace, || "  coercion with no doer, not coded".to_string());
        return true;
    }
    if code.code.as_deref() == Some("0841") && released_words(&s.tree, site.v) {
        note(trace, || {
            "  words or figures released, not people: not coded".to_string()
        });
        return true;
    }
    // "Iran came to Syria's aid": the aid is the event, not the coming
    if !site.nominal && !tgt.null && super::roles::helped_with(&s.tree, tgt.head) == Some("TO") {
        note(trace, || {
            "  coming to someone's aid: the noun's event".to_string()
        });
        return true;
    }
    if let Some(cameo) = &code.code
        && is_visit(cameo)
        && !official(&s.tree, src)
    {
        note(trace, || {
            format!(
                "  {} → {}: a visit by no official, not coded",
                src.code, tgt.code
            )
        });
        return true;
    }
    false
}

/// The event `src` → `tgt` with `cameo` at verb `v`; backing fighters is
/// material help, not words: support (051) of an armed actor is PLOVER AID (072:
/// "its support for the YPG", "Turkey has supported anti-Assad forces"),
/// and a strike (143) against one, or against a state, an air strike (195:
/// "strikes against UK foreign fighters in Syria"), except in PETRARCH
/// readings.
fn event_of(
    s: &Scratch,
    parts: &EventParts,
    v: usize,
    (src, tgt): (&Resolved, &Resolved),
    cameo: &str,
    text: &str,
) -> Event {
    if let Some((code, why)) = seizure(s, v, tgt, cameo).or_else(|| alongside(s, tgt, cameo)) {
        let mut e = parts.event(src, tgt, code, &s.tree, text);
        e.pattern = Some(match e.pattern.take() {
            Some(p) => format!("{p} ({why})"),
            None => why.to_string(),
        });
        return e;
    }
    // backing, not praise: "praised by US generals" stays verbal support;
    // "strikes against Isis" are air strikes, not a walkout
    let armed = match (cameo, s.tree.nodes[v].lemma.as_str()) {
        ("051", "SUPPORT" | "BACK" | "BACKING" | "BOLSTER" | "PROP") => {
            Some(("072", "support of an armed actor: 051 → 072"))
        }
        ("143", lemma)
            if lemma == "STRIKE"
                || parts
                    .pattern
                    .as_deref()
                    .is_some_and(|p| p.contains("STRIKE")) =>
        {
            Some((
                "195",
                "a strike against an armed actor or a state: 143 → 195",
            ))
        }
        _ => None,
    };
    // (strikes against a state itself are air strikes too: "possible
    // strikes against Syria"; so are those a military launches: "a
    // strike could be launched by a Russian naval group")
    let state = |code: &str| {
        let (country, agents) = crate::actor::split_code(code);
        country.is_some() && agents.is_empty()
    };
    let military = |code: &str| crate::actor::split_code(code).1.iter().any(|a| a == "MIL");
    let Some((code, why)) = armed.filter(|(code, _)| {
        !s.petrarch_readings
            && (is_armed(&tgt.code)
                || (*code == "195" && (state(&tgt.code) || military(&src.code))))
    }) else {
        return parts.event(src, tgt, cameo, &s.tree, text);
    };
    let mut e = parts.event(src, tgt, code, &s.tree, text);
    e.pattern = Some(match e.pattern.take() {
        Some(p) => format!("{p} ({why})"),
        None => why.to_string(),
    });
    e
}

/// Whether what verb `v` releases is information, not people or goods:
/// "figures released by the UN's refugee agency", "the army released a
/// video" (a publication, not a release: 0841).
fn released_words(tree: &Tree, v: usize) -> bool {
    let node = &tree.nodes[v];
    let patient = tree
        .child(v, Rel::Obj)
        .or_else(|| tree.child(v, Rel::NsubjPass))
        .or_else(|| node.head.filter(|_| node.rel == Rel::Acl));
    patient.is_some_and(|p| INFORMATION.contains(&tree.nodes[p].lemma.as_str()))
}

/// Nouns of what is published rather than freed.
const INFORMATION: &[&str] = &[
    "FIGURE",
    "DATA",
    "REPORT",
    "STATEMENT",
    "VIDEO",
    "FOOTAGE",
    "IMAGE",
    "PHOTO",
    "PHOTOGRAPH",
    "DETAIL",
    "RESULT",
    "LIST",
    "DOCUMENT",
    "RECORDING",
    "TRANSCRIPT",
    "STATISTIC",
    "ESTIMATE",
    "INFORMATION",
    "NUMBER",
    "ALBUM",
    "FILM",
    "BOOK",
    "SONG",
    "RECORD",
    "PICTURE",
    "MAP",
];

/// Whether the text names the doer in `roles` by a name or a pronoun,
/// actor or not.
fn named_doer(s: &Scratch, roles: &Roles) -> bool {
    roles.compound.is_some()
        || roles.source.is_some_and(|h| {
            matches!(
                s.tree.nodes[h].upos,
                crate::tree::Upos::Propn | crate::tree::Upos::Pron
            )
        })
}

/// Whether the act at `site`, with no doer actor, is nobody's act: a
/// plan or a possibility ("if asked, would help"), or a gerund in a
/// phrase with no doer named ("difficulties with repatriating people"
/// talks of the act in general).
fn undone(s: &Scratch, site: &Site<'_>, parts: &EventParts, named_doer: bool) -> bool {
    let node = &s.tree.nodes[site.v];
    let generic = !site.nominal
        && !named_doer
        && super::subject::gerund(&s.tree, site.v)
        && s.tree.case_of(site.v).is_some()
        && !matches!(node.rel, Rel::Root | Rel::Conj);
    !s.petrarch_readings
        && (matches!(parts.modality, Modality::Hypothetical | Modality::Planned) || generic)
}

/// The target `home` ([`home_state`]) gives the pair `src` → `tgt`, when
/// it applies: in place of no target where the word "home" is written,
/// or of the doer's own country named bare ("wants to return to the UK",
/// keeping its words).
fn homed(home: Option<&(Resolved, bool)>, src: &Resolved, tgt: &Resolved) -> Option<Resolved> {
    let (h, written) = home.filter(|(h, _)| {
        h.code != src.code && split_country(&h.code) == split_country(&src.code)
    })?;
    let (country, agents) = crate::actor::split_code(&tgt.code);
    let own_country = agents.is_empty() && country.is_some() && country == split_country(&src.code);
    if tgt.null && *written {
        Some(h.clone())
    } else if own_country {
        Some(Resolved {
            code: h.code.clone(),
            ..tgt.clone()
        })
    } else {
        None
    }
}

/// "She wanted to return home": asking to go home asks one's own state,
/// the government of the source's country, named by the word "home" or
/// the country ("wants to return to the UK"; an appeal, 020, whose
/// pattern names home or a return), with whether the word "home" is
/// written (the state's words then); `None` otherwise.
fn home_state(
    s: &Scratch,
    site: &Site<'_>,
    parts: &EventParts,
    src: Option<&Resolved>,
) -> Option<(Resolved, bool)> {
    let src = src?;
    let pattern = parts.pattern.as_deref()?;
    let going_back = ["HOME", "RETURN", "COME_BACK", "GO_BACK"]
        .iter()
        .any(|w| pattern.contains(w));
    if s.petrarch_readings || src.null || !going_back {
        return None;
    }
    let country = split_country(&src.code)?;
    let home = (site.v..s.tree.len()).find(|&w| s.tree.nodes[w].word == "HOME");
    let mut r = Resolved::null(home.unwrap_or(site.v));
    r.code = format!("{country}GOV");
    r.null = false;
    Some((r, home.is_some()))
}

/// Whether `r` names a country bare as where an act happens ("in
/// Syria", "near the Syria-Iraq border").
fn where_acted(s: &Scratch, r: &Resolved) -> bool {
    let (country, agents) = crate::actor::split_code(&r.code);
    country.is_some()
        && agents.is_empty()
        && matches!(
            s.tree.case_of(r.head),
            Some("IN" | "AT" | "NEAR" | "ACROSS" | "THROUGHOUT")
        )
}

/// The country of an actor code, if it names one.
fn split_country(code: &str) -> Option<String> {
    crate::actor::split_code(code).0
}

/// Whether `tgt` of a withdrawal (0874) is what is left or withdrawn
/// rather than whom the doer yields to: the place ("pulling 2,000 troops
/// out of Syria", "withdrawal from Iraq": a country named bare) or the
/// doer's own forces ("will withdraw its troops"). Whom one surrenders or
/// retreats *to* stays the target. Likewise a country named as where
/// fighting, killing, a meeting or cooperation (19x, 18x, 040, 06x)
/// happens ("fighting in Syria") is a place, not a party. Not in PETRARCH
/// readings.
fn left_behind(s: &Scratch, code: &VerbCode, (src, tgt): (&Resolved, &Resolved)) -> bool {
    let Some(cameo) = code.code.as_deref() else {
        return false;
    };
    // (fighting, killing, meeting and working together happen somewhere)
    let fighting = ["19", "18", "040", "06"]
        .iter()
        .any(|p| cameo.starts_with(p));
    if s.petrarch_readings || tgt.null || !(fighting || cameo == "0874") {
        return false;
    }
    let (country, agents) = crate::actor::split_code(&tgt.code);
    let place = country.is_some() && agents.is_empty();
    let case = s.tree.case_of(tgt.head);
    if fighting {
        // "citizens fighting in Syria", "killed near the Syria-Iraq
        // border", "working together in Syria": where one acts is no party
        return where_acted(s, tgt);
    }
    let own = country.is_some() && country == crate::actor::split_code(&src.code).0;
    case != Some("TO") && (place || own)
}

/// Taking people is arresting them, taking places occupying them:
/// "the pair were seized by rebel forces" (173, COERCE) against "the
/// town was captured by the SDF" (192, occupy territory; ASSAULT in
/// PLOVER). The code for what the verb's patient (object, or passive
/// subject) is, when that differs from `cameo`, and why.
fn seizure(
    s: &Scratch,
    v: usize,
    tgt: &Resolved,
    cameo: &str,
) -> Option<(&'static str, &'static str)> {
    if s.petrarch_readings || !matches!(cameo, "173" | "192") {
        return None;
    }
    let tree = &s.tree;
    if !matches!(
        tree.nodes[v].lemma.as_str(),
        "CAPTURE" | "SEIZE" | "RECAPTURE" | "SNATCH" | "GRAB"
    ) {
        return None;
    }
    let patient = tree
        .child(v, Rel::Obj)
        .or_else(|| tree.child(v, Rel::NsubjPass))?;
    let patient = super::coref::relative_antecedent(tree, patient).unwrap_or(patient);
    let word = tree.nodes[patient].word.as_str();
    let person = super::shape::people_word(tree, patient)
        || (!tgt.null && tgt.head == patient && !crate::actor::split_code(&tgt.code).1.is_empty());
    match cameo {
        "192" if person => Some(("173", "people taken: 192 → 173")),
        "173" if !person && PLACE_NOUNS.contains(&word) => {
            Some(("192", "a place taken: 173 → 192"))
        }
        _ => None,
    }
}

/// "has fought alongside the US": fighting (19x) beside an actor is
/// military cooperation with it (062), not fighting it.
fn alongside(s: &Scratch, tgt: &Resolved, cameo: &str) -> Option<(&'static str, &'static str)> {
    // (the preposition, or the word before the phrase: "alongside" is
    // often parsed as an adverb)
    let before = tgt
        .first
        .checked_sub(1)
        .map(|w| s.tree.nodes[w].word.as_str());
    let beside =
        !tgt.null && (s.tree.case_of(tgt.head) == Some("ALONGSIDE") || before == Some("ALONGSIDE"));
    (!s.petrarch_readings && cameo.starts_with("19") && beside)
        .then_some(("062", "fighting alongside: 19x → 062"))
}

/// Nouns of places an armed force takes.
const PLACE_NOUNS: &[&str] = &[
    "TOWN",
    "CITY",
    "VILLAGE",
    "TERRITORY",
    "AREA",
    "ENCLAVE",
    "BASE",
    "AIRPORT",
    "AIRBASE",
    "REGION",
    "PROVINCE",
    "DISTRICT",
    "STRONGHOLD",
    "POSITION",
    "POSITIONS",
    "HILL",
    "CAPITAL",
    "CROSSING",
    "BORDER",
    "PORT",
    "OUTPOST",
    "CHECKPOINT",
    "NEIGHBOURHOOD",
    "NEIGHBORHOOD",
    "TOWNS",
    "CITIES",
    "VILLAGES",
    "AREAS",
    "BASES",
    "HILLS",
    "OUTPOSTS",
    "CHECKPOINTS",
];

/// The code of general coercion (force, compel, pressure).
const COERCE: &str = "170";

/// Whether an actor code names fighters: rebels, insurgents, a
/// military or an unaligned armed force among its agents.
fn is_armed(code: &str) -> bool {
    let agents = code.get(3..).unwrap_or("");
    (0..agents.len())
        .step_by(3)
        .filter_map(|i| agents.get(i..i + 3))
        .any(|a| matches!(a, "REB" | "INS" | "MIL" | "UAF"))
}

/// Whether `src` and `tgt` are one actor: the same code, unless that is
/// an agent without country in two phrases. An agent without country
/// names a kind, not one actor: "the ministry brings a case against
/// former officials" (both `---GOV`) has two.
fn same_actor(tree: &Tree, src: &Resolved, tgt: &Resolved) -> bool {
    let one_phrase = src.head == tgt.head
        || [(src.head, tgt.head), (tgt.head, src.head)]
            .iter()
            .any(|&(a, b)| tree.nodes[b].head == Some(a) && tree.nodes[b].rel == Rel::Appos);
    src.code == tgt.code && (!src.code.starts_with("---") || one_phrase)
}

/// Whether `cameo` is a visit made or hosted (042, 043).
fn is_visit(cameo: &str) -> bool {
    cameo.starts_with("042") || cameo.starts_with("043")
}

/// Sectors whose members travel but do not pay visits: "she went to
/// Syria", "jihadists who had come to Syria".
const PRIVATE: &[&str] = &[
    "CVL", "REF", "INS", "REB", "OPP", "EDU", "MED", "LAB", "REL", "BUS", "AGR", "HLH",
];

/// Whether `actor` can pay a visit: a named actor (a state, an
/// organisation, an official), not the null actor or a private person,
/// nor someone only a country's adjective describes ("the Spanish
/// photojournalist went to Syria": a common noun no agent entry knows).
fn official(tree: &Tree, actor: &Resolved) -> bool {
    let (country, agents) = crate::actor::split_code(&actor.code);
    let described = country.is_some()
        && agents.is_empty()
        && actor.linked.is_none()
        && tree
            .nodes
            .get(actor.head)
            .is_some_and(|n| n.upos == Upos::Noun);
    !actor.null && !described && !agents.iter().any(|a| PRIVATE.contains(&a.as_str()))
}
