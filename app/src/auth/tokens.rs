//! One-time tokens sent by mail: ≥128 random bits, stored hashed, single-use, expiring.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use super::secrets::{digest, new_token};
use crate::db::entities::token::{self, Purpose};

pub fn lifetime(purpose: Purpose) -> Duration {
    match purpose {
        Purpose::ConfirmEmail => Duration::hours(48),
        Purpose::ResetPassword => Duration::hours(2),
        Purpose::Reactivate => Duration::hours(24),
        // A class's parents read their mail over days, not hours.
        Purpose::Activate => Duration::days(14),
    }
}

/// Issues a token and returns the raw value for the link.
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    sub_account_id: i32,
    purpose: Purpose,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let raw = new_token();
    token::ActiveModel {
        id: Set(digest(&raw)),
        sub_account_id: Set(sub_account_id),
        purpose: Set(purpose),
        email: Set(email.map(str::to_owned)),
        created_at: Set(now),
        expires_at: Set(now + lifetime(purpose)),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(raw)
}

/// Uses a token once. The conditional update makes two simultaneous uses yield one winner.
pub async fn consume<C: ConnectionTrait>(
    db: &C,
    raw: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<token::Model>, DbErr> {
    let id = digest(raw.trim());
    let Some(found) = token::Entity::find_by_id(id.clone())
        .filter(token::Column::Purpose.eq(purpose))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if found.used_at.is_some() || found.expires_at <= now {
        return Ok(None);
    }
    let claimed = token::Entity::update_many()
        .col_expr(token::Column::UsedAt, Expr::value(now))
        .filter(token::Column::Id.eq(id))
        .filter(token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok((claimed.rows_affected == 1).then_some(found))
}

/// The live token `raw` of `purpose`, without using it.
pub async fn find_live<C: ConnectionTrait>(
    db: &C,
    raw: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<token::Model>, DbErr> {
    token::Entity::find_by_id(digest(raw.trim()))
        .filter(token::Column::Purpose.eq(purpose))
        .filter(token::Column::UsedAt.is_null())
        .filter(token::Column::ExpiresAt.gt(now))
        .one(db)
        .await
}

/// Whether `raw` is a live token of `purpose`, without using it (to show its form).
pub async fn is_live<C: ConnectionTrait>(
    db: &C,
    raw: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(find_live(db, raw, purpose, now).await?.is_some())
}

/// Removes the tokens that can no longer be used: used, or expired by `now`; answers how many.
/// [`consume`] treats both as unknown, so nothing anyone sees changes.
pub async fn prune<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let dead = token::Entity::delete_many()
        .filter(
            Condition::any()
                .add(token::Column::UsedAt.is_not_null())
                .add(token::Column::ExpiresAt.lte(now)),
        )
        .exec(db)
        .await?;
    Ok(dead.rows_affected)
}

/// Ends every unused token of these purposes of a person: an older link dies when a newer one, or
/// the change it was for, makes it stale.
pub async fn revoke<C: ConnectionTrait>(
    db: &C,
    sub_account_id: i32,
    purposes: &[Purpose],
) -> Result<(), DbErr> {
    token::Entity::delete_many()
        .filter(token::Column::SubAccountId.eq(sub_account_id))
        .filter(token::Column::Purpose.is_in(purposes.iter().copied()))
        .filter(token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
