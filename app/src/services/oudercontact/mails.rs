//! The mails about a talk: the confirmation to the parent who booked, and the cancellation to the
//! booker and the parent cancelling, each with a calendar invitation (or its withdrawal) so that
//! the talk lands in (or leaves) the parent's agenda. Texts come from the translation layer, in
//! the language of the person each mail is for.

use chrono::{DateTime, Utc};

use crate::db::entities::{conference, slot, sub_account};
use crate::i18n::{fill, long_date, t, Key};
use crate::mail::Mail;
use crate::services::calendar::{invitation, Invitation};
use crate::services::time::{clock, school_instant, school_local};

/// A booked talk, for its mails.
pub(super) struct Talk<'a> {
    pub(super) uid: String,
    pub(super) moment: &'a conference::Model,
    pub(super) slot: &'a slot::Model,
    pub(super) teacher: String,
    pub(super) child: String,
    pub(super) topic: Option<String>,
}

impl Talk<'_> {
    /// The confirmation (or with `cancelled` the cancellation) of this talk to `person`.
    pub(super) fn mail(
        &self,
        person: &sub_account::Model,
        email: &str,
        base_url: &str,
        cancelled: bool,
        now: DateTime<Utc>,
    ) -> Mail {
        let lang = person.lang();
        let (teacher, child) = (self.teacher.as_str(), self.child.as_str());
        let when = fill(
            lang,
            Key::OcMailWhen,
            &[
                &long_date(lang, self.slot.starts_at.date()),
                &clock(self.slot.starts_at),
                &clock(self.slot.ends_at),
            ],
        );
        let (subject, first) = if cancelled {
            (
                fill(lang, Key::OcMailCancelledSubject, &[teacher, child]),
                fill(lang, Key::OcMailCancelled, &[teacher, child, &when]),
            )
        } else {
            (
                fill(lang, Key::OcMailBookedSubject, &[teacher, child]),
                fill(lang, Key::OcMailBooked, &[teacher, child, &when]),
            )
        };
        let place = t(
            lang,
            if self.moment.online {
                Key::OcMailOnline
            } else {
                Key::OcMailAtSchool
            },
        );
        let topic = self
            .topic
            .as_ref()
            .map(|topic| fill(lang, Key::OcMailTopic, &[topic]));
        let closes = school_local(self.moment.closes_at);
        let until = fill(
            lang,
            Key::OcMailCancelUntil,
            &[&long_date(lang, closes.date()), &clock(closes)],
        );
        let mut paragraphs: Vec<&str> = vec![&first];
        if !cancelled {
            paragraphs.push(place);
            if let Some(topic) = &topic {
                paragraphs.push(topic);
            }
            paragraphs.push(&until);
        }
        Mail::with_link(
            lang,
            email,
            &subject,
            &fill(lang, Key::MailGreeting, &[&person.first_name]),
            &paragraphs,
            t(lang, Key::OcMailLink),
            &format!("{base_url}/oudercontact"),
        )
        .for_person(person.id)
        .with_calendar(invitation(&Invitation {
            uid: &self.uid,
            starts: school_instant(self.slot.starts_at),
            ends: school_instant(self.slot.ends_at),
            summary: &fill(lang, Key::OcMailEvent, &[teacher, child]),
            description: self.topic.as_deref().unwrap_or(&self.moment.title),
            location: t(
                lang,
                if self.moment.online {
                    Key::OcMailEventOnline
                } else {
                    Key::OcMailEventAtSchool
                },
            ),
            cancelled,
            now,
        }))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
    use uuid::Uuid;

    use super::*;
    use crate::i18n::Lang;

    /// A person who chose no language reads the platform's default.
    const LANG: Lang = Lang::Nl;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a time")
    }

    fn parent() -> sub_account::Model {
        let now = Utc
            .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .expect("a time");
        sub_account::Model {
            id: 1,
            public_id: Uuid::from_u128(1),
            account_id: 1,
            idx: 1,
            first_name: "Heidi".into(),
            last_name: "Peeters".into(),
            relation: Some("moeder".into()),
            email: Some("heidi@example.test".into()),
            photo: None,
            created_at: now,
            password_hash: None,
            must_change_password: false,
            email_confirmed_at: Some(now),
            locked_until: None,
            disabled_at: None,
            password_changed_at: None,
            notify_messages: false,
            disabled_reason: None,
            letter_at: None,
            last_sign_in_at: None,
            language: None,
        }
    }

    fn moment(online: bool) -> conference::Model {
        let day = NaiveDate::from_ymd_opt(2026, 12, 8).expect("a day");
        let time = |text| NaiveTime::parse_from_str(text, "%H:%M").expect("a time");
        conference::Model {
            id: 1,
            public_id: Uuid::from_u128(2),
            platform_id: 1,
            title: "Oudercontact december".into(),
            first_day: day,
            last_day: day,
            day_starts: time("16:00"),
            day_ends: time("19:00"),
            slot_minutes: 10,
            gap_minutes: 0,
            opens_at: school_instant(at("2026-11-30 08:00")),
            closes_at: school_instant(at("2026-12-06 12:00")),
            online,
            created_at: school_instant(at("2026-11-28 08:00")),
        }
    }

    fn mail(online: bool, topic: Option<&str>, cancelled: bool) -> Mail {
        mail_to(&parent(), online, topic, cancelled)
    }

    fn mail_to(
        person: &sub_account::Model,
        online: bool,
        topic: Option<&str>,
        cancelled: bool,
    ) -> Mail {
        let moment = moment(online);
        let slot = slot::Model {
            id: 1,
            public_id: Uuid::from_u128(3),
            conference_id: 1,
            teacher_id: 2,
            starts_at: at("2026-12-08 16:10"),
            ends_at: at("2026-12-08 16:20"),
        };
        let talk = Talk {
            uid: "oudercontact-test".into(),
            moment: &moment,
            slot: &slot,
            teacher: "An Claes".into(),
            child: "Lotte".into(),
            topic: topic.map(str::to_owned),
        };
        let now = school_instant(at("2026-12-01 10:00"));
        talk.mail(
            person,
            "heidi@example.test",
            "https://school.example",
            cancelled,
            now,
        )
    }

    #[test]
    fn the_confirmation_reads_as_one_dutch_sentence_per_paragraph() {
        let mail = mail(false, Some("Huiswerk"), false);
        assert_eq!(mail.subject, "Oudercontact geboekt: An Claes (Lotte)");
        let when = format!(
            "{} van 16:10 tot 16:20",
            long_date(LANG, at("2026-12-08 16:10").date())
        );
        let until = long_date(LANG, at("2026-12-06 12:00").date());
        assert!(mail.text.starts_with(&format!(
            "Beste Heidi\n\nUw gesprek met An Claes over Lotte is geboekt: {when}.\n\n\
             Het gesprek vindt plaats op school.\n\nOnderwerp: Huiswerk\n\n\
             U kan annuleren tot {until} om 12:00. In de bijlage vindt u de afspraak voor uw agenda.\n\n"
        )), "{}", mail.text);
        assert!(mail
            .text
            .contains("Naar Oudercontact:\nhttps://school.example/oudercontact\n"));
        let calendar = mail.calendar.expect("an invitation");
        assert!(
            calendar.contains("SUMMARY:Oudercontact An Claes (Lotte)"),
            "{calendar}"
        );
        assert!(calendar.contains("LOCATION:School"), "{calendar}");
    }

    #[test]
    fn the_cancellation_says_only_that_and_an_online_talk_says_so() {
        let mail = mail(true, None, true);
        assert_eq!(mail.subject, "Oudercontact geannuleerd: An Claes (Lotte)");
        assert!(
            mail.text.contains(&format!(
                "Het gesprek met An Claes over Lotte op {} van 16:10 tot 16:20 werd geannuleerd.",
                long_date(LANG, at("2026-12-08 16:10").date())
            )),
            "{}",
            mail.text
        );
        assert!(!mail.text.contains("annuleren tot"));
        let booked = self::mail(true, None, false);
        assert!(booked
            .text
            .contains("Het gesprek is online; de leerkracht bezorgt u de link."));
        assert!(booked
            .calendar
            .expect("an invitation")
            .contains("LOCATION:Online"));
    }

    #[test]
    fn a_parent_who_chose_french_reads_the_mail_in_french() {
        let french = sub_account::Model {
            language: Some("fr".into()),
            ..parent()
        };
        let mail = mail_to(&french, false, None, false);
        assert_eq!(
            mail.subject,
            fill(Lang::Fr, Key::OcMailBookedSubject, &["An Claes", "Lotte"])
        );
        assert!(mail
            .text
            .starts_with(&fill(Lang::Fr, Key::MailGreeting, &["Heidi"])));
        assert!(mail.html.contains("<html lang=\"fr\">"));
    }
}
