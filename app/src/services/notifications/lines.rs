//! How one piece of news reads, in a person's language: the same line in a mail sent at once
//! and in the digest.

use sea_orm::ActiveEnum;

use super::News;
use crate::i18n::{fill, long_date, number, t, Key, Lang};
use crate::models::{AbsenceCode, AgendaKind, HalfDay, NotificationKind, ScoreCode};

/// The score as it reads: points of the maximum, or what the code means.
fn score(lang: Lang, news: &News) -> String {
    if let Some(code) = news
        .code
        .as_deref()
        .and_then(|code| ScoreCode::try_from_value(&code.to_owned()).ok())
    {
        return t(lang, code.key()).to_owned();
    }
    match (news.points, news.max) {
        (Some(points), Some(max)) => format!("{} / {}", number(lang, points), number(lang, max)),
        _ => String::new(),
    }
}

fn day(lang: Lang, news: &News) -> String {
    news.day.map(|day| long_date(lang, day)).unwrap_or_default()
}

pub fn line(lang: Lang, news: &News) -> String {
    match news.kind {
        NotificationKind::Results => fill(
            lang,
            if news.changed {
                Key::NewsResultChanged
            } else {
                Key::NewsResult
            },
            &[&news.course, &news.title, &score(lang, news)],
        ),
        NotificationKind::Agenda => {
            let kind = news
                .code
                .as_deref()
                .and_then(AgendaKind::parse)
                .map(|kind| t(lang, kind.key()))
                .unwrap_or_default();
            fill(
                lang,
                if news.changed {
                    Key::NewsAgendaChanged
                } else {
                    Key::NewsAgenda
                },
                &[kind, &news.course, &news.title, &day(lang, news)],
            )
        }
        NotificationKind::Remarks => fill(lang, Key::NewsRemark, &[&news.course, &news.title]),
        NotificationKind::Absences => {
            let half = match HalfDay::parse(&news.title) {
                Some(HalfDay::Afternoon) => t(lang, Key::Afternoon),
                _ => t(lang, Key::Morning),
            };
            let code = news.code.clone().unwrap_or_default();
            let meaning = AbsenceCode::parse(&code)
                .map(|code| format!("{} ({})", code.letter(), t(lang, code.key())))
                .unwrap_or(code);
            fill(lang, Key::NewsAbsence, &[&day(lang, news), half, &meaning])
        }
        NotificationKind::Bookings => fill(
            lang,
            if news.changed {
                Key::NewsBookingCancelled
            } else {
                Key::NewsBooking
            },
            &[&news.course, &day(lang, news), &news.title],
        ),
    }
}
