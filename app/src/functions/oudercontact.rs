//! Oudercontact as server functions. Each asks the visibility module for the caller's side (a
//! family that books, a teacher in a moment, the organiser of a school), hands that capability to
//! the oudercontact service and maps its error. Every action ends in a redirect back to the page,
//! so the forms work the same before and after the wasm has loaded.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::models::Oudercontact;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::error::AppError;
    use crate::models::PublicId;
    use crate::services::oudercontact::OudercontactError;

    impl From<OudercontactError> for AppError {
        fn from(err: OudercontactError) -> Self {
            match err {
                OudercontactError::NotFound => AppError::NotFound,
                OudercontactError::Forbidden => AppError::Forbidden,
                OudercontactError::SlotTaken(fresh) => AppError::SlotTaken(fresh),
                OudercontactError::AlreadyBooked => AppError::AlreadyBooked,
                OudercontactError::BookingClosed => AppError::BookingClosed,
                OudercontactError::InvalidSchedule => AppError::InvalidSchedule,
                OudercontactError::TopicTooLong => AppError::MessageTooLong,
                OudercontactError::Db(err) => err.into(),
            }
        }
    }

    /// A public id from a form or an address; text that is none is `refused`.
    pub fn public_id(text: &str, refused: AppError) -> Result<PublicId, AppError> {
        PublicId::parse(text).ok_or(refused)
    }
}

#[server]
pub async fn load_oudercontact(child: Option<String>) -> Result<Oudercontact, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        use crate::services::oudercontact as service;
        use crate::visibility::{oudercontact_access, OudercontactAccess};
        let (current, _) = signed_in().await?;
        let db = db()?;
        let now = chrono::Utc::now();
        Ok(match oudercontact_access(&current)? {
            OudercontactAccess::Parent(family) => {
                // Only a parent chooses a child; an id that names none of theirs is refused.
                let child = child
                    .map(|id| ssr::public_id(&id, AppError::Forbidden))
                    .transpose()?;
                Oudercontact::Parent(service::parent_view(&db, &family, child, now).await?)
            }
            OudercontactAccess::Teacher(teacher) => {
                Oudercontact::Teacher(service::schedule(&db, &teacher, now).await?)
            }
            OudercontactAccess::Organiser(organiser) => {
                service::organiser_view(&db, &organiser, now).await?
            }
        })
    })
    .await
}

#[cfg(feature = "ssr")]
async fn book(picks: Vec<(String, String)>, topic: Option<String>) -> Result<(), AppError> {
    use crate::functions::ssr::{auth, db, signed_in};
    use crate::services::oudercontact::Pick;
    let (current, _) = signed_in().await?;
    let db = db()?;
    let family = crate::visibility::booking_family(&current)?;
    let child = picks
        .first()
        .map(|(_, child)| child.clone())
        .unwrap_or_default();
    // A child that is none of the family's is refused; a slot that does not exist is not found.
    let picks = picks
        .iter()
        .map(|(slot, child)| {
            let child = ssr::public_id(child, AppError::Forbidden)?;
            let slot = ssr::public_id(slot, AppError::NotFound)?;
            Ok(Pick { slot, child })
        })
        .collect::<Result<Vec<Pick>, AppError>>()?;
    let now = chrono::Utc::now();
    crate::services::oudercontact::book(
        &db,
        &family,
        &picks,
        topic.as_deref(),
        &auth()?.base_url,
        now,
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/oudercontact?kind={}&{}",
        crate::url::percent_encode(&child),
        crate::outcome::Outcome::Booked.marked_query(now.timestamp_micros())
    ));
    Ok(())
}

/// Books one slot for one child of the family.
#[server]
pub async fn book_talk(child: String, slot: String, topic: Option<String>) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move { book(vec![(slot, child)], topic).await }).await
}

/// Books a suggested series (`slot:child` pairs separated by spaces): all talks or none.
#[server]
pub async fn book_series(series: String, topic: Option<String>) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let picks = series
            .split_whitespace()
            .filter_map(|pick| pick.split_once(':'))
            .map(|(slot, child)| (slot.to_owned(), child.to_owned()))
            .collect();
        book(picks, topic).await
    })
    .await
}

#[server]
pub async fn cancel_talk(id: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{auth, db, signed_in};
        let (current, _) = signed_in().await?;
        let db = db()?;
        let family = crate::visibility::booking_family(&current)?;
        let booking = ssr::public_id(&id, AppError::NotFound)?;
        let now = chrono::Utc::now();
        crate::services::oudercontact::cancel(&db, &family, booking, &auth()?.base_url, now)
            .await?;
        leptos_axum::redirect(&format!(
            "/oudercontact?{}",
            crate::outcome::Outcome::Cancelled.marked_query(id)
        ));
        Ok(())
    })
    .await
}

/// The admin's form for a new conference moment, as the browser sends it (`moment[title]`, …).
/// Times are school-local as the date and time fields give them; `classes` holds one entry per
/// ticked class (`moment[classes][<id>]`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct MomentForm {
    pub title: String,
    pub first_day: String,
    pub last_day: String,
    pub day_starts: String,
    pub day_ends: String,
    pub slot_minutes: String,
    pub gap_minutes: String,
    pub opens_at: String,
    pub closes_at: String,
    /// `school` or `online`.
    pub place: String,
    #[serde(default)]
    pub classes: BTreeMap<String, String>,
}

#[cfg(feature = "ssr")]
impl MomentForm {
    /// The moment the form describes, or `None` when a field does not read.
    fn read(self) -> Option<crate::services::oudercontact::NewMoment> {
        use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
        let date = |text: &str| text.trim().parse::<NaiveDate>().ok();
        let time = |text: &str| NaiveTime::parse_from_str(text.trim(), "%H:%M").ok();
        let instant =
            |text: &str| NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M").ok();
        Some(crate::services::oudercontact::NewMoment {
            first_day: date(&self.first_day)?,
            last_day: date(&self.last_day)?,
            day_starts: time(&self.day_starts)?,
            day_ends: time(&self.day_ends)?,
            slot_minutes: self.slot_minutes.trim().parse().ok()?,
            gap_minutes: self.gap_minutes.trim().parse().ok()?,
            opens_at: instant(&self.opens_at)?,
            closes_at: instant(&self.closes_at)?,
            online: self.place == "online",
            classes: self
                .classes
                .keys()
                .map(|id| id.parse().ok())
                .collect::<Option<Vec<i32>>>()?,
            title: self.title,
        })
    }
}

/// Opens a conference moment for some classes of the admin's school.
#[server]
pub async fn open_moment(moment: MomentForm) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        use crate::services::oudercontact::NewMoment;
        let (current, _) = signed_in().await?;
        // A moment that does not add up is refused before whoever sent it is looked at.
        let new = moment
            .read()
            .filter(NewMoment::is_valid)
            .ok_or(AppError::InvalidSchedule)?;
        let organiser = crate::visibility::organiser(&current)?;
        let id =
            crate::services::oudercontact::open_moment(&db()?, &organiser, new, chrono::Utc::now())
                .await?;
        leptos_axum::redirect(&format!(
            "/oudercontact?{}",
            crate::outcome::Outcome::MomentOpened.marked_query(id)
        ));
        Ok(())
    })
    .await
}

/// Sets a teacher's hours on one day; empty hours mean "not available that day".
#[server]
pub async fn set_day_hours(
    moment: String,
    day: String,
    starts: String,
    ends: String,
    break_starts: Option<String>,
    break_ends: Option<String>,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        use crate::services::oudercontact::Hours;
        let (current, _) = signed_in().await?;
        let time = |text: &str| {
            let text = text.trim();
            if text.is_empty() {
                Ok(None)
            } else {
                chrono::NaiveTime::parse_from_str(text, "%H:%M")
                    .map(Some)
                    .map_err(|_| AppError::InvalidSchedule)
            }
        };
        let day = day
            .trim()
            .parse::<chrono::NaiveDate>()
            .map_err(|_| AppError::InvalidSchedule)?;
        let pause = match (
            time(break_starts.as_deref().unwrap_or_default())?,
            time(break_ends.as_deref().unwrap_or_default())?,
        ) {
            (Some(from), Some(until)) => Some((from, until)),
            (None, None) => None,
            _ => return Err(AppError::InvalidSchedule),
        };
        let hours = match (time(&starts)?, time(&ends)?) {
            (Some(starts), Some(ends)) => Some(Hours {
                starts,
                ends,
                pause,
            }),
            (None, None) => None,
            _ => return Err(AppError::InvalidSchedule),
        };
        let moment = ssr::public_id(&moment, AppError::NotFound)?;
        let db = db()?;
        let teacher = crate::visibility::moment_teacher(&db, &current, moment).await?;
        crate::services::oudercontact::set_hours(&db, &teacher, day, hours).await?;
        leptos_axum::redirect(&format!(
            "/oudercontact?{}",
            crate::outcome::Outcome::HoursSaved.marked_query(chrono::Utc::now().timestamp_micros())
        ));
        Ok(())
    })
    .await
}
