//! The folders of a mailbox: a page of a folder, the newest and the unread, moving one message
//! between folders and emptying the trash.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::{own_entry, MessageError, EMPTIED};
use crate::db::entities::{attachment, mailbox_entry, message};
use crate::models::{Folder, MailboxPage, MailboxRow, PublicId};
use crate::services::time::school_local;
use crate::visibility::Mailbox;

/// Messages per page of a folder.
pub const PAGE_SIZE: u64 = 25;

#[derive(Debug, sea_orm::FromQueryResult)]
struct Listed {
    public_id: Uuid,
    read_at: Option<DateTime<Utc>>,
    flagged: bool,
    sorted_at: DateTime<Utc>,
    sender_name: String,
    subject: String,
    to_label: String,
    /// Whether the message has attachments.
    attachments: bool,
}

/// The newest-first query of a folder of `mailbox`, narrowed by `search` (sender or subject).
async fn rows<C: ConnectionTrait>(
    db: &C,
    mailbox: &Mailbox,
    folder: Folder,
    search: Option<&str>,
    offset: u64,
    limit: u64,
) -> Result<Vec<MailboxRow>, MessageError> {
    let mut query = mailbox_entry::Entity::find()
        .select_only()
        .columns([
            mailbox_entry::Column::PublicId,
            mailbox_entry::Column::ReadAt,
            mailbox_entry::Column::Flagged,
            mailbox_entry::Column::SortedAt,
        ])
        .column(message::Column::SenderName)
        .column(message::Column::Subject)
        .column(message::Column::ToLabel)
        .expr_as(
            Expr::exists(
                Query::select()
                    .expr(Expr::val(1))
                    .from(attachment::Entity)
                    .and_where(
                        Expr::col((attachment::Entity, attachment::Column::MessageId))
                            .equals((message::Entity, message::Column::Id)),
                    )
                    .to_owned(),
            ),
            "attachments",
        )
        .inner_join(message::Entity)
        .filter(mailbox.entries())
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
            attachments: row.attachments,
        })
        .collect())
}

/// One page of `folder` in `mailbox`, newest first. Paging reads one row more than it shows
/// instead of counting the folder, so a page costs the same in a mailbox of any size.
pub async fn mailbox<C: ConnectionTrait>(
    db: &C,
    mailbox: &Mailbox,
    folder: Folder,
    search: Option<&str>,
    page: u64,
) -> Result<MailboxPage, MessageError> {
    let search = search.map(str::trim).filter(|search| !search.is_empty());
    let page = Ord::max(page, 1);
    let mut rows = rows(
        db,
        mailbox,
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

/// The newest messages of the inbox (for "Mijn kinderen").
pub async fn newest<C: ConnectionTrait>(
    db: &C,
    mailbox: &Mailbox,
    count: u64,
) -> Result<Vec<MailboxRow>, MessageError> {
    rows(db, mailbox, Folder::Inbox, None, 0, count).await
}

/// One action on one message in a mailbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Unread,
    Flag,
    Unflag,
    Archive,
    Trash,
    Restore,
}

/// Applies `action` to the message `id` of `mailbox`; returns the folder it was in and the one
/// it is in afterwards.
pub async fn act<C: ConnectionTrait>(
    db: &C,
    mailbox: &Mailbox,
    id: PublicId,
    action: Action,
) -> Result<(Folder, Folder), MessageError> {
    let (entry, _) = own_entry(db, mailbox, id).await?;
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

/// Empties the trash of `mailbox`: drafts go for good, received and sent messages leave the
/// owner's sight (the other copies are the other people's).
pub async fn empty_trash(db: &DatabaseConnection, mailbox: &Mailbox) -> Result<u64, MessageError> {
    let txn = crate::db::begin_write(db).await?;
    let emptied = empty_in(&txn, mailbox).await;
    crate::db::settle(txn, emptied).await
}

/// The writes of [`empty_trash`], in its transaction.
async fn empty_in(txn: &DatabaseTransaction, mailbox: &Mailbox) -> Result<u64, MessageError> {
    let drafts: Vec<i32> = mailbox_entry::Entity::find()
        .select_only()
        .column(mailbox_entry::Column::MessageId)
        .inner_join(message::Entity)
        .filter(mailbox.entries())
        .filter(mailbox_entry::Column::Folder.eq(Folder::Trash.code()))
        .filter(message::Column::SentAt.is_null())
        .into_tuple()
        .all(txn)
        .await?;
    let dropped = message::Entity::delete_many()
        .filter(message::Column::Id.is_in(drafts))
        .exec(txn)
        .await?
        .rows_affected;
    let emptied = mailbox_entry::Entity::update_many()
        .col_expr(mailbox_entry::Column::Folder, Expr::value(EMPTIED))
        .filter(mailbox.entries())
        .filter(mailbox_entry::Column::Folder.eq(Folder::Trash.code()))
        .exec(txn)
        .await?
        .rows_affected;
    Ok(dropped + emptied)
}
