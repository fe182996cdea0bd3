//! The compose form's recipients: the choices built from whom the visibility module says a
//! mailbox may write to, and the persons a chosen set reaches. Offer and check come from one list,
//! so the screen and the rule cannot drift: a key that was not offered is refused.

use std::collections::BTreeSet;

use uuid::Uuid;

use super::MessageError;
use crate::models::{RecipientGroup, RecipientKind, RecipientOption};
use crate::visibility::{ClassFamilies, Composer};

/// A recipient the writer may choose, with the persons it reaches.
#[derive(Clone, Debug)]
pub(super) struct Recipient {
    pub option: RecipientOption,
    pub persons: Vec<i32>,
}

/// What the form sends back for one person.
pub(super) fn person_key(public_id: Uuid) -> String {
    format!("persoon:{public_id}")
}

/// Every choice the compose form offers: the school's addresses; a pupil's teachers, or each
/// of a staff member's classes as a class, as the parents of the class, and per pupil the pupil,
/// all of the pupil's co-accounts or one of them; then earlier senders not already offered.
pub(super) fn offer(composer: &Composer) -> Vec<Recipient> {
    let whom = composer.correspondents();
    let mut list = Vec::new();
    for (kind, person) in &whom.addresses {
        list.push(Recipient {
            option: RecipientOption {
                key: format!("adres:{}", kind.code()),
                kind: RecipientKind::Address(*kind),
                group: RecipientGroup::School,
            },
            persons: vec![*person],
        });
    }
    for teacher in &whom.teachers {
        list.push(Recipient {
            option: RecipientOption {
                key: person_key(teacher.person.public_id),
                kind: RecipientKind::Teacher {
                    name: teacher.person.display_name(),
                    class_teacher: teacher.class_teacher,
                    courses: teacher.courses.clone(),
                },
                group: RecipientGroup::Teachers,
            },
            persons: vec![teacher.person.id],
        });
    }
    for class in &whom.classes {
        offer_class(class, &mut list);
    }
    for person in &whom.earlier {
        let key = person_key(person.public_id);
        if !list.iter().any(|known| known.option.key == key) {
            list.push(Recipient {
                option: RecipientOption {
                    key,
                    kind: RecipientKind::Person(person.display_name()),
                    group: RecipientGroup::Earlier,
                },
                persons: vec![person.id],
            });
        }
    }
    list
}

fn offer_class(class: &ClassFamilies, list: &mut Vec<Recipient>) {
    let name = &class.class.name;
    let group = RecipientGroup::Class(name.clone());
    let option = |key: String, kind: RecipientKind| RecipientOption {
        key,
        kind,
        group: group.clone(),
    };
    list.push(Recipient {
        option: option(
            format!("klas:{}", class.class.id),
            RecipientKind::Class(name.clone()),
        ),
        persons: class.pupils.iter().map(|family| family.pupil.id).collect(),
    });
    list.push(Recipient {
        option: option(
            format!("klasouders:{}", class.class.id),
            RecipientKind::ClassParents(name.clone()),
        ),
        persons: class
            .pupils
            .iter()
            .flat_map(|family| family.co_accounts.iter().map(|parent| parent.id))
            .collect(),
    });
    for family in &class.pupils {
        let pupil = family.pupil.display_name();
        list.push(Recipient {
            option: option(
                person_key(family.pupil.public_id),
                RecipientKind::Pupil {
                    name: pupil.clone(),
                },
            ),
            persons: vec![family.pupil.id],
        });
        if family.co_accounts.is_empty() {
            continue;
        }
        list.push(Recipient {
            option: option(
                format!("ouders:{}", family.pupil.public_id),
                RecipientKind::Parents {
                    pupil: pupil.clone(),
                },
            ),
            persons: family.co_accounts.iter().map(|parent| parent.id).collect(),
        });
        for parent in &family.co_accounts {
            list.push(Recipient {
                option: option(
                    person_key(parent.public_id),
                    RecipientKind::CoAccount {
                        name: parent.display_name(),
                        relation: parent.relation.clone(),
                        pupil: pupil.clone(),
                    },
                ),
                persons: vec![parent.id],
            });
        }
    }
}

/// The persons that the chosen recipient `keys` reach, and the choices as offered. A key that
/// [`offer`] does not hold (another family, another school, a made-up one) is refused.
pub(super) fn resolve(
    composer: &Composer,
    keys: &[String],
) -> Result<(Vec<i32>, Vec<RecipientOption>), MessageError> {
    let offered = offer(composer);
    let mut persons = BTreeSet::new();
    let mut chosen = Vec::new();
    for key in keys {
        let recipient = offered
            .iter()
            .find(|recipient| &recipient.option.key == key)
            .ok_or(MessageError::NotOffered)?;
        if !chosen.contains(&recipient.option) {
            persons.extend(recipient.persons.iter().copied());
            chosen.push(recipient.option.clone());
        }
    }
    Ok((persons.into_iter().collect(), chosen))
}
