//! The one place that decides who sees what. Navigation and every server function ask it; nothing
//! else re-implements a rule.
//!
//! Two layers: the role × module matrix of the product (pure, shared with the browser to draw the
//! navigation), and the data rules (server-only): which pupil a caller may look at, which courses of
//! that pupil, which LVS items and results, whose documents. The data rules come out as sea-orm
//! conditions, so that services filter in the query instead of after it.

use serde::{Deserialize, Serialize};

use crate::i18n::Key;

/// What a signed-in person is, as far as visibility is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Pupil,
    CoAccount,
    Teacher,
    Admin,
}

impl Role {
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Teacher | Role::Admin)
    }
}

/// The parts of the product that visibility distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Module {
    /// "Mijn kinderen": the parent's overview.
    MyChildren,
    Agenda,
    Results,
    Courses,
    LiveSessions,
    Lvs,
    Messages,
    MyDocuments,
    Oudercontact,
    /// Own password, e-mail and notification settings.
    Profile,
    /// Accounts, co-accounts, disabling and enabling.
    Beheer,
}

impl Module {
    pub const ALL: [Module; 11] = [
        Module::MyChildren,
        Module::Agenda,
        Module::Results,
        Module::Courses,
        Module::LiveSessions,
        Module::Lvs,
        Module::Messages,
        Module::MyDocuments,
        Module::Oudercontact,
        Module::Profile,
        Module::Beheer,
    ];

    /// Personal modules belong to one person: a co-account never sees its pupil's, nor the other way.
    pub fn is_personal(self) -> bool {
        matches!(
            self,
            Module::Messages | Module::MyDocuments | Module::Oudercontact | Module::Profile
        )
    }

    pub fn path(self) -> &'static str {
        match self {
            Module::MyChildren => "/mijn-kinderen",
            Module::Agenda => "/agenda",
            Module::Results => "/resultaten",
            Module::Courses => "/vakken",
            Module::LiveSessions => "/live-sessies",
            Module::Lvs => "/lvs",
            Module::Messages => "/berichten",
            Module::MyDocuments => "/mijn-documenten",
            Module::Oudercontact => "/oudercontact",
            Module::Profile => "/start",
            Module::Beheer => "/beheer",
        }
    }

    pub fn label(self) -> Key {
        match self {
            Module::MyChildren => Key::ModMyChildren,
            Module::Agenda => Key::ModAgenda,
            Module::Results => Key::ModResults,
            Module::Courses => Key::ModCourses,
            Module::LiveSessions => Key::ModLiveSessions,
            Module::Lvs => Key::ModLvs,
            Module::Messages => Key::ModMessages,
            Module::MyDocuments => Key::ModMyDocuments,
            Module::Oudercontact => Key::ModOudercontact,
            Module::Profile => Key::ModProfile,
            Module::Beheer => Key::ModBeheer,
        }
    }
}

/// The role × module matrix of the product (PRODUCT.md, "Modules and who sees them").
pub fn can_use(role: Role, module: Module) -> bool {
    match module {
        Module::MyChildren => role == Role::CoAccount,
        Module::Oudercontact => role != Role::Pupil,
        Module::Beheer => role == Role::Admin,
        Module::Agenda
        | Module::Results
        | Module::Courses
        | Module::LiveSessions
        | Module::Lvs
        | Module::Messages
        | Module::MyDocuments
        | Module::Profile => true,
    }
}

/// The modules that have pages so far, in menu order. Beheer joins when its pages do.
const NAVIGATION: [Module; 10] = [
    Module::MyChildren,
    Module::Messages,
    Module::Agenda,
    Module::Results,
    Module::Courses,
    Module::LiveSessions,
    Module::Lvs,
    Module::MyDocuments,
    Module::Oudercontact,
    Module::Profile,
];

/// The "Ga naar" menu and the side links of `role`.
pub fn navigation(role: Role) -> Vec<Module> {
    NAVIGATION
        .into_iter()
        .filter(|module| can_use(role, *module))
        .collect()
}

#[cfg(feature = "ssr")]
pub use data::*;

#[cfg(feature = "ssr")]
mod data {
    use std::collections::BTreeSet;

    use chrono::{DateTime, Utc};
    use sea_orm::sea_query::{ExprTrait, Query};
    use sea_orm::{
        ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
        QueryOrder,
    };
    use uuid::Uuid;

    use super::{can_use, Module, Role};
    use crate::auth::{Current, Member};
    use crate::db::entities::account::{self, AccountKind};
    use crate::db::entities::sub_account::{self, PUPIL_IDX};
    use crate::db::entities::{
        class, conference, conference_class, course, document, evaluation, lvs_remark,
        mailbox_entry, message, school_address,
    };
    use crate::error::AppError;
    use crate::models::{AddressKind, RecipientGroup, RecipientKind, RecipientOption};

    pub fn role_of(current: &Current) -> Role {
        match current.account.kind {
            AccountKind::Admin => Role::Admin,
            AccountKind::Teacher => Role::Teacher,
            AccountKind::Pupil if current.person.is_co_account() => Role::CoAccount,
            AccountKind::Pupil => Role::Pupil,
        }
    }

    /// The account and person the caller acts for: a co-account that selected another child of its
    /// family acts for that child's co-account (whose personal modules are its own), anyone else
    /// for themselves. `Current::selected` is only set while the member is still in the family.
    fn acting(current: &Current) -> (&account::Model, &sub_account::Model) {
        match &current.selected {
            Some(member) => (&member.account, &member.person),
            None => (&current.account, &current.person),
        }
    }

    /// Refuses a caller whose role may not use `module` at all.
    pub fn require(current: &Current, module: Module) -> Result<Role, AppError> {
        let role = role_of(current);
        if can_use(role, module) {
            Ok(role)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The classes a teacher teaches, as a condition on `class`: the classes they are class teacher
    /// of and those they give a course in. The one rule for "a teacher's classes": whom they may
    /// look up, write to, and meet at an oudercontact.
    fn taught_classes(teacher: i32) -> Condition {
        Condition::any()
            .add(class::Column::TeacherId.eq(teacher))
            .add(
                class::Column::Id.in_subquery(
                    Query::select()
                        .column(course::Column::ClassId)
                        .from(course::Entity)
                        .and_where(course::Column::TeacherId.eq(teacher))
                        .to_owned(),
                ),
            )
    }

    /// The ids of [`taught_classes`], for a condition on another table's class.
    fn taught_class_ids(teacher: i32) -> sea_orm::sea_query::SelectStatement {
        Query::select()
            .column(class::Column::Id)
            .from(class::Entity)
            .cond_where(taught_classes(teacher))
            .to_owned()
    }

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
        pupil: Option<&str>,
    ) -> Result<PupilScope, AppError> {
        let role = require(current, module)?;
        if module.is_personal() {
            return Err(AppError::Forbidden);
        }
        match role {
            Role::Pupil | Role::CoAccount => {
                let (own_account, _) = acting(current);
                let person = pupil_person(db, own_account.id).await?;
                if pupil.is_some_and(|id| Uuid::parse_str(id).ok() != Some(person.public_id)) {
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
                })
            }
            Role::Teacher | Role::Admin => {
                let id = pupil
                    .and_then(|id| Uuid::parse_str(id).ok())
                    .ok_or(AppError::Forbidden)?;
                let (person, account) = sub_account::Entity::find()
                    .filter(sub_account::Column::PublicId.eq(id))
                    .filter(sub_account::Column::Idx.eq(PUPIL_IDX))
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
                })
            }
        }
    }

    async fn pupil_person<C: ConnectionTrait>(
        db: &C,
        account_id: i32,
    ) -> Result<sub_account::Model, AppError> {
        sub_account::Entity::find()
            .filter(sub_account::Column::AccountId.eq(account_id))
            .filter(sub_account::Column::Idx.eq(PUPIL_IDX))
            .one(db)
            .await?
            .ok_or(AppError::NotFound)
    }

    impl PupilScope {
        /// The courses of this pupil that the caller may see (on `course`).
        pub fn courses(&self) -> Condition {
            let mut condition = Condition::all()
                .add(course::Column::ClassId.eq(self.account.class_id.unwrap_or(-1)));
            if let Some(own) = &self.own_courses {
                condition = condition.add(course::Column::Id.is_in(own.clone()));
            }
            condition
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

        /// Which evaluations are visible: pupils and parents only see published ones.
        pub fn evaluations(&self, now: DateTime<Utc>) -> Condition {
            match self.audience {
                Audience::Staff => Condition::all(),
                Audience::Pupil | Audience::Parents => {
                    Condition::all().add(evaluation::Column::PublishedAt.lte(now))
                }
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

    /// Documents are strictly personal: only the person who owns one sees it (for a parent, the
    /// co-account of the selected child).
    pub fn own_documents(current: &Current) -> Result<Condition, AppError> {
        require(current, Module::MyDocuments)?;
        let (_, person) = acting(current);
        Ok(Condition::all().add(document::Column::OwnerId.eq(person.id)))
    }

    /// The person whose own documents a new upload joins.
    pub fn document_owner(current: &Current) -> Result<i32, AppError> {
        require(current, Module::MyDocuments)?;
        Ok(acting(current).1.id)
    }

    /// One child of the caller's family: the family member (co-account) it is reached through, and
    /// the pupil. Only co-accounts have families; any other id is `Forbidden`.
    pub async fn family_child<C: ConnectionTrait>(
        db: &C,
        current: &Current,
        child: &str,
    ) -> Result<(Member, PupilScope), AppError> {
        family_scopes(db, current)
            .await?
            .into_iter()
            .find(|(_, scope)| Uuid::parse_str(child).ok() == Some(scope.person.public_id))
            .ok_or(AppError::Forbidden)
    }

    /// Every child of the caller's family, each with the member it is reached through, the
    /// caller's own child first.
    pub async fn family_scopes<C: ConnectionTrait>(
        db: &C,
        current: &Current,
    ) -> Result<Vec<(Member, PupilScope)>, AppError> {
        require(current, Module::MyChildren)?;
        let mut scopes = Vec::new();
        for member in crate::auth::family::members(db, current).await? {
            let person = pupil_person(db, member.account.id).await?;
            let scope = PupilScope {
                account: member.account.clone(),
                person,
                audience: Audience::Parents,
                own_courses: None,
            };
            scopes.push((member, scope));
        }
        Ok(scopes)
    }

    /// The person whose mailbox the caller opens: their own, or for a parent the co-account of
    /// the selected child. Every sub-account has its own mailbox; nobody opens another's.
    pub fn mailbox_owner(
        current: &Current,
    ) -> Result<(&account::Model, &sub_account::Model), AppError> {
        require(current, Module::Messages)?;
        Ok(acting(current))
    }

    /// The caller's own mailbox entries (on `mailbox_entry`).
    pub fn own_mailbox(current: &Current) -> Result<Condition, AppError> {
        Ok(Condition::all().add(mailbox_entry::Column::OwnerId.eq(mailbox_owner(current)?.1.id)))
    }

    /// A recipient the caller may choose, with the persons it reaches.
    #[derive(Clone, Debug)]
    pub struct Recipient {
        pub option: RecipientOption,
        pub persons: Vec<i32>,
    }

    /// Everyone the caller may write to. Pupils and parents: the school's important addresses,
    /// the class teacher and the pupil's teachers, never another family. Staff: besides the
    /// addresses, the classes they teach (an admin: every class of the school), each as a class,
    /// as the parents of the class, and per pupil the pupil, all of the pupil's co-accounts or one
    /// of them. Anyone who wrote to the caller may be answered.
    pub async fn recipients<C: ConnectionTrait>(
        db: &C,
        current: &Current,
    ) -> Result<Vec<Recipient>, AppError> {
        let (account, me) = mailbox_owner(current)?;
        let mut list = Vec::new();
        let addresses = school_address::Entity::find()
            .filter(school_address::Column::PlatformId.eq(account.platform_id))
            .all(db)
            .await?;
        for kind in AddressKind::ALL {
            if let Some(address) = addresses.iter().find(|a| a.kind == kind.code()) {
                list.push(Recipient {
                    option: RecipientOption {
                        key: format!("adres:{}", kind.code()),
                        kind: RecipientKind::Address(kind),
                        group: RecipientGroup::School,
                    },
                    persons: vec![address.person_id],
                });
            }
        }
        match role_of(current) {
            Role::Pupil | Role::CoAccount => teachers_of(db, account, &mut list).await?,
            Role::Teacher | Role::Admin => classes_of(db, current, &mut list).await?,
        }
        // Earlier senders, unless already offered by name.
        let mut senders = Query::select();
        senders
            .column(message::Column::SenderId)
            .from(message::Entity)
            .inner_join(
                mailbox_entry::Entity,
                sea_orm::sea_query::Expr::col((
                    mailbox_entry::Entity,
                    mailbox_entry::Column::MessageId,
                ))
                .equals((message::Entity, message::Column::Id)),
            )
            .and_where(mailbox_entry::Column::OwnerId.eq(me.id))
            .and_where(mailbox_entry::Column::Received.eq(true));
        let earlier = sub_account::Entity::find()
            .filter(sub_account::Column::Id.in_subquery(senders.to_owned()))
            .order_by_asc(sub_account::Column::LastName)
            .order_by_asc(sub_account::Column::FirstName)
            .all(db)
            .await?;
        for person in earlier {
            let key = format!("persoon:{}", person.public_id);
            if person.id != me.id && !list.iter().any(|known| known.option.key == key) {
                list.push(Recipient {
                    option: RecipientOption {
                        key,
                        kind: RecipientKind::Person(person.display_name()),
                        group: RecipientGroup::Earlier,
                    },
                    persons: vec![person.id],
                });
            }
        }
        Ok(list)
    }

    /// One teacher of a pupil: the class teacher or the teacher of one of the pupil's courses.
    #[derive(Clone, Debug)]
    pub struct ChildTeacher {
        pub account_id: i32,
        pub person: sub_account::Model,
        pub class_teacher: bool,
        /// The pupil's courses that this teacher gives, by name.
        pub courses: Vec<String>,
    }

    /// The class teacher and the teachers of a pupil's courses, once each, the class teacher
    /// first. These are the teachers a pupil and the parents may write to and book a talk with.
    pub async fn child_teachers<C: ConnectionTrait>(
        db: &C,
        pupil: &account::Model,
    ) -> Result<Vec<ChildTeacher>, AppError> {
        let Some(class_id) = pupil.class_id else {
            return Ok(Vec::new());
        };
        let class_teacher = class::Entity::find_by_id(class_id)
            .one(db)
            .await?
            .and_then(|class| class.teacher_id);
        let courses = course::Entity::find()
            .filter(course::Column::ClassId.eq(class_id))
            .order_by_asc(course::Column::Name)
            .all(db)
            .await?;
        let mut accounts: Vec<i32> = class_teacher.into_iter().collect();
        for course in &courses {
            if !accounts.contains(&course.teacher_id) {
                accounts.push(course.teacher_id);
            }
        }
        let persons = sub_account::Entity::find()
            .filter(sub_account::Column::AccountId.is_in(accounts.clone()))
            .filter(sub_account::Column::Idx.eq(PUPIL_IDX))
            .all(db)
            .await?;
        Ok(accounts
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
            .collect())
    }

    async fn teachers_of<C: ConnectionTrait>(
        db: &C,
        pupil: &account::Model,
        list: &mut Vec<Recipient>,
    ) -> Result<(), AppError> {
        for teacher in child_teachers(db, pupil).await? {
            list.push(Recipient {
                option: RecipientOption {
                    key: format!("persoon:{}", teacher.person.public_id),
                    kind: RecipientKind::Teacher {
                        name: teacher.person.display_name(),
                        class_teacher: teacher.class_teacher,
                        courses: teacher.courses,
                    },
                    group: RecipientGroup::Teachers,
                },
                persons: vec![teacher.person.id],
            });
        }
        Ok(())
    }

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

    /// A staff member's classes, each with its pupils and their co-accounts.
    async fn classes_of<C: ConnectionTrait>(
        db: &C,
        current: &Current,
        list: &mut Vec<Recipient>,
    ) -> Result<(), AppError> {
        let mut classes = class::Entity::find()
            .filter(class::Column::PlatformId.eq(current.account.platform_id))
            .order_by_asc(class::Column::Name);
        if role_of(current) == Role::Teacher {
            classes = classes.filter(taught_classes(current.account.id));
        }
        let classes = classes.all(db).await?;
        let people = sub_account::Entity::find()
            .find_also_related(account::Entity)
            .filter(account::Column::Kind.eq(AccountKind::Pupil))
            .filter(account::Column::ClassId.is_in(classes.iter().map(|class| class.id)))
            .order_by_asc(account::Column::Id)
            .order_by_asc(sub_account::Column::Idx)
            .all(db)
            .await?;
        for class in classes {
            let mut pupils: Vec<(&sub_account::Model, Vec<&sub_account::Model>)> = Vec::new();
            for (person, account) in &people {
                if account.as_ref().and_then(|a| a.class_id) != Some(class.id) {
                    continue;
                }
                match pupils.last_mut() {
                    Some((pupil, parents))
                        if person.is_co_account() && pupil.account_id == person.account_id =>
                    {
                        parents.push(person)
                    }
                    _ if !person.is_co_account() => pupils.push((person, Vec::new())),
                    _ => {}
                }
            }
            pupils.sort_by(|(a, _), (b, _)| {
                (&a.last_name, &a.first_name).cmp(&(&b.last_name, &b.first_name))
            });
            let group = RecipientGroup::Class(class.name.clone());
            let option = |key: String, kind: RecipientKind| RecipientOption {
                key,
                kind,
                group: group.clone(),
            };
            list.push(Recipient {
                option: option(
                    format!("klas:{}", class.id),
                    RecipientKind::Class(class.name.clone()),
                ),
                persons: pupils.iter().map(|(pupil, _)| pupil.id).collect(),
            });
            list.push(Recipient {
                option: option(
                    format!("klasouders:{}", class.id),
                    RecipientKind::ClassParents(class.name.clone()),
                ),
                persons: pupils
                    .iter()
                    .flat_map(|(_, parents)| parents.iter().map(|parent| parent.id))
                    .collect(),
            });
            for (pupil, parents) in pupils {
                let name = pupil.display_name();
                list.push(Recipient {
                    option: option(
                        format!("persoon:{}", pupil.public_id),
                        RecipientKind::Pupil { name: name.clone() },
                    ),
                    persons: vec![pupil.id],
                });
                if parents.is_empty() {
                    continue;
                }
                list.push(Recipient {
                    option: option(
                        format!("ouders:{}", pupil.public_id),
                        RecipientKind::Parents {
                            pupil: name.clone(),
                        },
                    ),
                    persons: parents.iter().map(|parent| parent.id).collect(),
                });
                for parent in parents {
                    list.push(Recipient {
                        option: option(
                            format!("persoon:{}", parent.public_id),
                            RecipientKind::CoAccount {
                                name: parent.display_name(),
                                relation: parent.relation.clone(),
                                pupil: name.clone(),
                            },
                        ),
                        persons: vec![parent.id],
                    });
                }
            }
        }
        Ok(())
    }

    /// The persons that the chosen recipient `keys` reach, and the choices as offered. A key the
    /// caller was not offered (another family, another school, a made-up one) is `Forbidden`.
    pub async fn resolve_recipients<C: ConnectionTrait>(
        db: &C,
        current: &Current,
        keys: &[String],
    ) -> Result<(Vec<i32>, Vec<RecipientOption>), AppError> {
        let offered = recipients(db, current).await?;
        let mut persons = BTreeSet::new();
        let mut chosen = Vec::new();
        for key in keys {
            let recipient = offered
                .iter()
                .find(|recipient| &recipient.option.key == key)
                .ok_or(AppError::Forbidden)?;
            if !chosen.contains(&recipient.option) {
                persons.extend(recipient.persons.iter().copied());
                chosen.push(recipient.option.clone());
            }
        }
        Ok((persons.into_iter().collect(), chosen))
    }

    /// The pupils (on `account`) a staff member may look up: a teacher those of the classes they
    /// teach, an admin every pupil of their school. Pupils and parents have no such list.
    pub fn staff_pupils(current: &Current) -> Result<Condition, AppError> {
        let pupils = Condition::all()
            .add(account::Column::Kind.eq(AccountKind::Pupil))
            .add(account::Column::PlatformId.eq(current.account.platform_id));
        match role_of(current) {
            Role::Admin => Ok(pupils),
            Role::Teacher => Ok(pupils
                .add(account::Column::ClassId.in_subquery(taught_class_ids(current.account.id)))),
            Role::Pupil | Role::CoAccount => Err(AppError::Forbidden),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: [Role; 4] = [Role::Pupil, Role::CoAccount, Role::Teacher, Role::Admin];

    #[test]
    fn the_matrix_of_the_product() {
        use Module::*;
        // (module, pupil, co-account, teacher, admin), as in PRODUCT.md.
        let matrix = [
            (MyChildren, false, true, false, false),
            (Agenda, true, true, true, true),
            (Results, true, true, true, true),
            (Courses, true, true, true, true),
            (LiveSessions, true, true, true, true),
            (Lvs, true, true, true, true),
            (Messages, true, true, true, true),
            (MyDocuments, true, true, true, true),
            (Oudercontact, false, true, true, true),
            (Profile, true, true, true, true),
            (Beheer, false, false, false, true),
        ];
        assert_eq!(matrix.len(), Module::ALL.len());
        for (module, pupil, co, teacher, admin) in matrix {
            for (role, expected) in ROLES.into_iter().zip([pupil, co, teacher, admin]) {
                assert_eq!(can_use(role, module), expected, "{role:?} × {module:?}");
            }
        }
    }

    #[test]
    fn navigation_shows_only_usable_modules_and_pupils_no_oudercontact() {
        for role in ROLES {
            for module in navigation(role) {
                assert!(can_use(role, module), "{role:?} sees {module:?}");
            }
        }
        assert!(!navigation(Role::Pupil).contains(&Module::Oudercontact));
        assert!(!navigation(Role::Pupil).contains(&Module::MyChildren));
        assert!(navigation(Role::CoAccount).contains(&Module::Oudercontact));
        assert_eq!(navigation(Role::CoAccount)[0], Module::MyChildren);
    }

    #[test]
    fn every_module_has_its_own_address() {
        let mut paths: Vec<_> = Module::ALL.iter().map(|module| module.path()).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), Module::ALL.len());
    }
}
