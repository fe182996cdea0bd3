//! The load school, written straight into the database in one transaction: teachers, classes
//! with their courses, pupils with one parent each, an open conference moment with every
//! teacher's hours, and a session per parent.

use app::auth::sessions;
use app::db::entities::account::{self, AccountKind};
use app::db::entities::{class, conference, course, platform, sub_account};
use app::services::oudercontact::{insert_moment, replace_hours, Hours, NewMoment};
use app::services::time::{school_local, school_today};
use chrono::{NaiveTime, Utc};
use sea_orm::prelude::Uuid;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use server::StartError;

use super::{CHUNK, CLASSES, COURSES, DAYS, PARENTS, PUPILS_PER_CLASS, SLOT_MINUTES, TEACHERS};

/// The load school as the parents need it.
pub(crate) struct LoadSchool {
    pub(crate) slug: String,
    pub(crate) moment: conference::Model,
    /// One session token per parent (the first co-account of each pupil).
    pub(crate) tokens: Vec<String>,
}

/// Writes the load school in one transaction: teachers, classes with their courses, pupils with
/// one parent each, an open conference moment with every teacher's hours, and the sessions.
pub(crate) async fn seed(db: &DatabaseConnection) -> Result<LoadSchool, StartError> {
    let now = Utc::now();
    let slug = format!("loadtest-{}", &Uuid::new_v4().simple().to_string()[..8]);
    let txn = app::db::begin_write(db).await?;
    let school = platform::ActiveModel {
        slug: Set(slug.clone()),
        name: Set("Laadtestschool".to_owned()),
        city: Set("Nergens".to_owned()),
        max_co_accounts: Set(4),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Nobody signs in with a password: no salt, no hashes.
    let new_account =
        |username: String, kind: AccountKind, class_id: Option<i32>| account::ActiveModel {
            platform_id: Set(school.id),
            username: Set(username),
            kind: Set(kind),
            class_id: Set(class_id),
            created_at: Set(now),
            password_salt: Set(None),
            failed_logins: Set(0),
            ..Default::default()
        };
    let accounts_of = |kind: AccountKind| {
        account::Entity::find()
            .filter(account::Column::PlatformId.eq(school.id))
            .filter(account::Column::Kind.eq(kind))
            .order_by_asc(account::Column::Username)
    };

    insert_chunked(
        &txn,
        (0..TEACHERS)
            .map(|t| new_account(format!("leerkracht{t:02}"), AccountKind::Teacher, None))
            .collect(),
    )
    .await?;
    let teachers: Vec<i32> = accounts_of(AccountKind::Teacher)
        .all(&txn)
        .await?
        .into_iter()
        .map(|teacher| teacher.id)
        .collect();
    // Class k is taught by teachers k, k+1 and k+2 (of 30): each teacher has four classes.
    let taught_by = |k: usize, n: usize| teachers[(k + n) % TEACHERS];
    insert_chunked(
        &txn,
        (0..CLASSES)
            .map(|k| class::ActiveModel {
                platform_id: Set(school.id),
                name: Set(format!("Klas {k:02}")),
                teacher_id: Set(Some(taught_by(k, 0))),
                ..Default::default()
            })
            .collect(),
    )
    .await?;
    let classes: Vec<i32> = class::Entity::find()
        .filter(class::Column::PlatformId.eq(school.id))
        .order_by_asc(class::Column::Name)
        .all(&txn)
        .await?
        .into_iter()
        .map(|class| class.id)
        .collect();
    let mut courses = Vec::new();
    for (k, class_id) in classes.iter().enumerate() {
        for (n, name) in COURSES.iter().enumerate() {
            courses.push(course::ActiveModel {
                platform_id: Set(school.id),
                class_id: Set(*class_id),
                teacher_id: Set(taught_by(k, n)),
                name: Set((*name).to_owned()),
                ..Default::default()
            });
        }
    }
    insert_chunked(&txn, courses).await?;
    insert_chunked(
        &txn,
        (0..PARENTS)
            .map(|p| {
                new_account(
                    format!("leerling{p:04}"),
                    AccountKind::Pupil,
                    Some(classes[p / PUPILS_PER_CLASS]),
                )
            })
            .collect(),
    )
    .await?;
    let pupils: Vec<i32> = accounts_of(AccountKind::Pupil)
        .all(&txn)
        .await?
        .into_iter()
        .map(|pupil| pupil.id)
        .collect();

    let person = |account_id: i32, idx: i16, first_name: &str, n: usize| sub_account::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        account_id: Set(account_id),
        idx: Set(idx),
        first_name: Set(first_name.to_owned()),
        last_name: Set(format!("{n:04}")),
        relation: Set((idx > 0).then(|| "ouder".to_owned())),
        email: Set(None),
        photo: Set(None),
        created_at: Set(now),
        password_hash: Set(None),
        must_change_password: Set(false),
        notify_messages: Set(false),
        ..Default::default()
    };
    let mut persons: Vec<sub_account::ActiveModel> = teachers
        .iter()
        .enumerate()
        .map(|(t, id)| person(*id, 0, "Leerkracht", t))
        .collect();
    for (p, id) in pupils.iter().enumerate() {
        persons.push(person(*id, 0, "Leerling", p));
        persons.push(person(*id, 1, "Ouder", p));
    }
    insert_chunked(&txn, persons).await?;
    let parents: Vec<i32> = sub_account::Entity::find()
        .inner_join(account::Entity)
        .filter(account::Column::PlatformId.eq(school.id))
        .filter(account::Column::Kind.eq(AccountKind::Pupil))
        .filter(sub_account::Column::Idx.eq(1))
        .order_by_asc(sub_account::Column::Id)
        .all(&txn)
        .await?
        .into_iter()
        .map(|parent| parent.id)
        .collect();

    let clock = |hour: u32| {
        NaiveTime::from_hms_opt(hour, 0, 0)
            .ok_or_else(|| StartError::Command(format!("no time {hour}:00")))
    };
    let (from, until) = (clock(14)?, clock(22)?);
    let first_day = school_today(now) + chrono::Duration::days(3);
    let moment = insert_moment(
        &txn,
        school.id,
        &NewMoment {
            title: "Laadtest oudercontact".to_owned(),
            first_day,
            last_day: first_day + chrono::Duration::days(DAYS - 1),
            day_starts: from,
            day_ends: until,
            slot_minutes: SLOT_MINUTES,
            gap_minutes: 0,
            opens_at: school_local(now - chrono::Duration::hours(1)),
            closes_at: school_local(now + chrono::Duration::weeks(1)),
            online: false,
            classes: classes.clone(),
        },
        now,
    )
    .await?;
    let hours = Hours {
        starts: from,
        ends: until,
        pause: None,
    };
    for teacher in &teachers {
        for day in 0..DAYS {
            let date = first_day + chrono::Duration::days(day);
            replace_hours(&txn, &moment, *teacher, date, Some(hours)).await?;
        }
    }
    let mut tokens = Vec::with_capacity(parents.len());
    for parent in parents {
        tokens.push(
            sessions::create(&txn, &Default::default(), parent, &Default::default(), now).await?,
        );
    }
    txn.commit().await?;
    Ok(LoadSchool {
        slug,
        moment,
        tokens,
    })
}

/// Inserts `rows` in statements of at most `CHUNK` rows.
async fn insert_chunked<A, C>(db: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        A::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
