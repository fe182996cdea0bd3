//! A class's results for its staff, to read or print: per pupil and course, the weighted
//! percentage of one period. A teacher sees the courses they give there; the class teacher and
//! admins every course of the class.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::components::{module_page, Address, PageQuery, Percent};
use crate::functions::overviews::load_class_results;
use crate::i18n::{tr, tr_fill, Key};
use crate::models::{ClassResults, Module, ResultsLine};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassResultsQuery {
    class: i32,
    period: Option<i16>,
}

impl PageQuery for ClassResultsQuery {
    fn read(address: &Address) -> Self {
        ClassResultsQuery {
            class: address
                .param("id")
                .and_then(|id| id.parse().ok())
                .unwrap_or_default(),
            period: address.query("periode").and_then(|text| text.parse().ok()),
        }
    }
}

#[component]
pub fn ClassResultsPage() -> impl IntoView {
    module_page(
        Module::Results,
        |query: ClassResultsQuery| load_class_results(query.class, query.period),
        |results, _| view! { <Overview results/> }.into_any(),
    )
}

#[component]
fn Overview(results: ClassResults) -> impl IntoView {
    let title = tr_fill(Key::ClassResultsTitle, &[&results.class.name]);
    let page = format!("/resultaten/klas/{}", results.class.id);
    let heading = format!("{} {}", tr(Key::PeriodLabel), results.period);
    view! {
        <Title text=title.clone()/>
        <p class="no-print"><a href=format!("/lvs/klas/{}", results.class.id)>{tr_fill(Key::ClassTitle, &[&results.class.name])}</a></p>
        <h1>{title}</h1>
        <p class="hint">{tr(if results.class.all_remarks { Key::AllCoursesHint } else { Key::OwnCoursesHint })}</p>
        <form method="get" action=page class="inline-form no-print">
            <div class="field">
                <label for="overview-period">{tr(Key::PeriodLabel)}</label>
                <select id="overview-period" name="periode">
                    {results.periods.iter().map(|period| view! {
                        <option value=period.to_string() selected=*period == results.period>{period.to_string()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit">{tr(Key::ShowWord)}</button>
        </form>
        <p class="hint no-print">{tr(Key::PrintHint)}</p>
        <h2>{heading}</h2>
        <p class="hint">{tr(Key::ResultsTableHint)}</p>
        {if results.lines.is_empty() {
            view! { <p class="empty">{tr(Key::NoPupils)}</p> }.into_any()
        } else if results.courses.is_empty() {
            view! { <p class="empty">{tr(Key::NoCoursesTaught)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="class-overview">
                        <thead>
                            <tr>
                                <th scope="col">{tr(Key::PupilCol)}</th>
                                {results.courses.iter().map(|course| view! { <th scope="col">{course.name.clone()}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {results.lines.into_iter().map(|line| view! { <Line line/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
fn Line(line: ResultsLine) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{line.pupil}</th>
            {line.percents.into_iter().map(|percent| view! {
                <td>
                    {match percent {
                        Some(percent) => view! { <Percent percent/> }.into_any(),
                        None => view! {
                            <span class="muted"><span aria-hidden="true">"–"</span><span class="visually-hidden">{tr(Key::NoResultsYet)}</span></span>
                        }.into_any(),
                    }}
                </td>
            }).collect_view()}
        </tr>
    }
}
