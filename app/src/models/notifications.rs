//! Notifications: which kinds of news a person can be told about, and how.

#[cfg(feature = "ssr")]
use sea_orm::entity::prelude::StringLen;
use serde::{Deserialize, Serialize};

use super::Role;
use crate::i18n::Key;

/// A kind of news. Messages have their own switch (a mail per message or none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")
)]
pub enum NotificationKind {
    /// A published result, or a correction of one.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "results"))]
    Results,
    /// A task, test or assignment planned or changed.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "agenda"))]
    Agenda,
    /// An LVS remark meant for the person.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "remarks"))]
    Remarks,
    /// An absence registered for the child.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "absences"))]
    Absences,
    /// A talk booked or cancelled with the teacher at an oudercontact.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "bookings"))]
    Bookings,
}

impl NotificationKind {
    /// The kinds a person with `role` is told about, in the settings' order.
    pub fn for_role(role: Role) -> &'static [NotificationKind] {
        use NotificationKind::*;
        match role {
            Role::Pupil => &[Results, Agenda, Remarks],
            Role::CoAccount => &[Results, Agenda, Remarks, Absences],
            Role::Teacher | Role::Admin => &[Bookings],
        }
    }

    /// How the kind reaches someone who chose nothing: what happened today in the evening's
    /// digest, an absence or a remark at once.
    pub fn default_mode(self) -> NotificationMode {
        match self {
            NotificationKind::Results | NotificationKind::Agenda | NotificationKind::Bookings => {
                NotificationMode::Digest
            }
            NotificationKind::Remarks | NotificationKind::Absences => NotificationMode::Immediately,
        }
    }

    /// The form field of the kind.
    pub fn code(self) -> &'static str {
        match self {
            NotificationKind::Results => "results",
            NotificationKind::Agenda => "agenda",
            NotificationKind::Remarks => "remarks",
            NotificationKind::Absences => "absences",
            NotificationKind::Bookings => "bookings",
        }
    }

    pub fn key(self) -> Key {
        match self {
            NotificationKind::Results => Key::NotifyResults,
            NotificationKind::Agenda => Key::NotifyAgenda,
            NotificationKind::Remarks => Key::NotifyRemarks,
            NotificationKind::Absences => Key::NotifyAbsences,
            NotificationKind::Bookings => Key::NotifyBookings,
        }
    }
}

/// How a kind of news reaches a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")
)]
pub enum NotificationMode {
    /// A mail as it happens.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "immediately"))]
    Immediately,
    /// In the one mail of the day.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "digest"))]
    Digest,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "off"))]
    Off,
}

impl NotificationMode {
    pub const ALL: [NotificationMode; 3] = [
        NotificationMode::Immediately,
        NotificationMode::Digest,
        NotificationMode::Off,
    ];

    pub fn code(self) -> &'static str {
        match self {
            NotificationMode::Immediately => "immediately",
            NotificationMode::Digest => "digest",
            NotificationMode::Off => "off",
        }
    }

    pub fn parse(code: &str) -> Option<NotificationMode> {
        NotificationMode::ALL
            .into_iter()
            .find(|mode| mode.code() == code)
    }

    pub fn key(self) -> Key {
        match self {
            NotificationMode::Immediately => Key::ModeImmediately,
            NotificationMode::Digest => Key::ModeDigest,
            NotificationMode::Off => Key::ModeOff,
        }
    }
}

/// A person's notification settings, as the profile page shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationChoices {
    /// The language of the person's mails (`nl`, `fr`, `en`).
    pub language: String,
    pub messages: bool,
    pub kinds: Vec<(NotificationKind, NotificationMode)>,
    /// Whether mail can reach the person at all (a confirmed address).
    pub has_address: bool,
}
