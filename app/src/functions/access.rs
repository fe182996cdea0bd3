//! "Wie kan mijn kind zien?" as server functions: the page's data, and ending one's own sessions.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::AccessOverview;

/// Where the page lives.
pub const ACCESS_PAGE: &str = "/toegang";

#[server]
pub async fn load_access() -> Result<AccessOverview, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{auth, db, signed_in};
        let (current, token) = signed_in().await?;
        let lifetimes = auth()?.sessions;
        crate::services::access::overview(&db()?, &lifetimes, &current, &token, chrono::Utc::now())
            .await
    })
    .await
}

/// Signs out the browser of one of the person's own sessions, at its next request.
#[server]
pub async fn end_session(session: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, done, signed_in};
        let (current, _) = signed_in().await?;
        crate::services::access::end_session(&db()?, &current, session.trim()).await?;
        leptos_axum::redirect(&format!("{ACCESS_PAGE}?{}", done("beeindigd")));
        Ok(())
    })
    .await
}

/// Signs out every other browser of the person.
#[server]
pub async fn end_other_sessions() -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, done, signed_in};
        let (current, token) = signed_in().await?;
        crate::services::access::end_other_sessions(&db()?, &current, &token).await?;
        leptos_axum::redirect(&format!("{ACCESS_PAGE}?{}", done("beeindigd")));
        Ok(())
    })
    .await
}
