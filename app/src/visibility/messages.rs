//! Whose mailbox a caller opens, whose mail notifications they set, and whom they may write to.
//!
//! Each answer is a capability that only this module builds: the messages service takes a
//! [`Mailbox`], a [`Composer`] or [`NotificationSettings`] instead of the caller, so that it cannot
//! reach a mailbox, or write to someone, that nobody checked. Whom the caller may write to comes
//! out as persons and classes; the compose form's choices are the service's business.

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::caller::{acting, require, role_of, taught_classes};
use super::pupils::{child_teachers, ChildTeacher};
use super::{Module, Role};
use crate::auth::Current;
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::sub_account;
use crate::db::entities::{class, mailbox_entry, message, school_address};
use crate::error::AppError;
use crate::models::{AddressKind, NotificationKind};

/// The mailbox of one person: the caller's own, or for a parent the co-account of the selected
/// child. Every sub-account has its own mailbox; nobody opens another's.
#[derive(Clone, Debug)]
pub struct Mailbox {
    platform_id: i32,
    person: sub_account::Model,
}

impl Mailbox {
    /// The person whose mailbox it is: who reads it, and who sends from it.
    pub fn person(&self) -> &sub_account::Model {
        &self.person
    }

    /// The school of the mailbox's person.
    pub fn platform_id(&self) -> i32 {
        self.platform_id
    }

    /// This mailbox's entries (on `mailbox_entry`).
    pub fn entries(&self) -> Condition {
        Condition::all().add(mailbox_entry::Column::OwnerId.eq(self.person.id))
    }
}

/// The mailbox the caller opens.
pub fn mailbox(current: &Current) -> Result<Mailbox, AppError> {
    require(current, Module::Messages)?;
    let (account, person) = acting(current);
    Ok(Mailbox {
        platform_id: account.platform_id,
        person: person.clone(),
    })
}

/// How many unread messages the caller's mailbox holds (for the header's badge), as the request
/// read it with the caller's family.
pub fn unread_messages(current: &Current) -> Result<u64, AppError> {
    let mailbox = mailbox(current)?;
    current
        .family
        .unread(mailbox.person.id)
        .ok_or(AppError::NotFound)
}

/// The person whose mail notifications the caller turns on or off: the person signed in, not the
/// selected child's co-account, because the setting belongs to whoever reads the mail.
#[derive(Clone, Copy, Debug)]
pub struct NotificationSettings {
    person: i32,
    role: Role,
}

impl NotificationSettings {
    /// The sub-account whose setting it is.
    pub fn person_id(&self) -> i32 {
        self.person
    }

    /// The kinds of news this person can be told about.
    pub fn kinds(&self) -> &'static [NotificationKind] {
        NotificationKind::for_role(self.role)
    }
}

pub fn notification_settings(current: &Current) -> Result<NotificationSettings, AppError> {
    let role = require(current, Module::Profile)?;
    Ok(NotificationSettings {
        person: current.person.id,
        role,
    })
}

/// Writing from a mailbox: the mailbox it is sent from and everyone it may go to.
#[derive(Clone, Debug)]
pub struct Composer {
    mailbox: Mailbox,
    correspondents: Correspondents,
}

impl Composer {
    pub fn mailbox(&self) -> &Mailbox {
        &self.mailbox
    }

    /// Whom this mailbox may write to; nobody else.
    pub fn correspondents(&self) -> &Correspondents {
        &self.correspondents
    }
}

/// Whom a mailbox may write to, as persons and classes.
#[derive(Clone, Debug, Default)]
pub struct Correspondents {
    /// The school's important addresses that it has, in the order of [`AddressKind::ALL`], each
    /// with the person behind it.
    pub addresses: Vec<(AddressKind, i32)>,
    /// For a pupil and the parents: the pupil's class teacher and teachers.
    pub teachers: Vec<ChildTeacher>,
    /// For staff: the classes they may write to, by name.
    pub classes: Vec<ClassFamilies>,
    /// Anyone else who wrote to this mailbox before, by name.
    pub earlier: Vec<sub_account::Model>,
}

/// A class with its pupils, by name, each with the co-accounts of the pupil's account.
#[derive(Clone, Debug)]
pub struct ClassFamilies {
    pub class: class::Model,
    pub pupils: Vec<PupilFamily>,
}

#[derive(Clone, Debug)]
pub struct PupilFamily {
    pub pupil: sub_account::Model,
    pub co_accounts: Vec<sub_account::Model>,
}

/// What the caller may write from their mailbox, and to whom. Pupils and parents: the school's
/// important addresses, the class teacher and the pupil's teachers, never another family. Staff:
/// besides the addresses, the classes they teach (an admin: every class of the school) with their
/// pupils and each pupil's co-accounts. Anyone who wrote to the mailbox may be answered.
pub async fn composer<C: ConnectionTrait>(db: &C, current: &Current) -> Result<Composer, AppError> {
    let mailbox = mailbox(current)?;
    let addresses = school_address::Entity::find()
        .filter(school_address::Column::PlatformId.eq(mailbox.platform_id))
        .all(db)
        .await?;
    let addresses = AddressKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let address = addresses.iter().find(|a| a.kind == kind.code())?;
            Some((kind, address.person_id))
        })
        .collect();
    let mut correspondents = Correspondents {
        addresses,
        earlier: earlier_senders(db, &mailbox).await?,
        ..Correspondents::default()
    };
    match role_of(current) {
        Role::Pupil | Role::CoAccount => {
            correspondents.teachers = child_teachers(db, acting(current).0).await?;
        }
        Role::Teacher | Role::Admin => correspondents.classes = classes_of(db, current).await?,
    }
    Ok(Composer {
        mailbox,
        correspondents,
    })
}

/// Everyone but the owner who sent something to `mailbox`, by name.
async fn earlier_senders<C: ConnectionTrait>(
    db: &C,
    mailbox: &Mailbox,
) -> Result<Vec<sub_account::Model>, AppError> {
    let mut senders = Query::select();
    senders
        .column(message::Column::SenderId)
        .from(message::Entity)
        .inner_join(
            mailbox_entry::Entity,
            Expr::col((mailbox_entry::Entity, mailbox_entry::Column::MessageId))
                .equals((message::Entity, message::Column::Id)),
        )
        .and_where(mailbox_entry::Column::OwnerId.eq(mailbox.person.id))
        .and_where(mailbox_entry::Column::Received.eq(true));
    Ok(sub_account::Entity::find()
        .filter(sub_account::Column::Id.in_subquery(senders.to_owned()))
        .filter(sub_account::Column::Id.ne(mailbox.person.id))
        .order_by_asc(sub_account::Column::LastName)
        .order_by_asc(sub_account::Column::FirstName)
        .all(db)
        .await?)
}

/// A staff member's classes by name, each with its pupils and their co-accounts.
async fn classes_of<C: ConnectionTrait>(
    db: &C,
    current: &Current,
) -> Result<Vec<ClassFamilies>, AppError> {
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
    Ok(classes
        .into_iter()
        .map(|class| {
            let mut pupils: Vec<PupilFamily> = Vec::new();
            for (person, account) in &people {
                if account.as_ref().and_then(|a| a.class_id) != Some(class.id) {
                    continue;
                }
                // Sub-accounts come per account, the pupil first: a co-account joins the pupil
                // before it.
                match pupils.last_mut() {
                    Some(family)
                        if person.is_co_account()
                            && family.pupil.account_id == person.account_id =>
                    {
                        family.co_accounts.push(person.clone())
                    }
                    _ if !person.is_co_account() => pupils.push(PupilFamily {
                        pupil: person.clone(),
                        co_accounts: Vec::new(),
                    }),
                    _ => {}
                }
            }
            pupils.sort_by(|a, b| {
                (&a.pupil.last_name, &a.pupil.first_name)
                    .cmp(&(&b.pupil.last_name, &b.pupil.first_name))
            });
            ClassFamilies { class, pupils }
        })
        .collect())
}
