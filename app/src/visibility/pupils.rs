//! Which pupils a caller may look at in the shared modules, and how far: the pupil scope.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, DeriveIden, EntityTrait, FromQueryResult,
    JoinType, QueryFilter,
};

use super::caller::{acting, require, role_of, taught_class_ids, taught_classes};
use super::{Module, Role};
use crate::auth::{Current, FamilyOfRequest, Member};
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::sub_account;
use crate::db::entities::{class, course, evaluation, lvs_remark};
use crate::db::{columns, columns_of};
use crate::error::AppError;
use crate::models::PublicId;

/// Who is looking at a pupil's data, which decides the items they see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Pupil,
    Parents,
    Staff,
}

/// A pupil that the caller may look at in one shared module, and how far.
#[derive(Clone, Debug)]
pub struct PupilScope {
    pub account: account::Model,
    /// The pupil as a person (sub-account 0): name and photo.
    pub person: sub_account::Model,
    pub audience: Audience,
    /// For a teacher in a module limited to their own courses: those courses of this pupil.
    own_courses: Option<Vec<i32>>,
    /// The caller's family as this request read it, when the pupil is the caller's own or a child
    /// of the family: what the page says of the pupil is then read once for the whole request.
    pub(crate) family: Option<FamilyOfRequest>,
}

/// Resolves the pupil that `current` wants to see in `module`.
///
/// A pupil and a co-account see their own pupil (`pupil` may only name that one); staff name a
/// pupil by public id: a teacher only one of their own classes, an admin one of their school.
/// Anything else is `Forbidden`, whether or not the pupil exists, so that ids cannot be probed.
pub async fn pupil_scope<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    module: Module,
    pupil: Option<PublicId>,
) -> Result<PupilScope, AppError> {
    let role = require(current, module)?;
    if module.is_personal() {
        return Err(AppError::Forbidden);
    }
    match role {
        Role::Pupil | Role::CoAccount => {
            let (own_account, _) = acting(current);
            let person = family_pupils(current)?
                .into_iter()
                .find(|(member, _)| member.account.id == own_account.id)
                .map(|(_, pupil)| pupil)
                .ok_or(AppError::NotFound)?;
            if pupil.is_some_and(|id| id.0 != person.public_id) {
                return Err(AppError::Forbidden);
            }
            let audience = if role == Role::Pupil {
                Audience::Pupil
            } else {
                Audience::Parents
            };
            Ok(PupilScope {
                account: own_account.clone(),
                person,
                audience,
                own_courses: None,
                family: Some(current.family.clone()),
            })
        }
        Role::Teacher | Role::Admin => {
            let id = pupil.ok_or(AppError::Forbidden)?;
            let (person, account) = sub_account::Entity::find()
                .filter(sub_account::Column::PublicId.eq(id.0))
                .filter(sub_account::is_main())
                .find_also_related(account::Entity)
                .one(db)
                .await?
                .and_then(|(person, account)| account.map(|account| (person, account)))
                .filter(|(_, account)| {
                    account.kind == AccountKind::Pupil
                        && account.platform_id == current.account.platform_id
                })
                .ok_or(AppError::Forbidden)?;
            let own_courses = if role == Role::Teacher {
                let class_id = account.class_id.unwrap_or(-1);
                let teaches_the_class = class::Entity::find_by_id(class_id)
                    .filter(taught_classes(current.account.id))
                    .one(db)
                    .await?
                    .is_some();
                if !teaches_the_class {
                    return Err(AppError::Forbidden);
                }
                let taught: Vec<i32> = course::Entity::find()
                    .filter(course::Column::TeacherId.eq(current.account.id))
                    .filter(course::Column::ClassId.eq(class_id))
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|course| course.id)
                    .collect();
                // The agenda and the LVS show the whole class to its teachers; results,
                // courses and live sessions only the teacher's own courses (none for a class
                // teacher who gives no course in the class).
                matches!(
                    module,
                    Module::Results | Module::Courses | Module::LiveSessions
                )
                .then_some(taught)
            } else {
                None
            };
            Ok(PupilScope {
                account,
                person,
                audience: Audience::Staff,
                own_courses,
                family: None,
            })
        }
    }
}

impl PupilScope {
    /// The courses of this pupil that the caller may see (on `course`).
    pub fn courses(&self) -> Condition {
        let mut condition =
            Condition::all().add(course::Column::ClassId.eq(self.account.class_id.unwrap_or(-1)));
        if let Some(own) = &self.own_courses {
            condition = condition.add(course::Column::Id.is_in(own.clone()));
        }
        condition
    }

    /// Whether the course `course_id` of class `class_id` is one [`PupilScope::courses`] allows:
    /// the same rule, for rows already read.
    pub fn allows_course(&self, course_id: i32, class_id: i32) -> bool {
        self.account.class_id == Some(class_id)
            && self
                .own_courses
                .as_ref()
                .is_none_or(|own| own.contains(&course_id))
    }

    /// The courses condition for a table with a `course_id` column.
    pub fn course_ids<Col: ColumnTrait>(&self, course_id: Col) -> Condition {
        let mut query = Query::select();
        query
            .column(course::Column::Id)
            .from(course::Entity)
            .cond_where(self.courses());
        Condition::all().add(course_id.in_subquery(query.to_owned()))
    }

    /// Which evaluations are visible: pupils and parents only see published ones, staff drafts
    /// as well.
    pub fn evaluations(&self, now: DateTime<Utc>) -> Condition {
        match self.audience {
            Audience::Staff => Condition::all(),
            Audience::Pupil | Audience::Parents => Condition::all()
                .add(evaluation::Column::Draft.eq(false))
                .add(evaluation::Column::PublishedAt.lte(now)),
        }
    }

    /// Which LVS remarks are visible: each item says whether pupil and/or parents see it.
    pub fn remarks(&self) -> Condition {
        let condition = Condition::all().add(lvs_remark::Column::PupilId.eq(self.account.id));
        match self.audience {
            Audience::Pupil => condition.add(lvs_remark::Column::VisibleToPupil.eq(true)),
            Audience::Parents => condition.add(lvs_remark::Column::VisibleToParents.eq(true)),
            Audience::Staff => condition,
        }
    }
}

/// One child of the caller's family: the family member (co-account) it is reached through, and
/// the pupil. Only co-accounts have families; any other id is `Forbidden`.
pub fn family_child(current: &Current, child: PublicId) -> Result<(Member, PupilScope), AppError> {
    family_scopes(current)?
        .into_iter()
        .find(|(_, scope)| scope.person.public_id == child.0)
        .ok_or(AppError::Forbidden)
}

/// Every child of the caller's family, each with the member it is reached through, the
/// caller's own child first.
pub fn family_scopes(current: &Current) -> Result<Vec<(Member, PupilScope)>, AppError> {
    require(current, Module::MyChildren)?;
    Ok(family_pupils(current)?
        .into_iter()
        .map(|(member, person)| {
            let scope = PupilScope {
                account: member.account.clone(),
                person,
                audience: Audience::Parents,
                own_courses: None,
                family: Some(current.family.clone()),
            };
            (member, scope)
        })
        .collect())
}

/// The caller's family (just the caller without one), each member with the pupil of its account,
/// as the request read it with the caller.
fn family_pupils(current: &Current) -> Result<Vec<(Member, sub_account::Model)>, AppError> {
    let family = &current.family;
    family
        .members()
        .iter()
        .map(|member| {
            let person = family
                .pupils()
                .iter()
                .find(|(pupil, _)| pupil.account_id == member.account.id)
                .map(|(pupil, _)| pupil.clone())
                .ok_or(AppError::NotFound)?;
            Ok((member.clone(), person))
        })
        .collect()
}

/// One teacher of a pupil: the class teacher or the teacher of one of the pupil's courses.
#[derive(Clone, Debug)]
pub struct ChildTeacher {
    pub account_id: i32,
    pub person: sub_account::Named,
    pub class_teacher: bool,
    /// The pupil's courses that this teacher gives, by name.
    pub courses: Vec<String>,
}

/// The class teacher and the teachers of a pupil's courses, once each, the class teacher
/// first. These are the teachers a pupil and the parents may write to and book a talk with.
pub async fn child_teachers<C: ConnectionTrait>(
    db: &C,
    pupil: &account::Model,
) -> Result<Vec<ChildTeacher>, DbErr> {
    Ok(children_teachers(db, &[pupil])
        .await?
        .pop()
        .unwrap_or_default())
}

/// [`child_teachers`] of several pupils, in their order, in two queries whatever their number:
/// the classes and the courses, each with its teacher's person.
pub async fn children_teachers<C: ConnectionTrait>(
    db: &C,
    pupils: &[&account::Model],
) -> Result<Vec<Vec<ChildTeacher>>, DbErr> {
    let class_ids: Vec<i32> = pupils.iter().filter_map(|pupil| pupil.class_id).collect();
    if class_ids.is_empty() {
        return Ok(pupils.iter().map(|_| Vec::new()).collect());
    }
    let mut query = Query::select();
    query
        .from_as(class::Entity, Taught::Class)
        .join_as(
            JoinType::LeftJoin,
            sub_account::Entity,
            Taught::Head,
            sub_account::main_person_as(
                Taught::Head,
                Expr::col((Taught::Class, class::Column::TeacherId)),
            ),
        )
        .join_as(
            JoinType::LeftJoin,
            course::Entity,
            Taught::Course,
            Expr::col((Taught::Course, course::Column::ClassId))
                .equals((Taught::Class, class::Column::Id)),
        )
        .join_as(
            JoinType::LeftJoin,
            sub_account::Entity,
            Taught::Teacher,
            sub_account::main_person_as(
                Taught::Teacher,
                Expr::col((Taught::Course, course::Column::TeacherId)),
            ),
        )
        .and_where(Expr::col((Taught::Class, class::Column::Id)).is_in(class_ids))
        .order_by((Taught::Course, course::Column::Name), Order::Asc);
    columns_of::<class::Entity>(&mut query, Taught::Class);
    columns(&mut query, Taught::Head, sub_account::Named::COLUMNS);
    columns_of::<course::Entity>(&mut query, Taught::Course);
    columns(&mut query, Taught::Teacher, sub_account::Named::COLUMNS);
    let rows = TaughtRow::find_by_statement(db.get_database_backend().build(&query))
        .all(db)
        .await?;
    let mut classes: Vec<class::Model> = Vec::new();
    let mut courses: Vec<course::Model> = Vec::new();
    let mut persons: Vec<sub_account::Named> = Vec::new();
    for row in rows {
        if !classes.iter().any(|class| class.id == row.class.id) {
            classes.push(row.class);
            persons.extend(row.head);
        }
        courses.extend(row.course);
        persons.extend(row.teacher);
    }
    Ok(pupils
        .iter()
        .map(|pupil| {
            let Some(class_id) = pupil.class_id else {
                return Vec::new();
            };
            let class_teacher = classes
                .iter()
                .find(|class| class.id == class_id)
                .and_then(|class| class.teacher_id);
            let courses: Vec<&course::Model> = courses
                .iter()
                .filter(|course| course.class_id == class_id)
                .collect();
            let mut teachers: Vec<i32> = class_teacher.into_iter().collect();
            for course in &courses {
                if !teachers.contains(&course.teacher_id) {
                    teachers.push(course.teacher_id);
                }
            }
            teachers
                .into_iter()
                .filter_map(|account_id| {
                    let person = persons.iter().find(|p| p.account_id == account_id)?;
                    Some(ChildTeacher {
                        account_id,
                        person: person.clone(),
                        class_teacher: class_teacher == Some(account_id),
                        courses: courses
                            .iter()
                            .filter(|course| course.teacher_id == account_id)
                            .map(|course| course.name.clone())
                            .collect(),
                    })
                })
                .collect()
        })
        .collect())
}

/// The tables of [`children_teachers`]' query under their roles.
#[derive(DeriveIden, Clone, Copy)]
enum Taught {
    Class,
    /// The class teacher's person.
    Head,
    /// A course of the class and its teacher's person.
    Course,
    Teacher,
}

/// A class with its class teacher, once for each of its courses with the course's teacher.
#[derive(FromQueryResult)]
struct TaughtRow {
    #[sea_orm(nested(prefix = "class_"))]
    class: class::Model,
    #[sea_orm(nested(prefix = "head_"))]
    head: Option<sub_account::Named>,
    #[sea_orm(nested(prefix = "course_"))]
    course: Option<course::Model>,
    #[sea_orm(nested(prefix = "teacher_"))]
    teacher: Option<sub_account::Named>,
}

/// The pupils (on `account`) a staff member may look up: a teacher those of the classes they
/// teach, an admin every pupil of their school. Pupils and parents have no such list.
pub fn staff_pupils(current: &Current) -> Result<Condition, AppError> {
    let pupils = Condition::all()
        .add(account::Column::Kind.eq(AccountKind::Pupil))
        .add(account::Column::PlatformId.eq(current.account.platform_id));
    match role_of(current) {
        Role::Admin => Ok(pupils),
        Role::Teacher => {
            Ok(pupils
                .add(account::Column::ClassId.in_subquery(taught_class_ids(current.account.id))))
        }
        Role::Pupil | Role::CoAccount => Err(AppError::Forbidden),
    }
}
