//! The pages, one per file: each imports components, functions and models, never another page.

mod account;
mod agenda;
mod beheer;
mod calendar_feeds;
mod courses;
mod documents;
mod family;
mod help;
mod home;
mod live_sessions;
mod login;
mod lvs;
mod messages;
mod not_found;
mod oudercontact;
mod result_detail;
mod results;
mod teaching;

pub use account::{
    AccessPage, ChangePasswordPage, ConfirmEmailPage, DonePage, EmailPage, ForgotPasswordPage,
    NotificationsPage, ReactivatePage, ResetPasswordPage, StartPage,
};
pub use agenda::AgendaPage;
pub use beheer::{
    AuditLogPage, BeheerPage, BeheerPupilPage, BeheerPupilsPage, ImportPage, SchoolSetupPage,
};
pub use calendar_feeds::CalendarFeedsPage;
pub use courses::CoursesPage;
pub use documents::DocumentsPage;
pub use family::{AddChildrenPage, MyChildrenPage};
pub use help::HelpPage;
pub use home::HomePage;
pub use live_sessions::LiveSessionsPage;
pub use login::LoginPage;
pub use lvs::LvsPage;
pub use messages::{ComposePage, MessagePage, MessagesPage};
pub use not_found::NotFound;
pub use oudercontact::{OudercontactPage, SchedulePrintPage};
pub use result_detail::ResultDetailPage;
pub use results::ResultsPage;
pub use teaching::{
    ClassAbsencesPage, ClassPage, ClassResultsPage, ClassesPage, EvaluationsPage, LivePlanPage,
    MaterialsPage, PlanPage, ScoreGridPage,
};
