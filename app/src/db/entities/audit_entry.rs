use sea_orm::entity::prelude::*;

/// One Beheer action: who (none for the command line), when, what, on whom. Never changed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub platform_id: i32,
    pub actor_id: Option<i32>,
    pub at: DateTimeUtc,
    pub action: String,
    /// The person or thing acted on, in words (a username and index, a class, a file name).
    pub subject: String,
    pub detail: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
