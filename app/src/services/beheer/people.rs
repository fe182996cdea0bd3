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

/// Disables (`reason` given) or enables (`None`) a person. An admin does not disable themselves.
pub async fn set_disabled(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    id: PublicId,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), BeheerError> {
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
    settle(txn, outcome).await
}
