//! The confirmation of an e-mail address, from the link in its mail.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{token_from_query, FormError, Layout, SubmitButton};
use crate::functions::account::ConfirmEmail;
use crate::i18n::{tr, Key};

/// A page with one button that uses the mailed token, so that a mail scanner opening the link
/// does not use it up.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let action = ServerAction::<ConfirmEmail>::new();
    view! {
        <Layout help="aanmelden">
            <Title text=tr(Key::ConfirmEmailTitle)/>
            <section class="card narrow">
                <h1>{tr(Key::ConfirmEmailTitle)}</h1>
                <p>{tr(Key::ConfirmEmailIntro)}</p>
                <ActionForm action>
                    <input type="hidden" name="token" value=token_from_query()/>
                    <FormError action/>
                    <SubmitButton label=Key::ConfirmEmailButton/>
                </ActionForm>
            </section>
        </Layout>
    }
}
