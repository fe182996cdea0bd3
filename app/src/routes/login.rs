//! A school's sign-in page, at the school's own address (`/sintclara`).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{school_page, FormError, PasswordField, SubmitButton, Typed};
use crate::functions::account::SignIn;
use crate::i18n::{tr, Key};
use crate::models::PlatformSummary;

/// A school's sign-in page, at the school's own address (`/sintclara`).
#[component]
pub fn LoginPage() -> impl IntoView {
    school_page(|school| view! { <SignInForm school/> }.into_any())
}

#[component]
fn SignInForm(school: PlatformSummary) -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let typed = Typed::of::<SignIn>();
    let slug = school.slug.clone();
    let forgot_href = format!("/{}/wachtwoord-vergeten", school.slug);
    view! {
        <Title text=format!("{} · {}", tr(Key::SignInTitle), school.name)/>
        <section class="card sign-in">
            <h1>{tr(Key::SignInTitle)}</h1>
            <p class="school-line">{format!("{} · {}", school.name, school.city)}</p>
            <p>{tr(Key::SignInIntro)}</p>
            <ActionForm action attr:class="stack">
                <div class="field">
                    <label for="platform">{tr(Key::PlatformLabel)}</label>
                    <input
                        id="platform"
                        name="platform"
                        value=typed.or("platform", slug.clone())
                        autocomplete="off"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                    />
                </div>
                <div class="field">
                    <label for="username">{tr(Key::UsernameLabel)}</label>
                    <input
                        id="username"
                        name="username"
                        value=typed.or("username", "")
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                    />
                </div>
                <PasswordField
                    id="password"
                    name="password"
                    label=Key::PasswordLabel
                    autocomplete="current-password"
                />
                <div class="check">
                    <input type="checkbox" id="remember" name="remember" value="1" checked=typed.chose("remember", "1", false) aria-describedby="remember-hint"/>
                    <label for="remember">{tr(Key::StaySignedIn)}</label>
                </div>
                <p id="remember-hint" class="hint">{tr(Key::StaySignedInHint)}</p>
                <FormError action/>
                <SubmitButton label=Key::SignInButton/>
            </ActionForm>
            <p class="hint">{tr(Key::CoAccountHint)}</p>
            <p class="links">
                <a href=forgot_href>{tr(Key::ForgotPassword)}</a>
                <a href="/">{tr(Key::OtherSchool)}</a>
            </p>
        </section>
    }
}
