//! What teachers write for families to read: planned work, evaluations and their score grid,
//! attendance per half day and LVS remarks, as the staff pages show them.

use chrono::NaiveDate;
#[cfg(feature = "ssr")]
use sea_orm::entity::prelude::StringLen;
use serde::{Deserialize, Serialize};

use super::{AgendaKind, AttachedFile, HalfDay};
use crate::i18n::{Key, Lang};

/// A score that is no number of points. Stored in the school's database by these names; typed in
/// the grid as a short code of any of the interface languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(10))")
)]
pub enum ScoreCode {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "absent"))]
    Absent,
    /// Absent with a valid reason ("gewettigd afwezig").
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "excused"))]
    Excused,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "exempt"))]
    Exempt,
}

impl ScoreCode {
    pub const ALL: [ScoreCode; 3] = [ScoreCode::Absent, ScoreCode::Excused, ScoreCode::Exempt];

    /// What the code means, in words.
    pub fn key(self) -> Key {
        match self {
            ScoreCode::Absent => Key::ScoreAbsent,
            ScoreCode::Excused => Key::ScoreExcused,
            ScoreCode::Exempt => Key::ScoreExempt,
        }
    }

    /// The short code typed in the grid, in one language: Dutch A / GA / V, French A / AJ / D,
    /// English A / E / X.
    pub fn short(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ScoreCode::Absent, _) => "A",
            (ScoreCode::Excused, Lang::Nl) => "GA",
            (ScoreCode::Excused, Lang::Fr) => "AJ",
            (ScoreCode::Excused, Lang::En) => "E",
            (ScoreCode::Exempt, Lang::Nl) => "V",
            (ScoreCode::Exempt, Lang::Fr) => "D",
            (ScoreCode::Exempt, Lang::En) => "X",
        }
    }

    /// A typed code in any language, or its meaning written out; none for anything else.
    pub fn parse(text: &str) -> Option<ScoreCode> {
        let text = text.trim().to_lowercase();
        let written = |code: ScoreCode| {
            Lang::ALL
                .into_iter()
                .any(|lang| code.short(lang).eq_ignore_ascii_case(&text))
        };
        ScoreCode::ALL
            .into_iter()
            .find(|code| written(*code))
            .or(match text.as_str() {
                "afwezig" | "absent" | "abs" => Some(ScoreCode::Absent),
                "gewettigd afwezig" | "absence justifiée" | "excused" => Some(ScoreCode::Excused),
                "vrijgesteld" | "dispensé" | "exempt" => Some(ScoreCode::Exempt),
                _ => None,
            })
    }
}

/// An attendance code for a half day that was not plain presence, as Flemish schools register
/// them; stored as the letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AbsenceCode {
    /// Z: ill.
    Ill,
    /// D: at the doctor's.
    Doctor,
    /// R: absent for another valid reason.
    Justified,
    /// L: late.
    Late,
    /// B: absent without a valid reason.
    Unjustified,
}

impl AbsenceCode {
    pub const ALL: [AbsenceCode; 5] = [
        AbsenceCode::Ill,
        AbsenceCode::Doctor,
        AbsenceCode::Justified,
        AbsenceCode::Late,
        AbsenceCode::Unjustified,
    ];

    pub fn letter(self) -> &'static str {
        match self {
            AbsenceCode::Ill => "Z",
            AbsenceCode::Doctor => "D",
            AbsenceCode::Justified => "R",
            AbsenceCode::Late => "L",
            AbsenceCode::Unjustified => "B",
        }
    }

    pub fn parse(letter: &str) -> Option<AbsenceCode> {
        AbsenceCode::ALL
            .into_iter()
            .find(|code| code.letter().eq_ignore_ascii_case(letter.trim()))
    }

    pub fn key(self) -> Key {
        match self {
            AbsenceCode::Ill => Key::AbsenceIll,
            AbsenceCode::Doctor => Key::AbsenceDoctor,
            AbsenceCode::Justified => Key::AbsenceJustified,
            AbsenceCode::Late => Key::AbsenceLate,
            AbsenceCode::Unjustified => Key::AbsenceUnjustified,
        }
    }
}

/// Who reads an LVS remark besides the staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RemarkAudience {
    Staff,
    Pupil,
    Parents,
    PupilAndParents,
}

impl RemarkAudience {
    pub const ALL: [RemarkAudience; 4] = [
        RemarkAudience::Staff,
        RemarkAudience::Pupil,
        RemarkAudience::Parents,
        RemarkAudience::PupilAndParents,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RemarkAudience::Staff => "staff",
            RemarkAudience::Pupil => "pupil",
            RemarkAudience::Parents => "parents",
            RemarkAudience::PupilAndParents => "both",
        }
    }

    pub fn parse(code: &str) -> Option<RemarkAudience> {
        RemarkAudience::ALL
            .into_iter()
            .find(|audience| audience.code() == code)
    }

    /// (the pupil reads it, the parents read it)
    pub fn readers(self) -> (bool, bool) {
        match self {
            RemarkAudience::Staff => (false, false),
            RemarkAudience::Pupil => (true, false),
            RemarkAudience::Parents => (false, true),
            RemarkAudience::PupilAndParents => (true, true),
        }
    }

    pub fn of(pupil: bool, parents: bool) -> RemarkAudience {
        match (pupil, parents) {
            (false, false) => RemarkAudience::Staff,
            (true, false) => RemarkAudience::Pupil,
            (false, true) => RemarkAudience::Parents,
            (true, true) => RemarkAudience::PupilAndParents,
        }
    }

    pub fn key(self) -> Key {
        match self {
            RemarkAudience::Staff => Key::AudienceStaff,
            RemarkAudience::Pupil => Key::AudiencePupil,
            RemarkAudience::Parents => Key::AudienceParents,
            RemarkAudience::PupilAndParents => Key::AudienceBoth,
        }
    }
}

/// A course the caller teaches (an admin: any course of the school), with its class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaughtCourse {
    pub id: i32,
    pub name: String,
    pub class_id: i32,
    pub class: String,
}

impl TaughtCourse {
    /// "1A · Wiskunde", as a choice reads.
    pub fn label(&self) -> String {
        format!("{} · {}", self.class, self.name)
    }
}

/// A class the caller teaches (an admin: any class of the school).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaughtClass {
    pub id: i32,
    pub name: String,
    /// The caller sees every remark of the class: its class teacher, or an admin.
    pub all_remarks: bool,
}

/// What a staff member teaches: the choices of every teaching page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Teaching {
    pub courses: Vec<TaughtCourse>,
    pub classes: Vec<TaughtClass>,
}

/// A planned task, test or assignment as its teacher edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedItem {
    pub id: i32,
    pub course_id: i32,
    pub kind: AgendaKind,
    pub due_on: NaiveDate,
    /// "14:30", if an hour was given.
    pub due_time: Option<String>,
    pub title: String,
    pub description: String,
    pub files: Vec<AttachedFile>,
}

/// The planning page: the caller's courses and the work planned in the chosen one from today on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaPlan {
    pub teaching: Teaching,
    pub course: Option<TaughtCourse>,
    pub items: Vec<PlannedItem>,
    /// The chosen course's lessons of the coming two weeks, to move or cancel.
    pub lessons: Vec<PlannedLesson>,
    pub today: NaiveDate,
}

/// A lesson as its teacher changes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedLesson {
    pub id: i32,
    pub date: NaiveDate,
    /// "08:25", school-local.
    pub starts: String,
    pub ends: String,
    pub room: String,
    /// The room it was planned in, while it is moved to `room`.
    pub planned_room: Option<String>,
    pub cancelled: bool,
}

/// An evaluation as its teacher lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvaluationRow {
    pub id: i32,
    pub course: TaughtCourse,
    pub period: i16,
    pub name: String,
    pub held_on: NaiveDate,
    pub max: f64,
    pub weight: f64,
    pub draft: bool,
    /// Pupils with a score or a code.
    pub scored: u32,
}

/// The caller's evaluations, newest first, and the courses they may create one for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvaluationList {
    pub teaching: Teaching,
    pub evaluations: Vec<EvaluationRow>,
    pub today: NaiveDate,
}

/// One pupil's line in the score grid, as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridRow {
    pub pupil: String,
    pub name: String,
    pub points: Option<f64>,
    pub code: Option<ScoreCode>,
    pub feedback: String,
    /// Corrected after publication.
    pub changed: bool,
}

/// One evaluation's scores for the whole class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreGrid {
    pub evaluation: EvaluationRow,
    /// The save this grid shows; a save names it, so that a grid changed meanwhile is noticed.
    pub version: i32,
    pub rows: Vec<GridRow>,
    /// The class average in points, over the scores with points.
    pub average: Option<f64>,
}

/// Why one cell of the grid was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CellProblem {
    NotAScore,
    Negative,
    AboveMaximum,
    FeedbackTooLong,
}

impl CellProblem {
    pub fn key(self) -> Key {
        match self {
            CellProblem::NotAScore => Key::CellNotAScore,
            CellProblem::Negative => Key::CellNegative,
            CellProblem::AboveMaximum => Key::CellAboveMaximum,
            CellProblem::FeedbackTooLong => Key::CellFeedbackTooLong,
        }
    }
}

/// One line of a refused grid as it was typed, and what is wrong with it, if anything: the grid
/// shows it again instead of what is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypedScore {
    pub points: String,
    pub feedback: String,
    pub problem: Option<CellProblem>,
}

/// One pupil in the attendance register of a half day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterRow {
    pub pupil: String,
    pub name: String,
    /// None: present.
    pub code: Option<String>,
    pub note: String,
}

/// An LVS remark in a class's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRemark {
    pub pupil: String,
    pub noted_on: NaiveDate,
    pub author: String,
    pub category: String,
    pub text: String,
    pub audience: RemarkAudience,
}

/// A class's page for its teachers: the attendance register of one half day and the remarks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassPage {
    pub teaching: Teaching,
    pub class: TaughtClass,
    pub day: NaiveDate,
    pub half: HalfDay,
    pub today: NaiveDate,
    pub register: Vec<RegisterRow>,
    /// Every remark of the class for its class teacher and admins, a teacher's own otherwise.
    pub remarks: Vec<ClassRemark>,
}

/// One line of the score grid as the form sends it: the pupil's public id, the points or code as
/// typed (empty: no score), and the feedback.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridCell {
    pub pupil: String,
    #[serde(default)]
    pub points: String,
    #[serde(default)]
    pub feedback: String,
}

/// One line of the attendance register as the form sends it: the pupil's public id, the code
/// letter (empty: present) and a note.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterEntry {
    pub pupil: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub note: String,
}
