//! "Evaluaties": a teacher's evaluations, drafts marked, and a new one for a course they give.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{module_page, FormError, SubmitButton, Typed};
use crate::functions::teaching::{load_evaluations, CreateEvaluation};
use crate::i18n::{number, short_date, tr, use_lang, Key};
use crate::models::{EvaluationList, Module, TaughtCourse};

#[component]
pub fn EvaluationsPage() -> impl IntoView {
    module_page(
        Module::Results,
        |_: ()| load_evaluations(),
        |list, _| view! { <Evaluations list/> }.into_any(),
    )
}

#[component]
fn Evaluations(list: EvaluationList) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=tr(Key::EvaluationsTitle)/>
        <h1>{tr(Key::EvaluationsTitle)}</h1>
        {if list.teaching.courses.is_empty() {
            view! { <p class="empty">{tr(Key::NoCoursesTaught)}</p> }.into_any()
        } else {
            view! { <NewEvaluation courses=list.teaching.courses.clone() today=list.today/> }.into_any()
        }}
        <section aria-labelledby="evaluations-list">
            <h2 id="evaluations-list">{tr(Key::YourEvaluations)}</h2>
            {if list.evaluations.is_empty() {
                view! { <p class="empty">{tr(Key::NoEvaluations)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{tr(Key::DateCol)}</th>
                                    <th scope="col">{tr(Key::CourseLabel)}</th>
                                    <th scope="col">{tr(Key::TitleLabel)}</th>
                                    <th scope="col">{tr(Key::PeriodLabel)}</th>
                                    <th scope="col">{tr(Key::MaximumLabel)}</th>
                                    <th scope="col">{tr(Key::ScoredCol)}</th>
                                    <th scope="col">{tr(Key::StateCol)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.evaluations.into_iter().map(|row| view! {
                                    <tr>
                                        <td>{short_date(lang, row.held_on)}</td>
                                        <td>{row.course.label()}</td>
                                        <td><a href=format!("/resultaten/evaluaties/{}", row.id)>{row.name}</a></td>
                                        <td>{row.period}</td>
                                        <td>{number(lang, row.max)}</td>
                                        <td>{row.scored}</td>
                                        <td>
                                            <span class=if row.draft { "badge badge-draft" } else { "badge badge-ok" }>
                                                {tr(if row.draft { Key::DraftWord } else { Key::PublishedWord })}
                                            </span>
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn NewEvaluation(courses: Vec<TaughtCourse>, today: chrono::NaiveDate) -> impl IntoView {
    let action = ServerAction::<CreateEvaluation>::new();
    let typed = Typed::of::<CreateEvaluation>();
    view! {
        <section class="card" aria-labelledby="new-evaluation">
            <h2 id="new-evaluation">{tr(Key::NewEvaluationTitle)}</h2>
            <ActionForm action>
                <div class="field">
                    <label for="evaluation-course">{tr(Key::CourseLabel)}</label>
                    <select id="evaluation-course" name="course">
                        {courses.iter().map(|course| view! {
                            <option value=course.id.to_string() selected=typed.chose("course", &course.id.to_string(), false)>{course.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="evaluation-name">{tr(Key::TitleLabel)}</label>
                    <input id="evaluation-name" name="name" required maxlength="120" value=typed.or("name", "")/>
                </div>
                <div class="field">
                    <label for="evaluation-date">{tr(Key::DateCol)}</label>
                    <input id="evaluation-date" name="held_on" type="date" required value=typed.or("held_on", today.to_string())/>
                </div>
                <div class="field">
                    <label for="evaluation-period">{tr(Key::PeriodLabel)}</label>
                    <select id="evaluation-period" name="period">
                        {(1..=4).map(|period| view! {
                            <option value=period.to_string() selected=typed.chose("period", &period.to_string(), false)>{period}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="evaluation-max">{tr(Key::MaximumLabel)}</label>
                    <input id="evaluation-max" name="max" required inputmode="decimal" value=typed.or("max", "20")/>
                </div>
                <div class="field">
                    <label for="evaluation-weight">{tr(Key::WeightLabel)}</label>
                    <input id="evaluation-weight" name="weight" inputmode="decimal" value=typed.or("weight", "1") aria-describedby="weight-hint"/>
                    <span id="weight-hint" class="hint">{tr(Key::WeightHint)}</span>
                </div>
                <SubmitButton label=Key::CreateWord/>
                <FormError action/>
            </ActionForm>
        </section>
    }
}
