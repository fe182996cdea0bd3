//! The schema and the demo, on SQLite and (with TEST_DATABASE_URL) on PostgreSQL.

use crate::support::{fresh_database_url, spawn_app, test_config};
use app::db::entities::account::{self, AccountKind};
use app::db::entities::{class, course, platform, sub_account};
use app::db::migrate;
use app::demo;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

#[tokio::test]
async fn restarting_migrates_nothing_new_and_seeds_only_once() {
    let config = test_config(fresh_database_url().await);
    let db = server::prepare(&config).await.expect("first start");
    let people = sub_account::Entity::find().count(&db).await.expect("count");
    assert!(people > 0);

    let again = server::prepare(&config).await.expect("second start");
    migrate(&again).await.expect("migrating twice is harmless");
    assert_eq!(
        platform::Entity::find().count(&again).await.expect("count"),
        2
    );
    assert_eq!(
        sub_account::Entity::find()
            .count(&again)
            .await
            .expect("count"),
        people
    );
}

/// Servers that start at the same moment on an empty PostgreSQL database all come up: they
/// migrate one after the other, and every migration is applied once. (SQLite has one server.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn servers_starting_together_on_an_empty_database_all_migrate() {
    let url = fresh_database_url().await;
    if !url.starts_with("postgres") {
        return;
    }
    let mut starts = tokio::task::JoinSet::new();
    for _ in 0..3 {
        let url = url.clone();
        starts.spawn(async move {
            let db = app::db::connect(&url).await.expect("connect");
            migrate(&db).await
        });
    }
    while let Some(started) = starts.join_next().await {
        started.expect("task").expect("every server migrates");
    }
    let db = app::db::connect(&url).await.expect("connect");
    let applied = db
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT COUNT(*), COUNT(DISTINCT version) FROM seaql_migrations",
        ))
        .await
        .expect("query")
        .expect("a row");
    let (all, distinct): (i64, i64) = (
        applied.try_get_by_index(0).expect("count"),
        applied.try_get_by_index(1).expect("distinct"),
    );
    assert!(
        all > 10 && all == distinct,
        "{all} rows, {distinct} migrations"
    );
}

#[tokio::test]
async fn the_demo_matches_its_description() {
    let app = spawn_app().await;
    for school in demo::SCHOOLS {
        let platform = platform::Entity::find()
            .filter(platform::Column::Slug.eq(school.slug))
            .one(&app.db)
            .await
            .expect("query")
            .expect("school seeded");
        let accounts = account::Entity::find()
            .filter(account::Column::PlatformId.eq(platform.id))
            .count(&app.db)
            .await
            .expect("count");
        assert_eq!(accounts as usize, school.pupils.len() + school.staff.len());
        let courses = course::Entity::find()
            .filter(course::Column::PlatformId.eq(platform.id))
            .count(&app.db)
            .await
            .expect("count");
        assert_eq!(courses as usize, school.courses.len());

        for pupil in school.pupils {
            let account = account::Entity::find()
                .filter(account::Column::PlatformId.eq(platform.id))
                .filter(account::Column::Username.eq(pupil.username))
                .one(&app.db)
                .await
                .expect("query")
                .expect("pupil seeded");
            assert_eq!(account.kind, AccountKind::Pupil);
            assert!(
                account.class_id.is_some(),
                "{} sits in a class",
                pupil.username
            );
            let people = sub_account::Entity::find()
                .filter(sub_account::Column::AccountId.eq(account.id))
                .all(&app.db)
                .await
                .expect("query");
            assert_eq!(people.len(), 1 + pupil.co_accounts.len());
            let me = people
                .iter()
                .find(|p| p.idx == 0)
                .expect("pupil sub-account");
            assert!(!me.is_co_account());
            let photo = me.photo.as_deref().expect("pupil has a photo");
            assert_eq!(app.get(photo).await.status(), 200, "{photo} is served");
            for co in people.iter().filter(|p| p.is_co_account()) {
                assert!(co.relation.is_some(), "co-account has a relation label");
                assert!(co.idx as i32 <= platform.max_co_accounts);
            }
        }
    }
}

#[tokio::test]
async fn one_demo_parent_has_children_at_both_schools() {
    let app = spawn_app().await;
    let heidi = sub_account::Entity::find()
        .filter(sub_account::Column::FirstName.eq("Heidi"))
        .filter(sub_account::Column::LastName.eq("Peeters"))
        .find_also_related(account::Entity)
        .all(&app.db)
        .await
        .expect("query");
    let platforms: std::collections::BTreeSet<i32> = heidi
        .iter()
        .map(|(person, account)| {
            assert!(person.is_co_account());
            account.as_ref().expect("account").platform_id
        })
        .collect();
    assert_eq!(platforms.len(), 2);
}

#[tokio::test]
async fn usernames_are_unique_per_school_only() {
    let app = spawn_app().await;
    // "beheer" is the admin's username at both demo schools.
    let admins = account::Entity::find()
        .filter(account::Column::Username.eq("beheer"))
        .all(&app.db)
        .await
        .expect("query");
    assert_eq!(admins.len(), 2);

    let duplicate = account::ActiveModel {
        platform_id: Set(admins[0].platform_id),
        username: Set("beheer".to_owned()),
        kind: Set(AccountKind::Teacher),
        class_id: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await;
    assert!(
        duplicate.is_err(),
        "a second 'beheer' at the same school is refused"
    );
}

#[tokio::test]
async fn a_sub_account_index_is_taken_once_per_username() {
    let app = spawn_app().await;
    let lotte = account::Entity::find()
        .filter(account::Column::Username.eq("lotte.peeters"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("lotte");
    let clash = sub_account::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4()),
        account_id: Set(lotte.id),
        idx: Set(1),
        first_name: Set("Iemand".to_owned()),
        last_name: Set("Anders".to_owned()),
        relation: Set(Some("voogd".to_owned())),
        email: Set(None),
        photo: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await;
    assert!(clash.is_err());
}

#[tokio::test]
async fn foreign_keys_are_enforced() {
    let app = spawn_app().await;
    let orphan = class::ActiveModel {
        platform_id: Set(999_999),
        name: Set("9Z".to_owned()),
        ..Default::default()
    }
    .insert(&app.db)
    .await;
    assert!(
        orphan.is_err(),
        "a class of a school that does not exist is refused"
    );
}

/// The embedded default is tuned whatever the other leg runs on.
#[tokio::test]
async fn sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout() {
    let path = crate::support::scratch(&format!("pragma-{}.db", uuid::Uuid::new_v4().simple()));
    let db = app::db::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("sqlite opens");
    let pragma = |name: &'static str| {
        let db = db.clone();
        async move {
            db.query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                format!("PRAGMA {name}"),
            ))
            .await
            .expect("pragma runs")
            .expect("pragma answers")
        }
    };
    let journal: String = pragma("journal_mode")
        .await
        .try_get_by_index(0)
        .expect("text");
    assert_eq!(journal, "wal");
    let foreign_keys: i64 = pragma("foreign_keys")
        .await
        .try_get_by_index(0)
        .expect("number");
    assert_eq!(foreign_keys, 1);
    let busy: i64 = pragma("busy_timeout")
        .await
        .try_get_by_index(0)
        .expect("number");
    assert!(busy >= 5000, "busy timeout {busy} ms");
}

/// Guards the PostgreSQL leg: with `TEST_DATABASE_URL` set, the app must really run on PostgreSQL.
#[tokio::test]
async fn the_tests_run_on_the_database_the_run_asked_for() {
    let app = spawn_app().await;
    let expected = match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => sea_orm::DbBackend::Postgres,
        _ => sea_orm::DbBackend::Sqlite,
    };
    assert_eq!(app.db.get_database_backend(), expected);
}
