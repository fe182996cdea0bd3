use sea_orm::entity::prelude::*;

/// What was typed in a form refused for a session, kept for the page it came from.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kept_form")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// What the browser's cookie names.
    #[sea_orm(unique)]
    pub key: Uuid,
    /// The session that posted it (the session's own id, a digest of its token).
    pub session_id: String,
    /// The server function the form posted to.
    pub action: String,
    /// The page the form was on (path and query).
    pub page: String,
    /// The fields as the form sent them (`application/x-www-form-urlencoded`), without secrets.
    #[sea_orm(column_type = "Text")]
    pub fields: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
