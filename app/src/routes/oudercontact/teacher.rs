//! A teacher's view: the hours they give on each day of a moment, and the talks booked in them.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{
    FormError, MomentFacts, OudercontactNotice, ScheduleTable, SubmitButton, Typed,
};
use crate::functions::oudercontact::SetDayHours;
use crate::i18n::{long_date, tr, tr_fill, use_lang, Key};
use crate::models::{ScheduleDay, TeacherMoment};

#[component]
pub(super) fn TeacherView(moments: Vec<TeacherMoment>) -> impl IntoView {
    let hours = ServerAction::<SetDayHours>::new();
    view! {
        <Title text=tr(Key::ModOudercontact)/>
        <h1>{tr(Key::ModOudercontact)}</h1>
        <p class="lead">{tr(Key::OcTeacherIntro)}</p>
        <OudercontactNotice/>
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
    let typed = Typed::of::<SetDayHours>().for_row("day", &day.day.to_string());
    let field = move |name: &'static str, label: Key, value: String| {
        let label = format!("{} ({field_date})", tr(label));
        let value = typed.or(name, value);
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
                <SubmitButton label=Key::OcSaveHours/>
            </ActionForm>
            {if day.lines.is_empty() {
                view! { <p class="empty">{tr(Key::OcNotAvailable)}</p> }.into_any()
            } else {
                view! {
                    <ScheduleTable day/>
                    <p><a href=print>{tr_fill(Key::OcPrintable, &[&date])}</a></p>
                }
                    .into_any()
            }}
        </div>
    }
}
