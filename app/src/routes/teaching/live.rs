//! "Live-sessies plannen": a teacher plans an online lesson of a course they give and removes
//! one; families see it in Live-sessies at once.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::done_notice;
use crate::components::{module_page, Address, FormError, PageQuery, SubmitButton, Typed};
use crate::functions::courses::{load_live_plan, AddLiveSession, RemoveLiveSession};
use crate::i18n::{long_date, tr, tr_fill, use_lang, Key};
use crate::models::{LivePlan, Module, PlannedLive, TaughtCourse};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveQuery {
    saved: bool,
    removed: bool,
}

impl PageQuery for LiveQuery {
    fn read(address: &Address) -> Self {
        LiveQuery {
            saved: address.query("bewaard").is_some(),
            removed: address.query("verwijderd").is_some(),
        }
    }
}

#[component]
pub fn LivePlanPage() -> impl IntoView {
    module_page(
        Module::LiveSessions,
        |_: LiveQuery| load_live_plan(),
        |plan, query| view! { <Live plan query/> }.into_any(),
    )
}

#[component]
fn Live(plan: LivePlan, query: LiveQuery) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=tr(Key::LivePlanTitle)/>
        <h1>{tr(Key::LivePlanTitle)}</h1>
        {done_notice(query.saved, Key::SavedWord)}
        {done_notice(query.removed, Key::RemovedWord)}
        {if plan.teaching.courses.is_empty() {
            view! { <p class="empty">{tr(Key::NoCoursesTaught)}</p> }.into_any()
        } else {
            view! {
                <section class="card" aria-labelledby="live-form-title">
                    <h2 id="live-form-title">{tr(Key::LiveNewTitle)}</h2>
                    <LiveForm courses=plan.teaching.courses.clone() today=plan.today/>
                </section>
            }.into_any()
        }}
        <section aria-labelledby="live-upcoming-title">
            <h2 id="live-upcoming-title">{tr(Key::LiveUpcomingTitle)}</h2>
            {if plan.sessions.is_empty() {
                view! { <p class="empty">{tr(Key::NoLivePlanned)}</p> }.into_any()
            } else {
                view! {
                    <ul class="sessions">
                        {plan.sessions.into_iter().map(|session| view! { <LiveLine session lang/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn LiveForm(courses: Vec<TaughtCourse>, today: chrono::NaiveDate) -> impl IntoView {
    let action = ServerAction::<AddLiveSession>::new();
    let typed = Typed::of::<AddLiveSession>();
    view! {
        <ActionForm action>
            <div class="field">
                <label for="live-course">{tr(Key::CourseLabel)}</label>
                <select id="live-course" name="course" required>
                    {courses.into_iter().map(|course| view! {
                        <option value=course.id.to_string() selected=typed.chose("course", &course.id.to_string(), false)>{course.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="live-title">{tr(Key::TitleLabel)}</label>
                <input id="live-title" name="title" required maxlength="120" value=typed.or("title", "")/>
            </div>
            <div class="field">
                <label for="live-date">{tr(Key::DueOnLabel)}</label>
                <input id="live-date" name="date" type="date" required value=typed.or("date", today.to_string())/>
            </div>
            <div class="field">
                <label for="live-starts">{tr(Key::StartsLabel)}</label>
                <input id="live-starts" name="starts" type="time" required value=typed.or("starts", "")/>
            </div>
            <div class="field">
                <label for="live-ends">{tr(Key::EndsLabel)}</label>
                <input id="live-ends" name="ends" type="time" required value=typed.or("ends", "")/>
            </div>
            <div class="field">
                <label for="live-url">{tr(Key::LinkLabel)}</label>
                <input id="live-url" name="url" type="url" required maxlength="2000" placeholder="https://" value=typed.or("url", "")/>
            </div>
            <SubmitButton label=Key::AddWord/>
            <FormError action/>
        </ActionForm>
    }
}

#[component]
fn LiveLine(session: PlannedLive, lang: crate::i18n::Lang) -> impl IntoView {
    let remove = ServerAction::<RemoveLiveSession>::new();
    let when = format!(
        "{} · {}–{}",
        long_date(lang, session.date),
        session.starts,
        session.ends
    );
    view! {
        <li class="session">
            <span class="item-main">
                <strong>{session.title.clone()}</strong>
                <span class="muted">{when}" · "{session.course.label()}</span>
                <a href=session.url.clone() target="_blank" rel="noopener noreferrer">{session.url.clone()}</a>
            </span>
            <span class="item-actions">
                <ActionForm action=remove attr:class="inline">
                    <input type="hidden" name="id" value=session.id.to_string()/>
                    <button type="submit" class="link-button" aria-label=tr_fill(Key::RemoveNamed, &[&session.title])>
                        {tr(Key::RemoveWord)}
                    </button>
                </ActionForm>
            </span>
            <FormError action=remove row=("id", session.id.to_string())/>
        </li>
    }
}
