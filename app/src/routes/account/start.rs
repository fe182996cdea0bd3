//! The first page after signing in: who is signed in, the account, the notification setting, and
//! the banner that asks to confirm the e-mail address.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::{signed_in_page, FormError, Layout, PasswordField, SubmitButton};
use crate::functions::account::SetEmail;
use crate::functions::notifications::{load_notifications, SaveNotifications};
use crate::i18n::{tr, tr_fill, Key, Lang};
use crate::models::{Me, NotificationChoices, NotificationMode, Role};

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
                    <a href="/wachtwoord-wijzigen">{tr(Key::ChangePasswordLink)}</a>
                </section>
                <NotificationSettings/>
            </Layout>
        }
        .into_any()
    })
}

/// How news reaches the person: the language of their mails, a mail per new message, and per
/// kind of news at once, in the day's digest or not. A plain form, so it works without wasm.
#[component]
fn NotificationSettings() -> impl IntoView {
    let choices = Resource::new(|| (), |_| load_notifications());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                choices.await.ok().map(|choices| view! { <NotificationForm choices/> })
            })}
        </Suspense>
    }
}

#[component]
fn NotificationForm(choices: NotificationChoices) -> impl IntoView {
    let action = ServerAction::<SaveNotifications>::new();
    let query = use_query_map();
    let saved = move || {
        query.with(|query| query.get("meldingen").is_some())
            || matches!(action.value().get(), Some(Ok(())))
    };
    view! {
        <section class="card" aria-labelledby="notifications-title">
            <h2 id="notifications-title">{tr(Key::NotificationsTitle)}</h2>
            {move || saved().then(|| view! { <p class="notice" role="status">{tr(Key::SettingsSaved)}</p> })}
            {(!choices.has_address).then(|| view! { <p class="hint">{tr(Key::NotifyNeedsAddress)}</p> })}
            <ActionForm action>
                <div class="field">
                    <label for="mail-language">{tr(Key::MailLanguageLabel)}</label>
                    <select id="mail-language" name="language">
                        {Lang::ALL.into_iter().map(|lang| view! {
                            <option value=lang.code() selected=lang.code() == choices.language>{lang.native_name()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="check">
                    <input type="checkbox" id="notify-messages" name="messages" value="1" checked=choices.messages
                        aria-describedby="notify-hint"/>
                    <label for="notify-messages">{tr(Key::NotifyMessagesLabel)}</label>
                </div>
                <p id="notify-hint" class="hint">{tr(Key::NotifyMessagesHint)}</p>
                {choices.kinds.into_iter().map(|(kind, chosen)| view! {
                    <fieldset class="field modes">
                        <legend>{tr(kind.key())}</legend>
                        {NotificationMode::ALL.into_iter().map(|mode| view! {
                            <label class="check">
                                <input type="radio" name=format!("modes[{}]", kind.code()) value=mode.code()
                                    checked=mode == chosen/>
                                " "{tr(mode.key())}
                            </label>
                        }).collect_view()}
                    </fieldset>
                }).collect_view()}
                <FormError action/>
                <SubmitButton action label=Key::SaveSettings/>
            </ActionForm>
        </section>
    }
}

/// "We merken dat u uw e-mailadres nog niet bevestigd heeft…": correct the address and resend.
#[component]
fn EmailBanner(me: Me) -> impl IntoView {
    let action = ServerAction::<SetEmail>::new();
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
                        value=me.email.clone().unwrap_or_default() required/>
                </div>
                <PasswordField id="banner-password" name="current_password" label=Key::CurrentPasswordForEmail
                    autocomplete="current-password" required=false/>
                <FormError action/>
                <SubmitButton action label=Key::ResendButton/>
            </ActionForm>
        </section>
    }
}
