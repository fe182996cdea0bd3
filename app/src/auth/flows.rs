use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, QueryFilter, Set,
};

use super::password::{self, hashes_equal, Busy, Cost, PasswordProblem, DUMMY_SALT};
use super::rate_limit::{self, Limit};
use super::{sessions, tokens, Auth};
use crate::db::begin_write;
use crate::db::entities::account::AccountKind;
use crate::db::entities::token::{self, Purpose};
use crate::db::entities::{account, mailbox_entry, message, platform, sub_account};
use crate::mail::{self, Mail};

/// Consecutive failed sign-ins on a username before it is locked for a while; every further run of
/// as many locks it again, for longer.
pub const LOCK_AFTER: i32 = 10;

/// How long the username is locked after `failures` consecutive failed sign-ins, if that number
/// starts a lock: 1, 5, 15 and then 60 minutes. Never for ever, so that locking out someone else
/// is no lasting prank; only a school admin disables for good.
pub fn lock_for(failures: i32) -> Option<Duration> {
    if failures < LOCK_AFTER || failures % LOCK_AFTER != 0 {
        return None;
    }
    Some(Duration::minutes(match failures / LOCK_AFTER {
        1 => 1,
        2 => 5,
        3 => 15,
        _ => 60,
    }))
}

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
    // An unknown username costs the same queries and the same one hash as a known one.
    let people = people_of(db, found.as_ref().map_or(0, |(_, account)| account.id)).await?;
    // Too long a password is never stored, but it still costs one hash like any other attempt.
    let hash = auth.hasher.hash(password, &salt).await?;
    let Some((platform, account)) = found else {
        return Err(AuthError::InvalidCredentials);
    };
    let (person, stored_again) = match matching(&people, &hash) {
        Some(person) => (Some(person), false),
        None => (
            match_older_costs(auth, &people, password, &salt).await?,
            true,
        ),
    };
    let locked = |person: &sub_account::Model| person.locked_until.is_some_and(|until| until > now);
    let person = match person {
        Some(person) if !locked(person) && person.disabled_at.is_none() => person,
        Some(_) => return Err(AuthError::InvalidCredentials),
        // Attempts during a lock do not count: the lock already slows guessing down.
        None if people.iter().any(locked) => return Err(AuthError::InvalidCredentials),
        None => {
            record_failure(db, auth, &account, now).await?;
            return Err(AuthError::InvalidCredentials);
        }
    };
    if stored_again {
        // A hash of an older cost: the password is kept again at today's cost.
        sub_account::Entity::update_many()
            .col_expr(sub_account::Column::PasswordHash, Expr::value(hash))
            .filter(sub_account::Column::Id.eq(person.id))
            .exec(db)
            .await?;
    }
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

/// The person among `people` whose hash, made at an older cost than today's, is `password`'s.
/// One evaluation per older cost in use, so only usernames with such hashes pay for them.
async fn match_older_costs<'a>(
    auth: &Auth,
    people: &'a [sub_account::Model],
    password: &str,
    salt: &str,
) -> Result<Option<&'a sub_account::Model>, Busy> {
    let mut costs: Vec<Cost> = people
        .iter()
        .filter_map(|person| person.password_hash.as_deref().and_then(Cost::of))
        .filter(|cost| *cost != Cost::CURRENT)
        .collect();
    costs.sort();
    costs.dedup();
    for cost in costs {
        let hash = auth.hasher.hash_at(password, salt, cost).await?;
        if let Some(person) = matching(people, &hash) {
            return Ok(Some(person));
        }
    }
    Ok(None)
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

/// Counts a failed attempt atomically. Every tenth in a row locks the username's people for a
/// while (see [`lock_for`]); sessions are not touched. The first lock of a run mails each person
/// with a confirmed address a link to end the lock for themselves.
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
    if let Some(duration) = lock_for(failures) {
        let until = now + duration;
        tracing::warn!(
            account = account.id,
            failures,
            minutes = duration.num_minutes(),
            "username locked after failed sign-ins"
        );
        for person in people_of(&txn, account.id).await? {
            if person.disabled_at.is_some() {
                continue;
            }
            sub_account::Entity::update_many()
                .col_expr(sub_account::Column::LockedUntil, Expr::value(until))
                .filter(sub_account::Column::Id.eq(person.id))
                .exec(&txn)
                .await?;
            if failures == LOCK_AFTER {
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

/// A person with their username and school, if they may act: not disabled. A lock after failed
/// sign-ins stops new sign-ins only; the person's sessions go on.
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
    if person.disabled_at.is_some() {
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

/// The account's salt, made on first use. Outside any transaction: the conditional update keeps
/// two first passwords of one username on one salt.
async fn salt_of(db: &DatabaseConnection, account_id: i32) -> Result<String, AuthError> {
    account::Entity::update_many()
        .col_expr(
            account::Column::PasswordSalt,
            Expr::value(password::new_salt()),
        )
        .filter(account::Column::Id.eq(account_id))
        .filter(account::Column::PasswordSalt.is_null())
        .exec(db)
        .await?;
    account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .and_then(|account| account.password_salt)
        .ok_or(AuthError::NotFound)
}

/// A new password, checked against the rules that need no database and hashed, before any write
/// transaction begins: argon2 never runs while the writer lock is held.
struct NewPassword {
    hash: String,
}

async fn new_password(
    db: &DatabaseConnection,
    auth: &Auth,
    account: &account::Model,
    new_password: &str,
    repeated: &str,
) -> Result<NewPassword, AuthError> {
    if new_password != repeated {
        return Err(PasswordProblem::Mismatch.into());
    }
    password::check_rules(&account.username, new_password)?;
    let salt = salt_of(db, account.id).await?;
    Ok(NewPassword {
        hash: auth.hasher.hash(new_password, &salt).await?,
    })
}

/// Why a password could not be written.
enum Refused {
    /// Another person of the username uses it: that person's password is burned.
    Collision(sub_account::Model),
    Other(AuthError),
}

impl<E: Into<AuthError>> From<E> for Refused {
    fn from(err: E) -> Self {
        Refused::Other(err.into())
    }
}

/// Writes `new` as `person`'s password, in the caller's transaction, after the rules that need
/// the other persons of the username: not the current one, not another person's.
async fn write_password(
    txn: &DatabaseTransaction,
    person: &sub_account::Model,
    new: &NewPassword,
    now: DateTime<Utc>,
) -> Result<(), Refused> {
    let people = people_of(txn, person.account_id).await?;
    match matching(&people, &new.hash) {
        Some(same) if same.id == person.id => {
            return Err(PasswordProblem::Unchanged.into());
        }
        Some(other) => return Err(Refused::Collision(other.clone())),
        None => {}
    }
    let updated = sub_account::Entity::update_many()
        .col_expr(
            sub_account::Column::PasswordHash,
            Expr::value(new.hash.clone()),
        )
        .col_expr(sub_account::Column::MustChangePassword, Expr::value(false))
        .col_expr(sub_account::Column::PasswordChangedAt, Expr::value(now))
        .filter(sub_account::Column::Id.eq(person.id))
        .exec(txn)
        .await;
    match updated {
        Ok(_) => {}
        // The unique index catches a sibling who chose the same password at the same moment.
        Err(err) if is_unique_violation(&err) => {
            return Err(PasswordProblem::SameAsOtherPerson.into())
        }
        Err(err) => return Err(err.into()),
    }
    Ok(())
}

/// Settles the transaction of a password write. A collision is committed as a burn of the other
/// person's password (the rest of the transaction rolled back first is not needed: nothing else was
/// written yet) and answered as a refusal like any other: the person who chose it learns no more
/// than before, and the password they found no longer opens anything.
async fn settle_password(
    txn: DatabaseTransaction,
    auth: &Auth,
    outcome: Result<(), Refused>,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    match outcome {
        Ok(()) => {
            txn.commit().await?;
            Ok(())
        }
        Err(Refused::Collision(other)) => {
            burn_password(&txn, auth, &other, now).await?;
            txn.commit().await?;
            Err(PasswordProblem::SameAsOtherPerson.into())
        }
        Err(Refused::Other(err)) => {
            txn.rollback().await?;
            Err(err)
        }
    }
}

/// Another person of the username chose this person's password: it stops working at once, their
/// sessions end, and they get a link to choose a new one. Without a confirmed address the school's
/// admins get a message in Berichten, to hand the person a new start password.
async fn burn_password(
    txn: &DatabaseTransaction,
    auth: &Auth,
    person: &sub_account::Model,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    tracing::warn!(
        sub_account = person.id,
        "password withdrawn: another person of the username chose it"
    );
    sub_account::Entity::update_many()
        .col_expr(
            sub_account::Column::PasswordHash,
            Expr::value(Option::<String>::None),
        )
        .filter(sub_account::Column::Id.eq(person.id))
        .exec(txn)
        .await?;
    sessions::end_all_of(txn, person.id, None).await?;
    let account = account::Entity::find_by_id(person.account_id)
        .one(txn)
        .await?
        .ok_or(AuthError::NotFound)?;
    match person.confirmed_email() {
        Some(email) => {
            tokens::revoke(txn, person.id, &[Purpose::ResetPassword]).await?;
            let token = tokens::issue(txn, person.id, Purpose::ResetPassword, None, now).await?;
            mail::enqueue(
                txn,
                withdrawn_mail(auth, person, &account.username, email, &token),
            )
            .await?;
        }
        None => tell_admins_of_withdrawn_password(txn, person, &account, now).await?,
    }
    Ok(())
}

/// A message in the Berichten inbox of every admin of the person's school.
async fn tell_admins_of_withdrawn_password(
    txn: &DatabaseTransaction,
    person: &sub_account::Model,
    account: &account::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let admins: Vec<i32> = sub_account::Entity::find()
        .inner_join(account::Entity)
        .filter(account::Column::PlatformId.eq(account.platform_id))
        .filter(account::Column::Kind.eq(AccountKind::Admin))
        .all(txn)
        .await?
        .into_iter()
        .map(|admin| admin.id)
        .collect();
    if admins.is_empty() {
        return Ok(());
    }
    let who = format!(
        "{} ({}, gebruikersnaam {}, index {})",
        person.display_name(),
        person.relation.as_deref().unwrap_or("leerling"),
        account.username,
        person.idx
    );
    let source = format!(
        "Een andere persoon van dezelfde gebruikersnaam koos het wachtwoord van {who}. Dat wachtwoord werkt daarom niet meer en alle aanmeldingen van deze persoon werden beëindigd.\n\nDeze persoon heeft geen bevestigd e-mailadres en kan dus zelf geen nieuw wachtwoord kiezen. Geef een nieuw startwachtwoord, op de server met:\n\n    school new-start-password <school> {} {}",
        account.username, person.idx
    );
    let body = format!(
        "<p>{}</p>",
        mail::escape(&source).replace("\n\n", "</p><p>")
    );
    let message = message::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4()),
        platform_id: Set(account.platform_id),
        sender_id: Set(person.id),
        sender_name: Set("Schoolplatform (automatisch bericht)".to_owned()),
        subject: Set(format!("Wachtwoord ingetrokken: {}", person.display_name())),
        body: Set(body),
        source: Set(source),
        to_label: Set("Beheer".to_owned()),
        draft_to: Set(None),
        created_at: Set(now),
        sent_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let entries = admins.into_iter().map(|admin| mailbox_entry::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4()),
        owner_id: Set(admin),
        message_id: Set(message.id),
        folder: Set(crate::models::Folder::Inbox.code().to_owned()),
        restore_folder: Set(None),
        received: Set(true),
        read_at: Set(None),
        flagged: Set(false),
        sorted_at: Set(now),
        ..Default::default()
    });
    mailbox_entry::Entity::insert_many(entries)
        .exec(txn)
        .await?;
    Ok(())
}

fn is_unique_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Rate limits of password changes: per person and per username.
async fn limit_password_attempts(
    db: &DatabaseConnection,
    person: &sub_account::Model,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    limit(
        db,
        format!("password:person:{}", person.id),
        rate_limit::PASSWORD_PER_PERSON,
        now,
    )
    .await?;
    limit(
        db,
        format!("password:account:{}", person.account_id),
        rate_limit::PASSWORD_PER_ACCOUNT,
        now,
    )
    .await
}

/// Checks `given` against the person's own current password. A wrong one counts as a failed
/// sign-in on the username.
async fn check_current_password(
    db: &DatabaseConnection,
    auth: &Auth,
    person_id: i32,
    given: &str,
    now: DateTime<Utc>,
) -> Result<(sub_account::Model, account::Model), AuthError> {
    let Some((person, Some(account))) = sub_account::Entity::find_by_id(person_id)
        .find_also_related(account::Entity)
        .one(db)
        .await?
    else {
        return Err(AuthError::NotFound);
    };
    let stored = person.password_hash.clone().unwrap_or_default();
    let salt = account
        .password_salt
        .clone()
        .unwrap_or_else(|| DUMMY_SALT.to_owned());
    let cost = Cost::of(&stored).unwrap_or(Cost::CURRENT);
    let hash = auth.hasher.hash_at(given, &salt, cost).await?;
    if stored.is_empty() || !hashes_equal(&stored, &hash) {
        record_failure(db, auth, &account, now).await?;
        return Err(PasswordProblem::WrongCurrent.into());
    }
    Ok((person, account))
}

/// A signed-in person changes their own password, giving the current one; their other sessions
/// end and they get a mail about it. Both hashes are made before the write transaction begins.
#[allow(clippy::too_many_arguments)]
pub async fn change_password(
    db: &DatabaseConnection,
    auth: &Auth,
    current: &Current,
    session_token: &str,
    current_password: &str,
    new_password: &str,
    repeated: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    limit_password_attempts(db, &current.person, now).await?;
    let (person, account) =
        check_current_password(db, auth, current.person.id, current_password, now).await?;
    let new = self::new_password(db, auth, &account, new_password, repeated).await?;
    let txn = begin_write(db).await?;
    let outcome: Result<(), Refused> = async {
        write_password(&txn, &person, &new, now).await?;
        // A link to set a password, mailed before this change, no longer works.
        tokens::revoke(&txn, person.id, &[Purpose::ResetPassword]).await?;
        sessions::end_all_of(&txn, person.id, Some(session_token)).await?;
        if let Some(email) = person.confirmed_email() {
            mail::enqueue(&txn, password_changed_mail(auth, &person, email)).await?;
        }
        Ok(())
    }
    .await;
    settle_password(txn, auth, outcome, now).await
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
    // Counted for any username, known or not, so that the limit tells nothing; and an unknown
    // username costs the same queries.
    let slug = platform_slug.trim().to_ascii_lowercase();
    let username = username.trim().to_lowercase();
    limit(
        db,
        format!("reset:account:{slug}:{username}"),
        rate_limit::MAIL_PER_ACCOUNT,
        now,
    )
    .await?;
    let found = find_account(db, &slug, &username).await?;
    let txn = begin_write(db).await?;
    let people = people_of(&txn, found.as_ref().map_or(0, |(_, account)| account.id)).await?;
    for person in people {
        if person.disabled_at.is_some() {
            continue;
        }
        if let Some(email) = person.confirmed_email() {
            let token = tokens::issue(&txn, person.id, Purpose::ResetPassword, None, now).await?;
            mail::enqueue(&txn, reset_mail(auth, &person, &username, email, &token)).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Sets a new password through a reset link. Ends a lock, ends every session, mails a notice, and
/// does not sign in. The link stays usable when the password is refused. Attempts fall under the
/// same limits as a change.
pub async fn reset_password(
    db: &DatabaseConnection,
    auth: &Auth,
    token: &str,
    new_password: &str,
    repeated: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let Some(link) = tokens::find_live(db, token, Purpose::ResetPassword, now).await? else {
        return Err(AuthError::InvalidToken);
    };
    let Some((person, Some(account))) = sub_account::Entity::find_by_id(link.sub_account_id)
        .find_also_related(account::Entity)
        .one(db)
        .await?
    else {
        return Err(AuthError::InvalidToken);
    };
    if person.disabled_at.is_some() {
        return Err(AuthError::DisabledBySchool);
    }
    limit_password_attempts(db, &person, now).await?;
    let new = self::new_password(db, auth, &account, new_password, repeated).await?;
    let txn = begin_write(db).await?;
    let outcome: Result<(), Refused> = async {
        write_password(&txn, &person, &new, now).await?;
        // Used only now, once the password is stored: two uses at once yield one winner.
        if tokens::consume(&txn, token, Purpose::ResetPassword, now)
            .await?
            .is_none()
        {
            return Err(AuthError::InvalidToken.into());
        }
        tokens::revoke(&txn, person.id, &[Purpose::ResetPassword]).await?;
        unlock(&txn, &person).await?;
        sessions::end_all_of(&txn, person.id, None).await?;
        if let Some(email) = person.confirmed_email() {
            mail::enqueue(&txn, password_changed_mail(auth, &person, email)).await?;
        }
        Ok(())
    }
    .await;
    settle_password(txn, auth, outcome, now).await
}

/// Ends a person's lock and the username's run of failures.
async fn unlock<C: ConnectionTrait>(db: &C, person: &sub_account::Model) -> Result<(), DbErr> {
    sub_account::Entity::update_many()
        .col_expr(
            sub_account::Column::LockedUntil,
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

/// Ends a person's lock after failed sign-ins early, through the mailed link.
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

/// A one-time start password as a school hands it out on paper: no letters that are easily
/// confused, in groups that are easy to type.
fn start_password() -> String {
    use rand::Rng;
    const LETTERS: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    let mut group = || -> String {
        (0..4)
            .map(|_| char::from(LETTERS[rng.gen_range(0..LETTERS.len())]))
            .collect()
    };
    format!("Start-{}-{}-{}", group(), group(), group())
}

/// Gives a person a new start password (a school admin's act): the old password stops working,
/// every session and lock of the person ends, and the next sign-in must choose a new password.
/// Returns the start password, to print or hand over.
pub async fn new_start_password(
    db: &DatabaseConnection,
    auth: &Auth,
    person_id: i32,
    now: DateTime<Utc>,
) -> Result<String, AuthError> {
    let person = sub_account::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .ok_or(AuthError::NotFound)?;
    let salt = salt_of(db, person.account_id).await?;
    let start = start_password();
    let hash = auth.hasher.hash(&start, &salt).await?;
    let txn = begin_write(db).await?;
    let outcome: Result<(), AuthError> = async {
        sub_account::Entity::update_many()
            .col_expr(sub_account::Column::PasswordHash, Expr::value(hash))
            .col_expr(sub_account::Column::MustChangePassword, Expr::value(true))
            .col_expr(sub_account::Column::PasswordChangedAt, Expr::value(now))
            .filter(sub_account::Column::Id.eq(person.id))
            .exec(&txn)
            .await?;
        unlock(&txn, &person).await?;
        sessions::end_all_of(&txn, person.id, None).await?;
        tokens::revoke(&txn, person.id, &[Purpose::ResetPassword]).await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await?;
    Ok(start)
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
        "Aanmelden even geblokkeerd",
        &greeting(person),
        &[
            "Er werd te vaak een verkeerd wachtwoord ingegeven voor uw gebruikersnaam. Aanmelden is daarom even geblokkeerd: eerst één minuut, bij herhaling langer. Wie al aangemeld is, blijft aangemeld.",
            "Was u dit zelf? Met de knop hieronder kan u meteen weer aanmelden; u hoeft dit niet te melden aan de school.",
        ],
        "Meteen weer aanmelden",
        &auth.link("/heractiveren", token),
    )
}

fn withdrawn_mail(
    auth: &Auth,
    person: &sub_account::Model,
    username: &str,
    email: &str,
    token: &str,
) -> Mail {
    let intro = format!(
        "Een andere persoon van de gebruikersnaam {username} (de leerling of een andere ouder) probeerde zonet uw wachtwoord als het zijne in te stellen. Daarom werkt uw wachtwoord niet meer en werden al uw aanmeldingen beëindigd."
    );
    Mail::with_link(
        email,
        "Kies een nieuw wachtwoord",
        &greeting(person),
        &[
            &intro,
            "Kies met de knop hieronder een nieuw wachtwoord; de link werkt één keer en twee uur lang. Daarna kan u ook altijd \"Wachtwoord vergeten?\" gebruiken.",
        ],
        "Kies een nieuw wachtwoord",
        &auth.link("/wachtwoord-herstellen", token),
    )
}

fn email_changed_mail(auth: &Auth, person: &sub_account::Model, old: &str, new: &str) -> Mail {
    let what = format!(
        "Het e-mailadres van uw account op het schoolplatform werd zonet gewijzigd van {old} naar {new}. Meldingen en links gaan voortaan naar het nieuwe adres."
    );
    Mail::with_link(
        old,
        "Uw e-mailadres werd gewijzigd",
        &greeting(person),
        &[
            &what,
            "Was u dit niet? Neem dan meteen contact op met de school.",
        ],
        "Naar het schoolplatform",
        &auth.base_url,
    )
}

fn password_changed_mail(auth: &Auth, person: &sub_account::Model, email: &str) -> Mail {
    Mail::with_link(
        email,
        "Uw wachtwoord werd gewijzigd",
        &greeting(person),
        &[
            "Uw wachtwoord op het schoolplatform werd zonet gewijzigd. Uw andere aanmeldingen werden beëindigd.",
            "Was u dit niet? Neem dan meteen contact op met de school.",
        ],
        "Naar het schoolplatform",
        &auth.base_url,
    )
}
