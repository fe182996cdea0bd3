//! Oudercontact: the school opens a conference moment, teachers give their hours (slots are made
//! from them), parents book one talk per teacher per child and may cancel while the window is open.
//!
//! Who may do what comes from the visibility module (`booking_children`, `teacher_moments`,
//! `conference_organiser`). That a slot is never booked twice is the database's job: two unique
//! indexes (one booking per slot, one per teacher per child in a moment). A booking that loses a
//! race gets `SlotTaken` or `AlreadyBooked`, never a server error. Confirmations and cancellations
//! go through the outbox in the booking's own transaction, with a calendar invitation.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, SqlErr, TransactionTrait,
};
use uuid::Uuid;

use super::calendar::{invitation, Invitation};
use super::time::{clock, school_instant, school_local, school_today};
use crate::auth::Current;
use crate::db::begin_write;
use crate::db::entities::sub_account::{self, PUPIL_IDX};
use crate::db::entities::{availability, booking, class, conference, conference_class, slot};
use crate::error::AppError;
use crate::i18n::{long_date, Lang};
use crate::mail::{self, Mail};
use crate::models::Role;
use crate::models::{
    Booking, BookingWindow, ClassChoice, DayHours, FreeSlot, Moment, OrganisedMoment, Oudercontact,
    ParentMoment, ParentOudercontact, ScheduleDay, ScheduleLine, SuggestedTalk, TeacherFill,
    TeacherMoment, TeacherSlots,
};
use crate::visibility::{
    booking_children, booking_teacher, child_teachers, conference_organiser, invited,
    moment_teachers, organiser_classes, role_of, teacher_moment, teacher_moments,
};

/// The longest topic a parent may add to a booking.
pub const MAX_TOPIC: usize = 500;
/// A moment spans at most this many days.
const MAX_DAYS: i64 = 14;
/// A suggested series waits at most this long between two talks.
const SUGGESTION_SLACK_MINUTES: i64 = 10;

/// Oudercontact as the caller's role sees it: a parent the selected child (or `child`, a child of
/// the family), a teacher their schedule, an admin the moments of the school.
pub async fn view<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    child: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Oudercontact, AppError> {
    match role_of(current) {
        Role::CoAccount => Ok(Oudercontact::Parent(parent(db, current, child, now).await?)),
        Role::Teacher => Ok(Oudercontact::Teacher(teacher(db, current, now).await?)),
        Role::Admin => {
            let platform = conference_organiser(current)?;
            Ok(Oudercontact::Admin {
                moments: organised(db, platform, now).await?,
                classes: class::Entity::find()
                    .filter(class::Column::PlatformId.eq(platform))
                    .order_by_asc(class::Column::Name)
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|class| ClassChoice {
                        id: class.id,
                        name: class.name,
                    })
                    .collect(),
            })
        }
        Role::Pupil => Err(AppError::Forbidden),
    }
}

pub fn window(moment: &conference::Model, now: DateTime<Utc>) -> BookingWindow {
    if now < moment.opens_at {
        BookingWindow::NotYetOpen
    } else if now < moment.closes_at {
        BookingWindow::Open
    } else {
        BookingWindow::Closed
    }
}

/// The moments as the pages show them, with the names of their classes.
async fn summaries<C: ConnectionTrait>(
    db: &C,
    moments: &[conference::Model],
    now: DateTime<Utc>,
) -> Result<Vec<Moment>, DbErr> {
    let links = conference_class::Entity::find()
        .filter(conference_class::Column::ConferenceId.is_in(moments.iter().map(|m| m.id)))
        .all(db)
        .await?;
    let classes: HashMap<i32, String> = class::Entity::find()
        .filter(class::Column::Id.is_in(links.iter().map(|link| link.class_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|class| (class.id, class.name))
        .collect();
    Ok(moments
        .iter()
        .map(|moment| {
            let mut names: Vec<String> = links
                .iter()
                .filter(|link| link.conference_id == moment.id)
                .filter_map(|link| classes.get(&link.class_id).cloned())
                .collect();
            names.sort();
            Moment {
                id: moment.public_id.to_string(),
                title: moment.title.clone(),
                first_day: moment.first_day,
                last_day: moment.last_day,
                day_starts: moment.day_starts.format("%H:%M").to_string(),
                day_ends: moment.day_ends.format("%H:%M").to_string(),
                slot_minutes: moment.slot_minutes,
                gap_minutes: moment.gap_minutes,
                opens_at: school_local(moment.opens_at),
                closes_at: school_local(moment.closes_at),
                online: moment.online,
                window: window(moment, now),
                classes: names,
            }
        })
        .collect())
}

/// The moments of a school that are not over yet, first one first.
async fn coming<C: ConnectionTrait>(
    db: &C,
    platform: i32,
    now: DateTime<Utc>,
) -> Result<Vec<conference::Model>, DbErr> {
    conference::Entity::find()
        .filter(conference::Column::PlatformId.eq(platform))
        .filter(conference::Column::LastDay.gte(school_today(now)))
        .order_by_asc(conference::Column::FirstDay)
        .order_by_asc(conference::Column::Id)
        .all(db)
        .await
}

/// A parent's view: the selected child's moments with its teachers and their free slots, the
/// bookings of every child of the family, and a suggestion of back-to-back talks.
async fn parent<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    child: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ParentOudercontact, AppError> {
    let (children, selected) = booking_children(db, current).await?;
    let index = match child {
        Some(id) => children
            .iter()
            .position(|(_, scope)| Uuid::parse_str(id).ok() == Some(scope.person.public_id))
            .ok_or(AppError::Forbidden)?,
        None => selected,
    };
    let (_, scope) = &children[index];
    let bookings = family_bookings(db, children.iter().map(|(_, s)| &s.account), now).await?;
    let local_now = school_local(now);

    let mut moments = Vec::new();
    for moment in coming(db, scope.account.platform_id, now).await? {
        // Every child of the family that this moment is for, with its teachers.
        let mut pairs = Vec::new();
        for (_, other) in &children {
            if invited(db, &other.account, &moment).await? {
                for teacher in child_teachers(db, &other.account).await? {
                    pairs.push((other, teacher));
                }
            }
        }
        if !pairs
            .iter()
            .any(|(other, _)| other.account.id == scope.account.id)
        {
            continue;
        }
        let teacher_ids: BTreeSet<i32> = pairs.iter().map(|(_, t)| t.account_id).collect();
        let free = free_slots(db, moment.id, &teacher_ids, local_now).await?;
        let booked = |pupil: i32, teacher: i32| {
            bookings
                .iter()
                .find(|(b, _)| {
                    b.conference_id == moment.id && b.pupil_id == pupil && b.teacher_id == teacher
                })
                .map(|(_, view)| view.clone())
        };
        let open = window(&moment, now) == BookingWindow::Open;
        let mut teachers = Vec::new();
        let mut wanted = Vec::new();
        for (other, teacher) in &pairs {
            let booking = booked(other.account.id, teacher.account_id);
            let slots: Vec<&slot::Model> = free
                .iter()
                .filter(|slot| slot.teacher_id == teacher.account_id)
                .collect();
            if booking.is_none() && open && !slots.is_empty() {
                wanted.push(Wanted {
                    child_id: other.person.public_id.to_string(),
                    child: other.person.first_name.clone(),
                    teacher_id: teacher.account_id,
                    teacher: teacher.person.display_name(),
                });
            }
            if other.account.id != scope.account.id {
                continue;
            }
            let has_slots = booking.is_some()
                || !slots.is_empty()
                || slot::Entity::find()
                    .filter(slot::Column::ConferenceId.eq(moment.id))
                    .filter(slot::Column::TeacherId.eq(teacher.account_id))
                    .count(db)
                    .await?
                    > 0;
            if has_slots {
                teachers.push(TeacherSlots {
                    teacher: teacher.person.display_name(),
                    class_teacher: teacher.class_teacher,
                    courses: teacher.courses.clone(),
                    booking,
                    free: slots
                        .iter()
                        .map(|slot| FreeSlot {
                            id: slot.public_id.to_string(),
                            starts_at: slot.starts_at,
                            ends_at: slot.ends_at,
                        })
                        .collect(),
                });
            }
        }
        let busy: Vec<(NaiveDateTime, NaiveDateTime)> = bookings
            .iter()
            .map(|(_, view)| (view.starts_at, view.ends_at))
            .collect();
        let suggestion = if wanted.len() >= 2 {
            suggest(&wanted, &free, &busy)
        } else {
            Vec::new()
        };
        let summary = summaries(db, std::slice::from_ref(&moment), now).await?;
        moments.push(ParentMoment {
            moment: summary.into_iter().next().ok_or(AppError::Internal)?,
            teachers,
            suggestion,
        });
    }
    Ok(ParentOudercontact {
        child: super::school::pupil(db, scope).await?,
        moments,
        bookings: bookings.into_iter().map(|(_, view)| view).collect(),
    })
}

/// The free slots of some teachers in a moment that have not begun yet, in time order.
async fn free_slots<C: ConnectionTrait>(
    db: &C,
    moment: i32,
    teachers: &BTreeSet<i32>,
    local_now: NaiveDateTime,
) -> Result<Vec<slot::Model>, DbErr> {
    let mut taken = Query::select();
    taken
        .column(booking::Column::SlotId)
        .from(booking::Entity)
        .and_where(booking::Column::ConferenceId.eq(moment));
    slot::Entity::find()
        .filter(slot::Column::ConferenceId.eq(moment))
        .filter(slot::Column::TeacherId.is_in(teachers.iter().copied()))
        .filter(slot::Column::StartsAt.gt(local_now))
        .filter(slot::Column::Id.not_in_subquery(taken.to_owned()))
        .order_by_asc(slot::Column::StartsAt)
        .order_by_asc(slot::Column::TeacherId)
        .all(db)
        .await
}

/// The bookings of the given children, in time order, each with its row.
async fn family_bookings<'a, C: ConnectionTrait>(
    db: &C,
    children: impl Iterator<Item = &'a crate::db::entities::account::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<(booking::Model, Booking)>, DbErr> {
    let children: Vec<i32> = children.map(|account| account.id).collect();
    let rows = booking::Entity::find()
        .filter(booking::Column::PupilId.is_in(children))
        .all(db)
        .await?;
    let slots: HashMap<i32, slot::Model> = slot::Entity::find()
        .filter(slot::Column::Id.is_in(rows.iter().map(|b| b.slot_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|slot| (slot.id, slot))
        .collect();
    let moments: HashMap<i32, conference::Model> = conference::Entity::find()
        .filter(conference::Column::Id.is_in(rows.iter().map(|b| b.conference_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|moment| (moment.id, moment))
        .collect();
    let persons = sub_account::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(
                    sea_orm::Condition::all()
                        .add(
                            sub_account::Column::AccountId
                                .is_in(rows.iter().flat_map(|b| [b.pupil_id, b.teacher_id])),
                        )
                        .add(sub_account::Column::Idx.eq(PUPIL_IDX)),
                )
                .add(sub_account::Column::Id.is_in(rows.iter().map(|b| b.booked_by))),
        )
        .all(db)
        .await?;
    let main = |account: i32| {
        persons
            .iter()
            .find(|p| p.account_id == account && p.idx == PUPIL_IDX)
    };
    let mut list: Vec<(booking::Model, Booking)> = rows
        .into_iter()
        .filter_map(|row| {
            let slot = slots.get(&row.slot_id)?;
            let moment = moments.get(&row.conference_id)?;
            let view = Booking {
                id: row.public_id.to_string(),
                moment: moment.title.clone(),
                child: main(row.pupil_id)?.first_name.clone(),
                teacher: main(row.teacher_id)?.display_name(),
                starts_at: slot.starts_at,
                ends_at: slot.ends_at,
                topic: row.topic.clone(),
                online: moment.online,
                booked_by: persons
                    .iter()
                    .find(|p| p.id == row.booked_by)
                    .map(|p| p.display_name())
                    .unwrap_or_default(),
                can_cancel: window(moment, now) == BookingWindow::Open,
            };
            Some((row, view))
        })
        .collect();
    list.sort_by(|(_, a), (_, b)| (a.starts_at, &a.teacher).cmp(&(b.starts_at, &b.teacher)));
    Ok(list)
}

/// A talk the family still needs: one child with one teacher.
struct Wanted {
    child_id: String,
    child: String,
    teacher_id: i32,
    teacher: String,
}

/// The longest series of back-to-back talks (each starting at most a few minutes after the
/// previous one ends) that covers different wanted talks, the earliest of equally long ones.
/// Slots that overlap a booking of the family are left out: a parent is in one place at a time.
fn suggest(
    wanted: &[Wanted],
    free: &[slot::Model],
    busy: &[(NaiveDateTime, NaiveDateTime)],
) -> Vec<SuggestedTalk> {
    let usable: Vec<&slot::Model> = free
        .iter()
        .filter(|slot| {
            !busy
                .iter()
                .any(|(starts, ends)| slot.starts_at < *ends && *starts < slot.ends_at)
        })
        .collect();
    let slack = Duration::minutes(SUGGESTION_SLACK_MINUTES);
    let mut best: Vec<(usize, &slot::Model)> = Vec::new();
    for first in &usable {
        for (start, want) in wanted.iter().enumerate() {
            if want.teacher_id != first.teacher_id {
                continue;
            }
            let mut series = vec![(start, *first)];
            loop {
                let ends = series
                    .last()
                    .map(|(_, slot)| slot.ends_at)
                    .unwrap_or_default();
                let next = usable
                    .iter()
                    .filter(|slot| slot.starts_at >= ends && slot.starts_at <= ends + slack)
                    .flat_map(|slot| {
                        wanted
                            .iter()
                            .enumerate()
                            .filter(|(i, want)| {
                                want.teacher_id == slot.teacher_id
                                    && !series.iter().any(|(taken, _)| taken == i)
                            })
                            .map(move |(i, _)| (i, *slot))
                    })
                    .min_by_key(|(_, slot)| slot.starts_at);
                match next {
                    Some(talk) => series.push(talk),
                    None => break,
                }
            }
            if series.len() > best.len() {
                best = series;
            }
        }
        if best.len() == wanted.len() {
            break;
        }
    }
    if best.len() < 2 {
        return Vec::new();
    }
    best.into_iter()
        .map(|(i, slot)| SuggestedTalk {
            slot: slot.public_id.to_string(),
            child_id: wanted[i].child_id.clone(),
            child: wanted[i].child.clone(),
            teacher: wanted[i].teacher.clone(),
            starts_at: slot.starts_at,
            ends_at: slot.ends_at,
        })
        .collect()
}

/// Books the chosen slots (slot id, child id) for the caller's family in one transaction: all of
/// them or none. `topic` goes with every talk. The booker receives one confirmation mail per talk
/// with a calendar invitation.
pub async fn book(
    db: &DatabaseConnection,
    current: &Current,
    picks: &[(String, String)],
    topic: Option<&str>,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let (children, _) = booking_children(db, current).await?;
    let topic = topic.map(str::trim).filter(|topic| !topic.is_empty());
    if topic.is_some_and(|topic| topic.chars().count() > MAX_TOPIC) {
        return Err(AppError::MessageTooLong);
    }
    if picks.is_empty() {
        return Err(AppError::NotFound);
    }
    let mut talks = Vec::new();
    for (slot_id, child_id) in picks {
        let (_, scope) = children
            .iter()
            .find(|(_, scope)| Uuid::parse_str(child_id).ok() == Some(scope.person.public_id))
            .ok_or(AppError::Forbidden)?;
        let slot = slot::Entity::find()
            .filter(
                slot::Column::PublicId
                    .eq(Uuid::parse_str(slot_id).map_err(|_| AppError::NotFound)?),
            )
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let moment = conference::Entity::find_by_id(slot.conference_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let teacher = booking_teacher(db, &scope.account, &moment, slot.teacher_id).await?;
        if window(&moment, now) != BookingWindow::Open || slot.starts_at <= school_local(now) {
            return Err(AppError::BookingClosed);
        }
        talks.push((slot, moment, scope, teacher));
    }

    let txn = begin_write(db).await?;
    let outcome = async {
        for (slot, moment, scope, teacher) in &talks {
            let row = booking::ActiveModel {
                public_id: Set(Uuid::new_v4()),
                conference_id: Set(moment.id),
                slot_id: Set(slot.id),
                teacher_id: Set(slot.teacher_id),
                pupil_id: Set(scope.account.id),
                booked_by: Set(current.person.id),
                topic: Set(topic.map(str::to_owned)),
                created_at: Set(now),
                ..Default::default()
            };
            let inserted = booking::Entity::insert(row).exec(&txn).await;
            if let Err(err) = inserted {
                return Err(match err.sql_err() {
                    Some(SqlErr::UniqueConstraintViolation(_)) => Conflict::Unique,
                    _ => Conflict::Db(err),
                });
            }
            if let Some(email) = current.person.confirmed_email() {
                let booked = Talk {
                    uid: format!("oudercontact-{}-{}", slot.public_id, scope.account.id),
                    moment,
                    slot,
                    teacher: teacher.person.display_name(),
                    child: scope.person.first_name.clone(),
                    topic: topic.map(str::to_owned),
                };
                mail::enqueue(
                    &txn,
                    booked.mail(&current.person, email, base_url, false, now),
                )
                .await
                .map_err(Conflict::Db)?;
            }
        }
        Ok(())
    }
    .await;
    match outcome {
        Ok(()) => {
            txn.commit().await?;
            Ok(talks.len())
        }
        Err(conflict) => {
            txn.rollback().await?;
            match conflict {
                Conflict::Db(err) => Err(err.into()),
                // Which rule was hit: the child's talk with this teacher, or the slot itself.
                Conflict::Unique => {
                    for (_, moment, scope, teacher) in &talks {
                        let existing = booking::Entity::find()
                            .filter(booking::Column::ConferenceId.eq(moment.id))
                            .filter(booking::Column::TeacherId.eq(teacher.account_id))
                            .filter(booking::Column::PupilId.eq(scope.account.id))
                            .count(db)
                            .await?;
                        if existing > 0 {
                            return Err(AppError::AlreadyBooked);
                        }
                    }
                    Err(AppError::SlotTaken)
                }
            }
        }
    }
}

enum Conflict {
    Unique,
    Db(DbErr),
}

/// Cancels a booking of one of the family's children while the window is open. The person who
/// booked (and the one cancelling, if another) is told, with a calendar cancellation.
pub async fn cancel(
    db: &DatabaseConnection,
    current: &Current,
    id: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (children, _) = booking_children(db, current).await?;
    let row = booking::Entity::find()
        .filter(booking::Column::PublicId.eq(Uuid::parse_str(id).map_err(|_| AppError::NotFound)?))
        .filter(booking::Column::PupilId.is_in(children.iter().map(|(_, s)| s.account.id)))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let moment = conference::Entity::find_by_id(row.conference_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if window(&moment, now) != BookingWindow::Open {
        return Err(AppError::BookingClosed);
    }
    let slot = slot::Entity::find_by_id(row.slot_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, scope) = children
        .iter()
        .find(|(_, scope)| scope.account.id == row.pupil_id)
        .ok_or(AppError::NotFound)?;
    let teacher = sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.eq(row.teacher_id))
        .filter(sub_account::Column::Idx.eq(PUPIL_IDX))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let booker = sub_account::Entity::find_by_id(row.booked_by)
        .one(db)
        .await?;
    let talk = Talk {
        uid: format!("oudercontact-{}-{}", slot.public_id, row.pupil_id),
        moment: &moment,
        slot: &slot,
        teacher: teacher.display_name(),
        child: scope.person.first_name.clone(),
        topic: row.topic.clone(),
    };
    let txn = begin_write(db).await?;
    let deleted = booking::Entity::delete_by_id(row.id).exec(&txn).await?;
    if deleted.rows_affected == 0 {
        txn.rollback().await?;
        return Err(AppError::NotFound);
    }
    let mut told = Vec::new();
    for person in booker.iter().chain([&current.person]) {
        if let Some(email) = person.confirmed_email() {
            if !told.contains(&email) {
                mail::enqueue(&txn, talk.mail(person, email, base_url, true, now)).await?;
                told.push(email);
            }
        }
    }
    txn.commit().await?;
    Ok(())
}

/// A booked talk, for its mails.
struct Talk<'a> {
    uid: String,
    moment: &'a conference::Model,
    slot: &'a slot::Model,
    teacher: String,
    child: String,
    topic: Option<String>,
}

impl Talk<'_> {
    fn mail(
        &self,
        person: &sub_account::Model,
        email: &str,
        base_url: &str,
        cancelled: bool,
        now: DateTime<Utc>,
    ) -> Mail {
        let when = format!(
            "{} van {} tot {}",
            long_date(Lang::Nl, self.slot.starts_at.date()),
            clock(self.slot.starts_at),
            clock(self.slot.ends_at)
        );
        let place = if self.moment.online {
            "Het gesprek is online; de leerkracht bezorgt u de link."
        } else {
            "Het gesprek vindt plaats op school."
        };
        let (subject, first) = if cancelled {
            (
                format!(
                    "Oudercontact geannuleerd: {} ({})",
                    self.teacher, self.child
                ),
                format!(
                    "Het gesprek met {} over {} op {when} werd geannuleerd.",
                    self.teacher, self.child
                ),
            )
        } else {
            (
                format!("Oudercontact geboekt: {} ({})", self.teacher, self.child),
                format!(
                    "Uw gesprek met {} over {} is geboekt: {when}.",
                    self.teacher, self.child
                ),
            )
        };
        let topic = self
            .topic
            .as_ref()
            .map(|topic| format!("Onderwerp: {topic}"));
        let until = format!(
            "U kan annuleren tot {} om {}. In de bijlage vindt u de afspraak voor uw agenda.",
            long_date(Lang::Nl, school_local(self.moment.closes_at).date()),
            clock(school_local(self.moment.closes_at))
        );
        let mut paragraphs: Vec<&str> = vec![&first];
        if !cancelled {
            paragraphs.push(place);
            if let Some(topic) = &topic {
                paragraphs.push(topic);
            }
            paragraphs.push(&until);
        }
        Mail::with_link(
            crate::i18n::Lang::Nl,
            email,
            &subject,
            &format!("Beste {}", person.first_name),
            &paragraphs,
            "Naar Oudercontact",
            &format!("{base_url}/oudercontact"),
        )
        .with_calendar(invitation(&Invitation {
            uid: &self.uid,
            starts: school_instant(self.slot.starts_at),
            ends: school_instant(self.slot.ends_at),
            summary: &format!("Oudercontact {} ({})", self.teacher, self.child),
            description: self.topic.as_deref().unwrap_or(&self.moment.title),
            location: if self.moment.online {
                "Online"
            } else {
                "School"
            },
            cancelled,
            now,
        }))
    }
}

/// A new moment as the admin's form gives it (school-local times).
#[derive(Clone, Debug)]
pub struct NewMoment {
    pub title: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub day_starts: NaiveTime,
    pub day_ends: NaiveTime,
    pub slot_minutes: i32,
    pub gap_minutes: i32,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub online: bool,
    pub classes: Vec<i32>,
}

impl NewMoment {
    fn is_valid(&self) -> bool {
        let title = self.title.trim();
        let frame = self.day_ends - self.day_starts;
        !title.is_empty()
            && title.chars().count() <= 200
            && self.first_day <= self.last_day
            && (self.last_day - self.first_day).num_days() < MAX_DAYS
            && (5..=60).contains(&self.slot_minutes)
            && (0..=30).contains(&self.gap_minutes)
            && frame >= Duration::minutes(i64::from(self.slot_minutes))
            && self.opens_at < self.closes_at
            && !self.classes.is_empty()
    }
}

/// Opens a conference moment for some classes of the admin's school; returns its id.
pub async fn open_moment(
    db: &DatabaseConnection,
    current: &Current,
    new: NewMoment,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    if !new.is_valid() {
        return Err(AppError::InvalidSchedule);
    }
    let platform = organiser_classes(db, current, &new.classes).await?;
    let txn = db.begin().await?;
    let moment = insert_moment(&txn, platform, &new, now).await?;
    txn.commit().await?;
    Ok(moment.public_id.to_string())
}

/// Writes a new moment and its classes, inside the caller's transaction.
pub async fn insert_moment<C: ConnectionTrait>(
    txn: &C,
    platform: i32,
    new: &NewMoment,
    now: DateTime<Utc>,
) -> Result<conference::Model, DbErr> {
    let moment = conference::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        platform_id: Set(platform),
        title: Set(new.title.trim().to_owned()),
        first_day: Set(new.first_day),
        last_day: Set(new.last_day),
        day_starts: Set(new.day_starts),
        day_ends: Set(new.day_ends),
        slot_minutes: Set(new.slot_minutes),
        gap_minutes: Set(new.gap_minutes),
        opens_at: Set(school_instant(new.opens_at)),
        closes_at: Set(school_instant(new.closes_at)),
        online: Set(new.online),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let classes: BTreeSet<i32> = new.classes.iter().copied().collect();
    conference_class::Entity::insert_many(classes.into_iter().map(|class_id| {
        conference_class::ActiveModel {
            conference_id: Set(moment.id),
            class_id: Set(class_id),
        }
    }))
    .exec_without_returning(txn)
    .await?;
    Ok(moment)
}

/// A teacher's hours on one day: from, until, and an optional break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hours {
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub pause: Option<(NaiveTime, NaiveTime)>,
}

/// The slots that `hours` give on `day`: back to back from the start, `gap` minutes apart,
/// none overlapping the break or running past the end.
pub fn slots_of(
    day: NaiveDate,
    hours: Hours,
    slot_minutes: i32,
    gap_minutes: i32,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let length = Duration::minutes(i64::from(slot_minutes.max(1)));
    let step = length + Duration::minutes(i64::from(gap_minutes.max(0)));
    let end = day.and_time(hours.ends);
    let mut slots = Vec::new();
    let mut at = day.and_time(hours.starts);
    while at + length <= end {
        if let Some((from, until)) = hours.pause {
            let (from, until) = (day.and_time(from), day.and_time(until));
            if at < until && from < at + length {
                at = until;
                continue;
            }
        }
        slots.push((at, at + length));
        at += step;
    }
    slots
}

/// Sets a teacher's hours on one day of a moment (`None`: not available that day) and makes the
/// slots from them. Booked slots stay as they are; new slots that would overlap them are left out.
pub async fn set_hours(
    db: &DatabaseConnection,
    current: &Current,
    moment: &str,
    day: NaiveDate,
    hours: Option<Hours>,
) -> Result<(), AppError> {
    let (teacher, moment) = teacher_moment(db, current, moment).await?;
    let within = |time: NaiveTime| time >= moment.day_starts && time <= moment.day_ends;
    let valid = day >= moment.first_day
        && day <= moment.last_day
        && hours.is_none_or(|hours| {
            hours.starts < hours.ends
                && within(hours.starts)
                && within(hours.ends)
                && hours.pause.is_none_or(|(from, until)| {
                    from < until && from >= hours.starts && until <= hours.ends
                })
        });
    if !valid {
        return Err(AppError::InvalidSchedule);
    }
    let txn = begin_write(db).await?;
    replace_hours(&txn, &moment, teacher.id, day, hours).await?;
    txn.commit().await?;
    Ok(())
}

/// Replaces a teacher's hours on one day and the free slots made from them, inside the caller's
/// transaction. Booked slots stay; new slots that would overlap them are left out.
pub async fn replace_hours<C: ConnectionTrait>(
    txn: &C,
    moment: &conference::Model,
    teacher: i32,
    day: NaiveDate,
    hours: Option<Hours>,
) -> Result<(), DbErr> {
    let from = day.and_time(NaiveTime::MIN);
    let until = (day + Duration::days(1)).and_time(NaiveTime::MIN);
    availability::Entity::delete_many()
        .filter(availability::Column::ConferenceId.eq(moment.id))
        .filter(availability::Column::TeacherId.eq(teacher))
        .filter(availability::Column::Day.eq(day))
        .exec(txn)
        .await?;
    let mut taken = Query::select();
    taken
        .column(booking::Column::SlotId)
        .from(booking::Entity)
        .and_where(booking::Column::ConferenceId.eq(moment.id))
        .and_where(booking::Column::TeacherId.eq(teacher));
    let that_day = || {
        slot::Entity::find()
            .filter(slot::Column::ConferenceId.eq(moment.id))
            .filter(slot::Column::TeacherId.eq(teacher))
            .filter(slot::Column::StartsAt.gte(from))
            .filter(slot::Column::StartsAt.lt(until))
    };
    let booked = that_day()
        .filter(slot::Column::Id.in_subquery(taken.clone()))
        .all(txn)
        .await?;
    let free: Vec<i32> = that_day()
        .filter(slot::Column::Id.not_in_subquery(taken))
        .all(txn)
        .await?
        .into_iter()
        .map(|slot| slot.id)
        .collect();
    slot::Entity::delete_many()
        .filter(slot::Column::Id.is_in(free))
        .exec(txn)
        .await?;
    let Some(hours) = hours else {
        return Ok(());
    };
    availability::Entity::insert(availability::ActiveModel {
        conference_id: Set(moment.id),
        teacher_id: Set(teacher),
        day: Set(day),
        starts: Set(hours.starts),
        ends: Set(hours.ends),
        break_starts: Set(hours.pause.map(|(from, _)| from)),
        break_ends: Set(hours.pause.map(|(_, until)| until)),
        ..Default::default()
    })
    .exec_without_returning(txn)
    .await?;
    let new: Vec<slot::ActiveModel> = slots_of(day, hours, moment.slot_minutes, moment.gap_minutes)
        .into_iter()
        .filter(|(starts, ends)| {
            !booked
                .iter()
                .any(|slot| *starts < slot.ends_at && slot.starts_at < *ends)
        })
        .map(|(starts, ends)| slot::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            conference_id: Set(moment.id),
            teacher_id: Set(teacher),
            starts_at: Set(starts),
            ends_at: Set(ends),
            ..Default::default()
        })
        .collect();
    if !new.is_empty() {
        slot::Entity::insert_many(new)
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

/// A teacher's moments, each day with their hours and the schedule: every slot with the child,
/// the parent who booked and the topic.
async fn teacher<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    now: DateTime<Utc>,
) -> Result<Vec<TeacherMoment>, AppError> {
    let (teacher, invited_to) = teacher_moments(db, current).await?;
    let moments: Vec<conference::Model> = coming(db, teacher.platform_id, now)
        .await?
        .into_iter()
        .filter(|moment| invited_to.contains(&moment.id))
        .collect();
    let summaries = summaries(db, &moments, now).await?;
    let mut list = Vec::new();
    for (moment, summary) in moments.iter().zip(summaries) {
        let hours = availability::Entity::find()
            .filter(availability::Column::ConferenceId.eq(moment.id))
            .filter(availability::Column::TeacherId.eq(teacher.id))
            .all(db)
            .await?;
        let slots = slot::Entity::find()
            .filter(slot::Column::ConferenceId.eq(moment.id))
            .filter(slot::Column::TeacherId.eq(teacher.id))
            .order_by_asc(slot::Column::StartsAt)
            .all(db)
            .await?;
        let bookings: HashMap<i32, booking::Model> = booking::Entity::find()
            .filter(booking::Column::ConferenceId.eq(moment.id))
            .filter(booking::Column::TeacherId.eq(teacher.id))
            .all(db)
            .await?
            .into_iter()
            .map(|booking| (booking.slot_id, booking))
            .collect();
        let persons = sub_account::Entity::find()
            .find_also_related(crate::db::entities::account::Entity)
            .filter(
                sea_orm::Condition::any()
                    .add(
                        sea_orm::Condition::all()
                            .add(
                                sub_account::Column::AccountId
                                    .is_in(bookings.values().map(|b| b.pupil_id)),
                            )
                            .add(sub_account::Column::Idx.eq(PUPIL_IDX)),
                    )
                    .add(sub_account::Column::Id.is_in(bookings.values().map(|b| b.booked_by))),
            )
            .all(db)
            .await?;
        let class_names: HashMap<i32, String> = class::Entity::find()
            .filter(class::Column::PlatformId.eq(teacher.platform_id))
            .all(db)
            .await?
            .into_iter()
            .map(|class| (class.id, class.name))
            .collect();
        let line = |slot: &slot::Model| {
            let booking = bookings.get(&slot.id);
            let child = booking.and_then(|b| {
                persons
                    .iter()
                    .find(|(p, _)| p.account_id == b.pupil_id && p.idx == PUPIL_IDX)
            });
            let parent = booking.and_then(|b| persons.iter().find(|(p, _)| p.id == b.booked_by));
            ScheduleLine {
                starts_at: slot.starts_at,
                ends_at: slot.ends_at,
                child: child.map(|(person, account)| {
                    match account
                        .as_ref()
                        .and_then(|a| a.class_id)
                        .and_then(|id| class_names.get(&id))
                    {
                        Some(class) => format!("{} ({class})", person.display_name()),
                        None => person.display_name(),
                    }
                }),
                parent: parent.map(|(person, _)| match &person.relation {
                    Some(relation) => format!("{} ({relation})", person.display_name()),
                    None => person.display_name(),
                }),
                topic: booking.and_then(|b| b.topic.clone()),
            }
        };
        let days = moment
            .first_day
            .iter_days()
            .take_while(|day| *day <= moment.last_day)
            .map(|day| ScheduleDay {
                day,
                hours: hours.iter().find(|h| h.day == day).map(|h| DayHours {
                    starts: h.starts.format("%H:%M").to_string(),
                    ends: h.ends.format("%H:%M").to_string(),
                    break_starts: h.break_starts.map(|t| t.format("%H:%M").to_string()),
                    break_ends: h.break_ends.map(|t| t.format("%H:%M").to_string()),
                }),
                lines: slots
                    .iter()
                    .filter(|slot| slot.starts_at.date() == day)
                    .map(line)
                    .collect(),
            })
            .collect();
        list.push(TeacherMoment {
            moment: summary,
            days,
        });
    }
    Ok(list)
}

/// The moments of a school for its admin, newest first, with their slots and bookings counted.
async fn organised<C: ConnectionTrait>(
    db: &C,
    platform: i32,
    now: DateTime<Utc>,
) -> Result<Vec<OrganisedMoment>, AppError> {
    let moments = conference::Entity::find()
        .filter(conference::Column::PlatformId.eq(platform))
        .order_by_desc(conference::Column::FirstDay)
        .order_by_desc(conference::Column::Id)
        .all(db)
        .await?;
    let summaries = summaries(db, &moments, now).await?;
    let mut list = Vec::new();
    for (moment, summary) in moments.iter().zip(summaries) {
        let slots = slot::Entity::find()
            .filter(slot::Column::ConferenceId.eq(moment.id))
            .all(db)
            .await?;
        let booked = booking::Entity::find()
            .filter(booking::Column::ConferenceId.eq(moment.id))
            .all(db)
            .await?;
        let teachers = invited_teachers(db, moment)
            .await?
            .into_iter()
            .map(|(id, teacher)| TeacherFill {
                teacher,
                slots: slots.iter().filter(|slot| slot.teacher_id == id).count() as u64,
                booked: booked.iter().filter(|talk| talk.teacher_id == id).count() as u64,
            })
            .collect();
        list.push(OrganisedMoment {
            moment: summary,
            slots: slots.len() as u64,
            booked: booked.len() as u64,
            teachers,
        });
    }
    Ok(list)
}

/// The teachers of a moment (see [`moment_teachers`]) and anyone with hours in it: account id and
/// name.
async fn invited_teachers<C: ConnectionTrait>(
    db: &C,
    moment: &conference::Model,
) -> Result<Vec<(i32, String)>, DbErr> {
    let mut ids = moment_teachers(db, moment).await?;
    ids.extend(
        availability::Entity::find()
            .filter(availability::Column::ConferenceId.eq(moment.id))
            .all(db)
            .await?
            .into_iter()
            .map(|hours| hours.teacher_id),
    );
    let mut teachers: Vec<(i32, String)> = sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.is_in(ids))
        .filter(sub_account::Column::Idx.eq(PUPIL_IDX))
        .all(db)
        .await?
        .into_iter()
        .map(|person| (person.account_id, person.display_name()))
        .collect();
    teachers.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(teachers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a time")
    }

    fn time(text: &str) -> NaiveTime {
        NaiveTime::parse_from_str(text, "%H:%M").expect("a time")
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 8).expect("a day")
    }

    #[test]
    fn slots_run_from_start_to_end_with_gaps_and_around_the_break() {
        let hours = Hours {
            starts: time("16:00"),
            ends: time("17:00"),
            pause: Some((time("16:25"), time("16:35"))),
        };
        let slots = slots_of(day(), hours, 10, 2);
        let starts: Vec<String> = slots.iter().map(|(s, _)| clock(*s)).collect();
        // 16:00, 16:12; 16:24 would run into the break, so 16:35, 16:47 (ends 16:57).
        assert_eq!(starts, ["16:00", "16:12", "16:35", "16:47"]);
        assert!(slots.iter().all(|(s, e)| *e - *s == Duration::minutes(10)));
        assert!(slots_of(
            day(),
            Hours {
                starts: time("16:00"),
                ends: time("16:05"),
                pause: None
            },
            10,
            0
        )
        .is_empty());
    }

    fn slot(id: u128, teacher: i32, starts: &str, minutes: i64) -> slot::Model {
        slot::Model {
            id: id as i32,
            public_id: Uuid::from_u128(id),
            conference_id: 1,
            teacher_id: teacher,
            starts_at: at(starts),
            ends_at: at(starts) + Duration::minutes(minutes),
        }
    }

    fn wanted(child: &str, teacher: i32) -> Wanted {
        Wanted {
            child_id: child.to_owned(),
            child: child.to_owned(),
            teacher_id: teacher,
            teacher: format!("T{teacher}"),
        }
    }

    #[test]
    fn the_suggestion_chains_talks_across_children_back_to_back() {
        let free = [
            slot(1, 1, "2026-12-08 16:00", 10),
            slot(2, 2, "2026-12-08 16:00", 10),
            slot(3, 2, "2026-12-08 16:10", 10),
            slot(4, 3, "2026-12-08 16:20", 10),
            slot(5, 3, "2026-12-08 18:00", 10),
        ];
        let want = [wanted("Lotte", 1), wanted("Lotte", 2), wanted("Tom", 3)];
        let series = suggest(&want, &free, &[]);
        let got: Vec<(String, String, String)> = series
            .iter()
            .map(|t| (clock(t.starts_at), t.child.clone(), t.teacher.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("16:00".into(), "Lotte".into(), "T1".into()),
                ("16:10".into(), "Lotte".into(), "T2".into()),
                ("16:20".into(), "Tom".into(), "T3".into()),
            ]
        );
        // A family booking at 16:10 breaks that chain: another series (or none) is offered.
        let busy = [(at("2026-12-08 16:10"), at("2026-12-08 16:20"))];
        let series = suggest(&want, &free, &busy);
        assert!(series.iter().all(|t| t.starts_at != at("2026-12-08 16:10")));
        assert!(series.windows(2).all(|w| w[0].ends_at <= w[1].starts_at));
    }

    #[test]
    fn the_same_teacher_for_two_children_gets_two_slots_in_a_row() {
        let free = [
            slot(1, 7, "2026-12-08 16:00", 10),
            slot(2, 7, "2026-12-08 16:10", 10),
        ];
        let series = suggest(&[wanted("Lotte", 7), wanted("Tom", 7)], &free, &[]);
        assert_eq!(series.len(), 2);
        assert_ne!(series[0].child, series[1].child);
        assert_ne!(series[0].slot, series[1].slot);
    }
}
