//! `school load-oudercontact`: the opening of a parents' evening. A thousand parents book their
//! three talks at the same moment through the real server over HTTP, as the browser's wasm does,
//! and afterwards the database says whether anything was booked twice.
//!
//! The booking service leaves "never twice" to two unique indexes and promises that whoever loses
//! a race hears `SlotTaken` or `AlreadyBooked`, never a server error. Only many parents going for
//! the same early slots at once shows whether that holds under load, on SQLite as on PostgreSQL
//! (`DATABASE_URL`). The load school is written straight into the database and its parents get
//! their sessions directly: signing in is not what is measured here.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::auth::sessions;
use app::db::entities::account::{self, AccountKind};
use app::db::entities::{booking, class, conference, course, platform, sub_account};
use app::error::AppError;
use app::functions::oudercontact::{BookTalk, LoadOudercontact};
use app::models::{Oudercontact, TeacherSlots};
use app::services::oudercontact::{insert_moment, replace_hours, Hours, NewMoment};
use app::services::time::{school_local, school_today};
use chrono::{NaiveTime, Utc};
use leptos::server_fn::ServerFn;
use sea_orm::prelude::Uuid;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    ExprTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::de::DeserializeOwned;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, Barrier};
use tokio::task::JoinSet;

use crate::{Config, StartError};

const TEACHERS: usize = 30;
const CLASSES: usize = 40;
const PUPILS_PER_CLASS: usize = 25;
const PARENTS: usize = CLASSES * PUPILS_PER_CLASS;
/// Every class has these courses, each given by another teacher: every child has three teachers.
const COURSES: [&str; 3] = ["Wiskunde", "Nederlands", "Frans"];
const TALKS: usize = PARENTS * COURSES.len();
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

pub async fn run() -> Result<(), StartError> {
    let given = std::env::var("DATABASE_URL")
        .ok()
        .filter(|url| !url.trim().is_empty());
    let (database_url, throwaway) = match given {
        Some(url) => (url, None),
        None => {
            let path = std::env::temp_dir().join(format!("school-load-{}.db", std::process::id()));
            (format!("sqlite://{}", path.display()), Some(path))
        }
    };
    let config = Config::from_lookup(|var| match var {
        "DATABASE_URL" => Some(database_url.clone()),
        "SITE_ADDR" => Some("127.0.0.1:0".to_owned()),
        _ => std::env::var(var).ok(),
    })
    .map_err(|err| StartError::Command(err.to_string()))?;
    let outcome = load(&config).await;
    if let Some(path) = throwaway {
        for suffix in ["", "-wal", "-shm"] {
            let mut file = path.clone().into_os_string();
            file.push(suffix);
            let _ = std::fs::remove_file(file);
        }
    }
    outcome
}

async fn load(config: &Config) -> Result<(), StartError> {
    let backend = if config.sqlite_path().is_some() {
        "a throw-away SQLite file"
    } else {
        "PostgreSQL (DATABASE_URL)"
    };
    println!("Preparing the database on {backend}…");
    let db = crate::prepare(config).await?;
    println!(
        "Seeding the load school: {TEACHERS} teachers, {CLASSES} classes of {PUPILS_PER_CLASS} \
         pupils, a parent per pupil, {DAYS} evenings of {SLOT_MINUTES}-minute slots…"
    );
    let school = seed(&db).await?;

    let listener = TcpListener::bind(config.site_addr)
        .await
        .map_err(|source| StartError::Listen {
            addr: config.site_addr,
            source,
        })?;
    let addr = listener.local_addr().map_err(StartError::Serve)?;
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(crate::serve(
        listener,
        crate::router(config, db.clone()),
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

/// The load school as the parents need it.
struct LoadSchool {
    slug: String,
    moment: conference::Model,
    /// One session token per parent (the first co-account of each pupil).
    tokens: Vec<String>,
}

/// Writes the load school in one transaction: teachers, classes with their courses, pupils with
/// one parent each, an open conference moment with every teacher's hours, and the sessions.
async fn seed(db: &DatabaseConnection) -> Result<LoadSchool, StartError> {
    let now = Utc::now();
    let slug = format!("loadtest-{}", &Uuid::new_v4().simple().to_string()[..8]);
    let txn = app::db::begin_write(db).await?;
    let school = platform::ActiveModel {
        slug: Set(slug.clone()),
        name: Set("Laadtestschool".to_owned()),
        city: Set("Nergens".to_owned()),
        max_co_accounts: Set(4),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Nobody signs in with a password: no salt, no hashes.
    let new_account =
        |username: String, kind: AccountKind, class_id: Option<i32>| account::ActiveModel {
            platform_id: Set(school.id),
            username: Set(username),
            kind: Set(kind),
            class_id: Set(class_id),
            created_at: Set(now),
            password_salt: Set(None),
            failed_logins: Set(0),
            ..Default::default()
        };
    let accounts_of = |kind: AccountKind| {
        account::Entity::find()
            .filter(account::Column::PlatformId.eq(school.id))
            .filter(account::Column::Kind.eq(kind))
            .order_by_asc(account::Column::Username)
    };

    insert_chunked(
        &txn,
        (0..TEACHERS)
            .map(|t| new_account(format!("leerkracht{t:02}"), AccountKind::Teacher, None))
            .collect(),
    )
    .await?;
    let teachers: Vec<i32> = accounts_of(AccountKind::Teacher)
        .all(&txn)
        .await?
        .into_iter()
        .map(|teacher| teacher.id)
        .collect();
    // Class k is taught by teachers k, k+1 and k+2 (of 30): each teacher has four classes.
    let taught_by = |k: usize, n: usize| teachers[(k + n) % TEACHERS];
    insert_chunked(
        &txn,
        (0..CLASSES)
            .map(|k| class::ActiveModel {
                platform_id: Set(school.id),
                name: Set(format!("Klas {k:02}")),
                teacher_id: Set(Some(taught_by(k, 0))),
                ..Default::default()
            })
            .collect(),
    )
    .await?;
    let classes: Vec<i32> = class::Entity::find()
        .filter(class::Column::PlatformId.eq(school.id))
        .order_by_asc(class::Column::Name)
        .all(&txn)
        .await?
        .into_iter()
        .map(|class| class.id)
        .collect();
    let mut courses = Vec::new();
    for (k, class_id) in classes.iter().enumerate() {
        for (n, name) in COURSES.iter().enumerate() {
            courses.push(course::ActiveModel {
                platform_id: Set(school.id),
                class_id: Set(*class_id),
                teacher_id: Set(taught_by(k, n)),
                name: Set((*name).to_owned()),
                ..Default::default()
            });
        }
    }
    insert_chunked(&txn, courses).await?;
    insert_chunked(
        &txn,
        (0..PARENTS)
            .map(|p| {
                new_account(
                    format!("leerling{p:04}"),
                    AccountKind::Pupil,
                    Some(classes[p / PUPILS_PER_CLASS]),
                )
            })
            .collect(),
    )
    .await?;
    let pupils: Vec<i32> = accounts_of(AccountKind::Pupil)
        .all(&txn)
        .await?
        .into_iter()
        .map(|pupil| pupil.id)
        .collect();

    let person = |account_id: i32, idx: i16, first_name: &str, n: usize| sub_account::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        account_id: Set(account_id),
        idx: Set(idx),
        first_name: Set(first_name.to_owned()),
        last_name: Set(format!("{n:04}")),
        relation: Set((idx > 0).then(|| "ouder".to_owned())),
        email: Set(None),
        photo: Set(None),
        created_at: Set(now),
        password_hash: Set(None),
        must_change_password: Set(false),
        notify_messages: Set(false),
        ..Default::default()
    };
    let mut persons: Vec<sub_account::ActiveModel> = teachers
        .iter()
        .enumerate()
        .map(|(t, id)| person(*id, 0, "Leerkracht", t))
        .collect();
    for (p, id) in pupils.iter().enumerate() {
        persons.push(person(*id, 0, "Leerling", p));
        persons.push(person(*id, 1, "Ouder", p));
    }
    insert_chunked(&txn, persons).await?;
    let parents: Vec<i32> = sub_account::Entity::find()
        .inner_join(account::Entity)
        .filter(account::Column::PlatformId.eq(school.id))
        .filter(account::Column::Kind.eq(AccountKind::Pupil))
        .filter(sub_account::Column::Idx.eq(1))
        .order_by_asc(sub_account::Column::Id)
        .all(&txn)
        .await?
        .into_iter()
        .map(|parent| parent.id)
        .collect();

    let clock = |hour: u32| {
        NaiveTime::from_hms_opt(hour, 0, 0)
            .ok_or_else(|| StartError::Command(format!("no time {hour}:00")))
    };
    let (from, until) = (clock(14)?, clock(22)?);
    let first_day = school_today(now) + chrono::Duration::days(3);
    let moment = insert_moment(
        &txn,
        school.id,
        &NewMoment {
            title: "Laadtest oudercontact".to_owned(),
            first_day,
            last_day: first_day + chrono::Duration::days(DAYS - 1),
            day_starts: from,
            day_ends: until,
            slot_minutes: SLOT_MINUTES,
            gap_minutes: 0,
            opens_at: school_local(now - chrono::Duration::hours(1)),
            closes_at: school_local(now + chrono::Duration::weeks(1)),
            online: false,
            classes: classes.clone(),
        },
        now,
    )
    .await?;
    let hours = Hours {
        starts: from,
        ends: until,
        pause: None,
    };
    for teacher in &teachers {
        for day in 0..DAYS {
            let date = first_day + chrono::Duration::days(day);
            replace_hours(&txn, &moment, *teacher, date, Some(hours)).await?;
        }
    }
    let mut tokens = Vec::with_capacity(parents.len());
    for parent in parents {
        tokens.push(sessions::create(&txn, parent, now).await?);
    }
    txn.commit().await?;
    Ok(LoadSchool {
        slug,
        moment,
        tokens,
    })
}

/// Inserts `rows` in statements of at most `CHUNK` rows.
async fn insert_chunked<A, C>(db: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        A::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// What the parents did and were answered, added up.
#[derive(Default)]
struct Tally {
    booked: usize,
    /// `SlotTaken` answers: someone else was quicker.
    conflicts: usize,
    /// `AlreadyBooked` answers: the child has this talk already.
    already: usize,
    /// Talks a parent stopped trying after `MAX_ATTEMPTS`.
    given_up: usize,
    /// Every other answer, by its text: 5xx, unexpected errors, no answer at all.
    server_errors: BTreeMap<String, usize>,
    /// Of every `BookTalk` request, whatever its answer.
    latencies: Vec<Duration>,
}

impl Tally {
    fn server_error(&mut self, text: String) {
        *self.server_errors.entry(text).or_default() += 1;
    }

    fn server_error_count(&self) -> usize {
        self.server_errors.values().sum()
    }

    fn add(&mut self, other: Tally) {
        self.booked += other.booked;
        self.conflicts += other.conflicts;
        self.already += other.already;
        self.given_up += other.given_up;
        for (text, count) in other.server_errors {
            *self.server_errors.entry(text).or_default() += count;
        }
        self.latencies.extend(other.latencies);
    }
}

/// Lets every parent loose at the same moment, each on a task of its own over one shared client.
async fn book_all(base: String, tokens: Vec<String>, moment: String) -> Result<Tally, StartError> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(tokens.len())
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .build()
        .map_err(|err| StartError::Command(format!("HTTP client: {err}")))?;
    let base: Arc<str> = base.into();
    let moment: Arc<str> = moment.into();
    let start = Arc::new(Barrier::new(tokens.len()));
    let mut parents = JoinSet::new();
    for token in tokens {
        let parent = Parent {
            client: client.clone(),
            base: base.clone(),
            cookie: format!("sid={token}"),
        };
        let (moment, start) = (moment.clone(), start.clone());
        parents.spawn(async move {
            start.wait().await;
            parent.book_talks(&moment).await
        });
    }
    let mut tally = Tally::default();
    while let Some(done) = parents.join_next().await {
        match done {
            Ok(one) => tally.add(one),
            Err(err) => tally.server_error(format!("a parent's task failed: {err}")),
        }
    }
    Ok(tally)
}

/// One parent at the keyboard.
struct Parent {
    client: reqwest::Client,
    base: Arc<str>,
    cookie: String,
}

impl Parent {
    /// Opens Oudercontact and books a talk with each of the child's teachers, one of the first
    /// free slots at random; reloads the page whenever a slot turned out to be taken.
    async fn book_talks(&self, moment: &str) -> Tally {
        let mut tally = Tally::default();
        let mut tries: HashMap<String, usize> = HashMap::new();
        let mut failed_loads = 0;
        loop {
            let (child, teachers) = match self.load(moment).await {
                Ok(shown) => shown,
                Err(text) => {
                    tally.server_error(format!("LoadOudercontact: {text}"));
                    failed_loads += 1;
                    if failed_loads >= MAX_ATTEMPTS {
                        tally.given_up += COURSES.len();
                        return tally;
                    }
                    continue;
                }
            };
            let unbooked: Vec<&TeacherSlots> = teachers
                .iter()
                .filter(|teacher| teacher.booking.is_none())
                .collect();
            let open: Vec<&TeacherSlots> = unbooked
                .iter()
                .copied()
                .filter(|teacher| tries.get(&teacher.teacher).copied().unwrap_or(0) < MAX_ATTEMPTS)
                .collect();
            if open.is_empty() {
                tally.given_up += unbooked.len();
                return tally;
            }
            for teacher in open {
                *tries.entry(teacher.teacher.clone()).or_default() += 1;
                let early = &teacher.free[..teacher.free.len().min(EARLY_SLOTS)];
                if early.is_empty() {
                    continue;
                }
                let pick = (Uuid::new_v4().as_u128() % early.len() as u128) as usize;
                let form = [
                    ("child", child.as_str()),
                    ("slot", early[pick].id.as_str()),
                    ("topic", "Hoe gaat het in de klas?"),
                ];
                let sent = Instant::now();
                let answer = self.call::<()>(BookTalk::PATH, &form).await;
                tally.latencies.push(sent.elapsed());
                match answer {
                    Ok(()) => tally.booked += 1,
                    Err(Failure::Refused(AppError::AlreadyBooked)) => tally.already += 1,
                    Err(Failure::Refused(AppError::SlotTaken)) => {
                        tally.conflicts += 1;
                        break;
                    }
                    Err(failure) => {
                        tally.server_error(format!("BookTalk: {failure}"));
                        break;
                    }
                }
            }
        }
    }

    /// The child's id and its teachers in the load moment, as the parent's page shows them.
    async fn load(&self, moment: &str) -> Result<(String, Vec<TeacherSlots>), String> {
        let view = match self.call(LoadOudercontact::PATH, &[]).await {
            Ok(Oudercontact::Parent(view)) => view,
            Ok(_) => return Err("not a parent's view".to_owned()),
            Err(failure) => return Err(failure.to_string()),
        };
        let shown = view
            .moments
            .into_iter()
            .find(|shown| shown.moment.id == moment)
            .ok_or("the load moment is missing")?;
        if shown.teachers.len() != COURSES.len() {
            return Err(format!(
                "{} teachers instead of {}",
                shown.teachers.len(),
                COURSES.len()
            ));
        }
        Ok((view.child.id, shown.teachers))
    }

    /// Calls a server function as the wasm does: a form POST without `Accept: text/html`, whose
    /// answer is the value as JSON, or the error with a non-2xx status.
    async fn call<T: DeserializeOwned>(
        &self,
        path: &str,
        form: &[(&str, &str)],
    ) -> Result<T, Failure> {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header(reqwest::header::COOKIE, &self.cookie)
            .form(form)
            .send()
            .await
            .map_err(|err| Failure::Broken(format!("no answer: {}", with_causes(&err))))?;
        let status = response.status();
        let body = response.text().await.map_err(|err| {
            Failure::Broken(format!("{status}, body unreadable: {}", with_causes(&err)))
        })?;
        if status.is_success() {
            serde_json::from_str(&body).map_err(|err| {
                Failure::Broken(format!(
                    "{status} with an unexpected body ({err}): {body:.200}"
                ))
            })
        } else if status.is_server_error() {
            Err(Failure::Broken(format!("{status}: {body:.200}")))
        } else {
            match serde_json::from_str::<AppError>(&body) {
                Ok(err) => Err(Failure::Refused(err)),
                Err(_) => Err(Failure::Broken(format!("{status}: {body:.200}"))),
            }
        }
    }
}

/// A call that did not return its value.
enum Failure {
    /// A 4xx answer with one of the app's own errors.
    Refused(AppError),
    /// A 5xx answer, a body that is not what the function returns, or no answer at all.
    Broken(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Refused(err) => write!(f, "{} ({err:?})", err.status()),
            Failure::Broken(text) => f.write_str(text),
        }
    }
}

/// reqwest's own message names only the request; the reason (refused, reset, timed out) is in
/// its causes.
fn with_causes(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

/// The database's account of the moment after the run.
struct Verdict {
    bookings: u64,
    slots_twice: u64,
    talks_twice: u64,
    pupils_with_three: u64,
}

async fn verify(db: &DatabaseConnection, moment: &conference::Model) -> Result<Verdict, DbErr> {
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
    println!("wall time:                        {seconds:.2} s");
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
        "booking latency p99:              {:.1} ms",
        percentile(&latencies, 99.0)
    );
    println!("in the database:");
    println!(
        "  bookings:                       {} (goal {TALKS})",
        verdict.bookings
    );
    println!("  slots booked twice:             {}", verdict.slots_twice);
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

/// The nearest-rank percentile `p` of sorted durations, in milliseconds.
fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
}

/// Fails the run on any double booking, any server error or any talk that did not get booked.
fn judge(tally: &Tally, verdict: &Verdict) -> Result<(), StartError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_take_the_nearest_rank() {
        let ms: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&ms, 50.0), 50.0);
        assert_eq!(percentile(&ms, 99.0), 99.0);
        assert_eq!(percentile(&ms[..1], 99.0), 1.0);
        assert_eq!(percentile(&[], 50.0), 0.0);
    }
}
