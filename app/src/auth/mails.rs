//! The mails of the account services. Their sentences live in the translation layer like every
//! other text; until a person's own language is stored, they go out in the default language.

use super::Auth;
use crate::db::entities::sub_account;
use crate::i18n::{fill, t, Key, Lang};
use crate::mail::Mail;

/// The language of account mails.
const LANG: Lang = Lang::Nl;

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
    Mail::with_link(
        LANG,
        to,
        t(LANG, subject),
        &fill(LANG, Key::MailGreeting, &[&person.first_name]),
        &paragraphs,
        t(LANG, link_label),
        url,
    )
}

fn text(key: Key) -> String {
    t(LANG, key).to_owned()
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
            text(Key::MailConfirmIntro),
            text(Key::MailConfirmWhy),
            text(Key::MailConfirmPrivacy),
            text(Key::MailConfirmIgnore),
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
            fill(LANG, Key::MailResetIntro, &[username]),
            text(Key::MailResetKeep),
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
            fill(LANG, Key::MailActivateIntro, &[school, username]),
            text(Key::MailActivateSteps),
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
        &[text(Key::MailLockedIntro), text(Key::MailLockedYou)],
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
            fill(LANG, Key::MailWithdrawnIntro, &[username]),
            text(Key::MailWithdrawnNext),
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
            fill(LANG, Key::MailEmailChangedIntro, &[old, new]),
            text(Key::MailNotYou),
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
        &[text(Key::MailPasswordChangedIntro), text(Key::MailNotYou)],
        Key::MailToPlatform,
        &auth.base_url,
    )
}
