//! Writing: new, reply, reply-all, forward, or a saved draft. The form posts to the server as
//! multipart (for the attachments), so it works without wasm.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::components::{
    message_limit_hint, module_page, Address, AttachmentList, BusyButton, MessageNotice, PageQuery,
};
use crate::functions::messages::load_compose;
use crate::i18n::{tr, tr_fill, use_lang, Key};
use crate::models::{ComposeForm, Module, RecipientGroup, RecipientOption};

/// What the form starts from (`antwoord`, `allen`, `doorsturen`, `concept`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct ComposeQuery {
    reply: Option<String>,
    reply_all: bool,
    forward: Option<String>,
    draft: Option<String>,
    /// What an action just did (`gedaan`): part of the key, so that the page loads again after it.
    done: Option<String>,
}

impl PageQuery for ComposeQuery {
    fn read(address: &Address) -> Self {
        ComposeQuery {
            reply: address.query("antwoord"),
            reply_all: address.query("allen").is_some(),
            forward: address.query("doorsturen"),
            draft: address.query("concept"),
            done: address.query("gedaan"),
        }
    }
}

#[component]
pub fn ComposePage() -> impl IntoView {
    module_page(
        Module::Messages,
        |page: ComposeQuery| load_compose(page.reply, page.reply_all, page.forward, page.draft),
        |form, _| view! { <Compose form/> }.into_any(),
    )
}

fn group_label(group: &RecipientGroup) -> String {
    match group {
        RecipientGroup::School => tr(Key::GroupSchool).to_owned(),
        RecipientGroup::Teachers => tr(Key::GroupTeachers).to_owned(),
        RecipientGroup::Class(class) => tr_fill(Key::ClassNamed, &[class]),
        RecipientGroup::Earlier => tr(Key::GroupEarlier).to_owned(),
    }
}

#[component]
fn Compose(form: ComposeForm) -> impl IntoView {
    let lang = use_lang();
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
        <MessageNotice/>
        <form
            class="card compose"
            method="post"
            action="/berichten/schrijven"
            enctype="multipart/form-data"
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
                <span id="files-hint" class="hint">{message_limit_hint()}</span>
            </div>
            <div class="actions">
                <BusyButton
                    label=tr(Key::SendButton).to_owned()
                    working=tr(Key::Working).to_owned()
                    name=Some("actie".to_owned())
                    value=Some("verzenden".to_owned())
                    class=None
                    aria_label=None
                />
                <button type="submit" name="actie" value="bewaren" class="secondary" formnovalidate>
                    {tr(Key::SaveDraftButton)}
                </button>
            </div>
        </form>
    }
}
