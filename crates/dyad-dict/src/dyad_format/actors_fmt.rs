//! Reading dyad-format actor files and resolving them, across the whole set,
//! into [`ActorEntry`]s: countries, capitals, entities with dated codes, and
//! role phrases ("the Iraqi prime minister") dated by their holders' terms.

use super::syntax::{
    NON_COUNTRY_PREFIXES, actor_code_shape, agent_code_shape, content_lines, first_word, overlap,
    parse_range, split_aliases,
};
use crate::diag::{DiagnosticKind, Sink, syntax};
use crate::{ActorEntry, DateRange, DatedCode, Phrase, Provenance};
use std::collections::HashMap;
use std::sync::Arc;

/// A `role KEY AGENT: phrase | phrase` declaration.
pub(crate) struct RawRole {
    key: String,
    agent: Box<str>,
    phrases: Vec<String>,
    at: Provenance,
}

/// A dated code line, with the role it fills, if any.
struct RawDated {
    code: DatedCode,
    role: Option<String>,
}

/// One entry block as written.
pub(crate) struct RawEntry {
    default: Option<DatedCode>,
    names: Vec<(String, Provenance)>,
    adjectives: Vec<(String, Provenance)>,
    people: Vec<(String, Provenance)>,
    capitals: Vec<Vec<(String, Provenance)>>,
    dated: Vec<RawDated>,
    at: Provenance,
}

/// Everything read from the actor files of a set, before resolution.
#[derive(Default)]
pub(crate) struct RawActors {
    entries: Vec<RawEntry>,
    roles: Vec<RawRole>,
}

/// Parses one actor file into `raw`.
pub(crate) fn parse_file(text: &str, sink: &mut Sink<'_>, raw: &mut RawActors) {
    let mut current: Option<RawEntry> = None;
    // the last header was bad (and reported): skip its indented lines
    let mut skipping = false;
    for (n, content) in content_lines(text) {
        let indented = content.starts_with([' ', '\t']);
        if !indented {
            if let Some(e) = current.take() {
                raw.entries.push(e);
            }
            let (word, rest) = first_word(content);
            if word == "role" {
                if let Some(role) = parse_role(rest, n, sink) {
                    raw.roles.push(role);
                }
                skipping = false;
            } else {
                current = parse_header(word, rest, n, sink);
                skipping = current.is_none();
            }
            continue;
        }
        let Some(entry) = current.as_mut() else {
            if skipping {
                continue;
            }
            sink.orphan_indented(n, content);
            continue;
        };
        let (word, rest) = first_word(content);
        if let Some(keyword) = word.strip_suffix(':') {
            let list: Vec<(String, Provenance)> = split_aliases(rest)
                .map(|a| (a.to_string(), sink.at(n)))
                .collect();
            if list.is_empty() {
                sink.push(n, syntax("keyword line has no phrases", content));
                continue;
            }
            match keyword {
                "aka" => entry.names.extend(list),
                "adj" | "adjective" => entry.adjectives.extend(list),
                "people" => entry.people.extend(list),
                "capital" => entry.capitals.push(list),
                _ => sink.push(
                    n,
                    syntax(
                        "unknown keyword (aka:, adj:, people:, capital:); line skipped",
                        content,
                    ),
                ),
            }
            continue;
        }
        // a dated code: CODE RANGE [ROLE]
        let (range_text, role_text) = first_word(rest);
        if range_text.is_empty() {
            sink.push(
                n,
                DiagnosticKind::BadDate {
                    text: content.trim().to_string(),
                    reason: "a dated code line is `CODE RANGE [ROLE]`",
                },
            );
            continue;
        }
        if let Some(dated) = parse_dated(word, range_text, role_text, n, sink) {
            entry.dated.push(dated);
        }
    }
    if let Some(e) = current.take() {
        raw.entries.push(e);
    }
}

fn check_code(code: &str, n: u32, sink: &mut Sink<'_>) -> bool {
    match actor_code_shape(code) {
        Ok(()) => true,
        Err(reason) => {
            sink.push(
                n,
                DiagnosticKind::BadCode {
                    code: code.to_string(),
                    reason,
                },
            );
            false
        }
    }
}

fn parse_dated(
    code: &str,
    range_text: &str,
    role_text: &str,
    n: u32,
    sink: &mut Sink<'_>,
) -> Option<RawDated> {
    if !check_code(code, n, sink) {
        return None;
    }
    let range = match parse_range(range_text) {
        Ok(r) => r,
        Err(reason) => {
            sink.push(
                n,
                DiagnosticKind::BadDate {
                    text: range_text.to_string(),
                    reason,
                },
            );
            return None;
        }
    };
    let role_text = role_text.trim();
    if role_text.split_whitespace().count() > 1 {
        sink.push(
            n,
            syntax(
                "a dated code line is `CODE RANGE [ROLE]`; extra text ignored",
                role_text,
            ),
        );
    }
    Some(RawDated {
        code: DatedCode {
            code: code.into(),
            range,
            provenance: sink.at(n),
        },
        role: role_text.split_whitespace().next().map(str::to_string),
    })
}

fn parse_header(code: &str, rest: &str, n: u32, sink: &mut Sink<'_>) -> Option<RawEntry> {
    let (names_text, dated_text) = match rest.split_once('@') {
        Some((a, b)) => (a, Some(b.trim())),
        None => (rest, None),
    };
    let names: Vec<(String, Provenance)> = split_aliases(names_text)
        .map(|a| (a.to_string(), sink.at(n)))
        .collect();
    if names.is_empty() {
        let kind = if code.is_empty() || actor_code_shape(code).is_ok() || code == "-" {
            syntax("entry has a code but no name; skipped", code)
        } else {
            DiagnosticKind::MissingCode {
                text: format!("{code} {rest}").trim().to_string(),
            }
        };
        sink.push(n, kind);
        return None;
    }
    let mut entry = RawEntry {
        default: None,
        names,
        adjectives: Vec::new(),
        people: Vec::new(),
        capitals: Vec::new(),
        dated: Vec::new(),
        at: sink.at(n),
    };
    if code == "-" {
        if dated_text.is_some() {
            sink.push(n, syntax("`-` (no code) cannot take a range", code));
        }
        return Some(entry);
    }
    match dated_text {
        Some(d) => {
            let (range_text, role_text) = first_word(d);
            if let Some(dated) = parse_dated(code, range_text, role_text, n, sink) {
                entry.dated.push(dated);
            }
        }
        None => {
            if check_code(code, n, sink) {
                entry.default = Some(DatedCode {
                    code: code.into(),
                    range: DateRange::Always,
                    provenance: sink.at(n),
                });
            }
        }
    }
    Some(entry)
}

fn parse_role(rest: &str, n: u32, sink: &mut Sink<'_>) -> Option<RawRole> {
    let Some((head, phrases)) = rest.split_once(':') else {
        sink.push(
            n,
            syntax("a role is `role KEY AGENT: phrase | phrase`; skipped", rest),
        );
        return None;
    };
    let mut words = head.split_whitespace();
    let (Some(key), Some(agent), None) = (words.next(), words.next(), words.next()) else {
        sink.push(
            n,
            syntax("a role is `role KEY AGENT: phrase | phrase`; skipped", rest),
        );
        return None;
    };
    if let Err(reason) = agent_code_shape(agent) {
        sink.push(
            n,
            DiagnosticKind::BadCode {
                code: agent.to_string(),
                reason,
            },
        );
        return None;
    }
    let phrases: Vec<String> = split_aliases(phrases).map(str::to_string).collect();
    if phrases.is_empty() {
        sink.push(n, syntax("role has no phrases; skipped", rest));
        return None;
    }
    Some(RawRole {
        key: key.to_string(),
        agent: agent.into(),
        phrases,
        at: sink.at(n),
    })
}

/// A role's terms in one country: each dated code and its holder's name.
type Terms = Vec<(DatedCode, Arc<str>)>;

/// What resolution produces besides the entries: who holds which role term.
pub(crate) struct Resolved {
    pub(crate) entries: Vec<ActorEntry>,
    /// A dated line's provenance → the canonical name of the entry it is in.
    pub(crate) holders: HashMap<Provenance, Arc<str>>,
}

struct Country {
    names: Vec<String>,
    adjectives: Vec<String>,
}

/// Phrase keys seen so far → where.
struct Seen(HashMap<String, Provenance>);

impl Seen {
    /// Records `phrase`; reports a duplicate when `report` is set.
    fn claim(
        &mut self,
        phrase: &Phrase,
        at: &Provenance,
        out: &mut Vec<crate::Diagnostic>,
    ) -> bool {
        match self.0.get(phrase.text()) {
            Some(first) => {
                out.push(crate::Diagnostic {
                    file: at.file.clone(),
                    line: at.line,
                    kind: DiagnosticKind::Syntax {
                        message: "duplicate alias; an alias may name only one entry",
                        text: format!("{} (first at {first})", phrase.text()),
                    },
                });
                false
            }
            None => {
                self.0.insert(phrase.text().to_string(), at.clone());
                true
            }
        }
    }
}

fn diag(at: &Provenance, kind: DiagnosticKind) -> crate::Diagnostic {
    crate::Diagnostic {
        file: at.file.clone(),
        line: at.line,
        kind,
    }
}

fn phrase_or_report(
    text: &str,
    at: &Provenance,
    out: &mut Vec<crate::Diagnostic>,
) -> Option<Phrase> {
    let p = Phrase::parse(text);
    if p.is_none() {
        out.push(diag(at, syntax("alias has no words; skipped", text)));
    }
    p
}

/// Resolves everything read into entries, checking codes, roles, duplicate
/// aliases and overlapping ranges.
pub(crate) fn resolve(raw: RawActors, out: &mut Vec<crate::Diagnostic>) -> Resolved {
    let RawActors {
        entries: raw_entries,
        roles: raw_roles,
    } = raw;
    let mut r = Resolver {
        countries: countries(&raw_entries),
        roles: declared_roles(&raw_roles, out),
        seen: Seen(HashMap::new()),
        entries: Vec::with_capacity(raw_entries.len()),
        holders: HashMap::new(),
        terms: Vec::new(),
        out,
    };
    for e in raw_entries {
        r.entry(e);
    }
    r.role_entries()
}

/// Countries: entries whose code is a bare 3-letter country code, by code.
fn countries(entries: &[RawEntry]) -> HashMap<String, Country> {
    let mut countries: HashMap<String, Country> = HashMap::new();
    for e in entries {
        let Some(code) = e.default.as_ref().map(|d| &*d.code) else {
            continue;
        };
        if code.len() == 3 && !NON_COUNTRY_PREFIXES.contains(&code) && code != "---" {
            let c = countries.entry(code.to_string()).or_insert(Country {
                names: Vec::new(),
                adjectives: Vec::new(),
            });
            c.names.extend(e.names.iter().map(|(n, _)| n.clone()));
            c.adjectives
                .extend(e.adjectives.iter().map(|(n, _)| n.clone()));
        }
    }
    countries
}

/// The roles by key, the first declaration of each; reports a role
/// declared twice and a phrase two roles use.
fn declared_roles<'r>(
    raw: &'r [RawRole],
    out: &mut Vec<crate::Diagnostic>,
) -> HashMap<&'r str, &'r RawRole> {
    let mut roles: HashMap<&str, &RawRole> = HashMap::new();
    let mut role_phrases: HashMap<String, Provenance> = HashMap::new();
    for r in raw {
        if let Some(first) = roles.get(r.key.as_str()) {
            out.push(diag(
                &r.at,
                syntax(
                    "role declared twice",
                    &format!("{} (first at {})", r.key, first.at),
                ),
            ));
            continue;
        }
        for p in &r.phrases {
            let key = p.to_uppercase();
            if let Some(first) = role_phrases.get(&key) {
                out.push(diag(
                    &r.at,
                    syntax(
                        "role phrase used by two roles",
                        &format!("{p} (first at {first})"),
                    ),
                ));
            } else {
                role_phrases.insert(key, r.at.clone());
            }
        }
        roles.insert(&r.key, r);
    }
    roles
}

/// A role term: (role key, country), the dated code, the holder's name.
type Term = ((String, String), DatedCode, Arc<str>);

/// The state of [`resolve`].
struct Resolver<'r, 'o> {
    countries: HashMap<String, Country>,
    roles: HashMap<&'r str, &'r RawRole>,
    seen: Seen,
    entries: Vec<ActorEntry>,
    holders: HashMap<Provenance, Arc<str>>,
    terms: Vec<Term>,
    out: &'o mut Vec<crate::Diagnostic>,
}

impl Resolver<'_, '_> {
    /// Whether `code` starts with a known country or actor-type prefix.
    fn known_prefix(&self, code: &str) -> bool {
        code == "---"
            || code.get(..3).is_some_and(|p| {
                self.countries.contains_key(p) || NON_COUNTRY_PREFIXES.contains(&p)
            })
    }

    /// Resolves one entry block: its own entry, its capitals' entries and
    /// the role terms it holds.
    fn entry(&mut self, mut e: RawEntry) {
        let name: Arc<str> = Arc::from(e.names.first().map(|(n, _)| n.as_str()).unwrap_or(""));
        let is_country = e
            .default
            .as_ref()
            .is_some_and(|d| self.countries.contains_key(&*d.code))
            && e.default.as_ref().is_some_and(|d| d.code.len() == 3);
        self.check_entry(&e, &name, is_country);
        // a country's people are its civilians ("Britons" -> GBRCVL)
        let people = if is_country {
            std::mem::take(&mut e.people)
        } else {
            Vec::new()
        };
        let (phrases, phrase_provenance) =
            self.claim(e.names.iter().chain(&e.adjectives).chain(&e.people));
        if let Some(d) = e.default.as_ref().filter(|_| !people.is_empty()) {
            self.people(&people, d);
        }
        self.role_terms(&e, &name);
        let capitals = e.capitals;
        let country_code = e.default.as_ref().map(|d| d.code.clone());
        if !phrases.is_empty() {
            self.entries.push(ActorEntry {
                phrases,
                phrase_provenance,
                default_code: e.default,
                restrictions: e.dated.into_iter().map(|d| d.code).collect(),
                provenance: e.at,
            });
        }
        if let (true, Some(code)) = (is_country, country_code) {
            for line in capitals {
                self.capital(&line, &code);
            }
        }
    }

    /// The entry of a country's `people` (demonyms): its code `country`
    /// with the civilian agent.
    fn people(&mut self, people: &[(String, Provenance)], country: &DatedCode) {
        let (phrases, phrase_provenance) = self.claim(people.iter());
        if phrases.is_empty() {
            return;
        }
        self.entries.push(ActorEntry {
            phrases,
            phrase_provenance,
            default_code: Some(DatedCode {
                code: format!("{}CVL", country.code).into(),
                range: country.range,
                provenance: people[0].1.clone(),
            }),
            restrictions: Vec::new(),
            provenance: people[0].1.clone(),
        });
    }

    /// Reports keywords only countries take, unknown code prefixes and
    /// overlapping ranges with different codes in one entry.
    fn check_entry(&mut self, e: &RawEntry, name: &str, is_country: bool) {
        if !is_country && (!e.adjectives.is_empty() || !e.capitals.is_empty()) {
            self.out.push(diag(
                &e.at,
                syntax(
                    "adj:/capital: belong to country entries (a bare 3-letter code)",
                    name,
                ),
            ));
        }
        for d in e.default.iter().chain(e.dated.iter().map(|d| &d.code)) {
            if !self.known_prefix(&d.code) {
                self.out.push(diag(
                    &d.provenance,
                    DiagnosticKind::BadCode {
                        code: d.code.to_string(),
                        reason: "unknown country or actor-type prefix",
                    },
                ));
            }
        }
        for (i, a) in e.dated.iter().enumerate() {
            for b in e.dated.iter().take(i) {
                if a.code.range != DateRange::Always
                    && b.code.range != DateRange::Always
                    && a.code.code != b.code.code
                    && overlap(a.code.range, b.code.range)
                {
                    self.out.push(diag(
                        &a.code.provenance,
                        syntax(
                            "date range overlaps another code's range for the same entry",
                            &format!("{} (other at {})", a.code.code, b.code.provenance),
                        ),
                    ));
                }
            }
        }
    }

    /// The phrases of `aliases` that have words and no earlier entry
    /// claimed, with where each was written.
    fn claim<'a>(
        &mut self,
        aliases: impl Iterator<Item = &'a (String, Provenance)>,
    ) -> (Vec<Phrase>, Vec<Provenance>) {
        let mut phrases = Vec::new();
        let mut phrase_provenance = Vec::new();
        for (text, at) in aliases {
            if let Some(p) = phrase_or_report(text, at, self.out)
                && self.seen.claim(&p, at, self.out)
            {
                phrases.push(p);
                phrase_provenance.push(at.clone());
            }
        }
        (phrases, phrase_provenance)
    }

    /// Records the role terms of `e`'s dated lines (`name` holds them).
    fn role_terms(&mut self, e: &RawEntry, name: &Arc<str>) {
        for d in &e.dated {
            let Some(key) = &d.role else { continue };
            let country = d.code.code.get(..3).unwrap_or("").to_string();
            if !self.roles.contains_key(key.as_str()) {
                self.out.push(diag(
                    &d.code.provenance,
                    syntax("unknown role (declare it with `role`)", key),
                ));
            } else if !self.countries.contains_key(&country) {
                self.out.push(diag(
                    &d.code.provenance,
                    syntax("a role's code must start with a country code", &d.code.code),
                ));
            } else {
                self.holders.insert(d.code.provenance.clone(), name.clone());
                self.terms
                    .push(((key.clone(), country), d.code.clone(), name.clone()));
            }
        }
    }

    /// An entry for one `capital:` line of the country with `code`.
    fn capital(&mut self, line: &[(String, Provenance)], code: &str) {
        let (phrases, phrase_provenance) = self.claim(line.iter());
        if let Some(at) = phrase_provenance.first().cloned() {
            self.entries.push(ActorEntry {
                phrases,
                phrase_provenance,
                default_code: Some(DatedCode {
                    code: code.into(),
                    range: DateRange::Always,
                    provenance: at.clone(),
                }),
                restrictions: Vec::new(),
                provenance: at,
            });
        }
    }

    /// Adds the role entries, one per (role, country), terms sorted by
    /// start, and returns the result.
    fn role_entries(mut self) -> Resolved {
        let mut grouped: HashMap<(String, String), Terms> = HashMap::new();
        let mut order: Vec<(String, String)> = Vec::new();
        for (k, code, name) in std::mem::take(&mut self.terms) {
            if !grouped.contains_key(&k) {
                order.push(k.clone());
            }
            grouped.entry(k).or_default().push((code, name));
        }
        for k in order {
            let (Some(mut list), Some(role), Some(country)) = (
                grouped.remove(&k),
                self.roles.get(k.0.as_str()).copied(),
                self.countries.get(&k.1),
            ) else {
                continue;
            };
            list.sort_by_key(|(c, _)| super::syntax::bounds(c.range).0);
            check_terms(&k.0, &list, self.out);
            let at = role.at.clone();
            let mut phrases = Vec::new();
            let mut phrase_provenance = Vec::new();
            for text in role_phrase_texts(role, country) {
                if let Some(p) = Phrase::parse(&text)
                    && !self.seen.0.contains_key(p.text())
                {
                    self.seen.0.insert(p.text().to_string(), at.clone());
                    phrases.push(p);
                    phrase_provenance.push(at.clone());
                }
            }
            if phrases.is_empty() {
                continue;
            }
            self.entries.push(ActorEntry {
                phrases,
                phrase_provenance,
                default_code: Some(DatedCode {
                    code: format!("{}{}", k.1, role.agent).into(),
                    range: DateRange::Always,
                    provenance: at.clone(),
                }),
                restrictions: list.into_iter().map(|(c, _)| c).collect(),
                provenance: at,
            });
        }
        Resolved {
            entries: self.entries,
            holders: self.holders,
        }
    }
}

/// Reports a term of role `key` that overlaps another holder's term; `list`
/// is one country's terms, sorted by start.
fn check_terms(key: &str, list: &[(DatedCode, Arc<str>)], out: &mut Vec<crate::Diagnostic>) {
    for (i, (a, a_name)) in list.iter().enumerate() {
        for (b, b_name) in list.iter().take(i) {
            if overlap(a.range, b.range) && a_name != b_name {
                out.push(diag(
                    &a.provenance,
                    syntax(
                        "term overlaps another holder's term of the same role",
                        &format!("{key} {a_name} / {b_name} (other at {})", b.provenance),
                    ),
                ));
            }
        }
    }
}

/// "Iraqi prime minister", "Iraq's prime minister", "prime minister of Iraq" …
fn role_phrase_texts(role: &RawRole, country: &Country) -> Vec<String> {
    let mut out = Vec::new();
    for r in &role.phrases {
        for a in &country.adjectives {
            out.push(format!("{a} {r}"));
        }
        for n in &country.names {
            out.push(format!("{n} {r}"));
            out.push(format!("{n} 's {r}"));
            out.push(format!("{n} ’s {r}"));
            out.push(format!("{r} of {n}"));
            if n.contains(' ') {
                out.push(format!("{r} of the {n}"));
                out.push(format!("the {n} 's {r}"));
            }
        }
    }
    out
}
