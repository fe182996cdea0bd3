//! A conference moment (oudercontact) that a school opens for some of its classes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conference")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub platform_id: i32,
    pub title: String,
    pub first_day: Date,
    pub last_day: Date,
    /// The day's frame in school-local time; teachers choose their hours within it.
    pub day_starts: Time,
    pub day_ends: Time,
    pub slot_minutes: i32,
    /// Minutes between two slots.
    pub gap_minutes: i32,
    /// Parents book and cancel from `opens_at` until `closes_at`.
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    pub online: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
