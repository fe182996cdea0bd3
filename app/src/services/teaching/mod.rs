//! Teachers write what families read: planned work, evaluations and their score grid, attendance
//! and LVS remarks. Every function takes the [`TeachingScope`] of the visibility module and reaches
//! only what it grants; its refusals (`Forbidden`, `NotFound`) pass through unchanged, and a
//! refused form writes nothing.

pub mod agenda;
pub mod class;
pub mod evaluations;
pub mod grid;
pub mod live;
pub mod materials;
pub mod overviews;

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::{class as class_entity, course, sub_account};
use crate::error::AppError;
use crate::models::{TaughtClass, TaughtCourse, Teaching};
use crate::services::notifications::{announce, people_of, News};
use crate::visibility::TeachingScope;

/// The courses and classes the caller writes for, by class and name.
pub async fn teaching<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
) -> Result<Teaching, DbErr> {
    let classes = class_entity::Entity::find()
        .filter(scope.classes())
        .order_by_asc(class_entity::Column::Name)
        .all(db)
        .await?;
    let courses = course::Entity::find()
        .filter(scope.courses())
        .find_also_related(class_entity::Entity)
        .all(db)
        .await?;
    let mut courses: Vec<TaughtCourse> = courses
        .into_iter()
        .map(|(course, class)| TaughtCourse {
            id: course.id,
            name: course.name,
            class_id: course.class_id,
            class: class.map(|class| class.name).unwrap_or_default(),
        })
        .collect();
    courses.sort_by(|a, b| (&a.class, &a.name).cmp(&(&b.class, &b.name)));
    Ok(Teaching {
        courses,
        classes: classes
            .into_iter()
            .map(|class| taught_class(scope, class))
            .collect(),
    })
}

/// A class as the teaching pages name it.
pub(crate) fn taught_class(scope: &TeachingScope, class: class_entity::Model) -> TaughtClass {
    TaughtClass {
        all_remarks: scope.reads_all_remarks(&class),
        id: class.id,
        name: class.name,
    }
}

/// A pupil of a class as the teaching pages list them.
pub(crate) struct ClassPupil {
    pub account: i32,
    pub public_id: String,
    pub first_name: String,
    pub name: String,
}

/// The pupils of a class, by last and first name, in one query.
pub(crate) async fn class_pupils<C: ConnectionTrait>(
    db: &C,
    class_id: i32,
) -> Result<Vec<ClassPupil>, DbErr> {
    let found = sub_account::Entity::find()
        .filter(sub_account::is_main())
        .find_also_related(account::Entity)
        .filter(account::Column::Kind.eq(AccountKind::Pupil))
        .filter(account::Column::ClassId.eq(class_id))
        .order_by_asc(sub_account::Column::LastName)
        .order_by_asc(sub_account::Column::FirstName)
        .all(db)
        .await?;
    Ok(found
        .into_iter()
        .filter_map(|(person, account)| {
            account.map(|account| ClassPupil {
                account: account.id,
                public_id: person.public_id.to_string(),
                name: person.display_name(),
                first_name: person.first_name,
            })
        })
        .collect())
}

/// Tells the people of `pupils` (account, first name) the news each gets, as `news` makes it
/// for a pupil; `pupil` and `parents` say who of each pupil's people hear of it.
pub(crate) async fn tell<C: ConnectionTrait>(
    db: &C,
    base_url: &str,
    pupils: &[(i32, String)],
    (pupil, parents): (bool, bool),
    news: impl Fn(i32) -> Option<News>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbErr> {
    let names: HashMap<i32, &str> = pupils
        .iter()
        .map(|(account, name)| (*account, name.as_str()))
        .collect();
    let people = people_of(db, names.keys().copied().collect(), pupil, parents).await?;
    let told = people
        .into_iter()
        .filter_map(|person| {
            let mut news = news(person.account_id)?;
            news.pupil = Some(person.account_id);
            news.child = names
                .get(&person.account_id)
                .copied()
                .unwrap_or_default()
                .to_owned();
            Some((person, news))
        })
        .collect();
    announce(db, base_url, told, now).await
}

/// The display names of staff accounts, by account.
pub(crate) async fn staff_names<C: ConnectionTrait>(
    db: &C,
    accounts: Vec<i32>,
) -> Result<HashMap<i32, String>, DbErr> {
    Ok(sub_account::Entity::main_of(accounts)
        .all(db)
        .await?
        .into_iter()
        .map(|person| (person.account_id, person.display_name()))
        .collect())
}

/// A date as a form sends it (`2026-11-30`).
pub fn parse_date(text: &str) -> Result<NaiveDate, AppError> {
    text.trim()
        .parse::<NaiveDate>()
        .map_err(|_| AppError::InvalidDate)
}

/// An hour as a form sends it (`14:30`).
pub fn parse_time(text: &str) -> Result<NaiveTime, AppError> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| AppError::InvalidTime)
}

/// A required line of text, at most `max` characters, trimmed.
pub(crate) fn required(text: &str, max: usize, missing: AppError) -> Result<String, AppError> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > max {
        Err(missing)
    } else {
        Ok(text.to_owned())
    }
}

/// The course as the teaching pages name it.
pub(crate) fn taught_course(course: &course::Model, class: &str) -> TaughtCourse {
    TaughtCourse {
        id: course.id,
        name: course.name.clone(),
        class_id: course.class_id,
        class: class.to_owned(),
    }
}
