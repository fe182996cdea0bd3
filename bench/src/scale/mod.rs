//! `school-bench scale`: the app as two app servers on one PostgreSQL behind nginx, as a school
//! that outgrows one server runs it. Starts two production servers at the same moment on an empty
//! database, writes four load schools into it, puts nginx in front and checks, each on one line
//! with its figure:
//!
//! - both servers come up, though both run the migrations at the same moment;
//! - one signed-in session is served by both servers in turn;
//! - a message sent through the proxy gives exactly one notification mail while both servers'
//!   mail workers run;
//! - the per-username sign-in limit counts across both servers: refused at the same attempt as
//!   behind one server;
//! - a thousand parents booking through the proxy book nothing twice, against one server and
//!   against both (bookings per second of each);
//! - a server stopped with SIGTERM in the middle of a rush loses no booking it accepted and no
//!   mail that was queued: each mail is still sent, once. (Whether a mail the stopped server had
//!   claimed is taken over is the integration test
//!   `a_mail_claimed_by_a_crashed_worker_is_taken_over_after_its_lease`: here the queue may be
//!   untouched when the server stops.)
//!
//! It writes only into the empty database it is given (`refuse_used`) and never reads
//! `DATABASE_URL`.

mod cluster;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use app::auth::rate_limit::SIGN_IN_PER_ACCOUNT;
use app::auth::{self, sessions};
use app::db::entities::{booking, outbox, slot, sub_account};
use app::i18n::Lang;
use app::mail::Mail;
use chrono::Utc;
use sea_orm::prelude::Uuid;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Select, Set,
};
use server::StartError;

use crate::http::{free_port, sign_in, sign_in_action};
use crate::load_oudercontact::parents::{book_all, Tally};
use crate::load_oudercontact::seed::{seed, LoadSchool};
use crate::load_oudercontact::{judge, refuse_used, verify, Verdict, PARENTS};
use cluster::{AppServer, Proxy, Shared};

/// Mails queued just before a server is stopped, for both workers to have some in hand.
const STOP_MAILS: usize = 1000;
/// How long into the third rush the mails are queued, and the second server stopped after them.
const QUEUE_AFTER: Duration = Duration::from_millis(2500);
const STOP_AFTER: Duration = Duration::from_millis(500);
/// Both workers poll every second: after this, each has had several passes.
const WORKER_PASSES: Duration = Duration::from_secs(5);
/// How long queued mail may take to be sent.
const MAIL_TIMEOUT: Duration = Duration::from_secs(240);
/// Pages one session asks for, alternately answered by the servers.
const SESSION_PAGES: usize = 6;

/// Where the scale test finds what it runs and what it talks to.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    /// The URL of an empty PostgreSQL database.
    pub database: String,
    /// maildev's web address (its REST API) and its SMTP address.
    pub maildev: String,
    pub smtp: String,
    pub nginx: PathBuf,
    pub server: PathBuf,
    pub site: PathBuf,
}

pub async fn run(options: Options) -> Result<(), StartError> {
    for (path, what) in [
        (&options.server, "the server binary"),
        (&options.site, "the site"),
        (&options.nginx, "nginx"),
    ] {
        if !path.exists() {
            return Err(fail(format!("{what} {} is missing", path.display())));
        }
    }
    if !options.database.starts_with("postgres") {
        return Err(fail(
            "the scale test runs on PostgreSQL: --database takes a postgres:// URL".to_owned(),
        ));
    }
    refuse_used(&options.database).await?;
    let dir = std::env::temp_dir().join(format!("school-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|err| fail(format!("{}: {err}", dir.display())))?;
    let outcome = scale(&options, &dir).await;
    if outcome.is_ok() {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        eprintln!(
            "the servers' and nginx's logs are kept in {}",
            dir.display()
        );
    }
    outcome
}

fn fail(text: String) -> StartError {
    StartError::Command(text)
}

/// Ports nothing listens on, all different.
fn free_ports<const N: usize>() -> Result<[u16; N], StartError> {
    let mut ports = [0; N];
    let mut taken = BTreeSet::new();
    for port in &mut ports {
        loop {
            let candidate = free_port()?;
            if taken.insert(candidate) {
                *port = candidate;
                break;
            }
        }
    }
    Ok(ports)
}

/// The checks' verdicts, printed as they come.
#[derive(Default)]
struct Checks {
    failed: Vec<&'static str>,
}

impl Checks {
    fn record(&mut self, what: &'static str, figure: &str, pass: bool) {
        println!("{}  {what}: {figure}", if pass { "PASS" } else { "FAIL" });
        if !pass {
            self.failed.push(what);
        }
    }
}

/// What the run adds up for its last lines.
#[derive(Default)]
struct Figures {
    double_bookings: u64,
    lost_mails: usize,
    duplicate_mails: usize,
}

async fn scale(options: &Options, dir: &Path) -> Result<(), StartError> {
    let [port_a, port_b, port_both, port_one] = free_ports::<4>()?;
    let base = format!("http://127.0.0.1:{port_both}");
    let shared = Shared {
        server: &options.server,
        site: &options.site,
        database: &options.database,
        smtp: &options.smtp,
        base_url: &base,
        dir,
    };
    let mut checks = Checks::default();
    let mut figures = Figures::default();

    println!("Starting two servers at the same moment on the empty database…");
    let mut first = AppServer::spawn("server 1", &shared, port_a)?;
    let mut second = AppServer::spawn("server 2", &shared, port_b)?;
    let (up_first, up_second) = tokio::join!(first.wait_up(), second.wait_up());
    let both_up = match (&up_first, &up_second) {
        (Ok(a), Ok(b)) => format!(
            "both answer /healthz, after {:.1} s and {:.1} s",
            a.as_secs_f64(),
            b.as_secs_f64()
        ),
        _ => [up_first.as_ref().err(), up_second.as_ref().err()]
            .into_iter()
            .flatten()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
    };
    let started = up_first.is_ok() && up_second.is_ok();
    checks.record(
        "two servers starting at the same moment on an empty database",
        &both_up,
        started,
    );
    if !started {
        return Err(with_logs(
            "the servers did not both start",
            [&first, &second],
        ));
    }

    let db = app::db::connect(&options.database).await?;
    println!("Seeding four load schools of {PARENTS} parents each (the checks, and a rush each)…");
    let mut schools = Vec::new();
    for _ in 0..4 {
        schools.push(seed(&db).await?);
    }
    let mut proxy = Proxy::start(
        &options.nginx,
        dir,
        (port_both, port_one),
        [&first, &second],
    )?;
    proxy.wait_up().await?;
    println!(
        "nginx in front: {} over both servers, {} over server 1 alone\n",
        proxy.both, proxy.one
    );
    let servers = [first.addr.clone(), second.addr.clone()];

    let outcome = async {
        let session = one_session_on_both(&db, &proxy, &schools[0], &servers).await?;
        checks.record(
            "one signed-in session served by both servers in turn",
            &session.0,
            session.1,
        );

        let limit = limit_across(&proxy, &schools[0], &servers).await?;
        checks.record(
            "the sign-in limit counts across both servers",
            &limit.0,
            limit.1,
        );

        let message = one_mail_per_message(&db, &proxy, &schools[0], &options.maildev).await?;
        figures.lost_mails += message.lost;
        figures.duplicate_mails += message.duplicates;
        checks.record(
            "a message gives exactly one notification mail with both workers running",
            &message.figure,
            message.pass,
        );

        println!(
            "\n{PARENTS} parents book their talks at once through the proxy, one server behind it…"
        );
        let one = rush(&db, &proxy.one, &schools[1], &servers[..1]).await?;
        figures.double_bookings += one.verdict.slots_twice + one.verdict.talks_twice;
        checks.record("booking rush, one server", &one.figure(), one.pass());
        println!("\nThe same with both servers behind the proxy…");
        let two = rush(&db, &proxy.both, &schools[2], &servers).await?;
        figures.double_bookings += two.verdict.slots_twice + two.verdict.talks_twice;
        checks.record("booking rush, two servers", &two.figure(), two.pass());

        println!(
            "\nA third rush; {STOP_MAILS} mails are queued {:.1} s into it and server 2 is stopped \
             (SIGTERM) {:.1} s later…",
            QUEUE_AFTER.as_secs_f64(),
            STOP_AFTER.as_secs_f64()
        );
        let stopped = stop_mid_rush(
            &db,
            &proxy,
            &schools[3],
            &servers,
            &mut second,
            &options.maildev,
        )
        .await?;
        figures.double_bookings += stopped.double_bookings;
        figures.lost_mails += stopped.lost_mails;
        figures.duplicate_mails += stopped.duplicate_mails;
        checks.record(
            "a server stopped mid-rush loses no accepted booking",
            &stopped.bookings_figure,
            stopped.bookings_pass,
        );
        checks.record(
            "a server stopped mid-rush loses no queued mail",
            &stopped.mails_figure,
            stopped.mails_pass,
        );

        println!();
        println!(
            "bookings/s through the proxy: {:.1} with one server, {:.1} with two ({:.2}×)",
            one.per_second(),
            two.per_second(),
            two.per_second() / one.per_second()
        );
        Ok::<(), StartError>(())
    }
    .await;
    drop(proxy);
    db.close().await?;
    if let Err(err) = outcome {
        return Err(with_logs(&err.to_string(), [&first, &second]));
    }
    println!("double bookings: {}", figures.double_bookings);
    println!("lost mails:      {}", figures.lost_mails);
    println!("duplicate mails: {}", figures.duplicate_mails);
    if checks.failed.is_empty() {
        println!("\nAll scale checks passed.");
        Ok(())
    } else {
        Err(with_logs(
            &format!("scale test failed: {}", checks.failed.join("; ")),
            [&first, &second],
        ))
    }
}

fn with_logs(what: &str, servers: [&AppServer; 2]) -> StartError {
    let mut text = what.to_owned();
    for server in servers {
        text.push_str(&format!(
            "\n--- the last lines of {} ---\n{}",
            server.name,
            server.log_tail(20)
        ));
    }
    fail(text)
}

fn client() -> Result<reqwest::Client, StartError> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(120))
        .build()
        .map_err(|err| fail(format!("HTTP client: {err}")))
}

fn upstream(answer: &reqwest::Response) -> String {
    answer
        .headers()
        .get("x-upstream")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("none")
        .to_owned()
}

async fn person(
    db: &DatabaseConnection,
    school: &LoadSchool,
    username: &str,
    idx: i16,
) -> Result<sub_account::Model, StartError> {
    auth::find_person(db, &school.slug, username, idx)
        .await?
        .ok_or_else(|| fail(format!("no person {}/{username} #{idx}", school.slug)))
}

/// Signs a teacher in through the proxy with the form and asks for Berichten with the one cookie
/// until both servers have answered. Returns the figure and whether it passed.
async fn one_session_on_both(
    db: &DatabaseConnection,
    proxy: &Proxy,
    school: &LoadSchool,
    servers: &[String; 2],
) -> Result<(String, bool), StartError> {
    let teacher = person(db, school, "leerkracht01", 0).await?;
    let password =
        auth::new_start_password(db, &auth::Auth::new(&proxy.both), teacher.id, Utc::now())
            .await
            .map_err(|err| fail(format!("a start password: {err}")))?;
    // The start password signs in like any password; choosing a new one is not what is tested.
    sub_account::ActiveModel {
        id: Set(teacher.id),
        must_change_password: Set(false),
        ..Default::default()
    }
    .update(db)
    .await?;
    let (cookie, _) = sign_in(&proxy.both, &school.slug, "leerkracht01", &password).await?;
    let client = client()?;
    let mut answered: BTreeMap<String, usize> = BTreeMap::new();
    let mut other = Vec::new();
    for _ in 0..SESSION_PAGES {
        let answer = client
            .get(format!("{}/berichten", proxy.both))
            .header(reqwest::header::COOKIE, &cookie)
            .send()
            .await
            .map_err(|err| fail(format!("Berichten: {err}")))?;
        let (status, from) = (answer.status(), upstream(&answer));
        let page = answer.text().await.unwrap_or_default();
        // The sign-in form would mean the session was not known to the server that answered.
        if status == reqwest::StatusCode::OK && !page.contains("/api/sign_in") {
            *answered.entry(from).or_default() += 1;
        } else {
            other.push(format!("{status} from {from}"));
        }
    }
    let both = servers
        .iter()
        .all(|server| answered.get(server).is_some_and(|n| *n > 0));
    let mut figure = answered
        .iter()
        .map(|(from, n)| format!("{n} from {from}"))
        .collect::<Vec<_>>()
        .join(", ");
    figure = format!("{SESSION_PAGES} signed-in pages with one cookie: {figure}");
    if !other.is_empty() {
        figure.push_str(&format!("; not signed in: {}", other.join(", ")));
    }
    Ok((figure, both && other.is_empty()))
}

/// Wrong passwords for one username, alternately through both servers, until refused; then the
/// same for another username behind one server. The limit must refuse at the same attempt.
async fn limit_across(
    proxy: &Proxy,
    school: &LoadSchool,
    servers: &[String; 2],
) -> Result<(String, bool), StartError> {
    let limit = SIGN_IN_PER_ACCOUNT.hits as usize;
    let action = sign_in_action(&client()?, &proxy.both, &school.slug).await?;
    let both = attempts(&proxy.both, &action, school, limit + 5).await?;
    let one = attempts(&proxy.one, &action, school, limit + 5).await?;
    let refused_at = |tries: &[(u16, String)]| tries.iter().position(|(status, _)| *status == 429);
    let counted_by: BTreeSet<&str> = both
        .iter()
        .take(limit)
        .map(|(_, from)| from.as_str())
        .collect();
    let wrong: Vec<String> = both
        .iter()
        .chain(&one)
        .filter(|(status, _)| *status != 401 && *status != 429)
        .map(|(status, from)| format!("{status} from {from}"))
        .collect();
    let (at_both, at_one) = (refused_at(&both), refused_at(&one));
    let pass = at_both == Some(limit)
        && at_one == Some(limit)
        && servers.iter().all(|s| counted_by.contains(s.as_str()))
        && both[limit..].iter().all(|(status, _)| *status == 429)
        && wrong.is_empty();
    let shown =
        |at: Option<usize>| at.map_or("never".to_owned(), |n| format!("at attempt {}", n + 1));
    let mut figure = format!(
        "limit {limit} per username; refused {} through both servers (attempts answered by {}), {} behind one server",
        shown(at_both),
        counted_by.into_iter().collect::<Vec<_>>().join(" and "),
        shown(at_one)
    );
    if !wrong.is_empty() {
        figure.push_str(&format!("; other answers: {}", wrong.join(", ")));
    }
    Ok((figure, pass))
}

/// `count` wrong passwords for a username of its own; each answer's status and server.
async fn attempts(
    base: &str,
    action: &str,
    school: &LoadSchool,
    count: usize,
) -> Result<Vec<(u16, String)>, StartError> {
    let client = client()?;
    let username = format!("onbekend-{}", Uuid::new_v4().simple());
    let mut answers = Vec::with_capacity(count);
    for _ in 0..count {
        let answer = client
            .post(format!("{base}{action}"))
            .form(&[
                ("platform", school.slug.as_str()),
                ("username", username.as_str()),
                ("password", "fout-wachtwoord-12345"),
            ])
            .send()
            .await
            .map_err(|err| fail(format!("sign-in: {err}")))?;
        answers.push((answer.status().as_u16(), upstream(&answer)));
    }
    Ok(answers)
}

struct MessageMail {
    figure: String,
    pass: bool,
    lost: usize,
    duplicates: usize,
}

/// A teacher writes a parent who asked for mail about new messages; both workers run. Exactly
/// one mail must reach maildev.
async fn one_mail_per_message(
    db: &DatabaseConnection,
    proxy: &Proxy,
    school: &LoadSchool,
    maildev: &str,
) -> Result<MessageMail, StartError> {
    let now = Utc::now();
    let teacher = person(db, school, "leerkracht00", 0).await?;
    let parent = person(db, school, "leerling0000", 1).await?;
    let address = format!("ouder-{}@example.test", Uuid::new_v4().simple());
    sub_account::ActiveModel {
        id: Set(parent.id),
        email: Set(Some(address.clone())),
        email_confirmed_at: Set(Some(now)),
        notify_messages: Set(true),
        ..Default::default()
    }
    .update(db)
    .await?;
    let token = sessions::create(
        db,
        &Default::default(),
        teacher.id,
        &Default::default(),
        now,
    )
    .await?;
    let form = reqwest::multipart::Form::new()
        .text("onderwerp", "Oudercontact")
        .text("bericht", "Inschrijven kan vanaf maandag.")
        .text("actie", "verzenden")
        .text("aan", format!("persoon:{}", parent.public_id));
    let answer = client()?
        .post(format!("{}/berichten/schrijven", proxy.both))
        .header(reqwest::header::COOKIE, format!("sid={token}"))
        .multipart(form)
        .send()
        .await
        .map_err(|err| fail(format!("sending a message: {err}")))?;
    let (status, from) = (answer.status(), upstream(&answer));
    if status != reqwest::StatusCode::CREATED {
        let body = answer.text().await.unwrap_or_default();
        return Err(fail(format!(
            "sending a message through {from} answered {status}: {body:.300}"
        )));
    }
    let to_parent = || outbox::Entity::find().filter(outbox::Column::ToAddress.eq(&address));
    let waited = wait_sent(db, || to_parent().filter(outbox::waiting())).await?;
    tokio::time::sleep(WORKER_PASSES).await;
    let queued = to_parent().count(db).await? as usize;
    let received = maildev_count(maildev, "to.address", &address).await?;
    let figure = format!(
        "sent through {from}; {queued} mail queued, sent within {:.1} s; {received} in maildev after both workers' further passes",
        waited.as_secs_f64()
    );
    Ok(MessageMail {
        figure,
        pass: queued == 1 && received == 1,
        lost: queued.saturating_sub(received),
        duplicates: received.saturating_sub(queued),
    })
}

/// Waits until `waiting` finds no row; how long that took.
async fn wait_sent(
    db: &DatabaseConnection,
    waiting: impl Fn() -> Select<outbox::Entity>,
) -> Result<Duration, StartError> {
    let started = Instant::now();
    loop {
        let left = waiting().count(db).await?;
        if left == 0 {
            return Ok(started.elapsed());
        }
        if started.elapsed() > MAIL_TIMEOUT {
            return Err(fail(format!(
                "{left} mails still waiting after {} s",
                MAIL_TIMEOUT.as_secs()
            )));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The mails maildev holds whose `field` is `value` (maildev's own filter).
async fn maildev_mails(
    maildev: &str,
    field: &str,
    value: &str,
) -> Result<Vec<serde_json::Value>, StartError> {
    let answer = reqwest::Client::new()
        .get(format!("{maildev}/api/email"))
        .query(&[(field, value)])
        .send()
        .await
        .map_err(|err| fail(format!("maildev: {err}")))?;
    let body = answer
        .text()
        .await
        .map_err(|err| fail(format!("maildev's list: {err}")))?;
    serde_json::from_str(&body).map_err(|err| fail(format!("maildev's list ({err}): {body:.200}")))
}

async fn maildev_count(maildev: &str, field: &str, value: &str) -> Result<usize, StartError> {
    Ok(maildev_mails(maildev, field, value).await?.len())
}

/// One rush's outcome.
struct Rush {
    tally: Tally,
    wall: Duration,
    verdict: Verdict,
    judged: Result<(), String>,
    /// Which servers answered, and whether each of those behind the proxy had its share.
    served: (String, bool),
}

impl Rush {
    fn per_second(&self) -> f64 {
        self.tally.booked as f64 / self.wall.as_secs_f64()
    }

    fn pass(&self) -> bool {
        self.judged.is_ok() && self.served.1
    }

    fn figure(&self) -> String {
        let mut figure = format!(
            "{} bookings in {:.1} s, {:.1} bookings/s; {} in the database, {} slots and {} talks booked twice, {} server errors",
            self.tally.booked,
            self.wall.as_secs_f64(),
            self.per_second(),
            self.verdict.bookings,
            self.verdict.slots_twice,
            self.verdict.talks_twice,
            self.tally.server_error_count()
        );
        figure.push_str(&format!("; {}", self.served.0));
        if let Err(why) = &self.judged {
            figure.push_str(&format!(" ({why})"));
        }
        figure
    }
}

/// Which of `servers` answered the parents' calls and how often, and whether each had at least a
/// quarter of its even share: a proxy that sent (nearly) everything to one of two fails.
fn served(tally: &Tally, servers: &[String]) -> (String, bool) {
    let total: usize = tally.upstreams.values().sum();
    let answered: Vec<usize> = servers
        .iter()
        .map(|server| {
            tally
                .upstreams
                .iter()
                .filter(|(upstream, _)| upstream.split(", ").last() == Some(server.as_str()))
                .map(|(_, count)| count)
                .sum()
        })
        .collect();
    let figure = servers
        .iter()
        .zip(&answered)
        .map(|(server, count)| format!("{count} answers from {server}"))
        .collect::<Vec<_>>()
        .join(", ");
    let fair = total > 0
        && answered
            .iter()
            .all(|count| count * servers.len() * 4 >= total);
    (format!("{figure} of {total}"), fair)
}

async fn rush(
    db: &DatabaseConnection,
    base: &str,
    school: &LoadSchool,
    servers: &[String],
) -> Result<Rush, StartError> {
    let started = Instant::now();
    let tally = book_all(
        base.to_owned(),
        school.tokens.clone(),
        school.moment.public_id.to_string(),
    )
    .await?;
    let wall = started.elapsed();
    let verdict = verify(db, &school.moment).await?;
    let judged = judge(&tally, &verdict).map_err(|err| err.to_string());
    let served = served(&tally, servers);
    Ok(Rush {
        tally,
        wall,
        verdict,
        judged,
        served,
    })
}

struct Stopped {
    bookings_figure: String,
    bookings_pass: bool,
    mails_figure: String,
    mails_pass: bool,
    double_bookings: u64,
    lost_mails: usize,
    duplicate_mails: usize,
}

/// The third rush through both servers, with mail queued for both workers; the second server is
/// stopped in the middle of it. Every booking answered OK must be in the database, nothing booked
/// twice, every talk booked in the end, and every queued mail in maildev exactly once.
async fn stop_mid_rush(
    db: &DatabaseConnection,
    proxy: &Proxy,
    school: &LoadSchool,
    servers: &[String],
    second: &mut AppServer,
    maildev: &str,
) -> Result<Stopped, StartError> {
    let started = Instant::now();
    let rushing = tokio::spawn(book_all(
        proxy.both.clone(),
        school.tokens.clone(),
        school.moment.public_id.to_string(),
    ));
    tokio::time::sleep(QUEUE_AFTER).await;
    let subject = format!("Stoptest {}", Uuid::new_v4().simple());
    let mails = (0..STOP_MAILS)
        .map(|n| {
            Mail::with_link(
                Lang::Nl,
                &format!("stoptest-{n}-{}@example.test", Uuid::new_v4().simple()),
                &subject,
                "Beste ouder,",
                &["Een mail die in de wachtrij stond toen een server stopte."],
                "Naar het platform",
                &proxy.both,
            )
        })
        .collect();
    app::mail::enqueue_many(db, mails).await?;
    tokio::time::sleep(STOP_AFTER).await;
    let of_test = || outbox::Entity::find().filter(outbox::Column::Subject.eq(&subject));
    let waiting_at_stop = of_test().filter(outbox::waiting()).count(db).await?;
    let claimed_at_stop = of_test()
        .filter(outbox::waiting())
        .filter(outbox::Column::ClaimedUntil.is_not_null())
        .count(db)
        .await?;
    let stop_at = started.elapsed();
    let mid_rush = !rushing.is_finished();
    second.terminate()?;
    let exited = second.wait_exit().await;
    let tally = rushing
        .await
        .map_err(|err| fail(format!("the rush failed: {err}")))??;
    let wall = started.elapsed();
    let (exited, status) = exited?;
    // A stop may cost the requests that were waiting in the stopped server's queue: nginx
    // answers them 502 (it does not send a POST on to the other server). Nothing else.
    let unanswered: BTreeMap<String, usize> =
        tally
            .server_errors
            .iter()
            .fold(BTreeMap::new(), |mut kinds, (text, count)| {
                // "BookTalk: 502 Bad Gateway: <body>": the call and the status.
                let kind = text.splitn(3, ": ").take(2).collect::<Vec<_>>().join(": ");
                *kinds.entry(kind).or_default() += count;
                kinds
            });
    let only_the_stop = unanswered.keys().all(|kind| {
        let answer = kind.split(": ").nth(1).unwrap_or_default();
        answer.starts_with("502") || answer.starts_with("no answer")
    });
    let (served, _) = served(&tally, servers);
    let second_served = tally
        .upstreams
        .iter()
        .any(|(upstream, count)| *count > 0 && upstream.contains(servers[1].as_str()));

    let verdict = verify(db, &school.moment).await?;
    let kept = accepted_in_database(db, &tally.accepted).await?;
    let doubles = verdict.slots_twice + verdict.talks_twice;
    let bookings_pass = mid_rush
        && status.success()
        && second_served
        && only_the_stop
        && kept == tally.accepted.len()
        && doubles == 0
        && verdict.pupils_with_three == PARENTS as u64;
    let bookings_figure = format!(
        "server 2 stopped {:.1} s into the rush{} and exited {:.1} s later ({status}); {} bookings answered OK, {kept} of them in the database; {} in the database in all, {} of {PARENTS} pupils with all their talks; {doubles} double bookings; {served}; {} requests not answered by the app ({unanswered:?}), tried again by their parents ({:.1} s in all)",
        stop_at.as_secs_f64(),
        if mid_rush { "" } else { ", which had already ended" },
        exited.as_secs_f64(),
        tally.accepted.len(),
        verdict.bookings,
        verdict.pupils_with_three,
        tally.server_error_count(),
        wall.as_secs_f64()
    );

    let waited = wait_sent(db, || of_test().filter(outbox::waiting())).await;
    tokio::time::sleep(WORKER_PASSES).await;
    let queued = of_test().count(db).await? as usize;
    let sent = of_test()
        .filter(outbox::Column::SentAt.is_not_null())
        .count(db)
        .await? as usize;
    let received = maildev_mails(maildev, "subject", &subject).await?;
    let addresses: BTreeSet<String> = received
        .iter()
        .filter_map(|mail| mail["to"][0]["address"].as_str().map(str::to_owned))
        .collect();
    let lost = queued.saturating_sub(addresses.len());
    let duplicates = received.len().saturating_sub(addresses.len());
    let mails_figure = format!(
        "{queued} mails queued, {waiting_at_stop} not yet sent when server 2 was stopped ({claimed_at_stop} of them in a worker's hands); {sent} marked sent{}; {} in maildev for {} addresses: {lost} lost, {duplicates} duplicates",
        match &waited {
            Ok(took) => format!(" within {:.1} s", took.as_secs_f64()),
            Err(err) => format!(" ({err})"),
        },
        received.len(),
        addresses.len()
    );
    Ok(Stopped {
        bookings_figure,
        bookings_pass,
        mails_pass: waited.is_ok()
            && queued == STOP_MAILS
            && sent == queued
            && lost == 0
            && duplicates == 0
            && received.len() == queued,
        mails_figure,
        double_bookings: doubles,
        lost_mails: lost,
        duplicate_mails: duplicates,
    })
}

/// How many of the slots whose booking was answered OK hold a booking in the database. A slot
/// answered OK twice counts once, so that it cannot make up for one that was lost.
async fn accepted_in_database(
    db: &DatabaseConnection,
    accepted: &[String],
) -> Result<usize, StartError> {
    let ids: BTreeSet<Uuid> = accepted
        .iter()
        .map(|id| Uuid::parse_str(id))
        .collect::<Result<_, _>>()
        .map_err(|err| fail(format!("a slot id that is no UUID: {err}")))?;
    let slots: Vec<i32> = slot::Entity::find()
        .filter(slot::Column::PublicId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|slot| slot.id)
        .collect();
    Ok(booking::Entity::find()
        .filter(booking::Column::SlotId.is_in(slots))
        .count(db)
        .await? as usize)
}
