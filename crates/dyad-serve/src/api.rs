//! The routes and their handlers.

use std::collections::HashMap;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State as Shared};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use dyad_pipeline::Pipeline;
use dyad_store::Store;
use serde::Serialize;

use crate::params::Params;
use crate::pool::Pool;
use crate::{ApiError, Limits};

/// What every handler shares.
pub struct State {
    pool: Pool,
    pub(crate) pipeline: Option<Arc<Pipeline>>,
    pub(crate) limits: Limits,
    pub(crate) codings: AtomicUsize,
    cache: Mutex<HashMap<String, (Instant, Bytes)>>,
    /// One lock per cache key being computed, so that concurrent requests
    /// for the same uncached answer run its query once.
    gates: Mutex<HashMap<String, Arc<Mutex<()>>>>,
}

/// How long an aggregate or statistics response is reused: aggregates scan
/// many rows, and a page asks for the same ones again and again.
const CACHE_TIME: Duration = Duration::from_secs(30);

/// The most responses kept; past it the cache starts afresh.
const CACHE_ENTRIES: usize = 256;

impl State {
    pub fn new(pool: Pool, pipeline: Option<Arc<Pipeline>>, limits: Limits) -> State {
        State {
            pool,
            pipeline,
            limits,
            codings: AtomicUsize::new(0),
            cache: Mutex::new(HashMap::new()),
            gates: Mutex::new(HashMap::new()),
        }
    }

    fn cached(&self, key: &str) -> Option<Bytes> {
        let cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        let (at, body) = cache.get(key)?;
        (at.elapsed() < CACHE_TIME).then(|| body.clone())
    }

    /// The lock for computing the answer under `key`.
    fn gate(&self, key: &str) -> Arc<Mutex<()>> {
        let mut gates = self.gates.lock().unwrap_or_else(PoisonError::into_inner);
        if gates.len() >= CACHE_ENTRIES && !gates.contains_key(key) {
            // a request still holding an old gate keeps it; at worst one
            // answer is computed twice
            gates.clear();
        }
        Arc::clone(gates.entry(key.to_string()).or_default())
    }

    fn remember(&self, key: String, body: Bytes) {
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if cache.len() >= CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(key, (Instant::now(), body));
    }
}

fn json_bytes(body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

type Api = Result<Response, ApiError>;

/// The routes.
pub fn router(state: Arc<State>) -> Router {
    let body_limit = state.limits.body_bytes;
    Router::new()
        .route("/", get(|| crate::assets::response("index.html")))
        .route(
            "/assets/{name}",
            get(|Path(name): Path<String>| crate::assets::response_owned(name)),
        )
        .route("/api/openapi.json", get(openapi))
        .route("/api/stats", get(stats))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/documents/{id}", get(document))
        .route("/api/aggregate/{kind}", get(aggregate))
        .route("/api/code", post(code))
        .fallback(|| async { ApiError::not_found("no such resource") })
        .method_not_allowed_fallback(|| async {
            ApiError {
                status: StatusCode::METHOD_NOT_ALLOWED,
                message: "method not allowed".to_string(),
            }
        })
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(state)
}

/// Runs a store query on a blocking thread with a pooled connection.
async fn query<T: Send + 'static>(
    state: &Arc<State>,
    f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || state.pool.with(f))
        .await
        .map_err(|e| ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("query task failed: {e}"),
        })?
}

/// The cached answer under `key`, else the answer `f` computes, cached.
/// Requests for the same key wait for one computation (on a blocking
/// thread, before taking a store connection) and share its answer.
async fn cached_query(
    state: &Arc<State>,
    key: String,
    f: impl FnOnce(&Store) -> Result<Bytes, ApiError> + Send + 'static,
) -> Result<Bytes, ApiError> {
    if let Some(body) = state.cached(&key) {
        return Ok(body);
    }
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || {
        let gate = state.gate(&key);
        let _turn = gate.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(body) = state.cached(&key) {
            return Ok(body);
        }
        let body = state.pool.with(f)?;
        state.remember(key, body.clone());
        Ok(body)
    })
    .await
    .map_err(|e| ApiError {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("query task failed: {e}"),
    })?
}

/// `value` as JSON bytes.
fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("cannot serialise the response: {e}"),
    })
}

/// A JSON response of `value`.
pub(crate) fn json<T: Serialize>(value: &T) -> Api {
    Ok(json_bytes(Bytes::from(to_json(value)?)))
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}

async fn stats(Shared(state): Shared<Arc<State>>, RawQuery(raw): RawQuery) -> Api {
    Params::parse(raw.as_deref(), false, &[])?;
    if let Some(body) = state.cached("stats") {
        return Ok(json_bytes(body));
    }
    let stats = query(&state, |store| Ok(store.stats()?)).await?;
    let body = Bytes::from(to_json(&stats)?);
    state.remember("stats".to_string(), body.clone());
    Ok(json_bytes(body))
}

async fn events(Shared(state): Shared<Arc<State>>, RawQuery(raw): RawQuery) -> Api {
    let params = Params::parse(raw.as_deref(), true, &["after", "limit"])?;
    let filter = params.filter()?;
    let after = params.number("after", i64::MIN..=i64::MAX)?;
    let limit = params
        .number("limit", 1..=state.limits.page)?
        .unwrap_or(100.min(state.limits.page));
    let body = query(&state, move |store| {
        Ok(store.events_json(&filter, after, limit)?)
    })
    .await?;
    Ok(json_bytes(Bytes::from(body)))
}

async fn event(
    Shared(state): Shared<Arc<State>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Api {
    Params::parse(raw.as_deref(), false, &[])?;
    let found = query(&state, move |store| Ok(store.event(&id)?.ok_or(id))).await?;
    match found {
        Ok(view) => json(&view),
        Err(id) => Err(ApiError::not_found(format!("no event {id:?}"))),
    }
}

async fn document(
    Shared(state): Shared<Arc<State>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Api {
    Params::parse(raw.as_deref(), false, &[])?;
    let found = query(&state, move |store| Ok(store.document(&id)?.ok_or(id))).await?;
    match found {
        Ok(view) => json(&view),
        Err(id) => Err(ApiError::not_found(format!("no document {id:?}"))),
    }
}

/// The body of an aggregate response.
#[derive(Serialize)]
struct Rows {
    rows: Vec<dyad_store::AggregateRow>,
}

async fn aggregate(
    Shared(state): Shared<Arc<State>>,
    Path(kind): Path<String>,
    RawQuery(raw): RawQuery,
) -> Api {
    let params = Params::parse(raw.as_deref(), true, &["per", "by", "limit"])?;
    let aggregate = params.aggregate(&kind)?;
    let filter = params.filter()?;
    let key = format!("{kind}?{}", raw.unwrap_or_default());
    let body = cached_query(&state, key, move |store| {
        let rows = store.aggregate(aggregate, &filter)?;
        Ok(Bytes::from(to_json(&Rows { rows })?))
    })
    .await?;
    Ok(json_bytes(body))
}

async fn code(Shared(state): Shared<Arc<State>>, body: Result<Bytes, BytesRejection>) -> Api {
    let body = body.map_err(|rejection| ApiError {
        status: rejection.status(),
        message: format!(
            "{} (the body may hold at most {} bytes)",
            rejection.body_text(),
            state.limits.body_bytes
        ),
    })?;
    crate::code::code(&state, &body).await
}
