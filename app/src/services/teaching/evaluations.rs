//! Evaluations: a teacher creates one for a course they give (period, title, date, maximum,
//! weight); it stays a draft, seen by staff only, until its grid is published.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::{parse_date, required, teaching};
use crate::db::entities::{course, evaluation, score};
use crate::error::AppError;
use crate::models::{EvaluationList, EvaluationRow, TaughtCourse};
use crate::visibility::TeachingScope;

pub const NAME_MAX: usize = 120;
/// Periods of a school year (trimesters, or up to four report periods).
pub const PERIODS: std::ops::RangeInclusive<i16> = 1..=4;

/// A new evaluation as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct EvaluationInput {
    pub course: i32,
    pub period: String,
    pub name: String,
    pub held_on: String,
    pub max: String,
    pub weight: String,
}

/// A positive number as typed, with a decimal comma or point.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|number| number.is_finite())
}

/// The caller's evaluations, newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    now: DateTime<Utc>,
) -> Result<EvaluationList, AppError> {
    let teaching = teaching(db, scope).await?;
    let courses: HashMap<i32, TaughtCourse> = teaching
        .courses
        .iter()
        .map(|course| (course.id, course.clone()))
        .collect();
    let evaluations = evaluation::Entity::find()
        .filter(evaluation::Column::CourseId.is_in(courses.keys().copied()))
        .order_by_desc(evaluation::Column::HeldOn)
        .order_by_desc(evaluation::Column::Id)
        .all(db)
        .await?;
    let counts = scored_counts(db, evaluations.iter().map(|e| e.id).collect()).await?;
    let evaluations = evaluations
        .into_iter()
        .filter_map(|evaluation| {
            let course = courses.get(&evaluation.course_id)?.clone();
            let scored = counts.get(&evaluation.id).copied().unwrap_or_default();
            Some(row(evaluation, course, scored))
        })
        .collect();
    Ok(EvaluationList {
        teaching,
        evaluations,
        today: crate::services::time::school_today(now),
    })
}

pub(crate) fn row(
    evaluation: evaluation::Model,
    course: TaughtCourse,
    scored: u32,
) -> EvaluationRow {
    EvaluationRow {
        id: evaluation.id,
        course,
        period: evaluation.period,
        name: evaluation.name,
        held_on: evaluation.held_on,
        max: evaluation.max_score,
        weight: evaluation.weight,
        draft: evaluation.draft,
        scored,
    }
}

/// How many pupils have a score or code, per evaluation, in one query.
async fn scored_counts<C: ConnectionTrait>(
    db: &C,
    evaluations: Vec<i32>,
) -> Result<HashMap<i32, u32>, DbErr> {
    let counts: Vec<(i32, i64)> = score::Entity::find()
        .select_only()
        .column(score::Column::EvaluationId)
        .column_as(score::Column::Id.count(), "count")
        .filter(score::Column::EvaluationId.is_in(evaluations))
        .group_by(score::Column::EvaluationId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(counts
        .into_iter()
        .map(|(evaluation, count)| (evaluation, u32::try_from(count).unwrap_or(u32::MAX)))
        .collect())
}

/// Creates a draft evaluation; answers its id.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    input: &EvaluationInput,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let course: course::Model = scope.course(db, input.course).await?;
    let period = input
        .period
        .trim()
        .parse::<i16>()
        .ok()
        .filter(|period| PERIODS.contains(period))
        .ok_or(AppError::InvalidPeriod)?;
    let name = required(&input.name, NAME_MAX, AppError::TitleRequired)?;
    let held_on = parse_date(&input.held_on)?;
    let max = parse_number(&input.max)
        .filter(|max| *max > 0.0 && *max <= 1000.0)
        .ok_or(AppError::InvalidMaximum)?;
    let weight = match input.weight.trim() {
        "" => 1.0,
        weight => parse_number(weight)
            .filter(|weight| *weight > 0.0 && *weight <= 100.0)
            .ok_or(AppError::InvalidWeight)?,
    };
    let evaluation = evaluation::ActiveModel {
        course_id: Set(course.id),
        period: Set(period),
        name: Set(name),
        held_on: Set(held_on),
        max_score: Set(max),
        weight: Set(weight),
        draft: Set(true),
        version: Set(0),
        published_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(evaluation.id)
}
