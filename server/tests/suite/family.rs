//! Families over HTTP: linking a child through its co-account (also at another school), one answer
//! for wrong data, lockout counting, switching, and unlinking that takes effect for every open
//! session at once. On SQLite and (with TEST_DATABASE_URL) on PostgreSQL.

use crate::support::{spawn_app, TestApp};
use app::db::entities::{account, evaluation, score, sub_account};
use app::error::AppError;
use app::functions::account::SignedInPerson;
use app::functions::documents::MyDocuments;
use app::functions::family::{LinkChild, SelectChild, UnlinkChild};
use app::functions::school::{LoadAgendaWeek, LoadChildOverview, LoadResults};
use app::models::{AgendaWeek, ChildOverview, Document, Me, ResultRow, Results, TimelineWhat};
use app::services::time::school_today;
use chrono::{Duration, Utc};
use leptos::server_fn::ServerFn;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

fn link_form(platform: &str, username: &str, password: &str) -> Vec<(&'static str, String)> {
    vec![
        ("platform", platform.to_owned()),
        ("username", username.to_owned()),
        ("password", password.to_owned()),
    ]
}

async fn me(app: &TestApp, cookie: &str) -> Me {
    app.call::<Option<Me>>(Some(cookie), SignedInPerson::PATH, &[])
        .await
        .expect("signed in")
        .expect("a person")
}

fn names(me: &Me) -> Vec<String> {
    me.children.iter().map(|c| c.display_name.clone()).collect()
}

async fn child_id(app: &TestApp, cookie: &str, name: &str) -> String {
    me(app, cookie)
        .await
        .children
        .into_iter()
        .find(|child| child.display_name == name)
        .map(|child| child.id)
        .unwrap_or_else(|| panic!("{name} is in the family"))
}

async fn agenda_of(app: &TestApp, cookie: &str) -> Result<AgendaWeek, AppError> {
    app.call(Some(cookie), LoadAgendaWeek::PATH, &[]).await
}

/// Whose agenda the browser of `cookie` shows.
async fn agenda_child(app: &TestApp, cookie: &str) -> String {
    agenda_of(app, cookie)
        .await
        .expect("agenda")
        .pupil
        .display_name
}

/// Clicks the photo of `child` in the header.
async fn switch_to(app: &TestApp, cookie: &str, child: &str) -> Result<(), AppError> {
    let form = [("child", child.to_owned()), ("back", "/agenda".to_owned())];
    app.call(Some(cookie), SelectChild::PATH, &form).await
}

async fn link(
    app: &TestApp,
    cookie: &str,
    (platform, username, password): (&str, &str, &str),
) -> Result<(), AppError> {
    app.call(
        Some(cookie),
        LinkChild::PATH,
        &link_form(platform, username, password),
    )
    .await
}

async fn failed_logins(app: &TestApp, platform_username: &str) -> i32 {
    account::Entity::find()
        .filter(account::Column::Username.eq(platform_username))
        .one(&app.db)
        .await
        .expect("query")
        .expect("account")
        .failed_logins
}

#[tokio::test]
async fn a_parent_links_a_child_at_another_school_and_the_whole_family_sees_both() {
    let app = spawn_app().await;
    let ines = app
        .cookie_of("sintclara", "noah.maes", "Ines-mama-2026")
        .await;
    assert_eq!(names(&me(&app, &ines).await), ["Noah Maes"]);

    link(
        &app,
        &ines,
        ("sintjozef", "lina.vermeulen", "Joke-voogd-2026"),
    )
    .await
    .expect("linked");
    assert_eq!(
        names(&me(&app, &ines).await),
        ["Noah Maes", "Lina Vermeulen"]
    );

    // Signing in to the other member shows the same two children, its own first.
    let joke = app
        .cookie_of("sintjozef", "lina.vermeulen", "Joke-voogd-2026")
        .await;
    assert_eq!(
        names(&me(&app, &joke).await),
        ["Lina Vermeulen", "Noah Maes"]
    );

    // The timeline covers both children, and the filter narrows it to one.
    let overview: ChildOverview = app
        .call(Some(&ines), LoadChildOverview::PATH, &[])
        .await
        .expect("overview");
    let children_in_timeline: Vec<_> = overview
        .timeline
        .iter()
        .map(|entry| entry.child.display_name.clone())
        .collect();
    assert!(children_in_timeline.contains(&"Lina Vermeulen".to_owned()));
    assert!(children_in_timeline.contains(&"Noah Maes".to_owned()));
    assert!(overview
        .timeline
        .windows(2)
        .all(|pair| pair[0].date <= pair[1].date));
    assert!(overview
        .timeline
        .iter()
        .any(|entry| matches!(entry.what, TimelineWhat::Planned(_))));
    let lina = child_id(&app, &ines, "Lina Vermeulen").await;
    let only_lina: ChildOverview = app
        .call(Some(&ines), LoadChildOverview::PATH, &[("child", lina)])
        .await
        .expect("overview");
    assert!(!only_lina.timeline.is_empty());
    assert!(only_lina
        .timeline
        .iter()
        .all(|entry| entry.child.display_name == "Lina Vermeulen"));
}

#[tokio::test]
async fn mijn_kinderen_shows_the_latest_results_however_old_and_two_weeks_of_them_in_the_timeline()
{
    let app = spawn_app().await;
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    // Late in the school year: every evaluation held two months before it was.
    for held in evaluation::Entity::find()
        .all(&app.db)
        .await
        .expect("query")
    {
        let mut earlier: evaluation::ActiveModel = held.clone().into();
        earlier.held_on = Set(held.held_on - Duration::days(60));
        earlier.update(&app.db).await.expect("moved back");
    }
    let results: Results = app
        .call(Some(&heidi), LoadResults::PATH, &[])
        .await
        .expect("results");
    let mut all: Vec<ResultRow> = results
        .periods
        .into_iter()
        .flat_map(|period| period.courses)
        .flat_map(|course| course.results)
        .collect();
    all.sort_by_key(|row| std::cmp::Reverse((row.held_on, row.id)));
    assert!(all.len() > 5, "the demo child has more than five results");

    let overview: ChildOverview = app
        .call(Some(&heidi), LoadChildOverview::PATH, &[])
        .await
        .expect("overview");
    let ids = |rows: &[ResultRow]| rows.iter().map(|row| row.id).collect::<Vec<_>>();
    assert_eq!(ids(&overview.latest_results), ids(&all[..5]));
    assert!(
        !overview
            .timeline
            .iter()
            .any(|entry| matches!(entry.what, TimelineWhat::Result(_))),
        "no result of the last two weeks"
    );

    // A result of this week is on the timeline again, and first among the latest.
    let newest = all[0].clone();
    let score = score::Entity::find_by_id(newest.id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("score");
    let mut recent: evaluation::ActiveModel = evaluation::Entity::find_by_id(score.evaluation_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("evaluation")
        .into();
    recent.held_on = Set(school_today(Utc::now()));
    recent.update(&app.db).await.expect("moved");
    let overview: ChildOverview = app
        .call(Some(&heidi), LoadChildOverview::PATH, &[])
        .await
        .expect("overview");
    assert_eq!(ids(&overview.latest_results), ids(&all[..5]));
    let on_timeline: Vec<i32> = overview
        .timeline
        .iter()
        .filter_map(|entry| match &entry.what {
            TimelineWhat::Result(row) => Some(row.id),
            _ => None,
        })
        .collect();
    assert!(on_timeline.contains(&newest.id), "{on_timeline:?}");
    assert!(!on_timeline.contains(&all[5].id), "{on_timeline:?}");
}

#[tokio::test]
async fn clicking_a_photo_switches_every_module_and_the_personal_ones_follow_the_co_account() {
    let app = spawn_app().await;
    // The demo links Heidi's co-accounts of Lotte (Sint-Clara) and Wout (Sint-Jozef).
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let heidi_at_jozef = app
        .cookie_of("sintjozef", "wout.peeters", "Heidi-mama-2026")
        .await;
    assert_eq!(
        names(&me(&app, &heidi).await),
        ["Lotte Peeters", "Wout Peeters"]
    );
    assert_eq!(agenda_child(&app, &heidi).await, "Lotte Peeters");

    // A document of the Sint-Jozef co-account.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"rapport".to_vec()).file_name("wout-rapport.txt"),
    );
    let response = reqwest::Client::new()
        .post(format!("{}/mijn-documenten/opladen", app.base))
        .header(reqwest::header::COOKIE, &heidi_at_jozef)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), reqwest::StatusCode::CREATED);

    let wout = child_id(&app, &heidi, "Wout Peeters").await;
    switch_to(&app, &heidi, &wout).await.expect("switched");
    assert_eq!(agenda_child(&app, &heidi).await, "Wout Peeters");
    let current = me(&app, &heidi).await;
    assert_eq!(current.child.expect("child").display_name, "Wout Peeters");
    // Still Heidi of Sint-Clara who is signed in; her documents are now those of the co-account
    // that Wout is reached through.
    assert_eq!(current.school.slug, "sintclara");
    let documents: Vec<Document> = app
        .call(Some(&heidi), MyDocuments::PATH, &[])
        .await
        .expect("documents");
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].file_name, "wout-rapport.txt");

    // Switching back.
    let lotte = child_id(&app, &heidi, "Lotte Peeters").await;
    switch_to(&app, &heidi, &lotte)
        .await
        .expect("switched back");
    assert_eq!(agenda_child(&app, &heidi).await, "Lotte Peeters");
    let documents: Vec<Document> = app
        .call(Some(&heidi), MyDocuments::PATH, &[])
        .await
        .expect("documents");
    assert!(documents.is_empty());
}

#[tokio::test]
async fn wrong_data_gets_one_answer_counts_toward_lockout_and_is_rate_limited() {
    let app = spawn_app().await;
    let ines = app
        .cookie_of("sintclara", "noah.maes", "Ines-mama-2026")
        .await;
    for (platform, username, password) in [
        // The pupil's own password never links: it would open her personal modules.
        ("sintjozef", "lina.vermeulen", "Lina-leerling-2026"),
        ("sintjozef", "lina.vermeulen", "niet-het-wachtwoord"),
        ("sintjozef", "bestaat.niet", "Joke-voogd-2026"),
        ("geenschool", "lina.vermeulen", "Joke-voogd-2026"),
        ("sintclara", "lina.vermeulen", "Joke-voogd-2026"),
    ] {
        let outcome = link(&app, &ines, (platform, username, password)).await;
        assert_eq!(
            outcome,
            Err(AppError::InvalidCredentials),
            "{platform}/{username}"
        );
    }
    assert_eq!(failed_logins(&app, "lina.vermeulen").await, 1);
    assert_eq!(names(&me(&app, &ines).await), ["Noah Maes"]);

    // Ten wrong passwords in a row lock the username's persons for a while, as at sign-in.
    for _ in 0..9 {
        let outcome = link(
            &app,
            &ines,
            ("sintjozef", "lina.vermeulen", "nog-steeds-fout"),
        )
        .await;
        assert_eq!(outcome, Err(AppError::InvalidCredentials));
    }
    let lina_people = sub_account::Entity::find()
        .inner_join(account::Entity)
        .filter(account::Column::Username.eq("lina.vermeulen"))
        .all(&app.db)
        .await
        .expect("query");
    assert!(lina_people.iter().all(|person| person
        .locked_until
        .is_some_and(|until| until > chrono::Utc::now())));
    let outcome = link(
        &app,
        &ines,
        ("sintjozef", "lina.vermeulen", "Joke-voogd-2026"),
    )
    .await;
    assert_eq!(outcome, Err(AppError::InvalidCredentials), "locked");

    // The username's attempts are limited like sign-ins.
    let mut last = Ok(());
    for _ in 0..12 {
        last = link(
            &app,
            &ines,
            ("sintjozef", "lina.vermeulen", "nog-steeds-fout"),
        )
        .await;
    }
    assert_eq!(last, Err(AppError::RateLimited));
}

#[tokio::test]
async fn linking_the_same_child_twice_says_so_and_pupils_cannot_link() {
    let app = spawn_app().await;
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    for (platform, username, password) in [
        ("sintjozef", "wout.peeters", "Heidi-mama-2026"),
        ("sintclara", "lotte.peeters", "Heidi-mama-2026"),
    ] {
        let outcome = link(&app, &heidi, (platform, username, password)).await;
        assert_eq!(outcome, Err(AppError::AlreadyLinked), "{username}");
    }
    let lotte = app
        .cookie_of("sintclara", "lotte.peeters", "Lotte-leerling-2026")
        .await;
    let outcome = link(
        &app,
        &lotte,
        ("sintjozef", "wout.peeters", "Heidi-mama-2026"),
    )
    .await;
    assert_eq!(outcome, Err(AppError::Forbidden));
    let outcome = app
        .call::<()>(
            None,
            LinkChild::PATH,
            &link_form("sintjozef", "wout.peeters", "x"),
        )
        .await;
    assert_eq!(outcome, Err(AppError::SignedOut));
}

#[tokio::test]
async fn unlinking_takes_effect_for_every_open_session_at_once() {
    let app = spawn_app().await;
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let heidi_elsewhere = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let wout = child_id(&app, &heidi, "Wout Peeters").await;
    // The other browser has Wout selected.
    switch_to(&app, &heidi_elsewhere, &wout)
        .await
        .expect("switched");
    assert_eq!(agenda_child(&app, &heidi_elsewhere).await, "Wout Peeters");

    app.call::<()>(Some(&heidi), UnlinkChild::PATH, &[("child", wout.clone())])
        .await
        .expect("unlinked");

    // At once, in both browsers: only Lotte, and Wout's id opens nothing.
    for cookie in [&heidi, &heidi_elsewhere] {
        assert_eq!(names(&me(&app, cookie).await), ["Lotte Peeters"]);
        assert_eq!(agenda_child(&app, cookie).await, "Lotte Peeters");
        let outcome = app
            .call::<AgendaWeek>(
                Some(cookie),
                LoadAgendaWeek::PATH,
                &[("pupil", wout.clone())],
            )
            .await;
        assert_eq!(outcome.map(|_| ()), Err(AppError::Forbidden));
        let outcome = app
            .call::<()>(
                Some(cookie),
                SelectChild::PATH,
                &[("child", wout.clone()), ("back", "/".to_owned())],
            )
            .await;
        assert_eq!(outcome, Err(AppError::Forbidden));
    }
    // The Sint-Jozef co-account is on its own again.
    let heidi_at_jozef = app
        .cookie_of("sintjozef", "wout.peeters", "Heidi-mama-2026")
        .await;
    assert_eq!(names(&me(&app, &heidi_at_jozef).await), ["Wout Peeters"]);
}

#[tokio::test]
async fn a_family_reaches_no_child_that_is_not_linked() {
    let app = spawn_app().await;
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let ines = app
        .cookie_of("sintclara", "noah.maes", "Ines-mama-2026")
        .await;
    let noah = child_id(&app, &ines, "Noah Maes").await;
    for (path, form) in [
        (
            SelectChild::PATH,
            vec![("child", noah.clone()), ("back", "/agenda".to_owned())],
        ),
        (UnlinkChild::PATH, vec![("child", noah.clone())]),
        (LoadChildOverview::PATH, vec![("child", noah.clone())]),
    ] {
        let outcome = app
            .call::<serde_json::Value>(Some(&heidi), path, &form)
            .await
            .map(|_| ());
        let expected = if path == LoadChildOverview::PATH {
            // The filter names no child of the family: an empty timeline, nothing of Noah.
            Ok(())
        } else {
            Err(AppError::Forbidden)
        };
        assert_eq!(outcome, expected, "{path}");
    }
    let overview: ChildOverview = app
        .call(
            Some(&heidi),
            LoadChildOverview::PATH,
            &[("child", noah.clone())],
        )
        .await
        .expect("overview");
    assert!(overview.timeline.is_empty());
    let outcome = app
        .call::<AgendaWeek>(Some(&heidi), LoadAgendaWeek::PATH, &[("pupil", noah)])
        .await;
    assert_eq!(outcome.map(|_| ()), Err(AppError::Forbidden));
    // And Ines's family is untouched.
    assert_eq!(names(&me(&app, &ines).await), ["Noah Maes"]);
}
