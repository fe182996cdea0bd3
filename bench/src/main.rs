//! `school-bench`: the figures the product's speed goals are judged by, and the Oudercontact load
//! test. A binary of its own so that the production `school` binary carries neither this code nor
//! its HTTP client, and cannot be asked to write a load school into a school's database.

mod http;
mod import;
mod load_oudercontact;
mod measure;
mod pages;
mod scale;
mod sign_in;
mod teaching;
mod throwaway;

use std::process::ExitCode;

const USAGE: &str = "usage: school-bench http [--server <binary>] [--site <folder>]
       school-bench sign-in
       school-bench pages
       school-bench import
       school-bench teaching
       school-bench load-oudercontact [--database <URL of an empty database>]
       school-bench scale --database <URL of an empty PostgreSQL database>
                          --maildev <maildev's web URL> --smtp <maildev's SMTP URL>
                          [--nginx <binary>] [--server <binary>] [--site <folder>]
       school-bench --help";

const HELP: &str = "
Commands:
  http               The pages through real HTTP with wrk, on the production binary
                     (target/release/school, or --server) serving the demo from a throw-away
                     SQLite file with the site in target/site (or --site): a static file,
                     Mijn kinderen and the Schoolagenda of a parent of two children at two
                     schools, the agenda while the sign-in is flooded with wrong passwords,
                     and the wasm and JavaScript of a first page as sent with brotli. Each
                     figure beside its goal.
  sign-in            Sign-ins per second (usernames without co-accounts and with four) against
                     raw argon2id evaluations per second, on a throw-away SQLite file.
  pages              Whole pages per second through the real router on the demo, in a
                     throw-away SQLite file: the agenda of one's own child against a child
                     reached through the family switcher, Mijn kinderen of one child against
                     two, and a Berichten inbox of 10,000 messages against an empty one.
  import             A school's start of the year through the real router, in a throw-away
                     SQLite file: a new platform, the import of 1,500 pupils with two parents
                     each (upload, preview, confirmation), the same file again, and the
                     letters of every class (4,500 start passwords).
  teaching           A teacher's score grid and the daily digest, through the real router on
                     an imported school in a throw-away SQLite file: saving 30 scores with
                     feedback, publishing them (which tells every parent), and the digest of
                     1,000 families with three lines of news each.
  load-oudercontact  A thousand parents book their Oudercontact talks at once through the real
                     server over HTTP; fails on any server error, double booking or talk not
                     booked.
  scale              Two production servers (target/release/school, or --server) on one
                     PostgreSQL with nginx (/usr/sbin/nginx, or --nginx) in front and maildev
                     catching the mail: both start at the same moment on the empty database;
                     one session is served by both; a message gives exactly one mail; the
                     sign-in limit counts across both; a thousand parents book through the
                     proxy against one server and against both (bookings per second of each)
                     with nothing booked twice; a server stopped mid-rush loses no accepted
                     booking and no queued mail. Fails when any check fails.

Where load-oudercontact writes: it writes a whole load school, so it only ever writes into a
database of its own. Without --database it creates a fresh SQLite file in the temporary folder
and removes it afterwards. With --database it uses that database only if it holds none of the
app's tables yet (as `createdb` leaves it) and refuses any other, so it cannot write into a
school's database. It never reads DATABASE_URL. scale likewise takes only an empty
PostgreSQL database.";

/// Where `scripts/bench` builds the production binary and the site.
const DEFAULT_SERVER: &str = "target/release/school";
const DEFAULT_SITE: &str = "target/site";
/// Debian's nginx.
const DEFAULT_NGINX: &str = "/usr/sbin/nginx";

#[derive(Debug, PartialEq, Eq)]
enum Command {
    Http { server: String, site: String },
    SignIn,
    Pages,
    Import,
    Teaching,
    LoadOudercontact { database: Option<String> },
    Scale(scale::Options),
    Help,
}

impl Command {
    fn parse(args: &[String]) -> Result<Command, String> {
        match args {
            [cmd, rest @ ..] if cmd == "http" => {
                let (mut server, mut site) = (DEFAULT_SERVER.to_owned(), DEFAULT_SITE.to_owned());
                for pair in rest.chunks(2) {
                    match pair {
                        [flag, value] if flag == "--server" => server.clone_from(value),
                        [flag, value] if flag == "--site" => site.clone_from(value),
                        _ => return Err(USAGE.to_owned()),
                    }
                }
                Ok(Command::Http { server, site })
            }
            [cmd] if cmd == "sign-in" => Ok(Command::SignIn),
            [cmd] if cmd == "pages" => Ok(Command::Pages),
            [cmd] if cmd == "import" => Ok(Command::Import),
            [cmd] if cmd == "teaching" => Ok(Command::Teaching),
            [cmd] if cmd == "load-oudercontact" => Ok(Command::LoadOudercontact { database: None }),
            [cmd, flag, url] if cmd == "load-oudercontact" && flag == "--database" => {
                Ok(Command::LoadOudercontact {
                    database: Some(url.clone()),
                })
            }
            [cmd, rest @ ..] if cmd == "scale" => Command::parse_scale(rest),
            [flag] if flag == "--help" || flag == "-h" || flag == "help" => Ok(Command::Help),
            _ => Err(USAGE.to_owned()),
        }
    }

    fn parse_scale(flags: &[String]) -> Result<Command, String> {
        let (mut database, mut maildev, mut smtp) = (None, None, None);
        let mut options = scale::Options {
            database: String::new(),
            maildev: String::new(),
            smtp: String::new(),
            nginx: DEFAULT_NGINX.into(),
            server: DEFAULT_SERVER.into(),
            site: DEFAULT_SITE.into(),
        };
        for pair in flags.chunks(2) {
            match pair {
                [flag, value] if flag == "--database" => database = Some(value.clone()),
                [flag, value] if flag == "--maildev" => maildev = Some(value.clone()),
                [flag, value] if flag == "--smtp" => smtp = Some(value.clone()),
                [flag, value] if flag == "--nginx" => options.nginx = value.into(),
                [flag, value] if flag == "--server" => options.server = value.into(),
                [flag, value] if flag == "--site" => options.site = value.into(),
                _ => return Err(USAGE.to_owned()),
            }
        }
        match (database, maildev, smtp) {
            (Some(database), Some(maildev), Some(smtp)) => Ok(Command::Scale(scale::Options {
                database,
                maildev: maildev.trim_end_matches('/').to_owned(),
                smtp,
                ..options
            })),
            _ => Err(USAGE.to_owned()),
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    if let Err(err) = server::init_logging() {
        eprintln!("{err}");
        return ExitCode::from(2);
    }

    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match Command::parse(&args) {
        Ok(Command::Help) => {
            println!("{USAGE}\n{HELP}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Http { server, site }) => http::run(server.into(), site.into()).await,
        Ok(Command::SignIn) => sign_in::run().await,
        Ok(Command::Pages) => pages::run().await,
        Ok(Command::Import) => import::run().await,
        Ok(Command::Teaching) => teaching::run().await,
        Ok(Command::LoadOudercontact { database }) => load_oudercontact::run(database).await,
        Ok(Command::Scale(options)) => scale::run(options).await,
        Err(usage) => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err}");
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn the_measuring_commands_take_no_arguments() {
        assert_eq!(Command::parse(&args("sign-in")), Ok(Command::SignIn));
        assert_eq!(Command::parse(&args("pages")), Ok(Command::Pages));
        assert_eq!(Command::parse(&args("teaching")), Ok(Command::Teaching));
        assert_eq!(
            Command::parse(&args("load-oudercontact")),
            Ok(Command::LoadOudercontact { database: None })
        );
        assert!(Command::parse(&args("load-oudercontact sintclara")).is_err());
        assert!(Command::parse(&args("sign-in sintclara")).is_err());
        assert!(Command::parse(&args("")).is_err());
    }

    #[test]
    fn the_http_measurement_takes_the_server_and_site_by_their_flags() {
        assert_eq!(
            Command::parse(&args("http")),
            Ok(Command::Http {
                server: DEFAULT_SERVER.to_owned(),
                site: DEFAULT_SITE.to_owned()
            })
        );
        assert_eq!(
            Command::parse(&args("http --site /srv/site --server /usr/bin/school")),
            Ok(Command::Http {
                server: "/usr/bin/school".to_owned(),
                site: "/srv/site".to_owned()
            })
        );
        assert!(Command::parse(&args("http --server")).is_err());
        assert!(Command::parse(&args("http /usr/bin/school")).is_err());
    }

    #[test]
    fn the_load_test_takes_a_database_only_by_its_flag() {
        assert_eq!(
            Command::parse(&args("load-oudercontact --database postgres://x/leeg")),
            Ok(Command::LoadOudercontact {
                database: Some("postgres://x/leeg".to_owned())
            })
        );
        assert!(Command::parse(&args("load-oudercontact postgres://x/leeg")).is_err());
        assert!(Command::parse(&args("load-oudercontact --database")).is_err());
    }

    #[test]
    fn the_scale_test_needs_its_database_and_maildev_and_finds_the_rest_by_default() {
        let needed = "scale --database postgres://x/leeg --maildev http://127.0.0.1:1080/ \
                      --smtp smtp://127.0.0.1:1025";
        assert_eq!(
            Command::parse(&args(needed)),
            Ok(Command::Scale(scale::Options {
                database: "postgres://x/leeg".to_owned(),
                maildev: "http://127.0.0.1:1080".to_owned(),
                smtp: "smtp://127.0.0.1:1025".to_owned(),
                nginx: DEFAULT_NGINX.into(),
                server: DEFAULT_SERVER.into(),
                site: DEFAULT_SITE.into(),
            }))
        );
        assert_eq!(
            Command::parse(&args(&format!(
                "{needed} --nginx /opt/nginx --site /srv/site"
            ))),
            Ok(Command::Scale(scale::Options {
                database: "postgres://x/leeg".to_owned(),
                maildev: "http://127.0.0.1:1080".to_owned(),
                smtp: "smtp://127.0.0.1:1025".to_owned(),
                nginx: "/opt/nginx".into(),
                server: DEFAULT_SERVER.into(),
                site: "/srv/site".into(),
            }))
        );
        assert!(Command::parse(&args("scale --database postgres://x/leeg")).is_err());
        assert!(Command::parse(&args(&format!("{needed} --nginx"))).is_err());
        assert!(Command::parse(&args("scale postgres://x/leeg")).is_err());
    }
}
