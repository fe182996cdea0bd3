//! Teachers write what families read: planning in the agenda, evaluations with their score grid,
//! a course's materials and live lessons, and per class the attendance register and the LVS
//! remarks, with overviews of its results and absences to print. Every page works before the wasm
//! loads: choices are GET forms and links, every write a plain form to a server function.

mod class;
mod class_absences;
mod class_results;
mod evaluations;
mod grid;
mod live;
mod materials;
mod plan;

pub use class::{ClassPage, ClassesPage};
pub use class_absences::ClassAbsencesPage;
pub use class_results::ClassResultsPage;
pub use evaluations::EvaluationsPage;
pub use grid::ScoreGridPage;
pub use live::LivePlanPage;
pub use materials::MaterialsPage;
pub use plan::PlanPage;

use leptos::prelude::*;

use crate::i18n::{tr, Key};

/// A notice that something was done, for screen readers as well.
fn done_notice(shown: bool, key: Key) -> impl IntoView {
    shown.then(|| view! { <p class="notice" role="status">{tr(key)}</p> })
}
