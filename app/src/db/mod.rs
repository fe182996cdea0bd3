//! The data layer: connecting, migrating, the entities. Server-only.
//!
//! The same sea-orm code runs on SQLite (the embedded default) and PostgreSQL (for scale); the only
//! backend-specific code is the connection tuning below.

pub mod entities;
pub mod migrations;

use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, QueryResult, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

/// How long a SQLite writer waits for another writer before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The rows a SQLite connection's thread hands over before it waits for the request to take them.
const SQLITE_ROW_QUEUE: usize = 4096;

/// How long a PostgreSQL connection may sit idle before it is pinged on its next use.
const PING_AFTER_IDLE: Duration = Duration::from_secs(30);

/// The most connections a pool opens unless told otherwise: SQLite runs one writer at a time
/// whatever the number; PostgreSQL serves many at once.
pub fn default_pool_size(url: &str) -> u32 {
    if url.starts_with("sqlite:") {
        8
    } else {
        32
    }
}

/// Opens a pool for `url` (`sqlite://…` or `postgres://…`) of [`default_pool_size`].
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with_pool(url, default_pool_size(url)).await
}

/// Opens a pool for `url` of at most `max_connections` and tunes it for its backend.
pub async fn connect_with_pool(
    url: &str,
    max_connections: u32,
) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        // WAL lets readers run beside the one writer; foreign keys are off by default in SQLite.
        // A connection to a file in this process cannot be dropped by anyone else, so it is not
        // pinged before use: that ping is a round trip to the connection's thread for every
        // statement. Each connection's thread hands rows over through a queue; when the queue is
        // full, the thread waits for the request to take one row before it hands over the next,
        // two thread switches a row. Every query here reads its rows whole, so the queue holds
        // as many as the longest list reads (a teacher's free times, a page of pupils).
        options
            .max_connections(max_connections)
            .test_before_acquire(false)
            .map_sqlx_sqlite_opts(|opts| {
                opts.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
                    .row_buffer_size(SQLITE_ROW_QUEUE)
            });
    } else {
        // Only a connection idle long enough for the server, a proxy or a firewall to have
        // dropped it is pinged before use; a busy one goes straight to work.
        options
            .max_connections(max_connections)
            .test_before_acquire_if_idle_for(PING_AFTER_IDLE);
    }
    Database::connect(options).await
}

/// The PostgreSQL advisory locks by which servers on one database take turns. Each is held by a
/// transaction and ends with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Turn {
    /// Migrating the schema ("migr" in ASCII).
    Migrate = 0x6d69_6772,
    /// Tidying the database ("tidy").
    Tidy = 0x7469_6479,
}

/// Waits for `turn` in `txn` (PostgreSQL; elsewhere there is nobody to wait for).
pub async fn wait_for_turn(txn: &DatabaseTransaction, turn: Turn) -> Result<(), DbErr> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(turn_statement("SELECT pg_advisory_xact_lock($1)", turn))
            .await?;
    }
    Ok(())
}

/// Takes `turn` in `txn` if no other server holds it; whether it did (always on SQLite).
pub async fn try_turn(txn: &DatabaseTransaction, turn: Turn) -> Result<bool, DbErr> {
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(true);
    }
    let row = txn
        .query_one_raw(turn_statement("SELECT pg_try_advisory_xact_lock($1)", turn))
        .await?;
    Ok(row
        .map(|row| row.try_get_by_index::<bool>(0))
        .transpose()?
        .unwrap_or(false))
}

fn turn_statement(sql: &str, turn: Turn) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, [(turn as i64).into()])
}

/// Brings the schema up to date. Safe to run at every start and from several servers: on
/// PostgreSQL the migrations run in one transaction that first waits for [`Turn::Migrate`], so
/// servers starting together on an empty database migrate one after the other (the later finds
/// nothing left to do) instead of creating the same tables at once. Each migration is then a
/// savepoint of that transaction, which is why none may ask to run outside a transaction (a test
/// holds them to it). SQLite has one server by nature.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return migrations::Migrator::up(db, None).await;
    }
    let txn = db.begin().await?;
    let migrated = async {
        wait_for_turn(&txn, Turn::Migrate).await?;
        migrations::Migrator::up(&txn, None).await
    }
    .await;
    settle(txn, migrated).await
}

/// Begins a transaction that will write. On SQLite it takes the writer lock at `BEGIN`
/// (`IMMEDIATE`): a deferred transaction that first reads and then writes fails at once with
/// "database is locked" when another connection committed in between, instead of waiting its turn.
/// PostgreSQL ignores the mode.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Ends a write transaction by its outcome: commits on success and rolls back on failure, waiting
/// for either. A transaction merely dropped rolls back later, and until then SQLite's one writer
/// lock stays taken.
pub async fn settle<T, E: From<DbErr>>(
    txn: DatabaseTransaction,
    outcome: Result<T, E>,
) -> Result<T, E> {
    match outcome {
        Ok(value) => {
            txn.commit().await?;
            Ok(value)
        }
        Err(err) => {
            txn.rollback().await?;
            Err(err)
        }
    }
}

/// The timestamp in column `{pre}{column}` of `row`. SQLite keeps timestamps as text, which sqlx
/// reads by trying one format after another: three parses for the one that is written
/// (`2026-12-03 14:05:00`), each interpreting its format string anew. Lists of hundreds of them
/// (a teacher's free times) read that format directly; anything else is left to sqlx.
pub fn timestamp(row: &QueryResult, pre: &str, column: &str) -> Result<NaiveDateTime, DbErr> {
    let written = row.try_as_sqlite_row().and_then(|sqlite| {
        let name = match pre {
            "" => std::borrow::Cow::Borrowed(column),
            pre => std::borrow::Cow::Owned(format!("{pre}{column}")),
        };
        let text: &str = sea_orm::sqlx::Row::try_get(sqlite, name.as_ref()).ok()?;
        written_timestamp(text)
    });
    match written {
        Some(timestamp) => Ok(timestamp),
        None => row.try_get(pre, column),
    }
}

/// `YYYY-MM-DD HH:MM:SS` as sqlx writes a timestamp without a fraction of a second, or nothing.
fn written_timestamp(text: &str) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 19
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b' '
        && bytes[13] == b':'
        && bytes[16] == b':';
    if !shape {
        return None;
    }
    let number = |at: std::ops::Range<usize>| -> Option<u32> {
        let digits = text.get(at)?;
        digits
            .bytes()
            .all(|byte| byte.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)?.and_hms_opt(
        number(11..13)?,
        number(14..16)?,
        number(17..19)?,
    )
}

/// Every column of `E` from `table` (a table or its alias in `query`), named
/// `{table}_{column}`: a `FromQueryResult` reads them with `#[sea_orm(nested(prefix =
/// "{table}_"))]`, so that one query can read the same entity in several roles.
pub fn columns_of<E: sea_orm::EntityTrait>(
    query: &mut sea_orm::sea_query::SelectStatement,
    table: impl sea_orm::sea_query::Iden + Copy + sea_orm::sea_query::IntoIden,
) {
    use sea_orm::Iterable;
    columns(query, table, E::Column::iter());
}

/// [`columns_of`] for some columns only: those a partial model reads.
pub fn columns<C: sea_orm::IdenStatic>(
    query: &mut sea_orm::sea_query::SelectStatement,
    table: impl sea_orm::sea_query::Iden + Copy + sea_orm::sea_query::IntoIden,
    columns: impl IntoIterator<Item = C>,
) {
    for column in columns {
        query.expr_as(
            sea_orm::sea_query::Expr::col((table, column)),
            format!("{}_{}", table.unquoted(), column.as_str()),
        );
    }
}

/// A cheap round trip that proves the database answers.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.execute_unprepared("SELECT 1").await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use sea_orm_migration::MigratorTrait;

    use super::written_timestamp;

    #[test]
    fn a_written_timestamp_is_read_as_sqlx_reads_it_and_anything_else_is_left_to_sqlx() {
        let at =
            |h, m, s| NaiveDate::from_ymd_opt(2026, 12, 3).and_then(|day| day.and_hms_opt(h, m, s));
        assert_eq!(written_timestamp("2026-12-03 14:05:00"), at(14, 5, 0));
        assert_eq!(written_timestamp("2026-12-03 23:59:59"), at(23, 59, 59));
        for other in [
            "2026-12-03T14:05:00",
            "2026-12-03 14:05:00.5",
            "2026-12-03 14:05",
            "2026-13-03 14:05:00",
            "2026-12-03 24:05:00",
            "2026-12-03 +4:05:00",
            "2026-02-30 14:05:00",
            "",
        ] {
            assert_eq!(written_timestamp(other), None, "{other}");
        }
    }

    #[test]
    fn every_migration_runs_inside_the_migrating_transaction() {
        for migration in super::migrations::Migrator::migrations() {
            assert_ne!(
                migration.use_transaction(),
                Some(false),
                "{} asks to run outside a transaction, which `migrate` cannot give it on PostgreSQL",
                migration.name()
            );
        }
    }
}
