//! What a signed-in person is and the parts of the product, as the pages and the rules name them.

use serde::{Deserialize, Serialize};

use crate::i18n::Key;

/// What a signed-in person is, as far as visibility is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Pupil,
    CoAccount,
    Teacher,
    Admin,
}

impl Role {
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Teacher | Role::Admin)
    }
}

/// The parts of the product that visibility distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Module {
    /// "Mijn kinderen": the parent's overview.
    MyChildren,
    Agenda,
    Results,
    Courses,
    LiveSessions,
    Lvs,
    Messages,
    MyDocuments,
    Oudercontact,
    /// Own password, e-mail and notification settings.
    Profile,
    /// Accounts, co-accounts, disabling and enabling.
    Beheer,
}

impl Module {
    pub const ALL: [Module; 11] = [
        Module::MyChildren,
        Module::Agenda,
        Module::Results,
        Module::Courses,
        Module::LiveSessions,
        Module::Lvs,
        Module::Messages,
        Module::MyDocuments,
        Module::Oudercontact,
        Module::Profile,
        Module::Beheer,
    ];

    /// Personal modules belong to one person: a co-account never sees its pupil's, nor the other way.
    pub fn is_personal(self) -> bool {
        matches!(
            self,
            Module::Messages | Module::MyDocuments | Module::Oudercontact | Module::Profile
        )
    }

    pub fn path(self) -> &'static str {
        match self {
            Module::MyChildren => "/mijn-kinderen",
            Module::Agenda => "/agenda",
            Module::Results => "/resultaten",
            Module::Courses => "/vakken",
            Module::LiveSessions => "/live-sessies",
            Module::Lvs => "/lvs",
            Module::Messages => "/berichten",
            Module::MyDocuments => "/mijn-documenten",
            Module::Oudercontact => "/oudercontact",
            Module::Profile => "/start",
            Module::Beheer => "/beheer",
        }
    }

    pub fn label(self) -> Key {
        match self {
            Module::MyChildren => Key::ModMyChildren,
            Module::Agenda => Key::ModAgenda,
            Module::Results => Key::ModResults,
            Module::Courses => Key::ModCourses,
            Module::LiveSessions => Key::ModLiveSessions,
            Module::Lvs => Key::ModLvs,
            Module::Messages => Key::ModMessages,
            Module::MyDocuments => Key::ModMyDocuments,
            Module::Oudercontact => Key::ModOudercontact,
            Module::Profile => Key::ModProfile,
            Module::Beheer => Key::ModBeheer,
        }
    }
}
