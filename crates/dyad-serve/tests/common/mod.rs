//! A real server on 127.0.0.1 over a synthetic store, and a minimal
//! HTTP/1.1 client (std only) to talk to it.

#![allow(dead_code, clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::OnceLock;

use dyad_serve::{Limits, Server};
use dyad_store::{Store, synth};

/// Synthetic documents in the test store (three events each).
pub const DOCUMENTS: u64 = 120;

/// A response: status, content type, body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

/// Builds the store once per test binary.
fn store_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("events.sqlite");
    let mut store = Store::open(&path).unwrap();
    let mut loader = store.loader().unwrap();
    for n in 0..DOCUMENTS {
        let (doc, events) = synth::document("s", n);
        loader.put(&doc, &events).unwrap();
    }
    loader.finish().unwrap();
    path
}

/// The address of a server started once per test binary (without a
/// pipeline: `POST /api/code` is tested in its own binary).
pub fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| start(None, Limits::default()))
}

/// Starts a server on a free loopback port in a background thread.
pub fn start(pipeline: Option<dyad_pipeline::Pipeline>, limits: Limits) -> SocketAddr {
    let db = store_path(if pipeline.is_some() { "code" } else { "api" });
    let server = Server::bind("127.0.0.1:0".parse().unwrap(), &db, pipeline, limits).unwrap();
    let addr = server.local_addr();
    std::thread::spawn(move || server.run());
    addr
}

/// Sends one request (`Connection: close`) and reads the reply: its body
/// by `Content-Length` when given (some servers keep the connection open
/// anyway), else chunked or to the end.
pub fn request(addr: SocketAddr, method: &str, target: &str, body: Option<&[u8]>) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(120)))
        .unwrap();
    let body = body.unwrap_or(b"");
    let head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    let mut buf = [0u8; 65536];
    loop {
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
            let length = head.lines().find_map(|l| {
                l.strip_prefix("content-length:")
                    .and_then(|v| v.trim().parse::<usize>().ok())
            });
            if let Some(length) = length
                && raw.len() >= split + 4 + length
            {
                raw.truncate(split + 4 + length);
                break;
            }
        }
        let n = stream.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
    }
    parse(&raw)
}

/// `GET target`.
pub fn get(target: &str) -> Reply {
    request(server(), "GET", target, None)
}

fn parse(raw: &[u8]) -> Reply {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut body = raw[split + 4..].to_vec();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let header = |name: &str| {
        head.lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
            .unwrap_or_default()
    };
    if header("transfer-encoding").eq_ignore_ascii_case("chunked") {
        body = dechunk(&body);
    }
    Reply {
        status,
        content_type: header("content-type"),
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..line_end]).unwrap().trim(), 16)
                .unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[line_end + 2..line_end + 2 + size]);
        data = &data[line_end + 2 + size + 2..];
    }
}
