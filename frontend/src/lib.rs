//! The browser entry: hydrates the islands of the server-rendered page, the only parts of it that
//! run in the browser (`#[island]` in the app). The rest of each page is plain HTML whose links
//! and forms work without any script.

// The islands are exported by the app crate; linking it is what puts them into the wasm.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
