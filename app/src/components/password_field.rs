//! The password input with its show-password toggle, and the new-password fields of a change and a reset.

use leptos::prelude::*;

use crate::components::{FormError, SubmitButton};
use crate::i18n::{tr, Key};

/// A password input with a show-password toggle button (its pressed state tells whether it shows).
#[component]
pub fn PasswordField(
    id: &'static str,
    name: &'static str,
    label: Key,
    autocomplete: &'static str,
    /// Off where the password is only needed in some cases (replacing an e-mail address).
    #[prop(default = true)]
    required: bool,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <div class="password-row">
                <input id=id name=name type="password" autocomplete=autocomplete required=required/>
                <ShowPassword field=id.to_owned() label=tr(Key::ShowPassword).to_owned()/>
            </div>
        </div>
    }
}

/// The show-password toggle of the input `field`. It appears only once the wasm has hydrated
/// it: without JavaScript it could do nothing, and the field works as a plain password input.
#[island]
fn ShowPassword(field: String, label: String) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let visible = RwSignal::new(false);
    let toggle = {
        let field = field.clone();
        move |_| {
            let shown = !visible.get_untracked();
            visible.set(shown);
            if let Some(input) = document().get_element_by_id(&field) {
                let _ = input.set_attribute("type", if shown { "text" } else { "password" });
            }
        }
    };
    view! {
        <Show when=move || hydrated.get()>
            <button
                type="button"
                class="secondary"
                aria-pressed=move || visible.get().to_string()
                aria-controls=field.clone()
                on:click=toggle.clone()
            >
                {label.clone()}
            </button>
        </Show>
    }
}

/// The new password twice, its error and the save button: the fields of a change and of a reset.
#[component]
pub fn NewPasswordFields<S>(action: ServerAction<S>) -> impl IntoView
where
    S: leptos::server_fn::ServerFn<Output = (), Error = crate::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
{
    view! {
        <div class="stack">
            <PasswordField id="new-password" name="new_password" label=Key::NewPassword autocomplete="new-password"/>
            <PasswordField id="repeat-password" name="repeat_password" label=Key::RepeatPassword autocomplete="new-password"/>
            <FormError action/>
            <SubmitButton label=Key::SavePassword/>
        </div>
    }
}
