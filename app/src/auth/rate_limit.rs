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

/// The longest window of any limit here: a row whose window began before this is over.
const LONGEST_WINDOW_SECS: i64 = 3600;

/// Removes the counts whose window is over by `now`; answers how many. Their keys name addresses
/// and usernames, which are kept no longer than a limit needs them.
pub async fn prune<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "DELETE FROM rate_limit WHERE window_start < $1",
        _ => "DELETE FROM rate_limit WHERE window_start < ?",
    };
    let over = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [(now.timestamp() - LONGEST_WINDOW_SECS).into()],
        ))
        .await?;
    Ok(over.rows_affected())
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_limit_outlasts_the_window_that_pruning_keeps() {
        for limit in [
            SIGN_IN_PER_CLIENT,
            SIGN_IN_PER_ACCOUNT,
            MAIL_PER_CLIENT,
            MAIL_PER_ACCOUNT,
            PASSWORD_PER_PERSON,
            PASSWORD_PER_ACCOUNT,
            TOKEN_PER_CLIENT,
            MESSAGES_PER_PERSON,
        ] {
            assert!(limit.window_secs <= LONGEST_WINDOW_SECS, "{limit:?}");
        }
    }
}
