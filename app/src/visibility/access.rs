//! "Wie kan mijn kind zien?": who can see a child by the rules of this module, and whose sign-ins
//! and sessions a person sees and ends (only their own: never a family member's, however close).

use std::collections::HashMap;

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::caller::require;
use super::pupils::{children_teachers, family_scopes, pupil_scope, ChildTeacher, PupilScope};
use super::{Module, Role};
use crate::auth::Current;
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::{family_member, platform, session, sign_in, sub_account};
use crate::error::AppError;

/// The children whose access `current` may look at: a pupil their own, a parent every child of
/// the family. Staff have no child here.
pub async fn access_children<C: ConnectionTrait>(
    db: &C,
    current: &Current,
) -> Result<Vec<PupilScope>, AppError> {
    match require(current, Module::Profile)? {
        Role::Pupil => Ok(vec![pupil_scope(db, current, Module::Agenda, None).await?]),
        Role::CoAccount => Ok(family_scopes(current)?
            .into_iter()
            .map(|(_, scope)| scope)
            .collect()),
        Role::Teacher | Role::Admin => Ok(Vec::new()),
    }
}

/// Everyone who can see one pupil's shared modules.
pub struct Watchers {
    /// The pupil themselves.
    pub pupil: sub_account::Model,
    /// The pupil's co-accounts, disabled ones included (they see nothing).
    pub co_accounts: Vec<sub_account::Model>,
    /// The co-accounts of other children in a family with one of the pupil's co-accounts, each
    /// with its school: whoever signs in to them switches to this pupil too.
    pub family: Vec<(sub_account::Model, platform::Model)>,
    /// The class teacher and the teachers of the pupil's courses.
    pub teachers: Vec<ChildTeacher>,
    /// The school's admins.
    pub admins: Vec<sub_account::Model>,
}

/// [`Watchers`] of each scope's pupil, in order, in eight queries whatever their number.
pub async fn watchers<C: ConnectionTrait>(
    db: &C,
    scopes: &[PupilScope],
) -> Result<Vec<Watchers>, DbErr> {
    let pupils: Vec<&account::Model> = scopes.iter().map(|scope| &scope.account).collect();
    let persons = sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.is_in(pupils.iter().map(|pupil| pupil.id)))
        .all(db)
        .await?;
    // A family reaches the pupil through a co-account that can sign in (see `auth::family`).
    let linking: Vec<i32> = persons
        .iter()
        .filter(|person| person.is_co_account() && person.disabled_at.is_none())
        .map(|person| person.id)
        .collect();
    let memberships = family_member::Entity::find()
        .filter(family_member::Column::SubAccountId.is_in(linking))
        .all(db)
        .await?;
    let family_of: HashMap<i32, i32> = memberships
        .iter()
        .map(|member| (member.sub_account_id, member.family_id))
        .collect();
    let others = family_member::Entity::find()
        .filter(family_member::Column::FamilyId.is_in(family_of.values().copied()))
        .all(db)
        .await?;
    let other_persons = sub_account::Entity::find()
        .filter(sub_account::Column::Id.is_in(others.iter().map(|other| other.sub_account_id)))
        .filter(sub_account::Column::DisabledAt.is_null())
        .find_also_related(account::Entity)
        .find_also(account::Entity, platform::Entity)
        .all(db)
        .await?;
    let teachers = children_teachers(db, &pupils).await?;
    let admins = sub_account::Entity::find()
        .filter(sub_account::is_main())
        .filter(sub_account::Column::DisabledAt.is_null())
        .find_also_related(account::Entity)
        .filter(account::Column::Kind.eq(AccountKind::Admin))
        .filter(account::Column::PlatformId.is_in(pupils.iter().map(|pupil| pupil.platform_id)))
        .all(db)
        .await?;

    Ok(scopes
        .iter()
        .zip(teachers)
        .map(|(scope, mut teachers)| {
            let pupil = &scope.account;
            let co_accounts: Vec<sub_account::Model> = persons
                .iter()
                .filter(|person| person.account_id == pupil.id && person.is_co_account())
                .cloned()
                .collect();
            let families: Vec<i32> = co_accounts
                .iter()
                .filter_map(|person| family_of.get(&person.id).copied())
                .collect();
            let mut family: Vec<(sub_account::Model, platform::Model)> = Vec::new();
            for (person, _, school) in &other_persons {
                let in_family = others.iter().any(|other| {
                    other.sub_account_id == person.id && families.contains(&other.family_id)
                });
                if let (true, Some(school)) = (in_family && person.account_id != pupil.id, school) {
                    family.push((person.clone(), school.clone()));
                }
            }
            teachers.retain(|teacher| teacher.person.disabled_at.is_none());
            Watchers {
                pupil: scope.person.clone(),
                co_accounts,
                family,
                teachers,
                admins: admins
                    .iter()
                    .filter(|(_, account)| {
                        account
                            .as_ref()
                            .is_some_and(|a| a.platform_id == pupil.platform_id)
                    })
                    .map(|(person, _)| person.clone())
                    .collect(),
            }
        })
        .collect())
}

/// The sessions a person sees and ends (on `session`): their own.
pub fn own_sessions(current: &Current) -> Condition {
    Condition::all().add(session::Column::SubAccountId.eq(current.person.id))
}

/// The sign-ins a person sees (on `sign_in`): their own.
pub fn own_sign_ins(current: &Current) -> Condition {
    Condition::all().add(sign_in::Column::SubAccountId.eq(current.person.id))
}
