//! "Wachtwoord vergeten?" for one school.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{school_page, FormError, SubmitButton, Typed};
use crate::functions::account::RequestPasswordReset;
use crate::i18n::{tr, Key};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    school_page(|school| {
        let action = ServerAction::<RequestPasswordReset>::new();
        let typed = Typed::of::<RequestPasswordReset>();
        let sign_in_href = format!("/{}", school.slug);
        view! {
            <Title text=tr(Key::ForgotPassword)/>
            <section class="card narrow">
                <h1>{tr(Key::ForgotPassword)}</h1>
                <p>{tr(Key::ForgotIntro)}</p>
                <ActionForm action>
                    <input type="hidden" name="platform" value=school.slug.clone()/>
                    <div class="stack">
                        <div class="field">
                            <label for="username">{tr(Key::UsernameLabel)}</label>
                            <input id="username" name="username" value=typed.or("username", "") autocomplete="username"
                                autocapitalize="none" spellcheck="false" required/>
                        </div>
                        <FormError action/>
                        <SubmitButton label=Key::ForgotButton/>
                    </div>
                </ActionForm>
                <p><a href=sign_in_href>{tr(Key::ToSignIn)}</a></p>
            </section>
        }
        .into_any()
    })
}
