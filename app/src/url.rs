//! Text in addresses and headers, and where a caller goes who may not open the page asked for.

use crate::error::AppError;

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

/// The longest web address a course link or live lesson keeps.
pub const WEB_LINK_MAX: usize = 2000;

/// `text` (trimmed) if it is a web address that families may open: `http://` or `https://` and a
/// host, no spaces or control characters, not too long. Anything else (`javascript:`, `data:`, a
/// bare name) is refused: a teacher's link ends up in an `href` on every family's page.
pub fn web_link(text: &str) -> Option<&str> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let rest = ["https://", "http://"]
        .into_iter()
        .find_map(|scheme| lower.strip_prefix(scheme))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let plain = !text.chars().any(|c| c.is_whitespace() || c.is_control());
    (plain && !host.is_empty() && text.len() <= WEB_LINK_MAX).then_some(text)
}

/// Why a caller may not open a page yet; each reason sends the caller to one page. The one rule
/// behind the pages and the plain-HTTP handlers (uploads, the compose form).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// Not signed in, or the session ended.
    SignedOut,
    /// A start password is still in use: until it is changed, only its change is open.
    StartPassword,
}

impl Blocked {
    /// The start-password gate. `must_change_password` is `None` for a caller who is not signed
    /// in; `password_change` says that the page asked for is the change of that password.
    pub fn check(must_change_password: Option<bool>, password_change: bool) -> Result<(), Blocked> {
        match must_change_password {
            None => Err(Blocked::SignedOut),
            Some(true) if !password_change => Err(Blocked::StartPassword),
            Some(_) => Ok(()),
        }
    }

    /// The page the caller is sent to instead.
    pub fn page(self) -> &'static str {
        match self {
            Blocked::SignedOut => "/",
            Blocked::StartPassword => "/wachtwoord-wijzigen",
        }
    }

    /// The gate's reason behind an error, if the error is one.
    pub fn of(error: &AppError) -> Option<Blocked> {
        match error {
            AppError::SignedOut => Some(Blocked::SignedOut),
            AppError::PasswordChangeRequired => Some(Blocked::StartPassword),
            _ => None,
        }
    }
}

impl From<Blocked> for AppError {
    fn from(blocked: Blocked) -> AppError {
        match blocked {
            Blocked::SignedOut => AppError::SignedOut,
            Blocked::StartPassword => AppError::PasswordChangeRequired,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{local_path, percent_encode, web_link, Blocked, UnsafeTarget};

    #[test]
    fn only_web_addresses_are_links_for_families() {
        assert_eq!(
            web_link(" https://meet.example/les?x=1 "),
            Some("https://meet.example/les?x=1")
        );
        assert_eq!(
            web_link("HTTP://school.example"),
            Some("HTTP://school.example")
        );
        for refused in [
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://files.example",
            "https://",
            "https:///pad",
            "meet.example",
            "https://meet.example/a b",
            "",
        ] {
            assert_eq!(web_link(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn a_start_password_opens_only_its_change() {
        assert_eq!(Blocked::check(None, false), Err(Blocked::SignedOut));
        assert_eq!(Blocked::check(None, true), Err(Blocked::SignedOut));
        assert_eq!(
            Blocked::check(Some(true), false),
            Err(Blocked::StartPassword)
        );
        assert_eq!(Blocked::check(Some(true), true), Ok(()));
        assert_eq!(Blocked::check(Some(false), false), Ok(()));
        assert_eq!(Blocked::SignedOut.page(), "/");
        assert_eq!(Blocked::StartPassword.page(), "/wachtwoord-wijzigen");
    }

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
