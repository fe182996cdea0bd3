//! Teachers write what families read, over HTTP as the pages call it: planned work that a parent
//! sees in the agenda at once, an evaluation whose scores stay hidden until published (with bad
//! cells refused, a correction marked, and two saves of the same grid never losing a score
//! silently), and a class's attendance and remarks. On SQLite and (with TEST_DATABASE_URL) on
//! PostgreSQL.

use crate::support::{set_cookie, spawn_app, TestApp};
use app::db::entities::{agenda_file, agenda_item, attendance, lvs_remark, score, sub_account};
use app::error::AppError;
use app::functions::school::{LoadAgendaWeek, LoadChildOverview, LoadLvs, LoadResults};
use app::functions::teaching::{
    AddRemark, CreateEvaluation, LoadAgendaPlan, LoadClassPage, LoadEvaluations, LoadScoreGrid,
    RemoveAgendaFile, RemoveAgendaItem, SaveAgendaItem, SaveRegister, SaveScores,
};
use app::models::{
    AgendaPlan, AgendaWeek, CellProblem, ChildOverview, ClassPage, EvaluationList, HalfDay, Lvs,
    Results, ScoreCode, ScoreGrid, TypedScore,
};
use app::services::time::school_today;
use chrono::{Datelike, Duration, NaiveDate, Utc, Weekday};
use leptos::server_fn::ServerFn;
use reqwest::{header, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const AN: (&str, &str) = ("an.claes", "An-leerkracht-2026");
const PIETER: (&str, &str) = ("pieter.wuyts", "Pieter-leerkracht-2026");
const BART: (&str, &str) = ("bart.jacobs", "Bart-leerkracht-2026");
const HEIDI: (&str, &str) = ("lotte.peeters", "Heidi-mama-2026");
const LOTTE: (&str, &str) = ("lotte.peeters", "Lotte-leerling-2026");

async fn sign_in(app: &TestApp, (username, password): (&str, &str)) -> String {
    app.cookie_of("sintclara", username, password).await
}

async fn public_id(app: &TestApp, username: &str) -> String {
    app.person("sintclara", username, first_name(username))
        .await
        .public_id
        .to_string()
}

fn first_name(username: &str) -> &'static str {
    match username {
        "lotte.peeters" => "Lotte",
        "emma.janssens" => "Emma",
        "noah.maes" => "Noah",
        other => panic!("no demo pupil {other}"),
    }
}

/// The next school day after today.
fn next_school_day() -> NaiveDate {
    let mut day = school_today(Utc::now()) + Duration::days(1);
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day += Duration::days(1);
    }
    day
}

fn form(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
}

async fn agenda_titles(
    app: &TestApp,
    cookie: &str,
    week: NaiveDate,
) -> Vec<(String, Option<String>)> {
    let week: AgendaWeek = app
        .call(
            Some(cookie),
            LoadAgendaWeek::PATH,
            &[("week", week.to_string())],
        )
        .await
        .expect("agenda");
    week.days
        .into_iter()
        .flat_map(|day| day.items)
        .map(|item| (item.title, item.due_time))
        .collect()
}

#[tokio::test]
async fn a_teacher_plans_edits_and_removes_work_that_the_parent_sees_at_once() {
    let app = spawn_app().await;
    let an = sign_in(&app, AN).await;
    let heidi = sign_in(&app, HEIDI).await;
    let wiskunde = app.course_id("1A", "Wiskunde").await;
    let frans = app.course_id("1A", "Frans").await;
    let due = next_school_day();

    let plan: AgendaPlan = app
        .call(
            Some(&an),
            LoadAgendaPlan::PATH,
            &[("course", wiskunde.to_string())],
        )
        .await
        .expect("An plans in her course");
    let offered: Vec<String> = plan.teaching.courses.iter().map(|c| c.label()).collect();
    assert!(offered.contains(&"1A · Wiskunde".to_owned()), "{offered:?}");
    assert!(
        !offered.iter().any(|label| label.contains("Frans")),
        "{offered:?}"
    );

    let due_text = due.to_string();
    let wiskunde_text = wiskunde.to_string();
    let new_test = |title: &str, time: &str| {
        let mut fields = form(&[
            ("course", &wiskunde_text),
            ("kind", "test"),
            ("due_on", &due_text),
            ("description", "Hoofdstuk 3: breuken vereenvoudigen."),
        ]);
        fields.push(("title", title.to_owned()));
        fields.push(("due_time", time.to_owned()));
        fields
    };
    let items_before = agenda_item::Entity::find()
        .count(&app.db)
        .await
        .expect("count");
    // Bad input changes nothing and says what to fix.
    for (fields, expected) in [
        (new_test("  ", ""), AppError::TitleRequired),
        (new_test("Toets breuken", "25:99"), AppError::InvalidTime),
    ] {
        let refused = app
            .call::<serde_json::Value>(Some(&an), SaveAgendaItem::PATH, &fields)
            .await
            .expect_err("refused");
        assert_eq!(refused, expected);
    }
    // Only the courses one gives: Bart gives no course in 1A, Pieter not this one.
    for teacher in [BART, PIETER] {
        let cookie = sign_in(&app, teacher).await;
        let refused = app
            .call::<serde_json::Value>(Some(&cookie), SaveAgendaItem::PATH, &new_test("Nep", ""))
            .await
            .expect_err("not their course");
        assert_eq!(refused, AppError::Forbidden, "{}", teacher.0);
    }
    let lotte = sign_in(&app, LOTTE).await;
    let refused = app
        .call::<serde_json::Value>(Some(&lotte), SaveAgendaItem::PATH, &new_test("Nep", ""))
        .await
        .expect_err("a pupil writes nothing");
    assert_eq!(refused, AppError::Forbidden);
    assert_eq!(
        agenda_item::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        items_before,
        "nothing refused was stored"
    );

    app.call::<serde_json::Value>(
        Some(&an),
        SaveAgendaItem::PATH,
        &new_test("Toets breuken", "10:15"),
    )
    .await
    .expect("An plans a test");
    assert!(
        agenda_titles(&app, &heidi, due)
            .await
            .contains(&("Toets breuken".to_owned(), Some("10:15".to_owned()))),
        "Heidi sees the test with its hour"
    );
    let overview: ChildOverview = app
        .call(Some(&heidi), LoadChildOverview::PATH, &[])
        .await
        .expect("Mijn kinderen");
    assert!(
        overview
            .upcoming
            .iter()
            .any(|item| item.title == "Toets breuken"),
        "and on Mijn kinderen"
    );

    let item = agenda_item::Entity::find()
        .filter(agenda_item::Column::Title.eq("Toets breuken"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("stored");
    let mut edit = new_test("Toets breuken en procenten", "");
    edit.push(("id", item.id.to_string()));
    let pieter = sign_in(&app, PIETER).await;
    let refused = app
        .call::<serde_json::Value>(Some(&pieter), SaveAgendaItem::PATH, &edit)
        .await
        .expect_err("not Pieter's course");
    assert_eq!(refused, AppError::Forbidden);
    // Moving An's item into Pieter's course is as forbidden as writing there.
    let mut moved = edit.clone();
    moved.retain(|(name, _)| *name != "course");
    moved.push(("course", frans.to_string()));
    let refused = app
        .call::<serde_json::Value>(Some(&an), SaveAgendaItem::PATH, &moved)
        .await
        .expect_err("not An's course");
    assert_eq!(refused, AppError::Forbidden);
    app.call::<serde_json::Value>(Some(&an), SaveAgendaItem::PATH, &edit)
        .await
        .expect("An edits her test");
    let titles = agenda_titles(&app, &heidi, due).await;
    assert!(
        titles.contains(&("Toets breuken en procenten".to_owned(), None)),
        "{titles:?}"
    );
    assert!(!titles.iter().any(|(title, _)| title == "Toets breuken"));

    let remove = [("id", item.id.to_string())];
    let refused = app
        .call::<serde_json::Value>(Some(&pieter), RemoveAgendaItem::PATH, &remove)
        .await
        .expect_err("not Pieter's");
    assert_eq!(refused, AppError::Forbidden);
    app.call::<serde_json::Value>(Some(&an), RemoveAgendaItem::PATH, &remove)
        .await
        .expect("An removes it");
    assert!(!agenda_titles(&app, &heidi, due)
        .await
        .iter()
        .any(|(title, _)| title.starts_with("Toets breuken")));
    let refused = app
        .call::<serde_json::Value>(Some(&an), RemoveAgendaItem::PATH, &remove)
        .await
        .expect_err("gone");
    assert_eq!(refused, AppError::NotFound);
}

/// Attaches a file to planned work as the planning page's form does; `browser` asks for the page
/// back.
async fn attach(
    app: &TestApp,
    cookie: &str,
    item: i32,
    name: &str,
    content: Vec<u8>,
    browser: bool,
) -> reqwest::Response {
    let fields = [("item", item.to_string())];
    app.post_file(
        "/agenda/bijlage",
        Some(cookie),
        &fields,
        (name, content),
        browser,
    )
    .await
}

async fn files_count(app: &TestApp) -> u64 {
    agenda_file::Entity::find()
        .count(&app.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn files_attached_to_planned_work_reach_the_family_and_go_with_the_item() {
    let app = spawn_app().await;
    let an = sign_in(&app, AN).await;
    let heidi = sign_in(&app, HEIDI).await;
    let wiskunde = app.course_id("1A", "Wiskunde").await;
    let due = next_school_day();
    let fields = form(&[
        ("course", &wiskunde.to_string()),
        ("kind", "assignment"),
        ("due_on", &due.to_string()),
        ("title", "Taak grafieken"),
    ]);
    // Saved from the page, the item opens for its files.
    let saved = app
        .post_form_on(&an, SaveAgendaItem::PATH, "/agenda/plannen", &fields)
        .await;
    let item = agenda_item::Entity::find()
        .filter(agenda_item::Column::Title.eq("Taak grafieken"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("stored");
    let location = saved
        .headers()
        .get(header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        location.contains(&format!("bewerk={}", item.id)),
        "{location}"
    );

    let pdf = b"%PDF-1.4 grafieken".to_vec();
    let response = attach(&app, &an, item.id, "opgave.pdf", pdf.clone(), true).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let back = response
        .headers()
        .get(header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        back.starts_with(&format!(
            "/agenda/plannen?vak={wiskunde}&bewerk={}",
            item.id
        )) && back.contains("opgeladen"),
        "{back}"
    );
    let page = app.get_as(&an, &back).await.text().await.expect("page");
    assert!(page.contains("opgave.pdf"), "the planning page lists it");

    // Refused files store nothing and say why; another teacher attaches nothing.
    let too_large = vec![b'x'; app::models::UploadLimits::default().file + 1];
    let response = attach(&app, &an, item.id, "groot.pdf", too_large, false).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let response = attach(&app, &an, item.id, "leeg.pdf", Vec::new(), false).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let pieter = sign_in(&app, PIETER).await;
    let response = attach(&app, &pieter, item.id, "nep.pdf", pdf.clone(), false).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(files_count(&app).await, 1, "only An's file was kept");

    // Heidi sees the file with the item in the agenda and downloads it.
    let week: AgendaWeek = app
        .call(
            Some(&heidi),
            LoadAgendaWeek::PATH,
            &[("week", due.to_string())],
        )
        .await
        .expect("agenda");
    let files: Vec<_> = week
        .days
        .into_iter()
        .flat_map(|day| day.items)
        .filter(|planned| planned.title == "Taak grafieken")
        .flat_map(|planned| planned.files)
        .collect();
    let [file] = files.as_slice() else {
        panic!("one file with the item: {files:?}");
    };
    assert_eq!((file.name.as_str(), file.size), ("opgave.pdf", 18));
    let download = app
        .get_as(&heidi, &format!("/agenda/bestand/{}", file.id))
        .await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.bytes().await.expect("body").to_vec(), pdf);
    let agenda_page = app
        .get_as(&heidi, &format!("/agenda?week={due}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(
        agenda_page.contains(&format!("href=\"/agenda/bestand/{}\"", file.id)),
        "the agenda links the file"
    );

    // Removing the file is the teacher's; removing the item takes its files along.
    let refused = app
        .call::<serde_json::Value>(
            Some(&pieter),
            RemoveAgendaFile::PATH,
            &[("id", file.id.to_string())],
        )
        .await
        .expect_err("not Pieter's");
    assert_eq!(refused, AppError::Forbidden);
    app.call::<serde_json::Value>(
        Some(&an),
        RemoveAgendaFile::PATH,
        &[("id", file.id.to_string())],
    )
    .await
    .expect("An removes the file");
    assert_eq!(files_count(&app).await, 0);
    attach(&app, &an, item.id, "opgave.pdf", pdf, false).await;
    assert_eq!(files_count(&app).await, 1);
    app.call::<serde_json::Value>(
        Some(&an),
        RemoveAgendaItem::PATH,
        &[("id", item.id.to_string())],
    )
    .await
    .expect("An removes the item");
    assert_eq!(files_count(&app).await, 0, "the item's files went with it");
}

#[tokio::test]
async fn a_form_refused_before_the_wasm_comes_back_as_typed_once_and_only_to_its_session() {
    let app = spawn_app().await;
    let an = sign_in(&app, AN).await;
    let wiskunde = app.course_id("1A", "Wiskunde").await;
    let page = format!("/agenda/plannen?vak={wiskunde}");
    let fields = form(&[
        ("course", &wiskunde.to_string()),
        ("kind", "test"),
        ("due_on", &next_school_day().to_string()),
        ("due_time", "25:99"),
        ("title", "Toets <breuken> & procenten"),
        (
            "description",
            "Hoofdstuk 3, alle oefeningen.\nMet rekenmachine.",
        ),
    ]);
    // Posted as a browser posts a form before the wasm has loaded.
    let refused = app
        .post_form_on(&an, SaveAgendaItem::PATH, &page, &fields)
        .await;
    assert!(refused.status().is_redirection());
    let back = app.redirected_to(&refused);
    assert!(back.starts_with(&page) && back.contains("__err="), "{back}");
    let kept = set_cookie(&refused, "kept_form").expect("the typed form is kept");

    // Another session of the same browser (another teacher) finds nothing under that key.
    let pieter = sign_in(&app, PIETER).await;
    let elsewhere = app
        .get_as(&format!("{pieter}; {kept}"), &back)
        .await
        .text()
        .await
        .expect("page");
    assert!(
        !elsewhere.contains("Toets &lt;breuken&gt;"),
        "not Pieter's to see"
    );

    let again = app
        .post_form_on(&an, SaveAgendaItem::PATH, &page, &fields)
        .await;
    let kept = set_cookie(&again, "kept_form").expect("kept again");
    let response = app.get_as(&format!("{an}; {kept}"), &back).await;
    assert_eq!(
        set_cookie(&response, "kept_form").as_deref(),
        Some("kept_form="),
        "read once, then cleared"
    );
    let shown = response.text().await.expect("page");
    for typed in [
        "value=\"Toets &lt;breuken&gt; &amp; procenten\"",
        "value=\"25:99\"",
        "Hoofdstuk 3, alle oefeningen.\nMet rekenmachine.</textarea>",
        "<option value=\"test\" selected",
    ] {
        assert!(shown.contains(typed), "{typed} is shown again");
    }
    assert!(shown.contains("role=\"alert\""), "with the reason");
    // Read once: the same address again shows the empty form.
    let later = app
        .get_as(&format!("{an}; {kept}"), &back)
        .await
        .text()
        .await
        .expect("page");
    assert!(!later.contains("Toets &lt;breuken&gt;"));

    // A refused password change keeps no password.
    let refused = app
        .post_form_on(
            &an,
            app::functions::account::ChangePassword::PATH,
            "/wachtwoord",
            &form(&[
                ("current_password", "Niet-het-wachtwoord-1"),
                ("new_password", "Nieuw-geheim-2026!"),
                ("repeat_password", "Nieuw-geheim-2026!"),
            ]),
        )
        .await;
    assert!(refused.status().is_redirection());
    let kept = app::db::entities::kept_form::Entity::find()
        .all(&app.db)
        .await
        .expect("kept forms");
    assert!(!kept.is_empty(), "the form itself was kept");
    assert!(
        kept.iter()
            .all(|form| !form.fields.contains("geheim") && !form.fields.contains("Niet-het")),
        "{kept:?}"
    );
}

/// The grid's form: the pupils in order with what was typed.
fn grid_form(
    evaluation: i32,
    version: i32,
    cells: &[(&str, &str, &str)],
    publish: bool,
) -> Vec<(String, String)> {
    let mut fields = vec![
        ("evaluation".to_owned(), evaluation.to_string()),
        ("version".to_owned(), version.to_string()),
    ];
    for (index, (pupil, points, feedback)) in cells.iter().enumerate() {
        fields.push((format!("cells[{index}][pupil]"), (*pupil).to_owned()));
        fields.push((format!("cells[{index}][points]"), (*points).to_owned()));
        fields.push((format!("cells[{index}][feedback]"), (*feedback).to_owned()));
    }
    if publish {
        fields.push(("publish".to_owned(), "1".to_owned()));
    }
    fields
}

async fn save_grid(
    app: &TestApp,
    cookie: &str,
    fields: &[(String, String)],
) -> Result<serde_json::Value, AppError> {
    let fields: Vec<(&str, String)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    app.call(Some(cookie), SaveScores::PATH, &fields).await
}

async fn grid(app: &TestApp, cookie: &str, id: i32) -> Result<ScoreGrid, AppError> {
    app.call(Some(cookie), LoadScoreGrid::PATH, &[("id", id.to_string())])
        .await
}

/// Heidi's view of the evaluation: (points, code, changed, class average) if she sees it.
async fn heidis_result(
    app: &TestApp,
    heidi: &str,
    name: &str,
) -> Option<(f64, Option<ScoreCode>, bool, Option<f64>)> {
    let results: Results = app
        .call(Some(heidi), LoadResults::PATH, &[])
        .await
        .expect("results");
    results
        .periods
        .into_iter()
        .flat_map(|period| period.courses)
        .flat_map(|course| course.results)
        .find(|row| row.name == name)
        .map(|row| (row.points, row.code, row.changed, row.class_average))
}

#[tokio::test]
async fn scores_stay_hidden_until_published_and_no_save_is_lost_silently() {
    let app = spawn_app().await;
    let an = sign_in(&app, AN).await;
    let heidi = sign_in(&app, HEIDI).await;
    let wiskunde = app.course_id("1A", "Wiskunde").await;
    let today = school_today(Utc::now()).to_string();
    let create = |name: &str, max: &str| {
        form(&[
            ("course", &wiskunde.to_string()),
            ("period", "1"),
            ("held_on", &today),
            ("weight", "2"),
        ])
        .into_iter()
        .chain([("name", name.to_owned()), ("max", max.to_owned())])
        .collect::<Vec<_>>()
    };
    let refused = app
        .call::<serde_json::Value>(
            Some(&an),
            CreateEvaluation::PATH,
            &create("Proefwerk kommagetallen", "nul"),
        )
        .await
        .expect_err("no maximum");
    assert_eq!(refused, AppError::InvalidMaximum);
    let bart = sign_in(&app, BART).await;
    let refused = app
        .call::<serde_json::Value>(Some(&bart), CreateEvaluation::PATH, &create("Nep", "20"))
        .await
        .expect_err("not Bart's course");
    assert_eq!(refused, AppError::Forbidden);
    app.call::<serde_json::Value>(
        Some(&an),
        CreateEvaluation::PATH,
        &create("Proefwerk kommagetallen", "20"),
    )
    .await
    .expect("An creates an evaluation");
    let list: EvaluationList = app
        .call(Some(&an), LoadEvaluations::PATH, &[])
        .await
        .expect("list");
    let evaluation = list
        .evaluations
        .iter()
        .find(|row| row.name == "Proefwerk kommagetallen")
        .expect("listed");
    assert!(evaluation.draft);
    assert_eq!(evaluation.weight, 2.0);
    let id = evaluation.id;

    let opened = grid(&app, &an, id).await.expect("the grid");
    let lotte = public_id(&app, "lotte.peeters").await;
    let emma = public_id(&app, "emma.janssens").await;
    let pupils: Vec<&str> = opened.rows.iter().map(|row| row.pupil.as_str()).collect();
    assert!(pupils.contains(&lotte.as_str()) && pupils.contains(&emma.as_str()));
    assert_eq!(
        grid(&app, &bart, id).await.expect_err("not Bart's"),
        AppError::Forbidden
    );

    // Bad cells: refused per cell with the reason, everything as typed, nothing stored.
    let refused = save_grid(
        &app,
        &an,
        &grid_form(
            id,
            opened.version,
            &[(&lotte, "21", "Knap"), (&emma, "acht", "")],
            false,
        ),
    )
    .await
    .expect_err("bad cells");
    assert_eq!(
        refused,
        AppError::ScoresRefused(vec![
            TypedScore {
                points: "21".to_owned(),
                feedback: "Knap".to_owned(),
                problem: Some(CellProblem::AboveMaximum),
            },
            TypedScore {
                points: "acht".to_owned(),
                feedback: String::new(),
                problem: Some(CellProblem::NotAScore),
            },
        ])
    );
    let noah = public_id(&app, "noah.maes").await;
    let refused = save_grid(
        &app,
        &an,
        &grid_form(id, opened.version, &[(&noah, "10", "")], false),
    )
    .await
    .expect_err("Noah is not in 1A");
    assert_eq!(refused, AppError::NotFound);
    let stored = || async {
        score::Entity::find()
            .filter(score::Column::EvaluationId.eq(id))
            .all(&app.db)
            .await
            .expect("query")
    };
    assert!(stored().await.is_empty(), "nothing refused was stored");

    // A draft: staff see it, the family does not.
    save_grid(
        &app,
        &an,
        &grid_form(
            id,
            opened.version,
            &[(&lotte, "15,5", "Goed gewerkt"), (&emma, "GA", "")],
            false,
        ),
    )
    .await
    .expect("saved as a draft");
    assert_eq!(stored().await.len(), 2);
    assert_eq!(
        heidis_result(&app, &heidi, "Proefwerk kommagetallen").await,
        None,
        "a draft is hidden"
    );

    // A second save from the same grid as the first is refused and writes nothing.
    let stale = save_grid(
        &app,
        &an,
        &grid_form(id, opened.version, &[(&lotte, "3", "")], false),
    )
    .await
    .expect_err("the grid changed");
    assert_eq!(stale, AppError::GridChanged);
    let lotte_points = || async {
        let account = app
            .person("sintclara", "lotte.peeters", "Lotte")
            .await
            .account_id;
        stored()
            .await
            .into_iter()
            .find(|score| score.pupil_id == account)
            .map(|score| score.points)
    };
    assert_eq!(lotte_points().await, Some(15.5));

    // Published: Heidi sees the score; the class average counts only points, not Emma's code.
    let current = grid(&app, &an, id).await.expect("grid");
    assert_eq!(current.version, opened.version + 1);
    save_grid(
        &app,
        &an,
        &grid_form(
            id,
            current.version,
            &[(&lotte, "15,5", "Goed gewerkt"), (&emma, "GA", "")],
            true,
        ),
    )
    .await
    .expect("published");
    assert_eq!(
        heidis_result(&app, &heidi, "Proefwerk kommagetallen").await,
        Some((15.5, None, false, Some(77.5)))
    );

    // A correction after publication is marked as changed.
    let current = grid(&app, &an, id).await.expect("grid");
    save_grid(
        &app,
        &an,
        &grid_form(
            id,
            current.version,
            &[(&lotte, "16", "Goed gewerkt"), (&emma, "GA", "")],
            true,
        ),
    )
    .await
    .expect("corrected");
    assert_eq!(
        heidis_result(&app, &heidi, "Proefwerk kommagetallen").await,
        Some((16.0, None, true, Some(80.0)))
    );
    let emmas = app
        .cookie_of("sintclara", "emma.janssens", "Emma-leerling-2026")
        .await;
    let results: Results = app
        .call(Some(&emmas), LoadResults::PATH, &[])
        .await
        .expect("Emma");
    let emmas_row = results
        .periods
        .into_iter()
        .flat_map(|period| period.courses)
        .flat_map(|course| course.results)
        .find(|row| row.name == "Proefwerk kommagetallen")
        .expect("Emma sees her code");
    assert_eq!(emmas_row.code, Some(ScoreCode::Excused));
    assert!(!emmas_row.changed, "Emma's own score did not change");

    // Two saves of the same grid at the same moment: one is saved, the other is told.
    let current = grid(&app, &an, id).await.expect("grid");
    let admin = app
        .cookie_of("sintclara", "beheer", "Beheer-sintclara-2026")
        .await;
    let first = grid_form(
        id,
        current.version,
        &[(&lotte, "17", ""), (&emma, "GA", "")],
        false,
    );
    let second = grid_form(
        id,
        current.version,
        &[(&lotte, "12", ""), (&emma, "GA", "")],
        false,
    );
    let (a, b) = tokio::join!(
        save_grid(&app, &an, &first),
        save_grid(&app, &admin, &second)
    );
    let outcomes = [a.is_ok(), b.is_ok()];
    assert_eq!(outcomes.iter().filter(|ok| **ok).count(), 1, "{a:?} {b:?}");
    let refused = if a.is_ok() { b } else { a };
    assert_eq!(refused.expect_err("one refused"), AppError::GridChanged);
    let expected = if outcomes[0] { 17.0 } else { 12.0 };
    assert_eq!(
        lotte_points().await,
        Some(expected),
        "the saved one is what stands"
    );
}

#[tokio::test]
async fn a_class_register_and_remarks_reach_the_parent_as_their_audience_allows() {
    let app = spawn_app().await;
    let an = sign_in(&app, AN).await;
    let pieter = sign_in(&app, PIETER).await;
    let bart = sign_in(&app, BART).await;
    let heidi = sign_in(&app, HEIDI).await;
    let lotte_cookie = sign_in(&app, LOTTE).await;
    let class = app.class_id("1A").await.to_string();
    let lotte = public_id(&app, "lotte.peeters").await;
    let emma = public_id(&app, "emma.janssens").await;
    let today = school_today(Utc::now());

    let page: ClassPage = app
        .call(Some(&an), LoadClassPage::PATH, &[("class", class.clone())])
        .await
        .expect("An's class");
    assert!(
        page.class.all_remarks,
        "the class teacher reads every remark"
    );
    assert_eq!(page.day, today);
    assert_eq!(page.half, HalfDay::Morning);
    assert!(
        page.register.iter().all(|row| row.code.is_none()),
        "present by default"
    );
    let pieters: ClassPage = app
        .call(
            Some(&pieter),
            LoadClassPage::PATH,
            &[("class", class.clone())],
        )
        .await
        .expect("Pieter teaches in 1A");
    assert!(!pieters.class.all_remarks);
    let pieters_before = pieters.remarks.len();
    assert_eq!(
        app.call::<ClassPage>(
            Some(&bart),
            LoadClassPage::PATH,
            &[("class", class.clone())]
        )
        .await
        .expect_err("Bart does not teach 1A"),
        AppError::Forbidden
    );

    let register = |entries: &[(&str, &str, &str)]| {
        let mut fields = vec![
            ("class".to_owned(), class.clone()),
            ("day".to_owned(), today.to_string()),
            ("half".to_owned(), "vm".to_owned()),
        ];
        for (index, (pupil, code, note)) in entries.iter().enumerate() {
            fields.push((format!("entries[{index}][pupil]"), (*pupil).to_owned()));
            fields.push((format!("entries[{index}][code]"), (*code).to_owned()));
            fields.push((format!("entries[{index}][note]"), (*note).to_owned()));
        }
        fields
    };
    let send = |cookie: String, fields: Vec<(String, String)>| {
        let app = &app;
        async move {
            let fields: Vec<(&str, String)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect();
            app.call::<serde_json::Value>(Some(&cookie), SaveRegister::PATH, &fields)
                .await
        }
    };
    let absences_today = || async {
        let lvs: Lvs = app
            .call(Some(&heidi), LoadLvs::PATH, &[])
            .await
            .expect("LVS");
        lvs.attendance
            .into_iter()
            .filter(|absence| absence.day == today)
            .map(|absence| (absence.half, absence.code))
            .collect::<Vec<_>>()
    };
    let rows_before = attendance::Entity::find()
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(
        send(bart.clone(), register(&[(&lotte, "Z", "")]))
            .await
            .expect_err("not Bart's class"),
        AppError::Forbidden
    );
    assert_eq!(
        send(an.clone(), register(&[(&lotte, "Q", "")]))
            .await
            .expect_err("no such code"),
        AppError::InvalidChoice
    );
    assert_eq!(
        attendance::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        rows_before
    );

    send(
        an.clone(),
        register(&[(&lotte, "Z", "Ziek thuis"), (&emma, "", "")]),
    )
    .await
    .expect("An registers this morning");
    assert_eq!(
        absences_today().await,
        vec![(HalfDay::Morning, "Z".to_owned())]
    );
    send(
        pieter.clone(),
        register(&[(&lotte, "", ""), (&emma, "", "")]),
    )
    .await
    .expect("Pieter takes it back: she came after all");
    assert!(absences_today().await.is_empty());
    send(
        an.clone(),
        register(&[(&lotte, "L", "10 minuten"), (&emma, "", "")]),
    )
    .await
    .expect("late");
    assert_eq!(
        absences_today().await,
        vec![(HalfDay::Morning, "L".to_owned())]
    );

    // Remarks reach whom their audience names.
    let remark = |text: &str, audience: &str| {
        vec![
            ("pupil", lotte.clone()),
            ("category", "Welbevinden".to_owned()),
            ("text", text.to_owned()),
            ("audience", audience.to_owned()),
        ]
    };
    assert_eq!(
        app.call::<serde_json::Value>(Some(&bart), AddRemark::PATH, &remark("Nep", "both"))
            .await
            .expect_err("Bart does not teach Lotte"),
        AppError::Forbidden
    );
    assert_eq!(
        app.call::<serde_json::Value>(Some(&pieter), AddRemark::PATH, &remark("  ", "both"))
            .await
            .expect_err("no text"),
        AppError::TextRequired
    );
    app.call::<serde_json::Value>(
        Some(&pieter),
        AddRemark::PATH,
        &remark("Helpt anderen graag.", "parents"),
    )
    .await
    .expect("for the parents");
    app.call::<serde_json::Value>(
        Some(&pieter),
        AddRemark::PATH,
        &remark("Bespreken op de klassenraad.", "staff"),
    )
    .await
    .expect("for staff");
    let texts = |lvs: Lvs| {
        lvs.remarks
            .into_iter()
            .map(|remark| remark.text)
            .collect::<Vec<_>>()
    };
    let heidis = texts(
        app.call(Some(&heidi), LoadLvs::PATH, &[])
            .await
            .expect("LVS"),
    );
    assert!(heidis.contains(&"Helpt anderen graag.".to_owned()));
    assert!(!heidis.contains(&"Bespreken op de klassenraad.".to_owned()));
    let lottes = texts(
        app.call(Some(&lotte_cookie), LoadLvs::PATH, &[])
            .await
            .expect("LVS"),
    );
    assert!(!lottes.contains(&"Helpt anderen graag.".to_owned()));
    assert!(!lottes.contains(&"Bespreken op de klassenraad.".to_owned()));

    // The class teacher reads every remark of the class, another teacher their own.
    let all_remarks = lvs_remark::Entity::find()
        .count(&app.db)
        .await
        .expect("count");
    assert!(all_remarks > 2);
    let ans: ClassPage = app
        .call(Some(&an), LoadClassPage::PATH, &[("class", class.clone())])
        .await
        .expect("An's class");
    let pieters: ClassPage = app
        .call(
            Some(&pieter),
            LoadClassPage::PATH,
            &[("class", class.clone())],
        )
        .await
        .expect("Pieter's view");
    assert_eq!(
        pieters.remarks.len(),
        pieters_before + 2,
        "Pieter's own, two more"
    );
    assert!(ans.remarks.len() > pieters.remarks.len());
    assert!(ans
        .remarks
        .iter()
        .any(|remark| remark.text == "Bespreken op de klassenraad."));
    let pieter_account = sub_account::Entity::find()
        .filter(sub_account::Column::FirstName.eq("Pieter"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("Pieter")
        .account_id;
    let stored = lvs_remark::Entity::find()
        .filter(lvs_remark::Column::AuthorId.eq(pieter_account))
        .all(&app.db)
        .await
        .expect("query");
    let today_s: Vec<_> = stored
        .iter()
        .filter(|remark| remark.noted_on == today)
        .collect();
    assert_eq!(today_s.len(), 2, "the two new ones are dated today");
}
