//! The signed-in person's notification settings. The capability is the visibility module's
//! [`NotificationSettings`]: the settings of whoever reads the mail, never the selected child's.
//!
//! [`NotificationSettings`]: crate::visibility::NotificationSettings

use std::collections::HashMap;

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::NotificationChoices;

#[server]
pub async fn load_notifications() -> Result<NotificationChoices, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        let settings = crate::visibility::notification_settings(&current)?;
        Ok(crate::services::notifications::settings::choices(&db()?, &settings).await?)
    })
    .await
}

/// The language of the person's mails, mail at every new message (an unchecked box is not
/// posted: off), and per kind of news its mode.
#[server]
pub async fn save_notifications(
    language: String,
    #[server(default)] messages: Option<String>,
    #[server(default)] modes: HashMap<String, String>,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        let settings = crate::visibility::notification_settings(&current)?;
        crate::services::notifications::settings::save(
            &db()?,
            &settings,
            &language,
            messages.is_some(),
            &modes,
        )
        .await?;
        leptos_axum::redirect(&format!(
            "/meldingen?{}",
            crate::functions::ssr::done("bewaard")
        ));
        Ok(())
    })
    .await
}
