//! Calendar feeds as server functions: the person's feeds, making or renewing one, and stopping
//! one. `child` is a pupil's public id as the page offers it; none means the whole family.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::CalendarFeeds;

/// Where the feeds are managed.
pub const FEEDS_PAGE: &str = "/agenda/kalender";

#[server]
pub async fn load_calendar_feeds() -> Result<CalendarFeeds, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{auth, db, signed_in};
        let (current, _) = signed_in().await?;
        crate::services::calendar::feeds::feeds(&db()?, &auth()?.base_url, &current).await
    })
    .await
}

/// Makes the feed, or gives it a new address that replaces the old one.
#[server]
pub async fn renew_calendar_feed(#[server(default)] child: Option<String>) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::school::ssr::pupil_id;
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        let child = child.as_deref().map(pupil_id).transpose()?;
        crate::services::calendar::feeds::renew(&db()?, &current, child, chrono::Utc::now())
            .await?;
        leptos_axum::redirect(&format!(
            "{FEEDS_PAGE}?{}",
            crate::functions::ssr::done("gemaakt")
        ));
        Ok(())
    })
    .await
}

#[server]
pub async fn stop_calendar_feed(#[server(default)] child: Option<String>) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::school::ssr::pupil_id;
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        let child = child.as_deref().map(pupil_id).transpose()?;
        crate::services::calendar::feeds::stop(&db()?, &current, child).await?;
        leptos_axum::redirect(&format!(
            "{FEEDS_PAGE}?{}",
            crate::functions::ssr::done("gestopt")
        ));
        Ok(())
    })
    .await
}
