//! Accounts and sign-in, through the domain services and over HTTP as a browser form would,
//! on SQLite and (with TEST_DATABASE_URL) on PostgreSQL.

use crate::support::{set_cookie, spawn_app, urlencode, TestApp};
use app::auth::{self, AuthError};
use app::db::entities::{outbox, sub_account};
use app::models::PasswordProblem;
use chrono::{Duration, Utc};
use reqwest::header;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

const CLIENT: &str = "192.0.2.1";

async fn sign_in(
    app: &TestApp,
    platform: &str,
    username: &str,
    password: &str,
) -> Result<auth::SignedIn, AuthError> {
    auth::sign_in(
        &app.db,
        &app.auth(),
        platform,
        username,
        password,
        CLIENT,
        Utc::now(),
    )
    .await
}

async fn current(app: &TestApp, session: &str) -> auth::Current {
    auth::current(&app.db, &Default::default(), session, Utc::now())
        .await
        .expect("query")
        .expect("session is live")
}

/// The newest mail to `to`, and the first link in it.
async fn last_mail_link(db: &DatabaseConnection, to: &str) -> (outbox::Model, String) {
    let mail = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq(to))
        .order_by_desc(outbox::Column::Id)
        .one(db)
        .await
        .expect("query")
        .unwrap_or_else(|| panic!("a mail to {to}"));
    let start = mail.text_body.find("http").expect("a link in the mail");
    let link = mail.text_body[start..]
        .split_whitespace()
        .next()
        .expect("link")
        .to_owned();
    (mail, link)
}

fn token_of(link: &str) -> String {
    link.split_once("token=")
        .expect("token in link")
        .1
        .to_owned()
}

#[tokio::test]
async fn pupil_and_co_accounts_share_a_username_and_the_password_decides_who_signs_in() {
    let app = spawn_app().await;
    let lotte = sign_in(&app, "sintclara", "lotte.peeters", "Lotte-leerling-2026")
        .await
        .expect("pupil");
    let heidi = sign_in(&app, "sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await
        .expect("mother");
    let tom = sign_in(&app, "SintClara", " Lotte.Peeters ", "Tom-papa-2026")
        .await
        .expect("father");
    assert_eq!(lotte.person.idx, 0);
    assert_eq!(heidi.person.relation.as_deref(), Some("moeder"));
    assert_eq!(tom.person.relation.as_deref(), Some("vader"));
    assert_ne!(heidi.person.public_id, lotte.person.public_id);
    assert_eq!(
        current(&app, &heidi.session_token).await.person.id,
        heidi.person.id
    );
    assert_eq!(
        current(&app, &lotte.session_token).await.person.id,
        lotte.person.id
    );
}

#[tokio::test]
async fn every_failed_sign_in_gets_the_same_answer() {
    let app = spawn_app().await;
    for (platform, username, password) in [
        ("sintclara", "lotte.peeters", "niet-het-wachtwoord"),
        ("sintclara", "bestaat.niet", "Lotte-leerling-2026"),
        ("geenschool", "lotte.peeters", "Lotte-leerling-2026"),
        ("sintjozef", "lotte.peeters", "Lotte-leerling-2026"),
    ] {
        let outcome = sign_in(&app, platform, username, password).await;
        assert!(
            matches!(outcome, Err(AuthError::InvalidCredentials)),
            "{platform}/{username}"
        );
    }
}

/// The sign-in form of the page, posted as a browser without wasm would.
async fn post_form(
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
) -> reqwest::Response {
    let body = form
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut request = app
        .client
        .post(format!("{}{path}", app.base))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("{}/sintclara", app.base))
        .body(body);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.expect("request")
}

/// The `action` of the form that posts to the server function `name`, read from a page.
async fn form_action(app: &TestApp, page: &str, name: &str) -> String {
    form_action_as(app, page, name, "").await
}

async fn form_action_as(app: &TestApp, page: &str, name: &str, cookie: &str) -> String {
    let html = app
        .client
        .get(format!("{}{page}", app.base))
        .header(header::COOKIE, cookie)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("page");
    let needle = format!("action=\"/api/{name}");
    let start = html
        .find(&needle)
        .unwrap_or_else(|| panic!("{page} has a form for {name}"))
        + 8;
    let end = start + html[start..].find('"').expect("end of action");
    html[start..end].replace("&amp;", "&")
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("sid=") && !v.starts_with("sid=;"))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn the_sign_in_form_works_without_wasm_and_sets_a_safe_cookie() {
    let app = spawn_app().await;
    let action = form_action(&app, "/sintclara", "sign_in").await;
    let response = post_form(
        &app,
        &action,
        &[
            ("platform", "sintclara"),
            ("username", "lotte.peeters"),
            ("password", "Heidi-mama-2026"),
        ],
        None,
    )
    .await;
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()[header::LOCATION], "/start");
    let set_cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    let cookie = session_cookie(&response).expect("session cookie");

    let start = app
        .client
        .get(format!("{}/start", app.base))
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .expect("start page");
    assert_eq!(start.status(), 200);
    let html = start.text().await.expect("body");
    assert!(html.contains("Welkom, Heidi"), "signed in as the mother");

    // Wrong password, unknown user: same redirect back to the form, no cookie.
    let mut answers = Vec::new();
    for (username, password) in [
        ("lotte.peeters", "fout-wachtwoord"),
        ("niemand", "Heidi-mama-2026"),
    ] {
        let response = post_form(
            &app,
            &action,
            &[
                ("platform", "sintclara"),
                ("username", username),
                ("password", password),
            ],
            None,
        )
        .await;
        assert!(session_cookie(&response).is_none());
        answers.push((
            response.status(),
            response.headers()[header::LOCATION].clone(),
        ));
    }
    assert_eq!(answers[0], answers[1]);
}

#[tokio::test]
async fn a_refused_sign_in_comes_back_with_the_username_typed_and_never_the_password() {
    let app = spawn_app().await;
    let action = form_action(&app, "/sintclara", "sign_in").await;
    let refused = post_form(
        &app,
        &action,
        &[
            ("platform", "sintclara"),
            ("username", "lotte.peeters"),
            ("password", "Fout-wachtwoord-77"),
            ("remember", "1"),
        ],
        None,
    )
    .await;
    assert!(refused.status().is_redirection());
    let back = app.redirected_to(&refused);
    assert!(back.starts_with("/sintclara?"), "back to the form: {back}");
    let kept = set_cookie(&refused, "kept_form").expect("what was typed is kept");
    let response = app
        .client
        .get(format!("{}{back}", app.base))
        .header(header::COOKIE, &kept)
        .send()
        .await
        .expect("page");
    // Read once: the page clears the cookie.
    assert_eq!(
        set_cookie(&response, "kept_form").as_deref(),
        Some("kept_form=")
    );
    let shown = response.text().await.expect("page");
    assert!(
        shown.contains("value=\"lotte.peeters\""),
        "the username again"
    );
    assert!(
        shown.contains("id=\"remember\" name=\"remember\" value=\"1\" checked"),
        "and the choice to stay signed in"
    );
    assert!(shown.contains("role=\"alert\""), "with the reason");
    assert!(!shown.contains("Fout-wachtwoord-77"), "never the password");
    // Without a session the form travels in its cookie: a refused sign-in writes nothing, however
    // many are sent.
    let kept_rows = app::db::entities::kept_form::Entity::find()
        .all(&app.db)
        .await
        .expect("kept forms");
    assert!(kept_rows.is_empty(), "{kept_rows:?}");
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_the_start() {
    let app = spawn_app().await;
    let response = app.get("/start").await;
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()[header::LOCATION], "/");
}

/// A refused password changes nothing; another person's password is refused too, and costs that
/// person their password (see `account_security.rs`).
#[tokio::test]
async fn a_refused_password_changes_nothing() {
    let app = spawn_app().await;
    let heidi = sign_in(&app, "sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await
        .expect("mother");
    let me = current(&app, &heidi.session_token).await;
    for (password, repeated, problem) in [
        (
            "Heidi-mama-2026",
            "Heidi-mama-2026",
            PasswordProblem::Unchanged,
        ),
        ("kort", "kort", PasswordProblem::TooShort),
        ("wachtwoord123", "wachtwoord123", PasswordProblem::TooCommon),
        (
            "lotte.peeters",
            "lotte.peeters",
            PasswordProblem::SameAsUsername,
        ),
        (
            "een-lange-zin-hier",
            "een-andere-zin",
            PasswordProblem::Mismatch,
        ),
    ] {
        let outcome = auth::change_password(
            &app.db,
            &app.auth(),
            &me,
            &heidi.session_token,
            "Heidi-mama-2026",
            password,
            repeated,
            Utc::now(),
        )
        .await;
        assert!(
            matches!(outcome, Err(AuthError::Password(p)) if p == problem),
            "{password}: {outcome:?}"
        );
    }
    let still = sign_in(&app, "sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await
        .expect("unchanged");
    assert_eq!(still.person.id, heidi.person.id);
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_only() {
    let app = spawn_app().await;
    let here = sign_in(&app, "sintclara", "lotte.peeters", "Tom-papa-2026")
        .await
        .expect("one");
    let elsewhere = sign_in(&app, "sintclara", "lotte.peeters", "Tom-papa-2026")
        .await
        .expect("two");
    let me = current(&app, &here.session_token).await;
    auth::change_password(
        &app.db,
        &app.auth(),
        &me,
        &here.session_token,
        "Tom-papa-2026",
        "fiets-boom-wolk-2026",
        "fiets-boom-wolk-2026",
        Utc::now(),
    )
    .await
    .expect("changed");
    assert!(auth::current(
        &app.db,
        &Default::default(),
        &here.session_token,
        Utc::now()
    )
    .await
    .expect("q")
    .is_some());
    assert!(auth::current(
        &app.db,
        &Default::default(),
        &elsewhere.session_token,
        Utc::now()
    )
    .await
    .expect("q")
    .is_none());
    assert!(sign_in(&app, "sintclara", "lotte.peeters", "Tom-papa-2026")
        .await
        .is_err());
    assert!(
        sign_in(&app, "sintclara", "lotte.peeters", "fiets-boom-wolk-2026")
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn sessions_end_after_the_idle_timeout() {
    let app = spawn_app().await;
    let signed = sign_in(&app, "sintclara", "lotte.peeters", "Tom-papa-2026")
        .await
        .expect("in");
    let later = Utc::now() + auth::sessions::Lifetimes::default().idle + Duration::minutes(1);
    assert!(
        auth::current(&app.db, &Default::default(), &signed.session_token, later)
            .await
            .expect("q")
            .is_none()
    );
}

#[tokio::test]
async fn a_start_password_must_be_changed_before_anything_else() {
    let app = spawn_app().await;
    let action = form_action(&app, "/sintclara", "sign_in").await;
    let response = post_form(
        &app,
        &action,
        &[
            ("platform", "sintclara"),
            ("username", "emma.janssens"),
            ("password", "Start-Sarah-4821"),
        ],
        None,
    )
    .await;
    assert_eq!(response.headers()[header::LOCATION], "/wachtwoord-wijzigen");
    let cookie = session_cookie(&response).expect("cookie");

    // The start page sends the person back to the change.
    let start = app
        .client
        .get(format!("{}/start", app.base))
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .expect("start");
    assert_eq!(start.status(), 302);
    assert_eq!(start.headers()[header::LOCATION], "/wachtwoord-wijzigen");

    // Another server function refuses until the password is changed, and nothing changes.
    let heidi = sign_in(&app, "sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await
        .expect("in");
    let set_email = form_action_as(
        &app,
        "/e-mailadres",
        "set_email",
        &format!("sid={}", heidi.session_token),
    )
    .await;
    let refused = post_form(
        &app,
        &set_email,
        &[("email", "sarah@gezin.example")],
        Some(&cookie),
    )
    .await;
    let location = refused.headers()[header::LOCATION]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(
        location.contains("__err="),
        "the error goes back to the form: {location}"
    );
    let sarah = auth::find_person(&app.db, "sintclara", "emma.janssens", 1)
        .await
        .expect("q")
        .expect("sarah");
    assert_eq!(sarah.email, None);
    assert!(sarah.must_change_password);

    let change = form_action_as(&app, "/wachtwoord-wijzigen", "change_password", &cookie).await;
    let changed = post_form(
        &app,
        &change,
        &[
            ("current_password", "Start-Sarah-4821"),
            ("new_password", "mijn-eigen-zin-2026"),
            ("repeat_password", "mijn-eigen-zin-2026"),
        ],
        Some(&cookie),
    )
    .await;
    assert_eq!(
        changed.headers()[header::LOCATION],
        "/e-mailadres",
        "then the e-mail address"
    );
    assert!(
        sign_in(&app, "sintclara", "emma.janssens", "Start-Sarah-4821")
            .await
            .is_err(),
        "start password is spent"
    );
    let after = sign_in(&app, "sintclara", "emma.janssens", "mijn-eigen-zin-2026")
        .await
        .expect("new password");
    assert!(!after.person.must_change_password);
}

#[tokio::test]
async fn a_confirmation_link_for_an_old_address_does_not_confirm_a_new_one() {
    let app = spawn_app().await;
    let signed = sign_in(&app, "sintclara", "noah.maes", "Kevin-papa-2026")
        .await
        .expect("in");
    let kevin = current(&app, &signed.session_token).await;
    let auth = app.auth();
    auth::set_email(
        &app.db,
        &auth,
        &kevin,
        "kevin@oud.example",
        None,
        Utc::now(),
    )
    .await
    .expect("first");
    let (_, old_link) = last_mail_link(&app.db, "kevin@oud.example").await;
    assert!(
        old_link.starts_with(&app.config.base_url),
        "links come from BASE_URL"
    );
    auth::set_email(
        &app.db,
        &auth,
        &kevin,
        "Kevin@Nieuw.example",
        Some("Kevin-papa-2026"),
        Utc::now(),
    )
    .await
    .expect("second");
    let (_, new_link) = last_mail_link(&app.db, "kevin@nieuw.example").await;

    let old = auth::confirm_email(&app.db, &token_of(&old_link), Utc::now()).await;
    assert!(matches!(old, Err(AuthError::InvalidToken)));
    let row = sub_account::Entity::find_by_id(kevin.person.id)
        .one(&app.db)
        .await
        .expect("q")
        .expect("row");
    assert!(row.email_confirmed_at.is_none());

    auth::confirm_email(&app.db, &token_of(&new_link), Utc::now())
        .await
        .expect("confirmed");
    let again = auth::confirm_email(&app.db, &token_of(&new_link), Utc::now()).await;
    assert!(matches!(again, Err(AuthError::InvalidToken)), "single use");
    let row = sub_account::Entity::find_by_id(kevin.person.id)
        .one(&app.db)
        .await
        .expect("q")
        .expect("row");
    assert_eq!(row.email.as_deref(), Some("kevin@nieuw.example"));
    assert!(row.email_confirmed_at.is_some());

    assert!(matches!(
        auth::set_email(&app.db, &auth, &kevin, "geen adres", None, Utc::now()).await,
        Err(AuthError::InvalidEmail)
    ));
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_a_one_time_link() {
    let app = spawn_app().await;
    let auth = app.auth();
    let before = sign_in(&app, "sintclara", "lotte.peeters", "Tom-papa-2026")
        .await
        .expect("in");
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
    // Both parents have a confirmed address; the pupil has none and gets nothing.
    let (_, heidi_link) = last_mail_link(&app.db, "heidi.peeters@gezin.example").await;
    let (_, tom_link) = last_mail_link(&app.db, "tom.peeters@gezin.example").await;
    assert_ne!(token_of(&heidi_link), token_of(&tom_link));
    assert!(
        sign_in(&app, "sintclara", "lotte.peeters", "Tom-papa-2026")
            .await
            .is_ok(),
        "old still works"
    );

    let refused = auth::reset_password(
        &app.db,
        &auth,
        &token_of(&tom_link),
        "Heidi-mama-2026",
        "Heidi-mama-2026",
        Utc::now(),
    )
    .await;
    assert!(matches!(
        refused,
        Err(AuthError::Password(PasswordProblem::SameAsOtherPerson))
    ));
    auth::reset_password(
        &app.db,
        &auth,
        &token_of(&tom_link),
        "zeilboot-op-de-schelde",
        "zeilboot-op-de-schelde",
        Utc::now(),
    )
    .await
    .expect("a refused try does not use up the link");
    assert!(sign_in(&app, "sintclara", "lotte.peeters", "Tom-papa-2026")
        .await
        .is_err());
    assert!(
        sign_in(&app, "sintclara", "lotte.peeters", "zeilboot-op-de-schelde")
            .await
            .is_ok()
    );
    assert!(
        auth::current(
            &app.db,
            &Default::default(),
            &before.session_token,
            Utc::now()
        )
        .await
        .expect("q")
        .is_none(),
        "sessions end"
    );
    let (notice, _) = last_mail_link(&app.db, "tom.peeters@gezin.example").await;
    assert_eq!(notice.subject, "Uw wachtwoord werd gewijzigd");
    let reused = auth::reset_password(
        &app.db,
        &auth,
        &token_of(&tom_link),
        "nog-een-nieuwe-zin",
        "nog-een-nieuwe-zin",
        Utc::now(),
    )
    .await;
    assert!(matches!(reused, Err(AuthError::InvalidToken)));

    let expired = auth::reset_password(
        &app.db,
        &auth,
        &token_of(&heidi_link),
        "ander-lang-wachtwoord",
        "ander-lang-wachtwoord",
        Utc::now() + Duration::hours(3),
    )
    .await;
    assert!(
        matches!(expired, Err(AuthError::InvalidToken)),
        "links expire within hours"
    );

    // Unknown usernames get the same (successful) answer and no mail.
    let mails = outbox::Entity::find().all(&app.db).await.expect("q").len();
    auth::request_password_reset(&app.db, &auth, "sintclara", "niemand", CLIENT, Utc::now())
        .await
        .expect("same answer");
    assert_eq!(
        outbox::Entity::find().all(&app.db).await.expect("q").len(),
        mails
    );
}

/// Ten wrong passwords in a row on noah.maes, each from another client address (so that the
/// per-client limit plays no part), each answered like any failure.
async fn lock_noah(app: &TestApp) {
    for attempt in 0..auth::LOCK_AFTER {
        let client = format!("198.51.100.{attempt}");
        let outcome = auth::sign_in(
            &app.db,
            &app.auth(),
            "sintclara",
            "noah.maes",
            "verkeerd-wachtwoord",
            client.as_str(),
            Utc::now(),
        )
        .await;
        assert!(matches!(outcome, Err(AuthError::InvalidCredentials)));
    }
}

#[tokio::test]
async fn ten_failures_lock_the_username_for_a_while_and_a_mailed_link_ends_it() {
    let app = spawn_app().await;
    lock_noah(&app).await;
    let locked = sign_in(&app, "sintclara", "noah.maes", "Ines-mama-2026").await;
    assert!(
        matches!(locked, Err(AuthError::InvalidCredentials)),
        "locked gives the same answer"
    );
    let (mail, link) = last_mail_link(&app.db, "ines.maes@gezin.example").await;
    assert_eq!(mail.subject, "Aanmelden even geblokkeerd");
    assert!(link.contains("/heractiveren?token="));

    auth::reactivate(&app.db, &token_of(&link), Utc::now())
        .await
        .expect("reactivated");
    assert!(sign_in(&app, "sintclara", "noah.maes", "Ines-mama-2026")
        .await
        .is_ok());
}

#[tokio::test]
async fn an_account_disabled_by_the_school_is_not_reactivated_by_mail() {
    let app = spawn_app().await;
    lock_noah(&app).await;
    let (_, link) = last_mail_link(&app.db, "ines.maes@gezin.example").await;
    let ines = auth::find_person(&app.db, "sintclara", "noah.maes", 1)
        .await
        .expect("q")
        .expect("ines");
    auth::disable(&app.db, ines.id, Utc::now())
        .await
        .expect("disabled");
    assert!(matches!(
        auth::reactivate(&app.db, &token_of(&link), Utc::now()).await,
        Err(AuthError::DisabledBySchool)
    ));
    assert!(sign_in(&app, "sintclara", "noah.maes", "Ines-mama-2026")
        .await
        .is_err());
    auth::enable(&app.db, ines.id).await.expect("enabled");
    assert!(sign_in(&app, "sintclara", "noah.maes", "Ines-mama-2026")
        .await
        .is_ok());
}

#[tokio::test]
async fn a_locked_person_can_still_reset_the_password() {
    let app = spawn_app().await;
    lock_noah(&app).await;
    auth::request_password_reset(
        &app.db,
        &app.auth(),
        "sintclara",
        "noah.maes",
        CLIENT,
        Utc::now(),
    )
    .await
    .expect("requested");
    let (mail, link) = last_mail_link(&app.db, "ines.maes@gezin.example").await;
    assert_eq!(mail.subject, "Nieuw wachtwoord kiezen");
    auth::reset_password(
        &app.db,
        &app.auth(),
        &token_of(&link),
        "tulpen-in-de-tuin",
        "tulpen-in-de-tuin",
        Utc::now(),
    )
    .await
    .expect("reset");
    assert!(sign_in(&app, "sintclara", "noah.maes", "tulpen-in-de-tuin")
        .await
        .is_ok());
}

#[tokio::test]
async fn sign_in_attempts_are_rate_limited_per_client() {
    let app = spawn_app().await;
    let limit = auth::rate_limit::SIGN_IN_PER_CLIENT.hits;
    // Every attempt at the same instant: the limit counts in fixed windows, and a run that crossed
    // a window's end would start counting again.
    let now = Utc::now();
    let mut refused = 0;
    for attempt in 0..=limit {
        let username = format!("niemand{attempt}");
        let outcome = auth::sign_in(
            &app.db,
            &app.auth(),
            "sintclara",
            &username,
            "wat-dan-ook",
            CLIENT,
            now,
        )
        .await;
        if let Err(AuthError::RateLimited) = outcome {
            refused += 1;
        }
    }
    assert_eq!(refused, 1, "only the attempt over the limit is refused");
}

#[tokio::test]
async fn cross_site_form_posts_are_refused() {
    let app = spawn_app().await;
    let action = form_action(&app, "/sintclara", "sign_in").await;
    let response = app
        .client
        .post(format!("{}{action}", app.base))
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("platform=sintclara&username=lotte.peeters&password=Heidi-mama-2026")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 403);
    assert!(session_cookie(&response).is_none());
}

#[tokio::test]
async fn pages_carry_the_security_headers_and_a_nonce_policy() {
    let app = spawn_app().await;
    let response = app.get("/sintclara").await;
    let headers = response.headers().clone();
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    let policy = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy");
    let html = response.text().await.expect("body");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "inline scripts carry the policy's nonce"
    );
}

#[tokio::test]
async fn only_an_admin_of_the_school_enables_a_disabled_person() {
    use leptos::server_fn::ServerFn;
    let app = spawn_app().await;
    let path = app::functions::account::EnableAccount::PATH;
    let ines = auth::find_person(&app.db, "sintclara", "noah.maes", 1)
        .await
        .expect("q")
        .expect("ines");
    auth::disable(&app.db, ines.id, Utc::now())
        .await
        .expect("disabled");
    let form = [("username", "noah.maes"), ("index", "1")];

    for (platform, username, password) in [
        ("sintclara", "noah.maes", "Kevin-papa-2026"),
        ("sintclara", "an.claes", "An-leerkracht-2026"),
        ("sintjozef", "beheer", "Beheer-sintjozef-2026"),
    ] {
        let caller = sign_in(&app, platform, username, password)
            .await
            .expect("in");
        let cookie = format!("sid={}", caller.session_token);
        let response = post_form(&app, path, &form, Some(&cookie)).await;
        let location = response.headers()[header::LOCATION]
            .to_str()
            .expect("text")
            .to_owned();
        assert!(
            location.contains("__err="),
            "{platform}/{username} is refused"
        );
        assert!(sign_in(&app, "sintclara", "noah.maes", "Ines-mama-2026")
            .await
            .is_err());
    }

    let admin = sign_in(&app, "sintclara", "beheer", "Beheer-sintclara-2026")
        .await
        .expect("admin");
    let cookie = format!("sid={}", admin.session_token);
    let response = post_form(&app, path, &form, Some(&cookie)).await;
    let location = response.headers()[header::LOCATION]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(!location.contains("__err="), "{location}");
    assert!(sign_in(&app, "sintclara", "noah.maes", "Ines-mama-2026")
        .await
        .is_ok());
}

#[tokio::test]
async fn the_command_line_disables_and_enables_a_person() {
    let app = spawn_app().await;
    let done = server::cli::set_enabled(&app.config, "sintclara", "noah.maes", 1, false)
        .await
        .expect("disabled");
    assert!(done.contains("Ines Maes"), "{done}");
    assert!(sign_in(&app, "sintclara", "noah.maes", "Ines-mama-2026")
        .await
        .is_err());
    server::cli::set_enabled(&app.config, "sintclara", "noah.maes", 1, true)
        .await
        .expect("enabled");
    assert!(sign_in(&app, "sintclara", "noah.maes", "Ines-mama-2026")
        .await
        .is_ok());
    assert!(
        server::cli::set_enabled(&app.config, "sintclara", "niemand", 0, true)
            .await
            .is_err()
    );
}

/// Account changes read, then write. On SQLite a deferred transaction doing that fails outright
/// when another writer commits in between; every change here must succeed side by side.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn account_changes_side_by_side_all_succeed() {
    let app = std::sync::Arc::new(spawn_app().await);
    let people = [
        ("lotte.peeters", "Lotte-leerling-2026"),
        ("lotte.peeters", "Heidi-mama-2026"),
        ("lotte.peeters", "Tom-papa-2026"),
        ("emma.janssens", "Emma-leerling-2026"),
        ("noah.maes", "Noah-leerling-2026"),
        ("noah.maes", "Kevin-papa-2026"),
        ("noah.maes", "Nathalie-2026"),
        ("noah.maes", "Ines-mama-2026"),
    ];
    let mut tasks = tokio::task::JoinSet::new();
    for (n, (username, password)) in people.into_iter().enumerate() {
        let app = app.clone();
        tasks.spawn(async move {
            let signed = sign_in(&app, "sintclara", username, password)
                .await
                .expect("in");
            let me = current(&app, &signed.session_token).await;
            let new_password = format!("nieuwe-zin-nummer-{n}-voor-{username}");
            auth::change_password(
                &app.db,
                &app.auth(),
                &me,
                &signed.session_token,
                password,
                &new_password,
                &new_password,
                Utc::now(),
            )
            .await
            .map_err(|err| format!("{username}/{password}: {err:?}"))?;
            auth::set_email(
                &app.db,
                &app.auth(),
                &me,
                &format!("p{n}@gezin.example"),
                Some(&new_password),
                Utc::now(),
            )
            .await
            .map_err(|err| format!("{username}/{password}: {err:?}"))
        });
    }
    while let Some(outcome) = tasks.join_next().await {
        outcome.expect("task").expect("change succeeds");
    }
}

/// The hits a rate limit has counted on `key`, if any.
async fn hits(db: &DatabaseConnection, key: &str) -> Option<i32> {
    use sea_orm::{ConnectionTrait, Statement};
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => "SELECT hits FROM rate_limit WHERE key = $1",
        _ => "SELECT hits FROM rate_limit WHERE key = ?",
    };
    db.query_one_raw(Statement::from_sql_and_values(backend, sql, [key.into()]))
        .await
        .expect("query")
        .map(|row| row.try_get_by_index(0).expect("hits"))
}

#[tokio::test]
async fn a_sign_in_the_hasher_has_no_room_for_is_refused_before_it_counts_or_reads() {
    let app = spawn_app().await;
    let full = auth::Auth {
        hasher: auth::password::Hasher::new(1, 0),
        ..app.auth()
    };
    let client = "198.51.100.9";
    let started = std::time::Instant::now();
    let refused = auth::sign_in(
        &app.db,
        &full,
        "sintclara",
        "lotte.peeters",
        "Heidi-mama-2026",
        client,
        Utc::now(),
    )
    .await;
    assert!(
        matches!(refused, Err(AuthError::Busy)),
        "{:?}",
        refused.err()
    );
    assert!(
        started.elapsed() >= auth::BUSY_PAUSE,
        "a refusal waits its pause, so that a flood is slowed down"
    );
    let client_key = format!("sign-in:client:{client}");
    assert_eq!(hits(&app.db, &client_key).await, None, "the address");
    assert_eq!(
        hits(&app.db, "sign-in:account:sintclara:lotte.peeters").await,
        None,
        "the username"
    );

    // With room, the same attempt goes through and counts once.
    let signed_in = auth::sign_in(
        &app.db,
        &app.auth(),
        "sintclara",
        "lotte.peeters",
        "Heidi-mama-2026",
        client,
        Utc::now(),
    )
    .await;
    assert!(signed_in.is_ok(), "{:?}", signed_in.err());
    assert_eq!(hits(&app.db, &client_key).await, Some(1));
}
