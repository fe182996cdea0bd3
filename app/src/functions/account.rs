//! The sign-in flows as server functions. Each works from a plain form before the wasm has loaded:
//! on success it redirects to the next page; an error comes back to the form.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{KeptForm, Me};

#[cfg(feature = "ssr")]
mod ssr {
    use crate::auth::Current;
    use crate::error::AppError;
    use crate::models::{Me, PlatformSummary};

    /// The signed-in person; for a co-account also the child it sees.
    pub async fn me(current: &Current) -> Result<Me, AppError> {
        use crate::models::Role;
        use crate::visibility::{family_scopes, role_of};
        let role = role_of(current);
        let (child, children) = if role == Role::CoAccount {
            // The family's children in a fixed number of queries; the one shown is the selected
            // child's, or the person's own.
            let db = crate::functions::ssr::db()?;
            let scopes = family_scopes(current)?;
            let acting = current
                .selected
                .as_ref()
                .map_or(current.account.id, |member| member.account.id);
            let children = crate::services::school::pupils_of(
                &db,
                &scopes.iter().map(|(_, scope)| scope).collect::<Vec<_>>(),
            )
            .await?;
            let child = scopes
                .iter()
                .zip(&children)
                .find(|((_, scope), _)| scope.account.id == acting)
                .map(|(_, child)| child.clone())
                .ok_or(AppError::Forbidden)?;
            (Some(child), children)
        } else {
            (None, Vec::new())
        };
        Ok(Me {
            first_name: current.person.first_name.clone(),
            display_name: current.person.display_name(),
            relation: current.person.relation.clone(),
            username: current.account.username.clone(),
            school: PlatformSummary {
                slug: current.platform.slug.clone(),
                name: current.platform.name.clone(),
                city: current.platform.city.clone(),
            },
            email: current.person.email.clone(),
            email_confirmed: current.person.email_confirmed_at.is_some(),
            must_change_password: current.person.must_change_password,
            role,
            child,
            children,
            unread_messages: crate::visibility::unread_messages(current)?,
            notify_messages: current.person.notify_messages,
            upload_limits: crate::functions::ssr::upload_limits()?,
        })
    }

    /// Where a person goes after signing in or changing the start password.
    pub fn next_page(current_must_change: bool, has_email: bool) -> &'static str {
        if current_must_change {
            crate::url::Blocked::StartPassword.page()
        } else if !has_email {
            "/e-mailadres"
        } else {
            "/start"
        }
    }
}

/// The signed-in person, or nothing. Pages use it to decide what to show.
#[server]
pub async fn signed_in_person() -> Result<Option<Me>, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::signed_in_anyway;
        match signed_in_anyway().await {
            Ok((current, token)) => {
                // A kept session's cookie lasts 30 days from each visit, like the session.
                if current.stays_signed_in {
                    let auth = crate::functions::ssr::auth()?;
                    crate::functions::ssr::set_cookie(crate::auth::sessions::cookie(
                        &token,
                        &auth.sessions,
                        auth.secure_cookies,
                        true,
                    ));
                }
                Ok(Some(ssr::me(&current).await?))
            }
            Err(AppError::SignedOut) => Ok(None),
            Err(other) => Err(other),
        }
    })
    .await
}

/// What was typed in the form that was refused on this page, if any: this session's, or the one
/// the cookie carries for a form posted without a session; read once (see `services::kept_forms`).
#[server]
pub async fn load_kept_form() -> Result<Option<KeptForm>, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{cookie_header, db, session_token};
        use crate::services::kept_forms::{from_cookie_header, take, KeptCookie};
        match cookie_header().as_deref().and_then(from_cookie_header) {
            None => Ok(None),
            Some(KeptCookie::Carried(form)) => Ok(Some(form)),
            Some(KeptCookie::Key(key)) => match session_token() {
                Some(token) => Ok(take(&db()?, &token, key, chrono::Utc::now()).await?),
                None => Ok(None),
            },
        }
    })
    .await
}

/// Signs in; `remember` ("Aanmelden blijven op dit toestel") keeps the session for 30 days from
/// each use instead of two hours.
#[server]
pub async fn sign_in(
    platform: String,
    username: String,
    password: String,
    #[server(default)] remember: Option<String>,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::auth::sessions;
        use crate::functions::ssr::{auth, client, db, device, session_token, set_cookie};
        let auth = auth()?;
        let db = db()?;
        let now = chrono::Utc::now();
        let client = crate::auth::Client {
            address: client(),
            device: device(),
        };
        let signed_in =
            crate::auth::sign_in(&db, &auth, &platform, &username, &password, client, now).await?;
        let remembered = remember.is_some();
        if remembered {
            sessions::remember(&db, &auth.sessions, &signed_in.session_token, now).await?;
        }
        // A new session id at every sign-in; the one this browser had ends.
        if let Some(old) = session_token() {
            sessions::end(&db, &old).await?;
        }
        set_cookie(sessions::cookie(
            &signed_in.session_token,
            &auth.sessions,
            auth.secure_cookies,
            remembered,
        ));
        let person = signed_in.person;
        leptos_axum::redirect(ssr::next_page(
            person.must_change_password,
            person.email.is_some(),
        ));
        Ok(())
    })
    .await
}

#[server]
pub async fn sign_out() -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{auth, db, session_token, set_cookie};
        let auth = auth()?;
        if let Some(token) = session_token() {
            crate::auth::sessions::end(&db()?, &token).await?;
        }
        set_cookie(crate::auth::sessions::clearing_cookie(auth.secure_cookies));
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}

#[server]
pub async fn change_password(
    current_password: String,
    new_password: String,
    repeat_password: String,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{auth, db, signed_in_anyway};
        let (current, token) = signed_in_anyway().await?;
        crate::auth::change_password(
            &db()?,
            &auth()?,
            &current,
            &token,
            &current_password,
            &new_password,
            &repeat_password,
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect(ssr::next_page(false, current.person.email.is_some()));
        Ok(())
    })
    .await
}

/// Sets the person's address; replacing one needs `current_password`.
#[server]
pub async fn set_email(email: String, current_password: Option<String>) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{auth, db, signed_in};
        let (current, _) = signed_in().await?;
        crate::auth::set_email(
            &db()?,
            &auth()?,
            &current,
            &email,
            current_password.as_deref(),
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect("/start");
        Ok(())
    })
    .await
}

#[server]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::db;
        crate::auth::confirm_email(&db()?, &token, chrono::Utc::now()).await?;
        leptos_axum::redirect("/gelukt?wat=e-mail");
        Ok(())
    })
    .await
}

/// Always answers the same way, whatever it found, so it cannot tell who has an account.
#[server]
pub async fn request_password_reset(platform: String, username: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{auth, client, db};
        crate::auth::request_password_reset(
            &db()?,
            &auth()?,
            &platform,
            &username,
            &client(),
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect("/gelukt?wat=link-verstuurd");
        Ok(())
    })
    .await
}

#[server]
pub async fn reset_password(
    token: String,
    new_password: String,
    repeat_password: String,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{auth, db};
        crate::auth::reset_password(
            &db()?,
            &auth()?,
            &token,
            &new_password,
            &repeat_password,
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect("/gelukt?wat=wachtwoord");
        Ok(())
    })
    .await
}

#[server]
pub async fn reactivate_account(token: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{client, db};
        let db = db()?;
        let now = chrono::Utc::now();
        if !crate::auth::rate_limit::allow(
            &db,
            &format!("token:client:{}", client()),
            crate::auth::rate_limit::TOKEN_PER_CLIENT,
            now,
        )
        .await?
        {
            return Err(AppError::RateLimited);
        }
        crate::auth::reactivate(&db, &token, now).await?;
        leptos_axum::redirect("/gelukt?wat=geactiveerd");
        Ok(())
    })
    .await
}

/// A school admin enables a person of their own school again (disabled, or locked out).
#[server]
pub async fn enable_account(username: String, index: i16) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        let admin = crate::visibility::school_admin(&current)?;
        let db = db()?;
        let target = admin
            .person(&db, &username, index)
            .await?
            .ok_or(AppError::NotFound)?;
        crate::auth::enable(&db, target.id).await?;
        Ok(())
    })
    .await
}
