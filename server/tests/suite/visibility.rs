//! Who sees what, over HTTP as the browser calls it: every server function and file endpoint of the
//! shared and personal modules, for every kind of caller, including tampered ids. Runs on SQLite and
//! (with TEST_DATABASE_URL) on PostgreSQL.

use crate::support::{spawn_app, TestApp};
use app::auth;
use app::db::entities::{account, course, evaluation, material, score, sub_account};
use app::error::AppError;
use app::functions::account::EnableAccount;
use app::functions::beheer::{
    AddClass, AddCoAccount, AddCourse, AddPupil, AddStaff, AuditLog, BeheerPupil, BeheerPupils,
    ConfirmImport, ErasePupil, LoadSchoolSetup, PreviewImport, RemoveCoAccount,
    RetryUndeliveredMail, SaveSettings, SchoolOverview, SendActivations, SetClassTeacher,
    SetCourseTeacher, SetPersonEnabled, SetPupilMaximum, SetRelation,
};
use app::functions::documents::{DeleteDocument, MyDocuments};
use app::functions::family::{LinkChild, SelectChild, UnlinkChild};
use app::functions::messages::{EmptyTrash, LoadCompose, LoadMailbox, LoadMessage, MessageAction};
use app::functions::notifications::{LoadNotifications, SaveNotifications};
use app::functions::oudercontact::{
    BookTalk, CancelTalk, LoadOudercontact, OpenMoment, SetDayHours,
};
use app::functions::school::{
    LoadAgendaWeek, LoadChildOverview, LoadCourses, LoadLiveSessions, LoadLvs, LoadResultDetail,
    LoadResults, StaffPupils,
};
use app::functions::teaching::{
    AddRemark, CreateEvaluation, LoadAgendaPlan, LoadClassPage, LoadEvaluations, LoadScoreGrid,
    LoadTeaching, RemoveAgendaItem, SaveAgendaItem, SaveRegister, SaveScores,
};
use app::models::{
    AgendaWeek, AuditPage, BeheerOverview, ChildOverview, ComposeForm, Courses, Document,
    ImportPreview, Lvs, MailboxPage, MessageView, Oudercontact, Pupil, PupilPage, PupilRow,
    Results,
};
use chrono::Utc;
use leptos::server_fn::ServerFn;
use reqwest::{header, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde::de::DeserializeOwned;

/// The kinds of caller, each signed in as a demo person (Lotte Peeters, 1A at Sint-Clara, is the
/// pupil whose data they ask for).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Anonymous,
    /// Lotte herself.
    Pupil,
    /// Heidi, Lotte's mother.
    CoAccount,
    /// Ines, Noah's mother (another family at the same school).
    OtherFamily,
    /// Wout, a pupil of Sint-Jozef.
    OtherSchoolPupil,
    /// An Claes teaches 1A.
    ClassTeacher,
    /// Bart Jacobs teaches only 2B.
    OtherTeacher,
    Admin,
    OtherSchoolAdmin,
}

const CALLERS: [Caller; 9] = [
    Caller::Anonymous,
    Caller::Pupil,
    Caller::CoAccount,
    Caller::OtherFamily,
    Caller::OtherSchoolPupil,
    Caller::ClassTeacher,
    Caller::OtherTeacher,
    Caller::Admin,
    Caller::OtherSchoolAdmin,
];

fn credentials(caller: Caller) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match caller {
        Caller::Anonymous => return None,
        Caller::Pupil => ("sintclara", "lotte.peeters", "Lotte-leerling-2026"),
        Caller::CoAccount => ("sintclara", "lotte.peeters", "Heidi-mama-2026"),
        Caller::OtherFamily => ("sintclara", "noah.maes", "Ines-mama-2026"),
        Caller::OtherSchoolPupil => ("sintjozef", "wout.peeters", "Wout-leerling-2026"),
        Caller::ClassTeacher => ("sintclara", "an.claes", "An-leerkracht-2026"),
        Caller::OtherTeacher => ("sintclara", "bart.jacobs", "Bart-leerkracht-2026"),
        Caller::Admin => ("sintclara", "beheer", "Beheer-sintclara-2026"),
        Caller::OtherSchoolAdmin => ("sintjozef", "beheer", "Beheer-sintjozef-2026"),
    })
}

/// What a call should come to.
#[derive(Clone, Debug, PartialEq)]
enum Expect {
    Allowed,
    Refused(AppError),
}

use Expect::{Allowed, Refused};

const FORBIDDEN: Expect = Refused(AppError::Forbidden);
const NOT_FOUND: Expect = Refused(AppError::NotFound);
const SIGNED_OUT: Expect = Refused(AppError::SignedOut);

/// The answer for Lotte's data in a shared module: her, her family, her school's staff that
/// teach her, and no one else.
fn lotte_shared(caller: Caller) -> Expect {
    match caller {
        Caller::Anonymous => SIGNED_OUT,
        Caller::Pupil | Caller::CoAccount | Caller::ClassTeacher | Caller::Admin => Allowed,
        Caller::OtherFamily
        | Caller::OtherSchoolPupil
        | Caller::OtherTeacher
        | Caller::OtherSchoolAdmin => FORBIDDEN,
    }
}

struct World {
    app: TestApp,
    cookies: Vec<(Caller, String)>,
    lotte: String,
    /// Lotte's published score in a course An teaches.
    lotte_score: i32,
    /// Lotte's published score in a course An does not teach.
    lotte_score_not_ans: i32,
    /// Noah's published score.
    noah_score: i32,
    /// A file of a 1A course An teaches, and one of a 2B course.
    material_1a: i32,
    material_2b: i32,
}

impl World {
    fn cookie(&self, caller: Caller) -> Option<&str> {
        self.cookies
            .iter()
            .find(|(c, _)| *c == caller)
            .map(|(_, cookie)| cookie.as_str())
    }

    async fn outcome<T: DeserializeOwned>(
        &self,
        caller: Caller,
        path: &str,
        form: &[(&str, String)],
    ) -> (Expect, Option<T>) {
        match self.app.call(self.cookie(caller), path, form).await {
            Ok(value) => (Allowed, Some(value)),
            Err(error) => (Refused(error), None),
        }
    }

    /// A page's status as the browser gets it first (no redirect followed).
    async fn get_status(&self, caller: Caller, path: &str) -> StatusCode {
        let mut request = self.app.client.get(format!("{}{path}", self.app.base));
        if let Some(cookie) = self.cookie(caller) {
            request = request.header(header::COOKIE, cookie);
        }
        request.send().await.expect("request").status()
    }

    async fn get(&self, caller: Caller, path: &str) -> StatusCode {
        let mut request = reqwest::Client::new().get(format!("{}{path}", self.app.base));
        if let Some(cookie) = self.cookie(caller) {
            request = request.header(header::COOKIE, cookie);
        }
        request.send().await.expect("request").status()
    }
}

async fn pupil_account(app: &TestApp, platform: &str, username: &str) -> account::Model {
    let person = auth::find_person(&app.db, platform, username, 0)
        .await
        .expect("query")
        .expect("pupil exists");
    account::Entity::find_by_id(person.account_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("account")
}

async fn teacher_id(app: &TestApp, username: &str) -> i32 {
    let person = auth::find_person(&app.db, "sintclara", username, 0)
        .await
        .expect("query")
        .expect("teacher");
    person.account_id
}

/// A published score of `pupil` in a course that `teacher` does (or does not) teach.
async fn published_score(app: &TestApp, pupil: i32, teacher: i32, taught_by: bool) -> i32 {
    let rows = score::Entity::find()
        .filter(score::Column::PupilId.eq(pupil))
        .find_also_related(evaluation::Entity)
        .filter(evaluation::Column::PublishedAt.lte(Utc::now()))
        .filter(evaluation::Column::Draft.eq(false))
        .all(&app.db)
        .await
        .expect("query");
    for (score, evaluation) in rows {
        let evaluation = evaluation.expect("evaluation");
        let course = course::Entity::find_by_id(evaluation.course_id)
            .one(&app.db)
            .await
            .expect("query")
            .expect("course");
        if (course.teacher_id == teacher) == taught_by {
            return score.id;
        }
    }
    panic!("the demo has a published score of pupil {pupil} (taught by {teacher}: {taught_by})");
}

async fn file_material(app: &TestApp, class_id: i32, teacher: Option<i32>) -> i32 {
    let courses = course::Entity::find()
        .filter(course::Column::ClassId.eq(class_id))
        .all(&app.db)
        .await
        .expect("query");
    for course in courses {
        if teacher.is_some_and(|teacher| course.teacher_id != teacher) {
            continue;
        }
        let file = material::Entity::find()
            .filter(material::Column::CourseId.eq(course.id))
            .filter(material::Column::FileName.is_not_null())
            .one(&app.db)
            .await
            .expect("query");
        if let Some(file) = file {
            return file.id;
        }
    }
    panic!("the demo has a course file in class {class_id}");
}

async fn world() -> World {
    let app = spawn_app().await;
    let mut cookies = Vec::new();
    for caller in CALLERS {
        if let Some((platform, username, password)) = credentials(caller) {
            cookies.push((caller, app.cookie_of(platform, username, password).await));
        }
    }
    let lotte = pupil_account(&app, "sintclara", "lotte.peeters").await;
    let noah = pupil_account(&app, "sintclara", "noah.maes").await;
    let lotte_person = sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.eq(lotte.id))
        .filter(sub_account::Column::Idx.eq(0i16))
        .one(&app.db)
        .await
        .expect("query")
        .expect("lotte");
    let an = teacher_id(&app, "an.claes").await;
    let lotte_score = published_score(&app, lotte.id, an, true).await;
    let lotte_score_not_ans = published_score(&app, lotte.id, an, false).await;
    let noah_score = published_score(&app, noah.id, an, true).await;
    let material_1a = file_material(&app, lotte.class_id.expect("class"), Some(an)).await;
    let material_2b = file_material(&app, noah.class_id.expect("class"), None).await;
    World {
        app,
        cookies,
        lotte: lotte_person.public_id.to_string(),
        lotte_score,
        lotte_score_not_ans,
        noah_score,
        material_1a,
        material_2b,
    }
}

/// Runs one server function for every caller and compares with `expected`.
async fn check_table<T: DeserializeOwned>(
    world: &World,
    name: &str,
    path: &str,
    form: &[(&str, String)],
    expected: impl Fn(Caller) -> Expect,
) -> Vec<(Caller, T)> {
    let mut values = Vec::new();
    let mut wrong = Vec::new();
    for caller in CALLERS {
        let (outcome, value) = world.outcome::<T>(caller, path, form).await;
        if outcome != expected(caller) {
            wrong.push(format!(
                "{name} as {caller:?}: {outcome:?}, expected {:?}",
                expected(caller)
            ));
        }
        if let Some(value) = value {
            values.push((caller, value));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    values
}

#[tokio::test]
async fn every_shared_module_answers_exactly_the_pupil_the_family_and_the_pupils_staff() {
    let world = world().await;
    let lotte = || vec![("pupil", world.lotte.clone())];

    let weeks: Vec<(Caller, AgendaWeek)> = check_table(
        &world,
        "agenda",
        LoadAgendaWeek::PATH,
        &lotte(),
        lotte_shared,
    )
    .await;
    // Everyone allowed sees Lotte's week, and pupil and parent the very same one.
    for (caller, week) in &weeks {
        assert_eq!(week.pupil.id, world.lotte, "{caller:?}");
        assert!(
            week.days.iter().any(|day| !day.lessons.is_empty()),
            "{caller:?} sees lessons"
        );
    }
    let of = |who: Caller| weeks.iter().find(|(c, _)| *c == who).map(|(_, w)| w);
    assert_eq!(of(Caller::Pupil), of(Caller::CoAccount));

    let results: Vec<(Caller, Results)> =
        check_table(&world, "results", LoadResults::PATH, &lotte(), lotte_shared).await;
    let results_of = |who: Caller| {
        results
            .iter()
            .find(|(c, _)| *c == who)
            .map(|(_, r)| r.clone())
            .expect("allowed")
    };
    assert_eq!(results_of(Caller::Pupil), results_of(Caller::CoAccount));
    // The class teacher sees only the courses she teaches; the admin sees more than she does.
    let courses_in = |results: &Results| {
        let mut names: Vec<String> = results
            .periods
            .iter()
            .flat_map(|period| period.courses.iter().map(|course| course.course.clone()))
            .collect();
        names.sort();
        names.dedup();
        names
    };
    let ans = courses_in(&results_of(Caller::ClassTeacher));
    assert!(!ans.is_empty());
    assert!(
        ans.iter()
            .all(|name| name == "Wiskunde" || name == "Nederlands"),
        "{ans:?}"
    );
    assert!(courses_in(&results_of(Caller::Admin)).len() > ans.len());

    let detail = |id: i32| vec![("pupil", world.lotte.clone()), ("id", id.to_string())];
    check_table::<serde_json::Value>(
        &world,
        "result detail",
        LoadResultDetail::PATH,
        &detail(world.lotte_score),
        lotte_shared,
    )
    .await;

    let courses: Vec<(Caller, Courses)> =
        check_table(&world, "courses", LoadCourses::PATH, &lotte(), lotte_shared).await;
    for (caller, courses) in &courses {
        assert!(!courses.courses.is_empty(), "{caller:?}");
    }

    check_table::<serde_json::Value>(
        &world,
        "live sessions",
        LoadLiveSessions::PATH,
        &lotte(),
        lotte_shared,
    )
    .await;

    let lvs: Vec<(Caller, Lvs)> =
        check_table(&world, "lvs", LoadLvs::PATH, &lotte(), lotte_shared).await;
    let remarks_of = |who: Caller| {
        lvs.iter()
            .find(|(c, _)| *c == who)
            .map(|(_, lvs)| lvs.remarks.clone())
            .expect("allowed")
    };
    let pupil_sees = remarks_of(Caller::Pupil);
    let parent_sees = remarks_of(Caller::CoAccount);
    let staff_sees = remarks_of(Caller::ClassTeacher);
    // The demo has remarks for the pupil only, for the parents only, for both and for neither.
    assert!(pupil_sees
        .iter()
        .any(|remark| !parent_sees.contains(remark)));
    assert!(parent_sees
        .iter()
        .any(|remark| !pupil_sees.contains(remark)));
    assert!(staff_sees.len() > pupil_sees.len().max(parent_sees.len()));
    for remark in pupil_sees.iter().chain(&parent_sees) {
        assert!(staff_sees.contains(remark));
    }
}

#[tokio::test]
async fn pupils_and_parents_see_their_own_pupil_without_naming_one() {
    let world = world().await;
    for (caller, pupil) in [
        (Caller::Pupil, "Lotte Peeters"),
        (Caller::CoAccount, "Lotte Peeters"),
        (Caller::OtherFamily, "Noah Maes"),
        (Caller::OtherSchoolPupil, "Wout Peeters"),
    ] {
        let (outcome, week) = world
            .outcome::<AgendaWeek>(caller, LoadAgendaWeek::PATH, &[])
            .await;
        assert_eq!(outcome, Allowed, "{caller:?}");
        assert_eq!(week.expect("week").pupil.display_name, pupil);
    }
    // Staff must name a pupil.
    let (outcome, _) = world
        .outcome::<AgendaWeek>(Caller::Admin, LoadAgendaWeek::PATH, &[])
        .await;
    assert_eq!(outcome, FORBIDDEN);
}

#[tokio::test]
async fn tampered_result_ids_find_nothing() {
    let world = world().await;
    let noahs = vec![("id", world.noah_score.to_string())];
    for caller in [Caller::Pupil, Caller::CoAccount] {
        let (outcome, _) = world
            .outcome::<serde_json::Value>(caller, LoadResultDetail::PATH, &noahs)
            .await;
        assert_eq!(outcome, NOT_FOUND, "{caller:?} asking for Noah's result");
    }
    // Naming Lotte but passing Noah's result id does not help either.
    let mixed = vec![
        ("pupil", world.lotte.clone()),
        ("id", world.noah_score.to_string()),
    ];
    for caller in [Caller::ClassTeacher, Caller::Admin] {
        let (outcome, _) = world
            .outcome::<serde_json::Value>(caller, LoadResultDetail::PATH, &mixed)
            .await;
        assert_eq!(outcome, NOT_FOUND, "{caller:?}");
    }
    // A teacher's view of a pupil stops at her own courses.
    let other_course = vec![
        ("pupil", world.lotte.clone()),
        ("id", world.lotte_score_not_ans.to_string()),
    ];
    let (outcome, _) = world
        .outcome::<serde_json::Value>(Caller::ClassTeacher, LoadResultDetail::PATH, &other_course)
        .await;
    assert_eq!(outcome, NOT_FOUND);
    let (outcome, _) = world
        .outcome::<serde_json::Value>(Caller::Admin, LoadResultDetail::PATH, &other_course)
        .await;
    assert_eq!(outcome, Allowed);
}

#[tokio::test]
async fn unpublished_results_stay_hidden_from_pupil_and_parents_until_published() {
    let world = world().await;
    let lotte = world.app.db.clone();
    let account = pupil_account(&world.app, "sintclara", "lotte.peeters").await;
    let unpublished: Vec<i32> = score::Entity::find()
        .filter(score::Column::PupilId.eq(account.id))
        .find_also_related(evaluation::Entity)
        .filter(evaluation::Column::Draft.eq(true))
        .all(&lotte)
        .await
        .expect("query")
        .into_iter()
        .map(|(score, _)| score.id)
        .collect();
    assert!(!unpublished.is_empty(), "the demo has a draft evaluation");
    let id = unpublished[0];
    let form = vec![("pupil", world.lotte.clone()), ("id", id.to_string())];
    for caller in [Caller::Pupil, Caller::CoAccount] {
        let (outcome, _) = world
            .outcome::<serde_json::Value>(caller, LoadResultDetail::PATH, &form)
            .await;
        assert_eq!(outcome, NOT_FOUND, "{caller:?}");
        let (_, results) = world
            .outcome::<Results>(caller, LoadResults::PATH, &[])
            .await;
        let listed = results
            .expect("results")
            .periods
            .iter()
            .flat_map(|period| period.courses.iter())
            .flat_map(|course| course.results.iter())
            .any(|row| row.id == id);
        assert!(!listed, "{caller:?} does not list it");
    }
    let (outcome, _) = world
        .outcome::<serde_json::Value>(Caller::Admin, LoadResultDetail::PATH, &form)
        .await;
    assert_eq!(outcome, Allowed, "staff see it before publication");
}

#[tokio::test]
async fn mijn_kinderen_oudercontact_and_the_pupil_list_follow_the_matrix() {
    let world = world().await;
    let overviews: Vec<(Caller, ChildOverview)> = check_table(
        &world,
        "mijn kinderen",
        LoadChildOverview::PATH,
        &[],
        |caller| match caller {
            Caller::Anonymous => SIGNED_OUT,
            Caller::CoAccount | Caller::OtherFamily => Allowed,
            _ => FORBIDDEN,
        },
    )
    .await;
    for (caller, overview) in &overviews {
        let child = if *caller == Caller::CoAccount {
            "Lotte Peeters"
        } else {
            "Noah Maes"
        };
        assert_eq!(overview.child.display_name, child);
        assert!(!overview.upcoming.is_empty(), "{caller:?}: upcoming work");
        assert!(!overview.latest_results.is_empty(), "{caller:?}: results");
    }

    let views: Vec<(Caller, Oudercontact)> = check_table(
        &world,
        "oudercontact",
        LoadOudercontact::PATH,
        &[],
        |caller| match caller {
            Caller::Anonymous => SIGNED_OUT,
            Caller::Pupil | Caller::OtherSchoolPupil => FORBIDDEN,
            _ => Allowed,
        },
    )
    .await;
    for (caller, view) in views {
        let fits = match view {
            Oudercontact::Parent(_) => {
                matches!(caller, Caller::CoAccount | Caller::OtherFamily)
            }
            Oudercontact::Teacher(_) => {
                matches!(caller, Caller::ClassTeacher | Caller::OtherTeacher)
            }
            Oudercontact::Admin { .. } => {
                matches!(caller, Caller::Admin | Caller::OtherSchoolAdmin)
            }
        };
        assert!(fits, "{caller:?} gets the view of their role");
    }

    let lists: Vec<(Caller, Vec<Pupil>)> = check_table(
        &world,
        "staff pupils",
        StaffPupils::PATH,
        &[],
        |caller| match caller {
            Caller::Anonymous => SIGNED_OUT,
            Caller::ClassTeacher
            | Caller::OtherTeacher
            | Caller::Admin
            | Caller::OtherSchoolAdmin => Allowed,
            _ => FORBIDDEN,
        },
    )
    .await;
    let names = |who: Caller| -> Vec<String> {
        lists
            .iter()
            .find(|(c, _)| *c == who)
            .map(|(_, pupils)| pupils.iter().map(|p| p.display_name.clone()).collect())
            .expect("allowed")
    };
    assert!(names(Caller::ClassTeacher).contains(&"Lotte Peeters".to_owned()));
    assert!(!names(Caller::OtherTeacher).contains(&"Lotte Peeters".to_owned()));
    assert!(names(Caller::OtherTeacher).contains(&"Noah Maes".to_owned()));
    assert!(names(Caller::Admin).len() >= 3);
    assert!(!names(Caller::OtherSchoolAdmin).contains(&"Lotte Peeters".to_owned()));
}

#[tokio::test]
async fn course_files_download_only_for_those_who_see_the_course() {
    let world = world().await;
    let mut wrong = Vec::new();
    for caller in CALLERS {
        let path = format!(
            "/vakken/bestand/{}?leerling={}",
            world.material_1a, world.lotte
        );
        let status = world.get(caller, &path).await;
        let expected = match lotte_shared(caller) {
            Allowed => StatusCode::OK,
            Refused(error) => error.status(),
        };
        if status != expected {
            wrong.push(format!("{caller:?}: {status}, expected {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Lotte asking for a file of Noah's class.
    let status = world
        .get(
            Caller::Pupil,
            &format!("/vakken/bestand/{}", world.material_2b),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn upload(world: &World, caller: Caller, name: &str, content: Vec<u8>) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(content)
            .file_name(name.to_owned())
            .mime_str("text/plain")
            .expect("mime"),
    );
    let mut request = reqwest::Client::new()
        .post(format!("{}/mijn-documenten/opladen", world.app.base))
        .multipart(form);
    if let Some(cookie) = world.cookie(caller) {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.expect("upload")
}

#[tokio::test]
async fn documents_are_strictly_personal() {
    let world = world().await;
    // Everyone signed in keeps their own documents.
    for caller in CALLERS {
        let status = upload(
            &world,
            caller,
            &format!("{caller:?}.txt"),
            b"inhoud".to_vec(),
        )
        .await
        .status();
        let expected = if caller == Caller::Anonymous {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::CREATED
        };
        assert_eq!(status, expected, "{caller:?} uploads");
    }
    let lists: Vec<(Caller, Vec<Document>)> = check_table(
        &world,
        "my documents",
        MyDocuments::PATH,
        &[],
        |caller| match caller {
            Caller::Anonymous => SIGNED_OUT,
            _ => Allowed,
        },
    )
    .await;
    for (caller, documents) in &lists {
        let names: Vec<_> = documents.iter().map(|d| d.file_name.clone()).collect();
        assert_eq!(
            names,
            vec![format!("{caller:?}.txt")],
            "{caller:?} sees only their own"
        );
    }
    let heidis = lists
        .iter()
        .find(|(c, _)| *c == Caller::CoAccount)
        .map(|(_, docs)| docs[0].id.clone())
        .expect("heidi's document");

    // Heidi's document, by id, for everyone: only she can download it; the pupil of the same
    // username included.
    for caller in CALLERS {
        let status = world
            .get(caller, &format!("/mijn-documenten/{heidis}"))
            .await;
        let expected = match caller {
            Caller::Anonymous => StatusCode::UNAUTHORIZED,
            Caller::CoAccount => StatusCode::OK,
            _ => StatusCode::NOT_FOUND,
        };
        assert_eq!(status, expected, "{caller:?} downloads Heidi's document");
    }
    // Deleting it by id: refused for everyone else, and it stays.
    check_table::<serde_json::Value>(
        &world,
        "delete someone else's document",
        DeleteDocument::PATH,
        &[("id", heidis.clone())],
        |caller| match caller {
            Caller::Anonymous => SIGNED_OUT,
            Caller::CoAccount => Allowed,
            _ => NOT_FOUND,
        },
    )
    .await;
    let (_, left) = world
        .outcome::<Vec<Document>>(Caller::CoAccount, MyDocuments::PATH, &[])
        .await;
    assert!(
        left.expect("list").is_empty(),
        "Heidi deleted her own document"
    );
}

#[tokio::test]
async fn too_large_or_empty_uploads_are_refused_and_store_nothing() {
    let world = world().await;
    let too_large = vec![b'x'; app::models::UploadLimits::default().file + 1];
    let response = upload(&world, Caller::Pupil, "groot.bin", too_large).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let response = upload(&world, Caller::Pupil, "leeg.txt", Vec::new()).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, list) = world
        .outcome::<Vec<Document>>(Caller::Pupil, MyDocuments::PATH, &[])
        .await;
    assert!(list.expect("list").is_empty());

    // A browser's form post is sent back to the page with the reason.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(vec![b'x'; app::models::UploadLimits::default().file * 2])
            .file_name("veel-te-groot.bin"),
    );
    let response = world
        .app
        .client
        .post(format!("{}/mijn-documenten/opladen", world.app.base))
        .header(header::COOKIE, world.cookie(Caller::Pupil).expect("cookie"))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION],
        "/mijn-documenten?fout=te-groot"
    );
}

#[tokio::test]
async fn enabling_an_account_is_for_the_admin_of_its_school_only() {
    let world = world().await;
    check_table::<serde_json::Value>(
        &world,
        "enable account",
        EnableAccount::PATH,
        &[
            ("username", "noah.maes".to_owned()),
            ("index", "1".to_owned()),
        ],
        |caller| match caller {
            Caller::Anonymous => SIGNED_OUT,
            Caller::Admin => Allowed,
            // Looked up in the admin's own school, where there is no such person.
            Caller::OtherSchoolAdmin => NOT_FOUND,
            _ => FORBIDDEN,
        },
    )
    .await;
}

#[tokio::test]
async fn module_pages_render_for_the_family_and_refuse_others() {
    let world = world().await;
    let page = |caller: Caller, path: &'static str| {
        let world = &world;
        async move {
            let mut request = world.app.client.get(format!("{}{path}", world.app.base));
            if let Some(cookie) = world.cookie(caller) {
                request = request.header(header::COOKIE, cookie);
            }
            let response = request.send().await.expect("page");
            let status = response.status();
            (status, response.text().await.expect("html"))
        }
    };
    for path in [
        "/agenda",
        "/resultaten",
        "/vakken",
        "/live-sessies",
        "/lvs",
        "/mijn-documenten",
    ] {
        for caller in [Caller::Pupil, Caller::CoAccount] {
            let (status, html) = page(caller, path).await;
            assert_eq!(status, StatusCode::OK, "{caller:?} {path}");
            assert!(
                html.contains("Lotte") || path == "/mijn-documenten",
                "{caller:?} {path}"
            );
        }
        let (status, _) = page(Caller::Anonymous, path).await;
        assert_eq!(
            status,
            StatusCode::FOUND,
            "anonymous {path} goes to sign in"
        );
    }
    let (status, html) = page(Caller::CoAccount, "/mijn-kinderen").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Oudercontact"),
        "the parent's menu offers Oudercontact"
    );
    let (status, html) = page(Caller::Pupil, "/mijn-kinderen").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        !html.contains("href=\"/oudercontact\""),
        "not in the pupil's menu"
    );
    let (status, _) = page(Caller::Pupil, "/oudercontact").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Staff first choose a pupil of their own classes, then see that pupil's module.
    let (status, html) = page(Caller::ClassTeacher, "/resultaten").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Kies een leerling"));
    let link = format!("/resultaten?leerling={}", world.lotte);
    assert!(html.contains(&link), "the picker links to Lotte");
    let (status, _) = page(Caller::OtherTeacher, "/resultaten").await;
    assert_eq!(status, StatusCode::OK);
    let mut request = world.app.client.get(format!("{}{link}", world.app.base));
    request = request.header(
        header::COOKIE,
        world.cookie(Caller::ClassTeacher).expect("cookie"),
    );
    let html = request
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(html.contains("Gegevens van Lotte Peeters"));
    assert!(html.contains("Wiskunde"));
    assert!(!html.contains("Frans"), "only the teacher's own courses");
    let request = world
        .app
        .client
        .get(format!("{}{link}", world.app.base))
        .header(
            header::COOKIE,
            world.cookie(Caller::OtherTeacher).expect("cookie"),
        );
    let response = request.send().await.expect("page");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_family_functions_are_for_the_childs_own_co_accounts_only() {
    let world = world().await;
    let family_only = |caller: Caller| match caller {
        Caller::Anonymous => SIGNED_OUT,
        Caller::CoAccount => Allowed,
        _ => FORBIDDEN,
    };
    check_table::<serde_json::Value>(
        &world,
        "select child",
        SelectChild::PATH,
        &[
            ("child", world.lotte.clone()),
            ("back", "/agenda".to_owned()),
        ],
        family_only,
    )
    .await;
    check_table::<serde_json::Value>(
        &world,
        "link child with a wrong password",
        LinkChild::PATH,
        &[
            ("platform", "sintjozef".to_owned()),
            ("username", "lina.vermeulen".to_owned()),
            ("password", "niet-het-wachtwoord".to_owned()),
        ],
        |caller| match caller {
            Caller::Anonymous => SIGNED_OUT,
            Caller::CoAccount | Caller::OtherFamily => Refused(AppError::InvalidCredentials),
            _ => FORBIDDEN,
        },
    )
    .await;
    check_table::<serde_json::Value>(
        &world,
        "unlink child",
        UnlinkChild::PATH,
        &[("child", world.lotte.clone())],
        family_only,
    )
    .await;
}

/// Everyone signed in has a mailbox of their own.
fn own_mailbox(caller: Caller) -> Expect {
    match caller {
        Caller::Anonymous => SIGNED_OUT,
        _ => Allowed,
    }
}

/// A copy in Heidi's mailbox: hers alone. Anyone else's id finds nothing, even Lotte's.
fn heidis_only(caller: Caller) -> Expect {
    match caller {
        Caller::Anonymous => SIGNED_OUT,
        Caller::CoAccount => Allowed,
        _ => NOT_FOUND,
    }
}

#[tokio::test]
async fn every_messaging_function_keeps_each_mailbox_to_its_owner() {
    let world = world().await;
    let inboxes: Vec<(Caller, MailboxPage)> =
        check_table(&world, "mailbox", LoadMailbox::PATH, &[], own_mailbox).await;
    let inbox_of = |who: Caller| -> Vec<String> {
        inboxes
            .iter()
            .find(|(caller, _)| *caller == who)
            .map(|(_, page)| page.rows.iter().map(|row| row.subject.clone()).collect())
            .expect("allowed")
    };
    // Lotte and Heidi share a username, not a mailbox.
    assert!(inbox_of(Caller::CoAccount).contains(&"Welkom in 1A".to_owned()));
    assert!(!inbox_of(Caller::Pupil).contains(&"Welkom in 1A".to_owned()));
    assert!(inbox_of(Caller::Pupil).contains(&"Fotodag donderdag".to_owned()));
    assert!(!inbox_of(Caller::CoAccount).contains(&"Fotodag donderdag".to_owned()));
    assert_eq!(inbox_of(Caller::OtherFamily), vec!["Wiskundetaak van Noah"]);
    check_table::<ComposeForm>(
        &world,
        "new message form",
        LoadCompose::PATH,
        &[("all", "false".to_owned())],
        own_mailbox,
    )
    .await;

    // Heidi writes to An with an attachment.
    let key = |first_name: &'static str, username: &'static str| {
        world.app.recipient_key("sintclara", username, first_name)
    };
    let heidi = world.cookie(Caller::CoAccount);
    let response = world
        .app
        .write_message(
            heidi,
            &[
                ("aan", key("An", "an.claes").await),
                ("onderwerp", "Vraag over de toets".to_owned()),
                ("bericht", "Welke hoofdstukken?".to_owned()),
                ("actie", "verzenden".to_owned()),
            ],
            vec![("vraag.txt", b"hoofdstuk 3 en 4?".to_vec())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let sent: MailboxPage = world
        .app
        .call(
            heidi,
            LoadMailbox::PATH,
            &[("folder", "verzonden".to_owned())],
        )
        .await
        .expect("sent");
    let copy = sent.rows[0].id.clone();
    let read: Vec<(Caller, MessageView)> = check_table(
        &world,
        "open message",
        LoadMessage::PATH,
        &[("id", copy.clone()), ("show_images", "false".to_owned())],
        heidis_only,
    )
    .await;
    let file = read[0].1.attachments[0].id.clone();
    for (what, form) in [
        (
            "reply",
            vec![("reply", copy.clone()), ("all", "true".to_owned())],
        ),
        (
            "forward",
            vec![("forward", copy.clone()), ("all", "false".to_owned())],
        ),
    ] {
        check_table::<ComposeForm>(&world, what, LoadCompose::PATH, &form, heidis_only).await;
    }
    for action in ["markeren", "ongelezen", "archiveren", "terugzetten"] {
        check_table::<()>(
            &world,
            action,
            MessageAction::PATH,
            &[("id", copy.clone()), ("action", action.to_owned())],
            heidis_only,
        )
        .await;
    }
    check_table::<()>(&world, "empty trash", EmptyTrash::PATH, &[], own_mailbox).await;
    check_table::<()>(
        &world,
        "notifications",
        SaveNotifications::PATH,
        &[("language", "nl".to_owned())],
        own_mailbox,
    )
    .await;
    check_table::<serde_json::Value>(
        &world,
        "notification settings",
        LoadNotifications::PATH,
        &[],
        own_mailbox,
    )
    .await;

    // The attachment: the sender and the recipient, nobody else.
    let mut wrong = Vec::new();
    for caller in CALLERS {
        let expected = match caller {
            Caller::Anonymous => StatusCode::UNAUTHORIZED,
            Caller::CoAccount | Caller::ClassTeacher => StatusCode::OK,
            _ => StatusCode::NOT_FOUND,
        };
        let status = world
            .get(caller, &format!("/berichten/bijlage/{file}"))
            .await;
        if status != expected {
            wrong.push(format!(
                "attachment as {caller:?}: {status}, expected {expected}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // Writing to Ines (Noah's mother, 2B): Noah's teachers and the admin may; no other family,
    // no pupil, nobody of another school.
    let ines = key("Ines", "noah.maes").await;
    let before = inbox_of(Caller::OtherFamily).len();
    let mut wrong = Vec::new();
    for caller in CALLERS {
        let expected = match caller {
            Caller::Anonymous => StatusCode::UNAUTHORIZED,
            Caller::ClassTeacher | Caller::OtherTeacher | Caller::Admin => StatusCode::CREATED,
            _ => StatusCode::FORBIDDEN,
        };
        let status = world
            .app
            .write_message(
                world.cookie(caller),
                &[
                    ("aan", ines.clone()),
                    ("onderwerp", format!("Van {caller:?}")),
                    ("actie", "verzenden".to_owned()),
                ],
                Vec::new(),
            )
            .await
            .status();
        if status != expected {
            wrong.push(format!(
                "writing Ines as {caller:?}: {status}, expected {expected}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let after: MailboxPage = world
        .app
        .call(world.cookie(Caller::OtherFamily), LoadMailbox::PATH, &[])
        .await
        .expect("inbox");
    assert_eq!(after.rows.len(), before + 3);
}

/// Oudercontact as Heidi sees it, for Lotte.
async fn heidis_view(world: &World) -> app::models::ParentOudercontact {
    match world
        .app
        .call::<Oudercontact>(world.cookie(Caller::CoAccount), LoadOudercontact::PATH, &[])
        .await
    {
        Ok(Oudercontact::Parent(view)) => view,
        other => panic!("Heidi's view: {other:?}"),
    }
}

#[tokio::test]
async fn every_oudercontact_function_follows_the_matrix() {
    let world = world().await;
    let view = heidis_view(&world).await;
    let slot = view.moments[0].teachers[0].free[0].id.clone();
    let moment = view.moments[0].moment.id.clone();
    let day = view.moments[0].moment.first_day.to_string();

    // Booking for Lotte: her parents only; another family, staff and pupils are refused.
    let book = [
        ("child", world.lotte.clone()),
        ("slot", slot),
        ("topic", String::new()),
    ];
    check_table::<serde_json::Value>(&world, "book a talk", BookTalk::PATH, &book, |caller| {
        match caller {
            Caller::Anonymous => SIGNED_OUT,
            Caller::CoAccount => Allowed,
            _ => FORBIDDEN,
        }
    })
    .await;
    let booking = heidis_view(&world).await.bookings[0].id.clone();

    // Cancelling it: another family finds nothing to cancel (whatever id it tries); Heidi may.
    let cancel = [("id", booking)];
    let (outcome, _) = world
        .outcome::<serde_json::Value>(Caller::OtherFamily, CancelTalk::PATH, &cancel)
        .await;
    assert_eq!(outcome, NOT_FOUND, "Ines cannot cancel Heidi's talk");
    check_table::<serde_json::Value>(
        &world,
        "cancel a talk",
        CancelTalk::PATH,
        &cancel,
        |caller| {
            match caller {
                Caller::Anonymous => SIGNED_OUT,
                Caller::CoAccount => Allowed,
                // After Heidi cancelled, there is nothing left for Ines to find.
                Caller::OtherFamily => NOT_FOUND,
                _ => FORBIDDEN,
            }
        },
    )
    .await;
    assert!(heidis_view(&world).await.bookings.is_empty());

    // Hours: the school's teachers only; another school's staff finds no such moment.
    let hours = [
        ("moment", moment),
        ("day", day),
        ("starts", "16:00".to_owned()),
        ("ends", "17:00".to_owned()),
        ("break_starts", String::new()),
        ("break_ends", String::new()),
    ];
    check_table::<serde_json::Value>(&world, "set hours", SetDayHours::PATH, &hours, |caller| {
        match caller {
            Caller::Anonymous => SIGNED_OUT,
            Caller::ClassTeacher | Caller::OtherTeacher => Allowed,
            _ => FORBIDDEN,
        }
    })
    .await;

    // Opening a moment for 1A: the school's admin only.
    let one_a = account::Entity::find()
        .filter(account::Column::Username.eq("lotte.peeters"))
        .one(&world.app.db)
        .await
        .expect("query")
        .and_then(|lotte| lotte.class_id)
        .expect("1A");
    let open = [
        ("moment[title]", "Oudercontact matrix".to_owned()),
        ("moment[first_day]", "2027-02-02".to_owned()),
        ("moment[last_day]", "2027-02-02".to_owned()),
        ("moment[day_starts]", "16:00".to_owned()),
        ("moment[day_ends]", "18:00".to_owned()),
        ("moment[slot_minutes]", "10".to_owned()),
        ("moment[gap_minutes]", "0".to_owned()),
        ("moment[opens_at]", "2027-01-20T08:00".to_owned()),
        ("moment[closes_at]", "2027-01-30T12:00".to_owned()),
        ("moment[place]", "school".to_owned()),
        (&format!("moment[classes][{one_a}]"), "on".to_owned()),
    ];
    check_table::<serde_json::Value>(&world, "open a moment", OpenMoment::PATH, &open, |caller| {
        match caller {
            Caller::Anonymous => SIGNED_OUT,
            Caller::Admin => Allowed,
            _ => FORBIDDEN,
        }
    })
    .await;
}

async fn agenda(app: &TestApp, cookie: &str, pupil: &str) -> Result<AgendaWeek, AppError> {
    app.call(
        Some(cookie),
        LoadAgendaWeek::PATH,
        &[("pupil", pupil.to_owned())],
    )
    .await
}

/// A class teacher who gives no course in their class still has that class: its pupils in the
/// list and in the shared modules (results only of their own courses, here none), like any
/// teacher of the class. One rule for "a teacher's classes", used everywhere.
#[tokio::test]
async fn a_class_teacher_without_a_course_in_the_class_opens_its_pupils() {
    use app::db::entities::class;
    use sea_orm::sea_query::Expr;
    let app = spawn_app().await;
    let bart = app
        .cookie_of("sintclara", "bart.jacobs", "Bart-leerkracht-2026")
        .await;
    let lotte = app
        .person("sintclara", "lotte.peeters", "Lotte")
        .await
        .public_id
        .to_string();
    assert_eq!(
        agenda(&app, &bart, &lotte).await.err(),
        Some(AppError::Forbidden),
        "Bart teaches only 2B"
    );

    // Bart becomes the class teacher of 1A, where he gives no course.
    let bart_account = app
        .person("sintclara", "bart.jacobs", "Bart")
        .await
        .account_id;
    class::Entity::update_many()
        .col_expr(class::Column::TeacherId, Expr::value(bart_account))
        .filter(class::Column::Name.eq("1A"))
        .exec(&app.db)
        .await
        .expect("class teacher set");

    let pupils: Vec<Pupil> = app
        .call(Some(&bart), StaffPupils::PATH, &[])
        .await
        .expect("his pupils");
    assert!(
        pupils.iter().any(|pupil| pupil.id == lotte),
        "1A's pupils are in his list"
    );
    assert!(agenda(&app, &bart, &lotte).await.is_ok());
    let lvs: Result<Lvs, AppError> = app
        .call(Some(&bart), LoadLvs::PATH, &[("pupil", lotte.clone())])
        .await;
    assert!(lvs.is_ok(), "{lvs:?}");
    let results: Results = app
        .call(Some(&bart), LoadResults::PATH, &[("pupil", lotte.clone())])
        .await
        .expect("results of his own courses");
    assert!(
        results
            .periods
            .iter()
            .all(|period| period.courses.is_empty()),
        "no course of his in 1A, so no results"
    );
}

/// Staff are told they are staff, not a pupil; and "Mijn kinderen", which is not theirs, answers
/// 403 at once instead of a pupil list whose links all end there.
#[tokio::test]
async fn staff_see_their_own_role_and_no_pupil_list_on_mijn_kinderen() {
    let app = spawn_app().await;
    let an = app
        .cookie_of("sintclara", "an.claes", "An-leerkracht-2026")
        .await;
    let start = app.get_as(&an, "/start").await;
    assert_eq!(start.status(), StatusCode::OK);
    let html = start.text().await.expect("html");
    assert!(
        html.contains("U bent aangemeld als personeelslid van Sint-Claracollege."),
        "{html}"
    );
    assert!(!html.contains("aangemeld als leerling"));

    let page = app.get_as(&an, "/mijn-kinderen").await;
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    let html = page.text().await.expect("html");
    assert!(!html.contains("leerling="), "no pupil list: {html}");
}

/// A server function's name in the table, its path and its form.
type NamedCall = (&'static str, &'static str, Vec<(&'static str, String)>);

/// Uploads a pupil export as the import form does; the status and where the browser is sent.
async fn upload_export(world: &World, caller: Caller, csv: &str) -> (StatusCode, Option<String>) {
    let part = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("export.csv");
    let mut request = world
        .app
        .client
        .post(format!("{}/beheer/import", world.app.base))
        .header(header::ACCEPT, "text/html")
        .multipart(reqwest::multipart::Form::new().part("file", part));
    if let Some(cookie) = world.cookie(caller) {
        request = request.header(header::COOKIE, cookie);
    }
    let response = request.send().await.expect("upload");
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    (response.status(), location)
}

async fn post_letters(
    world: &World,
    caller: Caller,
    form: &[(&str, String)],
) -> (StatusCode, String) {
    let mut request = world
        .app
        .client
        .post(format!("{}/beheer/brieven", world.app.base))
        .form(form);
    if let Some(cookie) = world.cookie(caller) {
        request = request.header(header::COOKIE, cookie);
    }
    let response = request.send().await.expect("letters");
    let status = response.status();
    (status, response.text().await.expect("body"))
}

#[tokio::test]
async fn every_beheer_function_is_for_the_admin_of_its_own_school() {
    let world = world().await;
    // An admin manages their own school: another school's admin finds nothing of this one.
    let own_school = |caller: Caller| match caller {
        Caller::Anonymous => SIGNED_OUT,
        Caller::Admin | Caller::OtherSchoolAdmin => Allowed,
        _ => FORBIDDEN,
    };
    let sintclara_only = |caller: Caller| match caller {
        Caller::Anonymous => SIGNED_OUT,
        Caller::Admin => Allowed,
        Caller::OtherSchoolAdmin => NOT_FOUND,
        _ => FORBIDDEN,
    };
    for (caller, overview) in
        check_table::<BeheerOverview>(&world, "overview", SchoolOverview::PATH, &[], own_school)
            .await
    {
        let school = if caller == Caller::Admin {
            "Sint-Clara"
        } else {
            "Sint-Jozef"
        };
        assert!(
            overview.school.contains(school),
            "{caller:?}: {}",
            overview.school
        );
    }
    let lists = check_table::<PupilPage>(
        &world,
        "pupil list",
        BeheerPupils::PATH,
        &[("search", "peeters".to_owned()), ("page", "1".to_owned())],
        own_school,
    )
    .await;
    for (caller, list) in lists {
        let has_lotte = list.rows.iter().any(|row| row.username == "lotte.peeters");
        assert_eq!(has_lotte, caller == Caller::Admin, "{caller:?} finds Lotte");
    }
    check_table::<PupilRow>(
        &world,
        "one pupil",
        BeheerPupil::PATH,
        &[("username", "lotte.peeters".to_owned())],
        sintclara_only,
    )
    .await;
    check_table::<AuditPage>(
        &world,
        "audit log",
        AuditLog::PATH,
        &[("page", "1".to_owned())],
        own_school,
    )
    .await;
    check_table::<serde_json::Value>(
        &world,
        "enable a person",
        SetPersonEnabled::PATH,
        &[
            ("person", world.lotte.clone()),
            ("enable", "true".to_owned()),
        ],
        sintclara_only,
    )
    .await;

    // The upload: a draft of the admin's own school, refused to everyone else.
    let csv = "klas;voornaam;achternaam;geboortedatum;stamnummer\n1A;Mira;Claes;01/01/2013;Z1\n";
    let mut draft = None;
    for caller in CALLERS {
        let (status, location) = upload_export(&world, caller, csv).await;
        match caller {
            Caller::Admin | Caller::OtherSchoolAdmin => {
                let location = location.expect("to the preview");
                assert!(
                    location.starts_with("/beheer/import?concept="),
                    "{caller:?}: {location}"
                );
                if caller == Caller::Admin {
                    draft = location
                        .strip_prefix("/beheer/import?concept=")
                        .map(str::to_owned);
                }
            }
            Caller::Anonymous => assert!(status.is_redirection(), "anonymous goes to sign in"),
            _ => assert_eq!(status, StatusCode::FORBIDDEN, "{caller:?} uploads"),
        }
    }
    let draft = draft.expect("the admin's draft");
    check_table::<ImportPreview>(
        &world,
        "import preview",
        PreviewImport::PATH,
        &[("draft", draft.clone())],
        sintclara_only,
    )
    .await;
    check_table::<serde_json::Value>(
        &world,
        "confirm an import",
        ConfirmImport::PATH,
        &[
            ("draft", draft.clone()),
            ("fingerprint", "tampered".to_owned()),
        ],
        |caller| match caller {
            Caller::Admin => Refused(AppError::ImportChanged),
            other => sintclara_only(other),
        },
    )
    .await;

    // The pages: the admins see their own Beheer, everyone else the 403 page.
    for path in [
        "/beheer",
        "/beheer/leerlingen",
        "/beheer/import",
        "/beheer/logboek",
    ] {
        for caller in CALLERS {
            let expected = match caller {
                Caller::Anonymous => StatusCode::FOUND,
                Caller::Admin | Caller::OtherSchoolAdmin => StatusCode::OK,
                _ => StatusCode::FORBIDDEN,
            };
            assert_eq!(
                world.get_status(caller, path).await,
                expected,
                "{caller:?} {path}"
            );
        }
    }
    assert_eq!(
        world
            .get_status(Caller::OtherSchoolAdmin, "/beheer/leerlingen/lotte.peeters")
            .await,
        StatusCode::NOT_FOUND
    );

    // Setting the school up, and its people in daily use.
    check_table::<app::models::SchoolSetup>(
        &world,
        "school setup",
        LoadSchoolSetup::PATH,
        &[],
        own_school,
    )
    .await;
    let lotte_class = pupil_account(&world.app, "sintclara", "lotte.peeters")
        .await
        .class_id
        .expect("class");
    let a_course = course::Entity::find()
        .filter(course::Column::ClassId.eq(lotte_class))
        .one(&world.app.db)
        .await
        .expect("query")
        .expect("a course of 1A");
    let heidi = world
        .app
        .person("sintclara", "lotte.peeters", "Heidi")
        .await
        .public_id
        .to_string();
    let tom = world
        .app
        .person("sintclara", "lotte.peeters", "Tom")
        .await
        .public_id
        .to_string();
    let own_school_calls: [NamedCall; 4] = [
        ("retry undelivered mail", RetryUndeliveredMail::PATH, vec![]),
        (
            "settings",
            SaveSettings::PATH,
            vec![
                ("max_co_accounts", "3".to_owned()),
                ("secretariaat", "beheer".to_owned()),
                ("directie", "beheer".to_owned()),
                ("zorg", String::new()),
            ],
        ),
        (
            "add staff",
            AddStaff::PATH,
            vec![
                ("first_name", "Nieuwe".to_owned()),
                ("last_name", "Leerkracht".to_owned()),
            ],
        ),
        ("add class", AddClass::PATH, vec![("name", "9Z".to_owned())]),
    ];
    for (name, path, form) in own_school_calls {
        check_table::<serde_json::Value>(&world, name, path, &form, own_school).await;
    }
    let sintclara_calls: [NamedCall; 9] = [
        (
            "activation mails",
            SendActivations::PATH,
            vec![("class", lotte_class.to_string())],
        ),
        (
            "class teacher",
            SetClassTeacher::PATH,
            vec![
                ("class", lotte_class.to_string()),
                ("teacher", "an.claes".to_owned()),
            ],
        ),
        (
            "add course",
            AddCourse::PATH,
            vec![
                ("class", lotte_class.to_string()),
                ("name", "Muziek".to_owned()),
                ("teacher", "an.claes".to_owned()),
            ],
        ),
        (
            "course teacher",
            SetCourseTeacher::PATH,
            vec![
                ("course", a_course.id.to_string()),
                ("teacher", "an.claes".to_owned()),
            ],
        ),
        (
            "add pupil",
            AddPupil::PATH,
            vec![
                ("first_name", "Nieuwe".to_owned()),
                ("last_name", "Leerling".to_owned()),
                ("class", lotte_class.to_string()),
                ("birth_date", String::new()),
            ],
        ),
        (
            "pupil maximum",
            SetPupilMaximum::PATH,
            vec![
                ("username", "lotte.peeters".to_owned()),
                ("maximum", "4".to_owned()),
            ],
        ),
        (
            "add co-account",
            AddCoAccount::PATH,
            vec![
                ("username", "lotte.peeters".to_owned()),
                ("first_name", "Oma".to_owned()),
                ("last_name", "Peeters".to_owned()),
                ("relation", "grootmoeder".to_owned()),
                ("email", String::new()),
            ],
        ),
        (
            "relation",
            SetRelation::PATH,
            vec![("person", heidi.clone()), ("relation", "mama".to_owned())],
        ),
        (
            "remove co-account",
            RemoveCoAccount::PATH,
            vec![("person", tom.clone())],
        ),
    ];
    for (name, path, form) in sintclara_calls {
        check_table::<serde_json::Value>(&world, name, path, &form, sintclara_only).await;
    }
    // Erasing: never a pupil who can still sign in, not even by the own school's admin.
    check_table::<serde_json::Value>(
        &world,
        "erase a pupil",
        ErasePupil::PATH,
        &[("username", "lotte.peeters".to_owned())],
        |caller| match caller {
            Caller::Admin => NOT_FOUND,
            other => sintclara_only(other),
        },
    )
    .await;

    // Letters: a start password for Lotte only from her own school's admin; a class of another
    // school is no class. The admin's own call comes last: it replaces Lotte's password.
    let lotte_class = pupil_account(&world.app, "sintclara", "lotte.peeters")
        .await
        .class_id
        .expect("class")
        .to_string();
    let (status, _) = post_letters(
        &world,
        Caller::OtherSchoolAdmin,
        &[("klas", lotte_class.clone())],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another school's class");
    for caller in CALLERS {
        if caller == Caller::Admin {
            continue;
        }
        let (status, body) =
            post_letters(&world, caller, &[("persoon", world.lotte.clone())]).await;
        let expected = match caller {
            Caller::Anonymous => StatusCode::SEE_OTHER,
            Caller::OtherSchoolAdmin => StatusCode::NOT_FOUND,
            _ => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{caller:?} asks a letter for Lotte");
        assert!(!body.contains("start-password"));
    }
    app::auth::sign_in(
        &world.app.db,
        &world.app.auth(),
        "sintclara",
        "lotte.peeters",
        "Lotte-leerling-2026",
        "192.0.2.8",
        Utc::now(),
    )
    .await
    .expect("Lotte's password is untouched");
    let (status, body) =
        post_letters(&world, Caller::Admin, &[("persoon", world.lotte.clone())]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("class=\"start-password\""));
}

/// Writing in the shared modules: a teacher for the courses they give and the classes they teach,
/// an admin for their whole school; pupils and parents never. Another school's course, class or
/// pupil finds nothing; one of the own school that the caller does not teach is `Forbidden`.
fn writes_in_1a(caller: Caller) -> Expect {
    match caller {
        Caller::Anonymous => SIGNED_OUT,
        Caller::ClassTeacher | Caller::Admin => Allowed,
        Caller::OtherSchoolAdmin => NOT_FOUND,
        Caller::Pupil
        | Caller::CoAccount
        | Caller::OtherFamily
        | Caller::OtherSchoolPupil
        | Caller::OtherTeacher => FORBIDDEN,
    }
}

/// Staff see what they teach; families have nothing to teach.
fn staff_only(caller: Caller) -> Expect {
    match caller {
        Caller::Anonymous => SIGNED_OUT,
        Caller::ClassTeacher | Caller::OtherTeacher | Caller::Admin | Caller::OtherSchoolAdmin => {
            Allowed
        }
        Caller::Pupil | Caller::CoAccount | Caller::OtherFamily | Caller::OtherSchoolPupil => {
            FORBIDDEN
        }
    }
}

#[tokio::test]
async fn every_teaching_function_writes_only_where_the_caller_teaches() {
    use app::db::entities::{agenda_item, class};
    let world = world().await;
    let db = &world.app.db;
    let lotte = pupil_account(&world.app, "sintclara", "lotte.peeters").await;
    let class_1a = lotte.class_id.expect("class");
    let an = teacher_id(&world.app, "an.claes").await;
    let wiskunde = course::Entity::find()
        .filter(course::Column::ClassId.eq(class_1a))
        .filter(course::Column::TeacherId.eq(an))
        .one(db)
        .await
        .expect("query")
        .expect("An's course in 1A");
    let today = app::services::time::school_today(Utc::now()).to_string();
    let course = wiskunde.id.to_string();

    check_table::<serde_json::Value>(&world, "teaching", LoadTeaching::PATH, &[], staff_only).await;
    // A refused form's typed fields: each session reads only its own, so every caller may ask
    // (and, holding no kept form, gets none).
    let kept = check_table::<Option<app::models::KeptForm>>(
        &world,
        "kept form",
        app::functions::account::LoadKeptForm::PATH,
        &[],
        |_| Allowed,
    )
    .await;
    assert!(kept.iter().all(|(_, form)| form.is_none()), "{kept:?}");
    check_table::<serde_json::Value>(
        &world,
        "evaluations",
        LoadEvaluations::PATH,
        &[],
        staff_only,
    )
    .await;
    check_table::<serde_json::Value>(
        &world,
        "planning",
        LoadAgendaPlan::PATH,
        &[("course", course.clone())],
        writes_in_1a,
    )
    .await;
    let items_before = agenda_item::Entity::find().count(db).await.expect("count");
    check_table::<serde_json::Value>(
        &world,
        "plan an item",
        SaveAgendaItem::PATH,
        &[
            ("course", course.clone()),
            ("kind", "task".to_owned()),
            ("due_on", today.clone()),
            ("title", "Oefeningen blz. 12".to_owned()),
        ],
        writes_in_1a,
    )
    .await;
    assert_eq!(
        agenda_item::Entity::find().count(db).await.expect("count"),
        items_before + 2,
        "only An's and the admin's were stored"
    );
    let planned = agenda_item::Entity::find()
        .filter(agenda_item::Column::Title.eq("Oefeningen blz. 12"))
        .all(db)
        .await
        .expect("query");
    let [first, second] = planned.as_slice() else {
        panic!("An's item and the admin's");
    };
    // Everyone tries the first item while it is there; An and the admin then remove one each.
    let mut wrong = Vec::new();
    for caller in CALLERS {
        let item = match caller {
            Caller::ClassTeacher | Caller::Admin => continue,
            _ => first.id,
        };
        let (outcome, _) = world
            .outcome::<serde_json::Value>(
                caller,
                RemoveAgendaItem::PATH,
                &[("id", item.to_string())],
            )
            .await;
        if outcome != writes_in_1a(caller) {
            wrong.push(format!("remove an item as {caller:?}: {outcome:?}"));
        }
    }
    for (caller, item) in [(Caller::ClassTeacher, first.id), (Caller::Admin, second.id)] {
        let (outcome, _) = world
            .outcome::<serde_json::Value>(
                caller,
                RemoveAgendaItem::PATH,
                &[("id", item.to_string())],
            )
            .await;
        if outcome != Allowed {
            wrong.push(format!("remove an item as {caller:?}: {outcome:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        agenda_item::Entity::find().count(db).await.expect("count"),
        items_before
    );
    check_table::<serde_json::Value>(
        &world,
        "create an evaluation",
        CreateEvaluation::PATH,
        &[
            ("course", course.clone()),
            ("period", "1".to_owned()),
            ("name", "Toets in de tabel".to_owned()),
            ("held_on", today.clone()),
            ("max", "10".to_owned()),
        ],
        writes_in_1a,
    )
    .await;
    let evaluation = evaluation::Entity::find()
        .filter(evaluation::Column::Name.eq("Toets in de tabel"))
        .one(db)
        .await
        .expect("query")
        .expect("created");
    check_table::<serde_json::Value>(
        &world,
        "score grid",
        LoadScoreGrid::PATH,
        &[("id", evaluation.id.to_string())],
        writes_in_1a,
    )
    .await;
    let scores_before = score::Entity::find().count(db).await.expect("count");
    check_table::<serde_json::Value>(
        &world,
        "save scores",
        SaveScores::PATH,
        &[
            ("evaluation", evaluation.id.to_string()),
            ("version", evaluation.version.to_string()),
            ("cells[0][pupil]", world.lotte.clone()),
            ("cells[0][points]", "7".to_owned()),
            ("publish", "1".to_owned()),
        ],
        // An's save counts; the admin's, from the same grid, is told it changed.
        |caller| match caller {
            Caller::Admin => Refused(AppError::GridChanged),
            other => writes_in_1a(other),
        },
    )
    .await;
    assert_eq!(
        score::Entity::find().count(db).await.expect("count"),
        scores_before + 1,
        "one score, An's"
    );
    let class = class_1a.to_string();
    check_table::<serde_json::Value>(
        &world,
        "class page",
        LoadClassPage::PATH,
        &[("class", class.clone())],
        writes_in_1a,
    )
    .await;
    check_table::<serde_json::Value>(
        &world,
        "attendance",
        SaveRegister::PATH,
        &[
            ("class", class.clone()),
            ("day", today.clone()),
            ("half", "nm".to_owned()),
            ("entries[0][pupil]", world.lotte.clone()),
            ("entries[0][code]", "D".to_owned()),
        ],
        writes_in_1a,
    )
    .await;
    let remarks_before = app::db::entities::lvs_remark::Entity::find()
        .count(db)
        .await
        .expect("count");
    check_table::<serde_json::Value>(
        &world,
        "remark",
        AddRemark::PATH,
        &[
            ("pupil", world.lotte.clone()),
            ("category", "Studie".to_owned()),
            ("text", "Werkt goed mee.".to_owned()),
            ("audience", "both".to_owned()),
        ],
        writes_in_1a,
    )
    .await;
    assert_eq!(
        app::db::entities::lvs_remark::Entity::find()
            .count(db)
            .await
            .expect("count"),
        remarks_before + 2
    );
    // A class or evaluation id that does not exist finds nothing, for everyone who writes.
    for (name, path, form) in [
        (
            "no class",
            LoadClassPage::PATH,
            vec![("class", "999999".to_owned())],
        ),
        (
            "no evaluation",
            LoadScoreGrid::PATH,
            vec![("id", "999999".to_owned())],
        ),
    ] {
        let (outcome, _) = world
            .outcome::<serde_json::Value>(Caller::Admin, path, &form)
            .await;
        assert_eq!(outcome, NOT_FOUND, "{name}");
    }
    let other_class = class::Entity::find()
        .filter(class::Column::Id.ne(class_1a))
        .filter(class::Column::PlatformId.eq(lotte.platform_id))
        .one(db)
        .await
        .expect("query")
        .expect("2B");
    let (outcome, _) = world
        .outcome::<serde_json::Value>(
            Caller::ClassTeacher,
            SaveRegister::PATH,
            &[
                ("class", other_class.id.to_string()),
                ("day", today.clone()),
                ("half", "vm".to_owned()),
                ("entries[0][pupil]", world.lotte.clone()),
                ("entries[0][code]", "Z".to_owned()),
            ],
        )
        .await;
    assert_eq!(
        outcome, NOT_FOUND,
        "a pupil named in a class she is not in finds nothing"
    );

    // The pages: staff see them, families get the 403 page, and nobody signed out gets in.
    for path in [
        "/agenda/plannen".to_owned(),
        "/resultaten/evaluaties".to_owned(),
        format!("/resultaten/evaluaties/{}", evaluation.id),
        "/lvs/klas".to_owned(),
        format!("/lvs/klas/{class_1a}"),
    ] {
        for (caller, expected) in [
            (Caller::ClassTeacher, StatusCode::OK),
            (Caller::Admin, StatusCode::OK),
            (Caller::Pupil, StatusCode::FORBIDDEN),
            (Caller::CoAccount, StatusCode::FORBIDDEN),
            (Caller::Anonymous, StatusCode::FOUND),
        ] {
            assert_eq!(
                world.get_status(caller, &path).await,
                expected,
                "{caller:?} {path}"
            );
        }
    }
}

/// A course file posted to `/vakken/materiaal` as a program does (no page back): its status.
async fn upload_material(world: &World, caller: Caller, course: i32) -> StatusCode {
    let fields = [
        ("course", course.to_string()),
        ("title", format!("{caller:?}")),
    ];
    let file = ("les.pdf", b"%PDF-1.4".to_vec());
    world
        .app
        .post_file(
            "/vakken/materiaal",
            world.cookie(caller),
            &fields,
            file,
            false,
        )
        .await
        .status()
}

#[tokio::test]
async fn every_course_keeping_function_and_class_overview_follows_where_the_caller_teaches() {
    use app::db::entities::{live_session, material};
    use app::functions::courses::{
        AddLiveSession, AddMaterialLink, LoadLivePlan, LoadMaterialPlan, MoveMaterial,
        RemoveLiveSession, RemoveMaterial,
    };
    use app::functions::overviews::{LoadClassAbsences, LoadClassResults};
    let world = world().await;
    let db = &world.app.db;
    let lotte = pupil_account(&world.app, "sintclara", "lotte.peeters").await;
    let class_1a = lotte.class_id.expect("class");
    let an = teacher_id(&world.app, "an.claes").await;
    let wiskunde = course::Entity::find()
        .filter(course::Column::ClassId.eq(class_1a))
        .filter(course::Column::TeacherId.eq(an))
        .one(db)
        .await
        .expect("query")
        .expect("An's course in 1A");
    let course = wiskunde.id.to_string();
    let tomorrow =
        (app::services::time::school_today(Utc::now()) + chrono::Duration::days(1)).to_string();

    check_table::<serde_json::Value>(
        &world,
        "materials page",
        LoadMaterialPlan::PATH,
        &[],
        staff_only,
    )
    .await;
    check_table::<serde_json::Value>(
        &world,
        "a course's materials",
        LoadMaterialPlan::PATH,
        &[("course", course.clone())],
        writes_in_1a,
    )
    .await;

    // The file upload, as a program posts it: created for An and the admin only.
    let materials_before = material::Entity::find().count(db).await.expect("count");
    let mut wrong = Vec::new();
    for caller in CALLERS {
        let status = upload_material(&world, caller, wiskunde.id).await;
        let expected = match writes_in_1a(caller) {
            Allowed => StatusCode::CREATED,
            Refused(AppError::SignedOut) => StatusCode::UNAUTHORIZED,
            Refused(error) => error.status(),
        };
        if status != expected {
            wrong.push(format!(
                "upload a course file as {caller:?}: {status}, expected {expected}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    check_table::<serde_json::Value>(
        &world,
        "add a link",
        AddMaterialLink::PATH,
        &[
            ("course", course.clone()),
            ("title", "Link in de tabel".to_owned()),
            ("url", "https://example.org/les".to_owned()),
        ],
        writes_in_1a,
    )
    .await;
    assert_eq!(
        material::Entity::find().count(db).await.expect("count"),
        materials_before + 4,
        "An's and the admin's file and link only"
    );
    let links = material::Entity::find()
        .filter(material::Column::Title.eq("Link in de tabel"))
        .all(db)
        .await
        .expect("query");
    let [first, second] = links.as_slice() else {
        panic!("An's link and the admin's");
    };
    check_table::<serde_json::Value>(
        &world,
        "move a material",
        MoveMaterial::PATH,
        &[("id", first.id.to_string()), ("direction", "up".to_owned())],
        writes_in_1a,
    )
    .await;
    // Everyone tries the first link while it is there; An and the admin then remove one each.
    let mut wrong = Vec::new();
    for caller in CALLERS {
        if matches!(caller, Caller::ClassTeacher | Caller::Admin) {
            continue;
        }
        let (outcome, _) = world
            .outcome::<serde_json::Value>(
                caller,
                RemoveMaterial::PATH,
                &[("id", first.id.to_string())],
            )
            .await;
        if outcome != writes_in_1a(caller) {
            wrong.push(format!("remove a material as {caller:?}: {outcome:?}"));
        }
    }
    for (caller, id) in [(Caller::ClassTeacher, first.id), (Caller::Admin, second.id)] {
        let (outcome, _) = world
            .outcome::<serde_json::Value>(caller, RemoveMaterial::PATH, &[("id", id.to_string())])
            .await;
        if outcome != Allowed {
            wrong.push(format!("remove a material as {caller:?}: {outcome:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        material::Entity::find().count(db).await.expect("count"),
        materials_before + 2
    );

    check_table::<serde_json::Value>(&world, "live plan", LoadLivePlan::PATH, &[], staff_only)
        .await;
    let sessions_before = live_session::Entity::find().count(db).await.expect("count");
    check_table::<serde_json::Value>(
        &world,
        "plan a live lesson",
        AddLiveSession::PATH,
        &[
            ("course", course.clone()),
            ("title", "Live in de tabel".to_owned()),
            ("date", tomorrow.clone()),
            ("starts", "09:00".to_owned()),
            ("ends", "09:50".to_owned()),
            ("url", "https://meet.example/tabel".to_owned()),
        ],
        writes_in_1a,
    )
    .await;
    let lessons = live_session::Entity::find()
        .filter(live_session::Column::Title.eq("Live in de tabel"))
        .all(db)
        .await
        .expect("query");
    let [first, second] = lessons.as_slice() else {
        panic!("An's lesson and the admin's");
    };
    let mut wrong = Vec::new();
    for caller in CALLERS {
        if matches!(caller, Caller::ClassTeacher | Caller::Admin) {
            continue;
        }
        let (outcome, _) = world
            .outcome::<serde_json::Value>(
                caller,
                RemoveLiveSession::PATH,
                &[("id", first.id.to_string())],
            )
            .await;
        if outcome != writes_in_1a(caller) {
            wrong.push(format!("remove a live lesson as {caller:?}: {outcome:?}"));
        }
    }
    for (caller, id) in [(Caller::ClassTeacher, first.id), (Caller::Admin, second.id)] {
        let (outcome, _) = world
            .outcome::<serde_json::Value>(
                caller,
                RemoveLiveSession::PATH,
                &[("id", id.to_string())],
            )
            .await;
        if outcome != Allowed {
            wrong.push(format!("remove a live lesson as {caller:?}: {outcome:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        live_session::Entity::find().count(db).await.expect("count"),
        sessions_before
    );

    let class = class_1a.to_string();
    check_table::<serde_json::Value>(
        &world,
        "class results",
        LoadClassResults::PATH,
        &[("class", class.clone())],
        writes_in_1a,
    )
    .await;
    check_table::<serde_json::Value>(
        &world,
        "class absences",
        LoadClassAbsences::PATH,
        &[("class", class.clone())],
        writes_in_1a,
    )
    .await;
    for (name, path, form) in [
        (
            "no material",
            MoveMaterial::PATH,
            vec![("id", "999999".to_owned()), ("direction", "up".to_owned())],
        ),
        (
            "no live lesson",
            RemoveLiveSession::PATH,
            vec![("id", "999999".to_owned())],
        ),
        (
            "no class",
            LoadClassResults::PATH,
            vec![("class", "999999".to_owned())],
        ),
    ] {
        let (outcome, _) = world
            .outcome::<serde_json::Value>(Caller::Admin, path, &form)
            .await;
        assert_eq!(outcome, NOT_FOUND, "{name}");
    }

    // The pages: staff see them, families get the 403 page, and nobody signed out gets in.
    for path in [
        "/vakken/beheren".to_owned(),
        format!("/vakken/beheren?vak={course}"),
        "/live-sessies/plannen".to_owned(),
        format!("/resultaten/klas/{class_1a}"),
        format!("/resultaten/klas/{class_1a}?periode=2"),
        format!("/lvs/klas/{class_1a}/afwezigheden"),
        format!("/lvs/klas/{class_1a}/afwezigheden?week=2026-11-30"),
    ] {
        for (caller, expected) in [
            (Caller::ClassTeacher, StatusCode::OK),
            (Caller::Admin, StatusCode::OK),
            (Caller::Pupil, StatusCode::FORBIDDEN),
            (Caller::CoAccount, StatusCode::FORBIDDEN),
            (Caller::Anonymous, StatusCode::FOUND),
        ] {
            assert_eq!(
                world.get_status(caller, &path).await,
                expected,
                "{caller:?} {path}"
            );
        }
    }
}

/// Attaches a file to planned work as a program posts it.
async fn attach_file(world: &World, caller: Caller, item: i32) -> StatusCode {
    let fields = [("item", item.to_string())];
    let file = ("opgave.pdf", b"%PDF-1.4".to_vec());
    world
        .app
        .post_file(
            "/agenda/bijlage",
            world.cookie(caller),
            &fields,
            file,
            false,
        )
        .await
        .status()
}

fn status_of(expect: Expect, allowed: StatusCode) -> StatusCode {
    match expect {
        Allowed => allowed,
        Refused(error) => error.status(),
    }
}

#[tokio::test]
async fn files_of_planned_work_are_kept_by_its_teachers_and_read_by_those_who_see_the_course() {
    use app::db::entities::{agenda_file, agenda_item};
    use app::functions::teaching::RemoveAgendaFile;
    use sea_orm::{ActiveModelTrait, Set};
    let world = world().await;
    let db = &world.app.db;
    let lotte = pupil_account(&world.app, "sintclara", "lotte.peeters").await;
    let an = teacher_id(&world.app, "an.claes").await;
    let wiskunde = course::Entity::find()
        .filter(course::Column::ClassId.eq(lotte.class_id.expect("class")))
        .filter(course::Column::TeacherId.eq(an))
        .one(db)
        .await
        .expect("query")
        .expect("An's course in 1A");
    let item = agenda_item::ActiveModel {
        course_id: Set(wiskunde.id),
        kind: Set(app::models::AgendaKind::Assignment),
        due_on: Set(app::services::time::school_today(Utc::now())),
        title: Set("Taak met opgave".to_owned()),
        description: Set(String::new()),
        author_id: Set(Some(an)),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("item");

    let mut wrong = Vec::new();
    for caller in CALLERS {
        let status = attach_file(&world, caller, item.id).await;
        let expected = status_of(writes_in_1a(caller), StatusCode::CREATED);
        if status != expected {
            wrong.push(format!(
                "attach as {caller:?}: {status}, expected {expected}"
            ));
        }
    }
    let files: Vec<i32> = agenda_file::Entity::find()
        .all(db)
        .await
        .expect("files")
        .into_iter()
        .map(|file| file.id)
        .collect();
    assert_eq!(files.len(), 2, "An's file and the admin's");

    // Read as the agenda links it: the family without naming the pupil, staff naming Lotte;
    // the planning page's link names no pupil and is for the item's teachers.
    for caller in CALLERS {
        let staff = matches!(
            caller,
            Caller::ClassTeacher | Caller::OtherTeacher | Caller::Admin | Caller::OtherSchoolAdmin
        );
        let from_agenda = if staff {
            format!("/agenda/bestand/{}?leerling={}", files[0], world.lotte)
        } else {
            format!("/agenda/bestand/{}", files[0])
        };
        let expected = match caller {
            Caller::OtherFamily | Caller::OtherSchoolPupil => StatusCode::NOT_FOUND,
            _ => status_of(lotte_shared(caller), StatusCode::OK),
        };
        let status = world.get(caller, &from_agenda).await;
        if status != expected {
            wrong.push(format!(
                "{from_agenda} as {caller:?}: {status}, expected {expected}"
            ));
        }
        if staff {
            let from_plan = format!("/agenda/bestand/{}", files[0]);
            let expected = status_of(writes_in_1a(caller), StatusCode::OK);
            let status = world.get(caller, &from_plan).await;
            if status != expected {
                wrong.push(format!(
                    "{from_plan} as {caller:?}: {status}, expected {expected}"
                ));
            }
        }
    }

    // Everyone tries to remove the first file; An and the admin then remove one each.
    for caller in CALLERS {
        if matches!(caller, Caller::ClassTeacher | Caller::Admin) {
            continue;
        }
        let (outcome, _) = world
            .outcome::<serde_json::Value>(
                caller,
                RemoveAgendaFile::PATH,
                &[("id", files[0].to_string())],
            )
            .await;
        if outcome != writes_in_1a(caller) {
            wrong.push(format!("remove a file as {caller:?}: {outcome:?}"));
        }
    }
    for (caller, file) in [(Caller::ClassTeacher, files[0]), (Caller::Admin, files[1])] {
        let (outcome, _) = world
            .outcome::<serde_json::Value>(
                caller,
                RemoveAgendaFile::PATH,
                &[("id", file.to_string())],
            )
            .await;
        if outcome != Allowed {
            wrong.push(format!("remove a file as {caller:?}: {outcome:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        agenda_file::Entity::find().count(db).await.expect("count"),
        0
    );
}

/// Whose calendar feeds a caller may make: Lotte's for herself and her parents (`family` false),
/// and a family's own for every parent (`family` true, naming no child). Staff have none.
fn feeds_of_lotte(caller: Caller, family: bool) -> Expect {
    match (caller, family) {
        (Caller::Anonymous, _) => SIGNED_OUT,
        (Caller::CoAccount, _) | (Caller::Pupil, false) | (Caller::OtherFamily, true) => Allowed,
        _ => FORBIDDEN,
    }
}

#[tokio::test]
async fn calendar_feeds_are_their_persons_own_and_lessons_change_by_their_teachers_only() {
    use app::db::entities::lesson;
    use app::functions::calendar::{LoadCalendarFeeds, RenewCalendarFeed, StopCalendarFeed};
    use app::functions::teaching::SaveLesson;
    use app::models::CalendarFeeds;
    let world = world().await;
    let mut wrong = Vec::new();

    for caller in CALLERS {
        let (outcome, feeds) = world
            .outcome::<CalendarFeeds>(caller, LoadCalendarFeeds::PATH, &[])
            .await;
        let offered: Vec<String> = feeds
            .map(|feeds| {
                feeds
                    .feeds
                    .into_iter()
                    .map(|feed| feed.child.map_or("family".to_owned(), |c| c.first_name))
                    .collect()
            })
            .unwrap_or_default();
        let expected: (Expect, &[&str]) = match caller {
            Caller::Anonymous => (SIGNED_OUT, &[]),
            Caller::Pupil => (Allowed, &["Lotte"]),
            Caller::CoAccount => (Allowed, &["Lotte", "Wout", "family"]),
            Caller::OtherFamily => (Allowed, &["Noah"]),
            Caller::OtherSchoolPupil => (Allowed, &["Wout"]),
            _ => (FORBIDDEN, &[]),
        };
        if outcome != expected.0 || offered != expected.1 {
            wrong.push(format!(
                "feeds as {caller:?}: {outcome:?} {offered:?}, expected {expected:?}"
            ));
        }
        for (path, family) in [
            (RenewCalendarFeed::PATH, false),
            (StopCalendarFeed::PATH, false),
            (RenewCalendarFeed::PATH, true),
            (StopCalendarFeed::PATH, true),
        ] {
            let form = if family {
                Vec::new()
            } else {
                vec![("child", world.lotte.clone())]
            };
            let (outcome, _) = world
                .outcome::<serde_json::Value>(caller, path, &form)
                .await;
            let expected = feeds_of_lotte(caller, family);
            if outcome != expected {
                wrong.push(format!(
                    "{path} (family: {family}) as {caller:?}: {outcome:?}, expected {expected:?}"
                ));
            }
        }
    }

    // A lesson of An's Wiskunde in 1A: its teacher and the admin move it; nobody else changes it.
    let lotte = pupil_account(&world.app, "sintclara", "lotte.peeters").await;
    let an = teacher_id(&world.app, "an.claes").await;
    let wiskunde = course::Entity::find()
        .filter(course::Column::ClassId.eq(lotte.class_id.expect("class")))
        .filter(course::Column::TeacherId.eq(an))
        .one(&world.app.db)
        .await
        .expect("query")
        .expect("An's course in 1A");
    let first = lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(wiskunde.id))
        .one(&world.app.db)
        .await
        .expect("query")
        .expect("a lesson");
    let room_of = || async {
        lesson::Entity::find_by_id(first.id)
            .one(&world.app.db)
            .await
            .expect("query")
            .expect("the lesson")
            .room
    };
    for caller in CALLERS {
        let before = room_of().await;
        let room = format!("R{}", caller as u8);
        let (outcome, _) = world
            .outcome::<serde_json::Value>(
                caller,
                SaveLesson::PATH,
                &[
                    ("id", first.id.to_string()),
                    ("room", room.clone()),
                    ("cancelled", "1".to_owned()),
                ],
            )
            .await;
        let expected = writes_in_1a(caller);
        let after = room_of().await;
        let stored = if expected == Allowed { room } else { before };
        if outcome != expected || after != stored {
            wrong.push(format!(
                "move a lesson as {caller:?}: {outcome:?} (room {after}), expected {expected:?}"
            ));
        }
    }
    // A made-up lesson finds nothing.
    let (outcome, _) = world
        .outcome::<serde_json::Value>(
            Caller::ClassTeacher,
            SaveLesson::PATH,
            &[("id", "999999".to_owned()), ("room", "B1".to_owned())],
        )
        .await;
    if outcome != NOT_FOUND {
        wrong.push(format!("a made-up lesson: {outcome:?}"));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn who_can_see_a_child_is_each_persons_own_and_sessions_end_only_by_their_owner() {
    use app::functions::access::{EndOtherSessions, EndSession, LoadAccess};
    use app::models::AccessOverview;
    let world = world().await;
    let mut wrong = Vec::new();

    for caller in CALLERS {
        let (outcome, page) = world
            .outcome::<AccessOverview>(caller, LoadAccess::PATH, &[])
            .await;
        let children: Vec<String> = page
            .iter()
            .flat_map(|page| page.children.iter().map(|c| c.child.first_name.clone()))
            .collect();
        let sessions = page.map_or(0, |page| page.sessions.len());
        let expected: (Expect, &[&str]) = match caller {
            Caller::Anonymous => (SIGNED_OUT, &[]),
            Caller::Pupil => (Allowed, &["Lotte"]),
            Caller::CoAccount => (Allowed, &["Lotte", "Wout"]),
            Caller::OtherFamily => (Allowed, &["Noah"]),
            Caller::OtherSchoolPupil => (Allowed, &["Wout"]),
            _ => (Allowed, &[]),
        };
        let expected_sessions = usize::from(caller != Caller::Anonymous);
        if outcome != expected.0 || children != expected.1 || sessions != expected_sessions {
            wrong.push(format!(
                "access as {caller:?}: {outcome:?} {children:?} {sessions} sessions, expected {expected:?}"
            ));
        }
    }

    // A second session of Heidi's: only Heidi ends it; to anyone else it does not exist.
    let heidi = app::auth::subscriber(
        &world.app.db,
        world
            .app
            .person("sintclara", "lotte.peeters", "Heidi")
            .await
            .id,
    )
    .await
    .expect("query")
    .expect("Heidi");
    for caller in CALLERS {
        let token = app::auth::sessions::create(
            &world.app.db,
            &Default::default(),
            heidi.person.id,
            &Default::default(),
            Utc::now(),
        )
        .await
        .expect("a session");
        let handle = app::auth::sessions::handle_of(&token);
        let (outcome, _) = world
            .outcome::<serde_json::Value>(caller, EndSession::PATH, &[("session", handle)])
            .await;
        let expected = match caller {
            Caller::Anonymous => SIGNED_OUT,
            Caller::CoAccount => Allowed,
            _ => NOT_FOUND,
        };
        let still = app::auth::current(&world.app.db, &Default::default(), &token, Utc::now())
            .await
            .expect("query")
            .is_some();
        if outcome != expected || still != (expected != Allowed) {
            wrong.push(format!(
                "end Heidi's session as {caller:?}: {outcome:?}, still signed in: {still}, expected {expected:?}"
            ));
        }

        let token = app::auth::sessions::create(
            &world.app.db,
            &Default::default(),
            heidi.person.id,
            &Default::default(),
            Utc::now(),
        )
        .await
        .expect("a session");
        let (outcome, _) = world
            .outcome::<serde_json::Value>(caller, EndOtherSessions::PATH, &[])
            .await;
        let expected = if caller == Caller::Anonymous {
            SIGNED_OUT
        } else {
            Allowed
        };
        let still = app::auth::current(&world.app.db, &Default::default(), &token, Utc::now())
            .await
            .expect("query")
            .is_some();
        let heidi_ended_it = caller == Caller::CoAccount;
        if outcome != expected || still == heidi_ended_it {
            wrong.push(format!(
                "end other sessions as {caller:?}: {outcome:?}, Heidi's other session kept: {still}"
            ));
        }
        // Each caller's own cookie survives their "everywhere else".
        if caller != Caller::Anonymous
            && world
                .outcome::<AccessOverview>(caller, LoadAccess::PATH, &[])
                .await
                .0
                != Allowed
        {
            wrong.push(format!("{caller:?} signed themselves out"));
        }
    }

    for caller in CALLERS {
        let status = world.get_status(caller, "/toegang").await;
        let expected = if caller == Caller::Anonymous {
            StatusCode::FOUND
        } else {
            StatusCode::OK
        };
        if status != expected {
            wrong.push(format!(
                "/toegang as {caller:?}: {status}, expected {expected}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
