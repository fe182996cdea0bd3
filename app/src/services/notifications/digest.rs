//! The daily digest: one mail per family with the day's news of every linked child, across
//! schools, in the language of the family member it goes to; one mail per person for anyone
//! outside a family (a pupil, a teacher). Sent once a day at a fixed school-local hour, by
//! whichever server claims the day first.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Timelike, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::{line, News};
use crate::db::entities::{
    account, digest_entry, digest_run, family_member, platform, sub_account,
};
use crate::db::{begin_write, settle};
use crate::i18n::{fill, t, Key};
use crate::mail::{self, Mail};
use crate::services::time::school_local;

/// Sends the digest of the day if it is `hour` o'clock (school-local) or later and no server
/// sent it yet today; answers how many mails went out.
pub async fn send_if_due(
    db: &DatabaseConnection,
    base_url: &str,
    hour: u32,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let local = school_local(now);
    if local.hour() < hour {
        return Ok(0);
    }
    let claimed = digest_run::Entity::insert(digest_run::ActiveModel {
        day: Set(local.date()),
        ran_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(digest_run::Column::Day)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if claimed == 0 {
        return Ok(0);
    }
    send(db, base_url).await
}

/// Who a digest goes to: a family, or one person outside any family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Reader {
    Family(i32),
    Person(i32),
}

/// Sends every waiting line now, grouped per family; answers how many mails went out.
pub async fn send(db: &DatabaseConnection, base_url: &str) -> Result<usize, DbErr> {
    let txn = begin_write(db).await?;
    let outcome = async {
        let entries = digest_entry::Entity::find()
            .order_by_asc(digest_entry::Column::At)
            .order_by_asc(digest_entry::Column::Id)
            .all(&txn)
            .await?;
        if entries.is_empty() {
            return Ok(0);
        }
        let person_ids: Vec<i32> = entries.iter().map(|entry| entry.person_id).collect();
        let people: HashMap<i32, sub_account::Model> = sub_account::Entity::find()
            .filter(sub_account::Column::Id.is_in(person_ids.clone()))
            .all(&txn)
            .await?
            .into_iter()
            .map(|person| (person.id, person))
            .collect();
        let families: HashMap<i32, i32> = family_member::Entity::find()
            .filter(family_member::Column::SubAccountId.is_in(person_ids))
            .all(&txn)
            .await?
            .into_iter()
            .map(|member| (member.sub_account_id, member.family_id))
            .collect();
        let children = children(&txn, &entries).await?;

        let mut readers: BTreeMap<Reader, Vec<digest_entry::Model>> = BTreeMap::new();
        let ids: Vec<i32> = entries.iter().map(|entry| entry.id).collect();
        for entry in entries {
            let reader = match families.get(&entry.person_id) {
                Some(family) => Reader::Family(*family),
                None => Reader::Person(entry.person_id),
            };
            readers.entry(reader).or_default().push(entry);
        }
        let mut mails = Vec::new();
        for entries in readers.into_values() {
            // The family member with the lowest id and a confirmed address receives it, in their
            // language.
            let Some(to) = entries
                .iter()
                .filter_map(|entry| people.get(&entry.person_id))
                .filter(|person| person.confirmed_email().is_some())
                .min_by_key(|person| person.id)
            else {
                continue;
            };
            mails.push(digest_mail(to, entries, &children, base_url));
        }
        let sent = mails.len();
        mail::enqueue_many(&txn, mails).await?;
        digest_entry::Entity::delete_many()
            .filter(digest_entry::Column::Id.is_in(ids))
            .exec(&txn)
            .await?;
        Ok(sent)
    }
    .await;
    settle(txn, outcome).await
}

/// "Lotte (Sint-Claracollege)" for each pupil the entries are about, in three queries.
async fn children<C: ConnectionTrait>(
    db: &C,
    entries: &[digest_entry::Model],
) -> Result<HashMap<i32, String>, DbErr> {
    let pupils: Vec<i32> = entries.iter().filter_map(|entry| entry.pupil_id).collect();
    let accounts: HashMap<i32, i32> = account::Entity::find()
        .filter(account::Column::Id.is_in(pupils.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|account| (account.id, account.platform_id))
        .collect();
    let schools: HashMap<i32, String> = platform::Entity::find()
        .filter(platform::Column::Id.is_in(accounts.values().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|school| (school.id, school.name))
        .collect();
    Ok(sub_account::Entity::main_of(pupils)
        .all(db)
        .await?
        .into_iter()
        .map(|person| {
            let school = accounts
                .get(&person.account_id)
                .and_then(|platform| schools.get(platform))
                .cloned()
                .unwrap_or_default();
            (
                person.account_id,
                format!("{} ({school})", person.first_name),
            )
        })
        .collect())
}

fn digest_mail(
    to: &sub_account::Model,
    entries: Vec<digest_entry::Model>,
    children: &HashMap<i32, String>,
    base_url: &str,
) -> Mail {
    let lang = to.lang();
    // Per child in the order their first news came, the teacher's bookings on their own.
    let mut sections: Vec<(Option<i32>, Vec<String>)> = Vec::new();
    for entry in entries {
        let pupil = entry.pupil_id;
        let text = format!("• {}", line(lang, &News::from(entry)));
        match sections.iter_mut().find(|(about, _)| *about == pupil) {
            Some((_, lines)) => lines.push(text),
            None => sections.push((pupil, vec![text])),
        }
    }
    let mut paragraphs = vec![t(lang, Key::DigestIntro).to_owned()];
    for (pupil, lines) in sections {
        let heading = pupil
            .and_then(|pupil| children.get(&pupil))
            .cloned()
            .unwrap_or_else(|| t(lang, Key::DigestForYou).to_owned());
        paragraphs.push(format!("{heading}:\n{}", lines.join("\n")));
    }
    paragraphs.push(t(lang, Key::DigestWhy).to_owned());
    let paragraphs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    Mail::with_link(
        lang,
        to.confirmed_email().unwrap_or_default(),
        t(lang, Key::DigestSubject),
        &fill(lang, Key::MailGreeting, &[&to.first_name]),
        &paragraphs,
        t(lang, Key::NotifyRead),
        &format!("{base_url}/"),
    )
    .for_person(to.id)
}
