//! Who the caller is to the rules: their role, whom they act for, a teacher's classes, and the
//! admin of one school.

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, DbErr};

use super::{can_use, Module, Role};
use crate::auth::Current;
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::{class, course, outbox, sub_account};
use crate::error::AppError;

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
pub(super) fn acting(current: &Current) -> (&account::Model, &sub_account::Model) {
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
/// `teacher` is their account id, or a column that holds it (a slot's teacher, say).
pub(super) fn taught_classes(teacher: impl Into<Expr> + Clone) -> Condition {
    Condition::any()
        .add(Expr::col((class::Entity, class::Column::TeacherId)).eq(teacher.clone()))
        .add(
            class::Column::Id.in_subquery(
                Query::select()
                    .column(course::Column::ClassId)
                    .from(course::Entity)
                    .and_where(Expr::col((course::Entity, course::Column::TeacherId)).eq(teacher))
                    .to_owned(),
            ),
        )
}

/// Whether `teacher` teaches class `class` ([`taught_classes`]), as a condition: one look-up of
/// the class by its id, where `class IN` [`taught_class_ids`] with a column for the teacher reads
/// every class of every school again for each row it is asked about.
pub(super) fn teaches(teacher: impl Into<Expr> + Clone, class: i32) -> Expr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(class::Entity)
            .and_where(Expr::col((class::Entity, class::Column::Id)).eq(class))
            .cond_where(taught_classes(teacher))
            .to_owned(),
    )
}

/// The ids of [`taught_classes`], for a condition on another table's class.
pub(super) fn taught_class_ids(
    teacher: impl Into<Expr> + Clone,
) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(class::Column::Id)
        .from(class::Entity)
        .cond_where(taught_classes(teacher))
        .to_owned()
}

/// The admin of one school in Beheer: the people, classes and files they manage are those of
/// their own school, and what they do is written down in their name.
pub struct SchoolAdmin {
    school: String,
    platform_id: i32,
    actor: i32,
}

pub fn school_admin(current: &Current) -> Result<SchoolAdmin, AppError> {
    require(current, Module::Beheer)?;
    Ok(SchoolAdmin {
        school: current.platform.slug.clone(),
        platform_id: current.platform.id,
        actor: current.person.id,
    })
}

impl SchoolAdmin {
    /// A person of the admin's own school by username and index; another school's is none.
    pub async fn person(
        &self,
        db: &DatabaseConnection,
        username: &str,
        index: i16,
    ) -> Result<Option<sub_account::Model>, DbErr> {
        crate::auth::find_person(db, &self.school, username, index).await
    }

    /// The school: every Beheer query is limited to it.
    pub fn platform_id(&self) -> i32 {
        self.platform_id
    }

    /// The admin who acts, as the audit log names them.
    pub fn actor(&self) -> i32 {
        self.actor
    }

    /// Mail (a condition on `outbox`) written for one of the school's own people: what Beheer may
    /// show as undelivered and send again. Another school's mail to a parent of both schools, or
    /// to an address an admin typed in, is not theirs.
    pub fn mail_for_its_people(&self) -> Condition {
        let people = Query::select()
            .column((sub_account::Entity, sub_account::Column::Id))
            .from(sub_account::Entity)
            .inner_join(
                account::Entity,
                Expr::col((account::Entity, account::Column::Id))
                    .equals((sub_account::Entity, sub_account::Column::AccountId)),
            )
            .and_where(
                Expr::col((account::Entity, account::Column::PlatformId)).eq(self.platform_id),
            )
            .to_owned();
        Condition::all().add(outbox::Column::RecipientId.in_subquery(people))
    }
}
