//! Numbers with their unit, as the pages show them.

use leptos::prelude::use_context;

use crate::i18n::{number, tr_fill, use_lang, Key, Lang};
use crate::models::UploadLimits;

/// "15 / 20": points of a maximum.
pub fn points(lang: Lang, points: f64, max: f64) -> String {
    format!("{} / {}", number(lang, points), number(lang, max))
}

/// "1,2 MB" or "350 kB" ("1,2 Mo", "350 ko" in French).
pub fn file_size(lang: Lang, bytes: i64) -> String {
    let (mega, kilo) = match lang {
        Lang::Fr => ("Mo", "ko"),
        Lang::Nl | Lang::En => ("MB", "kB"),
    };
    let bytes = bytes as f64;
    if bytes >= 1024.0 * 1024.0 {
        format!("{} {mega}", number(lang, bytes / 1024.0 / 1024.0))
    } else {
        format!("{} {kilo}", number(lang, (bytes / 1024.0).max(0.1)))
    }
}

/// The hint beside a file field: "Maximaal 5 MB per bestand.", with what this server accepts
/// (the page harness provides the limits).
pub fn file_limit_hint() -> String {
    limit_hint(Key::MaxSize, |limits| limits.file)
}

/// The hint beside a message's attachments: "Samen hoogstens 10 MB.".
pub fn message_limit_hint() -> String {
    limit_hint(Key::AttachHint, |limits| limits.message)
}

fn limit_hint(key: Key, bytes: fn(&UploadLimits) -> usize) -> String {
    let limits = use_context::<UploadLimits>().unwrap_or_default();
    let size = file_size(
        use_lang(),
        i64::try_from(bytes(&limits)).unwrap_or(i64::MAX),
    );
    tr_fill(key, &[&size])
}
