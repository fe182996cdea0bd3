use sea_orm::entity::prelude::*;

/// The index of the pupil's own sub-account; co-accounts are 1..N.
pub const PUPIL_IDX: i16 = 0;

/// One person behind an account: the pupil (index 0), a co-account (1..N), or the staff member.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sub_account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stable id that may leave the server (URLs, sessions); the integer id never does.
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub account_id: i32,
    pub idx: i16,
    pub first_name: String,
    pub last_name: String,
    /// moeder, vader, voogd, …; only for co-accounts.
    pub relation: Option<String>,
    /// Private: only the platform itself uses it.
    pub email: Option<String>,
    /// Path of the photo shown in the child switcher.
    pub photo: Option<String>,
    pub created_at: DateTimeUtc,
}

impl Model {
    pub fn is_co_account(&self) -> bool {
        self.idx != PUPIL_IDX
    }

    pub fn display_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::account::Entity",
        from = "Column::AccountId",
        to = "super::account::Column::Id"
    )]
    Account,
}

impl Related<super::account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Account.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
