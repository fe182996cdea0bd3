//! The LVS: remarks about a pupil and their absences, as far as the audience may read them.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::sub_account;
use crate::db::entities::{attendance, lvs_remark};
use crate::models::{Absence, Lvs, Remark};
use crate::visibility::PupilScope;

use super::pupil;

/// LVS remarks (as far as each is visible to the audience) and attendance codes, newest first.
pub async fn lvs<C: ConnectionTrait>(db: &C, scope: &PupilScope) -> Result<Lvs, DbErr> {
    let remarks = lvs_remark::Entity::find()
        .filter(scope.remarks())
        .order_by_desc(lvs_remark::Column::NotedOn)
        .order_by_desc(lvs_remark::Column::Id)
        .all(db)
        .await?;
    let author_ids: Vec<i32> = remarks.iter().map(|remark| remark.author_id).collect();
    let authors: HashMap<i32, String> = sub_account::Entity::main_of(author_ids)
        .all(db)
        .await?
        .into_iter()
        .map(|person| (person.account_id, person.display_name()))
        .collect();
    let attendance = attendance::Entity::find()
        .filter(attendance::Column::PupilId.eq(scope.account.id))
        .order_by_desc(attendance::Column::Day)
        .order_by_asc(attendance::Column::Half)
        .all(db)
        .await?;
    Ok(Lvs {
        pupil: pupil(db, scope).await?,
        remarks: remarks
            .into_iter()
            .map(|remark| Remark {
                noted_on: remark.noted_on,
                author: authors.get(&remark.author_id).cloned().unwrap_or_default(),
                category: remark.category,
                text: remark.text,
            })
            .collect(),
        attendance: attendance
            .into_iter()
            .map(|row| Absence {
                day: row.day,
                half: row.half,
                code: row.code,
                note: row.note,
            })
            .collect(),
    })
}
