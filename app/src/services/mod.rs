//! Domain services: plain async Rust over sea-orm, called by the server functions and tested
//! without HTTP.

pub mod access;
pub mod beheer;
pub mod calendar;
pub mod documents;
pub mod kept_forms;
pub mod messages;
pub mod notifications;
pub mod oudercontact;
pub mod platforms;
pub mod school;
pub mod teaching;
pub mod time;
