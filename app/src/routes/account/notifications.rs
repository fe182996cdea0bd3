//! "Meldingen": how news reaches the person: the language of their mails, a mail per new
//! message, and per kind of news at once, in the day's digest or not. A plain form, so it works
//! without wasm.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::components::{module_page, Address, FormError, PageQuery, SubmitButton};
use crate::functions::notifications::{load_notifications, SaveNotifications};
use crate::i18n::{tr, Key, Lang};
use crate::models::{Module, NotificationChoices, NotificationMode};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationsQuery {
    saved: bool,
}

impl PageQuery for NotificationsQuery {
    fn read(address: &Address) -> Self {
        NotificationsQuery {
            saved: address.query("bewaard").is_some(),
        }
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    module_page(
        Module::Profile,
        |_: NotificationsQuery| load_notifications(),
        |choices, query| view! { <NotificationForm choices saved=query.saved/> }.into_any(),
    )
}

#[component]
fn NotificationForm(choices: NotificationChoices, saved: bool) -> impl IntoView {
    let action = ServerAction::<SaveNotifications>::new();
    let saved = move || saved || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=tr(Key::NotificationsTitle)/>
        <h1>{tr(Key::NotificationsTitle)}</h1>
        <p><a href="/start">{tr(Key::AccountNav)}</a></p>
        <section class="card" aria-label=tr(Key::NotificationsTitle)>
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
                <SubmitButton label=Key::SaveSettings/>
            </ActionForm>
        </section>
    }
}
