//! What every request and response passes through for safety: cross-site writes refused, the
//! client address recorded for rate limits, and the security headers.

use std::net::SocketAddr;

use app::functions::ssr::ClientAddr;
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Refuses a state-changing request that the browser says comes from another site, then adds the
/// security headers to whatever is answered.
pub async fn guard(mut request: Request, next: Next) -> Response {
    if !is_safe_method(request.method()) && is_cross_site(request.headers()) {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    if let Some(ConnectInfo(peer)) = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .copied()
    {
        request.extensions_mut().insert(ClientAddr(peer.ip()));
    }
    let mut response = next.run(request).await;
    add_headers(response.headers_mut());
    response
}

fn is_safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Cross-site when `Sec-Fetch-Site` says so, or when `Origin` names another host than the one the
/// request was sent to. A request with neither (curl, old browsers) is let through: it carries no
/// ambient browser credentials from another site.
fn is_cross_site(headers: &HeaderMap) -> bool {
    let fetch_site = headers
        .get("sec-fetch-site")
        .and_then(|value| value.to_str().ok());
    if matches!(fetch_site, Some("cross-site" | "same-site")) {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(origin);
    origin == "null" || !origin_host.eq_ignore_ascii_case(host)
}

fn add_headers(headers: &mut HeaderMap) {
    let defaults = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        // Pages set their own policy with the nonce of their inline scripts; this covers the rest.
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        ),
    ];
    for (name, value) in defaults {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    // Pages and server function answers are personal: no cache may keep them.
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.starts_with("application/json"));
    if is_html && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn cross_site_requests_are_recognised() {
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "school.example"),
        ])));
        assert!(is_cross_site(&headers(&[
            ("origin", "null"),
            ("host", "school.example")
        ])));
        assert!(!is_cross_site(&headers(&[
            ("sec-fetch-site", "same-origin"),
            ("origin", "https://school.example"),
            ("host", "school.example"),
        ])));
        assert!(!is_cross_site(&headers(&[("host", "school.example")])));
    }
}
