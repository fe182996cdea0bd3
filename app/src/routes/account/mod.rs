//! The pages of the account flows: the start page, the password and e-mail address, and the
//! links from mails. Every form posts to a server function and works without wasm.

mod access;
mod change_password;
mod confirm_email;
mod done;
mod email;
mod forgot_password;
mod notifications;
mod reactivate;
mod reset_password;
mod start;

pub use access::AccessPage;
pub use change_password::ChangePasswordPage;
pub use confirm_email::ConfirmEmailPage;
pub use done::DonePage;
pub use email::EmailPage;
pub use forgot_password::ForgotPasswordPage;
pub use notifications::NotificationsPage;
pub use reactivate::ReactivatePage;
pub use reset_password::ResetPasswordPage;
pub use start::StartPage;
