//! Whose mailbox a caller opens and whom they may write to.

use std::collections::BTreeSet;

use sea_orm::sea_query::{ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::caller::{acting, require, role_of, taught_classes};
use super::pupils::child_teachers;
use super::{Module, Role};
use crate::auth::Current;
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::sub_account;
use crate::db::entities::{class, mailbox_entry, message, school_address};
use crate::error::AppError;
use crate::models::{AddressKind, RecipientGroup, RecipientKind, RecipientOption};

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
