//! "Plannen": a teacher adds, edits and removes the tasks, tests and assignments of a course
//! they give, and attaches files to them; pupils and parents see them in the agenda at once. A
//! file goes up as a plain multipart post to the server (`/agenda/bijlage`), which comes back
//! here with what it did, as "Vakken beheren" does.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::{done_notice, UploadOutcome};
use crate::components::{
    file_limit_hint, file_size, kind_class, module_page, Address, AttachedFiles, ChosenPupil,
    FormError, PageQuery, SubmitButton, Typed,
};
use crate::functions::teaching::{
    load_agenda_plan, RemoveAgendaFile, RemoveAgendaItem, SaveAgendaItem, SaveLesson,
};
use crate::i18n::{long_date, tr, tr_fill, use_lang, Key, Lang};
use crate::models::{AgendaKind, AgendaPlan, AttachedFile, Module, PlannedItem, PlannedLesson};

/// Where a course's planned work is kept.
const PLAN_PAGE: &str = "/agenda/plannen";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanQuery {
    course: Option<i32>,
    edit: Option<i32>,
    saved: bool,
    removed: bool,
    upload: UploadOutcome,
}

impl PageQuery for PlanQuery {
    fn read(address: &Address) -> Self {
        let number = |name| address.query(name).and_then(|text| text.parse().ok());
        PlanQuery {
            course: number("vak"),
            edit: number("bewerk"),
            saved: address.query("bewaard").is_some(),
            removed: address.query("verwijderd").is_some(),
            upload: UploadOutcome::read(address),
        }
    }
}

#[component]
pub fn PlanPage() -> impl IntoView {
    module_page(
        Module::Agenda,
        |query: PlanQuery| load_agenda_plan(query.course),
        |plan, query| view! { <Plan plan query/> }.into_any(),
    )
}

#[component]
fn Plan(plan: AgendaPlan, query: PlanQuery) -> impl IntoView {
    let lang = use_lang();
    let chosen = plan.course.as_ref().map(|course| course.id);
    let editing = query
        .edit
        .and_then(|id| plan.items.iter().find(|item| item.id == id).cloned());
    view! {
        <Title text=tr(Key::PlanTitle)/>
        <h1>{tr(Key::PlanTitle)}</h1>
        {done_notice(query.saved, Key::SavedWord)}
        {done_notice(query.removed, Key::RemovedWord)}
        {query.upload.notice()}
        {if plan.teaching.courses.is_empty() {
            view! { <p class="empty">{tr(Key::NoCoursesTaught)}</p> }.into_any()
        } else {
            view! {
                <form method="get" action=PLAN_PAGE class="inline-form">
                    <div class="field">
                        <label for="plan-course">{tr(Key::CourseLabel)}</label>
                        <select id="plan-course" name="vak">
                            {plan.teaching.courses.iter().map(|course| view! {
                                <option value=course.id.to_string() selected=chosen == Some(course.id)>{course.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit">{tr(Key::ShowWord)}</button>
                </form>
            }.into_any()
        }}
        {plan.course.clone().map(|course| {
            let heading = if editing.is_some() { Key::EditItemTitle } else { Key::AddItemTitle };
            view! {
                <section class="card" aria-labelledby="item-form-title">
                    <h2 id="item-form-title">{tr(heading)}" · "{course.label()}</h2>
                    {editing.is_some().then(|| view! {
                        <p><a href=format!("{PLAN_PAGE}?vak={}", course.id)>{tr(Key::PlanAnother)}</a></p>
                    })}
                    <ItemForm course=course.id item=editing.clone() today=plan.today/>
                </section>
                {editing.clone().map(|item| view! {
                    <section class="card" aria-labelledby="item-files-title">
                        <h2 id="item-files-title">{tr(Key::Attachments)}" · "{item.title.clone()}</h2>
                        <ItemFiles files=item.files.clone() lang/>
                        <FileForm item=item.id/>
                    </section>
                })}
                <section aria-labelledby="lessons-title" id="lessen">
                    <h2 id="lessons-title">{tr(Key::LessonsAheadTitle)}</h2>
                    {if plan.lessons.is_empty() {
                        view! { <p class="empty">{tr(Key::NoLessonsAhead)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="lesson-changes">
                                {plan.lessons.clone().into_iter().map(|lesson| view! { <LessonChange lesson lang/> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section aria-labelledby="planned-title">
                    <h2 id="planned-title">{tr(Key::PlannedTitle)}</h2>
                    {if plan.items.is_empty() {
                        view! { <p class="empty">{tr(Key::NothingPlanned)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="agenda-items planned">
                                {plan.items.clone().into_iter().map(|item| view! { <PlannedLine item lang/> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            }
        })}
    }
}

#[component]
fn PlannedLine(item: PlannedItem, lang: crate::i18n::Lang) -> impl IntoView {
    let remove = ServerAction::<RemoveAgendaItem>::new();
    let edit = format!("{PLAN_PAGE}?vak={}&bewerk={}", item.course_id, item.id);
    let when = match &item.due_time {
        Some(time) => format!("{} · {time}", long_date(lang, item.due_on)),
        None => long_date(lang, item.due_on),
    };
    view! {
        <li class="agenda-item">
            <span class=kind_class(item.kind)>{tr(item.kind.key())}</span>
            <span class="item-main">
                <strong>{item.title.clone()}</strong>
                <span class="muted">{when}</span>
                <span class="item-text">{item.description.clone()}</span>
                <AttachedFiles files=item.files.clone() pupil=ChosenPupil::default() lang/>
            </span>
            <span class="item-actions">
                <a href=edit aria-label=tr_fill(Key::EditNamed, &[&item.title])>{tr(Key::EditWord)}</a>
                <ActionForm action=remove attr:class="inline">
                    <input type="hidden" name="id" value=item.id.to_string()/>
                    <button type="submit" class="link-button" aria-label=tr_fill(Key::RemoveNamed, &[&item.title])>
                        {tr(Key::RemoveWord)}
                    </button>
                </ActionForm>
            </span>
            <FormError action=remove row=("id", item.id.to_string())/>
        </li>
    }
}

/// One lesson with its room and whether it is cancelled, saved on its own.
#[component]
fn LessonChange(lesson: PlannedLesson, lang: Lang) -> impl IntoView {
    let save = ServerAction::<SaveLesson>::new();
    let typed = Typed::of::<SaveLesson>().for_row("id", &lesson.id.to_string());
    let room = typed.or("room", lesson.room.clone());
    // An unchecked box is not sent: a kept form without it was unchecked.
    let cancelled = if typed.is_kept() {
        typed.or("cancelled", "") == "1"
    } else {
        lesson.cancelled
    };
    let when = format!(
        "{} · {} – {}",
        long_date(lang, lesson.date),
        lesson.starts,
        lesson.ends
    );
    let room_id = format!("lesson-{}-room", lesson.id);
    let cancel_id = format!("lesson-{}-cancelled", lesson.id);
    view! {
        <li class=if lesson.cancelled { "lesson-change cancelled" } else { "lesson-change" }>
            <ActionForm action=save attr:class="inline-form">
                <input type="hidden" name="id" value=lesson.id.to_string()/>
                <strong class="lesson-when">{when.clone()}</strong>
                {lesson.planned_room.as_ref().map(|planned| view! {
                    <span class="muted">{tr_fill(Key::RoomChanged, &[&lesson.room, planned])}</span>
                })}
                <div class="field">
                    <label for=room_id.clone()>{tr(Key::RoomLabel)}</label>
                    <input id=room_id name="room" required maxlength="40" value=room
                        aria-label=tr_fill(Key::RoomNamed, &[&when])/>
                </div>
                <div class="check">
                    <input type="checkbox" id=cancel_id.clone() name="cancelled" value="1" checked=cancelled
                        aria-label=tr_fill(Key::CancelLessonNamed, &[&when])/>
                    <label for=cancel_id>{tr(Key::LessonCancelled)}</label>
                </div>
                <button type="submit" aria-label=tr_fill(Key::SaveLessonNamed, &[&when])>{tr(Key::SaveLesson)}</button>
            </ActionForm>
            <FormError action=save row=("id", lesson.id.to_string())/>
        </li>
    }
}

#[component]
fn ItemForm(course: i32, item: Option<PlannedItem>, today: chrono::NaiveDate) -> impl IntoView {
    let action = ServerAction::<SaveAgendaItem>::new();
    let typed = Typed::of::<SaveAgendaItem>();
    let kind = item.as_ref().map_or(AgendaKind::Task, |item| item.kind);
    let due_on = typed.or(
        "due_on",
        item.as_ref().map_or(today, |item| item.due_on).to_string(),
    );
    let due_time = typed.or(
        "due_time",
        item.as_ref()
            .and_then(|item| item.due_time.clone())
            .unwrap_or_default(),
    );
    let title = typed.or(
        "title",
        item.as_ref()
            .map(|item| item.title.clone())
            .unwrap_or_default(),
    );
    let description = typed.or(
        "description",
        item.as_ref()
            .map(|item| item.description.clone())
            .unwrap_or_default(),
    );
    view! {
        <ActionForm action>
            {item.as_ref().map(|item| view! { <input type="hidden" name="id" value=item.id.to_string()/> })}
            <input type="hidden" name="course" value=course.to_string()/>
            <div class="field">
                <label for="item-kind">{tr(Key::KindLabel)}</label>
                <select id="item-kind" name="kind">
                    {AgendaKind::ALL.into_iter().map(|option| view! {
                        <option value=option.code() selected=typed.chose("kind", option.code(), option == kind)>{tr(option.key())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="item-title">{tr(Key::TitleLabel)}</label>
                <input id="item-title" name="title" required maxlength="120" value=title/>
            </div>
            <div class="field">
                <label for="item-due-on">{tr(Key::DueOnLabel)}</label>
                <input id="item-due-on" name="due_on" type="date" required value=due_on/>
            </div>
            <div class="field">
                <label for="item-due-time">{tr(Key::DueTimeLabel)}</label>
                <input id="item-due-time" name="due_time" type="time" value=due_time aria-describedby="due-time-hint"/>
                <span id="due-time-hint" class="hint">{tr(Key::OptionalWord)}</span>
            </div>
            <div class="field">
                <label for="item-description">{tr(Key::DescriptionLabel)}</label>
                <textarea id="item-description" name="description" rows="4" maxlength="4000">{description}</textarea>
            </div>
            <SubmitButton label=Key::SaveWord/>
            <FormError action/>
        </ActionForm>
    }
}

/// The files of the item being edited, each with its remove button.
#[component]
fn ItemFiles(files: Vec<AttachedFile>, lang: Lang) -> impl IntoView {
    if files.is_empty() {
        return view! { <p class="empty">{tr(Key::NoAttachments)}</p> }.into_any();
    }
    view! {
        <ul class="attached-files managed">
            {files.into_iter().map(|file| {
                let remove = ServerAction::<RemoveAgendaFile>::new();
                view! {
                    <li>
                        <a href=format!("/agenda/bestand/{}", file.id) download=file.name.clone()>{file.name.clone()}</a>
                        <span class="muted">" · "{file_size(lang, file.size)}</span>
                        <ActionForm action=remove attr:class="inline">
                            <input type="hidden" name="id" value=file.id.to_string()/>
                            <button type="submit" class="link-button" aria-label=tr_fill(Key::RemoveNamed, &[&file.name])>
                                {tr(Key::RemoveWord)}
                            </button>
                        </ActionForm>
                        <FormError action=remove row=("id", file.id.to_string())/>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A plain multipart post: it works before the wasm has loaded, and a file never passes through
/// a server function.
#[component]
fn FileForm(item: i32) -> impl IntoView {
    view! {
        <form method="post" action="/agenda/bijlage" enctype="multipart/form-data">
            <input type="hidden" name="item" value=item.to_string()/>
            <div class="field">
                <label for="item-file">{tr(Key::FileLabel)}</label>
                <input id="item-file" name="file" type="file" required aria-describedby="item-file-hint"/>
                <span id="item-file-hint" class="hint">{file_limit_hint()}</span>
            </div>
            <button type="submit">{tr(Key::Upload)}</button>
        </form>
    }
}
