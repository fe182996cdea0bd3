//! The audit log of Beheer: who did what, when, to whom. Written in the transaction of the action
//! itself, so that an action and its entry exist together or not at all.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::db::entities::{audit_entry, sub_account};
use crate::models::{AuditAction, AuditPage, AuditRow};
use crate::services::time::school_local;
use crate::visibility::SchoolAdmin;

pub const PER_PAGE: u64 = 50;

/// One entry; `actor` is none for the command line.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    platform_id: i32,
    actor: Option<i32>,
    action: AuditAction,
    subject: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    audit_entry::ActiveModel {
        platform_id: Set(platform_id),
        actor_id: Set(actor),
        at: Set(now),
        action: Set(action.code().to_owned()),
        subject: Set(subject.to_owned()),
        detail: Set(detail.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The school's entries, newest first, a page at a time.
pub async fn entries(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    page: u64,
) -> Result<AuditPage, DbErr> {
    let query =
        audit_entry::Entity::find().filter(audit_entry::Column::PlatformId.eq(admin.platform_id()));
    let total = query.clone().count(db).await?;
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let found = query
        .order_by_desc(audit_entry::Column::At)
        .order_by_desc(audit_entry::Column::Id)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
        .all(db)
        .await?;
    let actor_ids: Vec<i32> = found.iter().filter_map(|entry| entry.actor_id).collect();
    // An empty log (or one of the system's entries only) names no one to look up.
    let actors = if actor_ids.is_empty() {
        Vec::new()
    } else {
        sub_account::Entity::find()
            .filter(sub_account::Column::Id.is_in(actor_ids))
            .all(db)
            .await?
    };
    let rows = found
        .into_iter()
        .map(|entry| AuditRow {
            at: school_local(entry.at),
            actor: entry.actor_id.and_then(|id| {
                actors
                    .iter()
                    .find(|person| person.id == id)
                    .map(super::full_name)
            }),
            action: AuditAction::from_code(&entry.action),
            subject: entry.subject,
            detail: entry.detail,
        })
        .collect();
    Ok(AuditPage { rows, page, pages })
}
