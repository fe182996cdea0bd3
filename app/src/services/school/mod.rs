//! The shared modules: what a pupil, the pupil's co-accounts and the pupil's staff see of one pupil.
//! Every query is narrowed by a [`PupilScope`] from the visibility module; nothing here decides who
//! may see what.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType,
    QueryFilter, QuerySelect, RelationDef,
};

use crate::auth::FamilyOfRequest;
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
    pupils_of(db, &[scope])
        .await?
        .pop()
        .ok_or_else(|| DbErr::RecordNotFound("the pupil".to_owned()))
}

/// The pupils of several scopes, in their order. The children of the caller's family are
/// described once per request for the header and the page together.
pub async fn pupils_of<C: ConnectionTrait>(
    db: &C,
    scopes: &[&PupilScope],
) -> Result<Vec<Pupil>, DbErr> {
    if let Some(family) = scopes.first().and_then(|scope| scope.family.as_ref()) {
        let described = described_family(family);
        let found: Option<Vec<Pupil>> = scopes
            .iter()
            .map(|scope| {
                described
                    .iter()
                    .find(|(account_id, _)| *account_id == scope.account.id)
                    .map(|(_, pupil)| pupil.clone())
            })
            .collect();
        if let Some(found) = found {
            return Ok(found);
        }
    }
    describe(
        db,
        scopes.iter().map(|scope| (&scope.account, &scope.person)),
    )
    .await
}

/// Every child of the family that this request read, described once from what it read (each
/// child's school is its member's, its class came with its pupil).
fn described_family(family: &FamilyOfRequest) -> &[(i32, Pupil)] {
    family.described.get_or_init(|| {
        family
            .members()
            .iter()
            .filter_map(|member| {
                let (person, class) = family
                    .pupils()
                    .iter()
                    .find(|(pupil, _)| pupil.account_id == member.account.id)?;
                let pupil = named(person, &member.platform, class.clone());
                Some((member.account.id, pupil))
            })
            .collect()
    })
}

/// Pupils as the pages name them, with their schools and classes in two queries whatever
/// their number.
async fn describe<'a, C: ConnectionTrait>(
    db: &C,
    pupils: impl IntoIterator<Item = (&'a account::Model, &'a sub_account::Model)>,
) -> Result<Vec<Pupil>, DbErr> {
    let pupils: Vec<_> = pupils.into_iter().collect();
    let schools: HashMap<i32, platform::Model> = platform::Entity::find()
        .filter(platform::Column::Id.is_in(pupils.iter().map(|(account, _)| account.platform_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|school| (school.id, school))
        .collect();
    let classes: HashMap<i32, String> = class::Entity::find()
        .filter(class::Column::Id.is_in(pupils.iter().filter_map(|(account, _)| account.class_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|class| (class.id, class.name))
        .collect();
    pupils
        .into_iter()
        .map(|(account, person)| {
            let school = schools
                .get(&account.platform_id)
                .ok_or_else(|| DbErr::RecordNotFound("the pupil's school".to_owned()))?;
            let class = account.class_id.and_then(|id| classes.get(&id).cloned());
            Ok(named(person, school, class))
        })
        .collect()
}

/// A pupil as the pages name them, from what was read of them.
fn named(person: &sub_account::Model, school: &platform::Model, class: Option<String>) -> Pupil {
    Pupil {
        id: person.public_id.to_string(),
        first_name: person.first_name.clone(),
        display_name: person.display_name(),
        class,
        photo: person.photo.clone(),
        school: PlatformSummary {
            slug: school.slug.clone(),
            name: school.name.clone(),
            city: school.city.clone(),
        },
    }
}

/// The pupils that `condition` (from the visibility module, on `account`) selects, by class and name.
pub async fn pupils<C: ConnectionTrait>(db: &C, condition: Condition) -> Result<Vec<Pupil>, DbErr> {
    let found: Vec<(sub_account::Model, account::Model)> = sub_account::Entity::find()
        .filter(sub_account::is_main())
        .find_also_related(account::Entity)
        .filter(condition)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(person, account)| account.map(|account| (person, account)))
        .collect();
    let mut pupils = describe(db, found.iter().map(|(person, account)| (account, person))).await?;
    pupils.sort_by(|a, b| (&a.class, &a.display_name).cmp(&(&b.class, &b.display_name)));
    Ok(pupils)
}

/// A course as listed: its name and its teacher's name, and its class.
pub struct CourseName {
    name: String,
    teacher: String,
    class_id: i32,
}

/// The courses the scope allows, with their teachers, by id, in one query.
async fn course_names<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
) -> Result<HashMap<i32, CourseName>, DbErr> {
    let courses: Vec<CourseWithTeacher> = with_teacher(course::Entity::find(), "")
        .filter(scope.courses())
        .into_model()
        .all(db)
        .await?;
    Ok(courses
        .into_iter()
        .map(|row| {
            let name = CourseName {
                name: row.course.name,
                teacher: row.teacher.display(),
                class_id: row.course.class_id,
            };
            (row.course.id, name)
        })
        .collect())
}

/// `query` with the course of its rows (through `to_course`, from the table that has the course
/// id) and the course's teacher, in the columns of [`CourseColumns`] under `prefix`: what a row
/// shows of its course comes with the row, not from a query of its own.
fn with_course<Q: QuerySelect>(query: Q, to_course: RelationDef, prefix: &str) -> Q {
    let query = query
        .join(JoinType::InnerJoin, to_course)
        .column_as(course::Column::Name, format!("{prefix}course_name"))
        .column_as(course::Column::ClassId, format!("{prefix}course_class_id"));
    with_teacher(query, prefix)
}

/// `query` (which reads `course`) with the name of the course's teacher's person.
fn with_teacher<Q: QuerySelect>(query: Q, prefix: &str) -> Q {
    query
        .join(
            JoinType::LeftJoin,
            sub_account::main_person_of::<course::Entity>(course::Column::TeacherId),
        )
        .column_as(
            sub_account::Column::FirstName,
            format!("{prefix}teacher_first_name"),
        )
        .column_as(
            sub_account::Column::LastName,
            format!("{prefix}teacher_last_name"),
        )
}

/// A row's course as [`with_course`] reads it.
#[derive(Debug, FromQueryResult)]
struct CourseColumns {
    course_name: String,
    course_class_id: i32,
    #[sea_orm(nested)]
    teacher: TeacherName,
}

/// The name of a course's teacher's person, when the teacher has one (see [`with_teacher`]).
#[derive(Debug, FromQueryResult)]
struct TeacherName {
    teacher_first_name: Option<String>,
    teacher_last_name: Option<String>,
}

impl TeacherName {
    fn display(&self) -> String {
        match (&self.teacher_first_name, &self.teacher_last_name) {
            (Some(first), Some(last)) => sub_account::display_name(first, last),
            _ => String::new(),
        }
    }
}

impl CourseName {
    /// Whether `scope` may see this course, `id` ([`PupilScope::allows_course`]).
    fn seen_by(&self, scope: &PupilScope, id: i32) -> bool {
        scope.allows_course(id, self.class_id)
    }
}

impl From<CourseColumns> for CourseName {
    fn from(row: CourseColumns) -> Self {
        CourseName {
            name: row.course_name,
            teacher: row.teacher.display(),
            class_id: row.course_class_id,
        }
    }
}

/// A course and the name of its teacher's person (see [`with_teacher`]).
#[derive(FromQueryResult)]
struct CourseWithTeacher {
    #[sea_orm(nested)]
    course: course::Model,
    #[sea_orm(nested)]
    teacher: TeacherName,
}

fn course_of(names: &HashMap<i32, CourseName>, id: i32) -> (String, String) {
    names
        .get(&id)
        .map(|course| (course.name.clone(), course.teacher.clone()))
        .unwrap_or_default()
}
