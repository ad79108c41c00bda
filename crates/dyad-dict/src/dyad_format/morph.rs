//! English verb inflection for dyad's lemma-based verb dictionary: regular
//! morphology plus a table of irregular verbs.

use crate::regular_plural;

/// Irregular verbs: lemma, past tense(s), past participle(s). Variants are
/// separated by `/`. Compounds (`withdraw`, `overrun`) are listed whole.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("arise", "arose", "arisen"),
    ("awake", "awoke", "awoken"),
    ("be", "was/were", "been"),
    ("bear", "bore", "borne/born"),
    ("beat", "beat", "beaten/beat"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bend", "bent", "bent"),
    ("beset", "beset", "beset"),
    ("bid", "bid", "bid"),
    ("bind", "bound", "bound"),
    ("bite", "bit", "bitten"),
    ("bleed", "bled", "bled"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("breed", "bred", "bred"),
    ("bring", "brought", "brought"),
    ("broadcast", "broadcast", "broadcast"),
    ("build", "built", "built"),
    ("burn", "burned/burnt", "burned/burnt"),
    ("burst", "burst", "burst"),
    ("buy", "bought", "bought"),
    ("cast", "cast", "cast"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cost", "cost", "cost"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("dig", "dug", "dug"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drink", "drank", "drunk"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade/forbid", "forbidden"),
    ("forecast", "forecast", "forecast"),
    ("foresee", "foresaw", "foreseen"),
    ("forget", "forgot", "forgotten"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "got/gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grind", "ground", "ground"),
    ("grow", "grew", "grown"),
    ("hang", "hanged/hung", "hanged/hung"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lie", "lay", "lain"),
    ("light", "lit/lighted", "lit/lighted"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("mislead", "misled", "misled"),
    ("outbid", "outbid", "outbid"),
    ("overcome", "overcame", "overcome"),
    ("override", "overrode", "overridden"),
    ("overrun", "overran", "overrun"),
    ("oversee", "oversaw", "overseen"),
    ("overtake", "overtook", "overtaken"),
    ("overthrow", "overthrew", "overthrown"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("read", "read", "read"),
    ("rebuild", "rebuilt", "rebuilt"),
    ("rid", "rid", "rid"),
    ("ride", "rode", "ridden"),
    ("ring", "rang", "rung"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shed", "shed", "shed"),
    ("shoot", "shot", "shot"),
    ("show", "showed", "shown/showed"),
    ("shut", "shut", "shut"),
    ("sing", "sang", "sung"),
    ("sink", "sank", "sunk"),
    ("sit", "sat", "sat"),
    ("slay", "slew", "slain"),
    ("sleep", "slept", "slept"),
    ("slide", "slid", "slid"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("split", "split", "split"),
    ("spread", "spread", "spread"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("stick", "stuck", "stuck"),
    ("strike", "struck", "struck/stricken"),
    ("swear", "swore", "sworn"),
    ("sweep", "swept", "swept"),
    ("swing", "swung", "swung"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("thrust", "thrust", "thrust"),
    ("undercut", "undercut", "undercut"),
    ("undergo", "underwent", "undergone"),
    ("understand", "understood", "understood"),
    ("undertake", "undertook", "undertaken"),
    ("underwrite", "underwrote", "underwritten"),
    ("uphold", "upheld", "upheld"),
    ("upset", "upset", "upset"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("weep", "wept", "wept"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("withhold", "withheld", "withheld"),
    ("withstand", "withstood", "withstood"),
    ("write", "wrote", "written"),
];

/// Regular verbs of more than one syllable whose final consonant doubles
/// (stress on the last syllable): `expel` → `expelled`.
const DOUBLING: &[&str] = &[
    "acquit", "admit", "abet", "commit", "compel", "control", "equip", "expel", "extol", "kidnap",
    "occur", "omit", "patrol", "permit", "propel", "rebel", "refer", "regret", "repel", "submit",
    "transfer", "transmit", "prefer", "confer", "deter", "incur", "infer", "outstrip", "remit",
    "worship",
];

/// Prefixes that keep an irregular verb irregular: `retake` → `retook`,
/// `overthrow` → `overthrew`, `withhold` → `withheld`.
const PREFIXES: &[&str] = &["re", "over", "under", "out", "with", "up", "fore", "mis"];

/// The irregular past and participle forms of `lemma` (lower case), if
/// any: the table's, or a table verb's behind a prefix.
pub(crate) fn irregular(lemma: &str) -> Option<(String, String)> {
    let find = |l: &str| IRREGULAR.iter().find(|(x, _, _)| *x == l);
    if let Some(&(_, past, part)) = find(lemma) {
        return Some((past.to_string(), part.to_string()));
    }
    // "relay" is regular ("relayed"), not "re" + "lay"
    if lemma == "relay" {
        return None;
    }
    let prefixed = |p: &str, forms: &str| {
        forms
            .split('/')
            .map(|f| format!("{p}{f}"))
            .collect::<Vec<_>>()
            .join("/")
    };
    PREFIXES.iter().find_map(|p| {
        let base = lemma.strip_prefix(p)?;
        let &(_, past, part) = find(base).filter(|_| base.len() >= 3)?;
        Some((prefixed(p, past), prefixed(p, part)))
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Whether the final consonant doubles before `-ed`/`-ing`: a listed verb,
/// or a one-syllable word ending consonant–vowel–consonant (`ban`, `stab`,
/// `plot`), but not in `w`, `x` or `y`.
fn doubles(lemma: &str) -> bool {
    if DOUBLING.contains(&lemma) {
        return true;
    }
    // `qu` counts as a consonant: `quit` → `quitting`
    let chars: Vec<char> = lemma.replace("qu", "qw").chars().collect();
    let [.., a, b, c] = chars.as_slice() else {
        return false;
    };
    let cvc = !is_vowel(*a) && is_vowel(*b) && !matches!(c, 'w' | 'x' | 'y') && !is_vowel(*c);
    let groups = chars
        .iter()
        .enumerate()
        .filter(|&(i, &ch)| is_vowel(ch) && (i == 0 || !is_vowel(chars[i - 1])))
        .count();
    cvc && groups == 1 && chars.iter().all(char::is_ascii_alphabetic)
}

/// The regular `-ed` form.
fn regular_past(lemma: &str) -> String {
    let mut chars = lemma.chars().rev();
    let (last, before) = (chars.next(), chars.next());
    match (before, last) {
        (_, Some('e')) => format!("{lemma}d"),
        (Some(b), Some('y')) if !is_vowel(b) => {
            format!("{}ied", lemma.get(..lemma.len() - 1).unwrap_or(""))
        }
        (_, Some(c)) if doubles(lemma) => format!("{lemma}{c}ed"),
        _ => format!("{lemma}ed"),
    }
}

/// The `-ing` form.
fn present_participle(lemma: &str) -> String {
    let stem = lemma.get(..lemma.len().saturating_sub(1)).unwrap_or("");
    if let Some(s) = lemma.strip_suffix("ie") {
        return format!("{s}ying");
    }
    let mut chars = lemma.chars().rev();
    let (last, before) = (chars.next(), chars.next());
    match (before, last) {
        (Some('e' | 'o' | 'y'), Some('e')) => format!("{lemma}ing"),
        (Some(_), Some('e')) => format!("{stem}ing"),
        (_, Some(c)) if doubles(lemma) => format!("{lemma}{c}ing"),
        _ => format!("{lemma}ing"),
    }
}

/// Every form of the verb `lemma` (any case), upper-cased, lemma first:
/// base, third person `-s`, past, past participle, `-ing` — regular
/// morphology unless the irregular table knows the verb (`go` → `GO GOES
/// WENT GONE GOING`; `seize` → `SEIZE SEIZES SEIZED SEIZING`).
pub fn verb_forms(lemma: &str) -> Vec<String> {
    let lower = lemma.trim().to_lowercase();
    if lower.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::with_capacity(6);
    let mut push = |f: String| {
        let f = f.to_uppercase();
        if !f.is_empty() && !out.contains(&f) {
            out.push(f);
        }
    };
    push(lower.clone());
    let third = match lower.as_str() {
        "be" => "is".to_string(),
        "have" => "has".to_string(),
        "do" | "go" | "undergo" => format!("{lower}es"),
        _ => regular_plural(&lower),
    };
    push(third);
    match irregular(&lower) {
        Some((past, part)) => {
            for f in past.split('/').chain(part.split('/')) {
                push(f.to_string());
            }
        }
        None => push(regular_past(&lower)),
    }
    push(present_participle(&lower));
    out
}

/// The singular and regular plural of the noun `lemma`, upper-cased.
pub fn noun_forms(lemma: &str) -> Vec<String> {
    let upper = lemma.trim().to_uppercase();
    if upper.is_empty() {
        return Vec::new();
    }
    let plural = regular_plural(&upper);
    if plural == upper {
        vec![upper]
    } else {
        vec![upper, plural]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(l: &str) -> String {
        verb_forms(l).join(" ")
    }

    #[test]
    fn regular_and_irregular() {
        assert_eq!(forms("go"), "GO GOES WENT GONE GOING");
        // a prefix keeps the verb irregular
        assert_eq!(forms("retake"), "RETAKE RETAKES RETOOK RETAKEN RETAKING");
        assert_eq!(
            forms("override"),
            "OVERRIDE OVERRIDES OVERRODE OVERRIDDEN OVERRIDING"
        );
        assert_eq!(forms("relay"), "RELAY RELAYS RELAYED RELAYING");
        assert_eq!(forms("fight"), "FIGHT FIGHTS FOUGHT FIGHTING");
        assert_eq!(forms("hold"), "HOLD HOLDS HELD HOLDING");
        assert_eq!(forms("meet"), "MEET MEETS MET MEETING");
        assert_eq!(forms("say"), "SAY SAYS SAID SAYING");
        assert_eq!(forms("send"), "SEND SENDS SENT SENDING");
        assert_eq!(forms("shoot"), "SHOOT SHOOTS SHOT SHOOTING");
        assert_eq!(forms("seize"), "SEIZE SEIZES SEIZED SEIZING");
        assert_eq!(forms("visit"), "VISIT VISITS VISITED VISITING");
        assert_eq!(forms("ban"), "BAN BANS BANNED BANNING");
        assert_eq!(forms("expel"), "EXPEL EXPELS EXPELLED EXPELLING");
        assert_eq!(forms("deny"), "DENY DENIES DENIED DENYING");
        assert_eq!(forms("destroy"), "DESTROY DESTROYS DESTROYED DESTROYING");
        assert_eq!(forms("die"), "DIE DIES DIED DYING");
        assert_eq!(forms("flee"), "FLEE FLEES FLED FLEEING");
        assert_eq!(forms("shell"), "SHELL SHELLS SHELLED SHELLING");
        assert_eq!(forms("besiege"), "BESIEGE BESIEGES BESIEGED BESIEGING");
        assert_eq!(forms("attack"), "ATTACK ATTACKS ATTACKED ATTACKING");
        assert_eq!(forms("accuse"), "ACCUSE ACCUSES ACCUSED ACCUSING");
        assert_eq!(forms("clash"), "CLASH CLASHES CLASHED CLASHING");
        assert_eq!(forms("quit"), "QUIT QUITS QUITTING");
        assert_eq!(noun_forms("attack"), vec!["ATTACK", "ATTACKS"]);
    }
}
