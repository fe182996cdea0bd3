//! Beheer over HTTP, as a school's admin uses it: a platform from nothing, the import of a pupil
//! export (preview, confirmation, the same file again, a new school year, bad files and bad rows),
//! letters with start passwords that work once, and people disabled and enabled with a reason.
//! On SQLite and (with TEST_DATABASE_URL) on PostgreSQL.

use crate::support::{spawn_app, TestApp};
use app::db::entities::account::{self, AccountKind};
use app::db::entities::{audit_entry, class, platform, session, sub_account};
use app::error::AppError;
use app::functions::beheer::{AuditLog, ConfirmImport, PreviewImport, SetPersonEnabled};
use app::models::{AuditAction, AuditPage, FileProblem, ImportPreview, RowProblem};
use app::services::beheer::{self, LEFT_SCHOOL};
use leptos::server_fn::ServerFn;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const HEADER: &str = "klas;voornaam;achternaam;geboortedatum;stamnummer;ouder1_relatie;ouder1_naam;ouder1_email;ouder2_relatie;ouder2_naam;ouder2_email";

async fn admin(app: &TestApp) -> String {
    app.cookie_of("sintclara", "beheer", "Beheer-sintclara-2026")
        .await
}

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Uploads a file as the import form does; the address the browser is sent to.
async fn upload(app: &TestApp, cookie: &str, content: Vec<u8>) -> String {
    let part = reqwest::multipart::Part::bytes(content)
        .file_name("leerlingen.csv")
        .mime_str("text/csv")
        .expect("mime");
    let response = no_redirects()
        .post(format!("{}/beheer/import", app.base))
        .header(reqwest::header::COOKIE, cookie)
        .header(reqwest::header::ACCEPT, "text/html")
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("upload");
    assert!(
        response.status().is_redirection(),
        "upload answered {}",
        response.status()
    );
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .expect("a location")
        .to_owned()
}

fn draft_of(location: &str) -> String {
    location
        .strip_prefix("/beheer/import?concept=")
        .unwrap_or_else(|| panic!("a draft, got {location}"))
        .to_owned()
}

async fn preview(app: &TestApp, cookie: &str, draft: &str) -> ImportPreview {
    app.call(
        Some(cookie),
        PreviewImport::PATH,
        &[("draft", draft.to_owned())],
    )
    .await
    .expect("preview")
}

async fn confirm(app: &TestApp, cookie: &str, preview: &ImportPreview) -> Result<(), AppError> {
    app.call::<serde_json::Value>(
        Some(cookie),
        ConfirmImport::PATH,
        &[
            ("draft", preview.draft.clone()),
            ("fingerprint", preview.fingerprint.clone()),
        ],
    )
    .await
    .map(|_| ())
}

/// Uploads, previews and confirms a file; the preview that was confirmed.
async fn import(app: &TestApp, cookie: &str, csv: &str) -> ImportPreview {
    let draft = draft_of(&upload(app, cookie, csv.as_bytes().to_vec()).await);
    let preview = preview(app, cookie, &draft).await;
    assert!(preview.can_confirm(), "{preview:?}");
    confirm(app, cookie, &preview).await.expect("confirmed");
    preview
}

async fn imported(app: &TestApp, external_id: &str) -> Option<account::Model> {
    account::Entity::find()
        .filter(account::Column::ExternalId.eq(external_id))
        .one(&app.db)
        .await
        .expect("query")
}

async fn people(app: &TestApp, account_id: i32) -> Vec<sub_account::Model> {
    let mut people = sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.eq(account_id))
        .all(&app.db)
        .await
        .expect("query");
    people.sort_by_key(|person| person.idx);
    people
}

async fn class_name(app: &TestApp, account: &account::Model) -> String {
    class::Entity::find_by_id(account.class_id.expect("a class"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("class")
        .name
}

fn csv(rows: &[&str]) -> String {
    let mut text = String::from(HEADER);
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text
}

const CHLOE: &str = "1A;Chloë;Van De Velde;14/03/2013;X100;moeder;Heidi Van Damme;heidi.vd@example.be;vader;Tom Van De Velde;";
const JAN_1: &str = "1A;Jan;Peeters;02/05/2013;X101;vader;Piet Peeters;;;;";
const JAN_2: &str = "3C;Jan;Peeters;2012-11-30;X102;moeder;An Peeters;an.p@example.be;;;";
/// The demo has a lotte.peeters already: this Lotte gets a number.
const LOTTE: &str = "3C;Lotte;Peeters;01.09.2012;X103;;;;;;";

#[tokio::test]
async fn an_import_is_previewed_written_once_and_the_same_file_changes_nothing() {
    let app = spawn_app().await;
    let cookie = admin(&app).await;
    let file = csv(&[CHLOE, JAN_1, JAN_2, LOTTE]);

    let draft = draft_of(&upload(&app, &cookie, file.clone().into_bytes()).await);
    let shown = preview(&app, &cookie, &draft).await;
    let usernames: Vec<&str> = shown
        .new_pupils
        .iter()
        .map(|pupil| pupil.username.as_str())
        .collect();
    assert_eq!(
        usernames,
        [
            "chloe.vandevelde",
            "jan.peeters",
            "jan.peeters2",
            "lotte.peeters2"
        ],
        "voornaam.achternaam, accents and spaces gone, numbered on a collision"
    );
    assert_eq!(shown.new_co_accounts, 4);
    assert_eq!(shown.new_classes, ["3C"]);
    assert!(shown.errors.is_empty() && shown.leaving.is_empty());
    assert!(
        imported(&app, "X100").await.is_none(),
        "a preview writes nothing"
    );

    confirm(&app, &cookie, &shown).await.expect("confirmed");
    let chloe = imported(&app, "X100").await.expect("Chloë imported");
    assert_eq!(chloe.username, "chloe.vandevelde");
    assert_eq!(chloe.kind, AccountKind::Pupil);
    assert_eq!(class_name(&app, &chloe).await, "1A");
    let family = people(&app, chloe.id).await;
    assert_eq!(family.len(), 3, "Chloë and two parents");
    assert_eq!(family[0].first_name, "Chloë");
    assert_eq!(family[1].relation.as_deref(), Some("moeder"));
    assert_eq!(
        (family[1].first_name.as_str(), family[1].last_name.as_str()),
        ("Heidi", "Van Damme")
    );
    assert_eq!(family[1].email.as_deref(), Some("heidi.vd@example.be"));
    assert!(
        family[1].email_confirmed_at.is_none(),
        "an imported address is not confirmed"
    );
    assert!(
        family.iter().all(|person| person.password_hash.is_none()),
        "no password until a letter or an activation"
    );
    let lotte = imported(&app, "X103").await.expect("Lotte imported");
    assert_eq!(people(&app, lotte.id).await.len(), 1, "no parent rows");
    assert_eq!(class_name(&app, &lotte).await, "3C", "the new class");

    // The draft is used up: confirming it twice does nothing more.
    assert_eq!(
        confirm(&app, &cookie, &shown).await,
        Err(AppError::NotFound)
    );
    let pupils_before = account::Entity::find().count(&app.db).await.expect("count");
    let people_before = sub_account::Entity::find()
        .count(&app.db)
        .await
        .expect("count");

    // The same file again: nothing to do.
    let again = draft_of(&upload(&app, &cookie, file.into_bytes()).await);
    let again = preview(&app, &cookie, &again).await;
    assert!(!again.changes_anything(), "{again:?}");
    assert_eq!(again.unchanged, 4);
    confirm(&app, &cookie, &again)
        .await
        .expect("a no-op import");
    assert_eq!(
        account::Entity::find().count(&app.db).await.expect("count"),
        pupils_before
    );
    assert_eq!(
        sub_account::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        people_before
    );

    // Both imports are in the audit log, in the admin's name.
    let log: AuditPage = app
        .call(Some(&cookie), AuditLog::PATH, &[("page", "1".to_owned())])
        .await
        .expect("log");
    let imports = log
        .rows
        .iter()
        .filter(|row| row.action == Some(AuditAction::Import))
        .count();
    assert_eq!(imports, 2);
    assert!(
        log.rows.iter().all(|row| row.actor.is_some()),
        "in the name of the admin who did it"
    );
}

#[tokio::test]
async fn a_new_school_year_moves_pupils_disables_who_left_and_welcomes_them_back() {
    let app = spawn_app().await;
    let cookie = admin(&app).await;
    import(&app, &cookie, &csv(&[CHLOE, JAN_1, JAN_2])).await;
    let jan = imported(&app, "X101").await.expect("Jan");
    // Jan's father has a session open.
    let father = &people(&app, jan.id).await[1];
    app::auth::sessions::create(
        &app.db,
        &Default::default(),
        father.id,
        &Default::default(),
        chrono::Utc::now(),
    )
    .await
    .expect("session");

    // Next year: Chloë moves up to 2B, Jan (X101) left, a new pupil came.
    let next_year = csv(&[
        &CHLOE.replacen("1A", "2B", 1),
        JAN_2,
        "1A;Zoë;Çelik;03/03/2014;X104;moeder;Ayşe Çelik;;;;",
    ]);
    let draft = draft_of(&upload(&app, &cookie, next_year.clone().into_bytes()).await);
    let shown = preview(&app, &cookie, &draft).await;
    assert_eq!(shown.moved.len(), 1);
    assert_eq!(
        (shown.moved[0].from.as_deref(), shown.moved[0].to.as_str()),
        (Some("1A"), "2B")
    );
    assert_eq!(shown.leaving.len(), 1);
    assert_eq!(shown.leaving[0].username, "jan.peeters");
    assert_eq!(shown.new_pupils.len(), 1);
    assert_eq!(shown.new_pupils[0].username, "zoe.celik");
    assert_eq!(shown.unchanged, 1);
    confirm(&app, &cookie, &shown).await.expect("confirmed");

    let chloe = imported(&app, "X100").await.expect("Chloë");
    assert_eq!(class_name(&app, &chloe).await, "2B", "moved, same account");
    assert_eq!(chloe.username, "chloe.vandevelde");
    let jan_people = people(&app, jan.id).await;
    assert!(
        jan_people.iter().all(|person| person.disabled_at.is_some()
            && person.disabled_reason.as_deref() == Some(LEFT_SCHOOL)),
        "who left is disabled, with everyone of the username, not deleted"
    );
    assert_eq!(
        session::Entity::find()
            .filter(session::Column::SubAccountId.eq(father.id))
            .count(&app.db)
            .await
            .expect("count"),
        0,
        "their sessions end"
    );

    // Jan comes back the year after: enabled again, in his new class.
    let back = csv(&[
        &CHLOE.replacen("1A", "2B", 1),
        JAN_2,
        "1A;Zoë;Çelik;03/03/2014;X104;moeder;Ayşe Çelik;;;;",
        &JAN_1.replacen("1A", "2B", 1),
    ]);
    let draft = draft_of(&upload(&app, &cookie, back.into_bytes()).await);
    let shown = preview(&app, &cookie, &draft).await;
    assert_eq!(shown.returning.len(), 1);
    assert!(shown.new_pupils.is_empty() && shown.leaving.is_empty());
    confirm(&app, &cookie, &shown).await.expect("confirmed");
    let jan = imported(&app, "X101").await.expect("Jan");
    assert_eq!(class_name(&app, &jan).await, "2B");
    assert!(people(&app, jan.id)
        .await
        .iter()
        .all(|person| person.disabled_at.is_none()));
}

#[tokio::test]
async fn bad_files_and_bad_rows_write_nothing_and_say_why() {
    let app = spawn_app().await;
    let cookie = admin(&app).await;
    let accounts = account::Entity::find().count(&app.db).await.expect("count");

    // One bad row among good ones: its line and reason, and no way to confirm.
    let file = csv(&[
        CHLOE,
        "1A;Jan;Peeters;31/02/2013;X101;;;;;;",
        "1A;Mira;Claes;01/01/2013;X100;;;;;;",
        JAN_2,
    ]);
    let draft = draft_of(&upload(&app, &cookie, file.into_bytes()).await);
    let shown = preview(&app, &cookie, &draft).await;
    assert_eq!(shown.errors.len(), 2, "{:?}", shown.errors);
    assert_eq!(shown.errors[0].line, 3);
    assert!(matches!(shown.errors[0].problem, RowProblem::BadDate(_)));
    assert_eq!(shown.errors[1].line, 4);
    assert!(matches!(
        shown.errors[1].problem,
        RowProblem::DuplicateId { first_line: 2, .. }
    ));
    assert!(!shown.can_confirm());
    assert_eq!(
        confirm(&app, &cookie, &shown).await,
        Err(AppError::ImportChanged),
        "a file with a bad row is not written"
    );
    assert_eq!(
        account::Entity::find().count(&app.db).await.expect("count"),
        accounts
    );

    // Whole files that are no pupil export: back to the page with the reason.
    let cases: [(&str, Vec<u8>, FileProblem); 5] = [
        ("empty", Vec::new(), FileProblem::Empty),
        (
            "a zip",
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00binary\x00\x01\x02".to_vec(),
            FileProblem::NotText,
        ),
        (
            "wrong columns",
            b"naam;adres\nJan;Brugge\n".to_vec(),
            FileProblem::MissingColumns(vec![
                "klas".to_owned(),
                "voornaam".to_owned(),
                "geboortedatum".to_owned(),
                "stamnummer".to_owned(),
            ]),
        ),
        (
            "only a header",
            format!("{HEADER}\n").into_bytes(),
            FileProblem::NoRows,
        ),
        (
            "6 MB",
            {
                let mut big = csv(&[CHLOE]).into_bytes();
                big.resize(6 * 1024 * 1024, b' ');
                big
            },
            FileProblem::TooLarge,
        ),
    ];
    for (what, content, problem) in cases {
        let location = upload(&app, &cookie, content).await;
        assert_eq!(
            location,
            format!("/beheer/import?{}", problem.query()),
            "{what}"
        );
    }
    assert_eq!(
        account::Entity::find().count(&app.db).await.expect("count"),
        accounts,
        "nothing written"
    );
}

#[tokio::test]
async fn co_accounts_stop_at_the_schools_maximum() {
    let app = spawn_app().await;
    let cookie = admin(&app).await;
    let maximum = platform::Entity::find()
        .filter(platform::Column::Slug.eq("sintclara"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("school")
        .max_co_accounts;
    assert_eq!(maximum, 3, "the demo school allows three");
    let file = format!(
        "{HEADER};ouder3_relatie;ouder3_naam;ouder3_email;ouder4_relatie;ouder4_naam;ouder4_email\n\
         1A;Mila;Wouters;05/06/2013;X200;moeder;Eva Wouters;;vader;Kris Wouters;;stiefmoeder;Lien Smet;;stiefvader;Dirk Maes;\n"
    );
    let shown = import(&app, &cookie, &file).await;
    assert_eq!(shown.new_co_accounts, 3);
    assert_eq!(shown.over_maximum, 1);
    let mila = imported(&app, "X200").await.expect("Mila");
    let relations: Vec<Option<String>> = people(&app, mila.id)
        .await
        .into_iter()
        .map(|person| person.relation)
        .collect();
    assert_eq!(
        relations,
        [
            None,
            Some("moeder".to_owned()),
            Some("vader".to_owned()),
            Some("stiefmoeder".to_owned())
        ]
    );
}

/// The letters document's start passwords with their usernames, in order.
fn letters_in(html: &str) -> Vec<(String, String)> {
    let value = |part: &str, class: &str| {
        part.split(&format!("class=\"{class}\">"))
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .map(str::to_owned)
    };
    html.split("<article class=\"letter\"")
        .skip(1)
        .filter_map(|letter| Some((value(letter, "username")?, value(letter, "start-password")?)))
        .collect()
}

async fn letters(app: &TestApp, cookie: &str, form: &[(&str, &str)]) -> String {
    let response = no_redirects()
        .post(format!("{}/beheer/brieven", app.base))
        .header(reqwest::header::COOKIE, cookie)
        .form(form)
        .send()
        .await
        .expect("letters");
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    response.text().await.expect("document")
}

#[tokio::test]
async fn letters_give_start_passwords_that_work_once() {
    let app = spawn_app().await;
    let cookie = admin(&app).await;
    import(&app, &cookie, &csv(&[JAN_2, LOTTE])).await;
    let jan = imported(&app, "X102").await.expect("Jan");
    let class_3c = class::Entity::find()
        .filter(class::Column::Id.eq(jan.class_id.expect("a class")))
        .one(&app.db)
        .await
        .expect("query")
        .expect("3C")
        .id
        .to_string();

    let first = letters(
        &app,
        &cookie,
        &[("klas", &class_3c), ("wie", "iedereen"), ("taal", "fr")],
    )
    .await;
    assert!(
        first.contains("lang=\"fr\""),
        "in the chosen language: {first}"
    );
    let made = letters_in(&first);
    assert_eq!(
        made.iter()
            .map(|(username, _)| username.as_str())
            .collect::<Vec<_>>(),
        ["jan.peeters", "jan.peeters", "lotte.peeters2"],
        "Jan and his mother, Lotte"
    );
    let jan_people = people(&app, jan.id).await;
    assert!(jan_people.iter().all(|person| person
        .password_hash
        .as_deref()
        .is_some_and(|hash| hash.starts_with("$argon2id$v=19$m=4096,t=1,p=1$"))
        && person.must_change_password
        && person.letter_at.is_some()));

    // The mother's letter: her start password opens her co-account, and only once a new
    // password is chosen anything else.
    let auth = app.auth();
    let mut mother = None;
    for (_, password) in made
        .iter()
        .filter(|(username, _)| username == "jan.peeters")
    {
        let signed = app::auth::sign_in(
            &app.db,
            &auth,
            "sintclara",
            "jan.peeters",
            password,
            "192.0.2.9",
            chrono::Utc::now(),
        )
        .await
        .expect("a letter's password signs in");
        if signed.person.idx == 1 {
            mother = Some(password.clone());
        }
        assert!(signed.person.must_change_password);
    }
    let mother = mother.expect("the mother's letter");

    // Printed again: who signed in uses the account and gets none; Lotte gets a new one and her
    // first letter stops working.
    let lotte_first = made[2].1.clone();
    let second = letters_in(&letters(&app, &cookie, &[("klas", &class_3c)]).await);
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].0, "lotte.peeters2");
    assert_ne!(second[0].1, lotte_first);
    assert_eq!(
        app::auth::sign_in(
            &app.db,
            &auth,
            "sintclara",
            "lotte.peeters2",
            &lotte_first,
            "192.0.2.9",
            chrono::Utc::now()
        )
        .await
        .err()
        .map(|err| err.to_string()),
        Some(app::auth::AuthError::InvalidCredentials.to_string()),
        "an earlier letter no longer works"
    );

    // "Nieuw startwachtwoord" for the mother: a letter although she signed in, her old one gone.
    let again = letters_in(
        &letters(
            &app,
            &cookie,
            &[("persoon", &jan_people[1].public_id.to_string())],
        )
        .await,
    );
    assert_eq!(again.len(), 1);
    assert!(app::auth::sign_in(
        &app.db,
        &auth,
        "sintclara",
        "jan.peeters",
        &mother,
        "192.0.2.9",
        chrono::Utc::now()
    )
    .await
    .is_err());
    app::auth::sign_in(
        &app.db,
        &auth,
        "sintclara",
        "jan.peeters",
        &again[0].1,
        "192.0.2.9",
        chrono::Utc::now(),
    )
    .await
    .expect("the new start password works");
    let log = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq(AuditAction::NewStartPassword.code()))
        .one(&app.db)
        .await
        .expect("query")
        .expect("logged");
    assert_eq!(log.subject, "jan.peeters #1");
}

#[tokio::test]
async fn a_person_is_disabled_with_a_reason_and_enabled_again() {
    let app = spawn_app().await;
    let cookie = admin(&app).await;
    let heidi = app.person("sintclara", "lotte.peeters", "Heidi").await;
    let heidis = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let form = |enable: bool, reason: &str| {
        vec![
            ("person", heidi.public_id.to_string()),
            ("enable", enable.to_string()),
            ("reason", reason.to_owned()),
        ]
    };
    assert_eq!(
        app.call::<serde_json::Value>(Some(&cookie), SetPersonEnabled::PATH, &form(false, "  "))
            .await
            .err(),
        Some(AppError::ReasonRequired)
    );
    app.call::<serde_json::Value>(
        Some(&cookie),
        SetPersonEnabled::PATH,
        &form(false, "Ouders gescheiden: nieuw co-account"),
    )
    .await
    .expect("disabled");
    let disabled = app.person("sintclara", "lotte.peeters", "Heidi").await;
    assert_eq!(
        disabled.disabled_reason.as_deref(),
        Some("Ouders gescheiden: nieuw co-account")
    );
    assert!(
        app.call::<serde_json::Value>(
            Some(&heidis),
            app::functions::documents::MyDocuments::PATH,
            &[]
        )
        .await
        .is_err(),
        "her session ended"
    );
    assert!(app::auth::sign_in(
        &app.db,
        &app.auth(),
        "sintclara",
        "lotte.peeters",
        "Heidi-mama-2026",
        "192.0.2.9",
        chrono::Utc::now()
    )
    .await
    .is_err());
    app.call::<serde_json::Value>(Some(&cookie), SetPersonEnabled::PATH, &form(true, ""))
        .await
        .expect("enabled");
    app.cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let actions: Vec<String> = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .expect("query")
        .into_iter()
        .map(|entry| entry.action)
        .collect();
    assert!(actions.contains(&"disable".to_owned()) && actions.contains(&"enable".to_owned()));
}

#[tokio::test]
async fn a_new_school_starts_from_nothing() {
    let app = spawn_app().await;
    let auth = app.auth();
    let now = chrono::Utc::now();
    let created = beheer::platform::create(
        &app.db,
        &auth,
        "sintjan-brugge",
        "Sint-Jansschool",
        "Brugge",
        now,
    )
    .await
    .expect("created");
    assert_eq!(created.admin_username, "beheer");
    let signed = app::auth::sign_in(
        &app.db,
        &auth,
        "sintjan-brugge",
        "beheer",
        &created.start_password,
        "192.0.2.9",
        now,
    )
    .await
    .expect("the printed start password signs in");
    assert!(
        signed.person.must_change_password,
        "and must be changed first"
    );

    for (slug, why) in [
        ("sintjan-brugge", "taken"),
        ("Sint Jan", "lowercase"),
        ("sj", "3 to 40"),
        ("beheer", "uses /beheer"),
        ("-sintjan", "beginning with a letter"),
        ("sint_jan", "lowercase"),
    ] {
        match beheer::platform::create(&app.db, &auth, slug, "X", "Y", now).await {
            Err(beheer::BeheerError::Slug(message)) => {
                assert!(message.contains(why), "{slug}: {message}");
            }
            Err(other) => panic!("{slug}: {other}"),
            Ok(_) => panic!("{slug} was accepted"),
        }
    }
    let entries = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("create-platform"))
        .all(&app.db)
        .await
        .expect("query");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].actor_id, None, "from the command line");
}

fn token_in(mail: &app::db::entities::outbox::Model) -> String {
    let start = mail.text_body.find("token=").expect("a link with a token") + "token=".len();
    mail.text_body[start..]
        .split_whitespace()
        .next()
        .expect("token")
        .to_owned()
}

#[tokio::test]
async fn parents_with_an_imported_address_activate_their_account_by_mail() {
    let app = spawn_app().await;
    let cookie = admin(&app).await;
    import(&app, &cookie, &csv(&[CHLOE, JAN_2, LOTTE])).await;
    let auth = app.auth();
    let now = chrono::Utc::now();

    // "Wachtwoord vergeten?" with the child's username reaches the address the school gave.
    app::auth::request_password_reset(&app.db, &auth, "sintclara", "jan.peeters", "192.0.2.9", now)
        .await
        .expect("asked");
    let mails = app.outbox_to("an.p@example.be").await;
    assert_eq!(mails.len(), 1, "one activation mail for Jan's mother");
    assert!(mails[0].text_body.contains("jan.peeters"));
    app::auth::reset_password(
        &app.db,
        &auth,
        &token_in(&mails[0]),
        "Mama-van-Jan-2026",
        "Mama-van-Jan-2026",
        now,
    )
    .await
    .expect("her first password");
    let mother = app.person("sintclara", "jan.peeters", "An").await;
    assert!(
        mother.email_confirmed_at.is_some(),
        "the link confirmed the address"
    );
    let signed = app::auth::sign_in(
        &app.db,
        &auth,
        "sintclara",
        "jan.peeters",
        "Mama-van-Jan-2026",
        "192.0.2.9",
        now,
    )
    .await
    .expect("she signs in");
    assert!(!signed.person.must_change_password);

    // A whole class at once: only those waiting, through the outbox, and in the audit log.
    let chloe = imported(&app, "X100").await.expect("Chloë");
    let sent: serde_json::Value = app
        .call(
            Some(&cookie),
            app::functions::beheer::SendActivations::PATH,
            &[("class", chloe.class_id.expect("class").to_string())],
        )
        .await
        .expect("sent");
    let _ = sent;
    assert_eq!(
        app.outbox_to("heidi.vd@example.be").await.len(),
        1,
        "Chloë's mother"
    );
    let jan_class = imported(&app, "X102")
        .await
        .expect("Jan")
        .class_id
        .expect("class");
    app.call::<serde_json::Value>(
        Some(&cookie),
        app::functions::beheer::SendActivations::PATH,
        &[("class", jan_class.to_string())],
    )
    .await
    .expect("sent");
    assert_eq!(
        app.outbox_to("an.p@example.be").await.len(),
        1,
        "who activated gets no second link"
    );
    let logged = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq(AuditAction::Activations.code()))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(logged, 2);
}

#[tokio::test]
async fn the_school_is_set_up_by_hand_and_people_are_kept_in_daily_use() {
    use app::db::entities::{course, family_member, school_address};
    use app::functions::beheer::{
        AddClass, AddCoAccount, AddCourse, AddPupil, AddStaff, LoadSchoolSetup, RemoveCoAccount,
        SaveSettings, SetClassTeacher, SetCourseTeacher, SetPupilMaximum, SetRelation,
    };
    use app::models::{AddressKind, SchoolSetup};
    let app = spawn_app().await;
    let cookie = admin(&app).await;
    let call = |path: &'static str, form: Vec<(&'static str, String)>| {
        let (app, cookie) = (&app, cookie.clone());
        async move {
            app.call::<serde_json::Value>(Some(&cookie), path, &form)
                .await
                .map(|_| ())
        }
    };

    // Settings: the maximum within 1–6, the addresses to staff of the school.
    let settings = |max: &str, secretariaat: &str| {
        vec![
            ("max_co_accounts", max.to_owned()),
            ("secretariaat", secretariaat.to_owned()),
            ("directie", "beheer".to_owned()),
            ("zorg", String::new()),
        ]
    };
    assert_eq!(
        call(SaveSettings::PATH, settings("9", "an.claes")).await,
        Err(AppError::OutOfRange)
    );
    assert_eq!(
        call(SaveSettings::PATH, settings("2", "lotte.peeters")).await,
        Err(AppError::NotFound),
        "a pupil is no school address"
    );
    call(SaveSettings::PATH, settings("2", "an.claes"))
        .await
        .expect("saved");
    let setup: SchoolSetup = app
        .call(Some(&cookie), LoadSchoolSetup::PATH, &[])
        .await
        .expect("setup");
    assert_eq!(setup.max_co_accounts, 2);
    assert_eq!(
        setup.addresses,
        [
            (AddressKind::Secretariaat, Some("an.claes".to_owned())),
            (AddressKind::Directie, Some("beheer".to_owned())),
            (AddressKind::Zorg, None),
        ]
    );
    assert_eq!(
        school_address::Entity::find()
            .filter(school_address::Column::Kind.eq("zorg"))
            .count(&app.db)
            .await
            .expect("count"),
        1,
        "Sint-Jozef's zorgcoördinator stays; Sint-Clara's is gone"
    );

    // Staff, a class with its class teacher and a course.
    call(
        AddStaff::PATH,
        vec![
            ("first_name", "Els".to_owned()),
            ("last_name", "Van den Broeck".to_owned()),
        ],
    )
    .await
    .expect("teacher added");
    let els = account::Entity::find()
        .filter(account::Column::Username.eq("els.vandenbroeck"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("Els");
    assert_eq!(els.kind, AccountKind::Teacher);
    call(AddClass::PATH, vec![("name", "4D".to_owned())])
        .await
        .expect("class added");
    assert_eq!(
        call(AddClass::PATH, vec![("name", "4D".to_owned())]).await,
        Err(AppError::NameTaken)
    );
    let setup: SchoolSetup = app
        .call(Some(&cookie), LoadSchoolSetup::PATH, &[])
        .await
        .expect("setup");
    let class_4d = setup
        .classes
        .iter()
        .find(|class| class.name == "4D")
        .expect("4D")
        .id;
    call(
        SetClassTeacher::PATH,
        vec![
            ("class", class_4d.to_string()),
            ("teacher", "els.vandenbroeck".to_owned()),
        ],
    )
    .await
    .expect("class teacher");
    call(
        AddCourse::PATH,
        vec![
            ("class", class_4d.to_string()),
            ("name", "Aardrijkskunde".to_owned()),
            ("teacher", "els.vandenbroeck".to_owned()),
        ],
    )
    .await
    .expect("course");
    let aardrijkskunde = course::Entity::find()
        .filter(course::Column::Name.eq("Aardrijkskunde"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("course");
    assert_eq!(aardrijkskunde.teacher_id, els.id);
    call(
        SetCourseTeacher::PATH,
        vec![
            ("course", aardrijkskunde.id.to_string()),
            ("teacher", "an.claes".to_owned()),
        ],
    )
    .await
    .expect("another teacher");

    // A pupil by hand, co-accounts up to the maximum, raised for this pupil.
    call(
        AddPupil::PATH,
        vec![
            ("first_name", "Zoë".to_owned()),
            ("last_name", "D'Hondt".to_owned()),
            ("class", class_4d.to_string()),
            ("birth_date", "2011-04-02".to_owned()),
        ],
    )
    .await
    .expect("pupil added");
    let co = |first: &str, relation: &str| {
        vec![
            ("username", "zoe.dhondt".to_owned()),
            ("first_name", first.to_owned()),
            ("last_name", "D'Hondt".to_owned()),
            ("relation", relation.to_owned()),
            ("email", String::new()),
        ]
    };
    call(AddCoAccount::PATH, co("Sara", "moeder"))
        .await
        .expect("first");
    call(AddCoAccount::PATH, co("Wim", "vader"))
        .await
        .expect("second");
    assert_eq!(
        call(AddCoAccount::PATH, co("Leen", "stiefmoeder")).await,
        Err(AppError::TooManyCoAccounts)
    );
    call(
        SetPupilMaximum::PATH,
        vec![
            ("username", "zoe.dhondt".to_owned()),
            ("maximum", "3".to_owned()),
        ],
    )
    .await
    .expect("raised");
    call(AddCoAccount::PATH, co("Leen", "stiefmoeder"))
        .await
        .expect("third");
    let zoe = account::Entity::find()
        .filter(account::Column::Username.eq("zoe.dhondt"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("Zoë");
    let zoes = people(&app, zoe.id).await;
    assert_eq!(zoes.len(), 4);
    call(
        SetRelation::PATH,
        vec![
            ("person", zoes[3].public_id.to_string()),
            ("relation", "plusmama".to_owned()),
        ],
    )
    .await
    .expect("relation");
    assert_eq!(
        people(&app, zoe.id).await[3].relation.as_deref(),
        Some("plusmama")
    );

    // Removing a co-account: out of use and out of its family, kept, no longer counted.
    let leen = zoes[3].clone();
    let family = app::db::entities::family::ActiveModel {
        created_at: sea_orm::Set(chrono::Utc::now()),
        ..Default::default()
    };
    let family = sea_orm::ActiveModelTrait::insert(family, &app.db)
        .await
        .expect("family");
    sea_orm::ActiveModelTrait::insert(
        family_member::ActiveModel {
            family_id: sea_orm::Set(family.id),
            sub_account_id: sea_orm::Set(leen.id),
            ..Default::default()
        },
        &app.db,
    )
    .await
    .expect("member");
    app::auth::sessions::create(
        &app.db,
        &Default::default(),
        leen.id,
        &Default::default(),
        chrono::Utc::now(),
    )
    .await
    .expect("session");
    call(
        RemoveCoAccount::PATH,
        vec![("person", leen.public_id.to_string())],
    )
    .await
    .expect("removed");
    let leen = people(&app, zoe.id).await.remove(3);
    assert!(leen.disabled_at.is_some());
    assert_eq!(
        family_member::Entity::find()
            .filter(family_member::Column::SubAccountId.eq(leen.id))
            .count(&app.db)
            .await
            .expect("count"),
        0
    );
    assert_eq!(
        session::Entity::find()
            .filter(session::Column::SubAccountId.eq(leen.id))
            .count(&app.db)
            .await
            .expect("count"),
        0
    );
    call(AddCoAccount::PATH, co("Mira", "grootmoeder"))
        .await
        .expect("room again");
    assert_eq!(
        call(
            RemoveCoAccount::PATH,
            vec![("person", zoes[0].public_id.to_string())]
        )
        .await,
        Err(AppError::NotFound),
        "the pupil is no co-account"
    );
}

#[tokio::test]
async fn a_pupil_who_left_can_be_erased_and_only_then() {
    use app::functions::beheer::ErasePupil;
    let app = spawn_app().await;
    let cookie = admin(&app).await;
    import(&app, &cookie, &csv(&[CHLOE, JAN_1])).await;
    let erase = |username: &str| {
        let (app, cookie) = (&app, cookie.clone());
        let form = vec![("username", username.to_owned())];
        async move {
            app.call::<serde_json::Value>(Some(&cookie), ErasePupil::PATH, &form)
                .await
                .map(|_| ())
        }
    };
    assert_eq!(
        erase("jan.peeters").await,
        Err(AppError::NotFound),
        "a pupil who can still sign in is not erased"
    );
    import(&app, &cookie, &csv(&[CHLOE])).await;
    erase("jan.peeters").await.expect("erased");
    let jan = account::Entity::find()
        .filter(account::Column::Username.eq("jan.peeters"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("the row stays");
    assert_eq!(jan.external_id, None);
    assert_eq!(jan.birth_date, None);
    for person in people(&app, jan.id).await {
        assert_eq!(person.first_name, beheer::people::ERASED_NAME);
        assert!(person.email.is_none() && person.password_hash.is_none());
    }
    // The same export with Jan again makes a new pupil: the erased one is gone for good.
    let shown = import(&app, &cookie, &csv(&[CHLOE, JAN_1])).await;
    assert_eq!(shown.new_pupils.len(), 1);
    assert_eq!(shown.new_pupils[0].username, "jan.peeters2");
}

/// The values of `name="{field}" value="…"` in a page, in order.
fn hidden_values(html: &str, field: &str) -> Vec<String> {
    let needle = format!("name=\"{field}\" value=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = at + needle.len();
            html[start..start + html[start..].find('"').expect("end of value")].to_owned()
        })
        .collect()
}

#[tokio::test]
async fn a_refused_form_of_one_row_comes_back_in_that_row_alone() {
    let app = spawn_app().await;
    let admin = app
        .cookie_of("sintclara", "beheer", "Beheer-sintclara-2026")
        .await;
    let page = "/beheer/leerlingen/lotte.peeters";
    let html = app.get_as(&admin, page).await.text().await.expect("page");
    // One relation form per co-account, each naming its person.
    let action_at = html
        .find("action=\"/api/set_relation")
        .expect("a relation form")
        + "action=\"".len();
    let action = html[action_at..action_at + html[action_at..].find('"').expect("end")]
        .replace("&amp;", "&");
    let mut persons = hidden_values(&html[action_at..], "person");
    persons.dedup();
    assert!(persons.len() >= 2, "{persons:?}");
    let refused_for = persons[1].clone();
    let too_long = "grootmoeder-langs-vaderszijde-van-het-kind";
    let refused = app
        .post_form_on(
            &admin,
            &action,
            page,
            &[("person", refused_for.as_str()), ("relation", too_long)],
        )
        .await;
    assert!(refused.status().is_redirection());
    let back = app.redirected_to(&refused);
    let kept = crate::support::set_cookie(&refused, "kept_form").expect("kept");
    let shown = app
        .get_as(&format!("{admin}; {kept}"), &back)
        .await
        .text()
        .await
        .expect("page");
    assert_eq!(
        shown.matches("role=\"alert\"").count(),
        1,
        "the refusal once, not under every co-account's form"
    );
    // Inside that co-account's relation form: after the value typed there, before the next form
    // of the same co-account (its removal).
    let typed = shown.find(&format!("value=\"{too_long}\"")).expect("typed");
    let alert = shown.find("role=\"alert\"").expect("alert");
    let next_form = typed
        + shown[typed..]
            .find(&format!("name=\"person\" value=\"{refused_for}\""))
            .expect("its removal form");
    assert!(
        typed < alert && alert < next_form,
        "{typed} {alert} {next_form}"
    );
}
