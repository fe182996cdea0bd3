//! Typed configuration, read once from the environment at start-up.
//!
//! Every setting has a default that runs the app on this machine; the demo schools, whose
//! passwords are public, only come with `DEMO=true`. A value that does not parse stops the server
//! with a message naming the variable, instead of failing later somewhere less obvious.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, Tokio1Executor};

use app::auth::sessions::Lifetimes;
use app::models::UploadLimits;

use crate::proxies::{ForwardedHeader, TrustedProxies};

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` (embedded default) or `postgres://…`.
    pub database_url: String,
    /// `SITE_ADDR`: where the server listens.
    pub site_addr: SocketAddr,
    /// `BASE_URL`: the public address, used for links that leave the browser (mails, printouts).
    pub base_url: String,
    /// `SITE_ROOT`: the folder that cargo-leptos filled with the wasm, the CSS and `public/`.
    pub site_root: PathBuf,
    /// `DEMO`: seed the demo schools into an empty database. Off unless asked for: the demo's
    /// passwords are public, so a production database must never get them by default.
    pub seed_demo: bool,
    /// `SMTP_URL`: the mail server (`smtp://host:port`, `smtps://…`, `smtp://…?tls=required`).
    /// Without it, mail is written as `.eml` files into `mail_dir` instead of being sent.
    pub smtp_url: Option<SmtpUrl>,
    /// `MAIL_DIR`: where mail is kept when no SMTP server is configured.
    pub mail_dir: PathBuf,
    /// `MAIL_FROM`: the sender of every mail.
    pub mail_from: Mailbox,
    /// `SIGN_IN_LIMIT_PER_CLIENT`: sign-in attempts one address may make in five minutes (30).
    /// Raise it where many people share one address, such as a school network on a parents'
    /// evening (or a test run whose browsers all come from one machine).
    pub sign_in_limit_per_client: i32,
    /// `HEADER_READ_TIMEOUT_SECS`: how long a client may take to send a request's headers (10).
    /// Also how long an idle connection stays open. A client that trickles its headers a byte at a
    /// time (slowloris) would otherwise hold a connection for as long as it likes.
    pub header_read_timeout: Duration,
    /// `REQUEST_TIMEOUT_SECS`: how long a request may take until its answer starts, reading its
    /// body included (120). An upload of 10 MB within it needs about 0.7 Mbit/s.
    pub request_timeout: Duration,
    /// `REQUEST_BODY_TIMEOUT_SECS`: how long a request body may go without sending anything (60).
    pub request_body_timeout: Duration,
    /// `DIGEST_HOUR`: the school-local hour (0–23) from which the day's digest mail goes out (17).
    pub digest_hour: u32,
    /// `TRUSTED_PROXIES`: the reverse proxies (addresses or networks, such as `127.0.0.1, ::1`)
    /// whose forwarding header names the client that rate limits count (none); with
    /// `FORWARDED_HEADER`, the header they write (`X-Forwarded-For`, or `Forwarded`). Behind a
    /// proxy that is not listed, every client counts as the proxy.
    pub trusted_proxies: TrustedProxies,
    /// `SESSION_IDLE_MINUTES` (120), `SESSION_MAX_HOURS` (24), `SESSION_REMEMBERED_DAYS` (30): a
    /// session ends after this long without a request, after this long whatever happens, and on a
    /// device where the person chose to stay signed in, after this long without a request.
    pub session_lifetimes: Lifetimes,
    /// `METRICS_TOKEN`: the token a Prometheus scraper sends (`Authorization: Bearer …`) to read
    /// `/metrics`; at least 20 characters. Without it there is no `/metrics` (none).
    pub metrics_token: Option<Arc<str>>,
    /// `DATABASE_POOL_SIZE`: the most database connections this server opens (8 on SQLite, 32 on
    /// PostgreSQL). On PostgreSQL, all servers together must stay below its `max_connections`.
    pub database_pool_size: Option<u32>,
    /// `UPLOAD_FILE_MB` (5): the largest file one may upload (a document, a course file, a planned
    /// item's attachment); `UPLOAD_MESSAGE_MB` (10): a message's attachments together. In MB of
    /// 1,024 × 1,024 bytes, from 1 to [`MAX_UPLOAD_MB`]. A proxy in front must let such a body
    /// through.
    pub upload_limits: UploadLimits,
    /// `COUNT_SQL_STATEMENTS`: answer every page and server function with the number of SQL
    /// statements it ran, in an `X-Sql-Statements` header (off). For measuring, not production.
    pub count_statements: bool,
}

/// The default of [`Config::digest_hour`]: after school, when the day's results and planning
/// are in.
pub const DEFAULT_DIGEST_HOUR: u32 = 17;

/// The largest `UPLOAD_FILE_MB` and `UPLOAD_MESSAGE_MB`: an upload is held in memory, about three
/// times over, while it is checked and stored, and neither database keeps a value of 1 GB.
pub const MAX_UPLOAD_MB: i64 = 256;

/// A setting that is a whole number from 1 to `most` of some `unit`, or its `default` when unset.
fn whole<T>(
    get: &impl Fn(&str) -> Option<String>,
    var: &'static str,
    most: i64,
    default: T,
    unit: fn(i64) -> T,
) -> Result<T, ConfigError> {
    let Some(value) = get(var) else {
        return Ok(default);
    };
    value
        .trim()
        .parse()
        .ok()
        .filter(|n: &i64| (1..=most).contains(n))
        .map(unit)
        .ok_or_else(|| ConfigError {
            var,
            problem: format!("must be a whole number from 1 to {most} (got {value:?})"),
        })
}

/// Megabytes of 1,024 × 1,024 bytes, as bytes.
fn megabytes(mb: i64) -> usize {
    usize::try_from(mb).unwrap_or(0) * 1024 * 1024
}

/// The shortest `METRICS_TOKEN`: long enough not to be guessed.
pub const MIN_METRICS_TOKEN_CHARS: usize = 20;

/// The defaults of the timeouts in [`Config`].
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
pub const DEFAULT_REQUEST_BODY_TIMEOUT: Duration = Duration::from_secs(60);

/// An SMTP address that lettre accepts. It may hold a password, so it prints without one.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl(String);

impl SmtpUrl {
    pub fn parse(value: &str) -> Result<SmtpUrl, String> {
        let value = value.trim();
        // lettre builds a transport for `smtp://` with an empty host, which then fails at every send.
        let authority = value
            .split_once("://")
            .map(|(_, rest)| rest.split(['/', '?']).next().unwrap_or_default())
            .unwrap_or_default();
        let host = authority.rsplit('@').next().unwrap_or_default();
        if host.is_empty() || host.starts_with(':') {
            return Err("it names no host".to_owned());
        }
        AsyncSmtpTransport::<Tokio1Executor>::from_url(value)
            .map(|_| SmtpUrl(value.to_owned()))
            .map_err(|err| err.to_string())
    }

    /// The whole address, password included: only for building the transport.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (scheme, rest) = self.0.split_once("://").unwrap_or(("", &self.0));
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        match rest[..authority_end].rsplit_once('@') {
            Some((_, host)) => write!(f, "{scheme}://***@{host}{}", &rest[authority_end..]),
            None => f.write_str(&self.0),
        }
    }
}

impl fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SmtpUrl({self})")
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("configuration: {var} {problem}")]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|var| std::env::var(var).ok())
    }

    /// Reads the configuration through `lookup`, so that tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let get = |var: &str| lookup(var).filter(|value| !value.trim().is_empty());

        let database_url =
            get("DATABASE_URL").unwrap_or_else(|| "sqlite://data/school.db".to_owned());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError {
                var: "DATABASE_URL",
                problem: "must start with sqlite:, postgres:// or postgresql://".to_owned(),
            });
        }

        let site_addr = match get("SITE_ADDR") {
            Some(value) => value.trim().parse().map_err(|_| ConfigError {
                var: "SITE_ADDR",
                problem: format!(
                    "is not an address with a port, such as 127.0.0.1:3000 (got {value:?})"
                ),
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
        };

        let base_url = match get("BASE_URL") {
            Some(value) => {
                let value = value.trim().trim_end_matches('/').to_owned();
                let rest = value
                    .strip_prefix("https://")
                    .or_else(|| value.strip_prefix("http://"));
                match rest {
                    Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => value,
                    _ => {
                        return Err(ConfigError {
                            var: "BASE_URL",
                            problem: format!(
                                "must be an http:// or https:// address (got {value:?})"
                            ),
                        })
                    }
                }
            }
            None => format!("http://{site_addr}"),
        };

        let site_root = get("SITE_ROOT")
            .or_else(|| get("LEPTOS_SITE_ROOT"))
            .unwrap_or_else(|| "target/site".to_owned())
            .into();

        let switch = |var: &'static str| match get(var).as_deref().map(str::trim) {
            Some("1" | "true" | "yes" | "on") => Ok(true),
            None | Some("0" | "false" | "no" | "off") => Ok(false),
            Some(other) => Err(ConfigError {
                var,
                problem: format!("must be true or false (got {other:?})"),
            }),
        };
        let seed_demo = switch("DEMO")?;
        let count_statements = switch("COUNT_SQL_STATEMENTS")?;

        let smtp_url = get("SMTP_URL")
            .map(|value| {
                SmtpUrl::parse(&value).map_err(|reason| ConfigError {
                    var: "SMTP_URL",
                    problem: format!(
                        "is not an SMTP address such as smtp://127.0.0.1:1025 or smtps://user:password@mail.example ({reason})"
                    ),
                })
            })
            .transpose()?;

        let mail_dir = get("MAIL_DIR")
            .unwrap_or_else(|| "data/mail".to_owned())
            .into();

        let sign_in_limit_per_client = match get("SIGN_IN_LIMIT_PER_CLIENT") {
            Some(value) => value
                .trim()
                .parse()
                .ok()
                .filter(|hits: &i32| *hits > 0)
                .ok_or_else(|| ConfigError {
                    var: "SIGN_IN_LIMIT_PER_CLIENT",
                    problem: format!("must be a positive whole number (got {value:?})"),
                })?,
            None => app::auth::rate_limit::SIGN_IN_PER_CLIENT.hits,
        };

        let seconds = |var: &'static str, default: Duration| match get(var) {
            Some(value) => value
                .trim()
                .parse()
                .ok()
                .filter(|secs: &u64| *secs > 0)
                .map(Duration::from_secs)
                .ok_or_else(|| ConfigError {
                    var,
                    problem: format!("must be a positive number of seconds (got {value:?})"),
                }),
            None => Ok(default),
        };
        let header_read_timeout = seconds("HEADER_READ_TIMEOUT_SECS", DEFAULT_HEADER_READ_TIMEOUT)?;
        let request_timeout = seconds("REQUEST_TIMEOUT_SECS", DEFAULT_REQUEST_TIMEOUT)?;
        let request_body_timeout =
            seconds("REQUEST_BODY_TIMEOUT_SECS", DEFAULT_REQUEST_BODY_TIMEOUT)?;

        let digest_hour = match get("DIGEST_HOUR") {
            Some(value) => value
                .trim()
                .parse()
                .ok()
                .filter(|hour: &u32| *hour < 24)
                .ok_or_else(|| ConfigError {
                    var: "DIGEST_HOUR",
                    problem: format!("must be an hour from 0 to 23 (got {value:?})"),
                })?,
            None => DEFAULT_DIGEST_HOUR,
        };

        let forwarded_header = ForwardedHeader::parse(&get("FORWARDED_HEADER").unwrap_or_default())
            .map_err(|problem| ConfigError {
                var: "FORWARDED_HEADER",
                problem,
            })?;
        let trusted_proxies = TrustedProxies::parse(&get("TRUSTED_PROXIES").unwrap_or_default())
            .map_err(|problem| ConfigError {
                var: "TRUSTED_PROXIES",
                problem,
            })?
            .with_header(forwarded_header);

        let mail_from = match get("MAIL_FROM") {
            Some(value) => value.trim().parse().map_err(|_| ConfigError {
                var: "MAIL_FROM",
                problem: format!(
                    "is not a sender such as Schoolplatform <no-reply@school.example> (got {value:?})"
                ),
            })?,
            None => default_mail_from(),
        };

        let defaults = Lifetimes::default();
        let session_lifetimes = Lifetimes {
            idle: whole(
                &get,
                "SESSION_IDLE_MINUTES",
                24 * 60,
                defaults.idle,
                chrono::Duration::minutes,
            )?,
            absolute: whole(
                &get,
                "SESSION_MAX_HOURS",
                24 * 31,
                defaults.absolute,
                chrono::Duration::hours,
            )?,
            remembered: whole(
                &get,
                "SESSION_REMEMBERED_DAYS",
                366,
                defaults.remembered,
                chrono::Duration::days,
            )?,
        };

        let metrics_token = match get("METRICS_TOKEN") {
            Some(value) if value.trim().chars().count() >= MIN_METRICS_TOKEN_CHARS => {
                Some(Arc::from(value.trim()))
            }
            Some(_) => {
                return Err(ConfigError {
                    var: "METRICS_TOKEN",
                    problem: format!(
                        "must be at least {MIN_METRICS_TOKEN_CHARS} characters (such as the output of `openssl rand -hex 24`)"
                    ),
                })
            }
            None => None,
        };

        let defaults = UploadLimits::default();
        let upload_limits = UploadLimits {
            file: whole(
                &get,
                "UPLOAD_FILE_MB",
                MAX_UPLOAD_MB,
                defaults.file,
                megabytes,
            )?,
            message: whole(
                &get,
                "UPLOAD_MESSAGE_MB",
                MAX_UPLOAD_MB,
                defaults.message,
                megabytes,
            )?,
        };

        let database_pool_size = match get("DATABASE_POOL_SIZE") {
            Some(value) => Some(
                value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|size: &u32| (1..=1000).contains(size))
                    .ok_or_else(|| ConfigError {
                        var: "DATABASE_POOL_SIZE",
                        problem: format!("must be a whole number from 1 to 1000 (got {value:?})"),
                    })?,
            ),
            None => None,
        };

        Ok(Config {
            database_url,
            site_addr,
            base_url,
            site_root,
            seed_demo,
            smtp_url,
            mail_dir,
            mail_from,
            sign_in_limit_per_client,
            digest_hour,
            count_statements,
            session_lifetimes,
            metrics_token,
            database_pool_size,
            upload_limits,
            trusted_proxies,
            header_read_timeout,
            request_timeout,
            request_body_timeout,
        })
    }

    /// The SQLite file behind `database_url`, if it is one, so that its folder can be created.
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        let rest = self.database_url.strip_prefix("sqlite:")?;
        let path = rest.trim_start_matches("//");
        let path = path.split('?').next().unwrap_or_default();
        (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
    }
}

fn default_mail_from() -> Mailbox {
    Mailbox::new(
        Some("Schoolplatform".to_owned()),
        lettre::Address::new("no-reply", "schoolplatform.localhost")
            .expect("the default sender is a valid address"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_lookup(|key| {
            vars.iter()
                .find(|(name, _)| *name == key)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    #[test]
    fn the_defaults_run_on_sqlite_without_the_demo() {
        let config = config(&[]).expect("defaults parse");
        assert_eq!(config.database_url, "sqlite://data/school.db");
        assert_eq!(config.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.base_url, "http://127.0.0.1:3000");
        assert!(!config.seed_demo);
        assert_eq!(config.sqlite_path(), Some(PathBuf::from("data/school.db")));
        assert_eq!(config.smtp_url, None);
        assert_eq!(config.mail_dir, PathBuf::from("data/mail"));
        assert_eq!(
            config.mail_from.to_string(),
            "Schoolplatform <no-reply@schoolplatform.localhost>"
        );
        assert_eq!(config.sign_in_limit_per_client, 30);
        assert!(config.trusted_proxies.is_empty());
        assert!(
            config.metrics_token.is_none(),
            "no /metrics unless asked for"
        );
        assert_eq!(config.database_pool_size, None);
        assert_eq!(config.session_lifetimes, Lifetimes::default());
        assert_eq!(config.upload_limits, UploadLimits::default());
        assert_eq!(config.upload_limits.file, 5 * 1024 * 1024);
        let larger = self::config(&[("UPLOAD_FILE_MB", "20"), ("UPLOAD_MESSAGE_MB", " 25 ")])
            .expect("parses");
        assert_eq!(larger.upload_limits.file, 20 * 1024 * 1024);
        assert_eq!(larger.upload_limits.message, 25 * 1024 * 1024);
        let short = self::config(&[
            ("SESSION_IDLE_MINUTES", "15"),
            ("SESSION_REMEMBERED_DAYS", "7"),
        ])
        .expect("parses");
        assert_eq!(short.session_lifetimes.idle, chrono::Duration::minutes(15));
        assert_eq!(
            short.session_lifetimes.remembered,
            chrono::Duration::days(7)
        );
        let raised = self::config(&[("SIGN_IN_LIMIT_PER_CLIENT", "300")]).expect("parses");
        assert_eq!(raised.sign_in_limit_per_client, 300);
    }

    #[test]
    fn the_demo_runs_only_when_asked_for() {
        for (value, seeded) in [
            ("true", true),
            ("1", true),
            (" yes ", true),
            ("on", true),
            ("false", false),
            ("0", false),
            ("", false),
        ] {
            let config = config(&[("DEMO", value)]).expect(value);
            assert_eq!(config.seed_demo, seeded, "DEMO={value:?}");
        }
    }

    #[test]
    fn a_bad_value_names_its_variable() {
        for (var, value) in [
            ("SITE_ADDR", "localhost"),
            ("DATABASE_URL", "mysql://x"),
            ("BASE_URL", "ftp://school"),
            ("BASE_URL", "https://"),
            ("DEMO", "maybe"),
            ("SMTP_URL", "http://mail.example"),
            ("SMTP_URL", "smtp://"),
            ("SMTP_URL", "smtp://mail.example?tls=sometimes"),
            ("MAIL_FROM", "no address here"),
            ("SIGN_IN_LIMIT_PER_CLIENT", "0"),
            ("SIGN_IN_LIMIT_PER_CLIENT", "veel"),
            ("HEADER_READ_TIMEOUT_SECS", "0"),
            ("REQUEST_TIMEOUT_SECS", "een minuut"),
            ("REQUEST_BODY_TIMEOUT_SECS", "-5"),
            ("TRUSTED_PROXIES", "127.0.0.1, proxy.local"),
            ("FORWARDED_HEADER", "X-Real-IP"),
            ("METRICS_TOKEN", "kort"),
            ("DATABASE_POOL_SIZE", "0"),
            ("DATABASE_POOL_SIZE", "veel"),
            ("SESSION_IDLE_MINUTES", "0"),
            ("SESSION_MAX_HOURS", "een dag"),
            ("SESSION_REMEMBERED_DAYS", "1000"),
            ("UPLOAD_FILE_MB", "0"),
            ("UPLOAD_FILE_MB", "5.5"),
            ("UPLOAD_MESSAGE_MB", "257"),
        ] {
            let err = config(&[(var, value)]).expect_err(var);
            assert_eq!(err.var, var);
            assert!(err.to_string().contains(var), "{err}");
        }
    }

    #[test]
    fn timeouts_have_defaults_and_can_be_set() {
        let defaults = config(&[]).expect("defaults parse");
        assert_eq!(defaults.header_read_timeout, Duration::from_secs(10));
        assert_eq!(defaults.request_timeout, Duration::from_secs(120));
        assert_eq!(defaults.request_body_timeout, Duration::from_secs(60));
        let set = config(&[
            ("HEADER_READ_TIMEOUT_SECS", "5"),
            ("REQUEST_TIMEOUT_SECS", " 120 "),
            ("REQUEST_BODY_TIMEOUT_SECS", "30"),
        ])
        .expect("parses");
        assert_eq!(set.header_read_timeout, Duration::from_secs(5));
        assert_eq!(set.request_timeout, Duration::from_secs(120));
        assert_eq!(set.request_body_timeout, Duration::from_secs(30));
    }

    #[test]
    fn base_url_follows_site_addr_unless_given() {
        let config = config(&[
            ("SITE_ADDR", "0.0.0.0:8080"),
            ("BASE_URL", "https://school.example/"),
        ])
        .expect("parses");
        assert_eq!(config.base_url, "https://school.example");
        assert_eq!(config.site_addr.port(), 8080);
    }

    #[test]
    fn postgres_has_no_sqlite_file() {
        let config =
            config(&[("DATABASE_URL", "postgres://u:p@localhost/school")]).expect("parses");
        assert_eq!(config.sqlite_path(), None);
    }

    #[test]
    fn smtp_accepts_plain_and_tls_addresses() {
        for url in [
            "smtp://127.0.0.1:1025",
            "smtps://mail.example",
            "smtp://mail.example:587?tls=required",
        ] {
            let config = config(&[("SMTP_URL", url)]).expect(url);
            assert_eq!(
                config.smtp_url.as_ref().map(SmtpUrl::expose),
                Some(url),
                "{url}"
            );
        }
    }

    #[test]
    fn the_smtp_password_never_prints() {
        let config = config(&[
            ("SMTP_URL", "smtps://mailer:s3cret@mail.example:465"),
            ("MAIL_FROM", "Sint-Clara <info@sintclara.example>"),
            ("MAIL_DIR", "/var/spool/school"),
        ])
        .expect("parses");
        let url = config.smtp_url.as_ref().expect("SMTP configured");
        assert_eq!(url.to_string(), "smtps://***@mail.example:465");
        assert!(!format!("{config:?}").contains("s3cret"));
        assert_eq!(url.expose(), "smtps://mailer:s3cret@mail.example:465");
        assert_eq!(config.mail_from.email.to_string(), "info@sintclara.example");
        assert_eq!(config.mail_dir, PathBuf::from("/var/spool/school"));
    }
}
