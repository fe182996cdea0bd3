//! What every request handler can reach: the Leptos options, the database pool and the account
//! services.

use app::auth::Auth;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub auth: Auth,
}
