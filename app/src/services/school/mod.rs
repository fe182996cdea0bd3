//! The shared modules: what a pupil, the pupil's co-accounts and the pupil's staff see of one pupil.
//! Every query is narrowed by a [`PupilScope`] from the visibility module; nothing here decides who
//! may see what.

use std::collections::HashMap;

use sea_orm::{Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::db::entities::sub_account;
use crate::db::entities::{account, class, course, platform};
use crate::models::{PlatformSummary, Pupil};
use crate::visibility::PupilScope;

mod agenda;
mod courses;
mod lvs;
mod overview;
mod results;

pub use agenda::*;
pub use courses::*;
pub use lvs::*;
pub use overview::*;
pub use results::*;

/// A kept file to download: a course material's or one attached to planned work.
pub struct StoredFile {
    pub file_name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

impl From<crate::db::entities::agenda_file::Model> for StoredFile {
    fn from(file: crate::db::entities::agenda_file::Model) -> Self {
        StoredFile {
            file_name: file.file_name,
            content_type: file.content_type,
            content: file.content,
        }
    }
}

/// The pupil of the scope as the pages name them.
pub async fn pupil<C: ConnectionTrait>(db: &C, scope: &PupilScope) -> Result<Pupil, DbErr> {
    describe(db, &scope.account, &scope.person).await
}

pub(super) async fn describe<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    person: &sub_account::Model,
) -> Result<Pupil, DbErr> {
    let school = platform::Entity::find_by_id(account.platform_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the pupil's school".to_owned()))?;
    let class = match account.class_id {
        Some(id) => class::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(Pupil {
        id: person.public_id.to_string(),
        first_name: person.first_name.clone(),
        display_name: person.display_name(),
        class: class.map(|class| class.name),
        photo: person.photo.clone(),
        school: PlatformSummary {
            slug: school.slug,
            name: school.name,
            city: school.city,
        },
    })
}

/// The pupils that `condition` (from the visibility module, on `account`) selects, by class and name.
pub async fn pupils<C: ConnectionTrait>(db: &C, condition: Condition) -> Result<Vec<Pupil>, DbErr> {
    let found = sub_account::Entity::find()
        .filter(sub_account::is_main())
        .find_also_related(account::Entity)
        .filter(condition)
        .all(db)
        .await?;
    let mut pupils = Vec::new();
    for (person, account) in found {
        let Some(account) = account else { continue };
        pupils.push(describe(db, &account, &person).await?);
    }
    pupils.sort_by(|a, b| (&a.class, &a.display_name).cmp(&(&b.class, &b.display_name)));
    Ok(pupils)
}

/// A course as listed: its name and its teacher's name.
struct CourseName {
    name: String,
    teacher: String,
}

/// The courses the scope allows, with their teachers, by id.
async fn course_names<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
) -> Result<HashMap<i32, CourseName>, DbErr> {
    let courses = course::Entity::find()
        .filter(scope.courses())
        .all(db)
        .await?;
    let teacher_ids: Vec<i32> = courses.iter().map(|course| course.teacher_id).collect();
    let teachers: HashMap<i32, String> = sub_account::Entity::main_of(teacher_ids)
        .all(db)
        .await?
        .into_iter()
        .map(|person| (person.account_id, person.display_name()))
        .collect();
    Ok(courses
        .into_iter()
        .map(|course| {
            let teacher = teachers
                .get(&course.teacher_id)
                .cloned()
                .unwrap_or_default();
            (
                course.id,
                CourseName {
                    name: course.name,
                    teacher,
                },
            )
        })
        .collect())
}

fn course_of(names: &HashMap<i32, CourseName>, id: i32) -> (String, String) {
    names
        .get(&id)
        .map(|course| (course.name.clone(), course.teacher.clone()))
        .unwrap_or_default()
}
