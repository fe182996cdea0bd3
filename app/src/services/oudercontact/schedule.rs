//! The teacher's schedule: their moments, each day with the hours they gave and every slot with
//! the child, the parent who booked and the topic. The page and its printable version read it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::summary::{coming, summaries};
use super::OudercontactError;
use crate::db::entities::sub_account::{self, is_main};
use crate::db::entities::{account, availability, booking, class, conference, slot};
use crate::models::{DayHours, ScheduleDay, ScheduleLine, TeacherMoment};
use crate::visibility::ConferenceTeacher;

/// A teacher's moments, each day with their hours and the schedule: every slot with the child,
/// the parent who booked and the topic.
pub async fn schedule<C: ConnectionTrait>(
    db: &C,
    teacher: &ConferenceTeacher,
    now: DateTime<Utc>,
) -> Result<Vec<TeacherMoment>, OudercontactError> {
    let which = teacher
        .moments()
        .add(conference::Column::PlatformId.eq(teacher.account().platform_id));
    let moments = coming(db, which, now).await?;
    let teacher = teacher.account();
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
            .find_also_related(account::Entity)
            .filter(
                Condition::any()
                    .add(
                        Condition::all()
                            .add(
                                sub_account::Column::AccountId
                                    .is_in(bookings.values().map(|b| b.pupil_id)),
                            )
                            .add(is_main()),
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
                    .find(|(p, _)| p.account_id == b.pupil_id && !p.is_co_account())
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
