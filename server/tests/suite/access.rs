//! "Wie kan mijn kind zien?": the page lists exactly the people the visibility module lets see
//! each child (checked person by person for a family of two schools), the person's own sign-ins
//! with their devices, and the open sessions, of which ending one signs that browser out at its
//! next request. On SQLite and (with TEST_DATABASE_URL) on PostgreSQL.

use std::collections::HashSet;

use crate::support::{session_cookie_of, spawn_app, TestApp};
use app::auth::{sessions, subscriber, Current};
use app::db::entities::sub_account;
use app::error::AppError;
use app::functions::access::{EndOtherSessions, EndSession, LoadAccess};
use app::functions::account::SignIn;
use app::models::{AccessOverview, AccountUse, ChildAccess, Module, PublicId};
use app::visibility::{family_scopes, pupil_scope, role_of};
use chrono::Utc;
use leptos::server_fn::ServerFn;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

const FIREFOX_ANDROID: &str =
    "Mozilla/5.0 (Android 14; Mobile; rv:120.0) Gecko/120.0 Firefox/120.0";
const SAFARI_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

/// Signs in through the sign-in form from a browser that names itself `agent`; the cookie.
async fn sign_in_from(app: &TestApp, password: &str, agent: &str) -> String {
    let response = reqwest::Client::new()
        .post(format!("{}{}", app.base, SignIn::PATH))
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .header(reqwest::header::USER_AGENT, agent)
        .body(format!(
            "platform=sintclara&username=lotte.peeters&password={password}"
        ))
        .send()
        .await
        .expect("request");
    assert!(response.status().is_success(), "{}", response.status());
    format!("sid={}", session_cookie_of(&response).0)
}

async fn overview(app: &TestApp, cookie: &str) -> Result<AccessOverview, AppError> {
    app.call(Some(cookie), LoadAccess::PATH, &[]).await
}

/// Whether `current` may look at the pupil `child` by the visibility module's read rules: a
/// pupil their own, a parent each child of the family, staff by the pupil scope.
async fn sees(app: &TestApp, current: &Current, child: PublicId) -> bool {
    use app::models::Role;
    match role_of(current) {
        Role::Pupil => pupil_scope(&app.db, current, Module::Agenda, None)
            .await
            .is_ok_and(|scope| scope.person.public_id == child.0),
        Role::CoAccount => family_scopes(current)
            .expect("the family")
            .iter()
            .any(|(_, scope)| scope.person.public_id == child.0),
        Role::Teacher | Role::Admin => pupil_scope(&app.db, current, Module::Agenda, Some(child))
            .await
            .is_ok(),
    }
}

/// The people a child's section names as able to see the child (a disabled co-account is
/// named, as seeing nothing).
fn listed(child: &ChildAccess) -> HashSet<PublicId> {
    let own = std::iter::once(&child.pupil)
        .chain(&child.co_accounts)
        .chain(&child.family)
        .filter(|watcher| watcher.state != AccountUse::Disabled)
        .map(|watcher| watcher.id);
    let staff = child
        .teachers
        .iter()
        .chain(&child.admins)
        .map(|person| person.id);
    own.chain(staff).collect()
}

/// Everyone in the database whom the visibility module lets see `child`, by id and name.
async fn seeing(app: &TestApp, child: PublicId) -> Vec<(PublicId, String)> {
    let mut found = Vec::new();
    for person in sub_account::Entity::find()
        .all(&app.db)
        .await
        .expect("people")
    {
        if let Some(current) = subscriber(&app.db, person.id).await.expect("query") {
            if sees(app, &current, child).await {
                found.push((PublicId(person.public_id), person.display_name()));
            }
        }
    }
    found
}

/// Heidi's page, each child's list checked against the visibility module.
async fn checked_overview(app: &TestApp, current: &Current) -> AccessOverview {
    let overview =
        app::services::access::overview(&app.db, &Default::default(), current, "", Utc::now())
            .await
            .expect("the page");
    let names: Vec<&str> = overview
        .children
        .iter()
        .map(|child| child.child.first_name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Lotte", "Wout"],
        "Heidi's family, across two schools"
    );
    for child in &overview.children {
        let id = PublicId::parse(&child.child.id).expect("an id");
        let seeing = seeing(app, id).await;
        let unlisted: Vec<&String> = seeing
            .iter()
            .filter(|(id, _)| !listed(child).contains(id))
            .map(|(_, name)| name)
            .collect();
        assert!(
            unlisted.is_empty(),
            "{} is seen by {unlisted:?} too",
            child.child.first_name
        );
        let ids: HashSet<PublicId> = seeing.iter().map(|(id, _)| *id).collect();
        assert_eq!(listed(child), ids, "who can see {}", child.child.first_name);
    }
    overview
}

#[tokio::test]
async fn the_page_lists_exactly_who_can_see_each_child_of_a_family_of_two_schools() {
    let app = spawn_app().await;
    let heidi = app.person("sintclara", "lotte.peeters", "Heidi").await;
    let current = subscriber(&app.db, heidi.id)
        .await
        .expect("query")
        .expect("Heidi");
    let shown = checked_overview(&app, &current).await;

    // Lotte: herself, Heidi (you) and Tom, Heidi again through Wout's co-account at Sint-Jozef,
    // An as class teacher, and the school's admin.
    let lotte = &shown.children[0];
    assert_eq!(lotte.pupil.name, "Lotte Peeters");
    assert!(lotte
        .co_accounts
        .iter()
        .any(|w| w.you && w.name == "Heidi Peeters"));
    assert!(lotte.co_accounts.iter().any(|w| w.name.starts_with("Tom")));
    assert_eq!(lotte.family.len(), 1, "{:?}", lotte.family);
    assert_eq!(
        lotte.family[0].school.as_deref(),
        Some("Sint-Jozefinstituut")
    );
    assert!(lotte
        .teachers
        .iter()
        .any(|t| t.class_teacher && t.name == "An Claes"));
    assert!(!lotte.admins.is_empty());

    // The school disables Tom: he is named as seeing nothing, and the visibility module agrees.
    let tom = app.person("sintclara", "lotte.peeters", "Tom").await;
    let mut disabled: sub_account::ActiveModel = tom.clone().into();
    disabled.disabled_at = Set(Some(Utc::now()));
    disabled.update(&app.db).await.expect("disable Tom");
    let shown = checked_overview(&app, &current).await;
    let tom_row = shown.children[0]
        .co_accounts
        .iter()
        .find(|w| w.id == PublicId(tom.public_id))
        .expect("Tom is named");
    assert_eq!(tom_row.state, AccountUse::Disabled);
}

#[tokio::test]
async fn a_pupil_sees_who_can_see_them_and_staff_only_their_own_sign_ins() {
    let app = spawn_app().await;
    let lotte = app
        .cookie(("sintclara", "lotte.peeters", "Lotte-leerling-2026"))
        .await;
    let seen = overview(&app, &lotte).await.expect("Lotte's page");
    assert_eq!(seen.children.len(), 1);
    assert!(seen.children[0].pupil.you);
    assert!(
        seen.children[0].co_accounts.iter().all(|w| !w.you),
        "the co-accounts are her parents"
    );
    assert_eq!(seen.sessions.len(), 1, "only her own session");

    let an = app
        .cookie(("sintclara", "an.claes", "An-leerkracht-2026"))
        .await;
    let seen = overview(&app, &an).await.expect("An's page");
    assert!(seen.children.is_empty(), "staff have no child here");
    assert_eq!(seen.sessions.len(), 1);
    let page = app.get_as(&an, "/toegang").await;
    assert_eq!(page.status(), 200);
    assert!(page
        .text()
        .await
        .expect("html")
        .contains("Aanmeldingen en toestellen"));
}

#[tokio::test]
async fn ending_a_session_from_the_list_signs_that_browser_out_at_its_next_request() {
    let app = spawn_app().await;
    let phone = sign_in_from(&app, "Heidi-mama-2026", FIREFOX_ANDROID).await;
    let laptop = sign_in_from(&app, "Heidi-mama-2026", SAFARI_IPHONE).await;

    let seen = overview(&app, &laptop).await.expect("the page");
    let devices: Vec<(String, bool)> = seen
        .sessions
        .iter()
        .map(|s| (s.device.describe(), s.this_device))
        .collect();
    assert_eq!(
        devices,
        [
            ("Safari op iPhone".to_owned(), true),
            ("Firefox op Android".to_owned(), false)
        ]
    );
    let recent: Vec<String> = seen.sign_ins.iter().map(|s| s.device.describe()).collect();
    assert_eq!(recent[..2], ["Safari op iPhone", "Firefox op Android"]);
    let page = app
        .get_as(&laptop, "/toegang")
        .await
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("Firefox op Android"),
        "the page names the device"
    );
    assert!(page.contains("Wie kan mijn kind zien?"));

    // Lotte, of the same family, cannot end her mother's session: it is not hers to see.
    let phone_handle = seen.sessions[1].handle.clone();
    let lotte = app
        .cookie(("sintclara", "lotte.peeters", "Lotte-leerling-2026"))
        .await;
    let refused = app
        .call::<()>(
            Some(&lotte),
            EndSession::PATH,
            &[("session", phone_handle.clone())],
        )
        .await;
    assert!(matches!(refused, Err(AppError::NotFound)), "{refused:?}");
    assert!(
        overview(&app, &phone).await.is_ok(),
        "the phone is still signed in"
    );

    // Heidi ends it from the laptop: the phone is signed out at its next request.
    app.call::<()>(
        Some(&laptop),
        EndSession::PATH,
        &[("session", phone_handle)],
    )
    .await
    .expect("ended");
    assert!(matches!(
        overview(&app, &phone).await,
        Err(AppError::SignedOut)
    ));
    let seen = overview(&app, &laptop).await.expect("still signed in");
    assert_eq!(seen.sessions.len(), 1);

    // "Overal anders afmelden" keeps only this browser.
    let other = sign_in_from(&app, "Heidi-mama-2026", FIREFOX_ANDROID).await;
    app.call::<()>(Some(&laptop), EndOtherSessions::PATH, &[])
        .await
        .expect("ended");
    assert!(matches!(
        overview(&app, &other).await,
        Err(AppError::SignedOut)
    ));
    assert!(overview(&app, &laptop).await.is_ok());
}

#[tokio::test]
async fn a_plain_form_post_ends_a_session_and_returns_to_the_page() {
    let app = spawn_app().await;
    let phone = sign_in_from(&app, "Heidi-mama-2026", FIREFOX_ANDROID).await;
    let laptop = sign_in_from(&app, "Heidi-mama-2026", SAFARI_IPHONE).await;
    let handle = overview(&app, &laptop).await.expect("the page").sessions[1]
        .handle
        .clone();
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(format!("{}{}", app.base, EndSession::PATH))
        .header(reqwest::header::COOKIE, &laptop)
        .header(reqwest::header::ACCEPT, "text/html")
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(format!("session={handle}"))
        .send()
        .await
        .expect("request");
    assert!(response.status().is_redirection(), "{}", response.status());
    let to = response.headers()[reqwest::header::LOCATION]
        .to_str()
        .expect("location");
    assert!(to.starts_with("/toegang?beeindigd="), "{to}");
    assert!(matches!(
        overview(&app, &phone).await,
        Err(AppError::SignedOut)
    ));
}

#[tokio::test]
async fn only_the_last_ten_sign_ins_are_kept() {
    let app = spawn_app().await;
    let tom = app.person("sintclara", "lotte.peeters", "Tom").await;
    let now = Utc::now();
    for minutes in 0..13 {
        sessions::record_sign_in(
            &app.db,
            tom.id,
            &Default::default(),
            now - chrono::Duration::minutes(60 - minutes),
        )
        .await
        .expect("recorded");
    }
    let current = subscriber(&app.db, tom.id)
        .await
        .expect("query")
        .expect("Tom");
    let kept = sessions::sign_ins(&app.db, app::visibility::own_sign_ins(&current))
        .await
        .expect("sign-ins");
    assert_eq!(kept.len(), 10);
    let all = app::db::entities::sign_in::Entity::find()
        .all(&app.db)
        .await
        .expect("rows");
    assert_eq!(
        all.iter()
            .filter(|row| row.sub_account_id == tom.id)
            .count(),
        10,
        "older ones are removed"
    );
    assert_eq!(
        kept[0].at.timestamp(),
        (now - chrono::Duration::minutes(48)).timestamp()
    );
}
