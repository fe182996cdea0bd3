//! The organiser's view (the school's admin): the moments with how full they are per teacher, and
//! the form that opens a new one.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{FormError, MomentFacts, OudercontactNotice, SubmitButton, Typed};
use crate::functions::oudercontact::OpenMoment;
use crate::i18n::{number, tr, tr_fill, use_lang, Key, Lang};
use crate::models::{ClassChoice, OrganisedMoment, TeacherFill};

#[component]
pub(super) fn AdminView(moments: Vec<OrganisedMoment>, classes: Vec<ClassChoice>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=tr(Key::ModOudercontact)/>
        <h1>{tr(Key::ModOudercontact)}</h1>
        <OudercontactNotice/>
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
                                    <p>{tr_fill(Key::OcTalksBooked, &[&booked_of(lang, organised.booked, organised.slots)])}</p>
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
fn booked_of(lang: Lang, booked: u64, slots: u64) -> String {
    format!(
        "{} / {}",
        number(lang, booked as f64),
        number(lang, slots as f64)
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
                                            booked_of(lang, teacher.booked, teacher.slots)
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
    let typed = Typed::of::<OpenMoment>();
    let field = {
        let typed = typed.clone();
        move |name: &'static str, label: Key, kind: &'static str, value: &'static str| {
            let name = format!("moment[{name}]");
            let value = typed.or(&name, value);
            view! {
                <label class="field">
                    {tr(label)}
                    <input type=kind name=name value=value required/>
                </label>
            }
        }
    };
    view! {
        <section class="card" aria-labelledby="oc-new">
            <h2 id="oc-new">{tr(Key::OcNewMoment)}</h2>
            <ActionForm action attr:class="stack">
                <label class="field">
                    {tr(Key::OcTitle)}
                    <input name="moment[title]" value=typed.or("moment[title]", "") maxlength="200" required/>
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
                    <label class="check"><input type="radio" name="moment[place]" value="school" checked=typed.chose("moment[place]", "school", true)/>{tr(Key::OcOnSite)}</label>
                    <label class="check"><input type="radio" name="moment[place]" value="online" checked=typed.chose("moment[place]", "online", false)/>{tr(Key::OcOnline)}</label>
                </fieldset>
                <fieldset class="oc-choice">
                    <legend>{tr(Key::OcClasses)}</legend>
                    {classes
                        .into_iter()
                        .map(|class| {
                            let name = format!("moment[classes][{}]", class.id);
                            let checked = typed.chose(&name, "on", false);
                            view! {
                            <label class="check">
                                <input type="checkbox" name=name value="on" checked=checked/>
                                {class.name}
                            </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <FormError action/>
                <SubmitButton label=Key::OcOpenMoment/>
            </ActionForm>
        </section>
    }
}
