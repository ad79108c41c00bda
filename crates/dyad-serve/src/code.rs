//! `POST /api/code`: code posted text with the pipeline.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use dyad_core::{BlockKind, Date, DocumentBuilder};
use dyad_store::{DocumentView, SentenceView};
use serde::Deserialize;

use crate::ApiError;
use crate::api::{State, json};

/// The posted text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    /// The article text; paragraphs separated by blank lines.
    text: String,
    /// Its headline.
    title: Option<String>,
    /// Its publication date, `YYYY-MM-DD`, which relative dates resolve
    /// against.
    date: Option<String>,
}

/// Codes the body (`{"text": …, "title": …, "date": …}`) and answers with
/// the document (its cleaned text and sentences) and its events, in the
/// shape of `GET /api/documents/{id}`.
pub async fn code(state: &Arc<State>, body: &[u8]) -> Result<axum::response::Response, ApiError> {
    let Some(pipeline) = state.pipeline.clone() else {
        return Err(ApiError::unavailable(
            "this server was started without a coding pipeline",
        ));
    };
    let request: Request = serde_json::from_slice(body).map_err(|e| {
        ApiError::bad_request(format!(
            "the body must be JSON {{\"text\": …, \"title\": …, \"date\": \"YYYY-MM-DD\"}}: {e}"
        ))
    })?;
    let date = match &request.date {
        None => None,
        Some(text) => Some(
            Date::parse(text)
                .filter(|d| d.to_string() == *text)
                .ok_or_else(|| {
                    ApiError::bad_request(format!("date {text:?} is not a date YYYY-MM-DD"))
                })?,
        ),
    };
    let mut builder = DocumentBuilder::new("posted");
    builder.meta_mut().date = date;
    builder.meta_mut().date_text = request.date.clone();
    builder.meta_mut().title = request.title.clone();
    if let Some(title) = &request.title {
        builder.push_block(BlockKind::Title, title);
    }
    for paragraph in request.text.split("\n\n") {
        builder.push_block(BlockKind::Body, paragraph);
    }
    if builder.is_empty() {
        return Err(ApiError::bad_request("the text is empty"));
    }
    let doc = builder.finish();
    let running = state.codings.fetch_add(1, Ordering::SeqCst);
    if running >= state.limits.codings {
        state.codings.fetch_sub(1, Ordering::SeqCst);
        return Err(ApiError::unavailable(
            "the server is coding other texts; try again",
        ));
    }
    let done = tokio::task::spawn_blocking(move || pipeline.process(doc)).await;
    state.codings.fetch_sub(1, Ordering::SeqCst);
    let done = done.map_err(|e| ApiError {
        status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("coding failed: {e}"),
    })?;
    let doc = &done.document;
    let view = DocumentView {
        doc_id: doc.meta.id.clone(),
        title: doc.meta.title.clone(),
        date: doc.meta.date.map(|d| d.to_string()),
        url: None,
        origin: "POST /api/code".to_string(),
        text: doc.text.clone(),
        sentences: doc
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let [start, end] = s.span.chars();
                SentenceView {
                    index: i as i64,
                    span: [i64::from(start), i64::from(end)],
                    text: doc.text.get(s.span.bytes()).unwrap_or("").to_string(),
                }
            })
            .collect(),
        events: done
            .events
            .iter()
            .map(serde_json::to_value)
            .collect::<Result<_, _>>()
            .map_err(|e| ApiError {
                status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                message: format!("cannot serialise an event: {e}"),
            })?,
    };
    json(&view)
}
