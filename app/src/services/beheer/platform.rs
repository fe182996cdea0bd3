//! A new school from nothing: the platform, its first admin and the admin's start password.
//! Run from the command line by whoever runs the server; the admin then works in the browser.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::{audit, BeheerError};
use crate::auth::password::{self, Cost};
use crate::auth::{start_password, Auth, AuthError};
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::{platform, sub_account};
use crate::db::{begin_write, settle};
use crate::models::AuditAction;

/// The first admin's username on every new platform.
pub const FIRST_ADMIN: &str = "beheer";

/// How many co-accounts a pupil may have until the school changes it.
pub const DEFAULT_MAX_CO_ACCOUNTS: i32 = 2;

/// The first words of addresses that belong to the product, not to a school: a platform's
/// sign-in page is `/<slug>`, so a slug must never take one of them.
const RESERVED: [&str; 36] = [
    "agenda",
    "api",
    "beheer",
    "berichten",
    "e-mail-bevestigen",
    "e-mailadres",
    "favicon.svg",
    "gelukt",
    "healthz",
    "heractiveren",
    "hulp",
    "icons",
    "kalender",
    "kinderen-toevoegen",
    "live-sessies",
    "lvs",
    "manifest",
    "meldingen",
    "metrics",
    "mijn-documenten",
    "mijn-kinderen",
    "nieuw",
    "oudercontact",
    "pkg",
    "planning",
    "resultaten",
    "start",
    "app",
    "taal",
    "toegang",
    "vakken",
    "wachtwoord-herstellen",
    "wachtwoord-vergeten",
    "wachtwoord-wijzigen",
    "static",
    "admin",
];

/// A platform address as given, or why it cannot be one.
pub fn check_slug(slug: &str) -> Result<String, String> {
    let slug = slug.trim();
    let safe = slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !(3..=40).contains(&slug.len()) {
        return Err(format!(
            "'{slug}' cannot be a platform address: use 3 to 40 characters"
        ));
    }
    if !safe || !slug.starts_with(|c: char| c.is_ascii_lowercase()) || slug.ends_with('-') {
        return Err(format!(
            "'{slug}' cannot be a platform address: use lowercase letters a-z, digits and '-', \
             beginning with a letter and not ending with '-' (for example 'sintjan-brugge')"
        ));
    }
    if RESERVED.contains(&slug) {
        return Err(format!(
            "'{slug}' cannot be a platform address: the product uses /{slug} itself"
        ));
    }
    Ok(slug.to_owned())
}

/// What a new platform's operator must hand to its first admin.
pub struct NewPlatform {
    pub slug: String,
    pub admin_username: String,
    pub start_password: String,
}

pub async fn create(
    db: &DatabaseConnection,
    auth: &Auth,
    slug: &str,
    name: &str,
    city: &str,
    now: DateTime<Utc>,
) -> Result<NewPlatform, BeheerError> {
    let slug = check_slug(slug).map_err(BeheerError::Slug)?;
    let (name, city) = (name.trim(), city.trim());
    if name.is_empty() || city.is_empty() {
        return Err(BeheerError::Slug(
            "a school needs a name and a city".to_owned(),
        ));
    }
    let taken = |slug: &str| BeheerError::Slug(format!("'{slug}' is taken by another school"));
    if platform::Entity::find()
        .filter(platform::Column::Slug.eq(&slug))
        .one(db)
        .await?
        .is_some()
    {
        return Err(taken(&slug));
    }
    // Hashed before the transaction, like every password.
    let salt = password::new_salt();
    let start = start_password();
    let hash = auth
        .hasher
        .hash_at(&start, &salt, Cost::START)
        .await
        .map_err(AuthError::from)?;

    let txn = begin_write(db).await?;
    let outcome = async {
        let platform = platform::ActiveModel {
            slug: Set(slug.clone()),
            name: Set(name.to_owned()),
            city: Set(city.to_owned()),
            max_co_accounts: Set(DEFAULT_MAX_CO_ACCOUNTS),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let admin = account::ActiveModel {
            platform_id: Set(platform.id),
            username: Set(FIRST_ADMIN.to_owned()),
            kind: Set(AccountKind::Admin),
            class_id: Set(None),
            created_at: Set(now),
            password_salt: Set(Some(salt)),
            failed_logins: Set(0),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        sub_account::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            account_id: Set(admin.id),
            idx: Set(sub_account::PUPIL_IDX),
            first_name: Set("Beheerder".to_owned()),
            last_name: Set(name.to_owned()),
            created_at: Set(now),
            password_hash: Set(Some(hash)),
            must_change_password: Set(true),
            password_changed_at: Set(Some(now)),
            letter_at: Set(Some(now)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            platform.id,
            None,
            AuditAction::CreatePlatform,
            &slug,
            &format!("{name}, {city}; first admin '{FIRST_ADMIN}'"),
            now,
        )
        .await?;
        Ok::<(), BeheerError>(())
    }
    .await;
    match settle(txn, outcome).await {
        // Two operators creating the same school at the same moment: the unique slug decides.
        Err(BeheerError::Db(err)) if crate::auth::is_unique_violation(&err) => Err(taken(&slug)),
        Err(err) => Err(err),
        Ok(()) => Ok(NewPlatform {
            slug,
            admin_username: FIRST_ADMIN.to_owned(),
            start_password: start,
        }),
    }
}
