//! Calendars (iCalendar, RFC 5545, written with the `icalendar` crate, times in UTC): the
//! invitation that travels with a mail as `invite.ics`, and the feeds a person subscribes to
//! ([`feeds`]).

pub mod feeds;

use std::str::FromStr;

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};
use uuid::Uuid;

const PRODUCT_ID: &str = "-//Schoolplatform//Schoolagenda//NL";

/// One event of a calendar invitation.
pub struct Invitation<'a> {
    pub uid: &'a str,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    /// A cancellation of the event with the same `uid`.
    pub cancelled: bool,
    pub now: DateTime<Utc>,
}

/// The one identity of a talk in every calendar: the invitation mail's and the feed's agree,
/// so that a parent who has both sees the talk once.
pub fn talk_uid(slot: Uuid, pupil_account: i32) -> String {
    format!("oudercontact-{slot}-{pupil_account}")
}

/// A calendar without events, in the product's name: `METHOD` for a mail, none for a feed.
fn calendar(method: Option<&str>) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar.append_property(("VERSION", "2.0"));
    calendar.append_property(("PRODID", PRODUCT_ID));
    calendar.append_property(("CALSCALE", "GREGORIAN"));
    if let Some(method) = method {
        calendar.append_property(("METHOD", method));
    }
    calendar
}

/// An iCalendar text with one event. The mailer adds the organiser, the address the mail comes
/// from ([`as_sent`]).
pub fn invitation(event: &Invitation) -> String {
    let (method, status, sequence) = if event.cancelled {
        ("CANCEL", EventStatus::Cancelled, 1)
    } else {
        ("PUBLISH", EventStatus::Confirmed, 0)
    };
    let mut calendar = calendar(Some(method));
    calendar.push(
        Event::new()
            .uid(event.uid)
            .timestamp(event.now)
            .starts(event.starts)
            .ends(event.ends)
            .summary(event.summary)
            .description(event.description)
            .location(event.location)
            .status(status)
            .sequence(sequence)
            .done(),
    );
    calendar.to_string()
}

/// An invitation as a mail carries it: every event names the sender as its organiser (RFC 5546
/// asks for one, and Outlook will not add an invitation without it), and the content type repeats
/// the text's `METHOD` (`PUBLISH`, or `CANCEL` for a withdrawal).
pub fn as_sent(
    ics: &str,
    sender_name: &str,
    sender_address: &str,
) -> Result<(String, String), String> {
    let mut calendar = Calendar::from_str(ics)?;
    let method = calendar
        .property_value("METHOD")
        .unwrap_or("PUBLISH")
        .to_owned();
    for component in &mut calendar.components {
        if let icalendar::CalendarComponent::Event(event) = component {
            let mut organizer = Property::new("ORGANIZER", format!("mailto:{sender_address}"));
            organizer.add_parameter("CN", &sender_name.replace('"', "'"));
            event.append_property(organizer);
        }
    }
    Ok((
        calendar.to_string(),
        format!("text/calendar; charset=utf-8; method={method}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invite(cancelled: bool) -> String {
        invitation(&Invitation {
            uid: "oudercontact-1",
            starts: "2026-12-08T15:00:00Z".parse().expect("a time"),
            ends: "2026-12-08T15:10:00Z".parse().expect("a time"),
            summary: "Oudercontact An Claes (Lotte)",
            description: "Wiskunde; huiswerk, planning\nen meer",
            location: "School",
            cancelled,
            now: "2026-11-28T10:00:00Z".parse().expect("a time"),
        })
    }

    #[test]
    fn an_invitation_is_valid_icalendar_in_utc() {
        let ics = invite(false);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("\r\nVERSION:2.0\r\n"));
        assert!(ics.contains("\r\nDTSTART:20261208T150000Z\r\n"));
        assert!(ics.contains("\r\nDTEND:20261208T151000Z\r\n"));
        assert!(ics.contains("DESCRIPTION:Wiskunde\\; huiswerk\\, planning\\nen meer\r\n"));
        assert!(ics.contains("METHOD:PUBLISH") && ics.contains("STATUS:CONFIRMED"));
        let parsed = Calendar::from_str(&ics).expect("parses");
        let event = parsed.events().next().expect("one event");
        assert_eq!(event.get_uid(), Some("oudercontact-1"));
        assert_eq!(
            event.get_description(),
            Some("Wiskunde; huiswerk, planning\nen meer")
        );
    }

    #[test]
    fn a_sent_invitation_names_its_organiser_and_its_method_twice() {
        let (ics, content_type) =
            as_sent(&invite(false), "Sint-Clara", "info@sintclara.example").expect("parses");
        assert_eq!(content_type, "text/calendar; charset=utf-8; method=PUBLISH");
        assert!(
            ics.contains("ORGANIZER;CN=Sint-Clara:mailto:info@sintclara.example\r\n"),
            "{ics}"
        );
        let parsed = Calendar::from_str(&ics).expect("parses");
        let event = parsed.events().next().expect("one event");
        assert_eq!(
            event.get_description(),
            Some("Wiskunde; huiswerk, planning\nen meer"),
            "the text passes unchanged"
        );
        let (ics, content_type) =
            as_sent(&invite(true), "Sint-Clara", "info@sintclara.example").expect("parses");
        assert_eq!(content_type, "text/calendar; charset=utf-8; method=CANCEL");
        assert!(ics.contains("METHOD:CANCEL") && ics.contains("STATUS:CANCELLED"));
        assert!(ics.contains("ORGANIZER"));
    }
}
