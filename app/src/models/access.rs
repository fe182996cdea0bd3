//! "Wie kan mijn kind zien?": the people who can see a child, and the person's own sign-ins and
//! open sessions.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{PublicId, Pupil};
use crate::i18n::{tr, tr_fill, Key};

/// What the page shows: each child with the people who can see it (a pupil's own, a parent's
/// whole family; none for staff), and the person's own recent sign-ins and open sessions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessOverview {
    pub children: Vec<ChildAccess>,
    pub sign_ins: Vec<SignInRow>,
    pub sessions: Vec<OpenSession>,
}

/// Everyone who can see one child's agenda, results, courses, LVS…
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildAccess {
    pub child: Pupil,
    /// The pupil's own account.
    pub pupil: Watcher,
    /// The child's co-accounts, each with its relation label.
    pub co_accounts: Vec<Watcher>,
    /// The co-accounts of other children (at this or another school) whose family the child was
    /// linked into: whoever signs in to them sees this child too.
    pub family: Vec<Watcher>,
    /// The class teacher and the teachers of the child's courses.
    pub teachers: Vec<StaffWatcher>,
    /// The school's admins.
    pub admins: Vec<StaffWatcher>,
}

/// A pupil or co-account who can see the child.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watcher {
    pub id: PublicId,
    pub name: String,
    /// moeder, vader, …: a co-account's relation label.
    pub relation: Option<String>,
    /// The school of a family member's own child.
    pub school: Option<String>,
    pub state: AccountUse,
    /// The signed-in person themselves.
    pub you: bool,
}

/// Whether an account is used: a co-account nobody has signed in to yet is worth knowing of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountUse {
    InUse,
    NotYetUsed,
    /// Disabled by the school: it sees nothing.
    Disabled,
}

impl AccountUse {
    pub fn key(self) -> Key {
        match self {
            AccountUse::InUse => Key::AccessInUse,
            AccountUse::NotYetUsed => Key::AccessNotYetUsed,
            AccountUse::Disabled => Key::AccessDisabled,
        }
    }
}

/// A member of staff who can see the child.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffWatcher {
    pub id: PublicId,
    pub name: String,
    pub class_teacher: bool,
    /// The child's courses this teacher gives.
    pub courses: Vec<String>,
}

/// One sign-in of the person, school time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRow {
    pub at: NaiveDateTime,
    pub device: Device,
}

/// A browser where the person is signed in now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenSession {
    /// What the end button sends: the session's stored id (a hash of the cookie's token, which
    /// cannot be turned back into a cookie).
    pub handle: String,
    pub device: Device,
    /// School time.
    pub started: NaiveDateTime,
    pub last_used: NaiveDateTime,
    /// "Aanmelden blijven op dit toestel".
    pub kept: bool,
    /// The browser showing the page.
    pub this_device: bool,
}

/// A device in words: the browser and the system, as far as the browser says them. Nothing more
/// of the user agent is kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    pub browser: Option<String>,
    pub system: Option<String>,
}

/// Browsers by the mark of their user agent, the more specific first: Edge and Opera also say
/// "Chrome", and every Chromium browser also says "Safari".
const BROWSERS: [(&str, &str); 12] = [
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("EdgiOS/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Version/", "Safari"),
    ("Safari/", "Safari"),
];

/// Systems likewise: Android also says "Linux", an iPhone "Mac OS X".
const SYSTEMS: [(&str, &str); 8] = [
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "macOS"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
];

impl Device {
    pub fn from_user_agent(agent: &str) -> Device {
        let find = |marks: &[(&str, &str)]| {
            marks
                .iter()
                .find(|(mark, _)| agent.contains(mark))
                .map(|(_, name)| (*name).to_owned())
        };
        Device {
            browser: find(&BROWSERS),
            system: find(&SYSTEMS),
        }
    }

    /// "Firefox op Android", in the page's language.
    pub fn describe(&self) -> String {
        match (&self.browser, &self.system) {
            (Some(browser), Some(system)) => tr_fill(Key::DeviceOn, &[browser, system]),
            (Some(one), None) | (None, Some(one)) => one.clone(),
            (None, None) => tr(Key::DeviceUnknown).to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(agent: &str) -> (Option<&'static str>, Option<&'static str>) {
        let found = Device::from_user_agent(agent);
        let name = |found: Option<String>, all: &[(&str, &'static str)]| {
            found.map(|name| all.iter().find(|(_, n)| *n == name).expect("known").1)
        };
        (name(found.browser, &BROWSERS), name(found.system, &SYSTEMS))
    }

    #[test]
    fn a_user_agent_becomes_a_browser_and_a_system() {
        let cases = [
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0", (Some("Edge"), Some("Windows"))),
            ("Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36", (Some("Chrome"), Some("Android"))),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1", (Some("Safari"), Some("iPhone"))),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15", (Some("Safari"), Some("macOS"))),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0", (Some("Firefox"), Some("Linux"))),
            ("Mozilla/5.0 (Android 14; Mobile; rv:120.0) Gecko/120.0 Firefox/120.0", (Some("Firefox"), Some("Android"))),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0 Mobile/15E148 Safari/604.1", (Some("Chrome"), Some("iPhone"))),
            ("Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36", (Some("Samsung Internet"), Some("Android"))),
            ("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", (Some("Chrome"), Some("ChromeOS"))),
            ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", (Some("Chrome"), Some("Linux"))),
            ("curl/8.5.0", (None, None)),
            ("", (None, None)),
        ];
        for (agent, expected) in cases {
            assert_eq!(device(agent), expected, "{agent}");
        }
    }

    #[test]
    fn a_device_reads_as_words() {
        let both = Device::from_user_agent(
            "Mozilla/5.0 (Android 14; Mobile; rv:120.0) Gecko/120.0 Firefox/120.0",
        );
        assert_eq!(both.describe(), "Firefox op Android");
        assert_eq!(Device::default().describe(), "Onbekend toestel");
        let system_only = Device {
            browser: None,
            system: Some("iPad".into()),
        };
        assert_eq!(system_only.describe(), "iPad");
    }
}
