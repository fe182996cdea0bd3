use sea_orm::entity::prelude::*;
use sea_orm::sea_query::IntoCondition;

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
    /// argon2id of the password with the account's shared salt, as a PHC string that names its
    /// cost; none until one is set, and none again when another person of the username chose it.
    pub password_hash: Option<String>,
    /// Set for a start password: nothing else is reachable until it is changed.
    pub must_change_password: bool,
    pub email_confirmed_at: Option<DateTimeUtc>,
    /// Sign-in refused until then, after too many failed sign-ins on the username; the owner can
    /// end it early through the mailed link. Sessions are not touched.
    pub locked_until: Option<DateTimeUtc>,
    /// Disabled by a school admin; only an admin enables it again.
    pub disabled_at: Option<DateTimeUtc>,
    pub password_changed_at: Option<DateTimeUtc>,
    /// Whether a new message is announced by mail.
    pub notify_messages: bool,
    /// What the admin wrote when disabling; for a pupil who left the school, the import's word.
    pub disabled_reason: Option<String>,
    /// When the last letter with a start password was made: printing again makes a new one.
    pub letter_at: Option<DateTimeUtc>,
    pub last_sign_in_at: Option<DateTimeUtc>,
    /// The language the person chose (`nl`, `fr`, `en`): every mail to them is in it.
    pub language: Option<String>,
}

impl Model {
    pub fn is_co_account(&self) -> bool {
        self.idx != PUPIL_IDX
    }

    /// The language of the person's mails: the one they chose, else the platform's default.
    pub fn lang(&self) -> crate::i18n::Lang {
        self.language
            .as_deref()
            .map(crate::i18n::Lang::from_code)
            .unwrap_or_default()
    }

    /// The address mail may go to: only a confirmed one.
    pub fn confirmed_email(&self) -> Option<&str> {
        self.email_confirmed_at.and(self.email.as_deref())
    }

    pub fn display_name(&self) -> String {
        display_name(&self.first_name, &self.last_name)
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

impl Entity {
    /// The main person of each of `accounts`: sub-account 0, the pupil themselves or the teacher
    /// or admin. The one query for "the person of this account".
    pub fn main_of(accounts: impl IntoIterator<Item = i32>) -> Select<Entity> {
        Entity::find()
            .filter(Column::AccountId.is_in(accounts))
            .filter(is_main())
    }
}

/// What the pages of others need of a person (a child's teacher): who they are, their name and
/// whether they may act; read with [`crate::db::columns`] of [`Named::COLUMNS`], instead of the
/// whole person with their secrets.
#[derive(Clone, Debug, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct Named {
    pub id: i32,
    pub public_id: Uuid,
    pub account_id: i32,
    pub first_name: String,
    pub last_name: String,
    pub disabled_at: Option<DateTimeUtc>,
}

impl Named {
    pub const COLUMNS: [Column; 6] = [
        Column::Id,
        Column::PublicId,
        Column::AccountId,
        Column::FirstName,
        Column::LastName,
        Column::DisabledAt,
    ];

    pub fn display_name(&self) -> String {
        display_name(&self.first_name, &self.last_name)
    }
}

/// A person's name as the pages show it, from its parts (for a query that reads only those).
pub fn display_name(first_name: &str, last_name: &str) -> String {
    format!("{first_name} {last_name}")
}

/// The condition "is the main person of its account" (sub-account 0), for joins and subqueries.
pub fn is_main() -> sea_orm::sea_query::SimpleExpr {
    Column::Idx.eq(PUPIL_IDX)
}

/// The join from `E`'s `account` column (a teacher's account, say) to that account's main person.
pub fn main_person_of<E: EntityTrait>(account: E::Column) -> RelationDef {
    E::belongs_to(Entity)
        .from(account)
        .to(Column::AccountId)
        .on_condition(|_, _| is_main().into_condition())
        .into()
}

/// The join condition from the account id `account` to that account's main person, read under
/// the name `person` (for a query that reads people in several roles).
pub fn main_person_as(
    person: impl sea_orm::sea_query::IntoIden + Copy,
    account: sea_orm::sea_query::Expr,
) -> sea_orm::Condition {
    use sea_orm::sea_query::{Expr, ExprTrait};
    sea_orm::Condition::all()
        .add(Expr::col((person, Column::AccountId)).eq(account))
        .add(Expr::col((person, Column::Idx)).eq(PUPIL_IDX))
}

impl ActiveModelBehavior for ActiveModel {}
