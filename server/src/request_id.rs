//! Every request gets an id that the answer carries in `X-Request-Id` and every log line of the
//! request names: the proxy's own when a trusted proxy sent one (so that the proxy's access log
//! and the server's lines share it), otherwise a new one. Anyone else's is replaced, so that a
//! client cannot write what it likes into the logs.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

use crate::proxies::TrustedProxies;

pub const HEADER: &str = "x-request-id";

/// An id that may be taken over: short, and only letters, digits and `-_.:`.
fn acceptable(id: &str) -> bool {
    (1..=128).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// Sets the request's id before anything else sees the request, and names it in the answer.
pub async fn assign(
    State(proxies): State<Arc<TrustedProxies>>,
    mut request: Request,
    next: Next,
) -> Response {
    let trusted = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|ConnectInfo(peer)| proxies.trusts(peer.ip()));
    let forwarded = request
        .headers()
        .get(HEADER)
        .filter(|_| trusted)
        .and_then(|value| value.to_str().ok())
        .filter(|id| acceptable(id))
        .and_then(|id| HeaderValue::from_str(id).ok());
    let id = forwarded.unwrap_or_else(|| {
        HeaderValue::from_str(&uuid::Uuid::new_v4().simple().to_string())
            .expect("a uuid is a header value")
    });
    request.headers_mut().insert(HEADER, id.clone());
    let mut response = next.run(request).await;
    response.headers_mut().insert(HEADER, id);
    response
}

#[cfg(test)]
mod tests {
    use super::acceptable;

    #[test]
    fn only_plain_short_ids_are_taken_over() {
        assert!(acceptable("7f3c9a1e-2b4d-4c5e-9f10-aa11bb22cc33"));
        assert!(acceptable("nginx:01HF.x_y"));
        assert!(!acceptable(""));
        assert!(!acceptable("id with spaces"));
        assert!(!acceptable("line\nbreak"));
        assert!(!acceptable("\"quoted\""));
        assert!(!acceptable(&"a".repeat(129)));
    }
}
