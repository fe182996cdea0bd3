//! Whose documents a caller opens: "Mijn documenten" is strictly personal.

use sea_orm::{ColumnTrait, Condition};

use super::caller::{acting, require};
use super::Module;
use crate::auth::Current;
use crate::db::entities::document;
use crate::error::AppError;

/// The documents of one person: the caller's own, or for a parent those of the co-account of the
/// selected child. Only the documents service's callers can hold one, after this module checked.
#[derive(Clone, Copy, Debug)]
pub struct Documents {
    owner: i32,
}

impl Documents {
    /// The person a new upload belongs to.
    pub fn owner_id(&self) -> i32 {
        self.owner
    }

    /// These documents (on `document`).
    pub fn rows(&self) -> Condition {
        Condition::all().add(document::Column::OwnerId.eq(self.owner))
    }
}

/// The documents the caller opens.
pub fn documents(current: &Current) -> Result<Documents, AppError> {
    require(current, Module::MyDocuments)?;
    Ok(Documents {
        owner: acting(current).1.id,
    })
}
