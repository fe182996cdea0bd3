//! Signing in, and what failed sign-ins do: a lock that grows and ends in time, never a lasting
//! one; only a school admin disables a person for good.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

use super::caller::{find_account, matching, people_of, Member};
use super::error::AuthError;
use super::mails::reactivation_mail;
use super::password::{Busy, Cost, DUMMY_SALT};
use super::rate_limit::{self, Limit};
use super::{sessions, tokens, Auth};
use crate::db::entities::token::{self, Purpose};
use crate::db::entities::{account, sub_account};
use crate::db::{begin_write, settle};
use crate::mail;
use crate::models::Device;

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

/// A successful sign-in.
#[derive(Debug)]
pub struct SignedIn {
    pub session_token: String,
    pub person: sub_account::Model,
}

/// Counts one attempt against a rate limit; beyond it, the one refusal.
pub(super) async fn limit<C: ConnectionTrait>(
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

/// How long an attempt the hasher has no room for waits before it hears so. It holds a flooding
/// connection to fifty attempts a second and leaves most of the 50 ms in which a refusal must
/// arrive to a server busy with pages: at 25 ms, a flood beside a full page load was refused in
/// 50 to 54 ms at p99; at 20 ms, in 41 to 45 ms, the pages keeping 60 to 74 % of their rate.
pub const BUSY_PAUSE: std::time::Duration = std::time::Duration::from_millis(20);

/// Checks platform, username and password, under the rate limits; the password decides which
/// person. A wrong password counts toward the username's lockout; a right one clears the count.
/// Every failure gives the same answer. When the hasher has no room the attempt is refused
/// (`Busy`, after [`BUSY_PAUSE`]) before anything else, so that a flood of attempts costs the
/// server next to nothing and counts toward no limit: it tried no password.
pub async fn authenticate(
    db: &DatabaseConnection,
    auth: &Auth,
    platform_slug: &str,
    username: &str,
    password: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<Member, AuthError> {
    let checked = check(db, auth, platform_slug, username, password, client, now).await;
    if let Err(err) = &checked {
        auth.failures.count(err);
    }
    checked
}

/// [`authenticate`] before its failures are counted.
async fn check(
    db: &DatabaseConnection,
    auth: &Auth,
    platform_slug: &str,
    username: &str,
    password: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<Member, AuthError> {
    let hashing = match auth.hasher.reserve() {
        Ok(ticket) => ticket,
        Err(busy) => {
            // Answered after a pause that costs a timer only: a client that floods the sign-in
            // is held to fifty attempts a second per connection.
            tokio::time::sleep(BUSY_PAUSE).await;
            return Err(busy.into());
        }
    };
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
    let hash = hashing.hash(password, &salt).await?;
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
    let mut update = sub_account::Entity::update_many()
        .col_expr(sub_account::Column::LastSignInAt, Expr::value(now))
        .filter(sub_account::Column::Id.eq(person.id));
    if stored_again {
        // A hash of an older cost: the password is kept again at today's cost.
        update = update.col_expr(sub_account::Column::PasswordHash, Expr::value(hash));
    }
    update.exec(db).await?;
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
pub(super) async fn match_older_costs<'a>(
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

/// Who signs in, as far as the request says: the address that rate limits count, and the device
/// that the person's list of sign-ins and sessions names.
#[derive(Clone, Debug, Default)]
pub struct Client {
    pub address: String,
    pub device: Device,
}

/// A client known by its address only.
impl From<&str> for Client {
    fn from(address: &str) -> Client {
        Client {
            address: address.to_owned(),
            device: Device::default(),
        }
    }
}

/// Signs in with platform, username and password; the password decides which person.
pub async fn sign_in(
    db: &DatabaseConnection,
    auth: &Auth,
    platform_slug: &str,
    username: &str,
    password: &str,
    client: impl Into<Client>,
    now: DateTime<Utc>,
) -> Result<SignedIn, AuthError> {
    let client = client.into();
    let member = authenticate(
        db,
        auth,
        platform_slug,
        username,
        password,
        &client.address,
        now,
    )
    .await?;
    let session_token =
        sessions::create(db, &auth.sessions, member.person.id, &client.device, now).await?;
    sessions::record_sign_in(db, member.person.id, &client.device, now).await?;
    Ok(SignedIn {
        session_token,
        person: member.person,
    })
}

/// Counts a failed attempt atomically. Every tenth in a row locks the username's people for a
/// while (see [`lock_for`]); sessions are not touched. The first lock of a run mails each person
/// with a confirmed address a link to end the lock for themselves.
pub(super) async fn record_failure(
    db: &DatabaseConnection,
    auth: &Auth,
    account: &account::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let txn = begin_write(db).await?;
    let outcome = async {
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
                        mail::enqueue(&txn, reactivation_mail(auth, &person, email, &token))
                            .await?;
                    }
                }
            }
        }
        Ok::<(), DbErr>(())
    }
    .await;
    settle(txn, outcome).await
}

/// Uses a mailed token and returns it with the person it belongs to.
pub(super) async fn use_token<C: ConnectionTrait>(
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

/// Ends a person's lock and the username's run of failures.
pub(super) async fn unlock<C: ConnectionTrait>(
    db: &C,
    person: &sub_account::Model,
) -> Result<(), DbErr> {
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
    let outcome = async {
        let updated = sub_account::Entity::update_many()
            .col_expr(sub_account::Column::DisabledAt, Expr::value(now))
            .filter(sub_account::Column::Id.eq(person_id))
            .exec(&txn)
            .await?;
        if updated.rows_affected == 0 {
            return Err(AuthError::NotFound);
        }
        sessions::end_all_of(&txn, person_id, None).await?;
        Ok::<(), AuthError>(())
    }
    .await;
    settle(txn, outcome).await
}

/// Enables a disabled (or locked) person again.
pub async fn enable(db: &DatabaseConnection, person_id: i32) -> Result<(), AuthError> {
    let person = sub_account::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .ok_or(AuthError::NotFound)?;
    let txn = begin_write(db).await?;
    let outcome = async {
        sub_account::Entity::update_many()
            .col_expr(
                sub_account::Column::DisabledAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(sub_account::Column::Id.eq(person_id))
            .exec(&txn)
            .await?;
        unlock(&txn, &person).await?;
        Ok::<(), AuthError>(())
    }
    .await;
    settle(txn, outcome).await
}
