//! dyad's HTTP server: a JSON API over an event store and the embedded web
//! page that explores events with their evidence.
//!
//! - [`Server`] binds an address (loopback unless told otherwise), opens
//!   the store read-only ([`dyad_store::Store::open_read_only`]) once per
//!   pooled connection and serves until the process ends.
//! - The API (`/api/…`, described by the OpenAPI document at
//!   `/api/openapi.json`, [`OPENAPI`]): events with filters and keyset
//!   pagination, one event with its provenance, one document with its
//!   sentences and events, the aggregate tables, store statistics, and
//!   `POST /api/code`, which codes posted text with the pipeline.
//! - The page (`/` and `/assets/NAME`): HTML, JavaScript, CSS and the world
//!   map compiled into the binary ([`assets`]); assets are found by exact
//!   name only.
//!
//! Every error is a JSON object `{"error": message, "status": code}` with
//! that status; a bad parameter is 400, a missing event or document 404, a
//! query past the time limit 503. Limits: [`Limits`].
//!
//! This crate does not read input files or write the store; it knows the
//! pipeline only through `dyad_pipeline::Pipeline::process`.
//!
//! ```no_run
//! use dyad_serve::{Limits, Server};
//!
//! let server = Server::bind("127.0.0.1:8080".parse()?, "events.sqlite".as_ref(), None, Limits::default())?;
//! println!("listening on http://{}", server.local_addr());
//! server.run()?; // until the process is stopped
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod api;
pub mod assets;
mod code;
mod error;
mod params;
mod pool;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use dyad_pipeline::Pipeline;

pub use error::{ApiError, ServeError};

/// The OpenAPI 3 description of the API, served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

/// What the server allows one request.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The largest request body, in bytes (`POST /api/code`).
    pub body_bytes: usize,
    /// The most events one page holds (at most [`dyad_store::MAX_PAGE`]).
    pub page: usize,
    /// The longest one store query may run.
    pub query_time: Duration,
    /// Store connections, which is how many queries run at once.
    pub connections: usize,
    /// Texts coded at once by `POST /api/code`; more get 503.
    pub codings: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            body_bytes: 64 * 1024,
            page: dyad_store::MAX_PAGE,
            query_time: Duration::from_secs(5),
            connections: 4,
            codings: 2,
        }
    }
}

/// A bound server, ready to run.
pub struct Server {
    listener: std::net::TcpListener,
    state: Arc<api::State>,
    runtime: tokio::runtime::Runtime,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("addr", &self.local_addr())
            .finish()
    }
}

impl Server {
    /// Opens the store at `db` read-only and binds `addr` (port 0: any
    /// free port). Without a pipeline, `POST /api/code` answers 503.
    pub fn bind(
        addr: SocketAddr,
        db: &Path,
        pipeline: Option<Pipeline>,
        limits: Limits,
    ) -> Result<Server, ServeError> {
        let pool = pool::Pool::open(db, limits.connections.max(1), limits.query_time)?;
        let listener = std::net::TcpListener::bind(addr)
            .map_err(|source| ServeError::Bind { addr, source })?;
        listener
            .set_nonblocking(true)
            .map_err(|source| ServeError::Bind { addr, source })?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(ServeError::Runtime)?;
        Ok(Server {
            listener,
            state: Arc::new(api::State::new(pool, pipeline.map(Arc::new), limits)),
            runtime,
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Serves requests until the process ends (or the listener fails).
    pub fn run(self) -> Result<(), ServeError> {
        let Server {
            listener,
            state,
            runtime,
        } = self;
        runtime.block_on(async move {
            let listener =
                tokio::net::TcpListener::from_std(listener).map_err(ServeError::Runtime)?;
            axum::serve(listener, api::router(state))
                .await
                .map_err(ServeError::Runtime)
        })
    }
}
