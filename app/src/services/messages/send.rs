//! Writing: a message sent or kept as a draft, its attachments, and its delivery to every
//! person it reaches, all in one transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, QueryFilter, QuerySelect, Set,
};
use uuid::Uuid;

use super::body::render_body;
use super::notifications::notify;
use super::recipients::resolve;
use super::{own_entry, MessageError};
use crate::db::entities::{attachment, mailbox_entry, message};
use crate::models::{Folder, PublicId};
use crate::services::documents::clean_file_name;
use crate::visibility::{Composer, Mailbox};

const MAX_SUBJECT_CHARS: usize = 200;
pub const MAX_BODY_CHARS: usize = 100_000;
/// Rows per insert: well below SQLite's and PostgreSQL's limits on bound values.
const ENTRIES_PER_INSERT: usize = 500;

pub use crate::services::documents::Upload;

/// What the compose form posts.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The chosen recipients' keys, as the form offered them.
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
    /// The draft being edited (its copy in the writer's mailbox).
    pub draft: Option<PublicId>,
    /// The message being forwarded (its copy in the writer's mailbox): its attachments go along.
    pub forward: Option<PublicId>,
}

/// What happened to a written message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    Sent,
    /// Kept as a draft (its mailbox entry id).
    Saved(String),
}

/// Sends (`send`) or saves as a draft what the compose form posted, with its `uploads`, from the
/// composer's mailbox.
///
/// Checked before anything is written: the recipients (only those the composer may write to),
/// the subject, and the attachments: the new `uploads` with those the draft already has or the
/// forwarded message brings, at most `attachments` bytes together (`UPLOAD_MESSAGE_MB`). Sending writes the message, the sender's copy, one copy
/// per person reached, the attachments and the notification mails in one transaction.
#[allow(clippy::too_many_arguments)]
pub async fn write(
    db: &DatabaseConnection,
    composer: &Composer,
    base_url: &str,
    draft: Draft,
    uploads: Vec<Upload>,
    attachments: usize,
    send: bool,
    now: DateTime<Utc>,
) -> Result<Written, MessageError> {
    let mailbox = composer.mailbox();
    let sender = mailbox.person();
    let to: Vec<String> = draft
        .to
        .iter()
        .map(|key| key.trim().to_owned())
        .filter(|key| !key.is_empty())
        .collect();
    let (persons, chosen) = resolve(composer, &to)?;
    let subject: String = draft
        .subject
        .trim()
        .chars()
        .take(MAX_SUBJECT_CHARS)
        .collect();
    if draft.body.chars().count() > MAX_BODY_CHARS {
        return Err(MessageError::TooLong);
    }
    let uploads: Vec<Upload> = uploads
        .into_iter()
        .filter(|upload| !upload.content.is_empty())
        .map(|upload| Upload {
            file_name: clean_file_name(&upload.file_name).unwrap_or_else(|| "bijlage".to_owned()),
            ..upload
        })
        .collect();
    if send && persons.is_empty() {
        return Err(MessageError::NoRecipient);
    }
    if send && subject.is_empty() {
        return Err(MessageError::NoSubject);
    }
    let fields = message::ActiveModel {
        platform_id: Set(mailbox.platform_id()),
        sender_id: Set(sender.id),
        sender_name: Set(sender.display_name()),
        subject: Set(subject),
        body: Set(render_body(&draft.body)),
        source: Set(draft.body.clone()),
        to_label: Set(chosen
            .iter()
            .map(|option| option.kind.label(crate::i18n::Lang::Nl))
            .collect::<Vec<_>>()
            .join(", ")),
        draft_to: Set((!send).then(|| to.join("\n"))),
        sent_at: Set(send.then_some(now)),
        ..Default::default()
    };
    let txn = crate::db::begin_write(db).await?;
    let written = store(
        &txn,
        mailbox,
        &draft,
        fields,
        (uploads, attachments),
        &persons,
        base_url,
        now,
    )
    .await;
    crate::db::settle(txn, written).await
}

/// The writes of [`write`], in its transaction.
#[allow(clippy::too_many_arguments)]
async fn store(
    txn: &DatabaseTransaction,
    mailbox: &Mailbox,
    draft: &Draft,
    mut fields: message::ActiveModel,
    (uploads, limit): (Vec<Upload>, usize),
    persons: &[i32],
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<Written, MessageError> {
    let send = matches!(fields.sent_at, sea_orm::ActiveValue::Set(Some(_)));
    let existing = match draft.draft {
        Some(id) => {
            let (entry, message) = own_entry(txn, mailbox, id).await?;
            if message.sent_at.is_some() {
                return Err(MessageError::NotFound);
            }
            Some(entry)
        }
        None => None,
    };
    let forwarded = match draft.forward {
        Some(id) if existing.is_none() => Some(own_entry(txn, mailbox, id).await?.1.id),
        _ => None,
    };
    // What the draft has or the forwarded message brings counts with the new files.
    let carried = match (&existing, forwarded) {
        (Some(entry), _) => attached_bytes(txn, entry.message_id).await?,
        (None, Some(original)) => attached_bytes(txn, original).await?,
        (None, None) => 0,
    };
    let new: usize = uploads.iter().map(|upload| upload.content.len()).sum();
    if carried.saturating_add(new) > limit {
        return Err(MessageError::FileTooLarge);
    }
    let message = match &existing {
        Some(entry) => {
            fields.id = Set(entry.message_id);
            fields.update(txn).await?
        }
        None => {
            fields.public_id = Set(Uuid::new_v4());
            fields.created_at = Set(now);
            fields.insert(txn).await?
        }
    };
    if let Some(original) = forwarded {
        copy_attachments(txn, original, message.id).await?;
    }
    for upload in uploads {
        store_attachment(txn, message.id, upload).await?;
    }
    let folder = if send { Folder::Sent } else { Folder::Drafts };
    let own_copy = match existing {
        Some(entry) => {
            let mut change: mailbox_entry::ActiveModel = entry.into();
            change.folder = Set(folder.code().to_owned());
            change.sorted_at = Set(now);
            change.update(txn).await?
        }
        None => own_copy(txn, &message, folder, now).await?,
    };
    if send {
        deliver::<_, MessageError>(txn, &message, persons, Some(base_url), now).await?;
    }
    Ok(if send {
        Written::Sent
    } else {
        Written::Saved(own_copy.public_id.to_string())
    })
}

/// The writer's own copy of `message`: a sent message or a draft, read.
pub async fn own_copy<C: ConnectionTrait>(
    db: &C,
    message: &message::Model,
    folder: Folder,
    at: DateTime<Utc>,
) -> Result<mailbox_entry::Model, DbErr> {
    mailbox_entry::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        owner_id: Set(message.sender_id),
        message_id: Set(message.id),
        folder: Set(folder.code().to_owned()),
        restore_folder: Set(None),
        received: Set(false),
        read_at: Set(Some(at)),
        flagged: Set(false),
        sorted_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
}

async fn store_attachment<C: ConnectionTrait>(
    db: &C,
    message_id: i32,
    upload: Upload,
) -> Result<(), MessageError> {
    let file_name = upload.file_name;
    let content_type = upload
        .content_type
        .filter(|kind| kind.len() <= 100 && kind.is_ascii())
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    let size = i64::try_from(upload.content.len()).map_err(|_| MessageError::FileTooLarge)?;
    attachment::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        message_id: Set(message_id),
        file_name: Set(file_name),
        content_type: Set(content_type),
        size: Set(size),
        content: Set(upload.content),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The size of a message's attachments together, read without their content.
async fn attached_bytes<C: ConnectionTrait>(db: &C, message_id: i32) -> Result<usize, DbErr> {
    let sizes: Vec<i64> = attachment::Entity::find()
        .select_only()
        .column(attachment::Column::Size)
        .filter(attachment::Column::MessageId.eq(message_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(sizes
        .into_iter()
        .map(|size| usize::try_from(size).unwrap_or(usize::MAX))
        .fold(0, usize::saturating_add))
}

async fn copy_attachments<C: ConnectionTrait>(db: &C, from: i32, to: i32) -> Result<(), DbErr> {
    let originals = attachment::Entity::find()
        .filter(attachment::Column::MessageId.eq(from))
        .all(db)
        .await?;
    for original in originals {
        attachment::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            message_id: Set(to),
            file_name: Set(original.file_name),
            content_type: Set(original.content_type),
            size: Set(original.size),
            content: Set(original.content),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Puts a sent `message` into the inbox of each of `persons` (one copy each; the sender's own
/// copy is written by the caller) and queues the notification mails of those who asked for them
/// (with `base_url` for the link; none for seeding). Run it inside the sending transaction.
///
/// Only the database can fail here; its error comes back in the caller's own error type (the
/// sending service's, seeding's, a test's).
pub async fn deliver<C: ConnectionTrait, E: From<DbErr>>(
    db: &C,
    message: &message::Model,
    persons: &[i32],
    base_url: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), E> {
    let mut links = BTreeMap::new();
    let entries: Vec<mailbox_entry::ActiveModel> = persons
        .iter()
        .filter(|person| **person != message.sender_id)
        .map(|person| {
            let id = Uuid::new_v4();
            links.insert(*person, id);
            mailbox_entry::ActiveModel::received(id, *person, message.id, now)
        })
        .collect();
    for chunk in entries.chunks(ENTRIES_PER_INSERT) {
        mailbox_entry::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    if let Some(base_url) = base_url {
        notify(db, message, &links, base_url).await?;
    }
    Ok(())
}
