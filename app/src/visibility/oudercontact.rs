//! Oudercontact: which children a parent books for, with which teachers, and who runs a moment.

use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use super::caller::{acting, require, taught_classes};
use super::pupils::{child_teachers, family_scopes, ChildTeacher, PupilScope};
use super::{Module, Role};
use crate::auth::{Current, Member};
use crate::db::entities::account;
use crate::db::entities::{class, conference, conference_class, course};
use crate::error::AppError;

/// Oudercontact for a parent: every child of the family, each with the member (co-account)
/// it is reached through, and which of them is selected. Only co-accounts book; a pupil,
/// whose parents' talks these are, never reaches them.
pub async fn booking_children<C: ConnectionTrait>(
    db: &C,
    current: &Current,
) -> Result<(Vec<(Member, PupilScope)>, usize), AppError> {
    if require(current, Module::Oudercontact)? != Role::CoAccount {
        return Err(AppError::Forbidden);
    }
    let children = family_scopes(db, current).await?;
    let selected = acting(current).0.id;
    let index = children
        .iter()
        .position(|(_, scope)| scope.account.id == selected)
        .unwrap_or(0);
    Ok((children, index))
}

/// Whether a conference moment is for this child: it is the child's school's and invites the
/// child's class.
pub async fn invited<C: ConnectionTrait>(
    db: &C,
    child: &account::Model,
    moment: &conference::Model,
) -> Result<bool, AppError> {
    let Some(class_id) = child.class_id else {
        return Ok(false);
    };
    Ok(moment.platform_id == child.platform_id
        && conference_class::Entity::find_by_id((moment.id, class_id))
            .one(db)
            .await?
            .is_some())
}

/// The teacher a family's child may book a talk with in `moment`: the moment invites the child
/// and the teacher teaches the child. Anything else is `Forbidden`.
pub async fn booking_teacher<C: ConnectionTrait>(
    db: &C,
    child: &account::Model,
    moment: &conference::Model,
    teacher: i32,
) -> Result<ChildTeacher, AppError> {
    if !invited(db, child, moment).await? {
        return Err(AppError::Forbidden);
    }
    child_teachers(db, child)
        .await?
        .into_iter()
        .find(|candidate| candidate.account_id == teacher)
        .ok_or(AppError::Forbidden)
}

/// The staff side of Oudercontact: a teacher manages their own availability and schedule.
fn conference_teacher(current: &Current) -> Result<&account::Model, AppError> {
    match require(current, Module::Oudercontact)? {
        Role::Teacher => Ok(&current.account),
        _ => Err(AppError::Forbidden),
    }
}

/// The moments a teacher gives hours in: those that invite a class the teacher teaches, as
/// class teacher or in a course (so always of the teacher's own school).
pub async fn teacher_moments<'a, C: ConnectionTrait>(
    db: &C,
    current: &'a Current,
) -> Result<(&'a account::Model, Vec<i32>), AppError> {
    let teacher = conference_teacher(current)?;
    let classes: Vec<i32> = class::Entity::find()
        .filter(taught_classes(teacher.id))
        .all(db)
        .await?
        .into_iter()
        .map(|class| class.id)
        .collect();
    let mut moments: Vec<i32> = conference_class::Entity::find()
        .filter(conference_class::Column::ClassId.is_in(classes))
        .all(db)
        .await?
        .into_iter()
        .map(|invitation| invitation.conference_id)
        .collect();
    moments.sort_unstable();
    moments.dedup();
    Ok((teacher, moments))
}

/// The teachers of a moment, the other way round from [`teacher_moments`]: the class teachers
/// and course teachers of its invited classes, by account id.
pub async fn moment_teachers<C: ConnectionTrait>(
    db: &C,
    moment: &conference::Model,
) -> Result<BTreeSet<i32>, DbErr> {
    let classes: Vec<i32> = conference_class::Entity::find()
        .filter(conference_class::Column::ConferenceId.eq(moment.id))
        .all(db)
        .await?
        .into_iter()
        .map(|invitation| invitation.class_id)
        .collect();
    let mut teachers: BTreeSet<i32> = class::Entity::find()
        .filter(class::Column::Id.is_in(classes.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|class| class.teacher_id)
        .collect();
    teachers.extend(
        course::Entity::find()
            .filter(course::Column::ClassId.is_in(classes))
            .all(db)
            .await?
            .into_iter()
            .map(|course| course.teacher_id),
    );
    Ok(teachers)
}

/// One of [`teacher_moments`] by public id, for the teacher's hours; any other moment is
/// `NotFound`, whether or not it exists.
pub async fn teacher_moment<'a, C: ConnectionTrait>(
    db: &C,
    current: &'a Current,
    moment: &str,
) -> Result<(&'a account::Model, conference::Model), AppError> {
    let id = Uuid::parse_str(moment).map_err(|_| AppError::NotFound)?;
    let (teacher, moments) = teacher_moments(db, current).await?;
    let moment = conference::Entity::find()
        .filter(conference::Column::PublicId.eq(id))
        .filter(conference::Column::Id.is_in(moments))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((teacher, moment))
}

/// The school an admin opens a moment at, for `classes` that must all be of that school.
pub async fn organiser_classes<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    classes: &[i32],
) -> Result<i32, AppError> {
    let platform = conference_organiser(current)?;
    let wanted: BTreeSet<i32> = classes.iter().copied().collect();
    let known = class::Entity::find()
        .filter(class::Column::PlatformId.eq(platform))
        .filter(class::Column::Id.is_in(wanted.iter().copied()))
        .count(db)
        .await?;
    if known != wanted.len() as u64 {
        return Err(AppError::Forbidden);
    }
    Ok(platform)
}

/// The school whose conference moments an admin organises.
pub fn conference_organiser(current: &Current) -> Result<i32, AppError> {
    match require(current, Module::Oudercontact)? {
        Role::Admin => Ok(current.account.platform_id),
        _ => Err(AppError::Forbidden),
    }
}
