//! The processes of the scale test: production servers on one PostgreSQL and nginx in front of
//! them, each a child process with its output in a file of the test's folder, stopped when dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use server::StartError;

use super::fail;

/// How long a production server may take to answer `/healthz` once started.
const START_TIMEOUT: Duration = Duration::from_secs(120);
/// A stopped server finishes its requests (up to `REQUEST_TIMEOUT_SECS`, 120 s) and its mail
/// worker's pass (up to 20 s).
const STOP_TIMEOUT: Duration = Duration::from_secs(150);

/// What every server of the test shares.
pub(super) struct Shared<'a> {
    pub(super) server: &'a Path,
    pub(super) site: &'a Path,
    pub(super) database: &'a str,
    pub(super) smtp: &'a str,
    /// The address the families use: the proxy.
    pub(super) base_url: &'a str,
    pub(super) dir: &'a Path,
}

/// A production server (`target/release/school`) in a process of its own.
pub(super) struct AppServer {
    pub(super) name: &'static str,
    /// `127.0.0.1:<port>`, as nginx names it in `$upstream_addr`.
    pub(super) addr: String,
    child: Child,
    log: PathBuf,
}

impl AppServer {
    pub(super) fn spawn(
        name: &'static str,
        shared: &Shared<'_>,
        port: u16,
    ) -> Result<AppServer, StartError> {
        let addr = format!("127.0.0.1:{port}");
        let log = shared.dir.join(format!("{}.log", name.replace(' ', "-")));
        let output =
            std::fs::File::create(&log).map_err(|err| fail(format!("{}: {err}", log.display())))?;
        let errors = output
            .try_clone()
            .map_err(|err| fail(format!("{}: {err}", log.display())))?;
        let child = Command::new(shared.server)
            .env("DATABASE_URL", shared.database)
            .env("SITE_ADDR", &addr)
            .env("BASE_URL", shared.base_url)
            .env("SITE_ROOT", shared.site)
            .env("SMTP_URL", shared.smtp)
            .env("DEMO", "false")
            .env("TRUSTED_PROXIES", "127.0.0.1")
            // The parents all come from this machine; the per-username limit is what is tested.
            .env("SIGN_IN_LIMIT_PER_CLIENT", "1000000")
            .env_remove("METRICS_TOKEN")
            .stdin(Stdio::null())
            .stdout(output)
            .stderr(errors)
            .spawn()
            .map_err(|err| fail(format!("{}: {err}", shared.server.display())))?;
        Ok(AppServer {
            name,
            addr,
            child,
            log,
        })
    }

    /// Waits until the server answers `/healthz`; fails when it exits or takes too long.
    pub(super) async fn wait_up(&mut self) -> Result<Duration, StartError> {
        let url = format!("http://{}/healthz", self.addr);
        let started = Instant::now();
        let client = reqwest::Client::new();
        loop {
            if client
                .get(&url)
                .send()
                .await
                .is_ok_and(|answer| answer.status().is_success())
            {
                return Ok(started.elapsed());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(fail(format!("{} exited at start ({status})", self.name)));
            }
            if started.elapsed() > START_TIMEOUT {
                return Err(fail(format!(
                    "{} did not answer within {} s",
                    self.name,
                    START_TIMEOUT.as_secs()
                )));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sends SIGTERM, as systemd stops the service.
    pub(super) fn terminate(&self) -> Result<(), StartError> {
        signal(&self.child, "TERM")
    }

    /// Waits until the process has exited after [`AppServer::terminate`]; how long that took, and
    /// how it ended.
    pub(super) async fn wait_exit(&mut self) -> Result<(Duration, ExitStatus), StartError> {
        let started = Instant::now();
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return Ok((started.elapsed(), status)),
                Ok(None) if started.elapsed() < STOP_TIMEOUT => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Ok(None) => {
                    return Err(fail(format!(
                        "{} still ran {} s after SIGTERM",
                        self.name,
                        STOP_TIMEOUT.as_secs()
                    )))
                }
                Err(err) => return Err(fail(format!("{}: {err}", self.name))),
            }
        }
    }

    /// The last lines the server wrote, for a failure's report.
    pub(super) fn log_tail(&self, lines: usize) -> String {
        tail(&self.log, lines)
    }
}

impl Drop for AppServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// nginx as the current user, with its configuration, logs and temporary files in the test's
/// folder. Two front doors: `both` balances over both servers, `one` sends everything to the
/// first, so that the same rush can be measured against one server and against two.
pub(super) struct Proxy {
    pub(super) both: String,
    pub(super) one: String,
    child: Child,
    error_log: PathBuf,
}

impl Proxy {
    pub(super) fn start(
        nginx: &Path,
        dir: &Path,
        ports: (u16, u16),
        servers: [&AppServer; 2],
    ) -> Result<Proxy, StartError> {
        let conf = dir.join("nginx.conf");
        let error_log = dir.join("nginx-error.log");
        std::fs::write(&conf, config(dir, ports, servers))
            .map_err(|err| fail(format!("{}: {err}", conf.display())))?;
        let child = Command::new(nginx)
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(&error_log)
            .args(["-g", "daemon off;"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| fail(format!("{}: {err}", nginx.display())))?;
        Ok(Proxy {
            both: format!("http://127.0.0.1:{}", ports.0),
            one: format!("http://127.0.0.1:{}", ports.1),
            child,
            error_log,
        })
    }

    /// Waits until both front doors answer `/healthz` through a server.
    pub(super) async fn wait_up(&mut self) -> Result<(), StartError> {
        let client = reqwest::Client::new();
        let started = Instant::now();
        for base in [self.both.clone(), self.one.clone()] {
            loop {
                if client
                    .get(format!("{base}/healthz"))
                    .send()
                    .await
                    .is_ok_and(|answer| answer.status().is_success())
                {
                    break;
                }
                if let Ok(Some(status)) = self.child.try_wait() {
                    return Err(fail(format!(
                        "nginx exited at start ({status}): {}",
                        tail(&self.error_log, 20)
                    )));
                }
                if started.elapsed() > Duration::from_secs(30) {
                    return Err(fail(format!(
                        "nginx did not pass {base}/healthz on within 30 s: {}",
                        tail(&self.error_log, 20)
                    )));
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        Ok(())
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        // SIGTERM: the master stops its workers before it exits.
        if signal(&self.child, "TERM").is_err() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// The nginx configuration: the README's proxy headers, and `X-Upstream` on every answer so that
/// the test sees which server gave it. No keep-alive towards the servers: every request opens a
/// connection, so that a stopping server's refused connections send the request to the other
/// server (nginx passes a POST on only when it was not sent yet).
fn config(dir: &Path, ports: (u16, u16), servers: [&AppServer; 2]) -> String {
    let dir = dir.display();
    // Run as root, nginx would hand its workers to `nobody`, who cannot write the temporary files.
    let user = if is_root() { "user root;\n" } else { "" };
    let location = |upstream: &str| {
        format!(
            "        location / {{
            proxy_pass http://{upstream};
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Request-Id $request_id;
            add_header X-Upstream $upstream_addr always;
        }}"
        )
    };
    format!(
        "{user}worker_processes 1;
worker_rlimit_nofile 20000;
pid {dir}/nginx.pid;
events {{
    worker_connections 8000;
}}
http {{
    log_format upstream '$remote_addr \"$request\" $status $upstream_addr $request_id $request_time';
    access_log {dir}/nginx-access.log upstream buffer=64k;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    client_max_body_size 12m;
    upstream both {{
        server {a};
        server {b};
    }}
    upstream one {{
        server {a};
    }}
    server {{
        listen 127.0.0.1:{both};
{both_location}
    }}
    server {{
        listen 127.0.0.1:{one};
{one_location}
    }}
}}
",
        a = servers[0].addr,
        b = servers[1].addr,
        both = ports.0,
        one = ports.1,
        both_location = location("both"),
        one_location = location("one"),
    )
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

fn signal(child: &Child, name: &str) -> Result<(), StartError> {
    let status = Command::new("kill")
        .args(["-s", name, &child.id().to_string()])
        .status()
        .map_err(|err| fail(format!("kill: {err}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(fail(format!("kill -s {name} {} failed", child.id())))
    }
}

fn tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
