//! `school-bench sign-in`: the cost of a sign-in measured against its floor, one argon2id
//! evaluation, in the same process and run, so that a noisy shared machine affects both alike.
//!
//! It prints raw argon2id evaluations per second, sign-ins per second for usernames with no
//! co-accounts and with four, and the ratios the product aims at: sign-in throughput at least 85 %
//! of the raw hash rate, and 0 versus 4 co-accounts within 10 %.

use std::sync::Arc;

use app::auth::{self, password, Auth};
use app::db::entities::account::{self, AccountKind};
use app::db::entities::{platform, sub_account};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use server::StartError;

use crate::measure::{measure, median};

const ACCOUNTS: usize = 60;
const ATTEMPTS: usize = 120;
/// The three measurements take turns, so that a slow moment of a shared machine hits each alike;
/// each figure is the median of its rounds.
const ROUNDS: usize = 5;

struct Login {
    username: String,
    password: String,
}

pub async fn run() -> Result<(), StartError> {
    let path = std::env::temp_dir().join(format!("school-bench-{}.db", std::process::id()));
    let db = app::db::connect(&format!("sqlite://{}", path.display())).await?;
    app::db::migrate(&db).await?;
    println!("Preparing {ACCOUNTS} usernames without co-accounts and {ACCOUNTS} with four…");
    let (none, four) = seed(&db).await?;
    let auth = Auth::new("http://bench.localhost");
    let workers = std::thread::available_parallelism().map_or(1, usize::from) * 2;

    let none = Arc::new(none);
    let four = Arc::new(four);
    let (mut raw, mut with_none, mut with_four) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        raw.push(raw_hashes(&auth, workers).await);
        with_none.push(sign_ins(&db, &auth, none.clone(), workers).await);
        with_four.push(sign_ins(&db, &auth, four.clone(), workers).await);
    }
    let (raw, with_none, with_four) = (median(raw), median(with_none), median(with_four));
    crate::throwaway::remove_sqlite(&path);

    println!("argon2id evaluations/s (m=19456 KiB, t=2, p=1): {raw:.1}");
    println!("sign-ins/s, username without co-accounts:       {with_none:.1}");
    println!("sign-ins/s, username with four co-accounts:     {with_four:.1}");
    println!(
        "sign-in throughput / raw hash rate:              {:.1} % (goal ≥ 85 %)",
        100.0 * with_none / raw
    );
    println!(
        "four co-accounts / none:                         {:.1} % (goal within 10 %)",
        100.0 * with_four / with_none
    );
    Ok(())
}

async fn raw_hashes(auth: &Auth, workers: usize) -> f64 {
    let auth = auth.clone();
    measure(ATTEMPTS, workers, move |i| {
        let auth = auth.clone();
        async move {
            auth.hasher
                .hash(&format!("bench-wachtwoord-{i}"), password::DUMMY_SALT)
                .await
                .is_ok()
        }
    })
    .await
}

async fn sign_ins(
    db: &DatabaseConnection,
    auth: &Auth,
    logins: Arc<Vec<Login>>,
    workers: usize,
) -> f64 {
    let (db, auth) = (db.clone(), auth.clone());
    measure(ATTEMPTS, workers, move |i| {
        let (db, auth, logins) = (db.clone(), auth.clone(), logins.clone());
        async move {
            let login = &logins[i % logins.len()];
            // A client address per attempt keeps the per-client rate limit out of the measurement.
            let client = format!("10.{}.{}.{}", i / 65_536, (i / 256) % 256, i % 256);
            let outcome = auth::sign_in(
                &db,
                &auth,
                "bench",
                &login.username,
                &login.password,
                client.as_str(),
                Utc::now(),
            )
            .await;
            if let Err(err) = &outcome {
                eprintln!("sign-in failed: {err}");
            }
            outcome.is_ok()
        }
    })
    .await
}

async fn seed(db: &DatabaseConnection) -> Result<(Vec<Login>, Vec<Login>), StartError> {
    let now = Utc::now();
    let school = platform::ActiveModel {
        slug: Set("bench".to_owned()),
        name: Set("Benchmarkschool".to_owned()),
        city: Set("Nergens".to_owned()),
        max_co_accounts: Set(4),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut none = Vec::new();
    let mut four = Vec::new();
    for i in 0..ACCOUNTS * 2 {
        let co_accounts = if i < ACCOUNTS { 0 } else { 4 };
        let salt = password::new_salt();
        let username = format!("leerling{i}");
        let account = account::ActiveModel {
            platform_id: Set(school.id),
            username: Set(username.clone()),
            kind: Set(AccountKind::Pupil),
            class_id: Set(None),
            created_at: Set(now),
            password_salt: Set(Some(salt.clone())),
            failed_logins: Set(0),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let mut last = String::new();
        for idx in 0..=co_accounts {
            let secret = format!("wachtwoord-{i}-persoon-{idx}");
            let hash = password::hash_blocking(&secret, &salt);
            sub_account::ActiveModel {
                public_id: Set(sea_orm::prelude::Uuid::new_v4()),
                account_id: Set(account.id),
                idx: Set(idx),
                first_name: Set(format!("Persoon{idx}")),
                last_name: Set(username.clone()),
                created_at: Set(now),
                password_hash: Set(Some(hash)),
                must_change_password: Set(false),
                ..Default::default()
            }
            .insert(db)
            .await?;
            last = secret;
        }
        // With co-accounts, sign in as the last one: every stored hash is compared either way.
        let login = Login {
            username,
            password: last,
        };
        if co_accounts == 0 {
            none.push(login);
        } else {
            four.push(login);
        }
    }
    Ok((none, four))
}
