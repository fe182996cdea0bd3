//! What a school's IT runs beside the server: `school backup` and `school restore`, tidying,
//! metrics and the settings.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::support::{spawn_app, spawn_app_with};
use app::db::entities::{audit_entry, platform};
use app::functions::account::SignIn;
use leptos::server_fn::ServerFn;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

fn scratch(name: &str) -> std::path::PathBuf {
    crate::support::scratch(&format!("ops-{}-{name}", uuid::Uuid::new_v4().simple()))
}

/// Rounds of writing in the backup test: below the 20 sign-ins per username in five minutes.
const ROUNDS: u64 = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_requests_write_holds_every_committed_row_and_restores() {
    let app = Arc::new(spawn_app().await);
    let copy = scratch("backup.db");
    if !app.config.database_url.starts_with("sqlite:") {
        let err = server::backup::backup(&app.config, &copy)
            .await
            .expect_err("PostgreSQL has its own tools");
        assert!(err.to_string().contains("pg_dump"), "{err}");
        return;
    }
    let school = platform::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("a school");
    let marked =
        || audit_entry::Entity::find().filter(audit_entry::Column::Action.eq("backup-proef"));

    // Rounds of writing (fewer than the username's sign-in limit), before, during and after the copy: a sign-in over HTTP (a session and a
    // sign-in row) and a marked row of our own, each round counted once both are committed.
    let completed = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (app, completed) = (app.clone(), completed.clone());
        tokio::spawn(async move {
            for _ in 0..ROUNDS {
                let response = app
                    .client
                    .post(format!("{}{}", app.base, SignIn::PATH))
                    .form(&[
                        ("platform", "sintclara"),
                        ("username", "lotte.peeters"),
                        ("password", "Tom-papa-2026"),
                    ])
                    .send()
                    .await
                    .expect("answered");
                // Signed in: a new session's cookie (a refusal would redirect without one).
                let cookie = response.headers().get("set-cookie");
                assert!(
                    cookie.is_some_and(|value| value.to_str().is_ok_and(|v| v.contains("sid="))),
                    "not signed in: {}",
                    response.status()
                );
                audit_entry::ActiveModel {
                    platform_id: Set(school.id),
                    at: Set(chrono::Utc::now()),
                    action: Set("backup-proef".to_owned()),
                    subject: Set(String::new()),
                    detail: Set(String::new()),
                    ..Default::default()
                }
                .insert(&app.db)
                .await
                .expect("inserted");
                completed.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    while completed.load(Ordering::SeqCst) < 4 {
        assert!(!writer.is_finished(), "the writer stopped early");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let committed = completed.load(Ordering::SeqCst) as u64;
    let said = server::backup::backup(&app.config, &copy)
        .await
        .expect("backed up");
    assert!(said.contains("checked whole"), "{said}");
    writer.await.expect("writer");

    // The copy opens as a database of its own and holds every round committed before it began.
    let in_copy = {
        let db = sea_orm::Database::connect(format!("sqlite://{}?mode=ro", copy.display()))
            .await
            .expect("the copy opens");
        let count = marked().count(&db).await.expect("count");
        db.close().await.expect("closed");
        count
    };
    assert!(
        in_copy >= committed,
        "{in_copy} rows in the copy, {committed} committed before it began"
    );
    assert_eq!(marked().count(&app.db).await.expect("count"), ROUNDS);

    // A second backup into the same file is refused: nothing is overwritten.
    let err = server::backup::backup(&app.config, &copy)
        .await
        .expect_err("the file exists");
    assert!(err.to_string().contains("exists"), "{err}");

    // Restored into a fresh file, the copy serves: the rows are there and people sign in.
    let fresh = scratch("restored.db");
    let mut target = app.config.clone();
    target.database_url = format!("sqlite://{}", fresh.display());
    server::backup::restore(&target, &copy)
        .await
        .expect("restored");
    let err = server::backup::restore(&target, &copy)
        .await
        .expect_err("the database exists now");
    assert!(err.to_string().contains("move it aside"), "{err}");
    let restored = spawn_app_with(|config| config.database_url = target.database_url.clone()).await;
    let count = marked().count(&restored.db).await.expect("count");
    assert_eq!(count, in_copy);
    restored
        .cookie_of("sintclara", "lotte.peeters", "Tom-papa-2026")
        .await;
    for file in [&copy, &fresh] {
        let _ = std::fs::remove_file(file);
    }
}

#[tokio::test]
async fn restore_refuses_what_is_not_a_backup_of_this_platform() {
    let app = spawn_app().await;
    let Some(_) = app.config.sqlite_path() else {
        return;
    };
    let mut target = app.config.clone();
    target.database_url = format!("sqlite://{}", scratch("target.db").display());

    let missing = scratch("missing.db");
    let err = server::backup::restore(&target, &missing)
        .await
        .expect_err("no file");
    assert!(err.to_string().contains("no backup"), "{err}");

    let text = scratch("notes.txt");
    std::fs::write(&text, "geen databank").expect("written");
    let err = server::backup::restore(&target, &text)
        .await
        .expect_err("not SQLite");
    assert!(
        err.to_string().contains("not a whole SQLite database"),
        "{err}"
    );

    let other = scratch("other.db");
    let db = sea_orm::Database::connect(format!("sqlite://{}?mode=rwc", other.display()))
        .await
        .expect("created");
    sea_orm::ConnectionTrait::execute_unprepared(&db, "CREATE TABLE t (x INTEGER)")
        .await
        .expect("table");
    db.close().await.expect("closed");
    let err = server::backup::restore(&target, &other)
        .await
        .expect_err("another database");
    assert!(
        err.to_string().contains("not one of this platform"),
        "{err}"
    );
    assert!(
        !target.sqlite_path().expect("a file").exists(),
        "nothing was made"
    );

    // The write-ahead log of a database moved aside without it would be replayed onto the backup.
    let backup = scratch("backup.db");
    server::backup::backup(&app.config, &backup)
        .await
        .expect("backed up");
    let wal = format!("{}-wal", target.sqlite_path().expect("a file").display());
    std::fs::write(&wal, "").expect("written");
    let err = server::backup::restore(&target, &backup)
        .await
        .expect_err("a log is left");
    assert!(err.to_string().contains(&wal), "{err}");
    for file in [text, other, backup, wal.into()] {
        let _ = std::fs::remove_file(file);
    }
}

async fn request_id(app: &crate::support::TestApp, sent: Option<&str>) -> String {
    let mut request = app.client.get(format!("{}/healthz", app.base));
    if let Some(sent) = sent {
        request = request.header("x-request-id", sent);
    }
    let response = request.send().await.expect("answered");
    response.headers()["x-request-id"]
        .to_str()
        .expect("text")
        .to_owned()
}

#[tokio::test]
async fn a_request_id_is_taken_from_a_trusted_proxy_only() {
    let direct = spawn_app().await;
    let made = request_id(&direct, Some("van-de-client")).await;
    assert_ne!(made, "van-de-client", "a client does not choose its id");
    assert_eq!(made.len(), 32);
    assert_ne!(
        request_id(&direct, None).await,
        made,
        "each request its own"
    );

    let proxied = spawn_app_with(|config| {
        config.trusted_proxies =
            server::proxies::TrustedProxies::parse("127.0.0.1").expect("parses");
    })
    .await;
    assert_eq!(request_id(&proxied, Some("nginx-42")).await, "nginx-42");
    let replaced = request_id(&proxied, Some("met spatie\"}")).await;
    assert_eq!(
        replaced.len(),
        32,
        "an id unfit for the logs is replaced: {replaced}"
    );
}

#[tokio::test]
async fn json_log_lines_name_their_request() {
    let log = crate::support::captured_warnings();
    let app = spawn_app_with(|config| {
        config.trusted_proxies =
            server::proxies::TrustedProxies::parse("127.0.0.1").expect("parses");
    })
    .await;
    // A cross-site write is refused with a warning, inside the request.
    let response = app
        .client
        .post(format!("{}/api/iets", app.base))
        .header("origin", "https://elders.example")
        .header("x-request-id", "proef-7")
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), 403);
    assert_eq!(response.headers()["x-request-id"], "proef-7");

    let lines = log.lines();
    let line = lines
        .iter()
        .find(|line| line["span"]["request_id"] == "proef-7")
        .unwrap_or_else(|| panic!("no line of the request: {lines:?}"));
    assert_eq!(line["message"], "refused a cross-site request", "{line}");
    assert_eq!(line["span"]["method"], "POST", "{line}");
    assert_eq!(line["span"]["path"], "/api/iets", "{line}");
    assert_eq!(line["level"], "WARN", "{line}");
    assert!(line["timestamp"].is_string(), "{line}");
}

/// Tidying removes what has served its purpose and nothing that still serves: ended sessions but
/// not live ones (a remembered one idle for days included), counts of a window that is over but
/// not of the current one, used and expired tokens but not a live link, week-old sent mail but not
/// yesterday's or unsent mail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tidying_removes_what_has_served_its_purpose_and_nothing_else() {
    use app::auth::{rate_limit, sessions, tokens};
    use app::db::entities::token::Purpose;
    use app::db::entities::{outbox, session, sub_account, token};
    use chrono::{Duration, Utc};
    use sea_orm::ConnectionTrait;

    let app = spawn_app().await;
    let db = &app.db;
    let now = Utc::now();
    let person = sub_account::Entity::find()
        .one(db)
        .await
        .expect("query")
        .expect("a person")
        .id;
    let device = app::models::Device::default();
    let stored = |token: &str| session::Entity::find_by_id(sessions::handle_of(token));

    let idle = sessions::create(
        db,
        &Default::default(),
        person,
        &device,
        now - Duration::hours(3),
    )
    .await
    .expect("idle session");
    let ended = sessions::create(
        db,
        &Default::default(),
        person,
        &device,
        now - Duration::days(2),
    )
    .await
    .expect("ended session");
    let live = sessions::create(
        db,
        &Default::default(),
        person,
        &device,
        now - Duration::minutes(5),
    )
    .await
    .expect("live session");
    let remembered = sessions::create(
        db,
        &Default::default(),
        person,
        &device,
        now - Duration::days(3),
    )
    .await
    .expect("remembered session");
    sessions::remember(
        db,
        &Default::default(),
        &remembered,
        now - Duration::days(3),
    )
    .await
    .expect("remember");

    let over = "tidy-test-over";
    let current = "tidy-test-current";
    rate_limit::allow(
        db,
        over,
        rate_limit::MAIL_PER_CLIENT,
        now - Duration::hours(3),
    )
    .await
    .expect("old count");
    rate_limit::allow(db, current, rate_limit::MAIL_PER_CLIENT, now)
        .await
        .expect("current count");

    let expired = tokens::issue(
        db,
        person,
        Purpose::ResetPassword,
        None,
        now - Duration::hours(3),
    )
    .await
    .expect("expired token");
    let used = tokens::issue(db, person, Purpose::ResetPassword, None, now)
        .await
        .expect("used token");
    tokens::consume(db, &used, Purpose::ResetPassword, now)
        .await
        .expect("consume")
        .expect("a live token");
    let link = tokens::issue(db, person, Purpose::ConfirmEmail, Some("a@b.be"), now)
        .await
        .expect("live token");

    let mail = |subject: &str, sent_at: Option<chrono::DateTime<Utc>>| outbox::ActiveModel {
        to_address: Set("ouder@example.be".to_owned()),
        subject: Set(subject.to_owned()),
        text_body: Set(String::new()),
        html_body: Set(String::new()),
        created_at: Set(now - Duration::days(9)),
        attempts: Set(0),
        next_attempt_at: Set(now - Duration::days(9)),
        claimed_until: Set(None),
        sent_at: Set(sent_at),
        last_error: Set(None),
        calendar: Set(None),
        ..Default::default()
    };
    for row in [
        mail("a week ago", Some(now - Duration::days(8))),
        mail("yesterday", Some(now - Duration::days(1))),
        mail("not yet", None),
        outbox::ActiveModel {
            given_up_at: Set(Some(now - Duration::days(31))),
            ..mail("given up a month ago", None)
        },
        outbox::ActiveModel {
            given_up_at: Set(Some(now - Duration::days(1))),
            ..mail("given up yesterday", None)
        },
    ] {
        row.insert(db).await.expect("outbox row");
    }

    let tidied = server::tidy::run_once(db, &Default::default(), now)
        .await
        .expect("tidy")
        .expect("nobody else tidies");
    assert!(tidied.sessions >= 2, "{tidied:?}");
    assert!(tidied.rate_limits >= 1 && tidied.tokens >= 2, "{tidied:?}");
    assert_eq!(tidied.old_mail, 2, "{tidied:?}");

    for (token, kept) in [
        (&idle, false),
        (&ended, false),
        (&live, true),
        (&remembered, true),
    ] {
        let found = stored(token).one(db).await.expect("query").is_some();
        assert_eq!(found, kept, "session kept: {kept}");
    }
    let key_kept = |key: &'static str| async move {
        let backend = db.get_database_backend();
        let sql = match backend {
            sea_orm::DbBackend::Postgres => "SELECT COUNT(*) FROM rate_limit WHERE key = $1",
            _ => "SELECT COUNT(*) FROM rate_limit WHERE key = ?",
        };
        let row = db
            .query_one_raw(sea_orm::Statement::from_sql_and_values(
                backend,
                sql,
                [key.into()],
            ))
            .await
            .expect("query")
            .expect("a count");
        row.try_get_by_index::<i64>(0).expect("count") > 0
    };
    assert!(
        !key_kept(over).await,
        "a count of a window that is over is gone"
    );
    assert!(key_kept(current).await, "the current window's count stays");
    for (raw, kept) in [(&expired, false), (&used, false), (&link, true)] {
        let found = token::Entity::find_by_id(app::auth::secrets::digest(raw))
            .one(db)
            .await
            .expect("query")
            .is_some();
        assert_eq!(found, kept, "token kept: {kept}");
    }
    let left: Vec<String> = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq("ouder@example.be"))
        .all(db)
        .await
        .expect("query")
        .into_iter()
        .map(|row| row.subject)
        .collect();
    assert_eq!(left.len(), 3, "{left:?}");
    assert!(
        !left.contains(&"given up a month ago".to_owned()),
        "{left:?}"
    );
    assert!(!left.contains(&"a week ago".to_owned()), "{left:?}");

    let again = server::tidy::run_once(db, &Default::default(), now)
        .await
        .expect("tidy");
    assert_eq!(
        again,
        Some(server::tidy::Tidied::default()),
        "nothing left to tidy"
    );
}

/// On PostgreSQL one server tidies at a time: while another holds the lock, a round skips.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_one_server_tidies_at_a_time() {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let app = spawn_app().await;
    if app.db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return;
    }
    let other = app.db.begin().await.expect("begin");
    other
        .execute_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [(app::db::Turn::Tidy as i64).into()],
        ))
        .await
        .expect("take the lock");
    let skipped = server::tidy::run_once(&app.db, &Default::default(), chrono::Utc::now())
        .await
        .expect("tidy");
    assert_eq!(skipped, None, "another server is tidying");
    other.commit().await.expect("release");
    let ran = server::tidy::run_once(&app.db, &Default::default(), chrono::Utc::now())
        .await
        .expect("tidy");
    assert!(ran.is_some(), "the lock is free again");
}

/// `/metrics` exists only with `METRICS_TOKEN` and answers only a scraper that shows it; it then
/// tells the latency of each route by status, failed sign-ins by reason, the hasher and the
/// outbox.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_only_for_the_scraper_with_the_token() {
    let plain = spawn_app().await;
    let hidden = plain
        .client
        .get(format!("{}/metrics", plain.base))
        .send()
        .await
        .expect("answered");
    assert_eq!(hidden.status(), 404, "no token configured, no metrics");

    let token = "metrics-token-for-the-test-0123456789";
    let app = spawn_app_with(|config| config.metrics_token = Some(token.into())).await;
    let scrape = |authorization: Option<String>| {
        let mut request = app.client.get(format!("{}/metrics", app.base));
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        async move { request.send().await.expect("answered") }
    };
    assert_eq!(scrape(None).await.status(), 401);
    assert_eq!(scrape(Some(format!("Bearer {token}x"))).await.status(), 401);
    assert_eq!(
        scrape(Some(token.to_owned())).await.status(),
        401,
        "Bearer only"
    );

    assert_eq!(app.get("/healthz").await.status(), 200);
    assert_eq!(app.get("/geen/pagina/van/deze/school").await.status(), 404);
    let refused = app
        .client
        .post(format!("{}{}", app.base, SignIn::PATH))
        .form(&[
            ("platform", "sintclara"),
            ("username", "lotte.peeters"),
            ("password", "niet-het-wachtwoord"),
        ])
        .send()
        .await
        .expect("answered");
    assert!(!refused.status().is_server_error());
    app::mail::enqueue(
        &app.db,
        app::mail::Mail {
            to: "wacht@example.be".to_owned(),
            subject: "Wacht".to_owned(),
            text: String::new(),
            html: String::new(),
            calendar: None,
            recipient: None,
        },
    )
    .await
    .expect("queued");

    let answer = scrape(Some(format!("Bearer {token}"))).await;
    assert_eq!(answer.status(), 200);
    let text = answer.text().await.expect("text");
    let value = |series: &str| -> f64 {
        text.lines()
            .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
            .unwrap_or_else(|| panic!("{series} in:\n{text}"))
    };
    assert_eq!(
        value("school_http_request_duration_seconds_count{route=\"/healthz\",status=\"200\"}"),
        1.0
    );
    assert_eq!(
        value("school_http_request_duration_seconds_count{route=\"other\",status=\"404\"}"),
        1.0,
        "an unknown address counts under one label"
    );
    assert_eq!(
        value("school_sign_in_failures_total{reason=\"credentials\"}"),
        1.0
    );
    assert_eq!(value("school_hasher_queue"), 0.0);
    assert!(value("school_outbox_unsent") >= 1.0);
    assert!(value("school_outbox_oldest_unsent_seconds") >= 0.0);
    assert_eq!(value("school_outbox_given_up"), 0.0);
    assert!(value("school_db_pool_max") >= 1.0);
    assert!(text.contains("# TYPE school_http_request_duration_seconds histogram"));
}

/// Session lifetimes are settings: a school that wants shorter sessions gets a cookie that lasts
/// its absolute lifetime and a session that ends after its idle time, which by default would
/// still be alive.
#[tokio::test]
async fn session_lifetimes_are_settings() {
    use app::auth::sessions::Lifetimes;
    use chrono::{Duration, Utc};
    let short = Lifetimes {
        idle: Duration::minutes(15),
        absolute: Duration::hours(2),
        remembered: Duration::days(7),
    };
    let app = spawn_app_with(|config| config.session_lifetimes = short).await;
    let response = app
        .client
        .post(format!("{}{}", app.base, SignIn::PATH))
        .form(&[
            ("platform", "sintclara"),
            ("username", "lotte.peeters"),
            ("password", "Tom-papa-2026"),
        ])
        .send()
        .await
        .expect("answered");
    let (token, max_age) = crate::support::session_cookie_of(&response);
    assert_eq!(
        max_age,
        2 * 60 * 60,
        "the cookie lasts the absolute lifetime"
    );
    let now = Utc::now();
    let alive = |lifetimes: Lifetimes, at: chrono::DateTime<Utc>| {
        let (db, token) = (&app.db, &token);
        async move {
            app::auth::current(db, &lifetimes, token, at)
                .await
                .expect("query")
                .is_some()
        }
    };
    assert!(alive(app.auth().sessions, now + Duration::minutes(14)).await);
    assert!(
        alive(Lifetimes::default(), now + Duration::minutes(40)).await,
        "by default, 26 minutes without a request is nothing"
    );
    assert!(
        !alive(app.auth().sessions, now + Duration::minutes(70)).await,
        "with the setting, 30 minutes without a request ends the session"
    );
}

#[tokio::test]
async fn upload_limits_are_settings_the_forms_state_and_the_server_keeps() {
    use app::models::UploadLimits;
    use reqwest::StatusCode;
    const MB: usize = 1024 * 1024;
    let app = spawn_app_with(|config| {
        config.upload_limits = UploadLimits {
            file: MB,
            message: 2 * MB,
        }
    })
    .await;
    let heidi = app
        .cookie(("sintclara", "lotte.peeters", "Heidi-mama-2026"))
        .await;

    // The forms say what this server accepts, in the reader's language.
    let documents = app
        .get_as(&heidi, "/mijn-documenten")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        documents.contains("Maximaal 1 MB per bestand."),
        "{documents}"
    );
    let compose = app
        .get_as(&heidi, "/berichten/nieuw")
        .await
        .text()
        .await
        .expect("page");
    assert!(compose.contains("Samen hoogstens 2 MB."), "{compose}");
    let french = app
        .get_as(&format!("{heidi}; lang=fr"), "/mijn-documenten")
        .await
        .text()
        .await
        .expect("page");
    assert!(french.contains("1 Mo maximum par fichier."), "{french}");

    // A file just above the setting is refused and kept nowhere; one below it is kept.
    let upload = |size: usize| {
        app.post_file(
            "/mijn-documenten/opladen",
            Some(&heidi),
            &[],
            ("brief.pdf", vec![b'x'; size]),
            false,
        )
    };
    assert_eq!(upload(MB + 1).await.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        app::db::entities::document::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        0
    );
    assert_eq!(upload(MB).await.status(), StatusCode::CREATED);

    // A message's attachments together: 1.5 MB passes the size check (and is then refused for
    // want of a recipient), 2.5 MB is too large.
    let fields = [
        ("actie", "verzenden".to_owned()),
        ("onderwerp", "Bijlage".to_owned()),
    ];
    let attach = |size: usize| {
        app.write_message(
            Some(&heidi),
            &fields,
            vec![
                ("a.bin", vec![7u8; size / 2]),
                ("b.bin", vec![7u8; size - size / 2]),
            ],
        )
    };
    assert_eq!(
        attach(3 * MB / 2).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        attach(5 * MB / 2).await.status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );

    // What a draft already has counts with what is added to it, and what a forwarded message
    // brings with what the forward adds: a limit is not got round a file at a time.
    let subject = [("onderwerp", "Concept".to_owned())];
    let saved = app
        .write_message(
            Some(&heidi),
            &subject,
            vec![("a.bin", vec![7u8; 3 * MB / 2])],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::CREATED);
    let draft = saved.text().await.expect("the draft's id");
    let attached = || async {
        use sea_orm::QuerySelect;
        let sizes: Vec<i64> = app::db::entities::attachment::Entity::find()
            .select_only()
            .column(app::db::entities::attachment::Column::Size)
            .into_tuple()
            .all(&app.db)
            .await
            .expect("sizes");
        sizes.into_iter().sum::<i64>()
    };
    assert_eq!(attached().await, (3 * MB / 2) as i64);
    for (field, value) in [("concept", &draft), ("doorsturen", &draft)] {
        let more = app
            .write_message(
                Some(&heidi),
                &[subject[0].clone(), (field, value.clone())],
                vec![("b.bin", vec![7u8; MB])],
            )
            .await;
        assert_eq!(more.status(), StatusCode::PAYLOAD_TOO_LARGE, "{field}");
    }
    assert_eq!(
        attached().await,
        (3 * MB / 2) as i64,
        "nothing was added or copied"
    );
}
