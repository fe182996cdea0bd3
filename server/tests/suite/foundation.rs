//! The foundation as a new user meets it: the demo schools, their sign-in pages, errors, language,
//! health, static files, and the server's behaviour on shutdown.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::support::spawn_app;
use reqwest::header;

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[tokio::test]
async fn health_check_reports_a_working_database() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("body"), "ok");
}

#[tokio::test]
async fn health_check_fails_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.lose_database().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 503);
}

#[tokio::test]
async fn pages_say_what_went_wrong_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.lose_database().await;
    for path in ["/", "/sintclara"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 500, "{path}");
        let html = response.text().await.expect("body");
        assert!(html.contains("Er ging iets mis"), "{path}");
        assert!(
            !html.contains("DbErr") && !html.contains("pool"),
            "no internals leak"
        );
    }
}

#[tokio::test]
async fn landing_page_lists_both_demo_schools_in_dutch() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("body");
    assert!(html.contains(r#"<html lang="nl""#), "Dutch by default");
    assert!(html.contains("Kies je school"));
    assert!(html.contains(r#"href="/sintclara""#));
    assert!(html.contains(r#"href="/sintjozef""#));
    assert!(html.contains("Sint-Claracollege") && html.contains("Sint-Jozefinstituut"));
    assert_eq!(count(&html, "<h1"), 1, "one h1 per page");
}

#[tokio::test]
async fn sign_in_page_names_its_school_and_has_the_fields_of_the_letter() {
    let app = spawn_app().await;
    let response = app.get("/sintclara").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("body");
    assert!(html.contains("Sint-Claracollege"));
    for label in [
        "Smartschoolplatform",
        "Gebruikersnaam",
        "Wachtwoord",
        "Wachtwoord vergeten?",
    ] {
        assert!(html.contains(label), "missing {label}");
    }
    assert!(html.contains(r#"for="username""#) && html.contains(r#"id="username""#));
    assert!(
        html.contains(r#"value="sintclara""#),
        "the platform field knows its school"
    );
    assert!(
        html.contains(r#"aria-label="Help""#),
        "the ? link has a name"
    );
    assert_eq!(count(&html, "<h1"), 1);
}

#[tokio::test]
async fn school_addresses_are_matched_case_insensitively() {
    let app = spawn_app().await;
    let html = app.get("/SintJozef").await.text().await.expect("body");
    assert!(html.contains("Sint-Jozefinstituut"));
}

#[tokio::test]
async fn unknown_addresses_answer_404_with_a_dutch_page() {
    let app = spawn_app().await;
    for path in ["/bestaatniet", "/sintclara/bestaat/niet"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let html = response.text().await.expect("body");
        assert!(html.contains("Pagina niet gevonden"), "{path}");
        assert_eq!(count(&html, "<h1"), 1, "{path}");
    }
}

#[tokio::test]
async fn the_chosen_language_is_remembered_for_the_next_pages() {
    let app = spawn_app().await;
    let response = app.get("/taal?lang=fr&terug=/sintclara").await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()[header::LOCATION], "/sintclara");
    let cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .expect("cookie text")
        .to_owned();
    assert!(cookie.starts_with("lang=fr;"), "{cookie}");

    let html = app
        .client
        .get(format!("{}/sintclara", app.base))
        .header(header::COOKIE, "lang=fr")
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    assert!(html.contains(r#"<html lang="fr""#));
    assert!(html.contains("Mot de passe oublié ?"));
    assert!(!html.contains("Wachtwoord vergeten?"));
}

#[tokio::test]
async fn a_first_visit_follows_the_browser_until_a_language_is_chosen() {
    let app = spawn_app().await;
    let page = |accept: &'static str, cookie: Option<&'static str>| {
        let mut request = app
            .client
            .get(format!("{}/sintclara", app.base))
            .header(header::ACCEPT_LANGUAGE, accept);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        async move {
            request
                .send()
                .await
                .expect("request")
                .text()
                .await
                .expect("body")
        }
    };
    let french = page("fr-BE,fr;q=0.9,nl;q=0.8", None).await;
    assert!(french.contains(r#"<html lang="fr""#));
    assert!(french.contains("Mot de passe oublié ?"));
    let english = page("de-DE,de;q=0.9,en;q=0.5", None).await;
    assert!(english.contains(r#"<html lang="en""#));
    let other = page("es-ES,de;q=0.9", None).await;
    assert!(other.contains(r#"<html lang="nl""#), "Dutch otherwise");
    let chosen = page("fr-BE,fr;q=0.9", Some("lang=nl")).await;
    assert!(chosen.contains(r#"<html lang="nl""#), "the choice wins");
}

#[tokio::test]
async fn switching_the_language_comes_back_to_the_page_with_its_query() {
    let app = spawn_app().await;
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let html = app
        .get_as(&heidi, "/agenda?week=2026-12-07")
        .await
        .text()
        .await
        .expect("body");
    assert!(
        html.contains(r#"name="terug" value="/agenda?week=2026-12-07""#),
        "the footer's form returns to the week shown"
    );
    let response = app
        .get_as(&heidi, "/taal?lang=en&terug=/agenda?week=2026-12-07")
        .await;
    assert_eq!(
        response.headers()[header::LOCATION],
        "/agenda?week=2026-12-07"
    );
}

#[tokio::test]
async fn each_school_can_be_installed_and_the_app_opens_on_each_persons_first_page() {
    let app = spawn_app().await;
    let page = app.get("/sintclara").await.text().await.expect("body");
    assert!(
        page.contains(r#"<link href="/manifest/sintclara.webmanifest" rel="manifest">"#),
        "the school's pages name its manifest"
    );
    let response = app.get("/manifest/sintclara.webmanifest").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/manifest+json"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&response.text().await.expect("body")).expect("json");
    assert_eq!(manifest["name"], "Sint-Claracollege");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["start_url"], "/app?school=sintclara");
    for icon in manifest["icons"].as_array().expect("icons") {
        let src = icon["src"].as_str().expect("src");
        let response = app.get(src).await;
        assert_eq!(response.status(), 200, "{src}");
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            icon["type"].as_str().expect("type")
        );
    }
    assert_eq!(app.get("/manifest/nergens.webmanifest").await.status(), 404);

    let opens = |cookie: Option<String>| {
        let mut request = app.client.get(format!("{}/app?school=sintclara", app.base));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        async move {
            let response = request.send().await.expect("request");
            response.headers()[header::LOCATION]
                .to_str()
                .expect("location")
                .to_owned()
        }
    };
    assert_eq!(opens(None).await, "/sintclara");
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    assert_eq!(opens(Some(heidi)).await, "/mijn-kinderen");
    let lotte = app
        .cookie_of("sintclara", "lotte.peeters", "Lotte-leerling-2026")
        .await;
    assert_eq!(opens(Some(lotte)).await, "/agenda");
    let an = app
        .cookie_of("sintclara", "an.claes", "An-leerkracht-2026")
        .await;
    assert_eq!(opens(Some(an)).await, "/start");
    let response = app.get("/app?school=//evil.example").await;
    assert_eq!(response.headers()[header::LOCATION], "/");
}

#[tokio::test]
async fn the_language_choice_never_redirects_off_site() {
    let app = spawn_app().await;
    let response = app.get("/taal?lang=en&terug=//evil.example/").await;
    assert_eq!(response.headers()[header::LOCATION], "/");
}

#[tokio::test]
async fn text_responses_are_gzipped_for_clients_that_accept_it() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!("{}/sintclara", app.base))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");

    let plain = app.get("/sintclara").await;
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
}

#[tokio::test]
async fn front_end_files_and_pupil_photos_are_served() {
    let app = spawn_app().await;
    let css = app.get("/pkg/school.css").await;
    assert_eq!(css.status(), 200);
    // Not hashed in a test build, so the browser must revalidate.
    assert_eq!(css.headers()[header::CACHE_CONTROL], "no-cache");

    let photo = app.get("/photos/lotte.peeters.svg").await;
    assert_eq!(photo.status(), 200);
    assert_eq!(photo.headers()[header::CONTENT_TYPE], "image/svg+xml");

    // The header's logo and the tab's icon, not a school called "favicon.svg".
    let icon = app.get("/favicon.svg").await;
    assert_eq!(icon.status(), 200);
    assert_eq!(icon.headers()[header::CONTENT_TYPE], "image/svg+xml");
    assert!(icon.text().await.expect("body").starts_with("<svg"));

    assert_eq!(app.get("/pkg/nothing.js").await.status(), 404);
}

#[tokio::test]
async fn a_request_under_way_finishes_after_the_shutdown_signal() {
    let mut app = spawn_app().await;
    let response = app.get("/sintclara").await;
    assert_eq!(response.status(), 200);

    let server = app.begin_shutdown();
    let html = response.text().await.expect("body arrives whole");
    assert!(html.contains("</html>") && html.contains("Wachtwoord vergeten?"));

    let stopped = tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("server stops after its last request");
    stopped.expect("server task").expect("clean stop");
    assert!(
        tokio::net::TcpStream::connect(app.addr).await.is_err(),
        "no new connections after shutdown"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_while_other_servers_start_in_the_same_process() {
    // Building a router must not hold up a page that a running server is rendering: leptos stalls
    // every resource that starts loading while it walks the app's routes, so they are walked once.
    struct StopOnDrop(Arc<AtomicBool>);
    impl Drop for StopOnDrop {
        fn drop(&mut self) {
            self.0.store(true, Ordering::Relaxed);
        }
    }
    let app = spawn_app().await;
    let stop = Arc::new(AtomicBool::new(false));
    // Stops the builder even when a round fails, so that the test ends.
    let stopper = StopOnDrop(stop.clone());
    let starting = {
        let (config, db, stop) = (app.config.clone(), app.db.clone(), stop.clone());
        tokio::task::spawn_blocking(move || {
            let mut built = 0;
            while !stop.load(Ordering::Relaxed) {
                drop(server::router(&config, db.clone()));
                built += 1;
            }
            built
        })
    };
    for round in 0..30 {
        let page = tokio::time::timeout(Duration::from_secs(15), async {
            let response = app.get("/").await;
            (response.status(), response.text().await.expect("body"))
        })
        .await
        .unwrap_or_else(|_| panic!("round {round}: the page stalled"));
        assert_eq!(page.0, 200);
        assert!(page.1.contains("Sint-Claracollege"), "round {round}");
    }
    drop(stopper);
    assert!(starting.await.expect("routers built") > 0);
}

/// Resultaten draws each course's percentages across the year on the server: an SVG named by its
/// text alternative, with the numbers in a table, the same as the page's own results.
#[tokio::test]
async fn results_show_each_course_across_the_year_as_a_server_drawn_chart() {
    use app::functions::school::LoadResults;
    use app::models::Results;
    use leptos::server_fn::ServerFn;
    let app = spawn_app().await;
    let heidi = app
        .cookie_of("sintclara", "lotte.peeters", "Heidi-mama-2026")
        .await;
    let results: Results = app
        .call(Some(&heidi), LoadResults::PATH, &[])
        .await
        .expect("results");
    let trends = results.trends();
    assert!(!trends.is_empty(), "the demo has published results");
    let html = app
        .get_as(&heidi, "/resultaten")
        .await
        .text()
        .await
        .expect("html");
    assert!(html.contains("Verloop over het schooljaar"));
    for trend in &trends {
        let count = trend.points.len();
        let alternative = if count == 1 {
            format!("{}: 1 evaluatie op ", trend.course)
        } else {
            format!("{}: {count} evaluaties van ", trend.course)
        };
        assert!(html.contains(&alternative), "{alternative}");
        assert!(html.contains(&format!("Percentages van {}", trend.course)));
    }
    let charts = html.matches(r#"class="trend-chart""#).count();
    let dots = html.matches(r#"class="trend-dot""#).count();
    assert_eq!(charts, trends.len());
    assert_eq!(dots, trends.iter().map(|t| t.points.len()).sum::<usize>());
    assert!(html.contains(r#"role="img""#));
}
