//! Beheer: what a school's admins do to set up and run their platform.

pub mod import_file;
pub mod usernames;
