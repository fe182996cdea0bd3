//! The pages of the sign-in flows. Every form posts to a server function and works without wasm.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::components::{FormError, Layout, PasswordField, SubmitButton};
use crate::functions::account::{
    signed_in_person, ChangePassword, ConfirmEmail, ReactivateAccount, RequestPasswordReset,
    ResetPassword, SetEmail,
};
use crate::functions::messages::SetMessageNotifications;
use crate::i18n::{tr, Key};
use crate::models::Me;
use crate::models::Role;
use crate::routes::login::school_page;
use crate::routes::ErrorContent;

/// Renders `page` for the signed-in person; sends others to the start, and a person with a start
/// password to the password change unless `page` is that change.
fn signed_in_page(
    allow_start_password: bool,
    page: impl Fn(Me) -> AnyView + Send + Sync + Clone + 'static,
) -> impl IntoView {
    let person = Resource::new(|| (), |_| signed_in_person());
    view! {
        <Suspense fallback=|| view! { <p aria-busy="true">{tr(Key::Loading)}</p> }>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    match person.await {
                        Ok(Some(me)) if me.must_change_password && !allow_start_password => {
                            view! { <Redirect path="/wachtwoord-wijzigen"/> }.into_any()
                        }
                        Ok(Some(me)) => page(me),
                        Ok(None) => view! { <Redirect path="/"/> }.into_any(),
                        Err(error) => view! { <Layout help="start"><ErrorContent error/></Layout> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The first page after signing in.
#[component]
pub fn StartPage() -> impl IntoView {
    signed_in_page(false, |me| {
        let role_line = match me.role {
            Role::CoAccount => format!(
                "{} {} ({}).",
                tr(Key::SignedInAsCoAccount),
                me.username,
                me.relation.clone().unwrap_or_default()
            ),
            Role::Pupil => tr(Key::SignedInAsPupil).to_owned(),
            Role::Teacher | Role::Admin => {
                format!("{} {}.", tr(Key::SignedInAsStaff), me.school.name)
            }
        };
        view! {
            <Layout school=me.school.clone() me=me.clone() help="start">
                <Title text=tr(Key::Welcome)/>
                {(!me.email_confirmed).then(|| view! { <EmailBanner me=me.clone()/> })}
                <h1>{format!("{}, {}", tr(Key::Welcome), me.first_name)}</h1>
                <p>{role_line}</p>
                <section class="card">
                    <h2>{tr(Key::AccountNav)}</h2>
                    <p>
                        {tr(Key::EmailLabel)} ": " {me.email.clone().unwrap_or_default()} " · "
                        {if me.email_confirmed { tr(Key::EmailOk) } else { tr(Key::EmailPending) }}
                    </p>
                    <a href="/wachtwoord-wijzigen">{tr(Key::ChangePasswordLink)}</a>
                </section>
                <NotificationSettings enabled=me.notify_messages/>
            </Layout>
        }
        .into_any()
    })
}

/// Mail at every new message: a plain form, so it works without wasm.
#[component]
fn NotificationSettings(enabled: bool) -> impl IntoView {
    let action = ServerAction::<SetMessageNotifications>::new();
    let query = use_query_map();
    let saved = move || {
        query.with(|query| query.get("meldingen").is_some())
            || matches!(action.value().get(), Some(Ok(())))
    };
    view! {
        <section class="card" aria-labelledby="notifications-title">
            <h2 id="notifications-title">{tr(Key::NotificationsTitle)}</h2>
            {move || saved().then(|| view! { <p class="notice" role="status">{tr(Key::SettingsSaved)}</p> })}
            <ActionForm action>
                <div class="check">
                    <input type="checkbox" id="notify-messages" name="enabled" value="1" checked=enabled
                        aria-describedby="notify-hint"/>
                    <label for="notify-messages">{tr(Key::NotifyMessagesLabel)}</label>
                </div>
                <p id="notify-hint" class="hint">{tr(Key::NotifyMessagesHint)}</p>
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
        .map(|email| format!("{} {email}.", tr(Key::EmailSentTo)));
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

/// "Vul uw e-mailadres in", with the benefits the letter names.
#[component]
pub fn EmailPage() -> impl IntoView {
    signed_in_page(false, |me| {
        let action = ServerAction::<SetEmail>::new();
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
                                    value=me.email.clone().unwrap_or_default() required/>
                            </div>
                            {me.email.is_some().then(|| view! {
                                <PasswordField id="email-password" name="current_password" label=Key::CurrentPasswordForEmail
                                    autocomplete="current-password"/>
                            })}
                            <FormError action/>
                            <SubmitButton action label=Key::ConfirmEmailButton/>
                        </div>
                    </ActionForm>
                    <p><a href="/start">{tr(Key::ToStart)}</a></p>
                </section>
            </Layout>
        }
        .into_any()
    })
}

/// The new password twice, its error and the save button: the fields of a change and of a reset.
#[component]
fn NewPasswordFields<S>(action: ServerAction<S>) -> impl IntoView
where
    S: leptos::server_fn::ServerFn<Output = (), Error = crate::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
{
    view! {
        <div class="stack">
            <PasswordField id="new-password" name="new_password" label=Key::NewPassword autocomplete="new-password"/>
            <PasswordField id="repeat-password" name="repeat_password" label=Key::RepeatPassword autocomplete="new-password"/>
            <FormError action/>
            <SubmitButton action label=Key::SavePassword/>
        </div>
    }
}

fn token_from_query() -> String {
    use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default()
}

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
                    <SubmitButton action label=Key::ConfirmEmailButton/>
                </ActionForm>
            </section>
        </Layout>
    }
}

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
                    <SubmitButton action label=Key::ReactivateButton/>
                </ActionForm>
            </section>
        </Layout>
    }
}

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

/// "Wachtwoord vergeten?" for one school.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    school_page(|school| {
        let action = ServerAction::<RequestPasswordReset>::new();
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
                            <input id="username" name="username" autocomplete="username"
                                autocapitalize="none" spellcheck="false" required/>
                        </div>
                        <FormError action/>
                        <SubmitButton action label=Key::ForgotButton/>
                    </div>
                </ActionForm>
                <p><a href=sign_in_href>{tr(Key::ToSignIn)}</a></p>
            </section>
        }
        .into_any()
    })
}

/// The outcome of a flow that ends outside a session (a link opened from a mail).
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
