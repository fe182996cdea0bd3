//! Pieces of Oudercontact that more than one view shows: times, the place, the facts of a
//! conference moment, the notice of the last action, and a teacher's schedule of one day (on the
//! page and on its printable page).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::{long_date, short_date, tr, tr_fill, use_lang, Key, Lang};
use crate::models::{BookingWindow, Moment, ScheduleDay};
use crate::outcome::{Form, Outcome};

pub fn clock(at: chrono::NaiveDateTime) -> String {
    at.format("%H:%M").to_string()
}

/// "dinsdag 8 december, 16:00–16:10".
pub fn talk_time(lang: Lang, starts: chrono::NaiveDateTime, ends: chrono::NaiveDateTime) -> String {
    format!(
        "{}, {}–{}",
        long_date(lang, starts.date()),
        clock(starts),
        clock(ends)
    )
}

pub fn place(online: bool) -> Key {
    if online {
        Key::OcOnline
    } else {
        Key::OcOnSite
    }
}

/// What the last action did, from `gedaan` (`geboekt.…`, `geannuleerd.…`, …).
#[component]
pub fn OudercontactNotice() -> impl IntoView {
    let query = use_query_map();
    move || {
        let outcome =
            query.with(|query| Outcome::parse(Form::Oudercontact, |name| query.get(name)))?;
        let key = outcome.key()?;
        Some(view! { <p class="notice" role="status">{tr(key)}</p> })
    }
}

#[component]
pub fn MomentFacts(moment: Moment) -> impl IntoView {
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
        BookingWindow::NotYetOpen => tr_fill(
            Key::OcOpensOn,
            &[
                &short_date(lang, moment.opens_at.date()),
                &clock(moment.opens_at),
            ],
        ),
        BookingWindow::Open => tr_fill(
            Key::OcOpenUntil,
            &[
                &short_date(lang, moment.closes_at.date()),
                &clock(moment.closes_at),
            ],
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

/// A teacher's talks of one day, the free times among them.
#[component]
pub fn ScheduleTable(day: ScheduleDay) -> impl IntoView {
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
