//! Adding the app to a phone's home screen: a web app manifest per school (the school's name, the
//! product's icon) and the address the installed app opens, which sends each person to their own
//! first page: a parent to Mijn kinderen, a pupil to the agenda, anyone signed out to the school's
//! sign-in.

use app::db::entities::platform;
use app::visibility::{app_start, role_of};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Deserialize;

use crate::requests::signed_in;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manifest/{file}", get(manifest))
        .route("/app", get(open_app))
}

async fn school(
    db: &DatabaseConnection,
    slug: &str,
) -> Result<Option<platform::Model>, sea_orm::DbErr> {
    platform::Entity::find()
        .filter(platform::Column::Slug.eq(slug.trim().to_ascii_lowercase()))
        .one(db)
        .await
}

async fn manifest(State(db): State<DatabaseConnection>, Path(file): Path<String>) -> Response {
    let Some(slug) = file.strip_suffix(".webmanifest") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let school = match school(&db, slug).await {
        Ok(Some(school)) => school,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "cannot read a school for its manifest");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let manifest = serde_json::json!({
        "name": school.name,
        "short_name": school.name,
        "description": format!("{} · {}", school.name, school.city),
        "lang": "nl",
        "start_url": format!("/app?school={}", school.slug),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f4f6f9",
        "theme_color": "#1d4e89",
        "icons": [
            { "src": "/icons/icon-192.png", "sizes": "192x192", "type": "image/png" },
            { "src": "/icons/icon-512.png", "sizes": "512x512", "type": "image/png" },
            { "src": "/favicon.svg", "sizes": "any", "type": "image/svg+xml" }
        ]
    });
    (
        [(header::CONTENT_TYPE, "application/manifest+json")],
        manifest.to_string(),
    )
        .into_response()
}

#[derive(Deserialize)]
struct OpenApp {
    school: Option<String>,
}

async fn open_app(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<OpenApp>,
) -> Redirect {
    if let Ok(current) = signed_in(&state.db, &state.auth, &headers).await {
        return Redirect::to(app_start(role_of(&current)));
    }
    // Only a school that exists: the address is never taken from the query as it stands.
    match query.school.as_deref() {
        Some(slug) => match school(&state.db, slug).await {
            Ok(Some(school)) => Redirect::to(&format!("/{}", school.slug)),
            _ => Redirect::to("/"),
        },
        None => Redirect::to("/"),
    }
}
