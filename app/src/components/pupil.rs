//! A pupil's photo and the heading of a module page, which says whose data it shows.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{tr, tr_fill, Key};
use crate::models::{Module, Pupil};

#[component]
pub fn PupilPhoto(pupil: Pupil) -> impl IntoView {
    pupil.photo.map(|photo| {
        view! { <img class="photo" src=photo alt="" width="40" height="40"/> }
    })
}

/// The heading of a module page: its name and whose data it shows.
#[component]
pub fn ModuleHeading(module: Module, pupil: Pupil) -> impl IntoView {
    let whose = match &pupil.class {
        Some(class) => tr_fill(Key::ChildOfInClass, &[&pupil.display_name, class]),
        None => tr_fill(Key::ChildOf, &[&pupil.display_name]),
    };
    view! {
        <Title text=tr(module.label())/>
        <div class="module-heading">
            <PupilPhoto pupil=pupil.clone()/>
            <div>
                <h1>{tr(module.label())}</h1>
                <p class="muted">{whose}</p>
            </div>
        </div>
    }
}
