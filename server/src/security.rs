//! What every request and response passes through for safety: cross-site writes refused, the
//! client address recorded for rate limits (see [`crate::proxies`]), and the security headers.

use std::net::SocketAddr;
use std::sync::Arc;

use app::functions::ssr::ClientAddr;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::proxies::TrustedProxies;

/// What the guard knows of the site, from its public address (`BASE_URL`), never from a request:
/// behind a proxy the `Host` header names the upstream, not the address the browser used.
#[derive(Clone, Debug)]
pub struct Site {
    origin: Option<Origin>,
    https: bool,
    proxies: TrustedProxies,
}

impl Site {
    pub fn new(base_url: &str, proxies: TrustedProxies) -> Site {
        let origin = Origin::parse(base_url);
        if origin.is_none() {
            tracing::error!(
                base_url,
                "the public address has no origin: every request that names one is refused"
            );
        }
        Site {
            https: origin
                .as_ref()
                .is_some_and(|origin| origin.scheme == "https"),
            origin,
            proxies,
        }
    }

    /// Cross-site when `Sec-Fetch-Site` says so, or when `Origin` is not the site's own (scheme,
    /// host and port). A request with neither (curl, old browsers) is let through: it carries no
    /// ambient browser credentials from another site.
    fn is_cross_site(&self, headers: &HeaderMap) -> bool {
        let fetch_site = headers
            .get("sec-fetch-site")
            .and_then(|value| value.to_str().ok());
        if matches!(fetch_site, Some("cross-site" | "same-site")) {
            return true;
        }
        let Some(origin) = headers.get(header::ORIGIN) else {
            return false;
        };
        // `null` (a sandboxed frame, a redirect across sites) and anything unreadable are foreign.
        let origin = origin.to_str().ok().and_then(Origin::parse);
        origin.is_none() || origin != self.origin
    }
}

/// The origin of an address: scheme, host and port, the default port written out.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// The origin of `http(s)://host[:port]`, with any path after it; `None` for anything else.
    fn parse(address: &str) -> Option<Origin> {
        let (scheme, rest) = address.trim().split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let (host, port) = match authority.strip_prefix('[') {
            // An IPv6 address: `[::1]:3000`.
            Some(bracketed) => {
                let (address, after) = bracketed.split_once(']')?;
                let port = match after {
                    "" => None,
                    after => Some(after.strip_prefix(':')?),
                };
                (format!("[{address}]"), port)
            }
            None => match authority.split_once(':') {
                Some((host, port)) => (host.to_owned(), Some(port)),
                None => (authority.to_owned(), None),
            },
        };
        let port = match port {
            None | Some("") => default_port,
            Some(port) if port.bytes().all(|b| b.is_ascii_digit()) => port.parse().ok()?,
            Some(_) => return None,
        };
        if host.is_empty() || host.contains(['@', ' ']) {
            return None;
        }
        Some(Origin {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }
}

/// Refuses a state-changing request that the browser says comes from another site, then adds the
/// security headers to whatever is answered.
pub async fn guard(State(site): State<Arc<Site>>, mut request: Request, next: Next) -> Response {
    if !is_safe_method(request.method()) && site.is_cross_site(request.headers()) {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    if let Some(ConnectInfo(peer)) = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .copied()
    {
        let client = site.proxies.client(peer.ip(), request.headers());
        request.extensions_mut().insert(ClientAddr(client));
    }
    let mut response = next.run(request).await;
    add_headers(response.headers_mut(), site.https);
    response
}

fn is_safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The security headers; with `https`, also the instruction to use nothing else for a year.
fn add_headers(headers: &mut HeaderMap, https: bool) {
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
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
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
        let site = Site::new("https://school.example", TrustedProxies::default());
        let cross = |pairs: &[(&'static str, &'static str)]| site.is_cross_site(&headers(pairs));
        assert!(cross(&[("sec-fetch-site", "cross-site")]));
        assert!(cross(&[
            ("sec-fetch-site", "same-site"),
            ("origin", "https://school.example")
        ]));
        assert!(cross(&[("origin", "https://evil.example")]));
        assert!(cross(&[("origin", "null")]));
        assert!(cross(&[("origin", "")]));
        assert!(!cross(&[
            ("sec-fetch-site", "same-origin"),
            ("origin", "https://school.example"),
        ]));
        assert!(!cross(&[("host", "school.example")]));
        assert!(!cross(&[]));
    }

    #[test]
    fn the_origin_is_compared_with_the_public_address_not_the_host_header() {
        let site = Site::new("https://school.example", TrustedProxies::default());
        let cross = |origin: &'static str| {
            site.is_cross_site(&headers(&[("origin", origin), ("host", "127.0.0.1:3000")]))
        };
        // Behind a proxy the Host header names the upstream.
        assert!(!cross("https://school.example"));
        assert!(!cross("https://School.Example:443"));
        assert!(!cross("HTTPS://school.example/"));
        assert!(cross("http://school.example"), "another scheme");
        assert!(cross("https://school.example:8443"), "another port");
        assert!(cross("https://school.example.evil.example"));
        assert!(cross("https://evil.example@school.example"));
        assert!(cross("http://127.0.0.1:3000"), "the Host header's value");

        let local = Site::new("http://127.0.0.1:3000", TrustedProxies::default());
        assert!(!local.is_cross_site(&headers(&[("origin", "http://127.0.0.1:3000")])));
        assert!(local.is_cross_site(&headers(&[("origin", "http://127.0.0.1")])));
        let ipv6 = Site::new("http://[::1]:8080/school", TrustedProxies::default());
        assert!(!ipv6.is_cross_site(&headers(&[("origin", "http://[::1]:8080")])));
        assert!(ipv6.is_cross_site(&headers(&[("origin", "http://[::1]")])));
        let with_path = Site::new("https://example.org:443/school", TrustedProxies::default());
        assert!(!with_path.is_cross_site(&headers(&[("origin", "https://example.org")])));
    }

    #[test]
    fn https_sites_tell_browsers_to_keep_to_https() {
        let mut secure = HeaderMap::new();
        add_headers(
            &mut secure,
            Site::new("https://school.example", TrustedProxies::default()).https,
        );
        assert_eq!(
            secure[header::STRICT_TRANSPORT_SECURITY],
            "max-age=31536000; includeSubDomains"
        );
        let mut plain = HeaderMap::new();
        add_headers(
            &mut plain,
            Site::new("http://127.0.0.1:3000", TrustedProxies::default()).https,
        );
        assert!(!plain.contains_key(header::STRICT_TRANSPORT_SECURITY));
        assert_eq!(plain[header::X_FRAME_OPTIONS], "DENY");
    }
}
