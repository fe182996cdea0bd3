//! "Resultaten": each course's percentages across the year as a small chart, then every
//! evaluation by period and course, with totals.

use leptos::prelude::*;

use crate::components::{
    module_page, ChosenPupil, ModuleHeading, PupilQuery, ResultsTable, TotalLine, TrendChart,
};
use crate::functions::school::load_results;
use crate::i18n::{tr, tr_fill, Key};
use crate::models::{CourseTrend, Module, PeriodResults};

#[component]
pub fn ResultsPage() -> impl IntoView {
    module_page(
        Module::Results,
        |page: PupilQuery| load_results(page.pupil.id()),
        |results, page| {
            let body = if results.periods.is_empty() {
                view! { <p class="empty card">{tr(Key::NoResults)}</p> }.into_any()
            } else {
                let trends = results.trends();
                view! {
                    <Trends trends/>
                    {results.periods.into_iter().map(|period| view! {
                        <Period period pupil=page.pupil.clone()/>
                    }).collect_view()}
                }
                .into_any()
            };
            view! {
                <ModuleHeading module=Module::Results pupil=results.pupil.clone()/>
                {body}
            }
            .into_any()
        },
    )
}

#[component]
fn Trends(trends: Vec<CourseTrend>) -> impl IntoView {
    view! {
        <section class="card trends" aria-labelledby="trends-title">
            <h2 id="trends-title">{tr(Key::TrendTitle)}</h2>
            <div class="trend-grid">
                {trends.into_iter().enumerate().map(|(index, trend)| view! {
                    <TrendChart trend index/>
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn Period(period: PeriodResults, pupil: ChosenPupil) -> impl IntoView {
    let heading = format!("period-{}", period.period);
    let labelled_by = heading.clone();
    view! {
        <section class="period" aria-labelledby=labelled_by>
            <div class="period-head">
                <h2 id=heading>{tr_fill(Key::PeriodNumber, &[&period.period.to_string()])}</h2>
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
}
