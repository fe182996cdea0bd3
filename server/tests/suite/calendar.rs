//! Calendar feeds as a calendar program fetches them: a secret address per person and child (and
//! for the family), parsed back with an iCalendar parser; a renewed address leaves the old one
//! answering 404; a cancelled lesson is `CANCELLED`; a moved test keeps its `UID`; the feed
//! follows the family as it is now. On SQLite and (with TEST_DATABASE_URL) on PostgreSQL.

use crate::support::{spawn_app, TestApp};
use app::functions::calendar::{LoadCalendarFeeds, RenewCalendarFeed, StopCalendarFeed};
use app::functions::family::UnlinkChild;
use app::functions::school::LoadAgendaWeek;
use app::functions::teaching::{LoadAgendaPlan, SaveAgendaItem, SaveLesson};
use app::models::{AgendaPlan, AgendaWeek, CalendarFeeds};
use app::services::time::school_today;
use chrono::{Datelike, Duration, NaiveDate, Utc, Weekday};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime, EventLike};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

const HEIDI: (&str, &str, &str) = ("sintclara", "lotte.peeters", "Heidi-mama-2026");
const LOTTE: (&str, &str, &str) = ("sintclara", "lotte.peeters", "Lotte-leerling-2026");
const AN: (&str, &str, &str) = ("sintclara", "an.claes", "An-leerkracht-2026");

async fn feeds(app: &TestApp, cookie: &str) -> CalendarFeeds {
    app.call(Some(cookie), LoadCalendarFeeds::PATH, &[])
        .await
        .expect("the feeds")
}

/// Makes (or renews) the feed of the child named `child` (none: the family) and returns its
/// address.
async fn renew(app: &TestApp, cookie: &str, child: Option<&str>) -> String {
    let id = child.map(|name| child_id(app, cookie, name));
    let id = match id {
        Some(id) => Some(id.await),
        None => None,
    };
    let form: Vec<(&str, String)> = id.iter().map(|id| ("child", id.clone())).collect();
    app.call::<()>(Some(cookie), RenewCalendarFeed::PATH, &form)
        .await
        .expect("renewed");
    let address = address(app, cookie, child).await.expect("an address");
    // The address names the configured site; the test server listens where it was given a port.
    let path = address
        .strip_prefix(&app.config.base_url)
        .unwrap_or_else(|| panic!("{address} is on the site"));
    assert!(
        path.starts_with("/kalender/") && path.ends_with(".ics"),
        "{path}"
    );
    format!("{}{path}", app.base)
}

async fn child_id(app: &TestApp, cookie: &str, first_name: &str) -> String {
    feeds(app, cookie)
        .await
        .feeds
        .into_iter()
        .filter_map(|feed| feed.child)
        .find(|child| child.first_name == first_name)
        .unwrap_or_else(|| panic!("{first_name} is offered"))
        .id
}

async fn address(app: &TestApp, cookie: &str, child: Option<&str>) -> Option<String> {
    feeds(app, cookie)
        .await
        .feeds
        .into_iter()
        .find(|feed| feed.child.as_ref().map(|c| c.first_name.as_str()) == child)
        .and_then(|feed| feed.address)
}

/// Fetches an address as a calendar program does: no cookie.
async fn fetch(address: &str) -> (StatusCode, String) {
    let response = reqwest::get(address).await.expect("request");
    let status = response.status();
    if status == StatusCode::OK {
        assert_eq!(
            response.headers()[reqwest::header::CONTENT_TYPE],
            "text/calendar; charset=utf-8"
        );
    }
    (status, response.text().await.expect("body"))
}

async fn calendar(address: &str) -> Calendar {
    let (status, text) = fetch(address).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    text.parse().expect("the feed parses as iCalendar")
}

fn summaries(calendar: &Calendar) -> Vec<String> {
    calendar
        .events()
        .map(|event| event.get_summary().unwrap_or_default().to_owned())
        .collect()
}

fn event_with_uid<'a>(calendar: &'a Calendar, prefix: &str) -> &'a icalendar::Event {
    calendar
        .events()
        .find(|event| event.get_uid().is_some_and(|uid| uid.starts_with(prefix)))
        .unwrap_or_else(|| panic!("an event {prefix}…"))
}

fn next_school_day(after: NaiveDate) -> NaiveDate {
    let mut day = after + Duration::days(1);
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day += Duration::days(1);
    }
    day
}

#[tokio::test]
async fn a_family_feed_holds_every_child_in_utc_and_parses() {
    let app = spawn_app().await;
    let heidi = app.cookie(HEIDI).await;
    let offered = feeds(&app, &heidi).await.feeds;
    let names: Vec<Option<String>> = offered
        .iter()
        .map(|feed| feed.child.as_ref().map(|child| child.first_name.clone()))
        .collect();
    assert_eq!(
        names,
        [Some("Lotte".to_owned()), Some("Wout".to_owned()), None],
        "each child, then the family"
    );
    assert!(offered.iter().all(|feed| feed.address.is_none()));

    let family = renew(&app, &heidi, None).await;
    let calendar = calendar(&family).await;
    assert_eq!(
        calendar.property_value("X-WR-CALNAME"),
        Some("Schoolagenda van het gezin")
    );
    let summaries = summaries(&calendar);
    for child in ["Lotte: ", "Wout: "] {
        assert!(
            summaries.iter().any(|summary| summary.starts_with(child)),
            "{child} in {summaries:?}"
        );
    }
    for event in calendar.events() {
        assert!(event.get_uid().is_some() && event.get_timestamp().is_some());
        match event.get_start().expect("a start") {
            DatePerhapsTime::DateTime(time) => assert!(
                matches!(time, icalendar::CalendarDateTime::Utc(_)),
                "{time:?}"
            ),
            DatePerhapsTime::Date(_) => {}
        }
    }
    // The same lessons as the agenda shows, for this week.
    let week: AgendaWeek = app
        .call(Some(&heidi), LoadAgendaWeek::PATH, &[])
        .await
        .expect("the week");
    let lessons_this_week = week.days.iter().map(|day| day.lessons.len()).sum::<usize>();
    let monday = week.monday;
    let lotte_this_week = calendar
        .components
        .iter()
        .filter_map(|component| match component {
            CalendarComponent::Event(event) => Some(event),
            _ => None,
        })
        .filter(|event| event.get_uid().is_some_and(|uid| uid.starts_with("les-")))
        .filter(|event| {
            event
                .get_summary()
                .is_some_and(|s| s.starts_with("Lotte: "))
        })
        .filter(|event| match event.get_start() {
            Some(DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(at))) => {
                let day = at.date_naive();
                day >= monday && day < monday + Duration::days(5)
            }
            _ => false,
        })
        .count();
    assert_eq!(lotte_this_week, lessons_this_week);
}

#[tokio::test]
async fn a_renewed_address_leaves_the_old_one_answering_404() {
    let app = spawn_app().await;
    let lotte = app.cookie(LOTTE).await;
    let offered = feeds(&app, &lotte).await.feeds;
    assert_eq!(offered.len(), 1, "a pupil follows their own agenda only");

    let first = renew(&app, &lotte, Some("Lotte")).await;
    assert_eq!(fetch(&first).await.0, StatusCode::OK);
    let calendar = calendar(&first).await;
    assert_eq!(
        calendar.property_value("X-WR-CALNAME"),
        Some("Lotte – schoolagenda")
    );
    assert!(
        calendar.events().all(|event| !event
            .get_uid()
            .unwrap_or_default()
            .starts_with("oudercontact-")),
        "talks are the parents'"
    );

    let second = renew(&app, &lotte, Some("Lotte")).await;
    assert_ne!(first, second);
    assert_eq!(fetch(&first).await.0, StatusCode::NOT_FOUND);
    assert_eq!(fetch(&second).await.0, StatusCode::OK);

    let id = child_id(&app, &lotte, "Lotte").await;
    app.call::<()>(Some(&lotte), StopCalendarFeed::PATH, &[("child", id)])
        .await
        .expect("stopped");
    assert_eq!(fetch(&second).await.0, StatusCode::NOT_FOUND);
    assert_eq!(address(&app, &lotte, Some("Lotte")).await, None);

    assert_eq!(
        fetch(&format!("{}/kalender/verzonnen.ics", app.base))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_cancelled_lesson_is_cancelled_and_a_moved_test_keeps_its_uid() {
    let app = spawn_app().await;
    let lotte = app.cookie(LOTTE).await;
    let an = app.cookie(AN).await;
    let feed = renew(&app, &lotte, Some("Lotte")).await;
    let wiskunde = app.course_id("1A", "Wiskunde").await;
    let plan: AgendaPlan = app
        .call(
            Some(&an),
            LoadAgendaPlan::PATH,
            &[("course", wiskunde.to_string())],
        )
        .await
        .expect("the plan");
    let lesson = plan.lessons.first().expect("a lesson ahead").clone();
    app.call::<()>(
        Some(&an),
        SaveLesson::PATH,
        &[
            ("id", lesson.id.to_string()),
            ("room", "B14".to_owned()),
            ("cancelled", "1".to_owned()),
        ],
    )
    .await
    .expect("saved");

    let calendar = calendar(&feed).await;
    let event = event_with_uid(&calendar, &format!("les-{}-", lesson.id));
    assert_eq!(event.get_status(), Some(icalendar::EventStatus::Cancelled));
    assert_eq!(event.get_summary(), Some("Vervalt: Wiskunde"));
    assert_eq!(event.get_location(), Some("B14"));
    assert!(
        event
            .get_description()
            .unwrap_or_default()
            .contains(&format!("B14 (lokaal gewijzigd, was {})", lesson.room)),
        "{:?}",
        event.get_description()
    );
    // The agenda says so as well.
    let week: AgendaWeek = app
        .call(
            Some(&lotte),
            LoadAgendaWeek::PATH,
            &[("week", lesson.date.to_string())],
        )
        .await
        .expect("the week");
    let shown = week
        .days
        .iter()
        .flat_map(|day| &day.lessons)
        .find(|shown| shown.cancelled)
        .expect("the cancelled lesson");
    assert_eq!(
        (shown.room.as_str(), shown.planned_room.as_deref()),
        ("B14", Some(lesson.room.as_str()))
    );

    // Back to its own room and taking place: no change is named any more.
    app.call::<()>(
        Some(&an),
        SaveLesson::PATH,
        &[("id", lesson.id.to_string()), ("room", lesson.room.clone())],
    )
    .await
    .expect("saved");
    let calendar = self::calendar(&feed).await;
    let event = event_with_uid(&calendar, &format!("les-{}-", lesson.id));
    assert_eq!(event.get_status(), Some(icalendar::EventStatus::Confirmed));
    assert_eq!(event.get_summary(), Some("Wiskunde"));

    // A test planned, then moved a day: the same UID at the new date.
    let day = next_school_day(school_today(Utc::now()));
    let save = |due_on: NaiveDate, id: Option<i32>| {
        let mut form = vec![
            ("course", wiskunde.to_string()),
            ("kind", "test".to_owned()),
            ("due_on", due_on.to_string()),
            ("due_time", "10:15".to_owned()),
            ("title", "Breuken".to_owned()),
        ];
        form.extend(id.map(|id| ("id", id.to_string())));
        form
    };
    app.call::<()>(Some(&an), SaveAgendaItem::PATH, &save(day, None))
        .await
        .expect("planned");
    let calendar = self::calendar(&feed).await;
    let planned = calendar
        .events()
        .find(|event| event.get_summary().is_some_and(|s| s.contains("Breuken")))
        .expect("the test in the feed");
    let uid = planned.get_uid().expect("a uid").to_owned();
    assert!(uid.starts_with("agenda-"), "{uid}");
    assert_eq!(planned.get_summary(), Some("Toets: Breuken (Wiskunde)"));
    let item: i32 = uid
        .trim_start_matches("agenda-")
        .split('-')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("the item's id");
    let moved_to = next_school_day(day);
    app.call::<()>(Some(&an), SaveAgendaItem::PATH, &save(moved_to, Some(item)))
        .await
        .expect("moved");
    let calendar = self::calendar(&feed).await;
    let moved = event_with_uid(&calendar, &uid);
    match moved.get_start() {
        Some(DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(at))) => {
            let local = app::services::time::school_local(at);
            assert_eq!(local.date(), moved_to);
            assert_eq!(local.time().to_string(), "10:15:00");
        }
        other => panic!("a time in UTC, got {other:?}"),
    }
    assert_eq!(
        calendar
            .events()
            .filter(|event| event.get_uid() == Some(uid.as_str()))
            .count(),
        1
    );
}

#[tokio::test]
async fn a_feed_follows_the_family_as_it_is_now() {
    let app = spawn_app().await;
    let heidi = app.cookie(HEIDI).await;
    let wout_feed = renew(&app, &heidi, Some("Wout")).await;
    let family = renew(&app, &heidi, None).await;
    assert!(summaries(&calendar(&family).await)
        .iter()
        .any(|summary| summary.starts_with("Wout: ")));
    assert_eq!(fetch(&wout_feed).await.0, StatusCode::OK);

    let wout = child_id(&app, &heidi, "Wout").await;
    app.call::<()>(Some(&heidi), UnlinkChild::PATH, &[("child", wout)])
        .await
        .expect("unlinked");
    assert_eq!(fetch(&wout_feed).await.0, StatusCode::NOT_FOUND);
    // With one child left, "the family" is Lotte alone.
    assert!(summaries(&calendar(&family).await)
        .iter()
        .all(|summary| !summary.starts_with("Wout: ")));
}

#[tokio::test]
async fn a_booked_talk_is_in_the_parents_feed_under_the_invitations_uid_and_not_in_the_pupils() {
    use app::functions::oudercontact::{BookTalk, LoadOudercontact};
    use app::models::Oudercontact;
    let app = spawn_app().await;
    let heidi = app.cookie(HEIDI).await;
    let lotte = app.cookie(LOTTE).await;
    let parents_feed = renew(&app, &heidi, Some("Lotte")).await;
    let pupils_feed = renew(&app, &lotte, Some("Lotte")).await;

    let Oudercontact::Parent(view) = app
        .call::<Oudercontact>(Some(&heidi), LoadOudercontact::PATH, &[])
        .await
        .expect("the parent's view")
    else {
        panic!("a parent's view");
    };
    let slot = view.moments[0]
        .teachers
        .iter()
        .find(|teacher| teacher.teacher == "An Claes")
        .and_then(|teacher| teacher.free.first())
        .expect("a free slot with An Claes")
        .id
        .clone();
    app.call::<()>(
        Some(&heidi),
        BookTalk::PATH,
        &[
            ("child", view.child.id.clone()),
            ("slot", slot),
            ("topic", "Rekenen".to_owned()),
        ],
    )
    .await
    .expect("booked");

    let calendar = calendar(&parents_feed).await;
    let talk = event_with_uid(&calendar, "oudercontact-");
    assert_eq!(talk.get_summary(), Some("Oudercontact An Claes (Lotte)"));
    assert_eq!(talk.get_description(), Some("Rekenen"));
    let invitation = app
        .outbox_to("heidi.peeters@gezin.example")
        .await
        .into_iter()
        .find_map(|mail| mail.calendar)
        .expect("the invitation mail");
    let invited: Calendar = invitation.parse().expect("the invitation parses");
    assert_eq!(
        invited.events().next().and_then(|event| event.get_uid()),
        talk.get_uid(),
        "the mail's invitation and the feed name the same talk"
    );
    assert!(
        self::calendar(&pupils_feed)
            .await
            .events()
            .all(|event| !event
                .get_uid()
                .unwrap_or_default()
                .starts_with("oudercontact-")),
        "a pupil's feed has no talks"
    );
}

#[tokio::test]
async fn each_save_returns_to_a_new_address_so_the_page_shows_what_was_saved() {
    let app = spawn_app().await;
    let an = app.cookie(AN).await;
    let wiskunde = app.course_id("1A", "Wiskunde").await;
    let plan: AgendaPlan = app
        .call(
            Some(&an),
            LoadAgendaPlan::PATH,
            &[("course", wiskunde.to_string())],
        )
        .await
        .expect("the plan");
    let lesson = plan.lessons.first().expect("a lesson ahead").clone();
    // As a browser posts the form before the wasm has loaded, and as the wasm follows the answer.
    let mut returns = Vec::new();
    for cancelled in ["", "&cancelled=1", ""] {
        let response = app
            .client
            .post(format!("{}{}", app.base, SaveLesson::PATH))
            .header(reqwest::header::COOKIE, &an)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(format!(
                "id={}&room={}{cancelled}",
                lesson.id,
                crate::support::urlencode(&lesson.room)
            ))
            .send()
            .await
            .expect("request");
        assert!(response.status().is_redirection(), "{}", response.status());
        let to = response.headers()[reqwest::header::LOCATION]
            .to_str()
            .expect("an address")
            .to_owned();
        assert!(
            to.starts_with(&format!("/agenda/plannen?vak={wiskunde}&bewaard=")),
            "{to}"
        );
        assert!(!returns.contains(&to), "{to} again");
        returns.push(to);
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}
