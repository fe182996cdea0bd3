//! `/metrics` in Prometheus' text format, for the school's monitoring: request latency by route
//! and status, failed sign-ins, the hasher's queue and refusals, the outbox's backlog and the age
//! of its oldest unsent mail, mail given up, and the database pool.
//!
//! Not public: without `METRICS_TOKEN` the address does not exist (404), and with it a scraper
//! must send `Authorization: Bearer <token>` (401 otherwise).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use app::auth::password::hashes_equal;
use app::auth::secrets::digest;
use app::db::entities::outbox;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    DatabaseConnection, DbBackend, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

use crate::state::AppState;

/// The upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The route label of a request that matched no route (static files, unknown addresses): one
/// label for all, so that scanners cannot grow the list.
const OTHER_ROUTE: &str = "other";

/// One route and status: how many answers and how long they took.
#[derive(Clone, Debug, Default)]
struct Latency {
    /// Per bucket of [`BUCKETS`], not cumulative.
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum_secs: f64,
}

/// The latencies since the start, by route and status. Shared by the layer and the endpoint.
#[derive(Clone, Default)]
pub struct Requests(Arc<Mutex<BTreeMap<String, BTreeMap<u16, Latency>>>>);

impl Requests {
    /// Counts one answer; a route's name is copied only the first time it is seen.
    fn record(&self, route: &str, status: u16, secs: f64) {
        let Ok(mut all) = self.0.lock() else { return };
        let by_status = match all.get_mut(route) {
            Some(by_status) => by_status,
            None => all.entry(route.to_owned()).or_default(),
        };
        let latency = by_status.entry(status).or_default();
        if let Some(bucket) = BUCKETS.iter().position(|bound| secs <= *bound) {
            latency.buckets[bucket] += 1;
        }
        latency.count += 1;
        latency.sum_secs += secs;
    }

    fn snapshot(&self) -> BTreeMap<(String, u16), Latency> {
        let Ok(all) = self.0.lock() else {
            return BTreeMap::new();
        };
        all.iter()
            .flat_map(|(route, by_status)| {
                by_status
                    .iter()
                    .map(|(status, latency)| ((route.clone(), *status), latency.clone()))
            })
            .collect()
    }
}

/// Times every request by the route it matched. Only in the stack when `/metrics` is on.
pub async fn measure(State(requests): State<Requests>, request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().cloned();
    let started = Instant::now();
    let response = next.run(request).await;
    requests.record(
        route.as_ref().map_or(OTHER_ROUTE, MatchedPath::as_str),
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// What `/metrics` reads, and the token a scraper must show.
#[derive(Clone)]
pub struct Metrics {
    pub app: AppState,
    pub token: Option<Arc<str>>,
    pub requests: Requests,
}

/// The `/metrics` route with its own state; without a token there is none, and the address is
/// as unknown as any other.
pub fn routes(metrics: Metrics) -> Router {
    if metrics.token.is_none() {
        return Router::new();
    }
    Router::new()
        .route("/metrics", get(endpoint))
        .with_state(metrics)
}

async fn endpoint(State(metrics): State<Metrics>, headers: HeaderMap) -> Response {
    let Some(token) = &metrics.token else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default();
    // Digests of equal length, compared in constant time: the answer's timing tells nothing of
    // the token, not even its length.
    if !hashes_equal(&digest(given.trim()), &digest(token)) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
        )
            .into_response();
    }
    match render(&metrics.app, &metrics.requests, Utc::now()).await {
        Ok(text) => (
            [(
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            )],
            text,
        )
            .into_response(),
        Err(err) => {
            tracing::error!(error = %err, "metrics: database unavailable");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The whole text at `now`.
async fn render(
    state: &AppState,
    requests: &Requests,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let mut text = String::new();
    family(
        &mut text,
        "school_http_request_duration_seconds",
        "histogram",
        "Time until the answer's head, by route and status.",
    );
    for ((route, status), latency) in requests.snapshot() {
        let labels = format!("route=\"{}\",status=\"{status}\"", escape(&route));
        let series = "school_http_request_duration_seconds";
        let mut cumulative = 0;
        for (bound, count) in BUCKETS.iter().zip(latency.buckets) {
            cumulative += count;
            sample(
                &mut text,
                &format!("{series}_bucket{{{labels},le=\"{bound}\"}}"),
                cumulative,
            );
        }
        sample(
            &mut text,
            &format!("{series}_bucket{{{labels},le=\"+Inf\"}}"),
            latency.count,
        );
        sample(
            &mut text,
            &format!("{series}_sum{{{labels}}}"),
            latency.sum_secs,
        );
        sample(
            &mut text,
            &format!("{series}_count{{{labels}}}"),
            latency.count,
        );
    }

    family(
        &mut text,
        "school_sign_in_failures_total",
        "counter",
        "Failed sign-ins since the start, by reason.",
    );
    for (reason, count) in state.auth.failures.by_reason() {
        let series = format!("school_sign_in_failures_total{{reason=\"{reason}\"}}");
        sample(&mut text, &series, count);
    }
    let hasher = &state.auth.hasher;
    single(
        &mut text,
        ("school_hasher_busy_total", "counter"),
        "Requests the password hasher refused as busy.",
        hasher.refused(),
    );
    single(
        &mut text,
        ("school_hasher_queue", "gauge"),
        "Password hashes waiting for or running on a hashing thread.",
        hasher.queued(),
    );

    let outbox = Outbox::read(&state.db, now).await?;
    single(
        &mut text,
        ("school_outbox_unsent", "gauge"),
        "Mails waiting to be sent (given-up mail not included).",
        outbox.unsent,
    );
    single(
        &mut text,
        ("school_outbox_oldest_unsent_seconds", "gauge"),
        "Age of the oldest mail waiting to be sent.",
        outbox.oldest_secs,
    );
    single(
        &mut text,
        ("school_outbox_given_up", "gauge"),
        "Mails given up after their attempts, waiting for Beheer.",
        outbox.given_up,
    );

    let (size, idle, max) = pool(&state.db);
    family(
        &mut text,
        "school_db_pool_connections",
        "gauge",
        "Database connections of this server, by state.",
    );
    let in_use = size.saturating_sub(idle);
    sample(
        &mut text,
        "school_db_pool_connections{state=\"in_use\"}",
        in_use,
    );
    sample(
        &mut text,
        "school_db_pool_connections{state=\"idle\"}",
        idle,
    );
    single(
        &mut text,
        ("school_db_pool_max", "gauge"),
        "The most connections the pool opens; requests wait beyond it.",
        max,
    );
    Ok(text)
}

/// A family's `HELP` and `TYPE` lines.
fn family(text: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(text, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// One sample line.
fn sample(text: &mut String, series: &str, value: impl std::fmt::Display) {
    let _ = writeln!(text, "{series} {value}");
}

/// A family of one sample without labels (a gauge, or a counter).
fn single(
    text: &mut String,
    (name, kind): (&str, &str),
    help: &str,
    value: impl std::fmt::Display,
) {
    family(text, name, kind, help);
    sample(text, name, value);
}

/// The outbox at a glance.
struct Outbox {
    unsent: u64,
    oldest_secs: i64,
    given_up: u64,
}

impl Outbox {
    async fn read(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<Outbox, DbErr> {
        let unsent = || outbox::Entity::find().filter(outbox::waiting());
        let oldest: Option<DateTime<Utc>> = unsent()
            .select_only()
            .column_as(
                Expr::expr(Func::min(Expr::col(outbox::Column::CreatedAt))),
                "oldest",
            )
            .into_tuple::<Option<DateTime<Utc>>>()
            .one(db)
            .await?
            .flatten();
        Ok(Outbox {
            unsent: unsent().count(db).await?,
            oldest_secs: oldest.map_or(0, |at| (now - at).num_seconds().max(0)),
            given_up: outbox::Entity::find()
                .filter(outbox::given_up())
                .count(db)
                .await?,
        })
    }
}

/// The pool's open connections, its idle ones and its maximum.
fn pool(db: &DatabaseConnection) -> (u32, u32, u32) {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (
                pool.size(),
                count(pool.num_idle()),
                pool.options().get_max_connections(),
            )
        }
        _ => {
            let pool = db.get_sqlite_connection_pool();
            (
                pool.size(),
                count(pool.num_idle()),
                pool.options().get_max_connections(),
            )
        }
    }
}

fn count(idle: usize) -> u32 {
    u32::try_from(idle).unwrap_or(u32::MAX)
}

/// A label value as Prometheus reads it.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latency_counts_in_its_bucket_and_the_label_is_escaped() {
        let requests = Requests::default();
        requests.record("/agenda", 200, 0.03);
        requests.record("/agenda", 200, 0.2);
        requests.record("/agenda", 200, 30.0);
        let all = requests.snapshot();
        let latency = &all[&("/agenda".to_owned(), 200)];
        assert_eq!(latency.count, 3);
        assert_eq!(latency.buckets[3], 1, "0.03 s is within 0.05 s");
        assert_eq!(latency.buckets[5], 1, "0.2 s is within 0.25 s");
        assert_eq!(
            latency.buckets.iter().sum::<u64>(),
            2,
            "30 s is only in +Inf"
        );
        assert_eq!(escape("a\"b\\c"), "a\\\"b\\\\c");
    }
}
