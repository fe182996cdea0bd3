//! One person in daily use: disabled with a reason (their sessions end), enabled again (a lock
//! ends too). Only people of the admin's school are found.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, JoinType, QueryFilter, QuerySelect, RelationTrait,
};

use super::{audit, BeheerError};
use crate::db::entities::{account, session, sub_account};
use crate::db::{begin_write, settle};
use crate::models::{AuditAction, PublicId};
use crate::visibility::SchoolAdmin;

/// The most a reason may say.
pub const REASON_MAX: usize = 200;

/// A person of the admin's school with their username.
pub async fn find(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    id: PublicId,
) -> Result<(sub_account::Model, String), BeheerError> {
    sub_account::Entity::find()
        .join(JoinType::InnerJoin, sub_account::Relation::Account.def())
        .filter(account::Column::PlatformId.eq(admin.platform_id()))
        .filter(sub_account::Column::PublicId.eq(id.0))
        .select_also(account::Entity)
        .one(db)
        .await?
        .and_then(|(person, account)| account.map(|account| (person, account.username)))
        .ok_or(BeheerError::NotFound)
}

/// Disables (`reason` given) or enables (`None`) a person; their username. An admin does not
/// disable themselves.
pub async fn set_disabled(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    id: PublicId,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<String, BeheerError> {
    let (person, username) = find(db, admin, id).await?;
    if person.id == admin.actor() {
        return Err(BeheerError::NotFound);
    }
    let reason: Option<String> =
        reason.map(|reason| reason.trim().chars().take(REASON_MAX).collect());
    let txn = begin_write(db).await?;
    let outcome = async {
        let update =
            sub_account::Entity::update_many().filter(sub_account::Column::Id.eq(person.id));
        match &reason {
            Some(reason) => {
                update
                    .col_expr(sub_account::Column::DisabledAt, Expr::value(now))
                    .col_expr(
                        sub_account::Column::DisabledReason,
                        Expr::value(reason.clone()),
                    )
                    .exec(&txn)
                    .await?;
                session::Entity::delete_many()
                    .filter(session::Column::SubAccountId.eq(person.id))
                    .exec(&txn)
                    .await?;
            }
            None => {
                update
                    .col_expr(
                        sub_account::Column::DisabledAt,
                        Expr::value(Option::<DateTime<Utc>>::None),
                    )
                    .col_expr(
                        sub_account::Column::DisabledReason,
                        Expr::value(Option::<String>::None),
                    )
                    .col_expr(
                        sub_account::Column::LockedUntil,
                        Expr::value(Option::<DateTime<Utc>>::None),
                    )
                    .exec(&txn)
                    .await?;
                account::Entity::update_many()
                    .col_expr(account::Column::FailedLogins, Expr::value(0))
                    .filter(account::Column::Id.eq(person.account_id))
                    .exec(&txn)
                    .await?;
            }
        }
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            if reason.is_some() {
                AuditAction::Disable
            } else {
                AuditAction::Enable
            },
            &format!("{username} #{}", person.idx),
            reason.as_deref().unwrap_or_default(),
            now,
        )
        .await?;
        Ok::<(), BeheerError>(())
    }
    .await;
    settle(txn, outcome).await?;
    Ok(username)
}

/// A pupil of the admin's school by username.
async fn own_pupil<C: sea_orm::ConnectionTrait>(
    db: &C,
    admin: &SchoolAdmin,
    username: &str,
) -> Result<account::Model, BeheerError> {
    account::Entity::find()
        .filter(account::Column::PlatformId.eq(admin.platform_id()))
        .filter(account::Column::Kind.eq(account::AccountKind::Pupil))
        .filter(account::Column::Username.eq(username.trim().to_lowercase()))
        .one(db)
        .await?
        .ok_or(BeheerError::NotFound)
}

/// A pupil added by hand (one who joins during the year); the username.
pub async fn add_pupil(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    first_name: &str,
    last_name: &str,
    class_id: i32,
    birth_date: Option<chrono::NaiveDate>,
    now: DateTime<Utc>,
) -> Result<String, BeheerError> {
    let txn = begin_write(db).await?;
    let outcome = async {
        let class = super::school::own_class(&txn, admin, class_id).await?;
        let username = super::school::new_account(
            &txn,
            admin.platform_id(),
            account::AccountKind::Pupil,
            first_name,
            last_name,
            Some(class.id),
            birth_date,
            now,
        )
        .await?;
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::AddPupil,
            &username,
            &class.name,
            now,
        )
        .await?;
        Ok(username)
    }
    .await;
    settle(txn, outcome).await
}

/// A co-account added by hand, up to the pupil's maximum (the school's unless raised for them).
#[allow(clippy::too_many_arguments)]
pub async fn add_co_account(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    username: &str,
    first_name: &str,
    last_name: &str,
    relation: &str,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), BeheerError> {
    let (first_name, last_name, relation) = (first_name.trim(), last_name.trim(), relation.trim());
    if first_name.is_empty() || relation.is_empty() || relation.chars().count() > 40 {
        return Err(BeheerError::NameRequired);
    }
    let email = match email.map(str::trim).filter(|email| !email.is_empty()) {
        Some(email) => Some(crate::auth::parse_email(email)?),
        None => None,
    };
    let txn = begin_write(db).await?;
    let outcome = async {
        let pupil = own_pupil(&txn, admin, username).await?;
        let school = crate::db::entities::platform::Entity::find_by_id(admin.platform_id())
            .one(&txn)
            .await?
            .ok_or(BeheerError::NotFound)?;
        let people = sub_account::Entity::find()
            .filter(sub_account::Column::AccountId.eq(pupil.id))
            .all(&txn)
            .await?;
        let active = people
            .iter()
            .filter(|person| super::counts_toward_maximum(person))
            .count();
        let maximum = pupil.max_co_accounts.unwrap_or(school.max_co_accounts);
        if i32::try_from(active).unwrap_or(i32::MAX) >= maximum {
            return Err(BeheerError::TooManyCoAccounts);
        }
        let idx = people.iter().map(|person| person.idx).max().unwrap_or(0) + 1;
        sea_orm::ActiveModelTrait::insert(
            sub_account::ActiveModel {
                public_id: sea_orm::Set(uuid::Uuid::new_v4()),
                account_id: sea_orm::Set(pupil.id),
                idx: sea_orm::Set(idx),
                first_name: sea_orm::Set(first_name.to_owned()),
                last_name: sea_orm::Set(last_name.to_owned()),
                relation: sea_orm::Set(Some(relation.to_owned())),
                email: sea_orm::Set(email.clone()),
                created_at: sea_orm::Set(now),
                must_change_password: sea_orm::Set(true),
                ..Default::default()
            },
            &txn,
        )
        .await?;
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::AddCoAccount,
            &format!("{} #{idx}", pupil.username),
            relation,
            now,
        )
        .await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

/// A co-account's relation label (moeder, vader, voogd, …); the username.
pub async fn set_relation(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    id: PublicId,
    relation: &str,
    now: DateTime<Utc>,
) -> Result<String, BeheerError> {
    let relation = relation.trim();
    if relation.is_empty() || relation.chars().count() > 40 {
        return Err(BeheerError::NameRequired);
    }
    let (person, username) = find(db, admin, id).await?;
    if person.idx == sub_account::PUPIL_IDX {
        return Err(BeheerError::NotFound);
    }
    let txn = begin_write(db).await?;
    let outcome = async {
        sub_account::Entity::update_many()
            .col_expr(sub_account::Column::Relation, Expr::value(relation))
            .filter(sub_account::Column::Id.eq(person.id))
            .exec(&txn)
            .await?;
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::Relation,
            &format!("{username} #{}", person.idx),
            relation,
            now,
        )
        .await?;
        Ok::<(), BeheerError>(())
    }
    .await;
    settle(txn, outcome).await?;
    Ok(username)
}

/// Takes a co-account out of use: its sessions end, it leaves any family, and it is disabled,
/// not deleted (its messages and bookings stay). It no longer counts toward the maximum.
pub async fn remove_co_account(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    id: PublicId,
    now: DateTime<Utc>,
) -> Result<String, BeheerError> {
    let (person, username) = find(db, admin, id).await?;
    if person.idx == sub_account::PUPIL_IDX {
        return Err(BeheerError::NotFound);
    }
    let txn = begin_write(db).await?;
    let outcome = async {
        session::Entity::delete_many()
            .filter(session::Column::SubAccountId.eq(person.id))
            .exec(&txn)
            .await?;
        crate::db::entities::family_member::Entity::delete_many()
            .filter(crate::db::entities::family_member::Column::SubAccountId.eq(person.id))
            .exec(&txn)
            .await?;
        sub_account::Entity::update_many()
            .col_expr(sub_account::Column::DisabledAt, Expr::value(now))
            .col_expr(
                sub_account::Column::DisabledReason,
                Expr::value(super::REMOVED),
            )
            .filter(sub_account::Column::Id.eq(person.id))
            .exec(&txn)
            .await?;
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::RemoveCoAccount,
            &format!("{username} #{}", person.idx),
            "",
            now,
        )
        .await?;
        Ok::<(), BeheerError>(())
    }
    .await;
    settle(txn, outcome).await?;
    Ok(username)
}

/// Raises (or lowers) the maximum of co-accounts for one pupil; `None` follows the school.
pub async fn set_pupil_maximum(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    username: &str,
    maximum: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), BeheerError> {
    if maximum.is_some_and(|maximum| !super::school::MAX_CO_ACCOUNTS.contains(&maximum)) {
        return Err(BeheerError::OutOfRange);
    }
    let txn = begin_write(db).await?;
    let outcome = async {
        let pupil = own_pupil(&txn, admin, username).await?;
        account::Entity::update_many()
            .col_expr(account::Column::MaxCoAccounts, Expr::value(maximum))
            .filter(account::Column::Id.eq(pupil.id))
            .exec(&txn)
            .await?;
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::PupilMaximum,
            &pupil.username,
            &maximum.map_or_else(|| "school".to_owned(), |maximum| maximum.to_string()),
            now,
        )
        .await?;
        Ok::<(), BeheerError>(())
    }
    .await;
    settle(txn, outcome).await
}

/// What an erased person is called wherever their name still shows (a message they sent).
pub const ERASED_NAME: &str = "Verwijderde gebruiker";

/// Erases a pupil whose people are all disabled (a pupil who left): names, addresses, photo,
/// passwords, birth date and the administration's id go, as do their own documents, sessions,
/// links and family ties. The rows stay, so that a message they sent still reads for whoever
/// received it and the school's results and absences keep adding up. Not undone.
pub async fn erase_pupil(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    username: &str,
    now: DateTime<Utc>,
) -> Result<(), BeheerError> {
    use crate::db::entities::{document, family_member, token};
    let txn = begin_write(db).await?;
    let outcome = async {
        let pupil = own_pupil(&txn, admin, username).await?;
        let people = sub_account::Entity::find()
            .filter(sub_account::Column::AccountId.eq(pupil.id))
            .all(&txn)
            .await?;
        if people.iter().any(|person| person.disabled_at.is_none()) {
            // Only who can no longer sign in is erased: disable first, with a reason.
            return Err(BeheerError::NotFound);
        }
        let ids: Vec<i32> = people.iter().map(|person| person.id).collect();
        session::Entity::delete_many()
            .filter(session::Column::SubAccountId.is_in(ids.clone()))
            .exec(&txn)
            .await?;
        token::Entity::delete_many()
            .filter(token::Column::SubAccountId.is_in(ids.clone()))
            .exec(&txn)
            .await?;
        family_member::Entity::delete_many()
            .filter(family_member::Column::SubAccountId.is_in(ids.clone()))
            .exec(&txn)
            .await?;
        document::Entity::delete_many()
            .filter(document::Column::OwnerId.is_in(ids.clone()))
            .exec(&txn)
            .await?;
        sub_account::Entity::update_many()
            .col_expr(sub_account::Column::FirstName, Expr::value(ERASED_NAME))
            .col_expr(sub_account::Column::LastName, Expr::value(""))
            .col_expr(
                sub_account::Column::Email,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                sub_account::Column::EmailConfirmedAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(
                sub_account::Column::Photo,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                sub_account::Column::PasswordHash,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                sub_account::Column::DisabledReason,
                Expr::value(super::ERASED),
            )
            .filter(sub_account::Column::Id.is_in(ids))
            .exec(&txn)
            .await?;
        account::Entity::update_many()
            .col_expr(
                account::Column::ExternalId,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                account::Column::BirthDate,
                Expr::value(Option::<chrono::NaiveDate>::None),
            )
            .col_expr(
                account::Column::PasswordSalt,
                Expr::value(Option::<String>::None),
            )
            .filter(account::Column::Id.eq(pupil.id))
            .exec(&txn)
            .await?;
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::Erase,
            &pupil.username,
            "",
            now,
        )
        .await?;
        Ok::<(), BeheerError>(())
    }
    .await;
    settle(txn, outcome).await
}
