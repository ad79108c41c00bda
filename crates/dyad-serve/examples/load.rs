//! A bounded load test of `dyad serve` on loopback: N concurrent clients
//! (threads with keep-alive connections) send requests of one scenario for
//! a fixed time; prints p50, p99 and max latency and the request rate, as
//! text and as a JSON line.
//!
//! ```text
//! dyad db synth big.sqlite --documents 340000      # 1,020,000 events
//! dyad serve --db big.sqlite --no-code &
//! cargo run --release -p dyad-serve --example load -- 127.0.0.1:8080 list 50 20
//! ```
//!
//! Scenarios: `list` (a page of 100 events after a random cursor), `first`
//! (the first page), `event` (one event by a random id of a synthetic
//! store), `timeline` (events per week by PLOVER type, whole store),
//! `filtered` (a page of ASSAULT events in a random month).

#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!(
            "usage: load ADDR SCENARIO [CLIENTS=50] [SECONDS=20] [DOCUMENTS=340000] [PREFIX=synth]"
        );
        std::process::exit(2);
    }
    let addr: SocketAddr = args[0].parse().expect("ADDR like 127.0.0.1:8080");
    let scenario = args[1].clone();
    let clients: usize = args.get(2).map_or(50, |s| s.parse().expect("CLIENTS"));
    let seconds: u64 = args.get(3).map_or(20, |s| s.parse().expect("SECONDS"));
    let documents: u64 = args
        .get(4)
        .map_or(340_000, |s| s.parse().expect("DOCUMENTS"));
    let prefix = args.get(5).cloned().unwrap_or_else(|| "synth".to_string());
    let events = documents * 3;
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|c| {
            let scenario = scenario.clone();
            let prefix = prefix.clone();
            std::thread::spawn(move || {
                let mut rng = 0x9E37_79B9_7F4A_7C15u64 ^ (c as u64 + 1);
                let mut next = move |n: u64| {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    rng % n.max(1)
                };
                let mut conn = Conn::open(addr);
                let mut latencies = Vec::new();
                let mut errors = 0u64;
                while Instant::now() < deadline {
                    let target = match scenario.as_str() {
                        "list" => format!("/api/events?limit=100&after={}", next(events)),
                        "first" => "/api/events?limit=100".to_string(),
                        "event" => format!("/api/events/{prefix}-{}-{}-0", next(documents), next(3)),
                        "timeline" => "/api/aggregate/timeline?per=week&by=plover".to_string(),
                        "filtered" => {
                            let month = next(24);
                            let (y, m) = (2018 + month / 12, month % 12 + 1);
                            format!("/api/events?type=ASSAULT&from={y}-{m:02}-01&to={y}-{m:02}-28&limit=100")
                        }
                        other => panic!("unknown scenario {other}"),
                    };
                    let t = Instant::now();
                    match conn.get(&target) {
                        Some(200) => latencies.push(t.elapsed()),
                        _ => {
                            errors += 1;
                            conn = Conn::open(addr);
                        }
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for t in threads {
        let (l, e) = t.join().unwrap();
        all.extend(l);
        errors += e;
    }
    let wall = started.elapsed().as_secs_f64();
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    let (p50, p99, max) = (
        pct(0.50),
        pct(0.99),
        all.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
    );
    println!(
        "{scenario}: {clients} clients, {seconds} s: {} requests ({:.0}/s), {errors} errors; p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms",
        all.len(),
        all.len() as f64 / wall
    );
    println!(
        "{{\"scenario\":\"{scenario}\",\"clients\":{clients},\"requests\":{},\"errors\":{errors},\"rps\":{:.0},\"p50_ms\":{p50:.2},\"p99_ms\":{p99:.2},\"max_ms\":{max:.2}}}",
        all.len(),
        all.len() as f64 / wall
    );
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    reader: BufReader<TcpStream>,
}

impl Conn {
    fn open(addr: SocketAddr) -> Conn {
        let stream = TcpStream::connect(addr).expect("connect");
        stream.set_nodelay(true).ok();
        Conn {
            reader: BufReader::new(stream),
        }
    }

    /// GET `target`; the status, or `None` when the connection failed.
    fn get(&mut self, target: &str) -> Option<u16> {
        let head = format!("GET {target} HTTP/1.1\r\nHost: load\r\n\r\n");
        self.reader.get_mut().write_all(head.as_bytes()).ok()?;
        let mut line = String::new();
        self.reader.read_line(&mut line).ok()?;
        let status = line.split(' ').nth(1)?.parse().ok()?;
        let mut length = 0usize;
        loop {
            line.clear();
            self.reader.read_line(&mut line).ok()?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().ok()?;
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).ok()?;
        Some(status)
    }
}
