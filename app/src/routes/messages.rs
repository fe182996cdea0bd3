//! Berichten: the folders, one message, and the compose form. Everything works before the wasm has
//! loaded: folders and search are links and GET forms, actions are plain forms to server
//! functions, and writing is a multipart form to the server (for the attachments).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::functions::messages::{
    load_compose, load_mailbox, load_message, EmptyTrash, MessageAction,
};
use crate::i18n::{short_date, tr, use_lang, Key, Lang};
use crate::models::Module;
use crate::models::{
    AttachmentInfo, ComposeForm, Folder, MailboxPage, MailboxRow, MessageView, RecipientGroup,
    RecipientOption,
};
use crate::routes::modules::{file_size, module_page};
use crate::url::percent_encode;

fn when(lang: Lang, at: chrono::NaiveDateTime) -> String {
    format!("{} {}", short_date(lang, at.date()), at.format("%H:%M"))
}

fn subject_or_placeholder(subject: &str) -> String {
    if subject.trim().is_empty() {
        tr(Key::NoSubjectShown).to_owned()
    } else {
        subject.to_owned()
    }
}

/// The folder list.
#[component]
pub fn MessagesPage() -> impl IntoView {
    module_page(
        Module::Messages,
        |page| load_mailbox(page.folder, page.search, page.page_no),
        |mailbox, _| view! { <Mailbox mailbox/> }.into_any(),
    )
}

/// What the last action did, from the address (`gedaan`, `fout`).
fn notice_of(done: Option<&str>, error: Option<&str>) -> Option<(&'static str, &'static str, Key)> {
    let key = match done {
        Some("verzonden") => Key::MsgSent,
        Some("bewaard") => Key::DraftSaved,
        Some("verwijderen") => Key::DoneTrash,
        Some("geleegd") => Key::DoneEmptied,
        Some("ongelezen") => Key::DoneUnread,
        Some("archiveren" | "terugzetten") => Key::DoneMoved,
        _ => {
            let error = match error? {
                "geen-ontvanger" => Key::ErrNoRecipient,
                "geen-onderwerp" => Key::ErrNoSubject,
                "te-groot" => Key::ErrAttachmentsTooLarge,
                "te-lang" => Key::ErrMessageTooLong,
                "geen-toegang" => Key::ErrForbidden,
                _ => Key::ErrMessageFailed,
            };
            return Some(("form-error", "alert", error));
        }
    };
    Some(("notice", "status", key))
}

#[component]
fn Notice() -> impl IntoView {
    let query = use_query_map();
    move || {
        query.with(|query| {
            notice_of(query.get("gedaan").as_deref(), query.get("fout").as_deref())
                .map(|(class, role, key)| view! { <p class=class role=role>{tr(key)}</p> })
        })
    }
}

fn folder_href(folder: Folder) -> String {
    format!("{}?map={}", Module::Messages.path(), folder.slug())
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
        <Notice/>
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
                        <span>{format!("{} {}", tr(Key::PageWord), mailbox.page)}</span>
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
    let pending = action.pending();
    view! {
        <details class="confirm">
            <summary>{tr(Key::EmptyTrash)}</summary>
            <p>{tr(Key::EmptyTrashQuestion)}</p>
            <ActionForm action>
                <button type="submit" class="danger" disabled=pending aria-busy=move || pending.get().to_string()>
                    {move || if pending.get() { tr(Key::Working) } else { tr(Key::EmptyTrashConfirm) }}
                </button>
            </ActionForm>
        </details>
    }
}

/// One message.
#[component]
pub fn MessagePage() -> impl IntoView {
    module_page(
        Module::Messages,
        |page| load_message(page.id.unwrap_or_default(), page.images),
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
            <a href=folder_href(folder)>{format!("{} {}", tr(Key::BackToFolder), tr(folder.label()))}</a>
        </p>
        <Notice/>
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
                <ActionButton id=id.clone() action="ongelezen" label=Key::MarkUnread/>
                {if message.flagged {
                    view! { <ActionButton id=id.clone() action="niet-markeren" label=Key::UnflagAction/> }
                } else {
                    view! { <ActionButton id=id.clone() action="markeren" label=Key::FlagAction/> }
                }}
                {matches!(folder, Folder::Inbox | Folder::Sent).then(|| view! {
                    <ActionButton id=id.clone() action="archiveren" label=Key::ArchiveAction/>
                })}
                {if matches!(folder, Folder::Trash | Folder::Archive) {
                    view! { <ActionButton id=id.clone() action="terugzetten" label=Key::RestoreAction/> }
                } else {
                    view! { <ActionButton id=id.clone() action="verwijderen" label=Key::TrashAction/> }
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

#[component]
fn AttachmentList(attachments: Vec<AttachmentInfo>, lang: Lang, links: bool) -> impl IntoView {
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

/// One action on the message as a plain form (works without wasm).
#[component]
fn ActionButton(id: String, action: &'static str, label: Key) -> impl IntoView {
    let server = ServerAction::<MessageAction>::new();
    let pending = server.pending();
    view! {
        <ActionForm action=server>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="action" value=action/>
            <button type="submit" class="secondary" disabled=pending aria-busy=move || pending.get().to_string()>
                {move || if pending.get() { tr(Key::Working) } else { tr(label) }}
            </button>
        </ActionForm>
    }
}

/// Writing: new, reply, reply-all, forward, or a saved draft.
#[component]
pub fn ComposePage() -> impl IntoView {
    module_page(
        Module::Messages,
        |page| load_compose(page.reply, page.reply_all, page.forward, page.draft),
        |form, _| view! { <Compose form/> }.into_any(),
    )
}

fn group_label(group: &RecipientGroup) -> String {
    match group {
        RecipientGroup::School => tr(Key::GroupSchool).to_owned(),
        RecipientGroup::Teachers => tr(Key::GroupTeachers).to_owned(),
        RecipientGroup::Class(class) => format!("{} {class}", tr(Key::ClassWord)),
        RecipientGroup::Earlier => tr(Key::GroupEarlier).to_owned(),
    }
}

#[component]
fn Compose(form: ComposeForm) -> impl IntoView {
    let lang = use_lang();
    let sending = RwSignal::new(false);
    let title = if form.draft.is_some() {
        Key::EditDraft
    } else {
        Key::NewMessage
    };
    // The recipients by group, in the order offered.
    let mut groups: Vec<(RecipientGroup, Vec<RecipientOption>)> = Vec::new();
    for option in form.recipients {
        match groups.iter_mut().find(|(group, _)| *group == option.group) {
            Some((_, options)) => options.push(option),
            None => groups.push((option.group.clone(), vec![option])),
        }
    }
    let nobody = groups.is_empty();
    let chosen = form.chosen;
    view! {
        <Title text=tr(title)/>
        <h1>{tr(title)}</h1>
        <Notice/>
        <form
            class="card compose"
            method="post"
            action="/berichten/schrijven"
            enctype="multipart/form-data"
            on:submit=move |_| sending.set(true)
        >
            <input type="hidden" name="concept" value=form.draft.unwrap_or_default()/>
            <input type="hidden" name="doorsturen" value=form.forward.unwrap_or_default()/>
            <fieldset class="recipients" aria-describedby="recipients-hint">
                <legend>{tr(Key::ToCol)}</legend>
                <p id="recipients-hint" class="hint">{tr(if nobody { Key::NoRecipients } else { Key::RecipientsHint })}</p>
                {groups.into_iter().enumerate().map(|(g, (group, options))| {
                    let open = matches!(group, RecipientGroup::Class(_))
                        .then(|| options.iter().any(|option| chosen.contains(&option.key)));
                    let boxes = options.into_iter().enumerate().map(|(i, option)| {
                        let id = format!("aan-{g}-{i}");
                        let checked = chosen.contains(&option.key);
                        view! {
                            <div class="check">
                                <input type="checkbox" id=id.clone() name="aan" value=option.key checked=checked/>
                                <label for=id>{option.kind.label(lang)}</label>
                            </div>
                        }
                    }).collect_view();
                    match open {
                        // A class can be long: folded unless something in it is chosen.
                        Some(open) => view! {
                            <details class="recipient-group" open=open>
                                <summary>{group_label(&group)}</summary>
                                {boxes}
                            </details>
                        }.into_any(),
                        None => view! {
                            <fieldset class="recipient-group">
                                <legend>{group_label(&group)}</legend>
                                {boxes}
                            </fieldset>
                        }.into_any(),
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="subject">{tr(Key::SubjectCol)}</label>
                <input id="subject" name="onderwerp" type="text" maxlength="200" required value=form.subject/>
            </div>
            <div class="field">
                <label for="body">{tr(Key::BodyLabel)}</label>
                <textarea id="body" name="bericht" rows="12" aria-describedby="body-hint">{form.body}</textarea>
                <span id="body-hint" class="hint">{tr(Key::BodyHint)}</span>
            </div>
            <AttachmentList attachments=form.attachments lang links=false/>
            <div class="field">
                <label for="files">{tr(Key::AttachLabel)}</label>
                <input id="files" name="bijlagen" type="file" multiple aria-describedby="files-hint"/>
                <span id="files-hint" class="hint">{tr(Key::AttachHint)}</span>
            </div>
            // Not disabled while sending: a disabled submitter would drop its own value.
            <div class="actions">
                <button type="submit" name="actie" value="verzenden" aria-busy=move || sending.get().to_string()>
                    {move || if sending.get() { tr(Key::Working) } else { tr(Key::SendButton) }}
                </button>
                <button type="submit" name="actie" value="bewaren" class="secondary" formnovalidate>
                    {tr(Key::SaveDraftButton)}
                </button>
            </div>
        </form>
    }
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
