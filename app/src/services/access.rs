//! "Wie kan mijn kind zien?": the people who can see each of the person's children, and the
//! person's own last sign-ins and open sessions, which they can end.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::auth::sessions::{self, Lifetimes};
use crate::auth::Current;
use crate::db::entities::sub_account;
use crate::error::AppError;
use crate::models::{
    AccessOverview, AccountUse, ChildAccess, Device, OpenSession, PublicId, SignInRow,
    StaffWatcher, Watcher,
};
use crate::services::beheer::{counts_toward_maximum, in_use};
use crate::services::school::pupils_of;
use crate::services::time::school_local;
use crate::visibility::{access_children, own_sessions, own_sign_ins, watchers, ChildTeacher};

/// The page: each child with whoever can see it, and the person's own sign-ins and sessions.
/// `token` is this browser's session, marked as "this device".
pub async fn overview<C: ConnectionTrait>(
    db: &C,
    lifetimes: &Lifetimes,
    current: &Current,
    token: &str,
    now: DateTime<Utc>,
) -> Result<AccessOverview, AppError> {
    let scopes = access_children(db, current).await?;
    let children = pupils_of(db, &scopes.iter().collect::<Vec<_>>()).await?;
    let watchers = watchers(db, &scopes).await?;
    let you = current.person.id;
    let watcher = |person: &sub_account::Model, school: Option<String>| Watcher {
        id: PublicId(person.public_id),
        name: person.display_name(),
        relation: person.relation.clone(),
        school,
        state: if person.disabled_at.is_some() {
            AccountUse::Disabled
        } else if in_use(person) {
            AccountUse::InUse
        } else {
            AccountUse::NotYetUsed
        },
        you: person.id == you,
    };
    let staff = |teacher: &ChildTeacher| StaffWatcher {
        id: PublicId(teacher.person.public_id),
        name: teacher.person.display_name(),
        class_teacher: teacher.class_teacher,
        courses: teacher.courses.clone(),
    };
    let children = children
        .into_iter()
        .zip(watchers)
        .map(|(child, watchers)| ChildAccess {
            child,
            pupil: watcher(&watchers.pupil, None),
            co_accounts: watchers
                .co_accounts
                .iter()
                // A co-account the school removed is kept for what it wrote, out of use.
                .filter(|person| counts_toward_maximum(person))
                .map(|person| watcher(person, None))
                .collect(),
            family: watchers
                .family
                .iter()
                .map(|(person, school)| watcher(person, Some(school.name.clone())))
                .collect(),
            teachers: watchers.teachers.iter().map(staff).collect(),
            admins: watchers
                .admins
                .iter()
                .map(|person| StaffWatcher {
                    id: PublicId(person.public_id),
                    name: person.display_name(),
                    class_teacher: false,
                    courses: Vec::new(),
                })
                .collect(),
        })
        .collect();

    let this_device = sessions::handle_of(token);
    let sign_ins = sessions::sign_ins(db, own_sign_ins(current))
        .await?
        .into_iter()
        .map(|sign_in| SignInRow {
            at: school_local(sign_in.at),
            device: Device {
                browser: sign_in.browser,
                system: sign_in.system,
            },
        })
        .collect();
    let sessions = sessions::open(db, lifetimes, own_sessions(current), now)
        .await?
        .into_iter()
        .map(|session| OpenSession {
            this_device: session.id == this_device,
            handle: session.id,
            device: Device {
                browser: session.browser,
                system: session.system,
            },
            started: school_local(session.created_at),
            last_used: school_local(session.last_seen_at),
            kept: session.remembered,
        })
        .collect();
    Ok(AccessOverview {
        children,
        sign_ins,
        sessions,
    })
}

/// Ends one of the person's own sessions; another's, or one that ended already, is `NotFound`.
pub async fn end_session<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    handle: &str,
) -> Result<(), AppError> {
    if sessions::end_handle(db, own_sessions(current), handle).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Ends every session of the person but this browser's.
pub async fn end_other_sessions<C: ConnectionTrait>(
    db: &C,
    current: &Current,
    token: &str,
) -> Result<(), AppError> {
    sessions::end_all_of(db, current.person.id, Some(token)).await?;
    Ok(())
}
