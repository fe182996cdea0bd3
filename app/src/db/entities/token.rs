use sea_orm::entity::prelude::*;

/// What a one-time token is good for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum Purpose {
    #[sea_orm(string_value = "confirm_email")]
    ConfirmEmail,
    #[sea_orm(string_value = "reset_password")]
    ResetPassword,
    #[sea_orm(string_value = "reactivate")]
    Reactivate,
    /// A first password for someone whose address the school gave (an import): the link is sent to
    /// that address, and choosing the password through it confirms the address.
    #[sea_orm(string_value = "activate")]
    Activate,
}

/// A one-time token sent by mail. Only its SHA-256 is stored; it is single-use and expires.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "token")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub sub_account_id: i32,
    pub purpose: Purpose,
    /// For e-mail confirmation: the exact address the link was sent to.
    pub email: Option<String>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
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
