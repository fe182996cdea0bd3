//! Booking and cancelling talks for the family's children. Apart from the views because here the
//! race is: two parents on the same slot. The database decides (unique indexes); the loser learns
//! which rule it hit.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query, UnionType};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, DbErr, DeriveIden, EntityTrait,
    FromQueryResult, JoinType, QueryFilter, SqlErr,
};
use uuid::Uuid;

use super::mails::Talk;
use super::parent::{free_slot, free_slots};
use super::{window, OudercontactError};
use crate::db::entities::sub_account;
use crate::db::entities::{booking, conference, slot};
use crate::db::{begin_write, columns_of, settle};
use crate::mail;
use crate::models::{BookingWindow, FreshTimes, NotificationKind, PublicId};
use crate::services::calendar::talk_uid;
use crate::services::notifications::{Announcement, News};
use crate::services::time::{clock, school_local};
use crate::visibility::{BookingFamily, PupilScope};

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
    let asked = ask(db, family, picks).await?;
    let mut talks = Vec::new();
    for (index, pick) in picks.iter().enumerate() {
        let child = family
            .child(pick.child)
            .ok_or(OudercontactError::Forbidden)?;
        let found = asked
            .iter()
            .find(|found| found.pick == index as i32)
            .ok_or(OudercontactError::NotFound)?;
        // The moment invites the child and the slot's teacher teaches the child.
        let teacher = found
            .teacher
            .as_ref()
            .filter(|_| found.allowed)
            .ok_or(OudercontactError::Forbidden)?;
        let (slot, moment) = (&found.slot, &found.moment);
        if window(moment, now) != BookingWindow::Open || slot.starts_at <= school_local(now) {
            return Err(OudercontactError::BookingClosed);
        }
        talks.push((slot, moment, child, teacher));
    }
    // A slot or a talk taken before this request came is refused without waiting for the writer
    // lock: in a rush most refusals are of slots whose parents saw them free a moment ago.
    if let Some(refused) = refusal(db, &asked, now).await? {
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
                teacher: teacher.display_name(),
                child: child.person.first_name.clone(),
                topic: topic.map(str::to_owned),
            };
            mails.push(booked.mail(booker, email, base_url, false, now));
        }
        teachers_news.push(((*teacher).clone(), talk_news(slot, child, false)));
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
        Err(Conflict::Unique) => {
            let asked = ask(db, family, picks).await?;
            Err(refusal(db, &asked, now)
                .await?
                .unwrap_or(OudercontactError::SlotTaken(FreshTimes::default())))
        }
    }
}

/// One pick as the database finds it: the slot with its moment and its teacher, whether the
/// family may book it for the pick's child, and what is in the way of booking it.
#[derive(FromQueryResult)]
struct Asked {
    /// The pick's place in the request.
    pick: i32,
    #[sea_orm(nested(prefix = "slot_"))]
    slot: slot::Model,
    #[sea_orm(nested(prefix = "conference_"))]
    moment: conference::Model,
    /// The teacher's person.
    #[sea_orm(nested(prefix = "teacher_"))]
    teacher: Option<sub_account::Model>,
    /// [`BookingFamily::may_book`] for the pick's child.
    allowed: bool,
    /// Someone booked the slot.
    taken: bool,
    /// The child has a talk with this teacher in this moment.
    already: bool,
}

/// The teacher's person in [`ask`]'s query.
#[derive(DeriveIden, Clone, Copy)]
struct Teacher;

/// Every pick of the family's in one query, whatever their number: a row for each pick whose
/// slot exists. A child none of the family's has no row.
async fn ask(
    db: &DatabaseConnection,
    family: &BookingFamily,
    picks: &[Pick],
) -> Result<Vec<Asked>, DbErr> {
    let slot = |column: slot::Column| Expr::col((slot::Entity, column));
    let booked = |condition: Condition| {
        Expr::exists(
            Query::select()
                .expr(Expr::val(1))
                .from(booking::Entity)
                .cond_where(condition)
                .to_owned(),
        )
    };
    let mut selects = picks.iter().enumerate().filter_map(|(index, pick)| {
        let child = family.child(pick.child)?;
        let mut query = Query::select();
        query
            .expr_as(Expr::val(index as i32), "pick")
            .from(slot::Entity)
            .inner_join(
                conference::Entity,
                Expr::col((conference::Entity, conference::Column::Id))
                    .equals((slot::Entity, slot::Column::ConferenceId)),
            )
            .join_as(
                JoinType::LeftJoin,
                sub_account::Entity,
                Teacher,
                sub_account::main_person_as(Teacher, slot(slot::Column::TeacherId)),
            )
            .expr_as(family.may_book(child), "allowed")
            .expr_as(
                booked(
                    Condition::all().add(
                        Expr::col((booking::Entity, booking::Column::SlotId))
                            .equals((slot::Entity, slot::Column::Id)),
                    ),
                ),
                "taken",
            )
            .expr_as(
                booked(
                    Condition::all()
                        .add(
                            Expr::col((booking::Entity, booking::Column::ConferenceId))
                                .equals((slot::Entity, slot::Column::ConferenceId)),
                        )
                        .add(
                            Expr::col((booking::Entity, booking::Column::TeacherId))
                                .equals((slot::Entity, slot::Column::TeacherId)),
                        )
                        .add(booking::Column::PupilId.eq(child.account.id)),
                ),
                "already",
            )
            .and_where(slot(slot::Column::PublicId).eq(pick.slot.0));
        columns_of::<slot::Entity>(&mut query, slot::Entity);
        columns_of::<conference::Entity>(&mut query, conference::Entity);
        columns_of::<sub_account::Entity>(&mut query, Teacher);
        Some(query)
    });
    let Some(mut query) = selects.next() else {
        return Ok(Vec::new());
    };
    for other in selects {
        query.union(UnionType::All, other);
    }
    Asked::find_by_statement(db.get_database_backend().build(&query))
        .all(db)
        .await
}

/// Whether someone was first to one of the talks `asked`, and which rule that hits: the child's
/// talk with this teacher, or the slot itself. One more query for the free times of a single
/// slot taken.
async fn refusal(
    db: &DatabaseConnection,
    asked: &[Asked],
    now: DateTime<Utc>,
) -> Result<Option<OudercontactError>, DbErr> {
    if asked.iter().any(|found| found.already) {
        return Ok(Some(OudercontactError::AlreadyBooked));
    }
    if !asked.iter().any(|found| found.taken) {
        return Ok(None);
    }
    // One slot tried: its teacher's free times now, so that the parent chooses again without
    // reloading the page. They passed the same checks as the slot itself.
    let fresh = match asked {
        [Asked { slot, moment, .. }] => FreshTimes {
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
