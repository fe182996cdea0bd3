use sea_orm::entity::prelude::*;

/// One successful sign-in of a person, with the device in words: the person's own list of
/// recent sign-ins, to spot one that was not theirs. Only the last few are kept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sign_in")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub sub_account_id: i32,
    pub at: DateTimeUtc,
    pub browser: Option<String>,
    pub system: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
