//! Berichten. Writing (with attachments) is a plain multipart form to the server, like uploading
//! a document; reading, the folders and the actions are server functions. Each one asks the
//! visibility module for the caller's mailbox, calls the messages service with it, and maps the
//! service's error.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{ComposeForm, MailboxPage, MessageView};

#[server]
pub async fn load_mailbox(
    folder: Option<String>,
    search: Option<String>,
    page: Option<u64>,
) -> Result<MailboxPage, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        let mailbox = crate::visibility::mailbox(&current)?;
        let folder = crate::models::Folder::from_slug(folder.as_deref());
        let page = page.unwrap_or(1);
        Ok(
            crate::services::messages::mailbox(&db()?, &mailbox, folder, search.as_deref(), page)
                .await?,
        )
    })
    .await
}

/// Opens one message of the caller's mailbox and marks it read.
#[server]
pub async fn load_message(id: String, show_images: bool) -> Result<MessageView, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        let mailbox = crate::visibility::mailbox(&current)?;
        let id = ssr::message_id(&id)?;
        let now = chrono::Utc::now();
        Ok(crate::services::messages::open(&db()?, &mailbox, id, show_images, now).await?)
    })
    .await
}

/// The compose form, starting from a draft, else a reply, else a forward, else empty.
#[server]
pub async fn load_compose(
    reply: Option<String>,
    all: bool,
    forward: Option<String>,
    draft: Option<String>,
) -> Result<ComposeForm, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        use crate::services::messages::Start;
        let (current, _) = signed_in().await?;
        let db = db()?;
        let composer = crate::visibility::composer(&db, &current).await?;
        let start = match (draft, reply, forward) {
            (Some(id), _, _) => Start::Draft(ssr::message_id(&id)?),
            (None, Some(id), _) => Start::Reply {
                original: ssr::message_id(&id)?,
                all,
            },
            (None, None, Some(id)) => Start::Forward(ssr::message_id(&id)?),
            (None, None, None) => Start::New,
        };
        Ok(crate::services::messages::compose_form(&db, &composer, start).await?)
    })
    .await
}

/// Marks, flags, archives, deletes (to the trash) or restores one message, then goes where the
/// person expects: back to the message for a mark, to the folder it left otherwise.
#[server]
pub async fn message_action(id: String, action: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        use crate::services::messages::{act, Action};
        let (current, _) = signed_in().await?;
        let mailbox = crate::visibility::mailbox(&current)?;
        let (chosen, outcome) = ssr::action(&action)?;
        let (before, _) = act(&db()?, &mailbox, ssr::message_id(&id)?, chosen).await?;
        let to = match chosen {
            Action::Flag | Action::Unflag => format!("/berichten/{id}?{}", outcome.query()),
            _ => format!("/berichten?map={}&{}", before.slug(), outcome.query()),
        };
        leptos_axum::redirect(&to);
        Ok(())
    })
    .await
}

#[server]
pub async fn empty_trash() -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        let mailbox = crate::visibility::mailbox(&current)?;
        crate::services::messages::empty_trash(&db()?, &mailbox).await?;
        leptos_axum::redirect(&format!(
            "/berichten?map=prullenbak&{}",
            crate::outcome::Outcome::TrashEmptied.query()
        ));
        Ok(())
    })
    .await
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::error::AppError;
    use crate::models::PublicId;
    use crate::outcome::Outcome;
    use crate::services::messages::{Action, MessageError};

    /// A copy's or an attachment's id as an address or a form carries it; text that is no id
    /// finds nothing, like another person's id.
    pub fn message_id(text: &str) -> Result<PublicId, AppError> {
        PublicId::parse(text).ok_or(AppError::NotFound)
    }

    /// A message action as its button sends it. The button's value is the outcome the page
    /// reports afterwards, so that the two cannot drift apart.
    pub fn action(code: &str) -> Result<(Action, Outcome), AppError> {
        [
            (Action::Unread, Outcome::MarkedUnread),
            (Action::Flag, Outcome::Flagged),
            (Action::Unflag, Outcome::Unflagged),
            (Action::Archive, Outcome::Archived),
            (Action::Trash, Outcome::Trashed),
            (Action::Restore, Outcome::Restored),
        ]
        .into_iter()
        .find(|(_, outcome)| outcome.code() == code)
        .ok_or(AppError::NotFound)
    }

    impl From<MessageError> for AppError {
        fn from(error: MessageError) -> Self {
            match error {
                MessageError::NotFound => AppError::NotFound,
                MessageError::NotOffered => AppError::Forbidden,
                MessageError::NoRecipient => AppError::NoRecipient,
                MessageError::NoSubject => AppError::NoSubject,
                MessageError::TooLong => AppError::MessageTooLong,
                MessageError::FileTooLarge => AppError::FileTooLarge,
                MessageError::Db(error) => error.into(),
            }
        }
    }
}
