//! Demo content for the shared modules: timetable, schoolagenda, results, course materials, live
//! sessions and the LVS (remarks and attendance) of every class and pupil of one demo school.
//!
//! All dates are relative to the moment of seeding (`now`), not fixed in the calendar: the demo is
//! seeded once, into an empty database, and whoever opens it then should find this week's lessons,
//! tests coming up in the next days, freshly published results and last week's absences, whatever
//! the date is. The content is deterministic: the variation between classes, courses and pupils
//! comes from their positions, never from chance, so every seed of the same day looks the same.

use std::cmp::Reverse;

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::lvs::{ABSENCES, REMARKS};
use super::subjects::{Scored, Subject, ANY_SUBJECT, SUBJECTS};
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::{
    agenda_item, attendance, class, course, evaluation, lesson, live_session, lvs_remark, material,
    platform, score,
};
use crate::models::HalfDay;
use crate::services::time::{is_school_day, monday_of, school_today};

/// Rows per `INSERT`, well below the bind-parameter limits of SQLite and PostgreSQL.
const ROWS_PER_INSERT: usize = 200;

// ---------------------------------------------------------------------------------------------
// Static content per subject (the tables are in `subjects.rs` and `lvs.rs`)
// ---------------------------------------------------------------------------------------------

fn subject(course_name: &str) -> &'static Subject {
    SUBJECTS
        .iter()
        .find(|subject| subject.name == course_name)
        .unwrap_or(&ANY_SUBJECT)
}

/// The item at `index` of a non-empty static table, going round.
fn pick<T>(items: &[T], index: usize) -> &T {
    &items[index % items.len()]
}

// ---------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------

/// The lesson hours of a Flemish secondary school, with the breaks at 10:05 and 12:00.
const HOURS: [((u32, u32), (u32, u32)); 6] = [
    ((8, 25), (9, 15)),
    ((9, 15), (10, 5)),
    ((10, 20), (11, 10)),
    ((11, 10), (12, 0)),
    ((13, 0), (13, 50)),
    ((13, 50), (14, 40)),
];

/// How many of [`HOURS`] are taught, Monday to Friday: Wednesday afternoon is free, Friday ends
/// an hour early.
const HOURS_PER_DAY: [usize; 5] = [6, 6, 4, 6, 5];

/// The timetable runs from this many weeks before the current week …
const WEEKS_BACK: i64 = 3;
/// … to this many weeks after it.
const WEEKS_AHEAD: i64 = 6;

/// Due days of planned work in school days from today, in the order the items are made. The
/// first three fall within the coming two weeks, so every class has work coming up.
const AGENDA_DAYS: [i64; 16] = [1, 4, 8, -3, 11, -9, 2, 16, -13, 6, 21, -6, 13, -1, 24, -11];

/// The period of each scored evaluation and how many days ago it was held (less two days per
/// course, so that a class does not have all its tests on one day): period 1 six to ten weeks
/// ago, period 2 in the last five weeks.
const HELD: [(i16, i64); 4] = [(1, 66), (1, 48), (2, 30), (2, 13)];

/// Results are published this many days after the evaluation.
const PUBLISHED_AFTER_DAYS: i64 = 3;

/// Live sessions per class: school days from today, start and length in minutes. Two in the
/// past week, three in the coming two weeks.
const LIVE: [(i64, (u32, u32), i64); 5] = [
    (-3, (16, 0), 45),
    (-1, (19, 0), 45),
    (1, (16, 0), 50),
    (4, (19, 0), 45),
    (7, (16, 30), 45),
];

/// The school day `count` school days after `day` (before it when negative).
fn school_days_from(day: NaiveDate, count: i64) -> NaiveDate {
    let step = Duration::days(count.signum());
    let mut day = day;
    for _ in 0..count.abs() {
        day += step;
        while !is_school_day(day) {
            day += step;
        }
    }
    day
}

/// `day` itself if it is a school day, else the school day before it.
fn school_day_on_or_before(day: NaiveDate) -> NaiveDate {
    let mut day = day;
    while !is_school_day(day) {
        day -= Duration::days(1);
    }
    day
}

fn at(day: NaiveDate, (hour, minute): (u32, u32)) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default())
}

/// A number in `0.0..1.0` that varies irregularly with `a` and `b`: a stand-in for chance that
/// gives the same answer every time.
fn spread(a: usize, b: usize) -> f64 {
    let x = (a * 31 + b * 17 + 7) % 101;
    (x * x % 101) as f64 / 101.0
}

// ---------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------

/// One class with what its content is made from.
struct ClassPlan<'a> {
    /// The class's position in its school, to vary content between classes.
    index: usize,
    class: &'a class::Model,
    courses: Vec<(&'a course::Model, &'static Subject)>,
    /// The pupils with their position in the school.
    pupils: Vec<(usize, &'a account::Model)>,
    /// Who may write the pupils' LVS remarks: the class's teachers, else any staff member.
    authors: Vec<i32>,
    url_prefix: String,
    today: NaiveDate,
    now: DateTime<Utc>,
}

/// Seeds the modules of platform `platform_id`, whose classes, courses, staff and pupils exist.
pub async fn seed<C: ConnectionTrait>(
    db: &C,
    platform_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let platform = platform::Entity::find_by_id(platform_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("platform {platform_id}")))?;
    let classes = class::Entity::find()
        .filter(class::Column::PlatformId.eq(platform_id))
        .order_by_asc(class::Column::Id)
        .all(db)
        .await?;
    let courses = course::Entity::find()
        .filter(course::Column::PlatformId.eq(platform_id))
        .order_by_asc(course::Column::Id)
        .all(db)
        .await?;
    let (pupils, staff): (Vec<account::Model>, Vec<account::Model>) = account::Entity::find()
        .filter(account::Column::PlatformId.eq(platform_id))
        .order_by_asc(account::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .partition(|account| account.kind == AccountKind::Pupil);

    let today = school_today(now);
    for (index, class) in classes.iter().enumerate() {
        let class_courses: Vec<_> = courses
            .iter()
            .filter(|course| course.class_id == class.id)
            .map(|course| (course, subject(&course.name)))
            .collect();
        let mut authors: Vec<i32> = class_courses
            .iter()
            .map(|(course, _)| course.teacher_id)
            .collect();
        authors.sort_unstable();
        authors.dedup();
        if authors.is_empty() {
            authors = staff.iter().map(|account| account.id).collect();
        }
        let plan = ClassPlan {
            index,
            class,
            courses: class_courses,
            pupils: pupils
                .iter()
                .enumerate()
                .filter(|(_, pupil)| pupil.class_id == Some(class.id))
                .collect(),
            authors,
            url_prefix: format!(
                "https://meet.example/{}-{}",
                platform.slug,
                url_part(&class.name)
            ),
            today,
            now,
        };
        insert_rows(db, lessons(&plan)).await?;
        insert_rows(db, agenda_items(&plan)).await?;
        seed_results(db, &plan).await?;
        insert_rows(db, materials(&plan)).await?;
        insert_rows(db, live_sessions(&plan)).await?;
        insert_rows(db, remarks(&plan)).await?;
        insert_rows(db, absences(&plan)).await?;
    }
    Ok(())
}

/// Inserts `rows` in batches; nothing for none.
async fn insert_rows<C, A>(db: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(ROWS_PER_INSERT).collect();
        <A::Entity as EntityTrait>::insert_many(batch)
            .exec(db)
            .await?;
    }
    Ok(())
}

/// "2B", "Nederlands" → "2b", "nederlands".
fn url_part(name: &str) -> String {
    name.to_lowercase().replace(' ', "-")
}

/// Which course (by position) teaches each lesson hour of a week: every course gets hours in
/// proportion to its subject's weight, spread over the week (smooth weighted round-robin).
fn weekly_timetable(weights: &[u32], hours: usize) -> Vec<usize> {
    let total: i64 = weights.iter().copied().map(i64::from).sum();
    let mut credit = vec![0_i64; weights.len()];
    (0..hours)
        .map(|_| {
            for (credit, weight) in credit.iter_mut().zip(weights) {
                *credit += i64::from(*weight);
            }
            let chosen = (0..credit.len())
                .max_by_key(|&which| (credit[which], Reverse(which)))
                .unwrap_or_default();
            credit[chosen] -= total;
            chosen
        })
        .collect()
}

/// The same weekly timetable for every week, each course in its own room, while the topics move
/// on from lesson to lesson.
fn lessons(plan: &ClassPlan) -> Vec<lesson::ActiveModel> {
    if plan.courses.is_empty() {
        return Vec::new();
    }
    let weights: Vec<u32> = plan
        .courses
        .iter()
        .map(|(_, subject)| subject.weight)
        .collect();
    let timetable = weekly_timetable(&weights, HOURS_PER_DAY.iter().sum());
    let first_monday = monday_of(plan.today) - Duration::weeks(WEEKS_BACK);
    let mut taught = vec![0; plan.courses.len()];
    let mut rows = Vec::new();
    for week in 0..=WEEKS_BACK + WEEKS_AHEAD {
        let monday = first_monday + Duration::weeks(week);
        let mut hour_of_week = 0;
        for (weekday, hours) in (0..).zip(HOURS_PER_DAY) {
            let day = monday + Duration::days(weekday);
            for (start, end) in HOURS.into_iter().take(hours) {
                // Classes start the week at a different place in the timetable.
                let which = *pick(&timetable, hour_of_week + 7 * plan.index);
                let (course, subject) = plan.courses[which];
                rows.push(lesson::ActiveModel {
                    course_id: Set(course.id),
                    starts_at: Set(at(day, start)),
                    ends_at: Set(at(day, end)),
                    room: Set((*pick(subject.rooms, hour_of_week)).to_owned()),
                    topic: Set(Some((*pick(subject.topics, taught[which] / 2)).to_owned())),
                    ..Default::default()
                });
                taught[which] += 1;
                hour_of_week += 1;
            }
        }
    }
    rows
}

/// Four planned items per course, the courses taking turns, due on the days of [`AGENDA_DAYS`].
/// Course by course the items start at a different kind, so that in a class of three courses or
/// more the first three (all in the next two weeks) are a task, a test and an assignment.
fn agenda_items(plan: &ClassPlan) -> Vec<agenda_item::ActiveModel> {
    let mut rows = Vec::new();
    for round in 0..4 {
        for (which, (course, subject)) in plan.courses.iter().enumerate() {
            let planned = pick(subject.agenda, round + which);
            let days = *pick(&AGENDA_DAYS, rows.len());
            rows.push(agenda_item::ActiveModel {
                course_id: Set(course.id),
                kind: Set(planned.kind),
                due_on: Set(school_days_from(plan.today, days)),
                title: Set(planned.title.to_owned()),
                description: Set(planned.description.to_owned()),
                ..Default::default()
            });
        }
    }
    rows
}

/// Three or four published evaluations per course, one draft per class, and a score for
/// every pupil on each.
async fn seed_results<C: ConnectionTrait>(db: &C, plan: &ClassPlan<'_>) -> Result<(), DbErr> {
    let mut evaluations = Vec::new();
    for (which, (course, subject)) in plan.courses.iter().enumerate() {
        // Every other course has one evaluation less in period 2.
        let count = if which % 2 == 0 { 4 } else { 3 };
        for (scored, (period, days_ago)) in subject.evaluations.iter().zip(HELD).take(count) {
            let held_on = school_day_on_or_before(
                plan.today - Duration::days(days_ago - 2 * (which % 4) as i64),
            );
            let published_at =
                Utc.from_utc_datetime(&at(held_on + Duration::days(PUBLISHED_AFTER_DAYS), (15, 0)));
            evaluations.push(
                insert_evaluation(db, course.id, period, scored, held_on, published_at, false)
                    .await?,
            );
        }
    }
    let published = evaluations.len();
    if let Some((course, subject)) = plan.courses.get(plan.index % plan.courses.len().max(1)) {
        let held_on = school_days_from(plan.today, -2);
        evaluations.push(
            insert_evaluation(db, course.id, 2, &subject.pending, held_on, plan.now, true).await?,
        );
    }

    let mut scores = Vec::new();
    for (number, evaluation) in evaluations.iter().enumerate() {
        for &(pupil_index, pupil) in &plan.pupils {
            // Each pupil fails one published evaluation, so the red band shows.
            let failed = number == (pupil_index * 5 + 1) % published.max(1);
            let share = if failed {
                0.38 + 0.03 * (pupil_index % 3) as f64
            } else {
                1.0 - 0.62 * spread(pupil_index, number).powi(2)
            };
            let points = (evaluation.max_score * share * 2.0).round() / 2.0;
            let feedback = ((pupil_index + number) % 3 == 0)
                .then(|| (*pick(feedback_for(share), pupil_index + number)).to_owned());
            scores.push(score::ActiveModel {
                evaluation_id: Set(evaluation.id),
                pupil_id: Set(pupil.id),
                points: Set(points),
                feedback: Set(feedback),
                ..Default::default()
            });
        }
    }
    insert_rows(db, scores).await
}

async fn insert_evaluation<C: ConnectionTrait>(
    db: &C,
    course_id: i32,
    period: i16,
    scored: &Scored,
    held_on: NaiveDate,
    published_at: DateTime<Utc>,
    draft: bool,
) -> Result<evaluation::Model, DbErr> {
    evaluation::ActiveModel {
        course_id: Set(course_id),
        period: Set(period),
        name: Set(scored.name.to_owned()),
        held_on: Set(held_on),
        max_score: Set(scored.max),
        draft: Set(draft),
        published_at: Set(published_at),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// A teacher's comment that fits a score of `share` of the maximum.
fn feedback_for(share: f64) -> &'static [&'static str] {
    if share < 0.5 {
        &[
            "Deze leerstof zit nog niet goed. Herhaal de oefeningen en kom gerust naar de \
             inhaalles op dinsdagmiddag.",
            "Jammer, je kan beter. Bekijk de verbeterde toets thuis en maak de extra oefeningen \
             uit het werkboek.",
        ]
    } else if share < 0.7 {
        &[
            "Voldoende, maar let op slordigheidsfouten. Lees de vragen altijd twee keer.",
            "Je bent op de goede weg. Oefen nog wat extra op de moeilijkere vragen.",
        ]
    } else {
        &[
            "Heel goed gedaan! Je beheerst deze leerstof.",
            "Knap werk, mooi en verzorgd uitgewerkt.",
        ]
    }
}

/// The subject's files and link for every course.
fn materials(plan: &ClassPlan) -> Vec<material::ActiveModel> {
    let mut rows = Vec::new();
    for (course, subject) in &plan.courses {
        for file in subject.files {
            let content = format!(
                "{} - klas {}\n\n{}",
                course.name, plan.class.name, file.text
            )
            .into_bytes();
            rows.push(material::ActiveModel {
                course_id: Set(course.id),
                title: Set(file.title.to_owned()),
                url: Set(None),
                file_name: Set(Some(file.file_name.to_owned())),
                content_type: Set(Some("text/plain; charset=utf-8".to_owned())),
                size: Set(Some(i64::try_from(content.len()).unwrap_or_default())),
                content: Set(Some(content)),
                created_at: Set(plan.now),
                ..Default::default()
            });
        }
        rows.push(material::ActiveModel {
            course_id: Set(course.id),
            title: Set(subject.link.title.to_owned()),
            url: Set(Some(subject.link.url.to_owned())),
            file_name: Set(None),
            content_type: Set(None),
            size: Set(None),
            content: Set(None),
            created_at: Set(plan.now),
            ..Default::default()
        });
    }
    rows
}

/// The sessions of [`LIVE`], the courses taking turns; each course has its own meeting room.
fn live_sessions(plan: &ClassPlan) -> Vec<live_session::ActiveModel> {
    if plan.courses.is_empty() {
        return Vec::new();
    }
    (0..)
        .zip(LIVE)
        .map(|(number, (days, start, minutes))| {
            let (course, subject) = *pick(&plan.courses, plan.index + number);
            let starts_at = at(school_days_from(plan.today, days), start);
            live_session::ActiveModel {
                course_id: Set(course.id),
                starts_at: Set(starts_at),
                ends_at: Set(starts_at + Duration::minutes(minutes)),
                title: Set((*pick(subject.live, number)).to_owned()),
                url: Set(format!("{}-{}", plan.url_prefix, url_part(&course.name))),
                ..Default::default()
            }
        })
        .collect()
}

fn remarks(plan: &ClassPlan) -> Vec<lvs_remark::ActiveModel> {
    if plan.authors.is_empty() {
        return Vec::new();
    }
    let mut rows = Vec::new();
    for &(pupil_index, pupil) in &plan.pupils {
        for (number, kind) in REMARKS.iter().enumerate() {
            let (category, text) = *pick(kind.variants, pupil_index);
            let days_ago = kind.school_days_ago + (pupil_index % 3) as i64;
            rows.push(lvs_remark::ActiveModel {
                pupil_id: Set(pupil.id),
                author_id: Set(*pick(&plan.authors, pupil_index + number)),
                noted_on: Set(school_days_from(plan.today, -days_ago)),
                category: Set(category.to_owned()),
                text: Set(text.to_owned()),
                visible_to_pupil: Set(kind.visible_to_pupil),
                visible_to_parents: Set(kind.visible_to_parents),
                ..Default::default()
            });
        }
    }
    rows
}

fn absences(plan: &ClassPlan) -> Vec<attendance::ActiveModel> {
    let mut rows = Vec::new();
    for &(pupil_index, pupil) in &plan.pupils {
        for number in 0..3 {
            let absence = pick(ABSENCES, pupil_index + number);
            // Eight school days apart, all within the last five weeks.
            let days_ago = 3 + 8 * number as i64 + (pupil_index % 4) as i64;
            let mut day = school_days_from(plan.today, -days_ago);
            if day.weekday() == Weekday::Wed && absence.halves.contains(&HalfDay::Afternoon) {
                // No lessons on Wednesday afternoon.
                day -= Duration::days(1);
            }
            for half in absence.halves {
                rows.push(attendance::ActiveModel {
                    pupil_id: Set(pupil.id),
                    day: Set(day),
                    half: Set(*half),
                    code: Set(absence.code.to_owned()),
                    note: Set(Some(absence.note.to_owned())),
                    ..Default::default()
                });
            }
        }
    }
    rows
}
