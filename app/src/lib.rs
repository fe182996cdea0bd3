//! The shared part of the product: pages, components, server functions and the types they share.
//! It compiles twice: with `ssr` into the server and with `hydrate` into the browser's wasm, which
//! holds only the islands (`#[island]`), the few parts of a page that run in the browser.

#![recursion_limit = "256"]

pub mod components;
pub mod error;
pub mod functions;
pub mod i18n;
pub mod models;
pub mod outcome;
pub mod routes;
pub mod url;
pub mod visibility;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod services;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Meta, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    ParamSegment, SsrMode, StaticSegment,
};

use crate::components::SignedIn;
use crate::i18n::{provide_lang, tr, Key};
use crate::routes::{
    AccessPage, AddChildrenPage, AgendaPage, AuditLogPage, BeheerPage, BeheerPupilPage,
    BeheerPupilsPage, CalendarFeedsPage, ChangePasswordPage, ClassAbsencesPage, ClassPage,
    ClassResultsPage, ClassesPage, ComposePage, ConfirmEmailPage, CoursesPage, DocumentsPage,
    DonePage, EmailPage, EvaluationsPage, ForgotPasswordPage, HelpPage, HomePage, ImportPage,
    LivePlanPage, LiveSessionsPage, LoginPage, LvsPage, MaterialsPage, MessagePage, MessagesPage,
    MyChildrenPage, NotFound, NotificationsPage, OudercontactPage, PlanPage, ReactivatePage,
    ResetPasswordPage, ResultDetailPage, ResultsPage, SchedulePrintPage, SchoolSetupPage,
    ScoreGridPage, StartPage,
};

/// The HTML document around the app. Server-only: the browser hydrates the islands in `<body>`.
pub fn shell(options: LeptosOptions, stylesheet: &str) -> impl IntoView {
    let lang = i18n::request_lang();
    #[cfg(feature = "ssr")]
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1d4e89"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                <link rel="stylesheet" href=stylesheet.to_owned()/>
                <HydrationScripts options islands=true/>
                <leptos_meta::MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Allows exactly this response's inline scripts (they carry its nonce) and what they load.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    // A message whose reader asked for its images from elsewhere (a full page load, see
    // `MessagePage`) may load them; every other page only its own.
    let remote_images = use_context::<http::request::Parts>().is_some_and(|parts| {
        parts.uri.path().starts_with("/berichten/")
            && parts
                .uri
                .query()
                .is_some_and(|query| query.split('&').any(|pair| pair == "afbeeldingen=tonen"))
    });
    let images = if remote_images {
        "'self' data: https:"
    } else {
        "'self' data:"
    };
    let policy = format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src {images}; connect-src 'self'; frame-ancestors 'none'; \
         base-uri 'none'; form-action 'self'; object-src 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
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
                <Route path=StaticSegment("e-mail-bevestigen") view=ConfirmEmailPage/>
                <Route path=StaticSegment("wachtwoord-herstellen") view=ResetPasswordPage/>
                <Route path=StaticSegment("heractiveren") view=ReactivatePage/>
                <Route path=StaticSegment("gelukt") view=DonePage/>
                // The pages of a signed-in person: the parent loads the person once, next to
                // each page's own data.
                <ParentRoute path=() view=SignedIn ssr=SsrMode::Async>
                    <Route path=StaticSegment("start") view=StartPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("wachtwoord-wijzigen") view=ChangePasswordPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("e-mailadres") view=EmailPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("meldingen") view=NotificationsPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("toegang") view=AccessPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("mijn-kinderen") view=MyChildrenPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("kinderen-toevoegen") view=AddChildrenPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("berichten") view=MessagesPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("berichten"), StaticSegment("nieuw"))
                        view=ComposePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("berichten"), ParamSegment("id"))
                        view=MessagePage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("agenda") view=AgendaPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("agenda"), StaticSegment("plannen"))
                        view=PlanPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("agenda"), StaticSegment("kalender"))
                        view=CalendarFeedsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("resultaten") view=ResultsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("resultaten"), StaticSegment("evaluaties"))
                        view=EvaluationsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("resultaten"), StaticSegment("evaluaties"), ParamSegment("id"))
                        view=ScoreGridPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("resultaten"), StaticSegment("klas"), ParamSegment("id"))
                        view=ClassResultsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("resultaten"), ParamSegment("id"))
                        view=ResultDetailPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("vakken") view=CoursesPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("vakken"), StaticSegment("beheren"))
                        view=MaterialsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("live-sessies") view=LiveSessionsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("live-sessies"), StaticSegment("plannen"))
                        view=LivePlanPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("lvs") view=LvsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("lvs"), StaticSegment("klas"))
                        view=ClassesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("lvs"), StaticSegment("klas"), ParamSegment("id"))
                        view=ClassPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("lvs"), StaticSegment("klas"), ParamSegment("id"), StaticSegment("afwezigheden"))
                        view=ClassAbsencesPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("mijn-documenten") view=DocumentsPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("oudercontact") view=OudercontactPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("beheer") view=BeheerPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("beheer"), StaticSegment("leerlingen"))
                        view=BeheerPupilsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("beheer"), StaticSegment("leerlingen"), ParamSegment("username"))
                        view=BeheerPupilPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("beheer"), StaticSegment("import"))
                        view=ImportPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("beheer"), StaticSegment("school"))
                        view=SchoolSetupPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("beheer"), StaticSegment("logboek"))
                        view=AuditLogPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("oudercontact"), StaticSegment("planning"), ParamSegment("id"))
                        view=SchedulePrintPage
                        ssr=SsrMode::Async
                    />
                </ParentRoute>
                // A school's own address last: any other single segment is a school's slug.
                <Route path=ParamSegment("platform") view=LoginPage ssr=SsrMode::Async/>
                <Route
                    path=(ParamSegment("platform"), StaticSegment("wachtwoord-vergeten"))
                    view=ForgotPasswordPage
                    ssr=SsrMode::Async
                />
            </Routes>
        </Router>
    }
}
