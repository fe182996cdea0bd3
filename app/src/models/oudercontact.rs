//! Oudercontact as the pages see it: moments, slots, bookings, hours.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::Pupil;

/// Where the booking window of a conference moment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BookingWindow {
    NotYetOpen,
    Open,
    Closed,
}

/// A conference moment (oudercontact) as everyone sees it. Times are school-local.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    pub id: String,
    pub title: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// "16:00".
    pub day_starts: String,
    pub day_ends: String,
    pub slot_minutes: i32,
    pub gap_minutes: i32,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub online: bool,
    pub window: BookingWindow,
    pub classes: Vec<String>,
}

/// A free slot to book.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeSlot {
    pub id: String,
    #[serde(with = "super::wall_clock")]
    pub starts_at: NaiveDateTime,
    #[serde(with = "super::wall_clock")]
    pub ends_at: NaiveDateTime,
}

/// What a parent who lost a slot to someone else needs to choose again without reloading the
/// page: the slot they tried, and the free times of its teacher in its moment now. Empty where the
/// page reloads anyway (a browser's plain form post) or where no one slot was tried (a series).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreshTimes {
    pub taken: String,
    pub free: Vec<FreeSlot>,
}

/// A booked talk as the parents see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub id: String,
    pub moment: String,
    pub child: String,
    pub teacher: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub topic: Option<String>,
    pub online: bool,
    pub booked_by: String,
    /// The window is open: the booking may still be cancelled.
    pub can_cancel: bool,
}

/// One teacher of the selected child in one moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeacherSlots {
    pub teacher: String,
    pub class_teacher: bool,
    pub courses: Vec<String>,
    /// The child's talk with this teacher, if booked.
    pub booking: Option<Booking>,
    pub free: Vec<FreeSlot>,
}

/// One slot of a suggested series of consecutive talks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestedTalk {
    pub slot: String,
    pub child_id: String,
    pub child: String,
    pub teacher: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentMoment {
    pub moment: Moment,
    pub teachers: Vec<TeacherSlots>,
    /// Back-to-back talks with the teachers not booked yet, across the family's children.
    pub suggestion: Vec<SuggestedTalk>,
}

/// Oudercontact for a parent: the selected child's moments and the family's bookings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentOudercontact {
    pub child: Pupil,
    pub moments: Vec<ParentMoment>,
    /// The bookings of every child of the family, in time order.
    pub bookings: Vec<Booking>,
}

/// A teacher's hours on one day of a moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayHours {
    pub starts: String,
    pub ends: String,
    pub break_starts: Option<String>,
    pub break_ends: Option<String>,
}

/// One line of a teacher's schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleLine {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    /// The child (with class), the parent who booked and the topic; none for a free slot.
    pub child: Option<String>,
    pub parent: Option<String>,
    pub topic: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleDay {
    pub day: NaiveDate,
    pub hours: Option<DayHours>,
    pub lines: Vec<ScheduleLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeacherMoment {
    pub moment: Moment,
    pub days: Vec<ScheduleDay>,
}

/// A moment in the organiser's list, with how full it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisedMoment {
    pub moment: Moment,
    pub slots: u64,
    pub booked: u64,
    /// The teachers of the invited classes, each with their own fill, so the organiser sees who
    /// has not given hours yet.
    pub teachers: Vec<TeacherFill>,
}

/// One teacher's part of a moment: their talks and how many are booked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeacherFill {
    pub teacher: String,
    pub slots: u64,
    pub booked: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassChoice {
    pub id: i32,
    pub name: String,
}

/// Oudercontact as each role sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Oudercontact {
    Parent(ParentOudercontact),
    Teacher(Vec<TeacherMoment>),
    Admin {
        moments: Vec<OrganisedMoment>,
        classes: Vec<ClassChoice>,
    },
}
