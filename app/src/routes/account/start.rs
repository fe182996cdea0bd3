//! The first page after signing in: who is signed in, the account, the notification setting, and
//! the banner that asks to confirm the e-mail address.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{signed_in_page, FormError, Layout, PasswordField, SubmitButton, Typed};
use crate::functions::account::SetEmail;
use crate::i18n::{tr, tr_fill, Key};
use crate::models::{Me, Role};

#[component]
pub fn StartPage() -> impl IntoView {
    signed_in_page(false, |me| {
        let role_line = match me.role {
            Role::CoAccount => tr_fill(
                Key::SignedInAsCoAccount,
                &[&me.username, &me.relation.clone().unwrap_or_default()],
            ),
            Role::Pupil => tr(Key::SignedInAsPupil).to_owned(),
            Role::Teacher | Role::Admin => tr_fill(Key::SignedInAsStaff, &[&me.school.name]),
        };
        let access_link = match me.role {
            Role::CoAccount => tr(Key::AccessLink),
            Role::Pupil => tr(Key::AccessTitlePupil),
            Role::Teacher | Role::Admin => tr(Key::SignInsLink),
        };
        view! {
            <Layout school=me.school.clone() me=me.clone() help="start">
                <Title text=tr(Key::Welcome)/>
                {(!me.email_confirmed).then(|| view! { <EmailBanner me=me.clone()/> })}
                <h1>{tr_fill(Key::WelcomeName, &[&me.first_name])}</h1>
                <p>{role_line}</p>
                <section class="card">
                    <h2>{tr(Key::AccountNav)}</h2>
                    <p>
                        {tr(Key::EmailLabel)} ": " {me.email.clone().unwrap_or_default()} " · "
                        {if me.email_confirmed { tr(Key::EmailOk) } else { tr(Key::EmailPending) }}
                    </p>
                    <ul class="plain-list">
                        <li><a href="/wachtwoord-wijzigen">{tr(Key::ChangePasswordLink)}</a></li>
                        <li><a href="/toegang">{access_link}</a></li>
                    </ul>
                </section>
                <NotificationSettings/>
            </Layout>
        }
        .into_any()
    })
}

/// Where the person chooses how news reaches them.
#[component]
fn NotificationSettings() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="notifications-title">
            <h2 id="notifications-title">{tr(Key::NotificationsTitle)}</h2>
            <p>{tr(Key::NotifyIntro)}</p>
            <a href="/meldingen">{tr(Key::NotifyChange)}</a>
        </section>
    }
}

/// "We merken dat u uw e-mailadres nog niet bevestigd heeft…": correct the address and resend.
#[component]
fn EmailBanner(me: Me) -> impl IntoView {
    let action = ServerAction::<SetEmail>::new();
    let typed = Typed::of::<SetEmail>();
    let sent_to = me
        .email
        .clone()
        .map(|email| tr_fill(Key::EmailSentTo, &[&email]));
    view! {
        <section class="banner" aria-labelledby="email-banner-title">
            <h2 id="email-banner-title">{tr(Key::ConfirmEmailTitle)}</h2>
            <p>{tr(Key::EmailBanner)}</p>
            {sent_to.map(|text| view! { <p>{text}</p> })}
            <ActionForm action>
                <div class="field">
                    <label for="banner-email">{tr(Key::EmailLabel)}</label>
                    <input id="banner-email" name="email" type="email" autocomplete="email"
                        value=typed.or("email", me.email.clone().unwrap_or_default()) required/>
                </div>
                <PasswordField id="banner-password" name="current_password" label=Key::CurrentPasswordForEmail
                    autocomplete="current-password" required=false/>
                <FormError action/>
                <SubmitButton label=Key::ResendButton/>
            </ActionForm>
        </section>
    }
}
