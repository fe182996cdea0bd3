use sea_orm::entity::prelude::*;

pub use crate::models::HalfDay;

/// An attendance code for one half day that was not plain presence.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub pupil_id: i32,
    pub day: Date,
    pub half: HalfDay,
    pub code: String,
    pub note: Option<String>,
    /// The staff account that registered it (none for the demo's).
    pub recorded_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
