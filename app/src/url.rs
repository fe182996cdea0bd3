//! Text in addresses and headers.

/// Percent-encodes everything but the unreserved characters (RFC 3986), for query values and for
/// `filename*=` in headers.
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

/// A redirect target that a header cannot carry: it holds a control character (`\r\n` would
/// end the `Location` header). No link of ours has one, so the request is refused with a 400.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a control character in a redirect target")]
pub struct UnsafeTarget;

/// `target` if it is a path on this site; `None` if it leads elsewhere: another site, or a path
/// that a browser reads as one (`//host`, `/\host`). The one check behind every redirect that
/// returns to a page the request names, so that none of them is an open redirect.
pub fn local_path(target: &str) -> Result<Option<&str>, UnsafeTarget> {
    if target.chars().any(char::is_control) {
        return Err(UnsafeTarget);
    }
    let local = target.starts_with('/') && !target.starts_with("//") && !target.contains('\\');
    Ok(local.then_some(target))
}

#[cfg(test)]
mod tests {
    use super::{local_path, percent_encode, UnsafeTarget};

    #[test]
    fn redirects_only_return_to_pages_of_this_site() {
        assert_eq!(local_path("/sintclara"), Ok(Some("/sintclara")));
        assert_eq!(
            local_path("/agenda?week=2026-11-30"),
            Ok(Some("/agenda?week=2026-11-30"))
        );
        assert_eq!(local_path("//evil.example"), Ok(None));
        assert_eq!(local_path("https://evil.example"), Ok(None));
        assert_eq!(local_path("/\\evil.example"), Ok(None));
        assert_eq!(local_path("sintclara"), Ok(None));
        assert_eq!(local_path(""), Ok(None));
    }

    #[test]
    fn a_control_character_in_a_redirect_target_is_refused() {
        for target in [
            "/x\r\nSet-Cookie: sid=1",
            "/x\n",
            "/a\tb",
            "/\u{7f}",
            "//evil.example\r\n",
        ] {
            assert_eq!(local_path(target), Err(UnsafeTarget), "{target:?}");
        }
    }

    #[test]
    fn only_unreserved_characters_stay() {
        assert_eq!(
            percent_encode("rapport été.pdf"),
            "rapport%20%C3%A9t%C3%A9.pdf"
        );
        assert_eq!(percent_encode("a&b=c%"), "a%26b%3Dc%25");
    }
}
