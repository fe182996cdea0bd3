//! `school-bench http`: the pages' speed goals through real HTTP, as a family meets them. Starts
//! the production binary on the demo in a throw-away SQLite file, signs Heidi in (Lotte's and
//! Wout's mother: two children at two schools) and loads her pages with wrk (keep-alive, on this
//! machine), each figure beside its goal:
//!
//! - a static file, the ceiling of this machine for the same server;
//! - Mijn kinderen and the Schoolagenda at 32 connections;
//! - the agenda again while 64 connections flood the sign-in with wrong passwords, and the flood's
//!   own answers, timed one by one by the flood's own clients, the refusals apart from the answers
//!   that waited for a password check;
//! - the wasm and JavaScript a first page loads, as the server sends them with brotli.
//!
//! The flood stands for many addresses at once: the server runs with a per-address sign-in limit
//! too high to be reached, and each attempt names another username, so that every attempt meets
//! the password hasher as an attack from a botnet would.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use server::StartError;

use crate::measure::percentile;

const CONNECTIONS: u32 = 32;
const FLOOD_CONNECTIONS: u32 = 64;
const SECONDS: u32 = 10;
/// Heidi signs in with her daughter's username at Sint-Clara.
const PLATFORM: &str = "sintclara";
const USERNAME: &str = "lotte.peeters";
const PASSWORD: &str = "Heidi-mama-2026";

/// What one wrk run reports.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Load {
    per_second: f64,
    p99_ms: f64,
    /// Answers other than 2xx and 3xx.
    failed: u64,
}

pub async fn run(server: PathBuf, site_root: PathBuf) -> Result<(), StartError> {
    for (path, what) in [(&server, "the server binary"), (&site_root, "the site")] {
        if !path.exists() {
            return Err(fail(format!(
                "{what} {} is missing: scripts/bench builds the release first",
                path.display()
            )));
        }
    }
    if Command::new("wrk").arg("--version").output().is_err() {
        return Err(fail(
            "wrk is not installed (scripts/bench installs it)".to_owned(),
        ));
    }
    let dir = std::env::temp_dir().join(format!("school-bench-http-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|err| fail(format!("{}: {err}", dir.display())))?;
    let outcome = async {
        let running = Running::start(&server, &site_root, &dir).await?;
        let figures = measure(&running).await;
        drop(running);
        figures
    }
    .await;
    let _ = std::fs::remove_dir_all(&dir);
    outcome
}

fn fail(text: String) -> StartError {
    StartError::Command(text)
}

/// A TCP port on 127.0.0.1 that nothing listens on.
pub(crate) fn free_port() -> Result<u16, StartError> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(|err| fail(format!("no free port: {err}")))
}

/// The production server in a process of its own, stopped when dropped.
struct Running {
    child: Child,
    base: String,
}

impl Running {
    async fn start(server: &Path, site_root: &Path, dir: &Path) -> Result<Running, StartError> {
        let port = free_port()?;
        let base = format!("http://127.0.0.1:{port}");
        println!("Starting {} on the demo at {base}…", server.display());
        let child = Command::new(server)
            .env(
                "DATABASE_URL",
                format!("sqlite://{}", dir.join("school.db").display()),
            )
            .env("SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("BASE_URL", &base)
            .env("SITE_ROOT", site_root)
            .env("MAIL_DIR", dir.join("mail"))
            .env("DEMO", "true")
            .env("SIGN_IN_LIMIT_PER_CLIENT", "1000000000")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| fail(format!("{}: {err}", server.display())))?;
        let running = Running { child, base };
        let client = reqwest::Client::new();
        let started = Instant::now();
        loop {
            let up = client
                .get(format!("{}/healthz", running.base))
                .send()
                .await
                .is_ok_and(|answer| answer.status().is_success());
            if up {
                return Ok(running);
            }
            if started.elapsed() > Duration::from_secs(60) {
                return Err(fail("the server did not answer within a minute".to_owned()));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn measure(running: &Running) -> Result<(), StartError> {
    let base = &running.base;
    let (cookie, sign_in_path) = sign_in(base, PLATFORM, USERNAME, PASSWORD).await?;
    let page = |path: &str| format!("{base}{path}");
    check_page(&page("/mijn-kinderen"), &cookie, "Wout").await?;
    check_page(&page("/agenda"), &cookie, "Lotte").await?;

    println!("Loading each page with wrk for {SECONDS} s at {CONNECTIONS} connections…");
    let favicon = wrk(&page("/favicon.svg"), None, CONNECTIONS, SECONDS)?;
    let family = wrk(&page("/mijn-kinderen"), Some(&cookie), CONNECTIONS, SECONDS)?;
    let agenda = wrk(&page("/agenda"), Some(&cookie), CONNECTIONS, SECONDS)?;

    println!("Flooding the sign-in with wrong passwords at {FLOOD_CONNECTIONS} connections…");
    let flood = tokio::spawn(flood(
        page(&sign_in_path),
        Duration::from_secs(u64::from(SECONDS) + 3),
    ));
    tokio::time::sleep(Duration::from_secs(2)).await;
    // wrk waits on a thread of its own, so that the flood's clients keep the runtime's threads.
    let agenda_url = page("/agenda");
    let agenda_cookie = cookie.clone();
    let flooded = tokio::task::spawn_blocking(move || {
        wrk(&agenda_url, Some(&agenda_cookie), CONNECTIONS, SECONDS)
    })
    .await
    .map_err(|err| fail(err.to_string()))??;
    let flood = flood
        .await
        .map_err(|err| fail(format!("the flood failed: {err}")))?;
    let bundle = bundle_brotli(base).await?;

    println!();
    println!("| what | figure | goal |");
    println!("|---|---|---|");
    println!(
        "| static file (favicon), {CONNECTIONS} connections | {:.0} req/s | (the ceiling of this box) |",
        favicon.per_second
    );
    for (name, load) in [("Mijn kinderen", family), ("Schoolagenda", agenda)] {
        println!(
            "| {name}, {CONNECTIONS} connections | {:.0} req/s, p99 {:.0} ms | ≥ 1,500 req/s, p99 ≤ 50 ms |",
            load.per_second, load.p99_ms
        );
    }
    println!(
        "| agenda while {FLOOD_CONNECTIONS} connections flood the sign-in with wrong passwords | {:.0} req/s ({:.0} % of its rate without the flood), p99 {:.0} ms | ≥ 50 % of its rate without the flood, p99 ≤ 100 ms |",
        flooded.per_second,
        100.0 * flooded.per_second / agenda.per_second,
        flooded.p99_ms
    );
    println!(
        "| the flood's own answers | {:.0} answers/s: {} refused at once (503), p99 {:.1} ms; {} passwords checked, p99 {:.0} ms; {} other answers | refused within 50 ms p99 |",
        flood.per_second(),
        flood.refused.len(),
        percentile(&flood.refused, 99.0),
        flood.checked.len(),
        percentile(&flood.checked, 99.0),
        flood.other,
    );
    println!(
        "| wasm + JS of the first page, brotli | {:.0} KB ({}) | ≤ 200 KB |",
        bundle.total as f64 / 1000.0,
        bundle.files.join(", ")
    );
    let failed: u64 = [favicon, family, agenda, flooded]
        .iter()
        .map(|load| load.failed)
        .sum();
    if failed > 0 {
        return Err(fail(format!(
            "{failed} page requests did not get a page (answers other than 2xx or 3xx)"
        )));
    }
    Ok(())
}

/// The address the sign-in form on school `platform`'s page posts to.
pub(crate) async fn sign_in_action(
    client: &reqwest::Client,
    base: &str,
    platform: &str,
) -> Result<String, StartError> {
    let html = get_text(client, &format!("{base}/{platform}"), None).await?;
    Ok(html
        .split("action=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|action| action.starts_with("/api/sign_in"))
        .ok_or_else(|| fail("no sign-in form on the school's page".to_owned()))?
        .to_owned())
}

/// Signs a person in through the sign-in form of school `platform` as a browser without wasm
/// does; returns the session cookie and the form's address (which the flood posts to).
pub(crate) async fn sign_in(
    base: &str,
    platform: &str,
    username: &str,
    password: &str,
) -> Result<(String, String), StartError> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|err| fail(err.to_string()))?;
    let action = sign_in_action(&client, base, platform).await?;
    let answer = client
        .post(format!("{base}{action}"))
        .header("Accept", "text/html")
        .form(&[
            ("platform", platform),
            ("username", username),
            ("password", password),
        ])
        .send()
        .await
        .map_err(|err| fail(format!("sign-in: {err}")))?;
    let cookie = answer
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("sid="))
        .and_then(|value| value.split(';').next())
        .ok_or_else(|| fail(format!("the sign-in gave no session ({})", answer.status())))?
        .to_owned();
    Ok((cookie, action))
}

async fn get_text(
    client: &reqwest::Client,
    url: &str,
    cookie: Option<&str>,
) -> Result<String, StartError> {
    let mut request = client.get(url);
    if let Some(cookie) = cookie {
        request = request.header("Cookie", cookie);
    }
    let answer = request
        .send()
        .await
        .map_err(|err| fail(format!("{url}: {err}")))?;
    if !answer.status().is_success() {
        return Err(fail(format!("{url} answered {}", answer.status())));
    }
    answer
        .text()
        .await
        .map_err(|err| fail(format!("{url}: {err}")))
}

/// Makes sure the page measured is the family's page, not a sign-in form or an error.
async fn check_page(url: &str, cookie: &str, expected: &str) -> Result<(), StartError> {
    let html = get_text(&reqwest::Client::new(), url, Some(cookie)).await?;
    if html.contains(expected) {
        Ok(())
    } else {
        Err(fail(format!("{url} does not show {expected}")))
    }
}

/// The wasm and JavaScript a first page loads, and their size as the server sends them with
/// brotli.
struct Bundle {
    total: u64,
    files: Vec<String>,
}

async fn bundle_brotli(base: &str) -> Result<Bundle, StartError> {
    let client = reqwest::Client::new();
    let html = get_text(&client, &format!("{base}/{PLATFORM}"), None).await?;
    let mut files: Vec<String> = html
        .split(['"', '\''])
        .filter(|part| {
            part.starts_with("/pkg/") && (part.ends_with(".wasm") || part.ends_with(".js"))
        })
        .map(str::to_owned)
        .collect();
    files.sort();
    files.dedup();
    if files.is_empty() {
        return Err(fail(
            "the first page loads no wasm or JavaScript".to_owned(),
        ));
    }
    let mut total = 0;
    let mut named = Vec::new();
    for file in files {
        let answer = client
            .get(format!("{base}{file}"))
            .header("Accept-Encoding", "br")
            .send()
            .await
            .map_err(|err| fail(format!("{file}: {err}")))?;
        let encoding = answer
            .headers()
            .get("content-encoding")
            .and_then(|value| value.to_str().ok())
            .unwrap_or("none")
            .to_owned();
        let bytes = answer
            .bytes()
            .await
            .map_err(|err| fail(format!("{file}: {err}")))?
            .len() as u64;
        if encoding != "br" {
            return Err(fail(format!(
                "{file} came without brotli (content-encoding {encoding})"
            )));
        }
        total += bytes;
        named.push(format!("{file} {:.0} KB", bytes as f64 / 1000.0));
    }
    Ok(Bundle {
        total,
        files: named,
    })
}

/// The flood's answers, as its own clients timed them.
#[derive(Default)]
struct Flood {
    /// Refused at once: the hasher had no room.
    refused: Vec<Duration>,
    /// Answered after the password was checked (wrong, as every password of the flood).
    checked: Vec<Duration>,
    /// Anything else: a server error, no answer.
    other: usize,
    elapsed: Duration,
}

impl Flood {
    fn per_second(&self) -> f64 {
        (self.refused.len() + self.checked.len() + self.other) as f64 / self.elapsed.as_secs_f64()
    }
}

/// Floods the sign-in form at `url` for `duration` from clients of its own (keep-alive, each
/// waiting for its answer before the next attempt), every attempt another username with a wrong
/// password; times each answer by itself.
async fn flood(url: String, duration: Duration) -> Flood {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(FLOOD_CONNECTIONS as usize)
        .build()
        .unwrap_or_default();
    let started = Instant::now();
    let mut clients = tokio::task::JoinSet::new();
    for one in 0..FLOOD_CONNECTIONS {
        let (client, url) = (client.clone(), url.clone());
        clients.spawn(async move {
            let mut flood = Flood::default();
            let mut attempt = 0u64;
            while started.elapsed() < duration {
                attempt += 1;
                let username = format!("vloed{one}-{attempt}");
                let sent = Instant::now();
                let answer = client
                    .post(&url)
                    .form(&[
                        ("platform", PLATFORM),
                        ("username", username.as_str()),
                        ("password", "fout-wachtwoord-12345"),
                    ])
                    .send()
                    .await;
                let status = match answer {
                    Ok(answer) => {
                        let status = answer.status();
                        let _ = answer.bytes().await;
                        Some(status)
                    }
                    Err(_) => None,
                };
                match status.map(|status| status.as_u16()) {
                    Some(503) => flood.refused.push(sent.elapsed()),
                    Some(401) => flood.checked.push(sent.elapsed()),
                    _ => flood.other += 1,
                }
            }
            flood
        });
    }
    let mut all = Flood::default();
    while let Some(done) = clients.join_next().await {
        match done {
            Ok(one) => {
                all.refused.extend(one.refused);
                all.checked.extend(one.checked);
                all.other += one.other;
            }
            Err(_) => all.other += 1,
        }
    }
    all.elapsed = started.elapsed();
    all.refused.sort();
    all.checked.sort();
    all
}

/// Loads `url` with wrk (keep-alive, two threads) and reads its report.
fn wrk(
    url: &str,
    cookie: Option<&str>,
    connections: u32,
    seconds: u32,
) -> Result<Load, StartError> {
    let mut command = Command::new("wrk");
    command
        .arg("--latency")
        .args(["-t", "2", "-c", &connections.to_string()])
        .args(["-d", &format!("{seconds}s")]);
    if let Some(cookie) = cookie {
        command.args(["-H", &format!("Cookie: {cookie}")]);
    }
    let output = command
        .arg(url)
        .output()
        .map_err(|err| fail(format!("wrk: {err}")))?;
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(fail(format!(
            "wrk failed: {report}{}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    parse(&report).ok_or_else(|| fail(format!("wrk on {url} said: {report}")))
}

/// Requests per second, the 99th percentile and the failed answers from wrk's report.
fn parse(report: &str) -> Option<Load> {
    let mut per_second = None;
    let mut p99_ms = None;
    let mut failed = 0;
    for line in report.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("Requests/sec:") {
            per_second = rest.trim().parse().ok();
        } else if let Some(rest) = line.strip_prefix("99%") {
            p99_ms = duration_ms(rest.trim());
        } else if let Some(rest) = line.strip_prefix("Non-2xx or 3xx responses:") {
            failed = rest.trim().parse().ok()?;
        }
    }
    Some(Load {
        per_second: per_second?,
        p99_ms: p99_ms?,
        failed,
    })
}

/// A wrk duration (`812.00us`, `12.34ms`, `1.02s`, `2.00m`) in milliseconds.
fn duration_ms(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor = match unit {
        "us" => 0.001,
        "ms" => 1.0,
        "s" => 1000.0,
        "m" => 60_000.0,
        _ => return None,
    };
    Some(number * factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "Running 10s test @ http://127.0.0.1:3000/agenda
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    14.87ms    9.81ms  95.33ms   71.23%
    Req/Sec     1.11k   120.23     1.40k    70.00%
  Latency Distribution
     50%   12.71ms
     75%   19.23ms
     90%   27.49ms
     99%   48.30ms
  22154 requests in 10.01s, 301.23MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   2213.12
Transfer/sec:     30.09MB
";

    #[test]
    fn wrk_reports_are_read_with_their_units() {
        assert_eq!(
            parse(REPORT),
            Some(Load {
                per_second: 2213.12,
                p99_ms: 48.3,
                failed: 3
            })
        );
        assert_eq!(duration_ms("812.00us"), Some(0.812));
        assert_eq!(duration_ms("1.50s"), Some(1500.0));
        assert_eq!(duration_ms("12"), None);
        assert_eq!(parse("Running 10s test"), None);
    }
}
