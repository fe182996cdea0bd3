//! Form pieces: the error of a server action, its submit button, what was typed in a form that
//! was refused, and the token of a mailed link.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::wasm_bindgen::JsValue;
use leptos_router::hooks::use_location;

use crate::error::AppError;
use crate::functions::account::load_kept_form;
use crate::i18n::{tr, Key};
use crate::models::KeptForm;

type Kept = Result<Option<KeptForm>, AppError>;

/// The form kept for the page being drawn, loaded once with the page (see `load_kept_form`).
#[derive(Clone, Copy)]
struct KeptFormResource(Resource<Kept>);

/// Starts loading the kept form for the pages below; the parent route of signed-in pages calls
/// it.
pub fn provide_kept_form() {
    provide_context(KeptFormResource(Resource::new(|| (), |_| load_kept_form())));
}

/// The kept form, loaded: a page awaits it before drawing its forms, so that the server and the
/// browser draw them alike.
pub async fn kept_form_ready() {
    if let Some(KeptFormResource(kept)) = use_context::<KeptFormResource>() {
        let _ = kept.await;
    }
}

/// What was typed in the form that posts to `S`, if that form was refused on this very page; the
/// fields then show it instead of what is stored.
#[derive(Clone)]
pub struct Typed(Option<KeptForm>);

impl Typed {
    pub fn of<S: ServerFn>() -> Self {
        let kept = use_context::<KeptFormResource>()
            .and_then(|KeptFormResource(kept)| kept.get_untracked())
            .and_then(Result::ok)
            .flatten();
        let location = use_location();
        let (path, query) = (
            location.pathname.get_untracked(),
            location.query.get_untracked(),
        );
        let here = KeptForm::page_query(&query);
        Typed(kept.filter(|kept| kept.is_for(S::PATH, &path, &here)))
    }

    /// Only for the row whose `field` was `value`, where a page has one form per row.
    pub fn for_row(self, field: &str, value: &str) -> Typed {
        Typed(self.0.filter(|kept| kept.value(field) == Some(value)))
    }

    /// Whether a refused form came back for this form.
    pub fn is_kept(&self) -> bool {
        self.0.is_some()
    }

    /// What was typed in `name`, or else `stored`.
    pub fn or(&self, name: &str, stored: impl Into<String>) -> String {
        match self.0.as_ref().and_then(|kept| kept.value(name)) {
            Some(typed) => typed.to_owned(),
            None => stored.into(),
        }
    }

    /// Whether `value` was chosen for `name` (a select's option, a radio button), or else
    /// `stored`.
    pub fn chose(&self, name: &str, value: &str, stored: bool) -> bool {
        match self.0.as_ref().and_then(|kept| kept.value(name)) {
            Some(typed) => typed == value,
            None => stored,
        }
    }
}

/// The error of the last submission of `action`, announced to screen readers. Where a page has a
/// form of `action` per row, `row` names the field and value that tell the rows apart: a refusal
/// comes back to the whole page, and only the row it was for shows it.
#[component]
pub fn FormError<S>(
    action: ServerAction<S>,
    #[prop(optional)] row: Option<(&'static str, String)>,
) -> impl IntoView
where
    S: ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    let here = row.is_none_or(|(field, value)| {
        let typed = Typed::of::<S>();
        !typed.is_kept() || typed.for_row(field, &value).is_kept()
    });
    move || {
        let error = action.value().get().and_then(Result::err).filter(|_| here);
        error.map(|error| view! { <p class="form-error" role="alert">{tr(error.key())}</p> })
    }
}

/// The submit button of a form, which says so while the form is under way. `aria_label` names it
/// where its text alone would not say what it acts on (a row's "Verwijderen").
#[component]
pub fn SubmitButton(
    label: Key,
    #[prop(optional)] class: Option<&'static str>,
    #[prop(optional, into)] aria_label: Option<String>,
) -> impl IntoView {
    view! {
        <BusyButton
            label=tr(label).to_owned()
            working=tr(Key::Working).to_owned()
            name=None
            value=None
            class=class.map(str::to_owned)
            aria_label=aria_label
        />
    }
}

/// A submit button that says "Even geduld…" once its form is sent and ignores clicks from then on,
/// until the next page comes (or the browser shows this one again from its history). It is never
/// disabled: a disabled button would leave its own `name` and `value` out of what the form sends.
#[island]
pub fn BusyButton(
    label: String,
    working: String,
    name: Option<String>,
    value: Option<String>,
    class: Option<String>,
    aria_label: Option<String>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        let sent = window_event_listener(leptos::ev::submit, move |event| {
            let form = button.get_untracked().and_then(|button| button.form());
            let target = event.target().map(JsValue::from);
            if form.is_some_and(|form| target == Some(JsValue::from(form))) {
                busy.set(true);
            }
        });
        let back = window_event_listener(leptos::ev::pageshow, move |_| busy.set(false));
        on_cleanup(move || {
            sent.remove();
            back.remove();
        });
    });
    let again = move |event: leptos::ev::MouseEvent| {
        if busy.get_untracked() {
            event.prevent_default();
        }
    };
    view! {
        <button
            type="submit"
            name=name
            value=value
            class=class
            aria-label=aria_label
            node_ref=button
            aria-busy=move || busy.get().to_string()
            aria-disabled=move || busy.get().then_some("true")
            on:click=again
        >
            {move || if busy.get() { working.clone() } else { label.clone() }}
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
