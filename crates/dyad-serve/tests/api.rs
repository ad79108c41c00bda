//! The JSON API against a real server on 127.0.0.1: filters, pagination,
//! aggregates, evidence, static assets and every error path.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;

#[test]
fn events_are_paged_by_cursor_and_filtered() {
    let reply = get("/api/events?limit=50");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type, "application/json");
    let mut seen = Vec::new();
    let mut target = "/api/events?limit=50".to_string();
    loop {
        let page = get(&target).json();
        for e in page["events"].as_array().unwrap() {
            seen.push(e["event_id"].as_str().unwrap().to_string());
        }
        match page["next"].as_i64() {
            Some(next) => target = format!("/api/events?limit=50&after={next}"),
            None => break,
        }
    }
    assert_eq!(seen.len() as u64, DOCUMENTS * 3);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len());

    let page = get("/api/events?type=assault&country=TUR&limit=1000").json();
    let events = page["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        assert_eq!(e["plover"]["event_type"], "ASSAULT");
        assert!(e["source"]["country"] == "TUR" || e["target"]["country"] == "TUR");
    }
    let page = get("/api/events?text=%22Iraqi%20officials%22&from=2018-02-01&to=2018-06-30").json();
    for e in page["events"].as_array().unwrap() {
        assert!(e["sentence"].as_str().unwrap().contains("Iraqi officials"));
        let date = e["event_date"].as_str().unwrap();
        assert!(("2018-02-01"..="2018-06-30").contains(&date), "{date}");
    }
    let page = get("/api/events?place=kyiv&cameo=19&quad_class=4").json();
    for e in page["events"].as_array().unwrap() {
        assert_eq!(e["location"]["name"], "Kyiv");
        assert_eq!(e["cameo"], "190");
    }
}

#[test]
fn one_event_and_its_document_carry_the_evidence() {
    let page = get("/api/events?limit=1").json();
    let id = page["events"][0]["event_id"].as_str().unwrap().to_string();
    let view = get(&format!("/api/events/{id}")).json();
    assert_eq!(view["record"]["event_id"], id.as_str());
    assert_eq!(view["doc_origin"], "synthetic");
    assert_eq!(view["content_hash"].as_str().unwrap().len(), 16);

    let doc_id = view["record"]["doc_id"].as_str().unwrap();
    let doc = get(&format!("/api/documents/{doc_id}")).json();
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    assert_eq!(doc["sentences"].as_array().unwrap().len(), 3);
    for e in doc["events"].as_array().unwrap() {
        for (span, want) in [
            (&e["source"]["span"], &e["source"]["text"]),
            (&e["target"]["span"], &e["target"]["text"]),
            (&e["evidence"]["verb_span"], &e["evidence"]["verb"]),
        ] {
            let (a, b) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            let got: String = text[a..b].iter().collect();
            assert_eq!(got, want.as_str().unwrap());
        }
    }
}

#[test]
fn aggregates_answer_every_kind() {
    let rows = get("/api/aggregate/timeline?per=month&by=quad").json();
    let total: i64 = rows["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_i64().unwrap())
        .sum();
    assert_eq!(total as u64, DOCUMENTS * 3);
    for kind in ["dyads", "country-dyads", "countries", "places"] {
        let reply = get(&format!("/api/aggregate/{kind}?limit=3&type=ASSAULT"));
        assert_eq!(reply.status, 200, "{kind}");
        let rows = reply.json();
        let rows = rows["rows"].as_array().unwrap();
        assert!(!rows.is_empty() && rows.len() <= 3, "{kind}");
    }
    let places = get("/api/aggregate/places").json();
    assert!(places["rows"][0]["lat"].is_f64());
    let stats = get("/api/stats").json();
    assert_eq!(stats["events"].as_u64(), Some(DOCUMENTS * 3));
}

#[test]
fn the_openapi_document_names_every_route() {
    let spec = get("/api/openapi.json").json();
    assert_eq!(spec["openapi"], "3.0.3");
    for path in [
        "/api/events",
        "/api/events/{id}",
        "/api/documents/{id}",
        "/api/aggregate/{kind}",
        "/api/code",
        "/api/stats",
    ] {
        assert!(spec["paths"][path].is_object(), "{path}");
    }
}

#[test]
fn assets_are_served_by_exact_name_only() {
    let index = get("/");
    assert_eq!(index.status, 200);
    assert!(index.content_type.starts_with("text/html"));
    for asset in dyad_serve::assets::ASSETS {
        let reply = get(&format!("/assets/{}", asset.name));
        assert_eq!(reply.status, 200, "{}", asset.name);
        assert_eq!(reply.body, asset.bytes);
    }
    for path in [
        "/assets/../Cargo.toml",
        "/assets/..%2F..%2FCargo.toml",
        "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/assets/app.js/",
        "/assets/APP.JS",
        "/etc/passwd",
    ] {
        let reply = get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.json()["status"], 404);
    }
}

#[test]
fn every_error_is_json_with_its_status() {
    let cases: &[(&str, &str, u16)] = &[
        ("GET", "/api/events?nope=1", 400),
        ("GET", "/api/events?limit=0", 400),
        ("GET", "/api/events?limit=1001", 400),
        ("GET", "/api/events?limit=abc", 400),
        ("GET", "/api/events?after=1.5", 400),
        ("GET", "/api/events?type=AID&type=AID", 400),
        ("GET", "/api/events?country=TURKEY", 400),
        ("GET", "/api/events?from=2019-02-30", 400),
        ("GET", "/api/events?from=2019-03-01&to=2019-01-01", 400),
        ("GET", "/api/events?quad_class=9", 400),
        ("GET", "/api/events?cameo=x1", 400),
        ("GET", "/api/events?text=%22open", 400),
        ("GET", "/api/events?text=AND", 400),
        ("GET", "/api/events/no-such-event", 404),
        ("GET", "/api/documents/no-such-document", 404),
        ("GET", "/api/aggregate/nonsense", 404),
        ("GET", "/api/aggregate/timeline?per=year", 400),
        ("GET", "/api/aggregate/timeline?by=actor", 400),
        ("GET", "/api/aggregate/places?limit=0", 400),
        ("GET", "/api/stats?x=1", 400),
        ("GET", "/api/nothing", 404),
        ("DELETE", "/api/events", 405),
        ("POST", "/api/events", 405),
        ("GET", "/api/code", 405),
    ];
    for (method, target, status) in cases {
        let reply = request(server(), method, target, None);
        assert_eq!(
            reply.status,
            *status,
            "{method} {target}: {}",
            String::from_utf8_lossy(&reply.body)
        );
        let body = reply.json();
        assert_eq!(body["status"], *status, "{method} {target}");
        assert!(!body["error"].as_str().unwrap().is_empty());
    }
    // without a pipeline, coding is unavailable, clearly
    let reply = request(
        server(),
        "POST",
        "/api/code",
        Some(br#"{"text":"Chad attacked Niger."}"#),
    );
    assert_eq!(reply.status, 503);
    assert!(reply.json()["error"].as_str().unwrap().contains("pipeline"));
}
