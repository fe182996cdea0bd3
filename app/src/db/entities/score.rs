use sea_orm::entity::prelude::*;

pub use crate::models::ScoreCode;

/// One pupil's result on an evaluation.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "score")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub evaluation_id: i32,
    /// The pupil's account.
    pub pupil_id: i32,
    pub points: f64,
    #[sea_orm(column_type = "Text", nullable)]
    pub feedback: Option<String>,
    /// Absent, excused or exempt instead of points (`points` is then 0 and counts nowhere).
    pub code: Option<ScoreCode>,
    /// When the score was corrected after the evaluation was published.
    pub changed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::evaluation::Entity",
        from = "Column::EvaluationId",
        to = "super::evaluation::Column::Id"
    )]
    Evaluation,
}

impl Related<super::evaluation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Evaluation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
