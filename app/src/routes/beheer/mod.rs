//! Beheer: the school's admins set up their platform, bring in the pupils, make the letters with
//! start passwords and keep accounts in daily use. Every page works before the wasm loads: lists
//! and search are links and GET forms, the upload and the letters are plain form posts to the
//! server, the other actions plain forms to server functions.

mod import;
mod log;
mod overview;
mod pupil;
mod pupils;
mod school;

pub use import::ImportPage;
pub use log::AuditLogPage;
pub use overview::BeheerPage;
pub use pupil::BeheerPupilPage;
pub use pupils::BeheerPupilsPage;
pub use school::SchoolSetupPage;

use leptos::prelude::*;

use crate::i18n::{tr, Key, Lang};
use crate::models::PersonState;

/// The tabs of Beheer, the current one marked.
#[component]
fn BeheerTabs(current: &'static str) -> impl IntoView {
    let tabs = [
        ("/beheer", Key::BeheerOverviewTab),
        ("/beheer/leerlingen", Key::BeheerPupilsTab),
        ("/beheer/import", Key::BeheerImportTab),
        ("/beheer/school", Key::BeheerSchoolTab),
        ("/beheer/logboek", Key::BeheerLogTab),
    ];
    view! {
        <nav class="tabs" aria-label=tr(Key::ModBeheer)>
            <ul>
                {tabs.into_iter().map(|(href, key)| view! {
                    <li><a href=href aria-current=(href == current).then_some("page")>{tr(key)}</a></li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// The letters form's choices: for whom, and in which language. Inside a form that posts to
/// `/beheer/brieven`.
#[component]
fn LetterChoices(id: &'static str) -> impl IntoView {
    let who = format!("{id}-wie");
    let lang = format!("{id}-taal");
    view! {
        <div class="field">
            <label for=who.clone()>{tr(Key::LettersFor)}</label>
            <select id=who name="wie">
                <option value="iedereen">{tr(Key::RecipientsEveryone)}</option>
                <option value="co-accounts">{tr(Key::RecipientsCoAccounts)}</option>
                <option value="leerlingen">{tr(Key::RecipientsPupils)}</option>
            </select>
        </div>
        <div class="field">
            <label for=lang.clone()>{tr(Key::LetterLanguage)}</label>
            <select id=lang name="taal">
                {Lang::ALL.into_iter().map(|lang| view! {
                    <option value=lang.code()>{lang.native_name()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// A state as a short word with its own look.
pub fn state_badge(state: PersonState) -> impl IntoView {
    let class = match state {
        PersonState::Active => "badge ok",
        PersonState::StartPassword | PersonState::NoPassword => "badge waiting",
        PersonState::Locked | PersonState::Disabled => "badge off",
    };
    view! { <span class=class>{tr(state.key())}</span> }
}
