//! The demo: two schools with pupils, co-accounts, teachers, classes and courses, so that a new user
//! sees a living school and tests and docs can name the logins. Deterministic: the same names every time.
//!
//! The Peeters family is the one the product is built around: Heidi is co-account of Lotte at
//! Sint-Clara and of Wout at Sint-Jozef, so one parent has children at both schools.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, Set, TransactionTrait,
};
use uuid::Uuid;

use super::entities::account::{self, AccountKind};
use super::entities::{class, course, platform, sub_account};

pub struct School {
    pub slug: &'static str,
    pub name: &'static str,
    pub city: &'static str,
    pub max_co_accounts: i32,
    pub classes: &'static [&'static str],
    pub staff: &'static [Staff],
    pub courses: &'static [Course],
    pub pupils: &'static [Pupil],
}

pub struct Staff {
    pub username: &'static str,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub kind: AccountKind,
}

pub struct Course {
    pub class: &'static str,
    pub name: &'static str,
    pub teacher: &'static str,
}

pub struct Pupil {
    pub username: &'static str,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub class: &'static str,
    pub co_accounts: &'static [CoAccount],
}

pub struct CoAccount {
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub relation: &'static str,
}

const fn teacher(
    username: &'static str,
    first_name: &'static str,
    last_name: &'static str,
) -> Staff {
    Staff {
        username,
        first_name,
        last_name,
        kind: AccountKind::Teacher,
    }
}

const fn admin(username: &'static str, first_name: &'static str, last_name: &'static str) -> Staff {
    Staff {
        username,
        first_name,
        last_name,
        kind: AccountKind::Admin,
    }
}

const fn course(class: &'static str, name: &'static str, teacher: &'static str) -> Course {
    Course {
        class,
        name,
        teacher,
    }
}

const fn parent(
    first_name: &'static str,
    last_name: &'static str,
    relation: &'static str,
) -> CoAccount {
    CoAccount {
        first_name,
        last_name,
        relation,
    }
}

pub const SCHOOLS: &[School] = &[
    School {
        slug: "sintclara",
        name: "Sint-Claracollege",
        city: "Arendonk",
        max_co_accounts: 3,
        classes: &["1A", "2B"],
        staff: &[
            teacher("an.claes", "An", "Claes"),
            teacher("pieter.wuyts", "Pieter", "Wuyts"),
            admin("beheer", "Marc", "Verhoeven"),
        ],
        courses: &[
            course("1A", "Wiskunde", "an.claes"),
            course("1A", "Nederlands", "an.claes"),
            course("1A", "Frans", "pieter.wuyts"),
            course("1A", "Geschiedenis", "pieter.wuyts"),
            course("2B", "Wiskunde", "pieter.wuyts"),
            course("2B", "Nederlands", "an.claes"),
            course("2B", "Engels", "pieter.wuyts"),
        ],
        pupils: &[
            Pupil {
                username: "lotte.peeters",
                first_name: "Lotte",
                last_name: "Peeters",
                class: "1A",
                co_accounts: &[
                    parent("Heidi", "Peeters", "moeder"),
                    parent("Tom", "Peeters", "vader"),
                ],
            },
            Pupil {
                username: "emma.janssens",
                first_name: "Emma",
                last_name: "Janssens",
                class: "1A",
                co_accounts: &[parent("Sarah", "Wouters", "moeder")],
            },
            Pupil {
                username: "noah.maes",
                first_name: "Noah",
                last_name: "Maes",
                class: "2B",
                co_accounts: &[
                    parent("Ines", "Maes", "moeder"),
                    parent("Kevin", "Maes", "vader"),
                    parent("Nathalie", "Goossens", "stiefmoeder"),
                ],
            },
        ],
    },
    School {
        slug: "sintjozef",
        name: "Sint-Jozefinstituut",
        city: "Geel",
        max_co_accounts: 2,
        classes: &["3C"],
        staff: &[
            teacher("sofie.mertens", "Sofie", "Mertens"),
            teacher("jan.desmet", "Jan", "De Smet"),
            admin("beheer", "Els", "Jacobs"),
        ],
        courses: &[
            course("3C", "Wiskunde", "sofie.mertens"),
            course("3C", "Biologie", "sofie.mertens"),
            course("3C", "Nederlands", "jan.desmet"),
            course("3C", "Frans", "jan.desmet"),
        ],
        pupils: &[
            Pupil {
                username: "wout.peeters",
                first_name: "Wout",
                last_name: "Peeters",
                class: "3C",
                co_accounts: &[parent("Heidi", "Peeters", "moeder")],
            },
            Pupil {
                username: "lina.vermeulen",
                first_name: "Lina",
                last_name: "Vermeulen",
                class: "3C",
                co_accounts: &[parent("Joke", "Vermeulen", "voogd")],
            },
        ],
    },
];

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
    let txn = db.begin().await?;
    for school in SCHOOLS {
        seed_school(&txn, school).await?;
    }
    txn.commit().await?;
    Ok(true)
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
    for staff in school.staff {
        let account = insert_account(db, platform.id, staff.username, staff.kind, None).await?;
        insert_person(
            db,
            account.id,
            0,
            staff.first_name,
            staff.last_name,
            None,
            None,
        )
        .await?;
        staff_ids.push((staff.username, account.id));
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
        let photo = photo_path(pupil.username);
        insert_person(
            db,
            account.id,
            0,
            pupil.first_name,
            pupil.last_name,
            None,
            Some(photo),
        )
        .await?;
        for (idx, co) in (1..).zip(pupil.co_accounts) {
            insert_person(
                db,
                account.id,
                idx,
                co.first_name,
                co.last_name,
                Some(co.relation),
                None,
            )
            .await?;
        }
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
        ..Default::default()
    }
    .insert(db)
    .await
}

async fn insert_person<C: sea_orm::ConnectionTrait>(
    db: &C,
    account_id: i32,
    idx: i16,
    first_name: &str,
    last_name: &str,
    relation: Option<&str>,
    photo: Option<String>,
) -> Result<sub_account::Model, DbErr> {
    sub_account::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        account_id: Set(account_id),
        idx: Set(idx),
        first_name: Set(first_name.to_owned()),
        last_name: Set(last_name.to_owned()),
        relation: Set(relation.map(str::to_owned)),
        email: Set(None),
        photo: Set(photo),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}
