//! "Mijn documenten": each person's own files. Strictly personal: every function takes the
//! [`Documents`] of one person from the visibility module and narrows its query to them. Files
//! live in the database, so that they survive restarts and every app server sees the same.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use crate::db::entities::document;
use crate::models::{Document, PublicId};
use crate::visibility::Documents;

const MAX_NAME_CHARS: usize = 200;

/// What can go wrong with one's documents, in the product's terms; the server functions and
/// handlers give each its status and message.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// No such document among these (whether or not it is someone else's).
    #[error("not found")]
    NotFound,
    #[error("file too large")]
    FileTooLarge,
    /// An upload without a file, an empty one, or one without a usable name.
    #[error("no file")]
    NoFile,
    #[error("database: {0}")]
    Db(#[from] DbErr),
}

#[derive(Debug, sea_orm::FromQueryResult)]
struct Listed {
    public_id: Uuid,
    file_name: String,
    size: i64,
    created_at: DateTime<Utc>,
}

/// `documents`, newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    documents: &Documents,
) -> Result<Vec<Document>, DocumentError> {
    let rows: Vec<Listed> = document::Entity::find()
        .select_only()
        .columns([
            document::Column::PublicId,
            document::Column::FileName,
            document::Column::Size,
            document::Column::CreatedAt,
        ])
        .filter(documents.rows())
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

/// The content type an upload claims, if it is a plausible one; a download's default otherwise.
pub fn clean_content_type(claimed: Option<&str>) -> String {
    claimed
        .filter(|kind| kind.len() <= 100 && kind.is_ascii())
        .unwrap_or("application/octet-stream")
        .to_owned()
}

/// A file as a form sends it.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub content_type: Option<String>,
    pub content: Vec<u8>,
}

/// An upload within the limits every kept file shares: a usable name, some content, at most the
/// server's `UPLOAD_FILE_MB`.
pub struct CheckedFile {
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub content: Vec<u8>,
}

impl Upload {
    /// The file, if it keeps the limits: larger than `limit` bytes, empty or nameless is refused.
    pub fn check(self, limit: usize) -> Result<CheckedFile, DocumentError> {
        if self.content.len() > limit {
            return Err(DocumentError::FileTooLarge);
        }
        let file_name = clean_file_name(&self.file_name).ok_or(DocumentError::NoFile)?;
        if self.content.is_empty() {
            return Err(DocumentError::NoFile);
        }
        Ok(CheckedFile {
            file_name,
            content_type: clean_content_type(self.content_type.as_deref()),
            size: i64::try_from(self.content.len()).map_err(|_| DocumentError::FileTooLarge)?,
            content: self.content,
        })
    }
}

/// Stores an uploaded file among `documents`.
pub async fn store<C: ConnectionTrait>(
    db: &C,
    documents: &Documents,
    upload: Upload,
    limit: usize,
    now: DateTime<Utc>,
) -> Result<Document, DocumentError> {
    let file = upload.check(limit)?;
    let stored = document::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        owner_id: Set(documents.owner_id()),
        file_name: Set(file.file_name),
        content_type: Set(file.content_type),
        size: Set(file.size),
        content: Set(file.content),
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

/// The document `id` among `documents`; someone else's id finds nothing.
pub async fn open<C: ConnectionTrait>(
    db: &C,
    documents: &Documents,
    id: PublicId,
) -> Result<document::Model, DocumentError> {
    document::Entity::find()
        .filter(documents.rows())
        .filter(document::Column::PublicId.eq(id.0))
        .one(db)
        .await?
        .ok_or(DocumentError::NotFound)
}

/// Deletes the document `id` among `documents`; someone else's id deletes nothing and says not
/// found.
pub async fn delete<C: ConnectionTrait>(
    db: &C,
    documents: &Documents,
    id: PublicId,
) -> Result<(), DocumentError> {
    let deleted = document::Entity::delete_many()
        .filter(documents.rows())
        .filter(document::Column::PublicId.eq(id.0))
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(DocumentError::NotFound);
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
