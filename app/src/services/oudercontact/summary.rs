//! A moment as every page shows it (dates, hours, window, invited classes), and which moments are
//! still to come: shared by the parent's, the teacher's and the organiser's views.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::window;
use crate::db::entities::{class, conference, conference_class};
use crate::models::Moment;
use crate::services::time::{school_local, school_today};

/// The moments as the pages show them, in the same order, with the names of their classes.
pub(super) async fn summaries<C: ConnectionTrait>(
    db: &C,
    moments: &[conference::Model],
    now: DateTime<Utc>,
) -> Result<Vec<Moment>, DbErr> {
    if moments.is_empty() {
        return Ok(Vec::new());
    }
    // Each moment's classes by name, in one statement.
    let links: Vec<(i32, String)> = conference_class::Entity::find()
        .select_only()
        .column(conference_class::Column::ConferenceId)
        .column(class::Column::Name)
        .inner_join(class::Entity)
        .filter(conference_class::Column::ConferenceId.is_in(moments.iter().map(|m| m.id)))
        .into_tuple()
        .all(db)
        .await?;
    Ok(moments
        .iter()
        .map(|moment| {
            let mut names: Vec<String> = links
                .iter()
                .filter(|(id, _)| *id == moment.id)
                .map(|(_, name)| name.clone())
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

/// The moments that `which` allows and that are not over yet, first one first.
pub(super) async fn coming<C: ConnectionTrait>(
    db: &C,
    which: Condition,
    now: DateTime<Utc>,
) -> Result<Vec<conference::Model>, DbErr> {
    conference::Entity::find()
        .filter(which)
        .filter(conference::Column::LastDay.gte(school_today(now)))
        .order_by_asc(conference::Column::FirstDay)
        .order_by_asc(conference::Column::Id)
        .all(db)
        .await
}
