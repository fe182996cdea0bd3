//! Who is signed in on a request, and the persons of a username.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

use super::password::hashes_equal;
use super::sessions;
use crate::db::entities::{account, platform, sub_account};

/// Who is signed in on a request: the person and the username they signed in with.
#[derive(Clone, Debug)]
pub struct Current {
    pub person: sub_account::Model,
    pub account: account::Model,
    pub platform: platform::Model,
    /// For a co-account: the family member whose child this browser has selected, while that
    /// member is still in the person's family. The visibility module acts for this member.
    pub selected: Option<Member>,
    /// The session was kept on this device ("Aanmelden blijven op dit toestel").
    pub stays_signed_in: bool,
    /// The person's family as this request read it (see [`super::family::members`]).
    pub family: FamilyOfRequest,
}

/// A family read at most once per request, by whichever part of the page asks first (the
/// header and the page's data alike), and never kept beyond the request: a caller is found anew
/// for every request, so a change to the family shows at the next one.
#[derive(Clone, Debug, Default)]
pub struct FamilyOfRequest {
    pub(super) read: Arc<tokio::sync::OnceCell<FamilyRead>>,
    /// The family's children as the pages name them (school, class), by account id.
    pub(crate) described: Arc<tokio::sync::OnceCell<Vec<(i32, crate::models::Pupil)>>>,
}

/// The members of a family and the pupil of each member's account, read together (see
/// [`super::family::members`]).
#[derive(Clone, Debug)]
pub(crate) struct FamilyRead {
    pub(crate) members: Vec<Member>,
    /// The pupil (sub-account 0) of each member's account with the name of its class.
    pub(crate) pupils: Vec<PupilWithClass>,
}

/// A pupil (sub-account 0) and the name of its class, if it has one.
pub(crate) type PupilWithClass = (sub_account::Model, Option<String>);

impl FamilyOfRequest {
    /// The members, if this request has read them already.
    pub fn members(&self) -> Option<&[Member]> {
        self.read.get().map(|read| read.members.as_slice())
    }

    /// The members' pupils, if this request has read them already.
    pub(crate) fn pupils(&self) -> Option<&[PupilWithClass]> {
        self.read.get().map(|read| read.pupils.as_slice())
    }
}

/// A person with the username and the school they belong to.
#[derive(Clone, Debug)]
pub struct Member {
    pub person: sub_account::Model,
    pub account: account::Model,
    pub platform: platform::Model,
}

/// Whether a person may act: the school has not disabled them (as a query condition:
/// [`may_act_condition`]).
fn may_act(person: &sub_account::Model) -> bool {
    person.disabled_at.is_none()
}

/// [`may_act`] as a query condition on `sub_account`.
pub(super) fn may_act_condition() -> sea_orm::sea_query::SimpleExpr {
    sub_account::Column::DisabledAt.is_null()
}

/// A person with their username and school, if they may act: not disabled. A lock after failed
/// sign-ins stops new sign-ins only; the person's sessions go on.
pub async fn active_member<C: ConnectionTrait>(
    db: &C,
    person_id: i32,
) -> Result<Option<Member>, DbErr> {
    Ok(
        with_account_and_school(sub_account::Entity::find_by_id(person_id))
            .one(db)
            .await?
            .and_then(member),
    )
}

/// People with their username and school, only those who may act: [`may_act`] as a condition.
pub(super) fn with_account_and_school(
    people: sea_orm::Select<sub_account::Entity>,
) -> sea_orm::SelectThree<
    sub_account::Entity,
    account::Entity,
    platform::Entity,
    sea_orm::TopologyStar,
> {
    people
        .filter(may_act_condition())
        .find_also_related(account::Entity)
        .find_also(account::Entity, platform::Entity)
}

/// A row of [`with_account_and_school`] as a member.
pub(super) fn member(
    (person, account, platform): (
        sub_account::Model,
        Option<account::Model>,
        Option<platform::Model>,
    ),
) -> Option<Member> {
    Some(Member {
        person,
        account: account?,
        platform: platform?,
    })
}

/// The person behind a session cookie token, if the session is live and the person may use it.
pub async fn current(
    db: &DatabaseConnection,
    lifetimes: &sessions::Lifetimes,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Current>, DbErr> {
    let Some((session, person, account, platform)) =
        sessions::find(db, lifetimes, token, now).await?
    else {
        return Ok(None);
    };
    // A person the school disabled is signed out at once.
    if !may_act(&person) {
        return Ok(None);
    }
    let mut current = Current {
        person,
        account,
        platform,
        selected: None,
        stays_signed_in: session.remembered,
        family: FamilyOfRequest::default(),
    };
    // A selected child's member is found among the family, read here once for the request: the
    // header and the page's data read it anyway.
    if let Some(id) = session.selected_id.filter(|id| *id != current.person.id) {
        current.selected = super::family::members(db, &current)
            .await?
            .into_iter()
            .find(|member| member.person.id == id);
    }
    Ok(Some(current))
}

/// A person as a caller without a session: for what they subscribed to (a calendar feed), read
/// fresh at each request under the same rules as their own pages, acting for themselves.
pub async fn subscriber<C: ConnectionTrait>(
    db: &C,
    person_id: i32,
) -> Result<Option<Current>, DbErr> {
    Ok(active_member(db, person_id).await?.map(|member| Current {
        person: member.person,
        account: member.account,
        platform: member.platform,
        selected: None,
        stays_signed_in: false,
        family: FamilyOfRequest::default(),
    }))
}

pub(super) async fn find_account<C: ConnectionTrait>(
    db: &C,
    platform_slug: &str,
    username: &str,
) -> Result<Option<(platform::Model, account::Model)>, DbErr> {
    let slug = platform_slug.trim().to_ascii_lowercase();
    let Some(platform) = platform::Entity::find()
        .filter(platform::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let account = account::Entity::find()
        .filter(account::Column::PlatformId.eq(platform.id))
        .filter(account::Column::Username.eq(username.trim().to_lowercase()))
        .one(db)
        .await?;
    Ok(account.map(|account| (platform, account)))
}

pub(super) async fn people_of<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
) -> Result<Vec<sub_account::Model>, DbErr> {
    sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.eq(account_id))
        .all(db)
        .await
}

/// The one person of `people` whose stored hash equals `hash`. Every hash is compared, so the time
/// taken does not tell which one (or whether one) matched.
pub(super) fn matching<'a>(
    people: &'a [sub_account::Model],
    hash: &str,
) -> Option<&'a sub_account::Model> {
    let mut found = None;
    for person in people {
        let stored = person.password_hash.as_deref().unwrap_or_default();
        if hashes_equal(stored, hash) && found.is_none() {
            found = Some(person);
        }
    }
    found
}

/// Finds a person by platform, username and sub-account index (0 = the pupil), for admin tools.
pub async fn find_person(
    db: &DatabaseConnection,
    platform_slug: &str,
    username: &str,
    idx: i16,
) -> Result<Option<sub_account::Model>, DbErr> {
    let Some((_, account)) = find_account(db, platform_slug, username).await? else {
        return Ok(None);
    };
    sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.eq(account.id))
        .filter(sub_account::Column::Idx.eq(idx))
        .one(db)
        .await
}
