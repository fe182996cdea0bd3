//! What the Beheer pages show: the school's pupils with their people, an import's preview, the
//! audit log.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{FileProblem, PublicId, RowError, RowProblem};
use crate::i18n::{fill, t, Key, Lang};

/// Where a person stands, as an admin needs to know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PersonState {
    /// Created, but no letter and no activation yet: cannot sign in.
    NoPassword,
    /// A letter was made; its start password has not been used.
    StartPassword,
    Active,
    Locked,
    Disabled,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    pub id: PublicId,
    pub idx: i16,
    pub name: String,
    pub relation: Option<String>,
    pub state: PersonState,
    pub email: Option<String>,
    pub email_confirmed: bool,
    /// School time.
    pub last_sign_in: Option<NaiveDateTime>,
    pub letter_at: Option<NaiveDateTime>,
    /// What the admin wrote when disabling.
    pub disabled_reason: Option<String>,
    /// Disabled because the pupil was no longer in the school's export.
    pub left_school: bool,
    /// A co-account an admin removed: kept, out of use.
    pub removed: bool,
    /// A person an admin erased.
    pub erased: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PupilRow {
    pub username: String,
    pub class: Option<String>,
    pub external_id: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// The maximum of co-accounts raised for this pupil; none follows the school.
    pub max_co_accounts: Option<i32>,
    /// The pupil first (index 0), then the co-accounts.
    pub people: Vec<PersonRow>,
}

impl PupilRow {
    pub fn name(&self) -> String {
        self.people
            .first()
            .map(|pupil| pupil.name.clone())
            .unwrap_or_default()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassOption {
    pub id: i32,
    pub name: String,
    pub pupils: u64,
}

/// One page of the pupil list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PupilPage {
    pub rows: Vec<PupilRow>,
    /// Pupils that match the search and filter, on every page together.
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    pub classes: Vec<ClassOption>,
}

/// The first page of Beheer: the school in numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeheerOverview {
    pub school: String,
    pub pupils: u64,
    pub classes: u64,
    pub co_accounts: u64,
    /// People who can not sign in yet: no letter made and no password chosen.
    pub without_password: u64,
    pub max_co_accounts: i32,
    /// Mail to the school's people that was given up after its attempts, newest first.
    pub undelivered: Vec<UndeliveredMail>,
}

/// A mail to one of the school's people that could not be delivered: to whom, since when, how
/// often it was tried and why it failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UndeliveredMail {
    pub address: String,
    /// The person it was written for.
    pub person: String,
    /// School time.
    pub given_up_at: NaiveDateTime,
    pub attempts: i32,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedPupil {
    pub line: usize,
    pub username: String,
    pub name: String,
    pub class: String,
    pub parents: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovedPupil {
    pub username: String,
    pub name: String,
    pub from: Option<String>,
    pub to: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeavingPupil {
    pub username: String,
    pub name: String,
    pub class: Option<String>,
}

/// What confirming an uploaded pupil export would change; nothing is written yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub draft: String,
    pub file_name: String,
    /// Names this exact plan: a confirmation of an older preview is refused.
    pub fingerprint: String,
    /// The whole file was refused.
    pub problem: Option<FileProblem>,
    pub errors: Vec<RowError>,
    pub new_pupils: Vec<PlannedPupil>,
    pub moved: Vec<MovedPupil>,
    /// Pupils who were disabled as leavers and are in the file again.
    pub returning: Vec<MovedPupil>,
    pub leaving: Vec<LeavingPupil>,
    pub new_classes: Vec<String>,
    pub new_co_accounts: usize,
    /// Parent rows beyond the school's maximum of co-accounts: not created.
    pub over_maximum: usize,
    pub unchanged: usize,
}

impl ImportPreview {
    /// Whether confirming may write: a readable file without a bad row.
    pub fn can_confirm(&self) -> bool {
        self.problem.is_none() && self.errors.is_empty()
    }

    pub fn changes_anything(&self) -> bool {
        !(self.new_pupils.is_empty()
            && self.moved.is_empty()
            && self.returning.is_empty()
            && self.leaving.is_empty()
            && self.new_co_accounts == 0)
    }
}

/// What an import wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub new_pupils: usize,
    pub new_co_accounts: usize,
    pub moved: usize,
    pub returning: usize,
    pub left: usize,
}

/// A Beheer action in the audit log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    CreatePlatform,
    Import,
    Letters,
    NewStartPassword,
    Disable,
    Enable,
    Activations,
    Settings,
    AddStaff,
    AddClass,
    ClassTeacher,
    AddCourse,
    CourseTeacher,
    AddPupil,
    AddCoAccount,
    Relation,
    RemoveCoAccount,
    PupilMaximum,
    Erase,
    RetryMail,
}

impl AuditAction {
    pub const ALL: [AuditAction; 20] = [
        AuditAction::CreatePlatform,
        AuditAction::Import,
        AuditAction::Letters,
        AuditAction::NewStartPassword,
        AuditAction::Disable,
        AuditAction::Enable,
        AuditAction::Activations,
        AuditAction::Settings,
        AuditAction::AddStaff,
        AuditAction::AddClass,
        AuditAction::ClassTeacher,
        AuditAction::AddCourse,
        AuditAction::CourseTeacher,
        AuditAction::AddPupil,
        AuditAction::AddCoAccount,
        AuditAction::Relation,
        AuditAction::RemoveCoAccount,
        AuditAction::PupilMaximum,
        AuditAction::Erase,
        AuditAction::RetryMail,
    ];

    /// The word stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::CreatePlatform => "create-platform",
            AuditAction::Import => "import",
            AuditAction::Letters => "letters",
            AuditAction::NewStartPassword => "new-start-password",
            AuditAction::Disable => "disable",
            AuditAction::Enable => "enable",
            AuditAction::Activations => "activations",
            AuditAction::Settings => "settings",
            AuditAction::AddStaff => "add-staff",
            AuditAction::AddClass => "add-class",
            AuditAction::ClassTeacher => "class-teacher",
            AuditAction::AddCourse => "add-course",
            AuditAction::CourseTeacher => "course-teacher",
            AuditAction::AddPupil => "add-pupil",
            AuditAction::AddCoAccount => "add-co-account",
            AuditAction::Relation => "relation",
            AuditAction::RemoveCoAccount => "remove-co-account",
            AuditAction::PupilMaximum => "pupil-maximum",
            AuditAction::Erase => "erase",
            AuditAction::RetryMail => "retry-mail",
        }
    }

    pub fn from_code(code: &str) -> Option<AuditAction> {
        AuditAction::ALL
            .into_iter()
            .find(|action| action.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// School time.
    pub at: NaiveDateTime,
    /// The admin's name; none for the command line.
    pub actor: Option<String>,
    pub action: Option<AuditAction>,
    pub subject: String,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    pub page: u64,
    pub pages: u64,
}

/// One letter with a start password, as it is printed for one person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub school: String,
    /// The platform's sign-in address.
    pub address: String,
    pub username: String,
    /// The person the letter is for.
    pub person: String,
    pub pupil: String,
    pub class: Option<String>,
    /// For a co-account: moeder, vader, …
    pub relation: Option<String>,
    pub co_account: bool,
    pub start_password: String,
}

impl ImportSummary {
    /// The summary in the address of the page that shows it.
    pub fn query(&self) -> String {
        format!(
            "nieuw={}&ouders={}&verhuisd={}&terug={}&vertrokken={}",
            self.new_pupils, self.new_co_accounts, self.moved, self.returning, self.left
        )
    }

    pub fn read(get: impl Fn(&str) -> Option<String>) -> Option<ImportSummary> {
        let number = |name: &str| get(name).and_then(|value| value.parse().ok());
        Some(ImportSummary {
            new_pupils: number("nieuw")?,
            new_co_accounts: number("ouders").unwrap_or_default(),
            moved: number("verhuisd").unwrap_or_default(),
            returning: number("terug").unwrap_or_default(),
            left: number("vertrokken").unwrap_or_default(),
        })
    }
}

impl FileProblem {
    /// The problem in the address of the import page.
    pub fn query(&self) -> String {
        match self {
            FileProblem::Empty => "probleem=leeg".to_owned(),
            FileProblem::TooLarge => "probleem=te-groot".to_owned(),
            FileProblem::NotText => "probleem=geen-tekst".to_owned(),
            FileProblem::NotCsv => "probleem=geen-csv".to_owned(),
            FileProblem::MissingColumns(columns) => {
                format!("probleem=kolommen&kolommen={}", columns.join(","))
            }
            FileProblem::NoRows => "probleem=geen-rijen".to_owned(),
        }
    }

    pub fn read(get: impl Fn(&str) -> Option<String>) -> Option<FileProblem> {
        Some(match get("probleem")?.as_str() {
            "leeg" => FileProblem::Empty,
            "te-groot" => FileProblem::TooLarge,
            "geen-tekst" => FileProblem::NotText,
            "geen-csv" => FileProblem::NotCsv,
            "geen-rijen" => FileProblem::NoRows,
            "kolommen" => FileProblem::MissingColumns(
                get("kolommen")
                    .unwrap_or_default()
                    .split(',')
                    .filter(|column| !column.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            _ => return None,
        })
    }
}

impl FileProblem {
    /// What the admin reads about the file.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            FileProblem::MissingColumns(columns) => {
                fill(lang, Key::FileMissingColumns, &[&columns.join(", ")])
            }
            problem => t(lang, problem.key()).to_owned(),
        }
    }

    /// The message without the names of missing columns (for the error that crosses the wire).
    pub fn key(&self) -> Key {
        match self {
            FileProblem::Empty => Key::FileEmpty,
            FileProblem::TooLarge => Key::FileTooLargeImport,
            FileProblem::NotText => Key::FileNotText,
            FileProblem::NotCsv => Key::FileNotCsv,
            FileProblem::MissingColumns(_) => Key::FileColumnsWrong,
            FileProblem::NoRows => Key::FileNoRows,
        }
    }
}

impl RowProblem {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            RowProblem::Missing(column) => fill(lang, Key::RowMissing, &[column]),
            RowProblem::BadDate(text) => fill(lang, Key::RowBadDate, &[text]),
            RowProblem::BadEmail(text) => fill(lang, Key::RowBadEmail, &[text]),
            RowProblem::DuplicateId { id, first_line } => {
                fill(lang, Key::RowDuplicateId, &[id, &first_line.to_string()])
            }
            RowProblem::ParentWithoutName(parent) => {
                fill(lang, Key::RowParentWithoutName, &[&parent.to_string()])
            }
            RowProblem::FieldCount => t(lang, Key::RowFieldCount).to_owned(),
        }
    }
}

impl PersonState {
    pub fn key(self) -> Key {
        match self {
            PersonState::NoPassword => Key::StateNoPassword,
            PersonState::StartPassword => Key::StateStartPassword,
            PersonState::Active => Key::StateActive,
            PersonState::Locked => Key::StateLocked,
            PersonState::Disabled => Key::StateDisabled,
        }
    }
}

impl AuditAction {
    pub fn key(self) -> Key {
        match self {
            AuditAction::CreatePlatform => Key::AuditCreatePlatform,
            AuditAction::Import => Key::AuditImport,
            AuditAction::Letters => Key::AuditLetters,
            AuditAction::NewStartPassword => Key::AuditNewStartPassword,
            AuditAction::Disable => Key::AuditDisable,
            AuditAction::Enable => Key::AuditEnable,
            AuditAction::Activations => Key::AuditActivations,
            AuditAction::Settings => Key::AuditSettings,
            AuditAction::AddStaff => Key::AuditAddStaff,
            AuditAction::AddClass => Key::AuditAddClass,
            AuditAction::ClassTeacher => Key::AuditClassTeacher,
            AuditAction::AddCourse => Key::AuditAddCourse,
            AuditAction::CourseTeacher => Key::AuditCourseTeacher,
            AuditAction::AddPupil => Key::AuditAddPupil,
            AuditAction::AddCoAccount => Key::AuditAddCoAccount,
            AuditAction::Relation => Key::AuditRelation,
            AuditAction::RemoveCoAccount => Key::AuditRemoveCoAccount,
            AuditAction::PupilMaximum => Key::AuditPupilMaximum,
            AuditAction::Erase => Key::AuditErase,
            AuditAction::RetryMail => Key::AuditRetryMail,
        }
    }
}

/// A teacher or admin of the school.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRow {
    pub username: String,
    pub admin: bool,
    pub person: PersonRow,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseRow {
    pub id: i32,
    pub name: String,
    /// The teacher's username.
    pub teacher: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRow {
    pub id: i32,
    pub name: String,
    /// The class teacher's username.
    pub teacher: Option<String>,
    pub pupils: u64,
    pub courses: Vec<CourseRow>,
}

/// The school as Beheer sets it up: its settings, its staff, its classes with their courses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolSetup {
    pub max_co_accounts: i32,
    /// Each school address with the username of the staff member it reaches.
    pub addresses: Vec<(super::AddressKind, Option<String>)>,
    pub staff: Vec<StaffRow>,
    pub classes: Vec<ClassRow>,
}
