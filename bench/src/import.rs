//! `school-bench import`: a school's start of the year, timed through the real router on a
//! throw-away SQLite file: a new platform, the upload, preview and confirmation of an export of
//! 1,500 pupils with two parents each, the same file again (which changes nothing), and the letters
//! of every class (4,500 start passwords).

use std::time::Instant;

use app::db::entities::{class, sub_account};
use app::functions::beheer::{ConfirmImport, PreviewImport};
use app::models::ImportPreview;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use leptos::server_fn::ServerFn;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use server::{Config, StartError};
use tower::ServiceExt;

pub const PUPILS: usize = 1_500;
const PER_CLASS: usize = 25;
const SLUG: &str = "bench-school";

/// What one start of the year cost.
pub struct Figures {
    pub import: f64,
    pub again: f64,
    pub letters: f64,
    pub letter_count: usize,
    pub new_pupils: usize,
}

pub async fn run() -> Result<(), StartError> {
    println!("Importing {PUPILS} pupils with two parents each into a new platform…");
    let figures = measure(PUPILS).await?;
    println!(
        "import of {} pupils × 2 co-accounts (upload, preview, confirm): {:.1} s (goal ≤ 60 s)",
        figures.new_pupils, figures.import
    );
    println!(
        "the same file again (changes nothing):                  {:.1} s",
        figures.again
    );
    println!(
        "letters of every class ({} start passwords):         {:.1} s (goal ≤ 60 s)",
        figures.letter_count, figures.letters
    );
    Ok(())
}

/// One start of the year with `pupils` pupils, in a throw-away SQLite file.
pub async fn measure(pupils: usize) -> Result<Figures, StartError> {
    let path = std::env::temp_dir().join(format!(
        "school-bench-import-{}-{pupils}.db",
        std::process::id()
    ));
    let config = Config::from_lookup(|var| match var {
        "DATABASE_URL" => Some(format!("sqlite://{}", path.display())),
        "SITE_ADDR" => Some("127.0.0.1:0".to_owned()),
        "DEMO" => Some("false".to_owned()),
        _ => std::env::var(var).ok(),
    })
    .map_err(|err| StartError::Command(err.to_string()))?;
    let db = server::prepare(&config).await?;
    let router = server::router(&config, db.clone());
    let cookie = admin(&db, &config).await?;
    let export = export(pupils);

    let started = Instant::now();
    let preview = import(&router, &cookie, &export).await?;
    let import_secs = started.elapsed().as_secs_f64();
    let new_pupils = preview.new_pupils.len();

    let started = Instant::now();
    let again = import(&router, &cookie, &export).await?;
    let again_secs = started.elapsed().as_secs_f64();
    if again.changes_anything() {
        return Err(StartError::Command(
            "the same file again would change something".to_owned(),
        ));
    }

    let started = Instant::now();
    let mut letter_count = 0;
    for class in class::Entity::find().all(&db).await? {
        let form = format!("klas={}&wie=iedereen&taal=nl", class.id);
        let html = send(
            &router,
            post(
                "/beheer/brieven",
                &cookie,
                "application/x-www-form-urlencoded",
                form.into_bytes(),
            )?,
        )
        .await?;
        letter_count += html.matches("class=\"start-password\"").count();
    }
    let letters_secs = started.elapsed().as_secs_f64();
    crate::throwaway::remove_sqlite(&path);
    Ok(Figures {
        import: import_secs,
        again: again_secs,
        letters: letters_secs,
        letter_count,
        new_pupils,
    })
}

/// A new platform whose admin chose a password already: a session cookie of that admin.
pub(crate) async fn admin(db: &DatabaseConnection, config: &Config) -> Result<String, StartError> {
    let auth = app::auth::Auth::new(&config.base_url);
    let now = chrono::Utc::now();
    let created =
        app::services::beheer::platform::create(db, &auth, SLUG, "Benchschool", "Gent", now)
            .await
            .map_err(|err| StartError::Command(err.to_string()))?;
    let signed_in = app::auth::sign_in(
        db,
        &auth,
        SLUG,
        &created.admin_username,
        &created.start_password,
        "127.0.0.1",
        now,
    )
    .await
    .map_err(|err| StartError::Command(format!("the admin signs in: {err}")))?;
    // The first sign-in's password change is not what is measured.
    sub_account::Entity::update_many()
        .col_expr(sub_account::Column::MustChangePassword, Expr::value(false))
        .filter(sub_account::Column::Id.eq(signed_in.person.id))
        .exec(db)
        .await?;
    Ok(format!("sid={}", signed_in.session_token))
}

/// An export as an administration package writes it: `;`, Windows line ends, names that repeat
/// (so that usernames collide and get numbers), two parents with addresses per pupil.
pub fn export(pupils: usize) -> Vec<u8> {
    const FIRST: [&str; 12] = [
        "Lotte", "Noah", "Emma", "Chloë", "Jan", "Zoë", "Lucas", "Marie", "Arthur", "Nora", "Liam",
        "Olivia",
    ];
    const LAST: [&str; 10] = [
        "Peeters",
        "Janssens",
        "Maes",
        "Van De Velde",
        "Çelik",
        "Claes",
        "Wouters",
        "De Smet",
        "Jacobs",
        "Mertens",
    ];
    let mut text = String::from(
        "klas;voornaam;achternaam;geboortedatum;stamnummer;ouder1_relatie;ouder1_naam;ouder1_email;ouder2_relatie;ouder2_naam;ouder2_email\r\n",
    );
    for n in 0..pupils {
        let class = format!(
            "{}{}",
            1 + n / PER_CLASS / 4,
            ['A', 'B', 'C', 'D'][n / PER_CLASS % 4]
        );
        let (first, last) = (FIRST[n % FIRST.len()], LAST[(n / FIRST.len()) % LAST.len()]);
        text.push_str(&format!(
            "{class};{first};{last};{:02}/{:02}/2013;B{n:05};moeder;Mama {last} {n};mama{n}@example.be;vader;Papa {last} {n};papa{n}@example.be\r\n",
            1 + n % 28,
            1 + n % 12,
        ));
    }
    text.into_bytes()
}

/// Upload, preview and confirmation, as the import page does them.
pub(crate) async fn import(
    router: &Router,
    cookie: &str,
    export: &[u8],
) -> Result<ImportPreview, StartError> {
    const BOUNDARY: &str = "bench-boundary-7f3a";
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.csv\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(export);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let request = post(
        "/beheer/import",
        cookie,
        &format!("multipart/form-data; boundary={BOUNDARY}"),
        body,
    )?;
    let response = match router.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let draft = location
        .strip_prefix("/beheer/import?concept=")
        .ok_or_else(|| StartError::Command(format!("the upload went to '{location}'")))?;
    let form = format!("draft={draft}");
    let preview: ImportPreview = serde_json::from_str(
        &send(
            router,
            post(
                PreviewImport::PATH,
                cookie,
                "application/x-www-form-urlencoded",
                form.into_bytes(),
            )?,
        )
        .await?,
    )
    .map_err(|err| StartError::Command(format!("the preview: {err}")))?;
    if !preview.can_confirm() {
        return Err(StartError::Command(format!(
            "the export has errors: {:?}",
            preview.errors.first()
        )));
    }
    let form = format!("draft={draft}&fingerprint={}", preview.fingerprint);
    send(
        router,
        post(
            ConfirmImport::PATH,
            cookie,
            "application/x-www-form-urlencoded",
            form.into_bytes(),
        )?,
    )
    .await?;
    Ok(preview)
}

pub(crate) fn post(
    path: &str,
    cookie: &str,
    content_type: &str,
    body: Vec<u8>,
) -> Result<Request<Body>, StartError> {
    Request::post(path)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .map_err(|err| StartError::Command(err.to_string()))
}

/// The body of a request that must succeed.
pub(crate) async fn send(router: &Router, request: Request<Body>) -> Result<String, StartError> {
    let path = request.uri().path().to_owned();
    let response = match router.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .map_err(|err| StartError::Command(err.to_string()))?;
    let text = String::from_utf8_lossy(&body).into_owned();
    if status != StatusCode::OK {
        return Err(StartError::Command(format!("{path}: {status} {text}")));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The measurement itself works, on a small school: every pupil and parent imported once,
    /// nothing the second time, a letter for everyone.
    #[tokio::test]
    async fn a_small_school_is_imported_and_gets_its_letters() {
        let figures = measure(60).await.expect("measured");
        assert_eq!(figures.new_pupils, 60);
        assert_eq!(figures.letter_count, 180);
    }
}
