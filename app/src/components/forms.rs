//! Form pieces: the error of a server action, its submit button, and the token of a mailed link.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::error::AppError;
use crate::i18n::{tr, Key};

/// The error of the last submission of `action`, announced to screen readers.
#[component]
pub fn FormError<S>(action: ServerAction<S>) -> impl IntoView
where
    S: ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    move || {
        action.value().get().and_then(Result::err).map(|error| {
            view! { <p class="form-error" role="alert">{tr(error.key())}</p> }
        })
    }
}

/// A submit button that says so while its action is under way.
#[component]
pub fn SubmitButton<S>(action: ServerAction<S>, label: Key) -> impl IntoView
where
    S: ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    let pending = action.pending();
    view! {
        <button type="submit" disabled=pending aria-busy=move || pending.get().to_string()>
            {move || if pending.get() { tr(Key::Working) } else { tr(label) }}
        </button>
    }
}

/// The token of a link from a mail (`?token=`), for the form that uses it.
pub fn token_from_query() -> String {
    leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default()
}
