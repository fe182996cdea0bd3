//! What the shared modules show of a pupil: agenda, results, courses, live sessions, LVS, documents, the family overview.

use chrono::NaiveDate;
#[cfg(feature = "ssr")]
use sea_orm::entity::prelude::StringLen;
use serde::{Deserialize, Serialize};

use super::{MailboxRow, Pupil};

/// What kind of work is planned in the schoolagenda.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")
)]
pub enum AgendaKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "task"))]
    Task,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "test"))]
    Test,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "assignment"))]
    Assignment,
}

impl AgendaKind {
    pub const ALL: [AgendaKind; 3] = [AgendaKind::Task, AgendaKind::Test, AgendaKind::Assignment];

    /// The kind as a form sends it.
    pub fn code(self) -> &'static str {
        match self {
            AgendaKind::Task => "task",
            AgendaKind::Test => "test",
            AgendaKind::Assignment => "assignment",
        }
    }

    pub fn parse(code: &str) -> Option<AgendaKind> {
        AgendaKind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    pub fn key(self) -> crate::i18n::Key {
        match self {
            AgendaKind::Task => crate::i18n::Key::KindTask,
            AgendaKind::Test => crate::i18n::Key::KindTest,
            AgendaKind::Assignment => crate::i18n::Key::KindAssignment,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    /// "08:25", school-local.
    pub starts: String,
    pub ends: String,
    pub course: String,
    pub teacher: String,
    pub room: String,
    pub topic: Option<String>,
    /// The lesson does not take place.
    pub cancelled: bool,
    /// The room it was planned in, when it moved to `room`.
    pub planned_room: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: i32,
    pub kind: AgendaKind,
    pub due_on: NaiveDate,
    /// "14:30", if the teacher gave an hour.
    pub due_time: Option<String>,
    pub course: String,
    pub title: String,
    pub description: String,
    /// Files the teacher attached, to download.
    pub files: Vec<AttachedFile>,
}

/// A file attached to a planned item: its download is `/agenda/bestand/<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachedFile {
    pub id: i32,
    pub name: String,
    pub size: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaDay {
    pub date: NaiveDate,
    pub lessons: Vec<Lesson>,
    pub items: Vec<AgendaItem>,
}

/// One school week (Monday to Friday) of a pupil's agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaWeek {
    pub pupil: Pupil,
    pub monday: NaiveDate,
    pub today: NaiveDate,
    pub days: Vec<AgendaDay>,
}

/// How a percentage reads at a glance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Band {
    /// Below half.
    Insufficient,
    /// Half up to 70 %.
    Sufficient,
    /// 70 % and more.
    Good,
}

impl Band {
    pub fn of(percent: f64) -> Band {
        if percent < 50.0 {
            Band::Insufficient
        } else if percent < 70.0 {
            Band::Sufficient
        } else {
            Band::Good
        }
    }

    pub fn class_name(self) -> &'static str {
        match self {
            Band::Insufficient => "band-low",
            Band::Sufficient => "band-mid",
            Band::Good => "band-high",
        }
    }
}

/// Points out of a maximum, summed over evaluations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Total {
    pub points: f64,
    pub max: f64,
}

impl Total {
    pub fn add(&mut self, points: f64, max: f64) {
        self.points += points;
        self.max += max;
    }

    /// None when nothing was scored yet.
    pub fn percent(&self) -> Option<f64> {
        (self.max > 0.0).then(|| self.points / self.max * 100.0)
    }
}

/// One pupil's result on one evaluation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    pub id: i32,
    pub course: String,
    pub period: i16,
    pub name: String,
    pub held_on: NaiveDate,
    /// 0 for a code.
    pub points: f64,
    pub max: f64,
    /// Absent, excused or exempt instead of points: counts in no total.
    pub code: Option<super::ScoreCode>,
    /// How much it counts in the totals.
    pub weight: f64,
    /// Corrected after it was published.
    pub changed: bool,
    pub feedback: Option<String>,
    /// The class's average in percent.
    pub class_average: Option<f64>,
}

impl ResultRow {
    pub fn percent(&self) -> f64 {
        if self.max > 0.0 {
            self.points / self.max * 100.0
        } else {
            0.0
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CourseResults {
    pub course: String,
    pub teacher: String,
    pub results: Vec<ResultRow>,
    pub total: Total,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodResults {
    pub period: i16,
    pub courses: Vec<CourseResults>,
    pub total: Total,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub pupil: Pupil,
    pub periods: Vec<PeriodResults>,
}

impl Results {
    /// Each course's percentages across the year, for the chart on Resultaten: every scored
    /// evaluation in date order (a code counts in no trend, as in no total) and the course's
    /// total per period, the oldest period first. Courses by name.
    pub fn trends(&self) -> Vec<CourseTrend> {
        let mut trends: Vec<CourseTrend> = Vec::new();
        let mut periods: Vec<&PeriodResults> = self.periods.iter().collect();
        periods.sort_by_key(|period| period.period);
        for period in periods {
            for course in &period.courses {
                let trend = match trends.iter().position(|t| t.course == course.course) {
                    Some(index) => &mut trends[index],
                    None => {
                        trends.push(CourseTrend {
                            course: course.course.clone(),
                            points: Vec::new(),
                            periods: Vec::new(),
                        });
                        trends.last_mut().expect("just pushed")
                    }
                };
                trend.periods.push((period.period, course.total.percent()));
                trend.points.extend(
                    course
                        .results
                        .iter()
                        .filter(|row| row.code.is_none() && row.max > 0.0)
                        .map(|row| TrendPoint {
                            held_on: row.held_on,
                            name: row.name.clone(),
                            percent: row.percent(),
                        }),
                );
            }
        }
        for trend in &mut trends {
            trend.points.sort_by_key(|point| point.held_on);
        }
        trends.retain(|trend| !trend.points.is_empty());
        trends.sort_by(|a, b| a.course.cmp(&b.course));
        trends
    }
}

/// One course's percentages across the year.
#[derive(Clone, Debug, PartialEq)]
pub struct CourseTrend {
    pub course: String,
    pub points: Vec<TrendPoint>,
    /// (period, total percentage), the oldest period first.
    pub periods: Vec<(i16, Option<f64>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TrendPoint {
    pub held_on: NaiveDate,
    pub name: String,
    pub percent: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultDetail {
    pub pupil: Pupil,
    pub result: ResultRow,
    pub teacher: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MaterialKind {
    Link { url: String },
    File { name: String, size: i64 },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub id: i32,
    pub title: String,
    pub kind: MaterialKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Course {
    pub id: i32,
    pub name: String,
    pub teacher: String,
    pub materials: Vec<Material>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Courses {
    pub pupil: Pupil,
    pub courses: Vec<Course>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveSession {
    pub date: NaiveDate,
    pub starts: String,
    pub ends: String,
    pub course: String,
    pub teacher: String,
    pub title: String,
    pub url: String,
    /// Already over (shown greyed, without a link to join).
    pub past: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveSessions {
    pub pupil: Pupil,
    pub sessions: Vec<LiveSession>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remark {
    pub noted_on: NaiveDate,
    pub author: String,
    pub category: String,
    pub text: String,
}

/// Which half of a school day an attendance code is for; stored as the school's own abbreviations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(2))")
)]
pub enum HalfDay {
    /// "vm", voormiddag.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "vm"))]
    Morning,
    /// "nm", namiddag.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "nm"))]
    Afternoon,
}

impl HalfDay {
    /// The abbreviation, as stored and as addresses carry it.
    pub fn code(self) -> &'static str {
        match self {
            HalfDay::Morning => "vm",
            HalfDay::Afternoon => "nm",
        }
    }

    pub fn parse(code: &str) -> Option<HalfDay> {
        [HalfDay::Morning, HalfDay::Afternoon]
            .into_iter()
            .find(|half| half.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absence {
    pub day: NaiveDate,
    pub half: HalfDay,
    pub code: String,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lvs {
    pub pupil: Pupil,
    pub remarks: Vec<Remark>,
    pub attendance: Vec<Absence>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub file_name: String,
    pub size: i64,
    pub uploaded: NaiveDate,
}

/// "Mijn kinderen": what a parent looks at first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChildOverview {
    pub child: Pupil,
    pub upcoming: Vec<AgendaItem>,
    pub latest_results: Vec<ResultRow>,
    /// Every child of the family, for the timeline's filter and for unlinking.
    pub children: Vec<Pupil>,
    /// Planned work and new results of every child (or the one filtered on), by date.
    pub timeline: Vec<TimelineEntry>,
    /// The newest messages in the parent's inbox.
    pub messages: Vec<MailboxRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TimelineWhat {
    Planned(AgendaItem),
    Result(ResultRow),
}

/// One line of the family timeline, marked with its child.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub date: NaiveDate,
    pub child: Pupil,
    pub what: TimelineWhat,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{PlatformSummary, ScoreCode};

    fn row(course: &str, period: i16, day: u32, points: f64, code: Option<ScoreCode>) -> ResultRow {
        ResultRow {
            id: 0,
            course: course.into(),
            period,
            name: format!("{course} {day}"),
            held_on: NaiveDate::from_ymd_opt(2026, 10, day).expect("date"),
            points,
            max: 20.0,
            code,
            weight: 1.0,
            changed: false,
            feedback: None,
            class_average: None,
        }
    }

    fn course(name: &str, rows: Vec<ResultRow>, percent: f64) -> CourseResults {
        CourseResults {
            course: name.into(),
            teacher: String::new(),
            results: rows,
            total: Total {
                points: percent,
                max: 100.0,
            },
        }
    }

    #[test]
    fn a_trend_runs_through_the_periods_in_date_order_without_codes() {
        let results = Results {
            pupil: Pupil {
                id: String::new(),
                first_name: "Lotte".into(),
                display_name: "Lotte Peeters".into(),
                class: None,
                photo: None,
                school: PlatformSummary {
                    slug: "s".into(),
                    name: "S".into(),
                    city: "C".into(),
                },
            },
            // Newest period first, as the page lists them.
            periods: vec![
                PeriodResults {
                    period: 2,
                    courses: vec![course(
                        "Wiskunde",
                        vec![
                            row("Wiskunde", 2, 20, 18.0, None),
                            row("Wiskunde", 2, 15, 10.0, None),
                        ],
                        70.0,
                    )],
                    total: Total::default(),
                },
                PeriodResults {
                    period: 1,
                    courses: vec![
                        course(
                            "Wiskunde",
                            vec![
                                row("Wiskunde", 1, 2, 12.0, None),
                                row("Wiskunde", 1, 3, 0.0, Some(ScoreCode::Absent)),
                            ],
                            60.0,
                        ),
                        course(
                            "Frans",
                            vec![row("Frans", 1, 5, 0.0, Some(ScoreCode::Exempt))],
                            0.0,
                        ),
                    ],
                    total: Total::default(),
                },
            ],
        };
        let trends = results.trends();
        assert_eq!(trends.len(), 1, "a course of codes only has no trend");
        let wiskunde = &trends[0];
        let percents: Vec<f64> = wiskunde.points.iter().map(|p| p.percent).collect();
        assert_eq!(percents, [60.0, 50.0, 90.0]);
        assert_eq!(wiskunde.periods, [(1, Some(60.0)), (2, Some(70.0))]);
    }
}
