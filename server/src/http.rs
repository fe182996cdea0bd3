//! The HTTP stack: Leptos pages and server functions, static files, health, and the layers every
//! response passes through (tracing, gzip, panics as a 500 page, time limits).

use std::path::Path;
use std::sync::{Arc, OnceLock};

use app::auth::Auth;
use app::i18n::{t, Key, Lang, LANG_COOKIE};
use app::url::local_path;
use app::{shell, App};
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{
    file_and_error_handler_with_context, generate_route_list, AxumRouteListing, LeptosRoutes,
};
use sea_orm::DatabaseConnection;
use serde::Deserialize;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::state::AppState;
use crate::{kept_forms, security};

/// The names of the built front-end files. cargo-leptos writes `hash.txt` next to the server
/// binary when it builds with hashed file names; without it (tests, debug builds) names are plain.
struct Assets {
    hashed: bool,
    stylesheet: String,
}

impl Assets {
    /// Reads the hash file that cargo-leptos wrote next to the running binary, if any.
    fn discover() -> Assets {
        let hash_file = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
            .and_then(|path| std::fs::read_to_string(path).ok());
        Assets::from_hash_file(hash_file.as_deref())
    }

    /// `hash_file` holds lines such as `css: 1a2b3c`.
    fn from_hash_file(hash_file: Option<&str>) -> Assets {
        let css_hash = hash_file.and_then(|text| {
            text.lines()
                .filter_map(|line| line.split_once(':'))
                .find(|(kind, _)| kind.trim() == "css")
                .map(|(_, hash)| hash.trim().to_owned())
        });
        match css_hash {
            Some(hash) => Assets {
                hashed: true,
                stylesheet: format!("/{PKG_DIR}/{OUTPUT_NAME}.{hash}.css"),
            },
            None => Assets {
                hashed: false,
                stylesheet: format!("/{PKG_DIR}/{OUTPUT_NAME}.css"),
            },
        }
    }
}

/// The name cargo-leptos gives the built front-end files; it sets it while building the server.
const OUTPUT_NAME: &str = match option_env!("LEPTOS_OUTPUT_NAME") {
    Some(name) => name,
    None => "school",
};
const PKG_DIR: &str = "pkg";

fn leptos_options(config: &Config, hashed: bool) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir(PKG_DIR)
        .site_addr(config.site_addr)
        .hash_files(hashed)
        .build()
}

/// The app's routes, walked once per process. While leptos walks them, a flag of its own that is
/// global to the process makes every resource that starts loading meanwhile wait forever; walking
/// them again for a second router (tests run many servers in one process) could hang a page that
/// another server is rendering at that moment. Every router waits here for the one walk, before it
/// can serve anything.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Builds the whole application router over an opened, migrated database.
/// The sign-in services as this configuration sets them up.
pub fn auth(config: &Config) -> Auth {
    Auth::new(&config.base_url)
        .with_sign_in_limit_per_client(config.sign_in_limit_per_client)
        .with_session_lifetimes(config.session_lifetimes)
}

pub fn router(config: &Config, db: DatabaseConnection) -> Router {
    let assets = Assets::discover();
    let leptos_options = leptos_options(config, assets.hashed);
    let auth = auth(config);
    let state = AppState {
        leptos_options: leptos_options.clone(),
        db: db.clone(),
        auth: auth.clone(),
        upload_limits: config.upload_limits,
    };
    let kept_forms = middleware::from_fn_with_state(state.clone(), kept_forms::keep_refused_forms);
    let requests = crate::metrics::Requests::default();
    let metrics = crate::metrics::routes(crate::metrics::Metrics {
        app: state.clone(),
        token: config.metrics_token.clone(),
        requests: requests.clone(),
    });

    let stylesheet = assets.stylesheet;
    let app_shell = move |options: LeptosOptions| shell(options, &stylesheet);
    let upload_limits = config.upload_limits;
    let context = move || {
        provide_context(crate::statements::request_db(&db));
        provide_context(app::functions::ssr::RequestCaller::default());
        provide_context(auth.clone());
        provide_context(app::functions::ssr::ServerUploadLimits(upload_limits));
        leptos::nonce::provide_nonce();
    };

    // Hashed names change with their content, so the browser may keep them for a year.
    let pkg_cache = if assets.hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let pkg = Router::new()
        .fallback_service(
            ServeDir::new(Path::new(&*leptos_options.site_root).join(PKG_DIR))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(pkg_cache),
        ));

    // The icon sits at the root, where a page route would take it for a school's address.
    let icon = ServeFile::new(Path::new(&*leptos_options.site_root).join("favicon.svg"))
        .precompressed_br()
        .precompressed_gzip();

    let routes = route_list();
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route_service("/favicon.svg", icon)
        .route("/taal", get(set_language))
        .merge(crate::files::routes(config.upload_limits))
        .merge(crate::calendar::routes())
        .merge(crate::install::routes())
        .merge(crate::beheer::routes())
        .merge(crate::messages::routes(config.upload_limits))
        .nest(&format!("/{PKG_DIR}"), pkg)
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let app_shell = app_shell.clone();
            move || app_shell(leptos_options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, app_shell,
        ))
        .with_state(state)
        .merge(metrics)
        .layer(kept_forms)
        // A body that stalls fails its read; a request that is not answered in time gets a 408.
        .layer(RequestBodyTimeoutLayer::new(config.request_body_timeout))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(middleware::from_fn_with_state(
            Arc::new(security::Site::new(
                &config.base_url,
                config.trusted_proxies.clone(),
            )),
            security::guard,
        ))
        .layer(CompressionLayer::new().gzip(true));
    let router = if config.metrics_token.is_some() {
        router.layer(middleware::from_fn_with_state(
            requests,
            crate::metrics::measure,
        ))
    } else {
        router
    };
    let router = if config.count_statements {
        router.layer(middleware::from_fn(crate::statements::count))
    } else {
        router
    };
    router
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(CatchPanicLayer::custom(panic_page))
        .layer(middleware::from_fn_with_state(
            Arc::new(config.trusted_proxies.clone()),
            crate::request_id::assign,
        ))
}

/// The span around each request: every log line of the request carries its id, method and path.
fn request_span<B>(request: &Request<B>) -> tracing::Span {
    let id = request
        .headers()
        .get(crate::request_id::HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %crate::calendar::loggable(request.uri().path()),
    )
}

/// Answers 200 only when the database answers, so a load balancer stops sending to a broken server.
async fn healthz(State(db): State<DatabaseConnection>) -> (StatusCode, &'static str) {
    match app::db::ping(&db).await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(err) => {
            tracing::error!(error = %err, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

#[derive(Deserialize)]
struct LanguageChoice {
    lang: String,
    terug: Option<String>,
}

/// Remembers the chosen language and returns to the page it was chosen on (only a page of this
/// site: no open redirect). A plain GET form, so it works before (and without) the wasm. A
/// signed-in person's mails follow the choice from then on.
async fn set_language(
    State(db): State<DatabaseConnection>,
    State(auth): State<Auth>,
    headers: axum::http::HeaderMap,
    Query(choice): Query<LanguageChoice>,
) -> Response {
    let lang = Lang::from_code(&choice.lang);
    let back = match choice.terug.as_deref().map(local_path).transpose() {
        Ok(back) => back.flatten().unwrap_or("/"),
        Err(refused) => return (StatusCode::BAD_REQUEST, refused.to_string()).into_response(),
    };
    if let Ok(current) = crate::requests::signed_in(&db, &auth, &headers).await {
        let remembered =
            app::services::notifications::settings::remember_language(&db, current.person.id, lang)
                .await;
        if let Err(error) = remembered {
            tracing::warn!(%error, "the chosen language was not remembered for the person");
        }
    }
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, back.to_owned()),
            (header::SET_COOKIE, cookie),
        ],
    )
        .into_response()
}

fn panic_page(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    let lang = Lang::default();
    let body = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title></head><body><main><h1>{}</h1><p>{}</p><p><a href=\"/\">{}</a></p></main></body></html>",
        lang.code(),
        t(lang, Key::ServerErrorTitle),
        t(lang, Key::ServerErrorTitle),
        t(lang, Key::ServerErrorText),
        t(lang, Key::BackHome),
    );
    (StatusCode::INTERNAL_SERVER_ERROR, Html(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::{Assets, OUTPUT_NAME};

    #[test]
    fn hashed_builds_link_the_hashed_stylesheet() {
        let assets = Assets::from_hash_file(Some("js: 11aa\nwasm: 22bb\ncss: 33cc\n"));
        assert!(assets.hashed);
        assert_eq!(assets.stylesheet, format!("/pkg/{OUTPUT_NAME}.33cc.css"));

        let plain = Assets::from_hash_file(None);
        assert!(!plain.hashed);
        assert_eq!(plain.stylesheet, format!("/pkg/{OUTPUT_NAME}.css"));
    }
}
