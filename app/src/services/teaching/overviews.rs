//! A class at a glance for its staff: the results of a period per pupil and course, and the
//! absences of a school week per pupil and half day. Each is a handful of queries, however many
//! pupils and courses the class has.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::evaluations::PERIODS;
use super::{class_pupils, taught_class};
use crate::db::entities::{attendance, course, evaluation, score};
use crate::error::AppError;
use crate::models::{
    AbsenceLine, ClassAbsences, ClassResults, HalfDay, OverviewCourse, ResultsLine, Total,
};
use crate::services::time::{monday_of, school_today};
use crate::visibility::TeachingScope;

/// The results of a class in `period` (none: the latest with a published evaluation): for each
/// pupil and each course the caller reads there, the percentage over the period's published
/// evaluations, each counting by its weight; a code (absent, exempt…) counts nowhere.
pub async fn results<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    class_id: i32,
    period: Option<i16>,
    now: DateTime<Utc>,
) -> Result<ClassResults, AppError> {
    let class = scope.class(db, class_id).await?;
    let courses = course::Entity::find()
        .filter(scope.class_courses(&class))
        .order_by_asc(course::Column::Name)
        .order_by_asc(course::Column::Id)
        .all(db)
        .await?;
    let published = evaluation::Entity::find()
        .filter(evaluation::Column::CourseId.is_in(courses.iter().map(|course| course.id)))
        .filter(evaluation::Column::Draft.eq(false))
        .filter(evaluation::Column::PublishedAt.lte(now))
        .all(db)
        .await?;
    let period = period
        .filter(|period| PERIODS.contains(period))
        .or_else(|| published.iter().map(|evaluation| evaluation.period).max())
        .unwrap_or(*PERIODS.start());
    let in_period: HashMap<i32, &evaluation::Model> = published
        .iter()
        .filter(|evaluation| evaluation.period == period)
        .map(|evaluation| (evaluation.id, evaluation))
        .collect();
    let pupils = class_pupils(db, class.id).await?;
    let scores: Vec<(i32, i32, f64)> = score::Entity::find()
        .select_only()
        .columns([
            score::Column::PupilId,
            score::Column::EvaluationId,
            score::Column::Points,
        ])
        .filter(score::Column::EvaluationId.is_in(in_period.keys().copied()))
        .filter(score::Column::PupilId.is_in(pupils.iter().map(|pupil| pupil.account)))
        .filter(score::Column::Code.is_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut totals: HashMap<(i32, i32), Total> = HashMap::new();
    for (pupil, evaluation, points) in scores {
        if let Some(evaluation) = in_period.get(&evaluation) {
            totals
                .entry((pupil, evaluation.course_id))
                .or_default()
                .add(
                    points * evaluation.weight,
                    evaluation.max_score * evaluation.weight,
                );
        }
    }
    let lines = pupils
        .into_iter()
        .map(|pupil| ResultsLine {
            percents: courses
                .iter()
                .map(|course| totals.get(&(pupil.account, course.id))?.percent())
                .collect(),
            pupil: pupil.name,
        })
        .collect();
    Ok(ClassResults {
        class: taught_class(scope, class),
        period,
        periods: PERIODS.collect(),
        courses: courses
            .into_iter()
            .map(|course| OverviewCourse {
                id: course.id,
                name: course.name,
            })
            .collect(),
        lines,
    })
}

/// The school days of a week: Monday to Friday.
const SCHOOL_DAYS: i64 = 5;

/// The absences of a class in the school week of `week` (none: this week): per pupil, school day
/// and half day, the code registered.
pub async fn absences<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    class_id: i32,
    week: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<ClassAbsences, AppError> {
    let class = scope.class(db, class_id).await?;
    let monday = monday_of(week.unwrap_or_else(|| school_today(now)));
    let days: Vec<NaiveDate> = (0..SCHOOL_DAYS)
        .map(|offset| monday + Duration::days(offset))
        .collect();
    let pupils = class_pupils(db, class.id).await?;
    let codes: HashMap<(i32, NaiveDate, HalfDay), String> = attendance::Entity::find()
        .filter(attendance::Column::PupilId.is_in(pupils.iter().map(|pupil| pupil.account)))
        .filter(attendance::Column::Day.between(monday, monday + Duration::days(SCHOOL_DAYS - 1)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| ((row.pupil_id, row.day, row.half), row.code))
        .collect();
    let code = |pupil: i32, day: NaiveDate, half: HalfDay| codes.get(&(pupil, day, half)).cloned();
    let lines = pupils
        .into_iter()
        .map(|pupil| AbsenceLine {
            halves: days
                .iter()
                .map(|day| {
                    [
                        code(pupil.account, *day, HalfDay::Morning),
                        code(pupil.account, *day, HalfDay::Afternoon),
                    ]
                })
                .collect(),
            pupil: pupil.name,
        })
        .collect();
    Ok(ClassAbsences {
        class: taught_class(scope, class),
        days,
        lines,
    })
}
