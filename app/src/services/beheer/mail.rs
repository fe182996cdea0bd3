//! Mail to the school's people that could not be delivered: the mail worker gives a mail up after
//! its attempts, and Beheer shows it here with the reason until the admin has it tried again.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::audit;
use crate::db::entities::{outbox, sub_account};
use crate::db::{begin_write, settle};
use crate::models::{AuditAction, UndeliveredMail};
use crate::services::time::school_local;
use crate::visibility::SchoolAdmin;

/// The most Beheer lists; the retry takes them all.
const SHOWN: u64 = 100;

/// The given-up mail for the school's people, newest first, each with its person: one query.
pub async fn undelivered(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
) -> Result<Vec<UndeliveredMail>, DbErr> {
    let rows = outbox::Entity::find()
        .filter(given_up(admin))
        .find_also_related(sub_account::Entity)
        .order_by_desc(outbox::Column::GivenUpAt)
        .order_by_desc(outbox::Column::Id)
        .limit(SHOWN)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(row, person)| UndeliveredMail {
            person: person
                .map(|person| person.display_name())
                .unwrap_or_default(),
            address: row.to_address,
            given_up_at: school_local(row.given_up_at.unwrap_or(row.created_at)),
            attempts: row.attempts,
            reason: row.last_error.unwrap_or_default(),
        })
        .collect())
}

/// The given-up mail of the school's people.
fn given_up(admin: &SchoolAdmin) -> Condition {
    outbox::given_up().add(admin.mail_for_its_people())
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
            .filter(given_up(admin))
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
