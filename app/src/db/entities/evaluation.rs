use sea_orm::entity::prelude::*;

/// A test or task that was scored, in one course and period. Pupils and parents see it once it
/// is no draft, from `published_at` on.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub course_id: i32,
    pub period: i16,
    pub name: String,
    pub held_on: Date,
    pub max_score: f64,
    pub published_at: DateTimeUtc,
    /// How much the evaluation counts in its course's total.
    pub weight: f64,
    /// Only staff see a draft; publishing sets `published_at` to that moment.
    pub draft: bool,
    /// Counts the saves of the score grid: a save names the version it started from.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::course::Entity",
        from = "Column::CourseId",
        to = "super::course::Column::Id"
    )]
    Course,
    #[sea_orm(has_many = "super::score::Entity")]
    Score,
}

impl Related<super::course::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Course.def()
    }
}

impl Related<super::score::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Score.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
