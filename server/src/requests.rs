//! What the handlers outside Leptos (uploads and downloads) share: the signed-in caller from the
//! session cookie, whether a browser's form post asked, and files as downloads.

use app::auth::{Auth, Current};
use app::error::AppError;
use app::url::{percent_encode, Blocked};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;

/// The caller of a plain request, through the same start-password gate as every server function.
pub(crate) async fn signed_in(
    db: &DatabaseConnection,
    auth: &Auth,
    headers: &HeaderMap,
) -> Result<Current, AppError> {
    let token = headers
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(|cookies| {
            app::auth::sessions::token_from_cookie_header(cookies, auth.secure_cookies)
        })
        .ok_or(Blocked::SignedOut)?;
    let current = app::auth::current(db, &auth.sessions, token, chrono::Utc::now())
        .await?
        .ok_or(Blocked::SignedOut)?;
    Blocked::check(Some(current.person.must_change_password), false)?;
    Ok(current)
}

/// Whether a browser's plain form post (rather than a program) is asking.
pub(crate) fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// A multipart body that could not be read: too large for the server, or broken.
pub(crate) fn read_failed(error: axum::extract::multipart::MultipartError) -> AppError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::FileTooLarge
    } else {
        tracing::info!(%error, "unreadable upload");
        AppError::NoFile
    }
}

/// A multipart field's bytes, read a chunk at a time: all of them, or `None` when there are more
/// than `limit`. The rest of a longer one is read and dropped, so that the browser still gets the
/// page that explains (a server that stops reading mid-upload makes it show a connection error).
pub(crate) async fn read_capped(
    field: &mut axum::extract::multipart::Field<'_>,
    limit: usize,
) -> Result<Option<Vec<u8>>, AppError> {
    let mut bytes = Vec::new();
    let mut too_long = false;
    while let Some(chunk) = field.chunk().await.map_err(read_failed)? {
        too_long |= bytes.len() + chunk.len() > limit;
        if !too_long {
            bytes.extend_from_slice(&chunk);
        }
    }
    Ok((!too_long).then_some(bytes))
}

/// A file found for the caller as a download, or the reason it was not.
pub(crate) fn download_or_refuse(found: Result<(String, String, Vec<u8>), AppError>) -> Response {
    match found {
        Ok((file_name, content_type, content)) => attachment(&file_name, &content_type, content),
        Err(error) => (error.status(), error.to_string()).into_response(),
    }
}

/// A file as a download: never rendered inline, so an uploaded page cannot run in our origin.
fn attachment(file_name: &str, content_type: &str, content: Vec<u8>) -> Response {
    let ascii_name: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{}",
        percent_encode(file_name)
    );
    let content_type = HeaderValue::from_str(content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let mut response = (StatusCode::OK, content).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, content_type);
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
