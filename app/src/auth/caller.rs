//! Who is signed in on a request, and the persons of a username.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

use super::family::{Own, Read};
use super::password::hashes_equal;
use super::secrets::digest;
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
    /// The person's family as this request read it, with the person.
    pub family: FamilyOfRequest,
}

/// The family as this request read it, with the person (see [`super::family::read`]): never
/// kept beyond the request, since a caller is found anew for every request, so a change to the
/// family shows at the next one.
#[derive(Clone, Debug)]
pub struct FamilyOfRequest {
    pub(super) read: Arc<FamilyRead>,
    /// The family's children as the pages name them (school, class), by account id.
    pub(crate) described: Arc<std::sync::OnceLock<Vec<(i32, crate::models::Pupil)>>>,
}

/// The members of a family, the pupil of each member's account and each member's unread
/// messages, read together (see [`super::family::read`]).
#[derive(Clone, Debug)]
pub(crate) struct FamilyRead {
    /// The person first, then the others in the order they were linked.
    pub(crate) members: Vec<Member>,
    /// The pupil (sub-account 0) of each member's account with the name of its class.
    pub(crate) pupils: Vec<PupilWithClass>,
    /// How many unread messages each member's inbox holds, by person id.
    pub(crate) unread: Vec<(i32, u64)>,
}

/// A pupil (sub-account 0) and the name of its class, if it has one.
pub(crate) type PupilWithClass = (sub_account::Model, Option<String>);

impl FamilyOfRequest {
    /// Everyone in the person's family, the person first; just the person without a family.
    pub fn members(&self) -> &[Member] {
        &self.read.members
    }

    /// The members' pupils.
    pub(crate) fn pupils(&self) -> &[PupilWithClass] {
        &self.read.pupils
    }

    /// How many unread messages the inbox of member `person_id` holds.
    pub(crate) fn unread(&self, person_id: i32) -> Option<u64> {
        self.read
            .unread
            .iter()
            .find(|(id, _)| *id == person_id)
            .map(|(_, unread)| *unread)
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

/// [`may_act`] as a query condition on `sub_account` under the name `table`.
pub(super) fn may_act_condition(
    table: impl sea_orm::sea_query::IntoIden,
) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::ExprTrait;
    sea_orm::sea_query::Expr::col((table, sub_account::Column::DisabledAt)).is_null()
}

/// The person behind a session cookie token, if the session is live and the person may use it;
/// with their family, in one query.
pub async fn current(
    db: &DatabaseConnection,
    lifetimes: &sessions::Lifetimes,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Current>, DbErr> {
    let id = digest(token);
    let Some(Read {
        session: Some(session),
        family,
    }) = super::family::read(db, Own::Session(&id)).await?
    else {
        return Ok(None);
    };
    let Some(session) = sessions::still_live(db, lifetimes, session, now).await? else {
        return Ok(None);
    };
    // A selected child's member, while it is still in the family.
    let selected = session
        .selected_id
        .and_then(|id| {
            family
                .members
                .iter()
                .skip(1)
                .find(|member| member.person.id == id)
        })
        .cloned();
    Ok(caller(family, selected, session.remembered))
}

/// A person as a caller without a session: for what they subscribed to (a calendar feed), read
/// fresh at each request under the same rules as their own pages, acting for themselves.
pub async fn subscriber<C: ConnectionTrait>(
    db: &C,
    person_id: i32,
) -> Result<Option<Current>, DbErr> {
    Ok(super::family::read(db, Own::Person(person_id))
        .await?
        .and_then(|read| caller(read.family, None, false)))
}

/// The caller whom `family` was read for (its first member), if they may act: a person the
/// school disabled is signed out at once.
fn caller(family: FamilyRead, selected: Option<Member>, stays_signed_in: bool) -> Option<Current> {
    let Member {
        person,
        account,
        platform,
    } = family.members.first()?.clone();
    may_act(&person).then(|| Current {
        person,
        account,
        platform,
        selected,
        stays_signed_in,
        family: FamilyOfRequest {
            read: Arc::new(family),
            described: Default::default(),
        },
    })
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
