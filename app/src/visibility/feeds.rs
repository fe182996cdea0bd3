//! Calendar feeds: whose agenda a person may subscribe to, and what a feed shows. A feed is read
//! without a session, so it is built at every request from the person who made it, by the same
//! rules as their own pages: a child unlinked from the family or a disabled person leaves it at
//! once.

use sea_orm::{ColumnTrait, Condition, ConnectionTrait};

use super::caller::require;
use super::pupils::{family_scopes, pupil_scope, PupilScope};
use super::{can_use, Module, Role};
use crate::auth::Current;
use crate::db::entities::booking;
use crate::error::AppError;

/// The children a person may follow in their own calendar, each with the family member it is
/// reached through (the person itself for their own child), and whether their talks show.
pub struct FeedScope {
    children: Vec<(i32, PupilScope)>,
    family: bool,
    talks: bool,
}

/// Everything `current` may subscribe to: a pupil their own agenda, a co-account every child of
/// the family. Staff have no feed.
pub async fn feed_choices<C: ConnectionTrait>(
    db: &C,
    current: &Current,
) -> Result<FeedScope, AppError> {
    match require(current, Module::Agenda)? {
        Role::Pupil => Ok(FeedScope {
            children: vec![(
                current.person.id,
                pupil_scope(db, current, Module::Agenda, None).await?,
            )],
            family: false,
            talks: false,
        }),
        role @ Role::CoAccount => Ok(FeedScope {
            children: family_scopes(current)?
                .into_iter()
                .map(|(member, scope)| (member.person.id, scope))
                .collect(),
            family: true,
            // Talks are the parents' side of Oudercontact; a pupil never sees them.
            talks: can_use(role, Module::Oudercontact),
        }),
        Role::Teacher | Role::Admin => Err(AppError::Forbidden),
    }
}

/// What one feed of `current` shows: the child reached through `member`, or with none the whole
/// family (a co-account's). Anything else is `Forbidden`.
pub async fn feed_scope<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    member: Option<i32>,
) -> Result<FeedScope, AppError> {
    let mut choices = feed_choices(db, current).await?;
    match member {
        Some(id) => choices.children.retain(|(member, _)| *member == id),
        None if !choices.is_family() => return Err(AppError::Forbidden),
        None => {}
    }
    if choices.children.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(choices)
}

impl FeedScope {
    /// The children with the member each is reached through, the person's own child first.
    pub fn children(&self) -> &[(i32, PupilScope)] {
        &self.children
    }

    /// Whether a feed of all the children together is offered: a parent's, whose family it is.
    pub fn is_family(&self) -> bool {
        self.family
    }

    /// The booked talks the feed shows (on `booking`): those of its children, for a parent.
    pub fn talks(&self) -> Option<Condition> {
        self.talks.then(|| {
            Condition::all().add(
                booking::Column::PupilId
                    .is_in(self.children.iter().map(|(_, scope)| scope.account.id)),
            )
        })
    }
}
