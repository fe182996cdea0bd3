use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::Layout;
use crate::i18n::{tr, Key};

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
        </Layout>
    }
}
