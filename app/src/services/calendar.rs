//! Calendar invitations (iCalendar, RFC 5545) that travel with a mail as `invite.ics`: one event
//! in UTC, its text escaped and its lines folded at 75 octets.

use chrono::{DateTime, Utc};

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

/// An iCalendar (RFC 5545) text with one event, in UTC.
pub fn invitation(event: &Invitation) -> String {
    let stamp = |at: DateTime<Utc>| at.format("%Y%m%dT%H%M%SZ").to_string();
    let (method, status, sequence) = if event.cancelled {
        ("CANCEL", "CANCELLED", 1)
    } else {
        ("PUBLISH", "CONFIRMED", 0)
    };
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Schoolplatform//Oudercontact//NL".to_owned(),
        format!("METHOD:{method}"),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", ics_text(event.uid)),
        format!("DTSTAMP:{}", stamp(event.now)),
        format!("DTSTART:{}", stamp(event.starts)),
        format!("DTEND:{}", stamp(event.ends)),
        format!("SUMMARY:{}", ics_text(event.summary)),
        format!("DESCRIPTION:{}", ics_text(event.description)),
        format!("LOCATION:{}", ics_text(event.location)),
        format!("STATUS:{status}"),
        format!("SEQUENCE:{sequence}"),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().map(|line| fold(line)).collect()
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded at 75 octets (never inside a character), ending in CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_is_valid_icalendar_in_utc() {
        let ics = invitation(&Invitation {
            uid: "oudercontact-1",
            starts: "2026-12-08T15:00:00Z".parse().expect("a time"),
            ends: "2026-12-08T15:10:00Z".parse().expect("a time"),
            summary: "Oudercontact An Claes (Lotte)",
            description: "Wiskunde; huiswerk, planning\nen meer",
            location: "School",
            cancelled: false,
            now: "2026-11-28T10:00:00Z".parse().expect("a time"),
        });
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("\r\nDTSTART:20261208T150000Z\r\n"));
        assert!(ics.contains("\r\nDTEND:20261208T151000Z\r\n"));
        assert!(ics.contains("DESCRIPTION:Wiskunde\\; huiswerk\\, planning\\nen meer\r\n"));
        assert!(ics.contains("METHOD:PUBLISH") && ics.contains("STATUS:CONFIRMED"));
        assert!(ics.split("\r\n").all(|line| line.len() <= 75));
        let long = fold(&format!("SUMMARY:{}", "é".repeat(60)));
        assert!(long.split("\r\n").all(|line| line.len() <= 75));
        assert_eq!(
            long.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(60))
        );
    }
}
