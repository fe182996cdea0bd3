use sea_orm::entity::prelude::*;

pub use crate::models::NotificationKind;

/// One piece of news waiting for a person's next daily digest. It names what happened, not how
/// it reads: the digest is written in the person's language when it is sent.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "digest_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Who receives it.
    pub person_id: i32,
    /// The pupil (account) it is about; none for a teacher's bookings.
    pub pupil_id: Option<i32>,
    pub kind: NotificationKind,
    pub at: DateTimeUtc,
    /// A correction or change of something announced before.
    pub changed: bool,
    /// The course, or for a booking the child.
    pub course: String,
    pub title: String,
    pub day: Option<Date>,
    pub points: Option<f64>,
    pub max: Option<f64>,
    /// A score code, or an absence's letter.
    pub code: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
