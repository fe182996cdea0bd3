//! "LVS", the pupil monitoring system: remarks and attendance.

use leptos::prelude::*;

use crate::components::{module_page, ModuleHeading, PupilQuery};
use crate::functions::school::load_lvs;
use crate::i18n::{long_date, tr, tr_fill, use_lang, Key};
use crate::models::{AbsenceCode, HalfDay, Module};

#[component]
pub fn LvsPage() -> impl IntoView {
    module_page(
        Module::Lvs,
        |page: PupilQuery| load_lvs(page.pupil.id()),
        |lvs, _| {
            let lang = use_lang();
            view! {
                <ModuleHeading module=Module::Lvs pupil=lvs.pupil.clone()/>
                <section class="card" aria-labelledby="remarks-title">
                    <h2 id="remarks-title">{tr(Key::Remarks)}</h2>
                    {if lvs.remarks.is_empty() {
                        view! { <p class="empty">{tr(Key::NoRemarks)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="remarks">
                                {lvs.remarks.into_iter().map(|remark| view! {
                                    <li class="remark">
                                        <div class="muted">
                                            {long_date(lang, remark.noted_on)}" · "
                                            <span class="category">{remark.category}</span>" · "
                                            {tr_fill(Key::Author, &[&remark.author])}
                                        </div>
                                        <p>{remark.text}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="card" aria-labelledby="attendance-title">
                    <h2 id="attendance-title">{tr(Key::Attendance)}</h2>
                    {if lvs.attendance.is_empty() {
                        view! { <p class="empty">{tr(Key::NoAbsences)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-wrap">
                                <table>
                                    <thead>
                                        <tr>
                                            <th scope="col">{tr(Key::Date)}</th>
                                            <th scope="col">{tr(Key::Morning)}" / "{tr(Key::Afternoon)}</th>
                                            <th scope="col">{tr(Key::Code)}</th>
                                            <th scope="col">{tr(Key::Feedback)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {lvs.attendance.into_iter().map(|absence| view! {
                                            <tr>
                                                <td>{long_date(lang, absence.day)}</td>
                                                <td>{tr(if absence.half == HalfDay::Morning { Key::Morning } else { Key::Afternoon })}</td>
                                                <td class="code">{match AbsenceCode::parse(&absence.code) {
                                                    Some(code) => format!("{} – {}", code.letter(), tr(code.key())),
                                                    None => absence.code,
                                                }}</td>
                                                <td>{absence.note.unwrap_or_default()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <p class="hint">{tr(Key::CodeLegend)}</p>
                        }.into_any()
                    }}
                </section>
            }
            .into_any()
        },
    )
}
