//! Reading: one message as its reader sees it, and its attachments.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::body::reader_body;
use super::{own_entry, MessageError, EMPTIED};
use crate::db::entities::{attachment, mailbox_entry};
use crate::models::{AttachmentInfo, Folder, MessageView, PublicId};
use crate::services::time::school_local;
use crate::visibility::Mailbox;

/// The attachments of a message, as the reader and the compose form list them.
pub(super) async fn attachments_of<C: ConnectionTrait>(
    db: &C,
    message_id: i32,
) -> Result<Vec<AttachmentInfo>, MessageError> {
    let listed: Vec<(Uuid, String, i64)> = attachment::Entity::find()
        .select_only()
        .columns([
            attachment::Column::PublicId,
            attachment::Column::FileName,
            attachment::Column::Size,
        ])
        .filter(attachment::Column::MessageId.eq(message_id))
        .order_by_asc(attachment::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(listed
        .into_iter()
        .map(|(id, file_name, size)| AttachmentInfo {
            id: id.to_string(),
            file_name,
            size,
        })
        .collect())
}

/// Opens the message `id` of `mailbox` and marks it read.
pub async fn open<C: ConnectionTrait>(
    db: &C,
    mailbox: &Mailbox,
    id: PublicId,
    show_remote_images: bool,
    now: DateTime<Utc>,
) -> Result<MessageView, MessageError> {
    let (entry, message) = own_entry(db, mailbox, id).await?;
    if entry.read_at.is_none() {
        mailbox_entry::Entity::update_many()
            .col_expr(mailbox_entry::Column::ReadAt, Expr::value(now))
            .filter(mailbox_entry::Column::Id.eq(entry.id))
            .exec(db)
            .await?;
    }
    let (body_html, remote_images_blocked) = reader_body(&message.body, show_remote_images);
    Ok(MessageView {
        id: entry.public_id.to_string(),
        folder: Folder::from_code(&entry.folder).unwrap_or_default(),
        sender: message.sender_name,
        to_label: message.to_label,
        subject: message.subject,
        at: school_local(entry.sorted_at),
        body_html,
        remote_images_blocked,
        attachments: attachments_of(db, message.id).await?,
        read: true,
        flagged: entry.flagged,
        draft: message.sent_at.is_none(),
    })
}

/// An attachment of a message in `mailbox`; any other id finds nothing.
pub async fn attachment<C: ConnectionTrait>(
    db: &C,
    mailbox: &Mailbox,
    id: PublicId,
) -> Result<attachment::Model, MessageError> {
    let mut mine = Query::select();
    mine.column(mailbox_entry::Column::MessageId)
        .from(mailbox_entry::Entity)
        .cond_where(mailbox.entries())
        .and_where(mailbox_entry::Column::Folder.ne(EMPTIED));
    attachment::Entity::find()
        .filter(attachment::Column::PublicId.eq(id.0))
        .filter(attachment::Column::MessageId.in_subquery(mine.to_owned()))
        .one(db)
        .await?
        .ok_or(MessageError::NotFound)
}
