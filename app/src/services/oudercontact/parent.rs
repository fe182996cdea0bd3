//! The parent's side: the selected child's moments with its teachers and their free slots, the
//! bookings of the whole family, and a suggested series of back-to-back talks. Apart from
//! booking because it only reads, and because it is the page most families load at once.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use super::suggest::{suggest, Wanted};
use super::summary::{coming, summaries};
use super::{window, OudercontactError};
use crate::db::entities::sub_account::{self, is_main};
use crate::db::entities::{booking, conference, slot};
use crate::models::{
    Booking, BookingWindow, FreeSlot, ParentMoment, ParentOudercontact, PublicId, TeacherSlots,
};
use crate::services::time::school_local;
use crate::visibility::BookingFamily;

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

    let mut kept = Vec::new();
    for moment in coming(db, which, now).await? {
        // Every child of the family that this moment is for, with its teachers.
        let pairs = family.invited(db, &moment).await?;
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

/// The family's bookings (`family`, on `booking`), in time order, each with its row.
async fn family_bookings<C: ConnectionTrait>(
    db: &C,
    family: Condition,
    now: DateTime<Utc>,
) -> Result<Vec<(booking::Model, Booking)>, DbErr> {
    let rows = booking::Entity::find().filter(family).all(db).await?;
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
    // The children and teachers (main persons of their accounts) and the parents who booked.
    let persons = sub_account::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(
                            sub_account::Column::AccountId
                                .is_in(rows.iter().flat_map(|b| [b.pupil_id, b.teacher_id])),
                        )
                        .add(is_main()),
                )
                .add(sub_account::Column::Id.is_in(rows.iter().map(|b| b.booked_by))),
        )
        .all(db)
        .await?;
    let main = |account: i32| {
        persons
            .iter()
            .find(|p| p.account_id == account && !p.is_co_account())
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
