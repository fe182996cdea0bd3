//! The errors of the account services.

use sea_orm::DbErr;

use super::password::{Busy, PasswordProblem};

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

pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
