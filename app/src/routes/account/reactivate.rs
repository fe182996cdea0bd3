//! Switching an account back on, from the link in its mail.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{token_from_query, FormError, Layout, SubmitButton};
use crate::functions::account::ReactivateAccount;
use crate::i18n::{tr, Key};

#[component]
pub fn ReactivatePage() -> impl IntoView {
    let action = ServerAction::<ReactivateAccount>::new();
    view! {
        <Layout help="aanmelden">
            <Title text=tr(Key::ReactivateTitle)/>
            <section class="card narrow">
                <h1>{tr(Key::ReactivateTitle)}</h1>
                <p>{tr(Key::ReactivateIntro)}</p>
                <ActionForm action>
                    <input type="hidden" name="token" value=token_from_query()/>
                    <FormError action/>
                    <SubmitButton label=Key::ReactivateButton/>
                </ActionForm>
            </section>
        </Layout>
    }
}
