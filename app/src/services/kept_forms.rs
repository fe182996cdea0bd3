//! Forms kept for the way back. A form posted before the wasm has loaded that a server function
//! refuses comes back to its page with the reason; what was typed comes back through here. The
//! server keeps the posted fields (never a password or a token) under a random key that the
//! browser holds in a short-lived cookie, bound to the session that posted them; the page reads
//! them once.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use uuid::Uuid;

use crate::auth::secrets::digest;
use crate::db::entities::kept_form;
use crate::models::KeptForm;

/// The cookie that names the kept form.
pub const COOKIE: &str = "kept_form";
/// How long a kept form waits for its page.
pub const KEPT_FOR: Duration = Duration::minutes(10);

/// The `Set-Cookie` value that hands `key` to the browser.
pub fn cookie(key: Uuid, secure: bool) -> String {
    format!(
        "{COOKIE}={key}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        KEPT_FOR.num_seconds(),
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that removes it.
pub fn clearing_cookie(secure: bool) -> String {
    format!(
        "{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The kept form's key in a `Cookie` request header, if any.
pub fn key_from_cookie_header(header: &str) -> Option<Uuid> {
    header
        .split(';')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| name.trim() == COOKIE)
        .and_then(|(_, value)| Uuid::parse_str(value.trim()).ok())
}

/// Keeps the urlencoded `body` that the session `token` (empty for a form posted without a
/// session, the sign-in) posted to `action` from `page` (a path with its query); answers the key
/// for the cookie. Kept forms older than [`KEPT_FOR`] go.
pub async fn keep<C: ConnectionTrait>(
    db: &C,
    token: &str,
    action: &str,
    page: &str,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    kept_form::Entity::delete_many()
        .filter(kept_form::Column::CreatedAt.lt(now - KEPT_FOR))
        .exec(db)
        .await?;
    let fields = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form_urlencoded::parse(body).filter(|(name, _)| !KeptForm::is_secret(name)))
        .finish();
    let key = Uuid::new_v4();
    kept_form::ActiveModel {
        key: Set(key),
        session_id: Set(digest(token)),
        action: Set(action.chars().take(200).collect()),
        page: Set(page.chars().take(2000).collect()),
        fields: Set(fields),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(key)
}

/// The form kept under `key` for the session `token`, read once: another session's, or one
/// older than [`KEPT_FOR`], is none.
pub async fn take<C: ConnectionTrait>(
    db: &C,
    token: &str,
    key: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<KeptForm>, DbErr> {
    let Some(found) = kept_form::Entity::find()
        .filter(kept_form::Column::Key.eq(key))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if found.session_id != digest(token) {
        return Ok(None);
    }
    kept_form::Entity::delete_by_id(found.id).exec(db).await?;
    if found.created_at + KEPT_FOR <= now {
        return Ok(None);
    }
    let (path, query) = found
        .page
        .split_once('?')
        .unwrap_or((found.page.as_str(), ""));
    let query: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    Ok(Some(KeptForm {
        action: found.action,
        path: path.to_owned(),
        query: KeptForm::page_query(query),
        fields: form_urlencoded::parse(found.fields.as_bytes())
            .into_owned()
            .collect(),
    }))
}
