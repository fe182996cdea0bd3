//! Teachers keep their courses for families, over HTTP as the pages call it: files and links in
//! Vakken in the order the teacher arranges them, live lessons in Live-sessies, both seen by the
//! family at once; bad input and other teachers' courses refused with nothing stored. And a class
//! at a glance for its staff: the weighted results per course of a period (a teacher's own
//! courses, the class teacher's all of them) and the absences of a week. On SQLite and (with
//! TEST_DATABASE_URL) on PostgreSQL.

use crate::support::{spawn_app, TestApp};
use app::db::entities::{attendance, course, evaluation, live_session, material, score};
use app::error::AppError;
use app::functions::courses::{
    AddLiveSession, AddMaterialLink, LoadLivePlan, LoadMaterialPlan, MoveMaterial,
    RemoveLiveSession, RemoveMaterial,
};
use app::functions::overviews::{LoadClassAbsences, LoadClassResults};
use app::functions::school::{LoadCourses, LoadLiveSessions};
use app::functions::teaching::SaveRegister;
use app::models::{
    ClassAbsences, ClassResults, Courses, LivePlan, LiveSessions, MaterialPlan, ScoreCode,
};
use app::services::time::school_today;
use chrono::{Duration, NaiveDate, Utc};
use leptos::server_fn::ServerFn;
use reqwest::{header, StatusCode};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

const AN: (&str, &str) = ("an.claes", "An-leerkracht-2026");
const PIETER: (&str, &str) = ("pieter.wuyts", "Pieter-leerkracht-2026");
const BART: (&str, &str) = ("bart.jacobs", "Bart-leerkracht-2026");
const ADMIN: (&str, &str) = ("beheer", "Beheer-sintclara-2026");
const HEIDI: (&str, &str) = ("lotte.peeters", "Heidi-mama-2026");
const LOTTE: (&str, &str) = ("lotte.peeters", "Lotte-leerling-2026");

async fn sign_in(app: &TestApp, (username, password): (&str, &str)) -> String {
    app.cookie_of("sintclara", username, password).await
}

async fn other_school_admin(app: &TestApp) -> String {
    app.cookie_of("sintjozef", "beheer", "Beheer-sintjozef-2026")
        .await
}

/// A pupil's account by username at Sint-Clara.
async fn account_of(app: &TestApp, username: &str, first_name: &str) -> i32 {
    app.person("sintclara", username, first_name)
        .await
        .account_id
}

async fn materials_count(app: &TestApp) -> u64 {
    material::Entity::find()
        .count(&app.db)
        .await
        .expect("count")
}

async fn live_count(app: &TestApp) -> u64 {
    live_session::Entity::find()
        .count(&app.db)
        .await
        .expect("count")
}

/// Posts a course file as the materials page's form does; `browser` asks for the page back.
async fn upload(
    app: &TestApp,
    cookie: Option<&str>,
    course: i32,
    title: &str,
    name: &str,
    content: Vec<u8>,
    browser: bool,
) -> reqwest::Response {
    let fields = [("course", course.to_string()), ("title", title.to_owned())];
    app.post_file(
        "/vakken/materiaal",
        cookie,
        &fields,
        (name, content),
        browser,
    )
    .await
}

async fn plan(app: &TestApp, cookie: &str, course: i32) -> MaterialPlan {
    app.call(
        Some(cookie),
        LoadMaterialPlan::PATH,
        &[("course", course.to_string())],
    )
    .await
    .expect("materials")
}

fn titles(plan: &MaterialPlan) -> Vec<String> {
    plan.materials.iter().map(|m| m.title.clone()).collect()
}

/// The titles of a course's materials as the family sees them in Vakken.
async fn family_titles(app: &TestApp, cookie: &str, course: i32) -> Vec<String> {
    let courses: Courses = app
        .call(Some(cookie), LoadCourses::PATH, &[])
        .await
        .expect("Vakken");
    courses
        .courses
        .into_iter()
        .find(|c| c.id == course)
        .expect("the course in Vakken")
        .materials
        .into_iter()
        .map(|m| m.title)
        .collect()
}

fn link_form(course: i32, title: &str, url: &str) -> Vec<(&'static str, String)> {
    vec![
        ("course", course.to_string()),
        ("title", title.to_owned()),
        ("url", url.to_owned()),
    ]
}

fn id_of(plan: &MaterialPlan, title: &str) -> i32 {
    plan.materials
        .iter()
        .find(|m| m.title == title)
        .unwrap_or_else(|| panic!("{title} listed"))
        .id
}

#[tokio::test]
async fn a_teacher_arranges_a_courses_materials_and_the_family_sees_them_in_that_order() {
    let app = spawn_app().await;
    let an = sign_in(&app, AN).await;
    let heidi = sign_in(&app, HEIDI).await;
    let lotte = sign_in(&app, LOTTE).await;
    let wiskunde = app.course_id("1A", "Wiskunde").await;

    let response = upload(
        &app,
        Some(&an),
        wiskunde,
        "Oefenbundel breuken",
        "breuken.pdf",
        b"%PDF-1.4 oefeningen".to_vec(),
        false,
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    // A browser's post comes back to the course's page, which says it was uploaded; without a
    // title the file's name is the title.
    let response = upload(
        &app,
        Some(&an),
        wiskunde,
        "  ",
        "formules.pdf",
        b"%PDF-1.4 formules".to_vec(),
        true,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION],
        format!("/vakken/beheren?vak={wiskunde}&opgeladen=1").as_str()
    );
    app.call::<serde_json::Value>(
        Some(&an),
        AddMaterialLink::PATH,
        &link_form(wiskunde, "GeoGebra", "https://www.geogebra.org/classic"),
    )
    .await
    .expect("An adds a link");

    let before = plan(&app, &an, wiskunde).await;
    let listed = titles(&before);
    let n = listed.len();
    assert_eq!(
        listed[n - 3..],
        ["Oefenbundel breuken", "formules.pdf", "GeoGebra"],
        "new materials come last"
    );
    assert_eq!(family_titles(&app, &heidi, wiskunde).await, listed);

    // GeoGebra one place up, then the first material down: each move is seen at once.
    let geogebra = id_of(&before, "GeoGebra");
    app.call::<serde_json::Value>(
        Some(&an),
        MoveMaterial::PATH,
        &[("id", geogebra.to_string()), ("direction", "up".to_owned())],
    )
    .await
    .expect("moved up");
    let first = before.materials[0].id;
    app.call::<serde_json::Value>(
        Some(&an),
        MoveMaterial::PATH,
        &[("id", first.to_string()), ("direction", "down".to_owned())],
    )
    .await
    .expect("moved down");
    let mut expected = listed.clone();
    expected.swap(n - 1, n - 2);
    expected.swap(0, 1);
    let after = plan(&app, &an, wiskunde).await;
    assert_eq!(titles(&after), expected);
    assert_eq!(family_titles(&app, &heidi, wiskunde).await, expected);
    assert_eq!(family_titles(&app, &lotte, wiskunde).await, expected);
    // The first cannot go further up: nothing changes.
    app.call::<serde_json::Value>(
        Some(&an),
        MoveMaterial::PATH,
        &[
            ("id", after.materials[0].id.to_string()),
            ("direction", "up".to_owned()),
        ],
    )
    .await
    .expect("a move at the top");
    assert_eq!(titles(&plan(&app, &an, wiskunde).await), expected);

    // Lotte downloads the file her teacher put up.
    let bundle = id_of(&after, "Oefenbundel breuken");
    let response = app
        .get_as(&lotte, &format!("/vakken/bestand/{bundle}"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.bytes().await.expect("file").as_ref(),
        b"%PDF-1.4 oefeningen"
    );

    // Removed: gone for the family too.
    app.call::<serde_json::Value>(
        Some(&an),
        RemoveMaterial::PATH,
        &[("id", bundle.to_string())],
    )
    .await
    .expect("removed");
    expected.retain(|title| title != "Oefenbundel breuken");
    assert_eq!(family_titles(&app, &heidi, wiskunde).await, expected);
}

#[tokio::test]
async fn bad_materials_are_refused_and_store_nothing() {
    let app = spawn_app().await;
    let an = sign_in(&app, AN).await;
    let wiskunde = app.course_id("1A", "Wiskunde").await;
    let before = materials_count(&app).await;
    for (title, url, expected) in [
        ("Kwaad", "javascript:alert(1)", AppError::InvalidWebLink),
        (
            "Bestanden",
            "ftp://files.example/les",
            AppError::InvalidWebLink,
        ),
        ("Data", "data:text/html,<b>x</b>", AppError::InvalidWebLink),
        (
            "Zonder schema",
            "www.geogebra.org",
            AppError::InvalidWebLink,
        ),
        ("   ", "https://www.geogebra.org", AppError::TitleRequired),
    ] {
        let refused = app
            .call::<serde_json::Value>(
                Some(&an),
                AddMaterialLink::PATH,
                &link_form(wiskunde, title, url),
            )
            .await
            .expect_err("refused");
        assert_eq!(refused, expected, "{title} {url}");
    }
    let too_large = vec![b'x'; app::models::UploadLimits::default().file + 1];
    let response = upload(
        &app,
        Some(&an),
        wiskunde,
        "Groot",
        "groot.pdf",
        too_large,
        false,
    )
    .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let response = upload(
        &app,
        Some(&an),
        wiskunde,
        "Leeg",
        "leeg.pdf",
        Vec::new(),
        false,
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A browser is sent back to the course's page with the reason.
    let too_large = vec![b'x'; app::models::UploadLimits::default().file * 2];
    let response = upload(
        &app,
        Some(&an),
        wiskunde,
        "Groot",
        "groot.pdf",
        too_large,
        true,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION],
        format!("/vakken/beheren?vak={wiskunde}&fout=te-groot").as_str()
    );
    let response = upload(
        &app,
        Some(&an),
        wiskunde,
        "Leeg",
        "leeg.pdf",
        Vec::new(),
        true,
    )
    .await;
    assert_eq!(
        response.headers()[header::LOCATION],
        format!("/vakken/beheren?vak={wiskunde}&fout=geen-bestand").as_str()
    );
    assert_eq!(materials_count(&app).await, before, "nothing stored");

    let any = plan(&app, &an, wiskunde).await.materials[0].id;
    let refused = app
        .call::<serde_json::Value>(
            Some(&an),
            MoveMaterial::PATH,
            &[
                ("id", any.to_string()),
                ("direction", "sideways".to_owned()),
            ],
        )
        .await
        .expect_err("no such direction");
    assert_eq!(refused, AppError::InvalidChoice);
}

#[tokio::test]
async fn only_the_teacher_of_a_course_and_the_schools_admin_keep_it() {
    let app = spawn_app().await;
    let an = sign_in(&app, AN).await;
    let bart = sign_in(&app, BART).await;
    let admin = sign_in(&app, ADMIN).await;
    let elsewhere = other_school_admin(&app).await;
    let wiskunde = app.course_id("1A", "Wiskunde").await;
    let tomorrow = (school_today(Utc::now()) + Duration::days(1)).to_string();
    let live = |course: i32| {
        vec![
            ("course", course.to_string()),
            ("title", "Uitleg breuken".to_owned()),
            ("date", tomorrow.clone()),
            ("starts", "10:00".to_owned()),
            ("ends", "10:50".to_owned()),
            ("url", "https://meet.example/wiskunde".to_owned()),
        ]
    };
    let (materials, sessions) = (materials_count(&app).await, live_count(&app).await);
    for (cookie, expected) in [
        (&bart, AppError::Forbidden),
        (&elsewhere, AppError::NotFound),
    ] {
        let refused = app
            .call::<serde_json::Value>(
                Some(cookie),
                AddMaterialLink::PATH,
                &link_form(wiskunde, "Niet van mij", "https://example.org"),
            )
            .await
            .expect_err("not their course");
        assert_eq!(refused, expected);
        let refused = app
            .call::<serde_json::Value>(Some(cookie), AddLiveSession::PATH, &live(wiskunde))
            .await
            .expect_err("not their course");
        assert_eq!(refused, expected);
        let refused = app
            .call::<MaterialPlan>(
                Some(cookie),
                LoadMaterialPlan::PATH,
                &[("course", wiskunde.to_string())],
            )
            .await
            .expect_err("not their course");
        assert_eq!(refused, expected);
        let status = upload(
            &app,
            Some(cookie),
            wiskunde,
            "Nep",
            "nep.pdf",
            b"x".to_vec(),
            false,
        )
        .await
        .status();
        assert_eq!(status, expected.status());
    }
    let an_material = plan(&app, &an, wiskunde).await.materials[0].id;
    for (path, form) in [
        (RemoveMaterial::PATH, vec![("id", an_material.to_string())]),
        (
            MoveMaterial::PATH,
            vec![
                ("id", an_material.to_string()),
                ("direction", "down".to_owned()),
            ],
        ),
    ] {
        let refused = app
            .call::<serde_json::Value>(Some(&bart), path, &form)
            .await
            .expect_err("not Bart's");
        assert_eq!(refused, AppError::Forbidden, "{path}");
    }
    assert_eq!(materials_count(&app).await, materials, "nothing stored");
    assert_eq!(live_count(&app).await, sessions, "nothing stored");

    // The admin keeps any course of the school; An's lesson is not Bart's to remove.
    app.call::<serde_json::Value>(
        Some(&admin),
        AddMaterialLink::PATH,
        &link_form(
            wiskunde,
            "Schoolreglement",
            "https://school.example/reglement",
        ),
    )
    .await
    .expect("the admin adds a link");
    app.call::<serde_json::Value>(Some(&an), AddLiveSession::PATH, &live(wiskunde))
        .await
        .expect("An plans a lesson");
    let lesson = live_session::Entity::find()
        .filter(live_session::Column::Title.eq("Uitleg breuken"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("planned");
    let refused = app
        .call::<serde_json::Value>(
            Some(&bart),
            RemoveLiveSession::PATH,
            &[("id", lesson.id.to_string())],
        )
        .await
        .expect_err("not Bart's");
    assert_eq!(refused, AppError::Forbidden);
    let bart_plan: LivePlan = app
        .call(Some(&bart), LoadLivePlan::PATH, &[])
        .await
        .expect("Bart's plan");
    assert!(
        bart_plan.sessions.iter().all(|s| s.id != lesson.id),
        "Bart lists only his own courses' lessons"
    );
}

#[tokio::test]
async fn a_planned_live_lesson_is_seen_in_live_sessies_until_removed() {
    let app = spawn_app().await;
    let an = sign_in(&app, AN).await;
    let lotte = sign_in(&app, LOTTE).await;
    let heidi = sign_in(&app, HEIDI).await;
    let nederlands = app.course_id("1A", "Nederlands").await;
    let day = school_today(Utc::now()) + Duration::days(2);
    app.call::<serde_json::Value>(
        Some(&an),
        AddLiveSession::PATH,
        &[
            ("course", nederlands.to_string()),
            ("title", "Spreekbeurten online".to_owned()),
            ("date", day.to_string()),
            ("starts", "13:30".to_owned()),
            ("ends", "14:20".to_owned()),
            ("url", "https://meet.example/nederlands-1a".to_owned()),
        ],
    )
    .await
    .expect("planned");
    let plan: LivePlan = app
        .call(Some(&an), LoadLivePlan::PATH, &[])
        .await
        .expect("An's plan");
    let planned = plan
        .sessions
        .iter()
        .find(|s| s.title == "Spreekbeurten online")
        .expect("listed for An");
    assert_eq!(
        (planned.date, planned.starts.as_str(), planned.ends.as_str()),
        (day, "13:30", "14:20")
    );
    assert_eq!(planned.course.id, nederlands);
    for cookie in [&lotte, &heidi] {
        let sessions: LiveSessions = app
            .call(Some(cookie), LoadLiveSessions::PATH, &[])
            .await
            .expect("Live-sessies");
        let seen = sessions
            .sessions
            .iter()
            .find(|s| s.title == "Spreekbeurten online")
            .expect("the family sees it at once");
        assert_eq!(seen.url, "https://meet.example/nederlands-1a");
        assert_eq!(
            (seen.starts.as_str(), seen.ends.as_str()),
            ("13:30", "14:20")
        );
        assert!(!seen.past);
    }
    app.call::<serde_json::Value>(
        Some(&an),
        RemoveLiveSession::PATH,
        &[("id", planned.id.to_string())],
    )
    .await
    .expect("removed");
    let sessions: LiveSessions = app
        .call(Some(&heidi), LoadLiveSessions::PATH, &[])
        .await
        .expect("Live-sessies");
    assert!(sessions
        .sessions
        .iter()
        .all(|s| s.title != "Spreekbeurten online"));
}

#[tokio::test]
async fn bad_live_lessons_are_refused_and_store_nothing() {
    let app = spawn_app().await;
    let an = sign_in(&app, AN).await;
    let nederlands = app.course_id("1A", "Nederlands").await;
    let day = (school_today(Utc::now()) + Duration::days(1)).to_string();
    let before = live_count(&app).await;
    for (title, date, starts, ends, url, expected) in [
        (
            "Les",
            day.as_str(),
            "11:00",
            "10:00",
            "https://meet.example/a",
            AppError::EndBeforeStart,
        ),
        (
            "Les",
            day.as_str(),
            "10:00",
            "10:00",
            "https://meet.example/a",
            AppError::EndBeforeStart,
        ),
        (
            "Les",
            day.as_str(),
            "10:00",
            "11:00",
            "javascript:alert(1)",
            AppError::InvalidWebLink,
        ),
        (
            "Les",
            day.as_str(),
            "10:00",
            "11:00",
            "meet.example/a",
            AppError::InvalidWebLink,
        ),
        (
            "  ",
            day.as_str(),
            "10:00",
            "11:00",
            "https://meet.example/a",
            AppError::TitleRequired,
        ),
        (
            "Les",
            "morgen",
            "10:00",
            "11:00",
            "https://meet.example/a",
            AppError::InvalidDate,
        ),
        (
            "Les",
            day.as_str(),
            "tien uur",
            "11:00",
            "https://meet.example/a",
            AppError::InvalidTime,
        ),
    ] {
        let refused = app
            .call::<serde_json::Value>(
                Some(&an),
                AddLiveSession::PATH,
                &[
                    ("course", nederlands.to_string()),
                    ("title", title.to_owned()),
                    ("date", date.to_owned()),
                    ("starts", starts.to_owned()),
                    ("ends", ends.to_owned()),
                    ("url", url.to_owned()),
                ],
            )
            .await
            .expect_err("refused");
        assert_eq!(refused, expected, "{title} {date} {starts}-{ends} {url}");
    }
    assert_eq!(live_count(&app).await, before, "nothing stored");
}

/// An evaluation of `course` in period 4 (the demo scores periods 1 and 2 only).
async fn evaluation_in(app: &TestApp, course: i32, max: f64, weight: f64, draft: bool) -> i32 {
    evaluation::ActiveModel {
        course_id: Set(course),
        period: Set(4),
        name: Set(format!("Periode 4, op {max}")),
        held_on: Set(school_today(Utc::now())),
        max_score: Set(max),
        published_at: Set(Utc::now() - Duration::minutes(1)),
        weight: Set(weight),
        draft: Set(draft),
        version: Set(1),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("evaluation")
    .id
}

async fn score_of(
    app: &TestApp,
    evaluation: i32,
    pupil: i32,
    points: f64,
    code: Option<ScoreCode>,
) {
    score::ActiveModel {
        evaluation_id: Set(evaluation),
        pupil_id: Set(pupil),
        points: Set(points),
        code: Set(code),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("score");
}

async fn class_results(app: &TestApp, cookie: &str, class: i32) -> Result<ClassResults, AppError> {
    app.call(
        Some(cookie),
        LoadClassResults::PATH,
        &[("class", class.to_string()), ("period", "4".to_owned())],
    )
    .await
}

fn columns(results: &ClassResults) -> Vec<String> {
    results.courses.iter().map(|c| c.name.clone()).collect()
}

fn cell(results: &ClassResults, pupil: &str, course: &str) -> Option<f64> {
    let column = results
        .courses
        .iter()
        .position(|c| c.name == course)
        .unwrap_or_else(|| panic!("a column {course}"));
    results
        .lines
        .iter()
        .find(|line| line.pupil.contains(pupil))
        .unwrap_or_else(|| panic!("a line for {pupil}"))
        .percents[column]
}

#[tokio::test]
async fn the_results_overview_weighs_published_scores_and_shows_the_courses_one_may_see() {
    let app = spawn_app().await;
    let an = sign_in(&app, AN).await;
    let pieter = sign_in(&app, PIETER).await;
    let bart = sign_in(&app, BART).await;
    let admin = sign_in(&app, ADMIN).await;
    let class_1a = app.class_id("1A").await;
    let wiskunde = app.course_id("1A", "Wiskunde").await;
    let frans = app.course_id("1A", "Frans").await;
    let lotte = account_of(&app, "lotte.peeters", "Lotte").await;
    let emma = account_of(&app, "emma.janssens", "Emma").await;

    // Wiskunde: 15/20 (weight 1) and 4/10 (weight 2) count; a draft and an absence do not.
    let first = evaluation_in(&app, wiskunde, 20.0, 1.0, false).await;
    let second = evaluation_in(&app, wiskunde, 10.0, 2.0, false).await;
    let draft = evaluation_in(&app, wiskunde, 10.0, 1.0, true).await;
    let absent = evaluation_in(&app, wiskunde, 10.0, 3.0, false).await;
    score_of(&app, first, lotte, 15.0, None).await;
    score_of(&app, second, lotte, 4.0, None).await;
    score_of(&app, draft, lotte, 10.0, None).await;
    score_of(&app, absent, lotte, 0.0, Some(ScoreCode::Absent)).await;
    score_of(&app, absent, emma, 5.0, None).await;
    // Frans: 7/10.
    let french = evaluation_in(&app, frans, 10.0, 1.0, false).await;
    score_of(&app, french, lotte, 7.0, None).await;

    // By hand: (15·1 + 4·2) / (20·1 + 10·2) = 23 / 40.
    let lotte_wiskunde = 23.0 / 40.0 * 100.0;
    let ans = class_results(&app, &an, class_1a)
        .await
        .expect("An's overview");
    assert_eq!(ans.period, 4);
    let close = |value: Option<f64>, expected: f64| {
        value.is_some_and(|value| (value - expected).abs() < 1e-9)
    };
    assert!(
        close(cell(&ans, "Lotte", "Wiskunde"), lotte_wiskunde),
        "{ans:?}"
    );
    assert!(
        close(cell(&ans, "Emma", "Wiskunde"), 50.0),
        "Emma: 5/10 at weight 3"
    );
    assert!(close(cell(&ans, "Lotte", "Frans"), 70.0));
    assert_eq!(cell(&ans, "Emma", "Frans"), None, "nothing scored yet");
    // An is 1A's class teacher: every course of the class, as the admin sees them.
    let all: Vec<String> = {
        let mut names: Vec<String> = course::Entity::find()
            .filter(course::Column::ClassId.eq(class_1a))
            .all(&app.db)
            .await
            .expect("courses")
            .into_iter()
            .map(|c| c.name)
            .collect();
        names.sort();
        names
    };
    assert_eq!(columns(&ans), all);
    let admins = class_results(&app, &admin, class_1a).await.expect("admin");
    assert_eq!(columns(&admins), all);
    assert_eq!(admins.lines, ans.lines);

    // Pieter teaches Frans and Geschiedenis in 1A: those columns only, with the same numbers.
    let pieters = class_results(&app, &pieter, class_1a)
        .await
        .expect("Pieter");
    assert_eq!(columns(&pieters), ["Frans", "Geschiedenis"]);
    assert!(close(cell(&pieters, "Lotte", "Frans"), 70.0));
    // Bart teaches nothing in 1A; another school's admin finds nothing.
    assert_eq!(
        class_results(&app, &bart, class_1a)
            .await
            .expect_err("Bart"),
        AppError::Forbidden
    );
    let elsewhere = other_school_admin(&app).await;
    assert_eq!(
        class_results(&app, &elsewhere, class_1a)
            .await
            .expect_err("elsewhere"),
        AppError::NotFound
    );
}

#[tokio::test]
async fn the_absences_overview_shows_a_school_week_per_half_day() {
    let app = spawn_app().await;
    let an = sign_in(&app, AN).await;
    let pieter = sign_in(&app, PIETER).await;
    let bart = sign_in(&app, BART).await;
    let class_1a = app.class_id("1A").await;
    let lotte = app
        .person("sintclara", "lotte.peeters", "Lotte")
        .await
        .public_id
        .to_string();
    // A Wednesday long ago, that the demo left empty.
    let wednesday = NaiveDate::from_ymd_opt(2025, 3, 12).expect("date");
    app.call::<serde_json::Value>(
        Some(&an),
        SaveRegister::PATH,
        &[
            ("class", class_1a.to_string()),
            ("day", wednesday.to_string()),
            ("half", "nm".to_owned()),
            ("entries[0][pupil]", lotte.clone()),
            ("entries[0][code]", "Z".to_owned()),
        ],
    )
    .await
    .expect("registered");
    assert_eq!(
        attendance::Entity::find()
            .filter(attendance::Column::Day.eq(wednesday))
            .count(&app.db)
            .await
            .expect("count"),
        1
    );
    // Any day of the week shows that week, Monday to Friday; Pieter teaches in 1A too.
    for (cookie, week) in [(&an, "2025-03-12"), (&pieter, "2025-03-14")] {
        let week: ClassAbsences = app
            .call(
                Some(cookie),
                LoadClassAbsences::PATH,
                &[("class", class_1a.to_string()), ("week", week.to_owned())],
            )
            .await
            .expect("absences");
        let monday = NaiveDate::from_ymd_opt(2025, 3, 10).expect("date");
        assert_eq!(
            week.days,
            (0..5)
                .map(|d| monday + Duration::days(d))
                .collect::<Vec<_>>()
        );
        let line = week
            .lines
            .iter()
            .find(|line| line.pupil.contains("Lotte"))
            .expect("Lotte's line");
        assert_eq!(line.halves[2], [None, Some("Z".to_owned())]);
        let marked: usize = week
            .lines
            .iter()
            .flat_map(|line| line.halves.iter().flatten())
            .filter(|code| code.is_some())
            .count();
        assert_eq!(marked, 1, "only Lotte's Wednesday afternoon");
    }
    let refused = app
        .call::<ClassAbsences>(
            Some(&bart),
            LoadClassAbsences::PATH,
            &[("class", class_1a.to_string())],
        )
        .await
        .expect_err("Bart does not teach 1A");
    assert_eq!(refused, AppError::Forbidden);
}

/// How often `needle` occurs in `text`.
fn occurrences(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

#[tokio::test]
async fn the_pages_render_before_the_wasm_with_one_heading_and_plain_forms() {
    let app = spawn_app().await;
    let an = sign_in(&app, AN).await;
    let class_1a = app.class_id("1A").await;
    let wiskunde = app.course_id("1A", "Wiskunde").await;
    app.call::<serde_json::Value>(
        Some(&an),
        AddMaterialLink::PATH,
        &link_form(wiskunde, "GeoGebra", "https://www.geogebra.org"),
    )
    .await
    .expect("a link");
    let class_page = [
        format!("href=\"/resultaten/klas/{class_1a}\""),
        format!("/lvs/klas/{class_1a}/afwezigheden"),
    ];
    let pages: [(String, Vec<&str>); 5] = [
        (
            format!("/vakken/beheren?vak={wiskunde}"),
            vec![
                "action=\"/vakken/materiaal\"",
                "enctype=\"multipart/form-data\"",
                "GeoGebra",
                "GeoGebra naar boven",
            ],
        ),
        (
            "/live-sessies/plannen".to_owned(),
            vec!["type=\"time\"", "type=\"url\""],
        ),
        (
            format!("/resultaten/klas/{class_1a}?periode=1"),
            vec!["class-overview", "Wiskunde", "Lotte"],
        ),
        (
            format!("/lvs/klas/{class_1a}/afwezigheden?week=2025-03-12"),
            vec!["class-overview", "rel=\"prev\"", "Lotte"],
        ),
        (
            format!("/lvs/klas/{class_1a}"),
            class_page.iter().map(String::as_str).collect(),
        ),
    ];
    for (path, shows) in pages {
        let response = app.get_as(&an, &path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let body = response.text().await.expect("page");
        assert_eq!(occurrences(&body, "<h1"), 1, "one h1 on {path}");
        for text in shows {
            assert!(body.contains(text), "{path} shows {text}");
        }
    }
    // The teaching pages are linked from the modules' pupil pickers.
    let body = app.get_as(&an, "/vakken").await.text().await.expect("page");
    assert!(body.contains("href=\"/vakken/beheren\""));
    let body = app
        .get_as(&an, "/live-sessies")
        .await
        .text()
        .await
        .expect("page");
    assert!(body.contains("href=\"/live-sessies/plannen\""));
}
