//! Mail at a new message: the setting, and the mail to those who turned it on.

use std::collections::BTreeMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use uuid::Uuid;

use super::MessageError;
use crate::db::entities::{message, sub_account};
use crate::i18n::{fill, t, Key, Lang};
use crate::mail::{self, Mail};
use crate::visibility::NotificationSettings;

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
    // Dutch for everyone until each person's language is known.
    let lang = Lang::Nl;
    for person in notified {
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
            ),
        )
        .await?;
    }
    Ok(())
}

/// Turns the mail notification for new messages on or off.
pub async fn set_notifications<C: ConnectionTrait>(
    db: &C,
    settings: &NotificationSettings,
    enabled: bool,
) -> Result<(), MessageError> {
    sub_account::ActiveModel {
        id: Set(settings.person_id()),
        notify_messages: Set(enabled),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}
