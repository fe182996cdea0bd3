//! Resultaten: a pupil's scores per course and period, and one evaluation in detail.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, DeriveIden, EntityTrait, IdenStatic, JoinType,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, RelationTrait, SelectB,
};

use crate::db::entities::{evaluation, score};
use crate::models::{self, CourseResults, PeriodResults, ResultDetail, ResultRow, Results};
use crate::visibility::PupilScope;

use super::{pupil, with_course, CourseColumns};

/// Which of a pupil's visible results to read.
#[derive(Clone, Copy)]
pub(super) enum Which {
    /// Every one (Resultaten).
    All,
    /// The one score with this id (its detail page).
    Score(i32),
    /// Those of evaluations held since `since`, and the `latest` few of the pupil whose account
    /// is `of` however old ("Mijn kinderen"): a fixed amount of work, late in the school year too.
    Recent {
        since: NaiveDate,
        latest: u64,
        of: i32,
    },
}

/// A result and the name of its course's teacher.
pub(super) struct Scored {
    pub row: ResultRow,
    pub teacher: String,
}

/// The pupil's visible results, newest first, those `which` names.
pub(super) async fn result_rows<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    which: Which,
    now: DateTime<Utc>,
) -> Result<Vec<Scored>, DbErr> {
    Ok(result_rows_of(db, &[scope], which, now)
        .await?
        .pop()
        .unwrap_or_default())
}

/// [`result_rows`] of several pupils, in their order, in one query whatever their number.
pub(super) async fn result_rows_of<C: ConnectionTrait>(
    db: &C,
    scopes: &[&PupilScope],
    which: Which,
    now: DateTime<Utc>,
) -> Result<Vec<Vec<Scored>>, DbErr> {
    let visible_of = |scope: &PupilScope| {
        Condition::all()
            .add(score::Column::PupilId.eq(scope.account.id))
            .add(scope.evaluations(now))
            // On the course that comes with each evaluation.
            .add(scope.courses())
    };
    let visible = scopes
        .iter()
        .fold(Condition::any(), |any, scope| any.add(visible_of(scope)));
    let query = score::Entity::find()
        .find_also_related(evaluation::Entity)
        .expr_as(
            class_average(),
            format!("{}class_average", SelectB.as_str()),
        )
        .filter(visible);
    let mut query = with_course(query, evaluation::Relation::Course.def(), SelectB.as_str());
    match which {
        Which::All => {}
        Which::Score(id) => query = query.filter(score::Column::Id.eq(id)),
        Which::Recent { since, latest, of } => {
            let mut wanted = Condition::any().add(evaluation::Column::HeldOn.gte(since));
            if let Some(scope) = scopes.iter().find(|scope| scope.account.id == of) {
                // The subquery's own score and evaluation hide the outer query's of that name.
                let latest = score::Entity::find()
                    .select_only()
                    .column(score::Column::Id)
                    .inner_join(evaluation::Entity)
                    .join(JoinType::InnerJoin, evaluation::Relation::Course.def())
                    .filter(visible_of(scope))
                    .order_by_desc(evaluation::Column::HeldOn)
                    .order_by_desc(evaluation::Column::Id)
                    .limit(latest)
                    .into_query();
                wanted = wanted.add(score::Column::Id.in_subquery(latest));
            }
            query = query.filter(wanted);
        }
    }
    let scored: Vec<(score::Model, Evaluation)> = query
        .order_by_desc(evaluation::Column::HeldOn)
        .order_by_desc(evaluation::Column::Id)
        .into_model::<score::Model, Evaluation>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(score, evaluation)| evaluation.map(|evaluation| (score, evaluation)))
        .collect();
    let row = |score: &score::Model, scored: &Evaluation| {
        let evaluation = &scored.evaluation;
        Scored {
            row: ResultRow {
                id: score.id,
                course: scored.course.course_name.clone(),
                period: evaluation.period,
                name: evaluation.name.clone(),
                held_on: evaluation.held_on,
                points: score.points,
                max: evaluation.max_score,
                code: score.code,
                weight: evaluation.weight,
                changed: score.changed_at.is_some(),
                feedback: score.feedback.clone(),
                class_average: scored
                    .class_average
                    .map(|average| average / evaluation.max_score * 100.0),
            },
            teacher: scored.course.teacher.display(),
        }
    };
    // Each row is visible under its own pupil's scope (`visible_of`): the query has said so.
    Ok(scopes
        .iter()
        .map(|scope| {
            scored
                .iter()
                .filter(|(score, _)| score.pupil_id == scope.account.id)
                .map(|(score, evaluation)| row(score, evaluation))
                .collect()
        })
        .collect())
}

/// An evaluation with its course and its class average: the mean of the points scored on it (a
/// code counts nowhere), none before anyone has points.
#[derive(Debug, sea_orm::FromQueryResult)]
struct Evaluation {
    #[sea_orm(nested)]
    evaluation: evaluation::Model,
    #[sea_orm(nested)]
    course: CourseColumns,
    class_average: Option<f64>,
}

/// The class average of the row's evaluation, as a column (see [`Evaluation`]).
fn class_average() -> SimpleExpr {
    /// The scores of the class, beside the row's own.
    #[derive(DeriveIden, Clone, Copy)]
    struct ClassScores;
    let average = Query::select()
        .expr(Expr::col((ClassScores, score::Column::Points)).avg())
        .from_as(score::Entity, ClassScores)
        .and_where(
            Expr::col((ClassScores, score::Column::EvaluationId))
                .equals((evaluation::Entity, evaluation::Column::Id)),
        )
        .and_where(Expr::col((ClassScores, score::Column::Code)).is_null())
        .to_owned();
    SimpleExpr::SubQuery(None, Box::new(average.into()))
}

/// Results per period and course, with totals; only what the scope may see.
pub async fn results<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    now: DateTime<Utc>,
) -> Result<Results, DbErr> {
    let rows = result_rows(db, scope, Which::All, now).await?;
    let mut periods: Vec<PeriodResults> = Vec::new();
    for Scored { row, teacher } in rows {
        let period = match periods.iter_mut().position(|p| p.period == row.period) {
            Some(index) => &mut periods[index],
            None => {
                periods.push(PeriodResults {
                    period: row.period,
                    courses: Vec::new(),
                    total: models::Total::default(),
                });
                periods
                    .last_mut()
                    .ok_or_else(|| DbErr::Custom("no period".into()))?
            }
        };
        if row.code.is_none() {
            period
                .total
                .add(row.points * row.weight, row.max * row.weight);
        }
        let course = match period.courses.iter().position(|c| c.course == row.course) {
            Some(index) => &mut period.courses[index],
            None => {
                period.courses.push(CourseResults {
                    course: row.course.clone(),
                    teacher,
                    results: Vec::new(),
                    total: models::Total::default(),
                });
                period
                    .courses
                    .last_mut()
                    .ok_or_else(|| DbErr::Custom("no course".into()))?
            }
        };
        if row.code.is_none() {
            course
                .total
                .add(row.points * row.weight, row.max * row.weight);
        }
        course.results.push(row);
    }
    periods.sort_by_key(|period| std::cmp::Reverse(period.period));
    for period in &mut periods {
        period.courses.sort_by(|a, b| a.course.cmp(&b.course));
    }
    Ok(Results {
        pupil: pupil(db, scope).await?,
        periods,
    })
}

/// One result, if the scope may see it; another pupil's result id finds nothing.
pub async fn result_detail<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    score_id: i32,
    now: DateTime<Utc>,
) -> Result<Option<ResultDetail>, DbErr> {
    let Some(Scored {
        row: result,
        teacher,
    }) = result_rows(db, scope, Which::Score(score_id), now)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    Ok(Some(ResultDetail {
        pupil: pupil(db, scope).await?,
        result,
        teacher,
    }))
}
