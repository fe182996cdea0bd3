use sea_orm::entity::prelude::*;

/// An uploaded pupil export, as text, between its preview and the admin's confirmation. Kept in
/// the database so that any app server can confirm it; removed by the import that uses it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "import_draft")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub platform_id: i32,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub file_name: String,
    pub content: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
