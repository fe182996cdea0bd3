//! The throw-away SQLite files the measurements run on.

use std::path::Path;

/// Removes a SQLite file with the write-ahead log and shared-memory index that WAL mode keeps
/// beside it.
pub(crate) fn remove_sqlite(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.to_path_buf().into_os_string();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}
