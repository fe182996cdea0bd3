//! One planned task, test or assignment: on the agenda and in the coming weeks of "Mijn kinderen".

use leptos::prelude::*;

use crate::components::{file_size, ChosenPupil};
use crate::i18n::{long_date, tr, use_lang, Key, Lang};
use crate::models::{AgendaItem, AgendaKind, AttachedFile};

pub fn kind_class(kind: AgendaKind) -> &'static str {
    match kind {
        AgendaKind::Task => "kind kind-task",
        AgendaKind::Test => "kind kind-test",
        AgendaKind::Assignment => "kind kind-assignment",
    }
}

/// The files of a planned item, to download; `pupil` is the one staff chose.
#[component]
pub fn AttachedFiles(files: Vec<AttachedFile>, pupil: ChosenPupil, lang: Lang) -> impl IntoView {
    (!files.is_empty()).then(|| {
        view! {
            <ul class="attached-files" aria-label=tr(Key::Attachments)>
                {files.into_iter().map(|file| view! {
                    <li>
                        <a href=pupil.href(&format!("/agenda/bestand/{}", file.id)) download=file.name.clone()>{file.name.clone()}</a>
                        <span class="muted">" · "{file_size(lang, file.size)}</span>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
pub fn AgendaItemLine(
    item: AgendaItem,
    #[prop(optional)] with_date: bool,
    /// The pupil staff chose, for the files' links.
    #[prop(optional)]
    pupil: ChosenPupil,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <li class="agenda-item">
            <span class=kind_class(item.kind)>{tr(item.kind.key())}</span>
            <span class="item-main">
                <strong>{item.course}": "{item.title}</strong>
                {with_date.then(|| view! { <span class="muted">" · "{long_date(lang, item.due_on)}</span> })}
                {item.due_time.map(|time| view! { <span class="muted">" · "{time}</span> })}
                <span class="item-text">{item.description}</span>
                <AttachedFiles files=item.files pupil lang/>
            </span>
        </li>
    }
}
