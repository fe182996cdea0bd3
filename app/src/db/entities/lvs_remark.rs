use sea_orm::entity::prelude::*;

/// A remark in the pupil tracking system (LVS). Staff decide whether the pupil and/or the parents
/// see it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lvs_remark")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub pupil_id: i32,
    /// The staff account that wrote it.
    pub author_id: i32,
    pub noted_on: Date,
    pub category: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub visible_to_pupil: bool,
    pub visible_to_parents: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
