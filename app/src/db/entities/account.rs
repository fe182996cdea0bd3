use sea_orm::entity::prelude::*;

/// What an account is for. Only pupils have co-accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum AccountKind {
    #[sea_orm(string_value = "pupil")]
    Pupil,
    #[sea_orm(string_value = "teacher")]
    Teacher,
    #[sea_orm(string_value = "admin")]
    Admin,
}

/// A username on one platform. The persons who sign in with it are its sub-accounts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub platform_id: i32,
    pub username: String,
    pub kind: AccountKind,
    /// The pupil's class; empty for staff.
    pub class_id: Option<i32>,
    pub created_at: DateTimeUtc,
    /// Shared by all sub-accounts of this username (see the sign-in migration).
    pub password_salt: Option<String>,
    /// Consecutive failed sign-ins on this username; reset by a successful one.
    pub failed_logins: i32,
    /// The pupil's id in the school's administration package: an import finds the pupil by it.
    pub external_id: Option<String>,
    pub birth_date: Option<Date>,
    /// The school's maximum of co-accounts, raised for this pupil alone; none follows the school.
    pub max_co_accounts: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::platform::Entity",
        from = "Column::PlatformId",
        to = "super::platform::Column::Id"
    )]
    Platform,
    #[sea_orm(
        belongs_to = "super::class::Entity",
        from = "Column::ClassId",
        to = "super::class::Column::Id"
    )]
    Class,
    #[sea_orm(has_many = "super::sub_account::Entity")]
    SubAccount,
}

impl Related<super::platform::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Platform.def()
    }
}

impl Related<super::class::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Class.def()
    }
}

impl Related<super::sub_account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SubAccount.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
