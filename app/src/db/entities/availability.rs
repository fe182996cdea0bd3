//! The hours a teacher is available on one day of a conference moment, with an optional break.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "availability")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub conference_id: i32,
    /// The teacher's account.
    pub teacher_id: i32,
    pub day: Date,
    pub starts: Time,
    pub ends: Time,
    pub break_starts: Option<Time>,
    pub break_ends: Option<Time>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
