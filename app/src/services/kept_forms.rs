//! Forms kept for the way back. A form that a server function refuses comes back to its page with
//! the reason; what was typed comes back through here, never a password or a token. For a signed-in
//! session the server keeps the posted fields under a random key that the browser holds in a
//! short-lived cookie, bound to that session; a form posted without a session (the sign-in pages)
//! carries its fields in the cookie itself, so that a refused post writes nothing, whoever sends
//! it and however often. The page reads them once.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
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

/// The most a form carried in its cookie may take, so that the cookie stays well within what
/// browsers keep.
const CARRIED_MAX: usize = 1500;
/// How a carried form's cookie value begins (a key never does: it is a UUID).
const CARRIED: &str = "c.";

/// The `Set-Cookie` value that hands `key` to the browser.
pub fn cookie(key: Uuid, secure: bool) -> String {
    cookie_with(&key.to_string(), secure)
}

fn cookie_with(value: &str, secure: bool) -> String {
    format!(
        "{COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        KEPT_FOR.num_seconds(),
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that carries the urlencoded `body` posted without a session to
/// `action` from `page` back to that page; none for a form too large to carry.
pub fn carried_cookie(action: &str, page: &str, body: &[u8], secure: bool) -> Option<String> {
    let carried = form_urlencoded::Serializer::new(String::new())
        .append_pair("action", action)
        .append_pair("page", page)
        .append_pair("fields", &unsecret(body))
        .finish();
    let value = format!("{CARRIED}{}", URL_SAFE_NO_PAD.encode(carried));
    (value.len() <= CARRIED_MAX).then(|| cookie_with(&value, secure))
}

/// A form carried in the cookie's `value`.
fn carried(value: &str) -> Option<KeptForm> {
    let decoded = URL_SAFE_NO_PAD.decode(value.strip_prefix(CARRIED)?).ok()?;
    let mut action = None;
    let mut page = None;
    let mut fields = None;
    for (name, value) in form_urlencoded::parse(&decoded) {
        match name.as_ref() {
            "action" => action = Some(value.into_owned()),
            "page" => page = Some(value.into_owned()),
            "fields" => fields = Some(value.into_owned()),
            _ => {}
        }
    }
    Some(kept_form(action?, &page?, &fields?))
}

/// The urlencoded `body` without its secrets.
fn unsecret(body: &[u8]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form_urlencoded::parse(body).filter(|(name, _)| !KeptForm::is_secret(name)))
        .finish()
}

/// The form `action` posted from `page` (a path with its query) with the urlencoded `fields`.
fn kept_form(action: String, page: &str, fields: &str) -> KeptForm {
    let (path, query) = page.split_once('?').unwrap_or((page, ""));
    let query: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    KeptForm {
        action,
        path: path.to_owned(),
        query: KeptForm::page_query(query),
        fields: form_urlencoded::parse(fields.as_bytes())
            .into_owned()
            .collect(),
    }
}

/// The `Set-Cookie` value that removes it.
pub fn clearing_cookie(secure: bool) -> String {
    format!(
        "{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

/// What the kept-form cookie holds: the key of a form kept for a session, or a form carried in it.
pub enum KeptCookie {
    Key(Uuid),
    Carried(KeptForm),
}

/// The kept-form cookie in a `Cookie` request header, if it holds one.
pub fn from_cookie_header(header: &str) -> Option<KeptCookie> {
    let (_, value) = header
        .split(';')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| name.trim() == COOKIE)?;
    match Uuid::parse_str(value.trim()) {
        Ok(key) => Some(KeptCookie::Key(key)),
        Err(_) => carried(value.trim()).map(KeptCookie::Carried),
    }
}

/// Keeps the urlencoded `body` that the session `token` posted to `action` from `page` (a path
/// with its query); answers the key for the cookie. Kept forms older than [`KEPT_FOR`] go.
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
    let fields = unsecret(body);
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
    Ok(Some(kept_form(found.action, &found.page, &found.fields)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value of a `Set-Cookie` line, as the browser sends it back.
    fn sent_back(set_cookie: &str) -> String {
        set_cookie.split(';').next().unwrap_or_default().to_owned()
    }

    #[test]
    fn a_form_without_a_session_travels_in_its_cookie_without_its_password() {
        let body = b"platform=sintclara&username=lotte.peeters&password=Geheim-2026&remember=1";
        let cookie = carried_cookie("/api/sign_in1", "/sintclara?x=1", body, true)
            .expect("small enough to carry");
        assert!(cookie.contains("HttpOnly") && cookie.contains("Secure"));
        let header = format!("sid=abc; {}", sent_back(&cookie));
        let Some(KeptCookie::Carried(form)) = from_cookie_header(&header) else {
            panic!("a carried form in {header}");
        };
        assert!(form.is_for("/api/sign_in1", "/sintclara", &[("x".into(), "1".into())]));
        assert_eq!(form.value("username"), Some("lotte.peeters"));
        assert_eq!(form.value("remember"), Some("1"));
        assert_eq!(form.value("password"), None);
    }

    #[test]
    fn a_form_too_large_to_carry_is_not_kept() {
        let body = format!("username={}", "a".repeat(CARRIED_MAX));
        assert_eq!(
            carried_cookie("/api/sign_in1", "/sintclara", body.as_bytes(), false),
            None
        );
    }

    #[test]
    fn a_key_names_a_form_kept_for_a_session_and_a_cleared_cookie_nothing() {
        let key = Uuid::new_v4();
        assert!(matches!(
            from_cookie_header(&sent_back(&cookie(key, false))),
            Some(KeptCookie::Key(found)) if found == key
        ));
        assert!(from_cookie_header(&sent_back(&clearing_cookie(false))).is_none());
        assert!(from_cookie_header("kept_form=c.bm90LWEtZm9ybQ").is_none());
    }
}
