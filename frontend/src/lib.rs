//! The browser entry: hydrates the server-rendered page.

// The page types of the whole app are laid out here, nested deeper than the default limit allows.
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
