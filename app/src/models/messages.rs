//! Berichten as the pages see it: folders, messages, recipients.

use serde::{Deserialize, Serialize};

/// The folders of a mailbox.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Folder {
    #[default]
    Inbox,
    Sent,
    Drafts,
    Archive,
    Trash,
}

impl Folder {
    pub const ALL: [Folder; 5] = [
        Folder::Inbox,
        Folder::Sent,
        Folder::Drafts,
        Folder::Archive,
        Folder::Trash,
    ];

    /// How the folder is stored.
    pub fn code(self) -> &'static str {
        match self {
            Folder::Inbox => "inbox",
            Folder::Sent => "sent",
            Folder::Drafts => "drafts",
            Folder::Archive => "archive",
            Folder::Trash => "trash",
        }
    }

    /// How the folder appears in the address (`/berichten?map=verzonden`).
    pub fn slug(self) -> &'static str {
        match self {
            Folder::Inbox => "postvak-in",
            Folder::Sent => "verzonden",
            Folder::Drafts => "concepten",
            Folder::Archive => "archief",
            Folder::Trash => "prullenbak",
        }
    }

    pub fn from_code(code: &str) -> Option<Folder> {
        Folder::ALL.into_iter().find(|folder| folder.code() == code)
    }

    /// Unknown or missing slugs open the inbox.
    pub fn from_slug(slug: Option<&str>) -> Folder {
        Folder::ALL
            .into_iter()
            .find(|folder| Some(folder.slug()) == slug)
            .unwrap_or_default()
    }

    pub fn label(self) -> crate::i18n::Key {
        use crate::i18n::Key;
        match self {
            Folder::Inbox => Key::FolderInbox,
            Folder::Sent => Key::FolderSent,
            Folder::Drafts => Key::FolderDrafts,
            Folder::Archive => Key::FolderArchive,
            Folder::Trash => Key::FolderTrash,
        }
    }
}

/// One line of a folder's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxRow {
    /// The mailbox entry's public id: the address of this copy of the message.
    pub id: String,
    pub sender: String,
    pub to_label: String,
    pub subject: String,
    /// School-local date and time it was sent (or, for a draft, saved).
    pub at: chrono::NaiveDateTime,
    pub read: bool,
    pub flagged: bool,
    pub attachments: bool,
}

/// One page of a folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxPage {
    pub folder: Folder,
    pub search: Option<String>,
    /// 1-based.
    pub page: u64,
    pub has_next: bool,
    pub rows: Vec<MailboxRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub id: String,
    pub file_name: String,
    pub size: i64,
}

/// One message as its reader sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: String,
    pub folder: Folder,
    pub sender: String,
    pub to_label: String,
    pub subject: String,
    pub at: chrono::NaiveDateTime,
    /// Sanitised HTML; remote images only when the reader asked for them.
    pub body_html: String,
    /// The body refers to images elsewhere that were left out.
    pub remote_images_blocked: bool,
    pub attachments: Vec<AttachmentInfo>,
    pub read: bool,
    pub flagged: bool,
    pub draft: bool,
}

/// The school's important addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressKind {
    Secretariaat,
    Directie,
    Zorg,
}

impl AddressKind {
    pub const ALL: [AddressKind; 3] = [
        AddressKind::Secretariaat,
        AddressKind::Directie,
        AddressKind::Zorg,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AddressKind::Secretariaat => "secretariaat",
            AddressKind::Directie => "directie",
            AddressKind::Zorg => "zorg",
        }
    }
}

/// Who a recipient choice reaches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecipientKind {
    Address(AddressKind),
    Teacher {
        name: String,
        class_teacher: bool,
        courses: Vec<String>,
    },
    Class(String),
    ClassParents(String),
    Pupil {
        name: String,
    },
    /// Every co-account of one pupil.
    Parents {
        pupil: String,
    },
    CoAccount {
        name: String,
        relation: Option<String>,
        pupil: String,
    },
    /// Someone who wrote to this mailbox before.
    Person(String),
}

impl RecipientKind {
    pub fn label(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{fill, t, Key};
        match self {
            RecipientKind::Address(kind) => t(
                lang,
                match kind {
                    AddressKind::Secretariaat => Key::AddressSecretariaat,
                    AddressKind::Directie => Key::AddressDirectie,
                    AddressKind::Zorg => Key::AddressZorg,
                },
            )
            .to_owned(),
            RecipientKind::Teacher {
                name,
                class_teacher,
                courses,
            } => {
                let mut roles = Vec::new();
                if *class_teacher {
                    roles.push(t(lang, Key::ClassTeacher).to_owned());
                }
                roles.extend(courses.iter().cloned());
                if roles.is_empty() {
                    name.clone()
                } else {
                    fill(lang, Key::RecipientWithDetail, &[name, &roles.join(", ")])
                }
            }
            RecipientKind::Class(class) => fill(lang, Key::RecipientClass, &[class]),
            RecipientKind::ClassParents(class) => fill(lang, Key::RecipientClassParents, &[class]),
            RecipientKind::Pupil { name } => name.clone(),
            RecipientKind::Parents { pupil } => fill(lang, Key::RecipientParents, &[pupil]),
            RecipientKind::CoAccount {
                name,
                relation,
                pupil,
            } => match relation {
                Some(relation) => fill(lang, Key::RecipientCoAccount, &[name, relation, pupil]),
                None => fill(lang, Key::RecipientWithDetail, &[name, pupil]),
            },
            RecipientKind::Person(name) => name.clone(),
        }
    }
}

/// How the compose form groups the recipients.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecipientGroup {
    School,
    Teachers,
    Class(String),
    Earlier,
}

/// A recipient the caller may choose: `key` is what the form sends back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientOption {
    pub key: String,
    pub kind: RecipientKind,
    pub group: RecipientGroup,
}

/// What the compose page starts from: a new message, a reply, a forward or a saved draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComposeForm {
    pub recipients: Vec<RecipientOption>,
    pub chosen: Vec<String>,
    pub subject: String,
    pub body: String,
    /// The draft being edited (mailbox entry id).
    pub draft: Option<String>,
    /// The message being forwarded (mailbox entry id): its attachments go along.
    pub forward: Option<String>,
    pub attachments: Vec<AttachmentInfo>,
}

#[cfg(test)]
mod tests {
    use super::{AddressKind, RecipientKind};
    use crate::i18n::Lang;

    #[test]
    fn recipients_are_named_as_the_compose_form_and_the_mailbox_show_them() {
        let label = |kind: RecipientKind| kind.label(Lang::Nl);
        assert_eq!(
            label(RecipientKind::Address(AddressKind::Zorg)),
            "Zorgcoördinator"
        );
        assert_eq!(
            label(RecipientKind::Teacher {
                name: "An Claes".to_owned(),
                class_teacher: true,
                courses: vec!["Wiskunde".to_owned()],
            }),
            "An Claes (klastitularis, Wiskunde)"
        );
        assert_eq!(
            label(RecipientKind::Teacher {
                name: "An Claes".to_owned(),
                class_teacher: false,
                courses: Vec::new(),
            }),
            "An Claes"
        );
        assert_eq!(label(RecipientKind::Class("1A".to_owned())), "Klas 1A");
        assert_eq!(
            label(RecipientKind::ClassParents("1A".to_owned())),
            "Ouders van klas 1A"
        );
        assert_eq!(
            label(RecipientKind::Parents {
                pupil: "Lotte Peeters".to_owned()
            }),
            "Ouders van Lotte Peeters"
        );
        assert_eq!(
            label(RecipientKind::CoAccount {
                name: "Heidi Peeters".to_owned(),
                relation: Some("moeder".to_owned()),
                pupil: "Lotte Peeters".to_owned(),
            }),
            "Heidi Peeters (moeder van Lotte Peeters)"
        );
        assert_eq!(
            label(RecipientKind::CoAccount {
                name: "Heidi Peeters".to_owned(),
                relation: None,
                pupil: "Lotte Peeters".to_owned(),
            }),
            "Heidi Peeters (Lotte Peeters)"
        );
    }
}
