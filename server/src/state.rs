//! What every request handler can reach: the Leptos options, the database pool, the account
//! services and the upload limits.

use app::auth::Auth;
use app::models::UploadLimits;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub auth: Auth,
    pub upload_limits: UploadLimits,
}
