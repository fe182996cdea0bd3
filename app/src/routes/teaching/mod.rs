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
use serde::{Deserialize, Serialize};

use crate::components::Address;
use crate::i18n::{tr, Key};
use crate::outcome::{Form, Outcome};

/// A notice that something was done, for screen readers as well.
fn done_notice(shown: bool, key: Key) -> impl IntoView {
    shown.then(|| view! { <p class="notice" role="status">{tr(key)}</p> })
}

/// What the server said of a file posted from a teaching page (`opgeladen`, `fout`), read as
/// "Mijn documenten" reads its own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct UploadOutcome {
    uploaded: Option<String>,
    problem: Option<String>,
}

impl UploadOutcome {
    fn read(address: &Address) -> Self {
        UploadOutcome {
            uploaded: address.query(Outcome::Uploaded.param()),
            problem: address.query("fout"),
        }
    }

    /// The outcome as a notice, or as an alert when the file was refused.
    fn notice(&self) -> Option<AnyView> {
        let outcome = Outcome::parse(Form::Documents, |name| match name {
            "fout" => self.problem.clone(),
            name if name == Outcome::Uploaded.param() => self.uploaded.clone(),
            _ => None,
        })?;
        let key = outcome.key()?;
        Some(if outcome.is_problem() {
            view! { <p class="form-error" role="alert">{tr(key)}</p> }.into_any()
        } else {
            view! { <p class="notice" role="status">{tr(key)}</p> }.into_any()
        })
    }
}
