//! SQL statements per page, counted by the server itself (`COUNT_SQL_STATEMENTS`): a page costs
//! the same few statements for a family of one child as for a family of four, and no more than a
//! fixed number, and so does a booking whatever its number of talks, each of its reads finding
//! its rows by key. A loop that queries per child, per moment or per teacher fails here, and so
//! does a read that scans a table that grows with the school.

use crate::support::{record, spawn_app, spawn_app_recording, spawn_app_with, TestApp};
use app::error::AppError;
use app::functions::account::SignedInPerson;
use app::functions::family::SelectChild;
use app::functions::oudercontact::{BookSeries, BookTalk, LoadOudercontact};
use app::models::{Me, Oudercontact, ParentOudercontact, PublicId};
use app::services::oudercontact::Pick;
use chrono::Utc;
use leptos::server_fn::ServerFn;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Every page a parent opens, with the module data it loads.
const PAGES: [&str; 13] = [
    "/start",
    "/mijn-kinderen",
    "/agenda",
    "/resultaten",
    "/vakken",
    "/live-sessies",
    "/lvs",
    "/berichten",
    "/mijn-documenten",
    "/oudercontact",
    "/toegang",
    "/agenda/kalender",
    "/meldingen",
];

async fn statements(app: &TestApp, cookie: &str, path: &str) -> u64 {
    let response = app.get_as(cookie, path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.headers()["x-sql-statements"]
        .to_str()
        .expect("a number")
        .parse()
        .expect("a number")
}

/// Links the co-account that `login` opens into the family of `current`.
async fn link(
    app: &TestApp,
    current: &app::auth::Current,
    (platform, username, password): (&str, &str, &str),
) {
    app::auth::family::link(
        &app.db,
        &app.auth(),
        current,
        platform,
        username,
        password,
        "192.0.2.8",
        Utc::now(),
    )
    .await
    .unwrap_or_else(|err| panic!("{username} links: {err:?}"));
}

/// No page runs more statements than this.
const CEILING: u64 = 9;

#[tokio::test]
async fn a_page_costs_the_same_few_statements_for_two_children_as_for_four() {
    let app = spawn_app_with(|config| config.count_statements = true).await;
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    // The first visit of a page may touch the session or read a kept form; count the second.
    let mut two = Vec::new();
    for path in PAGES {
        statements(&app, &heidi, path).await;
        two.push(statements(&app, &heidi, path).await);
    }

    // Heidi's family (Lotte and Wout) grows by two children at both schools.
    let person = app.person("sintclara", "lotte.peeters", "Heidi").await;
    let current = app::auth::subscriber(&app.db, person.id)
        .await
        .expect("query")
        .expect("Heidi");
    link(
        &app,
        &current,
        ("sintclara", "noah.maes", "Kevin-papa-2026"),
    )
    .await;
    link(
        &app,
        &current,
        ("sintjozef", "lina.vermeulen", "Joke-voogd-2026"),
    )
    .await;

    let mut wrong = Vec::new();
    for (path, two) in PAGES.into_iter().zip(two) {
        statements(&app, &heidi, path).await;
        let four = statements(&app, &heidi, path).await;
        eprintln!("{path}: {two} statements for two children, {four} for four");
        if four > CEILING {
            wrong.push(format!("{path}: {four} statements, more than {CEILING}"));
        }
        if four != two {
            wrong.push(format!(
                "{path}: {two} statements for two children, {four} for four"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn the_count_is_of_the_request_alone() {
    let app = spawn_app_with(|config| config.count_statements = true).await;
    let tom = app
        .cookie_of("sintclara", "lotte.peeters", "Tom-papa-2026")
        .await;
    statements(&app, &tom, "/agenda").await;
    let alone = statements(&app, &tom, "/agenda").await;
    assert!(alone > 0);
    // Five at once: each answer counts its own statements, not its neighbours'.
    let page = || statements(&app, &tom, "/agenda");
    let (a, b, c, d, e) = tokio::join!(page(), page(), page(), page(), page());
    let counts = [a, b, c, d, e];
    assert!(
        counts.iter().all(|count| *count == alone),
        "{alone} alone, {counts:?} at once"
    );
    // Without the setting, no count is given.
    let plain = crate::support::spawn_app().await;
    let cookie = plain
        .cookie_of("sintclara", "lotte.peeters", "Tom-papa-2026")
        .await;
    let response = plain.get_as(&cookie, "/agenda").await;
    assert!(response.headers().get("x-sql-statements").is_none());
}

#[tokio::test]
async fn a_child_chosen_in_the_header_costs_no_more_statements_than_ones_own() {
    let app = spawn_app_with(|config| config.count_statements = true).await;
    // Heidi as Wout's mother, and Heidi as Lotte's mother with Wout chosen in the header: the
    // same family, the same child, the same pages.
    let as_his_mother = app
        .cookie_of("sintjozef", "wout.peeters", "Heidi-mama-2026")
        .await;
    let with_wout_chosen = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let me: Option<Me> = app
        .call(Some(&with_wout_chosen), SignedInPerson::PATH, &[])
        .await
        .expect("signed in");
    let wout = me
        .expect("Heidi")
        .children
        .into_iter()
        .find(|child| child.first_name == "Wout")
        .expect("Wout in Heidi's family")
        .id;
    let switched: Result<(), AppError> = app
        .call(
            Some(&with_wout_chosen),
            SelectChild::PATH,
            &[("child", wout), ("back", "/agenda".to_owned())],
        )
        .await;
    switched.expect("Wout chosen");

    let mut wrong = Vec::new();
    for path in PAGES {
        statements(&app, &as_his_mother, path).await;
        statements(&app, &with_wout_chosen, path).await;
        let (own, chosen) = (
            statements(&app, &as_his_mother, path).await,
            statements(&app, &with_wout_chosen, path).await,
        );
        if chosen != own {
            wrong.push(format!(
                "{path}: {own} statements as his own, {chosen} chosen"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Posts `form` to the server function at `path` as the wasm does: the answer's status and the
/// statements it cost.
async fn post_counted(
    app: &TestApp,
    cookie: &str,
    path: &str,
    form: &[(&str, &str)],
) -> (reqwest::StatusCode, u64) {
    let response = reqwest::Client::new()
        .post(format!("{}{path}", app.base))
        .header(reqwest::header::COOKIE, cookie)
        .form(form)
        .send()
        .await
        .expect("request reaches the test server");
    let count = response.headers()["x-sql-statements"]
        .to_str()
        .expect("a number")
        .parse()
        .expect("a number");
    (response.status(), count)
}

/// The form of one talk to book.
fn talk<'a>(child: &'a str, slot: &'a str) -> [(&'a str, &'a str); 3] {
    [("child", child), ("slot", slot), ("topic", "")]
}

async fn parent_view(app: &TestApp, cookie: &str) -> ParentOudercontact {
    match app.call(Some(cookie), LoadOudercontact::PATH, &[]).await {
        Ok(Oudercontact::Parent(view)) => view,
        other => panic!("a parent's Oudercontact, got {other:?}"),
    }
}

/// A booking costs the same statements for a series of two talks as for one, and a refused one
/// reads no more than the caller, the picks and the teacher's free times: in a booking rush
/// most answers are refusals. A check per pick, per child or per teacher fails here.
#[tokio::test]
async fn a_booking_costs_the_same_few_statements_for_one_talk_as_for_a_series() {
    let app = spawn_app_with(|config| config.count_statements = true).await;
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let ines = app
        .cookie_of("sintclara", "noah.maes", "Ines-mama-2026")
        .await;
    let lottes = parent_view(&app, &heidi).await;
    let noahs = parent_view(&app, &ines).await;
    let series = &lottes.moments[0].suggestion;
    assert_eq!(series.len(), 2, "An and Pieter for Lotte");
    let pieters = &series
        .iter()
        .find(|talk| talk.teacher == "Pieter Wuyts")
        .expect("Pieter in the series")
        .slot;
    let pairs = series
        .iter()
        .map(|talk| format!("{}:{}", talk.slot, talk.child_id))
        .collect::<Vec<_>>()
        .join(" ");
    let (status, two) = post_counted(&app, &heidi, BookSeries::PATH, &[("series", &pairs)]).await;
    assert!(status.is_success(), "the series: {status}");

    // Ines tries the slot Heidi took for Lotte with Pieter, who teaches Noah too.
    let noah = noahs.child.id.as_str();
    let (status, taken) = post_counted(&app, &ines, BookTalk::PATH, &talk(noah, pieters)).await;
    assert_eq!(status, reqwest::StatusCode::CONFLICT, "taken");
    let free: Vec<&str> = noahs.moments[0]
        .teachers
        .iter()
        .find(|teacher| teacher.teacher == "Pieter Wuyts")
        .expect("Pieter teaches Noah")
        .free
        .iter()
        .map(|slot| slot.id.as_str())
        .filter(|slot| slot != pieters)
        .collect();
    let (status, one) = post_counted(&app, &ines, BookTalk::PATH, &talk(noah, free[0])).await;
    assert!(status.is_success(), "one talk: {status}");
    let (status, already) = post_counted(&app, &ines, BookTalk::PATH, &talk(noah, free[1])).await;
    assert_eq!(status, reqwest::StatusCode::CONFLICT, "already booked");

    assert_eq!(one, two, "one talk and a series of two");
    assert!(one <= CEILING, "{one} statements for a booking");
    assert!(
        taken <= 3,
        "{taken} statements for a slot taken: the caller, the pick, the teacher's free times"
    );
    assert!(
        already <= 2,
        "{already} statements for a talk the child has: the caller and the pick"
    );
}

/// The statements `book` runs for `picks` of the family of `parent` (a demo person), with their
/// values, and what it answered.
async fn booking_statements(
    app: &TestApp,
    (platform, username, first_name): (&str, &str, &str),
    picks: &[(&str, &str)],
) -> (
    Result<usize, app::services::oudercontact::OudercontactError>,
    Vec<Statement>,
) {
    let person = app.person(platform, username, first_name).await;
    let current = app::auth::subscriber(&app.db, person.id)
        .await
        .expect("query")
        .expect("the parent");
    let family = app::visibility::booking_family(&current).expect("a parent books");
    let picks: Vec<Pick> = picks
        .iter()
        .map(|(slot, child)| Pick {
            slot: PublicId::parse(slot).expect("a slot id"),
            child: PublicId::parse(child).expect("a child id"),
        })
        .collect();
    let mut db = app.db.clone();
    let seen = record(&mut db);
    let answer =
        app::services::oudercontact::book(&db, &family, &picks, None, &app.base, Utc::now()).await;
    let statements = seen.lock().expect("not poisoned").clone();
    (answer, statements)
}

/// SQLite's plan for each read of `statements`: the lines that scan a whole table.
async fn scans(app: &TestApp, statements: &[Statement]) -> Vec<String> {
    let mut scans = Vec::new();
    for statement in statements
        .iter()
        .filter(|statement| statement.sql.starts_with("SELECT"))
    {
        let explain = Statement {
            sql: format!("EXPLAIN QUERY PLAN {}", statement.sql),
            ..statement.clone()
        };
        for row in app.db.query_all_raw(explain).await.expect("a plan") {
            let detail: String = row.try_get("", "detail").expect("the plan's detail");
            if detail.starts_with("SCAN ") {
                scans.push(format!("{detail} in {}", statement.sql));
            }
        }
    }
    scans
}

/// A booking finds everything it checks by key: SQLite's plan for each of its reads searches an
/// index and scans no table. Then a booking costs the same in a school of sixty classes with years
/// of past moments as in the demo; a check written as "the child's class is among the teacher's
/// classes" read every class, and every moment's classes, for each pick. PostgreSQL's planner
/// scans small tables by choice, so the plans checked are SQLite's.
#[tokio::test]
async fn a_booking_finds_what_it_checks_by_key_and_scans_no_table() {
    let app = spawn_app().await;
    if app.db.get_database_backend() != DbBackend::Sqlite {
        return;
    }
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let lottes = parent_view(&app, &heidi).await;
    let series = &lottes.moments[0].suggestion;
    assert_eq!(series.len(), 2, "An and Pieter for Lotte");
    let picks: Vec<(&str, &str)> = series
        .iter()
        .map(|talk| (talk.slot.as_str(), talk.child_id.as_str()))
        .collect();
    let (booked, series_reads) =
        booking_statements(&app, ("sintclara", "lotte.peeters", "Heidi"), &picks).await;
    assert_eq!(booked.expect("the series is booked"), 2);

    // Ines tries Lotte's slot with Pieter for Noah: refused, with Pieter's free times.
    let ines = app
        .cookie_of("sintclara", "noah.maes", "Ines-mama-2026")
        .await;
    let noah = parent_view(&app, &ines).await.child.id;
    let pieters = series
        .iter()
        .find(|talk| talk.teacher == "Pieter Wuyts")
        .expect("Pieter in the series");
    let (taken, taken_reads) = booking_statements(
        &app,
        ("sintclara", "noah.maes", "Ines"),
        &[(pieters.slot.as_str(), noah.as_str())],
    )
    .await;
    assert!(
        matches!(
            taken,
            Err(app::services::oudercontact::OudercontactError::SlotTaken(_))
        ),
        "taken: {taken:?}"
    );

    assert!(
        series_reads
            .iter()
            .any(|read| read.sql.starts_with("SELECT")),
        "the booking's reads were recorded"
    );
    let scanned = [
        scans(&app, &series_reads).await,
        scans(&app, &taken_reads).await,
    ]
    .concat();
    assert!(
        scanned.is_empty(),
        "tables scanned:\n{}",
        scanned.join("\n")
    );
}

/// The table scans in SQLite's plans of the reads of each of `paths`, opened as `cookie`.
async fn page_scans(
    app: &TestApp,
    recorded: &crate::support::Recorded,
    cookie: &str,
    paths: &[&str],
) -> Vec<String> {
    let mut scanned = Vec::new();
    for path in paths {
        recorded.lock().expect("not poisoned").clear();
        let response = app.get_as(cookie, path).await;
        assert_eq!(response.status(), 200, "{path}");
        let reads = recorded.lock().expect("not poisoned").clone();
        assert!(!reads.is_empty(), "{path} was recorded");
        scanned.extend(
            scans(app, &reads)
                .await
                .into_iter()
                .map(|scan| format!("{path}: {scan}")),
        );
    }
    scanned
}

/// Every page a parent opens finds its rows by key too: SQLite's plan of each read a page runs
/// scans no table, so the pages cost the same in a school of 1,500 pupils with years of agenda,
/// results and messages as in the demo.
#[tokio::test]
async fn a_parents_pages_find_their_rows_by_key_and_scan_no_table() {
    let (app, recorded) = spawn_app_recording().await;
    if app.db.get_database_backend() != DbBackend::Sqlite {
        return;
    }
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let scanned = page_scans(&app, &recorded, &heidi, &PAGES).await;
    assert!(
        scanned.is_empty(),
        "tables scanned:\n{}",
        scanned.join("\n")
    );
}

/// So do a teacher's and the admin's pages.
#[tokio::test]
async fn the_staffs_pages_find_their_rows_by_key_and_scan_no_table() {
    let (app, recorded) = spawn_app_recording().await;
    if app.db.get_database_backend() != DbBackend::Sqlite {
        return;
    }
    let an = app
        .cookie_of("sintclara", "an.claes", "An-leerkracht-2026")
        .await;
    let mut scanned = page_scans(
        &app,
        &recorded,
        &an,
        &[
            "/start",
            "/agenda/plannen",
            "/resultaten/evaluaties",
            "/vakken/beheren",
            "/live-sessies/plannen",
            "/lvs/klas",
            "/berichten",
            "/berichten/nieuw",
            "/oudercontact",
        ],
    )
    .await;
    let admin = app
        .cookie_of("sintclara", "beheer", "Beheer-sintclara-2026")
        .await;
    scanned.extend(
        page_scans(
            &app,
            &recorded,
            &admin,
            &[
                "/beheer",
                "/beheer/leerlingen",
                "/beheer/import",
                "/beheer/school",
                "/beheer/logboek",
                "/oudercontact",
            ],
        )
        .await,
    );
    assert!(
        scanned.is_empty(),
        "tables scanned:\n{}",
        scanned.join("\n")
    );
}

/// The organiser's Oudercontact costs the same statements for three moments as for one: the
/// slots, bookings and teachers of every moment are read together, not moment by moment (a
/// school's list grows by a few moments a year).
#[tokio::test]
async fn the_organisers_oudercontact_costs_the_same_for_more_moments() {
    use app::db::entities::{class, platform};
    use app::services::oudercontact::{insert_moment, NewMoment};
    use chrono::{NaiveDate, NaiveTime};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let app = spawn_app_with(|config| config.count_statements = true).await;
    let admin = app
        .cookie_of("sintclara", "beheer", "Beheer-sintclara-2026")
        .await;
    statements(&app, &admin, "/oudercontact").await;
    let before = statements(&app, &admin, "/oudercontact").await;

    let school = platform::Entity::find()
        .filter(platform::Column::Slug.eq("sintclara"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("Sint-Clara");
    let classes: Vec<i32> = class::Entity::find()
        .filter(class::Column::PlatformId.eq(school.id))
        .all(&app.db)
        .await
        .expect("classes")
        .into_iter()
        .map(|class| class.id)
        .collect();
    let day = |month: u32| NaiveDate::from_ymd_opt(2027, month, 10).expect("a day");
    let time = |hour: u32| NaiveTime::from_hms_opt(hour, 0, 0).expect("a time");
    for (title, month) in [("Oudercontact februari", 2), ("Oudercontact maart", 3)] {
        let moment = NewMoment {
            title: title.to_owned(),
            first_day: day(month),
            last_day: day(month),
            day_starts: time(16),
            day_ends: time(20),
            slot_minutes: 10,
            gap_minutes: 0,
            opens_at: day(1).and_time(time(8)),
            closes_at: day(month).and_time(time(8)),
            online: false,
            classes: classes.clone(),
        };
        insert_moment(&app.db, school.id, &moment, Utc::now())
            .await
            .expect("a moment");
    }
    let after = statements(&app, &admin, "/oudercontact").await;
    assert_eq!(before, after, "two more moments");
    // The caller, the moments, their summaries, the slots and the bookings counted per teacher,
    // the invited classes, their class and course teachers, the hours, the teachers' names, and
    // the classes the form offers.
    assert!(after <= 11, "{after} statements for the organiser");
}
