//! A teacher's schedule of one day, on a page of its own to print.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::components::{module_page, place, Address, PageQuery, ScheduleTable};
use crate::functions::oudercontact::load_oudercontact;
use crate::i18n::{long_date, tr, use_lang, Key};
use crate::models::{Module, Moment, Oudercontact, ScheduleDay};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct PrintQuery {
    /// The conference moment, from the path (`/oudercontact/planning/:id`).
    moment: Option<String>,
    /// The day to print (`dag`).
    day: Option<String>,
}

impl PageQuery for PrintQuery {
    fn read(address: &Address) -> Self {
        PrintQuery {
            moment: address.param("id"),
            day: address.query("dag"),
        }
    }
}

#[component]
pub fn SchedulePrintPage() -> impl IntoView {
    module_page(
        Module::Oudercontact,
        |_: PrintQuery| load_oudercontact(None),
        |view, page| {
            let found = match view {
                Oudercontact::Teacher(moments) => moments.into_iter().find_map(|moment| {
                    if Some(&moment.moment.id) != page.moment.as_ref() {
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
            <PrintButton label=tr(Key::OcPrint).to_owned()/>
            " "
            <a href="/oudercontact">{tr(Key::ModOudercontact)}</a>
        </p>
    }
}

/// The button that opens the browser's print dialog (a script's work, so an island).
#[island]
fn PrintButton(label: String) -> impl IntoView {
    view! { <button type="button" on:click=|_| { let _ = window().print(); }>{label}</button> }
}
