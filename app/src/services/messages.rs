//! Berichten: mailboxes, writing, reading and the folders. Every query is narrowed to the caller's
//! own mailbox by the visibility module, which also decides whom the caller may write to.
//!
//! A message is stored once; delivering it writes one mailbox entry per person (and the sender's
//! sent copy), the attachments and the notification mails in one transaction: all of them or none.
//! Bodies are written as plain text with light formatting (Markdown, some HTML) and kept as
//! sanitised HTML; images from elsewhere are only shown when the reader asks for them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::documents::clean_file_name;
use super::time::school_local;
use crate::auth::Current;
use crate::db::entities::{attachment, mailbox_entry, message, sub_account};
use crate::error::AppError;
use crate::mail::{self, Mail};
use crate::models::{
    AttachmentInfo, ComposeForm, Folder, MailboxPage, MailboxRow, MessageView, RecipientOption,
};
use crate::visibility::{mailbox_owner, own_mailbox, recipients, resolve_recipients};

/// The attachments of one message together, in bytes.
pub const MAX_ATTACHMENTS: usize = 10 * 1024 * 1024;
/// Messages per page of a folder.
pub const PAGE_SIZE: u64 = 25;
const MAX_SUBJECT_CHARS: usize = 200;
pub const MAX_BODY_CHARS: usize = 100_000;
/// Where a message emptied from the trash stays: out of sight, so that reply-all still knows
/// its recipients and nobody else's copy is touched.
const EMPTIED: &str = "emptied";

/// A file chosen in the compose form.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub content_type: Option<String>,
    pub content: Vec<u8>,
}

/// What the compose form posts.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
    /// The draft being edited (mailbox entry id).
    pub draft: Option<String>,
    /// The message being forwarded (mailbox entry id): its attachments go along.
    pub forward: Option<String>,
}

/// What happened to a written message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    Sent,
    /// Kept as a draft (its mailbox entry id).
    Saved(String),
}

/// One action on one message in the caller's mailbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Unread,
    Flag,
    Unflag,
    Archive,
    Trash,
    Restore,
}

impl Action {
    pub fn from_code(code: &str) -> Option<Action> {
        Some(match code {
            "ongelezen" => Action::Unread,
            "markeren" => Action::Flag,
            "niet-markeren" => Action::Unflag,
            "archiveren" => Action::Archive,
            "verwijderen" => Action::Trash,
            "terugzetten" => Action::Restore,
            _ => return None,
        })
    }
}

/// Turns what someone wrote into safe HTML: Markdown (line breaks kept), then sanitised (no
/// scripts, no event handlers, no `javascript:` links; links get `rel="noopener noreferrer"`).
pub fn render_body(source: &str) -> String {
    use pulldown_cmark::{html, Event, Options, Parser};
    let parser = Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
        Event::SoftBreak => Event::HardBreak,
        other => other,
    });
    let mut html_out = String::new();
    html::push_html(&mut html_out, parser);
    ammonia::clean(&html_out)
}

/// The stored body as a reader sees it: images from elsewhere (which would tell their server who
/// reads the message, and when) are left out unless `show_remote` says the reader asked for them.
/// Returns the HTML and whether something was left out.
pub fn reader_body(stored: &str, show_remote: bool) -> (String, bool) {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    // Without a `src`, in any case, there is no image to leave out.
    let has_src = stored
        .as_bytes()
        .windows(3)
        .any(|word| word.eq_ignore_ascii_case(b"src"));
    if show_remote || !has_src {
        return (stored.to_owned(), false);
    }
    let left_out = Arc::new(AtomicBool::new(false));
    let cleaned = ammonia::Builder::default()
        .attribute_filter({
            let left_out = left_out.clone();
            move |element, attribute, value| {
                if element == "img" && attribute == "src" && is_remote(value) {
                    left_out.store(true, Ordering::Relaxed);
                    None
                } else {
                    Some(value.into())
                }
            }
        })
        .clean(stored)
        .to_string();
    let left_out = left_out.load(Ordering::Relaxed);
    if left_out {
        (cleaned, true)
    } else {
        (stored.to_owned(), false)
    }
}

/// Whether an image's address loads it from elsewhere, read as a browser reads it: spaces
/// around it and tabs and line breaks within it dropped, any case, `\` as `/`. Anything with a
/// scheme but `data:` is elsewhere.
fn is_remote(src: &str) -> bool {
    let src: String = src
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let src = src
        .trim_matches(|c: char| c <= ' ')
        .to_ascii_lowercase()
        .replace('\\', "/");
    if src.starts_with("//") {
        return true;
    }
    match src.split_once(':') {
        Some((scheme, _)) if !scheme.is_empty() && !scheme.contains(['/', '?', '#']) => {
            scheme != "data"
        }
        _ => false,
    }
}

fn parse_id(id: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)
}

/// The caller's copy `id` with its message. Another person's id finds nothing.
async fn own_entry<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    id: &str,
) -> Result<(mailbox_entry::Model, message::Model), AppError> {
    mailbox_entry::Entity::find()
        .filter(own_mailbox(current)?)
        .filter(mailbox_entry::Column::PublicId.eq(parse_id(id)?))
        .filter(mailbox_entry::Column::Folder.ne(EMPTIED))
        .find_also_related(message::Entity)
        .one(db)
        .await?
        .and_then(|(entry, message)| message.map(|message| (entry, message)))
        .ok_or(AppError::NotFound)
}

#[derive(Debug, sea_orm::FromQueryResult)]
struct Listed {
    public_id: Uuid,
    message_id: i32,
    read_at: Option<DateTime<Utc>>,
    flagged: bool,
    sorted_at: DateTime<Utc>,
    sender_name: String,
    subject: String,
    to_label: String,
}

/// The newest-first query of the caller's folder, narrowed by `search` (sender or subject).
async fn rows<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    folder: Folder,
    search: Option<&str>,
    offset: u64,
    limit: u64,
) -> Result<Vec<MailboxRow>, AppError> {
    let mut query = mailbox_entry::Entity::find()
        .select_only()
        .columns([
            mailbox_entry::Column::PublicId,
            mailbox_entry::Column::MessageId,
            mailbox_entry::Column::ReadAt,
            mailbox_entry::Column::Flagged,
            mailbox_entry::Column::SortedAt,
        ])
        .column(message::Column::SenderName)
        .column(message::Column::Subject)
        .column(message::Column::ToLabel)
        .inner_join(message::Entity)
        .filter(own_mailbox(current)?)
        .filter(mailbox_entry::Column::Folder.eq(folder.code()));
    if let Some(search) = search {
        let pattern = format!(
            "%{}%",
            search
                .to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let like = |column: message::Column| {
            Expr::expr(Func::lower(Expr::col((message::Entity, column))))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        query = query.filter(
            Condition::any()
                .add(like(message::Column::SenderName))
                .add(like(message::Column::Subject))
                .add(like(message::Column::ToLabel)),
        );
    }
    let listed: Vec<Listed> = query
        .order_by_desc(mailbox_entry::Column::SortedAt)
        .order_by_desc(mailbox_entry::Column::Id)
        .offset(offset)
        .limit(limit)
        .into_model()
        .all(db)
        .await?;
    let with_files: Vec<i32> = attachment::Entity::find()
        .select_only()
        .column(attachment::Column::MessageId)
        .filter(attachment::Column::MessageId.is_in(listed.iter().map(|row| row.message_id)))
        .into_tuple()
        .all(db)
        .await?;
    Ok(listed
        .into_iter()
        .map(|row| MailboxRow {
            id: row.public_id.to_string(),
            sender: row.sender_name,
            to_label: row.to_label,
            subject: row.subject,
            at: school_local(row.sorted_at),
            read: row.read_at.is_some(),
            flagged: row.flagged,
            attachments: with_files.contains(&row.message_id),
        })
        .collect())
}

/// One page of the caller's `folder`, newest first. Paging reads one row more than it shows
/// instead of counting the folder, so a page costs the same in a mailbox of any size.
pub async fn mailbox<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    folder: Folder,
    search: Option<&str>,
    page: u64,
) -> Result<MailboxPage, AppError> {
    let search = search.map(str::trim).filter(|search| !search.is_empty());
    let page = Ord::max(page, 1);
    let mut rows = rows(
        db,
        current,
        folder,
        search,
        (page - 1) * PAGE_SIZE,
        PAGE_SIZE + 1,
    )
    .await?;
    let has_next = rows.len() as u64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    Ok(MailboxPage {
        folder,
        search: search.map(str::to_owned),
        page,
        has_next,
        rows,
    })
}

/// The newest messages of the caller's inbox (for "Mijn kinderen").
pub async fn newest<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    count: u64,
) -> Result<Vec<MailboxRow>, AppError> {
    rows(db, current, Folder::Inbox, None, 0, count).await
}

/// How many messages in the caller's inbox are unread.
pub async fn unread<C: ConnectionTrait>(db: &C, current: &Current) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(mailbox_entry::Entity::find()
        .filter(own_mailbox(current)?)
        .filter(mailbox_entry::Column::Folder.eq(Folder::Inbox.code()))
        .filter(mailbox_entry::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

async fn attachments_of<C: ConnectionTrait>(
    db: &C,
    message_id: i32,
) -> Result<Vec<AttachmentInfo>, AppError> {
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

/// Opens the caller's message `id` and marks it read.
pub async fn open<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    id: &str,
    show_remote_images: bool,
    now: DateTime<Utc>,
) -> Result<MessageView, AppError> {
    let (entry, message) = own_entry(db, current, id).await?;
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

/// Applies `action` to the caller's message `id`; returns the folder it was in and the one it is
/// in afterwards.
pub async fn act<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    id: &str,
    action: Action,
) -> Result<(Folder, Folder), AppError> {
    let (entry, _) = own_entry(db, current, id).await?;
    let folder = Folder::from_code(&entry.folder).unwrap_or_default();
    let home = if entry.received {
        Folder::Inbox
    } else {
        Folder::Sent
    };
    let mut change = mailbox_entry::ActiveModel {
        id: Set(entry.id),
        ..Default::default()
    };
    let after = match action {
        Action::Unread => {
            change.read_at = Set(None);
            folder
        }
        Action::Flag | Action::Unflag => {
            change.flagged = Set(action == Action::Flag);
            folder
        }
        Action::Archive if matches!(folder, Folder::Inbox | Folder::Sent) => Folder::Archive,
        Action::Archive => folder,
        Action::Trash if folder != Folder::Trash => {
            change.restore_folder = Set(Some(folder.code().to_owned()));
            Folder::Trash
        }
        Action::Trash => folder,
        Action::Restore => match folder {
            Folder::Trash => entry
                .restore_folder
                .as_deref()
                .and_then(Folder::from_code)
                .unwrap_or(home),
            Folder::Archive => home,
            other => other,
        },
    };
    change.folder = Set(after.code().to_owned());
    change.update(db).await?;
    Ok((folder, after))
}

/// Empties the caller's trash: drafts go for good, received and sent messages leave the caller's
/// sight (the other copies are the other people's).
pub async fn empty_trash(db: &DatabaseConnection, current: &Current) -> Result<u64, AppError> {
    let mine = own_mailbox(current)?;
    let txn = crate::db::begin_write(db).await?;
    let drafts: Vec<i32> = mailbox_entry::Entity::find()
        .select_only()
        .column(mailbox_entry::Column::MessageId)
        .inner_join(message::Entity)
        .filter(mine.clone())
        .filter(mailbox_entry::Column::Folder.eq(Folder::Trash.code()))
        .filter(message::Column::SentAt.is_null())
        .into_tuple()
        .all(&txn)
        .await?;
    let dropped = message::Entity::delete_many()
        .filter(message::Column::Id.is_in(drafts))
        .exec(&txn)
        .await?
        .rows_affected;
    let emptied = mailbox_entry::Entity::update_many()
        .col_expr(mailbox_entry::Column::Folder, Expr::value(EMPTIED))
        .filter(mine)
        .filter(mailbox_entry::Column::Folder.eq(Folder::Trash.code()))
        .exec(&txn)
        .await?
        .rows_affected;
    txn.commit().await?;
    Ok(dropped + emptied)
}

/// An attachment of a message in the caller's mailbox; any other id finds nothing.
pub async fn attachment<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    id: &str,
) -> Result<attachment::Model, AppError> {
    let mut mine = Query::select();
    mine.column(mailbox_entry::Column::MessageId)
        .from(mailbox_entry::Entity)
        .cond_where(own_mailbox(current)?)
        .and_where(mailbox_entry::Column::Folder.ne(EMPTIED));
    attachment::Entity::find()
        .filter(attachment::Column::PublicId.eq(parse_id(id)?))
        .filter(attachment::Column::MessageId.in_subquery(mine.to_owned()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The quoted original below a reply or a forward.
fn quoted(message: &message::Model, at: DateTime<Utc>) -> String {
    let when = school_local(at).format("%d/%m/%Y %H:%M");
    let mut text = format!("\n\n{when}, {}:\n\n", message.sender_name);
    for line in message_source(message).lines() {
        text.push_str("> ");
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// What was written, as the compose form shows it again.
fn message_source(message: &message::Model) -> String {
    message.source.clone()
}

fn with_prefix(prefix: &str, subject: &str) -> String {
    if subject.to_lowercase().starts_with(&prefix.to_lowercase()) {
        subject.to_owned()
    } else {
        format!("{prefix} {subject}")
    }
}

/// What the compose page starts from: empty, a reply (to the sender, or with `all` also to the
/// other recipients the caller may write to), a forward, or a saved draft.
pub async fn compose_form<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    reply: Option<&str>,
    all: bool,
    forward: Option<&str>,
    draft: Option<&str>,
) -> Result<ComposeForm, AppError> {
    let me = mailbox_owner(current)?.1.id;
    let options: Vec<RecipientOption> = recipients(db, current)
        .await?
        .into_iter()
        .map(|recipient| recipient.option)
        .collect();
    let mut form = ComposeForm {
        recipients: options,
        chosen: Vec::new(),
        subject: String::new(),
        body: String::new(),
        draft: None,
        forward: None,
        attachments: Vec::new(),
    };
    if let Some(id) = draft {
        let (entry, message) = own_entry(db, current, id).await?;
        if message.sent_at.is_some() {
            return Err(AppError::NotFound);
        }
        form.chosen = message
            .draft_to
            .as_deref()
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect();
        form.subject = message.subject.clone();
        form.body = message_source(&message);
        form.attachments = attachments_of(db, message.id).await?;
        form.draft = Some(entry.public_id.to_string());
    } else if let Some(id) = reply {
        let (entry, message) = own_entry(db, current, id).await?;
        let mut persons = Vec::new();
        if message.sender_id != me {
            persons.push(message.sender_id);
        }
        if all || message.sender_id == me {
            let others: Vec<i32> = mailbox_entry::Entity::find()
                .select_only()
                .column(mailbox_entry::Column::OwnerId)
                .filter(mailbox_entry::Column::MessageId.eq(message.id))
                .filter(mailbox_entry::Column::Received.eq(true))
                .filter(mailbox_entry::Column::OwnerId.ne(me))
                .into_tuple()
                .all(db)
                .await?;
            persons.extend(others);
        }
        let keys: Vec<String> = sub_account::Entity::find()
            .filter(sub_account::Column::Id.is_in(persons))
            .all(db)
            .await?
            .into_iter()
            .map(|person| format!("persoon:{}", person.public_id))
            .collect();
        // Only those the caller may write to: a parent's reply-all never reaches other families.
        form.chosen = form
            .recipients
            .iter()
            .filter(|option| keys.contains(&option.key))
            .map(|option| option.key.clone())
            .collect();
        form.subject = with_prefix("Re:", &message.subject);
        form.body = quoted(&message, entry.sorted_at);
    } else if let Some(id) = forward {
        let (entry, message) = own_entry(db, current, id).await?;
        form.subject = with_prefix("Fwd:", &message.subject);
        form.body = quoted(&message, entry.sorted_at);
        form.attachments = attachments_of(db, message.id).await?;
        form.forward = Some(entry.public_id.to_string());
    }
    Ok(form)
}

/// Sends (`send`) or saves as a draft what the compose form posted, with its `uploads`.
///
/// Checked before anything is written: the recipients (only those the caller may write to), the
/// subject and the attachments' size. Sending writes the message, the sender's copy, one copy per
/// person reached, the attachments and the notification mails in one transaction.
pub async fn write(
    db: &DatabaseConnection,
    current: &Current,
    base_url: &str,
    draft: Draft,
    uploads: Vec<Upload>,
    send: bool,
    now: DateTime<Utc>,
) -> Result<Written, AppError> {
    let (account, sender) = mailbox_owner(current)?;
    let to: Vec<String> = draft
        .to
        .iter()
        .map(|key| key.trim().to_owned())
        .filter(|key| !key.is_empty())
        .collect();
    let (persons, chosen) = resolve_recipients(db, current, &to).await?;
    let subject: String = draft
        .subject
        .trim()
        .chars()
        .take(MAX_SUBJECT_CHARS)
        .collect();
    if draft.body.chars().count() > MAX_BODY_CHARS {
        return Err(AppError::MessageTooLong);
    }
    let uploads: Vec<Upload> = uploads
        .into_iter()
        .filter(|upload| !upload.content.is_empty())
        .map(|upload| Upload {
            file_name: clean_file_name(&upload.file_name).unwrap_or_else(|| "bijlage".to_owned()),
            ..upload
        })
        .collect();
    if uploads
        .iter()
        .map(|upload| upload.content.len())
        .sum::<usize>()
        > MAX_ATTACHMENTS
    {
        return Err(AppError::FileTooLarge);
    }
    if send && persons.is_empty() {
        return Err(AppError::NoRecipient);
    }
    if send && subject.is_empty() {
        return Err(AppError::NoSubject);
    }
    let fields = message::ActiveModel {
        platform_id: Set(account.platform_id),
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
        &txn, current, &draft, fields, uploads, &persons, base_url, now,
    )
    .await;
    crate::db::settle(txn, written).await
}

/// The writes of [`write`], in its transaction.
#[allow(clippy::too_many_arguments)]
async fn store(
    txn: &DatabaseTransaction,
    current: &Current,
    draft: &Draft,
    mut fields: message::ActiveModel,
    uploads: Vec<Upload>,
    persons: &[i32],
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<Written, AppError> {
    let send = matches!(fields.sent_at, sea_orm::ActiveValue::Set(Some(_)));
    let existing = match draft.draft.as_deref() {
        Some(id) => {
            let (entry, message) = own_entry(txn, current, id).await?;
            if message.sent_at.is_some() {
                return Err(AppError::NotFound);
            }
            Some(entry)
        }
        None => None,
    };
    let forwarded = match draft.forward.as_deref() {
        Some(id) if existing.is_none() => Some(own_entry(txn, current, id).await?.1.id),
        _ => None,
    };
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
        deliver(txn, &message, persons, Some(base_url), now).await?;
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
) -> Result<mailbox_entry::Model, AppError> {
    Ok(mailbox_entry::ActiveModel {
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
    .await?)
}

async fn store_attachment<C: ConnectionTrait>(
    db: &C,
    message_id: i32,
    upload: Upload,
) -> Result<(), AppError> {
    let file_name = upload.file_name;
    let content_type = upload
        .content_type
        .filter(|kind| kind.len() <= 100 && kind.is_ascii())
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    let size = i64::try_from(upload.content.len()).map_err(|_| AppError::FileTooLarge)?;
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

async fn copy_attachments<C: ConnectionTrait>(db: &C, from: i32, to: i32) -> Result<(), AppError> {
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

/// Rows per insert: well below SQLite's and PostgreSQL's limits on bound values.
const ENTRIES_PER_INSERT: usize = 500;

/// Puts a sent `message` into the inbox of each of `persons` (one copy each; the sender's own
/// copy is written by the caller) and queues the notification mails of those who asked for them
/// (with `base_url` for the link; none for seeding). Run it inside the sending transaction.
pub async fn deliver<C: ConnectionTrait>(
    db: &C,
    message: &message::Model,
    persons: &[i32],
    base_url: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
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
    let Some(base_url) = base_url else {
        return Ok(());
    };
    let notified = sub_account::Entity::find()
        .filter(sub_account::Column::Id.is_in(links.keys().copied()))
        .filter(sub_account::Column::NotifyMessages.eq(true))
        .filter(sub_account::Column::EmailConfirmedAt.is_not_null())
        .all(db)
        .await?;
    for person in notified {
        let (Some(address), Some(id)) = (person.confirmed_email(), links.get(&person.id)) else {
            continue;
        };
        let greeting = format!("Beste {},", person.first_name);
        let about = format!(
            "{} stuurde u een bericht: \"{}\".",
            message.sender_name, message.subject
        );
        mail::enqueue(
            db,
            Mail::with_link(
                crate::i18n::Lang::Nl,
                address,
                &format!("Nieuw bericht: {}", message.subject),
                &greeting,
                &[
                    &about,
                    "Lees het op het schoolplatform. U krijgt deze e-mail omdat u meldingen voor nieuwe berichten aanzette; uitzetten kan op uw startpagina.",
                ],
                "Bericht lezen",
                &format!("{base_url}/berichten/{id}"),
            ),
        )
        .await?;
    }
    Ok(())
}

/// Turns the mail notification for new messages on or off for the caller (the person signed in,
/// not the selected child's co-account: the setting belongs to whoever reads the mail).
pub async fn set_notifications<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    enabled: bool,
) -> Result<(), AppError> {
    crate::visibility::require(current, crate::models::Module::Profile)?;
    sub_account::ActiveModel {
        id: Set(current.person.id),
        notify_messages: Set(enabled),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{reader_body, render_body, with_prefix};

    #[test]
    fn bodies_keep_formatting_and_lose_scripts() {
        let html = render_body(
            "**Vet** en *schuin*\nnieuwe regel <script>alert(1)</script> <a href=\"javascript:alert(1)\">x</a> <b onclick=\"x()\">b</b>",
        );
        assert!(html.contains("<strong>Vet</strong>"), "{html}");
        assert!(html.contains("<em>schuin</em>"), "{html}");
        assert!(html.contains("<br>"), "{html}");
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<b>b</b>"), "{html}");
    }

    #[test]
    fn remote_images_wait_for_consent() {
        let stored =
            render_body("Kijk: <img src=\"https://volger.example/pixel.png\" alt=\"foto\">");
        let (blocked, was_blocked) = reader_body(&stored, false);
        assert!(was_blocked);
        assert!(!blocked.contains("volger.example"), "{blocked}");
        assert!(blocked.contains("alt=\"foto\""), "{blocked}");
        let (shown, _) = reader_body(&stored, true);
        assert!(
            shown.contains("https://volger.example/pixel.png"),
            "{shown}"
        );
        let (plain, none) = reader_body(&render_body("Geen afbeeldingen"), false);
        assert!(!none);
        assert!(plain.contains("Geen afbeeldingen"));
    }

    #[test]
    fn remote_images_are_recognised_whatever_their_case_and_spacing() {
        for stored in [
            "<p><img src=\" HTTPS://volger.example/pixel.png\" alt=\"foto\"></p>",
            "<p><IMG SRC=\"Http://volger.example/pixel.png\" alt=\"foto\"></p>",
            "<p><img src=\"\thttp://volger.example/pixel.png\" alt=\"foto\"></p>",
            "<p><img src=\"ht\ntps://volger.example/pixel.png\" alt=\"foto\"></p>",
            "<p><img src=\"//volger.example/pixel.png\" alt=\"foto\"></p>",
            "<p><img src=\"\\\\volger.example/pixel.png\" alt=\"foto\"></p>",
        ] {
            let (shown, left_out) = reader_body(stored, false);
            assert!(left_out, "{stored}");
            assert!(!shown.contains("volger.example"), "{stored}: {shown}");
            assert!(shown.contains("alt=\"foto\""), "{shown}");
            let (asked, _) = reader_body(stored, true);
            assert!(asked.contains("volger.example"), "{asked}");
        }
        let own = "<p><img src=\"/photos/lotte.peeters.svg\" alt=\"Lotte\"> src=http://x</p>";
        assert_eq!(reader_body(own, false), (own.to_owned(), false));
    }

    #[test]
    fn reply_prefixes_are_not_repeated() {
        assert_eq!(with_prefix("Re:", "Uitstap"), "Re: Uitstap");
        assert_eq!(with_prefix("Re:", "RE: Uitstap"), "RE: Uitstap");
    }
}
