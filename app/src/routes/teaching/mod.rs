//! Teachers write what families read: planning in the agenda, evaluations with their score grid,
//! and per class the attendance register and the LVS remarks. Every page works before the wasm
//! loads: choices are GET forms and links, every write a plain form to a server function.

mod class;
mod evaluations;
mod grid;
mod plan;

pub use class::{ClassPage, ClassesPage};
pub use evaluations::EvaluationsPage;
pub use grid::ScoreGridPage;
pub use plan::PlanPage;

use leptos::prelude::*;

use crate::i18n::{tr, Key};

/// A notice that something was done, for screen readers as well.
fn done_notice(shown: bool, key: Key) -> impl IntoView {
    shown.then(|| view! { <p class="notice" role="status">{tr(key)}</p> })
}
