//! The score grid of one evaluation: a line per pupil of the class, points with a decimal comma
//! or a code, and feedback. Saved as a draft or published in one go; a refused grid comes back
//! as it was typed, with the reason beside each refused cell.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::done_notice;
use crate::components::{module_page, Address, FormError, PageQuery};
use crate::error::AppError;
use crate::functions::teaching::{load_score_grid, SaveScores};
use crate::i18n::{number, short_date, tr, tr_fill, use_lang, Key, Lang};
use crate::models::{GridRow, Module, ScoreCode, ScoreGrid, TypedScore};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridQuery {
    id: i32,
    saved: bool,
    published: bool,
}

impl PageQuery for GridQuery {
    fn read(address: &Address) -> Self {
        GridQuery {
            id: address
                .param("id")
                .and_then(|id| id.parse().ok())
                .unwrap_or_default(),
            saved: address.query("bewaard").is_some(),
            published: address.query("gepubliceerd").is_some(),
        }
    }
}

#[component]
pub fn ScoreGridPage() -> impl IntoView {
    module_page(
        Module::Results,
        |query: GridQuery| load_score_grid(query.id),
        |grid, query| view! { <Grid grid query/> }.into_any(),
    )
}

/// A cell as stored, in the interface language: points with its decimal sign, or the short code.
fn stored_cell(lang: Lang, row: &GridRow) -> String {
    match (row.code, row.points) {
        (Some(code), _) => code.short(lang).to_owned(),
        (None, Some(points)) => number(lang, points),
        (None, None) => String::new(),
    }
}

#[component]
fn Grid(grid: ScoreGrid, query: GridQuery) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SaveScores>::new();
    let evaluation = grid.evaluation.clone();
    // The lines as typed in a refused save, shown instead of what is stored.
    let refused = move || match action.value().get() {
        Some(Err(AppError::ScoresRefused(typed))) => Some(typed),
        _ => None,
    };
    let rows = grid.rows.clone();
    view! {
        <Title text=evaluation.name.clone()/>
        <p><a href="/resultaten/evaluaties">{tr(Key::EvaluationsTitle)}</a></p>
        <h1>{evaluation.name.clone()}</h1>
        {done_notice(query.saved, Key::SavedWord)}
        {done_notice(query.published, Key::PublishedNotice)}
        <dl class="facts card">
            <dt>{tr(Key::CourseLabel)}</dt><dd>{evaluation.course.label()}</dd>
            <dt>{tr(Key::DateCol)}</dt><dd>{short_date(lang, evaluation.held_on)}</dd>
            <dt>{tr(Key::PeriodLabel)}</dt><dd>{evaluation.period}</dd>
            <dt>{tr(Key::MaximumLabel)}</dt><dd>{number(lang, evaluation.max)}</dd>
            <dt>{tr(Key::WeightLabel)}</dt><dd>{number(lang, evaluation.weight)}</dd>
            <dt>{tr(Key::StateCol)}</dt>
            <dd>{tr(if evaluation.draft { Key::DraftHint } else { Key::PublishedHint })}</dd>
            <dt>{tr(Key::ClassAverage)}</dt>
            <dd>{grid.average.map(|average| number(lang, average)).unwrap_or_else(|| "–".to_owned())}</dd>
        </dl>
        <p class="hint" id="grid-help">
            {tr(Key::GridHelp)}" "
            {ScoreCode::ALL.into_iter().map(|code| format!("{} = {}", code.short(lang), tr(code.key()))).collect::<Vec<_>>().join(" · ")}
        </p>
        <ActionForm action attr:class="score-grid">
            <input type="hidden" name="evaluation" value=evaluation.id.to_string()/>
            <input type="hidden" name="version" value=grid.version.to_string()/>
            <EnterMovesDown>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::PupilCol)}</th>
                            <th scope="col">{tr_fill(Key::ScoreOutOf, &[&number(lang, evaluation.max)])}</th>
                            <th scope="col">{tr(Key::FeedbackLabel)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().enumerate().map(|(index, row)| {
                            let stored = stored_cell(lang, &row);
                            view! { <GridLine index row stored refused=Signal::derive(refused)/> }
                        }).collect_view()}
                    </tbody>
                </table>
            </EnterMovesDown>
            <div class="actions">
                <button type="submit">{tr(Key::SaveDraft)}</button>
                <button type="submit" name="publish" value="1" class="primary">
                    {tr(if evaluation.draft { Key::PublishWord } else { Key::SaveCorrections })}
                </button>
            </div>
            <FormError action/>
        </ActionForm>
    }
}

#[component]
fn GridLine(
    index: usize,
    row: GridRow,
    stored: String,
    refused: Signal<Option<Vec<TypedScore>>>,
) -> impl IntoView {
    let typed = move || refused.get().and_then(|lines| lines.get(index).cloned());
    let points = {
        let stored = stored.clone();
        move || typed().map_or(stored.clone(), |line| line.points)
    };
    let feedback = {
        let stored = row.feedback.clone();
        move || typed().map_or(stored.clone(), |line| line.feedback)
    };
    let problem = move || typed().and_then(|line| line.problem);
    let points_id = format!("points-{index}");
    let error_id = format!("points-error-{index}");
    let described = error_id.clone();
    view! {
        <tr class:changed=row.changed>
            <th scope="row">
                {row.name.clone()}
                {row.changed.then(|| view! { <span class="badge">{tr(Key::ChangedWord)}</span> })}
                <input type="hidden" name=format!("cells[{index}][pupil]") value=row.pupil.clone()/>
            </th>
            <td>
                <input
                    id=points_id
                    name=format!("cells[{index}][points]")
                    class="score-cell"
                    inputmode="decimal"
                    autocomplete="off"
                    enterkeyhint="next"
                    aria-label=tr_fill(Key::ScoreOf, &[&row.name])
                    aria-invalid=move || problem().is_some().then_some("true")
                    aria-describedby=move || problem().map(|_| described.clone())
                    prop:value=points.clone()
                    value=points
                />
                {move || problem().map(|problem| view! {
                    <span class="cell-error" id=error_id.clone()>{tr(problem.key())}</span>
                })}
            </td>
            <td>
                <input
                    name=format!("cells[{index}][feedback]")
                    maxlength="2000"
                    autocomplete="off"
                    aria-label=tr_fill(Key::FeedbackFor, &[&row.name])
                    prop:value=feedback.clone()
                    value=feedback
                />
            </td>
        </tr>
    }
}

/// The grid's table, where Enter in a points cell moves down the column, as in a spreadsheet; the
/// last line's Enter sends the form.
#[island]
fn EnterMovesDown(children: Children) -> impl IntoView {
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::HtmlElement;
    let down = move |event: leptos::ev::KeyboardEvent| {
        if event.key() != "Enter" {
            return;
        }
        let cell = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlElement>().ok())
            .map(|cell| cell.id());
        let Some(index) = cell
            .as_deref()
            .and_then(|id| id.strip_prefix("points-"))
            .and_then(|index| index.parse::<usize>().ok())
        else {
            return;
        };
        let next = document()
            .get_element_by_id(&format!("points-{}", index + 1))
            .and_then(|next| next.dyn_into::<HtmlElement>().ok());
        if let Some(next) = next {
            event.prevent_default();
            let _ = next.focus();
        }
    };
    view! { <div class="table-wrap" on:keydown=down>{children()}</div> }
}
