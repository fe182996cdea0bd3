//! One module per page.

mod error;
mod help;
mod home;
mod login;

pub use error::{ErrorContent, NotFound};
pub use help::HelpPage;
pub use home::HomePage;
pub use login::LoginPage;
