//! The explanation of an error, shared by every page that loads something.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::i18n::{tr, Key};

/// Explains an error and sets the matching HTTP status while rendering on the server.
#[component]
pub fn ErrorContent(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    let title = match error {
        AppError::NotFound => Key::NotFoundTitle,
        AppError::Forbidden => Key::ForbiddenTitle,
        _ => Key::ServerErrorTitle,
    };
    let text = error.key();
    view! {
        <Title text=tr(title)/>
        <section class="card error-page">
            <h1>{tr(title)}</h1>
            <p>{tr(text)}</p>
            <a class="button" href="/">{tr(Key::BackHome)}</a>
        </section>
    }
}
