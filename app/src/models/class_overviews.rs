//! A class at a glance for its staff, to read on screen or print: the results per course and
//! period, and the absences of a school week.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::TaughtClass;

/// A course as a column of the results overview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewCourse {
    pub id: i32,
    pub name: String,
}

/// One pupil's line: per column, the weighted percentage (none: nothing scored yet).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsLine {
    pub pupil: String,
    pub percents: Vec<Option<f64>>,
}

/// A class's results in one period: pupils by courses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassResults {
    pub class: TaughtClass,
    pub period: i16,
    /// The periods one can choose.
    pub periods: Vec<i16>,
    pub courses: Vec<OverviewCourse>,
    pub lines: Vec<ResultsLine>,
}

/// One pupil's week: per school day, the morning's and the afternoon's code letter (none:
/// present, or nothing registered).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbsenceLine {
    pub pupil: String,
    pub halves: Vec<[Option<String>; 2]>,
}

/// A class's absences in one school week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassAbsences {
    pub class: TaughtClass,
    /// Monday to Friday.
    pub days: Vec<NaiveDate>,
    pub lines: Vec<AbsenceLine>,
}
