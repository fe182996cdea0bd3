//! Booking and cancelling talks for the family's children. Apart from the views because here the
//! race is: two parents on the same slot. The database decides (unique indexes); the loser learns
//! which rule it hit.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    SqlErr,
};
use uuid::Uuid;

use super::mails::Talk;
use super::parent::{free_slot, free_slots};
use super::{window, OudercontactError};
use crate::db::entities::sub_account;
use crate::db::entities::{booking, conference, slot};
use crate::db::{begin_write, settle};
use crate::mail;
use crate::models::{BookingWindow, FreshTimes, NotificationKind, PublicId};
use crate::services::calendar::talk_uid;
use crate::services::notifications::{Announcement, News};
use crate::services::time::{clock, school_local};
use crate::visibility::{BookingFamily, ChildTeacher, PupilScope};

/// The longest topic a parent may add to a booking.
pub const MAX_TOPIC: usize = 500;

/// One talk to book: a slot, for a child of the family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pick {
    pub slot: PublicId,
    pub child: PublicId,
}

/// Books the chosen slots for the family in one transaction: all of them or none. `topic` goes
/// with every talk. The booker receives one confirmation mail per talk with a calendar invitation;
/// the teacher hears of it as they chose.
pub async fn book(
    db: &DatabaseConnection,
    family: &BookingFamily,
    picks: &[Pick],
    topic: Option<&str>,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, OudercontactError> {
    let topic = topic.map(str::trim).filter(|topic| !topic.is_empty());
    if topic.is_some_and(|topic| topic.chars().count() > MAX_TOPIC) {
        return Err(OudercontactError::TopicTooLong);
    }
    if picks.is_empty() {
        return Err(OudercontactError::NotFound);
    }
    let (slots, mut moments): (Vec<slot::Model>, Vec<conference::Model>) = slot::Entity::find()
        .find_also_related(conference::Entity)
        .filter(slot::Column::PublicId.is_in(picks.iter().map(|pick| pick.slot.0)))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(slot, moment)| Some((slot, moment?)))
        .unzip();
    moments.sort_by_key(|moment| moment.id);
    moments.dedup_by_key(|moment| moment.id);
    let invitations = family.invited(db, &moments).await?;
    let mut talks = Vec::new();
    for pick in picks {
        let child = family
            .child(pick.child)
            .ok_or(OudercontactError::Forbidden)?;
        let slot = slots
            .iter()
            .find(|slot| slot.public_id == pick.slot.0)
            .ok_or(OudercontactError::NotFound)?;
        let moment = moments
            .iter()
            .find(|moment| moment.id == slot.conference_id)
            .ok_or(OudercontactError::NotFound)?;
        // The moment invites the child and the slot's teacher teaches the child.
        let teacher = invitations
            .iter()
            .find(|invitation| {
                invitation.moment == moment.id
                    && invitation.child.account.id == child.account.id
                    && invitation.teacher.account_id == slot.teacher_id
            })
            .map(|invitation| &invitation.teacher)
            .ok_or(OudercontactError::Forbidden)?;
        if window(moment, now) != BookingWindow::Open || slot.starts_at <= school_local(now) {
            return Err(OudercontactError::BookingClosed);
        }
        talks.push((slot, moment, child, teacher));
    }
    // A slot or a talk taken before this request came is refused without waiting for the writer
    // lock: in a rush most refusals are of slots whose parents saw them free a moment ago.
    if let Some(refused) = refusal(db, &talks, now).await? {
        return Err(refused);
    }
    // Everything the transaction writes is made before it begins, so that it holds the write
    // lock for its inserts only.
    let booker = family.booker();
    let mut rows = Vec::new();
    let mut mails = Vec::new();
    let mut teachers_news = Vec::new();
    for (slot, moment, child, teacher) in &talks {
        rows.push(booking::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            conference_id: Set(moment.id),
            slot_id: Set(slot.id),
            teacher_id: Set(slot.teacher_id),
            pupil_id: Set(child.account.id),
            booked_by: Set(booker.id),
            topic: Set(topic.map(str::to_owned)),
            created_at: Set(now),
            ..Default::default()
        });
        if let Some(email) = booker.confirmed_email() {
            let booked = Talk {
                uid: talk_uid(slot.public_id, child.account.id),
                moment,
                slot,
                teacher: teacher.person.display_name(),
                child: child.person.first_name.clone(),
                topic: topic.map(str::to_owned),
            };
            mails.push(booked.mail(booker, email, base_url, false, now));
        }
        teachers_news.push((teacher.person.clone(), talk_news(slot, child, false)));
    }
    let teachers_told = Announcement::prepare(db, base_url, teachers_news, now).await?;

    let txn = begin_write(db).await?;
    let outcome = async {
        // All talks in one statement: a slot or a talk someone else was first to fails them all.
        if let Err(err) = booking::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await
        {
            return Err(match err.sql_err() {
                Some(SqlErr::UniqueConstraintViolation(_)) => Conflict::Unique,
                _ => Conflict::Db(err),
            });
        }
        mail::enqueue_many(&txn, mails).await?;
        teachers_told.write(&txn).await?;
        Ok(())
    }
    .await;
    match settle(txn, outcome).await {
        Ok(()) => Ok(talks.len()),
        Err(Conflict::Db(err)) => Err(err.into()),
        // Someone else committed first, so their booking is there to be found.
        Err(Conflict::Unique) => Err(refusal(db, &talks, now)
            .await?
            .unwrap_or(OudercontactError::SlotTaken(FreshTimes::default()))),
    }
}

/// A slot, its moment, the child and the teacher of one talk to book, all checked.
type Checked<'a> = (
    &'a slot::Model,
    &'a conference::Model,
    &'a PupilScope,
    &'a ChildTeacher,
);

/// Whether someone was first to one of `talks`, and which rule that hits: the child's talk with
/// this teacher, or the slot itself. One query for the bookings in the way; one more for the free
/// times of a single slot taken.
async fn refusal(
    db: &DatabaseConnection,
    talks: &[Checked<'_>],
    now: DateTime<Utc>,
) -> Result<Option<OudercontactError>, DbErr> {
    let already = |found: &booking::Model, (_, moment, child, teacher): &Checked<'_>| {
        found.conference_id == moment.id
            && found.teacher_id == teacher.account_id
            && found.pupil_id == child.account.id
    };
    let in_the_way = talks.iter().fold(
        Condition::any().add(booking::Column::SlotId.is_in(talks.iter().map(|(slot, ..)| slot.id))),
        |any, (_, moment, child, teacher)| {
            any.add(
                Condition::all()
                    .add(booking::Column::ConferenceId.eq(moment.id))
                    .add(booking::Column::TeacherId.eq(teacher.account_id))
                    .add(booking::Column::PupilId.eq(child.account.id)),
            )
        },
    );
    let found = booking::Entity::find().filter(in_the_way).all(db).await?;
    if found.is_empty() {
        return Ok(None);
    }
    if found
        .iter()
        .any(|booking| talks.iter().any(|talk| already(booking, talk)))
    {
        return Ok(Some(OudercontactError::AlreadyBooked));
    }
    // One slot tried: its teacher's free times now, so that the parent chooses again without
    // reloading the page. They passed the same checks as the slot itself.
    let fresh = match talks {
        [(slot, moment, _, _)] => FreshTimes {
            taken: slot.public_id.to_string(),
            free: free_slots(
                db,
                &[moment.id],
                &BTreeSet::from([slot.teacher_id]),
                school_local(now),
            )
            .await?
            .iter()
            .map(free_slot)
            .collect(),
        },
        _ => FreshTimes::default(),
    };
    Ok(Some(OudercontactError::SlotTaken(fresh)))
}

/// A talk booked (or `cancelled`) as its teacher hears of it.
fn talk_news(slot: &slot::Model, child: &PupilScope, cancelled: bool) -> News {
    News {
        changed: cancelled,
        day: Some(slot.starts_at.date()),
        ..News::new(
            NotificationKind::Bookings,
            &child.person.first_name,
            &child.person.display_name(),
            &clock(slot.starts_at),
        )
    }
}

/// How a booking transaction failed: a unique index (someone was first), or the database.
enum Conflict {
    Unique,
    Db(DbErr),
}

impl From<DbErr> for Conflict {
    fn from(err: DbErr) -> Self {
        Conflict::Db(err)
    }
}

/// Cancels a booking of one of the family's children while the window is open. The person who
/// booked (and the one cancelling, if another) is told, with a calendar cancellation; the teacher
/// hears of it as they chose.
pub async fn cancel(
    db: &DatabaseConnection,
    family: &BookingFamily,
    id: PublicId,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), OudercontactError> {
    let row = booking::Entity::find()
        .filter(booking::Column::PublicId.eq(id.0))
        .filter(family.bookings())
        .one(db)
        .await?
        .ok_or(OudercontactError::NotFound)?;
    let moment = conference::Entity::find_by_id(row.conference_id)
        .one(db)
        .await?
        .ok_or(OudercontactError::NotFound)?;
    if window(&moment, now) != BookingWindow::Open {
        return Err(OudercontactError::BookingClosed);
    }
    let slot = slot::Entity::find_by_id(row.slot_id)
        .one(db)
        .await?
        .ok_or(OudercontactError::NotFound)?;
    let child = family
        .child_by_account(row.pupil_id)
        .ok_or(OudercontactError::NotFound)?;
    let teacher = sub_account::Entity::main_of([row.teacher_id])
        .one(db)
        .await?
        .ok_or(OudercontactError::NotFound)?;
    let booker = sub_account::Entity::find_by_id(row.booked_by)
        .one(db)
        .await?;
    let talk = Talk {
        uid: talk_uid(slot.public_id, row.pupil_id),
        moment: &moment,
        slot: &slot,
        teacher: teacher.display_name(),
        child: child.person.first_name.clone(),
        topic: row.topic.clone(),
    };
    let teacher_told = Announcement::prepare(
        db,
        base_url,
        vec![(teacher, talk_news(&slot, child, true))],
        now,
    )
    .await?;
    let txn = begin_write(db).await?;
    let outcome = async {
        let deleted = booking::Entity::delete_by_id(row.id).exec(&txn).await?;
        if deleted.rows_affected == 0 {
            return Err(OudercontactError::NotFound);
        }
        let mut told = Vec::new();
        for person in booker.iter().chain([family.booker()]) {
            if let Some(email) = person.confirmed_email() {
                if !told.contains(&email) {
                    mail::enqueue(&txn, talk.mail(person, email, base_url, true, now)).await?;
                    told.push(email);
                }
            }
        }
        teacher_told.write(&txn).await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}
