//! A consistent copy of the SQLite database while the server runs, and bringing one back.
//!
//! `VACUUM INTO` copies the database as one read transaction sees it: every transaction committed
//! before the copy began is in it, none that commits during the copy is half in it, and writers go
//! on meanwhile (WAL). PostgreSQL has its own tools (`pg_dump`, see the README).

use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::{Config, StartError};

fn refuse(problem: String) -> StartError {
    StartError::Command(problem)
}

/// The SQLite file behind the configuration, or why the command does not apply.
fn sqlite_file(config: &Config) -> Result<PathBuf, StartError> {
    if !config.database_url.starts_with("sqlite:") {
        return Err(refuse(
            "the database is PostgreSQL: back it up with pg_dump --format=custom and bring it \
             back with pg_restore (see the README's operations section)"
                .to_owned(),
        ));
    }
    config
        .sqlite_path()
        .ok_or_else(|| refuse("the database is in memory: there is no file to copy".to_owned()))
}

/// A backup, opened for reading only (and without the server's journal mode, which would write).
async fn read_only(path: &Path) -> Result<DatabaseConnection, StartError> {
    let url = format!("sqlite://{}?mode=ro", path.display());
    sea_orm::Database::connect(url).await.map_err(|err| {
        refuse(format!(
            "{} is not a whole SQLite database ({err})",
            path.display()
        ))
    })
}

/// Refuses a destination that exists: nothing is ever overwritten.
fn new_file(path: &Path) -> Result<(), StartError> {
    if path.exists() {
        return Err(refuse(format!(
            "{} exists already; name a new file (nothing is overwritten)",
            path.display()
        )));
    }
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|err| refuse(format!("cannot create the folder {}: {err}", dir.display())))?;
    }
    Ok(())
}

/// Copies the database `db` is connected to into the new file `to`.
async fn vacuum_into(db: &DatabaseConnection, to: &Path) -> Result<(), StartError> {
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        [to.display().to_string().into()],
    ))
    .await?;
    Ok(())
}

/// The first column of the first row of `sql`, if the query runs and gives one.
async fn single<T: sea_orm::TryGetable>(db: &DatabaseConnection, sql: &str) -> Option<T> {
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Sqlite, sql))
        .await
        .ok()??;
    row.try_get_by_index::<T>(0).ok()
}

/// Whether the file at `path` is a whole SQLite database of this product: SQLite's own check, and
/// the table of applied migrations.
async fn check(db: &DatabaseConnection, path: &Path) -> Result<(), StartError> {
    let verdict: Option<String> = single(db, "PRAGMA integrity_check").await;
    if verdict.as_deref() != Some("ok") {
        return Err(refuse(format!(
            "{} is not a whole SQLite database ({})",
            path.display(),
            verdict.unwrap_or_else(|| "unreadable".to_owned())
        )));
    }
    match single::<i64>(db, "SELECT COUNT(*) FROM seaql_migrations").await {
        Some(count) if count > 0 => Ok(()),
        _ => Err(refuse(format!(
            "{} is a SQLite database, but not one of this platform",
            path.display()
        ))),
    }
}

fn size(path: &Path) -> String {
    let bytes = std::fs::metadata(path).map(|meta| meta.len()).unwrap_or(0);
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// `school backup <file>`: a consistent copy of the running database into a new file.
pub async fn backup(config: &Config, to: &Path) -> Result<String, StartError> {
    let from = sqlite_file(config)?;
    if !from.exists() {
        return Err(refuse(format!(
            "there is no database at {}",
            from.display()
        )));
    }
    new_file(to)?;
    let db = app::db::connect(&config.database_url).await?;
    vacuum_into(&db, to).await?;
    db.close().await?;
    let copy = read_only(to).await?;
    check(&copy, to).await?;
    copy.close().await?;
    Ok(format!(
        "{} backed up into {} ({}), checked whole",
        from.display(),
        to.display(),
        size(to)
    ))
}

/// `school restore <file>`: a backup becomes the database, with the server stopped. The database
/// file must not exist yet: move the old one aside first, so that nothing is lost by mistake.
pub async fn restore(config: &Config, from: &Path) -> Result<String, StartError> {
    let to = sqlite_file(config)?;
    if !from.is_file() {
        return Err(refuse(format!("there is no backup at {}", from.display())));
    }
    // The -wal and -shm files too: SQLite would replay an old write-ahead log onto the backup.
    let leftovers: Vec<String> = sqlite_files(&to)
        .iter()
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !leftovers.is_empty() {
        return Err(refuse(format!(
            "{} exist(s): stop the server and move it aside first (nothing is overwritten)",
            leftovers.join(", ")
        )));
    }
    new_file(&to)?;
    let backup = read_only(from).await?;
    check(&backup, from).await?;
    vacuum_into(&backup, &to).await?;
    backup.close().await?;
    Ok(format!(
        "{} restored into {} ({}); start the server as usual (it brings the schema up to date)",
        from.display(),
        to.display(),
        size(&to)
    ))
}

/// A SQLite database's files: the database itself and the write-ahead log and shared-memory index
/// that WAL mode keeps beside it.
pub fn sqlite_files(database: &Path) -> [PathBuf; 3] {
    ["", "-wal", "-shm"].map(|suffix| {
        let mut file = database.as_os_str().to_owned();
        file.push(suffix);
        PathBuf::from(file)
    })
}
