//! Numbers with their unit, as the pages show them.

use crate::i18n::{number, Lang};

/// "15 / 20": points of a maximum.
pub fn points(lang: Lang, points: f64, max: f64) -> String {
    format!("{} / {}", number(lang, points), number(lang, max))
}

/// "1,2 MB" or "350 kB".
pub fn file_size(lang: Lang, bytes: i64) -> String {
    let bytes = bytes as f64;
    if bytes >= 1024.0 * 1024.0 {
        format!("{} MB", number(lang, bytes / 1024.0 / 1024.0))
    } else {
        format!("{} kB", number(lang, (bytes / 1024.0).max(0.1)))
    }
}
