//! The mails of the account services, each in the language of the person it is for. Their
//! sentences live in the translation layer like every other text.

use super::Auth;
use crate::db::entities::sub_account;
use crate::i18n::{fill, t, Key};
use crate::mail::Mail;

/// One account mail: subject, greeting by first name, paragraphs, one link.
fn account_mail(
    to: &str,
    person: &sub_account::Model,
    subject: Key,
    paragraphs: &[String],
    link_label: Key,
    url: &str,
) -> Mail {
    let paragraphs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let lang = person.lang();
    Mail::with_link(
        lang,
        to,
        t(lang, subject),
        &fill(lang, Key::MailGreeting, &[&person.first_name]),
        &paragraphs,
        t(lang, link_label),
        url,
    )
    .for_person(person.id)
}

fn text(person: &sub_account::Model, key: Key) -> String {
    t(person.lang(), key).to_owned()
}

pub(super) fn confirmation_mail(
    auth: &Auth,
    person: &sub_account::Model,
    email: &str,
    token: &str,
) -> Mail {
    account_mail(
        email,
        person,
        Key::MailConfirmSubject,
        &[
            text(person, Key::MailConfirmIntro),
            text(person, Key::MailConfirmWhy),
            text(person, Key::MailConfirmPrivacy),
            text(person, Key::MailConfirmIgnore),
        ],
        Key::MailConfirmButton,
        &auth.link("/e-mail-bevestigen", token),
    )
}

pub(super) fn reset_mail(
    auth: &Auth,
    person: &sub_account::Model,
    username: &str,
    email: &str,
    token: &str,
) -> Mail {
    account_mail(
        email,
        person,
        Key::MailResetSubject,
        &[
            fill(person.lang(), Key::MailResetIntro, &[username]),
            text(person, Key::MailResetKeep),
        ],
        Key::MailChooseNewPassword,
        &auth.link("/wachtwoord-herstellen", token),
    )
}

pub(super) fn activation_mail(
    auth: &Auth,
    person: &sub_account::Model,
    username: &str,
    school: &str,
    email: &str,
    token: &str,
) -> Mail {
    account_mail(
        email,
        person,
        Key::MailActivateSubject,
        &[
            fill(person.lang(), Key::MailActivateIntro, &[school, username]),
            text(person, Key::MailActivateSteps),
        ],
        Key::MailActivateLink,
        &auth.link("/wachtwoord-herstellen", token),
    )
}

pub(super) fn reactivation_mail(
    auth: &Auth,
    person: &sub_account::Model,
    email: &str,
    token: &str,
) -> Mail {
    account_mail(
        email,
        person,
        Key::MailLockedSubject,
        &[
            text(person, Key::MailLockedIntro),
            text(person, Key::MailLockedYou),
        ],
        Key::MailLockedButton,
        &auth.link("/heractiveren", token),
    )
}

pub(super) fn withdrawn_mail(
    auth: &Auth,
    person: &sub_account::Model,
    username: &str,
    email: &str,
    token: &str,
) -> Mail {
    account_mail(
        email,
        person,
        Key::MailChooseNewPassword,
        &[
            fill(person.lang(), Key::MailWithdrawnIntro, &[username]),
            text(person, Key::MailWithdrawnNext),
        ],
        Key::MailChooseNewPassword,
        &auth.link("/wachtwoord-herstellen", token),
    )
}

pub(super) fn email_changed_mail(
    auth: &Auth,
    person: &sub_account::Model,
    old: &str,
    new: &str,
) -> Mail {
    account_mail(
        old,
        person,
        Key::MailEmailChangedSubject,
        &[
            fill(person.lang(), Key::MailEmailChangedIntro, &[old, new]),
            text(person, Key::MailNotYou),
        ],
        Key::MailToPlatform,
        &auth.base_url,
    )
}

pub(super) fn password_changed_mail(auth: &Auth, person: &sub_account::Model, email: &str) -> Mail {
    account_mail(
        email,
        person,
        Key::MailPasswordChangedSubject,
        &[
            text(person, Key::MailPasswordChangedIntro),
            text(person, Key::MailNotYou),
        ],
        Key::MailToPlatform,
        &auth.base_url,
    )
}
