//! The change of the password: the one page a start password leaves open.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{signed_in_page, Layout, NewPasswordFields, PasswordField};
use crate::functions::account::ChangePassword;
use crate::i18n::{tr, Key};

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    signed_in_page(true, |me| {
        let action = ServerAction::<ChangePassword>::new();
        view! {
            <Layout school=me.school.clone() me=me.clone() help="aanmelden">
                <Title text=tr(Key::ChangePasswordTitle)/>
                <section class="card narrow">
                    <h1>{tr(Key::ChangePasswordTitle)}</h1>
                    {me.must_change_password.then(|| view! { <p class="notice">{tr(Key::StartPasswordNotice)}</p> })}
                    <p>{tr(Key::ChangePasswordIntro)}</p>
                    <ActionForm action>
                        <div class="stack">
                            <PasswordField id="current-password" name="current_password" label=Key::CurrentPassword autocomplete="current-password"/>
                            <NewPasswordFields action/>
                        </div>
                    </ActionForm>
                </section>
            </Layout>
        }
        .into_any()
    })
}
