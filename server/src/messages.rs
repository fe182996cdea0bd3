//! Berichten over plain HTTP: the compose form (a multipart form with attachments that works
//! before the wasm has loaded) and attachment downloads. The checks are the app's: the messages
//! service and the visibility module decide, these handlers translate, and read no more of the
//! attachments than their limit.

use app::auth::{rate_limit, Auth};
use app::error::AppError;
use app::functions::messages::ssr::message_id;
use app::models::UploadLimits;
use app::outcome::{Form, Outcome};
use app::services::messages::{self, Draft, Upload, Written, MAX_BODY_CHARS};
use app::url::Blocked;
use app::visibility;
use axum::extract::multipart::Field;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use sea_orm::DatabaseConnection;

use crate::requests::{download_or_refuse, read_capped, read_failed, signed_in, wants_html};
use crate::state::AppState;

/// The message's text in bytes at most: its longest allowed body, every character at its widest
/// in UTF-8. Anything longer is refused as the service would, without being kept in memory.
const BODY_LIMIT: usize = 4 * MAX_BODY_CHARS;
/// Any other text field in bytes at most: a subject, a recipient's key, an id.
const FIELD_LIMIT: usize = 4 * 1024;
/// All other text fields together in bytes at most (a long list of recipients' keys).
const OTHER_FIELDS_LIMIT: usize = 256 * 1024;

pub fn routes(limits: UploadLimits) -> Router<AppState> {
    // How much of a posted message is read at most; see `files::READ_FACTOR`.
    let read_limit =
        DefaultBodyLimit::max(crate::files::READ_FACTOR.saturating_mul(limits.message));
    Router::new()
        .route("/berichten/schrijven", post(write).layer(read_limit))
        .route("/berichten/bijlage/{id}", get(download))
}

/// The compose form as posted: the message, the uploads, and whether to send it.
struct Posted {
    draft: Draft,
    uploads: Vec<Upload>,
    send: bool,
    too_large: bool,
}

/// A text field: its text, or `None` when it is longer than `limit` bytes.
async fn read_text(field: &mut Field<'_>, limit: usize) -> Result<Option<String>, AppError> {
    Ok(read_capped(field, limit)
        .await?
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned()))
}

/// The compose form; attachments above `attachments` bytes together are read to their end and
/// dropped (`too_large`).
async fn read_form(mut multipart: Multipart, attachments: usize) -> Result<Posted, AppError> {
    let mut posted = Posted {
        draft: Draft::default(),
        uploads: Vec::new(),
        send: false,
        too_large: false,
    };
    let mut total = 0;
    let mut other_fields = 0;
    let mut too_long = false;
    let mut unknown_id = false;
    while let Some(mut field) = multipart.next_field().await.map_err(read_failed)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "bijlagen" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let content_type = field.content_type().map(str::to_owned);
            // The attachments share one budget.
            let Some(content) = read_capped(&mut field, attachments.saturating_sub(total)).await?
            else {
                posted.too_large = true;
                continue;
            };
            total += content.len();
            if !content.is_empty() && !posted.too_large {
                posted.uploads.push(Upload {
                    file_name,
                    content_type,
                    content,
                });
            }
            continue;
        }
        let limit = if name == "bericht" {
            BODY_LIMIT
        } else {
            FIELD_LIMIT
        };
        let Some(value) = read_text(&mut field, limit).await? else {
            too_long = true;
            continue;
        };
        if name != "bericht" {
            other_fields += value.len();
            too_long |= other_fields > OTHER_FIELDS_LIMIT;
        }
        if too_long {
            continue;
        }
        match name.as_str() {
            "aan" => posted.draft.to.push(value),
            "onderwerp" => posted.draft.subject = value,
            "bericht" => posted.draft.body = value,
            "concept" | "doorsturen" if !value.is_empty() => {
                // Text that is no id finds nothing; said once the whole form is read.
                let id = message_id(&value).ok();
                unknown_id |= id.is_none();
                if name == "concept" {
                    posted.draft.draft = id;
                } else {
                    posted.draft.forward = id;
                }
            }
            "actie" => posted.send = value == "verzenden",
            _ => {}
        }
    }
    if too_long {
        return Err(AppError::MessageTooLong);
    }
    if unknown_id {
        return Err(AppError::NotFound);
    }
    Ok(posted)
}

/// Sends or saves the message. When sending fails on what the writer can fix (no recipient, no
/// subject, attachments too large), a browser's message is kept as a draft, without the files
/// that were too large, and the form opens again with the explanation: nothing typed is lost.
///
/// Every attempt to send counts against the sender's [`rate_limit::MESSAGES_PER_PERSON`], refused
/// ones too; saving a draft does not.
async fn write(
    State(db): State<DatabaseConnection>,
    State(auth): State<Auth>,
    State(limits): State<UploadLimits>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let html = wants_html(&headers);
    let outcome = async {
        let current = signed_in(&db, &auth, &headers).await?;
        let posted = read_form(multipart, limits.message).await?;
        let now = chrono::Utc::now();
        if posted.send {
            let key = format!("message:person:{}", current.person.id);
            if !rate_limit::allow(&db, &key, rate_limit::MESSAGES_PER_PERSON, now).await? {
                return Err(AppError::RateLimited);
            }
        }
        let composer = visibility::composer(&db, &current).await?;
        let draft = posted.draft.clone();
        let result = if posted.too_large {
            Err(AppError::FileTooLarge)
        } else {
            messages::write(
                &db,
                &composer,
                &auth.base_url,
                draft,
                posted.uploads,
                limits.message,
                posted.send,
                now,
            )
            .await
            .map_err(AppError::from)
        };
        match result {
            Err(error @ (AppError::NoRecipient | AppError::NoSubject | AppError::FileTooLarge))
                if html =>
            {
                let kept = messages::write(
                    &db,
                    &composer,
                    &auth.base_url,
                    posted.draft,
                    Vec::new(),
                    limits.message,
                    false,
                    now,
                )
                .await?;
                Ok((kept, Some(error)))
            }
            other => other.map(|written| (written, None)),
        }
    }
    .await;
    match outcome {
        Ok((Written::Sent, _)) if html => Redirect::to(&format!(
            "/berichten?map=verzonden&{}",
            Outcome::Sent.query()
        ))
        .into_response(),
        Ok((Written::Saved(id), problem)) if html => {
            let notice = match problem {
                Some(error) => Outcome::of_error(Form::Messages, &error),
                None => Outcome::DraftSaved,
            };
            Redirect::to(&format!("/berichten/nieuw?concept={id}&{}", notice.query()))
                .into_response()
        }
        Ok((Written::Sent, _)) => (StatusCode::CREATED, "sent").into_response(),
        Ok((Written::Saved(id), _)) => (StatusCode::CREATED, id).into_response(),
        Err(error) if html => match Blocked::of(&error) {
            Some(blocked) => Redirect::to(blocked.page()).into_response(),
            None => Redirect::to(&format!(
                "/berichten/nieuw?{}",
                Outcome::of_error(Form::Messages, &error).query()
            ))
            .into_response(),
        },
        Err(error) => (error.status(), error.to_string()).into_response(),
    }
}

async fn download(
    State(db): State<DatabaseConnection>,
    State(auth): State<Auth>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    download_or_refuse(
        async {
            let current = signed_in(&db, &auth, &headers).await?;
            let mailbox = visibility::mailbox(&current)?;
            let id = message_id(&id)?;
            let file = messages::attachment(&db, &mailbox, id).await?;
            Ok((file.file_name, file.content_type, file.content))
        }
        .await,
    )
}
