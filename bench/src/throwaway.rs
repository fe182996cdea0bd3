//! The throw-away SQLite files the measurements run on.

use std::path::Path;

/// Removes a SQLite file with the files WAL mode keeps beside it.
pub(crate) fn remove_sqlite(path: &Path) {
    for file in server::backup::sqlite_files(path) {
        let _ = std::fs::remove_file(file);
    }
}
