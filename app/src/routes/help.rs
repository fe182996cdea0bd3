//! Help in the interface language, one section per page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::Layout;
use crate::i18n::{tr, Key};
use crate::models::Module;

/// The help of each module, under an anchor named after its address.
const MODULE_HELP: [(Module, &[Key]); 9] = [
    (Module::MyChildren, &[Key::HelpMyChildren, Key::HelpFamily]),
    (Module::Agenda, &[Key::HelpAgenda]),
    (Module::Results, &[Key::HelpResults]),
    (Module::Courses, &[Key::HelpCourses]),
    (Module::LiveSessions, &[Key::HelpLive]),
    (Module::Lvs, &[Key::HelpLvs]),
    (Module::Messages, &[Key::HelpMessages]),
    (Module::MyDocuments, &[Key::HelpDocuments]),
    (Module::Oudercontact, &[Key::HelpOudercontact]),
];

/// Help in the interface language. Each page's `?` link points at its own section.
#[component]
pub fn HelpPage() -> impl IntoView {
    view! {
        <Layout help="start">
            <Title text=tr(Key::HelpTitle)/>
            <h1>{tr(Key::HelpTitle)}</h1>
            <section id="start" class="card">
                <h2>{tr(Key::ChooseSchool)}</h2>
                <p>{tr(Key::ChooseSchoolIntro)}</p>
            </section>
            <section id="aanmelden" class="card">
                <h2>{tr(Key::SignInTitle)}</h2>
                <p>{tr(Key::HelpSignIn)}</p>
                <p>{tr(Key::HelpCoAccount)}</p>
                <p>{tr(Key::HelpForgot)}</p>
            </section>
            {MODULE_HELP
                .into_iter()
                .map(|(module, texts)| {
                    view! {
                        <section id=module.path().trim_start_matches('/') class="card">
                            <h2>{tr(module.label())}</h2>
                            {texts.iter().map(|text| view! { <p>{tr(*text)}</p> }).collect_view()}
                        </section>
                    }
                })
                .collect_view()}
        </Layout>
    }
}
