//! Server functions: thin wrappers that check the caller, call a domain service and map the error.

pub mod access;
pub mod account;
pub mod beheer;
pub mod calendar;
pub mod courses;
pub mod documents;
pub mod family;
pub mod messages;
pub mod notifications;
pub mod oudercontact;
pub mod overviews;
pub mod platforms;
pub mod school;
pub mod teaching;

#[cfg(feature = "ssr")]
pub mod ssr {
    use leptos::prelude::use_context;
    use sea_orm::DatabaseConnection;

    use crate::auth::{self, sessions, Auth, Current};
    use crate::error::AppError;

    /// The account services' refusals as the wire carries them.
    impl From<crate::auth::AuthError> for AppError {
        fn from(err: crate::auth::AuthError) -> Self {
            use crate::auth::AuthError;
            match err {
                AuthError::InvalidCredentials => AppError::InvalidCredentials,
                AuthError::RateLimited => AppError::RateLimited,
                AuthError::Busy => AppError::Busy,
                AuthError::Password(problem) => AppError::Password(problem),
                AuthError::InvalidEmail => AppError::InvalidEmail,
                AuthError::InvalidToken => AppError::InvalidLink,
                AuthError::DisabledBySchool => AppError::DisabledBySchool,
                AuthError::NotFound => AppError::NotFound,
                AuthError::AlreadyLinked => AppError::AlreadyLinked,
                AuthError::Db(err) => err.into(),
            }
        }
    }

    /// The client's address, put into the request's extensions by the server: the peer, or the
    /// client a trusted proxy names.
    #[derive(Clone, Copy, Debug)]
    pub struct ClientAddr(pub std::net::IpAddr);

    impl ClientAddr {
        /// What rate limits count under: an IPv4 address, or the /64 network of an IPv6 one (a
        /// home or a phone gets a whole /64 and may use any address in it).
        pub fn limit_key(&self) -> String {
            match self.0.to_canonical() {
                std::net::IpAddr::V4(v4) => v4.to_string(),
                std::net::IpAddr::V6(v6) => {
                    let network = u128::from(v6) & !(u128::MAX >> 64);
                    format!("{}/64", std::net::Ipv6Addr::from(network))
                }
            }
        }
    }

    /// The upload limits as this server is set up, provided with every request. A type of its
    /// own, so that nothing drawn in the browser can read it: the browser learns the limits from
    /// the signed-in person's page data (`Me`).
    #[derive(Clone, Copy, Debug)]
    pub struct ServerUploadLimits(pub crate::models::UploadLimits);

    pub fn upload_limits() -> Result<crate::models::UploadLimits, AppError> {
        use_context::<ServerUploadLimits>()
            .map(|limits| limits.0)
            .ok_or_else(|| {
                tracing::error!("no upload limits in the request context");
                AppError::Internal
            })
    }

    pub fn auth() -> Result<Auth, AppError> {
        use_context::<Auth>().ok_or_else(|| {
            tracing::error!("no sign-in services in the request context");
            AppError::Internal
        })
    }

    fn parts() -> Option<http::request::Parts> {
        use_context::<http::request::Parts>()
    }

    /// The request's `Cookie` header, if any.
    pub fn cookie_header() -> Option<String> {
        let parts = parts()?;
        let header = parts.headers.get(http::header::COOKIE)?;
        header.to_str().ok().map(str::to_owned)
    }

    /// The session token in the request's cookie (the one this site's scheme uses), if any.
    pub fn session_token() -> Option<String> {
        let secure = auth().ok()?.secure_cookies;
        let parts = parts()?;
        let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
        sessions::token_from_cookie_header(header, secure).map(str::to_owned)
    }

    /// The client's address as rate limits count it (see [`ClientAddr::limit_key`]).
    pub fn client() -> String {
        parts()
            .and_then(|parts| {
                parts
                    .extensions
                    .get::<ClientAddr>()
                    .map(ClientAddr::limit_key)
            })
            .unwrap_or_else(|| "unknown".to_owned())
    }

    /// The browser and system the request comes from, in words (from its `User-Agent`).
    pub fn device() -> crate::models::Device {
        parts()
            .and_then(|parts| {
                let agent = parts.headers.get(http::header::USER_AGENT)?;
                agent
                    .to_str()
                    .ok()
                    .map(crate::models::Device::from_user_agent)
            })
            .unwrap_or_default()
    }

    /// The caller of one request, found once: a page's server functions (the person, the
    /// module's data, a kept form) all ask for it, and the session, person, school and selected
    /// child are the same for each. Provided new for every request and never shared between
    /// requests, so a right that changed shows at the next one.
    #[derive(Clone, Default)]
    pub struct RequestCaller(std::sync::Arc<tokio::sync::OnceCell<Option<Current>>>);

    /// The signed-in person, or `SignedOut`.
    pub async fn signed_in_anyway() -> Result<(Current, String), AppError> {
        let token = session_token().ok_or(AppError::SignedOut)?;
        let find = || async {
            let lifetimes = auth()?.sessions;
            Ok::<_, AppError>(auth::current(&db()?, &lifetimes, &token, chrono::Utc::now()).await?)
        };
        let current = match use_context::<RequestCaller>() {
            Some(caller) => caller.0.get_or_try_init(find).await?.clone(),
            None => find().await?,
        };
        Ok((current.ok_or(AppError::SignedOut)?, token))
    }

    /// The signed-in person who has left the start password behind: what every server function
    /// but the password change itself requires.
    pub async fn signed_in() -> Result<(Current, String), AppError> {
        let (current, token) = signed_in_anyway().await?;
        crate::url::Blocked::check(Some(current.person.must_change_password), false)?;
        Ok((current, token))
    }

    /// `word=` (`bewaard`, `gepubliceerd`) for the address a write returns to, with a value new at
    /// every write: each write's answer has an address of its own, so a second save of the same
    /// form is never taken for the page as it was before it (a score grid with its old version).
    pub fn done(word: &str) -> String {
        format!("{word}={}", chrono::Utc::now().timestamp_millis())
    }

    pub fn set_cookie(value: String) {
        if let (Some(response), Ok(value)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::HeaderValue::from_str(&value),
        ) {
            response.append_header(http::header::SET_COOKIE, value);
        }
    }

    /// Runs a server function's work and answers a refusal with the status that fits it (409 for
    /// a slot just booked by someone else, 403 for a caller who may not, …) instead of the
    /// framework's blanket 500, so that only real failures count as server errors. Only a call
    /// from the wasm gets it: a browser's plain form post keeps the framework's redirect back to
    /// the form, and a page that calls the function while rendering keeps its own status.
    ///
    /// A refusal travels back to a plain form post in the address it is redirected to, and that
    /// page is drawn afresh anyway: it gets the refusal without what only a page that stays needs
    /// ([`AppError::for_address`]).
    ///
    /// The work runs boxed: a server function's future holds its queries' futures, tens of
    /// kilobytes, and the resources that call it while a page renders would otherwise copy all of
    /// that each time they move it.
    pub fn answer<T: 'static>(
        work: impl std::future::Future<Output = Result<T, AppError>> + Send + 'static,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, AppError>> + Send>> {
        Box::pin(async move { work.await.map_err(refused) })
    }

    /// A server function's refusal as [`answer`] gives it.
    fn refused(error: AppError) -> AppError {
        let Some(parts) = parts() else {
            return error;
        };
        let accepts_html = parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
        if !parts.uri.path().starts_with("/api/") {
            error
        } else if accepts_html {
            error.for_address()
        } else {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(error.status());
            }
            error
        }
    }

    /// The database pool that the server provides to every request.
    pub fn db() -> Result<DatabaseConnection, AppError> {
        use_context::<DatabaseConnection>().ok_or_else(|| {
            tracing::error!("no database in the request context");
            AppError::Internal
        })
    }

    #[cfg(test)]
    mod tests {
        use super::ClientAddr;

        fn key(address: &str) -> String {
            ClientAddr(address.parse().expect("an address")).limit_key()
        }

        #[test]
        fn ipv6_clients_count_per_64_network_and_ipv4_per_address() {
            assert_eq!(key("198.51.100.7"), "198.51.100.7");
            assert_eq!(key("::ffff:198.51.100.7"), "198.51.100.7");
            assert_eq!(key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
            assert_eq!(
                key("2001:db8:1:2:ffff:ffff:ffff:ffff"),
                key("2001:db8:1:2::9")
            );
            assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
        }
    }
}
