//! Berichten: mailboxes, writing, reading and the folders. Every function takes a capability of
//! the visibility module: a [`Mailbox`](crate::visibility::Mailbox) narrows each query to one
//! person's own copies, a [`Composer`](crate::visibility::Composer) says whom they may write to.
//!
//! A message is stored once; delivering it writes one mailbox entry per person (and the sender's
//! sent copy), the attachments and the notification mails in one transaction: all of them or none.
//! Bodies are written as plain text with light formatting (Markdown, some HTML) and kept as
//! sanitised HTML; images from elsewhere are only shown when the reader asks for them.

mod body;
mod compose;
mod error;
mod folders;
mod notifications;
mod reading;
mod recipients;
mod send;

pub use body::{reader_body, render_body};
pub use compose::{compose_form, Start};
pub use error::MessageError;
pub use folders::{act, empty_trash, mailbox, newest, Action, PAGE_SIZE};
pub use reading::{attachment, open};
pub use send::{deliver, own_copy, write, Draft, Upload, Written, MAX_BODY_CHARS};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::db::entities::{mailbox_entry, message};
use crate::models::PublicId;
use crate::visibility::Mailbox;

/// Where a message emptied from the trash stays: out of sight, so that reply-all still knows
/// its recipients and nobody else's copy is touched.
const EMPTIED: &str = "emptied";

/// The copy `id` in `mailbox`, with its message. Another person's id finds nothing.
async fn own_entry<C: ConnectionTrait>(
    db: &C,
    mailbox: &Mailbox,
    id: PublicId,
) -> Result<(mailbox_entry::Model, message::Model), MessageError> {
    mailbox_entry::Entity::find()
        .filter(mailbox.entries())
        .filter(mailbox_entry::Column::PublicId.eq(id.0))
        .filter(mailbox_entry::Column::Folder.ne(EMPTIED))
        .find_also_related(message::Entity)
        .one(db)
        .await?
        .and_then(|(entry, message)| message.map(|message| (entry, message)))
        .ok_or(MessageError::NotFound)
}
