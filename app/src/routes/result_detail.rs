//! One evaluation: who gave it, when, the score against the class average, the feedback.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::{module_page, Address, ChosenPupil, ModuleHeading, PageQuery, Score};
use crate::error::AppError;
use crate::functions::school::load_result_detail;
use crate::i18n::{long_date, number, tr, use_lang, Key};
use crate::models::Module;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct ResultQuery {
    pupil: ChosenPupil,
    /// The evaluation, from the path (`/resultaten/:id`).
    id: Option<String>,
}

impl PageQuery for ResultQuery {
    fn read(address: &Address) -> Self {
        ResultQuery {
            pupil: ChosenPupil::read(address),
            id: address.param("id"),
        }
    }

    fn chosen_pupil(&self) -> Option<&ChosenPupil> {
        Some(&self.pupil)
    }
}

#[component]
pub fn ResultDetailPage() -> impl IntoView {
    module_page(
        Module::Results,
        |page: ResultQuery| async move {
            let id = page
                .id
                .as_deref()
                .and_then(|id| id.parse::<i32>().ok())
                .ok_or(AppError::NotFound)?;
            load_result_detail(page.pupil.id(), id).await
        },
        |detail, page| {
            let lang = use_lang();
            let result = detail.result;
            view! {
                <ModuleHeading module=Module::Results pupil=detail.pupil.clone()/>
                <section class="card">
                    <h2>{result.course.clone()}": "{result.name.clone()}</h2>
                    <dl class="facts">
                        <dt>{tr(Key::Teacher)}</dt><dd>{detail.teacher}</dd>
                        <dt>{tr(Key::Period)}</dt><dd>{result.period}</dd>
                        <dt>{tr(Key::Date)}</dt><dd>{long_date(lang, result.held_on)}</dd>
                        <dt>{tr(Key::Score)}</dt><dd><Score row=result.clone()/></dd>
                        <dt>{tr(Key::ClassAverage)}</dt>
                        <dd>{result.class_average.map(|average| format!("{} %", number(lang, average)))}</dd>
                        <dt>{tr(Key::Feedback)}</dt><dd>{result.feedback.clone().unwrap_or_else(|| "–".to_owned())}</dd>
                    </dl>
                    <a href=page.pupil.href(Module::Results.path())>{tr(Key::BackToResults)}</a>
                </section>
            }
            .into_any()
        },
    )
}
