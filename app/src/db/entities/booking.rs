//! A slot booked for a child. Unique per slot and per (moment, teacher, child) in the database.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub conference_id: i32,
    #[sea_orm(unique)]
    pub slot_id: i32,
    /// The teacher's account (the slot's), kept here for the one-per-teacher-per-child rule.
    pub teacher_id: i32,
    /// The child's (pupil) account: both co-accounts of the child see the booking.
    pub pupil_id: i32,
    /// The person who booked.
    pub booked_by: i32,
    pub topic: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::slot::Entity",
        from = "Column::SlotId",
        to = "super::slot::Column::Id"
    )]
    Slot,
    #[sea_orm(
        belongs_to = "super::conference::Entity",
        from = "Column::ConferenceId",
        to = "super::conference::Column::Id"
    )]
    Conference,
}

impl Related<super::slot::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Slot.def()
    }
}

impl Related<super::conference::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Conference.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
