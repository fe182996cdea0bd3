//! Oudercontact over HTTP as the browser calls it, on SQLite and (with TEST_DATABASE_URL) on
//! PostgreSQL: booking, the one-talk-per-teacher-per-child rule, the booking window, cancelling,
//! the mails with their calendar invitation, teachers' hours and schedules, opening a moment, and
//! many parents racing for one slot.

use crate::support::{spawn_app, TestApp};
use app::db::entities::{account, availability, booking, class, conference, slot, sub_account};
use app::error::AppError;
use app::functions::notifications::SaveNotifications;
use app::functions::oudercontact::{
    BookSeries, BookTalk, CancelTalk, LoadOudercontact, OpenMoment, SetDayHours,
};
use app::i18n::{long_date, short_date, Lang};
use app::models::{FreshTimes, Oudercontact, ParentOudercontact, TeacherMoment};
use chrono::{Duration, Utc};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use uuid::Uuid;

const HEIDI: (&str, &str, &str) = ("sintclara", "lotte.peeters", "Heidi-mama-2026");
const TOM: (&str, &str, &str) = ("sintclara", "lotte.peeters", "Tom-papa-2026");
const LOTTE: (&str, &str, &str) = ("sintclara", "lotte.peeters", "Lotte-leerling-2026");
const INES: (&str, &str, &str) = ("sintclara", "noah.maes", "Ines-mama-2026");
const AN: (&str, &str, &str) = ("sintclara", "an.claes", "An-leerkracht-2026");
const PIETER: (&str, &str, &str) = ("sintclara", "pieter.wuyts", "Pieter-leerkracht-2026");
const BART: (&str, &str, &str) = ("sintclara", "bart.jacobs", "Bart-leerkracht-2026");
const ADMIN: (&str, &str, &str) = ("sintclara", "beheer", "Beheer-sintclara-2026");

async fn view(app: &TestApp, cookie: &str) -> Result<Oudercontact, AppError> {
    app.call(Some(cookie), LoadOudercontact::PATH, &[]).await
}

async fn parent(app: &TestApp, cookie: &str) -> ParentOudercontact {
    match view(app, cookie).await.expect("the parent's view") {
        Oudercontact::Parent(parent) => parent,
        other => panic!("a parent's view, got {other:?}"),
    }
}

async fn teacher(app: &TestApp, cookie: &str) -> Vec<TeacherMoment> {
    match view(app, cookie).await.expect("the teacher's view") {
        Oudercontact::Teacher(moments) => moments,
        other => panic!("a teacher's view, got {other:?}"),
    }
}

/// The free slots of `teacher` (display name) for the parent's selected child.
fn free_of(view: &ParentOudercontact, teacher: &str) -> Vec<String> {
    view.moments[0]
        .teachers
        .iter()
        .find(|t| t.teacher == teacher)
        .unwrap_or_else(|| panic!("{teacher} among the child's teachers"))
        .free
        .iter()
        .map(|slot| slot.id.clone())
        .collect()
}

async fn book(
    app: &TestApp,
    cookie: &str,
    child: &str,
    slot: &str,
    topic: &str,
) -> Result<(), AppError> {
    app.call(
        Some(cookie),
        BookTalk::PATH,
        &[
            ("child", child.to_owned()),
            ("slot", slot.to_owned()),
            ("topic", topic.to_owned()),
        ],
    )
    .await
}

async fn cancel(app: &TestApp, cookie: &str, id: &str) -> Result<(), AppError> {
    app.call(Some(cookie), CancelTalk::PATH, &[("id", id.to_owned())])
        .await
}

async fn bookings(app: &TestApp) -> u64 {
    booking::Entity::find().count(&app.db).await.expect("count")
}

async fn moment(app: &TestApp, title: &str) -> conference::Model {
    conference::Entity::find()
        .filter(conference::Column::Title.eq(title))
        .one(&app.db)
        .await
        .expect("query")
        .expect("the demo moment")
}

const SINT_CLARA_MOMENT: &str = "Oudercontact eerste trimester";

#[tokio::test]
async fn a_parent_books_both_parents_see_it_and_cancelling_frees_the_slot_with_mails() {
    let app = spawn_app().await;
    let heidi = app.cookie(HEIDI).await;
    let tom = app.cookie(TOM).await;
    // An has a confirmed address and wants to hear of bookings at once.
    let an_person = app.person("sintclara", "an.claes", "An").await;
    sub_account::ActiveModel {
        id: Set(an_person.id),
        email: Set(Some("an.claes@school.example".to_owned())),
        email_confirmed_at: Set(Some(chrono::Utc::now())),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .expect("An's address");
    let an = app.cookie(AN).await;
    app.call::<()>(
        Some(&an),
        SaveNotifications::PATH,
        &[
            ("language", "nl".to_owned()),
            ("modes[bookings]", "immediately".to_owned()),
        ],
    )
    .await
    .expect("An's choice");

    let before = parent(&app, &heidi).await;
    assert_eq!(before.child.first_name, "Lotte");
    assert_eq!(before.moments.len(), 1, "Lotte's school's moment only");
    let names: Vec<&str> = before.moments[0]
        .teachers
        .iter()
        .map(|t| t.teacher.as_str())
        .collect();
    // Lotte's class teacher first, then her other teacher; Bart Jacobs teaches only 2B.
    assert_eq!(names, ["An Claes", "Pieter Wuyts"]);
    assert!(before.moments[0].teachers[0].class_teacher);
    assert!(
        before.bookings.is_empty(),
        "Noah's booking is not this family's"
    );
    let slot = free_of(&before, "An Claes")[1].clone();

    book(
        &app,
        &heidi,
        &before.child.id,
        &slot,
        "Huiswerk, planning; en meer",
    )
    .await
    .expect("booked");

    for who in [&heidi, &tom] {
        let after = parent(&app, who).await;
        assert_eq!(
            after.bookings.len(),
            1,
            "both co-accounts see the child's talk"
        );
        let talk = &after.bookings[0];
        assert_eq!(talk.teacher, "An Claes");
        assert_eq!(talk.child, "Lotte");
        assert_eq!(talk.booked_by, "Heidi Peeters");
        assert_eq!(talk.topic.as_deref(), Some("Huiswerk, planning; en meer"));
        assert!(talk.can_cancel);
        let an = &after.moments[0].teachers[0];
        assert_eq!(an.booking.as_ref().map(|b| &b.id), Some(&talk.id));
        assert!(
            !free_of(&after, "An Claes").contains(&slot),
            "no longer free"
        );
    }

    let mails = app.outbox_to("heidi.peeters@gezin.example").await;
    assert_eq!(mails.len(), 1, "one confirmation, to the parent who booked");
    assert!(mails[0]
        .subject
        .contains("Oudercontact geboekt: An Claes (Lotte)"));
    assert!(mails[0].text_body.contains("Huiswerk, planning; en meer"));
    assert!(mails[0].text_body.contains("/oudercontact"));
    let invite = mails[0].calendar.as_deref().expect("a calendar invitation");
    assert!(invite.contains("METHOD:PUBLISH") && invite.contains("STATUS:CONFIRMED"));
    assert!(invite.contains("DESCRIPTION:Huiswerk\\, planning\\; en meer"));
    let starts = slot::Entity::find()
        .filter(slot::Column::PublicId.eq(Uuid::parse_str(&slot).expect("uuid")))
        .one(&app.db)
        .await
        .expect("query")
        .expect("slot")
        .starts_at;
    let utc = app::services::time::school_instant(starts);
    assert!(invite.contains(&format!("DTSTART:{}", utc.format("%Y%m%dT%H%M%SZ"))));
    assert!(app.outbox_to("tom.peeters@gezin.example").await.is_empty());
    let ans = app.outbox_to("an.claes@school.example").await;
    assert_eq!(ans.len(), 1, "An hears of the talk at once");
    assert!(
        ans[0].text_body.contains("Lotte Peeters"),
        "{}",
        ans[0].text_body
    );

    // Tom cancels what Heidi booked: both are told, the slot is free again.
    let id = parent(&app, &tom).await.bookings[0].id.clone();
    cancel(&app, &tom, &id).await.expect("cancelled");
    assert_eq!(
        bookings(&app).await,
        1,
        "only the demo's booking of Noah is left"
    );
    assert!(free_of(&parent(&app, &heidi).await, "An Claes").contains(&slot));
    for address in ["heidi.peeters@gezin.example", "tom.peeters@gezin.example"] {
        let last = app.outbox_to(address).await.pop().expect("a cancellation");
        assert!(
            last.subject.contains("geannuleerd"),
            "{address}: {}",
            last.subject
        );
        let invite = last.calendar.expect("a calendar cancellation");
        assert!(invite.contains("METHOD:CANCEL") && invite.contains("STATUS:CANCELLED"));
    }
    assert_eq!(cancel(&app, &tom, &id).await, Err(AppError::NotFound));
    let ans = app.outbox_to("an.claes@school.example").await;
    assert_eq!(ans.len(), 2, "and of its cancellation");
    assert!(
        ans[1]
            .text_body
            .contains("Gesprek geannuleerd voor Lotte Peeters"),
        "{}",
        ans[1].text_body
    );
}

#[tokio::test]
async fn one_talk_per_teacher_per_child_whoever_books_and_a_taken_slot_says_so() {
    let app = spawn_app().await;
    let heidi = app.cookie(HEIDI).await;
    let tom = app.cookie(TOM).await;
    let ines = app.cookie(INES).await;
    let view = parent(&app, &heidi).await;
    let lotte = view.child.id.clone();
    let an = free_of(&view, "An Claes");

    book(&app, &heidi, &lotte, &an[0], "")
        .await
        .expect("first talk with An");
    // Tom, Lotte's other parent, cannot book a second talk with An for Lotte.
    assert_eq!(
        book(&app, &tom, &lotte, &an[1], "").await,
        Err(AppError::AlreadyBooked)
    );
    // Another teacher for the same child is fine.
    let pieter = free_of(&view, "Pieter Wuyts");
    book(&app, &tom, &lotte, &pieter[0], "")
        .await
        .expect("Pieter");
    assert_eq!(parent(&app, &heidi).await.bookings.len(), 2);
    // Ines (Noah, 2B: Pieter teaches Wiskunde there) finds that slot gone, and hears Pieter's
    // free times as her page would show them now, so that she chooses again without a reload.
    let noahs = parent(&app, &ines).await;
    let noah = noahs.child.id.clone();
    let fresh = match book(&app, &ines, &noah, &pieter[0], "").await {
        Err(AppError::SlotTaken(fresh)) => fresh,
        other => panic!("the slot is taken: {other:?}"),
    };
    assert_eq!(fresh.taken, pieter[0]);
    let now_free: Vec<String> = fresh.free.iter().map(|slot| slot.id.clone()).collect();
    assert_eq!(now_free, free_of(&noahs, "Pieter Wuyts"));
    assert_eq!(now_free, pieter[1..], "Pieter's times but the one Tom took");
    // A browser's plain form post is sent back to the page, which lists the times itself: the
    // address it is sent to carries the refusal, not the list.
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(format!("{}{}", app.base, BookTalk::PATH))
        .header(reqwest::header::COOKIE, &ines)
        .header(reqwest::header::ACCEPT, "text/html")
        .header(
            reqwest::header::REFERER,
            format!("{}/oudercontact", app.base),
        )
        .form(&[("child", noah.as_str()), ("slot", pieter[0].as_str())])
        .send()
        .await
        .expect("post");
    assert!(response.status().is_redirection(), "{}", response.status());
    let location = response.headers()[reqwest::header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.contains("__err="), "{location}");
    assert!(
        pieter.iter().all(|slot| !location.contains(slot.as_str())),
        "neither the slot tried nor Pieter's free times: {location}"
    );
    // Noah already has his talk with An (the demo's): a second one is refused as such.
    assert_eq!(
        book(&app, &ines, &noah, &an[3], "").await,
        Err(AppError::AlreadyBooked)
    );
    assert_eq!(bookings(&app).await, 3, "the demo's, Heidi's and Tom's");

    // Nobody books for another family's child, nor with a made-up slot.
    assert_eq!(
        book(&app, &ines, &lotte, &an[5], "").await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        book(&app, &heidi, &lotte, &Uuid::new_v4().to_string(), "").await,
        Err(AppError::NotFound)
    );
    let heidis = parent(&app, &heidi).await.bookings[0].id.clone();
    assert_eq!(cancel(&app, &ines, &heidis).await, Err(AppError::NotFound));
    // A topic longer than allowed is refused and stores nothing.
    assert_eq!(
        book(&app, &ines, &noah, &pieter[6], &"x".repeat(501)).await,
        Err(AppError::MessageTooLong)
    );
    assert_eq!(bookings(&app).await, 3);
}

#[tokio::test]
async fn outside_the_window_nothing_changes() {
    let app = spawn_app().await;
    let heidi = app.cookie(HEIDI).await;
    let view = parent(&app, &heidi).await;
    let lotte = view.child.id.clone();
    let an = free_of(&view, "An Claes");
    book(&app, &heidi, &lotte, &an[0], "")
        .await
        .expect("booked while open");
    let id = parent(&app, &heidi).await.bookings[0].id.clone();

    let demo = moment(&app, SINT_CLARA_MOMENT).await;
    let mut not_yet = demo.clone().into_active_model();
    not_yet.opens_at = Set(Utc::now() + Duration::days(1));
    not_yet.update(&app.db).await.expect("window moved");
    assert_eq!(
        book(&app, &heidi, &lotte, &an[1], "").await,
        Err(AppError::BookingClosed)
    );
    assert_eq!(
        cancel(&app, &heidi, &id).await,
        Err(AppError::BookingClosed)
    );
    let view = parent(&app, &heidi).await;
    assert_eq!(
        view.moments[0].moment.window,
        app::models::BookingWindow::NotYetOpen
    );

    let mut closed = demo.into_active_model();
    closed.opens_at = Set(Utc::now() - Duration::days(3));
    closed.closes_at = Set(Utc::now() - Duration::minutes(1));
    closed.update(&app.db).await.expect("window closed");
    assert_eq!(
        book(&app, &heidi, &lotte, &an[1], "").await,
        Err(AppError::BookingClosed)
    );
    assert_eq!(
        cancel(&app, &heidi, &id).await,
        Err(AppError::BookingClosed)
    );
    let view = parent(&app, &heidi).await;
    assert_eq!(
        view.moments[0].moment.window,
        app::models::BookingWindow::Closed
    );
    assert_eq!(view.bookings.len(), 1, "the talk stays");
    assert!(!view.bookings[0].can_cancel);
    assert!(view.moments[0].suggestion.is_empty());
    assert_eq!(bookings(&app).await, 2);
    assert_eq!(
        app.outbox_to("heidi.peeters@gezin.example").await.len(),
        1,
        "only the first booking's confirmation"
    );
}

/// A pupil of 1A with one co-account signed in (a session created directly): a parent who
/// wants An Claes's time, like every other parent of the class.
async fn extra_parent(app: &TestApp, n: usize) -> (String, String) {
    let lotte = account::Entity::find()
        .filter(account::Column::Username.eq("lotte.peeters"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("lotte");
    let pupil = account::ActiveModel {
        platform_id: Set(lotte.platform_id),
        username: Set(format!("race.{n}")),
        kind: Set(lotte.kind),
        class_id: Set(lotte.class_id),
        password_salt: Set(lotte.password_salt.clone()),
        created_at: Set(Utc::now()),
        failed_logins: Set(0),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("a pupil");
    let mut child = None;
    let mut parent = None;
    for idx in [0i16, 1] {
        let person = sub_account::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            account_id: Set(pupil.id),
            idx: Set(idx),
            first_name: Set(format!("Kind{n}")),
            last_name: Set("Race".to_owned()),
            relation: Set((idx == 1).then(|| "moeder".to_owned())),
            created_at: Set(Utc::now()),
            must_change_password: Set(false),
            notify_messages: Set(false),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("a person");
        if idx == 0 {
            child = Some(person.public_id.to_string());
        } else {
            parent = Some(person.id);
        }
    }
    let token = app::auth::sessions::create(
        &app.db,
        &Default::default(),
        parent.expect("parent"),
        &Default::default(),
        Utc::now(),
    )
    .await
    .expect("a session");
    (format!("sid={token}"), child.expect("child"))
}

#[tokio::test]
async fn many_parents_racing_for_one_slot_exactly_one_wins() {
    let app = spawn_app().await;
    let heidi = app.cookie(HEIDI).await;
    let slot = free_of(&parent(&app, &heidi).await, "An Claes")[3].clone();
    let mut parents = Vec::new();
    for n in 0..24 {
        parents.push(extra_parent(&app, n).await);
    }
    let base = app.base.clone();
    let tasks: Vec<_> = parents
        .into_iter()
        .map(|(cookie, child)| {
            let slot = slot.clone();
            let base = base.clone();
            tokio::spawn(async move {
                let body = format!(
                    "child={}&slot={}&topic=",
                    crate::support::urlencode(&child),
                    crate::support::urlencode(&slot)
                );
                reqwest::Client::new()
                    .post(format!("{base}{}", BookTalk::PATH))
                    .header(reqwest::header::COOKIE, cookie)
                    .header(
                        reqwest::header::CONTENT_TYPE,
                        "application/x-www-form-urlencoded",
                    )
                    .body(body)
                    .send()
                    .await
                    .expect("an answer")
            })
        })
        .collect();
    let mut won = 0;
    let mut taken = 0;
    for task in tasks {
        let response = task.await.expect("task");
        let status = response.status();
        let text = response.text().await.expect("body");
        match status {
            StatusCode::OK => won += 1,
            StatusCode::CONFLICT => {
                let error: AppError = serde_json::from_str(&text).expect("an error");
                let AppError::SlotTaken(fresh) = error else {
                    panic!("the slot is taken: {error:?}");
                };
                assert_eq!(fresh.taken, slot);
                assert!(!fresh.free.is_empty());
                assert!(fresh.free.iter().all(|free| free.id != slot));
                taken += 1;
            }
            other => panic!("no server errors: {other} {text}"),
        }
    }
    assert_eq!((won, taken), (1, 23));
    let slot_id = slot::Entity::find()
        .filter(slot::Column::PublicId.eq(Uuid::parse_str(&slot).expect("uuid")))
        .one(&app.db)
        .await
        .expect("query")
        .expect("slot")
        .id;
    assert_eq!(
        booking::Entity::find()
            .filter(booking::Column::SlotId.eq(slot_id))
            .count(&app.db)
            .await
            .expect("count"),
        1
    );
}

#[tokio::test]
async fn both_parents_of_one_child_at_once_get_one_talk_with_a_teacher() {
    let app = spawn_app().await;
    let heidi = app.cookie(HEIDI).await;
    let tom = app.cookie(TOM).await;
    let view = parent(&app, &heidi).await;
    let an = free_of(&view, "An Claes");
    let lotte = view.child.id.clone();
    let (a, b) = tokio::join!(
        book(&app, &heidi, &lotte, &an[0], ""),
        book(&app, &tom, &lotte, &an[1], "")
    );
    let outcomes = [a, b];
    assert_eq!(
        outcomes.iter().filter(|o| o.is_ok()).count(),
        1,
        "{outcomes:?}"
    );
    assert!(
        outcomes.contains(&Err(AppError::AlreadyBooked)),
        "{outcomes:?}"
    );
    assert_eq!(parent(&app, &tom).await.bookings.len(), 1);
}

#[tokio::test]
async fn a_suggested_series_is_booked_whole_or_not_at_all() {
    let app = spawn_app().await;
    let heidi = app.cookie(HEIDI).await;
    let ines = app.cookie(INES).await;
    let view = parent(&app, &heidi).await;
    let series = view.moments[0].suggestion.clone();
    assert_eq!(series.len(), 2, "An and Pieter for Lotte: {series:?}");
    assert!(series[0].ends_at <= series[1].starts_at);
    assert!(series[1].starts_at - series[0].ends_at <= Duration::minutes(10));
    let pairs = series
        .iter()
        .map(|talk| format!("{}:{}", talk.slot, talk.child_id))
        .collect::<Vec<_>>()
        .join(" ");

    // Ines takes Pieter's slot of the series first (Pieter teaches Noah too): nothing of the
    // series is booked.
    let noah = parent(&app, &ines).await.child.id;
    let pieters = series
        .iter()
        .find(|talk| talk.teacher == "Pieter Wuyts")
        .expect("Pieter in the series")
        .slot
        .clone();
    book(&app, &ines, &noah, &pieters, "").await.expect("Ines");
    let outcome: Result<(), AppError> = app
        .call(Some(&heidi), BookSeries::PATH, &[("series", pairs.clone())])
        .await;
    // No one slot was tried, so no teacher's times come with the refusal.
    assert_eq!(outcome, Err(AppError::SlotTaken(FreshTimes::default())));
    assert!(parent(&app, &heidi).await.bookings.is_empty());

    // A fresh suggestion goes around Ines's talk and books whole.
    let fresh = parent(&app, &heidi).await.moments[0].suggestion.clone();
    assert_eq!(fresh.len(), 2);
    assert!(fresh.iter().all(|talk| talk.slot != pieters));
    let pairs = fresh
        .iter()
        .map(|talk| format!("{}:{}", talk.slot, talk.child_id))
        .collect::<Vec<_>>()
        .join(" ");
    let booked: Result<(), AppError> = app
        .call(Some(&heidi), BookSeries::PATH, &[("series", pairs)])
        .await;
    booked.expect("the series");
    let view = parent(&app, &heidi).await;
    assert_eq!(view.bookings.len(), 2);
    assert!(
        view.moments[0].suggestion.is_empty(),
        "nothing left to suggest"
    );
}

/// The rule a family books by, for each child alone: a child's own teachers, in a moment that
/// invites the child's class at the child's school. A sibling's teacher or moment is no way in,
/// neither alone nor hidden in a series next to a talk that is allowed.
#[tokio::test]
async fn a_family_books_each_child_only_with_that_childs_teachers_in_that_childs_moments() {
    let app = spawn_app().await;
    let heidi = app.cookie(HEIDI).await;
    let lottes = parent(&app, &heidi).await;
    let lotte = lottes.child.id.clone();
    let an = free_of(&lottes, "An Claes");
    // Bart gives hours in Lotte's moment, for Noah's class (2B), not for Lotte's.
    let bart = free_of(&parent(&app, &app.cookie(INES).await).await, "Bart Jacobs");
    assert!(
        lottes.moments[0]
            .teachers
            .iter()
            .all(|teacher| teacher.teacher != "Bart Jacobs"),
        "Bart is none of Lotte's teachers"
    );
    // Wout, Lotte's brother at Sint-Jozef, and his school's moment with Sofie.
    let wouts = parent(
        &app,
        &app.cookie(("sintjozef", "wout.peeters", "Heidi-mama-2026"))
            .await,
    )
    .await;
    let wout = wouts.child.id.clone();
    let sofie = free_of(&wouts, "Sofie Mertens");
    assert_ne!(wout, lotte);

    for (child, slot, what) in [
        (&lotte, &bart[0], "Bart's slot for Lotte"),
        (&lotte, &sofie[0], "Wout's moment for Lotte"),
        (&wout, &an[0], "Lotte's teacher for Wout"),
    ] {
        assert_eq!(
            book(&app, &heidi, child, slot, "").await,
            Err(AppError::Forbidden),
            "{what}"
        );
    }
    let series = |pairs: &[(&String, &String)]| {
        pairs
            .iter()
            .map(|(slot, child)| format!("{slot}:{child}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for pairs in [
        [(&an[0], &lotte), (&bart[0], &lotte)],
        // The same slot for both children: allowed for one of them only.
        [(&an[0], &lotte), (&an[0], &wout)],
    ] {
        let outcome: Result<(), AppError> = app
            .call(
                Some(&heidi),
                BookSeries::PATH,
                &[("series", series(&pairs))],
            )
            .await;
        assert_eq!(outcome, Err(AppError::Forbidden), "{pairs:?}");
    }
    assert_eq!(bookings(&app).await, 1, "the demo's talk alone");

    // The talks that are allowed are booked, each with its own child.
    let outcome: Result<(), AppError> = app
        .call(
            Some(&heidi),
            BookSeries::PATH,
            &[("series", series(&[(&an[0], &lotte), (&sofie[0], &wout)]))],
        )
        .await;
    outcome.expect("An for Lotte and Sofie for Wout");
    assert_eq!(bookings(&app).await, 3);
}

async fn set_hours(
    app: &TestApp,
    cookie: &str,
    moment: &str,
    day: &str,
    hours: [&str; 4],
) -> Result<(), AppError> {
    app.call(
        Some(cookie),
        SetDayHours::PATH,
        &[
            ("moment", moment.to_owned()),
            ("day", day.to_owned()),
            ("starts", hours[0].to_owned()),
            ("ends", hours[1].to_owned()),
            ("break_starts", hours[2].to_owned()),
            ("break_ends", hours[3].to_owned()),
        ],
    )
    .await
}

#[tokio::test]
async fn teachers_give_their_hours_keep_booked_talks_and_see_their_schedule() {
    let app = spawn_app().await;
    let an = app.cookie(AN).await;
    let moments = teacher(&app, &an).await;
    assert_eq!(moments.len(), 1);
    let first = &moments[0].days[0];
    // The demo: Noah's talk with An at her first slot, booked by Ines, with a topic.
    let noah = &first.lines[0];
    assert_eq!(noah.child.as_deref(), Some("Noah Maes (2B)"));
    assert_eq!(noah.parent.as_deref(), Some("Ines Maes (moeder)"));
    assert_eq!(noah.topic.as_deref(), Some("Wiskundetaak en planning"));
    assert!(first.lines[1].child.is_none(), "the next slot is free");
    let id = moments[0].moment.id.clone();
    let day = first.day.to_string();
    let booked_at = noah.starts_at;

    // Shorter hours with a break: 16:30–17:30, break 17:00–17:10, 10-minute slots.
    set_hours(&app, &an, &id, &day, ["16:30", "17:30", "17:00", "17:10"])
        .await
        .expect("hours saved");
    let day_after = teacher(&app, &an).await[0].days[0].clone();
    let starts: Vec<String> = day_after
        .lines
        .iter()
        .map(|line| line.starts_at.format("%H:%M").to_string())
        .collect();
    // Noah's booked talk (16:00) stays; the rest follows the new hours around the break.
    assert_eq!(
        starts,
        ["16:00", "16:30", "16:40", "16:50", "17:10", "17:20"],
        "{booked_at}"
    );
    assert_eq!(
        day_after.hours.as_ref().map(|h| h.starts.as_str()),
        Some("16:30")
    );
    assert_eq!(
        day_after
            .hours
            .as_ref()
            .and_then(|h| h.break_starts.as_deref()),
        Some("17:00")
    );

    // Hours that do not add up change nothing.
    for bad in [
        ["18:00", "17:00", "", ""],
        ["12:00", "17:00", "", ""],
        ["16:30", "17:30", "17:20", "17:40"],
        ["16:30", "", "", ""],
        ["16:30", "17:30", "17:00", ""],
    ] {
        assert_eq!(
            set_hours(&app, &an, &id, &day, bad).await,
            Err(AppError::InvalidSchedule),
            "{bad:?}"
        );
    }
    assert_eq!(teacher(&app, &an).await[0].days[0], day_after);
    // Not available that day: only the booked talk remains.
    set_hours(&app, &an, &id, &day, ["", "", "", ""])
        .await
        .expect("cleared");
    let cleared = teacher(&app, &an).await[0].days[0].clone();
    assert_eq!(cleared.lines.len(), 1);
    assert!(cleared.hours.is_none());

    // The printable schedule of that day.
    let page = app
        .get_as(&an, &format!("/oudercontact/planning/{id}?dag={day}"))
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(html.contains("Noah Maes (2B)") && html.contains("Wiskundetaak en planning"));

    // Another school's teacher finds no such moment; parents and admins set no hours.
    let sofie = app
        .cookie(("sintjozef", "sofie.mertens", "Sofie-leerkracht-2026"))
        .await;
    assert_eq!(
        set_hours(&app, &sofie, &id, &day, ["16:00", "17:00", "", ""]).await,
        Err(AppError::NotFound)
    );
    for who in [HEIDI, ADMIN, LOTTE] {
        let cookie = app.cookie(who).await;
        assert_eq!(
            set_hours(&app, &cookie, &id, &day, ["16:00", "17:00", "", ""]).await,
            Err(AppError::Forbidden),
            "{who:?}"
        );
    }
}

fn moment_form(title: &str, classes: &[i32]) -> Vec<(String, String)> {
    let mut form: Vec<(String, String)> = [
        ("title", title),
        ("first_day", "2027-01-12"),
        ("last_day", "2027-01-13"),
        ("day_starts", "16:00"),
        ("day_ends", "20:00"),
        ("slot_minutes", "15"),
        ("gap_minutes", "5"),
        ("opens_at", "2026-12-01T08:00"),
        ("closes_at", "2027-01-10T12:00"),
        ("place", "online"),
    ]
    .into_iter()
    .map(|(k, v)| (format!("moment[{k}]"), v.to_owned()))
    .collect();
    for class in classes {
        form.push((format!("moment[classes][{class}]"), "on".to_owned()));
    }
    form
}

async fn open(app: &TestApp, cookie: &str, form: &[(String, String)]) -> Result<(), AppError> {
    let form: Vec<(&str, String)> = form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    app.call(Some(cookie), OpenMoment::PATH, &form).await
}

#[tokio::test]
async fn the_admin_opens_a_moment_for_chosen_classes_and_teachers_then_give_hours() {
    let app = spawn_app().await;
    let admin = app.cookie(ADMIN).await;
    let classes = class::Entity::find()
        .order_by_asc(class::Column::Id)
        .all(&app.db)
        .await
        .expect("classes");
    let id_of = |name: &str| classes.iter().find(|c| c.name == name).expect("class").id;
    let (one_a, three_c) = (id_of("1A"), id_of("3C"));

    open(&app, &admin, &moment_form("Oudercontact januari", &[one_a]))
        .await
        .expect("opened");
    let Oudercontact::Admin {
        moments,
        classes: offered,
    } = view(&app, &admin).await.expect("view")
    else {
        panic!("the admin's view");
    };
    assert_eq!(offered.len(), 2, "the school's own classes");
    let january = moments
        .iter()
        .find(|m| m.moment.title == "Oudercontact januari")
        .expect("listed");
    assert_eq!(january.moment.classes, ["1A"]);
    assert!(january.moment.online);
    assert_eq!(january.moment.slot_minutes, 15);
    assert_eq!(january.moment.opens_at.to_string(), "2026-12-01 08:00:00");
    assert_eq!((january.slots, january.booked), (0, 0));

    // Bad input is refused with a reason and stores nothing.
    let before = conference::Entity::find()
        .count(&app.db)
        .await
        .expect("count");
    for (field, value) in [
        ("title", " "),
        ("last_day", "2027-01-01"),
        ("day_ends", "15:00"),
        ("slot_minutes", "0"),
        ("closes_at", "2026-11-01T08:00"),
        ("first_day", "gisteren"),
    ] {
        let mut form = moment_form("Fout", &[one_a]);
        for (k, v) in form.iter_mut() {
            if *k == format!("moment[{field}]") {
                *v = value.to_owned();
            }
        }
        assert_eq!(
            open(&app, &admin, &form).await,
            Err(AppError::InvalidSchedule),
            "{field}={value}"
        );
    }
    assert_eq!(
        open(&app, &admin, &moment_form("Geen klas", &[])).await,
        Err(AppError::InvalidSchedule)
    );
    // Another school's class, or anyone but an admin: refused.
    assert_eq!(
        open(&app, &admin, &moment_form("Andere school", &[three_c])).await,
        Err(AppError::Forbidden)
    );
    for who in [AN, HEIDI, LOTTE] {
        let cookie = app.cookie(who).await;
        assert_eq!(
            open(&app, &cookie, &moment_form("Niet van mij", &[one_a])).await,
            Err(AppError::Forbidden),
            "{who:?}"
        );
    }
    assert_eq!(
        conference::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        before
    );

    // Pieter gives hours in the new moment; Heidi sees him for Lotte there, not for 2B only.
    let pieter = app.cookie(PIETER).await;
    let january = teacher(&app, &pieter)
        .await
        .into_iter()
        .find(|m| m.moment.title == "Oudercontact januari")
        .expect("Pieter sees the moment");
    set_hours(
        &app,
        &pieter,
        &january.moment.id,
        "2027-01-12",
        ["16:00", "17:00", "", ""],
    )
    .await
    .expect("hours");
    let heidi = app.cookie(HEIDI).await;
    let lottes = parent(&app, &heidi).await;
    let new = lottes
        .moments
        .iter()
        .find(|m| m.moment.title == "Oudercontact januari")
        .expect("Lotte's class is invited");
    assert_eq!(new.teachers.len(), 1, "only teachers with hours");
    // 16:00–17:00 with 15-minute talks and 5 minutes between them: 16:00, 16:20, 16:40.
    assert_eq!(new.teachers[0].free.len(), 3);
    // The page offers free times under their day (the demo moment; January's window opens later).
    let page = app
        .get_as(&heidi, "/oudercontact")
        .await
        .text()
        .await
        .expect("page");
    let demo = lottes
        .moments
        .iter()
        .find(|m| m.moment.title == SINT_CLARA_MOMENT)
        .expect("the demo moment");
    let an = demo
        .teachers
        .iter()
        .find(|t| t.teacher == "An Claes")
        .expect("An");
    for slot in [an.free.first(), an.free.last()].into_iter().flatten() {
        let label = long_date(Lang::Nl, slot.starts_at.date());
        let group = page
            .split(&format!(r#"<optgroup label="{label}">"#))
            .nth(1)
            .unwrap_or_else(|| panic!("{label} heads its times"));
        // Without the hydration markers, which are no part of an option's text.
        let group = group[..group.find("</optgroup>").expect("the group ends")].replace("<!>", "");
        let time = format!(
            r#"value="{}">{}, {}–{}</option>"#,
            slot.id,
            short_date(Lang::Nl, slot.starts_at.date()),
            slot.starts_at.format("%H:%M"),
            slot.ends_at.format("%H:%M")
        );
        assert!(group.contains(&time), "{time} under {label}");
    }
    let ines = app.cookie(INES).await;
    assert!(
        parent(&app, &ines)
            .await
            .moments
            .iter()
            .all(|m| m.moment.title != "Oudercontact januari"),
        "2B is not invited"
    );

    // The admin sees each teacher of 1A with their fill: Pieter's three talks, An without hours.
    let Oudercontact::Admin { moments, .. } = view(&app, &admin).await.expect("view") else {
        panic!("the admin's view");
    };
    let january = moments
        .iter()
        .find(|m| m.moment.title == "Oudercontact januari")
        .expect("listed");
    let fills: Vec<(&str, u64, u64)> = january
        .teachers
        .iter()
        .map(|fill| (fill.teacher.as_str(), fill.slots, fill.booked))
        .collect();
    assert_eq!(fills, [("An Claes", 0, 0), ("Pieter Wuyts", 3, 0)]);
    assert_eq!((january.slots, january.booked), (3, 0));

    // Bart teaches 2B only: the January moment is not his to see or give hours in.
    let bart = app.cookie(BART).await;
    let his = teacher(&app, &bart).await;
    assert_eq!(his.len(), 1, "the demo moment for 1A and 2B only");
    assert_eq!(his[0].moment.title, SINT_CLARA_MOMENT);
    assert_eq!(
        set_hours(
            &app,
            &bart,
            &january.moment.id,
            "2027-01-12",
            ["16:00", "17:00", "", ""]
        )
        .await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        availability::Entity::find()
            .filter(
                availability::Column::ConferenceId
                    .eq(moment(&app, "Oudercontact januari").await.id)
            )
            .count(&app.db)
            .await
            .expect("count"),
        1,
        "Pieter's hours only"
    );
}

#[tokio::test]
async fn a_pupil_has_no_oudercontact_at_all() {
    let app = spawn_app().await;
    let lotte = app.cookie(LOTTE).await;
    assert_eq!(view(&app, &lotte).await, Err(AppError::Forbidden));
    let heidi = app.cookie(HEIDI).await;
    let parent_view = parent(&app, &heidi).await;
    let slot = free_of(&parent_view, "An Claes")[0].clone();
    assert_eq!(
        book(&app, &lotte, &parent_view.child.id, &slot, "").await,
        Err(AppError::Forbidden)
    );
    assert_eq!(bookings(&app).await, 1);
    let page = app.get_as(&lotte, "/oudercontact").await;
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    let html = page.text().await.expect("html");
    assert!(!html.contains("An Claes"), "no teacher or slot leaks");
    let start = app
        .get_as(&lotte, "/start")
        .await
        .text()
        .await
        .expect("html");
    assert!(!start.contains("href=\"/oudercontact\""), "no menu item");
    let heidis = app
        .get_as(&heidi, "/start")
        .await
        .text()
        .await
        .expect("html");
    assert!(heidis.contains("href=\"/oudercontact\""));
}

#[tokio::test]
async fn the_family_sees_every_childs_talks_in_one_list() {
    let app = spawn_app().await;
    let heidi = app.cookie(HEIDI).await;
    let lotte_view = parent(&app, &heidi).await;
    book(
        &app,
        &heidi,
        &lotte_view.child.id,
        &free_of(&lotte_view, "An Claes")[2],
        "",
    )
    .await
    .expect("Lotte");
    // Wout, Heidi's son at Sint-Jozef (another school, an online moment), through the family.
    let wout = app.person("sintjozef", "wout.peeters", "Wout").await;
    let wouts: Result<Oudercontact, AppError> = app
        .call(
            Some(&heidi),
            LoadOudercontact::PATH,
            &[("child", wout.public_id.to_string())],
        )
        .await;
    let Ok(Oudercontact::Parent(wouts)) = wouts else {
        panic!("Wout's view: {wouts:?}");
    };
    assert_eq!(wouts.child.first_name, "Wout");
    assert_eq!(wouts.moments.len(), 1);
    assert!(wouts.moments[0].moment.online);
    let sofie = free_of(&wouts, "Sofie Mertens")[0].clone();
    book(&app, &heidi, &wouts.child.id, &sofie, "")
        .await
        .expect("Wout");
    let all = parent(&app, &heidi).await.bookings;
    let children: Vec<&str> = all.iter().map(|b| b.child.as_str()).collect();
    assert_eq!(all.len(), 2);
    assert!(children.contains(&"Lotte") && children.contains(&"Wout"));
    assert!(all[0].starts_at <= all[1].starts_at, "in time order");
    // Someone else's child's id: refused.
    let noah = app.person("sintclara", "noah.maes", "Noah").await;
    let other: Result<Oudercontact, AppError> = app
        .call(
            Some(&heidi),
            LoadOudercontact::PATH,
            &[("child", noah.public_id.to_string())],
        )
        .await;
    assert_eq!(other, Err(AppError::Forbidden));
}
