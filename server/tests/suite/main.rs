//! The server's integration tests, one binary: each module boots the real app (see `support`)
//! over HTTP, on SQLite and (with `TEST_DATABASE_URL`) on PostgreSQL. One binary links once, where a
//! binary per file linked the whole app once per file.

mod support;

mod access;
mod account_security;
mod beheer;
mod calendar;
mod data_layer;
mod defaults;
mod family;
mod foundation;
mod hardening;
mod mail;
mod messages;
mod notifications;
mod operations;
mod oudercontact;
mod sign_in;
mod statements;
mod teaching;
mod teaching_courses;
mod visibility;
