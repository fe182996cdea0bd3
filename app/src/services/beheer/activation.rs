//! Activation by mail instead of paper: every parent of a class whose address the school gave, and
//! who has not begun to use the account, gets a link to choose a password (through the outbox).

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::{audit, BeheerError};
use crate::auth::{awaits_activation, send_activation, Auth};
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::{class, platform, sub_account};
use crate::db::{begin_write, settle};
use crate::models::AuditAction;
use crate::visibility::SchoolAdmin;

/// Mails the activation links of a class; how many went out.
pub async fn send_for_class(
    db: &DatabaseConnection,
    auth: &Auth,
    admin: &SchoolAdmin,
    class_id: i32,
    now: DateTime<Utc>,
) -> Result<usize, BeheerError> {
    let school = platform::Entity::find_by_id(admin.platform_id())
        .one(db)
        .await?
        .ok_or(BeheerError::NotFound)?;
    let class = class::Entity::find_by_id(class_id)
        .filter(class::Column::PlatformId.eq(admin.platform_id()))
        .one(db)
        .await?
        .ok_or(BeheerError::NotFound)?;
    let accounts = account::Entity::find()
        .filter(account::Column::PlatformId.eq(admin.platform_id()))
        .filter(account::Column::Kind.eq(AccountKind::Pupil))
        .filter(account::Column::ClassId.eq(class.id))
        .all(db)
        .await?;
    let people: Vec<sub_account::Model> = sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.is_in(accounts.iter().map(|account| account.id)))
        .filter(sub_account::Column::Idx.ne(sub_account::PUPIL_IDX))
        .all(db)
        .await?
        .into_iter()
        .filter(awaits_activation)
        .collect();
    let txn = begin_write(db).await?;
    let outcome = async {
        for person in &people {
            let username = accounts
                .iter()
                .find(|account| account.id == person.account_id)
                .map(|account| account.username.as_str())
                .unwrap_or_default();
            send_activation(&txn, auth, person, username, &school.name, now).await?;
        }
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::Activations,
            &class.name,
            &format!("{} mails", people.len()),
            now,
        )
        .await?;
        Ok::<(), BeheerError>(())
    }
    .await;
    settle(txn, outcome).await?;
    Ok(people.len())
}
