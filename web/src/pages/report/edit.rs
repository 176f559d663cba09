//! The koordinator's report editor (placeholder, filled in below).

use axum::Router;

use crate::state::AppState;

/// The editor's routes.
pub(super) fn router() -> Router<AppState> {
    Router::new()
}
