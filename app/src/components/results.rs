//! Results as the pages show them: a percentage with its colour band, a total, a table of
//! evaluations. Shared by "Resultaten" and "Mijn kinderen".

use leptos::prelude::*;

use crate::components::points;
use crate::components::ChosenPupil;
use crate::i18n::{number, short_date, tr, tr_fill, use_lang, Key};
use crate::models::{Band, ResultRow, Total};

fn band_label(band: Band) -> Key {
    match band {
        Band::Insufficient => Key::BandLow,
        Band::Sufficient => Key::BandMid,
        Band::Good => Key::BandHigh,
    }
}

/// "78 %" with its colour band, the band also in words for those who cannot see colour.
#[component]
pub fn Percent(percent: f64) -> impl IntoView {
    let lang = use_lang();
    let band = Band::of(percent);
    view! {
        <span class=format!("band {}", band.class_name())>
            {format!("{} %", number(lang, percent))}
            <span class="band-word">{format!(" ({})", tr(band_label(band)))}</span>
        </span>
    }
}

/// A pupil's score: points of the maximum with the percentage, or what the code means; marked
/// when it was corrected after publication.
#[component]
pub fn Score(row: ResultRow) -> impl IntoView {
    let lang = use_lang();
    view! {
        {match row.code {
            Some(code) => view! { <span class="score-code">{tr(code.key())}</span> }.into_any(),
            None => {
                let percent = row.percent();
                view! { {points(lang, row.points, row.max)}" "<Percent percent/> }.into_any()
            }
        }}
        {row.changed.then(|| view! { " "<span class="badge">{tr(Key::ChangedWord)}</span> })}
    }
}

#[component]
pub fn TotalLine(total: Total) -> impl IntoView {
    let lang = use_lang();
    view! {
        <span class="total">
            {tr_fill(Key::Total, &[&points(lang, total.points, total.max)])}" "
            {total.percent().map(|percent| view! { <Percent percent/> })}
        </span>
    }
}

#[component]
pub fn ResultsTable(
    rows: Vec<ResultRow>,
    pupil: ChosenPupil,
    #[prop(optional)] with_course: bool,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="table-wrap">
            <table class="results">
                <thead>
                    <tr>
                        {with_course.then(|| view! { <th scope="col">{tr(Key::ModCourses)}</th> })}
                        <th scope="col">{tr(Key::Evaluation)}</th>
                        <th scope="col">{tr(Key::Date)}</th>
                        <th scope="col">{tr(Key::Score)}</th>
                        <th scope="col">{tr(Key::ClassAverage)}</th>
                        <th scope="col">{tr(Key::Feedback)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let href = pupil.href(&format!("/resultaten/{}", row.id));
                            view! {
                                <tr>
                                    {with_course.then(|| view! { <td>{row.course.clone()}</td> })}
                                    <td><a href=href>{row.name.clone()}</a></td>
                                    <td>{short_date(lang, row.held_on)}</td>
                                    <td class="num"><Score row=row.clone()/></td>
                                    <td class="num">
                                        {row.class_average.map(|average| format!("{} %", number(lang, average)))}
                                    </td>
                                    <td>{row.feedback.clone().unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
