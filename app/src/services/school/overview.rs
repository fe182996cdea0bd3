//! "Mijn kinderen": each child's coming work and latest results, and the family timeline.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbErr};

use crate::models::{AgendaItem, ChildOverview, Pupil, ResultRow, TimelineEntry, TimelineWhat};
use crate::services::time::school_today;
use crate::visibility::PupilScope;

use super::agenda::agenda_items_of;
use super::results::{result_rows_of, Which};
use super::{pupil, pupils_of};

/// How far ahead "Mijn kinderen" looks for tests, tasks and assignments.
const UPCOMING_DAYS: i64 = 14;
const LATEST_RESULTS: u64 = 5;
/// How far back the family timeline shows results.
const RECENT_RESULT_DAYS: i64 = 14;

/// One child's planned work of the coming two weeks and visible results (see [`works`]), newest
/// first.
struct Work {
    planned: Vec<AgendaItem>,
    results: Vec<ResultRow>,
}

/// The work of each scope's child, in order, in a fixed number of queries whatever their number:
/// the results `which` names.
async fn works<C: ConnectionTrait>(
    db: &C,
    scopes: &[&PupilScope],
    which: Which,
    now: DateTime<Utc>,
) -> Result<Vec<Work>, DbErr> {
    let today = school_today(now);
    let until = today + Duration::days(UPCOMING_DAYS);
    let planned = agenda_items_of(db, scopes, today, until).await?;
    let results = result_rows_of(db, scopes, which, now).await?;
    Ok(planned
        .into_iter()
        .zip(results)
        .map(|(planned, results)| Work {
            planned,
            results: results.into_iter().map(|scored| scored.row).collect(),
        })
        .collect())
}

/// "Mijn kinderen": the selected child's coming two weeks of planned work and latest results, and
/// the family timeline over `family` (every child the parent sees), or only the child `only`.
pub async fn overview<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    family: &[PupilScope],
    only: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ChildOverview, DbErr> {
    let family: Vec<&PupilScope> = family.iter().collect();
    let children = pupils_of(db, &family).await?;
    // The selected child first, then the family's other children (each read once).
    let mut scopes = vec![scope];
    scopes.extend(
        family
            .iter()
            .filter(|member| member.account.id != scope.account.id),
    );
    // The timeline's results, and the selected child's latest however old.
    let since = school_today(now) - Duration::days(RECENT_RESULT_DAYS);
    let which = Which::Recent {
        since,
        latest: LATEST_RESULTS,
        of: scope.account.id,
    };
    let mut work = works(db, &scopes, which, now).await?.into_iter();
    let selected = work.next().ok_or_else(|| DbErr::Custom("no work".into()))?;
    let others: Vec<(&PupilScope, Work)> = scopes[1..].iter().copied().zip(work).collect();
    let mut timeline = Vec::new();
    for (member, child) in family.iter().zip(&children) {
        if only.is_none_or(|id| id == child.id) {
            let of_child = if member.account.id == scope.account.id {
                &selected
            } else {
                match others
                    .iter()
                    .find(|(other, _)| other.account.id == member.account.id)
                {
                    Some((_, work)) => work,
                    None => continue,
                }
            };
            timeline.extend(entries(child, of_child, since));
        }
    }
    timeline.sort_by(|a, b| (a.date, &a.child.first_name).cmp(&(b.date, &b.child.first_name)));
    let child = match family
        .iter()
        .zip(&children)
        .find(|(member, _)| member.account.id == scope.account.id)
    {
        Some((_, child)) => child.clone(),
        None => pupil(db, scope).await?,
    };
    let mut latest_results = selected.results;
    latest_results.truncate(LATEST_RESULTS as usize);
    Ok(ChildOverview {
        child,
        upcoming: selected.planned,
        latest_results,
        children,
        timeline,
        messages: Vec::new(),
    })
}

/// A child's timeline: its planned work and its results since `since`.
fn entries(child: &Pupil, work: &Work, since: NaiveDate) -> Vec<TimelineEntry> {
    let planned = work.planned.iter().map(|item| TimelineEntry {
        date: item.due_on,
        child: child.clone(),
        what: TimelineWhat::Planned(item.clone()),
    });
    let results = work
        .results
        .iter()
        .filter(|row| row.held_on >= since)
        .map(|row| TimelineEntry {
            date: row.held_on,
            child: child.clone(),
            what: TimelineWhat::Result(row.clone()),
        });
    planned.chain(results).collect()
}
