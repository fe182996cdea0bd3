//! Beheer's server functions: each asks the visibility module for the [`SchoolAdmin`] capability
//! of the caller's own school and calls the Beheer services. The upload of a pupil export and the
//! letters are plain HTTP endpoints of the server (a multipart form, a printable document), which
//! ask the same capability.
//!
//! [`SchoolAdmin`]: crate::visibility::SchoolAdmin

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{AuditPage, BeheerOverview, ImportPreview, PupilPage, PupilRow};

#[server]
pub async fn school_overview() -> Result<BeheerOverview, AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        Ok(crate::services::beheer::pupils::overview(&db, &admin).await?)
    })
    .await
}

#[server]
pub async fn beheer_pupils(
    search: String,
    class: Option<i32>,
    page: u64,
) -> Result<PupilPage, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::services::beheer::pupils::{list, PupilFilter};
        let (admin, db) = ssr::admin().await?;
        let filter = PupilFilter {
            search,
            class,
            page,
        };
        Ok(list(&db, &admin, &filter, chrono::Utc::now()).await?)
    })
    .await
}

#[server]
pub async fn beheer_pupil(username: String) -> Result<PupilRow, AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        crate::services::beheer::pupils::one(&db, &admin, &username, chrono::Utc::now())
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

#[server]
pub async fn preview_import(draft: String) -> Result<ImportPreview, AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        Ok(crate::services::beheer::import::preview(&db, &admin, &draft).await?)
    })
    .await
}

/// Writes an import the admin saw; back to the import page with what it wrote.
#[server]
pub async fn confirm_import(draft: String, fingerprint: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        let summary = crate::services::beheer::import::confirm(
            &db,
            &admin,
            &draft,
            &fingerprint,
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect(&format!("/beheer/import?{}", summary.query()));
        Ok(())
    })
    .await
}

/// Disables a person with a reason, or (`enable`) enables them again.
#[server]
pub async fn set_person_enabled(
    person: String,
    enable: bool,
    reason: Option<String>,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::services::beheer::people;
        let (admin, db) = ssr::admin().await?;
        let id = crate::models::PublicId::parse(&person).ok_or(AppError::NotFound)?;
        let reason = match (enable, reason.as_deref().map(str::trim)) {
            (true, _) => None,
            (false, Some(reason)) if !reason.is_empty() => Some(reason),
            (false, _) => return Err(AppError::ReasonRequired),
        };
        people::set_disabled(&db, &admin, id, reason, chrono::Utc::now()).await?;
        let (_, username) = people::find(&db, &admin, id).await?;
        leptos_axum::redirect(&format!("/beheer/leerlingen/{username}"));
        Ok(())
    })
    .await
}

/// Mails the activation links of a class's parents; back to the class with how many went out.
#[server]
pub async fn send_activations(class: i32) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::auth;
        let (admin, db) = ssr::admin().await?;
        let sent = crate::services::beheer::activation::send_for_class(
            &db,
            &auth()?,
            &admin,
            class,
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect(&format!("/beheer/leerlingen?klas={class}&verstuurd={sent}"));
        Ok(())
    })
    .await
}

#[server]
pub async fn audit_log(page: u64) -> Result<AuditPage, AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        Ok(crate::services::beheer::audit::entries(&db, &admin, page).await?)
    })
    .await
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use sea_orm::DatabaseConnection;

    use crate::error::AppError;
    use crate::services::beheer::BeheerError;
    use crate::visibility::SchoolAdmin;

    /// The caller as the admin of their school, or why not.
    pub async fn admin() -> Result<(SchoolAdmin, DatabaseConnection), AppError> {
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        Ok((crate::visibility::school_admin(&current)?, db()?))
    }

    impl From<BeheerError> for AppError {
        fn from(error: BeheerError) -> Self {
            match error {
                BeheerError::NotFound => AppError::NotFound,
                BeheerError::File(problem) => AppError::ImportFile(problem),
                BeheerError::Changed => AppError::ImportChanged,
                BeheerError::Slug(why) => {
                    tracing::error!(%why, "a platform address reached a server function");
                    AppError::Internal
                }
                BeheerError::Auth(error) => error.into(),
                BeheerError::Db(error) => error.into(),
            }
        }
    }
}
