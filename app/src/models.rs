//! Types that server functions hand to the pages.

use serde::{Deserialize, Serialize};

/// What anyone may know of a school: enough to choose it and to sign in to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformSummary {
    pub slug: String,
    pub name: String,
    pub city: String,
}

/// Why a new password is refused. Each has its own message for the person choosing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    TooCommon,
    SameAsUsername,
    SameAsOtherPerson,
    Mismatch,
    /// The new password equals the current one (a start password must really change).
    Unchanged,
}

/// The signed-in person, as the pages see them. The e-mail address is their own, shown only to them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub first_name: String,
    pub display_name: String,
    /// moeder, vader, …; none for the pupil and staff.
    pub relation: Option<String>,
    pub username: String,
    pub school: PlatformSummary,
    pub email: Option<String>,
    pub email_confirmed: bool,
    pub must_change_password: bool,
}
