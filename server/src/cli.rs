//! The command line of the server binary: serving is the default; the other commands are for the
//! people who run a school's platform. The benchmarks and the load test are not here but in the
//! `bench` workspace member (`school-bench`), so that production carries none of them.

use std::path::PathBuf;

use app::auth;
use chrono::Utc;

use crate::{Config, StartError};

pub enum Command {
    Serve,
    /// `--help`: what the commands are, printed to standard output.
    Help(&'static str),
    /// A new school: its platform and first admin, whose start password is printed once.
    CreatePlatform {
        slug: String,
        name: String,
        city: String,
    },
    /// Enable a person that a school admin disabled (or that is locked).
    EnableAccount {
        platform: String,
        username: String,
        idx: i16,
    },
    DisableAccount {
        platform: String,
        username: String,
        idx: i16,
    },
    /// Give a person a new one-time start password, printed once.
    NewStartPassword {
        platform: String,
        username: String,
        idx: i16,
    },
    /// Send the news waiting for the daily digest now, instead of at `DIGEST_HOUR`.
    SendDigest,
    /// A consistent copy of the running SQLite database into a new file.
    Backup {
        to: PathBuf,
    },
    /// A backup becomes the database (server stopped, database file moved aside).
    Restore {
        from: PathBuf,
    },
}

pub const USAGE: &str = "usage: school [serve]
       school create-platform <platform> \"<school name>\" <city>
       school enable-account <platform> <username> [<sub-account index, 0 = pupil>]
       school disable-account <platform> <username> [<sub-account index>]
       school new-start-password <platform> <username> [<sub-account index>]
       school send-digest
       school backup <file>
       school restore <file>
       school <command> --help

The settings come from the environment (DATABASE_URL, SITE_ADDR, BASE_URL, SMTP_URL, ...): see
the README's settings table.";

/// What `school <command> --help` prints, per command.
const HELP: [(&str, &str); 8] = [
    (
        "serve",
        "usage: school [serve]

Serves the platform at SITE_ADDR (127.0.0.1:3000) on DATABASE_URL (sqlite://data/school.db),
bringing the schema up to date first; with DEMO=true an empty database gets the demo schools.
Stops cleanly on Ctrl-C or SIGTERM: requests under way and queued mail are finished or kept.",
    ),
    ("create-platform", CREATE_PLATFORM_HELP),
    (
        "enable-account",
        "usage: school enable-account <platform> <username> [<sub-account index>]

Enables a person that a school admin disabled, or that is locked after wrong passwords. The
index is 0 for the pupil (the default) and 1, 2, ... for the co-accounts.

example: school enable-account sintclara noah.maes 1",
    ),
    (
        "disable-account",
        "usage: school disable-account <platform> <username> [<sub-account index>]

Disables a person: their sessions end and they cannot sign in until enabled again. The index
is 0 for the pupil (the default) and 1, 2, ... for the co-accounts.",
    ),
    (
        "new-start-password",
        "usage: school new-start-password <platform> <username> [<sub-account index>]

Gives a person a new start password and prints it once; the old password stops working and a
new one must be chosen at the next sign-in. The index is 0 for the pupil (the default).",
    ),
    (
        "send-digest",
        "usage: school send-digest

Puts the daily digest mails of the news waiting for them into the outbox now, instead of at
DIGEST_HOUR; a running server sends them.",
    ),
    (
        "backup",
        "usage: school backup <file>

Copies the SQLite database, while the server runs, into a new file: consistent as of one
moment, then checked. The file must not exist. For PostgreSQL use pg_dump (see the README).

example: school backup /var/backups/school/school-$(date +%F).db",
    ),
    (
        "restore",
        "usage: school restore <file>

Makes a backup the database at DATABASE_URL. Stop the server and move the old database file
(with its -wal and -shm files) aside first: restore never overwrites. Then start the server.",
    ),
];

/// What `school create-platform --help` prints.
pub const CREATE_PLATFORM_HELP: &str =
    "usage: school create-platform <platform> \"<school name>\" <city>

Creates a school's platform and its first admin, and prints the admin's start password once.
<platform> is the school's address on this server (https://<server>/<platform>): 3 to 40
lowercase letters a-z, digits and '-', beginning with a letter. The admin signs in there with
the username 'beheer' and the start password, chooses a password, and works on in the browser
under Beheer: import the pupils, print the letters.

example: school create-platform sintjan-brugge \"Sint-Jansschool\" Brugge";

/// The help of `command`, or the general usage.
fn help(command: Option<&str>) -> &'static str {
    HELP.iter()
        .find(|(name, _)| Some(*name) == command)
        .map_or(USAGE, |(_, text)| text)
}

impl Command {
    pub fn parse(args: &[String]) -> Result<Command, String> {
        let person = |cmd: &str, rest: &[String]| -> Result<(String, String, i16), String> {
            match rest {
                [platform, username] => Ok((platform.clone(), username.clone(), 0)),
                [platform, username, idx] => idx
                    .parse()
                    .map(|idx| (platform.clone(), username.clone(), idx))
                    .map_err(|_| format!("not a sub-account index: {idx}")),
                _ => Err(help(Some(cmd)).to_owned()),
            }
        };
        if args.iter().any(|arg| arg == "--help" || arg == "-h") {
            return Ok(Command::Help(help(args.first().map(String::as_str))));
        }
        match args {
            [cmd] if cmd == "help" => Ok(Command::Help(USAGE)),
            [cmd, slug, name, city] if cmd == "create-platform" => Ok(Command::CreatePlatform {
                slug: slug.clone(),
                name: name.clone(),
                city: city.clone(),
            }),
            [cmd, file] if cmd == "backup" => Ok(Command::Backup { to: file.into() }),
            [cmd, file] if cmd == "restore" => Ok(Command::Restore { from: file.into() }),
            [cmd] if cmd == "serve" => Ok(Command::Serve),
            [cmd] if cmd == "send-digest" => Ok(Command::SendDigest),
            [cmd, rest @ ..] if cmd == "enable-account" => {
                let (platform, username, idx) = person(cmd, rest)?;
                Ok(Command::EnableAccount {
                    platform,
                    username,
                    idx,
                })
            }
            [cmd, rest @ ..] if cmd == "disable-account" => {
                let (platform, username, idx) = person(cmd, rest)?;
                Ok(Command::DisableAccount {
                    platform,
                    username,
                    idx,
                })
            }
            [cmd, rest @ ..] if cmd == "new-start-password" => {
                let (platform, username, idx) = person(cmd, rest)?;
                Ok(Command::NewStartPassword {
                    platform,
                    username,
                    idx,
                })
            }
            // A known command with the wrong arguments: its own help.
            [cmd, ..] => Err(help(Some(cmd)).to_owned()),
            [] => Ok(Command::Serve),
        }
    }
}

/// Creates a school's platform and first admin; says how the admin signs in.
pub async fn create_platform(
    config: &Config,
    slug: &str,
    name: &str,
    city: &str,
) -> Result<String, StartError> {
    let db = crate::prepare(config).await?;
    let auth = auth::Auth::new(&config.base_url);
    let created = app::services::beheer::platform::create(&db, &auth, slug, name, city, Utc::now())
        .await
        .map_err(|err| StartError::Command(err.to_string()))?;
    Ok(format!(
        "The platform of {name} is ready: {base}/{slug}\n\
         Its first admin signs in there with\n  username:       {username}\n  start password: {start}\n\
         The start password works once: at the first sign-in a new password must be chosen.\n\
         Then, under Beheer: import the pupils (CSV) and print the letters.",
        base = config.base_url.trim_end_matches('/'),
        slug = created.slug,
        username = created.admin_username,
        start = created.start_password,
    ))
}

/// Gives one person a new start password and prints it; the person must change it at sign-in.
pub async fn new_start_password(
    config: &Config,
    platform: &str,
    username: &str,
    idx: i16,
) -> Result<String, StartError> {
    let db = crate::prepare(config).await?;
    let person = auth::find_person(&db, platform, username, idx)
        .await?
        .ok_or_else(|| StartError::Command(format!("no person {platform}/{username} #{idx}")))?;
    let start = auth::new_start_password(
        &db,
        &auth::Auth::new(&config.base_url),
        person.id,
        Utc::now(),
    )
    .await
    .map_err(|err| StartError::Command(err.to_string()))?;
    Ok(format!(
        "{} {} ({platform}/{username} #{idx}) has a new start password: {start}\nThe old password no longer works; at the next sign-in a new one must be chosen.",
        person.first_name, person.last_name
    ))
}

/// Sends the waiting digest news now; says how many mails went to the outbox (a running server
/// delivers them).
pub async fn send_digest(config: &Config) -> Result<String, StartError> {
    let db = crate::prepare(config).await?;
    let sent = app::services::notifications::digest::send(&db, &config.base_url).await?;
    Ok(format!("{sent} digest mail(s) queued in the outbox"))
}

/// Enables or disables one person; prints what it did.
pub async fn set_enabled(
    config: &Config,
    platform: &str,
    username: &str,
    idx: i16,
    enabled: bool,
) -> Result<String, StartError> {
    let db = crate::prepare(config).await?;
    let person = auth::find_person(&db, platform, username, idx)
        .await?
        .ok_or_else(|| StartError::Command(format!("no person {platform}/{username} #{idx}")))?;
    let outcome = if enabled {
        auth::enable(&db, person.id).await
    } else {
        auth::disable(&db, person.id, Utc::now()).await
    };
    outcome.map_err(|err| StartError::Command(err.to_string()))?;
    Ok(format!(
        "{} {} ({platform}/{username} #{idx}) is {}",
        person.first_name,
        person.last_name,
        if enabled { "enabled" } else { "disabled" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn commands_are_read_with_the_pupil_as_default_person() {
        assert!(matches!(Command::parse(&args("")), Ok(Command::Serve)));
        assert!(matches!(Command::parse(&args("serve")), Ok(Command::Serve)));
        assert!(matches!(
            Command::parse(&args("enable-account sintclara noah.maes")),
            Ok(Command::EnableAccount { idx: 0, .. })
        ));
        assert!(matches!(
            Command::parse(&args("disable-account sintclara noah.maes 2")),
            Ok(Command::DisableAccount { idx: 2, .. })
        ));
        assert!(matches!(
            Command::parse(&args("new-start-password sintclara emma.janssens 1")),
            Ok(Command::NewStartPassword { idx: 1, .. })
        ));
        assert!(Command::parse(&args("enable-account sintclara")).is_err());
        assert!(Command::parse(&args("enable-account sintclara noah.maes x")).is_err());
        assert!(Command::parse(&args("anders")).is_err());
        assert!(matches!(
            Command::parse(&args("send-digest")),
            Ok(Command::SendDigest)
        ));
        assert!(matches!(
            Command::parse(&args("create-platform sintjan Sint-Jansschool Brugge")),
            Ok(Command::CreatePlatform { .. })
        ));
        assert!(Command::parse(&args("create-platform sintjan")).is_err());
        assert!(matches!(
            Command::parse(&args("create-platform --help")),
            Ok(Command::Help(CREATE_PLATFORM_HELP))
        ));
        assert!(matches!(
            Command::parse(&args("--help")),
            Ok(Command::Help(USAGE))
        ));
        assert!(matches!(
            Command::parse(&args("backup /tmp/copy.db")),
            Ok(Command::Backup { .. })
        ));
        assert!(matches!(
            Command::parse(&args("restore /tmp/copy.db")),
            Ok(Command::Restore { .. })
        ));
        let err = Command::parse(&args("backup")).err().unwrap_or_default();
        assert!(err.starts_with("usage: school backup <file>"), "{err}");
    }

    #[test]
    fn every_command_has_its_own_help() {
        for (name, _) in HELP {
            let Ok(Command::Help(text)) = Command::parse(&args(&format!("{name} --help"))) else {
                panic!("{name} --help is no help");
            };
            assert!(
                text.starts_with(&format!(
                    "usage: school {}",
                    name.replace("serve", "[serve]")
                )),
                "{name}: {text}"
            );
            assert!(
                USAGE.contains(&format!("school {name}")) || name == "serve",
                "{name} in the usage"
            );
        }
    }
}
