//! Beheer's server functions: each asks the visibility module for the [`SchoolAdmin`] capability
//! of the caller's own school and calls the Beheer services. The upload of a pupil export and the
//! letters are plain HTTP endpoints of the server (a multipart form, a printable document), which
//! ask the same capability.
//!
//! [`SchoolAdmin`]: crate::visibility::SchoolAdmin

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{AuditPage, BeheerOverview, ImportPreview, PupilPage, PupilRow, SchoolSetup};

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
        let username = people::set_disabled(&db, &admin, id, reason, chrono::Utc::now()).await?;
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

/// Has the school's undelivered mail tried again; back to Beheer with how many.
#[server]
pub async fn retry_undelivered_mail() -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        let retried = crate::services::beheer::mail::retry(&db, &admin, chrono::Utc::now()).await?;
        leptos_axum::redirect(&format!("/beheer?opnieuw={retried}"));
        Ok(())
    })
    .await
}

#[server]
pub async fn load_school_setup() -> Result<SchoolSetup, AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        Ok(crate::services::beheer::school::setup(&db, &admin, chrono::Utc::now()).await?)
    })
    .await
}

/// The maximum of co-accounts and the school addresses (usernames; empty for none).
#[server]
pub async fn save_settings(
    max_co_accounts: String,
    secretariaat: String,
    directie: String,
    zorg: String,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::models::AddressKind;
        let (admin, db) = ssr::admin().await?;
        let maximum = max_co_accounts
            .trim()
            .parse()
            .map_err(|_| AppError::OutOfRange)?;
        let addresses = [
            (AddressKind::Secretariaat, secretariaat),
            (AddressKind::Directie, directie),
            (AddressKind::Zorg, zorg),
        ];
        crate::services::beheer::school::save_settings(
            &db,
            &admin,
            maximum,
            &addresses,
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "/beheer/school?{}",
            crate::functions::ssr::done("bewaard")
        ));
        Ok(())
    })
    .await
}

/// A teacher or (`admin`) an admin; to the school page, which names the new username.
#[server]
pub async fn add_staff(
    first_name: String,
    last_name: String,
    admin: Option<String>,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (school_admin, db) = ssr::admin().await?;
        let username = crate::services::beheer::school::add_staff(
            &db,
            &school_admin,
            &first_name,
            &last_name,
            admin.is_some(),
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect(&format!("/beheer/school?nieuw={username}#personeel"));
        Ok(())
    })
    .await
}

#[server]
pub async fn add_class(name: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        crate::services::beheer::school::add_class(&db, &admin, &name, chrono::Utc::now()).await?;
        leptos_axum::redirect(&format!(
            "/beheer/school?{}#klassen",
            crate::functions::ssr::done("bewaard")
        ));
        Ok(())
    })
    .await
}

#[server]
pub async fn set_class_teacher(class: i32, teacher: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        crate::services::beheer::school::set_class_teacher(
            &db,
            &admin,
            class,
            &teacher,
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "/beheer/school?{}#klassen",
            crate::functions::ssr::done("bewaard")
        ));
        Ok(())
    })
    .await
}

#[server]
pub async fn add_course(class: i32, name: String, teacher: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        crate::services::beheer::school::add_course(
            &db,
            &admin,
            class,
            &name,
            &teacher,
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "/beheer/school?{}#klassen",
            crate::functions::ssr::done("bewaard")
        ));
        Ok(())
    })
    .await
}

#[server]
pub async fn set_course_teacher(course: i32, teacher: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        crate::services::beheer::school::set_course_teacher(
            &db,
            &admin,
            course,
            &teacher,
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "/beheer/school?{}#klassen",
            crate::functions::ssr::done("bewaard")
        ));
        Ok(())
    })
    .await
}

/// A pupil added by hand; to their page.
#[server]
pub async fn add_pupil(
    first_name: String,
    last_name: String,
    class: i32,
    birth_date: String,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        let birth_date = match birth_date.trim() {
            "" => None,
            date => Some(
                chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
                    .map_err(|_| AppError::InvalidDate)?,
            ),
        };
        let username = crate::services::beheer::people::add_pupil(
            &db,
            &admin,
            &first_name,
            &last_name,
            class,
            birth_date,
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect(&format!("/beheer/leerlingen/{username}"));
        Ok(())
    })
    .await
}

#[server]
pub async fn add_co_account(
    username: String,
    first_name: String,
    last_name: String,
    relation: String,
    email: String,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        crate::services::beheer::people::add_co_account(
            &db,
            &admin,
            &username,
            &first_name,
            &last_name,
            &relation,
            Some(&email),
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "/beheer/leerlingen/{}",
            username.trim().to_lowercase()
        ));
        Ok(())
    })
    .await
}

#[server]
pub async fn set_relation(person: String, relation: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::services::beheer::people;
        let (admin, db) = ssr::admin().await?;
        let id = crate::models::PublicId::parse(&person).ok_or(AppError::NotFound)?;
        let username = people::set_relation(&db, &admin, id, &relation, chrono::Utc::now()).await?;
        leptos_axum::redirect(&format!("/beheer/leerlingen/{username}"));
        Ok(())
    })
    .await
}

#[server]
pub async fn remove_co_account(person: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        let id = crate::models::PublicId::parse(&person).ok_or(AppError::NotFound)?;
        let username =
            crate::services::beheer::people::remove_co_account(&db, &admin, id, chrono::Utc::now())
                .await?;
        leptos_axum::redirect(&format!("/beheer/leerlingen/{username}"));
        Ok(())
    })
    .await
}

/// Erases a pupil who left (all their people disabled); back to the list.
#[server]
pub async fn erase_pupil(username: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        crate::services::beheer::people::erase_pupil(&db, &admin, &username, chrono::Utc::now())
            .await?;
        leptos_axum::redirect("/beheer/leerlingen");
        Ok(())
    })
    .await
}

/// One pupil's maximum of co-accounts; empty follows the school's.
#[server]
pub async fn set_pupil_maximum(username: String, maximum: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (admin, db) = ssr::admin().await?;
        let maximum = match maximum.trim() {
            "" => None,
            number => Some(number.parse().map_err(|_| AppError::OutOfRange)?),
        };
        crate::services::beheer::people::set_pupil_maximum(
            &db,
            &admin,
            &username,
            maximum,
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "/beheer/leerlingen/{}",
            username.trim().to_lowercase()
        ));
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
                BeheerError::NameRequired => AppError::NameRequired,
                BeheerError::NameTaken => AppError::NameTaken,
                BeheerError::OutOfRange => AppError::OutOfRange,
                BeheerError::InvalidDate => AppError::InvalidDate,
                BeheerError::TooManyCoAccounts => AppError::TooManyCoAccounts,
                BeheerError::Auth(error) => error.into(),
                BeheerError::Db(error) => error.into(),
            }
        }
    }
}
