use sea_orm::entity::prelude::*;

/// A co-account in a family. A co-account is in at most one family.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "family_member")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub family_id: i32,
    #[sea_orm(unique)]
    pub sub_account_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
