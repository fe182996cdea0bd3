//! Types that server functions hand to the pages.

use serde::{Deserialize, Serialize};

/// What anyone may know of a school: enough to choose it and to sign in to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformSummary {
    pub slug: String,
    pub name: String,
    pub city: String,
}
