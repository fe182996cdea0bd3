//! The folder list: one folder's messages, searched and paged.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::components::{
    folder_href, module_page, subject_or_placeholder, when, Address, MessageNotice, PageQuery,
    SubmitButton,
};
use crate::functions::messages::{load_mailbox, EmptyTrash};
use crate::i18n::{tr, tr_fill, use_lang, Key, Lang};
use crate::models::{Folder, MailboxPage, MailboxRow, Module};
use crate::url::percent_encode;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct MailboxQuery {
    folder: Option<String>,
    search: Option<String>,
    page_no: Option<u64>,
    /// What an action just did (`gedaan`): part of the key, so that the page loads again after it.
    done: Option<String>,
}

impl PageQuery for MailboxQuery {
    fn read(address: &Address) -> Self {
        MailboxQuery {
            folder: address.query("map"),
            search: address
                .query("zoek")
                .filter(|search| !search.trim().is_empty()),
            page_no: address.query("pagina").and_then(|page| page.parse().ok()),
            done: address.query("gedaan"),
        }
    }
}

#[component]
pub fn MessagesPage() -> impl IntoView {
    module_page(
        Module::Messages,
        |page: MailboxQuery| load_mailbox(page.folder, page.search, page.page_no),
        |mailbox, _| view! { <Mailbox mailbox/> }.into_any(),
    )
}

#[component]
fn Mailbox(mailbox: MailboxPage) -> impl IntoView {
    let lang = use_lang();
    let folder = mailbox.folder;
    let search = mailbox.search.clone();
    let page_href = move |page: u64| {
        let mut href = format!("{}&pagina={page}", folder_href(folder));
        if let Some(search) = &search {
            href.push_str(&format!("&zoek={}", percent_encode(search)));
        }
        href
    };
    let previous = (mailbox.page > 1).then(|| page_href(mailbox.page - 1));
    let next = mailbox.has_next.then(|| page_href(mailbox.page + 1));
    let empty = if mailbox.search.is_some() {
        Key::NoSearchHits
    } else {
        Key::EmptyFolder
    };
    let outgoing = matches!(folder, Folder::Sent | Folder::Drafts);
    view! {
        <Title text=format!("{} · {}", tr(folder.label()), tr(Key::ModMessages))/>
        <h1>{tr(Key::ModMessages)}</h1>
        <p class="muted">{tr(Key::MessagesPersonal)}</p>
        <MessageNotice/>
        <div class="mail-tools">
            <a class="button" href="/berichten/nieuw">{tr(Key::NewMessage)}</a>
            <form class="mail-search" method="get" action=Module::Messages.path() role="search">
                <input type="hidden" name="map" value=folder.slug()/>
                <label for="mail-search" class="visually-hidden">{tr(Key::SearchMessages)}</label>
                <input id="mail-search" type="search" name="zoek" value=mailbox.search.clone().unwrap_or_default()
                    placeholder=tr(Key::SearchMessages)/>
                <button type="submit">{tr(Key::SearchButton)}</button>
            </form>
        </div>
        <div class="mailbox">
            <nav class="folders" aria-label=tr(Key::FoldersNav)>
                <ul>
                    {Folder::ALL.into_iter().map(|item| view! {
                        <li>
                            <a href=folder_href(item) aria-current=(item == folder).then_some("page")>
                                {tr(item.label())}
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </nav>
            <section class="card mail-list" aria-labelledby="folder-title">
                <h2 id="folder-title">{tr(folder.label())}</h2>
                {mailbox.search.clone().map(|_| view! {
                    <p><a href=folder_href(folder)>{tr(Key::ClearSearch)}</a></p>
                })}
                {if mailbox.rows.is_empty() {
                    view! { <p class="empty">{tr(empty)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="messages">
                                <thead>
                                    <tr>
                                        <th scope="col">{tr(if outgoing { Key::ToCol } else { Key::SenderCol })}</th>
                                        <th scope="col">{tr(Key::SubjectCol)}</th>
                                        <th scope="col">{tr(Key::DateCol)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {mailbox.rows.into_iter().map(|row| view! {
                                        <MailboxLine row folder lang/>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
                {(previous.is_some() || next.is_some()).then(|| view! {
                    <nav class="paging" aria-label=tr(Key::PageWord)>
                        {previous.map(|href| view! { <a href=href rel="prev">{tr(Key::PreviousPage)}</a> })}
                        <span>{tr_fill(Key::PageNumber, &[&mailbox.page.to_string()])}</span>
                        {next.map(|href| view! { <a href=href rel="next">{tr(Key::NextPage)}</a> })}
                    </nav>
                })}
                {(folder == Folder::Trash).then(|| view! { <EmptyTrashForm/> })}
            </section>
        </div>
    }
}

#[component]
fn MailboxLine(row: MailboxRow, folder: Folder, lang: Lang) -> impl IntoView {
    let href = if folder == Folder::Drafts {
        format!("/berichten/nieuw?concept={}", row.id)
    } else {
        format!("/berichten/{}", row.id)
    };
    let who = if matches!(folder, Folder::Sent | Folder::Drafts) {
        row.to_label.clone()
    } else {
        row.sender.clone()
    };
    view! {
        <tr class:unread=!row.read>
            <td>
                {(!row.read).then(|| view! { <span class="dot" aria-hidden="true"></span><span class="visually-hidden">{tr(Key::Unread)} " "</span> })}
                {who}
            </td>
            <td>
                <a href=href>{subject_or_placeholder(&row.subject)}</a>
                {row.flagged.then(|| view! { " " <span class="flag" role="img" aria-label=tr(Key::Flagged)>"⚑"</span> })}
                {row.attachments.then(|| view! { " " <span class="clip" role="img" aria-label=tr(Key::HasAttachment)>"📎"</span> })}
            </td>
            <td>{when(lang, row.at)}</td>
        </tr>
    }
}

/// "Prullenbak leegmaken" with its confirmation: a disclosure, so that it asks before acting
/// without wasm too.
#[component]
fn EmptyTrashForm() -> impl IntoView {
    let action = ServerAction::<EmptyTrash>::new();
    view! {
        <details class="confirm">
            <summary>{tr(Key::EmptyTrash)}</summary>
            <p>{tr(Key::EmptyTrashQuestion)}</p>
            <ActionForm action>
                <SubmitButton label=Key::EmptyTrashConfirm class="danger"/>
            </ActionForm>
        </details>
    }
}
