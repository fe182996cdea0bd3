//! The demo: two schools with pupils, co-accounts, teachers, classes and courses, so that a new user
//! sees a living school and tests and docs can name the logins. Deterministic: the same names every time.
//!
//! The Peeters family is the one the product is built around: Heidi is co-account of Lotte at
//! Sint-Clara and of Wout at Sint-Jozef, so one parent has children at both schools.

mod lvs;
mod messages;
mod modules;
mod oudercontact;
mod people;
mod subjects;

pub use people::{CoAccount, Course, Pupil, School, Staff, FAMILIES, SCHOOLS};

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect, RelationTrait, Set,
};
use uuid::Uuid;

use crate::auth::password;
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::{
    class, course, family, family_member, platform, school_address, sub_account,
};

/// The photo path of a demo pupil, served from `public/photos/`.
pub fn photo_path(username: &str) -> String {
    format!("/photos/{username}.svg")
}

/// Fills an empty database with the demo. Returns whether it seeded anything; a database that
/// already has a school is left alone, so restarts keep what people changed.
pub async fn seed_if_empty(db: &DatabaseConnection) -> Result<bool, DbErr> {
    if platform::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let txn = crate::db::begin_write(db).await?;
    let outcome = seed_all(&txn).await;
    crate::db::settle(txn, outcome).await.map(|()| true)
}

async fn seed_all(txn: &DatabaseTransaction) -> Result<(), DbErr> {
    for school in SCHOOLS {
        seed_school(txn, school).await?;
    }
    for members in FAMILIES {
        link_family(txn, members).await?;
    }
    messages::seed(txn, Utc::now()).await?;
    oudercontact::seed(txn, Utc::now()).await
}

async fn seed_school<C: sea_orm::ConnectionTrait>(db: &C, school: &School) -> Result<(), DbErr> {
    let now = Utc::now();
    let platform = platform::ActiveModel {
        slug: Set(school.slug.to_owned()),
        name: Set(school.name.to_owned()),
        city: Set(school.city.to_owned()),
        max_co_accounts: Set(school.max_co_accounts),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let mut classes = Vec::new();
    for name in school.classes {
        let class = class::ActiveModel {
            platform_id: Set(platform.id),
            name: Set((*name).to_owned()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        classes.push(class);
    }
    let class_id = |name: &str| {
        classes
            .iter()
            .find(|class| class.name == name)
            .map(|class| class.id)
            .ok_or_else(|| DbErr::Custom(format!("demo names an unknown class {name}")))
    };

    let mut staff_ids = Vec::new();
    let mut staff_persons = Vec::new();
    for staff in school.staff {
        let account = insert_account(db, platform.id, staff.username, staff.kind, None).await?;
        let person = NewPerson {
            first_name: staff.first_name,
            last_name: staff.last_name,
            password: staff.password,
            ..NewPerson::default()
        };
        let person = insert_person(db, &account, 0, person).await?;
        staff_ids.push((staff.username, account.id));
        staff_persons.push((staff.username, person.id));
    }
    let staff = |username: &str, ids: &[(&str, i32)]| {
        ids.iter()
            .find(|(name, _)| *name == username)
            .map(|(_, id)| *id)
            .ok_or_else(|| DbErr::Custom(format!("demo names unknown staff {username}")))
    };
    for (class, teacher) in school.class_teachers {
        class::ActiveModel {
            id: Set(class_id(class)?),
            teacher_id: Set(Some(staff(teacher, &staff_ids)?)),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    for (kind, username) in school.addresses {
        school_address::ActiveModel {
            platform_id: Set(platform.id),
            kind: Set(kind.code().to_owned()),
            person_id: Set(staff(username, &staff_persons)?),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    for course in school.courses {
        let teacher_id = staff_ids
            .iter()
            .find(|(username, _)| *username == course.teacher)
            .map(|(_, id)| *id)
            .ok_or_else(|| {
                DbErr::Custom(format!("demo names an unknown teacher {}", course.teacher))
            })?;
        course::ActiveModel {
            platform_id: Set(platform.id),
            class_id: Set(class_id(course.class)?),
            teacher_id: Set(teacher_id),
            name: Set(course.name.to_owned()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    for pupil in school.pupils {
        let account = insert_account(
            db,
            platform.id,
            pupil.username,
            AccountKind::Pupil,
            Some(class_id(pupil.class)?),
        )
        .await?;
        let me = NewPerson {
            first_name: pupil.first_name,
            last_name: pupil.last_name,
            password: pupil.password,
            photo: Some(photo_path(pupil.username)),
            ..NewPerson::default()
        };
        insert_person(db, &account, 0, me).await?;
        for (idx, co) in (1..).zip(pupil.co_accounts) {
            let parent = NewPerson {
                first_name: co.first_name,
                last_name: co.last_name,
                password: co.password,
                relation: Some(co.relation),
                email: co.email,
                start_password: co.start_password,
                photo: None,
            };
            insert_person(db, &account, idx, parent).await?;
        }
    }
    modules::seed(db, platform.id, now).await?;
    Ok(())
}

async fn link_family<C: sea_orm::ConnectionTrait>(
    db: &C,
    members: &[(&str, &str, &str)],
) -> Result<(), DbErr> {
    let family = family::ActiveModel {
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (school, username, first_name) in members {
        let person = sub_account::Entity::find()
            .inner_join(account::Entity)
            .join(
                sea_orm::JoinType::InnerJoin,
                account::Relation::Platform.def(),
            )
            .filter(platform::Column::Slug.eq(*school))
            .filter(account::Column::Username.eq(*username))
            .filter(sub_account::Column::FirstName.eq(*first_name))
            .one(db)
            .await?
            .ok_or_else(|| {
                DbErr::Custom(format!("demo family names {first_name} of {username}"))
            })?;
        family_member::ActiveModel {
            family_id: Set(family.id),
            sub_account_id: Set(person.id),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

async fn insert_account<C: sea_orm::ConnectionTrait>(
    db: &C,
    platform_id: i32,
    username: &str,
    kind: AccountKind,
    class_id: Option<i32>,
) -> Result<account::Model, DbErr> {
    account::ActiveModel {
        platform_id: Set(platform_id),
        username: Set(username.to_owned()),
        kind: Set(kind),
        class_id: Set(class_id),
        created_at: Set(Utc::now()),
        password_salt: Set(Some(password::new_salt())),
        failed_logins: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await
}

#[derive(Default)]
struct NewPerson {
    first_name: &'static str,
    last_name: &'static str,
    password: &'static str,
    relation: Option<&'static str>,
    email: Option<&'static str>,
    start_password: bool,
    photo: Option<String>,
}

async fn insert_person<C: sea_orm::ConnectionTrait>(
    db: &C,
    account: &account::Model,
    idx: i16,
    person: NewPerson,
) -> Result<sub_account::Model, DbErr> {
    let salt = account
        .password_salt
        .clone()
        .ok_or_else(|| DbErr::Custom("demo account without a salt".to_owned()))?;
    let secret = person.password;
    let hash = tokio::task::spawn_blocking(move || password::hash_blocking(secret, &salt))
        .await
        .map_err(|err| DbErr::Custom(format!("hashing a demo password: {err}")))?;
    let now = Utc::now();
    sub_account::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        account_id: Set(account.id),
        idx: Set(idx),
        first_name: Set(person.first_name.to_owned()),
        last_name: Set(person.last_name.to_owned()),
        relation: Set(person.relation.map(str::to_owned)),
        email: Set(person.email.map(str::to_owned)),
        email_confirmed_at: Set(person.email.map(|_| now)),
        photo: Set(person.photo),
        created_at: Set(now),
        password_hash: Set(Some(hash)),
        must_change_password: Set(person.start_password),
        ..Default::default()
    }
    .insert(db)
    .await
}
