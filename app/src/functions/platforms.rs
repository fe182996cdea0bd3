use leptos::prelude::*;

use crate::error::AppError;
use crate::models::PlatformSummary;

/// The schools one can sign in to. Public: the landing page lists them for anyone.
#[server]
pub async fn list_platforms() -> Result<Vec<PlatformSummary>, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::db;
        Ok(crate::services::platforms::list(&db()?).await?)
    })
    .await
}

/// The school at `slug`. Public: its sign-in page names it.
#[server]
pub async fn find_platform(slug: String) -> Result<PlatformSummary, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::db;
        crate::services::platforms::find(&db()?, &slug)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}
