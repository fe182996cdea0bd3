//! Live lessons: a teacher plans an online lesson of a course they give (a day, its hours and the
//! address to join), lists those still to come and removes one. Families see them in
//! Live-sessies at once.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter,
    QueryOrder, Set,
};

use super::{parse_date, parse_time, required, teaching};
use crate::db::entities::live_session;
use crate::error::AppError;
use crate::models::{LivePlan, PlannedLive};
use crate::services::time::{clock, school_local, school_today};
use crate::url::web_link;
use crate::visibility::TeachingScope;

/// The longest title a live lesson keeps.
pub const TITLE_MAX: usize = 120;

/// A live lesson as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct LiveInput {
    pub course: i32,
    pub title: String,
    /// "2026-12-03".
    pub date: String,
    /// "14:30".
    pub starts: String,
    pub ends: String,
    pub url: String,
}

/// The caller's courses and their live lessons that have not ended, soonest first.
pub async fn plan<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    now: DateTime<Utc>,
) -> Result<LivePlan, AppError> {
    let teaching = teaching(db, scope).await?;
    let sessions = live_session::Entity::find()
        .filter(live_session::Column::CourseId.is_in(teaching.courses.iter().map(|c| c.id)))
        .filter(live_session::Column::EndsAt.gte(school_local(now)))
        .order_by_asc(live_session::Column::StartsAt)
        .order_by_asc(live_session::Column::Id)
        .all(db)
        .await?;
    let sessions = sessions
        .into_iter()
        .filter_map(|session| {
            let course = teaching
                .courses
                .iter()
                .find(|course| course.id == session.course_id)?
                .clone();
            Some(PlannedLive {
                id: session.id,
                course,
                date: session.starts_at.date(),
                starts: clock(session.starts_at),
                ends: clock(session.ends_at),
                title: session.title,
                url: session.url,
            })
        })
        .collect();
    Ok(LivePlan {
        teaching,
        sessions,
        today: school_today(now),
    })
}

/// Plans a live lesson; answers its id. Refused, it stores nothing.
pub async fn add<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    input: &LiveInput,
) -> Result<i32, AppError> {
    let course = scope.course(db, input.course).await?;
    let title = required(&input.title, TITLE_MAX, AppError::TitleRequired)?;
    let date = parse_date(&input.date)?;
    let starts = date.and_time(parse_time(&input.starts)?);
    let ends = date.and_time(parse_time(&input.ends)?);
    if ends <= starts {
        return Err(AppError::EndBeforeStart);
    }
    let url = web_link(&input.url).ok_or(AppError::InvalidWebLink)?;
    let stored = live_session::ActiveModel {
        course_id: Set(course.id),
        starts_at: Set(starts),
        ends_at: Set(ends),
        title: Set(title),
        url: Set(url.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(stored.id)
}

/// Removes a live lesson.
pub async fn remove<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    id: i32,
) -> Result<(), AppError> {
    scope.live_session(db, id).await?.delete(db).await?;
    Ok(())
}
