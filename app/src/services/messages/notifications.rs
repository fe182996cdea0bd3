//! Mail at a new message, to those who turned it on, in their language.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::db::entities::{message, sub_account};
use crate::i18n::{fill, t, Key};
use crate::mail::{self, Mail};

/// Queues the notification mail of `message` for each person in `links` (person → the id of
/// their copy) who asked for it and has a confirmed address. Run it inside the sending
/// transaction, so that a message that is not sent announces nothing.
pub(super) async fn notify<C: ConnectionTrait>(
    db: &C,
    message: &message::Model,
    links: &BTreeMap<i32, Uuid>,
    base_url: &str,
) -> Result<(), DbErr> {
    let notified = sub_account::Entity::find()
        .filter(sub_account::Column::Id.is_in(links.keys().copied()))
        .filter(sub_account::Column::NotifyMessages.eq(true))
        .filter(sub_account::Column::EmailConfirmedAt.is_not_null())
        .all(db)
        .await?;
    for person in notified {
        let lang = person.lang();
        let (Some(address), Some(id)) = (person.confirmed_email(), links.get(&person.id)) else {
            continue;
        };
        let about = fill(
            lang,
            Key::MailMessageAbout,
            &[&message.sender_name, &message.subject],
        );
        mail::enqueue(
            db,
            Mail::with_link(
                lang,
                address,
                &fill(lang, Key::MailMessageSubject, &[&message.subject]),
                &fill(lang, Key::MailMessageGreeting, &[&person.first_name]),
                &[&about, t(lang, Key::MailMessageWhy)],
                t(lang, Key::MailMessageRead),
                &format!("{base_url}/berichten/{id}"),
            )
            .for_person(person.id),
        )
        .await?;
    }
    Ok(())
}
