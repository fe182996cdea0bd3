//! Oudercontact: which children a parent books for, with which teachers, which moments a teacher
//! gives hours in, and who runs a school's moments.
//!
//! Each side is a capability that only this module builds from the caller: a [`BookingFamily`],
//! a [`ConferenceTeacher`] (and a [`MomentTeacher`] for one of their moments), an [`Organiser`].
//! The oudercontact service takes these instead of the caller, so it cannot act for someone this
//! module did not let through.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::caller::{acting, require, taught_class_ids, teaches};
use super::pupils::{children_teachers, family_scopes, ChildTeacher, PupilScope};
use super::{Module, Role};
use crate::auth::Current;
use crate::db::entities::{
    account, booking, class, conference, conference_class, course, slot, sub_account,
};
use crate::error::AppError;
use crate::models::PublicId;

/// Oudercontact as the caller may use it: a parent books for the family, a teacher gives hours,
/// the admin organises the school's moments. A pupil, whose parents' talks these are, has no side.
pub enum OudercontactAccess {
    /// Boxed: a family with its children is many times the size of the other sides.
    Parent(Box<BookingFamily>),
    Teacher(ConferenceTeacher),
    Organiser(Organiser),
}

/// The caller's side of Oudercontact, or `Forbidden`.
pub fn oudercontact_access(current: &Current) -> Result<OudercontactAccess, AppError> {
    match require(current, Module::Oudercontact)? {
        Role::CoAccount => Ok(OudercontactAccess::Parent(Box::new(booking_family(
            current,
        )?))),
        Role::Teacher => Ok(OudercontactAccess::Teacher(conference_teacher(current)?)),
        Role::Admin => Ok(OudercontactAccess::Organiser(organiser(current)?)),
        Role::Pupil => Err(AppError::Forbidden),
    }
}

/// A parent who books talks: every child of the family (the caller's own child first), which of
/// them is selected, and the person who books (and gets the mails).
pub struct BookingFamily {
    children: Vec<PupilScope>,
    selected: usize,
    booker: sub_account::Model,
}

/// The caller's family for booking. Only co-accounts book.
pub fn booking_family(current: &Current) -> Result<BookingFamily, AppError> {
    if require(current, Module::Oudercontact)? != Role::CoAccount {
        return Err(AppError::Forbidden);
    }
    let children: Vec<PupilScope> = family_scopes(current)?
        .into_iter()
        .map(|(_, scope)| scope)
        .collect();
    if children.is_empty() {
        return Err(AppError::Forbidden);
    }
    let acting_for = acting(current).0.id;
    let selected = children
        .iter()
        .position(|scope| scope.account.id == acting_for)
        .unwrap_or(0);
    Ok(BookingFamily {
        children,
        selected,
        booker: current.person.clone(),
    })
}

impl BookingFamily {
    /// The signed-in parent: who a booking is by, and who is told.
    pub fn booker(&self) -> &sub_account::Model {
        &self.booker
    }

    pub fn children(&self) -> &[PupilScope] {
        &self.children
    }

    /// The child the parent has selected in the switcher.
    pub fn selected(&self) -> &PupilScope {
        // In range: the family is never empty (checked when it was built).
        &self.children[self.selected]
    }

    /// A child of the family by the pupil's public id; any other id is none of theirs.
    pub fn child(&self, id: PublicId) -> Option<&PupilScope> {
        self.children
            .iter()
            .find(|scope| scope.person.public_id == id.0)
    }

    /// The child of the family with this pupil account.
    pub fn child_by_account(&self, account: i32) -> Option<&PupilScope> {
        self.children
            .iter()
            .find(|scope| scope.account.id == account)
    }

    /// The bookings of the family's children (on `booking`): the ones the parent sees and cancels.
    pub fn bookings(&self) -> Condition {
        Condition::all()
            .add(booking::Column::PupilId.is_in(self.children.iter().map(|scope| scope.account.id)))
    }

    /// Whether the family may book a slot for `child`, as a condition on `slot` joined with its
    /// `conference`: the rule [`Self::invited`] lists, for one slot. The moment is of the child's
    /// school and invites the child's class, and the slot's teacher teaches that class (as class
    /// teacher or in a course, [`teaches`]). A child of no class is invited nowhere. Each part
    /// is a look-up by key, so a booking costs the same whatever the school's number of classes
    /// and past moments.
    pub fn may_book(&self, child: &PupilScope) -> Condition {
        let Some(class) = child.account.class_id else {
            return Condition::any();
        };
        let invited = Query::select()
            .expr(Expr::val(1))
            .from(conference_class::Entity)
            .and_where(
                Expr::col((
                    conference_class::Entity,
                    conference_class::Column::ConferenceId,
                ))
                .equals((conference::Entity, conference::Column::Id)),
            )
            .and_where(conference_class::Column::ClassId.eq(class))
            .to_owned();
        let teacher = Expr::col((slot::Entity, slot::Column::TeacherId));
        Condition::all()
            .add(conference::Column::PlatformId.eq(child.account.platform_id))
            .add(Expr::exists(invited))
            .add(teaches(teacher, class))
    }

    /// For each of `moments`, every child of the family that the moment is for (its school's, and
    /// it invites the child's class), once per teacher the child may book; moment by moment, in
    /// the family's order. Two queries, whatever the number of moments and children.
    pub async fn invited<C: ConnectionTrait>(
        &self,
        db: &C,
        moments: &[conference::Model],
    ) -> Result<Vec<Invitation<'_>>, DbErr> {
        let class_ids: Vec<i32> = self
            .children
            .iter()
            .filter_map(|child| child.account.class_id)
            .collect();
        if moments.is_empty() || class_ids.is_empty() {
            return Ok(Vec::new());
        }
        let links: BTreeSet<(i32, i32)> = conference_class::Entity::find()
            .filter(conference_class::Column::ConferenceId.is_in(moments.iter().map(|m| m.id)))
            .filter(conference_class::Column::ClassId.is_in(class_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|link| (link.conference_id, link.class_id))
            .collect();
        if links.is_empty() {
            return Ok(Vec::new());
        }
        let accounts: Vec<&account::Model> =
            self.children.iter().map(|child| &child.account).collect();
        let teachers = children_teachers(db, &accounts).await?;
        let mut invitations = Vec::new();
        for moment in moments {
            for (child, teachers) in self.children.iter().zip(&teachers) {
                let invites = child.account.platform_id == moment.platform_id
                    && child
                        .account
                        .class_id
                        .is_some_and(|class| links.contains(&(moment.id, class)));
                if invites {
                    invitations.extend(teachers.iter().map(|teacher| Invitation {
                        moment: moment.id,
                        child,
                        teacher: teacher.clone(),
                    }));
                }
            }
        }
        Ok(invitations)
    }
}

/// A talk a family may book: in a moment, for a child, with one of the child's teachers.
pub struct Invitation<'a> {
    /// The moment's id.
    pub moment: i32,
    pub child: &'a PupilScope,
    pub teacher: ChildTeacher,
}

/// The staff side of Oudercontact: a teacher, who gives hours in the moments that invite a class
/// they teach (as class teacher or in a course, so always of their own school).
pub struct ConferenceTeacher {
    account: account::Model,
}

pub fn conference_teacher(current: &Current) -> Result<ConferenceTeacher, AppError> {
    match require(current, Module::Oudercontact)? {
        Role::Teacher => Ok(ConferenceTeacher {
            account: current.account.clone(),
        }),
        _ => Err(AppError::Forbidden),
    }
}

impl ConferenceTeacher {
    pub fn account(&self) -> &account::Model {
        &self.account
    }

    /// The moments the teacher gives hours in (on `conference`).
    pub fn moments(&self) -> Condition {
        let invitations = Query::select()
            .column(conference_class::Column::ConferenceId)
            .from(conference_class::Entity)
            .and_where(
                conference_class::Column::ClassId.in_subquery(taught_class_ids(self.account.id)),
            )
            .to_owned();
        Condition::all().add(conference::Column::Id.in_subquery(invitations))
    }
}

/// A teacher in one moment they give hours in: whose hours, and in which moment.
pub struct MomentTeacher {
    teacher: account::Model,
    moment: conference::Model,
}

/// One of the caller's moments as a teacher; any other moment is `NotFound`, whether or not it
/// exists.
pub async fn moment_teacher<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    moment: PublicId,
) -> Result<MomentTeacher, AppError> {
    let teacher = conference_teacher(current)?;
    let moment = conference::Entity::find()
        .filter(conference::Column::PublicId.eq(moment.0))
        .filter(teacher.moments())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(MomentTeacher {
        teacher: teacher.account,
        moment,
    })
}

impl MomentTeacher {
    pub fn teacher(&self) -> &account::Model {
        &self.teacher
    }

    pub fn moment(&self) -> &conference::Model {
        &self.moment
    }
}

/// The admin of one school, who opens its conference moments and follows how full they are.
pub struct Organiser {
    school: i32,
}

pub fn organiser(current: &Current) -> Result<Organiser, AppError> {
    match require(current, Module::Oudercontact)? {
        Role::Admin => Ok(Organiser {
            school: current.account.platform_id,
        }),
        _ => Err(AppError::Forbidden),
    }
}

impl Organiser {
    /// The school a new moment belongs to.
    pub fn school(&self) -> i32 {
        self.school
    }

    /// The school's moments (on `conference`).
    pub fn moments(&self) -> Condition {
        Condition::all().add(conference::Column::PlatformId.eq(self.school))
    }

    /// The classes the organiser may invite (on `class`): the form offers these, and a new moment
    /// may name only these.
    pub fn classes(&self) -> Condition {
        Condition::all().add(class::Column::PlatformId.eq(self.school))
    }
}

/// The teachers of each of `moments`, the other way round from [`ConferenceTeacher::moments`]:
/// the class teachers and course teachers of its invited classes, by account id, by moment id.
/// Three queries, whatever the number of moments.
pub async fn moment_teachers<C: ConnectionTrait>(
    db: &C,
    moments: &[conference::Model],
) -> Result<BTreeMap<i32, BTreeSet<i32>>, DbErr> {
    let mut teachers: BTreeMap<i32, BTreeSet<i32>> = moments
        .iter()
        .map(|moment| (moment.id, BTreeSet::new()))
        .collect();
    if moments.is_empty() {
        return Ok(teachers);
    }
    let invitations = conference_class::Entity::find()
        .filter(
            conference_class::Column::ConferenceId.is_in(moments.iter().map(|moment| moment.id)),
        )
        .all(db)
        .await?;
    let classes: BTreeSet<i32> = invitations
        .iter()
        .map(|invitation| invitation.class_id)
        .collect();
    // Each class's teachers: its class teacher and the teachers of its courses.
    let mut of_class: BTreeMap<i32, BTreeSet<i32>> = BTreeMap::new();
    for class in class::Entity::find()
        .filter(class::Column::Id.is_in(classes.iter().copied()))
        .all(db)
        .await?
    {
        of_class
            .entry(class.id)
            .or_default()
            .extend(class.teacher_id);
    }
    for course in course::Entity::find()
        .filter(course::Column::ClassId.is_in(classes))
        .all(db)
        .await?
    {
        of_class
            .entry(course.class_id)
            .or_default()
            .insert(course.teacher_id);
    }
    for invitation in invitations {
        if let (Some(moment), Some(class)) = (
            teachers.get_mut(&invitation.conference_id),
            of_class.get(&invitation.class_id),
        ) {
            moment.extend(class);
        }
    }
    Ok(teachers)
}
