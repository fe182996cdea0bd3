//! The mail worker: delivers what [`app::mail::enqueue`] put in the outbox.
//!
//! Actions never send mail themselves; they write an outbox row in their own transaction, and this
//! worker sends it afterwards. That keeps a slow or unreachable mail server out of every request,
//! and with retries and exponential backoff a mail survives an SMTP outage and a restart.
//!
//! Several servers may share one database, so a worker first claims due rows with a lease
//! (`claimed_until`): on PostgreSQL through `SELECT … FOR UPDATE SKIP LOCKED` in a transaction, on
//! SQLite (one writer) through a single `UPDATE … WHERE id IN (SELECT …)`. A worker that dies
//! mid-send leaves its lease to expire, after which another worker takes the row over. Delivery is
//! therefore at least once: a crash between the SMTP reply and the `sent_at` update repeats a mail,
//! which beats losing it.
//!
//! Without `SMTP_URL`, mail is written as `.eml` files into `MAIL_DIR`, readable by a developer;
//! with it, only the mail server gets the mail.
//!
//! A sent row stays a week for whoever investigates, but without its one-time links: the update
//! that marks it sent also replaces every token in its bodies, so that reading the outbox (a
//! backup, a support query) opens nobody's account.

use std::error::Error as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use app::db::entities::outbox;
use chrono::{DateTime, Utc};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Attachment, Body, Mailbox, MultiPart, SinglePart};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::{Expr, LockBehavior, LockType, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend,
    DbErr, EntityTrait, Iterable, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::Config;

/// Rows one pass claims: small enough that a pass ends well within its lease.
const BATCH: u64 = 10;
/// How long a claim holds; a pass of `BATCH` sends that each time out still ends before it.
const LEASE: Duration = Duration::from_secs(5 * 60);
/// Per SMTP command, so that a mail server that accepts connections and then hangs cannot stall
/// the worker for the transport's default minute per mail.
const SMTP_TIMEOUT: Duration = Duration::from_secs(15);
/// How often an idle worker looks for due mail; mail leaves about this long after its action.
const POLL: Duration = Duration::from_secs(1);
/// The wait after the first failure; it doubles with every further failure up to `MAX_RETRY`.
const FIRST_RETRY: Duration = Duration::from_secs(5);
const MAX_RETRY: Duration = Duration::from_secs(60 * 60);
/// Sent mail holds one-time links; after this it is only a liability and is deleted.
const KEEP_SENT: Duration = Duration::from_secs(7 * 24 * 60 * 60);
/// Given-up mail waits this long in Beheer for its school to try it again; then it is deleted.
const KEEP_GIVEN_UP: Duration = Duration::from_secs(30 * 24 * 60 * 60);
/// Failures after which a mail is given up: with the backoff, about ten hours of trying. Beheer
/// then shows it to the school of its recipient with the reason, to be tried again from there.
pub const MAX_ATTEMPTS: i32 = 20;
/// `last_error` is for a person investigating, not a log store.
const MAX_ERROR_CHARS: usize = 2000;
/// What a sent mail's outbox row shows where its link held a token.
pub const REDACTED_TOKEN: &str = "[verwijderd]";

/// Where mail goes.
pub enum Transport {
    /// A real mail server (`SMTP_URL`).
    Smtp {
        client: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    /// A folder of `.eml` files (`MAIL_DIR`), for development without a mail server.
    Folder { dir: PathBuf, from: Mailbox },
}

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("SMTP_URL: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("cannot create MAIL_DIR {path}: {source}")]
    MailDir {
        path: String,
        source: std::io::Error,
    },
}

impl Transport {
    pub fn from_config(config: &Config) -> Result<Transport, TransportError> {
        let from = config.mail_from.clone();
        match &config.smtp_url {
            Some(url) => {
                let client = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build();
                Ok(Transport::Smtp { client, from })
            }
            None => {
                std::fs::create_dir_all(&config.mail_dir).map_err(|source| {
                    TransportError::MailDir {
                        path: config.mail_dir.display().to_string(),
                        source,
                    }
                })?;
                Ok(Transport::Folder {
                    dir: config.mail_dir.clone(),
                    from,
                })
            }
        }
    }

    async fn send(&self, mail: &outbox::Model) -> Result<(), SendError> {
        match self {
            Transport::Smtp { client, from } => {
                client.send(message(mail, from, false)?).await?;
                Ok(())
            }
            Transport::Folder { dir, from } => {
                let eml = message(mail, from, true)?.formatted();
                write_eml(dir, mail, &eml)
                    .await
                    .map_err(|source| SendError::Folder {
                        dir: dir.display().to_string(),
                        source,
                    })
            }
        }
    }
}

/// Why one mail could not be delivered; its text is kept in `outbox.last_error`.
#[derive(Debug, thiserror::Error)]
enum SendError {
    #[error("invalid recipient address: {0}")]
    Recipient(#[from] lettre::address::AddressError),
    #[error("cannot build the message: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("cannot write into {dir}: {source}")]
    Folder { dir: String, source: std::io::Error },
    #[error("invalid calendar invitation: {0}")]
    Calendar(String),
}

/// What one pass of [`deliver_due`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub claimed: usize,
    pub sent: usize,
    pub failed: usize,
    /// Of the failed: those that reached [`MAX_ATTEMPTS`] and are no longer tried.
    pub given_up: usize,
}

/// One pass: claims the mail that is due at `now` (at most a batch), sends it and records the
/// outcome. A failed mail is tried again after a backoff. Errors are database errors only; the
/// rows claimed so far then wait for their lease to expire.
pub async fn deliver_due(
    db: &DatabaseConnection,
    transport: &Transport,
    now: DateTime<Utc>,
) -> Result<DeliveryReport, DbErr> {
    let claimed = claim_due(db, now).await?;
    let mut report = DeliveryReport {
        claimed: claimed.len(),
        ..DeliveryReport::default()
    };
    for mail in claimed {
        match transport.send(&mail).await {
            Ok(()) => {
                record(db, mail.id, sent(&mail, now)).await?;
                report.sent += 1;
            }
            Err(err) => {
                let text = error_text(&err);
                let attempts = mail.attempts.saturating_add(1);
                let retry_in = backoff(attempts);
                let mut change = failed(attempts, now + retry_in, text.clone());
                if attempts >= MAX_ATTEMPTS {
                    tracing::error!(
                        mail = mail.id,
                        attempts,
                        error = %text,
                        "mail given up; Beheer shows it to the recipient's school"
                    );
                    change.given_up_at = Set(Some(now));
                    report.given_up += 1;
                } else {
                    tracing::warn!(
                        mail = mail.id,
                        attempts,
                        retry_in_secs = retry_in.as_secs(),
                        error = %text,
                        "mail not delivered; it will be tried again"
                    );
                }
                record(db, mail.id, change).await?;
                report.failed += 1;
            }
        }
    }
    Ok(report)
}

/// Runs [`deliver_due`] about every second until `shutdown` turns true (or its sender is dropped).
/// A pass under way finishes first, so that no mail is sent without being marked sent.
pub fn spawn_worker(
    db: DatabaseConnection,
    transport: Transport,
    mut shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        while !*shutdown.borrow() {
            match deliver_due(&db, &transport, Utc::now()).await {
                // A full batch means more is probably due: carry on without waiting.
                Ok(report) if report.claimed as u64 == BATCH => continue,
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "mail worker: database error; retrying"),
            }
            tokio::select! {
                changed = shutdown.changed() => if changed.is_err() { break },
                () = tokio::time::sleep(POLL) => {}
            }
        }
        tracing::debug!("mail worker stopped");
    })
}

/// The wait before attempt `attempts + 1`: 5 s, 10 s, 20 s, … at most an hour.
fn backoff(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or_default()
        .min(20);
    FIRST_RETRY.saturating_mul(1 << doublings).min(MAX_RETRY)
}

/// Up to a batch of the rows due at `now`, oldest first: unsent, not given up, past their backoff,
/// and not claimed by a worker whose lease still runs.
fn due(now: DateTime<Utc>) -> Select<outbox::Entity> {
    outbox::Entity::find()
        .filter(outbox::waiting())
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(
            Condition::any()
                .add(outbox::Column::ClaimedUntil.is_null())
                .add(outbox::Column::ClaimedUntil.lte(now)),
        )
        .order_by_asc(outbox::Column::NextAttemptAt)
        .order_by_asc(outbox::Column::Id)
        .limit(BATCH)
}

/// Rows that another worker is claiming at this moment are locked: skip them rather than wait.
fn due_locked(now: DateTime<Utc>) -> Select<outbox::Entity> {
    due(now).lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
}

/// Marks up to a batch of due rows as claimed by this worker until `now + LEASE` and returns them.
async fn claim_due(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Vec<outbox::Model>, DbErr> {
    let lease_end = now + LEASE;
    if db.get_database_backend() == DbBackend::Postgres {
        let txn = app::db::begin_write(db).await?;
        let claimed = async {
            let rows = due_locked(now).all(&txn).await?;
            if !rows.is_empty() {
                outbox::Entity::update_many()
                    .col_expr(outbox::Column::ClaimedUntil, Expr::value(lease_end))
                    .filter(outbox::Column::Id.is_in(rows.iter().map(|row| row.id)))
                    .exec(&txn)
                    .await?;
            }
            Ok::<_, DbErr>(rows)
        }
        .await;
        let mut rows = app::db::settle(txn, claimed).await?;
        for row in &mut rows {
            row.claimed_until = Some(lease_end);
        }
        Ok(rows)
    } else {
        // SQLite runs one writer at a time, so one statement that picks and marks is a claim no
        // other worker can share.
        use sea_orm::sea_query::ExprTrait as _; // scoped: its blanket `min` shadows Ord::min
        let pick = due(now)
            .select_only()
            .column(outbox::Column::Id)
            .into_query();
        let claim = Query::update()
            .table(outbox::Entity)
            .value(outbox::Column::ClaimedUntil, lease_end)
            .and_where(Expr::col(outbox::Column::Id).in_subquery(pick))
            // The columns by name, not `RETURNING *`: a pooled connection that has not yet seen a
            // migration's new column prepares `*` with the old columns, SQLite prepares it again
            // with the new ones when it runs, and sqlx, which kept the old list, reads past its end
            // (its SQLite worker panicked after the outbox gained two columns).
            .returning(Query::returning().columns(outbox::Column::iter()))
            .to_owned();
        let mut rows = outbox::Entity::find()
            .from_raw_sql(db.get_database_backend().build(&claim))
            .all(db)
            .await?;
        rows.sort_by_key(|row| (row.next_attempt_at, row.id));
        Ok(rows)
    }
}

/// Marks `mail` sent and keeps its bodies without their tokens.
fn sent(mail: &outbox::Model, now: DateTime<Utc>) -> outbox::ActiveModel {
    outbox::ActiveModel {
        sent_at: Set(Some(now)),
        claimed_until: Set(None),
        text_body: Set(without_tokens(&mail.text_body)),
        html_body: Set(without_tokens(&mail.html_body)),
        ..Default::default()
    }
}

/// `body` with the value of every `token=` replaced by [`REDACTED_TOKEN`]. Tokens are URL-safe
/// base64 (`Auth::link`), so the value ends at the first other character: `&amp;` in HTML, `&`,
/// a quote or the end of the line in text.
fn without_tokens(body: &str) -> String {
    const KEY: &str = "token=";
    let mut kept = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(KEY) {
        let (before, after) = rest.split_at(at + KEY.len());
        kept.push_str(before);
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(after.len());
        if end > 0 {
            kept.push_str(REDACTED_TOKEN);
        }
        rest = &after[end..];
    }
    kept.push_str(rest);
    kept
}

fn failed(attempts: i32, retry_at: DateTime<Utc>, error: String) -> outbox::ActiveModel {
    outbox::ActiveModel {
        attempts: Set(attempts),
        next_attempt_at: Set(retry_at),
        claimed_until: Set(None),
        last_error: Set(Some(error)),
        ..Default::default()
    }
}

async fn record(
    db: &DatabaseConnection,
    id: i32,
    change: outbox::ActiveModel,
) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .set(change)
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

/// Deletes the mail sent more than [`KEEP_SENT`] before `now`, and the mail given up more than
/// [`KEEP_GIVEN_UP`] before it; answers how many. The server's tidying runs it (`tidy.rs`).
pub(crate) async fn prune_old<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let deleted = outbox::Entity::delete_many()
        .filter(
            Condition::any()
                .add(outbox::Column::SentAt.lt(now - KEEP_SENT))
                .add(outbox::Column::GivenUpAt.lt(now - KEEP_GIVEN_UP)),
        )
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}

/// `readable` keeps the bodies as 8-bit text where the content allows it, so that a developer can
/// read the `.eml` and copy its links; a mail server gets lettre's 7-bit-safe choice.
fn message(mail: &outbox::Model, from: &Mailbox, readable: bool) -> Result<Message, SendError> {
    let to: Address = mail.to_address.trim().parse()?;
    let body = |content: &str| {
        if readable {
            readable_body(content)
        } else {
            Body::new(content.to_owned())
        }
    };
    // A subject is one header line, whatever the caller put in it.
    let subject = mail
        .subject
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // Stable per outbox row, so that a mail repeated after a crash (see the module docs) carries
    // the same id and mail programs can recognise the duplicate.
    let message_id = format!(
        "<outbox.{}.{}@{}>",
        mail.id,
        mail.created_at.timestamp_micros(),
        from.email.domain()
    );
    let alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(body(&mail.text_body)))
        .singlepart(SinglePart::html(body(&mail.html_body)));
    let builder = Message::builder()
        .message_id(Some(message_id))
        .from(from.clone())
        .to(Mailbox::new(None, to))
        .subject(subject);
    Ok(match &mail.calendar {
        None => builder.multipart(alternative)?,
        // The invitation as an attachment that mail programs offer to add to the calendar, sent
        // by the mail's sender.
        Some(calendar) => {
            let sender = from.name.as_deref().unwrap_or("");
            let (calendar, content_type) =
                app::services::calendar::as_sent(calendar, sender, from.email.as_ref())
                    .map_err(SendError::Calendar)?;
            let content_type = ContentType::parse(&content_type)
                .map_err(|err| SendError::Calendar(err.to_string()))?;
            builder.multipart(MultiPart::mixed().multipart(alternative).singlepart(
                Attachment::new("invite.ics".to_owned()).body(body(&calendar), content_type),
            ))?
        }
    })
}

/// The body as 8-bit text. lettre picks 8-bit only for lines under 76 characters, which turns
/// every HTML line and long link into quoted-printable; RFC 5322 allows 998, and that is the
/// limit checked here before falling back to lettre's choice.
fn readable_body(content: &str) -> Body {
    let crlf = content.replace("\r\n", "\n").replace('\n', "\r\n");
    let fits = crlf
        .split("\r\n")
        .all(|line| line.len() <= 998 && !line.contains(['\r', '\0']));
    if fits {
        Body::dangerous_pre_encoded(crlf.into_bytes(), ContentTransferEncoding::EightBit)
    } else {
        Body::new(content.to_owned())
    }
}

/// Writes under a temporary name first, so that a reader never sees half a mail.
async fn write_eml(dir: &Path, mail: &outbox::Model, eml: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let name = format!(
        "{}-{:06}.eml",
        mail.created_at.format("%Y%m%d-%H%M%S"),
        mail.id
    );
    let partial = dir.join(format!(".{name}.partial"));
    tokio::fs::write(&partial, eml).await?;
    tokio::fs::rename(&partial, dir.join(name)).await
}

/// The error with its causes, cut to a length that fits a person's screen.
fn error_text(err: &SendError) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let line = cause.to_string();
        if !text.contains(&line) {
            text.push_str(": ");
            text.push_str(&line);
        }
        source = cause.source();
    }
    text.chars().take(MAX_ERROR_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_an_hour() {
        let waits: Vec<u64> = (1..=12).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(
            waits,
            [5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600]
        );
        assert_eq!(backoff(i32::MAX), MAX_RETRY);
    }

    #[test]
    fn a_sent_mail_keeps_its_text_but_not_its_tokens() {
        let text = "Kies een nieuw wachtwoord:\nhttps://school.example/wachtwoord-herstellen?token=Ab-9_x\n\n-- \n";
        assert_eq!(
            without_tokens(text),
            "Kies een nieuw wachtwoord:\nhttps://school.example/wachtwoord-herstellen?token=[verwijderd]\n\n-- \n"
        );
        let html = "<a href=\"https://s.example/a?token=abc&amp;taal=nl\">x</a> https://s.example/b?token=def";
        assert_eq!(
            without_tokens(html),
            "<a href=\"https://s.example/a?token=[verwijderd]&amp;taal=nl\">x</a> https://s.example/b?token=[verwijderd]"
        );
        assert_eq!(
            without_tokens("geen link, token= leeg"),
            "geen link, token= leeg"
        );
        assert_eq!(without_tokens("Beste Heidi-Chloë,"), "Beste Heidi-Chloë,");
    }

    #[test]
    fn on_postgres_a_claim_skips_rows_that_another_worker_is_claiming() {
        let sql = due_locked(Utc::now())
            .build(DbBackend::Postgres)
            .to_string();
        assert!(sql.ends_with("FOR UPDATE SKIP LOCKED"), "{sql}");
        assert!(sql.contains(&format!("LIMIT {BATCH}")), "{sql}");
    }
}
