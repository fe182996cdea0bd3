//! Calendar feeds: a secret address per person and child (or the whole family) that Google
//! Calendar, Apple Calendar and Outlook subscribe to. It shows the lessons, cancelled ones
//! marked `CANCELLED` and room changes named, the planned tasks, tests and assignments on their
//! due dates, and a parent's booked talks. Every event keeps its `UID` from one fetch to the
//! next, so a moved test moves in the calendar. Times are UTC; a task without an hour is a day.
//!
//! The feed is read without a session: the visibility module builds what it shows from the
//! person who made it at every fetch ([`feed_scope`]). Renewing the address revokes the old one.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Component, Event, EventLike, EventStatus};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

use super::{calendar, talk_uid};
use crate::auth::secrets::new_token;
use crate::auth::{subscriber, Current};
use crate::db::entities::{booking, calendar_feed, conference, slot, sub_account};
use crate::db::{begin_write, settle};
use crate::error::AppError;
use crate::i18n::{fill, t, Key, Lang};
use crate::models::{CalendarFeed, CalendarFeeds, PublicId};
use crate::services::school::{agenda_span, pupils_of, DatedLesson};
use crate::services::time::{school_instant, school_today};
use crate::visibility::{feed_choices, feed_scope, FeedScope, PupilScope};

/// Where feeds are served: `/kalender/<token>.ics`.
pub const FEED_PATH: &str = "/kalender/";
/// How far back and ahead a feed reaches.
const WEEKS_BACK: i64 = 4;
const WEEKS_AHEAD: i64 = 26;
/// How long a planned item with an hour lasts in a calendar.
const ITEM_LENGTH: Duration = Duration::hours(1);
/// How often calendars are asked to fetch the feed again.
const REFRESH: Duration = Duration::hours(1);

fn address(base_url: &str, token: &str) -> String {
    format!("{base_url}{FEED_PATH}{token}.ics")
}

/// The feeds `current` may have, each with its address once made: one per child, and one for
/// the whole family when it has more than one child.
pub async fn feeds<C: ConnectionTrait>(
    db: &C,
    base_url: &str,
    current: &Current,
) -> Result<CalendarFeeds, AppError> {
    let choices = feed_choices(db, current).await?;
    let made = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::PersonId.eq(current.person.id))
        .all(db)
        .await?;
    let address_of = |member: Option<i32>| {
        made.iter()
            .find(|feed| feed.member_id == member)
            .map(|feed| address(base_url, &feed.token))
    };
    let scopes: Vec<&PupilScope> = choices.children().iter().map(|(_, scope)| scope).collect();
    let children = pupils_of(db, &scopes).await?;
    let mut feeds: Vec<CalendarFeed> = choices
        .children()
        .iter()
        .zip(children)
        .map(|((member, _), child)| CalendarFeed {
            child: Some(child),
            address: address_of(Some(*member)),
        })
        .collect();
    if choices.is_family() && feeds.len() > 1 {
        feeds.push(CalendarFeed {
            child: None,
            address: address_of(None),
        });
    }
    Ok(CalendarFeeds { feeds })
}

/// The family member a feed of `child` (a pupil's public id; none for the whole family) goes
/// through, as the visibility module offers it.
async fn member_of<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    child: Option<PublicId>,
) -> Result<Option<i32>, AppError> {
    let Some(child) = child else {
        // The whole family: checked by its scope.
        feed_scope(db, current, None).await?;
        return Ok(None);
    };
    feed_choices(db, current)
        .await?
        .children()
        .iter()
        .find(|(_, scope)| scope.person.public_id == child.0)
        .map(|(member, _)| Some(*member))
        .ok_or(AppError::Forbidden)
}

/// Makes the feed of `child` (none: the family), or gives it a new address: the old one stops
/// answering at once.
pub async fn renew(
    db: &DatabaseConnection,
    current: &Current,
    child: Option<PublicId>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let member = member_of(db, current, child).await?;
    let txn = begin_write(db).await?;
    let outcome = async {
        remove(&txn, current.person.id, member).await?;
        calendar_feed::ActiveModel {
            person_id: Set(current.person.id),
            member_id: Set(member),
            token: Set(new_token()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

/// Stops the feed of `child` (none: the family): its address answers nothing any more.
pub async fn stop<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    child: Option<PublicId>,
) -> Result<(), AppError> {
    let member = member_of(db, current, child).await?;
    remove(db, current.person.id, member).await
}

async fn remove<C: ConnectionTrait>(
    db: &C,
    person: i32,
    member: Option<i32>,
) -> Result<(), AppError> {
    let member = match member {
        Some(id) => calendar_feed::Column::MemberId.eq(id),
        None => calendar_feed::Column::MemberId.is_null(),
    };
    calendar_feed::Entity::delete_many()
        .filter(calendar_feed::Column::PersonId.eq(person))
        .filter(member)
        .exec(db)
        .await?;
    Ok(())
}

/// The calendar behind a feed's token, as it stands now; none for an unknown or renewed token,
/// a person who may no longer sign in, or a child no longer theirs to see.
pub async fn feed<C: ConnectionTrait>(
    db: &C,
    base_url: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, AppError> {
    let Some(feed) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::Token.eq(token))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(person) = subscriber(db, feed.person_id).await? else {
        return Ok(None);
    };
    let scope = match feed_scope(db, &person, feed.member_id).await {
        Ok(scope) => scope,
        Err(AppError::Forbidden) => return Ok(None),
        Err(err) => return Err(err),
    };
    let host = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or("school");
    let lang = person.person.lang();
    let today = school_today(now);
    let (from, until) = (
        today - Duration::weeks(WEEKS_BACK),
        today + Duration::weeks(WEEKS_AHEAD),
    );
    let family = feed.member_id.is_none();
    let mut calendar = calendar(None);
    let name = match scope.children() {
        [(_, only)] if !family => fill(lang, Key::FeedName, &[&only.person.first_name]),
        _ => t(lang, Key::FeedFamilyName).to_owned(),
    };
    calendar.name(&name).ttl(&REFRESH);
    let events = Events {
        lang,
        host,
        now,
        family,
    };
    for (_, child) in scope.children() {
        let (lessons, items) = agenda_span(db, child, from, until).await?;
        for lesson in &lessons {
            calendar.push(events.lesson(child, lesson));
        }
        for item in &items {
            calendar.push(events.item(child, item));
        }
    }
    for talk in talks(db, &scope, from).await? {
        calendar.push(events.talk(&talk));
    }
    Ok(Some(calendar.to_string()))
}

/// A booked talk, for the feed.
struct Talk {
    uid: String,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    teacher: String,
    child: String,
    online: bool,
    topic: Option<String>,
}

/// The booked talks the feed shows from `from` on, in four queries whatever their number.
async fn talks<C: ConnectionTrait>(
    db: &C,
    scope: &FeedScope,
    from: NaiveDate,
) -> Result<Vec<Talk>, AppError> {
    let Some(condition) = scope.talks() else {
        return Ok(Vec::new());
    };
    let bookings = booking::Entity::find().filter(condition).all(db).await?;
    let slots: HashMap<i32, slot::Model> = slot::Entity::find()
        .filter(slot::Column::Id.is_in(bookings.iter().map(|booking| booking.slot_id)))
        .filter(slot::Column::StartsAt.gte(from.and_time(chrono::NaiveTime::MIN)))
        .all(db)
        .await?
        .into_iter()
        .map(|slot| (slot.id, slot))
        .collect();
    let online: HashMap<i32, bool> = conference::Entity::find()
        .filter(conference::Column::Id.is_in(bookings.iter().map(|booking| booking.conference_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|moment| (moment.id, moment.online))
        .collect();
    let teachers: HashMap<i32, String> = sub_account::Entity::find()
        .filter(sub_account::is_main())
        .filter(
            sub_account::Column::AccountId.is_in(bookings.iter().map(|booking| booking.teacher_id)),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|person| (person.account_id, person.display_name()))
        .collect();
    let child_name = |account: i32| {
        scope
            .children()
            .iter()
            .find(|(_, child)| child.account.id == account)
            .map(|(_, child)| child.person.first_name.clone())
            .unwrap_or_default()
    };
    Ok(bookings
        .into_iter()
        .filter_map(|booking| {
            let slot = slots.get(&booking.slot_id)?;
            Some(Talk {
                uid: talk_uid(slot.public_id, booking.pupil_id),
                starts: school_instant(slot.starts_at),
                ends: school_instant(slot.ends_at),
                teacher: teachers
                    .get(&booking.teacher_id)
                    .cloned()
                    .unwrap_or_default(),
                child: child_name(booking.pupil_id),
                online: online.get(&booking.conference_id).copied().unwrap_or(false),
                topic: booking.topic,
            })
        })
        .collect())
}

/// How the feed writes its events, in the person's language.
struct Events<'a> {
    lang: Lang,
    host: &'a str,
    now: DateTime<Utc>,
    /// A family feed names the child in every event.
    family: bool,
}

impl Events<'_> {
    fn summary(&self, child: &PupilScope, text: String) -> String {
        if self.family {
            format!("{}: {text}", child.person.first_name)
        } else {
            text
        }
    }

    /// An event's identity: the row and the pupil, so that twins in one family feed differ.
    fn uid(&self, kind: &str, id: i32, child: &PupilScope) -> String {
        format!("{kind}-{id}-{}@{}", child.account.id, self.host)
    }

    fn lesson(&self, child: &PupilScope, dated: &DatedLesson) -> Event {
        let lesson = &dated.lesson;
        let title = if lesson.cancelled {
            fill(self.lang, Key::FeedLessonCancelled, &[&lesson.course])
        } else {
            lesson.course.clone()
        };
        let mut about = vec![lesson.teacher.clone()];
        if let Some(planned) = &lesson.planned_room {
            about.push(fill(self.lang, Key::RoomChanged, &[&lesson.room, planned]));
        }
        about.extend(lesson.topic.clone());
        Event::new()
            .uid(&self.uid("les", dated.id, child))
            .timestamp(self.now)
            .starts(school_instant(dated.starts_at))
            .ends(school_instant(dated.ends_at))
            .summary(&self.summary(child, title))
            .location(&lesson.room)
            .description(&about.join("\n"))
            .status(if lesson.cancelled {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            })
            .done()
    }

    fn item(&self, child: &PupilScope, item: &crate::models::AgendaItem) -> Event {
        let title = fill(
            self.lang,
            Key::FeedItem,
            &[t(self.lang, item.kind.key()), &item.title, &item.course],
        );
        let mut event = Event::new();
        event
            .uid(&self.uid("agenda", item.id, child))
            .timestamp(self.now)
            .summary(&self.summary(child, title))
            .description(&item.description);
        let hour = item
            .due_time
            .as_deref()
            .and_then(|time| chrono::NaiveTime::parse_from_str(time, "%H:%M").ok());
        match hour {
            Some(hour) => {
                let starts = school_instant(item.due_on.and_time(hour));
                event.starts(starts).ends(starts + ITEM_LENGTH);
            }
            None => {
                event.all_day(item.due_on);
            }
        }
        event.done()
    }

    fn talk(&self, talk: &Talk) -> Event {
        Event::new()
            .uid(&talk.uid)
            .timestamp(self.now)
            .starts(talk.starts)
            .ends(talk.ends)
            .summary(&fill(
                self.lang,
                Key::OcMailEvent,
                &[&talk.teacher, &talk.child],
            ))
            .location(t(
                self.lang,
                if talk.online {
                    Key::OcMailEventOnline
                } else {
                    Key::OcMailEventAtSchool
                },
            ))
            .description(talk.topic.as_deref().unwrap_or(""))
            .status(EventStatus::Confirmed)
            .done()
    }
}
