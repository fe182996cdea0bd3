//! `school-bench pages`: what the family costs when pages render, measured against the same page
//! without it, in one process on the demo, so that a noisy shared machine affects both alike.
//!
//! Whole pages go through the real router (server-side rendering, the visibility module, the
//! database): the agenda of one's own child against the agenda of a child at another school reached
//! through the family switcher, "Mijn kinderen" of a family of two children against that of a
//! parent with one child, and the Berichten inbox of a mailbox with 10,000 messages against an
//! empty one.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use server::{Config, StartError};
use tower::ServiceExt;

use crate::measure::{measure, median};

const REQUESTS: usize = 300;
const ROUNDS: usize = 5;

pub async fn run() -> Result<(), StartError> {
    let path = std::env::temp_dir().join(format!("school-bench-pages-{}.db", std::process::id()));
    let config = Config::from_lookup(|var| match var {
        "DATABASE_URL" => Some(format!("sqlite://{}", path.display())),
        "SITE_ADDR" => Some("127.0.0.1:0".to_owned()),
        "DEMO" => Some("true".to_owned()),
        _ => std::env::var(var).ok(),
    })
    .map_err(|err| StartError::Command(err.to_string()))?;
    println!("Seeding the demo into a throw-away SQLite file…");
    let db = server::prepare(&config).await?;
    let router = server::router(&config, db.clone());

    let heidi = cookie(
        &db,
        &config,
        "sintclara",
        "lotte.peeters",
        "Heidi-mama-2026",
    )
    .await?;
    let switched = cookie(
        &db,
        &config,
        "sintclara",
        "lotte.peeters",
        "Heidi-mama-2026",
    )
    .await?;
    let ines = cookie(&db, &config, "sintclara", "noah.maes", "Ines-mama-2026").await?;
    select_other_child(&db, &switched).await?;
    // Noah's father and stepmother: the demo leaves both mailboxes empty; hers gets 10,000.
    let empty = cookie(&db, &config, "sintclara", "noah.maes", "Kevin-papa-2026").await?;
    let full = cookie(&db, &config, "sintclara", "noah.maes", "Nathalie-2026").await?;
    println!("Filling one mailbox with {FULL_MAILBOX} messages…");
    fill_mailbox(&db, &full, FULL_MAILBOX).await?;

    let workers = std::thread::available_parallelism().map_or(1, usize::from) * 2;
    let mut figures: [Vec<f64>; 6] = Default::default();
    for _ in 0..ROUNDS {
        figures[0].push(pages(&router, "/agenda", &heidi, workers).await);
        figures[1].push(pages(&router, "/agenda", &switched, workers).await);
        figures[2].push(pages(&router, "/mijn-kinderen", &ines, workers).await);
        figures[3].push(pages(&router, "/mijn-kinderen", &heidi, workers).await);
        figures[4].push(pages(&router, "/berichten", &empty, workers).await);
        figures[5].push(pages(&router, "/berichten", &full, workers).await);
    }
    let [own, other, one, two, inbox_empty, inbox_full] = figures.map(median);
    crate::throwaway::remove_sqlite(&path);

    println!("agenda pages/s, own child:                        {own:.1}");
    println!("agenda pages/s, child at another school (switch): {other:.1}");
    println!(
        "switched / own:                                   {:.1} % (goal ≥ 80 %)",
        100.0 * other / own
    );
    println!("Mijn kinderen pages/s, one child:                 {one:.1}");
    println!("Mijn kinderen pages/s, family of two children:    {two:.1}");
    println!(
        "two children / one:                              {:.1} % (goal ≥ 50 %: at most twice the work)",
        100.0 * two / one
    );
    println!("Berichten pages/s, empty mailbox:                 {inbox_empty:.1}");
    println!("Berichten pages/s, {FULL_MAILBOX} messages:             {inbox_full:.1}");
    println!(
        "full / empty:                                     {:.1} % (goal ≥ 50 %: within 2×)",
        100.0 * inbox_full / inbox_empty
    );
    Ok(())
}

const FULL_MAILBOX: usize = 10_000;

/// Puts `count` messages into the inbox of the person of `cookie`, one in three unread, from the
/// class teacher, one per minute back in time.
async fn fill_mailbox(
    db: &sea_orm::DatabaseConnection,
    cookie: &str,
    count: usize,
) -> Result<(), StartError> {
    use app::db::entities::{mailbox_entry, message};
    use sea_orm::prelude::Uuid;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
    let token = cookie.trim_start_matches("sid=");
    let current = app::auth::current(db, &Default::default(), token, chrono::Utc::now())
        .await?
        .ok_or_else(|| StartError::Command("the session just made is gone".to_owned()))?;
    let sender = app::auth::find_person(db, "sintclara", "pieter.wuyts", 0)
        .await?
        .ok_or_else(|| StartError::Command("the demo has no Pieter Wuyts".to_owned()))?;
    let now = chrono::Utc::now();
    let txn = db.begin().await?;
    for chunk in (0..count).collect::<Vec<_>>().chunks(500) {
        let mut messages = Vec::new();
        let ids: Vec<Uuid> = chunk.iter().map(|_| Uuid::new_v4()).collect();
        for (n, id) in chunk.iter().zip(&ids) {
            let at = now - chrono::Duration::minutes(*n as i64);
            messages.push(message::ActiveModel {
                public_id: Set(*id),
                platform_id: Set(current.account.platform_id),
                sender_id: Set(sender.id),
                sender_name: Set(sender.display_name()),
                subject: Set(format!("Bericht {n}")),
                body: Set("<p>Inhoud</p>".to_owned()),
                source: Set("Inhoud".to_owned()),
                to_label: Set(current.person.display_name()),
                draft_to: Set(None),
                created_at: Set(at),
                sent_at: Set(Some(at)),
                ..Default::default()
            });
        }
        message::Entity::insert_many(messages).exec(&txn).await?;
        let stored = message::Entity::find()
            .filter(message::Column::PublicId.is_in(ids))
            .all(&txn)
            .await?;
        let entries = stored
            .into_iter()
            .map(|message| mailbox_entry::ActiveModel {
                public_id: Set(Uuid::new_v4()),
                owner_id: Set(current.person.id),
                message_id: Set(message.id),
                folder: Set("inbox".to_owned()),
                restore_folder: Set(None),
                received: Set(true),
                read_at: Set((message.id % 3 != 0).then_some(now)),
                flagged: Set(false),
                sorted_at: Set(message.sent_at.unwrap_or(now)),
                ..Default::default()
            });
        mailbox_entry::Entity::insert_many(entries)
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn cookie(
    db: &sea_orm::DatabaseConnection,
    config: &Config,
    platform: &str,
    username: &str,
    password: &str,
) -> Result<Arc<str>, StartError> {
    let signed_in = app::auth::sign_in(
        db,
        &app::auth::Auth::new(&config.base_url),
        platform,
        username,
        password,
        "127.0.0.1",
        chrono::Utc::now(),
    )
    .await
    .map_err(|err| StartError::Command(format!("signing in {username}: {err}")))?;
    Ok(format!("sid={}", signed_in.session_token).into())
}

/// Selects, in the session of `cookie`, the other child of the family (the one at another school).
async fn select_other_child(
    db: &sea_orm::DatabaseConnection,
    cookie: &str,
) -> Result<(), StartError> {
    let token = cookie.trim_start_matches("sid=");
    let current = app::auth::current(db, &Default::default(), token, chrono::Utc::now())
        .await?
        .ok_or_else(|| StartError::Command("the session just made is gone".to_owned()))?;
    let other = current
        .family
        .members()
        .iter()
        .find(|member| member.person.id != current.person.id)
        .ok_or_else(|| StartError::Command("the demo family has one member".to_owned()))?;
    app::auth::family::select(db, token, Some(other.person.id)).await?;
    Ok(())
}

/// Renders `path` for `cookie` `REQUESTS` times; returns pages per second (200 answers only).
async fn pages(router: &Router, path: &'static str, cookie: &Arc<str>, workers: usize) -> f64 {
    let (router, cookie) = (router.clone(), cookie.clone());
    measure(REQUESTS, workers, move |_| {
        let (router, cookie) = (router.clone(), cookie.clone());
        async move {
            let Ok(request) = Request::get(path)
                .header(header::COOKIE, &*cookie)
                .header(header::ACCEPT, "text/html")
                .body(Body::empty())
            else {
                return false;
            };
            match router.oneshot(request).await {
                Ok(response) => response.status() == StatusCode::OK,
                Err(never) => match never {},
            }
        }
    })
    .await
}
