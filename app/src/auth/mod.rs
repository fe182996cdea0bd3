//! Accounts and sign-in: the domain services behind the sign-in pages. Server-only; plain async Rust
//! over sea-orm, tested without HTTP.

mod caller;
mod email;
mod error;
pub mod family;
mod mails;
pub mod password;
mod passwords;
pub mod rate_limit;
pub mod secrets;
pub mod sessions;
mod sign_in;
pub mod tokens;

pub use caller::{current, find_person, subscriber, Current, FamilyOfRequest, Member};
pub use email::{confirm_email, parse_email, set_email};
pub use error::{is_unique_violation, AuthError};
pub use passwords::{
    awaits_activation, change_password, make_start_passwords, new_start_password,
    request_password_reset, reset_password, send_activation, start_password, write_start_passwords,
    StartPassword,
};
pub use sign_in::{
    authenticate, disable, enable, lock_for, reactivate, sign_in, Client, SignedIn, BUSY_PAUSE,
    LOCK_AFTER,
};

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use password::Hasher;

/// What the sign-in services need besides the database, shared by every request.
#[derive(Clone)]
pub struct Auth {
    pub hasher: Hasher,
    /// Links in mails are built from this, never from a request's Host header.
    pub base_url: Arc<str>,
    /// Session cookies get `Secure` when the site is served over https.
    pub secure_cookies: bool,
    /// Sign-in attempts per client address (linking a child counts too).
    pub sign_in_per_client: rate_limit::Limit,
    /// The failed sign-ins since the start, for the server's metrics.
    pub failures: Arc<SignInFailures>,
    /// How long sessions last.
    pub sessions: sessions::Lifetimes,
}

/// Failed sign-ins (linking a child included) since the server started, by why they failed.
#[derive(Debug, Default)]
pub struct SignInFailures {
    credentials: AtomicU64,
    limited: AtomicU64,
    busy: AtomicU64,
    other: AtomicU64,
}

impl SignInFailures {
    fn count(&self, err: &AuthError) {
        let counter = match err {
            AuthError::InvalidCredentials => &self.credentials,
            AuthError::RateLimited => &self.limited,
            AuthError::Busy => &self.busy,
            _ => &self.other,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// (reason, count): a wrong username or password (or a locked or disabled person), a rate
    /// limit, a hasher without room, and any other error (the database).
    pub fn by_reason(&self) -> [(&'static str, u64); 4] {
        [
            ("credentials", self.credentials.load(Ordering::Relaxed)),
            ("rate_limited", self.limited.load(Ordering::Relaxed)),
            ("busy", self.busy.load(Ordering::Relaxed)),
            ("other", self.other.load(Ordering::Relaxed)),
        ]
    }
}

impl Auth {
    pub fn new(base_url: &str) -> Auth {
        Auth {
            hasher: Hasher::for_this_machine(),
            base_url: base_url.trim_end_matches('/').into(),
            secure_cookies: base_url.starts_with("https://"),
            sign_in_per_client: rate_limit::SIGN_IN_PER_CLIENT,
            failures: Arc::default(),
            sessions: sessions::Lifetimes::default(),
        }
    }

    /// Sessions that last as `lifetimes` says.
    pub fn with_session_lifetimes(self, lifetimes: sessions::Lifetimes) -> Auth {
        Auth {
            sessions: lifetimes,
            ..self
        }
    }

    /// Allows `hits` sign-in attempts per client address in the usual window.
    pub fn with_sign_in_limit_per_client(self, hits: i32) -> Auth {
        Auth {
            sign_in_per_client: rate_limit::Limit {
                hits,
                ..self.sign_in_per_client
            },
            ..self
        }
    }

    pub fn link(&self, path: &str, token: &str) -> String {
        format!("{}{path}?token={token}", self.base_url)
    }
}
