//! Server-side sessions, bound to one sub-account and kept in the database so that several app
//! servers can share them.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::secrets::{digest, new_token};
use crate::db::entities::{session, sign_in};
use crate::models::Device;

/// The session cookie's name over plain http (a machine of one's own, a test).
pub const COOKIE: &str = "sid";
/// Its name over https. Browsers accept a `__Host-` cookie only with `Secure`, `Path=/` and no
/// `Domain`, and only from the host itself: a neighbouring subdomain or a plain-http answer
/// cannot plant or overwrite it.
pub const SECURE_COOKIE: &str = "__Host-sid";
/// How long sessions last: the server's settings (`SESSION_IDLE_MINUTES`, `SESSION_MAX_HOURS`,
/// `SESSION_REMEMBERED_DAYS`), two hours, a day and thirty days unless set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lifetimes {
    /// Signed out after this long without a request.
    pub idle: Duration,
    /// Signed out after this long whatever happens.
    pub absolute: Duration,
    /// With "Aanmelden blijven op dit toestel": signed out after this long without a request, on
    /// a phone that is the person's own.
    pub remembered: Duration,
}

impl Default for Lifetimes {
    fn default() -> Self {
        Lifetimes {
            idle: Duration::hours(2),
            absolute: Duration::hours(24),
            remembered: Duration::days(30),
        }
    }
}
/// `last_seen_at` is written at most this often, to spare the database a write per request.
const TOUCH_EVERY: Duration = Duration::minutes(1);
/// How many of a person's sign-ins are kept for their own list.
pub const SIGN_INS_KEPT: u64 = 10;

/// Starts a session on `device` and returns the token for the cookie.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    lifetimes: &Lifetimes,
    sub_account_id: i32,
    device: &Device,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = new_token();
    session::ActiveModel {
        id: Set(digest(&token)),
        sub_account_id: Set(sub_account_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + lifetimes.absolute),
        selected_id: Set(None),
        remembered: Set(false),
        browser: Set(device.browser.clone()),
        system: Set(device.system.clone()),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Writes down a sign-in for the person's own list, which keeps the last [`SIGN_INS_KEPT`].
pub async fn record_sign_in<C: ConnectionTrait>(
    db: &C,
    sub_account_id: i32,
    device: &Device,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    sign_in::ActiveModel {
        sub_account_id: Set(sub_account_id),
        at: Set(now),
        browser: Set(device.browser.clone()),
        system: Set(device.system.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let kept = Query::select()
        .column(sign_in::Column::Id)
        .from(sign_in::Entity)
        .and_where(sign_in::Column::SubAccountId.eq(sub_account_id))
        .order_by(sign_in::Column::At, sea_orm::Order::Desc)
        .order_by(sign_in::Column::Id, sea_orm::Order::Desc)
        .limit(SIGN_INS_KEPT)
        .to_owned();
    sign_in::Entity::delete_many()
        .filter(sign_in::Column::SubAccountId.eq(sub_account_id))
        .filter(sign_in::Column::Id.not_in_subquery(kept))
        .exec(db)
        .await?;
    Ok(())
}

/// The sign-ins that `whose` (a condition on `sign_in`) allows, the latest first.
pub async fn sign_ins<C: ConnectionTrait>(
    db: &C,
    whose: Condition,
) -> Result<Vec<sign_in::Model>, DbErr> {
    sign_in::Entity::find()
        .filter(whose)
        .order_by_desc(sign_in::Column::At)
        .order_by_desc(sign_in::Column::Id)
        .limit(SIGN_INS_KEPT)
        .all(db)
        .await
}

/// The live sessions that `whose` (a condition on `session`) allows, the latest used first.
pub async fn open<C: ConnectionTrait>(
    db: &C,
    lifetimes: &Lifetimes,
    whose: Condition,
    now: DateTime<Utc>,
) -> Result<Vec<session::Model>, DbErr> {
    session::Entity::find()
        .filter(whose)
        .filter(live(lifetimes, now))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await
}

/// The sessions still alive at `now`: before their absolute end and used within their idle time
/// (on a remembered device, the remembered one). [`find`] applies the same rule to one.
fn live(lifetimes: &Lifetimes, now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(session::Column::ExpiresAt.gt(now))
        .add(
            Condition::any()
                .add(
                    Condition::all()
                        .add(session::Column::Remembered.eq(false))
                        .add(session::Column::LastSeenAt.gt(now - lifetimes.idle)),
                )
                .add(
                    Condition::all()
                        .add(session::Column::Remembered.eq(true))
                        .add(session::Column::LastSeenAt.gt(now - lifetimes.remembered)),
                ),
        )
}

/// Removes every session that has ended by `now`, most of them never signed out of; answers how
/// many. A session is otherwise only removed when its cookie comes back.
pub async fn prune_ended<C: ConnectionTrait>(
    db: &C,
    lifetimes: &Lifetimes,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let ended = session::Entity::delete_many()
        .filter(live(lifetimes, now).not())
        .exec(db)
        .await?;
    Ok(ended.rows_affected)
}

/// Ends the session whose stored id is `handle`, if `whose` allows it; whether there was one.
pub async fn end_handle<C: ConnectionTrait>(
    db: &C,
    whose: Condition,
    handle: &str,
) -> Result<bool, DbErr> {
    let ended = session::Entity::delete_many()
        .filter(whose)
        .filter(session::Column::Id.eq(handle))
        .exec(db)
        .await?;
    Ok(ended.rows_affected > 0)
}

/// The stored id of the session behind `token`: what [`end_handle`] takes.
pub fn handle_of(token: &str) -> String {
    digest(token)
}

/// Keeps the session of `token` on this device: the remembered lifetime from each use instead of
/// the idle and absolute ones.
pub async fn remember<C: ConnectionTrait>(
    db: &C,
    lifetimes: &Lifetimes,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::Remembered, Expr::value(true))
        .col_expr(
            session::Column::ExpiresAt,
            Expr::value(now + lifetimes.remembered),
        )
        .filter(session::Column::Id.eq(digest(token)))
        .exec(db)
        .await?;
    Ok(())
}

/// Whether `found` (read with its person, see [`super::family::read`]) is still live: an expired
/// or idle session is removed. A remembered session is renewed with use.
pub(super) async fn still_live<C: ConnectionTrait>(
    db: &C,
    lifetimes: &Lifetimes,
    found: session::Model,
    now: DateTime<Utc>,
) -> Result<Option<session::Model>, DbErr> {
    let idle = if found.remembered {
        lifetimes.remembered
    } else {
        lifetimes.idle
    };
    if found.expires_at <= now || found.last_seen_at + idle <= now {
        session::Entity::delete_by_id(found.id).exec(db).await?;
        return Ok(None);
    }
    if found.last_seen_at + TOUCH_EVERY <= now {
        let mut touched: session::ActiveModel = found.clone().into();
        touched.last_seen_at = Set(now);
        if found.remembered {
            touched.expires_at = Set(now + lifetimes.remembered);
        }
        touched.update(db).await?;
    }
    Ok(Some(found))
}

pub async fn end<C: ConnectionTrait>(db: &C, token: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(digest(token))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a sub-account but `keep` (the one making the change, if any).
pub async fn end_all_of<C: ConnectionTrait>(
    db: &C,
    sub_account_id: i32,
    keep: Option<&str>,
) -> Result<(), DbErr> {
    let mut query =
        session::Entity::delete_many().filter(session::Column::SubAccountId.eq(sub_account_id));
    if let Some(token) = keep {
        query = query.filter(session::Column::Id.ne(digest(token)));
    }
    query.exec(db).await?;
    Ok(())
}

/// The session cookie's name: [`SECURE_COOKIE`] when the site is served over https.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_COOKIE
    } else {
        COOKIE
    }
}

/// The `Set-Cookie` value that stores `token`, for as long as the session can last (its absolute
/// lifetime, or a remembered session's). `Secure` (and the `__Host-` name) when the site is
/// served over https.
pub fn cookie(token: &str, lifetimes: &Lifetimes, secure: bool, remembered: bool) -> String {
    let lasts = if remembered {
        lifetimes.remembered
    } else {
        lifetimes.absolute
    };
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        cookie_name(secure),
        lasts.num_seconds(),
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clearing_cookie(secure: bool) -> String {
    format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    )
}

/// The session token in a `Cookie` request header, if any. Over https only the `__Host-` cookie
/// counts: a plain `sid` there may have been planted by a neighbouring subdomain.
pub fn token_from_cookie_header(header: &str, secure: bool) -> Option<&str> {
    let name = cookie_name(secure);
    header
        .split(';')
        .filter_map(|pair| pair.split_once('='))
        .find(|(found, _)| found.trim() == name)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::{clearing_cookie, cookie, token_from_cookie_header, Lifetimes};

    #[test]
    fn over_https_the_session_cookie_is_a_host_cookie() {
        let secure = cookie("abc", &Lifetimes::default(), true, false);
        assert!(secure.starts_with("__Host-sid=abc; Path=/;"), "{secure}");
        assert!(
            secure.ends_with("; Secure") && !secure.contains("Domain"),
            "{secure}"
        );
        assert!(clearing_cookie(true).starts_with("__Host-sid=;"));
        let plain = cookie("abc", &Lifetimes::default(), false, true);
        assert!(
            plain.starts_with("sid=abc; Path=/;") && !plain.contains("Secure"),
            "{plain}"
        );
        assert!(secure.contains("Max-Age=86400"), "a day: {secure}");
        assert!(plain.contains("Max-Age=2592000"), "kept 30 days: {plain}");
        assert!(clearing_cookie(false).starts_with("sid=;"));
    }

    #[test]
    fn only_the_cookie_of_the_mode_is_read() {
        let header = "lang=nl; sid=plain; __Host-sid=secure";
        assert_eq!(token_from_cookie_header(header, true), Some("secure"));
        assert_eq!(token_from_cookie_header(header, false), Some("plain"));
        assert_eq!(token_from_cookie_header("sid=planted", true), None);
        assert_eq!(token_from_cookie_header("__Host-sid=x", false), None);
        assert_eq!(token_from_cookie_header("sid=", false), None);
    }
}
