//! One message in one person's mailbox, with that person's folder, read mark and flag.

use sea_orm::entity::prelude::*;

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
