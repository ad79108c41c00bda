//! Cross-article deduplication: which coded events are the same real-world
//! event reported several times.
//!
//! Two events may share a cluster when they have the same source code, the
//! same target code and the same CAMEO root, their event dates are within a
//! window of the cluster's first date, and their places agree (equal, or at
//! least one unknown). Events without a date cluster only with other
//! undated events of the same dyad. Each cluster reports `mentions` (its
//! events), `documents` (distinct documents) and `sources` (distinct
//! outlets), in the spirit of GDELT's NumMentions, NumArticles and
//! NumSources.
//!
//! Clustering is deterministic: cluster ids are numbered in order of each
//! cluster's first event in the input, whatever the thread count upstream.
//!
//! This crate knows nothing of records, JSON or documents: callers pass the
//! few fields it needs as [`EventKey`]s.
//!
//! ```
//! use dyad_cluster::{EventKey, cluster};
//!
//! let key = |doc: &str, outlet: &str, day: i64| EventKey {
//!     document: doc.into(),
//!     outlet: outlet.into(),
//!     source: Some("IRQCOP".into()),
//!     target: Some("IRQOPP".into()),
//!     cameo_root: "18".into(),
//!     day: Some(day),
//!     place: Some("Baghdad".into()),
//! };
//! let events = [key("a", "AP", 100), key("b", "Reuters", 101), key("c", "AP", 130)];
//! let clusters = cluster(&events, 3);
//! assert_eq!(clusters[0].cluster_id, clusters[1].cluster_id);
//! assert_eq!((clusters[0].mentions, clusters[0].sources), (2, 2));
//! assert_ne!(clusters[2].cluster_id, clusters[0].cluster_id);
//! ```

use std::collections::{BTreeMap, HashSet};

/// What clustering needs to know about one event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventKey {
    /// The document the event was coded from.
    pub document: String,
    /// The outlet that published the document (its source or URL host;
    /// the document itself when unknown).
    pub outlet: String,
    /// Source actor code.
    pub source: Option<String>,
    /// Target actor code.
    pub target: Option<String>,
    /// CAMEO root ("18").
    pub cameo_root: String,
    /// Event date as days since 1970-01-01.
    pub day: Option<i64>,
    /// Place name (or gazetteer id), lower-cased by the caller if needed.
    pub place: Option<String>,
}

/// The cluster of one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    /// Cluster id, `c1`, `c2` … in order of first appearance.
    pub cluster_id: String,
    /// Events in the cluster.
    pub mentions: usize,
    /// Distinct documents in the cluster.
    pub documents: usize,
    /// Distinct outlets in the cluster.
    pub sources: usize,
}

/// Source code, target code and CAMEO root: events of one group.
type DyadKey<'a> = (&'a Option<String>, &'a Option<String>, &'a str);

/// One open cluster while scanning a dyad's events in date order.
struct Open {
    anchor: Option<i64>,
    place: Option<String>,
    members: Vec<usize>,
}

/// Assigns every event a cluster; `window_days` is how far an event's date
/// may be from its cluster's first date.
pub fn cluster(events: &[EventKey], window_days: i64) -> Vec<Assignment> {
    // Group by dyad and root, keeping input order inside each group.
    let mut groups: BTreeMap<DyadKey<'_>, Vec<usize>> = BTreeMap::new();
    for (i, e) in events.iter().enumerate() {
        groups
            .entry((&e.source, &e.target, e.cameo_root.as_str()))
            .or_default()
            .push(i);
    }
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for members in groups.into_values() {
        let mut order = members;
        // Undated first, then by date; ties keep input order (stable sort).
        order.sort_by_key(|&i| events[i].day);
        let mut open: Vec<Open> = Vec::new();
        for i in order {
            let e = &events[i];
            let fits = |c: &Open| {
                let date_ok = match (c.anchor, e.day) {
                    (None, None) => true,
                    (Some(a), Some(d)) => (d - a).abs() <= window_days,
                    _ => false,
                };
                let place_ok = match (&c.place, &e.place) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                };
                date_ok && place_ok
            };
            match open.iter_mut().find(|c| fits(c)) {
                Some(c) => {
                    c.members.push(i);
                    if c.place.is_none() {
                        c.place.clone_from(&e.place);
                    }
                }
                None => open.push(Open {
                    anchor: e.day,
                    place: e.place.clone(),
                    members: vec![i],
                }),
            }
        }
        clusters.extend(open.into_iter().map(|c| c.members));
    }
    // Number clusters by their first event in input order.
    for members in &mut clusters {
        members.sort_unstable();
    }
    clusters.sort_by_key(|members| members[0]);
    let mut out: Vec<Option<Assignment>> = vec![None; events.len()];
    for (n, members) in clusters.iter().enumerate() {
        let documents: HashSet<&str> = members
            .iter()
            .map(|&i| events[i].document.as_str())
            .collect();
        let sources: HashSet<&str> = members.iter().map(|&i| events[i].outlet.as_str()).collect();
        for &i in members {
            out[i] = Some(Assignment {
                cluster_id: format!("c{}", n + 1),
                mentions: members.len(),
                documents: documents.len(),
                sources: sources.len(),
            });
        }
    }
    out.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn event(
        doc: &str,
        source: &str,
        target: &str,
        root: &str,
        day: Option<i64>,
        place: Option<&str>,
    ) -> EventKey {
        EventKey {
            document: doc.into(),
            outlet: format!("outlet-{doc}"),
            source: Some(source.into()),
            target: Some(target.into()),
            cameo_root: root.into(),
            day,
            place: place.map(str::to_string),
        }
    }

    #[test]
    fn same_dyad_root_date_and_place_cluster() {
        let events = [
            event("a", "IRQCOP", "IRQOPP", "18", Some(10), Some("baghdad")),
            event("b", "IRQCOP", "IRQOPP", "18", Some(12), None),
            event("c", "IRQCOP", "IRQOPP", "18", Some(11), Some("basra")),
            event("d", "IRQCOP", "IRQOPP", "14", Some(10), Some("baghdad")),
            event("e", "IRNGOV", "USAGOV", "11", None, None),
            event("f", "IRNGOV", "USAGOV", "11", None, None),
            event("g", "IRQCOP", "IRQOPP", "18", Some(20), Some("baghdad")),
        ];
        let c = cluster(&events, 3);
        let ids: Vec<&str> = c.iter().map(|a| a.cluster_id.as_str()).collect();
        assert_eq!(ids, ["c1", "c1", "c2", "c3", "c4", "c4", "c5"]);
        assert_eq!((c[0].mentions, c[0].documents, c[0].sources), (2, 2, 2));
        assert_eq!(c[2].mentions, 1);
    }

    proptest! {
        #[test]
        fn every_event_gets_one_consistent_cluster(
            raw in proptest::collection::vec((0u8..3, 0u8..3, 0u8..2, proptest::option::of(0i64..30), proptest::option::of(0u8..2)), 0..60)
        ) {
            let events: Vec<EventKey> = raw
                .iter()
                .enumerate()
                .map(|(i, (s, t, r, d, p))| event(&format!("d{}", i % 7), &s.to_string(), &t.to_string(), &r.to_string(), *d, p.map(|p| if p == 0 { "x" } else { "y" })))
                .collect();
            let assignments = cluster(&events, 2);
            prop_assert_eq!(assignments.len(), events.len());
            let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
            for a in &assignments {
                *sizes.entry(a.cluster_id.as_str()).or_default() += 1;
            }
            for (a, e) in assignments.iter().zip(&events) {
                prop_assert_eq!(a.mentions, sizes[a.cluster_id.as_str()]);
                prop_assert!(a.documents <= a.mentions && a.sources <= a.mentions);
                // Members share dyad and root.
                for (b, f) in assignments.iter().zip(&events) {
                    if a.cluster_id == b.cluster_id {
                        prop_assert_eq!((&e.source, &e.target, &e.cameo_root), (&f.source, &f.target, &f.cameo_root));
                    }
                }
            }
        }
    }
}
