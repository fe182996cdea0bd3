//! Oudercontact: the school opens a conference moment, teachers give their hours (slots are made
//! from them), parents book one talk per teacher per child and may cancel while the window is open.
//!
//! Who may do what comes from the visibility module as capabilities (`BookingFamily`,
//! `ConferenceTeacher`, `MomentTeacher`, `Organiser`); these functions take them instead of the
//! caller. That a slot is never booked twice is the database's job: two unique indexes (one
//! booking per slot, one per teacher per child in a moment). A booking that loses a race gets
//! `SlotTaken` or `AlreadyBooked`, never a server error. Confirmations and cancellations go
//! through the outbox in the booking's own transaction, with a calendar invitation.
//!
//! One file per side: the parent's view and its suggestion, booking and cancelling, the mails,
//! the organiser's moments, the teacher's hours and schedule.

mod booking;
mod hours;
mod mails;
mod moments;
mod parent;
mod schedule;
mod suggest;
mod summary;

use chrono::{DateTime, Utc};
use sea_orm::DbErr;

use crate::db::entities::conference;
use crate::models::{BookingWindow, FreshTimes};

pub use booking::{book, cancel, Pick, MAX_TOPIC};
pub use hours::{replace_hours, set_hours, Hours};
pub use moments::{insert_moment, open_moment, organiser_view, NewMoment};
pub use parent::parent_view;
pub use schedule::schedule;

/// Why an Oudercontact action did not happen. The server functions give each its status and
/// message.
#[derive(Debug, thiserror::Error)]
pub enum OudercontactError {
    #[error("not found")]
    NotFound,
    /// Not the family's child, or not a teacher the child may book.
    #[error("forbidden")]
    Forbidden,
    /// Someone else booked this slot a moment ago; its teacher's free times now, where one slot
    /// was tried.
    #[error("slot taken")]
    SlotTaken(FreshTimes),
    /// This child already has a talk with this teacher in this moment.
    #[error("already booked")]
    AlreadyBooked,
    /// Booking and cancelling only while the window is open.
    #[error("booking window closed")]
    BookingClosed,
    /// A moment or a day's hours that do not add up.
    #[error("invalid schedule")]
    InvalidSchedule,
    /// A topic longer than [`MAX_TOPIC`].
    #[error("topic too long")]
    TopicTooLong,
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Where the booking window of a moment stands at `now`.
fn window(moment: &conference::Model, now: DateTime<Utc>) -> BookingWindow {
    if now < moment.opens_at {
        BookingWindow::NotYetOpen
    } else if now < moment.closes_at {
        BookingWindow::Open
    } else {
        BookingWindow::Closed
    }
}
