//! The schoolagenda: a pupil's week of lessons and planned work.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::{agenda_item, lesson};
use crate::models::{self, AgendaDay, AgendaItem, AgendaWeek};
use crate::services::time::{clock, is_school_day, monday_of, school_today};
use crate::visibility::PupilScope;

use super::{course_names, course_of, pupil, CourseName};

fn agenda_item(names: &HashMap<i32, CourseName>, item: agenda_item::Model) -> AgendaItem {
    AgendaItem {
        kind: item.kind,
        due_on: item.due_on,
        due_time: item.due_time.map(|time| time.format("%H:%M").to_string()),
        course: course_of(names, item.course_id).0,
        title: item.title,
        description: item.description,
    }
}

pub(super) async fn agenda_items<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    names: &HashMap<i32, CourseName>,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<AgendaItem>, DbErr> {
    let items = agenda_item::Entity::find()
        .filter(scope.course_ids(agenda_item::Column::CourseId))
        .filter(agenda_item::Column::DueOn.between(from, until))
        .order_by_asc(agenda_item::Column::DueOn)
        .order_by_asc(agenda_item::Column::DueTime)
        .order_by_asc(agenda_item::Column::Id)
        .all(db)
        .await?;
    Ok(items
        .into_iter()
        .map(|item| agenda_item(names, item))
        .collect())
}

/// The school week that holds `day` (Monday to Friday): lessons and planned work per day.
pub async fn agenda_week<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    day: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<AgendaWeek, DbErr> {
    let today = school_today(now);
    let monday = monday_of(day.unwrap_or(today));
    let saturday = monday + Duration::days(5);
    let names = course_names(db, scope).await?;
    let lessons = lesson::Entity::find()
        .filter(scope.course_ids(lesson::Column::CourseId))
        .filter(lesson::Column::StartsAt.gte(monday.and_time(chrono::NaiveTime::MIN)))
        .filter(lesson::Column::StartsAt.lt(saturday.and_time(chrono::NaiveTime::MIN)))
        .order_by_asc(lesson::Column::StartsAt)
        .all(db)
        .await?;
    let items = agenda_items(db, scope, &names, monday, saturday - Duration::days(1)).await?;
    let days = (0..5)
        .map(|offset| monday + Duration::days(offset))
        .filter(|day| is_school_day(*day))
        .map(|date| AgendaDay {
            date,
            lessons: lessons
                .iter()
                .filter(|lesson| lesson.starts_at.date() == date)
                .map(|lesson| {
                    let (course, teacher) = course_of(&names, lesson.course_id);
                    models::Lesson {
                        starts: clock(lesson.starts_at),
                        ends: clock(lesson.ends_at),
                        course,
                        teacher,
                        room: lesson.room.clone(),
                        topic: lesson.topic.clone(),
                    }
                })
                .collect(),
            items: items
                .iter()
                .filter(|item| item.due_on == date)
                .cloned()
                .collect(),
        })
        .collect();
    Ok(AgendaWeek {
        pupil: pupil(db, scope).await?,
        monday,
        today,
        days,
    })
}
