//! The server: configuration, the HTTP stack around the Leptos app, and start-up.
//!
//! `main.rs` only reads the configuration and calls [`run`]; tests call [`prepare`] and [`serve`]
//! to boot the real app on port 0 against a throw-away database.

#![recursion_limit = "256"]

pub mod bench;
pub mod bench_pages;
pub mod cli;
pub mod config;
mod files;
mod http;
pub mod load_oudercontact;
pub mod mailer;
mod messages;
mod security;

use std::future::Future;
use std::time::Duration;

use app::db;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use crate::config::Config;
pub use crate::http::router;

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

/// Opens the database, brings its schema up to date and seeds the demo into an empty one.
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
    let db = db::connect(&config.database_url).await?;
    db::migrate(&db).await?;
    if config.seed_demo && db::demo::seed_if_empty(&db).await? {
        tracing::info!("seeded the demo schools into an empty database");
    }
    Ok(db)
}

/// Serves `router` on `listener` until `shutdown` resolves; requests under way then finish.
pub async fn serve(
    listener: TcpListener,
    router: axum::Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    // Without TCP_NODELAY every streamed page waits for the delayed ACK of its first chunk.
    let listener = listener.tap_io(|tcp| {
        if let Err(err) = tcp.set_nodelay(true) {
            tracing::warn!(error = %err, "could not set TCP_NODELAY");
        }
    });
    // The peer address feeds the per-client rate limits.
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
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
    let (stop_mail, mail_stop) = watch::channel(false);
    let mail_worker = mailer::spawn_worker(db, transport, mail_stop);
    print_banner(&config);
    let served = serve(listener, router, shutdown_signal()).await;
    // Stopped only after the last request; mail still queued then leaves from another server or
    // at the next start.
    let _ = stop_mail.send(true);
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
    for school in db::demo::SCHOOLS {
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

/// Tells a person at the terminal where the app is and how to sign in to the demo.
fn print_banner(config: &Config) {
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
    }
    println!("{text}");
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
