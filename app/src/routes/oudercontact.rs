//! Oudercontact: parents book talks for their children, teachers give their hours and see their
//! schedule, the admin opens conference moments. A pupil gets no menu item and no page. Every form
//! posts to a server function that redirects back here, so all of it works before the wasm loads.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::{FormError, SubmitButton};
use crate::functions::oudercontact::{
    load_oudercontact, BookSeries, BookTalk, CancelTalk, OpenMoment, SetDayHours,
};
use crate::i18n::{long_date, short_date, tr, use_lang, Key, Lang};
use crate::models::Module;
use crate::models::{
    Booking, BookingWindow, ClassChoice, FreeSlot, Moment, OrganisedMoment, Oudercontact,
    ParentMoment, ParentOudercontact, ScheduleDay, SuggestedTalk, TeacherFill, TeacherMoment,
    TeacherSlots,
};
use crate::routes::modules::module_page;

fn clock(at: chrono::NaiveDateTime) -> String {
    at.format("%H:%M").to_string()
}

/// "dinsdag 8 december, 16:00–16:10".
fn talk_time(lang: Lang, starts: chrono::NaiveDateTime, ends: chrono::NaiveDateTime) -> String {
    format!(
        "{}, {}–{}",
        long_date(lang, starts.date()),
        clock(starts),
        clock(ends)
    )
}

#[component]
pub fn OudercontactPage() -> impl IntoView {
    module_page(
        Module::Oudercontact,
        |page| load_oudercontact(page.child),
        |view, _| match view {
            Oudercontact::Parent(parent) => view! { <ParentView parent/> }.into_any(),
            Oudercontact::Teacher(moments) => view! { <TeacherView moments/> }.into_any(),
            Oudercontact::Admin { moments, classes } => {
                view! { <AdminView moments classes/> }.into_any()
            }
        },
    )
}

/// A teacher's schedule of one day, on a page of its own to print.
#[component]
pub fn SchedulePrintPage() -> impl IntoView {
    module_page(
        Module::Oudercontact,
        |_| load_oudercontact(None),
        |view, page| {
            let found = match view {
                Oudercontact::Teacher(moments) => moments.into_iter().find_map(|moment| {
                    if Some(&moment.moment.id) != page.id.as_ref() {
                        return None;
                    }
                    let day = moment
                        .days
                        .into_iter()
                        .find(|day| Some(day.day.to_string()) == page.day)?;
                    Some((moment.moment, day))
                }),
                _ => None,
            };
            match found {
                Some((moment, day)) => view! { <PrintableDay moment day/> }.into_any(),
                None => view! { <p class="empty card">{tr(Key::NotFoundText)}</p> }.into_any(),
            }
        },
    )
}

/// What the last action did, from `gedaan` (`geboekt.…`, `geannuleerd.…`, …).
#[component]
fn Notice() -> impl IntoView {
    let query = use_query_map();
    move || {
        let done = query.read().get("gedaan")?;
        let key = match done.split('.').next() {
            Some("geboekt") => Key::OcBooked,
            Some("geannuleerd") => Key::OcCancelled,
            Some("geopend") => Key::OcOpened,
            Some("uren") => Key::OcHoursSaved,
            _ => return None,
        };
        Some(view! { <p class="notice" role="status">{tr(key)}</p> })
    }
}

fn place(online: bool) -> Key {
    if online {
        Key::OcOnline
    } else {
        Key::OcOnSite
    }
}

#[component]
fn MomentFacts(moment: Moment) -> impl IntoView {
    let lang = use_lang();
    let days = if moment.first_day == moment.last_day {
        long_date(lang, moment.first_day)
    } else {
        format!(
            "{} – {}",
            long_date(lang, moment.first_day),
            long_date(lang, moment.last_day)
        )
    };
    let window = match moment.window {
        BookingWindow::NotYetOpen => format!(
            "{} {} {}",
            tr(Key::OcOpensOn),
            short_date(lang, moment.opens_at.date()),
            clock(moment.opens_at)
        ),
        BookingWindow::Open => format!(
            "{} {} {}",
            tr(Key::OcOpenUntil),
            short_date(lang, moment.closes_at.date()),
            clock(moment.closes_at)
        ),
        BookingWindow::Closed => tr(Key::OcClosed).to_owned(),
    };
    view! {
        <p class="muted">
            {days} ", " {moment.day_starts} "–" {moment.day_ends} " · " {tr(place(moment.online))}
            " · " {moment.classes.join(", ")}
        </p>
        <p class=if moment.window == BookingWindow::Open { "notice" } else { "muted" }>{window}</p>
    }
}

#[component]
fn ParentView(parent: ParentOudercontact) -> impl IntoView {
    let book = ServerAction::<BookTalk>::new();
    let series = ServerAction::<BookSeries>::new();
    let cancel = ServerAction::<CancelTalk>::new();
    let child = parent.child.clone();
    view! {
        <Title text=tr(Key::ModOudercontact)/>
        <h1>{tr(Key::ModOudercontact)}</h1>
        <p class="lead">{tr(Key::OcParentIntro)}</p>
        <Notice/>
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
    let slot_label = format!("{} {}", tr(Key::OcSlotWith), teacher.teacher);
    let topic_label = format!("{} ({})", tr(Key::OcTopic), teacher.teacher);
    let state = match (&teacher.booking, open, teacher.free.is_empty()) {
        (Some(booking), _, _) => view! {
            <p class="oc-booked">
                <strong>{tr(Key::OcBookedAt)}</strong> " " {talk_time(lang, booking.starts_at, booking.ends_at)}
            </p>
        }
            .into_any(),
        (None, false, _) => ().into_any(),
        (None, true, true) => view! { <p class="empty">{tr(Key::OcNoFreeSlots)}</p> }.into_any(),
        (None, true, false) => view! {
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
                <SubmitButton action label=Key::OcBook/>
            </ActionForm>
        }
            .into_any(),
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
                <SubmitButton action label=Key::OcBookSeries/>
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
                    let label = format!("{} {} ({})", tr(Key::OcCancel), booking.teacher, booking.child);
                    view! {
                        <li class="oc-booking">
                            <p>
                                <strong>{talk_time(lang, booking.starts_at, booking.ends_at)}</strong>
                                <br/>
                                {booking.teacher.clone()} " · " {booking.child.clone()} " · " {tr(place(booking.online))}
                            </p>
                            {booking.topic.clone().map(|topic| view! { <p>{tr(Key::OcTopic)} ": " {topic}</p> })}
                            <p class="muted">{booking.moment.clone()} " · " {tr(Key::OcBookedBy)} " " {booking.booked_by.clone()}</p>
                            {booking.can_cancel.then(|| view! {
                                <ActionForm action=cancel>
                                    <input type="hidden" name="id" value=booking.id.clone()/>
                                    <CancelButton action=cancel label=label.clone()/>
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

#[component]
fn CancelButton(action: ServerAction<CancelTalk>, label: String) -> impl IntoView {
    let pending = action.pending();
    view! {
        <button type="submit" class="secondary" aria-label=label disabled=pending aria-busy=move || pending.get().to_string()>
            {move || if pending.get() { tr(Key::Working) } else { tr(Key::OcCancel) }}
        </button>
    }
}

#[component]
fn TeacherView(moments: Vec<TeacherMoment>) -> impl IntoView {
    let hours = ServerAction::<SetDayHours>::new();
    view! {
        <Title text=tr(Key::ModOudercontact)/>
        <h1>{tr(Key::ModOudercontact)}</h1>
        <p class="lead">{tr(Key::OcTeacherIntro)}</p>
        <Notice/>
        <FormError action=hours/>
        {if moments.is_empty() {
            view! { <p class="empty card">{tr(Key::OcNoMoments)}</p> }.into_any()
        } else {
            moments
                .into_iter()
                .map(|moment| {
                    let id = moment.moment.id.clone();
                    view! {
                        <section class="card oc-moment">
                            <h2>{moment.moment.title.clone()}</h2>
                            <MomentFacts moment=moment.moment.clone()/>
                            {moment
                                .days
                                .into_iter()
                                .map(|day| view! { <TeacherDay moment=id.clone() day action=hours/> })
                                .collect_view()}
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        }}
    }
}

#[component]
fn TeacherDay(
    moment: String,
    day: ScheduleDay,
    action: ServerAction<SetDayHours>,
) -> impl IntoView {
    let lang = use_lang();
    let date = long_date(lang, day.day);
    let hours = day.hours.clone().unwrap_or_default();
    let print = format!("/oudercontact/planning/{moment}?dag={}", day.day);
    let field_date = date.clone();
    let field = move |name: &'static str, label: Key, value: String| {
        let label = format!("{} ({field_date})", tr(label));
        view! {
            <label class="field">
                {label}
                <input type="time" name=name value=value/>
            </label>
        }
    };
    view! {
        <div class="oc-day">
            <h3>{date.clone()}</h3>
            <ActionForm action attr:class="oc-hours">
                <input type="hidden" name="moment" value=moment/>
                <input type="hidden" name="day" value=day.day.to_string()/>
                {field("starts", Key::OcFrom, hours.starts)}
                {field("ends", Key::OcUntil, hours.ends)}
                {field("break_starts", Key::OcBreakFrom, hours.break_starts.unwrap_or_default())}
                {field("break_ends", Key::OcBreakUntil, hours.break_ends.unwrap_or_default())}
                <SubmitButton action label=Key::OcSaveHours/>
            </ActionForm>
            {if day.lines.is_empty() {
                view! { <p class="empty">{tr(Key::OcNotAvailable)}</p> }.into_any()
            } else {
                view! {
                    <ScheduleTable day/>
                    <p><a href=print>{format!("{} ({date})", tr(Key::OcPrintable))}</a></p>
                }
                    .into_any()
            }}
        </div>
    }
}

#[component]
fn ScheduleTable(day: ScheduleDay) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="oc-schedule">
                <thead>
                    <tr>
                        <th scope="col">{tr(Key::OcTime)}</th>
                        <th scope="col">{tr(Key::OcChild)}</th>
                        <th scope="col">{tr(Key::OcParent)}</th>
                        <th scope="col">{tr(Key::OcTopic)}</th>
                    </tr>
                </thead>
                <tbody>
                    {day
                        .lines
                        .into_iter()
                        .map(|line| {
                            let free = line.child.is_none();
                            view! {
                                <tr class:oc-free=free>
                                    <td>{clock(line.starts_at)} "–" {clock(line.ends_at)}</td>
                                    <td>{line.child.unwrap_or_else(|| tr(Key::OcFree).to_owned())}</td>
                                    <td>{line.parent}</td>
                                    <td>{line.topic}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn PrintableDay(moment: Moment, day: ScheduleDay) -> impl IntoView {
    let lang = use_lang();
    let title = format!("{} · {}", moment.title, long_date(lang, day.day));
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="muted">{tr(place(moment.online))}</p>
        <ScheduleTable day/>
        <p class="no-print">
            <button type="button" on:click=|_| { let _ = window().print(); }>{tr(Key::OcPrint)}</button>
            " "
            <a href="/oudercontact">{tr(Key::ModOudercontact)}</a>
        </p>
    }
}

#[component]
fn AdminView(moments: Vec<OrganisedMoment>, classes: Vec<ClassChoice>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=tr(Key::ModOudercontact)/>
        <h1>{tr(Key::ModOudercontact)}</h1>
        <Notice/>
        <section class="card" aria-labelledby="oc-moments">
            <h2 id="oc-moments">{tr(Key::OcMoments)}</h2>
            {if moments.is_empty() {
                view! { <p class="empty">{tr(Key::OcNoMoments)}</p> }.into_any()
            } else {
                view! {
                    <ul class="oc-bookings">
                        {moments
                            .into_iter()
                            .map(|organised| view! {
                                <li class="oc-booking">
                                    <h3>{organised.moment.title.clone()}</h3>
                                    <MomentFacts moment=organised.moment/>
                                    <p>{fill(lang, organised.booked, organised.slots)} " " {tr(Key::OcTalksBooked)}</p>
                                    <TeacherFills teachers=organised.teachers/>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        <NewMomentForm classes/>
    }
}

/// "3 / 58": booked talks of all talks.
fn fill(lang: Lang, booked: u64, slots: u64) -> String {
    format!(
        "{} / {}",
        crate::i18n::number(lang, booked as f64),
        crate::i18n::number(lang, slots as f64)
    )
}

/// Each invited teacher's fill, or that they have not given hours yet.
#[component]
fn TeacherFills(teachers: Vec<TeacherFill>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="table-wrap">
            <table class="oc-schedule">
                <thead>
                    <tr>
                        <th scope="col">{tr(Key::Teacher)}</th>
                        <th scope="col">{tr(Key::OcBookedOfTalks)}</th>
                    </tr>
                </thead>
                <tbody>
                    {teachers
                        .into_iter()
                        .map(|teacher| {
                            let none = teacher.slots == 0;
                            view! {
                                <tr class:oc-free=none>
                                    <td>{teacher.teacher}</td>
                                    <td>
                                        {if none {
                                            tr(Key::OcNoHoursYet).to_owned()
                                        } else {
                                            fill(lang, teacher.booked, teacher.slots)
                                        }}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn NewMomentForm(classes: Vec<ClassChoice>) -> impl IntoView {
    let action = ServerAction::<OpenMoment>::new();
    let field = |name: &'static str, label: Key, kind: &'static str, value: &'static str| {
        view! {
            <label class="field">
                {tr(label)}
                <input type=kind name=format!("moment[{name}]") value=value required/>
            </label>
        }
    };
    view! {
        <section class="card" aria-labelledby="oc-new">
            <h2 id="oc-new">{tr(Key::OcNewMoment)}</h2>
            <ActionForm action attr:class="stack">
                <label class="field">
                    {tr(Key::OcTitle)}
                    <input name="moment[title]" maxlength="200" required/>
                </label>
                <div class="oc-grid">
                    {field("first_day", Key::OcFirstDay, "date", "")}
                    {field("last_day", Key::OcLastDay, "date", "")}
                    {field("day_starts", Key::OcDayStarts, "time", "16:00")}
                    {field("day_ends", Key::OcDayEnds, "time", "20:00")}
                    {field("slot_minutes", Key::OcSlotMinutes, "number", "10")}
                    {field("gap_minutes", Key::OcGapMinutes, "number", "0")}
                    {field("opens_at", Key::OcOpensAt, "datetime-local", "")}
                    {field("closes_at", Key::OcClosesAt, "datetime-local", "")}
                </div>
                <fieldset class="oc-choice">
                    <legend>{tr(Key::OcPlace)}</legend>
                    <label class="check"><input type="radio" name="moment[place]" value="school" checked/>{tr(Key::OcOnSite)}</label>
                    <label class="check"><input type="radio" name="moment[place]" value="online"/>{tr(Key::OcOnline)}</label>
                </fieldset>
                <fieldset class="oc-choice">
                    <legend>{tr(Key::OcClasses)}</legend>
                    {classes
                        .into_iter()
                        .map(|class| view! {
                            <label class="check">
                                <input type="checkbox" name=format!("moment[classes][{}]", class.id) value="on"/>
                                {class.name}
                            </label>
                        })
                        .collect_view()}
                </fieldset>
                <FormError action/>
                <SubmitButton action label=Key::OcOpenMoment/>
            </ActionForm>
        </section>
    }
}
