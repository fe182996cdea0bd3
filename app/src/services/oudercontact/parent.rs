//! The parent's side: the selected child's moments with its teachers and their free slots, the
//! bookings of the whole family, and a suggested series of back-to-back talks. Apart from
//! booking because it only reads, and because it is the page most families load at once.

use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, IntoIden, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, DeriveIden, EntityTrait, FromQueryResult,
    IdenStatic, JoinType, QueryFilter, QueryOrder, QueryResult, QuerySelect,
};

use super::suggest::{suggest, Wanted};
use super::summary::{coming, summaries};
use super::{window, OudercontactError};
use crate::db::entities::sub_account;
use crate::db::entities::{booking, conference, slot};
use crate::db::{columns_of, timestamp};
use crate::models::{
    Booking, BookingWindow, FreeSlot, ParentMoment, ParentOudercontact, PublicId, TeacherSlots,
};
use crate::services::time::school_local;
use crate::visibility::{BookingFamily, Invitation};

/// A parent's view for the selected child, or for `child` when it names a child of the family
/// (any other child is `Forbidden`).
pub async fn parent_view<C: ConnectionTrait>(
    db: &C,
    family: &BookingFamily,
    child: Option<PublicId>,
    now: DateTime<Utc>,
) -> Result<ParentOudercontact, OudercontactError> {
    let scope = match child {
        Some(id) => family.child(id).ok_or(OudercontactError::Forbidden)?,
        None => family.selected(),
    };
    let bookings = family_bookings(db, family.bookings(), now).await?;
    let local_now = school_local(now);
    let which = Condition::all().add(conference::Column::PlatformId.eq(scope.account.platform_id));

    let coming = coming(db, which, now).await?;
    let invitations = family.invited(db, &coming).await?;
    // The moments this child is invited to; the family's other children count for the suggestion.
    let moments: Vec<conference::Model> = coming
        .into_iter()
        .filter(|moment| {
            invitations.iter().any(|invitation| {
                invitation.moment == moment.id && invitation.child.account.id == scope.account.id
            })
        })
        .collect();
    let moment_ids: Vec<i32> = moments.iter().map(|moment| moment.id).collect();
    let teacher_ids: BTreeSet<i32> = invitations.iter().map(|i| i.teacher.account_id).collect();
    let free = free_slots(db, &moment_ids, &teacher_ids, local_now).await?;
    let giving_hours = giving_hours(db, &moment_ids, &teacher_ids).await?;

    let mut kept = Vec::new();
    for moment in moments {
        let pairs: Vec<&Invitation> = invitations
            .iter()
            .filter(|invitation| invitation.moment == moment.id)
            .collect();
        let free: Vec<slot::Model> = free
            .iter()
            .filter(|slot| {
                slot.conference_id == moment.id
                    && pairs
                        .iter()
                        .any(|pair| pair.teacher.account_id == slot.teacher_id)
            })
            .cloned()
            .collect();
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
        for Invitation { child, teacher, .. } in pairs {
            let booking = booked(child.account.id, teacher.account_id);
            let slots: Vec<&slot::Model> = free
                .iter()
                .filter(|slot| slot.teacher_id == teacher.account_id)
                .collect();
            if booking.is_none() && open && !slots.is_empty() {
                wanted.push(Wanted {
                    child_id: child.person.public_id.to_string(),
                    child: child.person.first_name.clone(),
                    teacher_id: teacher.account_id,
                    teacher: teacher.person.display_name(),
                });
            }
            if child.account.id != scope.account.id {
                continue;
            }
            let has_slots = booking.is_some()
                || !slots.is_empty()
                || giving_hours.contains(&(moment.id, teacher.account_id));
            if has_slots {
                teachers.push(TeacherSlots {
                    teacher: teacher.person.display_name(),
                    class_teacher: teacher.class_teacher,
                    courses: teacher.courses.clone(),
                    booking,
                    free: slots.into_iter().map(free_slot).collect(),
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
        kept.push((moment, teachers, suggestion));
    }
    let shown: Vec<conference::Model> = kept.iter().map(|(moment, _, _)| moment.clone()).collect();
    let moments = summaries(db, &shown, now)
        .await?
        .into_iter()
        .zip(kept)
        .map(|(moment, (_, teachers, suggestion))| ParentMoment {
            moment,
            teachers,
            suggestion,
        })
        .collect();
    Ok(ParentOudercontact {
        child: crate::services::school::pupil(db, scope).await?,
        moments,
        bookings: bookings.into_iter().map(|(_, view)| view).collect(),
    })
}

/// A slot as a parent chooses it.
pub(super) fn free_slot(slot: &slot::Model) -> FreeSlot {
    FreeSlot {
        id: slot.public_id.to_string(),
        starts_at: slot.starts_at,
        ends_at: slot.ends_at,
    }
}

/// The free slots of some teachers in some moments that have not begun yet, in time order.
pub(super) async fn free_slots<C: ConnectionTrait>(
    db: &C,
    moments: &[i32],
    teachers: &BTreeSet<i32>,
    local_now: NaiveDateTime,
) -> Result<Vec<slot::Model>, DbErr> {
    if moments.is_empty() {
        return Ok(Vec::new());
    }
    // Free: no booking names the slot. One look-up in the bookings' slot index per slot, not a
    // read of every booking of the moment (thousands in an evening's rush).
    let booked = Query::select()
        .expr(Expr::val(1))
        .from(booking::Entity)
        .and_where(
            Expr::col((booking::Entity, booking::Column::SlotId))
                .equals((slot::Entity, slot::Column::Id)),
        )
        .to_owned();
    Ok(slot::Entity::find()
        .filter(slot::Column::ConferenceId.is_in(moments.iter().copied()))
        .filter(slot::Column::TeacherId.is_in(teachers.iter().copied()))
        .filter(slot::Column::StartsAt.gt(local_now))
        .filter(Expr::exists(booked).not())
        .order_by_asc(slot::Column::StartsAt)
        .order_by_asc(slot::Column::TeacherId)
        .into_model::<Listed>()
        .all(db)
        .await?
        .into_iter()
        .map(|Listed(slot)| slot)
        .collect())
}

/// A slot of a list of free times, its times read as they are written (see
/// [`crate::db::timestamp`]): an evening's rush reads hundreds for every refused booking.
struct Listed(slot::Model);

impl FromQueryResult for Listed {
    fn from_query_result(row: &QueryResult, pre: &str) -> Result<Self, DbErr> {
        Ok(Listed(slot::Model {
            id: row.try_get(pre, slot::Column::Id.as_str())?,
            public_id: row.try_get(pre, slot::Column::PublicId.as_str())?,
            conference_id: row.try_get(pre, slot::Column::ConferenceId.as_str())?,
            teacher_id: row.try_get(pre, slot::Column::TeacherId.as_str())?,
            starts_at: timestamp(row, pre, slot::Column::StartsAt.as_str())?,
            ends_at: timestamp(row, pre, slot::Column::EndsAt.as_str())?,
        }))
    }
}

/// Which of the teachers give hours in which of the moments (have any slot, free or not), as
/// (moment, teacher) pairs.
async fn giving_hours<C: ConnectionTrait>(
    db: &C,
    moments: &[i32],
    teachers: &BTreeSet<i32>,
) -> Result<HashSet<(i32, i32)>, DbErr> {
    if moments.is_empty() {
        return Ok(HashSet::new());
    }
    Ok(slot::Entity::find()
        .select_only()
        .column(slot::Column::ConferenceId)
        .column(slot::Column::TeacherId)
        .distinct()
        .filter(slot::Column::ConferenceId.is_in(moments.iter().copied()))
        .filter(slot::Column::TeacherId.is_in(teachers.iter().copied()))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The people a booking names, read under these names beside the booking.
#[derive(DeriveIden, Clone, Copy)]
enum Named {
    Child,
    Teacher,
    Booker,
}

/// A booking with its slot and moment, the first name of its child, and the names of its teacher
/// and of the parent who booked it (none once that co-account is gone).
#[derive(FromQueryResult)]
struct BookingRow {
    #[sea_orm(nested(prefix = "booking_"))]
    booking: booking::Model,
    #[sea_orm(nested(prefix = "slot_"))]
    slot: slot::Model,
    #[sea_orm(nested(prefix = "conference_"))]
    moment: conference::Model,
    child: String,
    teacher_first_name: String,
    teacher_last_name: String,
    booker_first_name: Option<String>,
    booker_last_name: Option<String>,
}

/// The family's bookings (`family`, on `booking`), in time order, each with its row: one
/// statement, with the names of the child and teacher (main persons of their accounts) and of
/// the parent who booked.
async fn family_bookings<C: ConnectionTrait>(
    db: &C,
    family: Condition,
    now: DateTime<Utc>,
) -> Result<Vec<(booking::Model, Booking)>, DbErr> {
    let mut query = Query::select();
    query
        .from(booking::Entity)
        .inner_join(
            slot::Entity,
            Expr::col((slot::Entity, slot::Column::Id))
                .equals((booking::Entity, booking::Column::SlotId)),
        )
        .inner_join(
            conference::Entity,
            Expr::col((conference::Entity, conference::Column::Id))
                .equals((booking::Entity, booking::Column::ConferenceId)),
        )
        .join_as(
            JoinType::InnerJoin,
            sub_account::Entity,
            Named::Child,
            sub_account::main_person_as(
                Named::Child,
                Expr::col((booking::Entity, booking::Column::PupilId)),
            ),
        )
        .join_as(
            JoinType::InnerJoin,
            sub_account::Entity,
            Named::Teacher,
            sub_account::main_person_as(
                Named::Teacher,
                Expr::col((booking::Entity, booking::Column::TeacherId)),
            ),
        )
        .join_as(
            JoinType::LeftJoin,
            sub_account::Entity,
            Named::Booker,
            Expr::col((Named::Booker, sub_account::Column::Id))
                .equals((booking::Entity, booking::Column::BookedBy)),
        )
        .cond_where(family);
    for (table, column, name) in [
        (Named::Child, sub_account::Column::FirstName, "child"),
        (
            Named::Teacher,
            sub_account::Column::FirstName,
            "teacher_first_name",
        ),
        (
            Named::Teacher,
            sub_account::Column::LastName,
            "teacher_last_name",
        ),
        (
            Named::Booker,
            sub_account::Column::FirstName,
            "booker_first_name",
        ),
        (
            Named::Booker,
            sub_account::Column::LastName,
            "booker_last_name",
        ),
    ] {
        query.expr_as(Expr::col((table, column.into_iden())), name);
    }
    columns_of::<booking::Entity>(&mut query, booking::Entity);
    columns_of::<slot::Entity>(&mut query, slot::Entity);
    columns_of::<conference::Entity>(&mut query, conference::Entity);
    let rows = BookingRow::find_by_statement(db.get_database_backend().build(&query))
        .all(db)
        .await?;
    let mut list: Vec<(booking::Model, Booking)> = rows
        .into_iter()
        .map(|row| {
            let view = Booking {
                id: row.booking.public_id.to_string(),
                moment: row.moment.title.clone(),
                child: row.child,
                teacher: sub_account::display_name(&row.teacher_first_name, &row.teacher_last_name),
                starts_at: row.slot.starts_at,
                ends_at: row.slot.ends_at,
                topic: row.booking.topic.clone(),
                online: row.moment.online,
                booked_by: row
                    .booker_first_name
                    .zip(row.booker_last_name)
                    .map(|(first, last)| sub_account::display_name(&first, &last))
                    .unwrap_or_default(),
                can_cancel: window(&row.moment, now) == BookingWindow::Open,
            };
            (row.booking, view)
        })
        .collect();
    list.sort_by(|(_, a), (_, b)| (a.starts_at, &a.teacher).cmp(&(b.starts_at, &b.teacher)));
    Ok(list)
}
