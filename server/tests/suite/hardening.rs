//! The HTTP layer under abuse, on SQLite and (with TEST_DATABASE_URL) on PostgreSQL: clients that
//! trickle or stall, forms from the public address behind a proxy, the session cookie over https,
//! return addresses that would break a header, oversized form fields and a flood of messages.

use std::time::{Duration, Instant};

use crate::support::{spawn_app, spawn_app_with, urlencode, TestApp};
use app::db::entities::message;
use app::functions::account::SignedInPerson;
use app::functions::family::SelectChild;
use app::models::Me;
use leptos::server_fn::ServerFn;
use reqwest::{header, StatusCode};
use sea_orm::{EntityTrait, PaginatorTrait};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const HEIDI: (&str, &str, &str) = ("sintclara", "lotte.peeters", "Heidi-mama-2026");
const AN: (&str, &str, &str) = ("sintclara", "an.claes", "An-leerkracht-2026");

async fn messages_stored(app: &TestApp) -> u64 {
    message::Entity::find().count(&app.db).await.expect("count")
}

/// Writes `bytes` to `stream` one at a time, `pause` apart, until they run out or the server hangs
/// up.
fn trickle(
    mut stream: tokio::net::tcp::OwnedWriteHalf,
    bytes: Vec<u8>,
    pause: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        for byte in bytes {
            if stream.write_all(&[byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(pause).await;
        }
        // Then it just waits, holding the connection open.
        std::future::pending::<()>().await;
    })
}

/// What the server sends until it closes the connection, if it does within `limit`.
async fn answer_before_close(
    mut stream: tokio::net::tcp::OwnedReadHalf,
    limit: Duration,
) -> Option<String> {
    let mut answer = Vec::new();
    let read = async {
        let mut buf = [0u8; 4096];
        // A reset (the server closed while bytes were still coming) is a close too.
        while let Ok(n @ 1..) = stream.read(&mut buf).await {
            answer.extend_from_slice(&buf[..n]);
        }
    };
    tokio::time::timeout(limit, read).await.ok()?;
    Some(String::from_utf8_lossy(&answer).into_owned())
}

#[tokio::test]
async fn a_slowloris_client_is_dropped_within_seconds() {
    let app = spawn_app_with(|config| config.header_read_timeout = Duration::from_secs(2)).await;
    let stream = TcpStream::connect(app.addr).await.expect("connect");
    let (reader, writer) = stream.into_split();
    let started = Instant::now();
    let slow = trickle(
        writer,
        b"GET / HTTP/1.1\r\nHost: school.example\r\nUser-Agent: slow\r\n\r\n".to_vec(),
        Duration::from_secs(1),
    );

    let answer = answer_before_close(reader, Duration::from_secs(6)).await;
    slow.abort();
    let answer = answer.expect("the server hangs up on a client that takes seconds per header");
    assert!(
        started.elapsed() >= Duration::from_millis(1500),
        "not before the deadline"
    );
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );

    // Everybody else is still served.
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed() {
    let app = spawn_app_with(|config| config.header_read_timeout = Duration::from_secs(1)).await;
    let stream = TcpStream::connect(app.addr).await.expect("connect");
    let (reader, _writer) = stream.into_split();
    assert!(
        answer_before_close(reader, Duration::from_secs(5))
            .await
            .is_some(),
        "an idle connection is not kept open"
    );
}

/// The head of a compose post whose body of `length` bytes follows slowly, or never.
async fn compose_head(app: &TestApp, length: usize) -> Vec<u8> {
    let cookie = app.cookie(AN).await;
    format!(
        "POST /berichten/schrijven HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\n\
         Content-Type: multipart/form-data; boundary=grens\r\nContent-Length: {length}\r\n\r\n",
        app.addr
    )
    .into_bytes()
}

#[tokio::test]
async fn a_request_body_that_stalls_is_given_up_within_seconds() {
    let app = spawn_app_with(|config| {
        config.request_body_timeout = Duration::from_secs(1);
        config.request_timeout = Duration::from_secs(30);
    })
    .await;
    let before = messages_stored(&app).await;
    let mut stream = TcpStream::connect(app.addr).await.expect("connect");
    stream
        .write_all(&compose_head(&app, 10_000).await)
        .await
        .expect("head");
    stream
        .write_all(b"--grens\r\nContent-Disposition: form-data; name=\"onderwerp\"\r\n\r\nHal")
        .await
        .expect("start of the body");
    let (reader, _writer) = stream.into_split();
    let answer = answer_before_close(reader, Duration::from_secs(6))
        .await
        .expect("answered and closed, not waited on for ever");
    assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");
    assert_eq!(messages_stored(&app).await, before);
}

#[tokio::test]
async fn a_request_that_takes_too_long_is_answered_with_408() {
    let app = spawn_app_with(|config| {
        config.request_timeout = Duration::from_secs(2);
        config.request_body_timeout = Duration::from_secs(30);
    })
    .await;
    let stream = TcpStream::connect(app.addr).await.expect("connect");
    let (reader, writer) = stream.into_split();
    let mut bytes = compose_head(&app, 10_000).await;
    let head = bytes.len();
    bytes.extend(b"--grens\r\nContent-Disposition: form-data; name=\"bericht\"\r\n\r\n");
    bytes.extend(std::iter::repeat_n(b'a', 5_000));
    // The head at once, then the body a byte every 100 ms: never idle, never done.
    let mut writer = writer;
    writer.write_all(&bytes[..head]).await.expect("head");
    let slow = trickle(writer, bytes[head..].to_vec(), Duration::from_millis(100));
    let answer = answer_before_close(reader, Duration::from_secs(8)).await;
    slow.abort();
    let answer = answer.expect("answered within seconds");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

#[tokio::test]
async fn forms_from_the_public_address_pass_behind_a_proxy_and_others_do_not() {
    let app = spawn_app_with(|config| config.base_url = "https://school.example".to_owned()).await;
    let post = |origin: &'static str| {
        reqwest::Client::new()
            .post(format!("{}{}", app.base, SignedInPerson::PATH))
            // What nginx's default proxy_pass sends: the upstream's address.
            .header(header::HOST, app.addr.to_string())
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body("")
            .send()
    };
    let own = post("https://school.example").await.expect("request");
    assert_eq!(own.status(), StatusCode::OK);
    assert_eq!(own.text().await.expect("body"), "null", "signed out");
    let default_port = post("https://school.example:443").await.expect("request");
    assert_eq!(default_port.status(), StatusCode::OK);

    for foreign in [
        "http://school.example",
        "https://school.example:8443",
        "https://evil.example",
        "null",
    ] {
        let refused = post(foreign).await.expect("request");
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{foreign}");
    }
}

#[tokio::test]
async fn an_https_site_asks_browsers_to_keep_to_https() {
    let secure =
        spawn_app_with(|config| config.base_url = "https://school.example".to_owned()).await;
    for path in ["/sintclara", "/healthz", "/bestaat-niet/echt-niet"] {
        let response = secure.get(path).await;
        assert_eq!(
            response.headers()[header::STRICT_TRANSPORT_SECURITY],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }

    let plain = spawn_app().await;
    let response = plain.get("/sintclara").await;
    assert!(response
        .headers()
        .get(header::STRICT_TRANSPORT_SECURITY)
        .is_none());
}

/// The `action` of the sign-in form on the school's page.
async fn sign_in_action(app: &TestApp) -> String {
    let html = app
        .get("/sintclara")
        .await
        .text()
        .await
        .expect("sign-in page");
    let needle = "action=\"/api/sign_in";
    let start = html.find(needle).expect("a sign-in form") + "action=\"".len();
    let end = start + html[start..].find('"').expect("end of action");
    html[start..end].replace("&amp;", "&")
}

#[tokio::test]
async fn over_https_the_session_lives_in_a_host_only_cookie() {
    let app = spawn_app_with(|config| config.base_url = "https://school.example".to_owned()).await;
    let (platform, username, password) = HEIDI;
    let body = [
        ("platform", platform),
        ("username", username),
        ("password", password),
    ]
    .iter()
    .map(|(name, value)| format!("{name}={}", urlencode(value)))
    .collect::<Vec<_>>()
    .join("&");
    let response = app
        .client
        .post(format!("{}{}", app.base, sign_in_action(&app).await))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::REFERER, "https://school.example/sintclara")
        .body(body)
        .send()
        .await
        .expect("sign in");
    assert_eq!(response.status(), StatusCode::FOUND);
    let set_cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(set_cookie.starts_with("__Host-sid="), "{set_cookie}");
    assert!(
        set_cookie.contains("; Path=/; HttpOnly; SameSite=Lax; ")
            && set_cookie.ends_with("; Secure")
            && !set_cookie.contains("Domain"),
        "{set_cookie}"
    );
    let session = set_cookie.split(';').next().expect("name=value").to_owned();

    let start = app.get_as(&session, "/start").await;
    assert_eq!(start.status(), StatusCode::OK);
    assert!(start.text().await.expect("body").contains("Welkom, Heidi"));

    // The same token under the plain name, as a neighbouring subdomain could plant it, is no session.
    let token = session.trim_start_matches("__Host-sid=");
    let planted = app.get_as(&format!("sid={token}"), "/start").await;
    let signed_in = planted.status() == StatusCode::OK
        && planted
            .text()
            .await
            .expect("body")
            .contains("Welkom, Heidi");
    assert!(!signed_in, "a plain sid is not read over https");
}

#[tokio::test]
async fn a_line_break_in_a_return_address_is_refused_not_a_crash() {
    let app = spawn_app().await;
    let language = app
        .get("/taal?lang=fr&terug=/sintclara%0d%0aSet-Cookie:%20sid=geplant")
        .await;
    assert_eq!(language.status(), StatusCode::BAD_REQUEST);
    assert!(language.headers().get(header::LOCATION).is_none());
    assert!(language.headers().get(header::SET_COOKIE).is_none());
    let fine = app.get("/taal?lang=fr&terug=/sintclara").await;
    assert_eq!(fine.status(), StatusCode::SEE_OTHER);
    assert_eq!(fine.headers()[header::LOCATION], "/sintclara");

    let ines = app
        .cookie_of("sintclara", "noah.maes", "Ines-mama-2026")
        .await;
    let me = app
        .call::<Option<Me>>(Some(&ines), SignedInPerson::PATH, &[])
        .await
        .expect("signed in")
        .expect("a person");
    let child = &me.children[0].id;
    let switch = |back: &str| {
        reqwest::Client::new()
            .post(format!("{}{}", app.base, SelectChild::PATH))
            .header(header::COOKIE, &ines)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(format!(
                "child={}&back={}",
                urlencode(child),
                urlencode(back)
            ))
            .send()
    };
    let refused = switch("/agenda?week=1\r\nSet-Cookie: sid=geplant")
        .await
        .expect("request");
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let switched = switch("/agenda").await.expect("request");
    assert!(switched.status().is_success(), "{}", switched.status());
    assert_eq!(switched.headers()[header::LOCATION], "/agenda");
}

#[tokio::test]
async fn an_oversized_message_field_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let an = app.cookie(AN).await;
    let heidi = app
        .recipient_key("sintclara", "lotte.peeters", "Heidi")
        .await;
    let before = messages_stored(&app).await;
    let megabyte = "a".repeat(1024 * 1024);
    for (subject, body) in [
        (megabyte.clone(), "Tot morgen".to_owned()),
        ("Uitstap".to_owned(), megabyte.clone()),
    ] {
        for action in ["verzenden", "bewaren"] {
            let response = app
                .write_message(
                    Some(&an),
                    &[
                        ("aan", heidi.clone()),
                        ("onderwerp", subject.clone()),
                        ("bericht", body.clone()),
                        ("actie", action.to_owned()),
                    ],
                    Vec::new(),
                )
                .await;
            assert_eq!(
                response.status(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "{action}, subject of {} bytes",
                subject.len()
            );
            assert_eq!(response.text().await.expect("body"), "message too long");
        }
    }
    assert_eq!(messages_stored(&app).await, before);

    // A long message within the limit still goes.
    let sent = app
        .write_message(
            Some(&an),
            &[
                ("aan", heidi),
                ("onderwerp", "Verslag".to_owned()),
                ("bericht", "é".repeat(100_000)),
                ("actie", "verzenden".to_owned()),
            ],
            Vec::new(),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn the_thirty_first_message_in_ten_minutes_is_refused() {
    let app = spawn_app().await;
    let an = app.cookie(AN).await;
    let heidi = app
        .recipient_key("sintclara", "lotte.peeters", "Heidi")
        .await;
    let (app, an, heidi) = (&app, &an, &heidi);
    let write = |subject: String, action: &'static str| async move {
        let fields = [
            ("aan", heidi.clone()),
            ("onderwerp", subject),
            ("bericht", "...".to_owned()),
            ("actie", action.to_owned()),
        ];
        app.write_message(Some(an), &fields, Vec::new()).await
    };
    // The limit counts in fixed windows of ten minutes, and the messages below take a few seconds:
    // start them not in the last twenty seconds of a window.
    let into_window = chrono::Utc::now().timestamp().rem_euclid(600);
    if into_window > 580 {
        tokio::time::sleep(Duration::from_secs((601 - into_window) as u64)).await;
    }

    // Drafts do not count.
    for n in 1..=5 {
        let saved = write(format!("Concept {n}"), "bewaren").await;
        assert_eq!(saved.status(), StatusCode::CREATED);
    }
    for n in 1..=30 {
        let sent = write(format!("Nieuwsbrief {n}"), "verzenden").await;
        assert_eq!(sent.status(), StatusCode::CREATED, "message {n}");
    }
    let before = messages_stored(app).await;
    let refused = write("Nieuwsbrief 31".to_owned(), "verzenden").await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(messages_stored(app).await, before, "nothing stored");

    // Another person still writes.
    let heidi_cookie = app.cookie(HEIDI).await;
    let an_key = app.recipient_key("sintclara", "an.claes", "An").await;
    let other = app
        .write_message(
            Some(&heidi_cookie),
            &[
                ("aan", an_key),
                ("onderwerp", "Vraag".to_owned()),
                ("bericht", "...".to_owned()),
                ("actie", "verzenden".to_owned()),
            ],
            Vec::new(),
        )
        .await;
    assert_eq!(other.status(), StatusCode::CREATED);
}
