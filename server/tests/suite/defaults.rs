//! What a server does with nothing configured: it must be safe to put in production as it is. An
//! empty database gets no demo schools (their passwords are public) and the terminal shows none of
//! their passwords; on SQLite and (with TEST_DATABASE_URL) on PostgreSQL.

use crate::support::fresh_database_url;
use app::db::entities::platform;
use app::demo;
use sea_orm::{EntityTrait, PaginatorTrait};
use server::Config;

/// The configuration of a server started with only a database: every other setting its default.
fn defaults(database_url: &str) -> Config {
    Config::from_lookup(|var| (var == "DATABASE_URL").then(|| database_url.to_owned()))
        .expect("the defaults parse")
}

/// Every password the demo hands out: pupils', co-accounts' and staff's.
fn demo_passwords() -> Vec<&'static str> {
    demo::SCHOOLS
        .iter()
        .flat_map(|school| {
            let pupils = school.pupils.iter().flat_map(|pupil| {
                std::iter::once(pupil.password)
                    .chain(pupil.co_accounts.iter().map(|co| co.password))
            });
            pupils.chain(school.staff.iter().map(|staff| staff.password))
        })
        .collect()
}

#[tokio::test]
async fn an_empty_database_gets_no_demo_school_by_default() {
    let config = defaults(&fresh_database_url().await);
    assert!(!config.seed_demo);
    let db = server::prepare(&config).await.expect("database prepared");
    assert_eq!(
        platform::Entity::find().count(&db).await.expect("count"),
        0,
        "no school, so none of the demo's public passwords either"
    );
}

#[tokio::test]
async fn without_the_demo_the_banner_shows_no_demo_password() {
    let config = defaults(&fresh_database_url().await);
    let db = server::prepare(&config).await.expect("database prepared");
    let banner = server::banner(&config, &db).await.expect("banner");
    assert!(banner.contains(&config.base_url), "{banner}");
    assert!(banner.contains("nog geen school"), "{banner}");
    let passwords = demo_passwords();
    assert!(passwords.len() > 10, "{passwords:?}");
    for password in passwords {
        assert!(!banner.contains(password), "{password} in:\n{banner}");
    }
}

#[tokio::test]
async fn with_demo_true_the_demo_is_seeded_and_its_logins_shown() {
    let url = fresh_database_url().await;
    let config = Config::from_lookup(|var| match var {
        "DATABASE_URL" => Some(url.clone()),
        "DEMO" => Some("true".to_owned()),
        _ => None,
    })
    .expect("parses");
    let db = server::prepare(&config).await.expect("database prepared");
    assert_eq!(
        platform::Entity::find().count(&db).await.expect("count"),
        demo::SCHOOLS.len() as u64
    );
    let banner = server::banner(&config, &db).await.expect("banner");
    assert!(!banner.contains("nog geen school"), "{banner}");
    for password in demo_passwords() {
        assert!(
            banner.contains(password),
            "{password} missing from:\n{banner}"
        );
    }
}
