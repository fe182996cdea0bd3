//! One message in one person's mailbox, with that person's folder, read mark and flag.

use sea_orm::entity::prelude::*;
use sea_orm::Set;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mailbox_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub owner_id: i32,
    pub message_id: i32,
    /// `inbox`, `sent`, `drafts`, `archive`, `trash`, or `emptied` (gone from the trash).
    pub folder: String,
    /// Where a message in the trash goes back to.
    pub restore_folder: Option<String>,
    /// A copy that someone sent to this person (not their own sent message or draft).
    pub received: bool,
    pub read_at: Option<DateTimeUtc>,
    pub flagged: bool,
    pub sorted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::message::Entity",
        from = "Column::MessageId",
        to = "super::message::Column::Id"
    )]
    Message,
}

impl Related<super::message::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Message.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

/// The entries that count as unread: unread messages in the inbox.
pub fn unread_in_inbox() -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(Column::Folder.eq(crate::models::Folder::Inbox.code()))
        .add(Column::ReadAt.is_null())
}

impl ActiveModel {
    /// A copy of a sent message in the inbox of `owner_id`, unread, under its own `public_id`.
    pub fn received(public_id: Uuid, owner_id: i32, message_id: i32, at: DateTimeUtc) -> Self {
        ActiveModel {
            public_id: Set(public_id),
            owner_id: Set(owner_id),
            message_id: Set(message_id),
            folder: Set(crate::models::Folder::Inbox.code().to_owned()),
            restore_folder: Set(None),
            received: Set(true),
            read_at: Set(None),
            flagged: Set(false),
            sorted_at: Set(at),
            ..Default::default()
        }
    }
}
