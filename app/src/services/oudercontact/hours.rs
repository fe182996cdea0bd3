//! The teacher's hours: per day of a moment, from when until when (with a break), and the slots
//! made from them. Apart from the schedule because this writes, and because the demo and the load
//! test make hours the same way (`replace_hours`).

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter,
};
use uuid::Uuid;

use super::OudercontactError;
use crate::db::entities::{availability, booking, conference, slot};
use crate::db::{begin_write, settle};
use crate::visibility::MomentTeacher;

/// A teacher's hours on one day: from, until, and an optional break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hours {
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub pause: Option<(NaiveTime, NaiveTime)>,
}

/// The slots that `hours` give on `day`: back to back from the start, `gap` minutes apart,
/// none overlapping the break or running past the end.
fn slots_of(
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

/// Sets the teacher's hours on one day of their moment (`None`: not available that day) and makes
/// the slots from them. Booked slots stay as they are; new slots that would overlap them are left
/// out.
pub async fn set_hours(
    db: &DatabaseConnection,
    teacher: &MomentTeacher,
    day: NaiveDate,
    hours: Option<Hours>,
) -> Result<(), OudercontactError> {
    let moment = teacher.moment();
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
        return Err(OudercontactError::InvalidSchedule);
    }
    let txn = begin_write(db).await?;
    let outcome = replace_hours(&txn, moment, teacher.teacher().id, day, hours).await;
    Ok(settle(txn, outcome).await?)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::time::clock;

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
}
