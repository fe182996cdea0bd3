//! One planned task, test or assignment: on the agenda and in the coming weeks of "Mijn kinderen".

use leptos::prelude::*;

use crate::i18n::{long_date, tr, use_lang};
use crate::models::{AgendaItem, AgendaKind};

pub fn kind_class(kind: AgendaKind) -> &'static str {
    match kind {
        AgendaKind::Task => "kind kind-task",
        AgendaKind::Test => "kind kind-test",
        AgendaKind::Assignment => "kind kind-assignment",
    }
}

#[component]
pub fn AgendaItemLine(item: AgendaItem, #[prop(optional)] with_date: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        <li class="agenda-item">
            <span class=kind_class(item.kind)>{tr(item.kind.key())}</span>
            <span class="item-main">
                <strong>{item.course}": "{item.title}</strong>
                {with_date.then(|| view! { <span class="muted">" · "{long_date(lang, item.due_on)}</span> })}
                {item.due_time.map(|time| view! { <span class="muted">" · "{time}</span> })}
                <span class="item-text">{item.description}</span>
            </span>
        </li>
    }
}
