use sea_orm::entity::prelude::*;

pub use crate::models::{NotificationKind, NotificationMode};

/// How one kind of news reaches one person; without a row, the kind's default.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_preference")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: i32,
    pub kind: NotificationKind,
    pub mode: NotificationMode,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
