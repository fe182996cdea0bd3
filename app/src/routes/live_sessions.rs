//! "Live sessies": online lessons to join, and the ones that are over.

use leptos::prelude::*;

use crate::components::{module_page, ModuleHeading, PupilQuery};
use crate::functions::school::load_live_sessions;
use crate::i18n::{long_date, tr, tr_fill, use_lang, Key};
use crate::models::Module;

#[component]
pub fn LiveSessionsPage() -> impl IntoView {
    module_page(
        Module::LiveSessions,
        |page: PupilQuery| load_live_sessions(page.pupil.id()),
        |live, _| {
            let lang = use_lang();
            view! {
                <ModuleHeading module=Module::LiveSessions pupil=live.pupil.clone()/>
                {if live.sessions.is_empty() {
                    view! { <p class="empty card">{tr(Key::NoLiveSessions)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="sessions">
                            {live.sessions.into_iter().map(|session| view! {
                                <li class=if session.past { "card session past" } else { "card session" }>
                                    <div>
                                        <strong>{session.course}": "{session.title.clone()}</strong>
                                        <div class="muted">
                                            {long_date(lang, session.date)}", "{session.starts}" – "{session.ends}" · "{session.teacher}
                                        </div>
                                    </div>
                                    {if session.past {
                                        view! { <span class="muted">{tr(Key::Past)}</span> }.into_any()
                                    } else {
                                        let label = tr_fill(Key::JoinSession, &[&session.title]);
                                        view! {
                                            <a class="button" href=session.url target="_blank" rel="noopener noreferrer" aria-label=label>
                                                {tr(Key::Join)}
                                            </a>
                                        }.into_any()
                                    }}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            }
            .into_any()
        },
    )
}
