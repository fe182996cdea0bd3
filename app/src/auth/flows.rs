use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, QueryFilter, Set,
};

use super::password::{self, hashes_equal, Busy, PasswordProblem, DUMMY_SALT};
use super::rate_limit::{self, Limit};
use super::{sessions, tokens, Auth};
use crate::db::begin_write;
use crate::db::entities::token::{self, Purpose};
use crate::db::entities::{account, platform, sub_account};
use crate::mail::{self, Mail};

/// Consecutive failed sign-ins on a username before its sub-accounts are locked.
pub const LOCK_AFTER: i32 = 10;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Wrong platform, username or password, or a locked or disabled person: one answer for all.
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("too many requests")]
    RateLimited,
    #[error("hashing capacity exhausted")]
    Busy,
    #[error("password refused: {0:?}")]
    Password(PasswordProblem),
    #[error("invalid e-mail address")]
    InvalidEmail,
    #[error("invalid or expired link")]
    InvalidToken,
    /// Disabled by an admin: a mailed link cannot undo that.
    #[error("disabled by the school")]
    DisabledBySchool,
    #[error("not found")]
    NotFound,
    /// The child is already in the family.
    #[error("already linked")]
    AlreadyLinked,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<Busy> for AuthError {
    fn from(_: Busy) -> Self {
        AuthError::Busy
    }
}

impl From<PasswordProblem> for AuthError {
    fn from(problem: PasswordProblem) -> Self {
        AuthError::Password(problem)
    }
}

/// A successful sign-in.
#[derive(Debug)]
pub struct SignedIn {
    pub session_token: String,
    pub person: sub_account::Model,
}

/// Who is signed in on a request: the person and the username they signed in with.
#[derive(Clone, Debug)]
pub struct Current {
    pub person: sub_account::Model,
    pub account: account::Model,
    pub platform: platform::Model,
    /// For a co-account: the family member whose child this browser has selected, while that
    /// member is still in the person's family. The visibility module acts for this member.
    pub selected: Option<Member>,
}

/// A person with the username and the school they belong to.
#[derive(Clone, Debug)]
pub struct Member {
    pub person: sub_account::Model,
    pub account: account::Model,
    pub platform: platform::Model,
}

async fn limit<C: ConnectionTrait>(
    db: &C,
    key: String,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    if rate_limit::allow(db, &key, limit, now).await? {
        Ok(())
    } else {
        tracing::warn!(key, "rate limit reached");
        Err(AuthError::RateLimited)
    }
}

async fn find_account<C: ConnectionTrait>(
    db: &C,
    platform_slug: &str,
    username: &str,
) -> Result<Option<(platform::Model, account::Model)>, DbErr> {
    let slug = platform_slug.trim().to_ascii_lowercase();
    let Some(platform) = platform::Entity::find()
        .filter(platform::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let account = account::Entity::find()
        .filter(account::Column::PlatformId.eq(platform.id))
        .filter(account::Column::Username.eq(username.trim().to_lowercase()))
        .one(db)
        .await?;
    Ok(account.map(|account| (platform, account)))
}

async fn people_of<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
) -> Result<Vec<sub_account::Model>, DbErr> {
    sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.eq(account_id))
        .all(db)
        .await
}

/// The one person of `people` whose stored hash equals `hash`. Every hash is compared, so the time
/// taken does not tell which one (or whether one) matched.
fn matching<'a>(people: &'a [sub_account::Model], hash: &str) -> Option<&'a sub_account::Model> {
    let mut found = None;
    for person in people {
        let stored = person.password_hash.as_deref().unwrap_or_default();
        if hashes_equal(stored, hash) && found.is_none() {
            found = Some(person);
        }
    }
    found
}

/// Checks platform, username and password, under the rate limits; the password decides which
/// person. A wrong password counts toward the username's lockout; a right one clears the count.
/// Every failure gives the same answer.
pub async fn authenticate(
    db: &DatabaseConnection,
    auth: &Auth,
    platform_slug: &str,
    username: &str,
    password: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<Member, AuthError> {
    limit(
        db,
        format!("sign-in:client:{client}"),
        auth.sign_in_per_client,
        now,
    )
    .await?;
    let username = username.trim().to_lowercase();
    let slug = platform_slug.trim().to_ascii_lowercase();
    limit(
        db,
        format!("sign-in:account:{slug}:{username}"),
        rate_limit::SIGN_IN_PER_ACCOUNT,
        now,
    )
    .await?;

    let found = find_account(db, &slug, &username).await?;
    let salt = found
        .as_ref()
        .and_then(|(_, account)| account.password_salt.clone())
        .unwrap_or_else(|| DUMMY_SALT.to_owned());
    // Too long a password is never stored, but it still costs one hash like any other attempt.
    let hash = auth.hasher.hash(password, &salt).await?;
    let Some((platform, account)) = found else {
        return Err(AuthError::InvalidCredentials);
    };
    let people = people_of(db, account.id).await?;

    let person = match matching(&people, &hash) {
        Some(person) if person.locked_at.is_none() && person.disabled_at.is_none() => person,
        Some(_) => return Err(AuthError::InvalidCredentials),
        None => {
            record_failure(db, auth, &account, now).await?;
            return Err(AuthError::InvalidCredentials);
        }
    };
    if account.failed_logins != 0 {
        account::Entity::update_many()
            .col_expr(account::Column::FailedLogins, Expr::value(0))
            .filter(account::Column::Id.eq(account.id))
            .exec(db)
            .await?;
    }
    Ok(Member {
        person: person.clone(),
        account,
        platform,
    })
}

/// Signs in with platform, username and password; the password decides which person.
pub async fn sign_in(
    db: &DatabaseConnection,
    auth: &Auth,
    platform_slug: &str,
    username: &str,
    password: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<SignedIn, AuthError> {
    let member = authenticate(db, auth, platform_slug, username, password, client, now).await?;
    let session_token = sessions::create(db, member.person.id, now).await?;
    Ok(SignedIn {
        session_token,
        person: member.person,
    })
}

/// Counts a failed attempt atomically; the tenth in a row locks the username's people and mails
/// each of them (with a confirmed address) a link to reactivate themselves.
async fn record_failure(
    db: &DatabaseConnection,
    auth: &Auth,
    account: &account::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let txn = begin_write(db).await?;
    account::Entity::update_many()
        .col_expr(
            account::Column::FailedLogins,
            Expr::col(account::Column::FailedLogins).add(1),
        )
        .filter(account::Column::Id.eq(account.id))
        .exec(&txn)
        .await?;
    let failures = account::Entity::find_by_id(account.id)
        .one(&txn)
        .await?
        .map_or(0, |account| account.failed_logins);
    if failures >= LOCK_AFTER {
        for person in people_of(&txn, account.id).await? {
            if person.locked_at.is_some() || person.disabled_at.is_some() {
                continue;
            }
            let locked = sub_account::Entity::update_many()
                .col_expr(sub_account::Column::LockedAt, Expr::value(now))
                .filter(sub_account::Column::Id.eq(person.id))
                .filter(sub_account::Column::LockedAt.is_null())
                .exec(&txn)
                .await?;
            if locked.rows_affected == 1 {
                tracing::warn!(
                    sub_account = person.id,
                    "locked after {failures} failed sign-ins"
                );
                sessions::end_all_of(&txn, person.id, None).await?;
                if let Some(email) = person.confirmed_email() {
                    let token =
                        tokens::issue(&txn, person.id, Purpose::Reactivate, None, now).await?;
                    mail::enqueue(&txn, reactivation_mail(auth, &person, email, &token)).await?;
                }
            }
        }
    }
    txn.commit().await
}

/// A person with their username and school, if they may act: not locked, not disabled.
pub async fn active_member<C: ConnectionTrait>(
    db: &C,
    person_id: i32,
) -> Result<Option<Member>, DbErr> {
    let Some((person, Some(account))) = sub_account::Entity::find_by_id(person_id)
        .find_also_related(account::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if person.locked_at.is_some() || person.disabled_at.is_some() {
        return Ok(None);
    }
    let platform = platform::Entity::find_by_id(account.platform_id)
        .one(db)
        .await?;
    Ok(platform.map(|platform| Member {
        person,
        account,
        platform,
    }))
}

/// The person behind a session cookie token, if the session is live and the person may use it.
pub async fn current(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Current>, DbErr> {
    let Some(session) = sessions::find(db, token, now).await? else {
        return Ok(None);
    };
    let Some(Member {
        person,
        account,
        platform,
    }) = active_member(db, session.sub_account_id).await?
    else {
        return Ok(None);
    };
    let selected = match session.selected_id {
        Some(id) if id != person.id => super::family::selected_member(db, person.id, id).await?,
        _ => None,
    };
    Ok(Some(Current {
        person,
        account,
        platform,
        selected,
    }))
}

/// Sets a person's password after every rule: length, common list, username, the other persons
/// of the username, and (for a start password) that it really changes.
async fn store_password<C: ConnectionTrait>(
    db: &C,
    auth: &Auth,
    person: &sub_account::Model,
    new_password: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let account = account::Entity::find_by_id(person.account_id)
        .one(db)
        .await?
        .ok_or(AuthError::NotFound)?;
    password::check_rules(&account.username, new_password)?;
    let salt = match account.password_salt.clone() {
        Some(salt) => salt,
        None => {
            let salt = password::new_salt();
            let mut with_salt: account::ActiveModel = account.clone().into();
            with_salt.password_salt = Set(Some(salt.clone()));
            with_salt.update(db).await?;
            salt
        }
    };
    let hash = auth.hasher.hash(new_password, &salt).await?;
    let people = people_of(db, account.id).await?;
    match matching(&people, &hash) {
        Some(same) if same.id == person.id => {
            return Err(PasswordProblem::Unchanged.into());
        }
        Some(_) => return Err(PasswordProblem::SameAsOtherPerson.into()),
        None => {}
    }
    let mut changed: sub_account::ActiveModel = person.clone().into();
    changed.password_hash = Set(Some(hash));
    changed.must_change_password = Set(false);
    changed.password_changed_at = Set(Some(now));
    changed.update(db).await.map_err(|err| {
        // The unique index catches a sibling who chose the same password at the same moment.
        if is_unique_violation(&err) {
            AuthError::Password(PasswordProblem::SameAsOtherPerson)
        } else {
            AuthError::Db(err)
        }
    })?;
    Ok(())
}

fn is_unique_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// A signed-in person changes their own password; their other sessions end.
pub async fn change_password(
    db: &DatabaseConnection,
    auth: &Auth,
    current: &Current,
    session_token: &str,
    new_password: &str,
    repeated: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    if new_password != repeated {
        return Err(PasswordProblem::Mismatch.into());
    }
    let txn = begin_write(db).await?;
    let outcome: Result<(), AuthError> = async {
        store_password(&txn, auth, &current.person, new_password, now).await?;
        sessions::end_all_of(&txn, current.person.id, Some(session_token)).await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

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

/// Stores a (new) address as unconfirmed and mails a confirmation link bound to it.
pub async fn set_email(
    db: &DatabaseConnection,
    auth: &Auth,
    current: &Current,
    input: &str,
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
    let txn = begin_write(db).await?;
    let outcome: Result<(), AuthError> = async {
        let mut changed: sub_account::ActiveModel = current.person.clone().into();
        changed.email = Set(Some(email.clone()));
        changed.email_confirmed_at = Set(None);
        changed.update(&txn).await?;
        let token = tokens::issue(
            &txn,
            current.person.id,
            Purpose::ConfirmEmail,
            Some(&email),
            now,
        )
        .await?;
        mail::enqueue(
            &txn,
            confirmation_mail(auth, &current.person, &email, &token),
        )
        .await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

/// Commits on success and rolls back on failure, waiting for either: a transaction merely dropped
/// rolls back later, and until then SQLite's one writer lock stays taken.
async fn settle<T>(
    txn: DatabaseTransaction,
    outcome: Result<T, AuthError>,
) -> Result<T, AuthError> {
    match outcome {
        Ok(value) => {
            txn.commit().await?;
            Ok(value)
        }
        Err(err) => {
            txn.rollback().await?;
            Err(err)
        }
    }
}

/// Uses a mailed token and returns it with the person it belongs to.
async fn use_token<C: ConnectionTrait>(
    db: &C,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<(token::Model, sub_account::Model), AuthError> {
    let used = tokens::consume(db, token, purpose, now)
        .await?
        .ok_or(AuthError::InvalidToken)?;
    let person = sub_account::Entity::find_by_id(used.sub_account_id)
        .one(db)
        .await?
        .ok_or(AuthError::InvalidToken)?;
    Ok((used, person))
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

/// "Wachtwoord vergeten?": mails every person of the username with a confirmed address a one-time
/// reset link. Says nothing about what it found; the caller shows the same reply regardless.
pub async fn request_password_reset(
    db: &DatabaseConnection,
    auth: &Auth,
    platform_slug: &str,
    username: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    limit(
        db,
        format!("reset:client:{client}"),
        rate_limit::MAIL_PER_CLIENT,
        now,
    )
    .await?;
    let Some((platform, account)) = find_account(db, platform_slug, username).await? else {
        return Ok(());
    };
    limit(
        db,
        format!("reset:account:{}:{}", platform.slug, account.username),
        rate_limit::MAIL_PER_ACCOUNT,
        now,
    )
    .await?;
    let txn = begin_write(db).await?;
    for person in people_of(&txn, account.id).await? {
        if person.disabled_at.is_some() {
            continue;
        }
        if let Some(email) = person.confirmed_email() {
            let token = tokens::issue(&txn, person.id, Purpose::ResetPassword, None, now).await?;
            mail::enqueue(
                &txn,
                reset_mail(auth, &person, &account.username, email, &token),
            )
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Sets a new password through a reset link. Unlocks a locked person, ends every session, mails a
/// notice, and does not sign in.
pub async fn reset_password(
    db: &DatabaseConnection,
    auth: &Auth,
    token: &str,
    new_password: &str,
    repeated: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    if new_password != repeated {
        return Err(PasswordProblem::Mismatch.into());
    }
    let txn = begin_write(db).await?;
    let outcome: Result<(), AuthError> = async {
        let (_, person) = use_token(&txn, token, Purpose::ResetPassword, now).await?;
        if person.disabled_at.is_some() {
            return Err(AuthError::DisabledBySchool);
        }
        // A refused password rolls back the whole transaction, the token's use included.
        store_password(&txn, auth, &person, new_password, now).await?;
        unlock(&txn, &person).await?;
        sessions::end_all_of(&txn, person.id, None).await?;
        if let Some(email) = person.confirmed_email() {
            mail::enqueue(&txn, password_changed_mail(auth, &person, email)).await?;
        }
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

async fn unlock<C: ConnectionTrait>(db: &C, person: &sub_account::Model) -> Result<(), DbErr> {
    sub_account::Entity::update_many()
        .col_expr(
            sub_account::Column::LockedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(sub_account::Column::Id.eq(person.id))
        .exec(db)
        .await?;
    account::Entity::update_many()
        .col_expr(account::Column::FailedLogins, Expr::value(0))
        .filter(account::Column::Id.eq(person.account_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Reactivates a person locked after failed sign-ins, through the mailed link.
pub async fn reactivate(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let txn = begin_write(db).await?;
    let outcome: Result<(), AuthError> = async {
        let (_, person) = use_token(&txn, token, Purpose::Reactivate, now).await?;
        if person.disabled_at.is_some() {
            return Err(AuthError::DisabledBySchool);
        }
        unlock(&txn, &person).await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

/// A school admin disables a person: every session ends and only an admin can enable it again.
pub async fn disable(
    db: &DatabaseConnection,
    person_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let txn = begin_write(db).await?;
    let updated = sub_account::Entity::update_many()
        .col_expr(sub_account::Column::DisabledAt, Expr::value(now))
        .filter(sub_account::Column::Id.eq(person_id))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AuthError::NotFound);
    }
    sessions::end_all_of(&txn, person_id, None).await?;
    txn.commit().await?;
    Ok(())
}

/// Enables a disabled (or locked) person again.
pub async fn enable(db: &DatabaseConnection, person_id: i32) -> Result<(), AuthError> {
    let person = sub_account::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .ok_or(AuthError::NotFound)?;
    let txn = begin_write(db).await?;
    sub_account::Entity::update_many()
        .col_expr(
            sub_account::Column::DisabledAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(sub_account::Column::Id.eq(person_id))
        .exec(&txn)
        .await?;
    unlock(&txn, &person).await?;
    txn.commit().await?;
    Ok(())
}

/// Finds a person by platform, username and sub-account index (0 = the pupil), for admin tools.
pub async fn find_person(
    db: &DatabaseConnection,
    platform_slug: &str,
    username: &str,
    idx: i16,
) -> Result<Option<sub_account::Model>, DbErr> {
    let Some((_, account)) = find_account(db, platform_slug, username).await? else {
        return Ok(None);
    };
    sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.eq(account.id))
        .filter(sub_account::Column::Idx.eq(idx))
        .one(db)
        .await
}

fn greeting(person: &sub_account::Model) -> String {
    format!("Beste {}", person.first_name)
}

fn confirmation_mail(auth: &Auth, person: &sub_account::Model, email: &str, token: &str) -> Mail {
    Mail::with_link(
        email,
        "Bevestig uw e-mailadres",
        &greeting(person),
        &[
            "U vulde dit e-mailadres in op het schoolplatform. Bevestig het met de knop hieronder.",
            "Daarna kan u zelf uw account terug activeren als die wordt uitgeschakeld, en meldingen per e-mail ontvangen.",
            "Uw e-mailadres wordt niet gedeeld met andere partijen en wordt enkel binnen het schoolplatform gebruikt.",
            "Vroeg u dit niet aan? Dan mag u deze e-mail negeren.",
        ],
        "Bevestig e-mailadres",
        &auth.link("/e-mail-bevestigen", token),
    )
}

fn reset_mail(
    auth: &Auth,
    person: &sub_account::Model,
    username: &str,
    email: &str,
    token: &str,
) -> Mail {
    let intro = format!(
        "Er werd een nieuw wachtwoord gevraagd voor de gebruikersnaam {username}. Met de knop hieronder kiest u een nieuw wachtwoord; de link werkt één keer en twee uur lang."
    );
    Mail::with_link(
        email,
        "Nieuw wachtwoord kiezen",
        &greeting(person),
        &[
            &intro,
            "Uw huidige wachtwoord blijft werken tot u een nieuw kiest. Vroeg u niets aan? Dan mag u deze e-mail negeren.",
        ],
        "Kies een nieuw wachtwoord",
        &auth.link("/wachtwoord-herstellen", token),
    )
}

fn reactivation_mail(auth: &Auth, person: &sub_account::Model, email: &str, token: &str) -> Mail {
    Mail::with_link(
        email,
        "Uw account werd uitgeschakeld",
        &greeting(person),
        &[
            "Er werd te vaak een verkeerd wachtwoord ingegeven, daarom werd uw account uitgeschakeld.",
            "Met de knop hieronder activeert u uw account zelf opnieuw; u hoeft dit niet te melden aan de school.",
        ],
        "Activeer mijn account",
        &auth.link("/heractiveren", token),
    )
}

fn password_changed_mail(auth: &Auth, person: &sub_account::Model, email: &str) -> Mail {
    Mail::with_link(
        email,
        "Uw wachtwoord werd gewijzigd",
        &greeting(person),
        &[
            "Uw wachtwoord op het schoolplatform werd zonet gewijzigd. Alle aanmeldingen met het oude wachtwoord werden beëindigd.",
            "Was u dit niet? Neem dan meteen contact op met de school.",
        ],
        "Naar het schoolplatform",
        &auth.base_url,
    )
}
