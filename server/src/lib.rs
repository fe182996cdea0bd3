//! The server: configuration, the HTTP stack around the Leptos app, and start-up.
//!
//! `main.rs` only reads the configuration and calls [`run`]; tests call [`prepare`] and [`serve`]
//! to boot the real app on port 0 against a throw-away database.

#![recursion_limit = "256"]

pub mod backup;
mod beheer;
mod calendar;
pub mod cli;
pub mod config;
mod digest;
mod files;
mod http;
mod install;
mod kept_forms;
pub mod mailer;
mod messages;
mod metrics;
pub mod proxies;
mod request_id;
mod requests;
mod security;
mod state;
mod statements;
pub mod tidy;

use std::future::Future;
use std::time::Duration;

use app::db;
use sea_orm::{DatabaseConnection, EntityTrait};
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use crate::config::Config;
pub use crate::http::{auth, router};

/// Rendering a page allocates and frees many small buffers on both worker threads; glibc's
/// allocator spent about a fifth of a page's time on them. Declared here rather than in `main.rs`
/// so that everything that runs the server (the `school` binary, the measuring tools that serve it
/// in-process, the integration tests) runs it on the same allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot create the folder for the SQLite database {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("mail: {0}")]
    Mail(#[from] mailer::TransportError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("server: {0}")]
    Serve(std::io::Error),
    /// A command-line action could not be carried out.
    #[error("{0}")]
    Command(String),
}

/// Opens the database, brings its schema up to date and, with `DEMO=true`, seeds the demo into an
/// empty one.
pub async fn prepare(config: &Config) -> Result<DatabaseConnection, StartError> {
    if let Some(dir) = config
        .sqlite_path()
        .as_deref()
        .and_then(std::path::Path::parent)
    {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|source| StartError::DataDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
    }
    let pool_size = config
        .database_pool_size
        .unwrap_or_else(|| db::default_pool_size(&config.database_url));
    let db = db::connect_with_pool(&config.database_url, pool_size).await?;
    db::migrate(&db).await?;
    if config.seed_demo && app::demo::seed_if_empty(&db).await? {
        tracing::info!("seeded the demo schools into an empty database");
    }
    Ok(db)
}

/// Serves `router` on `listener` until `shutdown` resolves; requests under way then finish.
/// Headers get the default time, see [`serve_with`].
pub async fn serve(
    listener: TcpListener,
    router: axum::Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(
        listener,
        router,
        config::DEFAULT_HEADER_READ_TIMEOUT,
        shutdown,
    )
    .await
}

/// Serves `router` on `listener` until `shutdown` resolves; requests under way then finish.
///
/// Over HTTP/1.1 only (a proxy or a browser over plain http speaks nothing else), with hyper's
/// deadline for a request's headers, which `axum::serve` does not set: a connection that has not
/// sent them within `header_read_timeout`, idle ones included, is closed.
pub async fn serve_with(
    listener: TcpListener,
    router: axum::Router,
    header_read_timeout: Duration,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::extract::ConnectInfo;
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::server::graceful::GracefulShutdown;
    use tower::ServiceExt;

    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout);
    let connections = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    accept_failed(err).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Without TCP_NODELAY every streamed page waits for the delayed ACK of its first chunk.
        if let Err(err) = stream.set_nodelay(true) {
            tracing::warn!(error = %err, "could not set TCP_NODELAY");
        }
        let router = router.clone();
        // The peer address feeds the per-client rate limits.
        let service = hyper::service::service_fn(
            move |mut request: axum::http::Request<hyper::body::Incoming>| {
                request
                    .extensions_mut()
                    .insert(ConnectInfo::<std::net::SocketAddr>(peer));
                router.clone().oneshot(request)
            },
        );
        let connection = connections.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(error = %err, %peer, "connection ended with an error");
            }
        });
    }
    // No new connections from here; the open ones finish the request they are on.
    drop(listener);
    connections.shutdown().await;
    Ok(())
}

/// A failed accept: the client that gave up is no concern; anything else (out of file
/// descriptors) is logged and waited out, rather than retried in a busy loop.
async fn accept_failed(err: std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %err, "cannot accept a connection");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// How long a stopping server waits for a mail pass under way; mail it claimed but did not get to
/// is taken over by a worker once its lease expires.
const MAIL_WORKER_GRACE: Duration = Duration::from_secs(20);

/// Starts the whole server and runs it until SIGINT or SIGTERM.
pub async fn run(config: Config) -> Result<(), StartError> {
    let db = prepare(&config).await?;
    let transport = mailer::Transport::from_config(&config)?;
    let router = router(&config, db.clone());
    let listener = TcpListener::bind(config.site_addr)
        .await
        .map_err(|source| StartError::Listen {
            addr: config.site_addr,
            source,
        })?;
    let (stop_jobs, jobs_stop) = watch::channel(false);
    let text = banner(&config, &db).await?;
    let digest_clock = digest::spawn(
        db.clone(),
        config.base_url.clone(),
        config.digest_hour,
        jobs_stop.clone(),
    );
    let tidying = tidy::spawn(db.clone(), config.session_lifetimes, jobs_stop.clone());
    let mail_worker = mailer::spawn_worker(db, transport, jobs_stop);
    println!("{text}");
    let served = serve_with(
        listener,
        router,
        config.header_read_timeout,
        shutdown_signal(),
    )
    .await;
    // Stopped only after the last request; mail still queued then leaves from another server or
    // at the next start.
    let _ = stop_jobs.send(true);
    let _ = digest_clock.await;
    let _ = tidying.await;
    match tokio::time::timeout(MAIL_WORKER_GRACE, mail_worker).await {
        Ok(Ok(())) => {}
        Ok(Err(err)) => tracing::error!(error = %err, "the mail worker failed"),
        Err(_) => tracing::warn!(
            "the mail worker did not stop in time; its claimed mail is retried later"
        ),
    }
    served.map_err(StartError::Serve)?;
    tracing::info!("stopped");
    Ok(())
}

/// The demo's sign-ins, one line per person: a co-account signs in with the pupil's username and
/// its own password.
fn demo_logins(base_url: &str) -> String {
    let mut text = String::from("\nDemo-aanmeldingen (gebruikersnaam / wachtwoord):\n");
    for school in app::demo::SCHOOLS {
        text.push_str(&format!(
            "\n  {} ({}): {base_url}/{}\n",
            school.name, school.city, school.slug
        ));
        for pupil in school.pupils {
            text.push_str(&format!(
                "    {:<16} {:<24} leerling {} {}\n",
                pupil.username, pupil.password, pupil.first_name, pupil.last_name
            ));
            for co in pupil.co_accounts {
                let note = if co.start_password {
                    ", startwachtwoord"
                } else {
                    ""
                };
                text.push_str(&format!(
                    "    {:<16} {:<24} {} {} ({}{note})\n",
                    pupil.username, co.password, co.first_name, co.last_name, co.relation
                ));
            }
        }
        for staff in school.staff {
            text.push_str(&format!(
                "    {:<16} {:<24} {} {} ({})\n",
                staff.username,
                staff.password,
                staff.first_name,
                staff.last_name,
                match staff.kind {
                    db::entities::account::AccountKind::Admin => "beheerder",
                    _ => "leerkracht",
                }
            ));
        }
    }
    text
}

/// What a person at the terminal reads at start: where the app is, where mail goes, and how to
/// sign in to the demo. The demo's passwords appear only when the demo is on; without it, an empty
/// database is pointed out instead.
pub async fn banner(config: &Config, db: &DatabaseConnection) -> Result<String, sea_orm::DbErr> {
    let mut text = format!("\nSchoolplatform draait op {}\n", config.base_url);
    match &config.smtp_url {
        Some(url) => text.push_str(&format!("E-mail wordt verstuurd via {url}\n")),
        None => text.push_str(&format!(
            "E-mail wordt niet verstuurd maar bewaard in {}\n",
            config.mail_dir.display()
        )),
    }
    if config.seed_demo {
        text.push_str(&demo_logins(&config.base_url));
    } else if db::entities::platform::Entity::find()
        .one(db)
        .await?
        .is_none()
    {
        text.push_str("\nDe databank bevat nog geen school.\n");
    }
    Ok(text)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests under way");
}

/// Log lines to standard output, at `RUST_LOG`'s level (info by default, the database layers'
/// own chatter at warn): the same for the server and the measuring tools. `LOG_FORMAT=json`
/// writes one JSON object per line, each with the fields of the request it belongs to (its id,
/// method and path). A `LOG_FORMAT` other than `text` or `json` is refused.
pub fn init_logging() -> Result<(), config::ConfigError> {
    let json = match std::env::var("LOG_FORMAT").ok().as_deref().map(str::trim) {
        None | Some("" | "text") => false,
        Some("json") => true,
        Some(other) => {
            return Err(config::ConfigError {
                var: "LOG_FORMAT",
                problem: format!("must be text or json (got {other:?})"),
            })
        }
    };
    if json {
        use tracing_subscriber::util::SubscriberInitExt;
        json_logs(log_filter(), std::io::stdout).init();
    } else {
        tracing_subscriber::fmt()
            .with_env_filter(log_filter())
            .init();
    }
    Ok(())
}

fn log_filter() -> tracing_subscriber::EnvFilter {
    use tracing_subscriber::EnvFilter;
    EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"))
}

/// The JSON log lines, written to `writer`: the event's fields at the top level, the request's
/// under `span`.
pub fn json_logs<W>(
    filter: tracing_subscriber::EnvFilter,
    writer: W,
) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(true)
        .with_span_list(false)
        .with_env_filter(filter)
        .with_writer(writer)
        .finish()
}
