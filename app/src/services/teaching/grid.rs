//! The score grid: one evaluation's scores for the whole class, saved at once as a draft or
//! published. A save names the version of the grid it started from; when another save came in
//! between, nothing is written and the teacher is told. A cell that is no score refuses the
//! whole save, with the reason per cell and everything as it was typed.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};

use super::{class_pupils, taught_course, tell};
use crate::db::entities::{class, evaluation, score};
use crate::db::{begin_write, settle};
use crate::error::AppError;
use crate::models::NotificationKind;
use crate::models::{CellProblem, GridCell, GridRow, ScoreCode, ScoreGrid, TypedScore};
use crate::services::notifications::News;
use crate::visibility::TeachingScope;

pub const FEEDBACK_MAX: usize = 2000;

/// What one cell holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Points(f64),
    Code(ScoreCode),
}

/// Reads a typed cell: points with a decimal comma or point, a code, or nothing.
pub fn read_cell(text: &str, max: f64) -> Result<Cell, CellProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Cell::Empty);
    }
    if let Some(code) = ScoreCode::parse(text) {
        return Ok(Cell::Code(code));
    }
    match super::evaluations::parse_number(text) {
        None => Err(CellProblem::NotAScore),
        Some(points) if points < 0.0 => Err(CellProblem::Negative),
        Some(points) if points > max => Err(CellProblem::AboveMaximum),
        Some(points) => Ok(Cell::Points(points)),
    }
}

/// The evaluation with every pupil of its class and their score.
pub async fn grid<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    id: i32,
) -> Result<ScoreGrid, AppError> {
    let (evaluation, course) = scope.evaluation(db, id).await?;
    let class_name = class::Entity::find_by_id(course.class_id)
        .one(db)
        .await?
        .map(|class| class.name)
        .unwrap_or_default();
    let pupils = class_pupils(db, course.class_id).await?;
    let scores: HashMap<i32, score::Model> = score::Entity::find()
        .filter(score::Column::EvaluationId.eq(evaluation.id))
        .all(db)
        .await?
        .into_iter()
        .map(|score| (score.pupil_id, score))
        .collect();
    let rows: Vec<GridRow> = pupils
        .into_iter()
        .map(|pupil| {
            let score = scores.get(&pupil.account);
            GridRow {
                pupil: pupil.public_id,
                name: pupil.name,
                points: score.filter(|s| s.code.is_none()).map(|s| s.points),
                code: score.and_then(|s| s.code),
                feedback: score.and_then(|s| s.feedback.clone()).unwrap_or_default(),
                changed: score.is_some_and(|s| s.changed_at.is_some()),
            }
        })
        .collect();
    let points: Vec<f64> = rows.iter().filter_map(|row| row.points).collect();
    let average = (!points.is_empty()).then(|| points.iter().sum::<f64>() / points.len() as f64);
    let scored = u32::try_from(scores.len()).unwrap_or(u32::MAX);
    Ok(ScoreGrid {
        version: evaluation.version,
        evaluation: super::evaluations::row(
            evaluation,
            taught_course(&course, &class_name),
            scored,
        ),
        rows,
        average,
    })
}

/// A grid as the teacher sends it: the version it was opened at, the lines as typed, and whether
/// to publish.
#[derive(Clone, Copy, Debug)]
pub struct Submitted<'a> {
    pub version: i32,
    pub cells: &'a [GridCell],
    pub publish: bool,
}

/// Saves the grid as typed and, with `publish`, publishes the evaluation. Cells name their pupil;
/// a pupil who is not in the class finds nothing. At publication every scored pupil's people
/// hear of their result; after it, those whose score changed.
pub async fn save(
    db: &DatabaseConnection,
    base_url: &str,
    scope: &TeachingScope,
    id: i32,
    grid: &Submitted<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Submitted {
        version,
        cells,
        publish,
    } = *grid;
    let (evaluation, course) = scope.evaluation(db, id).await?;
    let class = class_pupils(db, course.class_id).await?;
    let names: Vec<(i32, String)> = class
        .iter()
        .map(|pupil| (pupil.account, pupil.first_name.clone()))
        .collect();
    let pupils: HashMap<String, i32> = class
        .into_iter()
        .map(|pupil| (pupil.public_id, pupil.account))
        .collect();
    let mut read = Vec::with_capacity(cells.len());
    let mut refused = false;
    for cell in cells {
        let pupil = *pupils.get(cell.pupil.trim()).ok_or(AppError::NotFound)?;
        let feedback = cell.feedback.trim();
        let value = if feedback.chars().count() > FEEDBACK_MAX {
            Err(CellProblem::FeedbackTooLong)
        } else {
            read_cell(&cell.points, evaluation.max_score)
        };
        refused |= value.is_err();
        read.push((pupil, value, feedback));
    }
    if refused {
        return Err(AppError::ScoresRefused(
            cells
                .iter()
                .zip(&read)
                .map(|(cell, (_, value, _))| TypedScore {
                    points: cell.points.clone(),
                    feedback: cell.feedback.clone(),
                    problem: value.err(),
                })
                .collect(),
        ));
    }

    let txn = begin_write(db).await?;
    let outcome = async {
        // The version check and the count of this save in one statement: of two saves that started
        // from the same grid, the second changes no row and writes nothing.
        let mut claim = evaluation::Entity::update_many()
            .col_expr(
                evaluation::Column::Version,
                Expr::col(evaluation::Column::Version).add(1),
            )
            .filter(evaluation::Column::Id.eq(evaluation.id))
            .filter(evaluation::Column::Version.eq(version));
        if publish && evaluation.draft {
            claim = claim
                .col_expr(evaluation::Column::Draft, Expr::value(false))
                .col_expr(evaluation::Column::PublishedAt, Expr::value(now));
        }
        if claim.exec(&txn).await?.rows_affected == 0 {
            return Err(AppError::GridChanged);
        }
        let stored: HashMap<i32, score::Model> = score::Entity::find()
            .filter(score::Column::EvaluationId.eq(evaluation.id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|score| (score.pupil_id, score))
            .collect();
        // After publication, a changed score is a correction that families see marked.
        let changed_at = (!evaluation.draft).then_some(now);
        let first_publication = publish && evaluation.draft;
        let mut upserts = Vec::new();
        let mut cleared = Vec::new();
        // Per pupil whose people hear of it: points, code, and whether it corrects a result.
        let mut told: HashMap<i32, (f64, Option<ScoreCode>, bool)> = HashMap::new();
        for (pupil, value, feedback) in read {
            let (points, code) = match value {
                Ok(Cell::Empty) => {
                    if let Some(score) = stored.get(&pupil) {
                        cleared.push(score.id);
                    }
                    continue;
                }
                Ok(Cell::Points(points)) => (points, None),
                Ok(Cell::Code(code)) => (0.0, Some(code)),
                Err(_) => continue,
            };
            let feedback = (!feedback.is_empty()).then(|| feedback.to_owned());
            let old = stored.get(&pupil);
            let same = old.is_some_and(|old| {
                old.points == points && old.code == code && old.feedback == feedback
            });
            if first_publication || (!evaluation.draft && !same) {
                told.insert(pupil, (points, code, old.is_some() && !first_publication));
            }
            if same {
                continue;
            }
            upserts.push(score::ActiveModel {
                evaluation_id: Set(evaluation.id),
                pupil_id: Set(pupil),
                points: Set(points),
                code: Set(code),
                feedback: Set(feedback),
                changed_at: Set(if old.is_some() {
                    changed_at.or(old.and_then(|old| old.changed_at))
                } else {
                    None
                }),
                ..Default::default()
            });
        }
        if !upserts.is_empty() {
            score::Entity::insert_many(upserts)
                .on_conflict(
                    OnConflict::columns([score::Column::EvaluationId, score::Column::PupilId])
                        .update_columns([
                            score::Column::Points,
                            score::Column::Code,
                            score::Column::Feedback,
                            score::Column::ChangedAt,
                        ])
                        .to_owned(),
                )
                .exec(&txn)
                .await?;
        }
        if !cleared.is_empty() {
            score::Entity::delete_many()
                .filter(score::Column::Id.is_in(cleared))
                .exec(&txn)
                .await?;
        }
        let news = |pupil: i32| {
            let (points, code, changed) = told.get(&pupil)?;
            Some(News {
                changed: *changed,
                points: code.is_none().then_some(*points),
                max: Some(evaluation.max_score),
                code: code.map(|code| code.to_value()),
                ..News::new(
                    NotificationKind::Results,
                    "",
                    &course.name,
                    &evaluation.name,
                )
            })
        };
        tell(&txn, base_url, &names, (true, true), news, now).await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_takes_a_decimal_comma_a_code_or_nothing() {
        assert_eq!(read_cell("7,5", 10.0), Ok(Cell::Points(7.5)));
        assert_eq!(read_cell(" 8.25 ", 10.0), Ok(Cell::Points(8.25)));
        assert_eq!(read_cell("10", 10.0), Ok(Cell::Points(10.0)));
        assert_eq!(read_cell("", 10.0), Ok(Cell::Empty));
        assert_eq!(read_cell("ga", 10.0), Ok(Cell::Code(ScoreCode::Excused)));
        assert_eq!(read_cell("AJ", 10.0), Ok(Cell::Code(ScoreCode::Excused)));
        assert_eq!(read_cell("V", 10.0), Ok(Cell::Code(ScoreCode::Exempt)));
        assert_eq!(
            read_cell("afwezig", 10.0),
            Ok(Cell::Code(ScoreCode::Absent))
        );
    }

    #[test]
    fn a_cell_above_the_maximum_or_below_zero_or_no_score_is_refused() {
        assert_eq!(read_cell("10,5", 10.0), Err(CellProblem::AboveMaximum));
        assert_eq!(read_cell("-1", 10.0), Err(CellProblem::Negative));
        assert_eq!(read_cell("acht", 10.0), Err(CellProblem::NotAScore));
        assert_eq!(read_cell("NaN", 10.0), Err(CellProblem::NotAScore));
        assert_eq!(read_cell("inf", 10.0), Err(CellProblem::NotAScore));
    }
}
