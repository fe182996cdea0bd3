//! Letters with start passwords, per class, per pupil or for a selection. The database keeps only
//! a start password's hash, so a letter is the one moment its password exists in words: making a
//! letter makes a new start password, and a letter made again replaces the earlier one. People who
//! already use their account get no letter from a class or a selection; "Nieuw startwachtwoord"
//! gives one person a new one on purpose.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait,
};

use super::{audit, full_name, in_use, BeheerError};
use crate::auth::{make_start_passwords, write_start_passwords, Auth};
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::{class, platform, sub_account};
use crate::db::{begin_write, settle};
use crate::models::{AuditAction, Letter, PublicId};
use crate::visibility::SchoolAdmin;

/// Whose letters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    Class(i32),
    Pupils(Vec<String>),
    /// "Nieuw startwachtwoord": this one person, also when they use their account.
    Person(PublicId),
}

/// Which people of each pupil's username get a letter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Recipients {
    #[default]
    Everyone,
    Pupils,
    CoAccounts,
}

/// The letters made, and the people of the selection who use their account already.
pub struct LetterRun {
    pub letters: Vec<Letter>,
    pub in_use: Vec<String>,
}

pub async fn make(
    db: &DatabaseConnection,
    auth: &Auth,
    admin: &SchoolAdmin,
    selection: &Selection,
    recipients: Recipients,
    now: DateTime<Utc>,
) -> Result<LetterRun, BeheerError> {
    let school = platform::Entity::find_by_id(admin.platform_id())
        .one(db)
        .await?
        .ok_or(BeheerError::NotFound)?;
    let mut accounts =
        account::Entity::find().filter(account::Column::PlatformId.eq(admin.platform_id()));
    accounts = match selection {
        Selection::Class(class) => accounts
            .filter(account::Column::Kind.eq(AccountKind::Pupil))
            .filter(account::Column::ClassId.eq(*class)),
        Selection::Pupils(usernames) => accounts
            .filter(account::Column::Kind.eq(AccountKind::Pupil))
            .filter(account::Column::Username.is_in(usernames.iter().take(2_000).cloned())),
        Selection::Person(id) => accounts
            .join(JoinType::InnerJoin, account::Relation::SubAccount.def())
            .filter(sub_account::Column::PublicId.eq(id.0)),
    };
    // A class of another school is no class of this one.
    let class_name = match selection {
        Selection::Class(id) => Some(
            class::Entity::find_by_id(*id)
                .filter(class::Column::PlatformId.eq(admin.platform_id()))
                .one(db)
                .await?
                .ok_or(BeheerError::NotFound)?
                .name,
        ),
        _ => None,
    };
    let accounts = accounts.all(db).await?;
    let mut people = sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.is_in(accounts.iter().map(|account| account.id)))
        .filter(sub_account::Column::DisabledAt.is_null());
    people = match recipients {
        Recipients::Everyone => people,
        Recipients::Pupils => people.filter(sub_account::Column::Idx.eq(sub_account::PUPIL_IDX)),
        Recipients::CoAccounts => {
            people.filter(sub_account::Column::Idx.ne(sub_account::PUPIL_IDX))
        }
    };
    if let Selection::Person(id) = selection {
        people = people.filter(sub_account::Column::PublicId.eq(id.0));
    }
    let people = people
        .order_by_asc(sub_account::Column::AccountId)
        .order_by_asc(sub_account::Column::Idx)
        .all(db)
        .await?;
    if people.is_empty() && matches!(selection, Selection::Person(_)) {
        return Err(BeheerError::NotFound);
    }
    let one_person = matches!(selection, Selection::Person(_));
    let (chosen, used): (Vec<_>, Vec<_>) = people
        .into_iter()
        .partition(|person| one_person || !in_use(person));

    let made = make_start_passwords(db, auth, &chosen).await?;
    let txn = begin_write(db).await?;
    let outcome = async {
        write_start_passwords(&txn, &made, now).await?;
        let (action, subject) = match (selection, chosen.first()) {
            (Selection::Person(_), Some(person)) => {
                let username = accounts
                    .iter()
                    .find(|account| account.id == person.account_id)
                    .map(|account| account.username.clone())
                    .unwrap_or_default();
                (
                    AuditAction::NewStartPassword,
                    format!("{username} #{}", person.idx),
                )
            }
            (Selection::Class(_), _) => (AuditAction::Letters, class_name.unwrap_or_default()),
            _ => (AuditAction::Letters, format!("{} pupils", accounts.len())),
        };
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            action,
            &subject,
            &format!("{} letters", made.len()),
            now,
        )
        .await?;
        Ok::<(), BeheerError>(())
    }
    .await;
    settle(txn, outcome).await?;

    let class_names: HashMap<i32, String> = class::Entity::find()
        .filter(class::Column::PlatformId.eq(admin.platform_id()))
        .all(db)
        .await?
        .into_iter()
        .map(|class| (class.id, class.name))
        .collect();
    let pupils: HashMap<i32, String> = sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.is_in(accounts.iter().map(|account| account.id)))
        .filter(sub_account::Column::Idx.eq(sub_account::PUPIL_IDX))
        .all(db)
        .await?
        .into_iter()
        .map(|pupil| (pupil.account_id, full_name(&pupil)))
        .collect();
    let address = format!("{}/{}", auth.base_url, school.slug);
    let mut letters: Vec<Letter> = chosen
        .iter()
        .zip(made)
        .filter_map(|(person, start)| {
            let account = accounts
                .iter()
                .find(|account| account.id == person.account_id)?;
            Some(Letter {
                school: school.name.clone(),
                address: address.clone(),
                username: account.username.clone(),
                person: full_name(person),
                pupil: pupils.get(&account.id).cloned().unwrap_or_default(),
                class: account
                    .class_id
                    .and_then(|id| class_names.get(&id).cloned()),
                relation: person.relation.clone(),
                co_account: person.idx != sub_account::PUPIL_IDX,
                start_password: start.password,
            })
        })
        .collect();
    letters.sort_by(|a, b| {
        (&a.class, &a.pupil, &a.username, a.co_account).cmp(&(
            &b.class,
            &b.pupil,
            &b.username,
            b.co_account,
        ))
    });
    Ok(LetterRun {
        letters,
        in_use: used.iter().map(full_name).collect(),
    })
}
