use sea_orm::entity::prelude::*;

/// A file attached to a planned task, test or assignment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_file")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agenda_item_id: i32,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    #[sea_orm(column_type = "Blob")]
    pub content: Vec<u8>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::agenda_item::Entity",
        from = "Column::AgendaItemId",
        to = "super::agenda_item::Column::Id"
    )]
    AgendaItem,
}

impl Related<super::agenda_item::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AgendaItem.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
