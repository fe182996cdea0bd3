//! The import of a pupil export at the start of the school year. An upload is kept as a draft and
//! shown as a preview: new pupils, pupils in another class, pupils who left, pupils who came back,
//! rows with errors. Nothing is written until the admin confirms; the confirmation plans again in
//! its own write transaction and writes only if the plan is still the one that was shown.
//!
//! The administration package's pupil id (`external_id`) keeps a pupil the same person across
//! imports, so the same file twice changes nothing and a new school year moves pupils to their
//! new class. Pupils who are no longer in the export are disabled, never deleted. New people get
//! no password: a letter or an activation mail gives them one.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::import_file::{self, ImportRow, ParentRow};
use super::usernames::{base_username, fold, unique_username};
use super::{audit, split_name, BeheerError, LEFT_SCHOOL};
use crate::auth::password;
use crate::db::entities::account::{self, AccountKind};
use crate::db::entities::{class, import_draft, platform, session, sub_account};
use crate::db::{begin_write, settle};
use crate::models::{
    AuditAction, ImportPreview, ImportSummary, LeavingPupil, MovedPupil, PlannedPupil,
};
use crate::visibility::SchoolAdmin;

/// The relation written for a parent row without one.
pub const DEFAULT_RELATION: &str = "ouder";

/// Rows per insert statement: well below the parameter limits of SQLite and PostgreSQL.
const BATCH: usize = 400;

/// Keeps an upload as a draft of the admin's school and returns its id. A file that cannot be
/// read at all is refused here, before anything is kept.
pub async fn upload(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<String, BeheerError> {
    let text = import_file::decode(bytes).map_err(BeheerError::File)?;
    import_file::parse(&text).map_err(BeheerError::File)?;
    // Drafts of a day ago were never confirmed: they go when the next one comes.
    import_draft::Entity::delete_many()
        .filter(import_draft::Column::CreatedAt.lt(now - chrono::Duration::days(1)))
        .exec(db)
        .await?;
    let id = Uuid::new_v4().simple().to_string();
    import_draft::ActiveModel {
        id: Set(id.clone()),
        platform_id: Set(admin.platform_id()),
        created_by: Set(admin.actor()),
        created_at: Set(now),
        file_name: Set(file_name.chars().take(200).collect()),
        content: Set(text),
    }
    .insert(db)
    .await?;
    Ok(id)
}

async fn draft<C: ConnectionTrait>(
    db: &C,
    admin: &SchoolAdmin,
    id: &str,
) -> Result<import_draft::Model, BeheerError> {
    import_draft::Entity::find_by_id(id.to_owned())
        .filter(import_draft::Column::PlatformId.eq(admin.platform_id()))
        .one(db)
        .await?
        .ok_or(BeheerError::NotFound)
}

/// The preview of a draft: what confirming it would change now.
pub async fn preview(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    draft_id: &str,
) -> Result<ImportPreview, BeheerError> {
    let draft = draft(db, admin, draft_id).await?;
    Ok(plan(db, admin, &draft).await?.preview)
}

/// Writes the draft's plan if it is still the one the admin saw (`fingerprint`), in one
/// transaction. A changed plan is refused with [`BeheerError::Changed`]; nothing is written.
pub async fn confirm(
    db: &DatabaseConnection,
    admin: &SchoolAdmin,
    draft_id: &str,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<ImportSummary, BeheerError> {
    let txn = begin_write(db).await?;
    let outcome = async {
        let draft = draft(&txn, admin, draft_id).await?;
        let plan = plan(&txn, admin, &draft).await?;
        if plan.preview.fingerprint != fingerprint || !plan.preview.can_confirm() {
            return Err(BeheerError::Changed);
        }
        let summary = write(&txn, admin, &plan, now).await?;
        audit::record(
            &txn,
            admin.platform_id(),
            Some(admin.actor()),
            AuditAction::Import,
            &draft.file_name,
            &format!(
                "new {}, co-accounts {}, moved {}, back {}, left {}",
                summary.new_pupils,
                summary.new_co_accounts,
                summary.moved,
                summary.returning,
                summary.left
            ),
            now,
        )
        .await?;
        import_draft::Entity::delete_by_id(draft.id)
            .exec(&txn)
            .await?;
        Ok(summary)
    }
    .await;
    settle(txn, outcome).await
}

/// A pupil of the school as the import compares it.
struct Known {
    account: account::Model,
    name: String,
    disabled_reason: Option<String>,
    disabled: bool,
    /// Folded names of the co-accounts, to recognise a parent who is there already.
    co_accounts: HashSet<String>,
    next_idx: i16,
    co_account_count: usize,
}

struct NewPupil {
    row: ImportRow,
    username: String,
    parents: Vec<ParentRow>,
}

/// What confirming writes, with the preview that shows it.
struct Plan {
    preview: ImportPreview,
    new_classes: Vec<String>,
    new_pupils: Vec<NewPupil>,
    /// Existing pupils in another class (also those who come back), by the class's name.
    moves: Vec<(i32, String)>,
    returning: Vec<i32>,
    leaving: Vec<i32>,
    /// New co-accounts of existing pupils: account, index, parent.
    new_parents: Vec<(i32, i16, ParentRow)>,
}

async fn plan<C: ConnectionTrait>(
    db: &C,
    admin: &SchoolAdmin,
    draft: &import_draft::Model,
) -> Result<Plan, BeheerError> {
    let mut preview = ImportPreview {
        draft: draft.id.clone(),
        file_name: draft.file_name.clone(),
        ..ImportPreview::default()
    };
    let parsed = match import_file::parse(&draft.content) {
        Ok(parsed) => parsed,
        Err(problem) => {
            preview.problem = Some(problem);
            return Ok(Plan::empty(preview));
        }
    };
    preview.errors = parsed.errors;

    let school = platform::Entity::find_by_id(admin.platform_id())
        .one(db)
        .await?
        .ok_or(BeheerError::NotFound)?;
    let classes: HashMap<i32, String> = class::Entity::find()
        .filter(class::Column::PlatformId.eq(admin.platform_id()))
        .all(db)
        .await?
        .into_iter()
        .map(|class| (class.id, class.name))
        .collect();
    let class_names: HashSet<&str> = classes.values().map(String::as_str).collect();
    let mut taken: HashSet<String> = account::Entity::find()
        .select_only()
        .column(account::Column::Username)
        .filter(account::Column::PlatformId.eq(admin.platform_id()))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut known = known_pupils(db, admin).await?;

    let mut plan = Plan::empty(preview);
    let mut new_classes = HashSet::new();
    let mut seen = HashSet::new();
    for row in parsed.rows {
        seen.insert(row.external_id.clone());
        if !class_names.contains(row.class.as_str()) && new_classes.insert(row.class.clone()) {
            plan.new_classes.push(row.class.clone());
        }
        let limit = |account: Option<&account::Model>| {
            usize::try_from(
                account
                    .and_then(|account| account.max_co_accounts)
                    .unwrap_or(school.max_co_accounts),
            )
            .unwrap_or_default()
        };
        match known.get_mut(&row.external_id) {
            None => {
                let username =
                    unique_username(&base_username(&row.first_name, &row.last_name), &mut taken);
                let max = limit(None);
                plan.preview.over_maximum += row.parents.len().saturating_sub(max);
                let parents: Vec<ParentRow> = row.parents.iter().take(max).cloned().collect();
                plan.preview.new_co_accounts += parents.len();
                plan.preview.new_pupils.push(PlannedPupil {
                    line: row.line,
                    username: username.clone(),
                    name: format!("{} {}", row.first_name, row.last_name),
                    class: row.class.clone(),
                    parents: parents.len(),
                });
                plan.new_pupils.push(NewPupil {
                    row,
                    username,
                    parents,
                });
            }
            Some(pupil) => {
                let class = pupil
                    .account
                    .class_id
                    .and_then(|id| classes.get(&id).cloned());
                let moved = MovedPupil {
                    username: pupil.account.username.clone(),
                    name: pupil.name.clone(),
                    from: class.clone(),
                    to: row.class.clone(),
                };
                let mut changed = false;
                if pupil.disabled && pupil.disabled_reason.as_deref() == Some(LEFT_SCHOOL) {
                    plan.returning.push(pupil.account.id);
                    plan.preview.returning.push(moved.clone());
                    changed = true;
                } else if class.as_deref() != Some(row.class.as_str()) {
                    plan.preview.moved.push(moved);
                    changed = true;
                }
                if class.as_deref() != Some(row.class.as_str()) {
                    plan.moves.push((pupil.account.id, row.class.clone()));
                }
                let max = limit(Some(&pupil.account));
                for parent in &row.parents {
                    let name = fold(&parent.name);
                    if pupil.co_accounts.contains(&name) {
                        continue;
                    }
                    if pupil.co_account_count >= max {
                        plan.preview.over_maximum += 1;
                        continue;
                    }
                    pupil.co_accounts.insert(name);
                    pupil.co_account_count += 1;
                    plan.new_parents
                        .push((pupil.account.id, pupil.next_idx, parent.clone()));
                    pupil.next_idx += 1;
                    plan.preview.new_co_accounts += 1;
                    changed = true;
                }
                if !changed {
                    plan.preview.unchanged += 1;
                }
            }
        }
    }
    for pupil in known.values() {
        let still_here = pupil
            .account
            .external_id
            .as_ref()
            .is_some_and(|id| seen.contains(id));
        if !still_here && !pupil.disabled {
            plan.leaving.push(pupil.account.id);
            plan.preview.leaving.push(LeavingPupil {
                username: pupil.account.username.clone(),
                name: pupil.name.clone(),
                class: pupil
                    .account
                    .class_id
                    .and_then(|id| classes.get(&id).cloned()),
            });
        }
    }
    plan.preview.new_classes = plan.new_classes.clone();
    plan.preview.new_classes.sort();
    plan.preview.moved.sort_by(|a, b| a.name.cmp(&b.name));
    plan.preview.leaving.sort_by(|a, b| a.name.cmp(&b.name));
    plan.preview.fingerprint = plan.fingerprint();
    Ok(plan)
}

/// The school's pupils that an import can recognise (those with an external id), in four queries.
async fn known_pupils<C: ConnectionTrait>(
    db: &C,
    admin: &SchoolAdmin,
) -> Result<HashMap<String, Known>, DbErr> {
    let accounts = account::Entity::find()
        .filter(account::Column::PlatformId.eq(admin.platform_id()))
        .filter(account::Column::Kind.eq(AccountKind::Pupil))
        .filter(account::Column::ExternalId.is_not_null())
        .all(db)
        .await?;
    let people = sub_account::Entity::find()
        .filter(
            sub_account::Column::AccountId.in_subquery(
                Query::select()
                    .column(account::Column::Id)
                    .from(account::Entity)
                    .and_where(account::Column::PlatformId.eq(admin.platform_id()))
                    .and_where(account::Column::ExternalId.is_not_null())
                    .to_owned(),
            ),
        )
        .order_by_asc(sub_account::Column::Idx)
        .all(db)
        .await?;
    let mut by_account: HashMap<i32, Vec<sub_account::Model>> = HashMap::new();
    for person in people {
        by_account
            .entry(person.account_id)
            .or_default()
            .push(person);
    }
    Ok(accounts
        .into_iter()
        .filter_map(|account| {
            let people = by_account.remove(&account.id).unwrap_or_default();
            let pupil = people
                .iter()
                .find(|person| person.idx == sub_account::PUPIL_IDX)?;
            let co_accounts: Vec<&sub_account::Model> = people
                .iter()
                .filter(|person| person.idx != sub_account::PUPIL_IDX)
                .collect();
            let counted = people
                .iter()
                .filter(|person| super::counts_toward_maximum(person))
                .count();
            let known = Known {
                name: super::full_name(pupil),
                disabled: pupil.disabled_at.is_some(),
                disabled_reason: pupil.disabled_reason.clone(),
                co_accounts: co_accounts
                    .iter()
                    .map(|person| fold(&super::full_name(person)))
                    .collect(),
                next_idx: people.iter().map(|person| person.idx).max().unwrap_or(0) + 1,
                co_account_count: counted,
                account,
            };
            Some((known.account.external_id.clone()?, known))
        })
        .collect())
}

impl Plan {
    fn empty(preview: ImportPreview) -> Plan {
        Plan {
            preview,
            new_classes: Vec::new(),
            new_pupils: Vec::new(),
            moves: Vec::new(),
            returning: Vec::new(),
            leaving: Vec::new(),
            new_parents: Vec::new(),
        }
    }

    /// A digest of everything confirming would write.
    fn fingerprint(&self) -> String {
        let mut digest = Sha256::new();
        let mut add = |part: &str| {
            digest.update(part.as_bytes());
            digest.update([0]);
        };
        for class in &self.new_classes {
            add(&format!("class {class}"));
        }
        for pupil in &self.new_pupils {
            add(&format!(
                "new {} {} {} {} {} {} {}",
                pupil.row.external_id,
                pupil.username,
                pupil.row.class,
                pupil.row.first_name,
                pupil.row.last_name,
                pupil.row.birth_date,
                pupil.parents.len()
            ));
            for parent in &pupil.parents {
                add(&parent_key(parent));
            }
        }
        for (account, class) in &self.moves {
            add(&format!("move {account} {class}"));
        }
        for account in &self.returning {
            add(&format!("back {account}"));
        }
        for account in &self.leaving {
            add(&format!("left {account}"));
        }
        for (account, idx, parent) in &self.new_parents {
            add(&format!("parent {account} {idx} {}", parent_key(parent)));
        }
        for error in &self.preview.errors {
            add(&format!("error {}", error.line));
        }
        hex::encode(&digest.finalize()[..16])
    }
}

fn parent_key(parent: &ParentRow) -> String {
    format!(
        "{}|{}|{}",
        parent.relation,
        parent.name,
        parent.email.as_deref().unwrap_or_default()
    )
}

fn new_person(
    account_id: i32,
    idx: i16,
    first_name: String,
    last_name: String,
    parent: Option<&ParentRow>,
    now: DateTime<Utc>,
) -> sub_account::ActiveModel {
    sub_account::ActiveModel {
        public_id: Set(Uuid::new_v4()),
        account_id: Set(account_id),
        idx: Set(idx),
        first_name: Set(first_name),
        last_name: Set(last_name),
        relation: Set(parent.map(|parent| {
            if parent.relation.is_empty() {
                DEFAULT_RELATION.to_owned()
            } else {
                parent.relation.clone()
            }
        })),
        // Not confirmed: the address is the school's, until its owner confirms it.
        email: Set(parent.and_then(|parent| parent.email.clone())),
        email_confirmed_at: Set(None),
        created_at: Set(now),
        password_hash: Set(None),
        must_change_password: Set(true),
        ..Default::default()
    }
}

async fn write<C: ConnectionTrait>(
    txn: &C,
    admin: &SchoolAdmin,
    plan: &Plan,
    now: DateTime<Utc>,
) -> Result<ImportSummary, DbErr> {
    let platform_id = admin.platform_id();
    if !plan.new_classes.is_empty() {
        class::Entity::insert_many(plan.new_classes.iter().map(|name| class::ActiveModel {
            platform_id: Set(platform_id),
            name: Set(name.clone()),
            teacher_id: Set(None),
            ..Default::default()
        }))
        .exec(txn)
        .await?;
    }
    let class_ids: HashMap<String, i32> = class::Entity::find()
        .filter(class::Column::PlatformId.eq(platform_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|class| (class.name, class.id))
        .collect();
    let class_id = |name: &str| class_ids.get(name).copied();

    for chunk in plan.new_pupils.chunks(BATCH) {
        account::Entity::insert_many(chunk.iter().map(|pupil| account::ActiveModel {
            platform_id: Set(platform_id),
            username: Set(pupil.username.clone()),
            kind: Set(AccountKind::Pupil),
            class_id: Set(class_id(&pupil.row.class)),
            created_at: Set(now),
            password_salt: Set(Some(password::new_salt())),
            failed_logins: Set(0),
            external_id: Set(Some(pupil.row.external_id.clone())),
            birth_date: Set(Some(pupil.row.birth_date)),
            max_co_accounts: Set(None),
            ..Default::default()
        }))
        .exec(txn)
        .await?;
        let ids: HashMap<String, i32> = account::Entity::find()
            .select_only()
            .column(account::Column::ExternalId)
            .column(account::Column::Id)
            .filter(account::Column::PlatformId.eq(platform_id))
            .filter(
                account::Column::ExternalId
                    .is_in(chunk.iter().map(|pupil| pupil.row.external_id.clone())),
            )
            .into_tuple::<(String, i32)>()
            .all(txn)
            .await?
            .into_iter()
            .collect();
        let mut people = Vec::new();
        for pupil in chunk {
            let account_id = ids.get(&pupil.row.external_id).copied().ok_or_else(|| {
                DbErr::Custom(format!(
                    "imported pupil {} not found",
                    pupil.row.external_id
                ))
            })?;
            people.push(new_person(
                account_id,
                sub_account::PUPIL_IDX,
                pupil.row.first_name.clone(),
                pupil.row.last_name.clone(),
                None,
                now,
            ));
            for (idx, parent) in (1..).zip(&pupil.parents) {
                let (first, last) = split_name(&parent.name);
                people.push(new_person(account_id, idx, first, last, Some(parent), now));
            }
        }
        for people in people.chunks(BATCH) {
            sub_account::Entity::insert_many(people.to_vec())
                .exec(txn)
                .await?;
        }
    }
    let mut by_class: HashMap<&str, Vec<i32>> = HashMap::new();
    for (account, class) in &plan.moves {
        by_class.entry(class).or_default().push(*account);
    }
    for (class, accounts) in by_class {
        for chunk in accounts.chunks(BATCH) {
            account::Entity::update_many()
                .col_expr(account::Column::ClassId, Expr::value(class_id(class)))
                .filter(account::Column::Id.is_in(chunk.iter().copied()))
                .exec(txn)
                .await?;
        }
    }
    for chunk in plan.returning.chunks(BATCH) {
        sub_account::Entity::update_many()
            .col_expr(
                sub_account::Column::DisabledAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(
                sub_account::Column::DisabledReason,
                Expr::value(Option::<String>::None),
            )
            .filter(sub_account::Column::AccountId.is_in(chunk.iter().copied()))
            .filter(sub_account::Column::DisabledReason.eq(LEFT_SCHOOL))
            .exec(txn)
            .await?;
    }
    for chunk in plan.leaving.chunks(BATCH) {
        let people = || {
            Query::select()
                .column(sub_account::Column::Id)
                .from(sub_account::Entity)
                .and_where(sub_account::Column::AccountId.is_in(chunk.iter().copied()))
                .to_owned()
        };
        session::Entity::delete_many()
            .filter(session::Column::SubAccountId.in_subquery(people()))
            .exec(txn)
            .await?;
        sub_account::Entity::update_many()
            .col_expr(sub_account::Column::DisabledAt, Expr::value(now))
            .col_expr(
                sub_account::Column::DisabledReason,
                Expr::value(LEFT_SCHOOL),
            )
            .filter(sub_account::Column::AccountId.is_in(chunk.iter().copied()))
            .filter(sub_account::Column::DisabledAt.is_null())
            .exec(txn)
            .await?;
    }
    let new_parents: Vec<sub_account::ActiveModel> = plan
        .new_parents
        .iter()
        .map(|(account, idx, parent)| {
            let (first, last) = split_name(&parent.name);
            new_person(*account, *idx, first, last, Some(parent), now)
        })
        .collect();
    for chunk in new_parents.chunks(BATCH) {
        sub_account::Entity::insert_many(chunk.to_vec())
            .exec(txn)
            .await?;
    }
    Ok(ImportSummary {
        new_pupils: plan.new_pupils.len(),
        new_co_accounts: plan.preview.new_co_accounts,
        moved: plan.preview.moved.len(),
        returning: plan.returning.len(),
        left: plan.leaving.len(),
    })
}
