//! Server functions: thin wrappers that check the caller, call a domain service and map the error.

pub mod platforms;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use leptos::prelude::use_context;
    use sea_orm::DatabaseConnection;

    use crate::error::AppError;

    /// The database pool that the server provides to every request.
    pub fn db() -> Result<DatabaseConnection, AppError> {
        use_context::<DatabaseConnection>().ok_or_else(|| {
            tracing::error!("no database in the request context");
            AppError::Internal
        })
    }
}
