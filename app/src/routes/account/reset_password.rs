//! A new password, from the link in a reset mail.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{token_from_query, Layout, NewPasswordFields};
use crate::functions::account::ResetPassword;
use crate::i18n::{tr, Key};

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    view! {
        <Layout help="aanmelden">
            <Title text=tr(Key::ChangePasswordTitle)/>
            <section class="card narrow">
                <h1>{tr(Key::ChangePasswordTitle)}</h1>
                <p>{tr(Key::ChangePasswordIntro)}</p>
                <ActionForm action>
                    <input type="hidden" name="token" value=token_from_query()/>
                    <NewPasswordFields action/>
                </ActionForm>
            </section>
        </Layout>
    }
}
