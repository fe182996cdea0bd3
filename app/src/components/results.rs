//! Results as the pages show them: a percentage with its colour band, a total, a table of
//! evaluations. Shared by "Resultaten" and "Mijn kinderen".

use leptos::prelude::*;

use crate::components::points;
use crate::components::ChosenPupil;
use crate::i18n::{fill, number, short_date, tr, tr_fill, use_lang, Key, Lang};
use crate::models::{Band, CourseTrend, ResultRow, Total, TrendPoint};

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

/// The chart's drawing area, in SVG units.
const CHART_WIDTH: f64 = 280.0;
const CHART_HEIGHT: f64 = 90.0;
const CHART_PAD: f64 = 8.0;

/// Where each point of a course's trend lies in its chart: along the width by date, from the
/// first evaluation to the last; along the height by percentage, 100 % at the top.
pub fn chart_positions(points: &[TrendPoint]) -> Vec<(f64, f64)> {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return Vec::new();
    };
    let span = (last.held_on - first.held_on).num_days() as f64;
    let width = CHART_WIDTH - 2.0 * CHART_PAD;
    let height = CHART_HEIGHT - 2.0 * CHART_PAD;
    let tenth = |value: f64| (value * 10.0).round() / 10.0;
    points
        .iter()
        .map(|point| {
            let x = if span > 0.0 {
                CHART_PAD + (point.held_on - first.held_on).num_days() as f64 / span * width
            } else {
                CHART_WIDTH / 2.0
            };
            let y = CHART_PAD + (100.0 - point.percent.clamp(0.0, 100.0)) / 100.0 * height;
            (tenth(x), tenth(y))
        })
        .collect()
}

/// The text alternative of a course's chart: how many evaluations, from when to when, the first,
/// last, lowest and highest percentage.
fn trend_summary(lang: Lang, trend: &CourseTrend) -> String {
    let percent = |value: f64| format!("{} %", number(lang, value));
    let (Some(first), Some(last)) = (trend.points.first(), trend.points.last()) else {
        return trend.course.clone();
    };
    if trend.points.len() == 1 {
        return fill(
            lang,
            Key::TrendAltOne,
            &[
                &trend.course,
                &short_date(lang, first.held_on),
                &percent(first.percent),
            ],
        );
    }
    let lowest = trend
        .points
        .iter()
        .map(|p| p.percent)
        .fold(f64::MAX, f64::min);
    let highest = trend
        .points
        .iter()
        .map(|p| p.percent)
        .fold(f64::MIN, f64::max);
    fill(
        lang,
        Key::TrendAlt,
        &[
            &trend.course,
            &trend.points.len().to_string(),
            &short_date(lang, first.held_on),
            &short_date(lang, last.held_on),
            &percent(first.percent),
            &percent(last.percent),
            &percent(lowest),
            &percent(highest),
        ],
    )
}

/// One course's percentages across the year: a small line chart drawn on the server (no wasm
/// needed), named by a text alternative, with the numbers in a table for screen readers, and
/// the course's total per period.
#[component]
pub fn TrendChart(trend: CourseTrend, index: usize) -> impl IntoView {
    let lang = use_lang();
    let positions = chart_positions(&trend.points);
    let line = positions
        .iter()
        .map(|(x, y)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ");
    let pass = CHART_PAD + (CHART_HEIGHT - 2.0 * CHART_PAD) / 2.0;
    let title_id = format!("trend-{index}-title");
    let labelled_by = title_id.clone();
    let summary = trend_summary(lang, &trend);
    let periods = trend
        .periods
        .iter()
        .filter_map(|(period, percent)| {
            percent.map(|percent| {
                format!(
                    "{}: {} %",
                    fill(lang, Key::PeriodNumber, &[&period.to_string()]),
                    number(lang, percent)
                )
            })
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let caption = tr_fill(Key::TrendTable, &[&trend.course]);
    view! {
        <figure class="trend">
            <figcaption>
                <strong>{trend.course.clone()}</strong>
                <span class="muted">" · " {periods}</span>
            </figcaption>
            <svg class="trend-chart" viewBox=format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}")
                role="img" aria-labelledby=labelled_by>
                <title id=title_id>{summary}</title>
                <line class="trend-half" x1=CHART_PAD y1=pass x2=CHART_WIDTH - CHART_PAD y2=pass/>
                <polyline class="trend-line" points=line/>
                {positions.into_iter().map(|(x, y)| view! {
                    <circle class="trend-dot" cx=x cy=y r="3.5"/>
                }).collect_view()}
            </svg>
            <table class="visually-hidden">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(Key::Date)}</th>
                        <th scope="col">{tr(Key::Evaluation)}</th>
                        <th scope="col">{tr(Key::Score)}</th>
                    </tr>
                </thead>
                <tbody>
                    {trend.points.into_iter().map(|point| view! {
                        <tr>
                            <td>{short_date(lang, point.held_on)}</td>
                            <td>{point.name}</td>
                            <td>{format!("{} %", number(lang, point.percent))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn point(month: u32, day: u32, percent: f64) -> TrendPoint {
        TrendPoint {
            held_on: NaiveDate::from_ymd_opt(2026, month, day).expect("date"),
            name: format!("toets {month}/{day}"),
            percent,
        }
    }

    #[test]
    fn points_lie_by_date_and_percentage() {
        let points = [point(9, 1, 100.0), point(9, 11, 50.0), point(10, 1, 0.0)];
        assert_eq!(
            chart_positions(&points),
            [(8.0, 8.0), (96.0, 45.0), (272.0, 82.0)]
        );
        // One evaluation sits in the middle; a percentage above 100 stays inside the chart.
        assert_eq!(chart_positions(&[point(9, 1, 120.0)]), [(140.0, 8.0)]);
        assert!(chart_positions(&[]).is_empty());
    }

    #[test]
    fn the_text_alternative_names_the_span_and_the_figures() {
        let trend = CourseTrend {
            course: "Wiskunde".into(),
            points: vec![point(9, 12, 70.0), point(10, 3, 55.0), point(11, 28, 85.0)],
            periods: vec![(1, Some(70.0))],
        };
        assert_eq!(
            trend_summary(Lang::Nl, &trend),
            "Wiskunde: 3 evaluaties van 12 september tot 28 november; eerste 70 %, laatste 85 %, laagste 55 %, hoogste 85 %."
        );
        let one = CourseTrend {
            points: vec![point(9, 12, 72.5)],
            ..trend
        };
        assert_eq!(
            trend_summary(Lang::En, &one),
            "Wiskunde: 1 evaluation on September 12: 72.5 %."
        );
    }
}
