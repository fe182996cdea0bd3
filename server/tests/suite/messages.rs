//! Berichten over HTTP as the browser calls it, on SQLite and (with TEST_DATABASE_URL) on
//! PostgreSQL: delivery to many in one transaction, one mailbox per person, whom a parent may
//! write to, replies, drafts, folders, search and paging, safe bodies, attachments, notifications.

use crate::support::{spawn_app, TestApp};
use app::db::entities::{
    account, attachment, class, course, mailbox_entry, message, outbox, sub_account,
};
use app::error::AppError;
use app::functions::messages::{EmptyTrash, LoadCompose, LoadMailbox, LoadMessage, MessageAction};
use app::functions::notifications::SaveNotifications;
use app::models::{ComposeForm, Folder, MailboxPage, MessageView};
use app::services::messages::deliver;
use chrono::Utc;
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use uuid::Uuid;

const HEIDI: (&str, &str, &str) = ("sintclara", "lotte.peeters", "Heidi-mama-2026");
const TOM: (&str, &str, &str) = ("sintclara", "lotte.peeters", "Tom-papa-2026");
const LOTTE: (&str, &str, &str) = ("sintclara", "lotte.peeters", "Lotte-leerling-2026");
const AN: (&str, &str, &str) = ("sintclara", "an.claes", "An-leerkracht-2026");

async fn key_of(app: &TestApp, platform: &str, username: &str, first_name: &str) -> String {
    app.recipient_key(platform, username, first_name).await
}

/// The compose form as the page loads it (a new message, or `reply`, `forward`, `draft`).
async fn compose(
    app: &TestApp,
    cookie: &str,
    form: &[(&str, String)],
) -> Result<ComposeForm, AppError> {
    let mut form = form.to_vec();
    if !form.iter().any(|(name, _)| *name == "all") {
        form.push(("all", "false".to_owned()));
    }
    app.call(Some(cookie), LoadCompose::PATH, &form).await
}

async fn mailbox(app: &TestApp, cookie: &str, folder: Folder) -> MailboxPage {
    mailbox_query(app, cookie, folder, None, 1).await
}

async fn mailbox_query(
    app: &TestApp,
    cookie: &str,
    folder: Folder,
    search: Option<&str>,
    page: u64,
) -> MailboxPage {
    let mut form = vec![
        ("folder", folder.slug().to_owned()),
        ("page", page.to_string()),
    ];
    if let Some(search) = search {
        form.push(("search", search.to_owned()));
    }
    app.call(Some(cookie), LoadMailbox::PATH, &form)
        .await
        .expect("own mailbox")
}

async fn subjects(app: &TestApp, cookie: &str, folder: Folder) -> Vec<String> {
    mailbox(app, cookie, folder)
        .await
        .rows
        .into_iter()
        .map(|row| row.subject)
        .collect()
}

/// The id of the message called `subject` in `folder`.
async fn entry(app: &TestApp, cookie: &str, folder: Folder, subject: &str) -> String {
    mailbox(app, cookie, folder)
        .await
        .rows
        .into_iter()
        .find(|row| row.subject == subject)
        .unwrap_or_else(|| panic!("{subject} in {folder:?}"))
        .id
}

async fn send(
    app: &TestApp,
    cookie: &str,
    to: &[String],
    subject: &str,
    body: &str,
) -> reqwest::Response {
    let mut fields = vec![
        ("onderwerp", subject.to_owned()),
        ("bericht", body.to_owned()),
        ("actie", "verzenden".to_owned()),
    ];
    fields.extend(to.iter().map(|key| ("aan", key.clone())));
    app.write_message(Some(cookie), &fields, Vec::new()).await
}

async fn open(
    app: &TestApp,
    cookie: &str,
    id: &str,
    images: bool,
) -> Result<MessageView, AppError> {
    app.call(
        Some(cookie),
        LoadMessage::PATH,
        &[("id", id.to_owned()), ("show_images", images.to_string())],
    )
    .await
}

async fn act(app: &TestApp, cookie: &str, id: &str, action: &str) -> Result<(), AppError> {
    app.call(
        Some(cookie),
        MessageAction::PATH,
        &[("id", id.to_owned()), ("action", action.to_owned())],
    )
    .await
}

async fn message_count(app: &TestApp) -> u64 {
    message::Entity::find().count(&app.db).await.expect("count")
}

async fn entry_count(app: &TestApp) -> u64 {
    mailbox_entry::Entity::find()
        .count(&app.db)
        .await
        .expect("count")
}

/// A class of `pupils` pupils with two co-accounts each at Sint-Clara, taught by An Claes.
async fn big_class(app: &TestApp, pupils: usize) -> i32 {
    let an = app::auth::find_person(&app.db, "sintclara", "an.claes", 0)
        .await
        .expect("query")
        .expect("An");
    let an_account = account::Entity::find_by_id(an.account_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("account");
    let class = class::ActiveModel {
        platform_id: Set(an_account.platform_id),
        name: Set("6Z".to_owned()),
        teacher_id: Set(Some(an_account.id)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("class");
    course::ActiveModel {
        platform_id: Set(an_account.platform_id),
        class_id: Set(class.id),
        teacher_id: Set(an_account.id),
        name: Set("Aardrijkskunde".to_owned()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("course");
    for n in 0..pupils {
        let pupil = account::ActiveModel {
            platform_id: Set(an_account.platform_id),
            username: Set(format!("leerling{n}.zes")),
            kind: Set(account::AccountKind::Pupil),
            class_id: Set(Some(class.id)),
            created_at: Set(Utc::now()),
            failed_logins: Set(0),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("pupil account");
        for (idx, first_name) in [(0i16, "Kind"), (1, "Mama"), (2, "Papa")] {
            sub_account::ActiveModel {
                public_id: Set(Uuid::new_v4()),
                account_id: Set(pupil.id),
                idx: Set(idx),
                first_name: Set(first_name.to_owned()),
                last_name: Set(format!("Zes{n}")),
                relation: Set((idx > 0).then(|| "ouder".to_owned())),
                created_at: Set(Utc::now()),
                must_change_password: Set(false),
                notify_messages: Set(false),
                ..Default::default()
            }
            .insert(&app.db)
            .await
            .expect("person");
        }
    }
    class.id
}

#[tokio::test]
async fn a_message_to_a_class_and_its_parents_makes_one_copy_per_person() {
    let app = spawn_app().await;
    let class = big_class(&app, 30).await;
    let an = app.cookie(AN).await;
    let messages_before = message_count(&app).await;

    let response = send(
        &app,
        &an,
        &[format!("klas:{class}"), format!("klasouders:{class}")],
        "Schoolreis 6Z",
        "Beste leerlingen en ouders, ...",
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);

    assert_eq!(message_count(&app).await, messages_before + 1);
    let sent = message::Entity::find()
        .filter(message::Column::Subject.eq("Schoolreis 6Z"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("message");
    let copies = mailbox_entry::Entity::find()
        .filter(mailbox_entry::Column::MessageId.eq(sent.id))
        .all(&app.db)
        .await
        .expect("query");
    let received: Vec<_> = copies.iter().filter(|copy| copy.received).collect();
    assert_eq!(received.len(), 90, "30 pupils and 60 co-accounts");
    assert!(received
        .iter()
        .all(|copy| copy.folder == "inbox" && copy.read_at.is_none()));
    let mut owners: Vec<i32> = received.iter().map(|copy| copy.owner_id).collect();
    owners.sort_unstable();
    owners.dedup();
    assert_eq!(owners.len(), 90, "one copy per person");
    assert_eq!(copies.len(), 91, "and the sender's own sent copy");
    assert_eq!(sent.to_label, "Klas 6Z, Ouders van klas 6Z");
}

#[tokio::test]
async fn delivery_is_all_or_nothing() {
    let app = spawn_app().await;
    let class = big_class(&app, 30).await;
    let an = app::auth::find_person(&app.db, "sintclara", "an.claes", 0)
        .await
        .expect("query")
        .expect("An");
    let mut persons: Vec<i32> = sub_account::Entity::find()
        .inner_join(account::Entity)
        .filter(account::Column::ClassId.eq(class))
        .all(&app.db)
        .await
        .expect("query")
        .into_iter()
        .map(|person| person.id)
        .collect();
    assert_eq!(persons.len(), 90);
    // A person that went away while the message was under way: the last copy cannot be written.
    persons.push(i32::MAX);
    let (messages, entries, mails) = (
        message_count(&app).await,
        entry_count(&app).await,
        outbox::Entity::find().count(&app.db).await.expect("count"),
    );

    let txn = app.db.begin().await.expect("begin");
    let written = message::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        platform_id: Set(1),
        sender_id: Set(an.id),
        sender_name: Set(an.display_name()),
        subject: Set("Half verstuurd?".to_owned()),
        body: Set(String::new()),
        source: Set(String::new()),
        to_label: Set("Klas 6Z".to_owned()),
        created_at: Set(Utc::now()),
        sent_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .expect("message");
    let failed = deliver(
        &txn,
        &written,
        &persons,
        Some("http://school.test"),
        Utc::now(),
    )
    .await;
    assert_eq!(failed, Err(AppError::Internal));
    txn.rollback().await.expect("rollback");

    assert_eq!(message_count(&app).await, messages);
    assert_eq!(entry_count(&app).await, entries, "not one of the 90 copies");
    assert_eq!(
        outbox::Entity::find().count(&app.db).await.expect("count"),
        mails
    );

    // Through the compose form: one recipient the teacher may not write to spoils the whole send.
    let other_school = key_of(&app, "sintjozef", "lina.vermeulen", "Joke").await;
    let response = send(
        &app,
        &app.cookie(AN).await,
        &[format!("klas:{class}"), other_school],
        "Met een vreemde ontvanger",
        "...",
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(message_count(&app).await, messages);
    assert_eq!(entry_count(&app).await, entries);
}

#[tokio::test]
async fn a_parent_writes_the_class_teacher_who_replies_and_nobody_else_sees_it() {
    let app = spawn_app().await;
    let (heidi, tom, lotte, an) = (
        app.cookie(HEIDI).await,
        app.cookie(TOM).await,
        app.cookie(LOTTE).await,
        app.cookie(AN).await,
    );
    // The compose form offers Heidi the school's addresses and Lotte's teachers, no family.
    let form = compose(&app, &heidi, &[]).await.expect("compose");
    let an_key = key_of(&app, "sintclara", "an.claes", "An").await;
    let offered: Vec<&str> = form.recipients.iter().map(|r| r.key.as_str()).collect();
    assert!(offered.contains(&"adres:secretariaat"), "{offered:?}");
    assert!(offered.contains(&"adres:directie"));
    assert!(offered.contains(&"adres:zorg"));
    assert!(offered.contains(&an_key.as_str()));
    for (username, first_name) in [
        ("lotte.peeters", "Tom"),
        ("noah.maes", "Ines"),
        ("lotte.peeters", "Lotte"),
    ] {
        let key = key_of(&app, "sintclara", username, first_name).await;
        assert!(
            !offered.contains(&key.as_str()),
            "{first_name} is not offered"
        );
    }

    let response = send(
        &app,
        &heidi,
        std::slice::from_ref(&an_key),
        "Afwezig vrijdag",
        "Lotte is vrijdag ziek.",
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(subjects(&app, &heidi, Folder::Sent)
        .await
        .contains(&"Afwezig vrijdag".to_owned()));
    let at_an = entry(&app, &an, Folder::Inbox, "Afwezig vrijdag").await;

    // An replies: the form is addressed to Heidi alone and quotes her.
    let reply = compose(&app, &an, &[("reply", at_an.clone())])
        .await
        .expect("reply form");
    let heidi_key = key_of(&app, "sintclara", "lotte.peeters", "Heidi").await;
    assert_eq!(reply.chosen, vec![heidi_key]);
    assert_eq!(reply.subject, "Re: Afwezig vrijdag");
    assert!(
        reply.body.contains("> Lotte is vrijdag ziek."),
        "{}",
        reply.body
    );
    let response = send(&app, &an, &reply.chosen, &reply.subject, "Beterschap!").await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let heidis = subjects(&app, &heidi, Folder::Inbox).await;
    assert!(
        heidis.contains(&"Re: Afwezig vrijdag".to_owned()),
        "{heidis:?}"
    );
    // Lotte (same username) and Tom (the other co-account) see none of it, in any folder.
    for other in [&lotte, &tom] {
        for folder in Folder::ALL {
            let seen = subjects(&app, other, folder).await;
            assert!(
                !seen
                    .iter()
                    .any(|subject| subject.contains("Afwezig vrijdag")),
                "{folder:?}: {seen:?}"
            );
        }
    }
    // Nor can they open Heidi's copy by its id.
    let heidis_reply = entry(&app, &heidi, Folder::Inbox, "Re: Afwezig vrijdag").await;
    for other in [&lotte, &tom, &an] {
        assert_eq!(
            open(&app, other, &heidis_reply, false).await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            act(&app, other, &heidis_reply, "verwijderen").await,
            Err(AppError::NotFound)
        );
    }
    let read = open(&app, &heidi, &heidis_reply, false)
        .await
        .expect("her own");
    assert_eq!(read.sender, "An Claes");
    assert!(read.body_html.contains("Beterschap!"));
}

#[tokio::test]
async fn a_parent_never_reaches_another_family() {
    let app = spawn_app().await;
    let heidi = app.cookie(HEIDI).await;
    let before = (message_count(&app).await, entry_count(&app).await);
    for (username, first_name) in [
        ("noah.maes", "Ines"),
        ("noah.maes", "Noah"),
        ("lotte.peeters", "Tom"),
    ] {
        let key = key_of(&app, "sintclara", username, first_name).await;
        let response = send(&app, &heidi, &[key], "Hallo", "...").await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{first_name}");
    }
    for key in ["klas:1", "klasouders:1", "ouders:x", "adres:nergens"] {
        let response = send(&app, &heidi, &[key.to_owned()], "Hallo", "...").await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{key}");
    }
    assert_eq!((message_count(&app).await, entry_count(&app).await), before);

    // Reply-all to the class teacher's message to all parents of 1A reaches the teacher only.
    let welcome = entry(&app, &heidi, Folder::Inbox, "Welkom in 1A").await;
    let form = compose(
        &app,
        &heidi,
        &[("reply", welcome), ("all", "true".to_owned())],
    )
    .await
    .expect("reply-all form");
    assert_eq!(
        form.chosen,
        vec![key_of(&app, "sintclara", "an.claes", "An").await]
    );
}

#[tokio::test]
async fn bad_input_is_explained_and_a_browser_keeps_what_was_typed() {
    let app = spawn_app().await;
    let heidi = app.cookie(HEIDI).await;
    let before = (message_count(&app).await, entry_count(&app).await);
    let an_key = key_of(&app, "sintclara", "an.claes", "An").await;

    assert_eq!(
        send(&app, &heidi, &[], "Zonder ontvanger", "...")
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        send(&app, &heidi, std::slice::from_ref(&an_key), "  ", "...")
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let too_large = app
        .write_message(
            Some(&heidi),
            &[
                ("aan", an_key.clone()),
                ("onderwerp", "Te groot".to_owned()),
                ("actie", "verzenden".to_owned()),
            ],
            vec![(
                "groot.bin",
                vec![7u8; app::models::UploadLimits::default().message + 1],
            )],
        )
        .await;
    assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!((message_count(&app).await, entry_count(&app).await), before);

    // A browser's form without a recipient comes back as a draft, with the reason.
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let form = reqwest::multipart::Form::new()
        .text("onderwerp", "Vergeten te kiezen")
        .text("bericht", "Een lange tekst die niet verloren mag gaan.")
        .text("actie", "verzenden");
    let response = browser
        .post(format!("{}/berichten/schrijven", app.base))
        .header(reqwest::header::COOKIE, &heidi)
        .header(reqwest::header::ACCEPT, "text/html")
        .multipart(form)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[reqwest::header::LOCATION]
        .to_str()
        .expect("location");
    assert!(location.contains("fout=geen-ontvanger"), "{location}");
    let draft = location
        .split("concept=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .expect("a draft id");
    let kept = compose(&app, &heidi, &[("draft", draft.to_owned())])
        .await
        .expect("the draft");
    assert_eq!(kept.subject, "Vergeten te kiezen");
    assert_eq!(kept.body, "Een lange tekst die niet verloren mag gaan.");
    assert!(subjects(&app, &heidi, Folder::Drafts)
        .await
        .contains(&"Vergeten te kiezen".to_owned()));
    assert_eq!(entry_count(&app).await, before.1 + 1, "only the draft");
}

#[tokio::test]
async fn drafts_are_saved_edited_and_sent_with_their_attachments() {
    let app = spawn_app().await;
    let (heidi, an) = (app.cookie(HEIDI).await, app.cookie(AN).await);
    let an_key = key_of(&app, "sintclara", "an.claes", "An").await;
    let saved = app
        .write_message(
            Some(&heidi),
            &[
                ("aan", an_key.clone()),
                ("onderwerp", "Attest".to_owned()),
                ("bericht", "In bijlage het attest.".to_owned()),
                ("actie", "bewaren".to_owned()),
            ],
            vec![("attest.pdf", b"%PDF-1.4 attest".to_vec())],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::CREATED);
    let draft = saved.text().await.expect("draft id");
    assert!(
        subjects(&app, &an, Folder::Inbox)
            .await
            .iter()
            .all(|s| s != "Attest"),
        "not sent yet"
    );
    let form = compose(&app, &heidi, &[("draft", draft.clone())])
        .await
        .expect("draft");
    assert_eq!(form.chosen, vec![an_key.clone()]);
    assert_eq!(form.attachments.len(), 1);

    let sent = app
        .write_message(
            Some(&heidi),
            &[
                ("aan", an_key),
                ("onderwerp", "Attest van de dokter".to_owned()),
                ("bericht", "In bijlage het attest.".to_owned()),
                ("concept", draft),
                ("actie", "verzenden".to_owned()),
            ],
            Vec::new(),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    assert!(mailbox(&app, &heidi, Folder::Drafts).await.rows.is_empty());
    assert!(subjects(&app, &heidi, Folder::Sent)
        .await
        .contains(&"Attest van de dokter".to_owned()));
    let at_an = entry(&app, &an, Folder::Inbox, "Attest van de dokter").await;
    let read = open(&app, &an, &at_an, false).await.expect("An reads it");
    assert_eq!(read.attachments.len(), 1);
    let download = format!("/berichten/bijlage/{}", read.attachments[0].id);
    let file = app.get_as(&an, &download).await;
    assert_eq!(file.status(), StatusCode::OK);
    assert!(file.headers()[reqwest::header::CONTENT_DISPOSITION]
        .to_str()
        .expect("header")
        .starts_with("attachment"));
    assert_eq!(
        file.bytes().await.expect("body").as_ref(),
        b"%PDF-1.4 attest"
    );
    // Lotte cannot fetch it, even with its id.
    let lotte = app.cookie(LOTTE).await;
    assert_eq!(
        app.get_as(&lotte, &download).await.status(),
        StatusCode::NOT_FOUND
    );

    // Forwarding takes the attachment along, as a copy of its own.
    let forward = compose(&app, &an, &[("forward", at_an.clone())])
        .await
        .expect("forward form");
    assert_eq!(forward.subject, "Fwd: Attest van de dokter");
    assert_eq!(forward.attachments.len(), 1);
    let response = app
        .write_message(
            Some(&an),
            &[
                ("aan", "adres:zorg".to_owned()),
                ("onderwerp", forward.subject.clone()),
                ("bericht", forward.body.clone()),
                ("doorsturen", at_an),
                ("actie", "verzenden".to_owned()),
            ],
            Vec::new(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(
        attachment::Entity::find()
            .filter(attachment::Column::FileName.eq("attest.pdf"))
            .count(&app.db)
            .await
            .expect("count"),
        2
    );
}

#[tokio::test]
async fn folders_marks_search_and_paging() {
    let app = spawn_app().await;
    let (heidi, an) = (app.cookie(HEIDI).await, app.cookie(AN).await);
    let heidi_key = key_of(&app, "sintclara", "lotte.peeters", "Heidi").await;
    for n in 1..=30 {
        let response = send(
            &app,
            &an,
            std::slice::from_ref(&heidi_key),
            &format!("Nieuwsbrief {n:02}"),
            "...",
        )
        .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let first = mailbox(&app, &heidi, Folder::Inbox).await;
    assert_eq!(first.rows.len(), 25);
    assert!(first.has_next);
    assert_eq!(first.rows[0].subject, "Nieuwsbrief 30", "newest first");
    let second = mailbox_query(&app, &heidi, Folder::Inbox, None, 2).await;
    assert!(!second.has_next);
    assert_eq!(
        second.rows.len(),
        30 + 1 - 25,
        "the rest and the demo's welcome"
    );

    let hits = mailbox_query(&app, &heidi, Folder::Inbox, Some("brief 1"), 1).await;
    assert_eq!(hits.rows.len(), 10, "Nieuwsbrief 10 to 19");
    let by_sender = mailbox_query(&app, &heidi, Folder::Inbox, Some("an claes"), 1).await;
    assert!(by_sender.rows.len() == 25 && by_sender.has_next);
    let literal = mailbox_query(&app, &heidi, Folder::Inbox, Some("100%"), 1).await;
    assert!(literal.rows.is_empty());

    let id = mailbox_query(&app, &heidi, Folder::Inbox, Some("Nieuwsbrief 05"), 1)
        .await
        .rows[0]
        .id
        .clone();
    let unread = |page: &MailboxPage| page.rows.iter().filter(|row| !row.read).count();
    let before = unread(&mailbox(&app, &heidi, Folder::Inbox).await);
    assert!(open(&app, &heidi, &id, false).await.expect("open").read);
    act(&app, &heidi, &id, "ongelezen").await.expect("unread");
    act(&app, &heidi, &id, "markeren").await.expect("flag");
    let row = mailbox_query(&app, &heidi, Folder::Inbox, Some("Nieuwsbrief 05"), 1)
        .await
        .rows[0]
        .clone();
    assert!(!row.read && row.flagged);
    assert_eq!(unread(&mailbox(&app, &heidi, Folder::Inbox).await), before);

    act(&app, &heidi, &id, "archiveren").await.expect("archive");
    assert!(subjects(&app, &heidi, Folder::Archive)
        .await
        .contains(&"Nieuwsbrief 05".to_owned()));
    act(&app, &heidi, &id, "verwijderen").await.expect("trash");
    assert_eq!(
        subjects(&app, &heidi, Folder::Trash).await,
        vec!["Nieuwsbrief 05"]
    );
    act(&app, &heidi, &id, "terugzetten")
        .await
        .expect("restore");
    assert!(
        subjects(&app, &heidi, Folder::Archive)
            .await
            .contains(&"Nieuwsbrief 05".to_owned()),
        "back where it was"
    );
    act(&app, &heidi, &id, "verwijderen")
        .await
        .expect("trash again");
    app.call::<()>(Some(&heidi), EmptyTrash::PATH, &[])
        .await
        .expect("empty");
    assert!(mailbox(&app, &heidi, Folder::Trash).await.rows.is_empty());
    assert_eq!(
        open(&app, &heidi, &id, false).await,
        Err(AppError::NotFound)
    );
    // An's sent copy is his own and stays.
    let ans = mailbox_query(&app, &an, Folder::Sent, Some("Nieuwsbrief 05"), 1).await;
    assert_eq!(ans.rows.len(), 1);
    assert_eq!(
        act(&app, &heidi, &id, "onzin").await,
        Err(AppError::NotFound)
    );
}

#[tokio::test]
async fn bodies_are_sanitised_and_remote_images_wait_for_consent() {
    let app = spawn_app().await;
    let (heidi, an) = (app.cookie(HEIDI).await, app.cookie(AN).await);
    let heidi_key = key_of(&app, "sintclara", "lotte.peeters", "Heidi").await;
    let body = "**Belangrijk**\n<script>alert('x')</script><img src=\"https://volger.example/p.png\" alt=\"logo\" onerror=\"alert(1)\"><a href=\"javascript:alert(1)\">klik</a>";
    send(&app, &an, &[heidi_key], "Opgemaakt", body).await;
    let id = entry(&app, &heidi, Folder::Inbox, "Opgemaakt").await;
    let read = open(&app, &heidi, &id, false).await.expect("open");
    assert!(
        read.body_html.contains("<strong>Belangrijk</strong>"),
        "{}",
        read.body_html
    );
    for gone in ["script", "onerror", "javascript", "volger.example"] {
        assert!(!read.body_html.contains(gone), "{gone}: {}", read.body_html);
    }
    assert!(read.remote_images_blocked);
    let shown = open(&app, &heidi, &id, true)
        .await
        .expect("open with images");
    assert!(shown.body_html.contains("https://volger.example/p.png"));
    assert!(!shown.body_html.contains("onerror"));

    // The page with the images asked for allows them in its content policy, and only then.
    let policy = |images: bool| {
        let app = &app;
        let heidi = heidi.clone();
        let id = id.clone();
        async move {
            let suffix = if images { "?afbeeldingen=tonen" } else { "" };
            let page = app
                .get_as(&heidi, &format!("/berichten/{id}{suffix}"))
                .await;
            assert_eq!(page.status(), StatusCode::OK);
            page.headers()[reqwest::header::CONTENT_SECURITY_POLICY]
                .to_str()
                .expect("policy")
                .to_owned()
        }
    };
    assert!(policy(true).await.contains("img-src 'self' data: https:"));
    assert!(!policy(false).await.contains("https:"));
}

#[tokio::test]
async fn notification_mail_goes_through_the_outbox_to_those_who_opted_in() {
    let app = spawn_app().await;
    let (heidi, tom, an) = (
        app.cookie(HEIDI).await,
        app.cookie(TOM).await,
        app.cookie(AN).await,
    );
    app.call::<()>(
        Some(&heidi),
        SaveNotifications::PATH,
        &[("language", "nl".to_owned()), ("messages", "1".to_owned())],
    )
    .await
    .expect("opt in");
    app.call::<()>(
        Some(&tom),
        SaveNotifications::PATH,
        &[("language", "nl".to_owned())],
    )
    .await
    .expect("opt out");
    let keys = vec![
        key_of(&app, "sintclara", "lotte.peeters", "Heidi").await,
        key_of(&app, "sintclara", "lotte.peeters", "Tom").await,
    ];
    send(
        &app,
        &an,
        &keys,
        "Oudercontact",
        "Inschrijven kan vanaf maandag.",
    )
    .await;
    let mails = outbox::Entity::find()
        .filter(outbox::Column::Subject.eq("Nieuw bericht: Oudercontact"))
        .all(&app.db)
        .await
        .expect("query");
    assert_eq!(mails.len(), 1, "Heidi only");
    assert_eq!(mails[0].to_address, "heidi.peeters@gezin.example");
    let id = entry(&app, &heidi, Folder::Inbox, "Oudercontact").await;
    assert!(mails[0].text_body.contains(&format!("/berichten/{id}")));
    assert!(
        !mails[0].text_body.contains("Inschrijven"),
        "the mail does not carry the message"
    );
}

#[tokio::test]
async fn unread_counts_and_the_newest_messages_on_mijn_kinderen() {
    let app = spawn_app().await;
    let (heidi, an) = (app.cookie(HEIDI).await, app.cookie(AN).await);
    let unread = || async {
        let me: Option<app::models::Me> = app
            .call(
                Some(&heidi),
                app::functions::account::SignedInPerson::PATH,
                &[],
            )
            .await
            .expect("me");
        me.expect("signed in").unread_messages
    };
    let before = unread().await;
    assert!(before >= 1, "the demo's welcome is unread");
    let heidi_key = key_of(&app, "sintclara", "lotte.peeters", "Heidi").await;
    send(&app, &an, &[heidi_key], "Nieuw op het platform", "...").await;
    assert_eq!(unread().await, before + 1);
    let overview: app::models::ChildOverview = app
        .call(
            Some(&heidi),
            app::functions::school::LoadChildOverview::PATH,
            &[],
        )
        .await
        .expect("overview");
    assert_eq!(overview.messages[0].subject, "Nieuw op het platform");
    assert!(!overview.messages[0].read);
}
