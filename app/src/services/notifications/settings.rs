//! A person's notification settings: the language of their mails, the switch for messages, and
//! per kind of news how it reaches them.

use std::collections::HashMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set,
};

use crate::db::entities::{notification_preference, sub_account};
use crate::db::{begin_write, settle};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::models::{NotificationChoices, NotificationKind, NotificationMode};
use crate::visibility::NotificationSettings;

pub async fn choices<C: ConnectionTrait>(
    db: &C,
    settings: &NotificationSettings,
) -> Result<NotificationChoices, DbErr> {
    let person = sub_account::Entity::find_by_id(settings.person_id())
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the person".to_owned()))?;
    let chosen: HashMap<NotificationKind, NotificationMode> =
        notification_preference::Entity::find()
            .filter(notification_preference::Column::PersonId.eq(person.id))
            .all(db)
            .await?
            .into_iter()
            .map(|choice| (choice.kind, choice.mode))
            .collect();
    Ok(NotificationChoices {
        language: person.lang().code().to_owned(),
        messages: person.notify_messages,
        kinds: settings
            .kinds()
            .iter()
            .map(|kind| {
                let mode = chosen.get(kind).copied().unwrap_or(kind.default_mode());
                (*kind, mode)
            })
            .collect(),
        has_address: person.confirmed_email().is_some(),
    })
}

/// Saves the settings as the form sends them: the language code, the switch for messages, and
/// a mode per kind by the kind's code. A kind the person has no choice for, or a mode that is
/// none, is refused and nothing changes.
pub async fn save(
    db: &DatabaseConnection,
    settings: &NotificationSettings,
    language: &str,
    messages: bool,
    modes: &HashMap<String, String>,
) -> Result<(), AppError> {
    let lang = Lang::ALL
        .into_iter()
        .find(|lang| lang.code() == language)
        .ok_or(AppError::InvalidChoice)?;
    let mut rows = Vec::new();
    for (kind, mode) in modes {
        let kind = settings
            .kinds()
            .iter()
            .find(|offered| offered.code() == kind)
            .ok_or(AppError::InvalidChoice)?;
        let mode = NotificationMode::parse(mode).ok_or(AppError::InvalidChoice)?;
        rows.push(notification_preference::ActiveModel {
            person_id: Set(settings.person_id()),
            kind: Set(*kind),
            mode: Set(mode),
            ..Default::default()
        });
    }
    let txn = begin_write(db).await?;
    let outcome = async {
        sub_account::ActiveModel {
            id: Set(settings.person_id()),
            language: Set(Some(lang.code().to_owned())),
            notify_messages: Set(messages),
            ..Default::default()
        }
        .update(&txn)
        .await?;
        if !rows.is_empty() {
            notification_preference::Entity::insert_many(rows)
                .on_conflict(
                    OnConflict::columns([
                        notification_preference::Column::PersonId,
                        notification_preference::Column::Kind,
                    ])
                    .update_column(notification_preference::Column::Mode)
                    .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
        }
        Ok(())
    }
    .await;
    settle(txn, outcome).await
}

/// Remembers the interface language a signed-in person chose as the language of their mails.
pub async fn remember_language<C: ConnectionTrait>(
    db: &C,
    person: i32,
    lang: Lang,
) -> Result<(), DbErr> {
    sub_account::Entity::update_many()
        .col_expr(
            sub_account::Column::Language,
            sea_orm::sea_query::Expr::value(lang.code()),
        )
        .filter(sub_account::Column::Id.eq(person))
        .exec(db)
        .await?;
    Ok(())
}
