//! Notifications, as families live with them: each person chooses per kind of news (at once, in
//! the daily digest, or not) and the language of their mails; the digest is one mail per family
//! with every linked child across schools, sent once a day. On SQLite and (with
//! TEST_DATABASE_URL) on PostgreSQL.

use crate::support::{spawn_app, TestApp};
use app::db::entities::{course, digest_entry, digest_run, outbox};
use app::functions::notifications::{LoadNotifications, SaveNotifications};
use app::functions::teaching::{AddRemark, SaveAgendaItem};
use app::i18n::{fill, t, Key, Lang};
use app::models::{NotificationChoices, NotificationKind, NotificationMode};
use app::services::notifications::digest;
use app::services::time::{school_instant, school_today};
use chrono::{Duration, NaiveTime, Utc};
use leptos::server_fn::ServerFn;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const HEIDI_MAIL: &str = "heidi.peeters@gezin.example";
const TOM_MAIL: &str = "tom.peeters@gezin.example";

async fn course_of(app: &TestApp, teacher: &str, platform: &str) -> i32 {
    let person = app::auth::find_person(&app.db, platform, teacher, 0)
        .await
        .expect("query")
        .expect("teacher");
    course::Entity::find()
        .filter(course::Column::TeacherId.eq(person.account_id))
        .one(&app.db)
        .await
        .expect("query")
        .expect("a course")
        .id
}

async fn plan(app: &TestApp, cookie: &str, course: i32, title: &str) {
    let due = school_today(Utc::now()) + Duration::days(3);
    app.call::<serde_json::Value>(
        Some(cookie),
        SaveAgendaItem::PATH,
        &[
            ("course", course.to_string()),
            ("kind", "test".to_owned()),
            ("due_on", due.to_string()),
            ("title", title.to_owned()),
        ],
    )
    .await
    .expect("planned");
}

fn subjects(mails: &[outbox::Model]) -> Vec<String> {
    mails.iter().map(|mail| mail.subject.clone()).collect()
}

#[tokio::test]
async fn the_digest_is_one_mail_per_family_with_every_child_and_only_the_chosen_kinds() {
    let app = spawn_app().await;
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let tom = app
        .cookie_of("sintclara", "lotte.peeters", "Tom-papa-2026")
        .await;
    let an = app
        .cookie_of("sintclara", "an.claes", "An-leerkracht-2026")
        .await;
    let sofie = app
        .cookie_of("sintjozef", "sofie.mertens", "Sofie-leerkracht-2026")
        .await;

    // What a parent chooses from: the kinds of a parent, each with its default.
    let offered: NotificationChoices = app
        .call(Some(&heidi), LoadNotifications::PATH, &[])
        .await
        .expect("settings");
    assert_eq!(
        offered.kinds,
        vec![
            (NotificationKind::Results, NotificationMode::Digest),
            (NotificationKind::Agenda, NotificationMode::Digest),
            (NotificationKind::Remarks, NotificationMode::Immediately),
            (NotificationKind::Absences, NotificationMode::Immediately),
        ]
    );
    assert_eq!(offered.language, "nl");
    // Heidi reads in French and wants no remarks; Tom wants no agenda.
    app.call::<()>(
        Some(&heidi),
        SaveNotifications::PATH,
        &[
            ("language", "fr".to_owned()),
            ("modes[remarks]", "off".to_owned()),
        ],
    )
    .await
    .expect("Heidi's choice");
    let refused = app
        .call::<()>(
            Some(&heidi),
            SaveNotifications::PATH,
            &[
                ("language", "nl".to_owned()),
                ("modes[bookings]", "immediately".to_owned()),
            ],
        )
        .await
        .expect_err("a parent has no bookings to be told of");
    assert_eq!(refused, app::error::AppError::InvalidChoice);
    app.call::<()>(
        Some(&tom),
        SaveNotifications::PATH,
        &[
            ("language", "nl".to_owned()),
            ("modes[agenda]", "off".to_owned()),
        ],
    )
    .await
    .expect("Tom's choice");
    // Tom switches the interface to English: his mails follow.
    let response = app.get_as(&tom, "/taal?lang=en&terug=/start").await;
    assert!(response.status().is_success() || response.status().is_redirection());

    // News at both of Heidi's schools.
    plan(
        &app,
        &an,
        course_of(&app, "an.claes", "sintclara").await,
        "Toets breuken (1A)",
    )
    .await;
    plan(
        &app,
        &sofie,
        course_of(&app, "sofie.mertens", "sintjozef").await,
        "Toets cellen (3C)",
    )
    .await;
    let lotte = app
        .person("sintclara", "lotte.peeters", "Lotte")
        .await
        .public_id;
    app.call::<serde_json::Value>(
        Some(&an),
        AddRemark::PATH,
        &[
            ("pupil", lotte.to_string()),
            ("category", "Welbevinden".to_owned()),
            (
                "text",
                "Lotte hielp vandaag een nieuwe leerling.".to_owned(),
            ),
            ("audience", "parents".to_owned()),
        ],
    )
    .await
    .expect("a remark for the parents");

    // At once: Tom's remark mail, in English; nothing of the agenda he turned off.
    let toms = app.outbox_to(TOM_MAIL).await;
    assert_eq!(toms.len(), 1, "{:?}", subjects(&toms));
    assert_eq!(
        toms[0].subject,
        fill(
            Lang::En,
            Key::NotifySubject,
            &["Lotte", t(Lang::En, Key::NotifyRemarks)]
        )
    );
    assert!(toms[0]
        .text_body
        .starts_with(&fill(Lang::En, Key::MailGreeting, &["Tom"])));
    assert!(toms[0]
        .text_body
        .contains("Lotte hielp vandaag een nieuwe leerling."));
    assert!(
        app.outbox_to(HEIDI_MAIL).await.is_empty(),
        "Heidi's news waits for the digest"
    );

    // The digest: one mail for Heidi's family, both children, in French; the remark she turned
    // off is not in it.
    let sent = digest::send(&app.db, "https://school.example")
        .await
        .expect("digest");
    let heidis = app.outbox_to(HEIDI_MAIL).await;
    assert_eq!(heidis.len(), 1, "{:?}", subjects(&heidis));
    let mail = &heidis[0];
    assert_eq!(mail.subject, t(Lang::Fr, Key::DigestSubject));
    for expected in [
        "Lotte (Sint-Claracollege)",
        "Wout (Sint-Jozefinstituut)",
        "Toets breuken (1A)",
        "Toets cellen (3C)",
    ] {
        assert!(
            mail.text_body.contains(expected),
            "{expected} in {}",
            mail.text_body
        );
    }
    assert!(!mail.text_body.contains("nieuwe leerling"));
    assert!(mail.html_body.contains("<html lang=\"fr\">"));
    assert!(sent >= 1);
    assert_eq!(
        digest_entry::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        0
    );
    assert_eq!(
        digest::send(&app.db, "https://school.example")
            .await
            .expect("again"),
        0,
        "nothing twice"
    );
}

#[tokio::test]
async fn the_daily_digest_goes_once_a_day_from_its_hour() {
    let app = spawn_app().await;
    let an = app
        .cookie_of("sintclara", "an.claes", "An-leerkracht-2026")
        .await;
    plan(
        &app,
        &an,
        course_of(&app, "an.claes", "sintclara").await,
        "Dictee week 3",
    )
    .await;
    let today = school_today(Utc::now());
    let at = |hour: u32| {
        school_instant(today.and_time(NaiveTime::from_hms_opt(hour, 5, 0).expect("time")))
    };
    let base = "https://school.example";

    assert_eq!(
        digest::send_if_due(&app.db, base, 17, at(16))
            .await
            .expect("early"),
        0
    );
    assert!(
        app.outbox_to(HEIDI_MAIL).await.is_empty(),
        "not before its hour"
    );
    let sent = digest::send_if_due(&app.db, base, 17, at(17))
        .await
        .expect("due");
    assert!(sent >= 2, "Heidi's family and Tom: {sent}");
    assert_eq!(app.outbox_to(HEIDI_MAIL).await.len(), 1);
    assert_eq!(app.outbox_to(TOM_MAIL).await.len(), 1);
    assert_eq!(
        digest_run::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        1
    );

    // Later the same day: new news waits for tomorrow's digest.
    plan(
        &app,
        &an,
        course_of(&app, "an.claes", "sintclara").await,
        "Dictee week 4",
    )
    .await;
    assert_eq!(
        digest::send_if_due(&app.db, base, 17, at(20))
            .await
            .expect("again"),
        0
    );
    assert_eq!(app.outbox_to(HEIDI_MAIL).await.len(), 1);
    assert!(
        digest_entry::Entity::find()
            .count(&app.db)
            .await
            .expect("count")
            > 0
    );
    let tomorrow = at(17) + Duration::days(1);
    assert!(
        digest::send_if_due(&app.db, base, 17, tomorrow)
            .await
            .expect("tomorrow")
            >= 1
    );
    assert_eq!(app.outbox_to(HEIDI_MAIL).await.len(), 2);
}
