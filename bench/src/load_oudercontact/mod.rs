//! `school-bench load-oudercontact`: the opening of a parents' evening. A thousand parents book their
//! three talks at the same moment through the real server over HTTP, as the browser's wasm does,
//! and afterwards the database says whether anything was booked twice.
//!
//! The booking service leaves "never twice" to two unique indexes and promises that whoever loses
//! a race hears `SlotTaken` or `AlreadyBooked`, never a server error. Only many parents going for
//! the same early slots at once shows whether that holds under load, on SQLite as on PostgreSQL
//! (`--database`). The load school is written straight into the database and its parents get
//! their sessions directly: signing in is not what is measured here.
//!
//! Because it writes a whole school, it only ever writes into a database of its own: a fresh
//! SQLite file, or with `--database` one that holds no table yet (as `createdb` leaves it). It
//! never reads `DATABASE_URL`, which on a server names the school's database.

pub(crate) mod parents;
pub(crate) mod seed;

use std::time::{Duration, Instant};

use app::db::entities::{booking, conference};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, ExprTrait, PaginatorTrait, QueryFilter,
    QuerySelect,
};
use sea_orm_migration::SchemaManager;
use server::{Config, StartError};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::measure::percentile;
use parents::{book_all, Tally};

const TEACHERS: usize = 30;
const CLASSES: usize = 40;
const PUPILS_PER_CLASS: usize = 25;
pub(crate) const PARENTS: usize = CLASSES * PUPILS_PER_CLASS;
/// Every class has these courses, each given by another teacher: every child has three teachers.
const COURSES: [&str; 3] = ["Wiskunde", "Nederlands", "Frans"];
pub(crate) const TALKS: usize = PARENTS * COURSES.len();
/// The two evenings of the moment; 14:00–22:00 in 5-minute slots gives a teacher 192 slots for
/// the 100 children they teach.
const DAYS: i64 = 2;
const SLOT_MINUTES: i32 = 5;
/// A parent picks among a teacher's first few free slots, so that many go for the same ones.
const EARLY_SLOTS: usize = 5;
/// Tries per talk (and failed loads of the page per parent) before a parent gives up.
const MAX_ATTEMPTS: usize = 50;
/// Rows per insert: few statements, each well within SQLite's limit on bound values.
const CHUNK: usize = 500;
/// A request not answered by then counts as a server error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// Runs the load test on `database` (a URL of an empty database) or, without one, on a fresh
/// SQLite file that is removed afterwards.
pub async fn run(database: Option<String>) -> Result<(), StartError> {
    let (database_url, throwaway) = match database {
        Some(url) => {
            refuse_used(&url).await?;
            (url, None)
        }
        None => {
            let path = std::env::temp_dir().join(format!("school-load-{}.db", std::process::id()));
            // A file of an earlier run under the same process id is this tool's own.
            crate::throwaway::remove_sqlite(&path);
            (format!("sqlite://{}", path.display()), Some(path))
        }
    };
    let config = Config::from_lookup(|var| match var {
        "DATABASE_URL" => Some(database_url.clone()),
        "SITE_ADDR" => Some("127.0.0.1:0".to_owned()),
        _ => std::env::var(var).ok(),
    })
    .map_err(|err| StartError::Command(err.to_string()))?;
    let backend = if throwaway.is_some() {
        "a throw-away SQLite file"
    } else {
        "the empty database given with --database"
    };
    let outcome = load(&config, backend).await;
    if let Some(path) = throwaway {
        crate::throwaway::remove_sqlite(&path);
    }
    outcome
}

/// Refuses a database that has any of the app's tables: whatever has been migrated may be a
/// school's database, and a load school of a thousand parents must never end up in one.
pub(crate) async fn refuse_used(url: &str) -> Result<(), StartError> {
    let db = app::db::connect(url).await?;
    let schema = SchemaManager::new(&db);
    let used = schema.has_table("seaql_migrations").await? || schema.has_table("platform").await?;
    db.close().await?;
    if used {
        return Err(StartError::Command(
            "the database given with --database already holds the app's tables; the load test \
             only writes into an empty, throw-away database (for example one just made with \
             createdb)"
                .to_owned(),
        ));
    }
    Ok(())
}

async fn load(config: &Config, backend: &str) -> Result<(), StartError> {
    println!("Preparing the database on {backend}…");
    let db = server::prepare(config).await?;
    println!(
        "Seeding the load school: {TEACHERS} teachers, {CLASSES} classes of {PUPILS_PER_CLASS} \
         pupils, a parent per pupil, {DAYS} evenings of {SLOT_MINUTES}-minute slots…"
    );
    let school = seed::seed(&db).await?;

    let listener = TcpListener::bind(config.site_addr)
        .await
        .map_err(|source| StartError::Listen {
            addr: config.site_addr,
            source,
        })?;
    let addr = listener.local_addr().map_err(StartError::Serve)?;
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(server::serve(
        listener,
        server::router(config, db.clone()),
        async move {
            let _ = stopped.await;
        },
    ));
    println!(
        "{PARENTS} parents of school {} book their talks at once on http://{addr}…",
        school.slug
    );
    let started = Instant::now();
    let tally = book_all(
        format!("http://{addr}"),
        school.tokens,
        school.moment.public_id.to_string(),
    )
    .await?;
    let wall = started.elapsed();
    let _ = stop.send(());
    match server.await {
        Ok(served) => served.map_err(StartError::Serve)?,
        Err(err) => {
            return Err(StartError::Command(format!(
                "the server task failed: {err}"
            )))
        }
    }

    let verdict = verify(&db, &school.moment).await?;
    db.close().await?;
    report(&tally, wall, &verdict);
    judge(&tally, &verdict)
}

/// The database's account of the moment after the run.
pub(crate) struct Verdict {
    pub(crate) bookings: u64,
    pub(crate) slots_twice: u64,
    pub(crate) talks_twice: u64,
    pub(crate) pupils_with_three: u64,
}

pub(crate) async fn verify(
    db: &DatabaseConnection,
    moment: &conference::Model,
) -> Result<Verdict, DbErr> {
    let of_moment = || booking::Entity::find().filter(booking::Column::ConferenceId.eq(moment.id));
    let count = || Expr::col(booking::Column::Id).count();
    Ok(Verdict {
        bookings: of_moment().count(db).await?,
        slots_twice: of_moment()
            .select_only()
            .column(booking::Column::SlotId)
            .group_by(booking::Column::SlotId)
            .having(count().gt(1))
            .count(db)
            .await?,
        talks_twice: of_moment()
            .select_only()
            .columns([booking::Column::TeacherId, booking::Column::PupilId])
            .group_by(booking::Column::TeacherId)
            .group_by(booking::Column::PupilId)
            .having(count().gt(1))
            .count(db)
            .await?,
        pupils_with_three: of_moment()
            .select_only()
            .column(booking::Column::PupilId)
            .group_by(booking::Column::PupilId)
            .having(count().eq(COURSES.len() as i32))
            .count(db)
            .await?,
    })
}

fn report(tally: &Tally, wall: Duration, verdict: &Verdict) {
    let mut latencies = tally.latencies.clone();
    latencies.sort();
    let seconds = wall.as_secs_f64();
    println!();
    println!("parents:                          {PARENTS}");
    println!(
        "bookings made:                    {} (goal {TALKS})",
        tally.booked
    );
    println!("conflicts (SlotTaken answers):    {}", tally.conflicts);
    println!("AlreadyBooked answers:            {}", tally.already);
    println!("talks given up:                   {}", tally.given_up);
    println!(
        "server errors:                    {}",
        tally.server_error_count()
    );
    println!("wall time:                        {seconds:.2} s (goal ≤ 15 s)");
    println!(
        "bookings/s:                       {:.1}",
        tally.booked as f64 / seconds
    );
    println!("BookTalk requests:                {}", latencies.len());
    println!(
        "booking latency p50:              {:.1} ms",
        percentile(&latencies, 50.0)
    );
    println!(
        "booking latency p99:              {:.1} ms (goal ≤ 1,000 ms)",
        percentile(&latencies, 99.0)
    );
    let mut booked = tally.booked_latencies.clone();
    booked.sort();
    println!(
        "  of the bookings made, p50 / p99: {:.1} / {:.1} ms",
        percentile(&booked, 50.0),
        percentile(&booked, 99.0)
    );
    println!("in the database:");
    println!(
        "  bookings:                       {} (goal {TALKS})",
        verdict.bookings
    );
    println!(
        "  slots booked twice:             {} (goal 0)",
        verdict.slots_twice
    );
    println!("  a child's teacher booked twice: {}", verdict.talks_twice);
    println!(
        "  pupils with exactly {} talks:    {} of {PARENTS}",
        COURSES.len(),
        verdict.pupils_with_three
    );
    if !tally.server_errors.is_empty() {
        println!("server errors by answer:");
        for (text, count) in &tally.server_errors {
            println!("  {count:>5} × {text}");
        }
    }
}

/// Fails the run on any double booking, any server error or any talk that did not get booked.
pub(crate) fn judge(tally: &Tally, verdict: &Verdict) -> Result<(), StartError> {
    let mut problems = Vec::new();
    if verdict.slots_twice > 0 || verdict.talks_twice > 0 {
        problems.push(format!(
            "double bookings ({} slots, {} child-teacher pairs)",
            verdict.slots_twice, verdict.talks_twice
        ));
    }
    if tally.server_error_count() > 0 {
        problems.push(format!("{} server errors", tally.server_error_count()));
    }
    if tally.booked < TALKS || verdict.bookings < TALKS as u64 {
        problems.push(format!(
            "{} bookings made, {} in the database, of {TALKS}",
            tally.booked, verdict.bookings
        ));
    }
    if verdict.pupils_with_three != PARENTS as u64 {
        problems.push(format!(
            "{} of {PARENTS} pupils have exactly {} talks",
            verdict.pupils_with_three,
            COURSES.len()
        ));
    }
    if problems.is_empty() {
        println!("\nNo double bookings, no server errors, every talk booked.");
        Ok(())
    } else {
        Err(StartError::Command(format!(
            "load test failed: {}",
            problems.join("; ")
        )))
    }
}
