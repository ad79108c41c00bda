//! `dyad bench serve`: a bounded load test of a running `dyad serve`.
//!
//! `--clients` threads each keep one HTTP/1.1 connection open and send
//! requests back to back for `--seconds`, one endpoint at a time: a page of
//! the event list at a random cursor, a page of ASSAULT events in a random
//! month, one event by id (ids sampled from
//! the store first), the weekly timeline as the page asks it (answered
//! from the server's aggregate cache after the first request) and the
//! weekly timeline from a random start date (mostly cache misses, so a
//! scan of the store). Latency is from writing the request to reading the
//! whole body. Plain `std` networking keeps the client out of the way of
//! the server it measures.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Args;
use serde::Serialize;

/// `dyad bench serve`
#[derive(Debug, Args)]
pub struct BenchServeArgs {
    /// Address of a running `dyad serve` (loopback).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Concurrent clients, each with its own keep-alive connection.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub clients: u32,
    /// Seconds each endpoint is loaded for.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub seconds: u64,
    /// Events per page of the event list.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub page: u32,
}

/// The figures for one endpoint.
#[derive(Debug, Serialize)]
struct Figures {
    endpoint: &'static str,
    requests: usize,
    errors: usize,
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

/// How one client picks its next request path.
#[derive(Clone, Copy, Debug)]
enum Endpoint {
    List,
    Filtered,
    Event,
    TimelineCached,
    TimelineScan,
}

impl Endpoint {
    fn name(self) -> &'static str {
        match self {
            Endpoint::List => "event list",
            Endpoint::Filtered => "event list, type + month",
            Endpoint::Event => "one event",
            Endpoint::TimelineCached => "timeline (cached)",
            Endpoint::TimelineScan => "timeline (random from-date)",
        }
    }
}

/// What every client needs to build paths.
struct Plan {
    events: u64,
    /// The first and last years with events.
    years: (u64, u64),
    ids: Vec<String>,
    page: u32,
}

impl Plan {
    /// A random month within the store's years.
    fn month(&self, rng: &mut XorShift) -> (u64, u64) {
        let (first, last) = self.years;
        (
            first + rng.below(last.saturating_sub(first) + 1),
            1 + rng.below(12),
        )
    }

    fn path(&self, endpoint: Endpoint, rng: &mut XorShift) -> String {
        match endpoint {
            Endpoint::List => {
                let after = rng.below(self.events.max(1));
                format!("/api/events?limit={}&after={after}", self.page)
            }
            Endpoint::Filtered => {
                let (year, month) = self.month(rng);
                format!(
                    "/api/events?limit={}&type=ASSAULT&from={year}-{month:02}-01&to={year}-{month:02}-28",
                    self.page
                )
            }
            Endpoint::Event => {
                let id = &self.ids[rng.below(self.ids.len() as u64) as usize];
                format!("/api/events/{}", encode(id))
            }
            Endpoint::TimelineCached => "/api/aggregate/timeline?per=week".to_string(),
            Endpoint::TimelineScan => {
                let (year, month) = self.month(rng);
                let day = 1 + rng.below(28);
                format!("/api/aggregate/timeline?per=week&from={year}-{month:02}-{day:02}")
            }
        }
    }
}

/// Runs `dyad bench serve`; prints one line per endpoint and the figures as
/// JSON last.
pub fn run(args: &BenchServeArgs) -> anyhow::Result<ExitCode> {
    let mut conn = Conn::open(args.addr)?;
    let stats: serde_json::Value =
        serde_json::from_slice(&conn.get("/api/stats")?.1).context("reading /api/stats")?;
    let events = stats["events"].as_u64().unwrap_or(0);
    if events == 0 {
        bail!("the store behind {} holds no events", args.addr);
    }
    let ids = sample_ids(&mut conn, events)?;
    let year = |key: &str| {
        stats[key]
            .as_str()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse::<u64>().ok())
    };
    let first = year("first_date").unwrap_or(2000);
    let plan = Arc::new(Plan {
        events,
        years: (first, year("last_date").unwrap_or(first).max(first)),
        ids,
        page: args.page,
    });
    err_line!(
        "dyad: {} events; {} clients, {} s per endpoint",
        events,
        args.clients,
        args.seconds
    );
    let mut all = Vec::new();
    for endpoint in [
        Endpoint::List,
        Endpoint::Filtered,
        Endpoint::Event,
        Endpoint::TimelineCached,
        Endpoint::TimelineScan,
    ] {
        let figures = load(args, &plan, endpoint)?;
        out_line!(
            "{:<28} {:>7} requests {:>4} errors {:>8.0}/s  p50 {:>8.2} ms  p99 {:>8.2} ms  max {:>8.2} ms",
            figures.endpoint,
            figures.requests,
            figures.errors,
            figures.per_second,
            figures.p50_ms,
            figures.p99_ms,
            figures.max_ms
        )?;
        all.push(figures);
    }
    out_line!(
        "{}",
        serde_json::json!({"events": events, "clients": args.clients, "seconds": args.seconds, "endpoints": all})
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Event ids from pages at spread-out cursors.
fn sample_ids(conn: &mut Conn, events: u64) -> anyhow::Result<Vec<String>> {
    let mut ids = Vec::new();
    let mut rng = XorShift::new(7);
    for _ in 0..20 {
        let after = rng.below(events);
        let (_, body) = conn.get(&format!("/api/events?limit=50&after={after}"))?;
        let page: serde_json::Value = serde_json::from_slice(&body)?;
        for event in page["events"].as_array().into_iter().flatten() {
            if let Some(id) = event["event_id"].as_str() {
                ids.push(id.to_string());
            }
        }
    }
    if ids.is_empty() {
        bail!("no event ids found to ask for");
    }
    Ok(ids)
}

/// Loads one endpoint with every client for the configured time.
fn load(args: &BenchServeArgs, plan: &Arc<Plan>, endpoint: Endpoint) -> anyhow::Result<Figures> {
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let handles: Vec<_> = (0..args.clients)
        .map(|c| {
            let plan = Arc::clone(plan);
            let addr = args.addr;
            std::thread::spawn(move || client(addr, &plan, endpoint, deadline, c))
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for handle in handles {
        match handle.join() {
            Ok((l, e)) => {
                latencies.extend(l);
                errors += e;
            }
            Err(_) => bail!("a load-test client panicked"),
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let ms = |q: f64| -> f64 {
        if latencies.is_empty() {
            return f64::NAN;
        }
        let i = ((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[i].as_secs_f64() * 1e3
    };
    Ok(Figures {
        endpoint: endpoint.name(),
        requests: latencies.len(),
        errors,
        per_second: latencies.len() as f64 / elapsed.max(1e-9),
        p50_ms: ms(0.50),
        p99_ms: ms(0.99),
        max_ms: ms(1.0),
    })
}

/// One client: its latencies and its error count (a failed request drops
/// the connection; the client opens a new one).
fn client(
    addr: SocketAddr,
    plan: &Plan,
    endpoint: Endpoint,
    deadline: Instant,
    seed: u32,
) -> (Vec<Duration>, usize) {
    let mut rng = XorShift::new(u64::from(seed) * 7919 + 1);
    let mut latencies = Vec::new();
    let mut errors = 0;
    let mut conn = None;
    while Instant::now() < deadline {
        let c = match conn.take() {
            Some(c) => c,
            None => match Conn::open(addr) {
                Ok(c) => c,
                Err(_) => {
                    errors += 1;
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
            },
        };
        let mut c = c;
        let path = plan.path(endpoint, &mut rng);
        let start = Instant::now();
        match c.get(&path) {
            Ok((200, _)) => {
                latencies.push(start.elapsed());
                conn = Some(c);
            }
            Ok(_) => {
                errors += 1;
                conn = Some(c);
            }
            Err(_) => errors += 1,
        }
    }
    (latencies, errors)
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    reader: BufReader<TcpStream>,
}

impl Conn {
    fn open(addr: SocketAddr) -> anyhow::Result<Conn> {
        let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
            .with_context(|| format!("connecting to {addr}"))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        Ok(Conn {
            reader: BufReader::new(stream),
        })
    }

    /// Sends `GET path` and reads the status and the whole body.
    fn get(&mut self, path: &str) -> anyhow::Result<(u16, Vec<u8>)> {
        let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        self.reader.get_mut().write_all(request.as_bytes())?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .with_context(|| format!("bad status line {line:?}"))?;
        let mut length = None;
        let mut chunked = false;
        loop {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                bail!("connection closed in the headers");
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                let value = value.trim();
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.parse::<usize>().ok();
                } else if name.eq_ignore_ascii_case("transfer-encoding") {
                    chunked = value.eq_ignore_ascii_case("chunked");
                }
            }
        }
        let body = match (chunked, length) {
            (true, _) => self.chunked()?,
            (false, Some(n)) => {
                let mut body = vec![0; n];
                self.reader.read_exact(&mut body)?;
                body
            }
            (false, None) => bail!("a response with neither length nor chunks"),
        };
        Ok((status, body))
    }

    fn chunked(&mut self) -> anyhow::Result<Vec<u8>> {
        let mut body = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .with_context(|| format!("bad chunk size {line:?}"))?;
            let start = body.len();
            body.resize(start + size, 0);
            self.reader.read_exact(&mut body[start..])?;
            line.clear();
            self.reader.read_line(&mut line)?;
            if size == 0 {
                return Ok(body);
            }
        }
    }
}

/// Percent-encodes an id for a path segment.
fn encode(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A small deterministic generator: requests differ between clients and
/// runs of the command are comparable.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> XorShift {
        XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}
