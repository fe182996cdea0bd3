//! Choosing a password: a change (with the current one), a reset through a mailed link, a new
//! start password from the school. The password decides who signs in, so another person's
//! password is refused, and trying it withdraws that person's password: the refusal is no oracle.
//! Every hash is made before the write transaction begins.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, Set,
};

use super::caller::{find_account, matching, people_of, Current};
use super::error::{is_unique_violation, AuthError};
use super::mails::{activation_mail, password_changed_mail, reset_mail, withdrawn_mail};
use super::password::{self, hashes_equal, Cost, PasswordProblem, DUMMY_SALT};
use super::rate_limit;
use super::sign_in::{limit, record_failure, unlock};
use super::{sessions, tokens, Auth};
use crate::db::entities::account::AccountKind;
use crate::db::entities::token::Purpose;
use crate::db::entities::{account, mailbox_entry, message, session, sub_account, token};
use crate::db::{begin_write, settle};
use crate::i18n::{fill, t, Key, Lang};
use crate::mail;

/// The account's salt, made on first use. Outside any transaction: the conditional update keeps
/// two first passwords of one username on one salt.
pub(super) async fn salt_of(db: &DatabaseConnection, account_id: i32) -> Result<String, AuthError> {
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
pub(super) struct NewPassword {
    hash: String,
}

pub(super) async fn new_password(
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
pub(super) enum Refused {
    /// Another person of the username uses it: that person's password is withdrawn.
    Collision(Box<sub_account::Model>),
    Other(AuthError),
}

impl<E: Into<AuthError>> From<E> for Refused {
    fn from(err: E) -> Self {
        Refused::Other(err.into())
    }
}

/// Writes `new` as `person`'s password, in the caller's transaction, after the rules that need
/// the other persons of the username: not the current one, not another person's.
pub(super) async fn write_password(
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
        Some(other) => return Err(Refused::Collision(Box::new(other.clone()))),
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

/// Settles the transaction of a password write. A collision withdraws the other person's password
/// in the same transaction (the write was its first step, so nothing else is there to undo) and is
/// answered as a refusal like any other: whoever chose it learns no more than before, and the
/// password they found no longer opens anything.
pub(super) async fn settle_password(
    txn: DatabaseTransaction,
    auth: &Auth,
    outcome: Result<(), Refused>,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    match outcome {
        Err(Refused::Collision(other)) => {
            let withdrawn = withdraw_password(&txn, auth, &other, now).await;
            settle(txn, withdrawn).await?;
            Err(PasswordProblem::SameAsOtherPerson.into())
        }
        Err(Refused::Other(err)) => settle(txn, Err(err)).await,
        Ok(()) => settle(txn, Ok(())).await,
    }
}

/// Another person of the username chose this person's password: it stops working at once, their
/// sessions end, and they get a link to choose a new one. Without a confirmed address the school's
/// admins get a message in Berichten, to hand the person a new start password.
pub(super) async fn withdraw_password(
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
pub(super) async fn tell_admins_of_withdrawn_password(
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
    // One message that every admin shares, so in the platform's default language.
    let lang = Lang::default();
    let who = fill(
        lang,
        Key::NoticeWithdrawnWho,
        &[
            &person.display_name(),
            person
                .relation
                .as_deref()
                .unwrap_or(t(lang, Key::NoticePupilWord)),
            &account.username,
            &person.idx.to_string(),
        ],
    );
    let source = fill(
        lang,
        Key::NoticeWithdrawnText,
        &[&who, &account.username, &person.idx.to_string()],
    );
    let body = format!(
        "<p>{}</p>",
        mail::escape(&source).replace("\n\n", "</p><p>")
    );
    let message = message::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4()),
        platform_id: Set(account.platform_id),
        sender_id: Set(person.id),
        sender_name: Set(t(lang, Key::NoticeSender).to_owned()),
        subject: Set(fill(
            lang,
            Key::NoticeWithdrawnSubject,
            &[&person.display_name()],
        )),
        body: Set(body),
        source: Set(source),
        to_label: Set(t(lang, Key::ModBeheer).to_owned()),
        draft_to: Set(None),
        created_at: Set(now),
        sent_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let entries = admins.into_iter().map(|admin| {
        mailbox_entry::ActiveModel::received(uuid::Uuid::new_v4(), admin, message.id, now)
    });
    mailbox_entry::Entity::insert_many(entries)
        .exec(txn)
        .await?;
    Ok(())
}

/// Rate limits of password changes: per person and per username.
pub(super) async fn limit_password_attempts(
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
pub(super) async fn check_current_password(
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
    let outcome = async {
        let people = people_of(&txn, found.as_ref().map_or(0, |(_, account)| account.id)).await?;
        for person in people {
            if person.disabled_at.is_some() {
                continue;
            }
            if let Some(email) = person.confirmed_email() {
                let token =
                    tokens::issue(&txn, person.id, Purpose::ResetPassword, None, now).await?;
                mail::enqueue(&txn, reset_mail(auth, &person, &username, email, &token)).await?;
            } else if awaits_activation(&person) {
                let school = found
                    .as_ref()
                    .map_or("", |(platform, _)| platform.name.as_str());
                send_activation(&txn, auth, &person, &username, school, now).await?;
            }
        }
        Ok::<(), AuthError>(())
    }
    .await;
    settle(txn, outcome).await
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
    let link = match tokens::find_live(db, token, Purpose::ResetPassword, now).await? {
        Some(link) => link,
        None => tokens::find_live(db, token, Purpose::Activate, now)
            .await?
            .ok_or(AuthError::InvalidToken)?,
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
        if tokens::consume(&txn, token, link.purpose, now)
            .await?
            .is_none()
        {
            return Err(AuthError::InvalidToken.into());
        }
        tokens::revoke(
            &txn,
            person.id,
            &[Purpose::ResetPassword, Purpose::Activate],
        )
        .await?;
        // The activation link reached the address the school gave: it is the person's now.
        if link.purpose == Purpose::Activate && link.email.is_some() && link.email == person.email {
            sub_account::Entity::update_many()
                .col_expr(sub_account::Column::EmailConfirmedAt, Expr::value(now))
                .filter(sub_account::Column::Id.eq(person.id))
                .exec(&txn)
                .await?;
        }
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

/// Whether a person waits for activation by mail: the school gave an address (an import) that
/// nobody confirmed, and the person never signed in nor chose a password of their own.
pub fn awaits_activation(person: &sub_account::Model) -> bool {
    person.disabled_at.is_none()
        && person.email.is_some()
        && person.email_confirmed_at.is_none()
        && person.last_sign_in_at.is_none()
        && (person.password_hash.is_none() || person.must_change_password)
}

/// Mails a person of `school` the link to choose their first password, to the address the school
/// gave; in the caller's transaction (the outbox sends it).
pub async fn send_activation(
    txn: &DatabaseTransaction,
    auth: &Auth,
    person: &sub_account::Model,
    username: &str,
    school: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let Some(email) = person.email.as_deref() else {
        return Ok(());
    };
    tokens::revoke(txn, person.id, &[Purpose::Activate]).await?;
    let token = tokens::issue(txn, person.id, Purpose::Activate, Some(email), now).await?;
    mail::enqueue(
        txn,
        activation_mail(auth, person, username, school, email, &token),
    )
    .await?;
    Ok(())
}

/// A one-time start password as a school hands it out on paper: no letters that are easily
/// confused, in groups that are easy to type.
pub fn start_password() -> String {
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
    let mut made = make_start_passwords(db, auth, std::slice::from_ref(&person)).await?;
    let txn = begin_write(db).await?;
    let outcome = write_start_passwords(&txn, &made, now).await;
    settle(txn, outcome).await?;
    made.pop()
        .map(|start| start.password)
        .ok_or(AuthError::NotFound)
}

/// A start password made for one person, not yet written.
pub struct StartPassword {
    pub person_id: i32,
    account_id: i32,
    pub password: String,
    hash: String,
}

/// Start passwords for `people` (the letters of a class, of a whole school), hashed before any
/// write transaction begins. One hash at a time through the bounded hasher, so that sign-ins keep
/// the other cores while a school's letters are made.
pub async fn make_start_passwords(
    db: &DatabaseConnection,
    auth: &Auth,
    people: &[sub_account::Model],
) -> Result<Vec<StartPassword>, AuthError> {
    let mut account_ids: Vec<i32> = people.iter().map(|person| person.account_id).collect();
    account_ids.sort_unstable();
    account_ids.dedup();
    let mut salts = std::collections::HashMap::new();
    for chunk in account_ids.chunks(500) {
        for account in account::Entity::find()
            .filter(account::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            if let Some(salt) = account.password_salt {
                salts.insert(account.id, salt);
            }
        }
    }
    let mut made = Vec::with_capacity(people.len());
    for person in people {
        let salt = match salts.get(&person.account_id) {
            Some(salt) => salt.clone(),
            None => {
                let salt = salt_of(db, person.account_id).await?;
                salts.insert(person.account_id, salt.clone());
                salt
            }
        };
        let password = start_password();
        let hash = auth
            .hasher
            .hash_at(&password, &salt, password::Cost::START)
            .await?;
        made.push(StartPassword {
            person_id: person.id,
            account_id: person.account_id,
            password,
            hash,
        });
    }
    Ok(made)
}

/// Writes made start passwords in the caller's transaction: each person must choose a new
/// password at the next sign-in, a lock ends, and their sessions and reset links end.
pub async fn write_start_passwords(
    txn: &DatabaseTransaction,
    made: &[StartPassword],
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    for start in made {
        sub_account::Entity::update_many()
            .col_expr(
                sub_account::Column::PasswordHash,
                Expr::value(start.hash.clone()),
            )
            .col_expr(sub_account::Column::MustChangePassword, Expr::value(true))
            .col_expr(sub_account::Column::PasswordChangedAt, Expr::value(now))
            .col_expr(sub_account::Column::LetterAt, Expr::value(now))
            .col_expr(
                sub_account::Column::LockedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(sub_account::Column::Id.eq(start.person_id))
            .exec(txn)
            .await?;
    }
    for chunk in made.chunks(500) {
        account::Entity::update_many()
            .col_expr(account::Column::FailedLogins, Expr::value(0))
            .filter(account::Column::Id.is_in(chunk.iter().map(|start| start.account_id)))
            .exec(txn)
            .await?;
        let ids = chunk.iter().map(|start| start.person_id);
        session::Entity::delete_many()
            .filter(session::Column::SubAccountId.is_in(ids.clone()))
            .exec(txn)
            .await?;
        token::Entity::delete_many()
            .filter(token::Column::SubAccountId.is_in(ids))
            .filter(token::Column::Purpose.eq(Purpose::ResetPassword))
            .exec(txn)
            .await?;
    }
    Ok(())
}
