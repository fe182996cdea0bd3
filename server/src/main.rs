use std::process::ExitCode;

use server::cli::{self, Command};

#[tokio::main]
async fn main() -> ExitCode {
    if let Err(err) = server::init_logging() {
        eprintln!("{err}");
        return ExitCode::from(2);
    }

    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match Command::parse(&args) {
        Ok(command) => command,
        Err(usage) => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    if let Command::Help(text) = command {
        println!("{text}");
        return ExitCode::SUCCESS;
    }
    let config = match server::Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(2);
        }
    };
    let outcome = match command {
        Command::Serve => server::run(config).await,
        Command::Help(_) => Ok(()),
        Command::CreatePlatform { slug, name, city } => {
            cli::create_platform(&config, &slug, &name, &city)
                .await
                .map(|done| println!("{done}"))
        }
        Command::EnableAccount {
            platform,
            username,
            idx,
        } => cli::set_enabled(&config, &platform, &username, idx, true)
            .await
            .map(|done| println!("{done}")),
        Command::DisableAccount {
            platform,
            username,
            idx,
        } => cli::set_enabled(&config, &platform, &username, idx, false)
            .await
            .map(|done| println!("{done}")),
        Command::NewStartPassword {
            platform,
            username,
            idx,
        } => cli::new_start_password(&config, &platform, &username, idx)
            .await
            .map(|done| println!("{done}")),
        Command::SendDigest => cli::send_digest(&config)
            .await
            .map(|done| println!("{done}")),
        Command::Backup { to } => server::backup::backup(&config, &to)
            .await
            .map(|done| println!("{done}")),
        Command::Restore { from } => server::backup::restore(&config, &from)
            .await
            .map(|done| println!("{done}")),
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
