//! The schoolagenda: a pupil's week of lessons and planned work.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, Select,
};

use crate::db::entities::{agenda_file, agenda_item, lesson};
use crate::models::{self, AgendaDay, AgendaItem, AgendaWeek, AttachedFile};
use crate::services::time::{clock, is_school_day, monday_of, school_today};
use crate::visibility::PupilScope;

use super::{course_names, course_of, pupil, scope_has, CourseName, StoredFile};

/// An agenda item and, on the same row, one file attached to it (without its content).
#[derive(Debug, sea_orm::FromQueryResult)]
struct ItemWithFile {
    #[sea_orm(nested)]
    item: agenda_item::Model,
    file_id: Option<i32>,
    file_name: Option<String>,
    file_size: Option<i64>,
}

/// The agenda items that `items` selects, in its order and then by id, each with the files
/// attached to it in the order they were added (without their content): one query.
pub async fn agenda_with_files<C: ConnectionTrait>(
    db: &C,
    items: Select<agenda_item::Entity>,
) -> Result<Vec<(agenda_item::Model, Vec<AttachedFile>)>, DbErr> {
    let rows: Vec<ItemWithFile> = items
        .join(
            JoinType::LeftJoin,
            agenda_file::Relation::AgendaItem.def().rev(),
        )
        .column_as(agenda_file::Column::Id, "file_id")
        .column_as(agenda_file::Column::FileName, "file_name")
        .column_as(agenda_file::Column::Size, "file_size")
        // The rows of one item together, its files in the order they were added.
        .order_by_asc(agenda_item::Column::Id)
        .order_by_asc(agenda_file::Column::Id)
        .into_model()
        .all(db)
        .await?;
    let mut items: Vec<(agenda_item::Model, Vec<AttachedFile>)> = Vec::new();
    for row in rows {
        let file = match (row.file_id, row.file_name, row.file_size) {
            (Some(id), Some(name), Some(size)) => Some(AttachedFile { id, name, size }),
            _ => None,
        };
        match items.last_mut() {
            Some((item, files)) if item.id == row.item.id => files.extend(file),
            _ => items.push((row.item, file.into_iter().collect())),
        }
    }
    Ok(items)
}

/// The file `id`, if it is attached to planned work of a course the scope may see.
pub async fn agenda_file<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    id: i32,
) -> Result<Option<StoredFile>, DbErr> {
    let found = agenda_file::Entity::find_by_id(id)
        .join(JoinType::InnerJoin, agenda_file::Relation::AgendaItem.def())
        .filter(scope.course_ids(agenda_item::Column::CourseId))
        .one(db)
        .await?;
    Ok(found.map(StoredFile::from))
}

fn agenda_item(
    names: &HashMap<i32, CourseName>,
    item: agenda_item::Model,
    files: Vec<AttachedFile>,
) -> AgendaItem {
    AgendaItem {
        id: item.id,
        files,
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
    Ok(agenda_items_of(db, &[scope], names, from, until)
        .await?
        .pop()
        .unwrap_or_default())
}

/// [`agenda_items`] of several pupils, in their order, in two queries whatever their number;
/// `names` holds the courses of all of them.
pub(super) async fn agenda_items_of<C: ConnectionTrait>(
    db: &C,
    scopes: &[&PupilScope],
    names: &HashMap<i32, CourseName>,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<Vec<AgendaItem>>, DbErr> {
    let allowed = scopes.iter().fold(Condition::any(), |any, scope| {
        any.add(scope.course_ids(agenda_item::Column::CourseId))
    });
    let items = agenda_with_files(
        db,
        agenda_item::Entity::find()
            .filter(allowed)
            .filter(agenda_item::Column::DueOn.between(from, until))
            .order_by_asc(agenda_item::Column::DueOn)
            .order_by_asc(agenda_item::Column::DueTime),
    )
    .await?;
    Ok(scopes
        .iter()
        .map(|scope| {
            items
                .iter()
                .filter(|(item, _)| scope_has(scope, names, item.course_id))
                .map(|(item, files)| agenda_item(names, item.clone(), files.clone()))
                .collect()
        })
        .collect())
}

/// The lessons of the scope from `from` up to (not including) `until`, in time order.
async fn lessons_between<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<lesson::Model>, DbErr> {
    lesson::Entity::find()
        .filter(scope.course_ids(lesson::Column::CourseId))
        .filter(lesson::Column::StartsAt.gte(from.and_time(chrono::NaiveTime::MIN)))
        .filter(lesson::Column::StartsAt.lt(until.and_time(chrono::NaiveTime::MIN)))
        .order_by_asc(lesson::Column::StartsAt)
        .all(db)
        .await
}

fn lesson_of(names: &HashMap<i32, CourseName>, lesson: &lesson::Model) -> models::Lesson {
    let (course, teacher) = course_of(names, lesson.course_id);
    models::Lesson {
        starts: clock(lesson.starts_at),
        ends: clock(lesson.ends_at),
        course,
        teacher,
        room: lesson.room.clone(),
        topic: lesson.topic.clone(),
        cancelled: lesson.cancelled,
        planned_room: lesson.planned_room.clone(),
    }
}

/// A lesson with its row's identity and times, for a calendar.
pub struct DatedLesson {
    pub id: i32,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub lesson: models::Lesson,
}

/// Lessons and planned work from `from` up to (not including) `until`: what a calendar feed
/// shows of the scope's pupil. Three queries whatever the span.
pub async fn agenda_span<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<(Vec<DatedLesson>, Vec<AgendaItem>), DbErr> {
    let names = course_names(db, scope).await?;
    let lessons = lessons_between(db, scope, from, until)
        .await?
        .iter()
        .map(|lesson| DatedLesson {
            id: lesson.id,
            starts_at: lesson.starts_at,
            ends_at: lesson.ends_at,
            lesson: lesson_of(&names, lesson),
        })
        .collect();
    let items = agenda_items(db, scope, &names, from, until - Duration::days(1)).await?;
    Ok((lessons, items))
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
    let lessons = lessons_between(db, scope, monday, saturday).await?;
    let items = agenda_items(db, scope, &names, monday, saturday - Duration::days(1)).await?;
    let days = (0..5)
        .map(|offset| monday + Duration::days(offset))
        .filter(|day| is_school_day(*day))
        .map(|date| AgendaDay {
            date,
            lessons: lessons
                .iter()
                .filter(|lesson| lesson.starts_at.date() == date)
                .map(|lesson| lesson_of(&names, lesson))
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
