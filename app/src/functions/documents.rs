//! "Mijn documenten". Upload and download are plain HTTP endpoints of the server (a multipart form
//! that works without wasm, a file response); listing and deleting are server functions. All of
//! them ask the visibility module for the caller's documents and call the documents service.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::Document;

#[server]
pub async fn my_documents() -> Result<Vec<Document>, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        let documents = crate::visibility::documents(&current)?;
        Ok(crate::services::documents::list(&db()?, &documents).await?)
    })
    .await
}

#[server]
pub async fn delete_document(id: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        let documents = crate::visibility::documents(&current)?;
        let id = crate::models::PublicId::parse(&id).ok_or(AppError::NotFound)?;
        crate::services::documents::delete(&db()?, &documents, id).await?;
        leptos_axum::redirect(&format!(
            "/mijn-documenten?{}",
            crate::functions::ssr::done("verwijderd")
        ));
        Ok(())
    })
    .await
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::error::AppError;
    use crate::services::documents::DocumentError;

    impl From<DocumentError> for AppError {
        fn from(error: DocumentError) -> Self {
            match error {
                DocumentError::NotFound => AppError::NotFound,
                DocumentError::FileTooLarge => AppError::FileTooLarge,
                DocumentError::NoFile => AppError::NoFile,
                DocumentError::Db(error) => error.into(),
            }
        }
    }
}
