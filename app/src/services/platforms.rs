use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::platform;
use crate::models::PlatformSummary;

fn summary(model: platform::Model) -> PlatformSummary {
    PlatformSummary {
        slug: model.slug,
        name: model.name,
        city: model.city,
    }
}

/// Every school of this deployment, by name.
pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<PlatformSummary>, DbErr> {
    let platforms = platform::Entity::find()
        .order_by_asc(platform::Column::Name)
        .all(db)
        .await?;
    Ok(platforms.into_iter().map(summary).collect())
}

/// The school at `slug`, if there is one. Slugs are matched as typed in an address: case-insensitively.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    slug: &str,
) -> Result<Option<PlatformSummary>, DbErr> {
    let slug = slug.trim().to_ascii_lowercase();
    let found = platform::Entity::find()
        .filter(platform::Column::Slug.eq(slug))
        .one(db)
        .await?;
    Ok(found.map(summary))
}
