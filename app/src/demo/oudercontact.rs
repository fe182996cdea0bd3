//! The demo's oudercontact: an open conference moment at each school, a week and a half ahead,
//! with the teachers' hours given, and one talk already booked (Ines for Noah with An Claes), so
//! that a parent can book at once and a teacher's schedule shows a child, a parent and a topic.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use uuid::Uuid;

use super::messages::{person, Who};
use crate::db::entities::{account, booking, class, platform, slot};
use crate::services::oudercontact::{insert_moment, replace_hours, Hours, NewMoment};
use crate::services::time::{school_local, school_today};

struct DemoMoment {
    school: &'static str,
    title: &'static str,
    classes: &'static [&'static str],
    days: i64,
    online: bool,
    hours: &'static [DayHours],
}

/// A teacher's hours on one day of a demo moment.
struct DayHours {
    teacher: &'static str,
    /// 0 for the moment's first day.
    day: i64,
    from: &'static str,
    until: &'static str,
    pause: Option<(&'static str, &'static str)>,
}

const fn hours(
    teacher: &'static str,
    day: i64,
    from: &'static str,
    until: &'static str,
    pause: Option<(&'static str, &'static str)>,
) -> DayHours {
    DayHours {
        teacher,
        day,
        from,
        until,
        pause,
    }
}

const MOMENTS: &[DemoMoment] = &[
    DemoMoment {
        school: "sintclara",
        title: "Oudercontact eerste trimester",
        classes: &["1A", "2B"],
        days: 2,
        online: false,
        hours: &[
            hours("an.claes", 0, "16:00", "19:00", Some(("17:30", "17:50"))),
            hours("an.claes", 1, "16:00", "18:00", None),
            hours("pieter.wuyts", 0, "16:00", "19:00", None),
            hours("bart.jacobs", 1, "17:00", "19:00", None),
        ],
    },
    DemoMoment {
        school: "sintjozef",
        title: "Oudercontact december",
        classes: &["3C"],
        days: 1,
        online: true,
        hours: &[
            hours("sofie.mertens", 0, "17:00", "19:00", None),
            hours("jan.desmet", 0, "17:00", "19:00", Some(("18:00", "18:15"))),
        ],
    },
];

/// The school day `n` school days after `day` (0: `day` itself, or the Monday after a weekend).
fn school_day(mut day: NaiveDate, n: i64) -> NaiveDate {
    let mut left = n;
    loop {
        while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            day += Duration::days(1);
        }
        if left == 0 {
            return day;
        }
        left -= 1;
        day += Duration::days(1);
    }
}

fn time(text: &str) -> Result<NaiveTime, DbErr> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .map_err(|err| DbErr::Custom(format!("demo time {text}: {err}")))
}

pub async fn seed<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<(), DbErr> {
    let first = school_day(school_today(now) + Duration::days(10), 0);
    for demo in MOMENTS {
        let school = platform::Entity::find()
            .filter(platform::Column::Slug.eq(demo.school))
            .one(db)
            .await?
            .ok_or_else(|| DbErr::Custom(format!("demo school {}", demo.school)))?;
        let classes = class::Entity::find()
            .filter(class::Column::PlatformId.eq(school.id))
            .filter(class::Column::Name.is_in(demo.classes.iter().copied()))
            .all(db)
            .await?;
        let last = school_day(first, demo.days - 1);
        let moment = insert_moment(
            db,
            school.id,
            &NewMoment {
                title: demo.title.to_owned(),
                first_day: first,
                last_day: last,
                day_starts: time("15:30")?,
                day_ends: time("20:00")?,
                slot_minutes: 10,
                gap_minutes: 0,
                opens_at: school_local(now - Duration::days(1)),
                closes_at: (first - Duration::days(2)).and_time(time("12:00")?),
                online: demo.online,
                classes: classes.iter().map(|class| class.id).collect(),
            },
            now,
        )
        .await?;
        for given in demo.hours {
            let teacher = teacher(db, school.id, given.teacher).await?;
            let hours = Hours {
                starts: time(given.from)?,
                ends: time(given.until)?,
                pause: match given.pause {
                    Some((from, until)) => Some((time(from)?, time(until)?)),
                    None => None,
                },
            };
            let date = school_day(first, given.day);
            replace_hours(db, &moment, teacher.id, date, Some(hours)).await?;
        }
        if demo.school == "sintclara" {
            book_first_slot(db, &moment, ("sintclara", "noah.maes", "Ines"), "an.claes").await?;
        }
    }
    Ok(())
}

async fn teacher<C: ConnectionTrait>(
    db: &C,
    platform: i32,
    username: &str,
) -> Result<account::Model, DbErr> {
    account::Entity::find()
        .filter(account::Column::PlatformId.eq(platform))
        .filter(account::Column::Username.eq(username))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("demo teacher {username}")))
}

/// Books the teacher's first slot for the pupil of `parent`, as that parent.
async fn book_first_slot<C: ConnectionTrait>(
    db: &C,
    moment: &crate::db::entities::conference::Model,
    parent: Who,
    teacher: &str,
) -> Result<(), DbErr> {
    let parent = person(db, parent).await?;
    let teacher = self::teacher(db, moment.platform_id, teacher).await?;
    let first = slot::Entity::find()
        .filter(slot::Column::ConferenceId.eq(moment.id))
        .filter(slot::Column::TeacherId.eq(teacher.id))
        .order_by_asc(slot::Column::StartsAt)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom("demo teacher without slots".to_owned()))?;
    booking::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        conference_id: Set(moment.id),
        slot_id: Set(first.id),
        teacher_id: Set(teacher.id),
        pupil_id: Set(parent.account_id),
        booked_by: Set(parent.id),
        topic: Set(Some("Wiskundetaak en planning".to_owned())),
        created_at: Set(moment.created_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
