use sea_orm::entity::prelude::*;

/// One lesson of a course on the timetable, in school-local time.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lesson")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub course_id: i32,
    pub starts_at: DateTime,
    pub ends_at: DateTime,
    pub room: String,
    pub topic: Option<String>,
    /// The lesson does not take place; it stays on the timetable, marked.
    pub cancelled: bool,
    /// Where the lesson was planned, while it is moved to `room`.
    pub planned_room: Option<String>,
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
