use sea_orm::entity::prelude::*;

/// A signed-in browser. `id` is the SHA-256 of the cookie's token, so a stolen database row cannot
/// be replayed as a cookie.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub sub_account_id: i32,
    pub created_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    /// The family member (a co-account) whose child this browser has selected; none for one's own.
    pub selected_id: Option<i32>,
    /// "Aanmelden blijven op dit toestel": lasts the remembered lifetime from its last use (see
    /// [`Lifetimes`](crate::auth::sessions::Lifetimes)).
    pub remembered: bool,
    /// The device it was opened on, in words ("Firefox", "Android"); none when unknown.
    pub browser: Option<String>,
    pub system: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::sub_account::Entity",
        from = "Column::SubAccountId",
        to = "super::sub_account::Column::Id"
    )]
    SubAccount,
}

impl Related<super::sub_account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SubAccount.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
