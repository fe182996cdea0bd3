//! What teachers keep in their courses for families: the materials in the order they arranged
//! them and the live lessons they plan, as the staff pages show them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Material, TaughtCourse, Teaching};

/// The materials page: the caller's courses and, for the chosen one, its materials in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialPlan {
    pub teaching: Teaching,
    pub course: Option<TaughtCourse>,
    pub materials: Vec<Material>,
}

/// A live lesson as its teacher lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedLive {
    pub id: i32,
    pub course: TaughtCourse,
    pub date: NaiveDate,
    /// "14:30".
    pub starts: String,
    pub ends: String,
    pub title: String,
    pub url: String,
}

/// The live lessons page: the caller's courses and their lessons that have not ended yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivePlan {
    pub teaching: Teaching,
    pub sessions: Vec<PlannedLive>,
    pub today: NaiveDate,
}
