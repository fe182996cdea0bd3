//! Types that server functions hand to the pages.

use chrono::{NaiveDate, NaiveDateTime};
#[cfg(feature = "ssr")]
use sea_orm::entity::prelude::StringLen;
use serde::{Deserialize, Serialize};

use crate::visibility::Role;

/// What anyone may know of a school: enough to choose it and to sign in to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformSummary {
    pub slug: String,
    pub name: String,
    pub city: String,
}

/// Why a new password is refused. Each has its own message for the person choosing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    TooCommon,
    SameAsUsername,
    SameAsOtherPerson,
    Mismatch,
    /// The new password equals the current one (a start password must really change).
    Unchanged,
    /// The current password, asked before any change, is not right.
    WrongCurrent,
}

/// The signed-in person, as the pages see them. The e-mail address is their own, shown only to them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub first_name: String,
    pub display_name: String,
    /// moeder, vader, …; none for the pupil and staff.
    pub relation: Option<String>,
    pub username: String,
    pub school: PlatformSummary,
    pub email: Option<String>,
    pub email_confirmed: bool,
    pub must_change_password: bool,
    pub role: Role,
    /// For a co-account: the child whose modules it sees now.
    pub child: Option<Pupil>,
    /// For a co-account: every child of its family (its own first), for the photo switcher.
    pub children: Vec<Pupil>,
    /// Unread messages in the inbox (for a parent: of the selected child's co-account).
    pub unread_messages: u64,
    /// Whether a new message is announced by mail.
    pub notify_messages: bool,
}

/// A pupil as the modules name them: the child a parent sees, or the pupil a teacher looks up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pupil {
    /// The pupil's stable public id; staff pass it to look at one pupil.
    pub id: String,
    pub first_name: String,
    pub display_name: String,
    pub class: Option<String>,
    pub photo: Option<String>,
    pub school: PlatformSummary,
}

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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    /// "08:25", school-local.
    pub starts: String,
    pub ends: String,
    pub course: String,
    pub teacher: String,
    pub room: String,
    pub topic: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub kind: AgendaKind,
    pub due_on: NaiveDate,
    pub course: String,
    pub title: String,
    pub description: String,
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
    pub points: f64,
    pub max: f64,
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absence {
    pub day: NaiveDate,
    /// "vm" (morning) or "nm" (afternoon).
    pub half: String,
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

/// The folders of a mailbox.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Folder {
    #[default]
    Inbox,
    Sent,
    Drafts,
    Archive,
    Trash,
}

impl Folder {
    pub const ALL: [Folder; 5] = [
        Folder::Inbox,
        Folder::Sent,
        Folder::Drafts,
        Folder::Archive,
        Folder::Trash,
    ];

    /// How the folder is stored.
    pub fn code(self) -> &'static str {
        match self {
            Folder::Inbox => "inbox",
            Folder::Sent => "sent",
            Folder::Drafts => "drafts",
            Folder::Archive => "archive",
            Folder::Trash => "trash",
        }
    }

    /// How the folder appears in the address (`/berichten?map=verzonden`).
    pub fn slug(self) -> &'static str {
        match self {
            Folder::Inbox => "postvak-in",
            Folder::Sent => "verzonden",
            Folder::Drafts => "concepten",
            Folder::Archive => "archief",
            Folder::Trash => "prullenbak",
        }
    }

    pub fn from_code(code: &str) -> Option<Folder> {
        Folder::ALL.into_iter().find(|folder| folder.code() == code)
    }

    /// Unknown or missing slugs open the inbox.
    pub fn from_slug(slug: Option<&str>) -> Folder {
        Folder::ALL
            .into_iter()
            .find(|folder| Some(folder.slug()) == slug)
            .unwrap_or_default()
    }

    pub fn label(self) -> crate::i18n::Key {
        use crate::i18n::Key;
        match self {
            Folder::Inbox => Key::FolderInbox,
            Folder::Sent => Key::FolderSent,
            Folder::Drafts => Key::FolderDrafts,
            Folder::Archive => Key::FolderArchive,
            Folder::Trash => Key::FolderTrash,
        }
    }
}

/// One line of a folder's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxRow {
    /// The mailbox entry's public id: the address of this copy of the message.
    pub id: String,
    pub sender: String,
    pub to_label: String,
    pub subject: String,
    /// School-local date and time it was sent (or, for a draft, saved).
    pub at: chrono::NaiveDateTime,
    pub read: bool,
    pub flagged: bool,
    pub attachments: bool,
}

/// One page of a folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxPage {
    pub folder: Folder,
    pub search: Option<String>,
    /// 1-based.
    pub page: u64,
    pub has_next: bool,
    pub rows: Vec<MailboxRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub id: String,
    pub file_name: String,
    pub size: i64,
}

/// One message as its reader sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: String,
    pub folder: Folder,
    pub sender: String,
    pub to_label: String,
    pub subject: String,
    pub at: chrono::NaiveDateTime,
    /// Sanitised HTML; remote images only when the reader asked for them.
    pub body_html: String,
    /// The body refers to images elsewhere that were left out.
    pub remote_images_blocked: bool,
    pub attachments: Vec<AttachmentInfo>,
    pub read: bool,
    pub flagged: bool,
    pub draft: bool,
}

/// The school's important addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressKind {
    Secretariaat,
    Directie,
    Zorg,
}

impl AddressKind {
    pub const ALL: [AddressKind; 3] = [
        AddressKind::Secretariaat,
        AddressKind::Directie,
        AddressKind::Zorg,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AddressKind::Secretariaat => "secretariaat",
            AddressKind::Directie => "directie",
            AddressKind::Zorg => "zorg",
        }
    }
}

/// Who a recipient choice reaches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecipientKind {
    Address(AddressKind),
    Teacher {
        name: String,
        class_teacher: bool,
        courses: Vec<String>,
    },
    Class(String),
    ClassParents(String),
    Pupil {
        name: String,
    },
    /// Every co-account of one pupil.
    Parents {
        pupil: String,
    },
    CoAccount {
        name: String,
        relation: Option<String>,
        pupil: String,
    },
    /// Someone who wrote to this mailbox before.
    Person(String),
}

impl RecipientKind {
    pub fn label(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{t, Key};
        match self {
            RecipientKind::Address(kind) => t(
                lang,
                match kind {
                    AddressKind::Secretariaat => Key::AddressSecretariaat,
                    AddressKind::Directie => Key::AddressDirectie,
                    AddressKind::Zorg => Key::AddressZorg,
                },
            )
            .to_owned(),
            RecipientKind::Teacher {
                name,
                class_teacher,
                courses,
            } => {
                let mut roles = Vec::new();
                if *class_teacher {
                    roles.push(t(lang, Key::ClassTeacher).to_owned());
                }
                roles.extend(courses.iter().cloned());
                if roles.is_empty() {
                    name.clone()
                } else {
                    format!("{name} ({})", roles.join(", "))
                }
            }
            RecipientKind::Class(class) => format!("{} {class}", t(lang, Key::ClassWord)),
            RecipientKind::ClassParents(class) => {
                format!("{} {class}", t(lang, Key::ParentsOfClass))
            }
            RecipientKind::Pupil { name } => name.clone(),
            RecipientKind::Parents { pupil } => format!("{} {pupil}", t(lang, Key::ParentsOf)),
            RecipientKind::CoAccount {
                name,
                relation,
                pupil,
            } => match relation {
                Some(relation) => format!("{name} ({relation} {} {pupil})", t(lang, Key::Of)),
                None => format!("{name} ({pupil})"),
            },
            RecipientKind::Person(name) => name.clone(),
        }
    }
}

/// How the compose form groups the recipients.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecipientGroup {
    School,
    Teachers,
    Class(String),
    Earlier,
}

/// A recipient the caller may choose: `key` is what the form sends back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientOption {
    pub key: String,
    pub kind: RecipientKind,
    pub group: RecipientGroup,
}

/// What the compose page starts from: a new message, a reply, a forward or a saved draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComposeForm {
    pub recipients: Vec<RecipientOption>,
    pub chosen: Vec<String>,
    pub subject: String,
    pub body: String,
    /// The draft being edited (mailbox entry id).
    pub draft: Option<String>,
    /// The message being forwarded (mailbox entry id): its attachments go along.
    pub forward: Option<String>,
    pub attachments: Vec<AttachmentInfo>,
}

/// Where the booking window of a conference moment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BookingWindow {
    NotYetOpen,
    Open,
    Closed,
}

/// A conference moment (oudercontact) as everyone sees it. Times are school-local.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    pub id: String,
    pub title: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// "16:00".
    pub day_starts: String,
    pub day_ends: String,
    pub slot_minutes: i32,
    pub gap_minutes: i32,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub online: bool,
    pub window: BookingWindow,
    pub classes: Vec<String>,
}

/// A free slot to book.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeSlot {
    pub id: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

/// A booked talk as the parents see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub id: String,
    pub moment: String,
    pub child: String,
    pub teacher: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub topic: Option<String>,
    pub online: bool,
    pub booked_by: String,
    /// The window is open: the booking may still be cancelled.
    pub can_cancel: bool,
}

/// One teacher of the selected child in one moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeacherSlots {
    pub teacher: String,
    pub class_teacher: bool,
    pub courses: Vec<String>,
    /// The child's talk with this teacher, if booked.
    pub booking: Option<Booking>,
    pub free: Vec<FreeSlot>,
}

/// One slot of a suggested series of consecutive talks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestedTalk {
    pub slot: String,
    pub child_id: String,
    pub child: String,
    pub teacher: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentMoment {
    pub moment: Moment,
    pub teachers: Vec<TeacherSlots>,
    /// Back-to-back talks with the teachers not booked yet, across the family's children.
    pub suggestion: Vec<SuggestedTalk>,
}

/// Oudercontact for a parent: the selected child's moments and the family's bookings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentOudercontact {
    pub child: Pupil,
    pub moments: Vec<ParentMoment>,
    /// The bookings of every child of the family, in time order.
    pub bookings: Vec<Booking>,
}

/// A teacher's hours on one day of a moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayHours {
    pub starts: String,
    pub ends: String,
    pub break_starts: Option<String>,
    pub break_ends: Option<String>,
}

/// One line of a teacher's schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleLine {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    /// The child (with class), the parent who booked and the topic; none for a free slot.
    pub child: Option<String>,
    pub parent: Option<String>,
    pub topic: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleDay {
    pub day: NaiveDate,
    pub hours: Option<DayHours>,
    pub lines: Vec<ScheduleLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeacherMoment {
    pub moment: Moment,
    pub days: Vec<ScheduleDay>,
}

/// A moment in the organiser's list, with how full it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisedMoment {
    pub moment: Moment,
    pub slots: u64,
    pub booked: u64,
    /// The teachers of the invited classes, each with their own fill, so the organiser sees who
    /// has not given hours yet.
    pub teachers: Vec<TeacherFill>,
}

/// One teacher's part of a moment: their talks and how many are booked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeacherFill {
    pub teacher: String,
    pub slots: u64,
    pub booked: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassChoice {
    pub id: i32,
    pub name: String,
}

/// Oudercontact as each role sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Oudercontact {
    Parent(ParentOudercontact),
    Teacher(Vec<TeacherMoment>),
    Admin {
        moments: Vec<OrganisedMoment>,
        classes: Vec<ClassChoice>,
    },
}
