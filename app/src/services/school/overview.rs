//! "Mijn kinderen": each child's coming work and latest results, and the family timeline.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbErr};

use crate::models::{AgendaItem, ChildOverview, Pupil, ResultRow, TimelineEntry, TimelineWhat};
use crate::services::time::school_today;
use crate::visibility::PupilScope;

use super::agenda::agenda_items;
use super::results::result_rows;
use super::{course_names, pupil};

/// How far ahead "Mijn kinderen" looks for tests, tasks and assignments.
const UPCOMING_DAYS: i64 = 14;
const LATEST_RESULTS: usize = 5;
/// How far back the family timeline shows results.
const RECENT_RESULT_DAYS: i64 = 14;

/// One child's planned work of the coming two weeks and visible results, newest first.
struct Work {
    planned: Vec<AgendaItem>,
    results: Vec<ResultRow>,
}

async fn work<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    now: DateTime<Utc>,
) -> Result<Work, DbErr> {
    let names = course_names(db, scope).await?;
    let today = school_today(now);
    let until = today + Duration::days(UPCOMING_DAYS);
    Ok(Work {
        planned: agenda_items(db, scope, &names, today, until).await?,
        results: result_rows(db, scope, &names, None, now).await?,
    })
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
    let selected = work(db, scope, now).await?;
    let since = school_today(now) - Duration::days(RECENT_RESULT_DAYS);
    let mut children = Vec::new();
    let mut timeline = Vec::new();
    for member in family {
        let child = pupil(db, member).await?;
        if only.is_none_or(|id| id == child.id) {
            // The selected child's work is already read.
            let other;
            let of_child = if member.account.id == scope.account.id {
                &selected
            } else {
                other = work(db, member, now).await?;
                &other
            };
            timeline.extend(entries(&child, of_child, since));
        }
        children.push(child);
    }
    timeline.sort_by(|a, b| (a.date, &a.child.first_name).cmp(&(b.date, &b.child.first_name)));
    let mut latest_results = selected.results;
    latest_results.truncate(LATEST_RESULTS);
    Ok(ChildOverview {
        child: pupil(db, scope).await?,
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
