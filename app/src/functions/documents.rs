//! "Mijn documenten". Upload and download are plain HTTP endpoints of the server (a multipart form
//! that works without wasm, a file response); listing and deleting are server functions. All of
//! them go through the same service, which asks the visibility module.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::Document;

#[server]
pub async fn my_documents() -> Result<Vec<Document>, AppError> {
    use crate::functions::ssr::{db, signed_in};
    let (current, _) = signed_in().await?;
    crate::services::documents::list(&db()?, &current).await
}

#[server]
pub async fn delete_document(id: String) -> Result<(), AppError> {
    use crate::functions::ssr::{db, signed_in};
    let (current, _) = signed_in().await?;
    crate::services::documents::delete(&db()?, &current, &id).await?;
    leptos_axum::redirect("/mijn-documenten?verwijderd=1");
    Ok(())
}
