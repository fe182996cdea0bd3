//! Calendar feeds over plain HTTP: `/kalender/<token>.ics`, fetched by calendar programs without
//! a session. The token is the whole permission; the feeds service and the visibility module
//! decide what it shows, this handler only translates.

use app::services::calendar::feeds::{feed, FEED_PATH};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(&format!("{FEED_PATH}{{file}}"), get(calendar_feed))
}

/// The path as the log shows it: a feed's token stays out of the logs.
pub fn loggable(path: &str) -> &str {
    if path.starts_with(FEED_PATH) {
        FEED_PATH
    } else {
        path
    }
}

async fn calendar_feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match feed(&state.db, &state.auth.base_url, token, chrono::Utc::now()).await {
        Ok(Some(calendar)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, no-cache"),
                (
                    header::CONTENT_DISPOSITION,
                    "inline; filename=\"schoolagenda.ics\"",
                ),
            ],
            calendar,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = ?err, "cannot build a calendar feed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
