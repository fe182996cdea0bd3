//! A course's materials, kept by its teacher: files and links in the order the teacher arranges
//! them. Families see them in Vakken at once, in that order.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{CaseStatement, Expr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    ModelTrait, QueryFilter, QuerySelect, Set,
};

use super::{required, teaching};
use crate::db::entities::material;
use crate::db::{begin_write, settle};
use crate::error::AppError;
use crate::models::MaterialPlan;
use crate::services::documents::Upload;
use crate::services::school::materials;
use crate::url::web_link;
use crate::visibility::TeachingScope;

/// The longest title a material keeps.
pub const TITLE_MAX: usize = 200;

/// The caller's courses and, for the chosen one, its materials in order.
pub async fn plan<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    course: Option<i32>,
) -> Result<MaterialPlan, AppError> {
    let course = match course {
        Some(id) => Some(scope.course(db, id).await?.id),
        None => None,
    };
    let teaching = teaching(db, scope).await?;
    let materials = match course {
        Some(id) => materials(db, of_course(id))
            .await?
            .into_iter()
            .map(|(_, material)| material)
            .collect(),
        None => Vec::new(),
    };
    Ok(MaterialPlan {
        course: course.and_then(|id| teaching.courses.iter().find(|c| c.id == id).cloned()),
        teaching,
        materials,
    })
}

fn of_course(course: i32) -> Condition {
    Condition::all().add(material::Column::CourseId.eq(course))
}

/// The position after the course's last material: a new one comes last.
async fn next_position<C: ConnectionTrait>(db: &C, course: i32) -> Result<i32, AppError> {
    let last: Option<Option<i32>> = material::Entity::find()
        .select_only()
        .column_as(material::Column::Position.max(), "last")
        .filter(of_course(course))
        .into_tuple()
        .one(db)
        .await?;
    Ok(last.flatten().map_or(0, |last| last + 1))
}

/// Adds a file to a course, titled by `title` or else by its name; answers the course and the new
/// material. The same limits as "Mijn documenten": larger than `limit` bytes, empty or
/// nameless is refused and stores nothing.
pub async fn add_file<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    course: i32,
    title: &str,
    upload: Upload,
    limit: usize,
    now: DateTime<Utc>,
) -> Result<(i32, i32), AppError> {
    let course = scope.course(db, course).await?;
    let file = upload.check(limit)?;
    let title = match title.trim() {
        "" => file.file_name.chars().take(TITLE_MAX).collect(),
        title => required(title, TITLE_MAX, AppError::TitleRequired)?,
    };
    material::ActiveModel {
        course_id: Set(course.id),
        title: Set(title),
        url: Set(None),
        file_name: Set(Some(file.file_name)),
        content_type: Set(Some(file.content_type)),
        size: Set(Some(file.size)),
        content: Set(Some(file.content)),
        created_at: Set(now),
        position: Set(next_position(db, course.id).await?),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|stored| (course.id, stored.id))
    .map_err(AppError::from)
}

/// Adds a link (http or https only) to a course; answers the course and the new material.
pub async fn add_link<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    course: i32,
    title: &str,
    url: &str,
    now: DateTime<Utc>,
) -> Result<(i32, i32), AppError> {
    let course = scope.course(db, course).await?;
    let title = required(title, TITLE_MAX, AppError::TitleRequired)?;
    let url = web_link(url).ok_or(AppError::InvalidWebLink)?.to_owned();
    material::ActiveModel {
        course_id: Set(course.id),
        title: Set(title),
        url: Set(Some(url)),
        created_at: Set(now),
        position: Set(next_position(db, course.id).await?),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|stored| (course.id, stored.id))
    .map_err(AppError::from)
}

/// Which way a material moves in its course's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    /// As the form sends it.
    pub fn parse(text: &str) -> Option<Direction> {
        match text {
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => None,
        }
    }
}

/// Moves a material one place up or down (the first up, the last down stay); the course's
/// positions are written anew (0, 1, 2…) in one transaction and one UPDATE, with the course's
/// rows locked while they are read and rewritten (PostgreSQL; SQLite writes one transaction at a
/// time), so that two moves at once cannot leave two materials on one place. Answers the course
/// and the material's place now (from 0).
pub async fn move_material(
    db: &DatabaseConnection,
    scope: &TeachingScope,
    id: i32,
    direction: Direction,
) -> Result<(i32, usize), AppError> {
    let txn = begin_write(db).await?;
    let outcome = async {
        let moved = scope.material(&txn, id).await?;
        let mut rows: Vec<(i32, i32)> = material::Entity::find()
            .select_only()
            .columns([material::Column::Id, material::Column::Position])
            .filter(of_course(moved.course_id))
            .lock_exclusive()
            .into_tuple()
            .all(&txn)
            .await?;
        // Sorted here, on the positions as locked: a move that waited for the lock reads the
        // positions the other one wrote.
        rows.sort_by_key(|(id, position)| (*position, *id));
        let mut order: Vec<i32> = rows.iter().map(|(id, _)| *id).collect();
        let at = order
            .iter()
            .position(|other| *other == id)
            .ok_or(AppError::NotFound)?;
        let to = match direction {
            Direction::Up => at.checked_sub(1),
            Direction::Down => (at + 1 < order.len()).then_some(at + 1),
        };
        if let Some(to) = to {
            order.swap(at, to);
        }
        let now_at = to.unwrap_or(at);
        // Every material whose place changes, written in one UPDATE.
        let stored: HashMap<i32, i32> = rows.into_iter().collect();
        let mut changed = Vec::new();
        let mut places: Option<CaseStatement> = None;
        for (index, id) in order.into_iter().enumerate() {
            let position = i32::try_from(index).map_err(|_| AppError::Internal)?;
            if stored.get(&id) != Some(&position) {
                let when = material::Column::Id.eq(id);
                places = Some(match places {
                    Some(places) => places.case(when, position),
                    None => Expr::case(when, position),
                });
                changed.push(id);
            }
        }
        if let Some(places) = places {
            material::Entity::update_many()
                .col_expr(
                    material::Column::Position,
                    places.finally(Expr::col(material::Column::Position)).into(),
                )
                .filter(material::Column::Id.is_in(changed))
                .exec(&txn)
                .await?;
        }
        Ok((moved.course_id, now_at))
    }
    .await;
    settle(txn, outcome).await
}

/// Removes a material; answers the course it was in.
pub async fn remove<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    id: i32,
) -> Result<i32, AppError> {
    let found = scope.material(db, id).await?;
    let course = found.course_id;
    found.delete(db).await?;
    Ok(course)
}
