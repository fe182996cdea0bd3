//! A parent's view: each moment with its teachers and free times, a suggested series of talks,
//! and the family's bookings.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{
    clock, place, talk_time, FormError, MomentFacts, OudercontactNotice, SubmitButton,
};
use crate::functions::oudercontact::{BookSeries, BookTalk, CancelTalk};
use crate::i18n::{long_date, short_date, tr, tr_fill, use_lang, Key, Lang};
use crate::models::{
    Booking, BookingWindow, FreeSlot, ParentMoment, ParentOudercontact, SuggestedTalk, TeacherSlots,
};

#[component]
pub(super) fn ParentView(parent: ParentOudercontact) -> impl IntoView {
    let book = ServerAction::<BookTalk>::new();
    let series = ServerAction::<BookSeries>::new();
    let cancel = ServerAction::<CancelTalk>::new();
    let child = parent.child.clone();
    view! {
        <Title text=tr(Key::ModOudercontact)/>
        <h1>{tr(Key::ModOudercontact)}</h1>
        <p class="lead">{tr(Key::OcParentIntro)}</p>
        <OudercontactNotice/>
        <FormError action=book/>
        <FormError action=series/>
        {if parent.moments.is_empty() {
            view! { <p class="empty card">{tr(Key::OudercontactNone)}</p> }.into_any()
        } else {
            parent
                .moments
                .into_iter()
                .map(|moment| view! { <ParentMomentCard moment child_id=child.id.clone() child_name=child.first_name.clone() book series/> })
                .collect_view()
                .into_any()
        }}
        <section class="card" aria-labelledby="oc-bookings">
            <h2 id="oc-bookings">{tr(Key::OcFamilyBookings)}</h2>
            <FormError action=cancel/>
            <Bookings bookings=parent.bookings cancel/>
        </section>
    }
}

#[component]
fn ParentMomentCard(
    moment: ParentMoment,
    child_id: String,
    child_name: String,
    book: ServerAction<BookTalk>,
    series: ServerAction<BookSeries>,
) -> impl IntoView {
    let open = moment.moment.window == BookingWindow::Open;
    let heading = format!("{} · {}", moment.moment.title, child_name);
    view! {
        <section class="card oc-moment">
            <h2>{heading}</h2>
            <MomentFacts moment=moment.moment.clone()/>
            {(!moment.suggestion.is_empty()).then(|| view! { <Suggestion talks=moment.suggestion.clone() action=series/> })}
            {if moment.teachers.is_empty() {
                view! { <p class="empty">{tr(Key::OcNoTeachers)}</p> }.into_any()
            } else {
                view! {
                    <ul class="oc-teachers">
                        {moment
                            .teachers
                            .into_iter()
                            .map(|teacher| view! { <TeacherRow teacher child_id=child_id.clone() open action=book/> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn TeacherRow(
    teacher: TeacherSlots,
    child_id: String,
    open: bool,
    action: ServerAction<BookTalk>,
) -> impl IntoView {
    let lang = use_lang();
    let what = if teacher.class_teacher {
        let mut what = vec![tr(Key::OcClassTeacher).to_owned()];
        what.extend(teacher.courses.iter().cloned());
        what.join(", ")
    } else {
        teacher.courses.join(", ")
    };
    let slot_label = tr_fill(Key::OcSlotWith, &[&teacher.teacher]);
    let topic_label = tr_fill(Key::OcTopicFor, &[&teacher.teacher]);
    // A slot someone else was quicker to comes back as a refusal on this page, drawn afresh with
    // the teacher's free times as they are now.
    let booking_form = move || {
        if teacher.free.is_empty() {
            return view! { <p class="empty">{tr(Key::OcNoFreeSlots)}</p> }.into_any();
        }
        view! {
            <ActionForm action attr:class="oc-book">
                <input type="hidden" name="child" value=child_id/>
                <div class="field">
                    <label>
                        {slot_label}
                        <select name="slot" required>
                            {by_day(teacher.free)
                                .into_iter()
                                .map(|(day, slots)| view! {
                                    <optgroup label=long_date(lang, day)>
                                        {slots
                                            .into_iter()
                                            .map(|slot| view! {
                                                <option value=slot.id>{slot_time(lang, &slot)}</option>
                                            })
                                            .collect_view()}
                                    </optgroup>
                                })
                                .collect_view()}
                        </select>
                    </label>
                </div>
                <div class="field">
                    <label>
                        {topic_label}
                        <input name="topic" maxlength="500" autocomplete="off"/>
                    </label>
                </div>
                <SubmitButton label=Key::OcBook/>
            </ActionForm>
        }
            .into_any()
    };
    let state = match (&teacher.booking, open) {
        (Some(booking), _) => view! {
            <p class="oc-booked">
                <strong>{tr(Key::OcBookedAt)}</strong> " " {talk_time(lang, booking.starts_at, booking.ends_at)}
            </p>
        }
            .into_any(),
        (None, false) => ().into_any(),
        (None, true) => booking_form(),
    };
    view! {
        <li class="oc-teacher">
            <h3>{teacher.teacher.clone()}</h3>
            <p class="muted">{what}</p>
            {state}
        </li>
    }
}

/// "9 december, 16:10–16:20": a closed select shows only the option, so it names the day too.
fn slot_time(lang: Lang, slot: &FreeSlot) -> String {
    format!(
        "{}, {}–{}",
        short_date(lang, slot.starts_at.date()),
        clock(slot.starts_at),
        clock(slot.ends_at)
    )
}

/// Free slots in time order, grouped per day, so that a select offers a day's times together.
fn by_day(free: Vec<FreeSlot>) -> Vec<(chrono::NaiveDate, Vec<FreeSlot>)> {
    let mut days: Vec<(chrono::NaiveDate, Vec<FreeSlot>)> = Vec::new();
    for slot in free {
        let day = slot.starts_at.date();
        match days.last_mut() {
            Some((last, slots)) if *last == day => slots.push(slot),
            _ => days.push((day, vec![slot])),
        }
    }
    days
}

#[component]
fn Suggestion(talks: Vec<SuggestedTalk>, action: ServerAction<BookSeries>) -> impl IntoView {
    let lang = use_lang();
    let pairs = talks
        .iter()
        .map(|talk| format!("{}:{}", talk.slot, talk.child_id))
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <div class="oc-suggestion">
            <h3>{tr(Key::OcSuggestion)}</h3>
            <p class="muted">{tr(Key::OcSuggestionIntro)}</p>
            <ol>
                {talks
                    .into_iter()
                    .map(|talk| view! {
                        <li>{talk_time(lang, talk.starts_at, talk.ends_at)} ": " {talk.teacher} " (" {talk.child} ")"</li>
                    })
                    .collect_view()}
            </ol>
            <ActionForm action>
                <input type="hidden" name="series" value=pairs/>
                <SubmitButton label=Key::OcBookSeries/>
            </ActionForm>
        </div>
    }
}

#[component]
fn Bookings(bookings: Vec<Booking>, cancel: ServerAction<CancelTalk>) -> impl IntoView {
    let lang = use_lang();
    if bookings.is_empty() {
        return view! { <p class="empty">{tr(Key::OcNoBookings)}</p> }.into_any();
    }
    view! {
        <ul class="oc-bookings">
            {bookings
                .into_iter()
                .map(|booking| {
                    let label = tr_fill(Key::OcCancelTalk, &[&booking.teacher, &booking.child]);
                    view! {
                        <li class="oc-booking">
                            <p>
                                <strong>{talk_time(lang, booking.starts_at, booking.ends_at)}</strong>
                                <br/>
                                {booking.teacher.clone()} " · " {booking.child.clone()} " · " {tr(place(booking.online))}
                            </p>
                            {booking.topic.clone().map(|topic| view! { <p>{tr_fill(Key::OcTopicIs, &[&topic])}</p> })}
                            <p class="muted">{booking.moment.clone()} " · " {tr_fill(Key::OcBookedBy, &[&booking.booked_by])}</p>
                            {booking.can_cancel.then(|| view! {
                                <ActionForm action=cancel>
                                    <input type="hidden" name="id" value=booking.id.clone()/>
                                    <SubmitButton label=Key::OcCancel class="secondary" aria_label=label.clone()/>
                                </ActionForm>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
