//! What staff may write for families to read. A teacher writes for the courses they give and,
//! for a class as a whole (attendance, remarks about its pupils), for the classes they teach by
//! the one rule of [`taught_classes`]; an admin writes for the whole school. The class teacher
//! and admins read every remark of a class; another teacher of the class their own.

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

use super::caller::{role_of, taught_classes};
use super::{pupil_scope, Module, PupilScope, Role};
use crate::auth::Current;
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::{
    agenda_file, agenda_item, class, course, evaluation, lesson, live_session, lvs_remark,
    material, sub_account,
};
use crate::error::AppError;
use crate::models::PublicId;

/// The capability to write in the shared modules, for one staff member of one school.
#[derive(Clone, Debug)]
pub struct TeachingScope {
    platform_id: i32,
    /// The staff member's account: what their courses and classes name.
    actor: i32,
    admin: bool,
}

pub fn teaching(current: &Current) -> Result<TeachingScope, AppError> {
    match role_of(current) {
        role @ (Role::Teacher | Role::Admin) => Ok(TeachingScope {
            platform_id: current.account.platform_id,
            actor: current.account.id,
            admin: role == Role::Admin,
        }),
        Role::Pupil | Role::CoAccount => Err(AppError::Forbidden),
    }
}

/// How a caller reads the files of planned work: the pupil's family, and staff who name the pupil,
/// as the pupil's agenda shows them; staff who name no pupil (the planning page's links) through
/// the courses they write for.
pub enum AgendaFileReader {
    Agenda(Box<PupilScope>),
    Teaching(TeachingScope),
}

pub async fn agenda_file_reader<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    pupil: Option<PublicId>,
) -> Result<AgendaFileReader, AppError> {
    match pupil {
        None if role_of(current).is_staff() => Ok(AgendaFileReader::Teaching(teaching(current)?)),
        pupil => pupil_scope(db, current, Module::Agenda, pupil)
            .await
            .map(|scope| AgendaFileReader::Agenda(Box::new(scope))),
    }
}

/// Whether a row of the caller's own school that the rule does not grant exists: such an id is
/// `Forbidden`, any other (another school's, a made-up one) finds nothing.
fn refused(exists_in_school: bool) -> AppError {
    if exists_in_school {
        AppError::Forbidden
    } else {
        AppError::NotFound
    }
}

impl TeachingScope {
    /// The staff account that writes, as planned items and remarks name their author.
    pub fn actor(&self) -> i32 {
        self.actor
    }

    /// The courses the caller writes for (on `course`).
    pub fn courses(&self) -> Condition {
        let school = Condition::all().add(course::Column::PlatformId.eq(self.platform_id));
        if self.admin {
            school
        } else {
            school.add(course::Column::TeacherId.eq(self.actor))
        }
    }

    /// The classes the caller writes for as a whole (on `class`).
    pub fn classes(&self) -> Condition {
        let school = Condition::all().add(class::Column::PlatformId.eq(self.platform_id));
        if self.admin {
            school
        } else {
            school.add(taught_classes(self.actor))
        }
    }

    /// Whether the caller reads every remark about the pupils of `class`.
    pub fn reads_all_remarks(&self, class: &class::Model) -> bool {
        self.admin || class.teacher_id == Some(self.actor)
    }

    /// The courses of `class` whose results the caller reads side by side in the class overview:
    /// all of them for those who read all its remarks (its class teacher, an admin), the
    /// caller's own otherwise (on `course`).
    pub fn class_courses(&self, class: &class::Model) -> Condition {
        let of_class = Condition::all().add(course::Column::ClassId.eq(class.id));
        if self.reads_all_remarks(class) {
            of_class
        } else {
            of_class.add(course::Column::TeacherId.eq(self.actor))
        }
    }

    /// The remarks of `class`'s pupils the caller reads (on `lvs_remark`), given those pupils.
    pub fn class_remarks(&self, class: &class::Model, pupils: Vec<i32>) -> Condition {
        let of_class = Condition::all().add(lvs_remark::Column::PupilId.is_in(pupils));
        if self.reads_all_remarks(class) {
            of_class
        } else {
            of_class.add(lvs_remark::Column::AuthorId.eq(self.actor))
        }
    }

    /// A course the caller writes for.
    pub async fn course<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i32,
    ) -> Result<course::Model, AppError> {
        let found = course::Entity::find_by_id(id)
            .filter(course::Column::PlatformId.eq(self.platform_id))
            .one(db)
            .await?;
        match found {
            Some(course) if self.admin || course.teacher_id == self.actor => Ok(course),
            other => Err(refused(other.is_some())),
        }
    }

    /// A class the caller writes for as a whole.
    pub async fn class<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i32,
    ) -> Result<class::Model, AppError> {
        if let Some(class) = class::Entity::find_by_id(id)
            .filter(self.classes())
            .one(db)
            .await?
        {
            return Ok(class);
        }
        let exists = class::Entity::find_by_id(id)
            .filter(class::Column::PlatformId.eq(self.platform_id))
            .one(db)
            .await?
            .is_some();
        Err(refused(exists))
    }

    /// An evaluation of a course the caller writes for, with that course.
    pub async fn evaluation<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i32,
    ) -> Result<(evaluation::Model, course::Model), AppError> {
        let evaluation = evaluation::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let course = self.course(db, evaluation.course_id).await?;
        Ok((evaluation, course))
    }

    /// A planned item of a course the caller writes for.
    pub async fn agenda_item<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i32,
    ) -> Result<agenda_item::Model, AppError> {
        let item = agenda_item::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        self.course(db, item.course_id).await?;
        Ok(item)
    }

    /// A lesson of a course the caller writes for: its teacher changes its room or cancels it.
    pub async fn lesson<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i32,
    ) -> Result<lesson::Model, AppError> {
        let lesson = lesson::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        self.course(db, lesson.course_id).await?;
        Ok(lesson)
    }

    /// A file attached to planned work of a course the caller writes for, with that work.
    pub async fn agenda_file<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i32,
    ) -> Result<(agenda_file::Model, agenda_item::Model), AppError> {
        let (file, item) = agenda_file::Entity::find_by_id(id)
            .find_also_related(agenda_item::Entity)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let item = item.ok_or(AppError::NotFound)?;
        self.course(db, item.course_id).await?;
        Ok((file, item))
    }

    /// A document or link of a course the caller writes for.
    pub async fn material<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i32,
    ) -> Result<material::Model, AppError> {
        let found = material::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        self.course(db, found.course_id).await?;
        Ok(found)
    }

    /// A live lesson of a course the caller writes for.
    pub async fn live_session<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i32,
    ) -> Result<live_session::Model, AppError> {
        let found = live_session::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        self.course(db, found.course_id).await?;
        Ok(found)
    }

    /// A pupil (by public id) of a class the caller teaches, with the pupil as a person.
    pub async fn pupil<C: ConnectionTrait>(
        &self,
        db: &C,
        id: PublicId,
    ) -> Result<(account::Model, sub_account::Model), AppError> {
        let (person, account) = sub_account::Entity::find()
            .filter(sub_account::Column::PublicId.eq(id.0))
            .filter(sub_account::is_main())
            .find_also_related(account::Entity)
            .one(db)
            .await?
            .and_then(|(person, account)| account.map(|account| (person, account)))
            .filter(|(_, account)| {
                account.kind == AccountKind::Pupil && account.platform_id == self.platform_id
            })
            .ok_or(AppError::NotFound)?;
        self.class(db, account.class_id.unwrap_or(-1))
            .await
            .map_err(|_| AppError::Forbidden)?;
        Ok((account, person))
    }
}
