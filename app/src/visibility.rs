//! The one place that decides who sees what. Navigation and every server function ask it; nothing
//! else re-implements a rule. (The modules of the product arrive one by one; each adds its rows here.)

use serde::{Deserialize, Serialize};

/// What a signed-in person is, as far as visibility is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Pupil,
    CoAccount,
    Teacher,
    Admin,
}

/// The parts of the product that visibility distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Module {
    /// Own password, e-mail and notification settings.
    Profile,
    /// Accounts, co-accounts, disabling and enabling.
    Beheer,
}

/// The role × module matrix of the product.
pub fn can_use(role: Role, module: Module) -> bool {
    match module {
        Module::Profile => true,
        Module::Beheer => role == Role::Admin,
    }
}

#[cfg(feature = "ssr")]
pub fn role_of(current: &crate::auth::Current) -> Role {
    use crate::db::entities::account::AccountKind;
    match current.account.kind {
        AccountKind::Admin => Role::Admin,
        AccountKind::Teacher => Role::Teacher,
        AccountKind::Pupil if current.person.is_co_account() => Role::CoAccount,
        AccountKind::Pupil => Role::Pupil,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admins_use_beheer_and_everyone_their_own_profile() {
        for role in [Role::Pupil, Role::CoAccount, Role::Teacher] {
            assert!(!can_use(role, Module::Beheer), "{role:?}");
            assert!(can_use(role, Module::Profile), "{role:?}");
        }
        assert!(can_use(Role::Admin, Module::Beheer));
    }
}
