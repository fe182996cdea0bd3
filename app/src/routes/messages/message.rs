//! One message, with its actions (reply, forward, mark, archive, delete) as plain forms.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::components::{
    folder_href, module_page, subject_or_placeholder, when, Address, AttachmentList, MessageNotice,
    PageQuery, SubmitButton,
};
use crate::functions::messages::{load_message, MessageAction};
use crate::i18n::{tr, tr_fill, use_lang, Key};
use crate::models::{Folder, MessageView, Module};
use crate::outcome::Outcome;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct MessageQuery {
    /// The message, from the path (`/berichten/:id`).
    id: Option<String>,
    /// The reader asked for images from elsewhere (`afbeeldingen=tonen`).
    images: bool,
    /// What an action just did (`gedaan`): part of the key, so that the page loads again after it.
    done: Option<String>,
}

impl PageQuery for MessageQuery {
    fn read(address: &Address) -> Self {
        MessageQuery {
            id: address.param("id"),
            images: address.query("afbeeldingen").as_deref() == Some("tonen"),
            done: address.query("gedaan"),
        }
    }
}

#[component]
pub fn MessagePage() -> impl IntoView {
    module_page(
        Module::Messages,
        |page: MessageQuery| load_message(page.id.unwrap_or_default(), page.images),
        |message, _| view! { <MessageDetail message/> }.into_any(),
    )
}

#[component]
fn MessageDetail(message: MessageView) -> impl IntoView {
    let lang = use_lang();
    let id = message.id.clone();
    let compose = move |what: &str| format!("/berichten/nieuw?{what}={}", message.id);
    let folder = message.folder;
    view! {
        <Title text=subject_or_placeholder(&message.subject)/>
        <p class="back-link">
            <a href=folder_href(folder)>{tr_fill(Key::BackToFolder, &[tr(folder.label())])}</a>
        </p>
        <MessageNotice/>
        <article class="card message" aria-labelledby="message-subject">
            <h1 id="message-subject">{subject_or_placeholder(&message.subject)}</h1>
            <dl class="message-meta">
                <dt>{tr(Key::SenderCol)}</dt>
                <dd>{message.sender.clone()}</dd>
                <dt>{tr(Key::ToCol)}</dt>
                <dd>{message.to_label.clone()}</dd>
                <dt>{tr(Key::DateCol)}</dt>
                <dd>{when(lang, message.at)}</dd>
            </dl>
            <div class="message-actions">
                {if message.draft {
                    view! { <a class="button" href=compose("concept")>{tr(Key::EditDraft)}</a> }.into_any()
                } else {
                    view! {
                        <a class="button" href=compose("antwoord")>{tr(Key::Reply)}</a>
                        <a class="button secondary" href=format!("{}&allen=1", compose("antwoord"))>{tr(Key::ReplyAll)}</a>
                        <a class="button secondary" href=compose("doorsturen")>{tr(Key::Forward)}</a>
                    }.into_any()
                }}
                <ActionButton id=id.clone() action=Outcome::MarkedUnread label=Key::MarkUnread/>
                {if message.flagged {
                    view! { <ActionButton id=id.clone() action=Outcome::Unflagged label=Key::UnflagAction/> }
                } else {
                    view! { <ActionButton id=id.clone() action=Outcome::Flagged label=Key::FlagAction/> }
                }}
                {matches!(folder, Folder::Inbox | Folder::Sent).then(|| view! {
                    <ActionButton id=id.clone() action=Outcome::Archived label=Key::ArchiveAction/>
                })}
                {if matches!(folder, Folder::Trash | Folder::Archive) {
                    view! { <ActionButton id=id.clone() action=Outcome::Restored label=Key::RestoreAction/> }
                } else {
                    view! { <ActionButton id=id.clone() action=Outcome::Trashed label=Key::TrashAction/> }
                }}
            </div>
            {message.remote_images_blocked.then(|| view! {
                <p class="notice" role="status">
                    {tr(Key::RemoteImagesBlocked)} " "
                    // A full page load: the page's content policy allows the images only then.
                    <a href=format!("/berichten/{}?afbeeldingen=tonen", id) rel="external">{tr(Key::ShowImages)}</a>
                </p>
            })}
            <div class="message-body" inner_html=message.body_html></div>
            <AttachmentList attachments=message.attachments lang links=true/>
        </article>
    }
}

/// One action on the message as a plain form (works without wasm).
#[component]
fn ActionButton(id: String, action: Outcome, label: Key) -> impl IntoView {
    let server = ServerAction::<MessageAction>::new();
    view! {
        <ActionForm action=server>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="action" value=action.code()/>
            <SubmitButton label class="secondary"/>
        </ActionForm>
    }
}
