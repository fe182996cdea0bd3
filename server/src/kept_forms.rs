//! Keeps what was typed in a form that a server function refused. Such a post gets the framework's
//! redirect back to its page with the reason; this layer keeps the posted fields for that page
//! (see `app::services::kept_forms`) and hands the browser their key, or without a session the
//! fields themselves, in a short-lived cookie, which the next page load reads and clears.

use app::auth::sessions::token_from_cookie_header;
use app::services::kept_forms::{self, clearing_cookie, from_cookie_header};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::requests::wants_html;
use crate::state::AppState;

/// The largest form body read here, as the server functions' own limit.
const FORM_LIMIT: usize = 2 * 1024 * 1024;

fn cookie_header(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok())
}

/// A browser's own form post to a server function: the kind the framework answers with a redirect.
fn is_plain_form_post(request: &Request) -> bool {
    let urlencoded = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|kind| kind.starts_with("application/x-www-form-urlencoded"));
    request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && urlencoded
        && wants_html(request.headers())
}

/// A redirect back to the form's page that carries the refusal.
fn is_refusal(response: &Response) -> bool {
    response.status().is_redirection()
        && response
            .headers()
            .get(header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|location| location.contains("__err="))
}

/// The path and query of the page a form was on, from the request's `Referer`.
fn page_of(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let uri: axum::http::Uri = referer.parse().ok()?;
    uri.path_and_query().map(|page| page.as_str().to_owned())
}

pub async fn keep_refused_forms(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let secure = state.auth.secure_cookies;
    if !is_plain_form_post(&request) {
        let kept = cookie_header(request.headers())
            .and_then(from_cookie_header)
            .is_some();
        let mut response = next.run(request).await;
        if kept {
            // The page has read it (or had nothing to read): it is not shown twice.
            if let Ok(value) = HeaderValue::from_str(&clearing_cookie(secure)) {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
        }
        return response;
    }
    let (parts, body) = request.into_parts();
    let Ok(body) = to_bytes(body, FORM_LIMIT).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let token = cookie_header(&parts.headers)
        .and_then(|header| token_from_cookie_header(header, secure))
        .map(str::to_owned);
    let page = page_of(&parts.headers);
    let action = parts.uri.path().to_owned();
    let mut response = next
        .run(Request::from_parts(parts, Body::from(body.clone())))
        .await;
    if !is_refusal(&response) {
        return response;
    }
    let Some(page) = page else {
        return response;
    };
    let cookie = match token {
        // For a session: kept in the database under a key, bound to that session.
        Some(token) => {
            match kept_forms::keep(&state.db, &token, &action, &page, &body, chrono::Utc::now())
                .await
            {
                Ok(key) => Some(kept_forms::cookie(key, secure)),
                Err(error) => {
                    tracing::warn!(%error, "a refused form was not kept for its page");
                    None
                }
            }
        }
        // Without one (the sign-in pages): carried in the cookie, so that no refusal writes.
        None => kept_forms::carried_cookie(&action, &page, &body, secure),
    };
    if let Some(value) = cookie.and_then(|cookie| HeaderValue::from_str(&cookie).ok()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
