//! A person's e-mail address: set, replaced (with the password), confirmed through a link.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};

use super::caller::Current;
use super::error::AuthError;
use super::mails::{confirmation_mail, email_changed_mail};
use super::passwords::{check_current_password, limit_password_attempts};
use super::rate_limit;
use super::sign_in::{limit, use_token};
use super::{tokens, Auth};
use crate::db::entities::sub_account;
use crate::db::entities::token::Purpose;
use crate::db::{begin_write, settle};
use crate::mail;

/// A light check: one `@`, something on both sides, a dot in the domain, no spaces.
pub fn parse_email(input: &str) -> Result<String, AuthError> {
    let email = input.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email.matches('@').count() == 1
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if valid {
        Ok(email)
    } else {
        Err(AuthError::InvalidEmail)
    }
}

/// Stores a (new) address as unconfirmed and mails a confirmation link bound to it. Replacing an
/// address asks for the current password, and the old address, if confirmed, is told. Links mailed
/// before (to confirm, or to set a password) stop working.
pub async fn set_email(
    db: &DatabaseConnection,
    auth: &Auth,
    current: &Current,
    input: &str,
    current_password: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let email = parse_email(input)?;
    limit(
        db,
        format!("mail:person:{}", current.person.id),
        rate_limit::MAIL_PER_ACCOUNT,
        now,
    )
    .await?;
    let person = sub_account::Entity::find_by_id(current.person.id)
        .one(db)
        .await?
        .ok_or(AuthError::NotFound)?;
    if person.email.as_deref().is_some_and(|old| old != email) {
        limit_password_attempts(db, &person, now).await?;
        let given = current_password.unwrap_or_default();
        check_current_password(db, auth, person.id, given, now).await?;
    }
    let txn = begin_write(db).await?;
    let outcome: Result<(), AuthError> = async {
        let mut changed: sub_account::ActiveModel = person.clone().into();
        changed.email = Set(Some(email.clone()));
        changed.email_confirmed_at = Set(None);
        changed.update(&txn).await?;
        tokens::revoke(
            &txn,
            person.id,
            &[Purpose::ConfirmEmail, Purpose::ResetPassword],
        )
        .await?;
        let token =
            tokens::issue(&txn, person.id, Purpose::ConfirmEmail, Some(&email), now).await?;
        mail::enqueue(&txn, confirmation_mail(auth, &person, &email, &token)).await?;
        if let Some(old) = person.confirmed_email().filter(|old| *old != email) {
            mail::enqueue(&txn, email_changed_mail(auth, &person, old, &email)).await?;
        }
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

/// Confirms the address a link was sent to, if it is still the person's address.
pub async fn confirm_email(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let txn = begin_write(db).await?;
    let outcome: Result<(), AuthError> = async {
        let (used, person) = use_token(&txn, token, Purpose::ConfirmEmail, now).await?;
        if used.email.is_none() || person.email != used.email {
            return Err(AuthError::InvalidToken);
        }
        let mut confirmed: sub_account::ActiveModel = person.into();
        confirmed.email_confirmed_at = Set(Some(now));
        confirmed.update(&txn).await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}
