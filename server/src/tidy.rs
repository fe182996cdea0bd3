//! Tidying on a schedule: what has served its purpose leaves the database. Ended sessions (most
//! are never signed out of), rate-limit counts whose window is over (their keys name addresses and
//! usernames), used and expired one-time tokens, sent mail after a week, and given-up mail after a
//! month (its school had that long to try it again).
//!
//! Every server runs the schedule; on PostgreSQL a transaction-scoped advisory lock lets one
//! server at a time do the work and the others skip that round. SQLite has one server by nature.

use std::time::Duration;

use app::auth::sessions::Lifetimes;
use app::db::Turn;
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, DbErr};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often a server tidies.
const EVERY: Duration = Duration::from_secs(10 * 60);

/// What one round removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tidied {
    pub sessions: u64,
    pub rate_limits: u64,
    pub tokens: u64,
    /// Sent a week ago, or given up a month ago.
    pub old_mail: u64,
}

/// One round at `now`, in one transaction. Answers `None` without touching anything when another
/// server holds the lock.
pub async fn run_once(
    db: &DatabaseConnection,
    lifetimes: &Lifetimes,
    now: DateTime<Utc>,
) -> Result<Option<Tidied>, DbErr> {
    let txn = app::db::begin_write(db).await?;
    let outcome = async {
        if !app::db::try_turn(&txn, Turn::Tidy).await? {
            return Ok(None);
        }
        Ok(Some(Tidied {
            sessions: app::auth::sessions::prune_ended(&txn, lifetimes, now).await?,
            rate_limits: app::auth::rate_limit::prune(&txn, now).await?,
            tokens: app::auth::tokens::prune(&txn, now).await?,
            old_mail: crate::mailer::prune_old(&txn, now).await?,
        }))
    }
    .await;
    app::db::settle(txn, outcome).await
}

/// Tidies shortly after the start and then every [`EVERY`] until `shutdown` turns true.
pub fn spawn(
    db: DatabaseConnection,
    lifetimes: Lifetimes,
    mut shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        while !*shutdown.borrow() {
            match run_once(&db, &lifetimes, Utc::now()).await {
                Ok(Some(tidied)) if tidied != Tidied::default() => tracing::info!(
                    sessions = tidied.sessions,
                    rate_limits = tidied.rate_limits,
                    tokens = tidied.tokens,
                    old_mail = tidied.old_mail,
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
