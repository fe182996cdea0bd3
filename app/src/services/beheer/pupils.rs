//! The school's pupils as Beheer lists them: searched by name or username, filtered by class, a
//! page at a time, each with the people of the username and where they stand. A fixed number of
//! queries per page, whatever the school's size.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, JoinType, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};

use super::{full_name, search_words, state_of, ERASED, LEFT_SCHOOL, REMOVED};
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::{class, platform, sub_account};
use crate::models::{BeheerOverview, ClassOption, PersonRow, PublicId, PupilPage, PupilRow};
use crate::services::time::school_local;
use crate::visibility::SchoolAdmin;

pub const PER_PAGE: u64 = 50;

/// What the list asks for.
#[derive(Clone, Debug, Default)]
pub struct PupilFilter {
    pub search: String,
    pub class: Option<i32>,
    pub page: u64,
}

fn pupils_of(admin: &SchoolAdmin) -> sea_orm::Select<account::Entity> {
    account::Entity::find()
        .filter(account::Column::PlatformId.eq(admin.platform_id()))
        .filter(account::Column::Kind.eq(AccountKind::Pupil))
}

/// Every word must be found in the username, the first name or the last name of the pupil.
fn matching(words: &[String]) -> Condition {
    let like = |column: Expr, word: &str| Expr::expr(Func::lower(column)).like(format!("%{word}%"));
    words.iter().fold(Condition::all(), |all, word| {
        all.add(
            Condition::any()
                .add(like(
                    Expr::col((account::Entity, account::Column::Username)),
                    word,
                ))
                .add(like(
                    Expr::col((sub_account::Entity, sub_account::Column::FirstName)),
                    word,
                ))
                .add(like(
                    Expr::col((sub_account::Entity, sub_account::Column::LastName)),
                    word,
                )),
        )
    })
}

pub async fn list(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    filter: &PupilFilter,
    now: DateTime<Utc>,
) -> Result<PupilPage, DbErr> {
    let mut query = pupils_of(admin)
        .join(JoinType::InnerJoin, account::Relation::SubAccount.def())
        .filter(sub_account::Column::Idx.eq(sub_account::PUPIL_IDX))
        .filter(matching(&search_words(&filter.search)));
    if let Some(class) = filter.class {
        query = query.filter(account::Column::ClassId.eq(class));
    }
    let total = query.clone().count(db).await?;
    let pages = Ord::max(total.div_ceil(PER_PAGE), 1);
    let page = filter.page.clamp(1, pages);
    let accounts = query
        .order_by_asc(sub_account::Column::LastName)
        .order_by_asc(sub_account::Column::FirstName)
        .order_by_asc(account::Column::Id)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
        .all(db)
        .await?;
    let classes = classes(db, admin).await?;
    let rows = rows(db, accounts, &classes, now).await?;
    Ok(PupilPage {
        rows,
        total,
        page,
        pages,
        classes,
    })
}

/// One pupil with their people, found by username in the admin's school.
pub async fn one(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    username: &str,
    now: DateTime<Utc>,
) -> Result<Option<PupilRow>, DbErr> {
    let Some(account) = pupils_of(admin)
        .filter(account::Column::Username.eq(username.trim().to_lowercase()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let classes = classes(db, admin).await?;
    Ok(rows(db, vec![account], &classes, now).await?.pop())
}

/// The school's classes with their number of pupils, by name.
pub async fn classes(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
) -> Result<Vec<ClassOption>, DbErr> {
    let counts: HashMap<i32, i64> = pupils_of(admin)
        .select_only()
        .column(account::Column::ClassId)
        .column_as(account::Column::Id.count(), "pupils")
        .group_by(account::Column::ClassId)
        .into_tuple::<(Option<i32>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(class, pupils)| class.map(|class| (class, pupils)))
        .collect();
    Ok(class::Entity::find()
        .filter(class::Column::PlatformId.eq(admin.platform_id()))
        .order_by_asc(class::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|class| ClassOption {
            id: class.id,
            pupils: counts
                .get(&class.id)
                .copied()
                .unwrap_or_default()
                .try_into()
                .unwrap_or_default(),
            name: class.name,
        })
        .collect())
}

/// The rows of `accounts`, with their people in one query.
async fn rows(
    db: &DatabaseConnection,
    accounts: Vec<account::Model>,
    classes: &[ClassOption],
    now: DateTime<Utc>,
) -> Result<Vec<PupilRow>, DbErr> {
    let mut people: HashMap<i32, Vec<sub_account::Model>> = HashMap::new();
    for person in sub_account::Entity::find()
        .filter(sub_account::Column::AccountId.is_in(accounts.iter().map(|account| account.id)))
        .order_by_asc(sub_account::Column::Idx)
        .all(db)
        .await?
    {
        people.entry(person.account_id).or_default().push(person);
    }
    Ok(accounts
        .into_iter()
        .map(|account| PupilRow {
            class: account.class_id.and_then(|id| {
                classes
                    .iter()
                    .find(|class| class.id == id)
                    .map(|class| class.name.clone())
            }),
            people: people
                .remove(&account.id)
                .unwrap_or_default()
                .iter()
                .map(|person| person_row(person, now))
                .collect(),
            username: account.username,
            external_id: account.external_id,
            birth_date: account.birth_date,
            max_co_accounts: account.max_co_accounts,
        })
        .collect())
}

pub fn person_row(person: &sub_account::Model, now: DateTime<Utc>) -> PersonRow {
    PersonRow {
        id: PublicId(person.public_id),
        idx: person.idx,
        name: full_name(person),
        relation: person.relation.clone(),
        state: state_of(person, now),
        email: person.email.clone(),
        email_confirmed: person.email_confirmed_at.is_some(),
        last_sign_in: person.last_sign_in_at.map(school_local),
        letter_at: person.letter_at.map(school_local),
        disabled_reason: person
            .disabled_reason
            .clone()
            .filter(|reason| reason != LEFT_SCHOOL && reason != REMOVED && reason != ERASED),
        left_school: person.disabled_reason.as_deref() == Some(LEFT_SCHOOL),
        removed: person.disabled_reason.as_deref() == Some(REMOVED),
        erased: person.disabled_reason.as_deref() == Some(ERASED),
    }
}

/// The school in numbers, for the first page of Beheer.
pub async fn overview(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
) -> Result<BeheerOverview, DbErr> {
    let school = platform::Entity::find_by_id(admin.platform_id())
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("platform".to_owned()))?;
    let pupils = pupils_of(admin).count(db).await?;
    let classes = class::Entity::find()
        .filter(class::Column::PlatformId.eq(admin.platform_id()))
        .count(db)
        .await?;
    let people_of_pupils = || {
        sub_account::Entity::find()
            .join(JoinType::InnerJoin, sub_account::Relation::Account.def())
            .filter(account::Column::PlatformId.eq(admin.platform_id()))
            .filter(account::Column::Kind.eq(AccountKind::Pupil))
            .filter(sub_account::Column::DisabledAt.is_null())
    };
    let co_accounts = people_of_pupils()
        .filter(sub_account::Column::Idx.ne(sub_account::PUPIL_IDX))
        .count(db)
        .await?;
    let without_password = people_of_pupils()
        .filter(sub_account::Column::PasswordHash.is_null())
        .count(db)
        .await?;
    Ok(BeheerOverview {
        school: school.name,
        pupils,
        classes,
        co_accounts,
        without_password,
        max_co_accounts: school.max_co_accounts,
        undelivered: super::mail::undelivered(db, admin).await?,
    })
}
