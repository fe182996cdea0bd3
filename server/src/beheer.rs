//! Beheer over plain HTTP: the upload of a pupil export (a multipart form that works before the
//! wasm has loaded) and the letters with start passwords (a form post answered with a printable
//! document, the only place a start password is ever shown). The checks are the app's: the
//! visibility module gives the admin's capability, the Beheer services do the work.

use app::auth::Auth;
use app::components::letters_document;
use app::error::AppError;
use app::i18n::Lang;
use app::models::PublicId;
use app::services::beheer::letters::{self, Recipients, Selection};
use app::services::beheer::{import, import_file};
use app::url::Blocked;
use app::visibility;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::Router;
use sea_orm::DatabaseConnection;

use crate::requests::{read_capped, read_failed, signed_in};
use crate::state::AppState;

const IMPORT_PAGE: &str = "/beheer/import";

/// A file above the import's limit is still read to its end (and dropped), so that the browser
/// gets the page that explains it; beyond this the connection ends.
const UPLOAD_READ_LIMIT: usize = 64 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer/import",
            post(upload).layer(DefaultBodyLimit::max(UPLOAD_READ_LIMIT)),
        )
        .route("/beheer/brieven", post(make_letters))
}

/// Where a browser goes when a Beheer post is refused.
fn refused(error: AppError) -> Response {
    match Blocked::of(&error) {
        Some(blocked) => Redirect::to(blocked.page()).into_response(),
        None => (error.status(), error.to_string()).into_response(),
    }
}

async fn upload(
    State(db): State<DatabaseConnection>,
    State(auth): State<Auth>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    match keep_upload(&db, &auth, &headers, multipart).await {
        Ok(draft) => Redirect::to(&format!("{IMPORT_PAGE}?concept={draft}")).into_response(),
        Err(AppError::ImportFile(problem)) => {
            Redirect::to(&format!("{IMPORT_PAGE}?{}", problem.query())).into_response()
        }
        Err(AppError::NoFile) => Redirect::to(&format!(
            "{IMPORT_PAGE}?{}",
            app::models::FileProblem::Empty.query()
        ))
        .into_response(),
        Err(error) => refused(error),
    }
}

async fn keep_upload(
    db: &DatabaseConnection,
    auth: &Auth,
    headers: &HeaderMap,
    mut multipart: Multipart,
) -> Result<String, AppError> {
    let current = signed_in(db, auth, headers).await?;
    let admin = visibility::school_admin(&current)?;
    while let Some(mut field) = multipart.next_field().await.map_err(read_failed)? {
        if field.name() != Some("file") {
            continue;
        }
        let file_name = field.file_name().unwrap_or_default().to_owned();
        let content = read_capped(&mut field, import_file::MAX_BYTES)
            .await?
            .ok_or(AppError::ImportFile(app::models::FileProblem::TooLarge))?;
        return Ok(import::upload(db, &admin, &file_name, &content, chrono::Utc::now()).await?);
    }
    Err(AppError::NoFile)
}

/// What the letters form asks: a class, ticked pupils or one person; for whom; in which language.
struct LetterForm {
    selection: Option<Selection>,
    recipients: Recipients,
    lang: Lang,
}

fn read_letter_form(body: &[u8]) -> LetterForm {
    let mut form = LetterForm {
        selection: None,
        recipients: Recipients::Everyone,
        lang: Lang::Nl,
    };
    let mut pupils = Vec::new();
    for (name, value) in form_urlencoded::parse(body) {
        match name.as_ref() {
            "klas" => form.selection = value.parse().ok().map(Selection::Class),
            "persoon" => form.selection = PublicId::parse(&value).map(Selection::Person),
            "leerling" => pupils.push(value.trim().to_lowercase()),
            "wie" => {
                form.recipients = match value.as_ref() {
                    "leerlingen" => Recipients::Pupils,
                    "co-accounts" => Recipients::CoAccounts,
                    _ => Recipients::Everyone,
                }
            }
            "taal" => form.lang = Lang::from_code(&value),
            _ => {}
        }
    }
    if form.selection.is_none() && !pupils.is_empty() {
        form.selection = Some(Selection::Pupils(pupils));
    }
    form
}

async fn make_letters(
    State(db): State<DatabaseConnection>,
    State(auth): State<Auth>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let made = async {
        let current = signed_in(&db, &auth, &headers).await?;
        let admin = visibility::school_admin(&current)?;
        let form = read_letter_form(&body);
        let Some(selection) = form.selection else {
            // Nothing ticked: back to the list.
            return Ok(None);
        };
        let run = letters::make(
            &db,
            &auth,
            &admin,
            &selection,
            form.recipients,
            chrono::Utc::now(),
        )
        .await
        .map_err(AppError::from)?;
        Ok::<_, AppError>(Some((form.lang, run)))
    }
    .await;
    match made {
        Ok(Some((lang, run))) => {
            let nonce = uuid::Uuid::new_v4().simple().to_string();
            let mut response =
                Html(letters_document(lang, run.letters, run.in_use, &nonce)).into_response();
            let policy = format!(
                "default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; \
                 form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
            );
            if let Ok(policy) = HeaderValue::from_str(&policy) {
                response
                    .headers_mut()
                    .insert(header::CONTENT_SECURITY_POLICY, policy);
            }
            response
        }
        Ok(None) => Redirect::to("/beheer/leerlingen").into_response(),
        Err(error) => refused(error),
    }
}
