//! The outcome of a flow that ends outside a session (a link opened from a mail).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::Layout;
use crate::i18n::{tr, Key};

#[component]
pub fn DonePage() -> impl IntoView {
    let what = use_query_map()
        .read_untracked()
        .get("wat")
        .unwrap_or_default();
    let text = match what.as_str() {
        "e-mail" => Key::EmailConfirmed,
        "wachtwoord" => Key::ResetDone,
        "geactiveerd" => Key::ReactivateDone,
        _ => Key::ForgotDone,
    };
    view! {
        <Layout help="aanmelden">
            <Title text=tr(Key::DoneTitle)/>
            <section class="card narrow">
                <h1>{tr(Key::DoneTitle)}</h1>
                <p role="status">{tr(text)}</p>
                <p><a href="/">{tr(Key::ToSignIn)}</a></p>
            </section>
        </Layout>
    }
}
