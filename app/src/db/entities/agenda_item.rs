use sea_orm::entity::prelude::*;

pub use crate::models::AgendaKind;

/// A task, test or assignment planned in a course, due on a day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub course_id: i32,
    pub kind: AgendaKind,
    pub due_on: Date,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// The hour it is due, if the teacher gave one (school-local).
    pub due_time: Option<Time>,
    /// The staff account that planned it (none for the demo's).
    pub author_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::course::Entity",
        from = "Column::CourseId",
        to = "super::course::Column::Id"
    )]
    Course,
}

impl Related<super::course::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Course.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
