//! One-to-one matching of system events to the gold events of a document,
//! and the field comparisons.

use super::{GoldActor, GoldDocument, GoldEvent, SystemEvent};

/// What a match needs besides the place and the PLOVER type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Nothing more.
    Type,
    /// Both actors' countries equal (`null` = `null`).
    Country,
    /// Both actor codes equal.
    Code,
}

impl Level {
    /// The three levels, loosest first.
    pub const ALL: [Level; 3] = [Level::Type, Level::Country, Level::Code];
}

/// Whether a scored event lies in the annotated part of `doc`'s text: its
/// trigger (else its sentence) starts before `annotated_chars`.
pub(super) fn inside(doc: &GoldDocument, e: &SystemEvent) -> bool {
    e.trigger_span
        .or(e.sentence_span)
        .is_some_and(|[start, _]| start < doc.annotated_chars)
}

/// Whether `e` is in the right place for `g`: its sentence contains the
/// gold trigger, or its trigger overlaps it.
fn placed(g: &GoldEvent, e: &SystemEvent) -> bool {
    let [start, end] = g.trigger_span;
    let contains = e.sentence_span.is_some_and(|[s, t]| s <= start && end <= t);
    contains || overlaps(g, e)
}

fn overlaps(g: &GoldEvent, e: &SystemEvent) -> bool {
    let [start, end] = g.trigger_span;
    e.trigger_span
        .is_some_and(|[s, t]| s < end.max(start + 1) && start < t.max(s + 1))
}

fn same_field(gold: Option<&str>, system: Option<&str>) -> bool {
    let norm = |v: Option<&str>| {
        v.map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_ascii_uppercase)
    };
    norm(gold) == norm(system)
}

fn actor_field(actor: Option<&GoldActor>, code: bool) -> Option<&str> {
    actor.and_then(|a| if code { &a.code } else { &a.country }.as_deref())
}

fn same_countries(g: &GoldEvent, e: &SystemEvent) -> bool {
    same_field(
        actor_field(g.source.as_ref(), false),
        e.source_country.as_deref(),
    ) && same_field(
        actor_field(g.target.as_ref(), false),
        e.target_country.as_deref(),
    )
}

fn same_codes(g: &GoldEvent, e: &SystemEvent) -> bool {
    same_field(
        actor_field(g.source.as_ref(), true),
        e.source_code.as_deref(),
    ) && same_field(
        actor_field(g.target.as_ref(), true),
        e.target_code.as_deref(),
    )
}

/// Whether `e` may match `g` at `level`.
fn candidate(g: &GoldEvent, e: &SystemEvent, level: Level) -> bool {
    let same_type = e
        .plover
        .as_deref()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case(g.plover.trim()));
    same_type
        && placed(g, e)
        && match level {
            Level::Type => true,
            Level::Country => same_countries(g, e),
            Level::Code => same_codes(g, e),
        }
}

/// A maximum one-to-one matching of `system` to `doc`'s gold events at
/// `level`, as (gold, system) index pairs sorted by gold index.
///
/// Pairs with equal codes are matched first, then pairs with equal
/// countries, then the rest: each round extends the matching by
/// augmenting paths over its own and the earlier rounds' pairs, so the
/// result has maximum size while keeping the better pairs where a choice
/// is left. Within a round, candidates whose trigger overlaps come first.
pub(super) fn match_document(
    doc: &GoldDocument,
    system: &[&SystemEvent],
    level: Level,
) -> Vec<(usize, usize)> {
    let mut owner: Vec<Option<usize>> = vec![None; system.len()];
    let rounds = match level {
        Level::Code => &[Level::Code][..],
        Level::Country => &[Level::Code, Level::Country][..],
        Level::Type => &[Level::Code, Level::Country, Level::Type][..],
    };
    for round in rounds {
        let candidates: Vec<Vec<usize>> = doc
            .events
            .iter()
            .map(|g| {
                let mut c: Vec<usize> = (0..system.len())
                    .filter(|&s| candidate(g, system[s], level) && candidate(g, system[s], *round))
                    .collect();
                c.sort_by_key(|&s| (!overlaps(g, system[s]), s));
                c
            })
            .collect();
        let matched: Vec<bool> = (0..candidates.len())
            .map(|g| owner.contains(&Some(g)))
            .collect();
        for g in (0..candidates.len()).filter(|&g| !matched[g]) {
            let mut seen = vec![false; system.len()];
            augment(g, &candidates, &mut owner, &mut seen);
        }
    }
    let mut pairs: Vec<(usize, usize)> = owner
        .iter()
        .enumerate()
        .filter_map(|(s, g)| g.map(|g| (g, s)))
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Kuhn's augmenting path search from gold event `g`.
fn augment(
    g: usize,
    candidates: &[Vec<usize>],
    owner: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for &s in &candidates[g] {
        if seen[s] {
            continue;
        }
        seen[s] = true;
        let free = match owner[s] {
            None => true,
            Some(other) => augment(other, candidates, owner, seen),
        };
        if free {
            owner[s] = Some(g);
            return true;
        }
    }
    false
}

/// A date as (year, month, day), month and day 0 when absent.
fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.trim().get(..10.min(text.trim().len()))?.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next().map_or(Some(0), |m| m.parse().ok())?;
    let day = parts.next().map_or(Some(0), |d| d.parse().ok())?;
    Some((year, month, day))
}

/// Whether `system` is `gold` at the gold `precision`: same year, same
/// month, within six days (`week`) or the same day.
pub(super) fn same_date(gold: &str, system: &str, precision: &str) -> bool {
    let (Some(g), Some(s)) = (parse_date(gold), parse_date(system)) else {
        return false;
    };
    match precision {
        "year" => g.0 == s.0,
        "month" => (g.0, g.1) == (s.0, s.1),
        "week" => {
            let days = |(y, m, d): (i32, u32, u32)| {
                dyad_core::Date::from_ymd(y, m.max(1), d.max(1)).map(|d| d.to_days())
            };
            match (days(g), days(s)) {
                (Some(a), Some(b)) => (a - b).abs() <= 6,
                _ => false,
            }
        }
        _ => g == s,
    }
}

/// Whether two phrases agree: equal ignoring case and surrounding
/// spaces, or one contains the other. A missing phrase agrees with
/// nothing.
pub(super) fn similar(gold: Option<&str>, system: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (gold, system) else {
        return false;
    };
    let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}
