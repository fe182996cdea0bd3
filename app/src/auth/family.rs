//! Families: "Voeg kinderen toe" links the co-account of another child, possibly at another school,
//! to the signed-in co-account's family, with that co-account's own credentials. Whoever signs in to
//! any member sees the children of all members and switches between them in the header.
//!
//! A family is only ever read fresh from the database: a session keeps which member is selected,
//! never what the family looked like, so unlinking takes effect for every open session at once.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::caller::{may_act_condition, member, FamilyRead};
use super::secrets::digest;
use super::Auth;
use super::{authenticate, AuthError, Current, Member};
use crate::db::entities::{account, class, family, family_member, platform, session, sub_account};
use crate::db::{begin_write, settle};

async fn family_of<C: ConnectionTrait>(db: &C, person_id: i32) -> Result<Option<i32>, DbErr> {
    Ok(family_member::Entity::find()
        .filter(family_member::Column::SubAccountId.eq(person_id))
        .one(db)
        .await?
        .map(|member| member.family_id))
}

/// The people in the family of `person_id`, the person included (none without a family).
fn fellow_members(person_id: i32) -> sea_orm::sea_query::SelectStatement {
    let own_family = Query::select()
        .column(family_member::Column::FamilyId)
        .from(family_member::Entity)
        .and_where(family_member::Column::SubAccountId.eq(person_id))
        .to_owned();
    Query::select()
        .column(family_member::Column::SubAccountId)
        .from(family_member::Entity)
        .and_where(family_member::Column::FamilyId.in_subquery(own_family))
        .to_owned()
}

/// Everyone in the signed-in person's family, the person first and the others in the order they
/// were linked; just the person without a family. Read once per request (the header and the
/// page's data ask alike) with the members' pupils, in one query whatever the family's size.
pub async fn members<C: ConnectionTrait>(db: &C, current: &Current) -> Result<Vec<Member>, DbErr> {
    Ok(read(db, current).await?.members.clone())
}

/// The family of the request: its members and the pupil of each member's account with the name
/// of its class, read at the first call of the request.
pub(crate) async fn read<'a, C: ConnectionTrait>(
    db: &C,
    current: &'a Current,
) -> Result<&'a FamilyRead, DbErr> {
    current
        .family
        .read
        .get_or_try_init(|| read_family(db, current))
        .await
}

async fn read_family<C: ConnectionTrait>(db: &C, current: &Current) -> Result<FamilyRead, DbErr> {
    let own = current.person.id;
    // The others in the family: co-accounts that may act (families are of co-accounts only).
    let others = Condition::all()
        .add(sub_account::Column::Id.ne(own))
        .add(may_act_condition())
        .add(sub_account::Column::Id.in_subquery(fellow_members(own)));
    let members_accounts = Query::select()
        .column(sub_account::Column::AccountId)
        .from(sub_account::Entity)
        .cond_where(
            Condition::any()
                .add(sub_account::Column::Id.eq(own))
                .add(others.clone()),
        )
        .to_owned();
    let pupils = Condition::all()
        .add(sub_account::is_main())
        .add(sub_account::Column::AccountId.in_subquery(members_accounts));
    // In the order they were linked: by their family_member row.
    let linked_order = sub_account::Entity::belongs_to(family_member::Entity)
        .from(sub_account::Column::Id)
        .to(family_member::Column::SubAccountId)
        .into();
    let rows = sub_account::Entity::find()
        .join(JoinType::LeftJoin, linked_order)
        .filter(Condition::any().add(others).add(pupils))
        .find_also_related(account::Entity)
        .find_also(account::Entity, platform::Entity)
        .find_also(account::Entity, class::Entity)
        .order_by_asc(family_member::Column::Id)
        .all(db)
        .await?;
    let mut read = FamilyRead {
        members: vec![Member {
            person: current.person.clone(),
            account: current.account.clone(),
            platform: current.platform.clone(),
        }],
        pupils: Vec::new(),
    };
    for (person, account, platform, class) in rows {
        if person.is_co_account() {
            read.members.extend(member((person, account, platform)));
        } else {
            read.pupils.push((person, class.map(|class| class.name)));
        }
    }
    Ok(read)
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
