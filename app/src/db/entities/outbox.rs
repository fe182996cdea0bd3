use sea_orm::entity::prelude::*;
use sea_orm::Condition;

/// One mail to send (or sent). Written with the action that causes it; delivered by the server's
/// mail worker, which retries with backoff until `sent_at` is set.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub to_address: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub text_body: String,
    #[sea_orm(column_type = "Text")]
    pub html_body: String,
    pub created_at: DateTimeUtc,
    /// Failed delivery attempts so far.
    pub attempts: i32,
    /// Not to be tried before this moment (backoff after a failure).
    pub next_attempt_at: DateTimeUtc,
    /// A worker is sending this row until then; after it, another worker may take it over.
    pub claimed_until: Option<DateTimeUtc>,
    pub sent_at: Option<DateTimeUtc>,
    /// Why the last attempt failed, for whoever investigates a mail that does not arrive.
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    /// Set when the worker stopped trying after `MAX_ATTEMPTS` failures; Beheer shows the mail to
    /// the school of its recipient, who may have it tried again.
    pub given_up_at: Option<DateTimeUtc>,
    /// The person (`sub_account`) the mail was written for; its school is the one that sees it in
    /// Beheer when it is given up. None for mail to no one of a school.
    pub recipient_id: Option<i32>,
    /// An iCalendar invitation sent along as `invite.ics` (an oudercontact booking).
    #[sea_orm(column_type = "Text", nullable)]
    pub calendar: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::sub_account::Entity",
        from = "Column::RecipientId",
        to = "super::sub_account::Column::Id"
    )]
    Recipient,
}

impl Related<super::sub_account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Recipient.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

/// Mail still to be sent: not sent and not given up.
pub fn waiting() -> Condition {
    Condition::all()
        .add(Column::SentAt.is_null())
        .add(Column::GivenUpAt.is_null())
}

/// Mail given up after its attempts and not sent since (an older server, during an upgrade, may
/// still have sent it).
pub fn given_up() -> Condition {
    Condition::all()
        .add(Column::GivenUpAt.is_not_null())
        .add(Column::SentAt.is_null())
}
