//! Mail to the school's people that could not be delivered: the mail worker gives a mail up after
//! its attempts, and Beheer shows it here with the reason until the admin has it tried again.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait,
};

use super::audit;
use crate::db::entities::{account, outbox, sub_account};
use crate::db::{begin_write, settle};
use crate::models::{AuditAction, UndeliveredMail};
use crate::services::time::school_local;
use crate::visibility::SchoolAdmin;

/// The most Beheer lists; the count of the rest is in the retry.
const SHOWN: u64 = 100;

/// The given-up mail to the school's people, newest first, with the people of each address. Two
/// queries, whatever the number.
pub async fn undelivered(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
) -> Result<Vec<UndeliveredMail>, DbErr> {
    let rows = outbox::Entity::find()
        .filter(outbox::Column::GivenUpAt.is_not_null())
        .filter(admin.mail_to_its_people())
        .order_by_desc(outbox::Column::GivenUpAt)
        .order_by_desc(outbox::Column::Id)
        .limit(SHOWN)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut people: HashMap<String, Vec<String>> = HashMap::new();
    for person in sub_account::Entity::find()
        .join(JoinType::InnerJoin, sub_account::Relation::Account.def())
        .filter(account::Column::PlatformId.eq(admin.platform_id()))
        .filter(sub_account::Column::Email.is_in(rows.iter().map(|row| row.to_address.clone())))
        .order_by_asc(sub_account::Column::LastName)
        .order_by_asc(sub_account::Column::FirstName)
        .all(db)
        .await?
    {
        if let Some(email) = &person.email {
            people
                .entry(email.clone())
                .or_default()
                .push(person.display_name());
        }
    }
    Ok(rows
        .into_iter()
        .map(|row| UndeliveredMail {
            people: people.get(&row.to_address).cloned().unwrap_or_default(),
            address: row.to_address,
            given_up_at: school_local(row.given_up_at.unwrap_or(row.created_at)),
            attempts: row.attempts,
            reason: row.last_error.unwrap_or_default(),
        })
        .collect())
}

/// Has every given-up mail to the school's people tried again from now, with a fresh count of
/// attempts; answers how many. Written in the audit log.
pub async fn retry(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let txn = begin_write(db).await?;
    let outcome = async {
        let retried = outbox::Entity::update_many()
            .col_expr(
                outbox::Column::GivenUpAt,
                Expr::value(None::<DateTime<Utc>>),
            )
            .col_expr(outbox::Column::Attempts, Expr::value(0))
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(now))
            .col_expr(
                outbox::Column::ClaimedUntil,
                Expr::value(None::<DateTime<Utc>>),
            )
            .filter(outbox::Column::GivenUpAt.is_not_null())
            .filter(admin.mail_to_its_people())
            .exec(&txn)
            .await?
            .rows_affected;
        if retried > 0 {
            audit::record(
                &txn,
                admin.platform_id(),
                Some(admin.actor()),
                AuditAction::RetryMail,
                "",
                &format!("{retried} mails"),
                now,
            )
            .await?;
        }
        Ok(retried)
    }
    .await;
    settle(txn, outcome).await
}
