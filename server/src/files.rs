//! Files over plain HTTP: uploading to "Mijn documenten" and a teacher's course files (multipart
//! forms that work before the wasm has loaded), downloading one's own documents and course
//! materials. The checks are the app's: the documents and teaching services and the visibility
//! module decide, these handlers translate, and read no more of a file than its limit.

use app::auth::Auth;
use app::error::AppError;
use app::functions::school::ssr::pupil_id;
use app::models::{Module, PublicId, UploadLimits};
use app::outcome::{Form, Outcome};
use app::services::documents::Upload;
use app::services::teaching::{agenda, materials};
use app::services::{documents, school};
use app::url::Blocked;
use app::visibility::{self, pupil_scope, AgendaFileReader};
use axum::extract::multipart::Field;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use sea_orm::DatabaseConnection;
use serde::Deserialize;

use crate::requests::{download_or_refuse, read_capped, read_failed, signed_in, wants_html};
use crate::state::AppState;

const DOCUMENTS_PAGE: &str = "/mijn-documenten";
/// Where a course's materials are kept; `?vak=` names the course.
const MATERIALS_PAGE: &str = "/vakken/beheren";
/// Where a course's planned work is kept; `?vak=` names the course, `?bewerk=` the item.
const PLAN_PAGE: &str = "/agenda/plannen";

/// How much of an upload is read at most, in files of the largest size. A file above the limit
/// is read to its end (and dropped) so that the browser gets the page that explains it: a server
/// that stops reading mid-upload makes the browser show a connection error instead. Beyond this,
/// it gets that error.
pub const READ_FACTOR: usize = 8;

pub fn routes(limits: UploadLimits) -> Router<AppState> {
    let read_limit = DefaultBodyLimit::max(READ_FACTOR.saturating_mul(limits.file));
    Router::new()
        .route("/mijn-documenten/opladen", post(upload).layer(read_limit))
        .route("/vakken/materiaal", post(upload_material).layer(read_limit))
        .route(
            "/agenda/bijlage",
            post(upload_agenda_file).layer(read_limit),
        )
        .route("/mijn-documenten/{id}", get(download_document))
        .route("/vakken/bestand/{id}", get(download_material))
        .route("/agenda/bestand/{id}", get(download_agenda_file))
}

/// `page` with one more pair in its query.
fn with_query(page: &str, pair: &str) -> String {
    let separator = if page.contains('?') { '&' } else { '?' };
    format!("{page}{separator}{pair}")
}

/// An error as a status for programs, or as `page` explaining it for a browser's form post.
fn refuse(error: AppError, headers: &HeaderMap, page: &str) -> Response {
    if wants_html(headers) {
        let to = match Blocked::of(&error) {
            Some(blocked) => blocked.page().to_owned(),
            None => with_query(page, &Outcome::of_error(Form::Documents, &error).query()),
        };
        return Redirect::to(&to).into_response();
    }
    (error.status(), error.to_string()).into_response()
}

/// The file of a multipart field, read to its end; above `limit` bytes it is dropped (and
/// refused) as it comes in, so that no more than that is ever held.
async fn read_file(mut field: Field<'_>, limit: usize) -> Result<Upload, AppError> {
    let file_name = field.file_name().unwrap_or_default().to_owned();
    let content_type = field.content_type().map(str::to_owned);
    let content = read_capped(&mut field, limit)
        .await?
        .ok_or(AppError::FileTooLarge)?;
    Ok(Upload {
        file_name,
        content_type,
        content,
    })
}

async fn upload(
    State(db): State<DatabaseConnection>,
    State(auth): State<Auth>,
    State(limits): State<UploadLimits>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    match store_upload(&db, &auth, &headers, multipart, limits.file).await {
        Ok(()) if wants_html(&headers) => {
            Redirect::to(&format!("{DOCUMENTS_PAGE}?{}", Outcome::Uploaded.query())).into_response()
        }
        Ok(()) => StatusCode::CREATED.into_response(),
        Err(error) => refuse(error, &headers, DOCUMENTS_PAGE),
    }
}

async fn store_upload(
    db: &DatabaseConnection,
    auth: &Auth,
    headers: &HeaderMap,
    mut multipart: Multipart,
    limit: usize,
) -> Result<(), AppError> {
    let current = signed_in(db, auth, headers).await?;
    while let Some(field) = multipart.next_field().await.map_err(read_failed)? {
        if field.name() != Some("file") {
            continue;
        }
        let upload = read_file(field, limit).await?;
        let owner = visibility::documents(&current)?;
        documents::store(db, &owner, upload, limit, chrono::Utc::now()).await?;
        return Ok(());
    }
    Err(AppError::NoFile)
}

/// A course file from the materials page: stored, back to the course's materials.
async fn upload_material(
    State(db): State<DatabaseConnection>,
    State(auth): State<Auth>,
    State(limits): State<UploadLimits>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let mut course = None;
    let stored = store_material(&db, &auth, &headers, multipart, limits.file, &mut course).await;
    let page = match course {
        Some(course) => format!("{MATERIALS_PAGE}?vak={course}"),
        None => MATERIALS_PAGE.to_owned(),
    };
    match stored {
        Ok(()) if wants_html(&headers) => {
            Redirect::to(&with_query(&page, &Outcome::Uploaded.query())).into_response()
        }
        Ok(()) => StatusCode::CREATED.into_response(),
        Err(error) => refuse(error, &headers, &page),
    }
}

/// Reads the form (`course`, `title`, `file`, in any order) and stores the file; `course` is
/// the course the form named, for the way back.
async fn store_material(
    db: &DatabaseConnection,
    auth: &Auth,
    headers: &HeaderMap,
    mut multipart: Multipart,
    limit: usize,
    course: &mut Option<i32>,
) -> Result<(), AppError> {
    let current = signed_in(db, auth, headers).await?;
    let scope = visibility::teaching(&current)?;
    let mut title = String::new();
    let mut upload = None;
    while let Some(field) = multipart.next_field().await.map_err(read_failed)? {
        match field.name() {
            Some("course") => {
                let text = field.text().await.map_err(read_failed)?;
                *course = text.trim().parse().ok();
            }
            Some("title") => title = field.text().await.map_err(read_failed)?,
            Some("file") => upload = Some(read_file(field, limit).await),
            _ => {}
        }
    }
    let course = course.ok_or(AppError::NotFound)?;
    let upload = upload.ok_or(AppError::NoFile)??;
    materials::add_file(
        db,
        &scope,
        course,
        &title,
        upload,
        limit,
        chrono::Utc::now(),
    )
    .await?;
    Ok(())
}

/// A file for planned work, from the planning page: stored, back to the item.
async fn upload_agenda_file(
    State(db): State<DatabaseConnection>,
    State(auth): State<Auth>,
    State(limits): State<UploadLimits>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let mut item = None;
    let stored = store_agenda_file(&db, &auth, &headers, multipart, limits.file, &mut item).await;
    let page = match (&stored, item) {
        (Ok(course), Some(item)) => format!("{PLAN_PAGE}?vak={course}&bewerk={item}"),
        _ => PLAN_PAGE.to_owned(),
    };
    match stored {
        Ok(_) if wants_html(&headers) => {
            Redirect::to(&with_query(&page, &Outcome::Uploaded.query())).into_response()
        }
        Ok(_) => StatusCode::CREATED.into_response(),
        Err(error) => refuse(error, &headers, &page),
    }
}

/// Reads the form (`item`, `file`, in any order) and attaches the file; answers the item's
/// course. `item` is the item the form named, for the way back.
async fn store_agenda_file(
    db: &DatabaseConnection,
    auth: &Auth,
    headers: &HeaderMap,
    mut multipart: Multipart,
    limit: usize,
    item: &mut Option<i32>,
) -> Result<i32, AppError> {
    let current = signed_in(db, auth, headers).await?;
    let scope = visibility::teaching(&current)?;
    let mut upload = None;
    while let Some(field) = multipart.next_field().await.map_err(read_failed)? {
        match field.name() {
            Some("item") => {
                let text = field.text().await.map_err(read_failed)?;
                *item = text.trim().parse().ok();
            }
            Some("file") => upload = Some(read_file(field, limit).await),
            _ => {}
        }
    }
    let id = item.ok_or(AppError::NotFound)?;
    let upload = upload.ok_or(AppError::NoFile)??;
    agenda::add_file(db, &scope, id, upload, limit, chrono::Utc::now()).await
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

/// A file of planned work: for the pupil's family and staff as the agenda shows it (staff name
/// the pupil), or for the item's teacher from the planning page (no pupil named).
async fn download_agenda_file(
    State(db): State<DatabaseConnection>,
    State(auth): State<Auth>,
    Path(id): Path<i32>,
    Query(query): Query<PupilQuery>,
    headers: HeaderMap,
) -> Response {
    download_or_refuse(
        async {
            let current = signed_in(&db, &auth, &headers).await?;
            let pupil = query.leerling.as_deref().map(pupil_id).transpose()?;
            let file = match visibility::agenda_file_reader(&db, &current, pupil).await? {
                AgendaFileReader::Teaching(scope) => agenda::file(&db, &scope, id).await?,
                AgendaFileReader::Agenda(scope) => school::agenda_file(&db, &scope, id)
                    .await?
                    .ok_or(AppError::NotFound)?,
            };
            Ok((file.file_name, file.content_type, file.content))
        }
        .await,
    )
}
