//! Berichten. Writing (with attachments) is a plain multipart form to the server, like uploading
//! a document; reading, the folders and the actions are server functions. All of them go through
//! the messages service, which asks the visibility module.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{ComposeForm, MailboxPage, MessageView};

#[server]
pub async fn load_mailbox(
    folder: Option<String>,
    search: Option<String>,
    page: Option<u64>,
) -> Result<MailboxPage, AppError> {
    use crate::functions::ssr::{db, signed_in};
    let (current, _) = signed_in().await?;
    let folder = crate::models::Folder::from_slug(folder.as_deref());
    crate::services::messages::mailbox(
        &db()?,
        &current,
        folder,
        search.as_deref(),
        page.unwrap_or(1),
    )
    .await
}

/// Opens one message of the caller's mailbox and marks it read.
#[server]
pub async fn load_message(id: String, show_images: bool) -> Result<MessageView, AppError> {
    use crate::functions::ssr::{db, signed_in};
    let (current, _) = signed_in().await?;
    crate::services::messages::open(&db()?, &current, &id, show_images, chrono::Utc::now()).await
}

#[server]
pub async fn load_compose(
    reply: Option<String>,
    all: bool,
    forward: Option<String>,
    draft: Option<String>,
) -> Result<ComposeForm, AppError> {
    use crate::functions::ssr::{db, signed_in};
    let (current, _) = signed_in().await?;
    crate::services::messages::compose_form(
        &db()?,
        &current,
        reply.as_deref(),
        all,
        forward.as_deref(),
        draft.as_deref(),
    )
    .await
}

/// Marks, flags, archives, deletes (to the trash) or restores one message, then goes where the
/// person expects: back to the message for a mark, to the folder it left otherwise.
#[server]
pub async fn message_action(id: String, action: String) -> Result<(), AppError> {
    use crate::functions::ssr::{db, signed_in};
    use crate::services::messages::{act, Action};
    let (current, _) = signed_in().await?;
    let chosen = Action::from_code(&action).ok_or(AppError::NotFound)?;
    let (before, _) = act(&db()?, &current, &id, chosen).await?;
    let to = match chosen {
        Action::Flag | Action::Unflag => format!("/berichten/{id}?gedaan={action}"),
        _ => format!("/berichten?map={}&gedaan={action}", before.slug()),
    };
    leptos_axum::redirect(&to);
    Ok(())
}

#[server]
pub async fn empty_trash() -> Result<(), AppError> {
    use crate::functions::ssr::{db, signed_in};
    let (current, _) = signed_in().await?;
    crate::services::messages::empty_trash(&db()?, &current).await?;
    leptos_axum::redirect("/berichten?map=prullenbak&gedaan=geleegd");
    Ok(())
}

/// Mail at every new message, or not. Unchecked boxes are not posted: no value means off.
#[server]
pub async fn set_message_notifications(enabled: Option<String>) -> Result<(), AppError> {
    use crate::functions::ssr::{db, signed_in};
    let (current, _) = signed_in().await?;
    crate::services::messages::set_notifications(&db()?, &current, enabled.is_some()).await?;
    leptos_axum::redirect("/start?meldingen=1");
    Ok(())
}
