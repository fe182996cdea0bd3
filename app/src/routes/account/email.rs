//! "Vul uw e-mailadres in", with the benefits the letter names.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{signed_in_page, FormError, Layout, PasswordField, SubmitButton, Typed};
use crate::functions::account::SetEmail;
use crate::i18n::{tr, Key};

#[component]
pub fn EmailPage() -> impl IntoView {
    signed_in_page(false, |me| {
        let action = ServerAction::<SetEmail>::new();
        let typed = Typed::of::<SetEmail>();
        view! {
            <Layout school=me.school.clone() me=me.clone() help="aanmelden">
                <Title text=tr(Key::EmailTitle)/>
                <section class="card narrow">
                    <h1>{tr(Key::EmailTitle)}</h1>
                    <ul class="benefits">
                        <li>{tr(Key::EmailBenefitReactivate)}</li>
                        <li>{tr(Key::EmailBenefitNotify)}</li>
                        <li>{tr(Key::EmailPrivate)}</li>
                    </ul>
                    <ActionForm action>
                        <div class="stack">
                            <div class="field">
                                <label for="email">{tr(Key::EmailLabel)}</label>
                                <input id="email" name="email" type="email" autocomplete="email"
                                    value=typed.or("email", me.email.clone().unwrap_or_default()) required/>
                            </div>
                            {me.email.is_some().then(|| view! {
                                <PasswordField id="email-password" name="current_password" label=Key::CurrentPasswordForEmail
                                    autocomplete="current-password"/>
                            })}
                            <FormError action/>
                            <SubmitButton label=Key::ConfirmEmailButton/>
                        </div>
                    </ActionForm>
                    <p><a href="/start">{tr(Key::ToStart)}</a></p>
                </section>
            </Layout>
        }
        .into_any()
    })
}
