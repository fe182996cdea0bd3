//! The one place that decides who sees what. Navigation and every server function ask it; nothing
//! else re-implements a rule.
//!
//! Two layers: the role × module matrix of the product (pure, shared with the browser to draw the
//! navigation), and the data rules (server-only): which pupil a caller may look at, which courses of
//! that pupil, which LVS items and results, whose documents. The data rules come out as sea-orm
//! conditions, so that services filter in the query instead of after it.

use crate::models::{Module, Role};

/// The role × module matrix of the product (PRODUCT.md, "Modules and who sees them").
pub fn can_use(role: Role, module: Module) -> bool {
    match module {
        Module::MyChildren => role == Role::CoAccount,
        Module::Oudercontact => role != Role::Pupil,
        Module::Beheer => role == Role::Admin,
        Module::Agenda
        | Module::Results
        | Module::Courses
        | Module::LiveSessions
        | Module::Lvs
        | Module::Messages
        | Module::MyDocuments
        | Module::Profile => true,
    }
}

/// The modules that have pages, in menu order.
const NAVIGATION: [Module; 11] = [
    Module::MyChildren,
    Module::Messages,
    Module::Agenda,
    Module::Results,
    Module::Courses,
    Module::LiveSessions,
    Module::Lvs,
    Module::MyDocuments,
    Module::Oudercontact,
    Module::Profile,
    Module::Beheer,
];

/// The "Ga naar" menu and the side links of `role`.
/// Where the installed app opens: a parent on Mijn kinderen, a pupil on the agenda, staff on
/// their start page.
pub fn app_start(role: Role) -> &'static str {
    match role {
        Role::CoAccount => Module::MyChildren.path(),
        Role::Pupil => Module::Agenda.path(),
        Role::Teacher | Role::Admin => "/start",
    }
}

pub fn navigation(role: Role) -> Vec<Module> {
    NAVIGATION
        .into_iter()
        .filter(|module| can_use(role, *module))
        .collect()
}

#[cfg(feature = "ssr")]
mod access;
#[cfg(feature = "ssr")]
mod caller;
#[cfg(feature = "ssr")]
mod documents;
#[cfg(feature = "ssr")]
mod feeds;
#[cfg(feature = "ssr")]
mod messages;
#[cfg(feature = "ssr")]
mod oudercontact;
#[cfg(feature = "ssr")]
mod pupils;
#[cfg(feature = "ssr")]
mod teaching;

#[cfg(feature = "ssr")]
pub use access::*;
#[cfg(feature = "ssr")]
pub use caller::*;
#[cfg(feature = "ssr")]
pub use documents::*;
#[cfg(feature = "ssr")]
pub use feeds::*;
#[cfg(feature = "ssr")]
pub use messages::*;
#[cfg(feature = "ssr")]
pub use oudercontact::*;
#[cfg(feature = "ssr")]
pub use pupils::*;
#[cfg(feature = "ssr")]
pub use teaching::*;

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: [Role; 4] = [Role::Pupil, Role::CoAccount, Role::Teacher, Role::Admin];

    #[test]
    fn the_matrix_of_the_product() {
        use Module::*;
        // (module, pupil, co-account, teacher, admin), as in PRODUCT.md.
        let matrix = [
            (MyChildren, false, true, false, false),
            (Agenda, true, true, true, true),
            (Results, true, true, true, true),
            (Courses, true, true, true, true),
            (LiveSessions, true, true, true, true),
            (Lvs, true, true, true, true),
            (Messages, true, true, true, true),
            (MyDocuments, true, true, true, true),
            (Oudercontact, false, true, true, true),
            (Profile, true, true, true, true),
            (Beheer, false, false, false, true),
        ];
        assert_eq!(matrix.len(), Module::ALL.len());
        for (module, pupil, co, teacher, admin) in matrix {
            for (role, expected) in ROLES.into_iter().zip([pupil, co, teacher, admin]) {
                assert_eq!(can_use(role, module), expected, "{role:?} × {module:?}");
            }
        }
    }

    #[test]
    fn navigation_shows_only_usable_modules_and_pupils_no_oudercontact() {
        for role in ROLES {
            for module in navigation(role) {
                assert!(can_use(role, module), "{role:?} sees {module:?}");
            }
        }
        assert!(!navigation(Role::Pupil).contains(&Module::Oudercontact));
        assert!(!navigation(Role::Pupil).contains(&Module::MyChildren));
        assert!(navigation(Role::CoAccount).contains(&Module::Oudercontact));
        assert_eq!(navigation(Role::CoAccount)[0], Module::MyChildren);
    }

    #[test]
    fn every_module_has_its_own_address() {
        let mut paths: Vec<_> = Module::ALL.iter().map(|module| module.path()).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), Module::ALL.len());
    }
}
