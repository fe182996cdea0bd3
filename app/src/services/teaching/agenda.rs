//! Planning in the schoolagenda: a teacher adds, edits and removes the tasks, tests and
//! assignments of the courses they give. Pupils and parents see them at once and hear of them
//! as they chose.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, ModelTrait, QueryFilter, QueryOrder, Set, TryIntoModel,
};

use super::{class_pupils, parse_date, parse_time, required, teaching, tell};
use crate::db::entities::{agenda_file, agenda_item, lesson};
use crate::db::{begin_write, settle};
use crate::error::AppError;
use crate::models::NotificationKind;
use crate::models::{AgendaKind, AgendaPlan, PlannedItem, PlannedLesson};
use crate::services::documents::Upload;
use crate::services::notifications::News;
use crate::services::school::{agenda_with_files, StoredFile};
use crate::services::time::{clock, school_today};
use crate::visibility::TeachingScope;

/// The longest title and description a planned item keeps.
pub const TITLE_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 4000;

/// A planned item as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct ItemInput {
    pub course: i32,
    pub kind: String,
    pub due_on: String,
    /// "14:30", or empty for none.
    pub due_time: String,
    pub title: String,
    pub description: String,
}

/// The caller's courses and, for the chosen one, what is planned from today on.
pub async fn plan<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    course: Option<i32>,
    now: DateTime<Utc>,
) -> Result<AgendaPlan, AppError> {
    let teaching = teaching(db, scope).await?;
    let today = school_today(now);
    let course = match course {
        Some(id) => Some(scope.course(db, id).await?.id),
        None => None,
    };
    let items = match course {
        Some(id) => {
            agenda_with_files(
                db,
                agenda_item::Entity::find()
                    .filter(agenda_item::Column::CourseId.eq(id))
                    .filter(agenda_item::Column::DueOn.gte(today))
                    .order_by_asc(agenda_item::Column::DueOn)
                    .order_by_asc(agenda_item::Column::DueTime),
            )
            .await?
        }
        None => Vec::new(),
    };
    let items = items
        .into_iter()
        .map(|work| PlannedItem {
            files: work.files,
            ..planned(work.item)
        })
        .collect();
    let lessons = match course {
        Some(id) => lesson::Entity::find()
            .filter(lesson::Column::CourseId.eq(id))
            .filter(lesson::Column::StartsAt.gte(today.and_time(NaiveTime::MIN)))
            .filter(lesson::Column::StartsAt.lt((today + LESSONS_AHEAD).and_time(NaiveTime::MIN)))
            .order_by_asc(lesson::Column::StartsAt)
            .all(db)
            .await?
            .into_iter()
            .map(|lesson| PlannedLesson {
                id: lesson.id,
                date: lesson.starts_at.date(),
                starts: clock(lesson.starts_at),
                ends: clock(lesson.ends_at),
                room: lesson.room,
                planned_room: lesson.planned_room,
                cancelled: lesson.cancelled,
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(AgendaPlan {
        course: course.and_then(|id| teaching.courses.iter().find(|c| c.id == id).cloned()),
        teaching,
        items,
        lessons,
        today,
    })
}

/// How far ahead the planning page lists a course's lessons.
const LESSONS_AHEAD: Duration = Duration::weeks(2);
/// The longest room name, as the timetable keeps it.
const ROOM_MAX: usize = 40;

/// Moves a lesson to `room` or back to the room it was planned in, and cancels it or lets it
/// take place. The agenda and the calendar feeds show it at once. Returns the lesson's course.
pub async fn save_lesson<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    id: i32,
    room: &str,
    cancelled: bool,
) -> Result<i32, AppError> {
    let lesson = scope.lesson(db, id).await?;
    let room = required(room, ROOM_MAX, AppError::InvalidRoom)?;
    let planned = lesson.planned_room.clone().unwrap_or(lesson.room.clone());
    let course = lesson.course_id;
    let mut changed = lesson.into_active_model();
    changed.planned_room = Set((room != planned).then_some(planned));
    changed.room = Set(room);
    changed.cancelled = Set(cancelled);
    changed.update(db).await?;
    Ok(course)
}

fn planned(item: agenda_item::Model) -> PlannedItem {
    PlannedItem {
        id: item.id,
        course_id: item.course_id,
        kind: item.kind,
        due_on: item.due_on,
        due_time: item.due_time.map(|time| time.format("%H:%M").to_string()),
        title: item.title,
        description: item.description,
        files: Vec::new(),
    }
}

/// Adds a planned item (`id` none) or changes one and tells the class's pupils and parents;
/// answers the course it is in and the item.
pub async fn save_item(
    db: &DatabaseConnection,
    base_url: &str,
    scope: &TeachingScope,
    id: Option<i32>,
    input: &ItemInput,
    now: DateTime<Utc>,
) -> Result<(i32, i32), AppError> {
    let course = scope.course(db, input.course).await?;
    let kind = AgendaKind::parse(&input.kind).ok_or(AppError::InvalidChoice)?;
    let due_on = parse_date(&input.due_on)?;
    let due_time = match input.due_time.trim() {
        "" => None,
        time => Some(parse_time(time)?),
    };
    let title = required(&input.title, TITLE_MAX, AppError::TitleRequired)?;
    let description = input.description.trim().to_owned();
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(AppError::MessageTooLong);
    }
    let mut item = match id {
        Some(id) => scope.agenda_item(db, id).await?.into_active_model(),
        None => agenda_item::ActiveModel {
            author_id: Set(Some(scope.actor())),
            ..Default::default()
        },
    };
    item.course_id = Set(course.id);
    item.kind = Set(kind);
    item.due_on = Set(due_on);
    item.due_time = Set(due_time);
    item.title = Set(title);
    item.description = Set(description);
    let pupils: Vec<(i32, String)> = class_pupils(db, course.class_id)
        .await?
        .into_iter()
        .map(|pupil| (pupil.account, pupil.first_name))
        .collect();
    let txn = begin_write(db).await?;
    let outcome = async {
        let item = item.save(&txn).await?.try_into_model()?;
        let news = News {
            changed: id.is_some(),
            day: Some(item.due_on),
            code: Some(item.kind.code().to_owned()),
            ..News::new(NotificationKind::Agenda, "", &course.name, &item.title)
        };
        tell(
            &txn,
            base_url,
            &pupils,
            (true, true),
            |_| Some(news.clone()),
            now,
        )
        .await?;
        Ok((course.id, item.id))
    }
    .await;
    settle(txn, outcome).await
}

/// Removes a planned item with its files, in one transaction; answers the course it was in.
pub async fn remove_item(
    db: &DatabaseConnection,
    scope: &TeachingScope,
    id: i32,
) -> Result<i32, AppError> {
    let txn = begin_write(db).await?;
    let outcome = async {
        let item = scope.agenda_item(&txn, id).await?;
        let course = item.course_id;
        agenda_file::Entity::delete_many()
            .filter(agenda_file::Column::AgendaItemId.eq(item.id))
            .exec(&txn)
            .await?;
        item.delete(&txn).await?;
        Ok(course)
    }
    .await;
    settle(txn, outcome).await
}

/// Attaches a file to a planned item, with the limits of every kept file (larger than
/// `limit` bytes, empty or nameless stores nothing); answers the item's course.
pub async fn add_file<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    item: i32,
    upload: Upload,
    limit: usize,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let item = scope.agenda_item(db, item).await?;
    let file = upload.check(limit)?;
    agenda_file::ActiveModel {
        agenda_item_id: Set(item.id),
        file_name: Set(file.file_name),
        content_type: Set(file.content_type),
        size: Set(file.size),
        content: Set(file.content),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(item.course_id)
}

/// Removes a file from a planned item; answers the item's course and the item.
pub async fn remove_file<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    id: i32,
) -> Result<(i32, i32), AppError> {
    let (file, item) = scope.agenda_file(db, id).await?;
    file.delete(db).await?;
    Ok((item.course_id, item.id))
}

/// A file attached to planned work of a course the caller writes for, to download.
pub async fn file<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    id: i32,
) -> Result<StoredFile, AppError> {
    let (file, _) = scope.agenda_file(db, id).await?;
    Ok(file.into())
}
