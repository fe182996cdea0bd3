//! Reusable pieces of the interface.

mod layout;
mod password_field;

pub use layout::Layout;
pub use password_field::PasswordField;
