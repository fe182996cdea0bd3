//! One written message, shared by every mailbox that has it. A draft has no `sent_at` yet and keeps
//! the chosen recipients in `draft_to`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "message")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub platform_id: i32,
    pub sender_id: i32,
    /// The sender's name when writing: what mailboxes show and search.
    pub sender_name: String,
    pub subject: String,
    /// Sanitised HTML.
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// The body as written, for editing a draft and quoting in a reply.
    #[sea_orm(column_type = "Text")]
    pub source: String,
    /// The recipients as the sender chose them ("Ouders van 2B"), not every person.
    #[sea_orm(column_type = "Text")]
    pub to_label: String,
    /// A draft's chosen recipients (keys, one per line).
    #[sea_orm(column_type = "Text", nullable)]
    pub draft_to: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::mailbox_entry::Entity")]
    MailboxEntry,
}

impl Related<super::mailbox_entry::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MailboxEntry.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
