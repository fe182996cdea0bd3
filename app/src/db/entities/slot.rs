//! One conversation slot of a teacher, made from their availability (school-local times).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "slot")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub conference_id: i32,
    /// The teacher's account.
    pub teacher_id: i32,
    pub starts_at: DateTime,
    pub ends_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::conference::Entity",
        from = "Column::ConferenceId",
        to = "super::conference::Column::Id"
    )]
    Conference,
}

impl Related<super::conference::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Conference.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
