//! The daily digest's clock: once a minute every server asks whether the day's digest is due
//! (`DIGEST_HOUR`, school-local) and not sent yet; the first to claim the day sends it.

use std::time::Duration;

use chrono::Utc;
use sea_orm::DatabaseConnection;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often the clock looks; the digest leaves within this after its hour.
const TICK: Duration = Duration::from_secs(60);

pub fn spawn(
    db: DatabaseConnection,
    base_url: String,
    hour: u32,
    mut shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        while !*shutdown.borrow() {
            match app::services::notifications::digest::send_if_due(
                &db,
                &base_url,
                hour,
                Utc::now(),
            )
            .await
            {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "the daily digest went out"),
                Err(err) => tracing::warn!(error = %err, "daily digest: database error; retrying"),
            }
            tokio::select! {
                changed = shutdown.changed() => if changed.is_err() { break },
                () = tokio::time::sleep(TICK) => {}
            }
        }
    })
}
