//! A class for its teachers: the attendance register of one half day, every pupil present
//! unless a code says otherwise, and the LVS remarks about its pupils with a form for a new one.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::done_notice;
use crate::components::{module_page, Address, FormError, PageQuery, SubmitButton, Typed};
use crate::functions::teaching::{load_class_page, load_teaching, AddRemark, SaveRegister};
use crate::i18n::{long_date, short_date, tr, tr_fill, use_lang, Key};
use crate::models::{
    AbsenceCode, ClassPage as Page, HalfDay, Module, RegisterRow, RemarkAudience, Teaching,
};

/// The choice of class, for a teacher of more than one.
#[component]
pub fn ClassesPage() -> impl IntoView {
    module_page(
        Module::Lvs,
        |_: ()| load_teaching(),
        |teaching, _| view! { <Classes teaching/> }.into_any(),
    )
}

#[component]
fn Classes(teaching: Teaching) -> impl IntoView {
    view! {
        <Title text=tr(Key::ClassesTeachingTitle)/>
        <h1>{tr(Key::ClassesTeachingTitle)}</h1>
        {if teaching.classes.is_empty() {
            view! { <p class="empty">{tr(Key::NoClassesTaught)}</p> }.into_any()
        } else {
            view! {
                <ul class="link-list">
                    {teaching.classes.into_iter().map(|class| view! {
                        <li><a href=format!("/lvs/klas/{}", class.id)>{class.name}</a></li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassQuery {
    class: i32,
    day: Option<String>,
    half: Option<String>,
    saved: bool,
    remarked: bool,
}

impl PageQuery for ClassQuery {
    fn read(address: &Address) -> Self {
        ClassQuery {
            class: address
                .param("id")
                .and_then(|id| id.parse().ok())
                .unwrap_or_default(),
            day: address.query("dag"),
            half: address.query("dagdeel"),
            saved: address.query("bewaard").is_some(),
            remarked: address.query("opmerking").is_some(),
        }
    }
}

#[component]
pub fn ClassPage() -> impl IntoView {
    module_page(
        Module::Lvs,
        |query: ClassQuery| load_class_page(query.class, query.day, query.half),
        |page, query| view! { <Class page query/> }.into_any(),
    )
}

fn half_key(half: HalfDay) -> Key {
    match half {
        HalfDay::Morning => Key::Morning,
        HalfDay::Afternoon => Key::Afternoon,
    }
}

#[component]
fn Class(page: Page, query: ClassQuery) -> impl IntoView {
    let lang = use_lang();
    let title = tr_fill(Key::ClassTitle, &[&page.class.name]);
    let register_title = format!(
        "{} · {}",
        long_date(lang, page.day),
        tr(half_key(page.half))
    );
    view! {
        <Title text=title.clone()/>
        <p><a href="/lvs/klas">{tr(Key::ClassesTeachingTitle)}</a></p>
        <h1>{title}</h1>
        <p class="teaching-link"><a href=format!("/resultaten/klas/{}", page.class.id)>{tr(Key::ClassResultsLink)}</a>" · "<a href=format!("/lvs/klas/{}/afwezigheden?week={}", page.class.id, page.day)>{tr(Key::ClassAbsencesLink)}</a></p>
        <section class="card" id="aanwezigheden" aria-labelledby="register-title">
            <h2 id="register-title">{tr(Key::AttendanceTitle)}</h2>
            {done_notice(query.saved, Key::SavedWord)}
            <form method="get" action=format!("/lvs/klas/{}", page.class.id) class="inline-form">
                <div class="field">
                    <label for="register-day">{tr(Key::DateCol)}</label>
                    <input id="register-day" name="dag" type="date" value=page.day.to_string()/>
                </div>
                <div class="field">
                    <label for="register-half">{tr(Key::HalfDayLabel)}</label>
                    <select id="register-half" name="dagdeel">
                        {[HalfDay::Morning, HalfDay::Afternoon].into_iter().map(|half| view! {
                            <option value=half.code() selected=half == page.half>{tr(half_key(half))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit">{tr(Key::ShowWord)}</button>
            </form>
            <h3>{register_title}</h3>
            <Register page=page.clone()/>
        </section>
        <section class="card" id="opmerkingen" aria-labelledby="remarks-title">
            <h2 id="remarks-title">{tr(Key::RemarksTitle)}</h2>
            <p class="hint">{tr(if page.class.all_remarks { Key::AllRemarksHint } else { Key::OwnRemarksHint })}</p>
            {done_notice(query.remarked, Key::RemarkSaved)}
            <RemarkForm rows=page.register.clone()/>
            {if page.remarks.is_empty() {
                view! { <p class="empty">{tr(Key::NoRemarks)}</p> }.into_any()
            } else {
                view! {
                    <ul class="remarks">
                        {page.remarks.into_iter().map(|remark| view! {
                            <li class="remark">
                                <p class="muted">
                                    {short_date(lang, remark.noted_on)}" · "{remark.pupil}" · "{remark.category}
                                    " · "{remark.author}" · "{tr(remark.audience.key())}
                                </p>
                                <p>{remark.text}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Register(page: Page) -> impl IntoView {
    let action = ServerAction::<SaveRegister>::new();
    let typed = Typed::of::<SaveRegister>();
    view! {
        <ActionForm action>
            <input type="hidden" name="class" value=page.class.id.to_string()/>
            <input type="hidden" name="day" value=page.day.to_string()/>
            <input type="hidden" name="half" value=page.half.code()/>
            <p class="hint">
                {tr(Key::RegisterHelp)}" "
                {AbsenceCode::ALL.into_iter().map(|code| format!("{} = {}", code.letter(), tr(code.key()))).collect::<Vec<_>>().join(" · ")}
            </p>
            {if page.register.is_empty() {
                view! { <p class="empty">{tr(Key::NoPupils)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="register">
                            <thead>
                                <tr>
                                    <th scope="col">{tr(Key::PupilCol)}</th>
                                    <th scope="col">{tr(Key::PresenceCol)}</th>
                                    <th scope="col">{tr(Key::NoteLabel)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {page.register.into_iter().enumerate().map(|(index, row)| {
                                    let row = RegisterRow {
                                        code: Some(typed.or(&format!("entries[{index}][code]"), row.code.clone().unwrap_or_default())),
                                        note: typed.or(&format!("entries[{index}][note]"), row.note.clone()),
                                        ..row
                                    };
                                    view! { <RegisterLine index row/> }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <SubmitButton label=Key::SaveWord/>
            <FormError action/>
        </ActionForm>
    }
}

#[component]
fn RegisterLine(index: usize, row: RegisterRow) -> impl IntoView {
    let chosen = row.code.clone().unwrap_or_default();
    view! {
        <tr>
            <th scope="row">
                {row.name.clone()}
                <input type="hidden" name=format!("entries[{index}][pupil]") value=row.pupil.clone()/>
            </th>
            <td>
                <select name=format!("entries[{index}][code]") aria-label=tr_fill(Key::PresenceOf, &[&row.name])>
                    <option value="" selected=chosen.is_empty()>{tr(Key::PresentWord)}</option>
                    {AbsenceCode::ALL.into_iter().map(|code| view! {
                        <option value=code.letter() selected=chosen == code.letter()>
                            {format!("{} – {}", code.letter(), tr(code.key()))}
                        </option>
                    }).collect_view()}
                </select>
            </td>
            <td>
                <input name=format!("entries[{index}][note]") maxlength="200" value=row.note.clone()
                    aria-label=tr_fill(Key::NoteFor, &[&row.name])/>
            </td>
        </tr>
    }
}

#[component]
fn RemarkForm(rows: Vec<RegisterRow>) -> impl IntoView {
    let action = ServerAction::<AddRemark>::new();
    let typed = Typed::of::<AddRemark>();
    view! {
        <ActionForm action>
            <h3>{tr(Key::NewRemarkTitle)}</h3>
            <div class="field">
                <label for="remark-pupil">{tr(Key::PupilCol)}</label>
                <select id="remark-pupil" name="pupil" required>
                    {rows.into_iter().map(|row| view! {
                        <option value=row.pupil.clone() selected=typed.chose("pupil", &row.pupil, false)>{row.name}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="remark-category">{tr(Key::CategoryLabel)}</label>
                <input id="remark-category" name="category" required maxlength="60" list="remark-categories" value=typed.or("category", "")/>
                <datalist id="remark-categories">
                    {[Key::CategoryBehaviour, Key::CategoryStudy, Key::CategoryWellbeing, Key::CategoryGeneral]
                        .into_iter().map(|key| view! { <option value=tr(key)/> }).collect_view()}
                </datalist>
            </div>
            <div class="field">
                <label for="remark-text">{tr(Key::RemarkLabel)}</label>
                <textarea id="remark-text" name="text" required rows="3" maxlength="4000">{typed.or("text", "")}</textarea>
            </div>
            <fieldset class="field">
                <legend>{tr(Key::AudienceLabel)}</legend>
                {RemarkAudience::ALL.into_iter().map(|audience| view! {
                    <label class="check">
                        <input type="radio" name="audience" value=audience.code() checked=typed.chose("audience", audience.code(), audience == RemarkAudience::Staff)/>
                        " "{tr(audience.key())}
                    </label>
                }).collect_view()}
            </fieldset>
            <SubmitButton label=Key::AddWord/>
            <FormError action/>
        </ActionForm>
    }
}
