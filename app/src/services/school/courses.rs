//! Vakken and live sessions: a pupil's courses with their materials, and the live lessons.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::db::entities::{live_session, material};
use crate::models::{self, Courses, LiveSession, LiveSessions, Material, MaterialKind};
use crate::services::time::{clock, school_local};
use crate::visibility::PupilScope;

use super::{course_names, course_of, pupil, StoredFile};

/// Live sessions that ended longer ago than this are no longer listed.
const LIVE_SESSIONS_BACK_DAYS: i64 = 7;

/// The listed columns of a material: everything but the file's bytes.
#[derive(Debug, sea_orm::FromQueryResult)]
struct MaterialRow {
    id: i32,
    course_id: i32,
    title: String,
    url: Option<String>,
    file_name: Option<String>,
    size: Option<i64>,
}

/// The materials (without the files' bytes) of the courses `which` selects (on `material`), each
/// with its course, in the order their teachers arranged them.
pub(crate) async fn materials<C: ConnectionTrait>(
    db: &C,
    which: Condition,
) -> Result<Vec<(i32, Material)>, DbErr> {
    let rows: Vec<MaterialRow> = material::Entity::find()
        .select_only()
        .columns([
            material::Column::Id,
            material::Column::CourseId,
            material::Column::Title,
            material::Column::Url,
            material::Column::FileName,
            material::Column::Size,
        ])
        .filter(which)
        .order_by_asc(material::Column::Position)
        .order_by_asc(material::Column::Id)
        .into_model()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let kind = match (row.url, row.file_name) {
                (Some(url), _) => MaterialKind::Link { url },
                (None, Some(name)) => MaterialKind::File {
                    name,
                    size: row.size.unwrap_or_default(),
                },
                (None, None) => return None,
            };
            let material = Material {
                id: row.id,
                title: row.title,
                kind,
            };
            Some((row.course_id, material))
        })
        .collect())
}

/// The pupil's courses with their documents and links.
pub async fn courses<C: ConnectionTrait>(db: &C, scope: &PupilScope) -> Result<Courses, DbErr> {
    let names = course_names(db, scope).await?;
    let materials = materials(db, scope.course_ids(material::Column::CourseId)).await?;
    let mut courses: Vec<models::Course> = names
        .iter()
        .map(|(id, name)| models::Course {
            id: *id,
            name: name.name.clone(),
            teacher: name.teacher.clone(),
            materials: materials
                .iter()
                .filter(|(course, _)| course == id)
                .map(|(_, material)| material.clone())
                .collect(),
        })
        .collect();
    courses.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Courses {
        pupil: pupil(db, scope).await?,
        courses,
    })
}

/// The file of material `id`, if it belongs to a course the scope may see.
pub async fn material_file<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    id: i32,
) -> Result<Option<StoredFile>, DbErr> {
    let found = material::Entity::find_by_id(id)
        .filter(scope.course_ids(material::Column::CourseId))
        .one(db)
        .await?;
    Ok(found.and_then(|material| {
        Some(StoredFile {
            file_name: material.file_name?,
            content_type: material
                .content_type
                .unwrap_or_else(|| "application/octet-stream".to_owned()),
            content: material.content?,
        })
    }))
}

/// Scheduled online lessons from a week ago on.
pub async fn live_sessions<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    now: DateTime<Utc>,
) -> Result<LiveSessions, DbErr> {
    let names = course_names(db, scope).await?;
    let local_now = school_local(now);
    let sessions = live_session::Entity::find()
        .filter(scope.course_ids(live_session::Column::CourseId))
        .filter(
            live_session::Column::EndsAt.gte(local_now - Duration::days(LIVE_SESSIONS_BACK_DAYS)),
        )
        .order_by_asc(live_session::Column::StartsAt)
        .all(db)
        .await?;
    Ok(LiveSessions {
        pupil: pupil(db, scope).await?,
        sessions: sessions
            .into_iter()
            .map(|session| {
                let (course, teacher) = course_of(&names, session.course_id);
                LiveSession {
                    date: session.starts_at.date(),
                    starts: clock(session.starts_at),
                    ends: clock(session.ends_at),
                    course,
                    teacher,
                    title: session.title,
                    url: session.url,
                    past: session.ends_at < local_now,
                }
            })
            .collect(),
    })
}
