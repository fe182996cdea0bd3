//! School-local time. Lessons and the agenda are Belgian wall-clock times; the server runs in UTC.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};

/// Europe/Brussels: UTC+1, and UTC+2 from the last Sunday of March to the last Sunday of October
/// (both switches at 01:00 UTC, the EU rule).
pub fn school_local(now: DateTime<Utc>) -> NaiveDateTime {
    let year = now.year();
    let summer_from = last_sunday_at_one_utc(year, 3);
    let summer_until = last_sunday_at_one_utc(year, 10);
    let offset = if now >= summer_from && now < summer_until {
        2
    } else {
        1
    };
    (now + Duration::hours(offset)).naive_utc()
}

/// The instant of a school-local wall-clock time. In the hour that the clocks go back, the first
/// of the two instants; a time that the clocks skip in spring is read as winter time.
pub fn school_instant(local: NaiveDateTime) -> DateTime<Utc> {
    let winter = Utc.from_utc_datetime(&(local - Duration::hours(1)));
    let summer = Utc.from_utc_datetime(&(local - Duration::hours(2)));
    if school_local(summer) == local {
        summer
    } else {
        winter
    }
}

pub fn school_today(now: DateTime<Utc>) -> NaiveDate {
    school_local(now).date()
}

fn last_sunday_at_one_utc(year: i32, month: u32) -> DateTime<Utc> {
    let last_day = NaiveDate::from_ymd_opt(year, month + 1, 1)
        .and_then(|first| first.pred_opt())
        .unwrap_or_default();
    let back = last_day.weekday().num_days_from_sunday();
    let sunday = last_day - Duration::days(i64::from(back));
    Utc.from_utc_datetime(&sunday.and_hms_opt(1, 0, 0).unwrap_or_default())
}

/// The Monday of the week that holds `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

pub fn is_school_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// "08:25".
pub fn clock(at: NaiveDateTime) -> String {
    at.format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().expect("a valid test time")
    }

    #[test]
    fn brussels_is_one_hour_ahead_in_winter_and_two_in_summer() {
        assert_eq!(
            school_local(utc("2026-11-28T07:00:00Z")).to_string(),
            "2026-11-28 08:00:00"
        );
        assert_eq!(
            school_local(utc("2026-06-15T07:00:00Z")).to_string(),
            "2026-06-15 09:00:00"
        );
        // 2026: summer time from 29 March to 25 October, switching at 01:00 UTC.
        assert_eq!(
            school_local(utc("2026-03-29T00:59:00Z")).to_string(),
            "2026-03-29 01:59:00"
        );
        assert_eq!(
            school_local(utc("2026-03-29T01:00:00Z")).to_string(),
            "2026-03-29 03:00:00"
        );
        assert_eq!(
            school_local(utc("2026-10-25T01:00:00Z")).to_string(),
            "2026-10-25 02:00:00"
        );
    }

    #[test]
    fn school_instants_undo_school_local_time() {
        for text in [
            "2026-11-28T07:00:00Z",
            "2026-06-15T07:00:00Z",
            "2026-03-29T01:00:00Z",
            "2026-10-25T00:30:00Z",
        ] {
            let instant = utc(text);
            assert_eq!(school_instant(school_local(instant)), instant, "{text}");
        }
        // Skipped by the clocks: read as winter time.
        let skipped = NaiveDate::from_ymd_opt(2026, 3, 29)
            .and_then(|day| day.and_hms_opt(2, 30, 0))
            .expect("a time");
        assert_eq!(school_instant(skipped), utc("2026-03-29T01:30:00Z"));
    }

    #[test]
    fn late_evening_utc_is_already_tomorrow_at_school() {
        assert_eq!(
            school_today(utc("2026-11-29T23:30:00Z")).to_string(),
            "2026-11-30"
        );
    }

    #[test]
    fn weeks_start_on_monday() {
        let sunday = NaiveDate::from_ymd_opt(2026, 11, 29).expect("a date");
        assert_eq!(monday_of(sunday).to_string(), "2026-11-23");
        assert!(!is_school_day(sunday));
        assert!(is_school_day(monday_of(sunday)));
    }
}
