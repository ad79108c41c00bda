//! The web page's files, compiled into the binary and served by exact
//! name (a name not in [`ASSETS`] is a 404: no path is ever joined to a
//! folder, so nothing outside this table can be reached).

use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::ApiError;

/// One embedded file.
#[derive(Clone, Copy, Debug)]
pub struct Asset {
    /// Its name under `/assets/` (`index.html` is also `/`).
    pub name: &'static str,
    /// Its `Content-Type`.
    pub content_type: &'static str,
    /// Its bytes.
    pub bytes: &'static [u8],
}

/// Every file of the page.
pub const ASSETS: &[Asset] = &[
    Asset {
        name: "index.html",
        content_type: "text/html; charset=utf-8",
        bytes: include_bytes!("../page/index.html"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../page/app.js"),
    },
    Asset {
        name: "style.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../page/style.css"),
    },
    Asset {
        name: "world.json",
        content_type: "application/json",
        bytes: include_bytes!("../page/world.json"),
    },
];

/// The asset called exactly `name`.
pub fn find(name: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.name == name)
}

/// The response for the asset `name`, or a JSON 404.
pub async fn response(name: &'static str) -> Response {
    lookup(name)
}

/// [`response`] for a name taken from the request path.
pub async fn response_owned(name: String) -> Response {
    lookup(&name)
}

fn lookup(name: &str) -> Response {
    match find(name) {
        Some(asset) => (
            [
                (header::CONTENT_TYPE, asset.content_type),
                (header::CACHE_CONTROL, "no-cache"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            asset.bytes,
        )
            .into_response(),
        None => ApiError::not_found(format!("no asset {name:?}")).into_response(),
    }
}
