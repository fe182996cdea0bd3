//! The error that crosses the wire between server functions and the pages.
//!
//! It carries only what the user may know; the cause is logged on the server where it happened.

use http::StatusCode;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::Key;
use crate::models::{FileProblem, FreshTimes, PasswordProblem, TypedScore};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("internal error")]
    Internal,
    /// Not signed in, or the session ended.
    #[error("not signed in")]
    SignedOut,
    /// A start password is still in use: nothing else until it is changed.
    #[error("password change required")]
    PasswordChangeRequired,
    /// The caller may not do this.
    #[error("forbidden")]
    Forbidden,
    /// One answer for every failed sign-in, whatever the cause.
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("too many requests")]
    RateLimited,
    #[error("server busy")]
    Busy,
    #[error("password refused")]
    Password(PasswordProblem),
    #[error("invalid e-mail address")]
    InvalidEmail,
    #[error("invalid or expired link")]
    InvalidLink,
    #[error("disabled by the school")]
    DisabledBySchool,
    #[error("file too large")]
    FileTooLarge,
    /// "Voeg kinderen toe" for a child that is already in the family.
    #[error("already linked")]
    AlreadyLinked,
    /// An upload without a file (or an empty one).
    #[error("no file")]
    NoFile,
    /// A message to send without anyone to send it to.
    #[error("no recipient")]
    NoRecipient,
    #[error("no subject")]
    NoSubject,
    #[error("message too long")]
    MessageTooLong,
    /// Oudercontact: someone else booked this slot a moment ago; the teacher's free times now.
    #[error("slot taken")]
    SlotTaken(FreshTimes),
    /// Oudercontact: this child already has a talk with this teacher in this moment.
    #[error("already booked")]
    AlreadyBooked,
    /// Oudercontact: booking and cancelling only while the window is open.
    #[error("booking window closed")]
    BookingClosed,
    /// Oudercontact: a moment or a day's hours that do not add up.
    #[error("invalid schedule")]
    InvalidSchedule,
    /// Beheer: disabling a person asks why.
    #[error("reason required")]
    ReasonRequired,
    /// Beheer: a name (of a person, class or course) that is empty or too long.
    #[error("name required")]
    NameRequired,
    /// Beheer: a class name the school has already.
    #[error("name taken")]
    NameTaken,
    /// Beheer: a number outside what the setting allows.
    #[error("out of range")]
    OutOfRange,
    #[error("invalid date")]
    InvalidDate,
    /// Beheer: the pupil has as many co-accounts as they may have.
    #[error("too many co-accounts")]
    TooManyCoAccounts,
    /// Beheer: an uploaded pupil export that cannot be imported at all.
    #[error("file refused")]
    ImportFile(FileProblem),
    /// Beheer: the school's data changed between an import's preview and its confirmation.
    #[error("import changed since its preview")]
    ImportChanged,
    /// A choice that the form did not offer.
    #[error("invalid choice")]
    InvalidChoice,
    /// An hour that is none (`14:30`).
    #[error("invalid time")]
    InvalidTime,
    /// A title (of a planned item, an evaluation, a remark's category) that is empty or too long.
    #[error("title required")]
    TitleRequired,
    /// A remark without text, or a text too long.
    #[error("text required")]
    TextRequired,
    /// A lesson's room that is empty or too long.
    #[error("invalid room")]
    InvalidRoom,
    /// Teaching: a period outside the school year's.
    #[error("invalid period")]
    InvalidPeriod,
    /// Teaching: a maximum score that is no positive number.
    #[error("invalid maximum")]
    InvalidMaximum,
    /// Teaching: a weight that is no positive number.
    #[error("invalid weight")]
    InvalidWeight,
    /// Teaching: a course link or live lesson whose address is no web address (http or https).
    #[error("invalid web link")]
    InvalidWebLink,
    /// Teaching: a live lesson that ends before it starts.
    #[error("end before start")]
    EndBeforeStart,
    /// Teaching: someone else saved the score grid since it was opened; nothing was saved.
    #[error("grid changed")]
    GridChanged,
    /// Teaching: cells of the score grid that are no score; nothing was saved. Every line as it
    /// was typed, so that the grid can show it again.
    #[error("scores refused")]
    ScoresRefused(Vec<TypedScore>),
    /// The call itself failed (network, encoding) before or after the server did its work.
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    /// The error as it travels in an address, back to a page that is drawn afresh: a slot's free
    /// times stay behind, the page lists them itself.
    pub fn for_address(self) -> Self {
        match self {
            AppError::SlotTaken(_) => AppError::SlotTaken(FreshTimes::default()),
            other => other,
        }
    }

    /// The message a person sees for this error, in the interface language.
    pub fn key(&self) -> Key {
        match self {
            AppError::NotFound => Key::NotFoundText,
            AppError::Internal | AppError::Transport(_) => Key::ServerErrorText,
            AppError::SignedOut => Key::ErrSignedOut,
            AppError::PasswordChangeRequired => Key::ErrPasswordChangeRequired,
            AppError::Forbidden => Key::ErrForbidden,
            AppError::InvalidCredentials => Key::ErrInvalidCredentials,
            AppError::RateLimited => Key::ErrRateLimited,
            AppError::Busy => Key::ErrBusy,
            AppError::InvalidEmail => Key::ErrInvalidEmail,
            AppError::InvalidLink => Key::ErrInvalidLink,
            AppError::DisabledBySchool => Key::ErrDisabledBySchool,
            AppError::FileTooLarge => Key::ErrFileTooLarge,
            AppError::AlreadyLinked => Key::ErrAlreadyLinked,
            AppError::NoFile => Key::ErrNoFile,
            AppError::NoRecipient => Key::ErrNoRecipient,
            AppError::NoSubject => Key::ErrNoSubject,
            AppError::MessageTooLong => Key::ErrMessageTooLong,
            AppError::SlotTaken(_) => Key::ErrSlotTaken,
            AppError::AlreadyBooked => Key::ErrAlreadyBooked,
            AppError::BookingClosed => Key::ErrBookingClosed,
            AppError::InvalidSchedule => Key::ErrInvalidSchedule,
            AppError::ImportFile(problem) => problem.key(),
            AppError::ImportChanged => Key::ErrImportChanged,
            AppError::ReasonRequired => Key::ErrReasonRequired,
            AppError::NameRequired => Key::ErrNameRequired,
            AppError::NameTaken => Key::ErrNameTaken,
            AppError::OutOfRange => Key::ErrOutOfRange,
            AppError::InvalidDate => Key::ErrInvalidDate,
            AppError::TooManyCoAccounts => Key::ErrTooManyCoAccounts,
            AppError::InvalidChoice => Key::ErrInvalidChoice,
            AppError::InvalidTime => Key::ErrInvalidTime,
            AppError::TitleRequired => Key::ErrTitleRequired,
            AppError::TextRequired => Key::ErrTextRequired,
            AppError::InvalidRoom => Key::RoomInvalid,
            AppError::InvalidPeriod => Key::ErrInvalidPeriod,
            AppError::InvalidMaximum => Key::ErrInvalidMaximum,
            AppError::InvalidWeight => Key::ErrInvalidWeight,
            AppError::InvalidWebLink => Key::ErrInvalidWebLink,
            AppError::EndBeforeStart => Key::ErrEndBeforeStart,
            AppError::GridChanged => Key::ErrGridChanged,
            AppError::ScoresRefused(_) => Key::ErrScoresRefused,
            AppError::Password(problem) => match problem {
                PasswordProblem::TooShort => Key::PwTooShort,
                PasswordProblem::TooLong => Key::PwTooLong,
                PasswordProblem::TooCommon => Key::PwTooCommon,
                PasswordProblem::SameAsUsername => Key::PwSameAsUsername,
                PasswordProblem::SameAsOtherPerson => Key::PwSameAsOther,
                PasswordProblem::Mismatch => Key::PwMismatch,
                PasswordProblem::Unchanged => Key::PwUnchanged,
                PasswordProblem::WrongCurrent => Key::PwWrongCurrent,
            },
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::SignedOut | AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AppError::PasswordChangeRequired | AppError::Forbidden | AppError::DisabledBySchool => {
                StatusCode::FORBIDDEN
            }
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Password(_)
            | AppError::InvalidEmail
            | AppError::NoFile
            | AppError::NoRecipient
            | AppError::NoSubject
            | AppError::MessageTooLong => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::FileTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::AlreadyLinked | AppError::SlotTaken(_) | AppError::AlreadyBooked => {
                StatusCode::CONFLICT
            }
            AppError::BookingClosed => StatusCode::FORBIDDEN,
            AppError::InvalidSchedule
            | AppError::ImportFile(_)
            | AppError::ReasonRequired
            | AppError::NameRequired
            | AppError::OutOfRange
            | AppError::InvalidDate
            | AppError::InvalidChoice
            | AppError::InvalidTime
            | AppError::TitleRequired
            | AppError::TextRequired
            | AppError::InvalidRoom
            | AppError::InvalidPeriod
            | AppError::InvalidMaximum
            | AppError::InvalidWeight
            | AppError::InvalidWebLink
            | AppError::EndBeforeStart
            | AppError::ScoresRefused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::GridChanged => StatusCode::CONFLICT,
            AppError::ImportChanged | AppError::NameTaken | AppError::TooManyCoAccounts => {
                StatusCode::CONFLICT
            }
            AppError::InvalidLink => StatusCode::BAD_REQUEST,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}
