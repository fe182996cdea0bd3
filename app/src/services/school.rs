//! The shared modules: what a pupil, the pupil's co-accounts and the pupil's staff see of one pupil.
//! Every query is narrowed by a [`PupilScope`] from the visibility module; nothing here decides who
//! may see what.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::time::{clock, is_school_day, monday_of, school_local, school_today};
use crate::db::entities::sub_account;
use crate::db::entities::{
    account, agenda_item, attendance, class, course, evaluation, lesson, live_session, lvs_remark,
    material, platform, score,
};
use crate::models::{
    self, Absence, AgendaDay, AgendaItem, AgendaWeek, ChildOverview, CourseResults, Courses,
    LiveSession, LiveSessions, Lvs, Material, MaterialKind, PeriodResults, PlatformSummary, Pupil,
    Remark, ResultDetail, ResultRow, Results, TimelineEntry, TimelineWhat,
};
use crate::visibility::PupilScope;

/// How far ahead "Mijn kinderen" looks for tests, tasks and assignments.
const UPCOMING_DAYS: i64 = 14;
const LATEST_RESULTS: usize = 5;
/// How far back the family timeline shows results.
const RECENT_RESULT_DAYS: i64 = 14;
/// Live sessions that ended longer ago than this are no longer listed.
const LIVE_SESSIONS_BACK_DAYS: i64 = 7;

/// The pupil of the scope as the pages name them.
pub async fn pupil<C: ConnectionTrait>(db: &C, scope: &PupilScope) -> Result<Pupil, DbErr> {
    describe(db, &scope.account, &scope.person).await
}

async fn describe<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    person: &sub_account::Model,
) -> Result<Pupil, DbErr> {
    let school = platform::Entity::find_by_id(account.platform_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the pupil's school".to_owned()))?;
    let class = match account.class_id {
        Some(id) => class::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(Pupil {
        id: person.public_id.to_string(),
        first_name: person.first_name.clone(),
        display_name: person.display_name(),
        class: class.map(|class| class.name),
        photo: person.photo.clone(),
        school: PlatformSummary {
            slug: school.slug,
            name: school.name,
            city: school.city,
        },
    })
}

/// The pupils that `condition` (from the visibility module, on `account`) selects, by class and name.
pub async fn pupils<C: ConnectionTrait>(db: &C, condition: Condition) -> Result<Vec<Pupil>, DbErr> {
    let found = sub_account::Entity::find()
        .filter(sub_account::is_main())
        .find_also_related(account::Entity)
        .filter(condition)
        .all(db)
        .await?;
    let mut pupils = Vec::new();
    for (person, account) in found {
        let Some(account) = account else { continue };
        pupils.push(describe(db, &account, &person).await?);
    }
    pupils.sort_by(|a, b| (&a.class, &a.display_name).cmp(&(&b.class, &b.display_name)));
    Ok(pupils)
}

/// A course as listed: its name and its teacher's name.
struct CourseName {
    name: String,
    teacher: String,
}

/// The courses the scope allows, with their teachers, by id.
async fn course_names<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
) -> Result<HashMap<i32, CourseName>, DbErr> {
    let courses = course::Entity::find()
        .filter(scope.courses())
        .all(db)
        .await?;
    let teacher_ids: Vec<i32> = courses.iter().map(|course| course.teacher_id).collect();
    let teachers: HashMap<i32, String> = sub_account::Entity::main_of(teacher_ids)
        .all(db)
        .await?
        .into_iter()
        .map(|person| (person.account_id, person.display_name()))
        .collect();
    Ok(courses
        .into_iter()
        .map(|course| {
            let teacher = teachers
                .get(&course.teacher_id)
                .cloned()
                .unwrap_or_default();
            (
                course.id,
                CourseName {
                    name: course.name,
                    teacher,
                },
            )
        })
        .collect())
}

fn course_of(names: &HashMap<i32, CourseName>, id: i32) -> (String, String) {
    names
        .get(&id)
        .map(|course| (course.name.clone(), course.teacher.clone()))
        .unwrap_or_default()
}

fn agenda_item(names: &HashMap<i32, CourseName>, item: agenda_item::Model) -> AgendaItem {
    AgendaItem {
        kind: item.kind,
        due_on: item.due_on,
        course: course_of(names, item.course_id).0,
        title: item.title,
        description: item.description,
    }
}

async fn agenda_items<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    names: &HashMap<i32, CourseName>,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<AgendaItem>, DbErr> {
    let items = agenda_item::Entity::find()
        .filter(scope.course_ids(agenda_item::Column::CourseId))
        .filter(agenda_item::Column::DueOn.between(from, until))
        .order_by_asc(agenda_item::Column::DueOn)
        .order_by_asc(agenda_item::Column::Id)
        .all(db)
        .await?;
    Ok(items
        .into_iter()
        .map(|item| agenda_item(names, item))
        .collect())
}

/// The school week that holds `day` (Monday to Friday): lessons and planned work per day.
pub async fn agenda_week<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    day: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<AgendaWeek, DbErr> {
    let today = school_today(now);
    let monday = monday_of(day.unwrap_or(today));
    let saturday = monday + Duration::days(5);
    let names = course_names(db, scope).await?;
    let lessons = lesson::Entity::find()
        .filter(scope.course_ids(lesson::Column::CourseId))
        .filter(lesson::Column::StartsAt.gte(monday.and_time(chrono::NaiveTime::MIN)))
        .filter(lesson::Column::StartsAt.lt(saturday.and_time(chrono::NaiveTime::MIN)))
        .order_by_asc(lesson::Column::StartsAt)
        .all(db)
        .await?;
    let items = agenda_items(db, scope, &names, monday, saturday - Duration::days(1)).await?;
    let days = (0..5)
        .map(|offset| monday + Duration::days(offset))
        .filter(|day| is_school_day(*day))
        .map(|date| AgendaDay {
            date,
            lessons: lessons
                .iter()
                .filter(|lesson| lesson.starts_at.date() == date)
                .map(|lesson| {
                    let (course, teacher) = course_of(&names, lesson.course_id);
                    models::Lesson {
                        starts: clock(lesson.starts_at),
                        ends: clock(lesson.ends_at),
                        course,
                        teacher,
                        room: lesson.room.clone(),
                        topic: lesson.topic.clone(),
                    }
                })
                .collect(),
            items: items
                .iter()
                .filter(|item| item.due_on == date)
                .cloned()
                .collect(),
        })
        .collect();
    Ok(AgendaWeek {
        pupil: pupil(db, scope).await?,
        monday,
        today,
        days,
    })
}

/// The pupil's visible results, newest first, optionally only the one with `score_id`.
async fn result_rows<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    names: &HashMap<i32, CourseName>,
    score_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Vec<ResultRow>, DbErr> {
    let mut query = score::Entity::find()
        .filter(score::Column::PupilId.eq(scope.account.id))
        .find_also_related(evaluation::Entity)
        .filter(scope.evaluations(now))
        .filter(scope.course_ids(evaluation::Column::CourseId));
    if let Some(id) = score_id {
        query = query.filter(score::Column::Id.eq(id));
    }
    let scored: Vec<(score::Model, evaluation::Model)> = query
        .order_by_desc(evaluation::Column::HeldOn)
        .order_by_desc(evaluation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(score, evaluation)| evaluation.map(|evaluation| (score, evaluation)))
        .collect();
    let averages = class_averages(db, scored.iter().map(|(_, e)| e.id).collect()).await?;
    Ok(scored
        .into_iter()
        .map(|(score, evaluation)| ResultRow {
            id: score.id,
            course: course_of(names, evaluation.course_id).0,
            period: evaluation.period,
            name: evaluation.name,
            held_on: evaluation.held_on,
            points: score.points,
            max: evaluation.max_score,
            feedback: score.feedback,
            class_average: averages
                .get(&evaluation.id)
                .map(|average| average / evaluation.max_score * 100.0),
        })
        .collect())
}

/// The class's average points per evaluation.
async fn class_averages<C: ConnectionTrait>(
    db: &C,
    evaluation_ids: Vec<i32>,
) -> Result<HashMap<i32, f64>, DbErr> {
    let points: Vec<(i32, f64)> = score::Entity::find()
        .select_only()
        .column(score::Column::EvaluationId)
        .column(score::Column::Points)
        .filter(score::Column::EvaluationId.is_in(evaluation_ids))
        .into_tuple()
        .all(db)
        .await?;
    let mut sums: HashMap<i32, (f64, u32)> = HashMap::new();
    for (evaluation, points) in points {
        let sum = sums.entry(evaluation).or_default();
        sum.0 += points;
        sum.1 += 1;
    }
    Ok(sums
        .into_iter()
        .map(|(evaluation, (total, count))| (evaluation, total / f64::from(count)))
        .collect())
}

/// Results per period and course, with totals; only what the scope may see.
pub async fn results<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    now: DateTime<Utc>,
) -> Result<Results, DbErr> {
    let names = course_names(db, scope).await?;
    let rows = result_rows(db, scope, &names, None, now).await?;
    let mut periods: Vec<PeriodResults> = Vec::new();
    for row in rows {
        let period = match periods.iter_mut().position(|p| p.period == row.period) {
            Some(index) => &mut periods[index],
            None => {
                periods.push(PeriodResults {
                    period: row.period,
                    courses: Vec::new(),
                    total: models::Total::default(),
                });
                periods
                    .last_mut()
                    .ok_or_else(|| DbErr::Custom("no period".into()))?
            }
        };
        period.total.add(row.points, row.max);
        let course = match period.courses.iter().position(|c| c.course == row.course) {
            Some(index) => &mut period.courses[index],
            None => {
                let teacher = names
                    .values()
                    .find(|name| name.name == row.course)
                    .map(|name| name.teacher.clone())
                    .unwrap_or_default();
                period.courses.push(CourseResults {
                    course: row.course.clone(),
                    teacher,
                    results: Vec::new(),
                    total: models::Total::default(),
                });
                period
                    .courses
                    .last_mut()
                    .ok_or_else(|| DbErr::Custom("no course".into()))?
            }
        };
        course.total.add(row.points, row.max);
        course.results.push(row);
    }
    periods.sort_by_key(|period| std::cmp::Reverse(period.period));
    for period in &mut periods {
        period.courses.sort_by(|a, b| a.course.cmp(&b.course));
    }
    Ok(Results {
        pupil: pupil(db, scope).await?,
        periods,
    })
}

/// One result, if the scope may see it; another pupil's result id finds nothing.
pub async fn result_detail<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    score_id: i32,
    now: DateTime<Utc>,
) -> Result<Option<ResultDetail>, DbErr> {
    let names = course_names(db, scope).await?;
    let Some(result) = result_rows(db, scope, &names, Some(score_id), now)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let teacher = names
        .values()
        .find(|name| name.name == result.course)
        .map(|name| name.teacher.clone())
        .unwrap_or_default();
    Ok(Some(ResultDetail {
        pupil: pupil(db, scope).await?,
        result,
        teacher,
    }))
}

/// The listed columns of a material: everything but the file's bytes.
#[derive(Debug, sea_orm::FromQueryResult)]
struct MaterialRow {
    id: i32,
    course_id: i32,
    title: String,
    url: Option<String>,
    file_name: Option<String>,
    size: Option<i64>,
}

/// The pupil's courses with their documents and links.
pub async fn courses<C: ConnectionTrait>(db: &C, scope: &PupilScope) -> Result<Courses, DbErr> {
    let names = course_names(db, scope).await?;
    let materials: Vec<MaterialRow> = material::Entity::find()
        .select_only()
        .columns([
            material::Column::Id,
            material::Column::CourseId,
            material::Column::Title,
            material::Column::Url,
            material::Column::FileName,
            material::Column::Size,
        ])
        .filter(scope.course_ids(material::Column::CourseId))
        .order_by_asc(material::Column::Id)
        .into_model()
        .all(db)
        .await?;
    let mut courses: Vec<models::Course> = names
        .iter()
        .map(|(id, name)| models::Course {
            id: *id,
            name: name.name.clone(),
            teacher: name.teacher.clone(),
            materials: materials
                .iter()
                .filter(|material| material.course_id == *id)
                .filter_map(|material| {
                    let kind = match (&material.url, &material.file_name) {
                        (Some(url), _) => MaterialKind::Link { url: url.clone() },
                        (None, Some(name)) => MaterialKind::File {
                            name: name.clone(),
                            size: material.size.unwrap_or_default(),
                        },
                        (None, None) => return None,
                    };
                    Some(Material {
                        id: material.id,
                        title: material.title.clone(),
                        kind,
                    })
                })
                .collect(),
        })
        .collect();
    courses.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Courses {
        pupil: pupil(db, scope).await?,
        courses,
    })
}

/// A course file to download.
pub struct MaterialFile {
    pub file_name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// The file of material `id`, if it belongs to a course the scope may see.
pub async fn material_file<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    id: i32,
) -> Result<Option<MaterialFile>, DbErr> {
    let found = material::Entity::find_by_id(id)
        .filter(scope.course_ids(material::Column::CourseId))
        .one(db)
        .await?;
    Ok(found.and_then(|material| {
        Some(MaterialFile {
            file_name: material.file_name?,
            content_type: material
                .content_type
                .unwrap_or_else(|| "application/octet-stream".to_owned()),
            content: material.content?,
        })
    }))
}

/// Scheduled online lessons from a week ago on.
pub async fn live_sessions<C: ConnectionTrait>(
    db: &C,
    scope: &PupilScope,
    now: DateTime<Utc>,
) -> Result<LiveSessions, DbErr> {
    let names = course_names(db, scope).await?;
    let local_now = school_local(now);
    let sessions = live_session::Entity::find()
        .filter(scope.course_ids(live_session::Column::CourseId))
        .filter(
            live_session::Column::EndsAt.gte(local_now - Duration::days(LIVE_SESSIONS_BACK_DAYS)),
        )
        .order_by_asc(live_session::Column::StartsAt)
        .all(db)
        .await?;
    Ok(LiveSessions {
        pupil: pupil(db, scope).await?,
        sessions: sessions
            .into_iter()
            .map(|session| {
                let (course, teacher) = course_of(&names, session.course_id);
                LiveSession {
                    date: session.starts_at.date(),
                    starts: clock(session.starts_at),
                    ends: clock(session.ends_at),
                    course,
                    teacher,
                    title: session.title,
                    url: session.url,
                    past: session.ends_at < local_now,
                }
            })
            .collect(),
    })
}

/// LVS remarks (as far as each is visible to the audience) and attendance codes, newest first.
pub async fn lvs<C: ConnectionTrait>(db: &C, scope: &PupilScope) -> Result<Lvs, DbErr> {
    let remarks = lvs_remark::Entity::find()
        .filter(scope.remarks())
        .order_by_desc(lvs_remark::Column::NotedOn)
        .order_by_desc(lvs_remark::Column::Id)
        .all(db)
        .await?;
    let author_ids: Vec<i32> = remarks.iter().map(|remark| remark.author_id).collect();
    let authors: HashMap<i32, String> = sub_account::Entity::main_of(author_ids)
        .all(db)
        .await?
        .into_iter()
        .map(|person| (person.account_id, person.display_name()))
        .collect();
    let attendance = attendance::Entity::find()
        .filter(attendance::Column::PupilId.eq(scope.account.id))
        .order_by_desc(attendance::Column::Day)
        .order_by_asc(attendance::Column::Half)
        .all(db)
        .await?;
    Ok(Lvs {
        pupil: pupil(db, scope).await?,
        remarks: remarks
            .into_iter()
            .map(|remark| Remark {
                noted_on: remark.noted_on,
                author: authors.get(&remark.author_id).cloned().unwrap_or_default(),
                category: remark.category,
                text: remark.text,
            })
            .collect(),
        attendance: attendance
            .into_iter()
            .map(|row| Absence {
                day: row.day,
                half: row.half,
                code: row.code,
                note: row.note,
            })
            .collect(),
    })
}

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
