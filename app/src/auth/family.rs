//! Families: "Voeg kinderen toe" links the co-account of another child, possibly at another school,
//! to the signed-in co-account's family, with that co-account's own credentials. Whoever signs in to
//! any member sees the children of all members and switches between them in the header.
//!
//! A family is only ever read fresh from the database: a session keeps which member is selected,
//! never what the family looked like, so unlinking takes effect for every open session at once.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Order, Query, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, DbErr, DeriveIden, EntityTrait, FromQueryResult, JoinType, QueryFilter,
    Set,
};

use super::caller::{may_act_condition, FamilyRead};
use super::secrets::digest;
use super::Auth;
use super::{authenticate, AuthError, Current, Member};
use crate::db::entities::{
    account, class, family, family_member, mailbox_entry, platform, session, sub_account,
};
use crate::db::{begin_write, columns_of, settle};

async fn family_of<C: ConnectionTrait>(db: &C, person_id: i32) -> Result<Option<i32>, DbErr> {
    Ok(family_member::Entity::find()
        .filter(family_member::Column::SubAccountId.eq(person_id))
        .one(db)
        .await?
        .map(|member| member.family_id))
}

/// Whose family a read is of: the person of a session (found in the same query as the family),
/// or a person already known.
pub(super) enum Own<'a> {
    /// The session with this id (the digest of its cookie's token).
    Session(&'a str),
    Person(i32),
}

impl Own<'_> {
    /// Which row of `In::Me` is the own person.
    fn filter(&self) -> SimpleExpr {
        match self {
            Own::Session(id) => Expr::col((In::Session, session::Column::Id)).eq(*id),
            Own::Person(id) => Expr::col((In::Me, sub_account::Column::Id)).eq(*id),
        }
    }

    /// Which session comes with the own person: the session itself; none for a person already
    /// known (an empty "any" holds for no row).
    fn session(&self) -> Condition {
        match self {
            Own::Session(id) => {
                Condition::all().add(Expr::col((In::Session, session::Column::Id)).eq(*id))
            }
            Own::Person(_) => Condition::any(),
        }
    }
}

/// The tables of the family read under their roles.
#[derive(DeriveIden, Clone, Copy)]
enum In {
    /// The own person.
    Me,
    Session,
    /// The own person's place in a family.
    Mine,
    /// The places in that family.
    Fellow,
    /// A member: the own person, or a co-account in the same family.
    Member,
    /// The member's account and its school.
    Account,
    School,
    /// The account's pupil (sub-account 0) and its class.
    Pupil,
    Class,
}

/// One member of a family read: the person with their account and school, the account's pupil
/// and class, how many unread messages the person's inbox holds and, in a session's read, the
/// session.
#[derive(Debug, FromQueryResult)]
struct MemberRow {
    #[sea_orm(nested(prefix = "member_"))]
    person: sub_account::Model,
    #[sea_orm(nested(prefix = "account_"))]
    account: account::Model,
    #[sea_orm(nested(prefix = "school_"))]
    platform: platform::Model,
    #[sea_orm(nested(prefix = "pupil_"))]
    pupil: Option<sub_account::Model>,
    class_name: Option<String>,
    #[sea_orm(nested(prefix = "session_"))]
    session: Option<session::Model>,
    unread: i64,
}

/// A person with their family, as one request reads them (see [`read`]).
pub(super) struct Read {
    /// The live-or-not session of [`Own::Session`]; none for a person already known.
    pub session: Option<session::Model>,
    pub family: FamilyRead,
}

/// The own person with their family: the members (the person, and the co-accounts of the
/// person's family that may act), the pupil of each member's account with the name of its class,
/// and each member's unread messages, in one query of one row per member; with [`Own::Session`]
/// the session as well. Nothing when the session or person does not exist. The own person comes
/// first among the members, the others in the order they were linked; a person without a family
/// is their own only member.
pub(super) async fn read<C: ConnectionTrait>(db: &C, own: Own<'_>) -> Result<Option<Read>, DbErr> {
    use sub_account::Column as Person;
    let mut query = Query::select();
    query
        .from_as(sub_account::Entity, In::Me)
        .join_as(
            JoinType::LeftJoin,
            session::Entity,
            In::Session,
            own.session().add(
                Expr::col((In::Session, session::Column::SubAccountId))
                    .equals((In::Me, Person::Id)),
            ),
        )
        .join_as(
            JoinType::LeftJoin,
            family_member::Entity,
            In::Mine,
            Expr::col((In::Mine, family_member::Column::SubAccountId)).equals((In::Me, Person::Id)),
        )
        .join_as(
            JoinType::LeftJoin,
            family_member::Entity,
            In::Fellow,
            Expr::col((In::Fellow, family_member::Column::FamilyId))
                .equals((In::Mine, family_member::Column::FamilyId)),
        )
        // Every place in the family, or the person alone without one; the others only while
        // they may act.
        .join_as(
            JoinType::InnerJoin,
            sub_account::Entity,
            In::Member,
            Condition::all()
                .add(Expr::col((In::Member, Person::Id)).eq(Func::coalesce([
                    Expr::col((In::Fellow, family_member::Column::SubAccountId)),
                    Expr::col((In::Me, Person::Id)),
                ])))
                .add(
                    Condition::any()
                        .add(Expr::col((In::Member, Person::Id)).equals((In::Me, Person::Id)))
                        .add(may_act_condition(In::Member)),
                ),
        )
        .join_as(
            JoinType::InnerJoin,
            account::Entity,
            In::Account,
            Expr::col((In::Account, account::Column::Id)).equals((In::Member, Person::AccountId)),
        )
        .join_as(
            JoinType::InnerJoin,
            platform::Entity,
            In::School,
            Expr::col((In::School, platform::Column::Id))
                .equals((In::Account, account::Column::PlatformId)),
        )
        .join_as(
            JoinType::LeftJoin,
            sub_account::Entity,
            In::Pupil,
            sub_account::main_person_as(In::Pupil, Expr::col((In::Member, Person::AccountId))),
        )
        .join_as(
            JoinType::LeftJoin,
            class::Entity,
            In::Class,
            Expr::col((In::Class, class::Column::Id))
                .equals((In::Account, account::Column::ClassId)),
        )
        .and_where(own.filter())
        // In the order they were linked.
        .order_by((In::Fellow, family_member::Column::Id), Order::Asc);
    columns_of::<sub_account::Entity>(&mut query, In::Member);
    columns_of::<account::Entity>(&mut query, In::Account);
    columns_of::<platform::Entity>(&mut query, In::School);
    columns_of::<sub_account::Entity>(&mut query, In::Pupil);
    columns_of::<session::Entity>(&mut query, In::Session);
    query
        .expr_as(Expr::col((In::Class, class::Column::Name)), "class_name")
        .expr_as(unread_messages(In::Member), "unread");
    let rows = MemberRow::find_by_statement(db.get_database_backend().build(&query))
        .all(db)
        .await?;
    // Every row carries the own person's session; the own person's row is put first.
    let session = rows.first().and_then(|row| row.session.clone());
    let me = match own {
        Own::Session(_) => session.as_ref().map(|session| session.sub_account_id),
        Own::Person(id) => Some(id),
    };
    let mut family = FamilyRead {
        members: Vec::new(),
        pupils: Vec::new(),
        unread: Vec::new(),
    };
    for row in rows {
        if let Some(pupil) = row.pupil {
            if !family.pupils.iter().any(|(known, _)| known.id == pupil.id) {
                family.pupils.push((pupil, row.class_name));
            }
        }
        family
            .unread
            .push((row.person.id, u64::try_from(row.unread).unwrap_or_default()));
        let member = Member {
            person: row.person,
            account: row.account,
            platform: row.platform,
        };
        if Some(member.person.id) == me {
            family.members.insert(0, member);
        } else {
            family.members.push(member);
        }
    }
    Ok((!family.members.is_empty()).then_some(Read { session, family }))
}

/// How many unread messages the inbox of the person in `table` holds.
fn unread_messages(table: In) -> SimpleExpr {
    SimpleExpr::SubQuery(
        None,
        Box::new(
            Query::select()
                .expr(Expr::col((mailbox_entry::Entity, mailbox_entry::Column::Id)).count())
                .from(mailbox_entry::Entity)
                .and_where(
                    Expr::col((mailbox_entry::Entity, mailbox_entry::Column::OwnerId))
                        .equals((table, sub_account::Column::Id)),
                )
                .cond_where(mailbox_entry::unread_in_inbox())
                .to_owned()
                .into(),
        ),
    )
}

/// Links the co-account that `platform`, `username` and `password` open to the caller's family.
/// Wrong data gives the sign-in's one answer and counts toward that username's lockout; a pupil's
/// own password never links, as it would open the pupil's personal modules.
#[allow(clippy::too_many_arguments)]
pub async fn link(
    db: &DatabaseConnection,
    auth: &Auth,
    current: &Current,
    platform: &str,
    username: &str,
    password: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<Member, AuthError> {
    let linked = authenticate(db, auth, platform, username, password, client, now).await?;
    if !linked.person.is_co_account() {
        return Err(AuthError::InvalidCredentials);
    }
    let txn = begin_write(db).await?;
    let outcome = join_families(&txn, current.person.id, linked.person.id, now).await;
    settle(txn, outcome).await?;
    Ok(linked)
}

/// Puts `theirs` into the family of `own`: a new family when `own` has none, one family of the two
/// when both have one.
async fn join_families(
    txn: &DatabaseTransaction,
    own: i32,
    theirs: i32,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let own_family = family_of(txn, own).await?;
    let their_family = family_of(txn, theirs).await?;
    if theirs == own || (own_family.is_some() && own_family == their_family) {
        return Err(AuthError::AlreadyLinked);
    }
    let family_id = match own_family {
        Some(id) => id,
        None => {
            let created = family::ActiveModel {
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            join(txn, created.id, own).await?;
            created.id
        }
    };
    match their_family {
        // The other co-account already has a family: the two become one.
        Some(their_id) => {
            family_member::Entity::update_many()
                .col_expr(
                    family_member::Column::FamilyId,
                    sea_orm::sea_query::Expr::value(family_id),
                )
                .filter(family_member::Column::FamilyId.eq(their_id))
                .exec(txn)
                .await?;
            family::Entity::delete_by_id(their_id).exec(txn).await?;
        }
        None => join(txn, family_id, theirs).await?,
    }
    Ok(())
}

async fn join<C: ConnectionTrait>(db: &C, family_id: i32, person_id: i32) -> Result<(), DbErr> {
    family_member::ActiveModel {
        family_id: Set(family_id),
        sub_account_id: Set(person_id),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Takes member `person_id` (the co-account of the child being unlinked) out of the caller's family.
/// A family left with one member ends.
pub async fn unlink(
    db: &DatabaseConnection,
    current: &Current,
    person_id: i32,
) -> Result<(), AuthError> {
    let txn = begin_write(db).await?;
    let outcome = leave(&txn, current.person.id, person_id).await;
    settle(txn, outcome).await
}

/// Takes `person_id` out of the family of `own`; a family left with one member ends.
async fn leave(txn: &DatabaseTransaction, own: i32, person_id: i32) -> Result<(), AuthError> {
    let Some(family_id) = family_of(txn, own).await? else {
        return Err(AuthError::NotFound);
    };
    let removed = family_member::Entity::delete_many()
        .filter(family_member::Column::FamilyId.eq(family_id))
        .filter(family_member::Column::SubAccountId.eq(person_id))
        .exec(txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(AuthError::NotFound);
    }
    let left = family_member::Entity::find()
        .filter(family_member::Column::FamilyId.eq(family_id))
        .all(txn)
        .await?;
    if left.len() <= 1 {
        family::Entity::delete_by_id(family_id).exec(txn).await?;
    }
    Ok(())
}

/// Remembers in this browser's session which member's child is selected (`None`: one's own).
pub async fn select<C: ConnectionTrait>(
    db: &C,
    token: &str,
    selected: Option<i32>,
) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(
            session::Column::SelectedId,
            sea_orm::sea_query::Expr::value(selected),
        )
        .filter(session::Column::Id.eq(digest(token)))
        .exec(db)
        .await
        .map(|_| ())
}
