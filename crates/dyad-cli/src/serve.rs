//! `dyad serve`: the JSON API and the web page over an event store.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use dyad_pipeline::PipelineConfig;
use dyad_serve::{Limits, Server};

use crate::args::DictArgs;

/// `dyad serve`
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The SQLite event store (opened read-only).
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// Address to listen on; loopback by default. Anything else exposes
    /// the store (and the coder) to the network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Dictionaries for `POST /api/code`.
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Do not load the pipeline: `POST /api/code` answers 503 (starts
    /// faster, uses less memory).
    #[arg(long)]
    pub no_code: bool,
    /// Seconds one store query may run before it is stopped (503).
    #[arg(long, value_name = "SECONDS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub query_seconds: u64,
}

/// Runs `dyad serve` until the process is stopped.
pub fn run(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let pipeline = if args.no_code {
        None
    } else {
        Some(crate::code::pipeline(PipelineConfig {
            dicts: crate::code::dict_source(&args.dicts),
            allow_empty_dicts: args.dicts.allow_empty_dicts,
            ..PipelineConfig::default()
        })?)
    };
    let limits = Limits {
        query_time: std::time::Duration::from_secs(args.query_seconds),
        ..Limits::default()
    };
    let server = Server::bind(args.addr, &args.db, pipeline, limits)
        .with_context(|| format!("serving {}", args.db.display()))?;
    if !server.local_addr().ip().is_loopback() {
        err_line!(
            "dyad: warning: listening on {}, which other machines can reach",
            server.local_addr()
        );
    }
    err_line!(
        "dyad: serving {} on http://{}/",
        args.db.display(),
        server.local_addr()
    );
    server.run()?;
    Ok(ExitCode::SUCCESS)
}
