//! The school as Beheer sets it up by hand: its settings (the maximum of co-accounts, the school
//! addresses), its staff (teachers and admins), its classes with their class teacher and courses.
//! Staff get their start password through a letter, like everyone.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::pupils::person_row;
use super::usernames::{base_username, unique_username};
use super::{audit, BeheerError};
use crate::auth::password;
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::{class, course, platform, school_address, sub_account};
use crate::db::{begin_write, settle};
use crate::models::{AddressKind, AuditAction, ClassRow, CourseRow, SchoolSetup, StaffRow};
use crate::visibility::SchoolAdmin;

/// What a school may allow: a pupil's own account and up to six parents.
pub const MAX_CO_ACCOUNTS: std::ops::RangeInclusive<i32> = 1..=6;

/// The school's settings, staff and classes, in a fixed number of queries.
pub async fn setup(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    now: DateTime<Utc>,
) -> Result<SchoolSetup, DbErr> {
    let school = platform::Entity::find_by_id(admin.platform_id())
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("platform".to_owned()))?;
    let staff_accounts = account::Entity::find()
        .filter(account::Column::PlatformId.eq(admin.platform_id()))
        .filter(account::Column::Kind.ne(AccountKind::Pupil))
        .order_by_asc(account::Column::Username)
        .all(db)
        .await?;
    let staff_people: HashMap<i32, sub_account::Model> = sub_account::Entity::find()
        .filter(
            sub_account::Column::AccountId.is_in(staff_accounts.iter().map(|account| account.id)),
        )
        .filter(sub_account::Column::Idx.eq(sub_account::PUPIL_IDX))
        .all(db)
        .await?
        .into_iter()
        .map(|person| (person.account_id, person))
        .collect();
    let username_of_account: HashMap<i32, String> = staff_accounts
        .iter()
        .map(|account| (account.id, account.username.clone()))
        .collect();
    let username_of_person: HashMap<i32, String> = staff_people
        .values()
        .filter_map(|person| {
            username_of_account
                .get(&person.account_id)
                .map(|username| (person.id, username.clone()))
        })
        .collect();
    let addresses: Vec<school_address::Model> = school_address::Entity::find()
        .filter(school_address::Column::PlatformId.eq(admin.platform_id()))
        .all(db)
        .await?;
    let classes = super::pupils::classes(db, admin).await?;
    let courses = course::Entity::find()
        .filter(course::Column::PlatformId.eq(admin.platform_id()))
        .order_by_asc(course::Column::Name)
        .all(db)
        .await?;
    let class_teachers: HashMap<i32, Option<i32>> = class::Entity::find()
        .filter(class::Column::PlatformId.eq(admin.platform_id()))
        .all(db)
        .await?
        .into_iter()
        .map(|class| (class.id, class.teacher_id))
        .collect();
    Ok(SchoolSetup {
        max_co_accounts: school.max_co_accounts,
        addresses: AddressKind::ALL
            .into_iter()
            .map(|kind| {
                let person = addresses
                    .iter()
                    .find(|address| address.kind == kind.code())
                    .and_then(|address| username_of_person.get(&address.person_id).cloned());
                (kind, person)
            })
            .collect(),
        staff: staff_accounts
            .iter()
            .filter_map(|account| {
                let person = staff_people.get(&account.id)?;
                Some(StaffRow {
                    username: account.username.clone(),
                    admin: account.kind == AccountKind::Admin,
                    person: person_row(person, now),
                })
            })
            .collect(),
        classes: classes
            .into_iter()
            .map(|option| ClassRow {
                teacher: class_teachers
                    .get(&option.id)
                    .copied()
                    .flatten()
                    .and_then(|id| username_of_account.get(&id).cloned()),
                courses: courses
                    .iter()
                    .filter(|course| course.class_id == option.id)
                    .map(|course| CourseRow {
                        id: course.id,
                        name: course.name.clone(),
                        teacher: username_of_account
                            .get(&course.teacher_id)
                            .cloned()
                            .unwrap_or_default(),
                    })
                    .collect(),
                id: option.id,
                name: option.name,
                pupils: option.pupils,
            })
            .collect(),
    })
}

/// A staff member of the admin's school by username: their account and person.
async fn staff<C: ConnectionTrait>(
    db: &C,
    admin: &SchoolAdmin,
    username: &str,
) -> Result<(account::Model, sub_account::Model), BeheerError> {
    let account = account::Entity::find()
        .filter(account::Column::PlatformId.eq(admin.platform_id()))
        .filter(account::Column::Kind.ne(AccountKind::Pupil))
        .filter(account::Column::Username.eq(username.trim().to_lowercase()))
        .one(db)
        .await?
        .ok_or(BeheerError::NotFound)?;
    let person = sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.eq(account.id))
        .filter(sub_account::Column::Idx.eq(sub_account::PUPIL_IDX))
        .one(db)
        .await?
        .ok_or(BeheerError::NotFound)?;
    Ok((account, person))
}

/// The maximum of co-accounts and who each school address reaches (usernames; empty for none).
pub async fn save_settings(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    max_co_accounts: i32,
    addresses: &[(AddressKind, String)],
    now: DateTime<Utc>,
) -> Result<(), BeheerError> {
    if !MAX_CO_ACCOUNTS.contains(&max_co_accounts) {
        return Err(BeheerError::OutOfRange);
    }
    let txn = begin_write(db).await?;
    let outcome = async {
        platform::Entity::update_many()
            .col_expr(
                platform::Column::MaxCoAccounts,
                Expr::value(max_co_accounts),
            )
            .filter(platform::Column::Id.eq(admin.platform_id()))
            .exec(&txn)
            .await?;
        let mut detail = format!("max co-accounts {max_co_accounts}");
        for (kind, username) in addresses {
            school_address::Entity::delete_many()
                .filter(school_address::Column::PlatformId.eq(admin.platform_id()))
                .filter(school_address::Column::Kind.eq(kind.code()))
                .exec(&txn)
                .await?;
            if username.trim().is_empty() {
                continue;
            }
            let (_, person) = staff(&txn, admin, username).await?;
            school_address::ActiveModel {
                platform_id: Set(admin.platform_id()),
                kind: Set(kind.code().to_owned()),
                person_id: Set(person.id),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            detail.push_str(&format!("; {} {}", kind.code(), username.trim()));
        }
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::Settings,
            "",
            &detail,
            now,
        )
        .await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

/// The usernames of the school that begin like `base`: what a new username must not be.
pub(super) async fn usernames_like<C: ConnectionTrait>(
    db: &C,
    platform_id: i32,
    base: &str,
) -> Result<HashSet<String>, DbErr> {
    Ok(account::Entity::find()
        .select_only()
        .column(account::Column::Username)
        .filter(account::Column::PlatformId.eq(platform_id))
        .filter(account::Column::Username.starts_with(base))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// A new account with its own person, under a username made from the name; the username.
#[allow(clippy::too_many_arguments)]
pub(super) async fn new_account<C: ConnectionTrait>(
    txn: &C,
    platform_id: i32,
    kind: AccountKind,
    first_name: &str,
    last_name: &str,
    class_id: Option<i32>,
    birth_date: Option<chrono::NaiveDate>,
    now: DateTime<Utc>,
) -> Result<String, BeheerError> {
    let (first_name, last_name) = (first_name.trim(), last_name.trim());
    if first_name.is_empty() || last_name.is_empty() {
        return Err(BeheerError::NameRequired);
    }
    let base = base_username(first_name, last_name);
    let mut taken = usernames_like(txn, platform_id, &base).await?;
    let username = unique_username(&base, &mut taken);
    let account = account::ActiveModel {
        platform_id: Set(platform_id),
        username: Set(username.clone()),
        kind: Set(kind),
        class_id: Set(class_id),
        created_at: Set(now),
        password_salt: Set(Some(password::new_salt())),
        failed_logins: Set(0),
        birth_date: Set(birth_date),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    sub_account::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        account_id: Set(account.id),
        idx: Set(sub_account::PUPIL_IDX),
        first_name: Set(first_name.to_owned()),
        last_name: Set(last_name.to_owned()),
        created_at: Set(now),
        must_change_password: Set(true),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(username)
}

/// A teacher, or (`admin`) an admin of the school; their username.
pub async fn add_staff(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    first_name: &str,
    last_name: &str,
    is_admin: bool,
    now: DateTime<Utc>,
) -> Result<String, BeheerError> {
    let kind = if is_admin {
        AccountKind::Admin
    } else {
        AccountKind::Teacher
    };
    let txn = begin_write(db).await?;
    let outcome = async {
        let username = new_account(
            &txn,
            admin.platform_id(),
            kind,
            first_name,
            last_name,
            None,
            None,
            now,
        )
        .await?;
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::AddStaff,
            &username,
            if is_admin { "admin" } else { "teacher" },
            now,
        )
        .await?;
        Ok(username)
    }
    .await;
    settle(txn, outcome).await
}

/// A class of the school by id; another school's is none.
pub(super) async fn own_class<C: ConnectionTrait>(
    db: &C,
    admin: &SchoolAdmin,
    id: i32,
) -> Result<class::Model, BeheerError> {
    class::Entity::find_by_id(id)
        .filter(class::Column::PlatformId.eq(admin.platform_id()))
        .one(db)
        .await?
        .ok_or(BeheerError::NotFound)
}

pub async fn add_class(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), BeheerError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return Err(BeheerError::NameRequired);
    }
    let txn = begin_write(db).await?;
    let outcome = async {
        let exists = class::Entity::find()
            .filter(class::Column::PlatformId.eq(admin.platform_id()))
            .filter(class::Column::Name.eq(name))
            .count(&txn)
            .await?;
        if exists > 0 {
            return Err(BeheerError::NameTaken);
        }
        class::ActiveModel {
            platform_id: Set(admin.platform_id()),
            name: Set(name.to_owned()),
            teacher_id: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::AddClass,
            name,
            "",
            now,
        )
        .await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

/// The class teacher of a class (a username; empty for none).
pub async fn set_class_teacher(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    class_id: i32,
    teacher: &str,
    now: DateTime<Utc>,
) -> Result<(), BeheerError> {
    let txn = begin_write(db).await?;
    let outcome = async {
        let class = own_class(&txn, admin, class_id).await?;
        let teacher_id = if teacher.trim().is_empty() {
            None
        } else {
            Some(staff(&txn, admin, teacher).await?.0.id)
        };
        class::Entity::update_many()
            .col_expr(class::Column::TeacherId, Expr::value(teacher_id))
            .filter(class::Column::Id.eq(class.id))
            .exec(&txn)
            .await?;
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::ClassTeacher,
            &class.name,
            teacher.trim(),
            now,
        )
        .await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

/// A new course of a class with its teacher.
pub async fn add_course(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    class_id: i32,
    name: &str,
    teacher: &str,
    now: DateTime<Utc>,
) -> Result<(), BeheerError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(BeheerError::NameRequired);
    }
    let txn = begin_write(db).await?;
    let outcome = async {
        let class = own_class(&txn, admin, class_id).await?;
        let (teacher, _) = staff(&txn, admin, teacher).await?;
        course::ActiveModel {
            platform_id: Set(admin.platform_id()),
            class_id: Set(class.id),
            teacher_id: Set(teacher.id),
            name: Set(name.to_owned()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::AddCourse,
            &format!("{} {name}", class.name),
            &teacher.username,
            now,
        )
        .await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

/// Another teacher for a course: what the course holds stays.
pub async fn set_course_teacher(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    course_id: i32,
    teacher: &str,
    now: DateTime<Utc>,
) -> Result<(), BeheerError> {
    let txn = begin_write(db).await?;
    let outcome = async {
        let course = course::Entity::find_by_id(course_id)
            .filter(course::Column::PlatformId.eq(admin.platform_id()))
            .one(&txn)
            .await?
            .ok_or(BeheerError::NotFound)?;
        let (teacher, _) = staff(&txn, admin, teacher).await?;
        course::Entity::update_many()
            .col_expr(course::Column::TeacherId, Expr::value(teacher.id))
            .filter(course::Column::Id.eq(course.id))
            .exec(&txn)
            .await?;
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::CourseTeacher,
            &course.name,
            &teacher.username,
            now,
        )
        .await?;
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}
