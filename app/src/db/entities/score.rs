use sea_orm::entity::prelude::*;

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
