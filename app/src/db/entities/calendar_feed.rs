use sea_orm::entity::prelude::*;

/// A secret address that a person subscribes to in their own calendar. The token is kept as it
/// is, unlike a session's: the person copies the address again into another calendar, and it
/// reads only what the database holds; renewing it is how an address is revoked.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_feed")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Who subscribes: a pupil or a co-account.
    pub person_id: i32,
    /// The family member whose child the feed shows (the person itself for their own child);
    /// none for the whole family.
    pub member_id: Option<i32>,
    #[sea_orm(unique)]
    pub token: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
