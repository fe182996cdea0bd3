//! The calendar feeds a person may subscribe to, for the page that makes and renews them.

use serde::{Deserialize, Serialize};

use super::Pupil;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFeed {
    /// The child the feed shows; none for the whole family.
    pub child: Option<Pupil>,
    /// The secret address, once made.
    pub address: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFeeds {
    pub feeds: Vec<CalendarFeed>,
}
