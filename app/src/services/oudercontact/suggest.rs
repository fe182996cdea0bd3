//! The suggested series: back-to-back talks across the family's children, so that a parent with
//! several teachers (and children) to see comes once and waits little. Pure, so that it is tested
//! without a database.

use chrono::{Duration, NaiveDateTime};

use crate::db::entities::slot;
use crate::models::SuggestedTalk;

/// A suggested series waits at most this long between two talks.
const SUGGESTION_SLACK_MINUTES: i64 = 10;

/// A talk the family still needs: one child with one teacher.
pub(super) struct Wanted {
    pub(super) child_id: String,
    pub(super) child: String,
    pub(super) teacher_id: i32,
    pub(super) teacher: String,
}

/// The longest series of back-to-back talks (each starting at most a few minutes after the
/// previous one ends) that covers different wanted talks, the earliest of equally long ones.
/// Slots that overlap a booking of the family are left out: a parent is in one place at a time.
pub(super) fn suggest(
    wanted: &[Wanted],
    free: &[slot::Model],
    busy: &[(NaiveDateTime, NaiveDateTime)],
) -> Vec<SuggestedTalk> {
    let usable: Vec<&slot::Model> = free
        .iter()
        .filter(|slot| {
            !busy
                .iter()
                .any(|(starts, ends)| slot.starts_at < *ends && *starts < slot.ends_at)
        })
        .collect();
    let slack = Duration::minutes(SUGGESTION_SLACK_MINUTES);
    let mut best: Vec<(usize, &slot::Model)> = Vec::new();
    for first in &usable {
        for (start, want) in wanted.iter().enumerate() {
            if want.teacher_id != first.teacher_id {
                continue;
            }
            let mut series = vec![(start, *first)];
            loop {
                let ends = series
                    .last()
                    .map(|(_, slot)| slot.ends_at)
                    .unwrap_or_default();
                let next = usable
                    .iter()
                    .filter(|slot| slot.starts_at >= ends && slot.starts_at <= ends + slack)
                    .flat_map(|slot| {
                        wanted
                            .iter()
                            .enumerate()
                            .filter(|(i, want)| {
                                want.teacher_id == slot.teacher_id
                                    && !series.iter().any(|(taken, _)| taken == i)
                            })
                            .map(move |(i, _)| (i, *slot))
                    })
                    .min_by_key(|(_, slot)| slot.starts_at);
                match next {
                    Some(talk) => series.push(talk),
                    None => break,
                }
            }
            if series.len() > best.len() {
                best = series;
            }
        }
        if best.len() == wanted.len() {
            break;
        }
    }
    if best.len() < 2 {
        return Vec::new();
    }
    best.into_iter()
        .map(|(i, slot)| SuggestedTalk {
            slot: slot.public_id.to_string(),
            child_id: wanted[i].child_id.clone(),
            child: wanted[i].child.clone(),
            teacher: wanted[i].teacher.clone(),
            starts_at: slot.starts_at,
            ends_at: slot.ends_at,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;
    use crate::services::time::clock;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a time")
    }

    fn slot(id: u128, teacher: i32, starts: &str, minutes: i64) -> slot::Model {
        slot::Model {
            id: id as i32,
            public_id: Uuid::from_u128(id),
            conference_id: 1,
            teacher_id: teacher,
            starts_at: at(starts),
            ends_at: at(starts) + Duration::minutes(minutes),
        }
    }

    fn wanted(child: &str, teacher: i32) -> Wanted {
        Wanted {
            child_id: child.to_owned(),
            child: child.to_owned(),
            teacher_id: teacher,
            teacher: format!("T{teacher}"),
        }
    }

    #[test]
    fn the_suggestion_chains_talks_across_children_back_to_back() {
        let free = [
            slot(1, 1, "2026-12-08 16:00", 10),
            slot(2, 2, "2026-12-08 16:00", 10),
            slot(3, 2, "2026-12-08 16:10", 10),
            slot(4, 3, "2026-12-08 16:20", 10),
            slot(5, 3, "2026-12-08 18:00", 10),
        ];
        let want = [wanted("Lotte", 1), wanted("Lotte", 2), wanted("Tom", 3)];
        let series = suggest(&want, &free, &[]);
        let got: Vec<(String, String, String)> = series
            .iter()
            .map(|t| (clock(t.starts_at), t.child.clone(), t.teacher.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("16:00".into(), "Lotte".into(), "T1".into()),
                ("16:10".into(), "Lotte".into(), "T2".into()),
                ("16:20".into(), "Tom".into(), "T3".into()),
            ]
        );
        // A family booking at 16:10 breaks that chain: another series (or none) is offered.
        let busy = [(at("2026-12-08 16:10"), at("2026-12-08 16:20"))];
        let series = suggest(&want, &free, &busy);
        assert!(series.iter().all(|t| t.starts_at != at("2026-12-08 16:10")));
        assert!(series.windows(2).all(|w| w[0].ends_at <= w[1].starts_at));
    }

    #[test]
    fn the_same_teacher_for_two_children_gets_two_slots_in_a_row() {
        let free = [
            slot(1, 7, "2026-12-08 16:00", 10),
            slot(2, 7, "2026-12-08 16:10", 10),
        ];
        let series = suggest(&[wanted("Lotte", 7), wanted("Tom", 7)], &free, &[]);
        assert_eq!(series.len(), 2);
        assert_ne!(series[0].child, series[1].child);
        assert_ne!(series[0].slot, series[1].slot);
    }
}
