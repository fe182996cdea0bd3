//! What the compose page starts from: a new message, a reply, a forward or a saved draft.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::body::{message_source, quoted, with_prefix};
use super::reading::attachments_of;
use super::recipients::{offer, person_key};
use super::{own_entry, MessageError};
use crate::db::entities::{mailbox_entry, sub_account};
use crate::models::{ComposeForm, PublicId};
use crate::visibility::Composer;

/// What a compose form starts from; the ids are copies in the writer's own mailbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    New,
    /// A saved draft, to edit and send.
    Draft(PublicId),
    /// A reply to the sender, or with `all` also to the other recipients the writer may write to.
    Reply {
        original: PublicId,
        all: bool,
    },
    /// A forward, with the original's attachments.
    Forward(PublicId),
}

/// The compose form of `composer`'s mailbox, starting from `start`.
pub async fn compose_form<C: ConnectionTrait>(
    db: &C,
    composer: &Composer,
    start: Start,
) -> Result<ComposeForm, MessageError> {
    let mailbox = composer.mailbox();
    let me = mailbox.person().id;
    let mut form = ComposeForm {
        recipients: offer(composer)
            .into_iter()
            .map(|recipient| recipient.option)
            .collect(),
        chosen: Vec::new(),
        subject: String::new(),
        body: String::new(),
        draft: None,
        forward: None,
        attachments: Vec::new(),
    };
    match start {
        Start::New => {}
        Start::Draft(id) => {
            let (entry, message) = own_entry(db, mailbox, id).await?;
            if message.sent_at.is_some() {
                return Err(MessageError::NotFound);
            }
            form.chosen = message
                .draft_to
                .as_deref()
                .unwrap_or_default()
                .lines()
                .map(str::to_owned)
                .collect();
            form.subject = message.subject.clone();
            form.body = message_source(&message);
            form.attachments = attachments_of(db, message.id).await?;
            form.draft = Some(entry.public_id.to_string());
        }
        Start::Reply { original, all } => {
            let (entry, message) = own_entry(db, mailbox, original).await?;
            let mut persons = Vec::new();
            if message.sender_id != me {
                persons.push(message.sender_id);
            }
            if all || message.sender_id == me {
                let others: Vec<i32> = mailbox_entry::Entity::find()
                    .select_only()
                    .column(mailbox_entry::Column::OwnerId)
                    .filter(mailbox_entry::Column::MessageId.eq(message.id))
                    .filter(mailbox_entry::Column::Received.eq(true))
                    .filter(mailbox_entry::Column::OwnerId.ne(me))
                    .into_tuple()
                    .all(db)
                    .await?;
                persons.extend(others);
            }
            let keys: Vec<String> = sub_account::Entity::find()
                .filter(sub_account::Column::Id.is_in(persons))
                .all(db)
                .await?
                .into_iter()
                .map(|person| person_key(person.public_id))
                .collect();
            // Only those the writer may write to: a parent's reply-all never reaches other families.
            form.chosen = form
                .recipients
                .iter()
                .filter(|option| keys.contains(&option.key))
                .map(|option| option.key.clone())
                .collect();
            form.subject = with_prefix("Re:", &message.subject);
            form.body = quoted(&message, entry.sorted_at);
        }
        Start::Forward(id) => {
            let (entry, message) = own_entry(db, mailbox, id).await?;
            form.subject = with_prefix("Fwd:", &message.subject);
            form.body = quoted(&message, entry.sorted_at);
            form.attachments = attachments_of(db, message.id).await?;
            form.forward = Some(entry.public_id.to_string());
        }
    }
    Ok(form)
}
