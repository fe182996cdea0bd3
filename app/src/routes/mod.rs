//! One module per page.

mod account;
mod error;
mod help;
mod home;
mod login;
mod messages;
mod modules;
mod oudercontact;

pub use account::{
    ChangePasswordPage, ConfirmEmailPage, DonePage, EmailPage, ForgotPasswordPage, ReactivatePage,
    ResetPasswordPage, StartPage,
};
pub use error::{ErrorContent, NotFound};
pub use help::HelpPage;
pub use home::HomePage;
pub use login::LoginPage;
pub use messages::{ComposePage, MessagePage, MessagesPage};
pub use modules::{
    AddChildrenPage, AgendaPage, CoursesPage, DocumentsPage, LiveSessionsPage, LvsPage,
    MyChildrenPage, ResultDetailPage, ResultsPage,
};
pub use oudercontact::{OudercontactPage, SchedulePrintPage};
