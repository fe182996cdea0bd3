//! "Resultaten": every evaluation by period and course, with totals.

use leptos::prelude::*;

use crate::components::{module_page, ModuleHeading, PupilQuery, ResultsTable, TotalLine};
use crate::functions::school::load_results;
use crate::i18n::{tr, tr_fill, Key};
use crate::models::Module;

#[component]
pub fn ResultsPage() -> impl IntoView {
    module_page(
        Module::Results,
        |page: PupilQuery| load_results(page.pupil.id()),
        |results, page| {
            view! {
                <ModuleHeading module=Module::Results pupil=results.pupil.clone()/>
                {if results.periods.is_empty() {
                    view! { <p class="empty card">{tr(Key::NoResults)}</p> }.into_any()
                } else {
                    results.periods.into_iter().map(|period| {
                        let pupil = page.pupil.clone();
                        view! {
                            <section class="period" aria-labelledby=format!("period-{}", period.period)>
                                <div class="period-head">
                                    <h2 id=format!("period-{}", period.period)>{tr_fill(Key::PeriodNumber, &[&period.period.to_string()])}</h2>
                                    <TotalLine total=period.total/>
                                </div>
                                {period.courses.into_iter().map(|course| view! {
                                    <section class="card course-results">
                                        <div class="period-head">
                                            <h3>{course.course}<span class="muted">" · "{course.teacher}</span></h3>
                                            <TotalLine total=course.total/>
                                        </div>
                                        <ResultsTable rows=course.results pupil=pupil.clone()/>
                                    </section>
                                }).collect_view()}
                            </section>
                        }
                    }).collect_view().into_any()
                }}
            }
            .into_any()
        },
    )
}
