//! The account-security guarantees: what a guessed password is worth, how locks work, that
//! hashing never holds the database, and that an abandoned sign-in gives its place back. On SQLite
//! and (with TEST_DATABASE_URL) on PostgreSQL.

use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use crate::support::{session_cookie_of, spawn_app, spawn_app_with, TestApp};
use app::auth::password::{Cost, Hasher, DUMMY_SALT};
use app::auth::{self, Auth, AuthError};
use app::db::entities::{account, mailbox_entry, message, outbox, sub_account};
use app::functions::account::SignIn;
use app::functions::oudercontact::{BookTalk, LoadOudercontact};
use app::models::{Oudercontact, PasswordProblem};
use chrono::{Duration, Utc};
use leptos::server_fn::ServerFn;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const CLIENT: &str = "192.0.2.44";

async fn sign_in(
    app: &TestApp,
    username: &str,
    password: &str,
) -> Result<auth::SignedIn, AuthError> {
    sign_in_at(app, username, password, Utc::now()).await
}

async fn sign_in_at(
    app: &TestApp,
    username: &str,
    password: &str,
    at: chrono::DateTime<Utc>,
) -> Result<auth::SignedIn, AuthError> {
    auth::sign_in(
        &app.db,
        &app.auth(),
        "sintclara",
        username,
        password,
        CLIENT,
        at,
    )
    .await
}

async fn current(app: &TestApp, session: &str) -> Option<auth::Current> {
    auth::current(&app.db, &Default::default(), session, Utc::now())
        .await
        .expect("query")
}

async fn change(
    app: &TestApp,
    auth: &Auth,
    signed: &auth::SignedIn,
    current_password: &str,
    new_password: &str,
) -> Result<(), AuthError> {
    let me = current(app, &signed.session_token)
        .await
        .expect("session is live");
    auth::change_password(
        &app.db,
        auth,
        &me,
        &signed.session_token,
        current_password,
        new_password,
        new_password,
        Utc::now(),
    )
    .await
}

fn token_in(mail: &outbox::Model) -> String {
    let start = mail.text_body.find("token=").expect("a link with a token") + "token=".len();
    mail.text_body[start..]
        .split_whitespace()
        .next()
        .expect("token")
        .to_owned()
}

async fn person(app: &TestApp, username: &str, first_name: &str) -> sub_account::Model {
    app.person("sintclara", username, first_name).await
}

#[tokio::test]
async fn a_pupil_who_hits_a_parents_password_cannot_sign_in_with_it() {
    let app = spawn_app().await;
    let auth = app.auth();
    let heidi = sign_in(&app, "lotte.peeters", "Heidi-mama-2026")
        .await
        .expect("the mother signs in");
    let lotte = sign_in(&app, "lotte.peeters", "Lotte-leerling-2026")
        .await
        .expect("the pupil signs in");

    // The pupil tries her mother's password as her own: refused as before…
    let refused = change(
        &app,
        &auth,
        &lotte,
        "Lotte-leerling-2026",
        "Heidi-mama-2026",
    )
    .await;
    assert!(
        matches!(
            refused,
            Err(AuthError::Password(PasswordProblem::SameAsOtherPerson))
        ),
        "{refused:?}"
    );
    // …but the password she found opens nothing any more.
    assert!(matches!(
        sign_in(&app, "lotte.peeters", "Heidi-mama-2026").await,
        Err(AuthError::InvalidCredentials)
    ));
    assert!(
        current(&app, &heidi.session_token).await.is_none(),
        "the mother's sessions end"
    );
    assert!(
        current(&app, &lotte.session_token).await.is_some(),
        "the pupil stays signed in, with her own password"
    );
    assert!(sign_in(&app, "lotte.peeters", "Lotte-leerling-2026")
        .await
        .is_ok());
    assert!(sign_in(&app, "lotte.peeters", "Tom-papa-2026")
        .await
        .is_ok());

    // The mother is told and chooses a new password through the mailed link.
    let mails = app.outbox_to("heidi.peeters@gezin.example").await;
    let notice = mails.last().expect("a mail to the mother");
    assert_eq!(notice.subject, "Kies een nieuw wachtwoord");
    assert!(notice.text_body.contains("/wachtwoord-herstellen?token="));
    auth::reset_password(
        &app.db,
        &auth,
        &token_in(notice),
        "eigen-nieuwe-zin-van-heidi",
        "eigen-nieuwe-zin-van-heidi",
        Utc::now(),
    )
    .await
    .expect("a new password through the link");
    let again = sign_in(&app, "lotte.peeters", "eigen-nieuwe-zin-van-heidi")
        .await
        .expect("the mother is back");
    assert_eq!(again.person.id, heidi.person.id);
}

#[tokio::test]
async fn a_withdrawn_password_without_an_address_is_reported_to_the_admins() {
    let app = spawn_app().await;
    let auth = app.auth();
    let kevin = person(&app, "noah.maes", "Kevin").await;
    assert!(
        kevin.confirmed_email().is_none(),
        "the demo's father has no address"
    );
    let noah = sign_in(&app, "noah.maes", "Noah-leerling-2026")
        .await
        .expect("the pupil");
    let refused = change(&app, &auth, &noah, "Noah-leerling-2026", "Kevin-papa-2026").await;
    assert!(matches!(
        refused,
        Err(AuthError::Password(PasswordProblem::SameAsOtherPerson))
    ));
    assert!(sign_in(&app, "noah.maes", "Kevin-papa-2026").await.is_err());

    let beheer = person(&app, "beheer", "Marc").await;
    let inbox: Vec<(mailbox_entry::Model, Option<message::Model>)> = mailbox_entry::Entity::find()
        .filter(mailbox_entry::Column::OwnerId.eq(beheer.id))
        .find_also_related(message::Entity)
        .all(&app.db)
        .await
        .expect("query");
    let notice = inbox
        .iter()
        .filter_map(|(_, message)| message.as_ref())
        .find(|message| message.subject.contains("Wachtwoord ingetrokken"))
        .expect("the admin has a message about it");
    assert!(notice.subject.contains("Kevin Maes"));
    assert!(notice.body.contains("school new-start-password"));
    assert!(!notice.body.contains("Kevin-papa-2026"));
    assert!(
        !notice.body.contains("Noah"),
        "it does not say who chose it: {}",
        notice.body
    );

    // The admin hands out a new start password; it works once and must be changed.
    let start = auth::new_start_password(&app.db, &auth, kevin.id, Utc::now())
        .await
        .expect("a new start password");
    let signed = sign_in(&app, "noah.maes", &start)
        .await
        .expect("the start password works");
    assert_eq!(signed.person.id, kevin.id);
    assert!(signed.person.must_change_password);
}

#[tokio::test]
async fn changing_a_password_needs_the_current_one_and_is_rate_limited() {
    let app = spawn_app().await;
    let auth = app.auth();
    let tom = sign_in(&app, "lotte.peeters", "Tom-papa-2026")
        .await
        .expect("in");
    let wrong = change(&app, &auth, &tom, "Heidi-mama-2026", "fiets-boom-wolk-2026").await;
    assert!(
        matches!(
            wrong,
            Err(AuthError::Password(PasswordProblem::WrongCurrent))
        ),
        "another person's password is not this one's current: {wrong:?}"
    );
    let failures = account::Entity::find_by_id(tom.person.account_id)
        .one(&app.db)
        .await
        .expect("q")
        .expect("account")
        .failed_logins;
    assert_eq!(
        failures, 1,
        "a wrong current password counts as a failed sign-in"
    );
    assert!(
        sign_in(&app, "lotte.peeters", "Heidi-mama-2026")
            .await
            .is_ok(),
        "nothing happened to anyone"
    );

    let tom = sign_in(&app, "lotte.peeters", "Tom-papa-2026")
        .await
        .expect("in");
    for problem_password in ["kort", "wachtwoord123", "lotte.peeters", "Tom-papa-2026"] {
        assert!(matches!(
            change(&app, &auth, &tom, "Tom-papa-2026", problem_password).await,
            Err(AuthError::Password(_))
        ));
    }
    let mut limited = 0;
    for _ in 0..auth::rate_limit::PASSWORD_PER_PERSON.hits {
        if let Err(AuthError::RateLimited) =
            change(&app, &auth, &tom, "Tom-papa-2026", "kort").await
        {
            limited += 1;
        }
    }
    assert_eq!(
        limited, 5,
        "ten attempts per person in the window, the five above included"
    );
    assert!(sign_in(&app, "lotte.peeters", "Tom-papa-2026")
        .await
        .is_ok());
}

#[tokio::test]
async fn a_password_change_is_mailed_to_the_person() {
    let app = spawn_app().await;
    let auth = app.auth();
    let tom = sign_in(&app, "lotte.peeters", "Tom-papa-2026")
        .await
        .expect("in");
    change(&app, &auth, &tom, "Tom-papa-2026", "fiets-boom-wolk-2026")
        .await
        .expect("changed");
    let mails = app.outbox_to("tom.peeters@gezin.example").await;
    let notice = mails.last().expect("a mail");
    assert_eq!(notice.subject, "Uw wachtwoord werd gewijzigd");
    assert!(!notice.text_body.contains("fiets-boom-wolk-2026"));
}

#[tokio::test]
async fn failed_sign_ins_lock_for_a_growing_while_and_never_end_sessions() {
    let app = spawn_app().await;
    let start = Utc::now();
    let ines = sign_in(&app, "noah.maes", "Ines-mama-2026")
        .await
        .expect("the mother is signed in");
    let wrong = |at| sign_in_at(&app, "noah.maes", "verkeerd-wachtwoord", at);
    for _ in 0..auth::LOCK_AFTER {
        assert!(matches!(
            wrong(start).await,
            Err(AuthError::InvalidCredentials)
        ));
    }
    // Locked: the right password signs nobody in, with the one failure answer…
    assert!(matches!(
        sign_in_at(&app, "noah.maes", "Ines-mama-2026", start).await,
        Err(AuthError::InvalidCredentials)
    ));
    // …but whoever is signed in stays signed in.
    assert!(current(&app, &ines.session_token).await.is_some());
    let mails = app.outbox_to("ines.maes@gezin.example").await;
    assert_eq!(
        mails.last().expect("a mail").subject,
        "Aanmelden even geblokkeerd"
    );
    let mails_after_first_lock = mails.len();

    // A minute later the lock is over; the next run of failures locks for five minutes.
    let later = start + Duration::minutes(6);
    for _ in 0..auth::LOCK_AFTER {
        assert!(matches!(
            wrong(later).await,
            Err(AuthError::InvalidCredentials)
        ));
    }
    let kevin = person(&app, "noah.maes", "Kevin").await;
    let until = kevin.locked_until.expect("locked again");
    assert!(
        until > later + Duration::minutes(4) && until <= later + Duration::minutes(5),
        "five minutes the second time: {until} after {later}"
    );
    assert!(sign_in_at(
        &app,
        "noah.maes",
        "Kevin-papa-2026",
        later + Duration::minutes(2)
    )
    .await
    .is_err());
    assert!(
        sign_in_at(
            &app,
            "noah.maes",
            "Kevin-papa-2026",
            later + Duration::minutes(6)
        )
        .await
        .is_ok(),
        "never for ever"
    );
    assert_eq!(
        app.outbox_to("ines.maes@gezin.example").await.len(),
        mails_after_first_lock,
        "one mail per run of locks, not one per lock"
    );
    assert!(current(&app, &ines.session_token).await.is_some());
}

#[test]
fn locks_grow_from_one_minute_to_an_hour() {
    let minutes = |failures| auth::lock_for(failures).map(|d| d.num_minutes());
    assert_eq!(minutes(9), None);
    assert_eq!(minutes(10), Some(1));
    assert_eq!(minutes(11), None);
    assert_eq!(minutes(20), Some(5));
    assert_eq!(minutes(30), Some(15));
    assert_eq!(minutes(40), Some(60));
    assert_eq!(minutes(500), Some(60));
}

#[tokio::test]
async fn the_mailed_link_ends_a_lock_early_for_its_owner_only() {
    let app = spawn_app().await;
    for _ in 0..auth::LOCK_AFTER {
        let _ = sign_in(&app, "noah.maes", "verkeerd-wachtwoord").await;
    }
    let mail = app.outbox_to("ines.maes@gezin.example").await;
    let link = token_in(mail.last().expect("mail"));
    auth::reactivate(&app.db, &link, Utc::now())
        .await
        .expect("reactivated");
    assert!(sign_in(&app, "noah.maes", "Ines-mama-2026").await.is_ok());
    assert!(
        sign_in(&app, "noah.maes", "Kevin-papa-2026").await.is_err(),
        "the others wait for the lock to end"
    );
}

/// The booking parent's first free talk with An Claes.
async fn book_a_talk(app: &TestApp, cookie: &str) -> Result<(), app::error::AppError> {
    let view: Oudercontact = app
        .call(Some(cookie), LoadOudercontact::PATH, &[])
        .await
        .expect("the parent's view");
    let Oudercontact::Parent(parent) = view else {
        panic!("a parent's view");
    };
    let slot = parent.moments[0]
        .teachers
        .iter()
        .find(|t| t.teacher == "An Claes")
        .expect("An Claes")
        .free[0]
        .id
        .clone();
    app.call(
        Some(cookie),
        BookTalk::PATH,
        &[
            ("child", parent.child.id.clone()),
            ("slot", slot),
            ("topic", String::new()),
        ],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_password_change_does_not_hold_the_database_while_it_hashes() {
    let app = Arc::new(spawn_app().await);
    // One core for hashing, taken for seconds by a costly hash, so that every change below waits
    // for the hasher: it must not wait inside a write transaction.
    let auth = Auth {
        hasher: Hasher::new(1, 16),
        ..app.auth()
    };
    let blocker = {
        let hasher = auth.hasher.clone();
        tokio::spawn(async move {
            let slow = Cost {
                memory_kib: 65_536,
                passes: 40,
                lanes: 1,
            };
            hasher.hash_at("bezet", DUMMY_SALT, slow).await
        })
    };
    tokio::time::sleep(StdDuration::from_millis(50)).await;
    let tom = Arc::new(
        sign_in(&app, "lotte.peeters", "Tom-papa-2026")
            .await
            .expect("in"),
    );
    let mut changes = tokio::task::JoinSet::new();
    for n in 0..8 {
        let (app, auth, tom) = (app.clone(), auth.clone(), tom.clone());
        changes.spawn(async move {
            change(
                &app,
                &auth,
                &tom,
                "Tom-papa-2026",
                &format!("parallelle-zin-nummer-{n}"),
            )
            .await
        });
    }
    tokio::time::sleep(StdDuration::from_millis(200)).await;
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let asked = Instant::now();
    book_a_talk(&app, &heidi).await.expect("booked");
    let took = asked.elapsed();
    assert!(
        !blocker.is_finished(),
        "the hasher was still taken while the parent booked"
    );
    assert!(
        took < StdDuration::from_secs(1),
        "the booking waited {took:?} for password changes"
    );
    blocker.await.expect("joined").expect("hashed");
    let mut changed = 0;
    while let Some(outcome) = changes.join_next().await {
        match outcome.expect("joined") {
            Ok(()) => changed += 1,
            Err(AuthError::Password(PasswordProblem::WrongCurrent)) => {}
            Err(other) => panic!("a change failed: {other:?}"),
        }
    }
    assert!(
        changed >= 1,
        "the changes went through once the hasher was free"
    );
}

#[tokio::test]
async fn changing_the_email_address_needs_the_password_and_tells_the_old_address() {
    let app = spawn_app().await;
    let auth = app.auth();
    let heidi = sign_in(&app, "lotte.peeters", "Heidi-mama-2026")
        .await
        .expect("in");
    let me = current(&app, &heidi.session_token).await.expect("live");
    // A reset link mailed before the change dies with it.
    auth::request_password_reset(
        &app.db,
        &auth,
        "sintclara",
        "lotte.peeters",
        CLIENT,
        Utc::now(),
    )
    .await
    .expect("requested");
    let reset_link = token_in(
        app.outbox_to("heidi.peeters@gezin.example")
            .await
            .last()
            .expect("reset mail"),
    );

    for given in [None, Some("Tom-papa-2026")] {
        let refused = auth::set_email(
            &app.db,
            &auth,
            &me,
            "heidi@elders.example",
            given,
            Utc::now(),
        )
        .await;
        assert!(matches!(
            refused,
            Err(AuthError::Password(PasswordProblem::WrongCurrent))
        ));
    }
    assert!(app.outbox_to("heidi@elders.example").await.is_empty());

    auth::set_email(
        &app.db,
        &auth,
        &me,
        "heidi@elders.example",
        Some("Heidi-mama-2026"),
        Utc::now(),
    )
    .await
    .expect("changed with the password");
    let old = app.outbox_to("heidi.peeters@gezin.example").await;
    let notice = old.last().expect("a mail to the old address");
    assert_eq!(notice.subject, "Uw e-mailadres werd gewijzigd");
    assert!(notice.text_body.contains("heidi@elders.example"));
    assert_eq!(
        app.outbox_to("heidi@elders.example").await[0].subject,
        "Bevestig uw e-mailadres"
    );
    assert!(matches!(
        auth::reset_password(
            &app.db,
            &auth,
            &reset_link,
            "een-heel-nieuwe-zin",
            "een-heel-nieuwe-zin",
            Utc::now()
        )
        .await,
        Err(AuthError::InvalidToken)
    ));
}

#[tokio::test]
async fn older_reset_links_die_when_a_reset_is_used() {
    let app = spawn_app().await;
    let auth = app.auth();
    for _ in 0..2 {
        auth::request_password_reset(
            &app.db,
            &auth,
            "sintclara",
            "lotte.peeters",
            CLIENT,
            Utc::now(),
        )
        .await
        .expect("requested");
    }
    let mails = app.outbox_to("tom.peeters@gezin.example").await;
    let (first, second) = (token_in(&mails[0]), token_in(&mails[1]));
    auth::reset_password(
        &app.db,
        &auth,
        &second,
        "zeilboot-op-de-schelde",
        "zeilboot-op-de-schelde",
        Utc::now(),
    )
    .await
    .expect("reset");
    assert!(matches!(
        auth::reset_password(
            &app.db,
            &auth,
            &first,
            "een-andere-lange-zin",
            "een-andere-lange-zin",
            Utc::now()
        )
        .await,
        Err(AuthError::InvalidToken)
    ));
}

#[tokio::test]
async fn the_reset_limit_tells_nothing_about_whether_a_username_exists() {
    let app = spawn_app().await;
    let auth = app.auth();
    // One instant for every attempt, so that the run stays in one of the limit's fixed windows.
    let now = Utc::now();
    let mut answers = Vec::new();
    for username in ["lotte.peeters", "niemand.hier"] {
        let mut limited_at = None;
        for attempt in 1..=auth::rate_limit::MAIL_PER_ACCOUNT.hits + 1 {
            let client = format!("198.51.100.{attempt}");
            let outcome =
                auth::request_password_reset(&app.db, &auth, "sintclara", username, &client, now)
                    .await;
            if matches!(outcome, Err(AuthError::RateLimited)) && limited_at.is_none() {
                limited_at = Some(attempt);
            }
        }
        answers.push(limited_at);
    }
    assert_eq!(answers[0], answers[1], "a known and an unknown username");
    assert!(answers[0].is_some());
}

#[tokio::test]
async fn stored_hashes_name_their_cost_and_an_older_cost_is_raised_at_sign_in() {
    let app = spawn_app().await;
    let tom = person(&app, "lotte.peeters", "Tom").await;
    let stored = tom.password_hash.clone().expect("a hash");
    assert_eq!(Cost::of(&stored), Some(Cost::CURRENT), "{stored}");

    // As if Tom's password had been stored when hashing was cheaper.
    let salt = account::Entity::find_by_id(tom.account_id)
        .one(&app.db)
        .await
        .expect("q")
        .expect("account")
        .password_salt
        .expect("salt");
    let cheaper = Cost {
        memory_kib: 8_192,
        passes: 1,
        lanes: 1,
    };
    let old = app::auth::password::hash_blocking_at("Tom-papa-2026", &salt, cheaper);
    sub_account::Entity::update_many()
        .col_expr(sub_account::Column::PasswordHash, Expr::value(old))
        .filter(sub_account::Column::Id.eq(tom.id))
        .exec(&app.db)
        .await
        .expect("stored");

    let signed = sign_in(&app, "lotte.peeters", "Tom-papa-2026")
        .await
        .expect("an older cost still signs in");
    assert_eq!(signed.person.id, tom.id);
    let raised = person(&app, "lotte.peeters", "Tom").await;
    assert_eq!(
        Cost::of(raised.password_hash.as_deref().unwrap_or_default()),
        Some(Cost::CURRENT),
        "stored again at today's cost"
    );
    assert!(sign_in(&app, "lotte.peeters", "Tom-papa-2026")
        .await
        .is_ok());
    assert!(sign_in(&app, "lotte.peeters", "Heidi-mama-2026")
        .await
        .is_ok());
}

#[tokio::test]
async fn a_rate_limit_hit_logs_no_username_or_address() {
    let app = spawn_app().await;
    let log = crate::support::captured_warnings();
    let client = "203.0.113.99";
    let now = Utc::now();
    // Until the limit answers; an attempt the hasher had no room for (other tests hash at the
    // same time) counts toward nothing and is made again.
    let mut attempts = 0;
    loop {
        let outcome = auth::sign_in(
            &app.db,
            &app.auth(),
            "sintclara",
            "geheime.gebruiker",
            "verkeerd-wachtwoord",
            client,
            now,
        )
        .await;
        match outcome {
            Err(AuthError::RateLimited) => break,
            Err(AuthError::Busy) => tokio::time::sleep(StdDuration::from_millis(50)).await,
            _ => attempts += 1,
        }
        assert!(
            attempts <= auth::rate_limit::SIGN_IN_PER_ACCOUNT.hits,
            "no limit"
        );
    }
    let lines = log.lines();
    let reached: Vec<_> = lines
        .iter()
        .filter(|line| line["message"] == "rate limit reached")
        .collect();
    assert!(!reached.is_empty(), "{lines:?}");
    assert!(
        reached.iter().all(|line| line["fingerprint"].is_string()),
        "{reached:?}"
    );
    let all = format!("{lines:?}");
    assert!(!all.contains("geheime.gebruiker"), "{all}");
    assert!(!all.contains(client), "{all}");
}

/// Signs in over HTTP as the sign-in form's wasm call does; the status tells the outcome.
async fn sign_in_over_http(
    client: &reqwest::Client,
    app: &TestApp,
    username: &str,
    password: &str,
) -> reqwest::Result<reqwest::StatusCode> {
    client
        .post(format!("{}{}", app.base, SignIn::PATH))
        .form(&[
            ("platform", "sintclara"),
            ("username", username),
            ("password", password),
        ])
        .send()
        .await
        .map(|response| response.status())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sign_in_works_after_a_flood_of_clients_that_give_up() {
    let app = Arc::new(
        spawn_app_with(|config| {
            config.sign_in_limit_per_client = 100_000;
        })
        .await,
    );
    for round in 0..3 {
        // Clients that give up after a moment, while their sign-in waits for the hasher.
        let impatient = reqwest::Client::builder()
            .timeout(StdDuration::from_millis(150 + 50 * round))
            .build()
            .expect("client");
        let mut flood = tokio::task::JoinSet::new();
        for n in 0..64 {
            let (app, impatient) = (app.clone(), impatient.clone());
            flood.spawn(async move {
                let username = format!("vloed.{round}.{n}");
                let _ = sign_in_over_http(&impatient, &app, &username, "verkeerd-wachtwoord").await;
            });
        }
        while flood.join_next().await.is_some() {}
    }
    // Let the hashes that had started finish.
    tokio::time::sleep(StdDuration::from_secs(2)).await;
    let status = sign_in_over_http(
        &reqwest::Client::new(),
        &app,
        "lotte.peeters",
        "Heidi-mama-2026",
    )
    .await
    .expect("answered");
    assert!(
        status.is_success() || status.is_redirection(),
        "sign-in works after the flood, got {status}"
    );
}

/// Signs Tom in as the sign-in form's wasm call does, with or without "Aanmelden blijven op dit
/// toestel"; the session token and the cookie's lifetime in seconds.
async fn sign_in_form(app: &TestApp, remember: bool) -> (String, i64) {
    let mut body = "platform=sintclara&username=lotte.peeters&password=Tom-papa-2026".to_owned();
    if remember {
        body.push_str("&remember=1");
    }
    let response = reqwest::Client::new()
        .post(format!("{}{}", app.base, SignIn::PATH))
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(body)
        .send()
        .await
        .expect("request");
    assert!(response.status().is_success(), "{}", response.status());
    session_cookie_of(&response)
}

#[tokio::test]
async fn staying_signed_in_lasts_thirty_days_of_use_survives_a_restart_and_ends_with_a_new_password(
) {
    let app = spawn_app().await;
    let (kept, kept_age) = sign_in_form(&app, true).await;
    let (plain, plain_age) = sign_in_form(&app, false).await;
    assert_eq!(kept_age, Duration::days(30).num_seconds());
    assert_eq!(plain_age, Duration::days(1).num_seconds());

    // Three hours without a request end the usual session, not the kept one.
    let later = Utc::now() + Duration::hours(3);
    assert!(auth::current(&app.db, &Default::default(), &plain, later)
        .await
        .expect("query")
        .is_none());
    let current = auth::current(&app.db, &Default::default(), &kept, later)
        .await
        .expect("query")
        .expect("still signed in");
    assert!(current.stays_signed_in);
    // Renewed with use: each visit gives it thirty days more, beyond the first thirty.
    let next_month = later + Duration::days(25);
    assert!(
        auth::current(&app.db, &Default::default(), &kept, next_month)
            .await
            .expect("query")
            .is_some()
    );
    assert!(auth::current(
        &app.db,
        &Default::default(),
        &kept,
        next_month + Duration::days(29)
    )
    .await
    .expect("query")
    .is_some());

    // A restart changes nothing: the session is the database's. A page renews the cookie.
    let app = app.restarted().await;
    let response = app.get_as(&format!("sid={kept}"), "/start").await;
    assert_eq!(response.status(), 200);
    assert_eq!(session_cookie_of(&response), (kept.clone(), kept_age));

    // A new password, chosen in another browser, ends it.
    let other = sign_in(&app, "lotte.peeters", "Tom-papa-2026")
        .await
        .expect("signed in elsewhere");
    let me = auth::current(
        &app.db,
        &Default::default(),
        &other.session_token,
        Utc::now(),
    )
    .await
    .expect("query")
    .expect("live");
    auth::change_password(
        &app.db,
        &app.auth(),
        &me,
        &other.session_token,
        "Tom-papa-2026",
        "fiets-wolk-rivier-2026",
        "fiets-wolk-rivier-2026",
        Utc::now(),
    )
    .await
    .expect("changed");
    assert!(
        auth::current(&app.db, &Default::default(), &kept, Utc::now())
            .await
            .expect("query")
            .is_none()
    );
    assert!(app
        .get_as(&format!("sid={kept}"), "/start")
        .await
        .status()
        .is_redirection());
}

/// Wrong passwords, each with one of `values` in the header `name`; the statuses in order.
async fn failed_sign_ins_with(app: &TestApp, name: &str, values: &[&str]) -> Vec<u16> {
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for value in values {
        let status = client
            .post(format!("{}{}", app.base, SignIn::PATH))
            .header(name, *value)
            .form(&[
                ("platform", "sintclara"),
                ("username", "niemand.hier"),
                ("password", "verkeerd-wachtwoord"),
            ])
            .send()
            .await
            .expect("answered")
            .status();
        statuses.push(status.as_u16());
    }
    statuses
}

/// Wrong passwords from the clients `forwarded_for` names (as `X-Forwarded-For`).
async fn failed_sign_ins(app: &TestApp, forwarded_for: &[&str]) -> Vec<u16> {
    failed_sign_ins_with(app, "x-forwarded-for", forwarded_for).await
}

#[tokio::test]
async fn an_untrusted_peer_cannot_pick_the_address_its_limit_counts_under() {
    let app = spawn_app_with(|config| config.sign_in_limit_per_client = 3).await;
    // Every attempt names another client; the server counts them all against the peer.
    let statuses = failed_sign_ins(
        &app,
        &[
            "198.51.100.1",
            "198.51.100.2",
            "198.51.100.3",
            "198.51.100.4",
        ],
    )
    .await;
    assert_eq!(statuses, [401, 401, 401, 429]);
}

#[tokio::test]
async fn a_trusted_proxy_names_the_clients_that_limits_count() {
    let app = spawn_app_with(|config| {
        config.sign_in_limit_per_client = 3;
        config.trusted_proxies =
            server::proxies::TrustedProxies::parse("127.0.0.1, ::1").expect("parses");
    })
    .await;
    // Four clients behind the proxy: none reaches its limit.
    let four = [
        "198.51.100.1",
        "198.51.100.2",
        "198.51.100.3",
        "198.51.100.4",
    ];
    assert_eq!(failed_sign_ins(&app, &four).await, [401; 4]);
    // One client behind the proxy reaches it, whatever it puts in front of the proxy's entry.
    let one = [
        "203.0.113.9",
        "1.1.1.1, 203.0.113.9",
        "2.2.2.2, 203.0.113.9",
        "203.0.113.9",
    ];
    assert_eq!(failed_sign_ins(&app, &one).await, [401, 401, 401, 429]);
    // A Forwarded header is not what this proxy writes: one a client sent through it names
    // nobody, and the attempts count as the proxy's own.
    let spoofed = [
        "for=192.0.2.1",
        "for=192.0.2.2",
        "for=192.0.2.3",
        "for=192.0.2.4",
    ];
    assert_eq!(
        failed_sign_ins_with(&app, "forwarded", &spoofed).await,
        [401, 401, 401, 429]
    );
    // IPv6 clients count per /64: four addresses of one network share a limit.
    let network = [
        "2001:db8:5:6::1",
        "2001:db8:5:6::2",
        "2001:db8:5:6:ffff::3",
        "2001:db8:5:6::4",
    ];
    assert_eq!(failed_sign_ins(&app, &network).await, [401, 401, 401, 429]);
}
