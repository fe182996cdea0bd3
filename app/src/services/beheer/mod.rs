//! Beheer: what a school's admins do to set up and run their platform. Every function takes the
//! [`SchoolAdmin`] capability and reaches only that admin's school; what it changes is written in
//! the audit log in the same transaction.

pub mod activation;
pub mod audit;
pub mod import;
pub mod import_file;
pub mod letters;
pub mod mail;
pub mod people;
pub mod platform;
pub mod pupils;
pub mod school;
pub mod usernames;

use chrono::{DateTime, Utc};
use sea_orm::DbErr;

use crate::auth::AuthError;
use crate::db::entities::sub_account;
use crate::models::{FileProblem, PersonState};

/// The reason written on the people of a pupil who is no longer in the school's export. A pupil
/// who comes back in a later export is enabled again only if this is why they were disabled.
pub const LEFT_SCHOOL: &str = "import:left";

/// The reason written on a co-account that an admin removed.
pub const REMOVED: &str = "beheer:removed";

/// The reason written on the people of a pupil an admin erased.
pub const ERASED: &str = "beheer:erased";

/// Why a Beheer action did not happen. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum BeheerError {
    #[error("not found")]
    NotFound,
    /// The uploaded file as a whole is refused.
    #[error("file refused: {0:?}")]
    File(FileProblem),
    /// The data changed since the preview was shown; the admin sees the new one.
    #[error("changed since the preview")]
    Changed,
    /// A platform address that is taken, or that is not safe in an address.
    #[error("{0}")]
    Slug(String),
    /// A name (of a person, class or course) that is empty or too long.
    #[error("name required")]
    NameRequired,
    /// A class name the school has already.
    #[error("name taken")]
    NameTaken,
    /// A number outside what the setting allows.
    #[error("out of range")]
    OutOfRange,
    /// A date that is none.
    #[error("invalid date")]
    InvalidDate,
    /// The pupil has as many co-accounts as they may have.
    #[error("too many co-accounts")]
    TooManyCoAccounts,
    #[error("auth: {0}")]
    Auth(#[from] AuthError),
    #[error("database: {0}")]
    Db(#[from] DbErr),
}

/// Where a person stands now.
pub fn state_of(person: &sub_account::Model, now: DateTime<Utc>) -> PersonState {
    if person.disabled_at.is_some() {
        PersonState::Disabled
    } else if person.locked_until.is_some_and(|until| until > now) {
        PersonState::Locked
    } else if person.password_hash.is_none() {
        PersonState::NoPassword
    } else if person.must_change_password && person.last_sign_in_at.is_none() {
        PersonState::StartPassword
    } else {
        PersonState::Active
    }
}

/// Whether a person has begun to use their account: a letter then makes no new start password
/// for them (only "Nieuw startwachtwoord" does, on purpose).
pub fn in_use(person: &sub_account::Model) -> bool {
    person.last_sign_in_at.is_some()
        || (person.password_hash.is_some() && !person.must_change_password)
}

/// Whether a person is one of the co-accounts a pupil's maximum counts: every co-account but a
/// removed one (kept, with what it wrote and booked, but out of use).
pub fn counts_toward_maximum(person: &sub_account::Model) -> bool {
    person.idx != sub_account::PUPIL_IDX && person.disabled_reason.as_deref() != Some(REMOVED)
}

/// A search text as lowercase words, without the characters that mean something to LIKE.
pub fn search_words(search: &str) -> Vec<String> {
    search
        .split_whitespace()
        .map(|word| {
            word.chars()
                .filter(|c| !matches!(c, '%' | '_' | '\\'))
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .take(5)
        .collect()
}

/// A person's name as Beheer and the letters show it.
pub fn full_name(person: &sub_account::Model) -> String {
    format!("{} {}", person.first_name, person.last_name)
        .trim()
        .to_owned()
}

/// A full name split for a person: the first word is the first name, the rest the last name.
pub fn split_name(name: &str) -> (String, String) {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.split_once(' ') {
        Some((first, last)) => (first.to_owned(), last.to_owned()),
        None => (name, String::new()),
    }
}
