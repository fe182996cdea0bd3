//! The shared part of the product: pages, components, server functions and the types they share.
//! It compiles twice: with `ssr` into the server and with `hydrate` into the browser's wasm.

#![recursion_limit = "256"]

pub mod components;
pub mod error;
pub mod functions;
pub mod i18n;
pub mod models;
pub mod routes;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod services;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Meta, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    ParamSegment, SsrMode, StaticSegment,
};

use crate::i18n::{provide_lang, tr, Key};
use crate::routes::{HelpPage, HomePage, LoginPage, NotFound};

/// The HTML document around the app. Server-only: the browser hydrates `<body>` alone.
pub fn shell(options: LeptosOptions, stylesheet: &str) -> impl IntoView {
    let lang = i18n::request_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1d4e89"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href=stylesheet.to_owned()/>
                <HydrationScripts options/>
                <leptos_meta::MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_lang();

    view! {
        <Title formatter=|page: String| format!("{page} · {}", tr(Key::ProductName))/>
        <Meta name="description" content=tr(Key::ChooseSchoolIntro)/>
        <Router>
            <Routes fallback=NotFound>
                // Pages that load data render in full before sending, so that an error can still
                // set the status (404 for an unknown school, 500 when the database fails).
                <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async/>
                <Route path=StaticSegment("hulp") view=HelpPage/>
                <Route path=ParamSegment("platform") view=LoginPage ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}
