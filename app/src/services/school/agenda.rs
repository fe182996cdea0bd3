//! The schoolagenda: a pupil's week of lessons and planned work.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, Select,
};

use crate::db::entities::{agenda_file, agenda_item, lesson};
use crate::models::{self, AgendaDay, AgendaItem, AgendaWeek, AttachedFile};
use crate::services::time::{clock, is_school_day, monday_of, school_today};
use crate::visibility::PupilScope;

use super::{pupil, with_course, CourseColumns, CourseName, StoredFile};

/// An agenda item with its course and, on the same row, one file attached to it (without its
/// content).
#[derive(Debug, sea_orm::FromQueryResult)]
struct ItemWithFile {
    #[sea_orm(nested)]
    item: agenda_item::Model,
    #[sea_orm(nested)]
    course: CourseColumns,
    file_id: Option<i32>,
    file_name: Option<String>,
    file_size: Option<i64>,
}

/// An agenda item with its course and the files attached to it (without their content).
pub struct PlannedWork {
    pub item: agenda_item::Model,
    pub course: CourseName,
    pub files: Vec<AttachedFile>,
}

/// The agenda items that `items` selects, in its order and then by id, each with its course and
/// the files attached to it in the order they were added: one query.
pub async fn agenda_with_files<C: ConnectionTrait>(
    db: &C,
    items: Select<agenda_item::Entity>,
) -> Result<Vec<PlannedWork>, DbErr> {
    let rows: Vec<ItemWithFile> = with_course(items, agenda_item::Relation::Course.def(), "")
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
    let mut items: Vec<PlannedWork> = Vec::new();
    for row in rows {
        let file = match (row.file_id, row.file_name, row.file_size) {
            (Some(id), Some(name), Some(size)) => Some(AttachedFile { id, name, size }),
            _ => None,
        };
        match items.last_mut() {
            Some(work) if work.item.id == row.item.id => work.files.extend(file),
            _ => items.push(PlannedWork {
                item: row.item,
                course: row.course.into(),
                files: file.into_iter().collect(),
            }),
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

fn agenda_item(work: &PlannedWork) -> AgendaItem {
    let item = &work.item;
    AgendaItem {
        id: item.id,
        files: work.files.clone(),
        kind: item.kind,
        due_on: item.due_on,
        due_time: item.due_time.map(|time| time.format("%H:%M").to_string()),
        course: work.course.name.clone(),
        title: item.title.clone(),
        description: item.description.clone(),
    }
}

pub(super) async fn agenda_items<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<AgendaItem>, DbErr> {
    Ok(agenda_items_of(db, &[scope], from, until)
        .await?
        .pop()
        .unwrap_or_default())
}

/// [`agenda_items`] of several pupils, in their order, in one query whatever their number.
pub(super) async fn agenda_items_of<C: ConnectionTrait>(
    db: &C,
    scopes: &[&PupilScope],
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<Vec<AgendaItem>>, DbErr> {
    // On the course that comes with each item.
    let allowed = scopes
        .iter()
        .fold(Condition::any(), |any, scope| any.add(scope.courses()));
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
                .filter(|work| work.course.seen_by(scope, work.item.course_id))
                .map(agenda_item)
                .collect()
        })
        .collect())
}

/// A lesson and its course.
#[derive(Debug, sea_orm::FromQueryResult)]
struct LessonWithCourse {
    #[sea_orm(nested)]
    lesson: lesson::Model,
    #[sea_orm(nested)]
    course: CourseColumns,
}

/// The lessons of the scope from `from` up to (not including) `until`, in time order, each with
/// its course.
async fn lessons_between<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<(lesson::Model, CourseName)>, DbErr> {
    let lessons = lesson::Entity::find()
        .filter(scope.courses())
        .filter(lesson::Column::StartsAt.gte(from.and_time(chrono::NaiveTime::MIN)))
        .filter(lesson::Column::StartsAt.lt(until.and_time(chrono::NaiveTime::MIN)))
        .order_by_asc(lesson::Column::StartsAt);
    let rows: Vec<LessonWithCourse> = with_course(lessons, lesson::Relation::Course.def(), "")
        .into_model()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.lesson, row.course.into()))
        .collect())
}

fn lesson_of((lesson, course): &(lesson::Model, CourseName)) -> models::Lesson {
    models::Lesson {
        starts: clock(lesson.starts_at),
        ends: clock(lesson.ends_at),
        course: course.name.clone(),
        teacher: course.teacher.clone(),
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
/// shows of the scope's pupil. Two queries whatever the span.
pub async fn agenda_span<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<(Vec<DatedLesson>, Vec<AgendaItem>), DbErr> {
    let lessons = lessons_between(db, scope, from, until)
        .await?
        .iter()
        .map(|row| DatedLesson {
            id: row.0.id,
            starts_at: row.0.starts_at,
            ends_at: row.0.ends_at,
            lesson: lesson_of(row),
        })
        .collect();
    let items = agenda_items(db, scope, from, until - Duration::days(1)).await?;
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
    let lessons = lessons_between(db, scope, monday, saturday).await?;
    let items = agenda_items(db, scope, monday, saturday - Duration::days(1)).await?;
    let days = (0..5)
        .map(|offset| monday + Duration::days(offset))
        .filter(|day| is_school_day(*day))
        .map(|date| AgendaDay {
            date,
            lessons: lessons
                .iter()
                .filter(|(lesson, _)| lesson.starts_at.date() == date)
                .map(lesson_of)
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
