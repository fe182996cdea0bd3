//! A school-local time in JSON exactly as chrono writes it (`2026-12-14T16:00:00`), written and
//! read digit by digit instead of through the formatting machinery: a teacher's free times go out
//! by the hundred with every refused booking in a rush, and the page reads them back. A time
//! with a fraction of a second or a year outside 0–9999 is left to chrono, which the output
//! matches in every case (`#[serde(with = "wall_clock")]`).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::de::{self, Visitor};
use serde::{Deserializer, Serialize, Serializer};

/// `YYYY-MM-DDTHH:MM:SS`.
const WRITTEN: usize = 19;

pub fn serialize<S: Serializer>(time: &NaiveDateTime, serializer: S) -> Result<S::Ok, S::Error> {
    let Ok(year) = u32::try_from(time.year()) else {
        return time.serialize(serializer);
    };
    if year > 9999 || time.nanosecond() != 0 {
        return time.serialize(serializer);
    }
    let mut text = *b"0000-00-00T00:00:00";
    for (at, value) in [
        (0..4, year),
        (5..7, time.month()),
        (8..10, time.day()),
        (11..13, time.hour()),
        (14..16, time.minute()),
        (17..19, time.second()),
    ] {
        put(&mut text[at], value);
    }
    // Only ASCII digits and separators were written.
    serializer.serialize_str(std::str::from_utf8(&text).map_err(serde::ser::Error::custom)?)
}

/// Writes `value` into `digits`, zero-padded.
fn put(digits: &mut [u8], mut value: u32) {
    for digit in digits.iter_mut().rev() {
        *digit = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDateTime, D::Error> {
    deserializer.deserialize_str(Read)
}

struct Read;

impl Visitor<'_> for Read {
    type Value = NaiveDateTime;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a date and time such as 2026-12-14T16:00:00")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDateTime, E> {
        match read(text) {
            Some(time) => Ok(time),
            None => text.parse().map_err(E::custom),
        }
    }
}

/// `text` as written by [`serialize`]'s own way, or none.
fn read(text: &str) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    if bytes.len() != WRITTEN || bytes[4] != b'-' || bytes[7] != b'-' || bytes[10] != b'T' {
        return None;
    }
    if bytes[13] != b':' || bytes[16] != b':' {
        return None;
    }
    let number = |at: std::ops::Range<usize>| {
        bytes[at].iter().try_fold(0u32, |sum, byte| {
            byte.is_ascii_digit()
                .then(|| sum * 10 + u32::from(byte - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)?;
    let time = NaiveTime::from_hms_opt(number(11..13)?, number(14..16)?, number(17..19)?)?;
    Some(date.and_time(time))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Fast(#[serde(with = "super")] NaiveDateTime);

    fn time(text: &str) -> NaiveDateTime {
        text.parse().expect("a time")
    }

    #[test]
    fn written_and_read_as_chrono_does() {
        for text in [
            "2026-12-14T16:00:00",
            "2026-01-02T03:04:05",
            "0001-01-01T00:00:00",
            "9999-12-31T23:59:59",
            "2026-12-14T16:00:00.250",
            "2026-12-14T16:00:00.000000001",
        ] {
            let plain = time(text);
            let ours = serde_json::to_string(&Fast(plain)).expect("written");
            assert_eq!(
                ours,
                serde_json::to_string(&plain).expect("written"),
                "{text}"
            );
            let back: Fast = serde_json::from_str(&ours).expect("read");
            assert_eq!(back.0, plain, "{text}");
        }
        // Years chrono writes with a sign, and a leap second.
        let far = chrono::NaiveDate::from_ymd_opt(12026, 1, 1)
            .and_then(|day| day.and_hms_opt(8, 0, 0))
            .expect("a time");
        let leap = chrono::NaiveDate::from_ymd_opt(2026, 6, 30)
            .and_then(|day| day.and_hms_milli_opt(23, 59, 59, 1_500))
            .expect("a leap second");
        for plain in [far, leap] {
            let ours = serde_json::to_string(&Fast(plain)).expect("written");
            assert_eq!(ours, serde_json::to_string(&plain).expect("written"));
            let back: Fast = serde_json::from_str(&ours).expect("read");
            assert_eq!(back.0, plain);
        }
    }

    #[test]
    fn what_is_no_time_is_refused() {
        for text in [
            "\"2026-13-14T16:00:00\"",
            "\"2026-12-14T24:00:00\"",
            "\"2026-12-14 16:00:00x\"",
            "\"2026-12-1aT16:00:00\"",
            "\"\"",
            "42",
        ] {
            assert!(serde_json::from_str::<Fast>(text).is_err(), "{text}");
        }
    }
}
