//! "Mijn documenten": each person's own files. Strictly personal: every query is narrowed to the
//! caller's own documents by the visibility module. Files live in the database, so that they
//! survive restarts and every app server sees the same.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use crate::auth::Current;
use crate::db::entities::document;
use crate::error::AppError;
use crate::models::Document;
use crate::visibility::{document_owner, own_documents};

/// The largest file one may keep, in bytes.
pub const MAX_SIZE: usize = 5 * 1024 * 1024;
const MAX_NAME_CHARS: usize = 200;

#[derive(Debug, sea_orm::FromQueryResult)]
struct Listed {
    public_id: Uuid,
    file_name: String,
    size: i64,
    created_at: DateTime<Utc>,
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    current: &Current,
) -> Result<Vec<Document>, AppError> {
    let rows: Vec<Listed> = document::Entity::find()
        .select_only()
        .columns([
            document::Column::PublicId,
            document::Column::FileName,
            document::Column::Size,
            document::Column::CreatedAt,
        ])
        .filter(own_documents(current)?)
        .order_by_desc(document::Column::CreatedAt)
        .order_by_desc(document::Column::Id)
        .into_model()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| Document {
            id: row.public_id.to_string(),
            file_name: row.file_name,
            size: row.size,
            uploaded: super::time::school_today(row.created_at),
        })
        .collect())
}

/// Keeps a file's name readable but harmless: no path, no control characters, bounded length.
pub fn clean_file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(MAX_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim().to_owned();
    (!cleaned.is_empty() && cleaned != "." && cleaned != "..").then_some(cleaned)
}

/// Stores an uploaded file for the caller.
pub async fn store<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    file_name: &str,
    content_type: Option<&str>,
    content: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<Document, AppError> {
    let owner = document_owner(current)?;
    if content.len() > MAX_SIZE {
        return Err(AppError::FileTooLarge);
    }
    let file_name = clean_file_name(file_name).ok_or(AppError::NoFile)?;
    if content.is_empty() {
        return Err(AppError::NoFile);
    }
    let content_type = content_type
        .filter(|kind| kind.len() <= 100 && kind.is_ascii())
        .unwrap_or("application/octet-stream")
        .to_owned();
    let size = i64::try_from(content.len()).map_err(|_| AppError::FileTooLarge)?;
    let stored = document::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        owner_id: Set(owner),
        file_name: Set(file_name),
        content_type: Set(content_type),
        size: Set(size),
        content: Set(content),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Document {
        id: stored.public_id.to_string(),
        file_name: stored.file_name,
        size: stored.size,
        uploaded: super::time::school_today(now),
    })
}

fn parse_id(id: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)
}

/// The caller's document `id`; someone else's id finds nothing.
pub async fn open<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    id: &str,
) -> Result<document::Model, AppError> {
    document::Entity::find()
        .filter(own_documents(current)?)
        .filter(document::Column::PublicId.eq(parse_id(id)?))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Deletes the caller's document `id`; someone else's id deletes nothing and says not found.
pub async fn delete<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    id: &str,
) -> Result<(), AppError> {
    let deleted = document::Entity::delete_many()
        .filter(own_documents(current)?)
        .filter(document::Column::PublicId.eq(parse_id(id)?))
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::clean_file_name;

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(
            clean_file_name("C:\\Users\\x\\rapport.pdf").as_deref(),
            Some("rapport.pdf")
        );
        assert_eq!(
            clean_file_name("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(
            clean_file_name("brief\n\"x\".txt").as_deref(),
            Some("briefx.txt")
        );
        assert_eq!(clean_file_name(".."), None);
        assert_eq!(clean_file_name("   "), None);
    }
}
