//! Types that server functions hand to the pages.

use serde::{Deserialize, Serialize};

mod access;
mod beheer;
mod calendar_feeds;
mod class_overviews;
mod course_plans;
mod import;
mod kept_forms;
mod messages;
mod modules;
mod notifications;
mod oudercontact;
mod roles;
mod teaching;
pub mod wall_clock;

pub use access::*;
pub use beheer::*;
pub use calendar_feeds::*;
pub use class_overviews::*;
pub use course_plans::*;
pub use import::*;
pub use kept_forms::*;
pub use messages::*;
pub use modules::*;
pub use notifications::*;
pub use oudercontact::*;
pub use roles::*;
pub use teaching::*;

/// The public id of a person, a message, a moment…: what addresses and forms carry instead of the
/// database's own numbers. Parsed once where it comes in; text that is no id never reaches a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PublicId(pub uuid::Uuid);

impl PublicId {
    pub fn parse(text: &str) -> Option<PublicId> {
        uuid::Uuid::parse_str(text.trim()).ok().map(PublicId)
    }
}

impl std::fmt::Display for PublicId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

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
    /// The current password, asked before any change, is not right.
    WrongCurrent,
}

/// How large an upload may be, as the server is set up (`UPLOAD_FILE_MB`, `UPLOAD_MESSAGE_MB`):
/// the server refuses above it, the forms say it beside their file fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadLimits {
    /// One kept file in bytes: a document, a course file, a planned item's attachment.
    pub file: usize,
    /// A message's attachments together, in bytes.
    pub message: usize,
}

impl Default for UploadLimits {
    fn default() -> Self {
        UploadLimits {
            file: 5 * 1024 * 1024,
            message: 10 * 1024 * 1024,
        }
    }
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
    pub role: Role,
    /// For a co-account: the child whose modules it sees now.
    pub child: Option<Pupil>,
    /// For a co-account: every child of its family (its own first), for the photo switcher.
    pub children: Vec<Pupil>,
    /// Unread messages in the inbox (for a parent: of the selected child's co-account).
    pub unread_messages: u64,
    /// Whether a new message is announced by mail.
    pub notify_messages: bool,
    /// What this server accepts in an upload, for the forms' hints.
    pub upload_limits: UploadLimits,
}

/// A pupil as the modules name them: the child a parent sees, or the pupil a teacher looks up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pupil {
    /// The pupil's stable public id; staff pass it to look at one pupil.
    pub id: String,
    pub first_name: String,
    pub display_name: String,
    pub class: Option<String>,
    pub photo: Option<String>,
    pub school: PlatformSummary,
}
