//! Tidying on a schedule: what has served its purpose leaves the database. Ended sessions (most
//! are never signed out of), rate-limit counts whose window is over (their keys name addresses and
//! usernames), used and expired one-time tokens, and sent mail after a week.
//!
//! Every server runs the schedule; on PostgreSQL a transaction-scoped advisory lock lets one
//! server at a time do the work and the others skip that round. SQLite has one server by nature.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often a server tidies.
const EVERY: Duration = Duration::from_secs(10 * 60);

/// The key of the advisory lock that one tidying server holds on PostgreSQL ("tidy" in ASCII).
pub const LOCK_KEY: i64 = 0x7469_6479;

/// What one round removed; `None` when another server was tidying.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tidied {
    pub sessions: u64,
    pub rate_limits: u64,
    pub tokens: u64,
    pub sent_mail: u64,
}

/// One round at `now`, in one transaction. Answers `None` without touching anything when another
/// server holds the lock.
pub async fn run_once(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Option<Tidied>, DbErr> {
    let txn = app::db::begin_write(db).await?;
    let outcome = async {
        if db.get_database_backend() == DbBackend::Postgres {
            let locked = txn
                .query_one_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT pg_try_advisory_xact_lock($1)",
                    [LOCK_KEY.into()],
                ))
                .await?
                .map(|row| row.try_get_by_index::<bool>(0))
                .transpose()?
                .unwrap_or(false);
            if !locked {
                return Ok(None);
            }
        }
        Ok(Some(Tidied {
            sessions: app::auth::sessions::prune_ended(&txn, now).await?,
            rate_limits: app::auth::rate_limit::prune(&txn, now).await?,
            tokens: app::auth::tokens::prune(&txn, now).await?,
            sent_mail: crate::mailer::prune_sent(&txn, now).await?,
        }))
    }
    .await;
    app::db::settle(txn, outcome).await
}

/// Tidies shortly after the start and then every [`EVERY`] until `shutdown` turns true.
pub fn spawn(db: DatabaseConnection, mut shutdown: watch::Receiver<bool>) -> JoinHandle<()> {
    tokio::spawn(async move {
        while !*shutdown.borrow() {
            match run_once(&db, Utc::now()).await {
                Ok(Some(tidied)) if tidied != Tidied::default() => tracing::info!(
                    sessions = tidied.sessions,
                    rate_limits = tidied.rate_limits,
                    tokens = tidied.tokens,
                    sent_mail = tidied.sent_mail,
                    "tidied the database"
                ),
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "tidying: database error; retrying later"),
            }
            tokio::select! {
                changed = shutdown.changed() => if changed.is_err() { break },
                () = tokio::time::sleep(EVERY) => {}
            }
        }
    })
}
