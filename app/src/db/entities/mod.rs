//! sea-orm entities, one per table. They mirror the migrations; queries go through them so that the
//! same code runs on SQLite and PostgreSQL.

pub mod account;
pub mod agenda_file;
pub mod agenda_item;
pub mod attachment;
pub mod attendance;
pub mod audit_entry;
pub mod availability;
pub mod booking;
pub mod class;
pub mod conference;
pub mod conference_class;
pub mod course;
pub mod digest_entry;
pub mod digest_run;
pub mod document;
pub mod evaluation;
pub mod family;
pub mod family_member;
pub mod import_draft;
pub mod kept_form;
pub mod lesson;
pub mod live_session;
pub mod lvs_remark;
pub mod mailbox_entry;
pub mod material;
pub mod message;
pub mod notification_preference;
pub mod outbox;
pub mod platform;
pub mod school_address;
pub mod score;
pub mod session;
pub mod slot;
pub mod sub_account;
pub mod token;
