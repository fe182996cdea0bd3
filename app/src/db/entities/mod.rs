//! sea-orm entities, one per table. They mirror the migrations; queries go through them so that the
//! same code runs on SQLite and PostgreSQL.

pub mod account;
pub mod class;
pub mod course;
pub mod outbox;
pub mod platform;
pub mod session;
pub mod sub_account;
pub mod token;
