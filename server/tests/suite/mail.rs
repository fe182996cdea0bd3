//! Mail that is never lost: the outbox, the worker and the transports, on SQLite and (with
//! TEST_DATABASE_URL) on PostgreSQL.
//!
//! The SMTP tests deliver to a real SMTP catcher, maildev, and read the mail back through its REST
//! API. `scripts/test` starts one and exports TEST_SMTP_URL and TEST_MAILDEV_URL; without them these
//! tests fail and say so, rather than passing without having sent anything. Every test writes to
//! addresses of its own, so tests (and the SQLite and PostgreSQL runs) can share one maildev.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use crate::support::{close_pool, fresh_database_url};
use app::db::entities::outbox;
use app::i18n::Lang;
use app::mail::{enqueue, Mail};
use app::services::calendar::{invitation, Invitation};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait,
    TransactionTrait,
};
use server::mailer::{deliver_due, spawn_worker, DeliveryReport, Transport};
use server::Config;

const RUN_SCRIPTS_TEST: &str = "is not set: run scripts/test, which starts maildev and exports \
     TEST_SMTP_URL and TEST_MAILDEV_URL (or start end2end/node_modules/.bin/maildev yourself and \
     export both)";

fn smtp_url() -> String {
    std::env::var("TEST_SMTP_URL").unwrap_or_else(|_| panic!("TEST_SMTP_URL {RUN_SCRIPTS_TEST}"))
}

fn maildev_url() -> String {
    std::env::var("TEST_MAILDEV_URL")
        .unwrap_or_else(|_| panic!("TEST_MAILDEV_URL {RUN_SCRIPTS_TEST}"))
}

/// Fails the test up front, with the reason, when maildev is not there to send to.
fn require_maildev() {
    smtp_url();
    maildev_url();
}

/// A configuration for `database_url` without the demo (mail tests need no schools) plus `vars`.
fn config(database_url: &str, vars: &[(&str, &str)]) -> Config {
    Config::from_lookup(|var| match var {
        "DATABASE_URL" => Some(database_url.to_owned()),
        "DEMO" => Some("false".to_owned()),
        _ => vars
            .iter()
            .find(|(name, _)| *name == var)
            .map(|(_, value)| (*value).to_owned()),
    })
    .expect("test configuration parses")
}

async fn database() -> (String, DatabaseConnection) {
    let url = fresh_database_url().await;
    let db = server::prepare(&config(&url, &[]))
        .await
        .expect("database prepared");
    (url, db)
}

fn maildev_transport(database_url: &str) -> Transport {
    Transport::from_config(&config(database_url, &[("SMTP_URL", &smtp_url())]))
        .expect("SMTP transport for maildev")
}

/// A folder for the folder transport, removed when the test ends.
struct MailDir(PathBuf);

impl MailDir {
    fn new() -> MailDir {
        MailDir(std::env::temp_dir().join(format!("school-mail-{}", uuid::Uuid::new_v4().simple())))
    }

    fn transport(&self, database_url: &str) -> Transport {
        let dir = self.0.display().to_string();
        Transport::from_config(&config(database_url, &[("MAIL_DIR", &dir)]))
            .expect("folder transport")
    }

    fn files(&self) -> Vec<PathBuf> {
        std::fs::read_dir(&self.0)
            .expect("mail dir")
            .map(|entry| entry.expect("dir entry").path())
            .collect()
    }
}

impl Drop for MailDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An address no other test writes to, so that maildev's inbox can be read per test.
fn unique_address(who: &str) -> String {
    format!("{who}-{}@example.test", uuid::Uuid::new_v4().simple())
}

fn confirmation_mail(to: &str, subject: &str) -> Mail {
    Mail::with_link(
        Lang::Nl,
        to,
        subject,
        "Beste Heidi,",
        &["U vulde dit e-mailadres in op het schoolplatform van Sint-Clara. Klopt dat, bevestig het dan."],
        "Bevestig mijn e-mailadres",
        "https://school.example/sintclara/bevestig?token=abc123&taal=nl",
    )
}

async fn enqueue_committed(db: &DatabaseConnection, mail: Mail) {
    let txn = db.begin().await.expect("begin");
    enqueue(&txn, mail).await.expect("enqueue");
    txn.commit().await.expect("commit");
}

async fn only_row(db: &DatabaseConnection) -> outbox::Model {
    let rows = outbox::Entity::find().all(db).await.expect("read outbox");
    assert_eq!(rows.len(), 1, "{rows:?}");
    rows.into_iter().next().expect("one row")
}

/// The mails maildev holds for `address`, once there are at least `count` (or after 15 s).
async fn mails_to(address: &str, count: usize) -> Vec<serde_json::Value> {
    let url = format!("{}/api/email?to.address={address}", maildev_url());
    let client = reqwest::Client::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let body = client
            .get(&url)
            .send()
            .await
            .expect("maildev answers at TEST_MAILDEV_URL")
            .error_for_status()
            .expect("maildev lists its mail")
            .text()
            .await
            .expect("maildev's answer");
        let mails: Vec<serde_json::Value> =
            serde_json::from_str(&body).expect("maildev answers a JSON list");
        if mails.len() >= count || tokio::time::Instant::now() >= deadline {
            return mails;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn field<'a>(mail: &'a serde_json::Value, name: &str) -> &'a str {
    mail[name]
        .as_str()
        .unwrap_or_else(|| panic!("maildev mail without {name}: {mail}"))
}

/// A local port that nothing listens on: an SMTP server that is down.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local addr").port()
}

#[tokio::test]
async fn a_mail_enqueued_in_a_rolled_back_transaction_is_never_sent() {
    let (url, db) = database().await;
    let txn = db.begin().await.expect("begin");
    enqueue(
        &txn,
        confirmation_mail(&unique_address("heidi"), "Bevestig uw e-mailadres"),
    )
    .await
    .expect("enqueue");
    txn.rollback().await.expect("roll back");

    assert_eq!(outbox::Entity::find().count(&db).await.expect("count"), 0);
    let dir = MailDir::new();
    let report = deliver_due(&db, &dir.transport(&url), Utc::now())
        .await
        .expect("delivery pass");
    assert_eq!(report, DeliveryReport::default());
    assert_eq!(
        dir.files().len(),
        0,
        "nothing may be written for a rolled-back action"
    );
}

#[tokio::test]
async fn a_mail_survives_an_smtp_outage() {
    require_maildev();
    let (url, db) = database().await;
    let to = unique_address("heidi");
    let subject = format!("Bevestig uw e-mailadres {}", uuid::Uuid::new_v4().simple());
    enqueue_committed(&db, confirmation_mail(&to, &subject)).await;

    let down = format!("smtp://127.0.0.1:{}", closed_port());
    let unreachable =
        Transport::from_config(&config(&url, &[("SMTP_URL", &down)])).expect("transport");
    let now = Utc::now();
    let report = deliver_due(&db, &unreachable, now)
        .await
        .expect("a failed send is not a database error");
    assert_eq!(
        report,
        DeliveryReport {
            claimed: 1,
            sent: 0,
            failed: 1,
            given_up: 0,
        }
    );
    let row = only_row(&db).await;
    assert_eq!(row.attempts, 1);
    assert_eq!(row.sent_at, None);
    assert_eq!(
        row.claimed_until, None,
        "a failed mail is free for the next try"
    );
    assert!(
        row.last_error.as_deref().is_some_and(|e| !e.is_empty()),
        "{row:?}"
    );
    assert!(row.next_attempt_at > now, "{row:?}");

    // Before the backoff has passed, not even a working server gets it.
    let maildev = maildev_transport(&url);
    let early = deliver_due(&db, &maildev, now + chrono::Duration::seconds(1))
        .await
        .expect("delivery pass");
    assert_eq!(early.claimed, 0);

    let later = row.next_attempt_at + chrono::Duration::seconds(1);
    let report = deliver_due(&db, &maildev, later)
        .await
        .expect("delivery pass");
    assert_eq!(report.sent, 1, "{report:?}");
    let row = only_row(&db).await;
    assert!(row.sent_at.is_some(), "{row:?}");
    assert_eq!(row.attempts, 1);
    assert!(
        row.last_error.is_some(),
        "the last error stays for whoever investigates"
    );

    let mails = mails_to(&to, 1).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    let mail = &mails[0];
    assert_eq!(field(mail, "subject"), subject);
    assert_eq!(mail["to"][0]["address"], to.as_str());
    assert_eq!(
        mail["from"][0]["address"],
        "no-reply@schoolplatform.localhost"
    );
    let text = field(mail, "text");
    assert!(text.starts_with("Beste Heidi,"), "{text}");
    assert!(
        text.contains("https://school.example/sintclara/bevestig?token=abc123&taal=nl"),
        "{text}"
    );
    let html = field(mail, "html");
    assert!(
        html.contains(
            "href=\"https://school.example/sintclara/bevestig?token=abc123&amp;taal=nl\""
        ),
        "{html}"
    );
    assert!(html.contains("Bevestig mijn e-mailadres</a>"), "{html}");
}

#[tokio::test]
async fn a_mail_is_claimed_by_one_worker_only() {
    const MAILS: usize = 20;
    const WORKERS: usize = 4;
    require_maildev();
    let (url, db) = database().await;
    let to = unique_address("ouders");
    let marker = uuid::Uuid::new_v4().simple().to_string();
    let subjects: BTreeSet<String> = (0..MAILS)
        .map(|n| format!("Nieuw bericht {marker} #{n:02}"))
        .collect();
    for subject in &subjects {
        enqueue_committed(&db, confirmation_mail(&to, subject)).await;
    }

    // Each worker has a pool of its own, as separate app servers on one database would.
    let now = Utc::now();
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let url = url.clone();
            tokio::spawn(async move {
                let db = app::db::connect(&url).await.expect("connect");
                let transport = maildev_transport(&url);
                let mut sent = 0;
                loop {
                    let report = deliver_due(&db, &transport, now)
                        .await
                        .expect("delivery pass");
                    assert_eq!(report.failed, 0, "{report:?}");
                    if report.claimed == 0 {
                        return sent;
                    }
                    sent += report.sent;
                }
            })
        })
        .collect();
    let mut sent = 0;
    for worker in workers {
        sent += worker.await.expect("worker finished");
    }
    assert_eq!(sent, MAILS);

    let rows = outbox::Entity::find().all(&db).await.expect("read outbox");
    assert_eq!(rows.len(), MAILS);
    assert!(rows.iter().all(|row| row.sent_at.is_some()), "{rows:?}");

    let mut received = mails_to(&to, MAILS).await;
    // A duplicate would arrive just after the others: give it the chance to.
    tokio::time::sleep(Duration::from_millis(500)).await;
    received = mails_to(&to, received.len()).await;
    let received_subjects: Vec<&str> = received.iter().map(|mail| field(mail, "subject")).collect();
    assert_eq!(received.len(), MAILS, "{received_subjects:?}");
    assert_eq!(
        received_subjects
            .iter()
            .map(|s| (*s).to_owned())
            .collect::<BTreeSet<_>>(),
        subjects
    );
}

#[tokio::test]
async fn mail_kept_in_a_folder_when_no_smtp_is_configured() {
    let (url, db) = database().await;
    let dir = MailDir::new();
    let to = unique_address("heidi");
    let mut mail = confirmation_mail(&to, "Bevestig uw e-mailadres");
    mail.text = mail.text.replace("Beste Heidi", "Beste Heidi-Chloë");
    enqueue_committed(&db, mail).await;

    let report = deliver_due(&db, &dir.transport(&url), Utc::now())
        .await
        .expect("delivery pass");
    assert_eq!(report.sent, 1, "{report:?}");
    assert!(only_row(&db).await.sent_at.is_some());

    let files = dir.files();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].extension().and_then(|e| e.to_str()), Some("eml"));
    let eml = std::fs::read_to_string(&files[0]).expect("the .eml is UTF-8 text");
    for expected in [
        "From: Schoolplatform <no-reply@schoolplatform.localhost>",
        &format!("To: {to}"),
        "Subject: Bevestig uw e-mailadres",
        "Message-ID: <outbox.",
        "multipart/alternative",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Type: text/html; charset=utf-8",
        // Readable as it is: no quoted-printable soft breaks inside links or words.
        "Beste Heidi-Chloë,",
        "https://school.example/sintclara/bevestig?token=abc123&taal=nl",
        "href=\"https://school.example/sintclara/bevestig?token=abc123&amp;taal=nl\"",
    ] {
        assert!(eml.contains(expected), "{expected:?} missing from:\n{eml}");
    }
}

#[tokio::test]
async fn an_unsent_mail_survives_a_restart() {
    let url = fresh_database_url().await;
    let config = config(&url, &[]);
    let db = server::prepare(&config).await.expect("first start");
    enqueue_committed(
        &db,
        confirmation_mail(&unique_address("heidi"), "Na herstart"),
    )
    .await;
    close_pool(db).await;

    let db = server::prepare(&config).await.expect("second start");
    let row = only_row(&db).await;
    assert_eq!(row.subject, "Na herstart");
    assert_eq!(row.sent_at, None);
    let dir = MailDir::new();
    let report = deliver_due(&db, &dir.transport(&url), Utc::now())
        .await
        .expect("delivery pass");
    assert_eq!(report.sent, 1);
}

#[tokio::test]
async fn a_mail_claimed_by_a_crashed_worker_is_taken_over_after_its_lease() {
    let (url, db) = database().await;
    enqueue_committed(&db, confirmation_mail(&unique_address("heidi"), "Heropend")).await;
    let now = Utc::now();
    let lease_end: DateTime<Utc> = now + chrono::Duration::minutes(5);
    let mut claimed: outbox::ActiveModel = only_row(&db).await.into();
    claimed.claimed_until = Set(Some(lease_end));
    claimed
        .update(&db)
        .await
        .expect("claim as a worker that then dies");

    let dir = MailDir::new();
    let transport = dir.transport(&url);
    let during = deliver_due(&db, &transport, now)
        .await
        .expect("delivery pass");
    assert_eq!(during.claimed, 0, "the lease still holds");
    let after = deliver_due(&db, &transport, lease_end + chrono::Duration::seconds(1))
        .await
        .expect("delivery pass");
    assert_eq!(after.sent, 1, "{after:?}");
}

#[tokio::test]
async fn the_worker_delivers_in_the_background_and_stops_on_shutdown() {
    let (url, db) = database().await;
    let dir = MailDir::new();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = spawn_worker(db.clone(), dir.transport(&url), stopped);

    enqueue_committed(
        &db,
        confirmation_mail(&unique_address("heidi"), "Op de achtergrond"),
    )
    .await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while only_row(&db).await.sent_at.is_none() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the worker did not send within 10 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(dir.files().len(), 1);

    stop.send(true).expect("worker listens");
    tokio::time::timeout(Duration::from_secs(5), worker)
        .await
        .expect("the worker stops promptly")
        .expect("the worker ends cleanly");
}

#[tokio::test]
async fn a_calendar_invitation_travels_as_an_ics_attachment_from_its_organiser() {
    require_maildev();
    let (url, db) = database().await;
    for cancelled in [false, true] {
        let to = unique_address("heidi");
        let invite = invitation(&Invitation {
            uid: "oudercontact-test",
            starts: "2026-12-08T15:00:00Z".parse().expect("a time"),
            ends: "2026-12-08T15:10:00Z".parse().expect("a time"),
            summary: "Oudercontact An Claes (Lotte)",
            description: "Wiskunde",
            location: "School",
            cancelled,
            now: Utc::now(),
        });
        enqueue_committed(
            &db,
            confirmation_mail(&to, "Oudercontact").with_calendar(invite.clone()),
        )
        .await;
        let report = deliver_due(&db, &maildev_transport(&url), Utc::now())
            .await
            .expect("delivery pass");
        assert_eq!(report.sent, 1, "{report:?}");

        let mails = mails_to(&to, 1).await;
        assert_eq!(mails.len(), 1);
        let mail = &mails[0];
        assert!(field(mail, "text").contains("Beste Heidi"), "{mail}");
        let attachments = mail["attachments"].as_array().expect("attachments");
        assert_eq!(attachments.len(), 1, "{mail}");
        assert_eq!(field(&attachments[0], "filename"), "invite.ics");
        assert_eq!(field(&attachments[0], "contentType"), "text/calendar");
        // The content type repeats the method, as calendar programs read it from there.
        let source = reqwest::get(format!(
            "{}/api/email/{}/source",
            maildev_url(),
            field(mail, "id")
        ))
        .await
        .expect("maildev serves the source")
        .text()
        .await
        .expect("the source")
        .replace("\r\n", "\n")
        .replace("\n\t", " ")
        .replace("\n ", " ");
        let method = if cancelled { "CANCEL" } else { "PUBLISH" };
        assert!(
            source.contains(&format!(
                "Content-Type: text/calendar; charset=utf-8; method={method}"
            )),
            "{source}"
        );
        let content = reqwest::get(format!(
            "{}/api/email/{}/attachment/{}",
            maildev_url(),
            field(mail, "id"),
            field(&attachments[0], "generatedFileName")
        ))
        .await
        .expect("maildev serves the attachment")
        .text()
        .await
        .expect("the attachment");
        let calendar: icalendar::Calendar = content.parse().expect("the attachment parses");
        assert_eq!(calendar.property_value("METHOD"), Some(method));
        let event = calendar.events().next().expect("one event");
        use icalendar::Component;
        assert_eq!(event.get_uid(), Some("oudercontact-test"));
        assert_eq!(event.get_summary(), Some("Oudercontact An Claes (Lotte)"));
        let organizer = event.properties().get("ORGANIZER").expect("an organiser");
        assert_eq!(
            organizer.value(),
            "mailto:no-reply@schoolplatform.localhost",
            "the mail's sender"
        );
    }
}

/// Asks a reset link for Lotte's username, whose mother Heidi gets it at an address of this test's
/// own (so that the test can share maildev); returns the database and her address.
async fn demo_with_a_reset_mail_for_heidi() -> (String, DatabaseConnection, String) {
    use app::db::entities::sub_account;
    use sea_orm::{sea_query::Expr, ColumnTrait, QueryFilter};

    let url = fresh_database_url().await;
    let db = server::prepare(&crate::support::test_config(url.clone()))
        .await
        .expect("the demo prepared");
    let heidi = unique_address("heidi");
    sub_account::Entity::update_many()
        .col_expr(sub_account::Column::Email, Expr::value(heidi.clone()))
        .filter(sub_account::Column::Email.eq("heidi.peeters@gezin.example"))
        .exec(&db)
        .await
        .expect("Heidi's address");
    app::auth::request_password_reset(
        &db,
        &app::auth::Auth::new("https://school.example"),
        "sintclara",
        "lotte.peeters",
        "192.0.2.1",
        Utc::now(),
    )
    .await
    .expect("reset requested");
    (url, db, heidi)
}

/// The token of the first reset link in `text`.
fn reset_token(text: &str) -> String {
    let start = text
        .find("/wachtwoord-herstellen?token=")
        .unwrap_or_else(|| panic!("a reset link in {text}"));
    text[start..]
        .split_whitespace()
        .next()
        .and_then(|link| link.split_once("token="))
        .map(|(_, token)| token.to_owned())
        .expect("a token")
}

/// Sent rows are kept a week: none may still open an account.
async fn assert_no_token_in_the_outbox(db: &DatabaseConnection, token: &str) {
    let rows = outbox::Entity::find().all(db).await.expect("read outbox");
    assert!(!rows.is_empty());
    for row in rows {
        assert!(row.sent_at.is_some(), "{row:?}");
        for body in [&row.text_body, &row.html_body] {
            assert!(!body.contains(token), "the token stayed in {row:?}");
        }
        if row.to_address.starts_with("heidi-") {
            assert!(row.text_body.contains("token=[verwijderd]"), "{row:?}");
        }
    }
}

async fn reset_with(db: &DatabaseConnection, token: &str) {
    let auth = app::auth::Auth::new("https://school.example");
    app::auth::reset_password(
        db,
        &auth,
        token,
        "kastanjes-in-de-herfst",
        "kastanjes-in-de-herfst",
        Utc::now(),
    )
    .await
    .expect("the delivered link still works");
    app::auth::sign_in(
        db,
        &auth,
        "sintclara",
        "lotte.peeters",
        "kastanjes-in-de-herfst",
        "192.0.2.1",
        Utc::now(),
    )
    .await
    .expect("Heidi signs in with her new password");
}

#[tokio::test]
async fn a_delivered_reset_mail_leaves_no_token_in_the_outbox() {
    require_maildev();
    let (url, db, heidi) = demo_with_a_reset_mail_for_heidi().await;
    let report = deliver_due(&db, &maildev_transport(&url), Utc::now())
        .await
        .expect("delivery pass");
    assert_eq!(report.failed, 0, "{report:?}");
    assert!(report.sent >= 1, "{report:?}");

    let mails = mails_to(&heidi, 1).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    let token = reset_token(field(&mails[0], "text"));
    assert!(field(&mails[0], "html").contains(&token));
    assert_no_token_in_the_outbox(&db, &token).await;
    reset_with(&db, &token).await;
}

#[tokio::test]
async fn without_smtp_the_eml_keeps_the_link_and_the_outbox_does_not() {
    let (url, db, _) = demo_with_a_reset_mail_for_heidi().await;
    let dir = MailDir::new();
    let report = deliver_due(&db, &dir.transport(&url), Utc::now())
        .await
        .expect("delivery pass");
    assert_eq!(report.failed, 0, "{report:?}");

    // The .eml is the delivered mail, a developer's only way to follow the link.
    let heidis = dir
        .files()
        .into_iter()
        .map(|file| std::fs::read_to_string(file).expect("the .eml"))
        .find(|eml| eml.contains("To: heidi-"))
        .expect("Heidi's mail in MAIL_DIR");
    let token = reset_token(&heidis);
    assert_no_token_in_the_outbox(&db, &token).await;
    reset_with(&db, &token).await;
}

/// A mail that keeps failing is given up after `MAX_ATTEMPTS`; Beheer shows it to the school of
/// the person it was written for, and to no other school, even where a parent of both schools has
/// one address; the admin has it tried again, after which it arrives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_that_keeps_failing_is_given_up_and_shown_to_its_school_for_another_try() {
    use app::db::entities::{audit_entry, sub_account};
    use leptos::server_fn::ServerFn;
    use sea_orm::{ColumnTrait, QueryFilter};
    use server::mailer::MAX_ATTEMPTS;

    require_maildev();
    let app = crate::support::spawn_app().await;
    let db = &app.db;
    // Heidi is Lotte's mother at Sint-Clara and Wout's at Sint-Jozef, with one address.
    let heidi_address = unique_address("heidi");
    let stranger = unique_address("stranger");
    let mut heidi = Vec::new();
    for (school, username) in [
        ("sintclara", "lotte.peeters"),
        ("sintjozef", "wout.peeters"),
    ] {
        let person = app.person(school, username, "Heidi").await;
        heidi.push(person.id);
        let mut changed: sub_account::ActiveModel = person.into();
        changed.email = Set(Some(heidi_address.clone()));
        changed.update(db).await.expect("Heidi's address");
    }
    let clara_subject = format!("Sint-Clara {}", uuid::Uuid::new_v4().simple());
    let jozef_subject = format!("Sint-Jozef {}", uuid::Uuid::new_v4().simple());
    enqueue_committed(
        db,
        confirmation_mail(&heidi_address, &clara_subject).for_person(heidi[0]),
    )
    .await;
    enqueue_committed(
        db,
        confirmation_mail(&heidi_address, &jozef_subject).for_person(heidi[1]),
    )
    .await;
    enqueue_committed(db, confirmation_mail(&stranger, "Aan niemand")).await;
    // One failure short of the limit, as after ten hours of trying.
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Attempts,
            sea_orm::sea_query::Expr::value(MAX_ATTEMPTS - 1),
        )
        .filter(outbox::Column::ToAddress.is_in([&heidi_address, &stranger]))
        .exec(db)
        .await
        .expect("attempts");

    let down = format!("smtp://127.0.0.1:{}", closed_port());
    let unreachable =
        Transport::from_config(&config(&app.config.database_url, &[("SMTP_URL", &down)]))
            .expect("transport");
    let now = Utc::now();
    let report = deliver_due(db, &unreachable, now).await.expect("pass");
    assert_eq!(report.given_up, 3, "{report:?}");
    let row = |subject: String| async move {
        outbox::Entity::find()
            .filter(outbox::Column::Subject.eq(subject))
            .one(db)
            .await
            .expect("query")
            .expect("the row")
    };
    let given_up = row(clara_subject.clone()).await;
    assert!(given_up.given_up_at.is_some(), "{given_up:?}");
    assert_eq!(given_up.attempts, MAX_ATTEMPTS);
    let maildev = maildev_transport(&app.config.database_url);
    deliver_due(db, &maildev, now + chrono::Duration::days(2))
        .await
        .expect("pass");
    let still = row(clara_subject.clone()).await;
    assert_eq!(
        (still.sent_at, still.attempts),
        (None, MAX_ATTEMPTS),
        "a given-up mail is not tried again by itself"
    );
    let reason = given_up.last_error.expect("a reason");
    let reason_start = reason.split(':').next().expect("text");

    let admin = app
        .cookie_of("sintclara", "beheer", "Beheer-sintclara-2026")
        .await;
    let other_admin = app
        .cookie_of("sintjozef", "beheer", "Beheer-sintjozef-2026")
        .await;
    for cookie in [&admin, &other_admin] {
        let page = app
            .get_as(cookie, "/beheer")
            .await
            .text()
            .await
            .expect("page");
        assert!(page.contains(&heidi_address), "the address is shown");
        let overview: app::models::BeheerOverview = app
            .call(
                Some(cookie),
                app::functions::beheer::SchoolOverview::PATH,
                &[],
            )
            .await
            .expect("the overview");
        assert_eq!(
            overview.undelivered.len(),
            1,
            "each school sees its own mail to Heidi, not the other's: {:?}",
            overview.undelivered
        );
        assert!(page.contains("Heidi"), "with the person it was for");
        assert!(page.contains(reason_start), "with the reason: {reason}");
        assert!(
            !page.contains(&stranger),
            "not mail for nobody of the school"
        );
        assert!(
            !page.contains(&clara_subject) && !page.contains(&jozef_subject),
            "no subjects: a family's news can be of a child at the other school"
        );
    }

    let retried: Result<(), _> = app
        .call(
            Some(&admin),
            app::functions::beheer::RetryUndeliveredMail::PATH,
            &[],
        )
        .await;
    retried.expect("the admin tries again");
    let again = row(clara_subject.clone()).await;
    assert_eq!((again.given_up_at, again.attempts), (None, 0), "{again:?}");
    for subject in [jozef_subject.clone(), "Aan niemand".to_owned()] {
        assert!(
            row(subject).await.given_up_at.is_some(),
            "another school's mail stays as it is"
        );
    }
    let logged = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("retry-mail"))
        .one(db)
        .await
        .expect("query")
        .expect("the retry is in the audit log");
    assert_eq!(logged.detail, "1 mails");

    deliver_due(db, &maildev, Utc::now()).await.expect("pass");
    assert!(row(clara_subject.clone()).await.sent_at.is_some());
    assert_eq!(mails_to(&heidi_address, 1).await.len(), 1);
    let page = app
        .get_as(&admin, "/beheer")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        !page.contains(&heidi_address),
        "a delivered mail leaves the list"
    );
}
