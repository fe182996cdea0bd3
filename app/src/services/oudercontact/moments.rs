//! The organiser's side: opening a conference moment for some classes of the school, and the list
//! of the school's moments with how full each is and which teachers have not given hours yet.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::summary::summaries;
use super::OudercontactError;
use crate::db::entities::sub_account;
use crate::db::entities::{availability, booking, class, conference, conference_class, slot};
use crate::db::{begin_write, settle};
use crate::models::{ClassChoice, OrganisedMoment, Oudercontact, TeacherFill};
use crate::services::time::school_instant;
use crate::visibility::{moment_teachers, Organiser};

/// A moment spans at most this many days.
const MAX_DAYS: i64 = 14;

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
    /// Whether the moment adds up: a title, days in order and not too many, a talk that fits in
    /// the day, a window that opens before it closes, and at least one class.
    pub fn is_valid(&self) -> bool {
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

/// Opens a conference moment for some classes of the organiser's school; returns its id. A class
/// of another school is `Forbidden`.
pub async fn open_moment(
    db: &DatabaseConnection,
    organiser: &Organiser,
    new: NewMoment,
    now: DateTime<Utc>,
) -> Result<String, OudercontactError> {
    if !new.is_valid() {
        return Err(OudercontactError::InvalidSchedule);
    }
    let wanted: BTreeSet<i32> = new.classes.iter().copied().collect();
    let known = class::Entity::find()
        .filter(organiser.classes())
        .filter(class::Column::Id.is_in(wanted.iter().copied()))
        .count(db)
        .await?;
    if known != wanted.len() as u64 {
        return Err(OudercontactError::Forbidden);
    }
    let txn = begin_write(db).await?;
    let outcome = insert_moment(&txn, organiser.school(), &new, now).await;
    let moment = settle(txn, outcome).await?;
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

/// Oudercontact for the organiser: the school's moments, newest first, with their slots and
/// bookings counted, and the classes a new moment may invite.
pub async fn organiser_view<C: ConnectionTrait>(
    db: &C,
    organiser: &Organiser,
    now: DateTime<Utc>,
) -> Result<Oudercontact, OudercontactError> {
    let moments = conference::Entity::find()
        .filter(organiser.moments())
        .order_by_desc(conference::Column::FirstDay)
        .order_by_desc(conference::Column::Id)
        .all(db)
        .await?;
    let summaries = summaries(db, &moments, now).await?;
    let ids: Vec<i32> = moments.iter().map(|moment| moment.id).collect();
    let slots = per_teacher::<slot::Entity>(
        db,
        slot::Column::ConferenceId,
        slot::Column::TeacherId,
        &ids,
    )
    .await?;
    let booked = per_teacher::<booking::Entity>(
        db,
        booking::Column::ConferenceId,
        booking::Column::TeacherId,
        &ids,
    )
    .await?;
    let mut teachers = invited_teachers(db, &moments).await?;
    // Counts are keyed by (moment, teacher): a moment's are one range of the map.
    let count = |counts: &BTreeMap<(i32, i32), u64>, moment: i32, teacher: Option<i32>| -> u64 {
        match teacher {
            Some(teacher) => counts.get(&(moment, teacher)).copied().unwrap_or(0),
            None => counts
                .range((moment, i32::MIN)..=(moment, i32::MAX))
                .map(|(_, rows)| rows)
                .sum(),
        }
    };
    let list = moments
        .iter()
        .zip(summaries)
        .map(|(moment, summary)| OrganisedMoment {
            moment: summary,
            slots: count(&slots, moment.id, None),
            booked: count(&booked, moment.id, None),
            teachers: teachers
                .remove(&moment.id)
                .unwrap_or_default()
                .into_iter()
                .map(|(id, teacher)| TeacherFill {
                    teacher,
                    slots: count(&slots, moment.id, Some(id)),
                    booked: count(&booked, moment.id, Some(id)),
                })
                .collect(),
        })
        .collect();
    let classes = class::Entity::find()
        .filter(organiser.classes())
        .order_by_asc(class::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|class| ClassChoice {
            id: class.id,
            name: class.name,
        })
        .collect();
    Ok(Oudercontact::Admin {
        moments: list,
        classes,
    })
}

/// The rows of `E` (slots or bookings) of each of `moments`, counted by moment and teacher: one
/// query, whatever the number of moments and rows.
async fn per_teacher<E: EntityTrait>(
    db: &impl ConnectionTrait,
    moment: E::Column,
    teacher: E::Column,
    moments: &[i32],
) -> Result<BTreeMap<(i32, i32), u64>, DbErr> {
    if moments.is_empty() {
        return Ok(BTreeMap::new());
    }
    let counted: Vec<(i32, i32, i64)> = E::find()
        .select_only()
        .column(moment)
        .column(teacher)
        .column_as(Expr::col(teacher).count(), "rows")
        .filter(moment.is_in(moments.iter().copied()))
        .group_by(moment)
        .group_by(teacher)
        .into_tuple()
        .all(db)
        .await?;
    Ok(counted
        .into_iter()
        .map(|(moment, teacher, rows)| ((moment, teacher), u64::try_from(rows).unwrap_or(0)))
        .collect())
}

/// For each of `moments`, its teachers (see [`moment_teachers`]) and anyone with hours in it:
/// account id and name, by name. Five queries, whatever the number of moments.
async fn invited_teachers<C: ConnectionTrait>(
    db: &C,
    moments: &[conference::Model],
) -> Result<BTreeMap<i32, Vec<(i32, String)>>, DbErr> {
    if moments.is_empty() {
        return Ok(BTreeMap::new());
    }
    let mut ids = moment_teachers(db, moments).await?;
    for hours in availability::Entity::find()
        .filter(availability::Column::ConferenceId.is_in(moments.iter().map(|moment| moment.id)))
        .all(db)
        .await?
    {
        ids.entry(hours.conference_id)
            .or_default()
            .insert(hours.teacher_id);
    }
    let names: BTreeMap<i32, String> =
        sub_account::Entity::main_of(ids.values().flatten().copied().collect::<BTreeSet<_>>())
            .all(db)
            .await?
            .into_iter()
            .map(|person| (person.account_id, person.display_name()))
            .collect();
    Ok(ids
        .into_iter()
        .map(|(moment, teachers)| {
            let mut teachers: Vec<(i32, String)> = teachers
                .into_iter()
                .filter_map(|id| Some((id, names.get(&id)?.clone())))
                .collect();
            teachers.sort_by(|a, b| a.1.cmp(&b.1));
            (moment, teachers)
        })
        .collect())
}
