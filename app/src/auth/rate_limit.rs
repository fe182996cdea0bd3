//! Fixed-window rate limits kept in the database, so that every app server counts the same hits.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

/// A limit: at most `hits` per `window_secs`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub hits: i32,
    pub window_secs: i64,
}

pub const SIGN_IN_PER_CLIENT: Limit = Limit {
    hits: 30,
    window_secs: 300,
};
pub const SIGN_IN_PER_ACCOUNT: Limit = Limit {
    hits: 20,
    window_secs: 300,
};
pub const MAIL_PER_CLIENT: Limit = Limit {
    hits: 10,
    window_secs: 3600,
};
pub const MAIL_PER_ACCOUNT: Limit = Limit {
    hits: 5,
    window_secs: 3600,
};
/// Password changes (and resets through a link) per person, and per username: each attempt that
/// hits another person's password costs that person their password, so guessing is worthless, and
/// these keep it slow as well.
pub const PASSWORD_PER_PERSON: Limit = Limit {
    hits: 10,
    window_secs: 900,
};
pub const PASSWORD_PER_ACCOUNT: Limit = Limit {
    hits: 20,
    window_secs: 900,
};
pub const TOKEN_PER_CLIENT: Limit = Limit {
    hits: 20,
    window_secs: 3600,
};
/// Messages one person sends in ten minutes (drafts do not count): more than a busy teacher
/// needs, too few for a taken-over account to flood a school.
pub const MESSAGES_PER_PERSON: Limit = Limit {
    hits: 30,
    window_secs: 600,
};

/// Counts one hit on `key` and says whether it is within `limit`. One atomic upsert; a hit over
/// the limit is logged.
pub async fn allow<C: ConnectionTrait>(
    db: &C,
    key: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let now = now.timestamp();
    let window_start = now - now.rem_euclid(limit.window_secs);
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "INSERT INTO rate_limit (key, window_start, hits) VALUES ($1, $2, 1) \
             ON CONFLICT (key) DO UPDATE SET \
               hits = CASE WHEN rate_limit.window_start = EXCLUDED.window_start THEN rate_limit.hits + 1 ELSE 1 END, \
               window_start = EXCLUDED.window_start \
             RETURNING hits"
        }
        _ => {
            "INSERT INTO rate_limit (key, window_start, hits) VALUES (?, ?, 1) \
             ON CONFLICT (key) DO UPDATE SET \
               hits = CASE WHEN rate_limit.window_start = excluded.window_start THEN rate_limit.hits + 1 ELSE 1 END, \
               window_start = excluded.window_start \
             RETURNING hits"
        }
    };
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [key.into(), window_start.into()],
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("rate limit upsert returned nothing".to_owned()))?;
    let hits: i32 = row.try_get_by_index(0)?;
    let allowed = hits <= limit.hits;
    if !allowed {
        // A key names an address, a username or a person: the log gets a fingerprint that tells
        // repeats apart, not the personal data.
        let fingerprint = &super::secrets::digest(key)[..12];
        tracing::warn!(fingerprint, "rate limit reached");
    }
    Ok(allowed)
}
