//! The data layer: connecting, migrating, the entities. Server-only.
//!
//! The same sea-orm code runs on SQLite (the embedded default) and PostgreSQL (for scale); the only
//! backend-specific code is the connection tuning below.

pub mod entities;
pub mod migrations;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, ExecResult, QueryResult, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

/// How long a SQLite writer waits for another writer before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens a pool for `url` (`sqlite://…` or `postgres://…`) and tunes it for its backend.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        // WAL lets readers run beside the one writer; foreign keys are off by default in SQLite.
        options.max_connections(8).map_sqlx_sqlite_opts(|opts| {
            opts.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
        });
    } else {
        options.max_connections(32);
    }
    Database::connect(options).await
}

/// Brings the schema up to date. Safe to run at every start and from several servers.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    migrations::Migrator::up(db, None).await
}

/// Begins a transaction that will write. On SQLite it takes the writer lock at `BEGIN`
/// (`IMMEDIATE`): a deferred transaction that first reads and then writes fails at once with
/// "database is locked" when another connection committed in between, instead of waiting its turn.
/// PostgreSQL ignores the mode.
///
/// On SQLite the server's own writers also queue for the file in turn ([`WriteTxn`]): SQLite has
/// one writer at a time, and a `BEGIN` that finds the lock taken sleeps in growing steps before it
/// tries again, so that under a rush the lock stood free while its waiters slept. Waiting in line
/// hands the lock on the moment it is free.
pub async fn begin_write(db: &DatabaseConnection) -> Result<WriteTxn, DbErr> {
    let turn = match db.get_database_backend() {
        DbBackend::Sqlite => {
            let line = writers_of(db);
            let turn = tokio::time::timeout(SQLITE_BUSY_TIMEOUT, line.lock_owned())
                .await
                .map_err(|_| DbErr::Custom("database is locked: no turn to write".to_owned()))?;
            Some(turn)
        }
        _ => None,
    };
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await?;
    Ok(WriteTxn { txn, _turn: turn })
}

/// The line of the server's writers to one SQLite file.
fn writers_of(db: &DatabaseConnection) -> Arc<tokio::sync::Mutex<()>> {
    static LINES: LazyLock<Mutex<HashMap<PathBuf, Arc<tokio::sync::Mutex<()>>>>> =
        LazyLock::new(Mutex::default);
    let file = db
        .get_sqlite_connection_pool()
        .connect_options()
        .get_filename()
        .to_path_buf();
    let mut lines = LINES.lock().unwrap_or_else(PoisonError::into_inner);
    lines.entry(file).or_default().clone()
}

/// A write transaction, holding on SQLite the server's turn to write until it ends.
pub struct WriteTxn {
    txn: DatabaseTransaction,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl WriteTxn {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

impl std::ops::Deref for WriteTxn {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

#[sea_orm::prelude::async_trait::async_trait]
impl ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.txn.support_returning()
    }
}

/// Ends a write transaction by its outcome: commits on success and rolls back on failure, waiting
/// for either. A transaction merely dropped rolls back later, and until then SQLite's one writer
/// lock stays taken.
pub async fn settle<T, E: From<DbErr>>(txn: WriteTxn, outcome: Result<T, E>) -> Result<T, E> {
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

/// A cheap round trip that proves the database answers.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.execute_unprepared("SELECT 1").await.map(|_| ())
}
