//! Schema migrations, run at every start on SQLite and PostgreSQL alike.
//!
//! Each later capability adds a migration of its own; an applied migration is never edited.

use sea_orm_migration::prelude::*;

mod m20261128_000001_core;
mod m20261128_000002_sign_in;
mod m20261128_000003_outbox;
mod m20261128_000004_modules;
mod m20261128_000005_family;
mod m20261128_000006_messages;
mod m20261128_000007_oudercontact;
mod m20261130_000008_account_security;
mod m20261130_000009_beheer;
mod m20261130_000010_teaching;
mod m20261130_000011_notifications;
mod m20261130_000012_agenda_files;
mod m20261130_000013_kept_forms;
mod m20261201_000014_calendar_feeds;
mod m20261201_000015_remembered_sessions;
mod m20261202_000016_sign_ins;
mod m20261203_000017_undelivered_mail;
mod m20261203_000018_moments_by_school;
mod m20261203_000019_lookups_by_key;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_core::Migration),
            Box::new(m20261128_000002_sign_in::Migration),
            Box::new(m20261128_000003_outbox::Migration),
            Box::new(m20261128_000004_modules::Migration),
            Box::new(m20261128_000005_family::Migration),
            Box::new(m20261128_000006_messages::Migration),
            Box::new(m20261128_000007_oudercontact::Migration),
            Box::new(m20261130_000008_account_security::Migration),
            Box::new(m20261130_000009_beheer::Migration),
            Box::new(m20261130_000010_teaching::Migration),
            Box::new(m20261130_000011_notifications::Migration),
            Box::new(m20261130_000012_agenda_files::Migration),
            Box::new(m20261130_000013_kept_forms::Migration),
            Box::new(m20261201_000014_calendar_feeds::Migration),
            Box::new(m20261201_000015_remembered_sessions::Migration),
            Box::new(m20261202_000016_sign_ins::Migration),
            Box::new(m20261203_000017_undelivered_mail::Migration),
            Box::new(m20261203_000018_moments_by_school::Migration),
            Box::new(m20261203_000019_lookups_by_key::Migration),
        ]
    }
}
