//! Notifications: what a teacher's write means for the families (and a parent's booking for the
//! teacher), told to each person the way they chose per kind: a mail at once, a line in the
//! day's digest, or nothing. Always in the person's own language, and always written in the
//! transaction of the write itself, so that news of something that did not happen never leaves.

pub mod digest;
mod lines;
pub mod settings;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::db::entities::{digest_entry, notification_preference, sub_account};
use crate::i18n::{fill, t, Key};
use crate::mail::{self, Mail};
use crate::models::{NotificationKind, NotificationMode};

pub use lines::line;

/// One piece of news for one person.
#[derive(Clone, Debug, PartialEq)]
pub struct News {
    pub kind: NotificationKind,
    /// The pupil (account) it is about; none for a teacher's booking.
    pub pupil: Option<i32>,
    /// The pupil's first name, for a mail sent at once.
    pub child: String,
    pub changed: bool,
    pub course: String,
    pub title: String,
    pub day: Option<NaiveDate>,
    pub points: Option<f64>,
    pub max: Option<f64>,
    pub code: Option<String>,
}

impl From<digest_entry::Model> for News {
    fn from(entry: digest_entry::Model) -> News {
        News {
            kind: entry.kind,
            pupil: entry.pupil_id,
            child: String::new(),
            changed: entry.changed,
            course: entry.course,
            title: entry.title,
            day: entry.day,
            points: entry.points,
            max: entry.max,
            code: entry.code,
        }
    }
}

impl News {
    pub fn new(kind: NotificationKind, child: &str, course: &str, title: &str) -> News {
        News {
            kind,
            pupil: None,
            child: child.to_owned(),
            changed: false,
            course: course.to_owned(),
            title: title.to_owned(),
            day: None,
            points: None,
            max: None,
            code: None,
        }
    }

    fn entry(&self, person: i32, now: DateTime<Utc>) -> digest_entry::ActiveModel {
        use sea_orm::Set;
        digest_entry::ActiveModel {
            person_id: Set(person),
            pupil_id: Set(self.pupil),
            kind: Set(self.kind),
            at: Set(now),
            changed: Set(self.changed),
            course: Set(self.course.clone()),
            title: Set(self.title.clone()),
            day: Set(self.day),
            points: Set(self.points),
            max: Set(self.max),
            code: Set(self.code.clone()),
            ..Default::default()
        }
    }
}

/// Where the news can be read on the platform.
fn path(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::Results => "/resultaten",
        NotificationKind::Agenda => "/agenda",
        NotificationKind::Remarks | NotificationKind::Absences => "/lvs",
        NotificationKind::Bookings => "/oudercontact",
    }
}

/// The people of `pupils` (accounts) whom news about them reaches: the pupil themselves
/// (`pupil`) and the co-accounts (`parents`), only those enabled with a confirmed address.
pub async fn people_of<C: ConnectionTrait>(
    db: &C,
    pupils: Vec<i32>,
    pupil: bool,
    parents: bool,
) -> Result<Vec<sub_account::Model>, DbErr> {
    if pupils.is_empty() || !(pupil || parents) {
        return Ok(Vec::new());
    }
    let mut query = sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.is_in(pupils))
        .filter(sub_account::Column::DisabledAt.is_null())
        .filter(sub_account::Column::EmailConfirmedAt.is_not_null());
    if !pupil {
        query = query.filter(sub_account::Column::Idx.ne(sub_account::PUPIL_IDX));
    }
    if !parents {
        query = query.filter(sub_account::Column::Idx.eq(sub_account::PUPIL_IDX));
    }
    query.all(db).await
}

/// Tells each person their news the way they chose: [`Announcement::prepare`] and
/// [`Announcement::write`] in `db`.
pub async fn announce<C: ConnectionTrait>(
    db: &C,
    base_url: &str,
    news: Vec<(sub_account::Model, News)>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    Announcement::prepare(db, base_url, news, now)
        .await?
        .write(db)
        .await
}

/// News made into what is written for it: the digest's lines and the mails, each in its person's
/// way and language.
#[must_use = "an announcement tells nobody until it is written"]
pub struct Announcement {
    entries: Vec<digest_entry::ActiveModel>,
    mails: Vec<Mail>,
}

impl Announcement {
    /// Reads how each person with a confirmed address chose to hear of the news' kind (one query,
    /// none when nobody has such an address) and makes the lines and mails. A write that must
    /// hold a lock briefly (a booking) prepares before its transaction begins.
    pub async fn prepare<C: ConnectionTrait>(
        db: &C,
        base_url: &str,
        news: Vec<(sub_account::Model, News)>,
        now: DateTime<Utc>,
    ) -> Result<Announcement, DbErr> {
        let mut announcement = Announcement {
            entries: Vec::new(),
            mails: Vec::new(),
        };
        let people: Vec<i32> = news
            .iter()
            .filter(|(person, _)| person.confirmed_email().is_some())
            .map(|(person, _)| person.id)
            .collect();
        if people.is_empty() {
            return Ok(announcement);
        }
        let chosen: HashMap<(i32, NotificationKind), NotificationMode> =
            notification_preference::Entity::find()
                .filter(notification_preference::Column::PersonId.is_in(people))
                .all(db)
                .await?
                .into_iter()
                .map(|choice| ((choice.person_id, choice.kind), choice.mode))
                .collect();
        for (person, news) in news {
            let Some(address) = person.confirmed_email() else {
                continue;
            };
            let mode = chosen
                .get(&(person.id, news.kind))
                .copied()
                .unwrap_or_else(|| news.kind.default_mode());
            match mode {
                NotificationMode::Off => {}
                NotificationMode::Digest => announcement.entries.push(news.entry(person.id, now)),
                NotificationMode::Immediately => {
                    let lang = person.lang();
                    let about = line(lang, &news);
                    announcement.mails.push(
                        Mail::with_link(
                            lang,
                            address,
                            &fill(
                                lang,
                                Key::NotifySubject,
                                &[&news.child, t(lang, news.kind.key())],
                            ),
                            &fill(lang, Key::MailGreeting, &[&person.first_name]),
                            &[&about, t(lang, Key::NotifyWhy)],
                            t(lang, Key::NotifyRead),
                            &format!("{base_url}{}", path(news.kind)),
                        )
                        .for_person(person.id),
                    );
                }
            }
        }
        Ok(announcement)
    }

    /// Writes the lines and mails in `db` (the transaction of the write the news is of): one
    /// insert for the lines and one for the mails, whatever the number of people.
    pub async fn write<C: ConnectionTrait>(self, db: &C) -> Result<(), DbErr> {
        if !self.entries.is_empty() {
            digest_entry::Entity::insert_many(self.entries)
                .exec_without_returning(db)
                .await?;
        }
        mail::enqueue_many(db, self.mails).await
    }
}
