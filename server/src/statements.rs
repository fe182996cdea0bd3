//! Counting each request's SQL statements (`COUNT_SQL_STATEMENTS`): the answer carries the number
//! in `X-Sql-Statements`, which the page tests and the benchmark read to keep it small and fixed,
//! whatever the size of the family. Each counting request gets its own handle on the shared pool
//! whose callback counts into the request's counter, so parallel requests never mix their counts.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

/// The header that carries the count.
pub const HEADER: &str = "x-sql-statements";

/// The statements of one request so far.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicU64>);

/// Counts the statements of each request and names the number in the answer.
pub async fn count(mut request: Request, next: Next) -> Response {
    let counter = Counter::default();
    request.extensions_mut().insert(counter.clone());
    let mut response = next.run(request).await;
    let statements = counter.0.load(Ordering::Relaxed);
    response
        .headers_mut()
        .insert(HEADER, HeaderValue::from(statements));
    response
}

/// The database as this request uses it: the shared pool, counting into the request's counter
/// when its statements are counted. Called where the request's context is provided.
pub fn request_db(db: &DatabaseConnection) -> DatabaseConnection {
    let counter = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Counter>().cloned());
    let Some(Counter(statements)) = counter else {
        return db.clone();
    };
    let mut db = db.clone();
    db.set_metric_callback(move |info| {
        // RUST_LOG=server::statements=debug lists them.
        tracing::debug!(sql = %info.statement.sql, "statement");
        statements.fetch_add(1, Ordering::Relaxed);
    });
    db
}
