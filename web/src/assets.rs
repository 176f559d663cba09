//! The stylesheets and icon, embedded in the binary at build time and served under `/assets/` with
//! their content type and long-lived cache headers. Links carry a `?v=` hash of the content, so a new
//! build busts every cache.

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::state::AppState;

/// One embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
    hash: u64,
}

const fn asset(name: &'static str, content_type: &'static str, bytes: &'static [u8]) -> Asset {
    Asset {
        name,
        content_type,
        bytes,
        hash: fnv1a(bytes),
    }
}

/// FNV-1a, computed at compile time: a content hash for cache busting, not for security.
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

static ASSETS: [Asset; 4] = [
    asset(
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/style.css"),
    ),
    asset(
        "print.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/print.css"),
    ),
    asset(
        "report.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/report.css"),
    ),
    asset(
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../assets/favicon.svg"),
    ),
];

fn find(name: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.name == name)
}

/// The URL of asset `name` with its cache-busting hash (`/assets/style.css?v=…`).
pub(crate) fn href(name: &str) -> String {
    match find(name) {
        Some(asset) => format!("/assets/{}?v={:016x}", asset.name, asset.hash),
        None => format!("/assets/{name}"),
    }
}

/// `GET /assets/{name}`.
pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/assets/{name}", get(serve))
}

async fn serve(Path(name): Path<String>, request_headers: HeaderMap) -> Response {
    let Some(asset) = find(&name) else {
        return crate::error::AppError::NotFound.into_response();
    };
    let etag = format!("\"{:016x}\"", asset.hash);
    let cache = HeaderValue::from_static("public, max-age=31536000, immutable");
    let etag_value = HeaderValue::from_str(&etag).unwrap_or_else(|_| HeaderValue::from_static(""));
    let not_modified = request_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag));
    if not_modified {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag_value), (header::CACHE_CONTROL, cache)],
        )
            .into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ),
            (header::ETAG, etag_value),
            (header::CACHE_CONTROL, cache),
        ],
        asset.bytes,
    )
        .into_response()
}
