//! Files over plain HTTP: uploading to "Mijn documenten" (a multipart form that works before the
//! wasm has loaded), downloading one's own documents and course materials. The checks are the
//! app's: the documents service and the visibility module decide, these handlers only translate.

use app::auth::Auth;
use app::error::AppError;
use app::functions::school::ssr::pupil_id;
use app::models::{Module, PublicId};
use app::outcome::{Form, Outcome};
use app::services::{documents, school};
use app::url::Blocked;
use app::visibility::{self, pupil_scope};
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use sea_orm::DatabaseConnection;
use serde::Deserialize;

use crate::requests::{download_or_refuse, read_failed, signed_in, wants_html};
use crate::state::AppState;

const DOCUMENTS_PAGE: &str = "/mijn-documenten";

/// How much of an upload is read at most. A file above the documents' limit is read to its end
/// (and dropped) so that the browser gets the page that explains it: a server that stops reading
/// mid-upload makes the browser show a connection error instead. Beyond this, it gets that error.
const UPLOAD_READ_LIMIT: usize = 8 * documents::MAX_SIZE;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/mijn-documenten/opladen",
            post(upload).layer(DefaultBodyLimit::max(UPLOAD_READ_LIMIT)),
        )
        .route("/mijn-documenten/{id}", get(download_document))
        .route("/vakken/bestand/{id}", get(download_material))
}

/// An error as a status for programs, or as the page that explains it for a browser's form post.
fn refuse(error: AppError, headers: &HeaderMap) -> Response {
    if wants_html(headers) {
        let to = match Blocked::of(&error) {
            Some(blocked) => blocked.page().to_owned(),
            None => format!(
                "{DOCUMENTS_PAGE}?{}",
                Outcome::of_error(Form::Documents, &error).query()
            ),
        };
        return Redirect::to(&to).into_response();
    }
    (error.status(), error.to_string()).into_response()
}

async fn upload(
    State(db): State<DatabaseConnection>,
    State(auth): State<Auth>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    match store_upload(&db, &auth, &headers, multipart).await {
        Ok(()) if wants_html(&headers) => {
            Redirect::to(&format!("{DOCUMENTS_PAGE}?{}", Outcome::Uploaded.query())).into_response()
        }
        Ok(()) => StatusCode::CREATED.into_response(),
        Err(error) => refuse(error, &headers),
    }
}

async fn store_upload(
    db: &DatabaseConnection,
    auth: &Auth,
    headers: &HeaderMap,
    mut multipart: Multipart,
) -> Result<(), AppError> {
    let current = signed_in(db, auth, headers).await?;
    while let Some(mut field) = multipart.next_field().await.map_err(read_failed)? {
        if field.name() != Some("file") {
            continue;
        }
        let file_name = field.file_name().unwrap_or_default().to_owned();
        let content_type = field.content_type().map(str::to_owned);
        let mut content = Vec::new();
        let mut too_large = false;
        while let Some(chunk) = field.chunk().await.map_err(read_failed)? {
            too_large |= content.len() + chunk.len() > documents::MAX_SIZE;
            if !too_large {
                content.extend_from_slice(&chunk);
            }
        }
        if too_large {
            return Err(AppError::FileTooLarge);
        }
        let owner = visibility::documents(&current)?;
        documents::store(
            db,
            &owner,
            &file_name,
            content_type.as_deref(),
            content,
            chrono::Utc::now(),
        )
        .await?;
        return Ok(());
    }
    Err(AppError::NoFile)
}

async fn download_document(
    State(db): State<DatabaseConnection>,
    State(auth): State<Auth>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    download_or_refuse(
        async {
            let current = signed_in(&db, &auth, &headers).await?;
            let owner = visibility::documents(&current)?;
            let id = PublicId::parse(&id).ok_or(AppError::NotFound)?;
            let document = documents::open(&db, &owner, id).await?;
            Ok((document.file_name, document.content_type, document.content))
        }
        .await,
    )
}

#[derive(Deserialize)]
struct PupilQuery {
    leerling: Option<String>,
}

async fn download_material(
    State(db): State<DatabaseConnection>,
    State(auth): State<Auth>,
    Path(id): Path<i32>,
    Query(query): Query<PupilQuery>,
    headers: HeaderMap,
) -> Response {
    download_or_refuse(
        async {
            let current = signed_in(&db, &auth, &headers).await?;
            let scope = {
                let pupil = query.leerling.as_deref().map(pupil_id).transpose()?;
                pupil_scope(&db, &current, Module::Courses, pupil).await?
            };
            let file = school::material_file(&db, &scope, id)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((file.file_name, file.content_type, file.content))
        }
        .await,
    )
}
