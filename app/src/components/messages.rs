//! Pieces of Berichten that more than one page shows: a message's time and subject, the notice of
//! the last action, the attachments, and the newest messages on "Mijn kinderen".

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::file_size;
use crate::i18n::{short_date, tr, use_lang, Key, Lang};
use crate::models::{AttachmentInfo, Folder, MailboxRow, Module};
use crate::outcome::{Form, Outcome};

/// "30 november 14:05".
pub fn when(lang: Lang, at: chrono::NaiveDateTime) -> String {
    format!("{} {}", short_date(lang, at.date()), at.format("%H:%M"))
}

pub fn subject_or_placeholder(subject: &str) -> String {
    if subject.trim().is_empty() {
        tr(Key::NoSubjectShown).to_owned()
    } else {
        subject.to_owned()
    }
}

pub fn folder_href(folder: Folder) -> String {
    format!("{}?map={}", Module::Messages.path(), folder.slug())
}

/// What the last action did, from the address (`gedaan`, `fout`).
#[component]
pub fn MessageNotice() -> impl IntoView {
    let query = use_query_map();
    move || {
        let outcome = query.with(|query| Outcome::parse(Form::Messages, |name| query.get(name)))?;
        let key = outcome.key()?;
        let (class, role) = if outcome.is_problem() {
            ("form-error", "alert")
        } else {
            ("notice", "status")
        };
        Some(view! { <p class=class role=role>{tr(key)}</p> })
    }
}

/// The files of a message: links to download them, or the list of those already attached to a
/// draft.
#[component]
pub fn AttachmentList(attachments: Vec<AttachmentInfo>, lang: Lang, links: bool) -> impl IntoView {
    (!attachments.is_empty()).then(|| {
        view! {
            <section class="attachments" aria-labelledby="attachments-title">
                <h2 id="attachments-title">{tr(if links { Key::Attachments } else { Key::AttachedAlready })}</h2>
                <ul>
                    {attachments.into_iter().map(|file| {
                        let size = file_size(lang, file.size);
                        if links {
                            view! {
                                <li>
                                    <a href=format!("/berichten/bijlage/{}", file.id) download=file.file_name.clone()>{file.file_name.clone()}</a>
                                    " (" {size} ")"
                                </li>
                            }.into_any()
                        } else {
                            view! { <li>{file.file_name} " (" {size} ")"</li> }.into_any()
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The newest messages on "Mijn kinderen".
#[component]
pub fn NewestMessages(messages: Vec<MailboxRow>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="card" aria-labelledby="messages-title">
            <h2 id="messages-title">{tr(Key::MessagesToYou)}</h2>
            {if messages.is_empty() {
                view! { <p class="empty">{tr(Key::NoMessages)}</p> }.into_any()
            } else {
                view! {
                    <ul class="newest-messages">
                        {messages.into_iter().map(|row| view! {
                            <li class:unread=!row.read>
                                <a href=format!("/berichten/{}", row.id)>{subject_or_placeholder(&row.subject)}</a>
                                <span class="muted">{format!("{} · {}", row.sender, when(lang, row.at))}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <a href=Module::Messages.path()>{tr(Key::AllMessages)}</a>
        </section>
    }
}
