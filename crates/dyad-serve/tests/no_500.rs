//! Property test: no query string makes the server answer 500 (or
//! anything but a JSON body).

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use proptest::prelude::*;

/// Names the endpoints know, and some they do not.
const NAMES: &[&str] = &[
    "actor",
    "country",
    "type",
    "cameo",
    "quad_class",
    "from",
    "to",
    "place",
    "text",
    "doc_id",
    "after",
    "limit",
    "per",
    "by",
    "x",
    "",
];

/// Values worth trying: valid ones, edge cases, FTS5 syntax, SQL, junk.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("ASSAULT".to_string()),
        Just("TUR".to_string()),
        Just("2018-03-01".to_string()),
        Just("19".to_string()),
        Just("-1".to_string()),
        Just("99999999999999999999".to_string()),
        Just("%22".to_string()),
        Just("%FF%FE".to_string()),
        Just("'; DROP TABLE events; --".to_string()),
        Just("NEAR(a b".to_string()),
        Just("week".to_string()),
        "[ -~]{0,12}",
        "\\PC{0,8}",
    ]
}

fn pair() -> impl Strategy<Value = String> {
    (prop::sample::select(NAMES), value()).prop_map(|(k, v)| {
        // bytes a request line cannot hold are percent-encoded; `%` stays,
        // so malformed escapes (`%G1`, `%FF`) reach the server too
        let v: String = v
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'%' => {
                    char::from(b).to_string()
                }
                b => format!("%{b:02X}"),
            })
            .collect();
        format!("{k}={v}")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_query_string_gives_500(
        path in prop::sample::select(&[
            "/api/events", "/api/aggregate/timeline", "/api/aggregate/dyads",
            "/api/aggregate/places", "/api/aggregate/countries", "/api/stats",
        ][..]),
        pairs in prop::collection::vec(pair(), 0..5),
    ) {
        let target = format!("{path}?{}", pairs.join("&"));
        let reply = get(&target);
        prop_assert!(reply.status < 500, "{target}: {} {}", reply.status, String::from_utf8_lossy(&reply.body));
        prop_assert!(serde_json::from_slice::<serde_json::Value>(&reply.body).is_ok(), "{target}");
    }
}
