//! The page in a real browser: headless Chromium driven over WebDriver
//! (Debian's `chromium` and `chromium-driver`; `.ci/run` installs them).
//! Without them the test is skipped with a message on stderr, past
//! libtest's capture.
//!
//! The WebDriver protocol is JSON over HTTP, spoken here with the std-only
//! client of `common`, so the test adds no crate to the build.
//!
//! `DYAD_SCREENSHOTS=DIR` saves a PNG of each view there (the README's
//! screenshots: `docs/img/`); `DYAD_BROWSER_DB=FILE` uses that store
//! instead of the synthetic one.

#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use dyad_pipeline::{Pipeline, PipelineConfig};
use dyad_serve::{Limits, Server};
use serde_json::{Value, json};

/// The first of `names` on the PATH.
fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

struct Driver {
    child: Child,
    addr: SocketAddr,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = request(
            self.addr,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start(driver: &Path, browser: &Path) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": browser,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1400,1100"]
            },
            "goog:loggingPrefs": {"browser": "ALL"}
        }}});
        let reply = request(addr, "POST", "/session", Some(caps.to_string().as_bytes()));
        let value = reply.json();
        let session = value["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no WebDriver session: {value}"))
            .to_string();
        Driver {
            child,
            addr,
            session,
        }
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let target = format!("/session/{}{path}", self.session);
        let body = body.to_string();
        let reply = request(
            self.addr,
            method,
            &target,
            (method == "POST").then_some(body.as_bytes()),
        );
        let value = reply.json();
        assert_eq!(reply.status, 200, "{method} {path}: {value}");
        value["value"].clone()
    }

    fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
    }

    /// Waits until `script` returns something truthy, and returns it.
    fn wait(&self, what: &str, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let v = self.script(script);
            let truthy =
                !matches!(&v, Value::Null | Value::Bool(false)) && v != json!(0) && v != json!("");
            if truthy {
                return v;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The WebDriver id of the first element matching `css`.
    fn element(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap()
            .to_string()
    }

    fn click(&self, css: &str) {
        let id = self.element(css);
        self.call("POST", &format!("/element/{id}/click"), json!({}));
    }

    /// Browser console entries at level SEVERE since the last call.
    fn console_errors(&self) -> Vec<String> {
        let logs = self.call("POST", "/se/log", json!({"type": "browser"}));
        logs.as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].to_string())
            .collect()
    }

    fn screenshot(&self, name: &str) {
        self.save_png(name, "/screenshot");
    }

    /// A screenshot of the element `css` alone (scrolled into view).
    fn element_screenshot(&self, css: &str, name: &str) {
        if std::env::var_os("DYAD_SCREENSHOTS").is_none() {
            return;
        }
        let id = self.element(css);
        self.save_png(name, &format!("/element/{id}/screenshot"));
    }

    fn save_png(&self, name: &str, path: &str) {
        let Some(dir) = std::env::var_os("DYAD_SCREENSHOTS") else {
            return;
        };
        let data = self.call("GET", path, Value::Null);
        let png = base64(data.as_str().unwrap());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text
        .bytes()
        .filter(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/')
        .map(value)
        .collect();
    digits
        .chunks(4)
        .flat_map(|c| {
            let n = c
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, d)| n | u32::from(*d) << (18 - 6 * i));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(c.len() - 1)
        })
        .collect()
}

fn skip(reason: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "dyad-serve: skipped the browser test: {reason}"
    );
}

#[test]
fn the_page_works_in_headless_chromium() {
    let (Some(driver), Some(browser)) = (
        find(&["chromedriver"]),
        find(&["chromium", "chromium-browser", "google-chrome"]),
    ) else {
        skip(
            "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
        );
        return;
    };
    let pipeline = Pipeline::new(PipelineConfig::default()).unwrap();
    let addr = match std::env::var_os("DYAD_BROWSER_DB") {
        Some(db) => {
            let server = Server::bind(
                "127.0.0.1:0".parse().unwrap(),
                Path::new(&db),
                Some(pipeline),
                Limits::default(),
            )
            .unwrap();
            let addr = server.local_addr();
            std::thread::spawn(move || server.run());
            addr
        }
        None => start(Some(pipeline), Limits::default()),
    };
    let d = Driver::start(&driver, &browser);
    d.call("POST", "/url", json!({"url": format!("http://{addr}/")}));

    // it loads: rows, bars, points, edges, no console errors
    d.wait(
        "table rows",
        "return document.querySelectorAll('#events tbody tr').length",
    );
    d.wait(
        "timeline bars",
        "return document.querySelectorAll('#timeline rect.bar').length",
    );
    let points = d.wait(
        "map points",
        "return document.querySelectorAll('#map circle.point').length",
    );
    assert!(points.as_u64().unwrap() > 0);
    d.wait(
        "network edges",
        "return document.querySelectorAll('#network path.edge').length",
    );
    assert!(
        d.script("return document.querySelectorAll('#map path.country').length")
            .as_u64()
            .unwrap()
            > 100
    );
    assert_eq!(d.console_errors(), Vec::<String>::new());
    d.screenshot("page");
    d.element_screenshot("#timeline-section", "timeline");
    d.element_screenshot("#map-section", "map");
    d.element_screenshot("#network-section", "network");

    // filtering by type changes the rows and the timeline
    let types = "return [...new Set([...document.querySelectorAll('#events tbody tr')].map(r => r.dataset.type))]";
    let before = d.script(types);
    assert!(before.as_array().unwrap().len() > 1, "{before}");
    // a real type (rows of events with no PLOVER type have an empty one)
    let wanted = before
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .find(|t| !t.is_empty())
        .unwrap()
        .to_string();
    d.script(&format!(
        "const s = document.querySelector('#f-type'); s.value = '{wanted}'; s.dispatchEvent(new Event('change'));"
    ));
    d.wait(
        "filtered rows",
        &format!("const r = [...document.querySelectorAll('#events tbody tr')]; return r.length > 0 && r.every(x => x.dataset.type === '{wanted}')"),
    );
    d.wait(
        "filtered timeline",
        &format!("const b = [...document.querySelectorAll('#timeline rect.bar')]; return b.length > 0 && b.every(x => x.dataset.type === '{wanted}')"),
    );
    assert_eq!(d.console_errors(), Vec::<String>::new());
    d.screenshot("filtered");
    d.element_screenshot("#table-section", "table");

    // a row opens the evidence view, the spans marked at the right text
    d.click("#events tbody tr");
    d.wait("evidence view", "return !document.querySelector('#evidence').hidden && document.querySelector('#evidence mark.trigger')");
    let id = d.script("return document.querySelector('#events tbody tr').dataset.event");
    let record = get_record(addr, id.as_str().unwrap());
    let marked = |class: &str| {
        d.script(&format!(
            "return document.querySelector('#evidence .current mark.{class}')?.textContent"
        ))
    };
    assert_eq!(marked("source"), record["source"]["text"]);
    assert_eq!(marked("target"), record["target"]["text"]);
    assert_eq!(marked("trigger"), record["evidence"]["verb"]);
    d.screenshot("evidence");
    d.click("#evidence-close");

    // a map point opens the evidence view too
    d.script("document.querySelector('#map circle.point').dispatchEvent(new MouseEvent('click'))");
    d.wait(
        "evidence from the map",
        "return !document.querySelector('#evidence').hidden",
    );
    d.click("#evidence-close");

    // the "code this text" box returns events, shown the same way
    d.script("document.querySelector('#code-text').value = 'Chad attacked Niger on Monday. Russia criticized Ukraine.'");
    d.click("#code-form button");
    d.wait(
        "coded events",
        "return document.querySelectorAll('#code-result li').length",
    );
    d.wait("coded evidence", "return !document.querySelector('#evidence').hidden && document.querySelector('#evidence mark.source')?.textContent");
    assert_eq!(d.console_errors(), Vec::<String>::new());
    d.screenshot("code");
    d.click("#evidence-close");
    d.element_screenshot("#code-section", "code-box");
}

fn get_record(addr: SocketAddr, id: &str) -> Value {
    request(addr, "GET", &format!("/api/events/{id}"), None).json()["record"].clone()
}
