//! "Agenda": one week of lessons and planned work, with links to the weeks before and after.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::{
    module_page, Address, AgendaItemLine, ChosenPupil, ModuleHeading, PageQuery,
};
use crate::functions::calendar::FEEDS_PAGE;
use crate::functions::school::load_agenda_week;
use crate::i18n::{long_date, tr, tr_fill, use_lang, Key};
use crate::models::{Lesson, Module};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct AgendaQuery {
    pupil: ChosenPupil,
    /// The Monday of the week shown (`week`); this week without it.
    week: Option<String>,
}

impl PageQuery for AgendaQuery {
    fn read(address: &Address) -> Self {
        AgendaQuery {
            pupil: ChosenPupil::read(address),
            week: address.query("week"),
        }
    }

    fn chosen_pupil(&self) -> Option<&ChosenPupil> {
        Some(&self.pupil)
    }
}

#[component]
pub fn AgendaPage() -> impl IntoView {
    module_page(
        Module::Agenda,
        |page: AgendaQuery| load_agenda_week(page.pupil.id(), page.week),
        |week, page| {
            let lang = use_lang();
            let week_link = |offset: i64| {
                let monday = week.monday + chrono::Duration::days(offset * 7);
                page.pupil
                    .href(&format!("{}?week={monday}", Module::Agenda.path()))
            };
            let title = tr_fill(Key::WeekOfDate, &[&long_date(lang, week.monday)]);
            view! {
                <ModuleHeading module=Module::Agenda pupil=week.pupil.clone()/>
                <nav class="week-nav" aria-label=tr(Key::WeekOf)>
                    <a href=week_link(-1) rel="prev">"← "{tr(Key::PrevWeek)}</a>
                    <a href=page.pupil.href(Module::Agenda.path())>{tr(Key::ThisWeek)}</a>
                    <a href=week_link(1) rel="next">{tr(Key::NextWeek)}" →"</a>
                </nav>
                {page.pupil.id().is_none().then(|| view! {
                    <p class="feed-link"><a href=FEEDS_PAGE>{tr(Key::FeedsLink)}</a></p>
                })}
                <h2 class="week-title">{title}</h2>
                <div class="week">
                    {week
                        .days
                        .into_iter()
                        .map(|day| {
                            let is_today = day.date == week.today;
                            view! {
                                <section
                                    class=if is_today { "day today" } else { "day" }
                                    aria-current=is_today.then_some("date")
                                    aria-label=long_date(lang, day.date)
                                >
                                    <h3>
                                        {long_date(lang, day.date)}
                                        {is_today.then(|| view! { <span class="today-badge">{tr(Key::Today)}</span> })}
                                    </h3>
                                    {(!day.items.is_empty()).then(|| view! {
                                        <ul class="agenda-items">
                                            {day.items.into_iter().map(|item| view! { <AgendaItemLine item pupil=page.pupil.clone()/> }).collect_view()}
                                        </ul>
                                    })}
                                    {if day.lessons.is_empty() {
                                        view! { <p class="empty">{tr(Key::NoLessons)}</p> }.into_any()
                                    } else {
                                        view! {
                                            <ol class="lessons" aria-label=tr(Key::Lessons)>
                                                {day.lessons.into_iter().map(|lesson| view! { <LessonLine lesson/> }).collect_view()}
                                            </ol>
                                        }.into_any()
                                    }}
                                </section>
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        },
    )
}

/// A lesson of the timetable; a cancelled one stays in its place, marked in words as well.
#[component]
fn LessonLine(lesson: Lesson) -> impl IntoView {
    let room = match &lesson.planned_room {
        Some(planned) => tr_fill(Key::RoomChanged, &[&lesson.room, planned]),
        None => lesson.room.clone(),
    };
    view! {
        <li class=if lesson.cancelled { "lesson cancelled" } else { "lesson" }>
            <span class="time">{lesson.starts}" – "{lesson.ends}</span>
            <span class="lesson-main">
                <strong>{lesson.course}</strong>
                {lesson.cancelled.then(|| view! { <span class="badge cancelled-badge">{tr(Key::LessonCancelled)}</span> })}
                <span class="muted">{lesson.teacher}" · "{room}</span>
                {lesson.topic.map(|topic| view! { <span class="item-text">{topic}</span> })}
            </span>
        </li>
    }
}
