//! A class for its teachers: the attendance register of one half day (present unless a code is
//! given) and the LVS remarks about its pupils, with a form for a new one.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::{class_pupils, required, staff_names, teaching, tell};
use crate::db::entities::{attendance, lvs_remark};
use crate::db::{begin_write, settle};
use crate::error::AppError;
use crate::models::{
    AbsenceCode, ClassPage, ClassRemark, HalfDay, NotificationKind, PublicId, RegisterEntry,
    RegisterRow, RemarkAudience,
};
use crate::services::notifications::News;
use crate::services::time::school_today;
use crate::visibility::TeachingScope;

pub const NOTE_MAX: usize = 200;
pub const CATEGORY_MAX: usize = 60;
pub const REMARK_MAX: usize = 4000;

/// The class page for one half day (today's morning when none is chosen).
pub async fn page<C: ConnectionTrait>(
    db: &C,
    scope: &TeachingScope,
    class_id: i32,
    day: Option<NaiveDate>,
    half: Option<HalfDay>,
    now: DateTime<Utc>,
) -> Result<ClassPage, AppError> {
    let class = scope.class(db, class_id).await?;
    let today = school_today(now);
    let day = day.unwrap_or(today);
    let half = half.unwrap_or(HalfDay::Morning);
    let pupils = class_pupils(db, class.id).await?;
    let accounts: Vec<i32> = pupils.iter().map(|pupil| pupil.account).collect();
    let absences: HashMap<i32, attendance::Model> = attendance::Entity::find()
        .filter(attendance::Column::PupilId.is_in(accounts.clone()))
        .filter(attendance::Column::Day.eq(day))
        .filter(attendance::Column::Half.eq(half))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.pupil_id, row))
        .collect();
    let remarks = lvs_remark::Entity::find()
        .filter(scope.class_remarks(&class, accounts))
        .order_by_desc(lvs_remark::Column::NotedOn)
        .order_by_desc(lvs_remark::Column::Id)
        .all(db)
        .await?;
    let authors = staff_names(db, remarks.iter().map(|remark| remark.author_id).collect()).await?;
    let names: HashMap<i32, &str> = pupils
        .iter()
        .map(|pupil| (pupil.account, pupil.name.as_str()))
        .collect();
    let remarks = remarks
        .into_iter()
        .map(|remark| ClassRemark {
            pupil: names
                .get(&remark.pupil_id)
                .copied()
                .unwrap_or_default()
                .to_owned(),
            noted_on: remark.noted_on,
            author: authors.get(&remark.author_id).cloned().unwrap_or_default(),
            category: remark.category,
            text: remark.text,
            audience: RemarkAudience::of(remark.visible_to_pupil, remark.visible_to_parents),
        })
        .collect();
    let register = pupils
        .into_iter()
        .map(|pupil| {
            let absence = absences.get(&pupil.account);
            RegisterRow {
                pupil: pupil.public_id,
                name: pupil.name,
                code: absence.map(|row| row.code.clone()),
                note: absence.and_then(|row| row.note.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let teaching = teaching(db, scope).await?;
    let class = teaching
        .classes
        .iter()
        .find(|taught| taught.id == class.id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok(ClassPage {
        teaching,
        class,
        day,
        half,
        today,
        register,
        remarks,
    })
}

/// Registers one half day of a class: the pupils with a code are absent, every other pupil is
/// present (a code registered earlier and now left empty is taken back). The parents of a pupil
/// newly absent, or absent with another code, hear of it.
#[allow(clippy::too_many_arguments)]
pub async fn save_register(
    db: &DatabaseConnection,
    base_url: &str,
    scope: &TeachingScope,
    class_id: i32,
    day: NaiveDate,
    half: HalfDay,
    entries: &[RegisterEntry],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let class = scope.class(db, class_id).await?;
    let class_pupils = class_pupils(db, class.id).await?;
    let names: Vec<(i32, String)> = class_pupils
        .iter()
        .map(|pupil| (pupil.account, pupil.first_name.clone()))
        .collect();
    let pupils: HashMap<String, i32> = class_pupils
        .into_iter()
        .map(|pupil| (pupil.public_id, pupil.account))
        .collect();
    let mut absent = Vec::new();
    for entry in entries {
        let pupil = *pupils.get(entry.pupil.trim()).ok_or(AppError::NotFound)?;
        if entry.code.trim().is_empty() {
            continue;
        }
        let code = AbsenceCode::parse(&entry.code).ok_or(AppError::InvalidChoice)?;
        let note = entry.note.trim();
        if note.chars().count() > NOTE_MAX {
            return Err(AppError::MessageTooLong);
        }
        absent.push(attendance::ActiveModel {
            pupil_id: Set(pupil),
            day: Set(day),
            half: Set(half),
            code: Set(code.letter().to_owned()),
            note: Set((!note.is_empty()).then(|| note.to_owned())),
            recorded_by: Set(Some(scope.actor())),
            ..Default::default()
        });
    }
    let txn = begin_write(db).await?;
    let outcome = async {
        let before: HashMap<i32, String> = attendance::Entity::find()
            .filter(attendance::Column::PupilId.is_in(pupils.values().copied()))
            .filter(attendance::Column::Day.eq(day))
            .filter(attendance::Column::Half.eq(half))
            .all(&txn)
            .await?
            .into_iter()
            .map(|row| (row.pupil_id, row.code))
            .collect();
        let news: HashMap<i32, String> = absent
            .iter()
            .filter_map(|row| {
                let (pupil, code) = (*row.pupil_id.as_ref(), row.code.as_ref().clone());
                (before.get(&pupil) != Some(&code)).then_some((pupil, code))
            })
            .collect();
        attendance::Entity::delete_many()
            .filter(attendance::Column::PupilId.is_in(pupils.values().copied()))
            .filter(attendance::Column::Day.eq(day))
            .filter(attendance::Column::Half.eq(half))
            .exec(&txn)
            .await?;
        if !absent.is_empty() {
            attendance::Entity::insert_many(absent)
                .exec_without_returning(&txn)
                .await?;
        }
        let absence = |pupil: i32| {
            Some(News {
                day: Some(day),
                code: Some(news.get(&pupil)?.clone()),
                ..News::new(NotificationKind::Absences, "", "", half.code())
            })
        };
        tell(&txn, base_url, &names, (false, true), absence, now).await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

/// A new remark about a pupil of a class the caller teaches.
pub struct RemarkInput {
    pub pupil: String,
    pub category: String,
    pub text: String,
    pub audience: String,
}

/// Writes a remark dated today and tells whom its audience names; answers the pupil's class.
pub async fn add_remark(
    db: &DatabaseConnection,
    base_url: &str,
    scope: &TeachingScope,
    input: &RemarkInput,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let id = PublicId::parse(&input.pupil).ok_or(AppError::NotFound)?;
    let (account, person) = scope.pupil(db, id).await?;
    let audience = RemarkAudience::parse(&input.audience).ok_or(AppError::InvalidChoice)?;
    let category = required(&input.category, CATEGORY_MAX, AppError::TitleRequired)?;
    let text = required(&input.text, REMARK_MAX, AppError::TextRequired)?;
    let readers = audience.readers();
    let news = News::new(NotificationKind::Remarks, "", &category, &text);
    let txn = begin_write(db).await?;
    let outcome = async {
        lvs_remark::ActiveModel {
            pupil_id: Set(account.id),
            author_id: Set(scope.actor()),
            noted_on: Set(school_today(now)),
            category: Set(category),
            text: Set(text),
            visible_to_pupil: Set(readers.0),
            visible_to_parents: Set(readers.1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let pupil = [(account.id, person.first_name)];
        tell(&txn, base_url, &pupil, readers, |_| Some(news.clone()), now).await?;
        Ok(account.class_id.unwrap_or_default())
    }
    .await;
    settle(txn, outcome).await
}
